/** Reentry in the service: predictions on worker threads (the precise predictor) and the reentry watch (prediction history, alerts, predictor interface). */
export * from './reentryTask.ts';
export * from './parallelReentry.ts';
export * from './watch.ts';
