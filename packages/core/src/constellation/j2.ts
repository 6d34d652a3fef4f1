/**
 * Design altitudes and mean motions of the constellation tools (the secular J2 rates live in orbits/j2Secular.ts).
 *
 * The J2 constants there (μ = 398600.4418 km³/s², R⊕ = 6378.137 km, J2 = 1.08262668e-3) are the set the
 * reconstructed Qianfan geometry (../shared/data/operations/qianfan-deployment) quotes.
 *
 * Design altitudes become element-set mean motions with SGP4's own constants (WGS-72: μ = 398600.8, R = 6378.135),
 * so that a designed "altitude" read back from the element set as a − 6378.135 km is exactly the altitude asked for,
 * the convention the Qianfan reconstruction uses.
 */
import { SECONDS_PER_DAY, TWO_PI, WGS72 } from '../units/index.ts';

/** SGP4 (WGS-72) mean motion of a circular orbit at a design altitude, rev/day: n = √(μ/(R + h)³). */
export function designMeanMotionRevPerDay(altitudeKm: number): number {
  const a = WGS72.aKm + altitudeKm;
  return (Math.sqrt(WGS72.muKm3s2 / (a * a * a)) * SECONDS_PER_DAY) / TWO_PI;
}

/** Inverse of designMeanMotionRevPerDay: altitude (km) = (μ/n²)^(1/3) − 6378.135. */
export function designAltitudeKm(meanMotionRevPerDay: number): number {
  const n = (meanMotionRevPerDay * TWO_PI) / SECONDS_PER_DAY;
  return Math.cbrt(WGS72.muKm3s2 / (n * n)) - WGS72.aKm;
}
