/**
 * Numerical propagations off the request thread: a small piscina pool (at most 2 threads, created on first use,
 * idle threads released after 30 s) running `numericalTask.ts`. The event loop keeps serving other requests while a
 * propagation (up to ~a second of CPU per simulated day with the full force model) runs.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { NumericalJob, NumericalJobResult } from './numericalTask.ts';

let pool: Piscina<NumericalJob, NumericalJobResult> | undefined;

/** Runs one job in the pool. */
export function runNumericalJob(job: NumericalJob): Promise<NumericalJobResult> {
  pool ??= new Piscina<NumericalJob, NumericalJobResult>({
    filename: new URL('./numericalWorker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
    idleTimeout: 30_000,
    maxQueue: 64,
  });
  return pool.run(job);
}

/** Stops the pool (server shutdown, tests). */
export async function closeNumericalPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p !== undefined) await p.destroy();
}
