/** Units and physical constants. Inside the core: km, km/s, s, rad. Degrees and rev/day appear only at the I/O edge. */

export const DEG_TO_RAD = Math.PI / 180;
export const RAD_TO_DEG = 180 / Math.PI;
export const ARCSEC_TO_RAD = Math.PI / (180 * 3600);
export const TWO_PI = 2 * Math.PI;

export const SECONDS_PER_DAY = 86400;
export const MINUTES_PER_DAY = 1440;

/** Tolerances expressed in core units, for tests and convergence criteria. */
export const oneMillimetreKm = 1e-6;
export const oneMetreKm = 1e-3;
export const oneMillisecond = 1e-3;
export const oneMicrosecond = 1e-6;

export const metresToKm = (m: number): number => m / 1000;
export const kmToMetres = (km: number): number => km * 1000;
export const degToRad = (deg: number): number => deg * DEG_TO_RAD;
export const radToDeg = (rad: number): number => rad * RAD_TO_DEG;
/** rev/day → rad/s. */
export const revPerDayToRadPerSec = (revPerDay: number): number => (revPerDay * TWO_PI) / SECONDS_PER_DAY;
/** rad/s → rev/day. */
export const radPerSecToRevPerDay = (radPerSec: number): number => (radPerSec * SECONDS_PER_DAY) / TWO_PI;

/** WGS-84 ellipsoid (NIMA TR8350.2). */
export const WGS84 = {
  /** Equatorial radius, km. */
  aKm: 6378.137,
  /** Flattening. */
  f: 1 / 298.257223563,
  /** Earth gravitational parameter, km^3/s^2. */
  muKm3s2: 398600.4418,
} as const;

/** WGS-72 constants used by SGP4 (Vallado et al. 2006). */
export const WGS72 = {
  aKm: 6378.135,
  muKm3s2: 398600.8,
  j2: 0.001082616,
} as const;

/** Earth gravitational parameter used for two-body work (EGM-96/WGS-84), km^3/s^2. */
export const EARTH_MU_KM3S2 = 398600.4418;
/** Earth rotation rate (IERS conventional), rad/s. */
export const EARTH_ROTATION_RAD_S = 7.292115146706979e-5;

/** Standard gravity g₀ (m/s², exact by definition, CGPM 1901): the specific-impulse and rocket-equation constant. */
export const STANDARD_GRAVITY_MPS2 = 9.80665;
