/** Launch work of the service on worker threads: launch COLA of a plan over a window against the catalog. */
export * from './parallelLcola.ts';
