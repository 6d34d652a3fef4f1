/** Earth gravity field: ICGEM and EGM coefficient readers, tide systems, and the spherical-harmonic force model. */
export * from './field.ts';
export * from './icgem.ts';
export * from './egmFormat.ts';
export * from './sphericalHarmonics.ts';
export * from './readGravityField.ts';
