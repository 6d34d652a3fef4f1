/**
 * Orbit figures of an object card from its mean elements: semi-major axis from the mean motion (Kepler's third
 * law with WGS-72 μ, the constant of SGP4), period, and perigee/apogee altitudes above the WGS-72 equatorial radius.
 * These are the mean-element figures operators read off a TLE, not osculating values.
 */
const MU_WGS72_KM3S2 = 398600.8;
const EARTH_RADIUS_WGS72_KM = 6378.135;

export interface OrbitFigures {
  readonly periodMin: number;
  readonly semiMajorAxisKm: number;
  readonly perigeeAltKm: number;
  readonly apogeeAltKm: number;
}

export function orbitFigures(meanMotionRevPerDay: number, eccentricity: number): OrbitFigures {
  const nRadS = (meanMotionRevPerDay * 2 * Math.PI) / 86_400;
  const a = Math.cbrt(MU_WGS72_KM3S2 / (nRadS * nRadS));
  return {
    periodMin: 1440 / meanMotionRevPerDay,
    semiMajorAxisKm: a,
    perigeeAltKm: a * (1 - eccentricity) - EARTH_RADIUS_WGS72_KM,
    apogeeAltKm: a * (1 + eccentricity) - EARTH_RADIUS_WGS72_KM,
  };
}
