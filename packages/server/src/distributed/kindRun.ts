/**
 * Submitting a non-screening run (kinds.ts: lifetime, batch propagation) to the shard queue, with the protocol of
 * screening runs: the kind's shared input stored once under its content hash, the rest and the shard list under the
 * run id (the hash of kind, snapshot, rest and shards), one small job per shard, results in the run's results hash
 * (HSET by shard: a retried shard overwrites its own entry), progress from the counts hash, lost jobs re-queued, and
 * the kind's merge in shard order, so the result equals the kind's single-process function bit for bit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { hgetResultChunks, setChunked } from './resultChunks.ts';
import { keys, RUN_TTL_S, SHARD_QUEUE, type ShardJobData } from './protocol.ts';
import { contentHash, decode, encode, sha256Hex } from './snapshot.ts';
import { DistributedRunError } from './screeningRun.ts';
import type { KindShardingOptions, ObjectTimeShard, RunKindDefinition } from './kinds.ts';

export interface KindRunProgress {
  readonly shardsDone: number;
  readonly shardsTotal: number;
  /** Items (objects or states, `RunKindDefinition.size`) produced so far. */
  readonly itemsSoFar: number;
}

export interface KindRunOptions {
  /** Redis URL, `redis://HOST:PORT`. */
  readonly url: string;
  readonly sharding?: KindShardingOptions;
  readonly onProgress?: (p: KindRunProgress) => void;
  readonly onSubmitted?: (run: { runId: string; snapshotHash: string; shards: number; snapshotBytes: number }) => void;
  readonly signal?: AbortSignal;
  /** Poll period of the counts hash (ms, default 200). */
  readonly pollMs?: number;
  /** Tries per shard before the run fails (default 3). */
  readonly attempts?: number;
}

/** What the run's plan key holds for a non-screening kind. */
export interface KindRunPlan {
  readonly rest: unknown;
  readonly shards: readonly ObjectTimeShard[];
}

/** The content hashes and stored bytes of a run (pure, no Redis). */
export function kindRunIdentity<I, S, R>(def: RunKindDefinition<I, S, R>, input: I, sharding: KindShardingOptions = {}): { runId: string; snapshotHash: string; snapshot: Buffer; plan: Buffer; shards: ObjectTimeShard[] } {
  const { snapshot, rest } = def.split(input);
  const shards = def.planShards(input, sharding);
  const snapshotHash = contentHash(snapshot);
  const runId = sha256Hex(`${def.kind}\n`, snapshotHash, '\n', contentHash(rest), '\n', JSON.stringify(shards));
  const plan: KindRunPlan = { rest, shards };
  return { runId, snapshotHash, snapshot: encode(snapshot), plan: encode(plan), shards };
}

const jobIdOf = (runId: string, shardIndex: number): string => `${runId}-${shardIndex}`;

/** Runs a non-screening run's shards on the queue's workers and merges them (`def.merge`). */
export async function runKindDistributed<I, S, R>(def: RunKindDefinition<I, S, R>, input: I, o: KindRunOptions): Promise<R> {
  o.signal?.throwIfAborted();
  const { runId, snapshotHash, snapshot, plan, shards } = kindRunIdentity(def, input, o.sharding);
  const redis = new Redis(o.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // retried by ioredis: commands wait for the reconnection
  const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: redis });
  const pollMs = o.pollMs ?? 200;
  const jobOpts = { attempts: o.attempts ?? 3, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: true, removeOnFail: { age: 3600 } };
  const jobFor = (s: ObjectTimeShard): { name: string; data: ShardJobData; opts: typeof jobOpts & { jobId: string } } => ({
    name: def.kind,
    data: { kind: def.kind, runId, snapshotHash, shardIndex: s.shardIndex, firstBlock: s.firstObject, endBlock: s.endObject },
    opts: { ...jobOpts, jobId: jobIdOf(runId, s.shardIndex) },
  });
  const storeInputs = async (): Promise<void> => {
    if ((await redis.expire(keys.snapshot(snapshotHash), RUN_TTL_S)) === 0) await setChunked(redis, keys.snapshot(snapshotHash), snapshot, RUN_TTL_S);
    await redis.set(keys.runPlan(runId), plan, 'EX', RUN_TTL_S);
  };
  try {
    await storeInputs();
    const already = new Set(await redis.hkeys(keys.runResults(runId)));
    for (const s of shards) if ((await queue.getJobState(jobIdOf(runId, s.shardIndex))) === 'failed') await queue.remove(jobIdOf(runId, s.shardIndex));
    await queue.addBulk(shards.filter((s) => !already.has(String(s.shardIndex))).map(jobFor));
    o.onSubmitted?.({ runId, snapshotHash, shards: shards.length, snapshotBytes: snapshot.length });

    let lastDone = -1;
    let lastCheck = performance.now();
    for (;;) {
      o.signal?.throwIfAborted();
      const counts = await redis.hgetall(keys.runEvents(runId));
      const done = Object.keys(counts).filter((k) => Number(k) < shards.length);
      if (done.length !== lastDone) {
        lastDone = done.length;
        o.onProgress?.({ shardsDone: done.length, shardsTotal: shards.length, itemsSoFar: done.reduce((a, k) => a + Number(counts[k]), 0) });
      }
      if (done.length === shards.length) break;
      if (performance.now() - lastCheck > 1000) {
        lastCheck = performance.now();
        const doneSet = new Set(done);
        for (const s of shards) {
          if (doneSet.has(String(s.shardIndex))) continue;
          const id = jobIdOf(runId, s.shardIndex);
          const state = await queue.getJobState(id);
          if (state === 'failed') {
            const job = await queue.getJob(id);
            throw new DistributedRunError(`${def.kind} shard ${s.shardIndex} of run ${runId.slice(0, 12)} failed ${job?.attemptsMade ?? '?'} times: ${job?.failedReason ?? 'unknown reason'}`);
          }
          if (state === 'unknown' && (await redis.hexists(keys.runResults(runId), String(s.shardIndex))) === 0) {
            await storeInputs();
            const j = jobFor(s);
            await queue.add(j.name, j.data, j.opts);
          }
        }
      }
      await sleep(pollMs);
    }
    const outs: S[] = [];
    for (const s of shards) {
      const bytes = await hgetResultChunks(redis, keys.runResults(runId), String(s.shardIndex));
      if (bytes === null) throw new DistributedRunError(`${def.kind} shard ${s.shardIndex} of run ${runId.slice(0, 12)} reported but its result is gone.`);
      outs.push(decode<S>(bytes));
    }
    await redis.del(keys.runResults(runId), keys.runEvents(runId));
    return def.merge(input, shards, outs);
  } catch (err) {
    if (o.signal?.aborted === true) await Promise.all(shards.map((s) => queue.remove(jobIdOf(runId, s.shardIndex)).catch(() => 0)));
    throw err;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
