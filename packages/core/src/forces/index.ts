/** Force models for the numerical propagator (GCRF accelerations, km/s²), each citing its source. */
export * from './drag.ts';
