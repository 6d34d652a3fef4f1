/**
 * Broad phase of the screener: from the knot ephemerides of one block to the candidate (pair, sample) list that
 * the exact-SGP4 refinement examines. Works on **windows** of c consecutive samples (c·Δt, `windowSamples` of the
 * plan) instead of single samples, so that the cost per object (Hermite evaluation, cell key, radix sort) is paid
 * once per window, and only pairs that survive the window tests are looked at sample by sample.
 *
 * Per window [k₀, k₁] (samples), centre t_c = (k₀ + k₁)·Δt/2, half-length H = (k₁ − k₀)·Δt/2 + Δt/2, so that
 * [t_c − H, t_c + H] covers every sample's ±Δt/2 neighbourhood:
 * 1. Hermite state of every object at t_c; cubic cells of size L ≥ reach + 2·max ρ (ρ = v_max·H + ε, ε the
 *    interpolation error bound), 30-bit cell keys sorted by an LSD radix sort, and a sweep of the neighbouring cells
 *    (all-vs-all: half neighbourhood; primaries mode: the full neighbourhood of each primary only). A pair is kept
 *    when |Δr(t_c)| ≤ reach + ρ₁ + ρ₂, which any pair whose true range falls below the reach inside the window
 *    satisfies (|Δr| changes by at most (v₁ + v₂)·|t − t_c|, the interpolants differ from the truth by ε₁ + ε₂).
 * 2. Window linear filter: the true relative motion is Δr + Δv·τ + R(τ), |R| ≤ ½·A·τ² with A a bound of the
 *    relative acceleration (tidal 5e-6/s² × the largest separation in the window + 1e-5 km/s² for drag and J2
 *    differences); the Hermite Δr and Δv at t_c differ from the truth by ε₁ + ε₂ and ε'₁ + ε'₂ (velocity error
 *    bounds). The pair goes on when min over |τ| ≤ H of |Δr + Δv·τ| ≤ reach + ε₁ + ε₂ + (ε'₁ + ε'₂)·H + ½·A·H².
 * 3. Sample linear filter: the same test at each sample t_k of the window with H = Δt/2; a pass makes (pair, k) a
 *    candidate, whose brackets (t_{k−1}, t_k] and (t_k, t_{k+1}] the refinement examines.
 * Every test is a necessary condition for the true range to fall below the reach near the samples concerned, so
 * the candidates do not depend on the window length (a tuning): only the work does.
 */
import type { ScreeningPlan } from './plan.ts';

/** Knot ephemerides of a block: exact TEME states of each object every h = m·Δt, as the block computed them. */
export interface KnotTable {
  /** x, y, z, vx, vy, vz (km, km/s) of every knot, object after object. */
  readonly knots: Float64Array;
  /** Start of object i's knots in `knots` (in values, six per knot); length n + 1. */
  readonly knotOffset: Int32Array;
  /** Index of object i's first knot, counted in knot steps from the window start (its time is knotFirst·m·Δt). */
  readonly knotFirst: Int32Array;
  /** Bound of each object's speed over the block (km/s). */
  readonly speedMaxKmS: Float64Array;
}

/** Counters of the broad phase (see ScreeningStats). */
export interface BroadPhaseStats {
  pairWindowsAfterGrid: number;
  pairWindowsAfterLinear: number;
  pairSamplesAfterLinear: number;
}

/** Candidate (object a, object b, sample k) triples, a < b, in a growable Int32Array. */
export class CandidateList {
  data = new Int32Array(3072);
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
}

const GRID_SIDE = 1024;
const GRID_HALF = 512;
/** Bound of the gravity-gradient (tidal) relative acceleration per km of separation above 5,400 km radius (1/s²). */
const TIDAL_PER_S2 = 5e-6;
/** Bound of the relative acceleration not captured by the tidal term: drag, J2 differences (km/s²). */
const NONGRAV_KMS2 = 1e-5;
/** Bound of any relative acceleration of two objects above 6,300 km radius: 2μ/r² (km/s²). */
const ABS_REL_ACCEL_KMS2 = 0.021;

/** Per-object data of the objects taking part, indexed by slot. */
interface Slots {
  readonly ns: number;
  readonly obj: Int32Array;
  readonly m: Float64Array;
  readonly h: Float64Array;
  readonly rho: Float64Array;
  readonly err: Float64Array;
  readonly vErr: Float64Array;
  readonly prim: Uint8Array;
  /** First knot of the slot, in knot steps from the window start. */
  readonly qFirst: Float64Array;
  /** Last usable interval start (knots count − 2), local. */
  readonly qLast: Int32Array;
  readonly base: Int32Array;
}

/**
 * Steps 1-3 over the samples ja..jb of a block for the objects `slotObj` (those that passed the apogee/perigee
 * filter); appends candidates and adds to `stats`.
 */
export function findCandidates(
  plan: ScreeningPlan,
  ja: number,
  jb: number,
  slotObj: readonly number[],
  table: KnotTable,
  candidates: CandidateList,
  stats: BroadPhaseStats,
): void {
  const ns = slotObj.length;
  if (ns < 2) return;
  const dt = plan.sampleStepS;
  const c = Math.max(1, plan.windowSamples);
  const hFull = (c / 2) * dt;
  const sl = makeSlots(plan, slotObj, table, hFull);
  let rhoMax = 0;
  for (let s = 0; s < ns; s++) if (sl.rho[s]! > rhoMax) rhoMax = sl.rho[s]!;
  const reach = plan.reachKm;
  const invCell = 1 / (reach + 2 * rhoMax + 1e-6);
  const S = new Float64Array(6 * ns);
  const F = new Float64Array(12);
  const keysA = new Int32Array(ns);
  const keysB = new Int32Array(ns);
  const idxA = new Int32Array(ns);
  const idxB = new Int32Array(ns);
  const count = new Int32Array(1024);
  const SD = new Float64Array(4 * ns);
  const SP = new Uint8Array(ns);
  let pairs = new Int32Array(1 << 16);
  const sweep = plan.allVsAll ? sweepGrid : sweepGridPrimaries;
  const knots = table.knots;
  const halfDt = dt / 2;
  for (let k0 = ja; k0 <= jb; k0 += c) {
    const k1 = Math.min(jb, k0 + c - 1);
    const kc = (k0 + k1) / 2;
    const H = ((k1 - k0) / 2) * dt + halfDt;
    allStates(sl, knots, kc, S, keysA, idxA, invCell);
    radixPass(keysA, idxA, keysB, idxB, count, 0, ns);
    radixPass(keysB, idxB, keysA, idxA, count, 10, ns);
    radixPass(keysA, idxA, keysB, idxB, count, 20, ns);
    gatherSorted(sl, idxB, S, 0.5 * reach, SD, SP);
    let np = sweep(ns, keysB, SD, SP, pairs);
    while (np < 0) {
      pairs = new Int32Array(pairs.length * 2);
      np = sweep(ns, keysB, SD, SP, pairs);
    }
    for (let w = 0; w < np * 2; w += 2) {
      const a = idxB[pairs[w]!]!;
      const b = idxB[pairs[w + 1]!]!;
      if (sl.prim[a] === 0 && sl.prim[b] === 0) continue;
      stats.pairWindowsAfterGrid++;
      const errSum = sl.err[a]! + sl.err[b]!;
      const vErrSum = sl.vErr[a]! + sl.vErr[b]!;
      const oa = 6 * a;
      const ob = 6 * b;
      if (!linearMissWithin(S[ob]! - S[oa]!, S[ob + 1]! - S[oa + 1]!, S[ob + 2]! - S[oa + 2]!, S[ob + 3]! - S[oa + 3]!, S[ob + 4]! - S[oa + 4]!, S[ob + 5]! - S[oa + 5]!, H, reach, errSum, vErrSum)) {
        continue;
      }
      stats.pairWindowsAfterLinear++;
      const ia = sl.obj[a]!;
      const ib = sl.obj[b]!;
      for (let k = k0; k <= k1; k++) {
        slotState(sl, knots, a, k, F, 0);
        slotState(sl, knots, b, k, F, 6);
        if (linearMissWithin(F[6]! - F[0]!, F[7]! - F[1]!, F[8]! - F[2]!, F[9]! - F[3]!, F[10]! - F[4]!, F[11]! - F[5]!, halfDt, reach, errSum, vErrSum)) {
          stats.pairSamplesAfterLinear++;
          if (ia < ib) candidates.push3(ia, ib, k);
          else candidates.push3(ib, ia, k);
        }
      }
    }
  }
}

function makeSlots(plan: ScreeningPlan, slotObj: readonly number[], table: KnotTable, hWindow: number): Slots {
  const ns = slotObj.length;
  const dt = plan.sampleStepS;
  const sl: Slots = {
    ns,
    obj: Int32Array.from(slotObj),
    m: new Float64Array(ns),
    h: new Float64Array(ns),
    rho: new Float64Array(ns),
    err: new Float64Array(ns),
    vErr: new Float64Array(ns),
    prim: new Uint8Array(ns),
    qFirst: new Float64Array(ns),
    qLast: new Int32Array(ns),
    base: new Int32Array(ns),
  };
  for (let s = 0; s < ns; s++) {
    const i = sl.obj[s]!;
    const m = plan.knotMultiple[i]!;
    sl.m[s] = m;
    sl.h[s] = m * dt;
    sl.err[s] = plan.interpErrorKm[i]!;
    sl.vErr[s] = plan.interpVelErrorKmS[i]!;
    sl.rho[s] = table.speedMaxKmS[i]! * hWindow + sl.err[s]!;
    sl.prim[s] = plan.allVsAll ? 1 : plan.isPrimary[i]!;
    sl.qFirst[s] = table.knotFirst[i]!;
    sl.qLast[s] = (table.knotOffset[i + 1]! - table.knotOffset[i]!) / 6 - 2;
    sl.base[s] = table.knotOffset[i]!;
  }
  return sl;
}

/** States of every slot at sample coordinate kk into S (six per slot), with their cell keys and identity indices. */
function allStates(sl: Slots, knots: Float64Array, kk: number, S: Float64Array, keys: Int32Array, idx: Int32Array, invCell: number): void {
  for (let s = 0; s < sl.ns; s++) {
    const o = 6 * s;
    slotState(sl, knots, s, kk, S, o);
    keys[s] = cellKey(S[o]!, S[o + 1]!, S[o + 2]!, invCell);
    idx[s] = s;
  }
}

/** Sorted copies for the sweep: SD[4p..4p + 3] = x, y, z, ρ + reach/2 of the p-th sorted slot; SP[p] its primary flag. */
function gatherSorted(sl: Slots, order: Int32Array, S: Float64Array, halfReach: number, SD: Float64Array, SP: Uint8Array): void {
  for (let p = 0; p < sl.ns; p++) {
    const s = order[p]!;
    SD[4 * p] = S[6 * s]!;
    SD[4 * p + 1] = S[6 * s + 1]!;
    SD[4 * p + 2] = S[6 * s + 2]!;
    SD[4 * p + 3] = sl.rho[s]! + halfReach;
    SP[p] = sl.prim[s]!;
  }
}

/**
 * Cubic Hermite state (position and its derivative) of slot s at sample coordinate kk (samples from the window
 * start, may be fractional) into out[o..o + 5]. Exact at the knots (u = 0).
 */
function slotState(sl: Slots, knots: Float64Array, s: number, kk: number, out: Float64Array, o: number): void {
  const x = kk / sl.m[s]! - sl.qFirst[s]!;
  let q = Math.floor(x);
  let u = x - q;
  const last = sl.qLast[s]!;
  if (q > last) {
    q = last;
    u = 1;
  } else if (q < 0) {
    q = 0;
    u = 0;
  }
  const b = sl.base[s]! + q * 6;
  const h = sl.h[s]!;
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1;
  const h01 = 1 - h00;
  const h10 = (u3 - 2 * u2 + u) * h;
  const h11 = (u3 - u2) * h;
  const cv = (6 * u2 - 6 * u) / h;
  const w0 = 3 * u2 - 4 * u + 1;
  const w1 = 3 * u2 - 2 * u;
  for (let j = 0; j < 3; j++) {
    const p0 = knots[b + j]!;
    const v0 = knots[b + 3 + j]!;
    const p1 = knots[b + 6 + j]!;
    const v1 = knots[b + 9 + j]!;
    out[o + j] = h00 * p0 + h10 * v0 + h01 * p1 + h11 * v1;
    out[o + 3 + j] = cv * (p0 - p1) + w0 * v0 + w1 * v1;
  }
}

/** 30-bit key of the grid cell of a position; cell coordinates clamped to [1, side − 2] (1-Lipschitz: neighbours stay neighbours). */
function cellKey(x: number, y: number, z: number, invCell: number): number {
  const top = GRID_SIDE - 2;
  let fx = x * invCell + GRID_HALF;
  let fy = y * invCell + GRID_HALF;
  let fz = z * invCell + GRID_HALF;
  fx = fx < 1 ? 1 : fx > top ? top : fx;
  fy = fy < 1 ? 1 : fy > top ? top : fy;
  fz = fz < 1 ? 1 : fz > top ? top : fz;
  return ((fx | 0) << 20) | ((fy | 0) << 10) | (fz | 0);
}

/**
 * Whether the relative motion r + v·τ + R(τ), |τ| ≤ H, of two interpolated objects can come within `reach` of
 * zero: min over |τ| ≤ H of |r + v·τ| ≤ reach + errSum + vErrSum·H + ½·A·H², A = TIDAL·sep + NONGRAV with sep a
 * bound of the true separation over the interval (|r| + errSum + (|v| + vErrSum)·H + ½·ABS·H²).
 */
function linearMissWithin(rx: number, ry: number, rz: number, vx: number, vy: number, vz: number, H: number, reach: number, errSum: number, vErrSum: number): boolean {
  const vv = vx * vx + vy * vy + vz * vz;
  let tau = vv > 0 ? -(rx * vx + ry * vy + rz * vz) / vv : 0;
  tau = tau < -H ? -H : tau > H ? H : tau;
  const mx = rx + vx * tau;
  const my = ry + vy * tau;
  const mz = rz + vz * tau;
  const H2 = H * H;
  const sep = Math.sqrt(rx * rx + ry * ry + rz * rz) + errSum + (Math.sqrt(vv) + vErrSum) * H + 0.5 * ABS_REL_ACCEL_KMS2 * H2;
  const lim = reach + errSum + vErrSum * H + 0.5 * (TIDAL_PER_S2 * sep + NONGRAV_KMS2) * H2;
  return mx * mx + my * my + mz * mz <= lim * lim;
}

/**
 * Sweeps the sorted cell keys: for each object, its own cell (objects after it) and the 13 forward
 * neighbour cells, i.e. the own column z..z+1 and the four forward columns (dx, dy) ∈ {(0,1), (1,−1), (1,0),
 * (1,1)} with z−1..z+1, each a contiguous key range found with a monotone pointer. Writes the sorted
 * positions (p, q) of pairs within reach + ρ_p + ρ_q; returns their count, or −1 when `out` is too small.
 */
function sweepGrid(ns: number, SK: Int32Array, SD: Float64Array, _SP: Uint8Array, out: Int32Array): number {
  const ptr = new Int32Array(4);
  const cap = out.length - 2;
  let w = 0;
  for (let p = 0; p < ns; p++) {
    const key = SK[p]!;
    const x = SD[4 * p]!;
    const y = SD[4 * p + 1]!;
    const z = SD[4 * p + 2]!;
    const rp = SD[4 * p + 3]!;
    for (let c = -1; c < 4; c++) {
      // c = −1: own column, z..z+1 from p + 1; c = 0..3: forward columns, z−1..z+1.
      let q: number;
      let hi: number;
      if (c < 0) {
        q = p + 1;
        hi = key + 1;
      } else {
        const lo = key + FORWARD_COLUMNS[c]! - 1;
        q = ptr[c]!;
        while (q < ns && SK[q]! < lo) q++;
        ptr[c] = q;
        hi = lo + 2;
      }
      for (; q < ns && SK[q]! <= hi; q++) {
        if (!withinSum(SD, q, x, y, z, rp)) continue;
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
  }
  return w >> 1;
}

/** Whether sorted entry q lies within rp + ρ_q of (x, y, z), the position of entry p. */
function withinSum(SD: Float64Array, q: number, x: number, y: number, z: number, rp: number): boolean {
  const o = 4 * q;
  const dx = SD[o]! - x;
  const dy = SD[o + 1]! - y;
  const dz = SD[o + 2]! - z;
  const lim = rp + SD[o + 3]!;
  return dx * dx + dy * dy + dz * dz <= lim * lim;
}

/** Key offsets of the forward columns (dx, dy) = (0, 1), (1, −1), (1, 0), (1, 1). */
const FORWARD_COLUMNS = Int32Array.of(1 << 10, (1 << 20) - (1 << 10), 1 << 20, (1 << 20) + (1 << 10));

/**
 * Primaries mode: only primaries scan, over their full neighbourhood (nine columns dx, dy ∈ {−1, 0, 1}, each
 * z − 1..z + 1), so the cost scales with the number of primaries. A primary–primary pair is kept from the
 * scan of the one that comes first in sorted order.
 */
function sweepGridPrimaries(ns: number, SK: Int32Array, SD: Float64Array, SP: Uint8Array, out: Int32Array): number {
  const cap = out.length - 2;
  const ptr = new Int32Array(9);
  let w = 0;
  for (let p = 0; p < ns; p++) {
    if (SP[p] === 0) continue;
    const key = SK[p]!;
    const x = SD[4 * p]!;
    const y = SD[4 * p + 1]!;
    const z = SD[4 * p + 2]!;
    const rp = SD[4 * p + 3]!;
    for (let c = 0; c < 9; c++) {
      const off = (((c / 3) | 0) - 1) * (1 << 20) + ((c % 3) - 1) * (1 << 10);
      const lo = key + off - 1;
      let q = ptr[c]!;
      while (q < ns && SK[q]! < lo) q++;
      ptr[c] = q;
      for (; q < ns && SK[q]! <= lo + 2; q++) {
        if (!withinSum(SD, q, x, y, z, rp) || q === p || (q < p && SP[q] === 1)) continue;
        if (w > cap) return -1;
        out[w++] = p;
        out[w++] = q;
      }
    }
  }
  return w >> 1;
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
