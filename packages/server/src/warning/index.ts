/** Early warning: screening jobs, events with their update history, alert levels and push policy, webhook delivery, the alert bus, maneuver coordination. */
export * from './levels.ts';
export * from './assess.ts';
export * from './events.ts';
export * from './jobs.ts';
export * from './scheduler.ts';
export * from './recording.ts';
export * from './alertBus.ts';
export * from './webhooks.ts';
export * from './service.ts';
export * from './webhookTarget.ts';
export * from './coordination.ts';
