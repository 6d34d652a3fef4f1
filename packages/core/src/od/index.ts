/** Orbit determination: the shared observation model, station measurement models, readers of tracking data, batch least squares and EKF. */
export * from './observation.ts';
export * from './iod/index.ts';
export * from './correlation/index.ts';
