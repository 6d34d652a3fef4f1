/**
 * Small orbit-element helpers for the breakup tools: osculating Keplerian elements of a Cartesian state (two-body,
 * μ = 398600.4418 km³/s²; Vallado, Fundamentals 4th ed., alg. 9 RV2COE, non-singular eˣ = e cos ω, eʸ = e sin ω and
 * mean longitude λ = ω + M used by the callers), and the apogee/perigee/period of a mean element set (Gabbard
 * diagram; a from the mean motion, R⊕ = 6378.137 km).
 */
import type { ElementSet } from '../../catalog/model.ts';
import { EARTH_MU_KM3S2, WGS84 } from '../../units/index.ts';

export interface OsculatingElements {
  readonly aKm: number;
  readonly e: number;
  readonly iRad: number;
  readonly raanRad: number;
  readonly argpRad: number;
  readonly meanAnomalyRad: number;
}

/** Osculating elements of r (km), v (km/s) in an inertial (or TEME) frame. */
export function osculatingElements(s: ArrayLike<number>, mu = EARTH_MU_KM3S2): OsculatingElements {
  const rx = s[0]!, ry = s[1]!, rz = s[2]!, vx = s[3]!, vy = s[4]!, vz = s[5]!;
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const h = Math.hypot(hx, hy, hz);
  const rv = rx * vx + ry * vy + rz * vz;
  const ex = ((v2 - mu / r) * rx - rv * vx) / mu, ey = ((v2 - mu / r) * ry - rv * vy) / mu, ez = ((v2 - mu / r) * rz - rv * vz) / mu;
  const e = Math.hypot(ex, ey, ez);
  const aKm = 1 / (2 / r - v2 / mu);
  const iRad = Math.acos(Math.max(-1, Math.min(1, hz / h)));
  const nx = -hy, ny = hx;
  const n = Math.hypot(nx, ny);
  const raanRad = n < 1e-12 ? 0 : Math.atan2(ny, nx);
  // Node-line basis (p̂ along the node, q̂ = ĥ × p̂) for the argument of latitude and of perigee.
  const px = n < 1e-12 ? 1 : nx / n, py = n < 1e-12 ? 0 : ny / n;
  const qx = (hy * 0 - hz * py) / h, qy = (hz * px - hx * 0) / h, qz = (hx * py - hy * px) / h;
  const u = Math.atan2(rx * qx + ry * qy + rz * qz, rx * px + ry * py);
  let argpRad = 0;
  let nu = u;
  if (e > 1e-10) {
    argpRad = Math.atan2(ex * qx + ey * qy + ez * qz, ex * px + ey * py);
    nu = u - argpRad;
  }
  const E = 2 * Math.atan2(Math.sqrt(1 - e) * Math.sin(nu / 2), Math.sqrt(1 + e) * Math.cos(nu / 2));
  const meanAnomalyRad = E - e * Math.sin(E);
  return { aKm, e, iRad, raanRad, argpRad, meanAnomalyRad };
}

/** Wraps an angle in degrees to (-180, 180]. */
export function wrapDeg180(d: number): number {
  const x = ((d % 360) + 360) % 360;
  return x > 180 ? x - 360 : x;
}

/** Semi-major axis (km) of a mean motion in rev/day. */
export function semiMajorAxisKmOfMeanMotion(nRevPerDay: number, mu = EARTH_MU_KM3S2): number {
  const n = (nRevPerDay * 2 * Math.PI) / 86400;
  return Math.cbrt(mu / (n * n));
}

/** Mean motion (rev/day) of a semi-major axis (km). */
export function meanMotionRevPerDayOf(aKm: number, mu = EARTH_MU_KM3S2): number {
  return (Math.sqrt(mu / (aKm * aKm * aKm)) * 86400) / (2 * Math.PI);
}

/** One point of a Gabbard diagram. */
export interface GabbardPoint {
  readonly catalogNumber: number;
  readonly periodMin: number;
  readonly apogeeAltitudeKm: number;
  readonly perigeeAltitudeKm: number;
}

/** Gabbard diagram data (apogee and perigee altitude vs orbital period) of element sets. */
export function gabbardDiagram(sets: readonly ElementSet[]): GabbardPoint[] {
  return sets.map((s) => {
    const a = semiMajorAxisKmOfMeanMotion(s.meanMotionRevPerDay);
    return { catalogNumber: s.catalogNumber, periodMin: 1440 / s.meanMotionRevPerDay, apogeeAltitudeKm: a * (1 + s.eccentricity) - WGS84.aKm, perigeeAltitudeKm: a * (1 - s.eccentricity) - WGS84.aKm };
  });
}
