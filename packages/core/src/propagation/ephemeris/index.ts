/** Ephemeris-based trajectories: tabulated states (e.g. an operator's OEM) rotated to TEME and interpolated (Lagrange, Hermite). */
export * from './interpolation.ts';
export * from './trajectory.ts';
export * from './input.ts';
export * from './envelope.ts';
