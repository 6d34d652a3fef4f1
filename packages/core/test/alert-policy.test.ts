/**
 * Alert policy (issue 20 item 7): the recommended action from Pc, time to TCA and data quality, and which
 * transitions are pushed. Oracle: the rules written in docs/design/alert-policy-and-coordination.md, checked case by
 * case at and around each threshold.
 */
import { describe, expect, it } from 'vitest';
import { classifyTransition, DEFAULT_PUSH_POLICY, pcBand, recommendedAction, type ActionInput } from '../src/index.ts';

const T = { redPc: 1e-4, yellowPc: 1e-7, yellowMissKm: 1 };
const day = 86_400;
const good = (pc: number, timeToTcaS: number, missDistanceKm = 0.5): ActionInput => ({ pc, missDistanceKm, timeToTcaS, covarianceSource: 'cdm', elementAgeDays: 1 });

describe('recommended action (design rules of docs/design/alert-policy-and-coordination.md)', () => {
  it('red Pc: maneuver-now inside 1 day of TCA, plan-maneuver before', () => {
    expect(recommendedAction(good(2e-4, day), T).action).toBe('maneuver-now');
    expect(recommendedAction(good(2e-4, day + 1), T).action).toBe('plan-maneuver');
    expect(recommendedAction(good(1e-4, 5 * day), T).action).toBe('plan-maneuver');
    expect(recommendedAction(good(2e-4, 5 * day), T).dataQuality).toBe('good');
  });

  it('red Pc on degraded data (assumed covariance or stale elements) far from TCA asks for better data first', () => {
    const assumed: ActionInput = { ...good(2e-4, 4 * day), covarianceSource: 'default' };
    const r = recommendedAction(assumed, T);
    expect(r.action).toBe('monitor');
    expect(r.dataQuality).toBe('degraded');
    expect(r.reasons.join(' ')).toMatch(/assumed/);
    expect(recommendedAction({ ...assumed, timeToTcaS: 3 * day }, T).action).toBe('plan-maneuver');
    expect(recommendedAction({ ...assumed, timeToTcaS: 0.5 * day }, T).action).toBe('maneuver-now');
    const stale: ActionInput = { ...good(2e-4, 4 * day), elementAgeDays: 3.5 };
    expect(recommendedAction(stale, T).action).toBe('monitor');
    expect(recommendedAction({ ...stale, elementAgeDays: 3 }, T).action).toBe('plan-maneuver');
  });

  it('yellow (Pc or miss distance) is monitor, below is none, a passed TCA is none', () => {
    expect(recommendedAction(good(1e-7, 2 * day, 5), T).action).toBe('monitor');
    expect(recommendedAction(good(9.9e-8, 2 * day, 0.99), T).action).toBe('monitor');
    expect(recommendedAction(good(9.9e-8, 2 * day, 1), T).action).toBe('none');
    expect(recommendedAction(good(1e-2, 0), T).action).toBe('none');
    expect(recommendedAction(good(1e-2, -10), T).action).toBe('none');
    expect(recommendedAction(good(1e-2, Number.NaN), T).action).toBe('none');
  });
});

describe('push policy (default: red, escalations, action changes; yellow stays on the board)', () => {
  it('Pc band is the decade of Pc', () => {
    expect(pcBand(1e-4)).toBe(-4);
    expect(pcBand(9.99e-5)).toBe(-5);
    expect(pcBand(3e-3)).toBe(-3);
    expect(pcBand(0)).toBe(-Infinity);
  });

  it('a new yellow event is recorded but not pushed; a new red one is pushed', () => {
    const y = classifyTransition({ previous: undefined, next: { level: 'yellow', pc: 1e-6, action: 'monitor' } });
    expect(y).toEqual({ record: true, push: false, reasons: ['level'] });
    const r = classifyTransition({ previous: undefined, next: { level: 'red', pc: 1e-3, action: 'monitor' } });
    expect(r.push).toBe(true);
  });

  it('yellow → red pushes; red → yellow is recorded only; a red Pc rising a decade pushes; same band does not', () => {
    expect(classifyTransition({ previous: { level: 'yellow', pc: 1e-5, action: 'monitor' }, next: { level: 'red', pc: 2e-4, action: 'monitor' } }).push).toBe(true);
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'monitor' }, next: { level: 'yellow', pc: 1e-5, action: 'monitor' } })).toEqual({ record: true, push: false, reasons: ['level'] });
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'plan-maneuver' }, next: { level: 'red', pc: 1.1e-3, action: 'plan-maneuver' } })).toEqual({ record: true, push: true, reasons: ['pc-band'] });
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'plan-maneuver' }, next: { level: 'red', pc: 9e-4, action: 'plan-maneuver' } })).toEqual({ record: false, push: false, reasons: [] });
  });

  it('an action change to or from plan-maneuver/maneuver-now pushes; none ↔ monitor does not', () => {
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'monitor' }, next: { level: 'red', pc: 2e-4, action: 'plan-maneuver' } })).toEqual({ record: true, push: true, reasons: ['action'] });
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'maneuver-now' }, next: { level: 'red', pc: 2e-4, action: 'none' } }).push).toBe(true);
    expect(classifyTransition({ previous: { level: 'yellow', pc: 2e-6, action: 'none' }, next: { level: 'yellow', pc: 2e-6, action: 'monitor' } })).toEqual({ record: false, push: false, reasons: [] });
  });

  it('a tenant may choose otherwise: yellow and de-escalations pushed, or nothing but red', () => {
    const loud = { ...DEFAULT_PUSH_POLICY, yellow: true, deEscalations: true };
    expect(classifyTransition({ previous: undefined, next: { level: 'yellow', pc: 1e-6, action: 'monitor' } }, loud).push).toBe(true);
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'monitor' }, next: { level: 'yellow', pc: 1e-5, action: 'monitor' } }, loud).push).toBe(true);
    const quiet = { ...DEFAULT_PUSH_POLICY, escalations: false, actionChanges: false };
    expect(classifyTransition({ previous: { level: 'red', pc: 2e-4, action: 'monitor' }, next: { level: 'red', pc: 2e-3, action: 'plan-maneuver' } }, quiet).push).toBe(false);
  });
});
