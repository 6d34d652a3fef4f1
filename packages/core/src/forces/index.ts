/** Force models for numerical propagation (GCRF, km/s²), each citing its source: Earth gravity field, Sun/Moon third bodies, solar radiation pressure, atmospheric drag. */
export * from './gravity/index.ts';
export * from './thirdBody.ts';
export * from './srp.ts';
export * from './drag.ts';
export * from './relativity.ts';
