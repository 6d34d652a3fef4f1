/**
 * Breakup detection from a burst of new element sets (fragments, or orbits fitted to UCTs) near one orbit.
 *
 * 1. Clustering: orbit-plane normals (from i, Ω) closer than `planeToleranceDeg` (default 2°: differential J2 node
 *    drift of fragments ejected at tens of m/s stays below ~0.2°/day) and mean motions within `meanMotionToleranceRevPerDay`
 *    (default 1 rev/day) are linked (single linkage, union-find); the largest cluster with ≥ `minFragments` (default
 *    3) members is the candidate.
 * 2. Epoch: every member is propagated with SGP4 backwards from the cluster's earliest element-set epoch over
 *    `searchBackS` (default 3 days) on a `coarseStepS` grid (default 60 s); the dispersion D(t) is the median distance
 *    of the members from their coordinate-wise median position (robust to a few members that are not fragments).
 *    Fragments share one position at the breakup and drift apart along-track afterwards, so D's global minimum is the
 *    fragmentation epoch. The coarse minimum is refined by golden-section search to 1 s.
 *    Epoch uncertainty: D_min / |dD/dt| (mean slope over ±`coarseStepS` around the minimum), i.e. how far the epoch
 *    can move before the spread grows by its own residual size.
 *    At most `maxMembersForEpoch` members (default 200, the first by catalog number) enter this search; the others are
 *    still reported as fragments. An input with several sets of one object keeps the latest.
 * 3. Parent: the catalog object (not a cluster member) whose SGP4 position at the epoch is nearest the cluster's median
 *    position; its distance is reported (`parentDistanceKm`).
 */
import type { ElementSet } from '../../catalog/model.ts';
import { ArgumentError } from '../../errors/index.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { gabbardDiagram, type GabbardPoint } from './orbitElements.ts';

export interface DetectBreakupOptions {
  readonly timeScales: TimeScales;
  readonly minFragments?: number;
  readonly planeToleranceDeg?: number;
  readonly meanMotionToleranceRevPerDay?: number;
  readonly searchBackS?: number;
  readonly coarseStepS?: number;
  /** At most this many cluster members (the first by catalog number) enter the epoch search (default 200). */
  readonly maxMembersForEpoch?: number;
}

export interface BreakupDetection {
  readonly detected: boolean;
  /** Why nothing was detected. */
  readonly reason?: string;
  readonly epoch?: Instant;
  readonly epochUncertaintyS?: number;
  /** Median distance of the fragments from their median position at the epoch (km). */
  readonly dispersionKm?: number;
  readonly parent?: { readonly catalogNumber: number; readonly objectName?: string; readonly distanceKm: number };
  /** Catalog numbers of the cluster members (fragments). */
  readonly fragments: readonly number[];
  /** Sets that were not in the cluster. */
  readonly unclustered: readonly number[];
  /** Sets SGP4 could not propagate over the search span (left out). */
  readonly failed: readonly { readonly catalogNumber: number; readonly reason: string }[];
  readonly gabbard: readonly GabbardPoint[];
}

function planeNormal(s: ElementSet): [number, number, number] {
  const i = (s.inclinationDeg * Math.PI) / 180, o = (s.raanDeg * Math.PI) / 180;
  return [Math.sin(i) * Math.sin(o), -Math.sin(i) * Math.cos(o), Math.cos(i)];
}

function median(xs: number[]): number {
  const a = xs.slice().sort((p, q) => p - q);
  const m = a.length >> 1;
  return a.length % 2 === 1 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

/** Clusters element sets by orbit plane and mean motion; returns clusters (indices), largest first. */
export function clusterByOrbit(sets: readonly ElementSet[], planeToleranceDeg = 2, meanMotionToleranceRevPerDay = 1): number[][] {
  const parent = sets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const normals = sets.map(planeNormal);
  const cosTol = Math.cos((planeToleranceDeg * Math.PI) / 180);
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = normals[i]!, b = normals[j]!;
      if (a[0] * b[0] + a[1] * b[1] + a[2] * b[2] < cosTol) continue;
      if (Math.abs(sets[i]!.meanMotionRevPerDay - sets[j]!.meanMotionRevPerDay) > meanMotionToleranceRevPerDay) continue;
      parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  sets.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

interface Member { readonly set: ElementSet; readonly sat: Sgp4Satellite; readonly offsetMin: number }

/** Detects a fragmentation among `newSets` and finds its parent in `catalog` (see the module header). */
export function detectBreakup(inputSets: readonly ElementSet[], catalog: readonly ElementSet[], o: DetectBreakupOptions): BreakupDetection {
  const ts = o.timeScales;
  const minFragments = o.minFragments ?? 3;
  if (!(minFragments >= 2)) throw new ArgumentError(`minFragments must be ≥ 2, got ${minFragments}.`, minFragments);
  const step = o.coarseStepS ?? 60;
  const back = o.searchBackS ?? 3 * 86400;
  if (!(step > 0) || !(back > 0)) throw new ArgumentError('coarseStepS and searchBackS must be positive.', { step, back });
  // One set per object: the latest (an input may carry element-set histories).
  const latest = new Map<number, ElementSet>();
  for (const s of inputSets) {
    const prev = latest.get(s.catalogNumber);
    if (!prev || s.epoch.isAfter(prev.epoch)) latest.set(s.catalogNumber, s);
  }
  const newSets = [...latest.values()].sort((a, b) => a.catalogNumber - b.catalogNumber);
  const gabbard = gabbardDiagram(newSets);
  const clusters = clusterByOrbit(newSets, o.planeToleranceDeg ?? 2, o.meanMotionToleranceRevPerDay ?? 1);
  const best = clusters[0] ?? [];
  const unclusteredOf = (members: ReadonlySet<number>): number[] => newSets.filter((s) => !members.has(s.catalogNumber)).map((s) => s.catalogNumber);
  if (best.length < minFragments) {
    return { detected: false, reason: `no cluster of at least ${minFragments} element sets near one orbit (largest: ${best.length})`, fragments: [], unclustered: newSets.map((s) => s.catalogNumber), failed: [], gabbard };
  }
  const clusterSets = best.map((i) => newSets[i]!);
  const tEnd = clusterSets.reduce((m, s) => (s.epoch.isBefore(m) ? s.epoch : m), clusterSets[0]!.epoch);
  const failed: { catalogNumber: number; reason: string }[] = [];
  let members: Member[] = [];
  const maxMembers = o.maxMembersForEpoch ?? 200;
  for (const s of clusterSets.slice().sort((a, b) => a.catalogNumber - b.catalogNumber).slice(0, maxMembers)) {
    try {
      const sat = Sgp4Satellite.create(sgp4InputFrom(s, ts));
      members.push({ set: s, sat, offsetMin: ts.utcClockSecondsBetween(s.epoch, tEnd) / 60 });
    } catch (e) {
      failed.push({ catalogNumber: s.catalogNumber, reason: (e as Error).message });
    }
  }
  const buf = new Float64Array(6);
  const positions = (tS: number): number[][] => {
    const out: number[][] = [];
    members = members.filter((m) => {
      const code = m.sat.propagateInto(m.offsetMin + tS / 60, buf, 0);
      if (code !== 0) {
        failed.push({ catalogNumber: m.set.catalogNumber, reason: `SGP4 error ${code} at ${(tS / 3600).toFixed(2)} h from the cluster's first epoch` });
        return false;
      }
      out.push([buf[0]!, buf[1]!, buf[2]!]);
      return true;
    });
    return out;
  };
  const centre = (p: number[][]): number[] => [0, 1, 2].map((c) => median(p.map((x) => x[c]!)));
  const dispersion = (tS: number): number => {
    const p = positions(tS);
    if (p.length < 2) return Number.POSITIVE_INFINITY;
    const c = centre(p);
    return median(p.map((x) => Math.hypot(x[0]! - c[0]!, x[1]! - c[1]!, x[2]! - c[2]!)));
  };
  const n = Math.ceil(back / step);
  let kBest = 0;
  let dBest = Number.POSITIVE_INFINITY;
  const d: number[] = [];
  for (let k = 0; k <= n; k++) {
    const v = dispersion(-k * step);
    d.push(v);
    if (v < dBest) { dBest = v; kBest = k; }
  }
  if (members.length < minFragments) {
    return { detected: false, reason: `fewer than ${minFragments} cluster members could be propagated over the search span`, fragments: [], unclustered: unclusteredOf(new Set()), failed, gabbard };
  }
  // Golden-section refinement on [t* − step, t* + step] (t ≤ 0).
  let a = -(kBest + 1) * step, b = Math.min(0, -(kBest - 1) * step);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a), x2 = a + g * (b - a);
  let f1 = dispersion(x1), f2 = dispersion(x2);
  while (b - a > 1) {
    if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = dispersion(x1); }
    else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = dispersion(x2); }
  }
  const tBest = (a + b) / 2;
  const dMin = dispersion(tBest);
  const slope = (Math.abs(dispersion(tBest - step) - dMin) + Math.abs(dispersion(Math.min(0, tBest + step)) - dMin)) / (2 * step);
  const epochUncertaintyS = slope > 0 ? Math.max(1, dMin / slope) : step;
  const epoch = ts.plusUtcClockSeconds(tEnd, tBest);
  const p = positions(tBest);
  const c = centre(p);
  const failedIds = new Set(failed.map((f) => f.catalogNumber));
  const memberIds = new Set(clusterSets.map((s) => s.catalogNumber).filter((n) => !failedIds.has(n)));
  const clusterIds = new Set(clusterSets.map((s) => s.catalogNumber));
  const clock = ts.toUtcDaySeconds(epoch);
  let parent: BreakupDetection['parent'];
  for (const s of catalog) {
    if (clusterIds.has(s.catalogNumber)) continue;
    let sat: Sgp4Satellite;
    try { sat = Sgp4Satellite.create(sgp4InputFrom(s, ts)); } catch { continue; }
    const input = sat.input;
    const min = ((clock.mjd - input.epochUtcMjd) * 86400 + (clock.seconds - input.epochUtcSeconds)) / 60;
    if (sat.propagateInto(min, buf, 0) !== 0) continue;
    const dist = Math.hypot(buf[0]! - c[0]!, buf[1]! - c[1]!, buf[2]! - c[2]!);
    if (!parent || dist < parent.distanceKm) parent = { catalogNumber: s.catalogNumber, ...(s.objectName !== undefined ? { objectName: s.objectName } : {}), distanceKm: dist };
  }
  return {
    detected: true,
    epoch,
    epochUncertaintyS,
    dispersionKm: dMin,
    ...(parent ? { parent } : {}),
    fragments: [...memberIds],
    unclustered: unclusteredOf(clusterIds),
    failed,
    gabbard,
  };
}
