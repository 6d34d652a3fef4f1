/**
 * Distributed screening on BullMQ/Redis (packages/server/src/distributed): a synthetic catalog screened all-vs-all by
 * 1, 2 and 4 `skylane worker` processes on this machine (concurrency 1 each; a private redis-server), then killing
 * one of 3 workers (SIGKILL) while it holds a shard. Every distributed result is compared with the 1-worker result
 * (identical JSON required). Flags: `--objects=1000 --hours=12 --block-s=1800`.
 * Peer: the same plan on one thread in this process (`runScreeningPlan`), measured in the same run.
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createTimeScales, planScreening, runScreeningPlan, syntheticCatalog } from '@skylane/core';
import { runScreeningPlanDistributed, SHARD_QUEUE } from '@skylane/server';
import { spawnWorker, STALL, stopWorker, TestRedis } from '../packages/server/test/distributed/redisHarness.ts';
import { machineDescription, timed, type BenchReport } from './common.ts';

export function distributedBenchFlags(flags: readonly string[]): { objects: number; hours: number; blockS: number } {
  const get = (name: string, d: number): number => Number(flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  return { objects: get('objects', 1000), hours: get('hours', 12), blockS: get('block-s', 1800) };
}

export async function runDistributedBench(o: { objects: number; hours: number; blockS: number }): Promise<BenchReport> {
  const ts = createTimeScales();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const plan = planScreening(syntheticCatalog(o.objects, start), { start, durationS: o.hours * 3600, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: o.blockS } });
  const shards = plan.blocks.length;
  const lines = [`machine: ${machineDescription()}`, `synthetic catalog ${o.objects} objects × ${o.hours} h, all-vs-all, 5 km, ${shards} shards of ${o.blockS} s; stall settings ${JSON.stringify(STALL)}`];
  const peer = await timed(() => runScreeningPlan(plan, ts));
  const expected = JSON.stringify(peer.value);
  lines.push(`peer: runScreeningPlan, 1 thread in-process: ${(peer.ms / 1000).toFixed(2)} s, ${peer.value.events.length} events`);
  const redis = await TestRedis.start();
  try {
    let oneMs = 0;
    for (const n of [1, 2, 4]) {
      const workers = await Promise.all(Array.from({ length: n }, () => spawnWorker(redis.url)));
      // Cold: each worker thread loads the TypeScript sources (tsx) and the run's plan; warm: the same run again.
      const cold = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
      if (JSON.stringify(cold.value) !== expected) throw new Error(`${n} workers (cold): result differs from the in-process run`);
      const logStart = workers.map((w) => w.log().length);
      const r = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
      for (const w of workers) await stopWorker(w.proc);
      if (JSON.stringify(r.value) !== expected) throw new Error(`${n} workers: result differs from the in-process run`);
      if (n === 1) oneMs = r.ms;
      const shardMs = workers.flatMap((w, k) => [...w.log().slice(logStart[k]).matchAll(/ (\d+) ms\n/g)].map((m) => Number(m[1])));
      const meanShard = shardMs.reduce((a, b) => a + b, 0) / Math.max(1, shardMs.length);
      lines.push(
        `${n} worker process(es): warm ${(r.ms / 1000).toFixed(2)} s (cold ${(cold.ms / 1000).toFixed(2)} s; identical results), speed-up ${(oneMs / r.ms).toFixed(2)}× vs 1 worker, ${(peer.ms / r.ms).toFixed(2)}× vs peer; ` +
          `mean shard ${meanShard.toFixed(0)} ms (${((o.objects * (o.blockS / 3600)) / (meanShard / 1000)).toFixed(0)} object-hours/s per shard)`,
      );
    }
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
    if (JSON.stringify(killed) !== expected) throw new Error('kill -9: result differs from the in-process run');
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
