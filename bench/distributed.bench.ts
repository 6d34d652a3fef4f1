/**
 * Distributed screening on BullMQ/Redis (packages/server/src/distributed): a synthetic catalog screened all-vs-all by
 * 1, 2 and 4 `skylane worker` processes on this machine (concurrency 1 each; a private redis-server), then killing
 * one of 3 workers (SIGKILL) while it holds a shard. Every distributed result is compared with the 1-worker result
 * (identical content hash of the result required). Flags: `--objects=1000 --hours=12 --block-s=1800 --workers=1,2,4 --peer=1 --kill=1`.
 * Peer: the same plan on one thread in this process (`runScreeningPlan`), measured in the same run; by default only up
 * to 50,000 objects (`--peer=0` skips it; then the first worker count's result is the reference), likewise the kill
 * test (`--kill=0`). The 1 M-object run: `--objects=1000000 --hours=24 --workers=1,2,4` (hours of CPU: a real host).
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createTimeScales, planScreening, runScreeningPlan, syntheticCatalog } from '@skylane/core';
import { contentHash, runScreeningPlanDistributed, SHARD_QUEUE } from '@skylane/server';
import { spawnWorker, STALL, stopWorker, TestRedis } from '../packages/server/test/distributed/redisHarness.ts';
import { machineDescription, timed, type BenchReport } from './common.ts';

/** The identity checked between runs: the content hash of the result (streamed: no string of the whole JSON). */
const same = (v: unknown): string => contentHash(v);

export interface DistributedBenchOptions {
  objects: number;
  hours: number;
  blockS: number;
  workers: number[];
  peer: boolean;
  kill: boolean;
}

export function distributedBenchFlags(flags: readonly string[]): DistributedBenchOptions {
  const raw = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
  const get = (name: string, d: number): number => Number(raw(name) ?? d);
  const objects = get('objects', 1000);
  const workers = (raw('workers') ?? '1,2,4').split(',').map(Number);
  if (!workers.every((n) => Number.isInteger(n) && n >= 1)) throw new RangeError(`--workers: a comma-separated list of positive integers; got ${raw('workers')}`);
  const big = objects > 50_000;
  return { objects, hours: get('hours', 12), blockS: get('block-s', 1800), workers, peer: get('peer', big ? 0 : 1) === 1, kill: get('kill', big ? 0 : 1) === 1 };
}

export async function runDistributedBench(o: DistributedBenchOptions): Promise<BenchReport> {
  const ts = createTimeScales();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const plan = planScreening(syntheticCatalog(o.objects, start), { start, durationS: o.hours * 3600, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: o.blockS } });
  const shards = plan.blocks.length;
  const lines = [`machine: ${machineDescription()}`, `synthetic catalog ${o.objects} objects × ${o.hours} h, all-vs-all, 5 km, ${shards} shards of ${o.blockS} s; stall settings ${JSON.stringify(STALL)}`];
  let peerMs = Number.NaN;
  let expected: string | undefined;
  if (o.peer) {
    const peer = await timed(() => runScreeningPlan(plan, ts));
    expected = same(peer.value);
    peerMs = peer.ms;
    lines.push(`peer: runScreeningPlan, 1 thread in-process: ${(peer.ms / 1000).toFixed(2)} s, ${peer.value.events.length} events`);
  } else lines.push(`peer: skipped (--peer=0); reference: the ${o.workers[0]}-worker result`);
  const redis = await TestRedis.start();
  try {
    let oneMs = 0;
    for (const n of o.workers) {
      const workers = await Promise.all(Array.from({ length: n }, () => spawnWorker(redis.url)));
      // Cold: each worker thread loads the TypeScript sources (tsx) and the run's plan; warm: the same run again.
      // (Without a peer the cold run is skipped: at 1 M objects one run is hours of CPU; its time includes the loads.)
      let cold: { ms: number } | undefined;
      if (o.peer) {
        const c = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
        if (same(c.value) !== expected) throw new Error(`${n} workers (cold): result differs from the in-process run`);
        cold = c;
      }
      const logStart = workers.map((w) => w.log().length);
      const r = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
      for (const w of workers) await stopWorker(w.proc);
      expected ??= same(r.value);
      if (same(r.value) !== expected) throw new Error(`${n} workers: result differs from the reference run`);
      if (oneMs === 0) oneMs = r.ms * n; // speed-ups are per worker relative to the first count (1 → itself)
      const shardMs = workers.flatMap((w, k) => [...w.log().slice(logStart[k]).matchAll(/ (\d+) ms\n/g)].map((m) => Number(m[1])));
      const meanShard = shardMs.reduce((a, b) => a + b, 0) / Math.max(1, shardMs.length);
      lines.push(
        `${n} worker process(es): ${cold ? `warm ${(r.ms / 1000).toFixed(2)} s (cold ${(cold.ms / 1000).toFixed(2)} s)` : `${(r.ms / 1000).toFixed(2)} s`} (identical results), speed-up ${(oneMs / r.ms).toFixed(2)}× vs 1 worker${o.workers[0] !== 1 ? ` (extrapolated from ${o.workers[0]})` : ''}${o.peer ? `, ${(peerMs / r.ms).toFixed(2)}× vs peer` : ''}; ` +
          `mean shard ${meanShard.toFixed(0)} ms (${((o.objects * (o.blockS / 3600)) / (meanShard / 1000)).toFixed(0)} object-hours/s per shard)`,
      );
    }
    if (!o.kill) return { name: 'distributed', lines };
    // Kill one of three workers while it holds a shard.
    const workers = await Promise.all([0, 1, 2].map(() => spawnWorker(redis.url)));
    await runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 });
    const base = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(SHARD_QUEUE, { connection });
    const victim = workers[0]!;
    const t0 = performance.now();
    const run = runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 });
    for (let i = 0; i < 2000; i++) {
      const mine = (await queue.getActive()).find((j) => j.processedBy === `${hostname()}:${victim.proc.pid}`);
      if (mine !== undefined && i > 20) {
        victim.proc.kill('SIGKILL');
        break;
      }
      await sleep(20);
    }
    const killed = await run;
    const killedMs = performance.now() - t0;
    await queue.close();
    connection.disconnect();
    for (const w of workers.slice(1)) await stopWorker(w.proc);
    if (same(killed) !== expected) throw new Error('kill -9: result differs from the in-process run');
    const shardMs = workers.flatMap((w) => [...w.log().matchAll(/ (\d+) ms\n/g)].map((m) => Number(m[1])));
    const maxShard = Math.max(...shardMs);
    lines.push(
      `kill -9 of 1 of 3 workers mid-shard: ${(killedMs / 1000).toFixed(2)} s vs ${(base.ms / 1000).toFixed(2)} s without (identical result); overhead ${((killedMs - base.ms) / 1000).toFixed(2)} s; ` +
        `bound: longest shard ${(maxShard / 1000).toFixed(2)} s + lock ${STALL.lockDurationMs / 1000} s + stall interval ${STALL.stalledIntervalMs / 1000} s = ${((maxShard + STALL.lockDurationMs + STALL.stalledIntervalMs) / 1000).toFixed(2)} s`,
    );
  } finally {
    await redis.stop();
  }
  return { name: 'distributed', lines };
}
