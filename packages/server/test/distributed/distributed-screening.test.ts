/**
 * Oracle: the single-threaded screener `runScreeningPlan` on the same plan. Distributed runs on a real redis-server
 * (started here, AOF on) must give its events, skipped objects and statistics bit for bit: with queue workers in this
 * process, with the catalog stored once by content hash and a re-submission of the same content served from it.
 * The worker-process, kill -9, Redis-restart and network-namespace cases are in the neighbouring files.
 */
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { columnsToEvents, createTimeScales, runScreeningPlan } from '@skylane/core';
import { DistributedRunError, encode, keys, runScreeningPlanDistributed, runScreeningPlanDistributedColumnar, screeningRunIdentity, setChunked, startShardWorker, type DistributedProgress } from '../../src/distributed/index.ts';
import { redisAvailable, STALL, testPlan } from './redisHarness.ts';
import { useTestRedis } from './redisFixtures.ts';


const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

describe.skipIf(!redisAvailable)('distributed screening on BullMQ/Redis vs runScreeningPlan (single-threaded oracle)', () => {
  const redisOf = useTestRedis();

  it('two in-process workers: identical result, progress per shard, the catalog stored once by content hash, results cleared', async () => {
    const plan = testPlan(ts, start, 300, 4, 1800, 11);
    const expected = JSON.stringify(runScreeningPlan(plan, ts));
    const workers = await Promise.all([1, 2].map(() => startShardWorker({ url: redisOf().url, concurrency: 1, stall: STALL })));
    try {
      const progress: DistributedProgress[] = [];
      let runId = '';
      const r = await runScreeningPlanDistributed(plan, ts, { url: redisOf().url, pollMs: 50, onProgress: (p) => progress.push(p), onSubmitted: (s) => (runId = s.runId) });
      expect(JSON.stringify(r)).toBe(expected);
      expect(r.events.length).toBeGreaterThan(5);
      expect(progress.at(-1)).toEqual({ blocksDone: 8, blocksTotal: 8, eventsSoFar: r.events.length, shardsDone: 8, shardsTotal: 8 });
      const id = screeningRunIdentity(plan);
      expect(runId).toBe(id.runId);
      const client = new Redis(redisOf().url);
      try {
        expect(await client.exists(keys.snapshot(id.snapshotHash))).toBe(1);
        expect(await client.exists(keys.runResults(runId))).toBe(0);
        // The same content again: the same run id, the snapshot not sent twice, the same result.
        const again = await runScreeningPlanDistributed(plan, ts, { url: redisOf().url, pollMs: 50, sharding: { blocksPerShard: 3 } });
        expect(JSON.stringify(again)).toBe(expected);
        expect((await client.keys('skylane:snapshot:*')).length).toBe(1);
        // Columnar end to end (workers → columnar merge): the oracle's events, skipped objects and statistics.
        const columnar = await runScreeningPlanDistributedColumnar(plan, { url: redisOf().url, pollMs: 50, sharding: { blocksPerShard: 2 } });
        const oracle = JSON.parse(expected) as { events: Record<string, unknown>[]; skipped: unknown; stats: unknown };
        expect(JSON.parse(JSON.stringify(columnsToEvents(columnar.columns)))).toEqual(oracle.events.map(({ tca: _tca, ...e }) => e));
        expect(JSON.parse(JSON.stringify({ skipped: columnar.skipped, stats: columnar.stats }))).toEqual({ skipped: oracle.skipped, stats: oracle.stats });
      } finally {
        client.disconnect();
      }
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }, 120_000);

  it('a snapshot that does not match its hash fails every try: the run fails with DISTRIBUTED_RUN_FAILED, naming the shard', async () => {
    const plan = testPlan(ts, start, 60, 1, 1800, 12);
    const id = screeningRunIdentity(plan);
    const client = new Redis(redisOf().url);
    const worker = await startShardWorker({ url: redisOf().url, stall: STALL });
    try {
      // Another catalog stored under this catalog's hash: the workers' integrity check refuses it.
      await setChunked(client, keys.snapshot(id.snapshotHash), encode(testPlan(ts, start, 61, 1, 1800, 12).objects), 600);
      const err = await runScreeningPlanDistributed(plan, ts, { url: redisOf().url, pollMs: 50, attempts: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DistributedRunError);
      expect((err as DistributedRunError).code).toBe('DISTRIBUTED_RUN_FAILED');
      expect((err as Error).message).toMatch(/shard \d+ of run .* failed 2 times: catalog snapshot .* reads back with hash/);
    } finally {
      await worker.close();
      await client.del(keys.snapshot(id.snapshotHash));
      client.disconnect();
    }
  }, 120_000);
});
