/**
 * Co-located pairs (docked modules, stacks, objects catalogued on one element set) and the merging of one pair's
 * close approaches within a run. Pure: the server applies both to a screening result before assessment.
 *
 * Two objects are **co-located** over a screening window when either rule holds:
 *
 * 1. `identical-elements`: their GP element sets carry the same epoch and the same mean elements and drag terms
 *    (mean motion, its two derivatives, eccentricity, inclination, RAAN, argument of perigee, mean anomaly, B*).
 *    The catalog then says they are one physical object (the ISS modules 25575, 26400, 26700 and a docked Crew
 *    Dragon carry the ISS's elements). It holds whatever either object is screened from: an operator OEM of the ISS
 *    against its modules is the same stack, whatever the OEM's offset from the element set.
 * 2. `co-moving`: sampled every `sampleStepS` over the whole window (ends included), the separation never exceeds
 *    `maxSeparationKm` (1 km), its spread max − min never exceeds `maxSeparationSpreadKm` (0.1 km) and the relative
 *    speed never exceeds `maxRelativeSpeedKmPerS` (1 m/s).
 *
 * Why these thresholds. A docked stack's objects are within its extent (the ISS: 109 m), rigidly: the separation
 * is constant and the relative speed is the rotation of the stack (< 1 cm/s). A spread ≤ 0.1 km over the window
 * bounds the mean closing speed to 0.1 km / window (≈ 1 cm/s over 3 h, 0.2 mm/s over 7 days), so no approaching
 * object, however slow, satisfies it for a window of hours or more; objects in formation flight (TanDEM-X and
 * TerraSAR-X: separation oscillating between ~0.25 and ~1 km each orbit at ~0.5 m/s) fail the spread test and stay
 * screened, as they should: their geometry changes within an orbit. The 1 km ceiling keeps the rule to objects that
 * are physically attached or berthed, not to co-orbital neighbours. The sample step (60 s, ~1/90 of a LEO orbit) sees
 * any periodic relative motion of orbital frequency with at least 90 samples per period.
 *
 * Co-located pairs are not conjunctions: their events are removed from the screening result and listed once per run.
 */
import type { ElementSet } from '../catalog/model.ts';
import { createTrajectory, isEphemerisInput } from '../propagation/trajectory.ts';
import type { ScreeningPlan } from './plan.ts';
import type { ScreeningEventData } from './types.ts';

export type CoLocationRule = 'identical-elements' | 'co-moving';

export interface CoLocationThresholds {
  /** Largest separation at any sample (km). Default 1. */
  readonly maxSeparationKm: number;
  /** Largest spread (max − min) of the separation over the window (km). Default 0.1. */
  readonly maxSeparationSpreadKm: number;
  /** Largest relative speed at any sample (km/s). Default 0.001 (1 m/s). */
  readonly maxRelativeSpeedKmPerS: number;
  /** Sample step (s). Default 60. */
  readonly sampleStepS: number;
}

export const DEFAULT_CO_LOCATION_THRESHOLDS: CoLocationThresholds = { maxSeparationKm: 1, maxSeparationSpreadKm: 0.1, maxRelativeSpeedKmPerS: 0.001, sampleStepS: 60 };

/** A co-located pair of one run, with the rule that matched and the separation measured over the window. */
export interface CoLocatedPair {
  readonly object1: number;
  readonly object2: number;
  readonly rule: CoLocationRule;
  /** Separation over the window samples (km), from the trajectories screened (an ephemeris where one was used); NaN when they could not be sampled. */
  readonly minSeparationKm: number;
  readonly maxSeparationKm: number;
  readonly maxRelativeSpeedKmPerS: number;
}

/** Whether two element sets are the same mean elements at the same epoch (rule 1). */
export function sameMeanElements(a: ElementSet, b: ElementSet): boolean {
  return (
    a.epoch.taiDay === b.epoch.taiDay &&
    a.epoch.taiSeconds === b.epoch.taiSeconds &&
    a.meanMotionRevPerDay === b.meanMotionRevPerDay &&
    a.eccentricity === b.eccentricity &&
    a.inclinationDeg === b.inclinationDeg &&
    a.raanDeg === b.raanDeg &&
    a.argOfPericenterDeg === b.argOfPericenterDeg &&
    a.meanAnomalyDeg === b.meanAnomalyDeg &&
    a.bstarPerEarthRadii === b.bstarPerEarthRadii &&
    a.meanMotionDotRevPerDay2 === b.meanMotionDotRevPerDay2 &&
    a.meanMotionDdotRevPerDay3 === b.meanMotionDdotRevPerDay3
  );
}

const elementKey = (s: ElementSet): string =>
  [s.epoch.taiDay, s.epoch.taiSeconds, s.meanMotionRevPerDay, s.eccentricity, s.inclinationDeg, s.raanDeg, s.argOfPericenterDeg, s.meanAnomalyDeg, s.bstarPerEarthRadii, s.meanMotionDotRevPerDay2, s.meanMotionDdotRevPerDay3].join('|');

/**
 * Pairs [smaller, larger catalog number] of objects with identical element sets, sorted; with `primaries`, only
 * pairs with at least one primary (the pairs a fleet screening asks about). Linear in the number of sets.
 */
export function identicalElementPairs(sets: readonly ElementSet[], primaries?: readonly number[]): [number, number][] {
  const groups = new Map<string, number[]>();
  for (const s of sets) {
    const k = elementKey(s);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [s.catalogNumber]);
    else g.push(s.catalogNumber);
  }
  const isPrimary = primaries === undefined ? undefined : new Set(primaries);
  const out: [number, number][] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const ids = [...new Set(g)].sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if (isPrimary === undefined || isPrimary.has(ids[i]!) || isPrimary.has(ids[j]!)) out.push([ids[i]!, ids[j]!]);
      }
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Separation and relative speed of two of the plan's objects, sampled over its window (NaN when either fails). */
export function sampleSeparation(plan: ScreeningPlan, object1: number, object2: number, stepS: number, stopEarly?: (sepKm: number, minKm: number, maxKm: number, relKmS: number) => boolean): { minKm: number; maxKm: number; maxRelKmPerS: number; complete: boolean } {
  const i = indexOf(plan, object1);
  const j = indexOf(plan, object2);
  const nan = { minKm: NaN, maxKm: NaN, maxRelKmPerS: NaN, complete: false };
  if (i < 0 || j < 0) return nan;
  let a;
  let b;
  try {
    a = createTrajectory(plan.objects[i]!);
    b = createTrajectory(plan.objects[j]!);
  } catch {
    return nan;
  }
  const out = new Float64Array(12);
  const n = Math.max(1, Math.ceil(plan.durationS / stepS));
  let minKm = Infinity;
  let maxKm = -Infinity;
  let maxRel = 0;
  for (let k = 0; k <= n; k++) {
    const t = Math.min(k * stepS, plan.durationS);
    if (a.propagateInto(plan.startMinutes[i]! + t / 60, out, 0) !== 0 || b.propagateInto(plan.startMinutes[j]! + t / 60, out, 6) !== 0) return nan;
    const sep = Math.hypot(out[6]! - out[0]!, out[7]! - out[1]!, out[8]! - out[2]!);
    const rel = Math.hypot(out[9]! - out[3]!, out[10]! - out[4]!, out[11]! - out[5]!);
    minKm = Math.min(minKm, sep);
    maxKm = Math.max(maxKm, sep);
    maxRel = Math.max(maxRel, rel);
    if (stopEarly?.(sep, minKm, maxKm, rel) === true) return { minKm, maxKm, maxRelKmPerS: maxRel, complete: false };
  }
  return { minKm, maxKm, maxRelKmPerS: maxRel, complete: true };
}

function indexOf(plan: ScreeningPlan, catalogNumber: number): number {
  // plan.objects is sorted by catalog number.
  let lo = 0;
  let hi = plan.objects.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = plan.objects[mid]!.catalogNumber;
    if (c === catalogNumber) return mid;
    if (c < catalogNumber) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Rule 2 for one pair of the plan: the pair when it is co-moving over the whole window, else undefined. */
export function coMovingPair(plan: ScreeningPlan, object1: number, object2: number, th: CoLocationThresholds = DEFAULT_CO_LOCATION_THRESHOLDS): CoLocatedPair | undefined {
  const s = sampleSeparation(plan, object1, object2, th.sampleStepS, (sep, min, max, rel) => sep > th.maxSeparationKm || max - min > th.maxSeparationSpreadKm || rel > th.maxRelativeSpeedKmPerS);
  if (!s.complete) return undefined;
  return { object1: Math.min(object1, object2), object2: Math.max(object1, object2), rule: 'co-moving', minSeparationKm: s.minKm, maxSeparationKm: s.maxKm, maxRelativeSpeedKmPerS: s.maxRelKmPerS };
}

/**
 * The co-located pairs of a run: identical element sets among `elementSets` (pairs with a primary of the plan, or
 * all pairs in all-vs-all), and, among the pairs of `events`, those co-moving over the window. Only pairs with an
 * event at most `maxSeparationKm` apart and at most `maxRelativeSpeedKmPerS` fast are sampled (a co-moving pair's
 * events all are), so the cost is a few trajectories per suspect pair. Sorted by object1, object2.
 */
export function findCoLocatedPairs(plan: ScreeningPlan, events: readonly ScreeningEventData[], elementSets: readonly ElementSet[] = [], th: CoLocationThresholds = DEFAULT_CO_LOCATION_THRESHOLDS): CoLocatedPair[] {
  const primaries = plan.allVsAll ? undefined : plan.objects.filter((_, i) => plan.isPrimary[i] === 1).map((o) => o.catalogNumber);
  const screened = new Set(plan.objects.map((o) => o.catalogNumber));
  const found = new Map<string, CoLocatedPair>();
  const fromEphemeris = new Set(plan.objects.filter(isEphemerisInput).map((o) => o.catalogNumber));
  for (const [a, b] of identicalElementPairs(elementSets.filter((s) => screened.has(s.catalogNumber)), primaries)) {
    // Two SGP4 objects on one element set are zero apart by construction (a batch of 60 satellites on one set makes
    // 1,770 pairs: no sampling for them); only a pair with an ephemeris is measured.
    const s = fromEphemeris.has(a) || fromEphemeris.has(b) ? sampleSeparation(plan, a, b, th.sampleStepS) : { minKm: 0, maxKm: 0, maxRelKmPerS: 0 };
    found.set(`${a}-${b}`, { object1: a, object2: b, rule: 'identical-elements', minSeparationKm: s.minKm, maxSeparationKm: s.maxKm, maxRelativeSpeedKmPerS: s.maxRelKmPerS });
  }
  const suspects = new Set<string>();
  for (const e of events) {
    const k = `${e.object1}-${e.object2}`;
    if (found.has(k) || suspects.has(k)) continue;
    if (e.missDistanceKm <= th.maxSeparationKm && e.relativeSpeedKmPerS <= th.maxRelativeSpeedKmPerS) {
      suspects.add(k);
      const p = coMovingPair(plan, e.object1, e.object2, th);
      if (p !== undefined) found.set(k, p);
    }
  }
  return [...found.values()].sort((p, q) => p.object1 - q.object1 || p.object2 - q.object2);
}

/** One pair's approaches of a run: the closest (smallest miss, then earliest) and the others, by TCA. */
export interface PairApproaches<E> {
  readonly closest: E;
  readonly others: E[];
}

/**
 * Groups a run's events by pair: one entry per pair, its closest approach (smallest miss distance, ties to the
 * earliest TCA) and its other approaches sorted by TCA. Entries are in the order of their closest approach's TCA.
 */
export function mergeApproachesByPair<E extends ScreeningEventData>(events: readonly E[]): PairApproaches<E>[] {
  const byPair = new Map<string, E[]>();
  for (const e of events) {
    const k = `${e.object1}-${e.object2}`;
    const l = byPair.get(k);
    if (l === undefined) byPair.set(k, [e]);
    else l.push(e);
  }
  const out: PairApproaches<E>[] = [];
  for (const list of byPair.values()) {
    list.sort((a, b) => a.tcaOffsetS - b.tcaOffsetS);
    let best = list[0]!;
    for (const e of list) if (e.missDistanceKm < best.missDistanceKm) best = e;
    out.push({ closest: best, others: list.filter((e) => e !== best) });
  }
  return out.sort((a, b) => a.closest.tcaOffsetS - b.closest.tcaOffsetS || a.closest.object1 - b.closest.object1 || a.closest.object2 - b.closest.object2);
}
