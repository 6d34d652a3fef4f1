/** Numerical (Cowell) orbit propagation: Runge–Kutta integrators with dense output, events, force contract, STM and covariance, numerical trajectories. */
export * from './forceModel.ts';
export * from './tableaus.ts';
export * from './integrator.ts';
export * from './events.ts';
export * from './earthOrientation.ts';
export * from './forceEvaluation.ts';
export * from './zonalGravity.ts';
export * from './denseEphemeris.ts';
export * from './propagator.ts';
export * from './covariance.ts';
export * from './numericalTrajectory.ts';
export * from './sgp4Initial.ts';
