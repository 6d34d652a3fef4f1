/**
 * Conjunction screening of a crewed mission (parking orbit, phasing, docked, free flight, return to entry interface)
 * against a catalog, with crewed thresholds, on the existing screening engine (screening/): the mission is one
 * ephemeris primary (GCRF samples, cubic Hermite with velocities), the catalog objects are SGP4 secondaries, as
 * launch/lcola.ts does for an ascent.
 *
 * Thresholds (documented): the ISS "pizza box", 4 km radial × 50 km along-track × 50 km cross-track centred on the
 * vehicle (half-extents 2 × 25 × 25 km, RTN), used by NASA/JSC flight operations for crewed-vehicle screening; a
 * conjunction inside it is then assessed by probability of collision, with Pc ≥ 1e-4 a maneuver (red) threshold and
 * Pc ≥ 1e-5 the yellow (heightened-attention) threshold (NASA, "ISS Debris Avoidance Maneuvers" fact sheet; NASA
 * CARA/JSC Conjunction Assessment handbook 2023 §5; Hutchinson/Bigger, NASA TM on ISS debris avoidance). Pc needs
 * the covariances of both objects, which a catalog of GP elements does not carry: this module reports the box
 * violations (the trigger for assessment); their Pc is computed by the assessment tools when covariances are
 * available. The docked station itself (and listed co-orbiting objects) is excluded.
 */
import type { ElementSet } from '../../catalog/model.ts';
import { createEphemerisInput } from '../../propagation/ephemeris/input.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/index.ts';
import type { TrajectoryInput } from '../../propagation/trajectory.ts';
import { planScreeningInputs } from '../../screening/plan.ts';
import { runScreeningPlan } from '../../screening/screen.ts';
import type { SkippedObject } from '../../screening/types.ts';
import { ArgumentError } from '../../errors/index.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { TrajectorySample } from './rendezvous.ts';

/** Catalog number given to the crewed mission's ephemeris (above the 9-digit catalog in use, below LCOLA's range). */
export const CREWED_MISSION_ID = 998000000;

/** The crewed pizza box, half-extents in RTN (km). */
export const CREWED_PIZZA_BOX_KM = { radialKm: 2, transverseKm: 25, normalKm: 25 } as const;
/** Probability thresholds of crewed conjunction assessment (module header). */
export const CREWED_PC_THRESHOLDS = { maneuver: 1e-4, yellow: 1e-5 } as const;

/** One phase of the mission: a label and GCRF samples (seconds from `reference`). */
export interface MissionPhase {
  readonly label: string;
  readonly samples: readonly TrajectorySample[];
}

export interface CrewedConjunction {
  readonly objectId: number;
  readonly objectName?: string;
  readonly phase: string;
  readonly tca: Instant;
  readonly missDistanceKm: number;
  readonly missRtnKm: readonly [number, number, number];
  readonly relativeSpeedKmS: number;
}

export interface CrewedScreeningResult {
  readonly conjunctions: CrewedConjunction[];
  readonly skipped: SkippedObject[];
  readonly objectsScreened: number;
  readonly box: typeof CREWED_PIZZA_BOX_KM;
  readonly pcThresholds: typeof CREWED_PC_THRESHOLDS;
}

/**
 * Screens the mission phases (consecutive, on one time axis from `reference`) against the catalog and extra
 * trajectories, excluding `excludeIds` (the station the vehicle docks with).
 */
export function screenCrewedMission(reference: Instant, phases: readonly MissionPhase[], catalog: readonly ElementSet[], ts: TimeScales, options: { excludeIds?: readonly number[]; extra?: readonly TrajectoryInput[] } = {}): CrewedScreeningResult {
  const nodes: { tS: number; s: [number, number, number, number, number, number]; phase: string }[] = [];
  for (const ph of phases) for (const q of ph.samples) {
    if (nodes.length > 0 && q.tS <= nodes[nodes.length - 1]!.tS + 1e-6) continue;
    nodes.push({ tS: q.tS, s: q.state, phase: ph.label });
  }
  if (nodes.length < 2) throw new ArgumentError('The mission trajectory needs at least two samples.', nodes.length);
  const t0 = nodes[0]!.tS;
  const t1 = nodes[nodes.length - 1]!.tS;
  const start = reference.plusSeconds(t0);
  const primary = createEphemerisInput({ catalogNumber: CREWED_MISSION_ID, frame: 'GCRF', epochs: nodes.map((n) => reference.plusSeconds(n.tS)), states: nodes.map((n) => n.s), interpolation: 'HERMITE', interpolationDegree: 3, source: 'crewed mission plan' }, ts);
  const exclude = new Set(options.excludeIds ?? []);
  const secondaries: TrajectoryInput[] = [...catalog.filter((e) => !exclude.has(e.catalogNumber)).map((e) => sgp4InputFrom(e, ts)), ...(options.extra ?? []).filter((x) => !exclude.has(x.catalogNumber))];
  // The engine samples the window every 20 s and never extrapolates an ephemeris: the window ends on the last whole
  // sample inside the mission (at most 20 s of the mission's end is not screened).
  const durationS = Math.floor(ts.utcClockSecondsBetween(start, reference.plusSeconds(t1)) / 20) * 20;
  if (durationS < 20) throw new ArgumentError('The mission trajectory must span at least 20 s.', durationS);
  const res = runScreeningPlan(planScreeningInputs([primary, ...secondaries], { start, durationS, volume: { kind: 'rtn-box', ...CREWED_PIZZA_BOX_KM }, primaries: [CREWED_MISSION_ID], timeScales: ts }), ts);
  const self = res.skipped.find((x) => x.catalogNumber === CREWED_MISSION_ID);
  if (self !== undefined) throw new ArgumentError(`The mission trajectory could not be screened: ${self.reason}`, self);
  const names = new Map(catalog.map((e) => [e.catalogNumber, e.objectName]));
  const phaseAt = (tS: number): string => {
    let lo = 0, hi = nodes.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid]!.tS <= tS) lo = mid;
      else hi = mid;
    }
    return nodes[lo]!.phase;
  };
  const conjunctions: CrewedConjunction[] = res.events.map((ev) => {
    const primaryFirst = ev.object1 === CREWED_MISSION_ID;
    const other = primaryFirst ? ev.object2 : ev.object1;
    const tS = ev.tca.secondsSince(reference);
    const sign = primaryFirst ? 1 : -1;
    const name = names.get(other);
    return {
      objectId: other,
      ...(name !== undefined ? { objectName: name } : {}),
      phase: phaseAt(tS),
      tca: ev.tca,
      missDistanceKm: ev.missDistanceKm,
      missRtnKm: [sign * ev.missRtnKm[0], sign * ev.missRtnKm[1], sign * ev.missRtnKm[2]] as [number, number, number],
      relativeSpeedKmS: ev.relativeSpeedKmPerS,
    };
  });
  return { conjunctions: conjunctions.sort((a, b) => a.tca.compare(b.tca)), skipped: res.skipped, objectsScreened: res.stats.objectsScreened - 1, box: CREWED_PIZZA_BOX_KM, pcThresholds: CREWED_PC_THRESHOLDS };
}

/**
 * Phases of a rendezvous plan for `screenCrewedMission`: `parking` from insertion to the first burn, then one phase
 * after each burn, named after it (`phasing-1`, …, `terminal-initiation`), on the plan's time axis (insertion epoch).
 */
export function rendezvousPhases(plan: { readonly burns: readonly { readonly label: string; readonly tS: number }[]; readonly trajectory: readonly TrajectorySample[] }): MissionPhase[] {
  const bounds = [0, ...plan.burns.map((b) => b.tS)];
  const labels = ['parking', ...plan.burns.map((b) => b.label)];
  const out: MissionPhase[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!, to = bounds[i + 1]!;
    out.push({ label: labels[i]!, samples: plan.trajectory.filter((q) => q.tS >= from && q.tS <= to) });
  }
  return out;
}

/**
 * Phases of a return for `screenCrewedMission`: `free-flight` from the start of the stay to the deorbit burn, then
 * `return` from the burn to entry interface, on the return plan's time axis (its start epoch).
 */
export function returnPhases(freeFlight: readonly TrajectorySample[], descent: readonly TrajectorySample[]): MissionPhase[] {
  const tb = descent[0]?.tS ?? Number.POSITIVE_INFINITY;
  return [
    { label: 'free-flight', samples: freeFlight.filter((q) => q.tS <= tb) },
    { label: 'return', samples: descent },
  ];
}
