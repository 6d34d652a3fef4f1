/** Collision avoidance: Pc-targeted maneuver planning (STM trade space, numerical verification), re-screening and CCSDS outputs. */
export * from './model.ts';
export * from './linear.ts';
export * from './plan.ts';
export * from './rescreen.ts';
export * from './outputs.ts';
