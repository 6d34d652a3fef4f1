/**
 * Oracles: the single-process functions of each run kind, `catalogLifetimes` (lifetime) and `propagateBatch`
 * (batch SGP4 propagation). The kinds' shard planners, executors and merges (kinds.ts) must give their results bit
 * for bit: in this process for several shardings and with the shards merged from a v8 round trip, and through a real
 * redis-server (AOF on) served by two in-process queue workers (worker threads) and by one `skylane worker` process,
 * including a catalog with an unusable object (failure at initialisation) and a decaying one (failure mid-grid, in a
 * later time window).
 * Stall retry after kill -9 is the same code path for every kind (BullMQ stall detection, results HSET by shard):
 * distributed-processes.test.ts checks it on screening runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTimeScales, evenlySpacedTimes, sgp4InputFrom, syntheticCatalog, type ElementSet, type ObjectType } from '@skylane/core';
import {
  decode,
  encode,
  keys,
  kindRunIdentity,
  lifetimeKind,
  propagationKind,
  runKindDistributed,
  runLifetimeLocal,
  runPropagationLocal,
  startShardWorker,
  type KindRunProgress,
  type LifetimeRunInput,
  type PropagationRunInput,
  type RunKindDefinition,
} from '../../src/distributed/index.ts';
import { redisAvailable, spawnWorker, STALL, stopWorker, TestRedis } from './redisHarness.ts';
import { useTestRedis } from './redisFixtures.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

function catalog(count: number, seed: number): ElementSet[] {
  const sets = syntheticCatalog(count, start, seed);
  sets.push({ ...sets[0]!, catalogNumber: 999_999_998, eccentricity: 1.5 }); // refused at initialisation
  sets.push({ ...sets[1]!, catalogNumber: 999_999_999, meanMotionRevPerDay: 16.3, eccentricity: 0.001, bstarPerEarthRadii: 0.08 }); // decays within the grid
  return sets;
}

function lifetimeInput(count: number, seed: number): LifetimeRunInput {
  const sets = catalog(count, seed);
  const owners = new Map<number, { owner?: string; active?: boolean; objectType?: ObjectType }>([[sets[2]!.catalogNumber, { owner: 'TEST', active: true, objectType: 'PAYLOAD' }]]);
  return { elementSets: sets, owners, solarFlux: { kind: 'mean-solar-cycle' }, horizonYears: 50 };
}

function propagationInput(count: number, seed: number, hours: number, stepS: number): PropagationRunInput {
  return { inputs: catalog(count, seed).map((s) => sgp4InputFrom(s, ts)), times: evenlySpacedTimes(ts.toUtcDaySeconds(start), stepS, Math.floor((hours * 3600) / stepS) + 1) };
}

/** The bytes that must agree: JSON of the lists, raw bytes of the typed arrays. */
function fingerprint(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') : x));
}

/** The kind's shards run in this process, each result through a v8 round trip (what the results hash stores), merged. */
function inProcess<I, S, R>(def: RunKindDefinition<I, S, R>, input: I, sharding: Parameters<RunKindDefinition<I, S, R>['planShards']>[1]): R {
  const { snapshot, rest } = def.split(input);
  const joined = def.join(decode(encode(snapshot)), decode(encode(rest)));
  const shards = def.planShards(joined, sharding);
  return def.merge(input, shards, shards.map((s) => decode<S>(encode(def.runShard(joined, s)))));
}

describe('run kinds in process: shard planner + executor + merge vs the single-process function', () => {
  it('lifetime (catalogLifetimes): 1, 3 and 7 object blocks give identical JSON, failures included', () => {
    const input = lifetimeInput(40, 5);
    const expected = fingerprint(runLifetimeLocal(input));
    expect(runLifetimeLocal(input).failures.length).toBeGreaterThan(0);
    for (const objectBlocks of [1, 3, 7]) expect(fingerprint(inProcess(lifetimeKind, input, { objectBlocks })), `${objectBlocks} blocks`).toBe(expected);
  });

  it('propagation (propagateBatch): object blocks × time windows give identical states, status and failures', () => {
    const input = propagationInput(30, 6, 2, 60);
    const local = runPropagationLocal(input);
    const expected = fingerprint(local);
    // The decaying object fails after the first of three time windows: its failure must keep the grid's time index.
    expect(local.failures.map((f) => f.timeIndex).sort((a, b) => a - b)).toEqual([-1, expect.any(Number)]);
    expect(local.failures.find((f) => f.timeIndex >= 0)!.timeIndex).toBeGreaterThan(40);
    for (const [objectBlocks, timeWindows] of [[1, 1], [2, 3], [5, 7], [31, 2]] as const) {
      expect(fingerprint(inProcess(propagationKind, input, { objectBlocks, timeWindows })), `${objectBlocks} × ${timeWindows}`).toBe(expected);
    }
  });

  it('the planner covers every object and time once; bad counts are refused', () => {
    const shards = propagationKind.planShards(propagationInput(10, 1, 1, 600), { objectBlocks: 3, timeWindows: 2 });
    expect(shards.map((s) => [s.firstObject, s.endObject, s.firstTime, s.endTime])).toEqual([[0, 4, 0, 3], [0, 4, 3, 7], [4, 8, 0, 3], [4, 8, 3, 7], [8, 12, 0, 3], [8, 12, 3, 7]]);
    expect(() => propagationKind.planShards(propagationInput(3, 1, 1, 600), { objectBlocks: 0 })).toThrow(RangeError);
  });
});

describe.skipIf(!redisAvailable)('run kinds on BullMQ/Redis vs the single-process function', () => {
  let redis: TestRedis;
  let workers: Awaited<ReturnType<typeof startShardWorker>>[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start();
    workers = await Promise.all([1, 2].map(() => startShardWorker({ url: redis.url, concurrency: 1, stall: STALL })));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await redis?.stop();
  }, 60_000);

  it('lifetime: two workers, 4 object blocks: identical JSON, progress per shard, results cleared', async () => {
    const input = lifetimeInput(120, 7);
    const expected = fingerprint(runLifetimeLocal(input));
    const progress: KindRunProgress[] = [];
    const r = await runKindDistributed(lifetimeKind, input, { url: redis.url, pollMs: 50, sharding: { objectBlocks: 4 }, onProgress: (p) => progress.push(p) });
    expect(fingerprint(r)).toBe(expected);
    expect(progress.at(-1)).toEqual({ shardsDone: 4, shardsTotal: 4, itemsSoFar: 122 });
    const client = new Redis(redis.url);
    try {
      const id = kindRunIdentity(lifetimeKind, input, { objectBlocks: 4 });
      expect(await client.exists(keys.snapshot(id.snapshotHash))).toBe(1);
      expect(await client.exists(keys.runResults(id.runId))).toBe(0);
      // Another owner table: another snapshot hash (Maps are hashed as entry lists).
      const other = kindRunIdentity(lifetimeKind, { ...input, owners: new Map() }, { objectBlocks: 4 });
      expect(other.snapshotHash).not.toBe(id.snapshotHash);
    } finally {
      client.disconnect();
    }
  }, 120_000);

  it('propagation: two workers, 3 object blocks × 3 time windows: identical states, status and failures', async () => {
    const input = propagationInput(200, 8, 2, 60);
    const expected = fingerprint(runPropagationLocal(input));
    const r = await runKindDistributed(propagationKind, input, { url: redis.url, pollMs: 50, sharding: { objectBlocks: 3, timeWindows: 3 } });
    expect(fingerprint(r)).toBe(expected);
    expect(r.failures.length).toBe(2);
  }, 120_000);
});

describe.skipIf(!redisAvailable)('run kinds on a `skylane worker` process vs the single-process function', () => {
  const redisOf = useTestRedis();

  it('one worker process serves a lifetime and a propagation run: identical results, its log names the shards', async () => {
    const worker = await spawnWorker(redisOf().url, ['--concurrency', '2']);
    try {
      const life = lifetimeInput(30, 9);
      expect(fingerprint(await runKindDistributed(lifetimeKind, life, { url: redisOf().url, pollMs: 50, sharding: { objectBlocks: 2 } }))).toBe(fingerprint(runLifetimeLocal(life)));
      const prop = propagationInput(50, 10, 1, 120);
      expect(fingerprint(await runKindDistributed(propagationKind, prop, { url: redisOf().url, pollMs: 50, sharding: { objectBlocks: 2, timeWindows: 2 } }))).toBe(fingerprint(runPropagationLocal(prop)));
      expect(worker.log().match(/shard \d+ of run /g)?.length).toBe(6);
    } finally {
      expect(await stopWorker(worker.proc)).toBe(0);
    }
  }, 240_000);
});
