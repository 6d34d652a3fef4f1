/** @skylane/server: the Node runtime of Skylane: worker-thread drivers, storage, HTTP API, early warning (jobs, events, alerts). */

export * from './propagation/index.ts';
export * from './passes/index.ts';
export * from './planning/highsSolver.ts';
export * from './storage/index.ts';
export * from './http/index.ts';
export { seedDemo, readBundledCatalog, BUNDLED_CATALOG_PATH } from './seed.ts';
export * from './screening/index.ts';
export * from './warning/index.ts';
export { readBundledGravityField, readBundledEgm2008Text, BUNDLED_EGM2008_PATH } from './gravityData.ts';
export * from './constellation/index.ts';
export * from './distributed/index.ts';
export * from './od/index.ts';
