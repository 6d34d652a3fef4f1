/** Reentry predictions in the service: the worker-thread task and its pool. */
export * from './reentryTask.ts';
export * from './parallelReentry.ts';
