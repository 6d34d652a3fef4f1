/** Orbit propagation: SGP4 for GP element sets, interpolated ephemerides, numerical (Cowell) propagation, and the trajectory abstraction. */
export * from './sgp4/index.ts';
export * from './ephemeris/index.ts';
export * from './trajectory.ts';
export * from './numerical/index.ts';
export * from './opm/index.ts';
