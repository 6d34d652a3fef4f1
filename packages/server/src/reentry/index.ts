/** Reentry watch of the service: prediction history, alerts, predictor interface. */
export * from './watch.ts';
