/** Bad input to the avoidance planner gives a typed AvoidanceError with a stable reason and a sentence, never a crash. */
import { describe, expect, it } from 'vitest';
import { AvoidanceError, avoidanceInputFromCdm, cdmFromScreening, planAvoidance, readCdmKvn, vec3, writeCdmKvn, type AvoidanceInput, type AvoidanceOptions } from '../../src/index.ts';
import { syntheticConjunction, ts } from './synthetic.ts';

function reasonOf(input: AvoidanceInput, options: Partial<AvoidanceOptions>): string {
  try {
    planAvoidance(input, { timeScales: ts, rescreenDays: 0, executionTimes: 5, ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(AvoidanceError);
    expect((e as AvoidanceError).code).toBe('ARGUMENT_INVALID');
    expect((e as Error).message.length).toBeGreaterThan(30);
    return (e as AvoidanceError).reason;
  }
  return 'no error';
}

describe('avoidance bad input', () => {
  const input = syntheticConjunction();
  it('a conjunction without covariance: NO_COVARIANCE', () => {
    expect(reasonOf({ ...input, secondary: { ...input.secondary, covarianceRtn: new Array<number>(36).fill(0) } }, {})).toBe('NO_COVARIANCE');
  });
  it('a CDM without covariance: NO_COVARIANCE from avoidanceInputFromCdm', () => {
    const o = (x: AvoidanceInput['primary']) => ({ catalogNumber: x.catalogNumber, r: vec3<'EME2000'>(...x.r), v: vec3<'EME2000'>(...x.v), elementAgeDays: 0, covarianceRtn: x.covarianceRtn });
    const written = writeCdmKvn(cdmFromScreening({ tca: input.tca, creationDate: input.knownAt, originator: 'TEST', messageId: 'T-1', object1: o(input.primary), object2: o(input.secondary) }), ts);
    const cdm = readCdmKvn(written, { timeScales: ts }).cdms[0]!;
    expect(avoidanceInputFromCdm(cdm, { hbrM: 10 }).secondary.covarianceRtn).toHaveLength(36);
    const bare = { ...cdm, object2: { ...cdm.object2, covariance: { comments: [], rtnLowerTriangle: [] } } };
    expect(() => avoidanceInputFromCdm(bare, { hbrM: 10 })).toThrow(expect.objectContaining({ reason: 'NO_COVARIANCE' }) as Error);
  });
  it('a blackout covering the whole window: BLACKOUT_COVERS_WINDOW', () => {
    expect(reasonOf(input, { blackouts: [{ start: input.knownAt.plusSeconds(-60), end: input.tca }] })).toBe('BLACKOUT_COVERS_WINDOW');
  });
  it('a target Pc above the current Pc: TARGET_ALREADY_MET', () => {
    expect(reasonOf(input, { targetPc: 1e-2 })).toBe('TARGET_ALREADY_MET');
  });
  it('an earliest time after TCA − lead time: WINDOW_EMPTY', () => {
    expect(reasonOf(input, { earliest: input.tca.plusSeconds(-600) })).toBe('WINDOW_EMPTY');
  });
  it('a target that no Δv up to the cap reaches: TARGET_UNREACHABLE', () => {
    expect(reasonOf(input, { targetPc: 1e-12, maxDvMps: 1e-4 })).toBe('TARGET_UNREACHABLE');
  });
  it('a partial blackout only removes the times inside it', () => {
    const plan = planAvoidance(input, { timeScales: ts, rescreenDays: 0, executionTimes: 5, blackouts: [{ start: input.knownAt.plusSeconds(-60), end: input.knownAt.plusSeconds(86400) }] });
    expect(plan.tradeSpace.epochs.length).toBeLessThan(5);
    expect(plan.warnings.some((w) => w.includes('blackout'))).toBe(true);
    expect(Date.parse(plan.maneuver.epoch)).toBeGreaterThan(Date.parse(ts.formatUtcIso(input.knownAt.plusSeconds(86400), 3)));
  });
});
