/** Multi-threaded SGP4 propagation driver. */
export * from './parallelPropagate.ts';
