/** Pass prediction on worker threads (piscina), identical results whatever the thread count. */
export * from './parallelPasses.ts';
