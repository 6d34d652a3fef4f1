/** Propagating a CCSDS OPM numerically: state and covariance to GCRF, force models from options, output grid, CSV/OEM/JSON output. */
export * from './opmState.ts';
export * from './numericalRun.ts';
