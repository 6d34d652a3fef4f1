/** Constellation coverage and deployment planning on worker threads (piscina), identical results whatever the thread count. */
export * from './parallelConstellation.ts';
