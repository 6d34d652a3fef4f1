/**
 * Conjunction screening of a removal servicer's trajectory against the catalog (issue #15 item 3). The servicer's
 * ephemeris over a window of one planned mission is built from the planner's own legs: at a target between arrival and
 * departure it flies with the target (the planner's J2 ephemeris of the target), on a transfer it coasts from the
 * departure state and post-impulse velocity under J2 (the planner's propagator), sampled every `stepS`; each impulse
 * is a velocity jump between two samples 1 s apart. The ephemeris is one primary of the existing screening engine
 * (screening/, the same path as LCOLA's ephemeris primaries), screened against SGP4 element sets and optional extra
 * trajectories within a sphere stand-off.
 *
 * Each event is assigned to its phase: `transfer` (between a departure and the next arrival) or `proximity` (the
 * stay at a target: far and close approach, inspection, capture, kit installation, operations.ts). Events with the
 * servicer's own target are excluded (counted, not reported as conflicts): during the stay at that target, and in the
 * first (departure target) or last (arrival target) `proximityHours` of a transfer.
 */
import { ArgumentError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import { createEphemerisInput, type EphemerisFrame } from '../propagation/ephemeris/input.ts';
import { sgp4InputFrom } from '../propagation/sgp4/index.ts';
import type { TrajectoryInput } from '../propagation/trajectory.ts';
import { planScreeningInputs } from '../screening/plan.ts';
import { runScreeningPlan } from '../screening/screen.ts';
import type { SkippedObject } from '../screening/types.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import type { Gtoc9Debris, Gtoc9Mission } from './gtoc9/rules.ts';
import { debrisState, propagateJ2, type State } from './gtoc9/planner/ephemeris.ts';
import type { PlannedMission } from './gtoc9/planner/search.ts';
import type { ExactLeg } from './gtoc9/planner/legs.ts';

/** Catalog number given to the servicer in the screening run (above the 9-digit catalog in use, below LCOLA's). */
export const SERVICER_PRIMARY_ID = 998000000;

export interface ServicerScreenOptions {
  /** Real epoch of a plan day (MJD2000 days of the plan's scale): the identity mapping of UTC days for catalog plans, a shift for GTOC9. */
  readonly epochOf: (mjd2000: number) => Instant;
  /** Screened window, plan days (MJD2000); clipped to the mission. At most 14 days. */
  readonly fromMjd2000: number;
  readonly toMjd2000: number;
  /** Frame of the planner's states: TEME for catalog plans (SGP4 mean elements), EME2000 for GTOC9. */
  readonly frame: EphemerisFrame;
  /** Sphere stand-off, km (default 10). */
  readonly standOffKm?: number;
  /** Hours after a departure / before an arrival during which the leg's own targets are excluded (default 6). */
  readonly proximityHours?: number;
  /** Sampling of the servicer ephemeris, seconds (default 60). */
  readonly stepS?: number;
  /** Catalog number of a planner target id (default: the id itself, as catalog plans use catalog numbers). */
  readonly catalogIdOf?: (targetId: number) => number | undefined;
}

export interface ServicerConflict {
  readonly objectId: number;
  readonly objectName?: string;
  readonly tca: Instant;
  readonly tcaMjd2000: number;
  readonly missDistanceKm: number;
  readonly relativeSpeedKms: number;
  readonly phase: 'transfer' | 'proximity';
  /** Target visited (proximity) or the leg's departure and arrival targets (transfer). */
  readonly fromTarget: number;
  readonly toTarget?: number;
}

export interface ServicerScreenResult {
  readonly conflicts: ServicerConflict[];
  /** Encounters with the servicer's own target inside its proximity phases, left out of the conflicts. */
  readonly excludedOwnTarget: number;
  readonly skipped: SkippedObject[];
  readonly objectsScreened: number;
  /** Window actually screened (plan days). */
  readonly fromMjd2000: number;
  readonly toMjd2000: number;
  readonly ephemerisSamples: number;
}

interface Segment {
  readonly kind: 'transfer' | 'proximity';
  readonly t0: number;
  readonly t1: number;
  readonly from: number;
  readonly to?: number;
  /** Transfer: initial state (post-impulse). */
  readonly s0?: State;
}

function segments(m: PlannedMission): Segment[] {
  const out: Segment[] = [];
  let t = m.startMjd2000;
  let at = m.debris[0]!;
  for (const leg of m.legs) {
    out.push({ kind: 'proximity', t0: t, t1: leg.departMjd2000, from: at });
    out.push({ kind: 'transfer', t0: leg.departMjd2000, t1: leg.arriveMjd2000, from: leg.from, to: leg.to, s0: { r: leg.depart.r, v: leg.v1 } });
    t = leg.arriveMjd2000;
    at = leg.to;
  }
  out.push({ kind: 'proximity', t0: t, t1: m.endMjd2000, from: at });
  return out;
}

/** The servicer's states over [from, to] (plan days) of a mission: epochs (days) and [r, v] rows (km, km/s). */
export function servicerEphemeris(m: PlannedMission, byId: ReadonlyMap<number, Gtoc9Debris>, fromMjd2000: number, toMjd2000: number, stepS = 60): { days: number[]; states: [number, number, number, number, number, number][] } {
  const days: number[] = [];
  const states: [number, number, number, number, number, number][] = [];
  const push = (d: number, s: State): void => {
    if (days.length > 0 && d <= days[days.length - 1]! + 1e-9) return;
    days.push(d);
    states.push([...s.r, ...s.v]);
  };
  const stepD = stepS / 86400;
  for (const seg of segments(m)) {
    const a = Math.max(seg.t0, fromMjd2000), b = Math.min(seg.t1, toMjd2000);
    if (!(b > a)) continue;
    if (seg.kind === 'proximity') {
      const d = byId.get(seg.from);
      if (!d) throw new ArgumentError(`target ${seg.from} of the mission is not among the planner's targets.`, seg.from);
      for (let t = a; t < b; t += stepD) push(t, debrisState(d, t));
      push(b, debrisState(d, b));
    } else {
      // Coast from the departure (post-impulse) to a, then sample; the impulse itself is a jump over 1 s.
      let s = seg.s0!;
      let t = seg.t0;
      if (a > t) {
        s = propagateJ2(s, (a - t) * 86400);
        t = a;
      } else {
        const pre = days.length > 0 && Math.abs(days[days.length - 1]! - t) < 1e-9;
        if (pre) {
          s = propagateJ2(s, 1);
          t += 1 / 86400;
        }
      }
      push(t, s);
      while (t + stepD < b) {
        s = propagateJ2(s, stepS);
        t += stepD;
        push(t, s);
      }
      s = propagateJ2(s, (b - t) * 86400);
      push(b, s);
    }
  }
  return { days, states };
}

/** Screens the servicer's trajectory in a window of one planned mission against the catalog. */
export function screenServicer(
  mission: PlannedMission,
  byId: ReadonlyMap<number, Gtoc9Debris>,
  catalog: readonly ElementSet[],
  options: ServicerScreenOptions,
  ts: TimeScales,
  extra: readonly TrajectoryInput[] = [],
): ServicerScreenResult {
  const from = Math.max(options.fromMjd2000, mission.startMjd2000);
  const to = Math.min(options.toMjd2000, mission.endMjd2000);
  if (!(to > from)) throw new ArgumentError(`The screening window [${options.fromMjd2000}, ${options.toMjd2000}] does not overlap the mission [${mission.startMjd2000}, ${mission.endMjd2000}] (MJD2000 days).`, [options.fromMjd2000, options.toMjd2000]);
  if (to - from > 14) throw new ArgumentError(`At most 14 days of a servicer trajectory per screening; got ${(to - from).toFixed(2)} days.`, to - from);
  const standOff = options.standOffKm ?? 10;
  if (!(standOff > 0 && standOff <= 1000)) throw new ArgumentError(`The stand-off must lie in (0, 1000] km; got ${standOff}.`, standOff);
  const proxD = (options.proximityHours ?? 6) / 24;
  const eph = servicerEphemeris(mission, byId, from, to, options.stepS ?? 60);
  const start = options.epochOf(from);
  const primary = createEphemerisInput(
    { catalogNumber: SERVICER_PRIMARY_ID, frame: options.frame, epochs: eph.days.map((d) => options.epochOf(d)), states: eph.states, interpolation: 'HERMITE', interpolationDegree: 3, source: 'removal servicer (planned legs, J2)' },
    ts,
  );
  const secondaries: TrajectoryInput[] = [...catalog.map((e) => sgp4InputFrom(e, ts)), ...extra];
  const durationS = ts.utcClockSecondsBetween(start, options.epochOf(to));
  const r = runScreeningPlan(planScreeningInputs([primary, ...secondaries], { start, durationS, volume: { kind: 'sphere', radiusKm: standOff }, primaries: [SERVICER_PRIMARY_ID], timeScales: ts }), ts);
  const names = new Map(catalog.map((e) => [e.catalogNumber, e.objectName]));
  const idOf = options.catalogIdOf ?? ((id: number) => id);
  const segs = segments(mission);
  const conflicts: ServicerConflict[] = [];
  let excluded = 0;
  for (const ev of r.events) {
    const other = ev.object1 === SERVICER_PRIMARY_ID ? ev.object2 : ev.object1;
    if (other === SERVICER_PRIMARY_ID) continue;
    const tDay = from + ev.tcaOffsetS / 86400;
    const seg = segs.find((s) => tDay >= s.t0 - 1e-9 && tDay <= s.t1 + 1e-9) ?? segs[segs.length - 1]!;
    const own =
      seg.kind === 'proximity'
        ? idOf(seg.from) === other
        : (idOf(seg.from) === other && tDay - seg.t0 <= proxD) || (seg.to !== undefined && idOf(seg.to) === other && seg.t1 - tDay <= proxD);
    if (own) {
      excluded++;
      continue;
    }
    const name = names.get(other);
    conflicts.push({
      objectId: other,
      ...(name !== undefined ? { objectName: name } : {}),
      tca: ev.tca,
      tcaMjd2000: tDay,
      missDistanceKm: ev.missDistanceKm,
      relativeSpeedKms: ev.relativeSpeedKmPerS,
      phase: seg.kind,
      fromTarget: seg.from,
      ...(seg.to !== undefined ? { toTarget: seg.to } : {}),
    });
  }
  conflicts.sort((a, b) => a.tcaMjd2000 - b.tcaMjd2000);
  return { conflicts, excludedOwnTarget: excluded, skipped: r.skipped.filter((s) => s.catalogNumber !== SERVICER_PRIMARY_ID), objectsScreened: Math.max(0, r.stats.objectsScreened - 1), fromMjd2000: from, toMjd2000: to, ephemerisSamples: eph.days.length };
}

/**
 * A mission of a solution file as planned legs (for screening a solution written earlier): an event whose id repeats
 * the previous event's is a departure (its state plus ΔV starts the transfer), the next event is the arrival.
 */
export function missionFromSolution(m: Gtoc9Mission): PlannedMission {
  const ev = m.events;
  if (ev.length === 0) throw new ArgumentError('the mission has no events.', 0);
  const legs: ExactLeg[] = [];
  for (let j = 1; j + 1 < ev.length; j++) {
    const d = ev[j]!, a = ev[j + 1]!;
    if (d.id !== ev[j - 1]!.id || a.id === d.id || a.id < 0) continue;
    const v1: [number, number, number] = [d.vKms[0] + d.dvKms[0], d.vKms[1] + d.dvKms[1], d.vKms[2] + d.dvKms[2]];
    const dv1 = Math.hypot(...d.dvKms), dv2 = Math.hypot(...a.dvKms);
    legs.push({
      from: d.id,
      to: a.id,
      departMjd2000: d.epochMjd2000,
      arriveMjd2000: a.epochMjd2000,
      depart: { r: [...d.rKm], v: [...d.vKms] },
      v1,
      v2: [...a.vKms],
      arrive: { r: [...a.rKm], v: [a.vKms[0] + a.dvKms[0], a.vKms[1] + a.dvKms[1], a.vKms[2] + a.dvKms[2]] },
      dv1Kms: dv1,
      dv2Kms: dv2,
      dvKms: dv1 + dv2,
    });
  }
  const debris = [ev[0]!.id, ...legs.map((l) => l.to)];
  return { debris, legs, startMjd2000: ev[0]!.epochMjd2000, endMjd2000: ev[ev.length - 1]!.epochMjd2000, m0Kg: ev[0]!.massKg, deltaVKms: legs.reduce((s, l) => s + l.dvKms, 0), costMeur: 0 };
}
