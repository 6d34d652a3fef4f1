/**
 * Screening of one work block (a contiguous range of sample intervals), the unit of parallel work.
 *
 * 1. Knots: exact SGP4 TEME states of every object every h = m·Δt over the block; an object whose
 *    propagation fails at a knot is reported as a failure and leaves the block.
 * 2. Apogee/perigee filter: each object's radius range over the block (knot radii padded for the dip between
 *    knots); objects whose range comes within the volume's reach of no other object's (of no primary's in
 *    primaries mode) take no further part.
 * 3. Spatial grid, sort-and-sweep: at each sample t_k = k·Δt, positions from the cubic Hermite interpolant are
 *    binned into cubic cells of size L ≥ reach + 2·max ρ (ρ = v_max·Δt/2 + interpolation error), cell keys
 *    sorted by an LSD radix sort, and the half neighbourhood (own cell and 13 neighbours) swept with
 *    monotone pointers. A pair is kept when |Δr| ≤ reach + ρ₁ + ρ₂, which any pair whose range falls below the
 *    reach within ±Δt/2 of t_k satisfies.
 * 4. Linear filter: the relative motion over [t_k − Δt/2, t_k + Δt/2] is Δr + Δv·τ plus a remainder bounded
 *    by ½·A·τ² (A: tidal bound 5e-6/s² × separation + 1e-5 km/s² for drag and J2 differences); the pair goes on
 *    when the linear minimum is within reach + interpolation errors + that remainder.
 * 5. Refinement on exact SGP4: a local minimum of the range is a sign change of f(t) = Δr·Δv from − to +.
 *    Each candidate yields the brackets (t_{k−1}, t_k] and (t_k, t_{k+1}]; a bracket with f(t_j) < 0 ≤ f(t_{j+1})
 *    holds one TCA, found by Brent's method to 1e-7 s. The bracket, not the sample that found it, determines
 *    the result, and each bracket belongs to exactly one block: results do not depend on how blocks are
 *    scheduled. The encounter is reported when r₂ − r₁ at TCA lies inside the volume in the primary's RTN frame.
 */
import { createTrajectory, type Trajectory } from '../propagation/trajectory.ts';
import { brentRoot } from '../math/rootFinding.ts';
import { insideVolume, type ScreeningPlan } from './plan.ts';
import type { ScreeningEventData } from './types.ts';

/** An object that could not be propagated inside a block. */
export interface BlockFailure {
  readonly index: number;
  readonly catalogNumber: number;
  readonly code: string;
  readonly reason: string;
  readonly atOffsetS: number;
}

/** Counters of one block. */
export interface BlockStats {
  pairSamplesAfterGrid: number;
  pairSamplesAfterLinear: number;
  intervalsRefined: number;
  pairsRefined: number;
  sgp4Calls: number;
}

/** Result of one block: plain data (structured-clone safe). */
export interface BlockResult {
  readonly blockIndex: number;
  readonly events: ScreeningEventData[];
  readonly failures: BlockFailure[];
  /** Padded min/max radius of each object over the block (km); NaN where the object failed. */
  readonly radialMinKm: Float64Array;
  readonly radialMaxKm: Float64Array;
  readonly stats: BlockStats;
}

/** Per-thread state reused across blocks of one plan: the initialised trajectories (SGP4 satellites, ephemerides). */
export interface ScreeningContext {
  readonly sats: readonly Trajectory[];
}

/** Initialises the trajectory of every object of a plan (the plan already refused unusable inputs). */
export function createScreeningContext(plan: ScreeningPlan): ScreeningContext {
  return { sats: plan.objects.map((o) => createTrajectory(o)) };
}

const GRID_SIDE = 1024;
const GRID_HALF = 512;
const TIDAL_PER_S2 = 5e-6;
const NONGRAV_KMS2 = 1e-5;
const ROOT_TOL_S = 1e-7;

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
}

/** Screens one block of a plan. */
export function screenBlock(plan: ScreeningPlan, blockIndex: number, ctx: ScreeningContext = createScreeningContext(plan)): BlockResult {
  const block = plan.blocks[blockIndex];
  if (!block) throw new RangeError(`Block ${blockIndex} does not exist (plan has ${plan.blocks.length}).`);
  const ja = block.firstInterval;
  const jb = block.endInterval;
  const dt = plan.sampleStepS;
  const n = plan.objects.length;
  const stats: BlockStats = { pairSamplesAfterGrid: 0, pairSamplesAfterLinear: 0, intervalsRefined: 0, pairsRefined: 0, sgp4Calls: 0 };
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
  const knots = new Float64Array(knotOffset[n]!);
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
      const r = Math.hypot(knots[off]!, knots[off + 1]!, knots[off + 2]!);
      const v = Math.hypot(knots[off + 3]!, knots[off + 4]!, knots[off + 5]!);
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
  const ns = slotObj.length;

  const candidates = new GrowableInt32();
  if (ns >= 2) sweepSamples(plan, ja, jb, slotObj, knots, knotOffset, knotFirst, speedMax, candidates, stats);

  // 5. Refinement on exact SGP4.
  const events = refineCandidates(plan, ctx, ja, jb, candidates, failed, fail, stats);
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

/** Steps 3 and 4: grid sort-and-sweep at every sample of the block, then the linear filter. */
function sweepSamples(
  plan: ScreeningPlan,
  ja: number,
  jb: number,
  slotObj: readonly number[],
  knots: Float64Array,
  knotOffset: Int32Array,
  knotFirst: Int32Array,
  speedMax: Float64Array,
  candidates: GrowableInt32,
  stats: BlockStats,
): void {
  const ns = slotObj.length;
  const dt = plan.sampleStepS;
  const half = dt / 2;
  const reach = plan.reachKm;
  const sl: Slots = {
    ns,
    obj: Int32Array.from(slotObj),
    m: new Int32Array(ns),
    invM: new Float64Array(ns),
    h: new Float64Array(ns),
    rho: new Float64Array(ns),
    err: new Float64Array(ns),
    vErr: new Float64Array(ns),
    prim: new Uint8Array(ns),
    q: new Int32Array(ns),
    r: new Int32Array(ns),
    base: new Int32Array(ns),
  };
  let rhoMax = 0;
  for (let s = 0; s < ns; s++) {
    const i = sl.obj[s]!;
    const m = plan.knotMultiple[i]!;
    sl.m[s] = m;
    sl.invM[s] = 1 / m;
    sl.h[s] = m * dt;
    sl.err[s] = plan.interpErrorKm[i]!;
    sl.vErr[s] = plan.interpVelErrorKmS[i]!;
    sl.rho[s] = speedMax[i]! * half + sl.err[s]!;
    sl.prim[s] = plan.allVsAll ? 1 : plan.isPrimary[i]!;
    if (sl.rho[s]! > rhoMax) rhoMax = sl.rho[s]!;
    const rel = ja - knotFirst[i]! * m;
    sl.q[s] = Math.floor(rel / m);
    sl.r[s] = rel - sl.q[s]! * m;
    sl.base[s] = knotOffset[i]!;
  }
  const invCell = 1 / (reach + 2 * rhoMax + 1e-6);
  const X = new Float64Array(ns);
  const Y = new Float64Array(ns);
  const Z = new Float64Array(ns);
  const keysA = new Int32Array(ns);
  const keysB = new Int32Array(ns);
  const idxA = new Int32Array(ns);
  const idxB = new Int32Array(ns);
  const count = new Int32Array(1024);
  const SX = new Float64Array(ns);
  const SY = new Float64Array(ns);
  const SZ = new Float64Array(ns);
  const SR = new Float64Array(ns);
  let pairs = new Int32Array(1 << 16);
  const VX = new Float64Array(ns);
  const VY = new Float64Array(ns);
  const VZ = new Float64Array(ns);
  const lin = { half, reach, tidal: TIDAL_PER_S2, nongrav: NONGRAV_KMS2, allVsAll: plan.allVsAll };
  for (let k = ja; k <= jb; k++) {
    interpolatePositions(sl, knots, X, Y, Z, VX, VY, VZ, keysA, idxA, invCell);
    radixPass(keysA, idxA, keysB, idxB, count, 0, ns);
    radixPass(keysB, idxB, keysA, idxA, count, 10, ns);
    radixPass(keysA, idxA, keysB, idxB, count, 20, ns);
    gatherSorted(ns, idxB, X, Y, Z, sl.rho, reach, SX, SY, SZ, SR);
    const sweep = plan.allVsAll ? sweepGrid : sweepGridPrimaries;
    let np = sweep(ns, keysB, SX, SY, SZ, SR, sl.prim, idxB, pairs);
    while (np < 0) {
      pairs = new Int32Array(pairs.length * 2);
      np = sweep(ns, keysB, SX, SY, SZ, SR, sl.prim, idxB, pairs);
    }
    linearFilter(np, pairs, idxB, SX, SY, SZ, VX, VY, VZ, sl, lin, k, candidates, stats);
    advanceSlots(ns, sl.r, sl.q, sl.m);
  }
}

interface Slots {
  readonly ns: number;
  readonly obj: Int32Array;
  readonly m: Int32Array;
  readonly invM: Float64Array;
  readonly h: Float64Array;
  readonly rho: Float64Array;
  readonly err: Float64Array;
  readonly vErr: Float64Array;
  readonly prim: Uint8Array;
  readonly q: Int32Array;
  readonly r: Int32Array;
  readonly base: Int32Array;
}

/** Cubic Hermite positions of every slot at the current sample, and their grid cell keys. */
function interpolatePositions(
  sl: Slots,
  knots: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  Z: Float64Array,
  VX: Float64Array,
  VY: Float64Array,
  VZ: Float64Array,
  keys: Int32Array,
  idx: Int32Array,
  invCell: number,
): void {
  const ns = sl.ns;
  const sBase = sl.base;
  const sQ = sl.q;
  const sR = sl.r;
  const sInvM = sl.invM;
  const sH = sl.h;
  const top = GRID_SIDE - 2;
  for (let s = 0; s < ns; s++) {
    const base = sBase[s]! + sQ[s]! * 6;
    const r = sR[s]!;
    let x: number;
    let y: number;
    let z: number;
    if (r === 0) {
      x = knots[base]!;
      y = knots[base + 1]!;
      z = knots[base + 2]!;
      VX[s] = knots[base + 3]!;
      VY[s] = knots[base + 4]!;
      VZ[s] = knots[base + 5]!;
    } else {
      const u = r * sInvM[s]!;
      const u2 = u * u;
      const u3 = u2 * u;
      const h = sH[s]!;
      const h00 = 2 * u3 - 3 * u2 + 1;
      const h01 = 1 - h00;
      const h10 = (u3 - 2 * u2 + u) * h;
      const h11 = (u3 - u2) * h;
      x = h00 * knots[base]! + h10 * knots[base + 3]! + h01 * knots[base + 6]! + h11 * knots[base + 9]!;
      y = h00 * knots[base + 1]! + h10 * knots[base + 4]! + h01 * knots[base + 7]! + h11 * knots[base + 10]!;
      z = h00 * knots[base + 2]! + h10 * knots[base + 5]! + h01 * knots[base + 8]! + h11 * knots[base + 11]!;
      const c = (6 * u2 - 6 * u) / h;
      const w0 = 3 * u2 - 4 * u + 1;
      const w1 = 3 * u2 - 2 * u;
      VX[s] = c * (knots[base]! - knots[base + 6]!) + w0 * knots[base + 3]! + w1 * knots[base + 9]!;
      VY[s] = c * (knots[base + 1]! - knots[base + 7]!) + w0 * knots[base + 4]! + w1 * knots[base + 10]!;
      VZ[s] = c * (knots[base + 2]! - knots[base + 8]!) + w0 * knots[base + 5]! + w1 * knots[base + 11]!;
    }
    X[s] = x;
    Y[s] = y;
    Z[s] = z;
    // Cell coordinates, clamped to [1, side − 2] (clamping is 1-Lipschitz: neighbours stay neighbours).
    let fx = x * invCell + GRID_HALF;
    let fy = y * invCell + GRID_HALF;
    let fz = z * invCell + GRID_HALF;
    fx = fx < 1 ? 1 : fx > top ? top : fx;
    fy = fy < 1 ? 1 : fy > top ? top : fy;
    fz = fz < 1 ? 1 : fz > top ? top : fz;
    keys[s] = ((fx | 0) << 20) | ((fy | 0) << 10) | (fz | 0);
    idx[s] = s;
  }
}

function gatherSorted(
  ns: number,
  SI: Int32Array,
  X: Float64Array,
  Y: Float64Array,
  Z: Float64Array,
  rho: Float64Array,
  reach: number,
  SX: Float64Array,
  SY: Float64Array,
  SZ: Float64Array,
  SR: Float64Array,
): void {
  for (let p = 0; p < ns; p++) {
    const s = SI[p]!;
    SX[p] = X[s]!;
    SY[p] = Y[s]!;
    SZ[p] = Z[s]!;
    SR[p] = rho[s]! + 0.5 * reach;
  }
}

/**
 * Sweeps the sorted cell keys: for each object, its own cell (objects after it) and the 13 forward
 * neighbour cells, i.e. the own column z..z+1 and the four forward columns (dx, dy) ∈ {(0,1), (1,−1), (1,0),
 * (1,1)} with z−1..z+1, each a contiguous key range found with a monotone pointer. Writes the sorted
 * positions (p, q) of pairs within reach + ρ_p + ρ_q; returns their count, or −1 when `out` is too small.
 */
function sweepGrid(
  ns: number,
  SK: Int32Array,
  SX: Float64Array,
  SY: Float64Array,
  SZ: Float64Array,
  SR: Float64Array,
  _prim: Uint8Array,
  _SI: Int32Array,
  out: Int32Array,
): number {
  const c0 = 1 << 10;
  const c1 = (1 << 20) - (1 << 10);
  const c2 = 1 << 20;
  const c3 = (1 << 20) + (1 << 10);
  const cap = out.length - 2;
  let w = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (let p = 0; p < ns; p++) {
    const key = SK[p]!;
    const x = SX[p]!;
    const y = SY[p]!;
    const z = SZ[p]!;
    const rp = SR[p]!;
    for (let q = p + 1; q < ns && SK[q]! <= key + 1; q++) {
      const dx = SX[q]! - x;
      const dy = SY[q]! - y;
      const dz = SZ[q]! - z;
      const lim = rp + SR[q]!;
      if (dx * dx + dy * dy + dz * dz <= lim * lim) {
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
    let lo = key + c0 - 1;
    while (p0 < ns && SK[p0]! < lo) p0++;
    for (let q = p0; q < ns && SK[q]! <= lo + 2; q++) {
      const dx = SX[q]! - x;
      const dy = SY[q]! - y;
      const dz = SZ[q]! - z;
      const lim = rp + SR[q]!;
      if (dx * dx + dy * dy + dz * dz <= lim * lim) {
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
    lo = key + c1 - 1;
    while (p1 < ns && SK[p1]! < lo) p1++;
    for (let q = p1; q < ns && SK[q]! <= lo + 2; q++) {
      const dx = SX[q]! - x;
      const dy = SY[q]! - y;
      const dz = SZ[q]! - z;
      const lim = rp + SR[q]!;
      if (dx * dx + dy * dy + dz * dz <= lim * lim) {
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
    lo = key + c2 - 1;
    while (p2 < ns && SK[p2]! < lo) p2++;
    for (let q = p2; q < ns && SK[q]! <= lo + 2; q++) {
      const dx = SX[q]! - x;
      const dy = SY[q]! - y;
      const dz = SZ[q]! - z;
      const lim = rp + SR[q]!;
      if (dx * dx + dy * dy + dz * dz <= lim * lim) {
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
    lo = key + c3 - 1;
    while (p3 < ns && SK[p3]! < lo) p3++;
    for (let q = p3; q < ns && SK[q]! <= lo + 2; q++) {
      const dx = SX[q]! - x;
      const dy = SY[q]! - y;
      const dz = SZ[q]! - z;
      const lim = rp + SR[q]!;
      if (dx * dx + dy * dy + dz * dz <= lim * lim) {
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
  }
  return w >> 1;
}

/**
 * Primaries mode: only primaries scan, over their full neighbourhood (nine columns dx, dy ∈ {−1, 0, 1}, each
 * z − 1..z + 1), so the cost scales with the number of primaries. A primary–primary pair is kept from the
 * scan of the one that comes first in sorted order.
 */
function sweepGridPrimaries(
  ns: number,
  SK: Int32Array,
  SX: Float64Array,
  SY: Float64Array,
  SZ: Float64Array,
  SR: Float64Array,
  prim: Uint8Array,
  SI: Int32Array,
  out: Int32Array,
): number {
  const cap = out.length - 2;
  const ptr = new Int32Array(9);
  let w = 0;
  for (let p = 0; p < ns; p++) {
    if (prim[SI[p]!] === 0) continue;
    const key = SK[p]!;
    const x = SX[p]!;
    const y = SY[p]!;
    const z = SZ[p]!;
    const rp = SR[p]!;
    for (let c = 0; c < 9; c++) {
      const off = (((c / 3) | 0) - 1) * (1 << 20) + ((c % 3) - 1) * (1 << 10);
      const lo = key + off - 1;
      let q = ptr[c]!;
      while (q < ns && SK[q]! < lo) q++;
      ptr[c] = q;
      for (; q < ns && SK[q]! <= lo + 2; q++) {
        if (q === p || (q < p && prim[SI[q]!] === 1)) continue;
        const dx = SX[q]! - x;
        const dy = SY[q]! - y;
        const dz = SZ[q]! - z;
        const lim = rp + SR[q]!;
        if (dx * dx + dy * dy + dz * dz <= lim * lim) {
          if (w > cap) return -1;
          out[w++] = p;
          out[w++] = q;
        }
      }
    }
  }
  return w >> 1;
}

interface LinearParams {
  readonly half: number;
  readonly reach: number;
  readonly tidal: number;
  readonly nongrav: number;
  readonly allVsAll: boolean;
}

/** The linear relative-motion filter over ±Δt/2 around the sample, for the pairs the grid kept. */
function linearFilter(
  np: number,
  pairs: Int32Array,
  SI: Int32Array,
  SX: Float64Array,
  SY: Float64Array,
  SZ: Float64Array,
  VX: Float64Array,
  VY: Float64Array,
  VZ: Float64Array,
  sl: Slots,
  lp: LinearParams,
  k: number,
  candidates: GrowableInt32,
  stats: BlockStats,
): void {
  const half = lp.half;
  let grid = 0;
  let linear = 0;
  for (let w = 0; w < np * 2; w += 2) {
    const p = pairs[w]!;
    const q = pairs[w + 1]!;
    const a = SI[p]!;
    const b = SI[q]!;
    if (sl.prim[a] === 0 && sl.prim[b] === 0) continue;
    grid++;
    const rx = SX[q]! - SX[p]!;
    const ry = SY[q]! - SY[p]!;
    const rz = SZ[q]! - SZ[p]!;
    const vx = VX[b]! - VX[a]!;
    const vy = VY[b]! - VY[a]!;
    const vz = VZ[b]! - VZ[a]!;
    const vv = vx * vx + vy * vy + vz * vz;
    let tau = vv > 0 ? -(rx * vx + ry * vy + rz * vz) / vv : 0;
    tau = tau < -half ? -half : tau > half ? half : tau;
    const mx = rx + vx * tau;
    const my = ry + vy * tau;
    const mz = rz + vz * tau;
    const sep = Math.sqrt(rx * rx + ry * ry + rz * rz) + Math.sqrt(vv) * half;
    const pad = sl.err[a]! + sl.err[b]! + (sl.vErr[a]! + sl.vErr[b]!) * half + 0.5 * (lp.tidal * sep + lp.nongrav) * half * half;
    const lim = lp.reach + pad;
    if (mx * mx + my * my + mz * mz <= lim * lim) {
      linear++;
      const ia = sl.obj[a]!;
      const ib = sl.obj[b]!;
      if (ia < ib) candidates.push3(ia, ib, k);
      else candidates.push3(ib, ia, k);
    }
  }
  stats.pairSamplesAfterGrid += grid;
  stats.pairSamplesAfterLinear += linear;
}

function advanceSlots(ns: number, sR: Int32Array, sQ: Int32Array, sM: Int32Array): void {
  for (let s = 0; s < ns; s++) {
    const r = sR[s]! + 1;
    if (r === sM[s]!) {
      sR[s] = 0;
      sQ[s] = sQ[s]! + 1;
    } else sR[s] = r;
  }
}

function radixPass(kin: Int32Array, iin: Int32Array, kout: Int32Array, iout: Int32Array, count: Int32Array, shift: number, n: number): void {
  count.fill(0);
  for (let p = 0; p < n; p++) count[(kin[p]! >> shift) & 1023]!++;
  let sum = 0;
  for (let b = 0; b < 1024; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let p = 0; p < n; p++) {
    const key = kin[p]!;
    const d = (key >> shift) & 1023;
    const at = count[d]!;
    count[d] = at + 1;
    kout[at] = key;
    iout[at] = iin[p]!;
  }
}

/** Step 5: exact-SGP4 refinement of the candidate brackets. */
function refineCandidates(
  plan: ScreeningPlan,
  ctx: ScreeningContext,
  ja: number,
  jb: number,
  candidates: GrowableInt32,
  failed: Uint8Array,
  fail: (i: number, status: number, tOffsetS: number) => void,
  stats: BlockStats,
): ScreeningEventData[] {
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
  const events: ScreeningEventData[] = [];
  const s1 = new Float64Array(6);
  const s2 = new Float64Array(6);
  let curA = -1;
  let curB = -1;
  let sat1 = ctx.sats[0]!;
  let sat2 = ctx.sats[0]!;
  let t01 = 0;
  let t02 = 0;
  let ok = true;
  /** f(t) = Δr·Δv at t seconds from the window start; NaN when SGP4 fails (and the failure is recorded). */
  const f = (t: number): number => {
    const c1 = sat1.propagateInto(t01 + t / 60, s1, 0);
    const c2 = sat2.propagateInto(t02 + t / 60, s2, 0);
    stats.sgp4Calls += 2;
    if (c1 !== 0 || c2 !== 0) {
      if (c1 !== 0) fail(curA, c1, t);
      if (c2 !== 0) fail(curB, c2, t);
      ok = false;
      return Number.NaN;
    }
    return (s2[0]! - s1[0]!) * (s2[3]! - s1[3]!) + (s2[1]! - s1[1]!) * (s2[4]! - s1[4]!) + (s2[2]! - s1[2]!) * (s2[5]! - s1[5]!);
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
    }
    ok = true;
    const ta = j * dt;
    const tb = (j + 1) * dt;
    const fa = lastJ === j ? lastF : f(ta);
    if (!ok) continue;
    const fb = f(tb);
    if (!ok) continue;
    lastJ = j + 1;
    lastF = fb;
    if (!(fa < 0 && fb >= 0)) continue;
    const tca = fb === 0 ? tb : brentRoot(f, ta, tb, ROOT_TOL_S, fa, fb);
    if (!ok) continue;
    if (tca > plan.durationS || tca <= 0) continue;
    f(tca);
    if (!ok) continue;
    const ev = makeEvent(plan, ia, ib, tca, s1, s2);
    if (ev) events.push(ev);
    // The last evaluation was at tca, not tb: do not reuse it.
    lastJ = -10;
  }
  return events;
}

function makeEvent(plan: ScreeningPlan, ia: number, ib: number, tca: number, s1: Float64Array, s2: Float64Array): ScreeningEventData | null {
  const dx = s2[0]! - s1[0]!;
  const dy = s2[1]! - s1[1]!;
  const dz = s2[2]! - s1[2]!;
  const rtn1 = rtnComponents(s1, dx, dy, dz);
  // Volume test in the primary's RTN frame (object1 unless only object2 is a primary).
  const primaryIs2 = !plan.allVsAll && plan.isPrimary[ia] === 0;
  const rtnP = primaryIs2 ? rtnComponents(s2, -dx, -dy, -dz) : rtn1;
  if (!insideVolume(plan.volume, rtnP[0], rtnP[1], rtnP[2])) return null;
  const dvx = s2[3]! - s1[3]!;
  const dvy = s2[4]! - s1[4]!;
  const dvz = s2[5]! - s1[5]!;
  return {
    object1: plan.objects[ia]!.catalogNumber,
    object2: plan.objects[ib]!.catalogNumber,
    tcaOffsetS: tca,
    missDistanceKm: Math.sqrt(dx * dx + dy * dy + dz * dz),
    relativeSpeedKmPerS: Math.sqrt(dvx * dvx + dvy * dvy + dvz * dvz),
    missRtnKm: rtn1,
    tcaAgeDays1: (plan.startMinutes[ia]! + tca / 60) / 1440,
    tcaAgeDays2: (plan.startMinutes[ib]! + tca / 60) / 1440,
  };
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
