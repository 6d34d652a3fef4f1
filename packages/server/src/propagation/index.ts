/** Multi-threaded SGP4 propagation driver, and numerical propagations in worker threads. */
export * from './parallelPropagate.ts';
export * from './parallelNumerical.ts';
