/**
 * Low-thrust variant: a continuous tangential burn (2 mN on 300 kg: minutes of thrust, as an electric-propulsion constellation satellite)
 * reaches the target Pc in the numerical check that integrates the thrust, its duration is Δv·m/F, and its Δv is
 * within a few per cent of the impulsive along-track Δv at the same times (the burn lasts minutes, the lead time days).
 */
import { describe, expect, it } from 'vitest';
import { planAvoidance } from '../../src/index.ts';
import { syntheticConjunction, ts } from './synthetic.ts';

describe('finite tangential burn', () => {
  it('reaches the target, burn duration = Δv·m/F, close to the impulsive along-track Δv', () => {
    const input = syntheticConjunction();
    const common = { timeScales: ts, executionTimes: 5, rescreenDays: 0, massKg: 300, ispS: 1500 } as const;
    const finite = planAvoidance(input, { ...common, finiteBurn: { thrustN: 0.002 } });
    const impulsive = planAvoidance(input, { ...common, directions: ['t'] });
    expect(finite.maneuver.kind).toBe('finite');
    expect(finite.maneuver.direction).toBe('t');
    expect(finite.postPc).toBeLessThanOrEqual(1e-6);
    expect(finite.maneuver.burnDurationS!).toBeCloseTo((finite.maneuver.dvMps * 300) / 0.002, 6);
    expect(finite.maneuver.burnDurationS!).toBeGreaterThan(60);
    expect(finite.verification.corrections).toBe(0);
    expect(finite.maneuver.dvRtnMps[0]).toBe(0);
    expect(finite.maneuver.dvRtnMps[2]).toBe(0);
    const rel = Math.abs(finite.maneuver.dvMps - impulsive.maneuver.dvMps) / impulsive.maneuver.dvMps;
    console.info(`finite burn: ${finite.maneuver.dvMps.toFixed(5)} m/s over ${finite.maneuver.burnDurationS!.toFixed(1)} s vs impulsive ${impulsive.maneuver.dvMps.toFixed(5)} m/s (${(100 * rel).toFixed(2)} %)`);
    expect(rel).toBeLessThan(0.05);
  }, 60_000);
});
