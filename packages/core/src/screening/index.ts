/** Conjunction screening: the fast screener (knot ephemerides, apogee/perigee, grid sort-and-sweep, exact-SGP4 TCA), co-located pairs and per-pair merging of approaches, and a synthetic catalog generator. */
export * from './types.ts';
export * from './plan.ts';
export * from './block.ts';
export * from './screen.ts';
export * from './synthetic.ts';
export * from './coLocation.ts';
export { createBroadPhaseScratch, type BroadPhaseScratch } from './broadPhase.ts';
export * from './shards.ts';
export * from './columns.ts';
export * from './columnsFormat.ts';
export * from './sgp4Records.ts';
export * from './streamMerge.ts';
