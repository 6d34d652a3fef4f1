/** Risk: probability of collision by published method (Foster 1992, Chan 1997, Alfano 2005, Hall 3D, Monte Carlo) and a usage check. */
export * from './special.ts';
export * from './quadrature.ts';
export * from './encounter.ts';
export * from './twobody.ts';
export * from './foster1992.ts';
export * from './chan1997.ts';
export * from './alfano2005.ts';
export * from './hall2021.ts';
export * from './montecarlo.ts';
export * from './usage.ts';
export * from './tcaAdjustment.ts';
