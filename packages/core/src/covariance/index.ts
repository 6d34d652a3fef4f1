/** Covariance: 3x3/6x6 frame-branded covariances (km, km/s), RTN ↔ inertial rotation, combination, PD checks and remediation. */
export * from './types.ts';
export * from './rtn.ts';
export * from './eigen.ts';
