/** Orbit propagation: SGP4 for GP element sets, interpolated ephemerides, and the trajectory abstraction over both. */
export * from './sgp4/index.ts';
export * from './ephemeris/index.ts';
export * from './trajectory.ts';
