/** Multi-threaded conjunction screening (piscina worker threads over @skylane/core's screening blocks). */
export * from './parallelScreening.ts';
