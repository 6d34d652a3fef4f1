/**
 * Rendering helpers of the dashboard's avoidance view. Oracle: a trade space built by hand from a closed form
 * (Pc = 10^(−2 − 2·Δv/(1 m/s)) scaled by execution time), so the target crossing is known exactly: Pc falls to 1e-6
 * at Δv = 2/s_i m/s for row i with scale s_i.
 */
import { describe, expect, it } from 'vitest';
import { actionClass, actionLabel, logPc, planSummaryRows, targetContour, tradeSpaceHeatmap, type TradeSpaceView } from '../src/event/avoidance.ts';

const dv = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
const scales = [0.5, 1, 2];
const grid: TradeSpaceView = {
  epochs: ['2026-03-10T02:00:00.000Z', '2026-03-10T08:00:00.000Z', '2026-03-10T14:00:00.000Z'],
  dvMps: dv,
  pc: scales.map((s) => dv.map((d) => 10 ** (-2 - 2 * s * d))),
  targetPc: 1e-6,
};

describe('avoidance view helpers', () => {
  it('heatmap: one cell per (execution time, Δv) valued log10 Pc, with the colour range', () => {
    const h = tradeSpaceHeatmap(grid);
    expect(h.cells).toHaveLength(3 * 9);
    expect(h.xLabels).toEqual(['03-10 02:00Z', '03-10 08:00Z', '03-10 14:00Z']);
    expect(h.cells.find(([i, j]) => i === 1 && j === 2)![2]).toBeCloseTo(-4, 12);
    expect(h.max).toBeCloseTo(-2, 12);
    expect(h.min).toBeCloseTo(-2 - 2 * 2 * 4, 12);
  });

  it('target contour: the Δv where Pc reaches 1e-6 is 2/s m/s (exact in log10 Pc, which is linear in Δv here)', () => {
    const c = targetContour(grid, 1e-6);
    scales.forEach((s, i) => {
      const dvAt = c[i]! * 0.5; // grid step 0.5 m/s
      expect(Math.abs(dvAt - 2 / s)).toBeLessThan(1e-9);
    });
    // A row that never reaches the target: null; one that starts below it: 0.
    expect(targetContour({ ...grid, pc: [dv.map(() => 1e-3), dv.map(() => 1e-9), []] }, 1e-6)).toEqual([null, 0, null]);
  });

  it('log Pc clamps 0 and non-finite values; labels and plan rows read well', () => {
    expect(logPc(0)).toBe(-20);
    expect(logPc(Number.NaN)).toBe(-20);
    expect(logPc(1e-30)).toBe(-20);
    expect(actionLabel('plan-maneuver')).toBe('Plan maneuver');
    expect(actionLabel('maneuver-now')).toBe('Maneuver now');
    expect(actionLabel(null)).toBe('—');
    expect(actionLabel('future-thing')).toBe('future-thing');
    expect(actionClass('monitor')).toBe('action action-monitor');
    const rows = planSummaryRows({ maneuver: { epoch: '2026-03-10T08:00:00.000Z', dvRtnMps: [0, 0.123, 0], dvMps: 0.123 }, prePc: 3.2e-4, postPc: 9.9e-7, postMissKm: 1.234, leadTimeS: 86_400, propellantKg: null });
    expect(Object.fromEntries(rows)).toMatchObject({ 'Δv': '0.123 m/s', 'Pc before → after': '3.20e-4 → 9.90e-7', 'Lead time before TCA': '24.0 h', Propellant: '— (give mass and Isp)' });
  });
});
