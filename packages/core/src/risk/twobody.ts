/**
 * Keplerian two-body motion for the risk module: elliptic-orbit propagation by Kepler's equation and the
 * 6x6 state-transition matrix by central differences of that exact solution.
 * Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Alg. 9 (RV2COE) and §2.3 (Kepler's
 * equation); state in km, km/s, any inertial frame; μ in km³/s².
 */
import { ArgumentError } from '../errors/index.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';

/** Precomputed elliptic orbit: r(t) = a(cos E − e)P + b sin E Q with E − e sin E = M₀ + n t. */
export interface EllipticOrbit {
  readonly a: number;
  readonly e: number;
  readonly b: number;
  readonly n: number;
  readonly m0: number;
  readonly P: readonly [number, number, number];
  readonly Q: readonly [number, number, number];
  readonly mu: number;
}

/** Builds the elliptic orbit of a state (km, km/s). Throws for hyperbolic, parabolic or degenerate states. */
export function ellipticOrbit(x: ArrayLike<number>, mu: number = EARTH_MU_KM3S2): EllipticOrbit {
  const rx = x[0]!, ry = x[1]!, rz = x[2]!, vx = x[3]!, vy = x[4]!, vz = x[5]!;
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const a = 1 / (2 / r - v2 / mu);
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new ArgumentError('Two-body risk propagation supports elliptic orbits only (negative specific energy); this state is hyperbolic or parabolic.', a);
  }
  const rv = rx * vx + ry * vy + rz * vz;
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const hn = Math.hypot(hx, hy, hz);
  if (!(hn > 0)) throw new ArgumentError('Rectilinear (zero angular momentum) state: no orbit plane.', x);
  // Eccentricity vector e = ((v² − μ/r) r − (r·v) v)/μ.
  const k = v2 - mu / r;
  let ex = (k * rx - rv * vx) / mu, ey = (k * ry - rv * vy) / mu, ez = (k * rz - rv * vz) / mu;
  let e = Math.hypot(ex, ey, ez);
  if (e >= 1) throw new ArgumentError('Eccentricity ≥ 1: elliptic two-body propagation does not apply.', e);
  let P: [number, number, number];
  if (e > 1e-14) {
    P = [ex / e, ey / e, ez / e];
  } else {
    e = 0;
    ex = ey = ez = 0;
    P = [rx / r, ry / r, rz / r];
  }
  const Wx = hx / hn, Wy = hy / hn, Wz = hz / hn;
  const Q: [number, number, number] = [Wy * P[2] - Wz * P[1], Wz * P[0] - Wx * P[2], Wx * P[1] - Wy * P[0]];
  const n = Math.sqrt(mu / (a * a * a));
  const b = a * Math.sqrt(1 - e * e);
  // E₀ from the position in the perifocal frame: x_p = a(cos E − e), y_p = b sin E.
  const xp = rx * P[0] + ry * P[1] + rz * P[2];
  const yp = rx * Q[0] + ry * Q[1] + rz * Q[2];
  const E0 = Math.atan2(yp / b, xp / a + e);
  const m0 = E0 - e * Math.sin(E0);
  return { a, e, b, n, m0, P, Q, mu };
}

/** Solves Kepler's equation E − e sin E = M (Newton, Danby's starter), E continuous in M. */
export function solveKepler(M: number, e: number): number {
  const twoPi = 2 * Math.PI;
  const k = Math.floor((M + Math.PI) / twoPi);
  const m = M - k * twoPi; // in [−π, π)
  let E = m + 0.85 * e * Math.sign(Math.sin(m) || 1);
  if (e < 0.1) {
    const sm = Math.sin(m);
    E = m + e * sm * (1 + e * Math.cos(m)); // second-order starter
  }
  // Newton: the error after a step of size |dE| is ≤ e|dE|²/(2(1 − e)), so once |dE| < 1e-9·√(1 − e) the
  // updated E is exact to ~1e-18 and no further (verifying) iteration is needed.
  const stop = 1e-9 * Math.sqrt(1 - e);
  for (let it = 0; it < 50; it++) {
    const s = Math.sin(E), c = Math.cos(E);
    const f = E - e * s - m;
    const dE = f / (1 - e * c);
    E -= dE;
    if (Math.abs(dE) < stop) break;
  }
  return E + k * twoPi;
}

/** State at t seconds after the orbit's epoch, written into out[0..5] (km, km/s). */
export function propagateElliptic(o: EllipticOrbit, t: number, out: Float64Array | number[], offset = 0): void {
  const E = solveKepler(o.m0 + o.n * t, o.e);
  const c = Math.cos(E), s = Math.sin(E);
  const xp = o.a * (c - o.e), yp = o.b * s;
  const edot = o.n / (1 - o.e * c);
  const vxp = -o.a * s * edot, vyp = o.b * c * edot;
  const P = o.P, Q = o.Q;
  out[offset] = xp * P[0] + yp * Q[0];
  out[offset + 1] = xp * P[1] + yp * Q[1];
  out[offset + 2] = xp * P[2] + yp * Q[2];
  out[offset + 3] = vxp * P[0] + vyp * Q[0];
  out[offset + 4] = vxp * P[1] + vyp * Q[1];
  out[offset + 5] = vxp * P[2] + vyp * Q[2];
}

/** Propagates a state (km, km/s) by t seconds of two-body motion. */
export function propagateTwoBody(x: ArrayLike<number>, t: number, mu: number = EARTH_MU_KM3S2): Float64Array {
  const out = new Float64Array(6);
  propagateElliptic(ellipticOrbit(x, mu), t, out);
  return out;
}

/** Orbital period (s) of a state. */
export function orbitalPeriodS(x: ArrayLike<number>, mu: number = EARTH_MU_KM3S2): number {
  const o = ellipticOrbit(x, mu);
  return (2 * Math.PI) / o.n;
}

/**
 * Propagated state and 6x6 state-transition matrix Φ(t, 0) = ∂x(t)/∂x(0) (row-major) by central differences
 * of the exact two-body solution (steps 1e-6·|r| and 1e-6·|v|; relative error ~1e-10).
 */
export function twoBodyStm(x: ArrayLike<number>, t: number, mu: number = EARTH_MU_KM3S2): { x: Float64Array; stm: Float64Array } {
  const xt = propagateTwoBody(x, t, mu);
  const stm = new Float64Array(36);
  const r = Math.hypot(x[0]!, x[1]!, x[2]!), v = Math.hypot(x[3]!, x[4]!, x[5]!);
  const plus = new Float64Array(6), minus = new Float64Array(6);
  const xp = Float64Array.from(x as ArrayLike<number>), xm = Float64Array.from(x as ArrayLike<number>);
  for (let j = 0; j < 6; j++) {
    const h = j < 3 ? 1e-6 * r : 1e-6 * v;
    xp.set(x as ArrayLike<number>);
    xm.set(x as ArrayLike<number>);
    xp[j] = x[j]! + h;
    xm[j] = x[j]! - h;
    propagateElliptic(ellipticOrbit(xp, mu), t, plus);
    propagateElliptic(ellipticOrbit(xm, mu), t, minus);
    for (let i = 0; i < 6; i++) stm[i * 6 + j] = (plus[i]! - minus[i]!) / (2 * h);
  }
  return { x: xt, stm };
}
