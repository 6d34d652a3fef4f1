/** Orbit determination: the shared observation model, station measurement models, readers of tracking data, batch least squares, EKF, element-set fitting, IOD, correlation. */
export * from './observation.ts';
export * from './media.ts';
export * from './stationModel.ts';
export * from './measurementModel.ts';
export * from './linearAlgebra.ts';
export * from './empiricalAcceleration.ts';
export * from './batchLeastSquares.ts';
export * from './readers/index.ts';
export * from './simulateObservations.ts';
export * from './elementSetFit.ts';
export * from './extendedKalmanFilter.ts';
export * from './report.ts';
export * from './iod/index.ts';
export * from './correlation/index.ts';
export * from './breakup/index.ts';
export * from './simulation/index.ts';
