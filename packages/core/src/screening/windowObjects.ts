/**
 * One broad-phase window's objects packed for the pair searches (cellSweep.ts, primaryGrid.ts), the cell
 * coordinates both use, and the two window tests every candidate pair goes through:
 * 1. grid test |Δr(t_c)| ≤ reach + ρ₁ + ρ₂ (any pair whose true range falls below the reach inside the window
 *    satisfies it: see knotSlots.ts for ρ);
 * 2. linear filter over the window (`linearMissWithin`).
 */
import { ABS_REL_ACCEL_KMS2, MAX_ACCEL_KMS2, NONGRAV_KMS2, TIDAL_PER_S2, type Slots } from './knotSlots.ts';

/** A window's objects in some order (positions p = 0..n−1), and the pairs found so far. */
export interface WindowObjects {
  readonly n: number;
  /** Eight values per position: x, y, z (km), vx, vy, vz (km/s), ρ + reach/2 (km), ε (km). */
  readonly D: Float64Array;
  /** ε' of each position (km/s). */
  readonly E: Float64Array;
  /**
   * Radial band of each position over the window, widened by reach/2 on both sides (km, two per position: low,
   * high); filled by `packBands` when the sweep uses it.
   */
  readonly B: Float64Array;
  /** 1 for a primary (all ones in all-vs-all). */
  readonly P: Uint8Array;
  /** 1 for a fast object (knotSlots.ts). */
  readonly F: Uint8Array;
  /** Slot of each position. */
  readonly order: Int32Array;
  readonly reach: number;
  /** Half-length of the window (s). */
  H: number;
  /** An upper bound of the linear filter's limit for every pair of the window (km): a quick rejection. */
  limQuick: number;
  /** Positions (p, q) of the pairs that passed both window tests, and their number. */
  out: Int32Array;
  pairs: number;
  /** Pairs that passed the grid test. */
  grid: number;
}

export function createWindowObjects(ns: number, reach: number): WindowObjects {
  return {
    n: ns,
    D: new Float64Array(8 * ns),
    E: new Float64Array(ns),
    B: new Float64Array(2 * ns),
    P: new Uint8Array(ns),
    F: new Uint8Array(ns),
    order: new Int32Array(ns),
    reach,
    H: 0,
    limQuick: Infinity,
    out: new Int32Array(1 << 12),
    pairs: 0,
    grid: 0,
  };
}

/**
 * Sets the window's half-length and the quick bound of the linear filter's limit: the limit of
 * `linearMissWithin` with every term at its largest for pairs that passed the grid test (|r| ≤ reach + 2·max ρ,
 * errors at their largest, |v| ≤ 2·(max speed + max ε')).
 */
export function setWindow(sl: Slots, H: number, rhoMax: number, wo: WindowObjects): void {
  wo.H = H;
  const errSum = 2 * sl.errMax;
  const vErrSum = 2 * sl.vErrMax;
  const sep = wo.reach + 2 * rhoMax + errSum + (2 * sl.speedMax + 2 * vErrSum) * H + 0.5 * ABS_REL_ACCEL_KMS2 * H * H;
  wo.limQuick = linearLimit(H, wo.reach, errSum, vErrSum, sep) + 0.01; // 10 m: no rounding can turn a pass into a rejection
}

/**
 * Packs the slots' window records S (eight per slot: state, ρ + reach/2, ε, as knotSlots.ts `windowStates` wrote
 * them) in `order` (wo.order is set to it).
 */
export function packWindow(sl: Slots, order: Int32Array, S: Float64Array, wo: WindowObjects): void {
  const D = wo.D;
  for (let p = 0, o = 0; p < sl.ns; p++, o += 8) {
    const i = 8 * order[p]!;
    D[o] = S[i]!;
    D[o + 1] = S[i + 1]!;
    D[o + 2] = S[i + 2]!;
    D[o + 3] = S[i + 3]!;
    D[o + 4] = S[i + 4]!;
    D[o + 5] = S[i + 5]!;
    D[o + 6] = S[i + 6]!;
    D[o + 7] = S[i + 7]!;
  }
  packFlags(sl, order, wo);
}

/** Packs each position's ε', primary and fast flags and slot in `order` (wo.order is set to it). */
export function packFlags(sl: Slots, order: Int32Array, wo: WindowObjects): void {
  const E = wo.E;
  const P = wo.P;
  const F = wo.F;
  const vErr = sl.vErr;
  const prim = sl.prim;
  const fast = sl.fast;
  const ord = wo.order;
  for (let p = 0; p < sl.ns; p++) {
    const s = order[p]!;
    E[p] = vErr[s]!;
    P[p] = prim[s]!;
    F[p] = fast[s]!;
    ord[p] = s;
  }
}

/** Fills position p's entries other than the state (D[8p..8p + 5], already written) from slot s. */
export function packSlot(sl: Slots, s: number, p: number, wo: WindowObjects): void {
  wo.D[8 * p + 6] = sl.rho[s]! + 0.5 * wo.reach;
  wo.D[8 * p + 7] = sl.err[s]!;
  wo.E[p] = sl.vErr[s]!;
  wo.P[p] = sl.prim[s]!;
  wo.F[p] = sl.fast[s]!;
  wo.order[p] = s;
}

/**
 * Radial bands of the packed positions (wo.B). Over |τ| ≤ H the true position is x + v·τ + e(τ), |e| ≤ δ = ε +
 * ε'·H + ½·G·H² (G bounds any acceleration above 6,300 km, as in ρ), so its radius lies in [min − δ, max + δ] of
 * |x + v·τ|. With r = |x|, b = x·v: |x + vτ|² = r² + 2bτ + |v|²τ² lies in [r² − c, r² + 2|b|H + |v|²H²], c =
 * min(2|b|H, b²/|v|²), and r − c/r ≤ √(r² − c) (c ≤ r²), √(r² + a) ≤ r + a/(2r): one square root and one division
 * per position. Two objects whose bands, each widened by reach/2, are disjoint are farther apart than the reach
 * over the whole window (|Δr| ≥ ||r₁| − |r₂||): a necessary condition like the grid test, so the pairs that pass
 * both window tests are the same with or without it.
 */
export function packBands(wo: WindowObjects): void {
  recordBands(wo.D, wo.E, wo.n, wo.H, wo.reach, wo.B);
}

/**
 * The radial bands (as `packBands`) of n records of eight values A[8i..8i + 7] (the layout of wo.D and of the window
 * records S of knotSlots.ts `windowStates`) with ε' E[i], written to out[2i], out[2i + 1]: one definition for the
 * packed positions and for the slots before the sort (cellSweep.ts, radial bins in the key).
 */
export function recordBands(A: Float64Array, E: Float64Array, n: number, H: number, reach: number, out: Float64Array): void {
  const H2 = H * H;
  const pad = bandPad(H, reach);
  for (let p = 0, o = 0; p < n; p++, o += 8) {
    const x = A[o]!;
    const y = A[o + 1]!;
    const z = A[o + 2]!;
    const vx = A[o + 3]!;
    const vy = A[o + 4]!;
    const vz = A[o + 5]!;
    const rr = x * x + y * y + z * z;
    const r = Math.sqrt(rr);
    const b = Math.abs(x * vx + y * vy + z * vz);
    const vv = vx * vx + vy * vy + vz * vz;
    const invR = 1 / r;
    const bH = b * H;
    const cb = b * b;
    const c = cb < 2 * bH * vv ? cb / vv : 2 * bH; // min(b²/|v|², 2|b|H) without a division when the end is nearer
    const d = A[o + 7]! + E[p]! * H + pad;
    const lo = c >= rr ? 0 : r - c * invR;
    out[2 * p] = lo - d;
    out[2 * p + 1] = r + (2 * bH + vv * H2) * 0.5 * invR + d;
  }
}

/** The pad of the radial bands besides ε and ε'·H: reach/2 + ½·G·H², and 1 m of slack so that no rounding can turn a pass into a rejection. */
export function bandPad(H: number, reach: number): number {
  return 0.5 * reach + 0.5 * MAX_ACCEL_KMS2 * (H * H) + 1e-3;
}

/**
 * Integer cell coordinate of x for cells of 1/invCell km centred on `centre`, clamped to [margin, side − 1 −
 * margin] (clamping is 1-Lipschitz: neighbours stay neighbours, and a scan of ±margin cells stays in [0, side)).
 */
export function cellCoordinate(x: number, invCell: number, centre: number, margin: number, side: number): number {
  const f = x * invCell + centre;
  const top = side - 1 - margin;
  return f < margin ? margin : f > top ? top : f | 0;
}

/**
 * Both window tests of positions p and q. Writes (p, q) at out[w] when both pass; returns the next write
 * position, or −1 when `out` is full.
 */
export function testPair(wo: WindowObjects, p: number, q: number, w: number): number {
  const D = wo.D;
  const o = 8 * p;
  const r = 8 * q;
  const dx = D[r]! - D[o]!;
  const dy = D[r + 1]! - D[o + 1]!;
  const dz = D[r + 2]! - D[o + 2]!;
  const lim = D[o + 6]! + D[r + 6]!;
  if (dx * dx + dy * dy + dz * dz > lim * lim) return w;
  return testLinear(wo, p, q, w);
}

/** The window linear filter of positions p and q that passed the grid test (counted); as `testPair`. */
export function testLinear(wo: WindowObjects, p: number, q: number, w: number): number {
  const D = wo.D;
  const o = 8 * p;
  const r = 8 * q;
  wo.grid++;
  const errSum = D[o + 7]! + D[r + 7]!;
  const vErrSum = wo.E[p]! + wo.E[q]!;
  const dx = D[r]! - D[o]!;
  const dy = D[r + 1]! - D[o + 1]!;
  const dz = D[r + 2]! - D[o + 2]!;
  const vx = D[r + 3]! - D[o + 3]!;
  const vy = D[r + 4]! - D[o + 4]!;
  const vz = D[r + 5]! - D[o + 5]!;
  // Quick rejection without roots: the linear miss² is (rr·vv − rv²)/vv at an interior minimum, else at τ = ±H.
  const H = wo.H;
  const rr = dx * dx + dy * dy + dz * dz;
  const rv = dx * vx + dy * vy + dz * vz;
  const vv = vx * vx + vy * vy + vz * vz;
  const lq2 = wo.limQuick * wo.limQuick;
  if (Math.abs(rv) <= H * vv) {
    if (rr * vv - rv * rv > lq2 * vv) return w;
  } else if (rr - 2 * H * Math.abs(rv) + H * H * vv > lq2) return w;
  return testLinearFull(wo, p, q, w, dx, dy, dz, vx, vy, vz, errSum, vErrSum);
}

/**
 * The window linear filter of positions p and q after its quick rejection, given their relative state (dx, dy, dz,
 * vx, vy, vz) = D[q] − D[p] as the caller computed it for that rejection, errSum = ε_p + ε_q and vErrSum = ε'_p +
 * ε'_q (summed in that order); as `testPair`. The sweep kernels inline the quick rejection and call this.
 */
export function testLinearFull(
  wo: WindowObjects,
  p: number,
  q: number,
  w: number,
  dx: number,
  dy: number,
  dz: number,
  vx: number,
  vy: number,
  vz: number,
  errSum: number,
  vErrSum: number,
): number {
  if (!linearMissWithin(dx, dy, dz, vx, vy, vz, wo.H, wo.reach, errSum, vErrSum)) return w;
  if (w + 2 > wo.out.length) return -1;
  wo.out[w] = p;
  wo.out[w + 1] = q;
  return w + 2;
}

/**
 * Whether the true relative motion r + v·τ + R(τ), |τ| ≤ H, of two interpolated objects can come within `reach`
 * of zero, given the interpolated relative state (r, v) at τ = 0 with errors up to errSum (km) and vErrSum (km/s):
 * min over |τ| ≤ H of |r + v·τ| ≤ reach + errSum + vErrSum·H + ½·A·H², where |R| ≤ ½·A·τ², A = TIDAL·sep + NONGRAV
 * and sep = |r| + errSum + (|v| + vErrSum)·H + ½·ABS·H² bounds the true separation over the interval.
 */
export function linearMissWithin(rx: number, ry: number, rz: number, vx: number, vy: number, vz: number, H: number, reach: number, errSum: number, vErrSum: number): boolean {
  const vv = vx * vx + vy * vy + vz * vz;
  let tau = vv > 0 ? -(rx * vx + ry * vy + rz * vz) / vv : 0;
  tau = tau < -H ? -H : tau > H ? H : tau;
  const mx = rx + vx * tau;
  const my = ry + vy * tau;
  const mz = rz + vz * tau;
  const sep = Math.sqrt(rx * rx + ry * ry + rz * rz) + errSum + (Math.sqrt(vv) + vErrSum) * H + 0.5 * ABS_REL_ACCEL_KMS2 * H * H;
  const lim = linearLimit(H, reach, errSum, vErrSum, sep);
  return mx * mx + my * my + mz * mz <= lim * lim;
}

/** The limit of the linear filter for a bound `sep` of the separation over the interval (km). */
function linearLimit(H: number, reach: number, errSum: number, vErrSum: number, sep: number): number {
  return reach + errSum + vErrSum * H + 0.5 * (TIDAL_PER_S2 * sep + NONGRAV_KMS2) * H * H;
}
