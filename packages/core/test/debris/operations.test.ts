/**
 * Operations timeline per removal target. Oracles: the Clohessy-Wiltshire equations integrated numerically (RK4) for
 * the V-bar hop constant (along-track drift 6π Δv / n per orbit after a tangential impulse) and the perigee of the
 * orbit after the de-orbit burn recomputed from its state (vis-viva, angular momentum).
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, operationsTimeline } from '../../src/index.ts';

const MU = 398600.4418;

describe('operations timeline', () => {
  const a = 6378.137 + 800;
  const n = Math.sqrt(MU / a ** 3);
  const period = (2 * Math.PI) / n / 86400;
  const tl = operationsTimeline({ departDay: 100, captureDay: 102, transferDeltaVMps: 250, targetAKm: a, targetE: 0, kitDays: 5 });

  it('phases in order, contiguous, ending at capture; kit stay then de-orbit burn', () => {
    expect(tl.phases.map((p) => p.phase)).toEqual(['phasing', 'far-approach', 'close-approach', 'inspection', 'capture', 'deorbit-kit', 'deorbit-burn']);
    for (let k = 1; k < 5; k++) expect(tl.phases[k]!.startDay).toBeCloseTo(tl.phases[k - 1]!.endDay, 12);
    expect(tl.phases[4]!.endDay).toBeCloseTo(102, 12);
    expect(tl.phases[1]!.endDay - tl.phases[1]!.startDay).toBeCloseTo(3 * period, 12);
    expect(tl.compressed).toBe(false);
    expect(tl.phases[0]!.deltaVMps).toBe(250);
  });
  it('V-bar hop Δv matches the Clohessy-Wiltshire drift integrated numerically (within 0.1 %)', () => {
    // Tangential impulse dv at rest: integrate x'' = 3n²x + 2n y', y'' = −2n x' over one orbit (RK4, 20,000 steps).
    const dv = 1e-3;
    let s = [0, 0, 0, dv];
    const T = (2 * Math.PI) / n;
    const N = 20000;
    const h = T / N;
    const f = (q: number[]): number[] => [q[2]!, q[3]!, 3 * n * n * q[0]! + 2 * n * q[3]!, -2 * n * q[2]!];
    for (let k = 0; k < N; k++) {
      const k1 = f(s);
      const k2 = f(s.map((x, j) => x + (h / 2) * k1[j]!));
      const k3 = f(s.map((x, j) => x + (h / 2) * k2[j]!));
      const k4 = f(s.map((x, j) => x + h * k3[j]!));
      s = s.map((x, j) => x + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    }
    const drift = Math.abs(s[1]!);
    expect(drift / ((6 * Math.PI * dv) / n) - 1).toBeLessThan(1e-3);
    // Far approach: 3 hops of 15 km, two impulses each → 6 × 15 n / (6π) km/s.
    const far = tl.phases[1]!;
    expect(far.deltaVMps / 1000).toBeCloseTo((6 * 15 * n) / (6 * Math.PI), 12);
    console.info(`far approach ${far.deltaVMps.toFixed(2)} m/s, close approach ${tl.phases[2]!.deltaVMps.toFixed(2)} m/s`);
  });
  it('de-orbit burn leaves an orbit whose perigee is at 150 km altitude (within 1 m)', () => {
    const burn = tl.phases[6]!.deltaVMps / 1000;
    const v = Math.sqrt(MU / a) - burn;
    const energy = (v * v) / 2 - MU / a;
    const sma = -MU / (2 * energy);
    const h = a * v;
    const e = Math.sqrt(1 - (h * h) / (MU * sma));
    const perigeeAlt = sma * (1 - e) - 6378.137;
    expect(Math.abs(perigeeAlt - 150)).toBeLessThan(1e-3);
    console.info(`de-orbit burn from 800 km: ${tl.phases[6]!.deltaVMps.toFixed(1)} m/s`);
  });
  it('a leg shorter than the approach profile is compressed; bad input is a typed ArgumentError', () => {
    const short = operationsTimeline({ departDay: 0, captureDay: 0.2, transferDeltaVMps: 100, targetAKm: a, targetE: 0.001, kitDays: 5 });
    expect(short.compressed).toBe(true);
    expect(short.phases[0]!.endDay - short.phases[0]!.startDay).toBeCloseTo(0.02, 9);
    expect(() => operationsTimeline({ departDay: 1, captureDay: 1, transferDeltaVMps: 0, targetAKm: a, targetE: 0, kitDays: 5 })).toThrow(ArgumentError);
  });
});
