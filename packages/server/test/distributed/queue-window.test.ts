/**
 * The submission window of streamed queued runs (`windowShards`, docs/design/distributed-execution.md "Submission
 * window"). Oracle for the bytes: the in-memory merge (`mergeScreeningBlocksColumnar` of every block of the plan,
 * `screenShard` in process) written whole by the SKYCONJ1 / NDJSON writers; the windowed run's file must equal it and
 * the unbounded run's file. Oracle for the bound: Redis itself, sampled every 15 ms while the run goes (the run's
 * result fields, HKEYS, and its jobs in the queue, waiting/active/delayed): no shard with a merge position ≥ merged +
 * W may have a job or a result, and the results hash may never hold more than W shards. The same observation on the
 * same run without a window (W = ∞) must exceed W: the first shard is made slow (its worker sleeps 1.5 s), so every
 * later shard finishes and piles up in Redis, the case the window exists for. Through a real redis-server, with two
 * test workers (BullMQ workers in this process that run `screenShard` and store results as `skylane worker` does:
 * the result pieces and event count in one MULTI) and, in a second block, a real `startShardWorker` (two threads).
 * Also: Redis losing everything mid-run (FLUSHALL: jobs, snapshot, plan) re-queues the released shards only, and the
 * snapshot and plan, and the run still ends with the oracle's bytes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  createTimeScales,
  mergeScreeningBlocksColumnar,
  screenShard,
  tcaIsoFrom,
} from '@skylane/core';
import {
  DEFAULT_WINDOW_SHARDS,
  encode,
  hsetResultChunks,
  keys,
  runScreeningPlanDistributed,
  runScreeningPlanDistributedStreamed,
  screeningRunIdentity,
  SHARD_QUEUE,
  type DistributedProgress,
  type ShardJobData,
} from '../../src/distributed/index.ts';
import { testColumnarHeader, wholeFile } from './wholeRunFile.ts';
import { redisAvailable, testPlan } from './redisHarness.ts';
import { useRedisWithShardWorker, useTestRedis } from './redisFixtures.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-queue-window-'));
// 8 blocks of 30 min, one shard each.
const plan = testPlan(ts, start, 300, 4, 1800, 11);
const sharding = { blocksPerShard: 1 };
const id = screeningRunIdentity(plan, sharding);
const positionOf = new Map([...id.shards].sort((a, b) => a.firstBlock - b.firstBlock).map((s, k) => [s.shardIndex, k]));
const tcaIso = tcaIsoFrom(ts, plan.startUtc);
const header = testColumnarHeader;
const allBlocks = screenShard(plan, { shardIndex: 0, firstBlock: 0, endBlock: plan.blocks.length });
const want = mergeScreeningBlocksColumnar(plan, allBlocks);

interface Observed {
  /** Largest (merge position + 1 of a shard with a job or a result in Redis) − shards merged, over the samples. */
  maxAhead: number;
  /** Largest number of shard results in the results hash at once. */
  maxHeld: number;
  samples: number;
  /** Largest shardsReleased − shardsMerged the submitter reported. */
  maxReportedAhead: number;
  progress: DistributedProgress[];
}

/** Runs the plan streamed with `windowShards` (undefined: the default) while sampling Redis; returns the file and what was seen. */
async function observedRun(url: string, windowShards: number | undefined, format: 'ndjson' | 'columnar', during?: (queue: Queue) => Promise<void>): Promise<{ file: Buffer; seen: Observed }> {
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: client });
  queue.on('error', () => undefined);
  const seen: Observed = { maxAhead: 0, maxHeld: 0, samples: 0, maxReportedAhead: 0, progress: [] };
  // A previous run of the same content may still have its last job completing: start once it is gone.
  const runJobs = async (): Promise<number> => (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).filter((j) => j.id?.startsWith(`${id.runId}-`) === true).length;
  for (let i = 0; i < 100 && (await runJobs()) > 0; i++) await sleep(20);
  let merged = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const fields = (await client.hkeys(keys.runResults(id.runId))).filter((f) => !f.includes(':')).map(Number);
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      const jobShards = jobs.filter((j) => j.id?.startsWith(`${id.runId}-`) === true).map((j) => Number(j.id!.slice(id.runId.length + 1)));
      // Read after the sample: the submitter releases only after reporting the merges that opened the window.
      const mergedAfter = merged;
      const present = [...fields, ...jobShards].map((s) => positionOf.get(s)!);
      if (present.length > 0) seen.maxAhead = Math.max(seen.maxAhead, Math.max(...present) + 1 - mergedAfter);
      seen.maxHeld = Math.max(seen.maxHeld, fields.length);
      seen.samples++;
      await sleep(15);
    }
  })();
  const out = path.join(dir, `out-${windowShards ?? 'default'}-${format}-${Date.now()}`);
  try {
    const run = runScreeningPlanDistributedStreamed(
      plan,
      {
        url,
        pollMs: 50,
        sharding,
        ...(windowShards !== undefined ? { windowShards } : {}),
        onProgress: (p) => {
          merged = p.shardsMerged ?? 0;
          seen.progress.push(p);
          seen.maxReportedAhead = Math.max(seen.maxReportedAhead, (p.shardsReleased ?? 0) - merged);
        },
      },
      { format, path: out, tcaIso, header },
    );
    if (during !== undefined) await during(queue);
    const r = await run;
    expect(r.events).toBe(want.columns.length);
  } finally {
    running = false;
    await sampler;
    await queue.close();
    client.disconnect();
  }
  return { file: readFileSync(out), seen };
}

/** Test workers: BullMQ workers on the shard queue that screen in process and store results as `skylane worker` does; `slow` shards sleep first. */
function testWorkers(url: string, count: number, slow: { shards: Set<number>; ms: number }): { close: () => Promise<void>; ran: number[] } {
  const ran: number[] = [];
  const conns: Redis[] = [];
  const workers = Array.from({ length: count }, () => {
    const store = new Redis(url, { maxRetriesPerRequest: null });
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    for (const c of [store, connection]) c.on('error', () => undefined);
    conns.push(store, connection);
    const worker = new Worker<ShardJobData>(
      SHARD_QUEUE,
      async (job: Job<ShardJobData>) => {
        const d = job.data;
        if (slow.shards.delete(d.shardIndex)) await sleep(slow.ms);
        const blocks = screenShard(plan, { shardIndex: d.shardIndex, firstBlock: d.firstBlock, endBlock: d.endBlock });
        const events = blocks.reduce((n, b) => n + b.events.length, 0);
        const multi = store.multi();
        hsetResultChunks(multi, keys.runResults(d.runId), String(d.shardIndex), encode(blocks));
        await multi.hset(keys.runEvents(d.runId), String(d.shardIndex), String(events)).exec();
        ran.push(d.shardIndex);
        return { events, blocks: blocks.length, workMs: 0 };
      },
      { connection, concurrency: 1 },
    );
    // Connection errors while Redis restarts are retried; not printed.
    worker.on('error', () => undefined);
    return worker;
  });
  return {
    ran,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      for (const c of conns) c.disconnect();
    },
  };
}

describe.skipIf(!redisAvailable)('submission window (streamed queued run) vs the in-memory merge, Redis sampled while the run goes', () => {
  const redisOf = useTestRedis();
  const W = 2;

  it(`W = ${W}, first shard slow, two workers: the oracle's bytes, never more than W shards released ahead of the merge nor W results held; without the window both exceed W`, async () => {
    expect(id.shards.length).toBe(8);
    expect(want.columns.length, 'the plan has events').toBeGreaterThan(0);
    const slow = { shards: new Set<number>(), ms: 1500 };
    const workers = testWorkers(redisOf().url, 2, slow);
    try {
      slow.shards.add(id.shards[0]!.shardIndex);
      const bounded = await observedRun(redisOf().url, W, 'columnar');
      slow.shards.add(id.shards[0]!.shardIndex);
      const unbounded = await observedRun(redisOf().url, Infinity, 'columnar');
      const expected = wholeFile(want, 'columnar', tcaIso);
      expect(bounded.file.equals(expected), 'windowed run: the in-memory merge bytes').toBe(true);
      expect(unbounded.file.equals(expected), 'unbounded run: the in-memory merge bytes').toBe(true);
      const report = `${want.columns.length} events; W=${W}: max ahead ${bounded.seen.maxAhead}, max held ${bounded.seen.maxHeld} (${bounded.seen.samples} samples); W=∞: max ahead ${unbounded.seen.maxAhead}, max held ${unbounded.seen.maxHeld} (${unbounded.seen.samples} samples)`;
      console.info(`queue window, results held in Redis: ${report}`);
      expect(bounded.seen.samples, report).toBeGreaterThan(20);
      expect(bounded.seen.maxAhead, report).toBeLessThanOrEqual(W);
      expect(bounded.seen.maxHeld, report).toBeLessThanOrEqual(W);
      expect(bounded.seen.maxReportedAhead, report).toBeLessThanOrEqual(W);
      // The window was used (the sampler sees released shards), and the same observation discriminates without it.
      expect(bounded.seen.maxAhead, report).toBe(W);
      expect(unbounded.seen.maxAhead, report).toBeGreaterThan(W);
      expect(unbounded.seen.maxHeld, report).toBeGreaterThan(W);
      expect(unbounded.seen.maxReportedAhead, report).toBe(8);
      expect(bounded.seen.progress.at(-1)!.shardsMerged).toBe(8);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('Redis loses everything mid-run (FLUSHALL): only the released shards are queued again, with the snapshot and plan; then the oracle bytes', async () => {
    const slow = { shards: new Set<number>(), ms: 0 };
    const client = new Redis(redisOf().url);
    let workers: ReturnType<typeof testWorkers> | undefined;
    try {
      const queuedNow = async (queue: Queue): Promise<number[]> =>
        (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']))
          .filter((j) => j.id?.startsWith(`${id.runId}-`) === true)
          .map((j) => positionOf.get(Number(j.id!.slice(id.runId.length + 1)))!)
          .sort((a, b) => a - b);
      const r = await observedRun(redisOf().url, W, 'ndjson', async (queue) => {
        // No worker yet: the first W shards wait in the queue.
        for (let i = 0; i < 200 && (await queuedNow(queue)).length < W; i++) await sleep(25);
        expect(await queuedNow(queue)).toEqual([0, 1]);
        await client.flushall();
        // The lost-job check runs once a second: it queues the released shards again, and only those.
        for (let i = 0; i < 200 && (await queuedNow(queue)).length < W; i++) await sleep(25);
        expect(await queuedNow(queue), 'released shards queued again').toEqual([0, 1]);
        await sleep(1300);
        expect(await queuedNow(queue), 'after another check: still only the released shards').toEqual([0, 1]);
        expect(await client.exists(keys.runPlan(id.runId), keys.snapshot(id.snapshotHash)), 'plan and snapshot stored again').toBe(2);
        workers = testWorkers(redisOf().url, 2, slow);
      });
      expect(r.file.equals(wholeFile(want, 'ndjson', tcaIso)), 'NDJSON: the in-memory merge bytes').toBe(true);
      expect(r.seen.maxAhead).toBeLessThanOrEqual(W);
      expect(r.seen.maxHeld).toBeLessThanOrEqual(W);
      expect(workers!.ran.length).toBe(8);
    } finally {
      await workers?.close();
      client.disconnect();
    }
  }, 60_000);

  it('Redis killed mid-run and restarted on the same port from its AOF (W = 2, first shard slow): the oracle bytes, the bound held', async () => {
    const slow = { shards: new Set([id.shards[0]!.shardIndex]), ms: 1500 };
    const workers = testWorkers(redisOf().url, 2, slow);
    let restarted = false;
    try {
      const r = await observedRun(redisOf().url, W, 'columnar', async () => {
        await sleep(600);
        await redisOf().kill();
        await sleep(800);
        await redisOf().launch();
        restarted = true;
      });
      const report = `W=${W} across a restart: max ahead ${r.seen.maxAhead}, max held ${r.seen.maxHeld} (${r.seen.samples} samples)`;
      expect(restarted).toBe(true);
      expect(r.file.equals(wholeFile(want, 'columnar', tcaIso)), report).toBe(true);
      expect(r.seen.maxAhead, report).toBeLessThanOrEqual(W);
      expect(r.seen.maxHeld, report).toBeLessThanOrEqual(W);
      expect(workers.ran.filter((s) => s === id.shards[7]!.shardIndex).length, 'the last shard ran').toBeGreaterThan(0);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('refuses a bad window, and a window on a whole-run merge', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(runScreeningPlanDistributedStreamed(plan, { url: redisOf().url, sharding, windowShards: bad }, { format: 'ndjson', path: path.join(dir, 'bad'), tcaIso })).rejects.toThrow(/windowShards must be a positive integer/);
    }
    await expect(runScreeningPlanDistributed(plan, ts, { url: redisOf().url, sharding, windowShards: 4 })).rejects.toThrow(/bounds a streamed run/);
    expect(DEFAULT_WINDOW_SHARDS).toBe(32);
  });
});

describe.skipIf(!redisAvailable)('submission window with a real shard worker (startShardWorker, two threads)', () => {
  const redisOf = useRedisWithShardWorker();

  it('W = 1 and W = 3: the in-memory merge bytes, never more than W shards ahead of the merge or held in Redis', async () => {
    const expected = wholeFile(want, 'columnar', tcaIso);
    for (const w of [1, 3]) {
      const r = await observedRun(redisOf().url, w, 'columnar');
      const report = `W=${w} (real worker): max ahead ${r.seen.maxAhead}, max held ${r.seen.maxHeld} (${r.seen.samples} samples)`;
      console.info(`queue window: ${report}`);
      expect(r.file.equals(expected), report).toBe(true);
      expect(r.seen.maxAhead, report).toBeLessThanOrEqual(w);
      expect(r.seen.maxHeld, report).toBeLessThanOrEqual(w);
      expect(r.seen.maxReportedAhead, report).toBeLessThanOrEqual(w);
    }
  }, 120_000);
});
