/**
 * Avoidance planning off the request thread: a one-thread piscina pool (created on first use, released after 30 s
 * idle) running `avoidanceTask.ts`; a plan with its 7-day re-screening takes seconds of CPU.
 */
import { Piscina } from 'piscina';
import type { AvoidanceJob, AvoidanceJobResult } from './avoidanceTask.ts';

let pool: Piscina<AvoidanceJob, AvoidanceJobResult> | undefined;

/** Runs one planning job in the pool. */
export function runAvoidanceJob(job: AvoidanceJob): Promise<AvoidanceJobResult> {
  pool ??= new Piscina<AvoidanceJob, AvoidanceJobResult>({
    filename: new URL('./avoidanceWorker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
    maxQueue: 16,
  });
  return pool.run(job);
}

/** Stops the pool (server shutdown, tests). */
export async function closeAvoidancePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p !== undefined) await p.destroy();
}
