/**
 * Clohessy–Wiltshire (1960) secular drift: an along-track Δv applied Δt before TCA on a near-circular LEO orbit moves
 * the object along track by −3·Δv·Δt (plus periodic terms of amplitude 4Δv/n, below 2 % of the secular term after a
 * day). The planner's STM map must reproduce that within 5 % for Δt ≥ 1 day, and an independent numerical propagation
 * of the maneuvered state must agree with the linear prediction within 1 % of the shift for lead times up to 2 days.
 */
import { describe, expect, it } from 'vitest';
import { NumericalPropagator, ZonalGravity, planAvoidance, rtnRows, sensitivitySamples } from '../../src/index.ts';
import { circular, syntheticConjunction, ts } from './synthetic.ts';

const tca = ts.fromUtc(2026, 3, 11, 12, 0, 0);
const a = 6378.137 + 700;
const x = circular(a, (98 * Math.PI) / 180, 0.3, 0.7);
const forces = [new ZonalGravity()];
const dvKmS = 1e-5; // 1 cm/s along track
const leadsDays = [0.5, 1, 1.5, 2, 3];
const samples = sensitivitySamples(tca, x, leadsDays.map((d) => -d * 86400), forces, ts);
const Rtca = rtnRows(x);

describe('CW secular along-track drift vs the planner STM', () => {
  it('shift = −3·Δv·Δt within 5 % for Δt ≥ 1 day', () => {
    let worst = 0;
    leadsDays.forEach((d, k) => {
      if (d < 1) return;
      const D = samples.dvToTca.subarray(9 * k, 9 * k + 9);
      const dr = [D[1]! * dvKmS, D[4]! * dvKmS, D[7]! * dvKmS];
      const along = dr[0]! * Rtca[3]! + dr[1]! * Rtca[4]! + dr[2]! * Rtca[5]!;
      const expected = -3 * dvKmS * d * 86400;
      const rel = Math.abs(along - expected) / Math.abs(expected);
      worst = Math.max(worst, rel);
      expect(rel, `Δt ${d} d: ${along} km vs ${expected} km`).toBeLessThan(0.05);
    });
    console.info(`CW secular: worst relative difference ${(100 * worst).toFixed(2)} % (Δt 1-3 days, 700 km circular, J2-J6 STM)`);
  });

  it('numerical propagation agrees with the linear prediction within 1 % of the shift (Δt ≤ 2 days)', () => {
    const prop = new NumericalPropagator({ timeScales: ts, forces, rtol: 1e-12, atol: 1e-9 });
    let worst = 0;
    leadsDays.forEach((d, k) => {
      if (d > 2) return;
      const x0 = Array.from(samples.states.subarray(6 * k, 6 * k + 6));
      const R = rtnRows(x0);
      const x1 = x0.slice();
      for (let i = 0; i < 3; i++) x1[3 + i] = x1[3 + i]! + dvKmS * R[3 + i]!;
      const epoch = tca.plusSeconds(-d * 86400);
      const nominal = prop.propagate({ epoch, state: x0, stop: d * 86400 }).finalState;
      const moved = prop.propagate({ epoch, state: x1, stop: d * 86400 }).finalState;
      const num = [0, 1, 2].map((i) => moved[i]! - nominal[i]!);
      const D = samples.dvToTca.subarray(9 * k, 9 * k + 9);
      const lin = [D[1]! * dvKmS, D[4]! * dvKmS, D[7]! * dvKmS];
      const err = Math.hypot(num[0]! - lin[0]!, num[1]! - lin[1]!, num[2]! - lin[2]!) / Math.hypot(...num);
      worst = Math.max(worst, err);
      expect(err, `Δt ${d} d`).toBeLessThan(0.01);
    });
    console.info(`CW numerical vs linear: worst ${(100 * worst).toFixed(3)} % of the shift (Δt 0.5-2 days, Δv 1 cm/s)`);
  });

  it("the planner's own verification reports the same agreement for its chosen maneuver", () => {
    const plan = planAvoidance(syntheticConjunction({ knownAtDaysBefore: 2 }), { timeScales: ts, directions: ['t'], executionTimes: 5, rescreenDays: 0 });
    expect(plan.maneuver.direction).toBe('t');
    expect(plan.leadTimeS).toBeLessThanOrEqual(2 * 86400 + 1);
    expect(plan.verification.linearVsNumericalKm / plan.verification.linearShiftKm).toBeLessThan(0.01);
  });
});
