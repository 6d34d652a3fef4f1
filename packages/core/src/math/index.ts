/** Small linear-algebra kernels: frame-branded 3-vectors and 3x3 rotations. */
export * from './vec3.ts';
export * from './mat3.ts';
export * from './rootFinding.ts';
