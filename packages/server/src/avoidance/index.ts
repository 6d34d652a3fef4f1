/** Collision-avoidance planning for the service: the planner in a worker thread. */
export * from './parallelAvoidance.ts';
export type { AvoidanceJob, AvoidanceJobResult } from './avoidanceTask.ts';
