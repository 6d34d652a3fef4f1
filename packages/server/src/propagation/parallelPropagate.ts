/**
 * Multi-threaded batch SGP4: splits the objects into blocks, propagates each block in a worker thread (piscina),
 * and hands every block to `onBlock` on the calling thread in input order. Memory stays bounded by the block size
 * whatever the catalog size; results are identical to the single-threaded core `propagateBatch`.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { BatchFailure, BatchTimes, Sgp4Input } from '@skylane/core';
import type { PropagationTaskInput } from './propagationTask.ts';

/** One block of results handed to `onBlock`. */
export interface PropagatedBlock {
  readonly states: Float64Array;
  readonly status: Uint8Array;
  readonly failures: BatchFailure[];
  readonly objectsCount: number;
  readonly timesCount: number;
}

export interface ParallelPropagateOptions {
  /** Worker threads (default: available parallelism). */
  readonly threads?: number;
  /** Objects per task (default 256). */
  readonly blockSize?: number;
  /** Called with each block's states, in input order. `firstIndex` is the block's first object index. */
  readonly onBlock: (firstIndex: number, block: PropagatedBlock) => void;
  /** Progress: objects done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Propagates every input at every time across worker threads; returns the failures (with global indices). */
export async function propagateParallel(inputs: readonly Sgp4Input[], times: BatchTimes, options: ParallelPropagateOptions): Promise<BatchFailure[]> {
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  const blockSize = Math.max(1, options.blockSize ?? 256);
  const pool = new Piscina<PropagationTaskInput, BatchFailure[]>({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const failures: BatchFailure[] = [];
  try {
    // A sliding window of 2×threads blocks in flight bounds memory; blocks are consumed in input order.
    const starts: number[] = [];
    for (let first = 0; first < inputs.length; first += blockSize) starts.push(first);
    const m = times.offsetsS.length;
    const inFlight: Promise<PropagatedBlock>[] = [];
    const submit = (k: number): void => {
      const first = starts[k]!;
      const slice = inputs.slice(first, first + blockSize);
      // The worker writes into shared memory: the states never cross the thread boundary as a copy.
      const states = new Float64Array(new SharedArrayBuffer(slice.length * m * 6 * Float64Array.BYTES_PER_ELEMENT));
      const status = new Uint8Array(new SharedArrayBuffer(slice.length * m));
      inFlight.push(
        pool
          .run({ inputs: slice, anchor: times.anchor, offsetsS: times.offsetsS, states, status })
          .then((failures) => ({ states, status, failures, objectsCount: slice.length, timesCount: m })),
      );
    };
    let next = 0;
    while (next < starts.length && next < 2 * threads) submit(next++);
    let done = 0;
    for (let k = 0; k < starts.length; k++) {
      const block = await inFlight[k]!;
      if (next < starts.length) submit(next++);
      const first = starts[k]!;
      for (const f of block.failures) failures.push({ ...f, index: f.index + first });
      options.onBlock(first, block);
      done += block.objectsCount;
      options.onProgress?.(done, inputs.length);
    }
  } finally {
    await pool.destroy();
  }
  return failures;
}
