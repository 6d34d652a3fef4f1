/**
 * Multi-threaded conjunction screening: the plan of @skylane/core is sent once to every worker thread (piscina
 * `workerData`, with the near-earth SGP4 records planning computed, so that no thread initialises them again), its time blocks are screened in parallel, and the block results are merged by
 * `mergeScreeningBlocks`. Each block's result depends only on the plan and the block index (every TCA bracket
 * belongs to exactly one block), so events, skipped objects and statistics are identical for any thread count.
 */
import { availableParallelism } from 'node:os';
import {
  mergeScreeningBlocks,
  mergeScreeningBlocksColumnar,
  planScreening,
  planSgp4Records,
  runScreeningPlan,
  runScreeningPlanColumnar,
  type ScreeningColumnsResult,
  type BlockResult,
  type ElementSet,
  type ScreeningOptions,
  type ScreeningPlan,
  type ScreeningProgress,
  type ScreeningResult,
  type TimeScales,
} from '@skylane/core';
import type { ScreeningTask } from './screeningTask.ts';

export interface ParallelScreeningOptions {
  /** Worker threads (default: available parallelism). 0 runs in the calling thread. */
  readonly threads?: number;
  /** Called after each block completes (in completion order). */
  readonly onProgress?: (p: ScreeningProgress) => void;
  /** Aborts the run: pending and running blocks are dropped (their worker threads terminated) and the promise rejects. */
  readonly signal?: AbortSignal;
}

/** Screens element sets (one per object) on worker threads. */
export async function screenConjunctionsParallel(
  elementSets: readonly ElementSet[],
  options: ScreeningOptions,
  parallel: ParallelScreeningOptions = {},
): Promise<ScreeningResult> {
  const plan = planScreening(elementSets, options);
  return runScreeningPlanParallel(plan, options.timeScales, parallel);
}

/** Runs every block of a plan on worker threads and merges the results. */
export async function runScreeningPlanParallel(plan: ScreeningPlan, timeScales: TimeScales, parallel: ParallelScreeningOptions = {}): Promise<ScreeningResult> {
  const threads = Math.min(parallel.threads ?? availableParallelism(), plan.blocks.length);
  parallel.signal?.throwIfAborted();
  if (threads <= 0 || plan.objects.length < 2) return runScreeningPlan(plan, timeScales, parallel.onProgress);
  return mergeScreeningBlocks(plan, await runBlocksParallel(plan, threads, parallel), timeScales);
}

/** As `runScreeningPlanParallel`, with the events as columns end to end (workers → merge): no event object is created. */
export async function runScreeningPlanParallelColumnar(plan: ScreeningPlan, parallel: ParallelScreeningOptions = {}): Promise<ScreeningColumnsResult> {
  const threads = Math.min(parallel.threads ?? availableParallelism(), plan.blocks.length);
  parallel.signal?.throwIfAborted();
  if (threads <= 0 || plan.objects.length < 2) return runScreeningPlanColumnar(plan, parallel.onProgress);
  return mergeScreeningBlocksColumnar(plan, await runBlocksParallel(plan, threads, parallel));
}

/** Every block of a plan on `threads` worker threads. */
async function runBlocksParallel(plan: ScreeningPlan, threads: number, parallel: ParallelScreeningOptions): Promise<BlockResult[]> {
  // piscina loads only when threads are used: an in-process run (the CLI's small screenings) starts without it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // The near-earth SGP4 records planning computed travel with the plan: no worker initialises them again.
    workerData: { plan, records: planSgp4Records(plan) },
    idleTimeout: 1000,
  });
  try {
    let done = 0;
    let eventsSoFar = 0;
    const tasks = plan.blocks.map(async (_, blockIndex) => {
      const task: ScreeningTask = { blockIndex };
      const r = (await pool.run(task, { signal: parallel.signal ?? null })) as BlockResult;
      done++;
      eventsSoFar += r.events.length;
      parallel.onProgress?.({ blocksDone: done, blocksTotal: plan.blocks.length, eventsSoFar });
      return r;
    });
    return await Promise.all(tasks);
  } finally {
    await pool.destroy();
  }
}
