/** SGP4/SDP4 propagation of GP element sets (TEME output): single-object and batch APIs. */
export * from './input.ts';
export * from './sgp4.ts';
export * from './batch.ts';
