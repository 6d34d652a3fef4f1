/** Correlation of tracks with the catalog (SGP4, Mahalanobis gates), UCTs and provisional objects with analyst numbers. */
export * from './catalogCovariance.ts';
export * from './tracks.ts';
export * from './correlate.ts';
export * from './uct.ts';
export * from './linkArcs.ts';
