/** Initial orbit determination: Gibbs, Herrick–Gibbs, Gauss (angles only) and Lambert, in any inertial frame. */
export * from './gibbs.ts';
export * from './gauss.ts';
export * from './lambert.ts';
