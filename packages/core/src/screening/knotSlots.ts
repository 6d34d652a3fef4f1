/**
 * The objects of one block as interpolation slots of the broad phase: cubic Hermite states from the block's knot
 * table, and each object's reach ρ over a broad-phase window.
 *
 * Hermite interpolation on the knot interval [t_q, t_q + h] with u = (t − t_q)/h: the cubic through the knot
 * positions r₀, r₁ with derivatives h·v₀, h·v₁, evaluated in power form (coefficients below).
 *
 * Reach of an object over a window of half-length H: every true position in [t_c − H, t_c + H] lies within
 * ρ = v̂·H + ε of the interpolated position at t_c, with ε the interpolation error bound and v̂ a speed bound over
 * the window: the smaller of the block's bound and |v(t_c)| + ε' + G·H (ε' the velocity error bound, G ≥ μ/r² +
 * drag above 6,300 km).
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

/** Bound of any object's acceleration above 6,300 km radius: μ/r² plus drag (km/s²). */
export const MAX_ACCEL_KMS2 = 0.0101;
/**
 * Bounds of the relative acceleration of two objects, used by the broad phase's linear filter (windowObjects.ts) and
 * the refinement's predicted range-rate bound: the gravity-gradient (tidal) part per km of separation above 5,400 km
 * radius (1/s²); the part the tidal term does not capture, drag and J2 differences (km/s²); any relative acceleration
 * of two objects above 6,300 km radius, 2μ/r² (km/s²).
 */
export const TIDAL_PER_S2 = 5e-6;
export const NONGRAV_KMS2 = 1e-5;
export const ABS_REL_ACCEL_KMS2 = 0.021;
/**
 * Objects faster than this over a window (HEO near perigee) do not set the cell size; they scan ±K cells
 * themselves (km/s). Circular LEO is below 7.9 km/s.
 */
export const FAST_SPEED_KMS = 8.2;
/** Largest K (cells) a fast object scans; beyond it the cells grow. Cell coordinates keep this margin. */
export const MAX_FAST_CELLS = 4;

/** Per-object data of the objects taking part in a block, indexed by slot. */
export interface Slots {
  readonly ns: number;
  /** Object index (in the plan) of each slot. */
  readonly obj: Int32Array;
  readonly m: Float64Array;
  readonly h: Float64Array;
  /** Block speed bound (km/s). */
  readonly speed: Float64Array;
  /** ρ of the current window (km). */
  readonly rho: Float64Array;
  /** 1 when the object is fast in the current window. */
  readonly fast: Uint8Array;
  /** Interpolation error bounds ε (km) and ε' (km/s). */
  readonly err: Float64Array;
  readonly vErr: Float64Array;
  /** 1 for a primary (all ones in all-vs-all). */
  readonly prim: Uint8Array;
  /** First knot of the slot, in knot steps from the window start. */
  readonly qFirst: Float64Array;
  /** Last usable interval start (knots count − 2), local. */
  readonly qLast: Int32Array;
  readonly base: Int32Array;
  /** Power-form coefficients of each slot's current knot interval (12 per slot) and that interval (−1: none). */
  readonly coef: Float64Array;
  readonly coefInterval: Int32Array;
  /** Largest ε, ε' and speed bound of the slots. */
  readonly errMax: number;
  readonly vErrMax: number;
  readonly speedMax: number;
}

/** Cell size and fast-object neighbourhood of one window. */
export interface WindowCells {
  /** Cell size (km): at least reach + ρ_p + ρ_q for every pair of slow objects. */
  readonly cell: number;
  /** Half-width in cells that a fast object scans: K·cell ≥ reach + 2·max ρ; 1 ≤ K ≤ MAX_FAST_CELLS. */
  readonly K: number;
  /** Largest ρ of the window (km). */
  readonly rhoMax: number;
}

export function makeSlots(plan: ScreeningPlan, slotObj: readonly number[], table: KnotTable): Slots {
  const ns = slotObj.length;
  const dt = plan.sampleStepS;
  let errMax = 0;
  let vErrMax = 0;
  let speedMax = 0;
  for (const i of slotObj) {
    errMax = Math.max(errMax, plan.interpErrorKm[i]!);
    vErrMax = Math.max(vErrMax, plan.interpVelErrorKmS[i]!);
    speedMax = Math.max(speedMax, table.speedMaxKmS[i]!);
  }
  const sl: Slots = {
    ns,
    obj: Int32Array.from(slotObj),
    m: new Float64Array(ns),
    h: new Float64Array(ns),
    speed: new Float64Array(ns),
    rho: new Float64Array(ns),
    fast: new Uint8Array(ns),
    err: new Float64Array(ns),
    vErr: new Float64Array(ns),
    prim: new Uint8Array(ns),
    qFirst: new Float64Array(ns),
    qLast: new Int32Array(ns),
    base: new Int32Array(ns),
    coef: new Float64Array(12 * ns),
    coefInterval: new Int32Array(ns).fill(-1),
    errMax,
    vErrMax,
    speedMax,
  };
  for (let s = 0; s < ns; s++) {
    const i = sl.obj[s]!;
    const m = plan.knotMultiple[i]!;
    sl.m[s] = m;
    sl.h[s] = m * dt;
    sl.err[s] = plan.interpErrorKm[i]!;
    sl.vErr[s] = plan.interpVelErrorKmS[i]!;
    sl.speed[s] = table.speedMaxKmS[i]!;
    sl.prim[s] = plan.allVsAll ? 1 : plan.isPrimary[i]!;
    sl.qFirst[s] = table.knotFirst[i]!;
    sl.qLast[s] = (table.knotOffset[i + 1]! - table.knotOffset[i]!) / 6 - 2;
    sl.base[s] = table.knotOffset[i]!;
  }
  return sl;
}


/**
 * Cubic Hermite state (position and its derivative) of slot s at sample coordinate kk (samples from the window
 * start, may be fractional) into out[o..o + 5], from the slot's cached power-form coefficients of its current knot
 * interval (recomputed when kk falls in another one: windows move forward, so that is rare).
 */
export function slotState(sl: Slots, knots: Float64Array, s: number, kk: number, out: Float64Array, o: number): void {
  const x = kk / sl.m[s]! - sl.qFirst[s]!;
  let q = Math.floor(x);
  let u = x - q;
  if (q > sl.qLast[s]!) {
    q = sl.qLast[s]!;
    u = 1;
  } else if (q < 0) {
    q = 0;
    u = 0;
  }
  if (q !== sl.coefInterval[s]) {
    sl.coefInterval[s] = q;
    hermiteCoefficients(knots, sl.base[s]! + q * 6, sl.h[s]!, sl.coef, 12 * s);
  }
  powerState(sl.coef, 12 * s, u, sl.h[s]!, out, o);
}

/**
 * Power-form coefficients of the cubic Hermite interpolant on one knot interval (knots at b and b + 6, step h):
 * r(u) = c₀ + c₁u + c₂u² + c₃u³ with c₀ = r₀, c₁ = h·v₀, c₂ = 3(r₁ − r₀) − h(2v₀ + v₁), c₃ = 2(r₀ − r₁) + h(v₀ + v₁);
 * four per axis into out[o..o + 11].
 */
function hermiteCoefficients(knots: Float64Array, b: number, h: number, out: Float64Array, o: number): void {
  for (let j = 0; j < 3; j++) {
    const p0 = knots[b + j]!;
    const v0 = h * knots[b + 3 + j]!;
    const p1 = knots[b + 6 + j]!;
    const v1 = h * knots[b + 9 + j]!;
    const at = o + 4 * j;
    out[at] = p0;
    out[at + 1] = v0;
    out[at + 2] = 3 * (p1 - p0) - 2 * v0 - v1;
    out[at + 3] = 2 * (p0 - p1) + v0 + v1;
  }
}

/**
 * Cubic Hermite state of object i at sample coordinate kk (sample steps Δt from the window start, integer or not) from a
 * block's knot table (knots every m samples) into out[o..o + 5], in the Lagrange-Hermite basis with u = r/m exact
 * (r the samples past the knot, exact for integers and halves); false when kk lies outside the object's knots (the caller then evaluates SGP4).
 * Differs from `slotState` only by rounding (same cubic, other evaluation order): both obey the bounds ε, ε'.
 */
export function knotState(table: KnotTable, m: number, dt: number, i: number, kk: number, out: Float64Array, o: number): boolean {
  const qAbs = Math.floor(kk / m);
  let q = qAbs - table.knotFirst[i]!;
  let r = kk - qAbs * m;
  const count = (table.knotOffset[i + 1]! - table.knotOffset[i]!) / 6;
  if (q < 0 || q > count - 1 || count < 2) return false;
  if (q === count - 1) {
    if (r !== 0) return false;
    q = count - 2;
    r = m;
  }
  const u = r / m;
  const h = m * dt;
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1;
  const h10 = (u3 - 2 * u2 + u) * h;
  const h01 = 3 * u2 - 2 * u3;
  const h11 = (u3 - u2) * h;
  const invH = 1 / h;
  const d00 = (6 * u2 - 6 * u) * invH; // d/dt of h00 (h01's is its negative)
  const d10 = 3 * u2 - 4 * u + 1;
  const d11 = 3 * u2 - 2 * u;
  const k = table.knots;
  const b = table.knotOffset[i]! + q * 6;
  for (let j = 0; j < 3; j++) {
    const p0 = k[b + j]!;
    const v0 = k[b + 3 + j]!;
    const p1 = k[b + 6 + j]!;
    const v1 = k[b + 9 + j]!;
    out[o + j] = h00 * p0 + h10 * v0 + h01 * p1 + h11 * v1;
    out[o + 3 + j] = d00 * (p0 - p1) + d10 * v0 + d11 * v1;
  }
  return true;
}

/**
 * f_H + sign·β for two interpolated states (S[0..5] object 1, S[6..11] object 2): f_H = Δr_H·Δv_H the interpolated
 * range-rate function and β = |Δr_H|(ε'₁ + ε'₂) + |Δv_H|(ε₁ + ε₂) + (ε₁ + ε₂)(ε'₁ + ε'₂) + pad, which bounds |f − f_H|
 * for the exact f = Δr·Δv when |r_H − r| ≤ ε and |v_H − v| ≤ ε' for each object (errSum = ε₁ + ε₂ km, vErrSum =
 * ε'₁ + ε'₂ km/s). The pad, 1e-9·|Δr_H||Δv_H| + 1e-6 km²/s, covers rounding in f_H and in the exact f (~1e-15 of
 * |Δr||Δv|). So sign −1 gives a lower bound of f and sign +1 an upper bound (km²/s).
 */
export function rangeRateBound(S: Float64Array, errSum: number, vErrSum: number, sign: number): number {
  const dx = S[6]! - S[0]!;
  const dy = S[7]! - S[1]!;
  const dz = S[8]! - S[2]!;
  const dvx = S[9]! - S[3]!;
  const dvy = S[10]! - S[4]!;
  const dvz = S[11]! - S[5]!;
  const dr = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const dv = Math.sqrt(dvx * dvx + dvy * dvy + dvz * dvz);
  const beta = dr * vErrSum + dv * errSum + errSum * vErrSum + 1e-9 * dr * dv + 1e-6;
  return dx * dvx + dy * dvy + dz * dvz + sign * beta;
}


/**
 * f(t₀ + τ) + sign·β from the exact states of two objects at t₀ (S[o..o + 5] object 1, S[o + 6..o + 11] object 2):
 * Δr(t₀ + τ) = Δr₀ + Δv₀τ + R with |R| ≤ ½A·τ² and |Δv(t₀ + τ) − Δv₀| ≤ A·|τ|, A = TIDAL·sep + NONGRAV a bound of
 * the relative acceleration (sep = |Δr₀| + |Δv₀||τ| + ½·ABS·τ² bounds the separation over the interval); then
 * `rangeRateBound` of the predicted relative state with these errors. `P`: 12 values of scratch (km²/s).
 */
export function predictedRangeRateBound(S: Float64Array, o: number, tau: number, sign: number, P: Float64Array): number {
  let rr = 0;
  let vv = 0;
  for (let x = 0; x < 3; x++) {
    const dv = S[o + 9 + x]! - S[o + 3 + x]!;
    const dr = S[o + 6 + x]! - S[o + x]!;
    P[x] = 0;
    P[3 + x] = 0;
    P[6 + x] = dr + dv * tau;
    P[9 + x] = dv;
    rr += dr * dr;
    vv += dv * dv;
  }
  const at = Math.abs(tau);
  const sep = Math.sqrt(rr) + Math.sqrt(vv) * at + 0.5 * ABS_REL_ACCEL_KMS2 * at * at;
  const A = TIDAL_PER_S2 * sep + NONGRAV_KMS2;
  return rangeRateBound(P, 0.5 * A * at * at, A * at, sign);
}

/** Position r(u) and velocity r'(u)/h from power-form coefficients into out[o..o + 5]. */
function powerState(c: Float64Array, o: number, u: number, h: number, out: Float64Array, so: number): void {
  const invH = 1 / h;
  for (let j = 0; j < 3; j++) {
    const at = o + 4 * j;
    const c1 = c[at + 1]!;
    const c2 = c[at + 2]!;
    const c3 = c[at + 3]!;
    out[so + j] = c[at]! + u * (c1 + u * (c2 + u * c3));
    out[so + 3 + j] = (c1 + u * (2 * c2 + 3 * u * c3)) * invH;
  }
}

/**
 * Sets each slot's ρ for a window of half-length H from its state at the centre (S, eight values per slot: the state
 * in S[8s..8s + 5]), and its fast flag (ρ above FAST_SPEED_KMS·H + 1 km); writes ρ + reach/2 and ε into S[8s + 6],
 * S[8s + 7] (the packed record of windowObjects.ts); returns the cell size (reach + 2·max ρ of the slow objects, grown
 * when needed so that K ≤ MAX_FAST_CELLS) and K. (The broad phase uses `windowStates`, which does the same in its
 * pass.)
 */
export function windowReach(sl: Slots, S: Float64Array, H: number, reach: number): WindowCells {
  const rhoCut = FAST_SPEED_KMS * H + 1;
  let rhoSlow = 0;
  let rhoMax = 0;
  for (let s = 0; s < sl.ns; s++) {
    const rho = finishRecord(sl, s, S, H, reach);
    if (rho <= rhoCut && rho > rhoSlow) rhoSlow = rho;
    if (rho > rhoMax) rhoMax = rho;
  }
  return windowCells(rhoSlow, rhoMax, reach);
}

/**
 * The states of every slot at sample coordinate kk into S (eight values per slot, so that a slot's window record is
 * one 64-byte line to gather), then `windowReach`'s values, in one pass over the slots (each record is finished while
 * it is in cache).
 */
export function windowStates(sl: Slots, knots: Float64Array, kk: number, H: number, reach: number, S: Float64Array): WindowCells {
  const rhoCut = FAST_SPEED_KMS * H + 1;
  let rhoSlow = 0;
  let rhoMax = 0;
  for (let s = 0; s < sl.ns; s++) {
    slotState(sl, knots, s, kk, S, 8 * s);
    const rho = finishRecord(sl, s, S, H, reach);
    if (rho <= rhoCut && rho > rhoSlow) rhoSlow = rho;
    if (rho > rhoMax) rhoMax = rho;
  }
  return windowCells(rhoSlow, rhoMax, reach);
}

/** Sets slot s's ρ and fast flag from its state in S[8s..8s + 5] and writes ρ + reach/2 and ε after it; returns ρ. */
function finishRecord(sl: Slots, s: number, S: Float64Array, H: number, reach: number): number {
  const o = 8 * s;
  const rho = slotReach(sl, s, S[o + 3]!, S[o + 4]!, S[o + 5]!, H);
  S[o + 6] = rho + 0.5 * reach;
  S[o + 7] = sl.err[s]!;
  return rho;
}

/** Largest ρ of a slow object over a window of half-length H (km): the cell size reach + 2·this always serves them. */
export function slowReachBound(H: number): number {
  return FAST_SPEED_KMS * H + 1;
}

/** Sets slot s's ρ and fast flag for a window of half-length H from its velocity (vx, vy, vz) at the centre; returns ρ. */
export function slotReach(sl: Slots, s: number, vx: number, vy: number, vz: number, H: number): number {
  const v = Math.sqrt(vx * vx + vy * vy + vz * vz) + sl.vErr[s]! + MAX_ACCEL_KMS2 * H;
  const rho = Math.min(sl.speed[s]!, v) * H + sl.err[s]!;
  sl.rho[s] = rho;
  sl.fast[s] = rho > slowReachBound(H) ? 1 : 0;
  return rho;
}

/** Cells for slow objects of ρ ≤ rhoSlow (grown when needed so that K ≤ MAX_FAST_CELLS) and K for the fastest. */
export function windowCells(rhoSlow: number, rhoMax: number, reach: number): WindowCells {
  const span = reach + 2 * rhoMax + 1e-6;
  const cell = Math.max(reach + 2 * rhoSlow + 1e-6, span / MAX_FAST_CELLS);
  return { cell, K: Math.max(1, Math.ceil(span / cell)), rhoMax };
}
