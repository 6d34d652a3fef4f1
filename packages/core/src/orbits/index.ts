/** Orbit-level analytic helpers shared by the planning tools: secular J2 rates, circular-orbit speed and mean motion. */
export * from './j2Secular.ts';
export * from './lambert.ts';
export * from './kepler.ts';
