/**
 * Reentry predictions off the request thread: a small piscina pool (at most 2 threads, created on first use, idle
 * threads released after 30 s) running `reentryTask.ts`; a prediction takes seconds of CPU (atmosphere tables).
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { ReentryJob, ReentryJobResult } from './reentryTask.ts';

let pool: Piscina<ReentryJob, ReentryJobResult> | undefined;

/** Runs one prediction in the pool. */
export function runReentryJob(job: ReentryJob): Promise<ReentryJobResult> {
  pool ??= new Piscina<ReentryJob, ReentryJobResult>({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
    idleTimeout: 30_000,
    maxQueue: 32,
  });
  return pool.run(job);
}

/** Stops the pool (server shutdown, tests). */
export async function closeReentryPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p !== undefined) await p.destroy();
}
