/**
 * Equinoctial orbital elements (n, a_f, a_g, χ, ψ, λ_M) for two-body covariance propagation in the risk module.
 *
 * R. A. Broucke and P. J. Cefola, "On the equinoctial orbit elements", Celestial Mechanics 5 (1972) 303–310;
 * Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., §2.4 (retrograde factor +1, i.e. singular
 * only for i = 180°). The set is the one used by D. T. Hall for the 3D Pc (Hall 2021, "Expected Collision Rates
 * for Tracked Satellites", JSR 58(3)): n the mean motion (rad/s), (a_f, a_g) the eccentricity vector in the
 * equinoctial frame, (χ, ψ) = tan(i/2)(sin Ω, cos Ω), λ_M the mean longitude (rad). Under two-body motion only
 * λ_M changes, λ_M(t) = λ_M(0) + n t, so a Gaussian in these elements stays exactly Gaussian when propagated:
 * the curvature of a long in-track uncertainty ("banana") comes from the non-linear map back to Cartesian.
 * Units: km, km/s, s, rad; any inertial frame.
 */
import { ArgumentError } from '../errors/index.ts';
import { solveKepler } from './twobody.ts';

/** Equinoctial elements [n, af, ag, chi, psi, lambdaM] from a Cartesian state (km, km/s). Elliptic, non-retrograde-equatorial orbits only. */
export function cartesianToEquinoctial(x: ArrayLike<number>, mu: number): Float64Array {
  const rx = x[0]!, ry = x[1]!, rz = x[2]!, vx = x[3]!, vy = x[4]!, vz = x[5]!;
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const a = 1 / (2 / r - v2 / mu);
  if (!(a > 0) || !Number.isFinite(a)) throw new ArgumentError('Equinoctial elements need an elliptic orbit (negative specific energy).', a);
  const n = Math.sqrt(mu / (a * a * a));
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const hn = Math.hypot(hx, hy, hz);
  const wx = hx / hn, wy = hy / hn, wz = hz / hn;
  if (!(1 + wz > 1e-12)) throw new ArgumentError('Equinoctial elements (retrograde factor +1) are singular for an inclination of 180°.', wz);
  const chi = wx / (1 + wz), psi = -wy / (1 + wz);
  const d = 1 + chi * chi + psi * psi;
  const fx = (1 - chi * chi + psi * psi) / d, fy = (2 * chi * psi) / d, fz = (-2 * chi) / d;
  const gx = (2 * chi * psi) / d, gy = (1 + chi * chi - psi * psi) / d, gz = (2 * psi) / d;
  const rv = rx * vx + ry * vy + rz * vz;
  const k = v2 - mu / r;
  const ex = (k * rx - rv * vx) / mu, ey = (k * ry - rv * vy) / mu, ez = (k * rz - rv * vz) / mu;
  const af = ex * fx + ey * fy + ez * fz, ag = ex * gx + ey * gy + ez * gz;
  const X = rx * fx + ry * fy + rz * fz, Y = rx * gx + ry * gy + rz * gz;
  const s = Math.sqrt(1 - af * af - ag * ag);
  const beta = 1 / (1 + s);
  const cosF = af + ((1 - af * af * beta) * X - af * ag * beta * Y) / (a * s);
  const sinF = ag + ((1 - ag * ag * beta) * Y - af * ag * beta * X) / (a * s);
  const F = Math.atan2(sinF, cosF);
  const lambda = F + ag * Math.cos(F) - af * Math.sin(F);
  return Float64Array.from([n, af, ag, chi, psi, lambda]);
}

/** Cartesian state (km, km/s) from equinoctial elements [n, af, ag, chi, psi, lambdaM], written into `out`. */
export function equinoctialToCartesian(e: ArrayLike<number>, mu: number, out: Float64Array = new Float64Array(6)): Float64Array {
  const n = e[0]!, af = e[1]!, ag = e[2]!, chi = e[3]!, psi = e[4]!, lambda = e[5]!;
  const a = Math.cbrt(mu / (n * n));
  const d = 1 + chi * chi + psi * psi;
  const fx = (1 - chi * chi + psi * psi) / d, fy = (2 * chi * psi) / d, fz = (-2 * chi) / d;
  const gx = (2 * chi * psi) / d, gy = (1 + chi * chi - psi * psi) / d, gz = (2 * psi) / d;
  // Generalised Kepler equation λ = F + a_g cos F − a_f sin F, solved as Kepler's equation in E = F − ϖ, with
  // e = |(a_f, a_g)| and ϖ = atan2(a_g, a_f): then M = λ − ϖ and F = E + ϖ.
  const ecc = Math.hypot(af, ag);
  const varpi = ecc > 0 ? Math.atan2(ag, af) : 0;
  const F = solveKepler(lambda - varpi, ecc) + varpi;
  const cF = Math.cos(F), sF = Math.sin(F);
  const s = Math.sqrt(1 - af * af - ag * ag);
  const beta = 1 / (1 + s);
  const X = a * ((1 - ag * ag * beta) * cF + af * ag * beta * sF - af);
  const Y = a * ((1 - af * af * beta) * sF + af * ag * beta * cF - ag);
  const r = a * (1 - af * cF - ag * sF);
  const k = (n * a * a) / r;
  const Xd = k * (af * ag * beta * cF - (1 - ag * ag * beta) * sF);
  const Yd = k * ((1 - af * af * beta) * cF - af * ag * beta * sF);
  out[0] = X * fx + Y * gx;
  out[1] = X * fy + Y * gy;
  out[2] = X * fz + Y * gz;
  out[3] = Xd * fx + Yd * gx;
  out[4] = Xd * fy + Yd * gy;
  out[5] = Xd * fz + Yd * gz;
  return out;
}

/** Relative finite-difference steps of the Jacobian ∂x/∂E (n scaled by itself; the others are dimensionless or radians). */
const STEP = [1e-7, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7];

/**
 * Jacobian ∂x/∂E (6x6 row-major, Cartesian rows, equinoctial columns) at E, by central differences of
 * {@link equinoctialToCartesian} (relative error ~1e-9). Also returns x(E).
 */
export function equinoctialJacobian(e: ArrayLike<number>, mu: number): { x: Float64Array; J: Float64Array } {
  const x = equinoctialToCartesian(e, mu);
  const J = new Float64Array(36);
  const ep = Float64Array.from(e as ArrayLike<number>), em = Float64Array.from(e as ArrayLike<number>);
  const xp = new Float64Array(6), xm = new Float64Array(6);
  for (let j = 0; j < 6; j++) {
    const h = j === 0 ? STEP[0]! * e[0]! : STEP[j]!;
    ep.set(e as ArrayLike<number>);
    em.set(e as ArrayLike<number>);
    ep[j] = e[j]! + h;
    em[j] = e[j]! - h;
    equinoctialToCartesian(ep, mu, xp);
    equinoctialToCartesian(em, mu, xm);
    for (let i = 0; i < 6; i++) J[i * 6 + j] = (xp[i]! - xm[i]!) / (2 * h);
  }
  return { x, J };
}
