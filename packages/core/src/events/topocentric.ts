/**
 * Topocentric look angles from ITRF positions (Vallado, Fundamentals 4th ed., §4.4, alg. 27 "RAZEL" in its
 * Earth-fixed part). With ρ = r_sat − r_station (ITRF, km) and the station's geodetic ENU axes e, n, u:
 *   azimuth   = atan2(ρ·e, ρ·n)  (from north, east-positive, [0, 2π))
 *   elevation = asin(ρ·u / |ρ|)
 *   range rate = ρ·ρ̇ / |ρ|, with ρ̇ the Earth-fixed satellite velocity.
 * The SEZ frame of Vallado is the same axes reordered: S = −n, E = e, Z = u.
 * No atmospheric refraction is applied (geometric elevation).
 */
import type { Vec3 } from '../math/vec3.ts';
import { TWO_PI } from '../units/index.ts';
import type { GroundStation } from './station.ts';

export interface LookAngles {
  readonly azimuthRad: number;
  readonly elevationRad: number;
  readonly rangeKm: number;
  /** Range rate, km/s (positive when receding); NaN when no velocity was given. */
  readonly rangeRateKmS: number;
}

/** Topocentric ENU components (km) of an ITRF satellite position seen from a station. */
export function topocentricEnu(station: GroundStation, satItrfKm: Vec3<'ITRF'>): readonly [number, number, number] {
  const s = station.itrfKm;
  const x = satItrfKm[0] - s[0];
  const y = satItrfKm[1] - s[1];
  const z = satItrfKm[2] - s[2];
  const m = station.enu;
  return [m[0]! * x + m[1]! * y + m[2]! * z, m[3]! * x + m[4]! * y + m[5]! * z, m[6]! * x + m[7]! * y + m[8]! * z];
}

/** Topocentric SEZ components (km): south, east, zenith. */
export function topocentricSez(station: GroundStation, satItrfKm: Vec3<'ITRF'>): readonly [number, number, number] {
  const [e, n, u] = topocentricEnu(station, satItrfKm);
  return [-n, e, u];
}

/** Azimuth, elevation, range (and range rate when an ITRF velocity is given). */
export function lookAngles(station: GroundStation, satItrfKm: Vec3<'ITRF'>, satItrfVelKmS?: Vec3<'ITRF'>): LookAngles {
  const [e, n, u] = topocentricEnu(station, satItrfKm);
  const range = Math.hypot(e, n, u);
  let az = Math.atan2(e, n);
  if (az < 0) az += TWO_PI;
  let rangeRate = Number.NaN;
  if (satItrfVelKmS !== undefined) {
    const s = station.itrfKm;
    rangeRate =
      ((satItrfKm[0] - s[0]) * satItrfVelKmS[0] + (satItrfKm[1] - s[1]) * satItrfVelKmS[1] + (satItrfKm[2] - s[2]) * satItrfVelKmS[2]) / range;
  }
  return { azimuthRad: az, elevationRad: Math.asin(u / range), rangeKm: range, rangeRateKmS: rangeRate };
}
