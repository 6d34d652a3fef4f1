/**
 * The shard runner of a queue worker, run on a worker thread (shardWorker.mjs) so that the worker's event loop keeps
 * renewing its BullMQ locks while a shard computes. A thread loads a run's plan once (the catalog snapshot by content
 * hash, checked against its hash, and the rest of the plan) over its own Redis connection, keeps it and the
 * initialised trajectories for the following shards of the same run, and returns the shard's result bytes for the
 * results hash (shardResultCodec.ts): its rows sorted in merge order in the compact form when the job asks for it
 * (`resultForm`), else the block list as v8.
 */
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { Redis } from 'ioredis';
import { createScreeningContext, screenShard, SORTED_SHARD_FORM, type ScreeningContext, type ScreeningPlan } from '@skylane/core';
import { keys, type ShardJobData } from './protocol.ts';
import { contentHash, decode } from './snapshot.ts';
import { encodeShardResult, encodeSortedShard } from './shardResultCodec.ts';
import { getChunked } from './resultChunks.ts';
import { RUN_KINDS, type RunKindDefinition } from './kinds.ts';
import type { KindRunPlan } from './kindRun.ts';

export interface ShardTask {
  readonly redisUrl: string;
  readonly job: ShardJobData;
}

export interface ShardTaskResult {
  /** The shard's result bytes (`encodeShardResult`): v8 of its `BlockResult[]`, or the compact sorted form when the job asks for it (`resultForm`). */
  readonly bytes: Uint8Array;
  readonly events: number;
  readonly blocks: number;
  readonly workMs: number;
  /** Time spent loading the run's inputs for this shard (0 when the thread had them from an earlier shard). */
  readonly loadMs: number;
}

/** A run's inputs are missing from Redis (expired, or the store lost them): the shard cannot run. */
export class RunInputMissingError extends Error {
  readonly code = 'RUN_INPUT_MISSING';
}

/** Reads a run's plan: the catalog snapshot (integrity-checked against its hash) and the plan's other fields. */
export async function loadRunPlan(redis: Redis, runId: string, snapshotHash: string): Promise<ScreeningPlan> {
  const [rest, objects] = await Promise.all([redis.getBuffer(keys.runPlan(runId)), getChunked(redis, keys.snapshot(snapshotHash))]);
  if (rest === null || objects === null) throw new RunInputMissingError(`run ${runId}: its ${rest === null ? 'plan' : 'catalog snapshot'} is not in Redis (expired or lost): submit the run again.`);
  const catalog = decode<ScreeningPlan['objects']>(objects);
  const got = contentHash(catalog);
  if (got !== snapshotHash) throw new RunInputMissingError(`catalog snapshot ${snapshotHash} reads back with hash ${got}.`);
  return { ...decode<ScreeningPlan>(rest), objects: catalog };
}

let redis: { url: string; client: Redis } | undefined;
let cached: { runId: string; plan: ScreeningPlan; ctx: ScreeningContext } | undefined;
let cachedKind: { runId: string; input: unknown; plan: KindRunPlan } | undefined;

function redisFor(url: string): Redis {
  if (redis?.url !== url) {
    redis?.client.disconnect();
    const client = new Redis(url, { maxRetriesPerRequest: null });
    client.on('error', () => undefined); // retried by ioredis; a read waits for the reconnection
    redis = { url, client };
  }
  return redis.client;
}

/** Runs one shard of a non-screening kind (kinds.ts); the run's input is loaded once per thread and run. */
async function kindShardTask(task: ShardTask): Promise<ShardTaskResult> {
  const { job } = task;
  const def = RUN_KINDS[job.kind as keyof typeof RUN_KINDS] as RunKindDefinition<unknown, unknown, unknown> | undefined;
  if (def === undefined) throw new TypeError(`unknown run kind "${job.kind}".`);
  const l0 = performance.now();
  if (cachedKind?.runId !== job.runId) {
    cachedKind = undefined;
    const client = redisFor(task.redisUrl);
    const [planBytes, snapBytes] = await Promise.all([client.getBuffer(keys.runPlan(job.runId)), getChunked(client, keys.snapshot(job.snapshotHash))]);
    if (planBytes === null || snapBytes === null) throw new RunInputMissingError(`run ${job.runId}: its ${planBytes === null ? 'plan' : 'input snapshot'} is not in Redis (expired or lost): submit the run again.`);
    const snapshot = decode<unknown>(snapBytes);
    const got = contentHash(snapshot);
    if (got !== job.snapshotHash) throw new RunInputMissingError(`input snapshot ${job.snapshotHash} reads back with hash ${got}.`);
    const plan = decode<KindRunPlan>(planBytes);
    cachedKind = { runId: job.runId, input: def.join(snapshot, plan.rest), plan };
  }
  const loadMs = performance.now() - l0;
  const shard = cachedKind.plan.shards[job.shardIndex];
  if (shard === undefined) throw new RunInputMissingError(`run ${job.runId} has no shard ${job.shardIndex}.`);
  const t0 = performance.now();
  const out = def.runShard(cachedKind.input, shard);
  const workMs = performance.now() - t0;
  return { bytes: serialize(out), events: def.size(out), blocks: shard.endObject - shard.firstObject, workMs, loadMs };
}

/** Runs one shard job (the thread's default export). */
export default async function shardTask(task: ShardTask): Promise<ShardTaskResult> {
  const { job } = task;
  if (job.kind !== 'screening') return kindShardTask(task);
  const l0 = performance.now();
  if (cached?.runId !== job.runId) {
    redisFor(task.redisUrl);
    cached = undefined;
    const plan = await loadRunPlan(redisFor(task.redisUrl), job.runId, job.snapshotHash);
    cached = { runId: job.runId, plan, ctx: createScreeningContext(plan) };
  }
  const loadMs = performance.now() - l0;
  const t0 = performance.now();
  const shard = { shardIndex: job.shardIndex, firstBlock: job.firstBlock, endBlock: job.endBlock };
  const blocks = screenShard(cached.plan, shard, cached.ctx);
  let events = 0;
  for (const b of blocks) events += b.events.length;
  // The sort runs here, on the worker's thread (in parallel across the cluster), not on the submitter (one thread).
  const bytes = job.resultForm === SORTED_SHARD_FORM ? encodeSortedShard(shard, blocks) : encodeShardResult(blocks);
  const workMs = performance.now() - t0;
  return { bytes, events, blocks: blocks.length, workMs, loadMs };
}
