/**
 * Re-screening of a planned maneuver: the maneuvered trajectory and the unmaneuvered one (both numerical, same
 * forces, as ephemerides) are screened together against the catalog for `rescreenDays` (default 7) from the
 * execution time. An event of the maneuvered trajectory alerts when its Pc (Foster 1992 with the TLE default
 * covariances of the event assessor) reaches `alertPc` (default 1e-4, the red level) or its miss is under
 * `alertMissKm` (default 0.2 km). It is *new* when the unmaneuvered trajectory has no alert with the same object;
 * the original secondary within an hour of the original TCA is the avoided event, never new. A plan with a new alert
 * is rejected. Without a catalog, or when fewer than half of its element sets lie within 30 days of TCA, the
 * re-screening is skipped with a warning.
 */
import { createEventAssessor } from '../assessment/eventAssessment.ts';
import type { ElementSet } from '../catalog/model.ts';
import { createEphemerisInput } from '../propagation/ephemeris/input.ts';
import { NumericalPropagator } from '../propagation/numerical/propagator.ts';
import { ZonalGravity } from '../propagation/numerical/zonalGravity.ts';
import { sgp4InputFrom } from '../propagation/sgp4/input.ts';
import type { TrajectoryInput } from '../propagation/trajectory.ts';
import { planScreeningInputs } from '../screening/plan.ts';
import { runScreeningPlan } from '../screening/screen.ts';
import type { Instant } from '../time/index.ts';
import type { AvoidanceInput, AvoidanceOptions, AvoidanceRescreening, RescreeningEvent } from './model.ts';

/** Catalog number given to the maneuvered trajectory during re-screening (never a real object). */
export const MANEUVERED_ID = 999_990_001;

type State6 = readonly [number, number, number, number, number, number];

/** Screens the maneuvered trajectory (and the unmaneuvered one for comparison); see the module header. */
export function rescreenManeuver(
  input: AvoidanceInput,
  options: AvoidanceOptions,
  maneuvered: { readonly epochs: readonly Instant[]; readonly states: readonly State6[] },
  stateBeforeManeuver: ArrayLike<number>,
  maneuverEpoch: Instant,
  tca: Instant,
  warnings: string[],
): AvoidanceRescreening {
  const ts = options.timeScales;
  const catalog = options.catalog;
  const skip = (reason: string): AvoidanceRescreening => {
    warnings.push(`Re-screening skipped: ${reason}`);
    return { performed: false, reason, events: [], newAlerts: 0, rejected: false };
  };
  if (catalog === undefined || catalog.length === 0) return skip('no catalog was given (use --catalog FILE, or plan in the service).');
  const near = catalog.filter((e) => Math.abs(e.epoch.secondsSince(tca)) <= 30 * 86400).length;
  if (near < catalog.length / 2) return skip(`only ${near} of ${catalog.length} catalog element sets have epochs within 30 days of TCA ${ts.formatUtcIso(tca, 0)}.`);
  const n = maneuvered.epochs.length;
  if (n < 2) return skip('the maneuvered trajectory is too short.');
  // The maneuvered table starts at the end of the burn (the ignition for an impulse): the screening starts there.
  const start = maneuvered.epochs[0]!;
  const spanS = maneuvered.epochs[n - 1]!.secondsSince(start);
  const days = Math.min(options.rescreenDays ?? 7, spanS / 86400);
  const P = input.primary.catalogNumber;
  // The unmaneuvered trajectory on the same epochs.
  const prop = new NumericalPropagator({ timeScales: ts, forces: options.forces ?? [new ZonalGravity()], rtol: 1e-10, atol: [1e-6, 1e-6, 1e-6, 1e-9, 1e-9, 1e-9], earthOrientationNodeS: 3600 });
  const outT = maneuvered.epochs.map((t) => t.secondsSince(maneuverEpoch));
  const nominal = prop.propagate({ epoch: maneuverEpoch, state: stateBeforeManeuver, stop: outT[n - 1]!, outputTimesS: outT });
  const nomStates: State6[] = [];
  for (let i = 0; i < n; i++) {
    const s = nominal.outputStates.subarray(6 * i, 6 * i + 6);
    nomStates.push([s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!]);
  }
  const eph = (id: number, states: readonly State6[], source: string) =>
    createEphemerisInput({ catalogNumber: id, frame: 'GCRF', epochs: maneuvered.epochs, states, interpolation: 'HERMITE', interpolationDegree: 5, source }, ts);
  const manInput = eph(MANEUVERED_ID, maneuvered.states, 'maneuvered trajectory');
  const nomInput = eph(P, nomStates, 'unmaneuvered trajectory');
  const others = catalog.filter((e) => e.catalogNumber !== P && e.catalogNumber !== MANEUVERED_ID);
  const sets0 = new Set(others.map((e) => e.catalogNumber));
  const extra = (options.rescreenExtra ?? []).filter((x) => x.catalogNumber !== P && x.catalogNumber !== MANEUVERED_ID && !sets0.has(x.catalogNumber));
  const inputs: TrajectoryInput[] = [manInput, nomInput, ...others.map((e) => sgp4InputFrom(e, ts)), ...extra];
  const radiusKm = options.rescreenRadiusKm ?? 5;
  const result = runScreeningPlan(planScreeningInputs(inputs, { start, durationS: days * 86400, volume: { kind: 'sphere', radiusKm }, primaries: [P, MANEUVERED_ID], timeScales: ts }), ts);
  const own = catalog.find((e) => e.catalogNumber === P);
  const sets = new Map<number, ElementSet>(others.map((e) => [e.catalogNumber, e]));
  if (own) {
    sets.set(P, own);
    sets.set(MANEUVERED_ID, { ...own, catalogNumber: MANEUVERED_ID });
  }
  const assess = own
    ? createEventAssessor({ timeScales: ts, elementSets: sets, trajectories: new Map<number, TrajectoryInput>([[P, nomInput], [MANEUVERED_ID, manInput]]), creationDate: maneuverEpoch, originator: 'SKYLANE' })
    : undefined;
  if (!own) warnings.push(`Object ${P} is not in the re-screening catalog: re-screened events carry no Pc (alerts by miss distance only).`);
  const alertPc = options.alertPc ?? 1e-4;
  const alertMissKm = options.alertMissKm ?? 0.2;
  const nominalAlerts = new Set<number>();
  const events: RescreeningEvent[] = [];
  for (const ev of result.events) {
    const isMan = ev.object1 === MANEUVERED_ID || ev.object2 === MANEUVERED_ID;
    const isNom = ev.object1 === P || ev.object2 === P;
    if (isMan && isNom) continue;
    const other = ev.object1 === MANEUVERED_ID || ev.object1 === P ? ev.object2 : ev.object1;
    let pc = 0;
    if (assess) {
      try {
        pc = assess(ev).pc;
      } catch {
        pc = 0;
      }
    }
    const aboveAlert = pc >= alertPc || ev.missDistanceKm < alertMissKm;
    if (isNom) {
      if (aboveAlert) nominalAlerts.add(other);
      continue;
    }
    const avoidedEvent = other === input.secondary.catalogNumber && Math.abs(ev.tca.secondsSince(tca)) < 3600;
    const name = sets.get(other)?.objectName;
    events.push({ objectId: other, ...(name !== undefined ? { objectName: name } : {}), tca: ts.formatUtcIso(ev.tca, 3), missDistanceKm: ev.missDistanceKm, pc, aboveAlert, new: false, avoidedEvent });
  }
  const final = events.map((e) => ({ ...e, new: e.aboveAlert && !e.avoidedEvent && !nominalAlerts.has(e.objectId) }));
  const newAlerts = final.filter((e) => e.new).length;
  if (newAlerts > 0) warnings.push(`Plan rejected: the maneuvered trajectory has ${newAlerts} new event(s) above the alert level (Pc ≥ ${alertPc} or miss < ${alertMissKm} km).`);
  return { performed: true, windowStart: ts.formatUtcIso(start, 3), windowDays: days, objectsScreened: result.stats.objectsScreened, events: final, newAlerts, rejected: newAlerts > 0 };
}
