/** Orbit propagation: SGP4 for GP element sets. */
export * from './sgp4/index.ts';
