/** Deployment-campaign planning: launch sites and vehicles, low-thrust raising, launch windows, J2 drift, safety screening. */
export * from './errors.ts';
export * from './sites.ts';
export * from './vehicles.ts';
export * from './propulsion.ts';
export * from './safety.ts';
export * from './planner.ts';
