/**
 * Secular J2 rates of a near-circular orbit and circular-orbit helpers, shared by constellation design and deployment
 * and launch windows.
 *
 * Nodal rate (Vallado, Fundamentals of Astrodynamics 4th ed., eq. 9-41; Kaula 1966):
 *   dΩ/dt = −(3/2) n J2 (R⊕/p)² cos i,   n = √(μ/a³),   p = a(1 − e²).
 * Constants: μ = 398600.4418 km³/s², R⊕ = 6378.137 km, J2 = 1.08262668e-3 (EGM-96 / WGS-84 zonal, unnormalised).
 * Units: km, s, rad (deg/day where the name says so).
 */
import { SECONDS_PER_DAY } from '../units/index.ts';

/** μ of the J2 secular model, km³/s². */
export const J2_MODEL_MU_KM3S2 = 398600.4418;
/** Equatorial radius of the J2 secular model, km. */
export const J2_MODEL_RADIUS_KM = 6378.137;
/** Unnormalised J2 (EGM-96). */
export const J2_EARTH = 1.08262668e-3;

/** Circular speed √(μ/r), km/s. */
export function circularSpeedKmS(radiusKm: number, muKm3S2 = J2_MODEL_MU_KM3S2): number {
  return Math.sqrt(muKm3S2 / radiusKm);
}

/** Mean motion √(μ/a³), rad/s. */
export function meanMotionRadS(aKm: number, muKm3S2 = J2_MODEL_MU_KM3S2): number {
  return Math.sqrt(muKm3S2 / (aKm * aKm * aKm));
}

/** Secular J2 nodal rate dΩ/dt (rad/s) at semi-major axis a (km), inclination i (rad), eccentricity e. */
export function j2NodalRateRadS(aKm: number, inclinationRad: number, eccentricity = 0): number {
  const p = aKm * (1 - eccentricity * eccentricity);
  const q = J2_MODEL_RADIUS_KM / p;
  return -1.5 * meanMotionRadS(aKm) * J2_EARTH * q * q * Math.cos(inclinationRad);
}

/** Secular J2 nodal rate of a circular orbit at an altitude (km above the 6378.137 km equatorial radius), deg/day. */
export function j2NodalRateDegPerDay(altitudeKm: number, inclinationDeg: number): number {
  return (j2NodalRateRadS(J2_MODEL_RADIUS_KM + altitudeKm, (inclinationDeg * Math.PI) / 180) * SECONDS_PER_DAY * 180) / Math.PI;
}

/**
 * Days of differential J2 nodal drift needed to open `raanDeg` of RAAN between a circular orbit at `parkingAltitudeKm`
 * and one at `targetAltitudeKm`, both at `inclinationDeg`: |ΔΩ| / |Ω̇(parking) − Ω̇(target)|.
 */
export function j2DriftDays(raanDeg: number, parkingAltitudeKm: number, targetAltitudeKm: number, inclinationDeg: number): number {
  const d = Math.abs(j2NodalRateDegPerDay(parkingAltitudeKm, inclinationDeg) - j2NodalRateDegPerDay(targetAltitudeKm, inclinationDeg));
  return d === 0 ? Number.POSITIVE_INFINITY : Math.abs(raanDeg) / d;
}
