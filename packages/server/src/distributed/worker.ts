/**
 * A queue worker: pulls shard jobs from the shared BullMQ queue, runs each on one of `concurrency` worker threads
 * (shardTask.ts), writes the shard's block results into the run's results hash (HSET by shard index: a shard that
 * runs again after a stall overwrites its own entry, never adds a second one) and completes the job. `close` stops
 * taking shards and waits for the running ones to finish, so SIGTERM never abandons a shard half done; a worker that
 * dies (kill -9, lost network) loses its locks and its shards are retried by stall detection (protocol.ts).
 */
import { hostname } from 'node:os';
import { Piscina } from 'piscina';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_STALL_SETTINGS, keys, RUN_TTL_S, SHARD_QUEUE, type ShardJobData, type ShardJobResult, type StallSettings } from './protocol.ts';
import type { ShardTask, ShardTaskResult } from './shardTask.ts';
import { hsetResultChunks } from './resultChunks.ts';

export interface ShardWorkerOptions {
  /** Redis URL, `redis://HOST:PORT`. */
  readonly url: string;
  /** Shards run at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  readonly stall?: Partial<StallSettings>;
  /** Name of the worker in the queue (a job's `processedBy`); default `<hostname>:<pid>`. */
  readonly name?: string;
  /** Largest piece of a shard's result in one Redis field (default RESULT_CHUNK_BYTES, 64 MiB; Redis refuses values over 512 MB). */
  readonly resultChunkBytes?: number;
  /** Called after each shard this worker completed. */
  readonly onShard?: (job: ShardJobData, result: ShardJobResult) => void;
  /** Called when a shard failed here (it is retried, elsewhere or here, up to the job's attempts). */
  readonly onError?: (job: ShardJobData | undefined, err: Error) => void;
}

export interface ShardWorkerHandle {
  /** Stops taking shards, waits for the running ones, and closes the threads and connections. */
  close(): Promise<void>;
  readonly stall: StallSettings;
  readonly name: string;
}

/** Starts a worker; resolves once it is connected and pulling. */
export async function startShardWorker(o: ShardWorkerOptions): Promise<ShardWorkerHandle> {
  const concurrency = o.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) throw new RangeError(`concurrency must be an integer 1..256; got ${concurrency}.`);
  const stall: StallSettings = { ...DEFAULT_STALL_SETTINGS, ...o.stall };
  const connection = new Redis(o.url, { maxRetriesPerRequest: null });
  const store = new Redis(o.url, { maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis (commands wait for the reconnection); they are reported, not thrown.
  for (const c of [connection, store]) c.on('error', (err: Error) => o.onError?.(undefined, err));
  const pool = new Piscina({ filename: new URL('./shardWorker.mjs', import.meta.url).href, minThreads: concurrency, maxThreads: concurrency, idleTimeout: 60_000 });
  const processor = async (job: Job<ShardJobData, ShardJobResult>): Promise<ShardJobResult> => {
    const task: ShardTask = { redisUrl: o.url, job: job.data };
    const r = (await pool.run(task)) as ShardTaskResult;
    const field = String(job.data.shardIndex);
    const multi = store.multi();
    hsetResultChunks(multi, keys.runResults(job.data.runId), field, r.bytes, o.resultChunkBytes);
    await multi
      .hset(keys.runEvents(job.data.runId), field, String(r.events))
      .expire(keys.runResults(job.data.runId), RUN_TTL_S)
      .expire(keys.runEvents(job.data.runId), RUN_TTL_S)
      .exec();
    const result: ShardJobResult = { events: r.events, blocks: r.blocks, workMs: Math.round(r.workMs), loadMs: Math.round(r.loadMs) };
    o.onShard?.(job.data, result);
    return result;
  };
  const name = o.name ?? `${hostname()}:${process.pid}`;
  const worker = new Worker<ShardJobData, ShardJobResult>(SHARD_QUEUE, processor, {
    name,
    connection,
    concurrency,
    lockDuration: stall.lockDurationMs,
    stalledInterval: stall.stalledIntervalMs,
    maxStalledCount: stall.maxStalledCount,
  });
  worker.on('failed', (job, err) => o.onError?.(job?.data, err));
  worker.on('error', (err) => o.onError?.(undefined, err));
  await worker.waitUntilReady();
  return {
    stall,
    name,
    async close() {
      await worker.close();
      await pool.destroy();
      store.disconnect();
      connection.disconnect();
    },
  };
}
