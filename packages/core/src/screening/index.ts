/** Conjunction screening: the fast screener (knot ephemerides, apogee/perigee, grid sort-and-sweep, exact-SGP4 TCA) and a synthetic catalog generator. */
export * from './types.ts';
export * from './plan.ts';
export * from './block.ts';
export * from './screen.ts';
export * from './synthetic.ts';
