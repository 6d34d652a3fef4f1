/** Force models for numerical propagation (GCRF, km/s²): Earth gravity field, Sun/Moon third bodies, solar radiation pressure. */
export * from './gravity/index.ts';
export * from './thirdBody.ts';
export * from './srp.ts';
