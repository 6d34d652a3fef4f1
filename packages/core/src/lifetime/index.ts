/** Orbital lifetime (orbit-averaged drag, solar-cycle-aware) and post-mission disposal compliance (25-year and 5-year rules). */
export * from './solarFlux.ts';
export * from './densityTable.ts';
export * from './averagedDecay.ts';
export * from './fromElementSet.ts';
export * from './compliance.ts';
