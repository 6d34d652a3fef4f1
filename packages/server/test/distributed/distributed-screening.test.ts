/**
 * Oracle: the single-threaded screener `runScreeningPlan` on the same plan. Distributed runs on a real redis-server
 * (started here, AOF on) must give its events, skipped objects and statistics bit for bit: with queue workers in this
 * process, with several worker processes (`skylane worker`), with one of three worker processes killed (SIGKILL)
 * mid-run (its shard retried by stall detection), and across a Redis kill and restart on the same port mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTimeScales, planScreening, runScreeningPlan, syntheticCatalog, type ScreeningPlan } from '@skylane/core';
import { keys, runScreeningPlanDistributed, screeningRunIdentity, startShardWorker, type DistributedProgress } from '../../src/distributed/index.ts';
import { redisAvailable, TestRedis } from './redisHarness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../../../cli/bin/skylane.mjs');
/** Fast stall detection for the tests: a dead worker's shard is retried within about 1.5 s. */
const STALL = { lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 5 };

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

function testPlan(count: number, hours: number, blockS: number, seed: number): ScreeningPlan {
  const sets = syntheticCatalog(count, start, seed);
  sets.push({ ...sets[0]!, catalogNumber: 999_999_999, eccentricity: 1.5 });
  return planScreening(sets, { start, durationS: hours * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: blockS } });
}

/** A `skylane worker` process; resolves once it says it is ready. */
export async function spawnWorker(url: string, extra: readonly string[] = [], prefix: readonly string[] = []): Promise<{ proc: ChildProcess; log: () => string }> {
  const args = [...prefix, process.execPath, CLI, 'worker', '--queue', url, '--lock-duration-ms', String(STALL.lockDurationMs), '--stalled-interval-ms', String(STALL.stalledIntervalMs), '--max-stalled-count', String(STALL.maxStalledCount), ...extra];
  const proc = spawn(args[0]!, args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let text = '';
  proc.stderr!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`worker did not start in 60 s: ${text}`)), 60_000);
    proc.stderr!.on('data', (d: string) => {
      text += d;
      if (text.includes('worker ready')) {
        clearTimeout(t);
        resolve();
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`worker exited (${code}): ${text}`));
    });
  });
  proc.removeAllListeners('exit');
  return { proc, log: () => text };
}

export async function stopWorker(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill(signal);
  return exited;
}

describe.skipIf(!redisAvailable)('distributed screening on BullMQ/Redis vs runScreeningPlan (single-threaded oracle)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('two in-process workers: identical result, progress per shard, the catalog stored once by content hash, results cleared', async () => {
    const plan = testPlan(300, 4, 1800, 11);
    const expected = JSON.stringify(runScreeningPlan(plan, ts));
    const workers = await Promise.all([1, 2].map(() => startShardWorker({ url: redis.url, concurrency: 1, stall: STALL })));
    try {
      const progress: DistributedProgress[] = [];
      let runId = '';
      const r = await runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50, onProgress: (p) => progress.push(p), onSubmitted: (s) => (runId = s.runId) });
      expect(JSON.stringify(r)).toBe(expected);
      expect(r.events.length).toBeGreaterThan(5);
      expect(progress.at(-1)).toEqual({ blocksDone: 8, blocksTotal: 8, eventsSoFar: r.events.length, shardsDone: 8, shardsTotal: 8 });
      const id = screeningRunIdentity(plan);
      expect(runId).toBe(id.runId);
      const client = new Redis(redis.url);
      try {
        expect(await client.exists(keys.snapshot(id.snapshotHash))).toBe(1);
        expect(await client.exists(keys.runResults(runId))).toBe(0);
        // The same content again: the same run id, the snapshot not sent twice, the same result.
        const again = await runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50, sharding: { blocksPerShard: 3 } });
        expect(JSON.stringify(again)).toBe(expected);
        expect((await client.keys('skylane:snapshot:*')).length).toBe(1);
      } finally {
        client.disconnect();
      }
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }, 120_000);
});
