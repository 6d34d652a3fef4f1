/**
 * One broad-phase window's objects packed for the pair searches (cellSweep.ts, primaryGrid.ts), the cell
 * coordinates both use, and the two window tests every candidate pair goes through:
 * 1. grid test |Δr(t_c)| ≤ reach + ρ₁ + ρ₂ (any pair whose true range falls below the reach inside the window
 *    satisfies it: see knotSlots.ts for ρ);
 * 2. linear filter over the window (`linearMissWithin`).
 */
import type { Slots } from './knotSlots.ts';

/** Bound of the gravity-gradient (tidal) relative acceleration per km of separation above 5,400 km radius (1/s²). */
const TIDAL_PER_S2 = 5e-6;
/** Bound of the relative acceleration not captured by the tidal term: drag, J2 differences (km/s²). */
const NONGRAV_KMS2 = 1e-5;
/** Bound of any relative acceleration of two objects above 6,300 km radius: 2μ/r² (km/s²). */
const ABS_REL_ACCEL_KMS2 = 0.021;

/** A window's objects in some order (positions p = 0..n−1), and the pairs found so far. */
export interface WindowObjects {
  readonly n: number;
  /** Eight values per position: x, y, z (km), ρ + reach/2 (km), vx, vy, vz (km/s), ε (km). */
  readonly D: Float64Array;
  /** ε' of each position (km/s). */
  readonly E: Float64Array;
  /** 1 for a primary (all ones in all-vs-all). */
  readonly P: Uint8Array;
  /** 1 for a fast object (knotSlots.ts). */
  readonly F: Uint8Array;
  /** Slot of each position. */
  readonly order: Int32Array;
  readonly reach: number;
  /** Half-length of the window (s). */
  H: number;
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
    P: new Uint8Array(ns),
    F: new Uint8Array(ns),
    order: new Int32Array(ns),
    reach,
    H: 0,
    out: new Int32Array(1 << 12),
    pairs: 0,
    grid: 0,
  };
}

/** Packs the slots' window states S (six per slot) in `order` (wo.order is set to it). */
export function packWindow(sl: Slots, order: Int32Array, S: Float64Array, H: number, wo: WindowObjects): void {
  const D = wo.D;
  const halfReach = 0.5 * wo.reach;
  wo.H = H;
  for (let p = 0; p < sl.ns; p++) {
    const s = order[p]!;
    const o = 8 * p;
    const i = 6 * s;
    D[o] = S[i]!;
    D[o + 1] = S[i + 1]!;
    D[o + 2] = S[i + 2]!;
    D[o + 3] = sl.rho[s]! + halfReach;
    D[o + 4] = S[i + 3]!;
    D[o + 5] = S[i + 4]!;
    D[o + 6] = S[i + 5]!;
    D[o + 7] = sl.err[s]!;
    wo.E[p] = sl.vErr[s]!;
    wo.P[p] = sl.prim[s]!;
    wo.F[p] = sl.fast[s]!;
    wo.order[p] = s;
  }
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
  const lim = D[o + 3]! + D[r + 3]!;
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
  if (!linearMissWithin(dx, dy, dz, D[r + 4]! - D[o + 4]!, D[r + 5]! - D[o + 5]!, D[r + 6]! - D[o + 6]!, wo.H, wo.reach, errSum, vErrSum)) return w;
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
  const H2 = H * H;
  const sep = Math.sqrt(rx * rx + ry * ry + rz * rz) + errSum + (Math.sqrt(vv) + vErrSum) * H + 0.5 * ABS_REL_ACCEL_KMS2 * H2;
  const lim = reach + errSum + vErrSum * H + 0.5 * (TIDAL_PER_S2 * sep + NONGRAV_KMS2) * H2;
  return mx * mx + my * my + mz * mz <= lim * lim;
}
