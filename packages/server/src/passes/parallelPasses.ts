/**
 * Multi-threaded batch pass prediction: satellites are split into contiguous chunks, each chunk runs
 * `runPassBatchRequest` of @skylane/core in a piscina worker thread, and the chunk results are concatenated
 * in chunk order. Each satellite's passes depend only on its own elements, the stations and the window, so the
 * output is identical (same passes, same order, same bits) whatever the thread count.
 */
import { availableParallelism } from 'node:os';
import { runPassBatchRequest, type PassBatchRequest, type PassBatchResult } from '@skylane/core';

export interface ParallelPassOptions {
  /** Worker threads (default: available parallelism). 0 runs in the calling thread. */
  readonly threads?: number;
  /** Satellites per task (default: enough for ~4 tasks per thread, at least 8). */
  readonly chunkSize?: number;
}

/** Predicts the passes of a batch request on worker threads. */
export async function predictPassesParallel(req: PassBatchRequest, options: ParallelPassOptions = {}): Promise<PassBatchResult> {
  const threads = options.threads ?? availableParallelism();
  if (threads <= 0 || req.inputs.length === 0) return runPassBatchRequest(req);
  const chunk = options.chunkSize ?? Math.max(8, Math.ceil(req.inputs.length / (threads * 4)));
  // piscina loads only when threads are used: an in-process run (the CLI's small jobs) starts without it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    const tasks: Promise<PassBatchResult>[] = [];
    for (let i = 0; i < req.inputs.length; i += chunk) {
      const part: PassBatchRequest = { ...req, inputs: req.inputs.slice(i, i + chunk) };
      tasks.push(pool.run(part) as Promise<PassBatchResult>);
    }
    const parts = await Promise.all(tasks);
    return { passes: parts.flatMap((p) => p.passes), failures: parts.flatMap((p) => p.failures) };
  } finally {
    await pool.destroy();
  }
}
