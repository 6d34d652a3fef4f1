/**
 * Distributed screening on BullMQ/Redis (packages/server/src/distributed): a synthetic catalog screened all-vs-all by
 * 1, 2 and 4 `skylane worker` processes on this machine (concurrency 1 each; a private redis-server), then killing
 * one of 3 workers (SIGKILL) while it holds a shard. Every distributed result is compared with the 1-worker result
 * (identical content hash of the result required). Flags: `--objects=1000 --hours=12 --block-s=1800 --workers=1,2,4 --peer=1 --kill=1`.
 * Peer: the same plan on one thread in this process (`runScreeningPlan`), measured in the same run; by default only up
 * to 50,000 objects (`--peer=0` skips it; then the first worker count's result is the reference), likewise the kill
 * test (`--kill=0`). Without a peer each worker count runs once (cold: the time includes every worker thread's load of
 * the run's inputs, reported apart from the log). Per worker process: CPU seconds and peak resident memory (Linux
 * /proc VmHWM, read before it stops), the load of the inputs and the events of each shard; Redis: the snapshot's and
 * plan's bytes, its peak memory. `--lock-ms=N` sets the workers' lock duration (default the tests' 1 s; big shards
 * whose result takes a while to serialise and store want a longer one, e.g. 30000).
 * The 1 M-object shards measured on this machine: `--objects=1000000 --hours=0.5 --block-s=900 --workers=2 --peer=0 --kill=0`
 * (docs/benchmarks.md); the whole 1 M × 1 day is ≈ 10⁴ core-s (a real host).
 * `--merge=objects|columnar|stream` picks the submitter's merge: the object result (default), the in-memory columnar
 * merge written whole as SKYCONJ1, or the streamed merge writing SKYCONJ1 as shards come in
 * (`runScreeningPlanDistributedStreamed`); the two file modes print the SHA-256 of the file (equal between them) and
 * the submitter's RSS before the run and its peak. `--result-form=sorted|blocks|both` (streamed merge): the workers
 * ship their shard sorted (the default) or as block lists that the submitter sorts (a submitter from before the
 * sorted form); `both` runs blocks then sorted on the same workers; each run prints the submitter's CPU during the
 * run and its merge + write time.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  COLUMNAR_CHUNK_ROWS,
  createTimeScales,
  encodeColumnarChunk,
  encodeColumnarEnd,
  encodeColumnarHeader,
  planScreening,
  runScreeningPlan,
  syntheticCatalog,
  type ScreeningPlan,
  type ScreeningStats,
  type SkippedObject,
} from '@skylane/core';
import { contentHash, runScreeningPlanDistributed, runScreeningPlanDistributedColumnar, runScreeningPlanDistributedStreamed, SHARD_QUEUE, type DistributedProgress } from '@skylane/server';
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
  /** Workers' lock duration (ms); undefined: the tests' STALL setting. */
  lockMs: number | undefined;
  /** The submitter's merge: object result, in-memory columnar written whole, or streamed to the file. */
  merge: 'objects' | 'columnar' | 'stream';
  /** Streamed merge: the form the workers ship (`sorted`: sorted where the shard ran, the default; `blocks`: block lists, sorted by the submitter; `both`: one run each, blocks first). */
  resultForms: ('sorted' | 'blocks')[];
}

/** SHA-256 (hex) of a file, read in 4 MiB pieces. */
function fileSha256(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(4 << 20);
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

const benchHeader = (end: { skipped: SkippedObject[]; stats: ScreeningStats }): Uint8Array => encodeColumnarHeader({ windowStartUtc: 'bench', metadata: { skipped: end.skipped, stats: end.stats } });

/** One run with the SKYCONJ1 file modes (--merge=columnar|stream): time, events, the file's hash, RSS before and peak. */
async function fileRun(
  plan: ScreeningPlan,
  url: string,
  merge: 'columnar' | 'stream',
  sortedResults = true,
): Promise<{ ms: number; events: number; sha: string; rssBeforeMb: number; peakMb: number; largestPush: number; after: { rssMb: number; liveMb: number }; hwmAfterSubmitMb: number; cpuMs: number; mergeMs: number; writeMs: number }> {
  const file = path.join(tmpdir(), `skylane-bench-${process.pid}.skyconj`);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  // After submission (snapshot encoded and stored) the submitter only waits, merges and writes: sample its memory then.
  let sampling: NodeJS.Timeout | undefined;
  const after = { rssMb: 0, liveMb: 0 };
  const sample = (): void => {
    const m = process.memoryUsage();
    after.rssMb = Math.max(after.rssMb, m.rss / 2 ** 20);
    after.liveMb = Math.max(after.liveMb, (m.heapUsed + m.arrayBuffers) / 2 ** 20);
  };
  // Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM), read back at the end.
  const hwmMb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  const onSubmitted = (): void => {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      // not Linux: the sampled figures only
    }
    sampling = setInterval(sample, 20);
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let events = 0;
  let largestPush = Number.NaN;
  let mergeMs = Number.NaN;
  let writeMs = Number.NaN;
  if (merge === 'stream') {
    // Long runs (1 M objects × 1 day is hours): one stderr line whenever a shard completes or is merged.
    let said = '';
    const onProgress = (p: DistributedProgress): void => {
      sample();
      const line = `${p.shardsDone}/${p.shardsTotal} shards done, ${p.shardsMerged ?? 0} merged, ${p.eventsWritten ?? 0} events written`;
      if (line !== said) process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${(said = line)}\n`);
    };
    const r = await runScreeningPlanDistributedStreamed(plan, { url, pollMs: 50, onSubmitted, onProgress, sortedResults }, { format: 'columnar', path: file, tcaIso: () => '', header: benchHeader });
    events = r.events;
    largestPush = r.largestPush;
    mergeMs = r.mergeMs;
    writeMs = r.writeMs;
  } else {
    const r = await runScreeningPlanDistributedColumnar(plan, { url, pollMs: 50, onSubmitted, onProgress: sample });
    sample();
    const fd = openSync(file, 'w');
    const put = (b: Uint8Array): void => {
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
    };
    put(benchHeader(r));
    for (let from = 0; from < r.columns.length; from += COLUMNAR_CHUNK_ROWS) put(encodeColumnarChunk(r.columns, from, Math.min(r.columns.length, from + COLUMNAR_CHUNK_ROWS)));
    put(encodeColumnarEnd(r.columns.length));
    closeSync(fd);
    events = r.columns.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sample();
  clearInterval(sampling);
  const hwmAfterSubmitMb = hwmMb();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const sha = fileSha256(file);
  unlinkSync(file);
  return { ms, events, sha, rssBeforeMb, peakMb, largestPush, after, hwmAfterSubmitMb, cpuMs: (cpu.user + cpu.system) / 1000, mergeMs, writeMs };
}

/** Peak resident memory (MB) and CPU seconds (user + system) of a live process, from Linux /proc; NaN elsewhere. */
function procStats(pid: number | undefined): { peakMb: number; cpuS: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { peakMb: hwm / 1024, cpuS: (Number(f[11]) + Number(f[12])) / 100 };
  } catch {
    return { peakMb: Number.NaN, cpuS: Number.NaN };
  }
}

export function distributedBenchFlags(flags: readonly string[]): DistributedBenchOptions {
  const raw = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
  const get = (name: string, d: number): number => Number(raw(name) ?? d);
  const objects = get('objects', 1000);
  const workers = (raw('workers') ?? '1,2,4').split(',').map(Number);
  if (!workers.every((n) => Number.isInteger(n) && n >= 1)) throw new RangeError(`--workers: a comma-separated list of positive integers; got ${raw('workers')}`);
  const big = objects > 50_000;
  return { objects, hours: get('hours', 12), blockS: get('block-s', 1800), workers, peer: get('peer', big ? 0 : 1) === 1, kill: get('kill', big ? 0 : 1) === 1, lockMs: raw('lock-ms') === undefined ? undefined : get('lock-ms', 0), merge: parseMerge(raw('merge')), resultForms: parseResultForm(raw('result-form')) };
}

function parseMerge(v: string | undefined): DistributedBenchOptions['merge'] {
  if (v === undefined || v === 'objects' || v === 'columnar' || v === 'stream') return v ?? 'objects';
  throw new RangeError(`--merge: objects, columnar or stream; got ${v}`);
}

function parseResultForm(v: string | undefined): DistributedBenchOptions['resultForms'] {
  if (v === undefined || v === 'sorted') return ['sorted'];
  if (v === 'blocks') return ['blocks'];
  if (v === 'both') return ['blocks', 'sorted'];
  throw new RangeError(`--result-form: sorted, blocks or both; got ${v}`);
}

/** Redis's peak memory (INFO memory). */
async function redisInfo(url: string): Promise<{ peakMb: number }> {
  const c = new Redis(url, { maxRetriesPerRequest: null });
  try {
    const text = await c.info('memory');
    return { peakMb: Number(/used_memory_peak:(\d+)/.exec(text)?.[1]) / 1e6 };
  } finally {
    c.disconnect();
  }
}

export async function runDistributedBench(o: DistributedBenchOptions): Promise<BenchReport> {
  const ts = createTimeScales();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const planned = await timed(() => planScreening(syntheticCatalog(o.objects, start), { start, durationS: o.hours * 3600, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: o.blockS } }));
  const plan = planned.value;
  const shards = plan.blocks.length;
  const stall = o.lockMs === undefined ? STALL : { ...STALL, lockDurationMs: o.lockMs };
  const workerFlags = o.lockMs === undefined ? [] : ['--lock-duration-ms', String(o.lockMs)];
  const lines = [
    `machine: ${machineDescription()}`,
    `synthetic catalog ${o.objects} objects × ${o.hours} h, all-vs-all, 5 km, ${shards} shards of ${o.blockS} s; stall settings ${JSON.stringify(stall)}`,
    `catalog + plan in the submitter: ${(planned.ms / 1000).toFixed(1)} s`,
  ];
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
    if (o.merge !== 'objects') {
      // SKYCONJ1 file modes: one run per worker count, the submitter's memory and the file's hash.
      for (const n of o.workers) for (const form of o.merge === 'stream' ? o.resultForms : (['sorted'] as const)) {
        const workers = await Promise.all(Array.from({ length: n }, () => spawnWorker(redis.url, workerFlags)));
        const r = await fileRun(plan, redis.url, o.merge, form === 'sorted');
        const shardCount = shards;
        const stats = workers.map((w) => procStats(w.proc.pid));
        const info = await redisInfo(redis.url);
        const logs = workers.map((w) => w.log());
        for (const w of workers) await stopWorker(w.proc);
        const shardMs = logs.flatMap((t) => [...t.matchAll(/ (\d+) ms\n/g)].map((m) => Number(m[1])));
        lines.push(
          `${n} worker(s), merge=${o.merge}${o.merge === 'stream' ? ` (workers ship ${form === 'sorted' ? 'sorted shards' : 'block lists'})` : ''}: run ${(r.ms / 1000).toFixed(1)} s, ${r.events} events, SKYCONJ1 sha256 ${r.sha.slice(0, 16)}; ` +
            `submitter CPU during the run ${(r.cpuMs / 1000).toFixed(1)} s (${(r.cpuMs / 1000 / shardCount).toFixed(2)} s a shard over ${shardCount} shards, submission and polling included)` +
            `${o.merge === 'stream' ? `, merge ${(r.mergeMs / 1000 / shardCount).toFixed(3)} s + SKYCONJ1 write ${(r.writeMs / 1000 / shardCount).toFixed(3)} s a shard` : ''}; submitter RSS before the run ${r.rssBeforeMb.toFixed(0)} MB, peak ${r.peakMb.toFixed(0)} MB, ` +
            `after submission (waiting, merging, writing): peak RSS ${r.hwmAfterSubmitMb.toFixed(0)} MB (VmHWM reset at submission), sampled RSS ${r.after.rssMb.toFixed(0)} MB, heapUsed + arrayBuffers ${r.after.liveMb.toFixed(0)} MB` +
            `${o.merge === 'stream' ? `, largest merge step ${r.largestPush} events` : ''}; Redis peak ${info.peakMb.toFixed(0)} MB; per shard work ${shardMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; ` +
            `worker processes: CPU ${stats.map((x) => x.cpuS.toFixed(0)).join(', ')} s, peak RSS ${stats.map((x) => x.peakMb.toFixed(0)).join(', ')} MB`,
        );
      }
      return { name: 'distributed', lines };
    }
    for (const n of o.workers) {
      const workers = await Promise.all(Array.from({ length: n }, () => spawnWorker(redis.url, workerFlags)));
      // Cold: each worker thread loads the TypeScript sources (tsx) and the run's plan; warm: the same run again.
      // (Without a peer the cold run is skipped: at 1 M objects one run is hours of CPU; its time includes the loads.)
      let cold: { ms: number } | undefined;
      if (o.peer) {
        const c = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 }));
        if (same(c.value) !== expected) throw new Error(`${n} workers (cold): result differs from the in-process run`);
        cold = c;
      }
      const logStart = workers.map((w) => w.log().length);
      let submitted: { ms: number; snapshotBytes: number } | undefined;
      const t0 = performance.now();
      const r = await timed(() => runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50, onSubmitted: (s) => (submitted = { ms: performance.now() - t0, snapshotBytes: s.snapshotBytes }) }));
      const stats = workers.map((w) => procStats(w.proc.pid));
      const info = await redisInfo(redis.url);
      for (const w of workers) await stopWorker(w.proc);
      expected ??= same(r.value);
      if (same(r.value) !== expected) throw new Error(`${n} workers: result differs from the reference run`);
      if (oneMs === 0) oneMs = r.ms * n; // speed-ups are per worker relative to the first count (1 → itself)
      const shardMs = workers.flatMap((w, k) => [...w.log().slice(logStart[k]).matchAll(/ (\d+) ms\n/g)].map((m) => Number(m[1])));
      const meanShard = shardMs.reduce((a, b) => a + b, 0) / Math.max(1, shardMs.length);
      const logs = workers.map((w, k) => w.log().slice(logStart[k]));
      const loadMs = logs.flatMap((t) => [...t.matchAll(/inputs loaded in (\d+) ms/g)].map((m) => Number(m[1])));
      const events = logs.flatMap((t) => [...t.matchAll(/ (\d+) event\(s\)/g)].map((m) => Number(m[1])));
      if (o.objects > 50_000 || !o.peer) {
        lines.push(
          `  ${n} worker(s) detail: submit (hash, encode, store snapshot + plan, queue) ${((submitted?.ms ?? Number.NaN) / 1000).toFixed(1)} s; snapshot ${((submitted?.snapshotBytes ?? Number.NaN) / 1e6).toFixed(1)} MB; ` +
            `Redis peak memory ${info.peakMb.toFixed(0)} MB; per shard work ${shardMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, events ${events.join(', ')}; ` +
            `inputs loaded per thread ${loadMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; worker processes: CPU ${stats.map((x) => x.cpuS.toFixed(0)).join(', ')} s, peak RSS ${stats.map((x) => x.peakMb.toFixed(0)).join(', ')} MB; ` +
            `submitter peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
        );
      }
      lines.push(
        `${n} worker process(es): ${cold ? `warm ${(r.ms / 1000).toFixed(2)} s (cold ${(cold.ms / 1000).toFixed(2)} s)` : `${(r.ms / 1000).toFixed(2)} s`} (identical results), speed-up ${(oneMs / r.ms).toFixed(2)}× vs 1 worker${o.workers[0] !== 1 ? ` (extrapolated from ${o.workers[0]})` : ''}${o.peer ? `, ${(peerMs / r.ms).toFixed(2)}× vs peer` : ''}; ` +
          `mean shard ${meanShard.toFixed(0)} ms (${((o.objects * (o.blockS / 3600)) / (meanShard / 1000)).toFixed(0)} object-hours/s per shard)`,
      );
    }
    if (!o.kill) return { name: 'distributed', lines };
    // Kill one of three workers while it holds a shard.
    const workers = await Promise.all([0, 1, 2].map(() => spawnWorker(redis.url, workerFlags)));
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
        `bound: longest shard ${(maxShard / 1000).toFixed(2)} s + lock ${stall.lockDurationMs / 1000} s + stall interval ${stall.stalledIntervalMs / 1000} s = ${((maxShard + stall.lockDurationMs + stall.stalledIntervalMs) / 1000).toFixed(2)} s`,
    );
  } finally {
    await redis.stop();
  }
  return { name: 'distributed', lines };
}
