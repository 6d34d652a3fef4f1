/**
 * Re-screening of a planned maneuver against the catalog: a deliberately bad plan — an object planted on the
 * maneuvered trajectory a day after the maneuver (30 m radial, crossing at 60°) — is caught as a new event above the
 * alert level and the plan is rejected; an object planted on the unmaneuvered trajectory instead is not new (the
 * maneuver does not create it). Catalog: 200 MEO/GEO element sets of the bundled March 2026 catalog (no other
 * encounter possible), epochs near TCA.
 */
import { describe, expect, it } from 'vitest';
import {
  MANEUVERED_ID,
  NumericalPropagator,
  PROPAGATION_TOLERANCES,
  ZonalGravity,
  createEphemerisInput,
  planAvoidanceDetailed,
  propagateTwoBody,
  type AvoidanceOptions,
  type Instant,
} from '../../src/index.ts';
import { loadCatalog } from '../screening-helpers.ts';
import { syntheticConjunction, ts } from './synthetic.ts';

type S6 = [number, number, number, number, number, number];

/** A two-body object that passes 30 m above `s` (radially) at `at`, crossing at 60°, tabulated every 60 s over [from, from + days]. */
function planted(id: number, s: ArrayLike<number>, at: Instant, from: Instant, days: number) {
  const r = Math.hypot(s[0]!, s[1]!, s[2]!);
  const R = [s[0]! / r, s[1]! / r, s[2]! / r];
  const h = [s[1]! * s[5]! - s[2]! * s[4]!, s[2]! * s[3]! - s[0]! * s[5]!, s[0]! * s[4]! - s[1]! * s[3]!];
  const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
  const N = h.map((x) => x / hn);
  const T = [N[1]! * R[2]! - N[2]! * R[1]!, N[2]! * R[0]! - N[0]! * R[2]!, N[0]! * R[1]! - N[1]! * R[0]!];
  const v = Math.hypot(s[3]!, s[4]!, s[5]!);
  const c = Math.cos(Math.PI / 3), sn = Math.sin(Math.PI / 3);
  const x0 = [0, 1, 2].map((k) => s[k]! + 0.03 * R[k]!).concat([0, 1, 2].map((k) => v * (c * T[k]! + sn * N[k]!)));
  const epochs: Instant[] = [];
  const states: S6[] = [];
  const n = Math.ceil((days * 86400) / 60);
  for (let i = 0; i <= n; i++) {
    const t = from.plusSeconds(i * 60);
    const y = propagateTwoBody(x0, t.secondsSince(at));
    epochs.push(t);
    states.push([y[0]!, y[1]!, y[2]!, y[3]!, y[4]!, y[5]!]);
  }
  return createEphemerisInput({ catalogNumber: id, frame: 'GCRF', epochs, states, interpolation: 'HERMITE', interpolationDegree: 5, source: `planted ${id}` }, ts);
}

describe('re-screening of the maneuvered trajectory', () => {
  const input = syntheticConjunction();
  const catalog = loadCatalog().filter((e) => e.meanMotionRevPerDay < 8).slice(0, 200);
  const base: AvoidanceOptions = { timeScales: ts, executionTimes: 3, directions: ['t'], rescreenDays: 4.5, catalog };

  it('catches a plan that creates a new close approach and rejects it; an approach of the unmaneuvered trajectory is not new', () => {
    const first = planAvoidanceDetailed(input, base);
    expect(first.plan.rescreening.performed).toBe(true);
    expect(first.plan.rescreening.rejected).toBe(false);
    expect(first.plan.rescreening.objectsScreened).toBeGreaterThan(150);
    const at = input.tca.plusSeconds(86400);
    const tr = first.artifacts.trajectory;
    const i = tr.epochs.findIndex((t) => Math.abs(t.secondsSince(at)) < 30);
    expect(i).toBeGreaterThan(0);
    const when = tr.epochs[i]!;
    const from = first.artifacts.maneuverEpoch;
    // The unmaneuvered state at the same time.
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new ZonalGravity()], ...PROPAGATION_TOLERANCES });
    const nominal = prop.propagate({ epoch: from, state: first.artifacts.stateAtManeuver, stop: when.secondsSince(from) }).finalState;
    const onManeuvered = planted(95001, tr.states[i]!, when, from, 4.6);
    const onNominal = planted(95002, nominal, when, from, 4.6);
    const second = planAvoidanceDetailed(input, { ...base, rescreenExtra: [onManeuvered, onNominal] });
    expect(second.plan.maneuver).toEqual(first.plan.maneuver);
    const rs = second.plan.rescreening;
    const bad = rs.events.find((e) => e.objectId === 95001);
    expect(bad, JSON.stringify(rs.events)).toBeDefined();
    expect(bad!.missDistanceKm).toBeLessThan(0.05);
    expect(bad!.aboveAlert).toBe(true);
    expect(bad!.new).toBe(true);
    expect(rs.newAlerts).toBe(1);
    expect(rs.rejected).toBe(true);
    expect(second.plan.warnings.some((w) => w.startsWith('Plan rejected'))).toBe(true);
    // 95002 meets the unmaneuvered trajectory: whatever the maneuvered one does near it, it is not new.
    expect(rs.events.filter((e) => e.objectId === 95002).every((e) => !e.new)).toBe(true);
    expect(rs.events.every((e) => e.objectId !== MANEUVERED_ID)).toBe(true);
    console.info(`re-screening: planted object caught at ${bad!.missDistanceKm.toFixed(4)} km (${bad!.tca}); ${rs.events.length} events, ${rs.newAlerts} new alert`);
  }, 60_000);

  it('is skipped with a warning when the catalog epochs are far from TCA', () => {
    const far = syntheticConjunction({ tca: ts.fromUtc(2026, 9, 1) });
    const { plan } = planAvoidanceDetailed(far, { ...base, rescreenDays: 1 });
    expect(plan.rescreening.performed).toBe(false);
    expect(plan.warnings.some((w) => w.startsWith('Re-screening skipped'))).toBe(true);
  }, 30_000);
});
