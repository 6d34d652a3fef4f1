/** Tracking data and orbit determination in the service: TDM ingest with catalog correlation, OD jobs in worker threads. */
export * from './ingest.ts';
export * from './odJobs.ts';
export type { OdTaskInput, OdTaskMessage } from './odTask.ts';
export * from './uctLinking.ts';
export * from './breakupAlerts.ts';
