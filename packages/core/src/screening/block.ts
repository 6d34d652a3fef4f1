/**
 * Screening of one work block (a contiguous range of sample intervals), the unit of parallel work.
 *
 * 1. Knots: exact SGP4 TEME states of every object every h = m·Δt over the block; an object whose
 *    propagation fails at a knot is reported as a failure and leaves the block.
 * 2. Apogee/perigee filter: each object's radius range over the block (knot radii padded for the dip between
 *    knots); objects whose range comes within the volume's reach of no other object's (of no primary's in
 *    primaries mode) take no further part.
 * 3-4. Broad phase (broadPhase.ts): over windows of a few samples, a grid sort-and-sweep of the Hermite positions
 *    at the window centre, a linear relative-motion filter over the window, then the same filter at each sample;
 *    the (pair, sample) candidates go on.
 * 5. Refinement on exact SGP4: a local minimum of the range is a sign change of f(t) = Δr·Δv from − to +.
 *    Each candidate yields the brackets (t_{k−1}, t_k] and (t_k, t_{k+1}]; a bracket with f(t_j) < 0 ≤ f(t_{j+1})
 *    holds one TCA, found by Brent's method to 1e-7 s. The bracket, not the sample that found it, determines
 *    the result, and each bracket belongs to exactly one block: results do not depend on how blocks are
 *    scheduled. The encounter is reported when r₂ − r₁ at TCA lies inside the volume in the primary's RTN frame.
 *    Brackets that certainly hold no event (bounds from the knot interpolant and from the pair's nearest exact
 *    evaluation) are decided without SGP4; the others are evaluated exactly as without that skip (identical events).
 */
import type { Trajectory } from '../propagation/trajectory.ts';
import { planSgp4Records, planTrajectories, type PlanSgp4Records } from './sgp4Records.ts';
import { brentRoot } from '../math/rootFinding.ts';
import { insideVolume, type ScreeningPlan } from './plan.ts';
import { CandidateList, createBroadPhaseScratch, findCandidates, knotBuffer, type BroadPhaseScratch, type BroadPhaseStats, type KnotTable } from './broadPhase.ts';
import { knotState, predictedRangeRateBound, rangeRateBound } from './knotSlots.ts';
import { linearMissWithin } from './windowObjects.ts';
import { appendConjunction, createConjunctionColumns, trimColumns, type ConjunctionColumns } from './columns.ts';

/** An object that could not be propagated inside a block. */
export interface BlockFailure {
  readonly index: number;
  readonly catalogNumber: number;
  readonly code: string;
  readonly reason: string;
  readonly atOffsetS: number;
}

/** Counters of one block. */
export interface BlockStats extends BroadPhaseStats {
  intervalsRefined: number;
  pairsRefined: number;
  sgp4Calls: number;
  /** Brackets (of intervalsRefined) decided without SGP4 from the knot interpolant and its error bound. */
  bracketsSkipped: number;
  /** Brackets with a root whose exact end states prove the range above the reach throughout (no Brent). */
  rootsSkipped: number;
  /** Events whose TCA state was one Brent had already evaluated (no extra SGP4 call). */
  tcaStatesReused: number;
}

/** Result of one block: plain data (structured-clone safe). */
export interface BlockResult {
  readonly blockIndex: number;
  /** The block's events as columns (columns.ts), in refinement order (pair, then bracket); exactly `length` rows. */
  readonly events: ConjunctionColumns;
  readonly failures: BlockFailure[];
  /** Padded min/max radius of each object over the block (km); NaN where the object failed. */
  readonly radialMinKm: Float64Array;
  readonly radialMaxKm: Float64Array;
  readonly stats: BlockStats;
}

/**
 * Per-thread state reused across blocks of one plan: the initialised trajectories (SGP4 satellites, ephemerides)
 * and the broad phase's buffers.
 */
export interface ScreeningContext {
  readonly sats: readonly Trajectory[];
  readonly broadPhase: BroadPhaseScratch;
  /**
   * false: every bracket end is evaluated with SGP4 as before the interpolant-based skip (tests compare both; the
   * events are identical). Default true.
   */
  readonly bracketSkip?: boolean;
}

/**
 * Initialises the trajectory of every object of a plan (the plan already refused unusable inputs). A caller that
 * screens many small problems in a row passes one `broadPhase` scratch to all of them: its grid (tens of MB at full
 * size) is then allocated once instead of per call. Near-earth SGP4 objects reuse the records planning computed
 * (`records`: by default those kept with this plan object; a worker thread receives them with its plan copy).
 */
export function createScreeningContext(
  plan: ScreeningPlan,
  broadPhase: BroadPhaseScratch = createBroadPhaseScratch(),
  records: PlanSgp4Records | undefined = planSgp4Records(plan),
): ScreeningContext {
  return { sats: planTrajectories(plan, records), broadPhase };
}

const ROOT_TOL_S = 1e-7;

/** Screens one block of a plan. */
export function screenBlock(plan: ScreeningPlan, blockIndex: number, ctx: ScreeningContext = createScreeningContext(plan)): BlockResult {
  const block = plan.blocks[blockIndex];
  if (!block) throw new RangeError(`Block ${blockIndex} does not exist (plan has ${plan.blocks.length}).`);
  const ja = block.firstInterval;
  const jb = block.endInterval;
  const dt = plan.sampleStepS;
  const n = plan.objects.length;
  const stats: BlockStats = { pairWindowsAfterGrid: 0, pairWindowsAfterLinear: 0, pairSamplesAfterLinear: 0, intervalsRefined: 0, pairsRefined: 0, sgp4Calls: 0, bracketsSkipped: 0, rootsSkipped: 0, tcaStatesReused: 0 };
  const failures: BlockFailure[] = [];
  const failed = new Uint8Array(n);
  const fail = (i: number, status: number, tOffsetS: number): void => {
    if (failed[i]) return;
    failed[i] = 1;
    const sat = ctx.sats[i]!;
    const err = sat.errorFor(status, plan.startMinutes[i]! + tOffsetS / 60);
    failures.push({ index: i, catalogNumber: sat.catalogNumber, code: err.code, reason: err.message, atOffsetS: tOffsetS });
  };

  // 1. Knots.
  const knotOffset = new Int32Array(n + 1);
  const knotFirst = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const m = plan.knotMultiple[i]!;
    const q0 = Math.floor(ja / m);
    const q1 = Math.ceil(jb / m);
    knotFirst[i] = q0;
    knotOffset[i + 1] = knotOffset[i]! + (q1 - q0 + 1) * 6;
  }
  const knots = knotBuffer(ctx.broadPhase, knotOffset[n]!);
  const radialMinKm = new Float64Array(n).fill(Number.NaN);
  const radialMaxKm = new Float64Array(n).fill(Number.NaN);
  const speedMax = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sat = ctx.sats[i]!;
    const m = plan.knotMultiple[i]!;
    const t0 = plan.startMinutes[i]!;
    const count = (knotOffset[i + 1]! - knotOffset[i]!) / 6;
    let rmin = Infinity;
    let rmax = 0;
    let vmax = 0;
    for (let q = 0; q < count; q++) {
      const tS = (knotFirst[i]! + q) * m * dt;
      const off = knotOffset[i]! + q * 6;
      const status = sat.propagateInto(t0 + tS / 60, knots, off);
      stats.sgp4Calls++;
      if (status !== 0) {
        fail(i, status, tS);
        break;
      }
      // Squared norms (Math.hypot is several times slower in V8's hot loops).
      const r = Math.sqrt(knots[off]! * knots[off]! + knots[off + 1]! * knots[off + 1]! + knots[off + 2]! * knots[off + 2]!);
      const v = Math.sqrt(knots[off + 3]! * knots[off + 3]! + knots[off + 4]! * knots[off + 4]! + knots[off + 5]! * knots[off + 5]!);
      if (r < rmin) rmin = r;
      if (r > rmax) rmax = r;
      if (v > vmax) vmax = v;
    }
    if (failed[i]) continue;
    radialMinKm[i] = rmin - plan.radialPadKm[i]!;
    radialMaxKm[i] = rmax + plan.radialPadKm[i]!;
    speedMax[i] = Math.max(plan.speedBoundKmS[i]!, 1.01 * vmax + 0.02);
  }

  // 2. Apogee/perigee filter within the block.
  const reach = plan.reachKm;
  const take = radialFilter(plan, failed, radialMinKm, radialMaxKm, reach);
  const slotObj: number[] = [];
  for (let i = 0; i < n; i++) if (take[i]) slotObj.push(i);

  const candidates = new CandidateList();
  const table: KnotTable = { knots, knotOffset, knotFirst, speedMaxKmS: speedMax };
  findCandidates(plan, ja, jb, slotObj, table, candidates, stats, ctx.broadPhase);

  // 5. Refinement on exact SGP4 (the knot table decides the brackets that certainly hold no root).
  const events = refineCandidates(plan, ctx, table, ja, jb, candidates, failed, fail, stats);
  return { blockIndex, events, failures, radialMinKm, radialMaxKm, stats };
}

/** Objects that may come within `reach` of another (of a primary in primaries mode), judged by radius ranges. */
function radialFilter(plan: ScreeningPlan, failed: Uint8Array, rmin: Float64Array, rmax: Float64Array, reach: number): Uint8Array {
  const n = plan.objects.length;
  const take = new Uint8Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!failed[i]) order.push(i);
  order.sort((a, b) => rmin[a]! - rmin[b]! || a - b);
  // Any-overlap test: i overlaps a later one iff the next rmin ≤ rmax_i + reach; an earlier one iff max rmax before ≥ rmin_i − reach.
  const anyOverlap = new Uint8Array(n);
  let prefMax = -Infinity;
  for (let p = 0; p < order.length; p++) {
    const i = order[p]!;
    const next = order[p + 1];
    if ((next !== undefined && rmin[next]! <= rmax[i]! + reach) || prefMax >= rmin[i]! - reach) anyOverlap[i] = 1;
    if (rmax[i]! > prefMax) prefMax = rmax[i]!;
  }
  if (plan.allVsAll) return anyOverlap;
  // Primaries mode: a primary needs any other object; a secondary needs a primary.
  const prim = order.filter((i) => plan.isPrimary[i] === 1);
  const primMin = prim.map((i) => rmin[i]!);
  const primPrefMax: number[] = [];
  let mx = -Infinity;
  for (const i of prim) {
    mx = Math.max(mx, rmax[i]!);
    primPrefMax.push(mx);
  }
  for (const i of order) {
    if (plan.isPrimary[i] === 1) {
      take[i] = anyOverlap[i]!;
      continue;
    }
    // Primaries with rmin ≤ rmax_i + reach: the last such index by binary search.
    let lo = 0;
    let hi = primMin.length;
    const lim = rmax[i]! + reach;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (primMin[mid]! <= lim) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && primPrefMax[lo - 1]! >= rmin[i]! - reach) take[i] = 1;
  }
  return take;
}

/** Exact evaluations whose states are kept for the TCA (Brent's answer is one of its last few points). */
const RING = 8;

/**
 * Step 5: exact-SGP4 refinement of the candidate brackets. A bracket (t_j, t_{j+1}] is refined when f(t_j) < 0 ≤
 * f(t_{j+1}) on exact SGP4. Before any SGP4 call the knot interpolant decides the brackets where that certainly
 * fails: with f_H the interpolated Δr·Δv and β = |Δr_H|(ε'₁ + ε'₂) + |Δv_H|(ε₁ + ε₂) + (ε₁ + ε₂)(ε'₁ + ε'₂) + pad
 * (|f − f_H| ≤ β: docs/design/conjunction-screening.md), f_H(t_j) − β ≥ 0 proves f(t_j) ≥ 0 and f_H(t_{j+1}) + β < 0
 * proves f(t_{j+1}) < 0. Every other bracket is evaluated exactly as without the skip, so the brackets with a root get
 * the same exact values and the same Brent call: the events are identical.
 */
function refineCandidates(
  plan: ScreeningPlan,
  ctx: ScreeningContext,
  table: KnotTable,
  ja: number,
  jb: number,
  candidates: CandidateList,
  failed: Uint8Array,
  fail: (i: number, status: number, tOffsetS: number) => void,
  stats: BlockStats,
): ConjunctionColumns {
  const n = plan.objects.length;
  const dt = plan.sampleStepS;
  const K1 = plan.intervalsCount + 1;
  const cd = candidates.data;
  const keys: number[] = [];
  for (let w = 0; w < candidates.length; w += 3) {
    const pairKey = (cd[w]! * n + cd[w + 1]!) * K1;
    const k = cd[w + 2]!;
    if (k - 1 >= ja && k - 1 < jb) keys.push(pairKey + k - 1);
    if (k >= ja && k < jb) keys.push(pairKey + k);
  }
  const sorted = Float64Array.from(keys).sort();
  const events = createConjunctionColumns(64);
  const skipOn = ctx.bracketSkip !== false;
  const reach = plan.reachKm;
  const s1 = new Float64Array(6);
  const s2 = new Float64Array(6);
  // The last RING exact evaluations of the current pair: time (NaN: none) and both states (12 values each).
  const evT = new Float64Array(RING).fill(Number.NaN);
  const evS = new Float64Array(12 * RING);
  let evNext = 0;
  let curA = -1;
  let curB = -1;
  let sat1 = ctx.sats[0]!;
  let sat2 = ctx.sats[0]!;
  let t01 = 0;
  let t02 = 0;
  let m1 = 1;
  let m2 = 1;
  let errSum = 0;
  let vErrSum = 0;
  let ok = true;
  /** f(t) = Δr·Δv at t seconds from the window start; NaN when SGP4 fails (and the failure is recorded). */
  const f = (t: number): number => {
    const slot = evNext;
    evNext = (evNext + 1) % RING;
    const o = 12 * slot;
    const c1 = sat1.propagateInto(t01 + t / 60, evS, o);
    const c2 = sat2.propagateInto(t02 + t / 60, evS, o + 6);
    stats.sgp4Calls += 2;
    if (c1 !== 0 || c2 !== 0) {
      if (c1 !== 0) fail(curA, c1, t);
      if (c2 !== 0) fail(curB, c2, t);
      ok = false;
      evT[slot] = Number.NaN;
      return Number.NaN;
    }
    evT[slot] = t;
    return (evS[o + 6]! - evS[o]!) * (evS[o + 9]! - evS[o + 3]!) + (evS[o + 7]! - evS[o + 1]!) * (evS[o + 10]! - evS[o + 4]!) + (evS[o + 8]! - evS[o + 2]!) * (evS[o + 11]! - evS[o + 5]!);
  };
  const H = new Float64Array(12);
  /**
   * Interpolated f at sample k minus (sign −1) or plus (sign +1) its error bound β; NaN when a knot table does not
   * reach k (the caller then evaluates SGP4).
   */
  const fBound = (k: number, sign: number): number => {
    if (!knotState(table, m1, dt, curA, k, H, 0) || !knotState(table, m2, dt, curB, k, H, 6)) return Number.NaN;
    return rangeRateBound(H, errSum, vErrSum, sign);
  };
  /** Slot of the exact evaluation at t among the last RING ones of the pair, most recent first; −1: none. */
  const ringSlot = (t: number): number => {
    for (let r = 1; r <= RING; r++) {
      const slot = (evNext - r + RING) % RING;
      if (evT[slot] === t) return slot;
    }
    return -1;
  };
  /**
   * Whether the true relative motion can come within the reach over |t − k·Δt| ≤ Δt/2, judged from the interpolated
   * state at sample coordinate k (the broad phase's linear filter with the pads ε₁ + ε₂, ε'₁ + ε'₂); true when the
   * knots do not reach k.
   */
  const nearAt = (k: number): boolean => {
    if (!knotState(table, m1, dt, curA, k, H, 0) || !knotState(table, m2, dt, curB, k, H, 6)) return true;
    return linearMissWithin(H[6]! - H[0]!, H[7]! - H[1]!, H[8]! - H[2]!, H[9]! - H[3]!, H[10]! - H[4]!, H[11]! - H[5]!, 0.5 * dt, reach, errSum, vErrSum);
  };
  /**
   * Whether the exact states at t (when still in the ring) prove the range above the reach over |τ| ≤ Δt (the
   * linear filter without interpolation pads).
   */
  const exactFar = (t: number): boolean => {
    const slot = ringSlot(t);
    if (slot < 0) return false;
    const o = 12 * slot;
    return !linearMissWithin(
      evS[o + 6]! - evS[o]!,
      evS[o + 7]! - evS[o + 1]!,
      evS[o + 8]! - evS[o + 2]!,
      evS[o + 9]! - evS[o + 3]!,
      evS[o + 10]! - evS[o + 4]!,
      evS[o + 11]! - evS[o + 5]!,
      dt,
      reach,
      0,
      0,
    );
  };
  const P = new Float64Array(12);
  /** `predictedRangeRateBound` from the pair's nearest exact evaluation in the ring within 2Δt of t; NaN when none. */
  const predictBound = (t: number, sign: number): number => {
    let best = -1;
    let bestTau = 2 * dt;
    for (let slot = 0; slot < RING; slot++) {
      const d = Math.abs(t - evT[slot]!);
      if (d <= bestTau) {
        best = slot;
        bestTau = d;
      }
    }
    return best < 0 ? Number.NaN : predictedRangeRateBound(evS, 12 * best, t - evT[best]!, sign, P);
  };
  let prevKey = -1;
  let lastJ = -10;
  let lastF = 0;
  let lastPair = -1;
  for (let w = 0; w < sorted.length; w++) {
    const key = sorted[w]!;
    if (key === prevKey) continue;
    prevKey = key;
    const pairKey = Math.floor(key / K1);
    const j = key - pairKey * K1;
    const ia = Math.floor(pairKey / n);
    const ib = pairKey - ia * n;
    if (failed[ia] || failed[ib]) continue;
    stats.intervalsRefined++;
    if (pairKey !== lastPair) {
      stats.pairsRefined++;
      lastPair = pairKey;
      lastJ = -10;
      curA = ia;
      curB = ib;
      sat1 = ctx.sats[ia]!;
      sat2 = ctx.sats[ib]!;
      t01 = plan.startMinutes[ia]!;
      t02 = plan.startMinutes[ib]!;
      m1 = plan.knotMultiple[ia]!;
      m2 = plan.knotMultiple[ib]!;
      errSum = plan.interpErrorKm[ia]! + plan.interpErrorKm[ib]!;
      vErrSum = plan.interpVelErrorKmS[ia]! + plan.interpVelErrorKmS[ib]!;
      evT.fill(Number.NaN);
    }
    ok = true;
    const ta = j * dt;
    const tb = (j + 1) * dt;
    let fa: number;
    let fb: number;
    if (skipOn) {
      // No event unless the range comes within the reach in the bracket: the interpolant at its middle says when not.
      if (!nearAt(j + 0.5)) {
        stats.bracketsSkipped++;
        continue;
      }
      // No root unless f(ta) < 0 and f(tb) ≥ 0: decided from the exact f(ta) when the previous bracket ended at ta,
      // else from a bound (the interpolant's, or the exact relative motion of a nearby evaluation of the pair). The
      // brackets come in increasing j, so tb has never been evaluated for this pair.
      const faKnown = lastJ === j;
      if (faKnown ? lastF >= 0 : fBound(j, -1) >= 0 || predictBound(ta, -1) >= 0) {
        stats.bracketsSkipped++;
        continue;
      }
      if (fBound(j + 1, 1) < 0 || predictBound(tb, 1) < 0) {
        stats.bracketsSkipped++;
        continue;
      }
      fa = faKnown ? lastF : f(ta);
      if (!ok) continue;
      // f(tb) is needed only when f(ta) < 0 (a later bracket starting at tb evaluates it then).
      if (fa >= 0) continue;
      fb = f(tb);
      if (!ok) continue;
    } else {
      fa = lastJ === j ? lastF : f(ta);
      if (!ok) continue;
      fb = f(tb);
      if (!ok) continue;
    }
    lastJ = j + 1;
    lastF = fb;
    if (!(fa < 0 && fb >= 0)) continue;
    // No event unless the exact relative motion from either end (Δt back from tb, forward from ta) comes within the reach.
    if (skipOn && (exactFar(tb) || exactFar(ta))) {
      stats.rootsSkipped++;
      continue;
    }
    const tca = fb === 0 ? tb : brentRoot(f, ta, tb, ROOT_TOL_S, fa, fb);
    if (!ok) continue;
    if (tca > plan.durationS || tca <= 0) continue;
    // The TCA is one of the points just evaluated (Brent returns its best point): reuse its states.
    let at = ringSlot(tca);
    if (at >= 0) stats.tcaStatesReused++;
    else {
      f(tca);
      if (!ok) continue;
      at = (evNext - 1 + RING) % RING;
    }
    for (let x = 0; x < 6; x++) {
      s1[x] = evS[12 * at + x]!;
      s2[x] = evS[12 * at + 6 + x]!;
    }
    appendEvent(plan, events, ia, ib, tca, s1, s2);
  }
  return trimColumns(events);
}

/** Appends the event of objects ia, ib at `tca` (states s1, s2) when it lies inside the volume. */
function appendEvent(plan: ScreeningPlan, events: ConjunctionColumns, ia: number, ib: number, tca: number, s1: Float64Array, s2: Float64Array): void {
  const dx = s2[0]! - s1[0]!;
  const dy = s2[1]! - s1[1]!;
  const dz = s2[2]! - s1[2]!;
  const rtn1 = rtnComponents(s1, dx, dy, dz);
  // Volume test in the primary's RTN frame (object1 unless only object2 is a primary).
  const primaryIs2 = !plan.allVsAll && plan.isPrimary[ia] === 0;
  const rtnP = primaryIs2 ? rtnComponents(s2, -dx, -dy, -dz) : rtn1;
  if (!insideVolume(plan.volume, rtnP[0], rtnP[1], rtnP[2])) return;
  const dvx = s2[3]! - s1[3]!;
  const dvy = s2[4]! - s1[4]!;
  const dvz = s2[5]! - s1[5]!;
  appendConjunction(
    events,
    plan.objects[ia]!.catalogNumber,
    plan.objects[ib]!.catalogNumber,
    tca,
    Math.sqrt(dx * dx + dy * dy + dz * dz),
    Math.sqrt(dvx * dvx + dvy * dvy + dvz * dvz),
    rtn1[0],
    rtn1[1],
    rtn1[2],
    (plan.startMinutes[ia]! + tca / 60) / 1440,
    (plan.startMinutes[ib]! + tca / 60) / 1440,
  );
}

/** Components of (dx, dy, dz) in the RTN frame of the TEME state s (R = r/|r|, N = r×v/|r×v|, T = N×R). */
function rtnComponents(s: Float64Array, dx: number, dy: number, dz: number): [number, number, number] {
  const rx = s[0]!;
  const ry = s[1]!;
  const rz = s[2]!;
  const vx = s[3]!;
  const vy = s[4]!;
  const vz = s[5]!;
  const rn = Math.hypot(rx, ry, rz);
  const Rx = rx / rn;
  const Ry = ry / rn;
  const Rz = rz / rn;
  let nx = ry * vz - rz * vy;
  let ny = rz * vx - rx * vz;
  let nz = rx * vy - ry * vx;
  const nn = Math.hypot(nx, ny, nz);
  nx /= nn;
  ny /= nn;
  nz /= nn;
  const tx = ny * Rz - nz * Ry;
  const ty = nz * Rx - nx * Rz;
  const tz = nx * Ry - ny * Rx;
  return [dx * Rx + dy * Ry + dz * Rz, dx * tx + dy * ty + dz * tz, dx * nx + dy * ny + dz * nz];
}
