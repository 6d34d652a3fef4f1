/**
 * Submitting a screening run to the queue: the plan's catalog (its SGP4 inputs and ephemerides) is stored once in
 * Redis under the SHA-256 of its canonical text (snapshot.ts), the rest of the plan once under the run id, and one small job per
 * shard (planScreeningShards) references them. The run id is the hash of the content (snapshot, plan, shards), and a
 * shard's job id is `<runId>-<shardIndex>`: a shard is queued at most once and its result stored once whatever the
 * retries. The submitter polls the run's results hash for progress, re-queues a shard whose job vanished without a
 * result (a Redis that lost data), fails the run when a shard exhausted its attempts, and merges with
 * `mergeScreeningShards`, the function of the in-process path, so the result is that of `runScreeningPlan` bit for bit.
 * A streamed run (`consume`) queues its shards through a submission window: at most `windowShards` shards released
 * beyond the merge frontier, so Redis holds at most that many shard results however slow an early shard is.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  mergeScreeningShards,
  mergeScreeningShardsColumnar,
  type ScreeningColumnsResult,
  planScreeningShards,
  SORTED_SHARD_FORM,
  type ScreeningPlan,
  type ScreeningProgress,
  type ScreeningResult,
  type ScreeningShard,
  type ShardingOptions,
  type ShardResult,
  type TimeScales,
} from '@skylane/core';
import { hdelResultChunks, hgetResultChunks, setChunked } from './resultChunks.ts';
import { keys, RUN_TTL_S, SHARD_QUEUE, type ShardJobData } from './protocol.ts';
import { contentHash, encode, sha256Hex } from './snapshot.ts';
import { decodeShardResult } from './shardResultCodec.ts';

export interface DistributedProgress extends ScreeningProgress {
  readonly shardsDone: number;
  readonly shardsTotal: number;
  /** Streamed runs (`runScreeningPlanDistributedStreamed`): shards merged and written so far, in merge order. */
  readonly shardsMerged?: number;
  /** Streamed runs: events written to the output so far. */
  readonly eventsWritten?: number;
  /** Streamed runs: shards released to the queue so far (in merge order; at most `shardsMerged` + the window). */
  readonly shardsReleased?: number;
}

/**
 * Submission window of a streamed run when `windowShards` is left out: Redis then holds at most 32 shard results
 * (≈ 7 GB at 217 MB a 15-min shard of 1,000,000 objects) and up to ≈ 32 worker threads stay busy; a larger cluster
 * raises it (docs/design/distributed-execution.md "Submission window").
 */
export const DEFAULT_WINDOW_SHARDS = 32;

export interface DistributedRunOptions {
  /** Redis URL, `redis://HOST:PORT`. */
  readonly url: string;
  /** How the plan is cut (default: one shard per block). */
  readonly sharding?: ShardingOptions;
  readonly onProgress?: (p: DistributedProgress) => void;
  /** Called once the run is queued, with its content hash and shard count. */
  readonly onSubmitted?: (run: { runId: string; snapshotHash: string; shards: number; snapshotBytes: number }) => void;
  readonly signal?: AbortSignal;
  /** Poll period of the results hash (ms, default 200). */
  readonly pollMs?: number;
  /** Tries per shard before the run fails (default 3); stalls are counted apart (maxStalledCount). */
  readonly attempts?: number;
  /**
   * Streamed runs only: the submission window, the most shards queued beyond the merge frontier (a positive integer,
   * or Infinity for no bound; default DEFAULT_WINDOW_SHARDS). Shards are queued in merge order, one more as each is
   * merged, so Redis holds at most this many shard results (plus the snapshot and plan) however slow an early shard
   * is; keep it ≥ the cluster's worker threads (workers × concurrency), better twice that, or threads idle behind a
   * slow shard. A whole-run merge holds every result until the end: giving it a window is refused (RangeError).
   */
  readonly windowShards?: number;
  /**
   * Ask workers to sort their shard's rows in merge order (default true: `resultForm` of the jobs, so the submitter's
   * streamed merge does no sort). false asks for block lists, as a submitter from before the sorted form did, and the
   * submitter sorts: the same output, for comparisons (bench/distributed.bench.ts `--result-form=blocks`).
   */
  readonly sortedResults?: boolean;
}

/** A shard failed on every try, or the run's inputs vanished. */
export class DistributedRunError extends Error {
  readonly code = 'DISTRIBUTED_RUN_FAILED';
}

const jobIdOf = (runId: string, shardIndex: number): string => `${runId}-${shardIndex}`;

/** The window of a run: `windowShards` checked (positive integer or Infinity); a whole-run merge has none. */
function submissionWindow(windowShards: number | undefined, streamed: boolean): number {
  if (windowShards === undefined) return streamed ? DEFAULT_WINDOW_SHARDS : Infinity;
  if (!streamed) {
    throw new RangeError('windowShards bounds a streamed run (runScreeningPlanDistributedStreamed, whose submitter deletes each shard once merged); a whole-run merge holds every result until the end, so leave it out there.');
  }
  if (!((Number.isInteger(windowShards) && windowShards >= 1) || windowShards === Infinity)) throw new RangeError(`windowShards must be a positive integer (or Infinity for no bound); got ${windowShards}.`);
  return windowShards;
}

/** The content hashes of a run (pure, no Redis): what workers and re-submissions key on. */
export function screeningRunIdentity(plan: ScreeningPlan, sharding: ShardingOptions = {}): { runId: string; snapshotHash: string; snapshot: Buffer; rest: Buffer; shards: ScreeningShard[] } {
  const snapshotHash = contentHash(plan.objects);
  const restValue = { ...plan, objects: [] };
  const shards = planScreeningShards(plan, sharding);
  const runId = sha256Hex('screening\n', snapshotHash, '\n', contentHash(restValue), '\n', JSON.stringify(shards));
  const snapshot = encode(plan.objects);
  const rest = encode(restValue);
  return { runId, snapshotHash, snapshot, rest, shards };
}

/** Runs a plan's shards on the queue's workers and merges their results. */
export async function runScreeningPlanDistributed(plan: ScreeningPlan, timeScales: TimeScales, o: DistributedRunOptions): Promise<ScreeningResult> {
  return mergeScreeningShards(plan, await runShardsDistributed(plan, o), timeScales);
}

/** As `runScreeningPlanDistributed`, with the events as columns end to end (queue workers → merge): no event object is created. */
export async function runScreeningPlanDistributedColumnar(plan: ScreeningPlan, o: DistributedRunOptions): Promise<ScreeningColumnsResult> {
  return mergeScreeningShardsColumnar(plan, await runShardsDistributed(plan, o));
}

/**
 * Takes a shard's result as soon as it and every shard before it are in (shard order), and returns what the
 * progress reports (events written so far); the submitter then deletes that result from Redis.
 */
export type ShardConsumer = (shard: ScreeningShard, result: ShardResult) => Promise<number> | number;

/**
 * Runs a plan's shards on the queue's workers; the shard results in shard order, or, with `consume`, hands each
 * shard to it in shard order as soon as the shards before it are in (reading one shard from Redis at a time and
 * deleting it once consumed) and returns an empty list.
 */
export async function runShardsDistributed(plan: ScreeningPlan, o: DistributedRunOptions, consume?: ShardConsumer): Promise<ShardResult[]> {
  o.signal?.throwIfAborted();
  const window = submissionWindow(o.windowShards, consume !== undefined);
  const { runId, snapshotHash, snapshot, rest, shards } = screeningRunIdentity(plan, o.sharding);
  const redis = new Redis(o.url, { maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis (a restarting Redis): commands wait for the reconnection.
  redis.on('error', () => undefined);
  const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: redis });
  const pollMs = o.pollMs ?? 200;
  const jobOpts = { attempts: o.attempts ?? 3, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: true, removeOnFail: { age: 3600 } };
  const jobFor = (s: ScreeningShard): { name: string; data: ShardJobData; opts: typeof jobOpts & { jobId: string } } => ({
    name: 'screening',
    // Workers sort their rows (resultForm): the streamed merge then only merges at the shard borders.
    data: { kind: 'screening', runId, snapshotHash, shardIndex: s.shardIndex, firstBlock: s.firstBlock, endBlock: s.endBlock, ...(o.sortedResults === false ? {} : { resultForm: SORTED_SHARD_FORM }) },
    opts: { ...jobOpts, jobId: jobIdOf(runId, s.shardIndex) },
  });
  try {
    // The snapshot travels once: only when Redis does not hold it already (EXPIRE answers 0 for a missing key).
    if ((await redis.expire(keys.snapshot(snapshotHash), RUN_TTL_S)) === 0) await setChunked(redis, keys.snapshot(snapshotHash), snapshot, RUN_TTL_S);
    await redis.set(keys.runPlan(runId), rest, 'EX', RUN_TTL_S);
    const already = new Set(await redis.hkeys(keys.runResults(runId)));
    // A shard that failed in an earlier submission of the same content keeps its job id: clear it so it runs again.
    for (const s of shards) if ((await queue.getJobState(jobIdOf(runId, s.shardIndex))) === 'failed') await queue.remove(jobIdOf(runId, s.shardIndex));
    // Shards are released in merge order, those at merge positions < merged + window (all of them without a window);
    // a shard whose result is stored already (a re-submission) is released without a job.
    const mergeOrder = [...shards].sort((a, b) => a.firstBlock - b.firstBlock);
    let released = 0;
    const release = async (mergedSoFar: number): Promise<void> => {
      const end = Math.min(mergeOrder.length, mergedSoFar + window);
      if (released >= end) return;
      const next = mergeOrder.slice(released, end);
      await queue.addBulk(next.filter((s) => !already.has(String(s.shardIndex))).map(jobFor));
      released = end;
    };
    await release(0);
    o.onSubmitted?.({ runId, snapshotHash, shards: shards.length, snapshotBytes: snapshot.length });

    const blocksOf = new Map(shards.map((s) => [String(s.shardIndex), s.endBlock - s.firstBlock]));
    let merged = 0;
    let eventsWritten = 0;
    let lastDone = -1;
    let lastCheck = performance.now();
    for (;;) {
      o.signal?.throwIfAborted();
      const counts = await redis.hgetall(keys.runEvents(runId));
      const done = Object.keys(counts).filter((k) => blocksOf.has(k));
      let mergedNow = false;
      if (consume !== undefined) {
        // Streamed: the next shards in merge order that are in, one at a time (the others wait in Redis).
        while (merged < mergeOrder.length && counts[String(mergeOrder[merged]!.shardIndex)] !== undefined) {
          const s = mergeOrder[merged]!;
          const field = String(s.shardIndex);
          eventsWritten = await consume(s, await readShardResult(redis, runId, s));
          await hdelResultChunks(redis, keys.runResults(runId), field);
          merged++;
          mergedNow = true;
          o.signal?.throwIfAborted();
        }
      }
      if (done.length !== lastDone || mergedNow) {
        lastDone = done.length;
        let blocksDone = 0;
        let eventsSoFar = 0;
        for (const k of done) {
          blocksDone += blocksOf.get(k)!;
          eventsSoFar += Number(counts[k]);
        }
        o.onProgress?.({
          blocksDone,
          blocksTotal: plan.blocks.length,
          eventsSoFar,
          shardsDone: done.length,
          shardsTotal: shards.length,
          ...(consume !== undefined ? { shardsMerged: merged, eventsWritten, shardsReleased: released } : {}),
        });
      }
      if (done.length === shards.length && (consume === undefined || merged === shards.length)) break;
      // The window moves on only after the progress reported the merges that opened it.
      await release(merged);
      if (performance.now() - lastCheck > 1000) {
        lastCheck = performance.now();
        const doneSet = new Set(done);
        // Only released shards: one not released yet has no job and no result, and must stay unqueued.
        for (const s of mergeOrder.slice(0, released)) {
          if (doneSet.has(String(s.shardIndex))) continue;
          const id = jobIdOf(runId, s.shardIndex);
          const state = await queue.getJobState(id);
          if (state === 'failed') {
            const job = await queue.getJob(id);
            throw new DistributedRunError(`shard ${s.shardIndex} of run ${runId.slice(0, 12)} failed ${job?.attemptsMade ?? '?'} times: ${job?.failedReason ?? 'unknown reason'}`);
          }
          // No job and no result: the job was lost (a Redis restarted without its data, or a run that shared this
          // content finished and cleared the results): queue it again.
          if (state === 'unknown' && (await redis.hexists(keys.runResults(runId), String(s.shardIndex))) === 0) {
            await redis.set(keys.runPlan(runId), rest, 'EX', RUN_TTL_S);
            if ((await redis.expire(keys.snapshot(snapshotHash), RUN_TTL_S)) === 0) await setChunked(redis, keys.snapshot(snapshotHash), snapshot, RUN_TTL_S);
            const j = jobFor(s);
            await queue.add(j.name, j.data, j.opts);
          }
        }
      }
      await sleep(pollMs);
    }
    const results: ShardResult[] = [];
    if (consume !== undefined) {
      await redis.del(keys.runResults(runId), keys.runEvents(runId));
      return results;
    }
    for (const s of shards) results.push(await readShardResult(redis, runId, s));
    await redis.del(keys.runResults(runId), keys.runEvents(runId));
    return results;
  } catch (err) {
    if (o.signal?.aborted === true) {
      // Waiting shards of an abandoned run are dropped; running ones finish and their results expire.
      await Promise.all(shards.map((s) => queue.remove(jobIdOf(runId, s.shardIndex)).catch(() => 0)));
    }
    throw err;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/** A finished shard's result (sorted form, or a block list from an older worker), read back from the run's result hash. */
async function readShardResult(redis: Redis, runId: string, shard: ScreeningShard): Promise<ShardResult> {
  const bytes = await hgetResultChunks(redis, keys.runResults(runId), String(shard.shardIndex));
  if (bytes === null) throw new DistributedRunError(`shard ${shard.shardIndex} of run ${runId.slice(0, 12)} reported but its result is gone.`);
  return decodeShardResult(bytes);
}
