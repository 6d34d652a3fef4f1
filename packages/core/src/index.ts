/** @skylane/core: pure astrodynamics for space-traffic management. No I/O, no globals, no stdout. */
export * from './errors/index.ts';
export * from './units/index.ts';
export * from './math/index.ts';
export * from './time/index.ts';
export * from './catalog/index.ts';
export * from './propagation/index.ts';
export * from './frames/index.ts';
export * from './ccsds/index.ts';
export * from './events/index.ts';
export * from './planning/index.ts';
export * from './covariance/index.ts';
export * from './risk/index.ts';
export * from './screening/index.ts';
export * from './assessment/index.ts';
export * from './atmosphere/jb2008/index.ts';
export * from './constellation/index.ts';
