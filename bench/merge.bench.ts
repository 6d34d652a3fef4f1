/**
 * `npm run bench -- merge`: the distributed submitter's per-shard cost in process, without Redis
 * (docs/design/distributed-execution.md "The serial part"). A plan of `--objects` synthetic objects cut into
 * `--shards` shards of one `--block-s` block; each shard gets `--events` synthetic events (TCAs uniform in its block,
 * in random order as a block emits them, 1 in 1,000 at exactly the block's start so the border carry works; object
 * pairs of the plan). Each shard is encoded as a worker ships it in both forms (`encodeShardResult`): the block list
 * (v8, a worker from before the sorted form: the submitter sorts) and the sorted form (`sortShardResult` on the
 * worker, gathered into the compact buffer: `encodeSortedShard`), and the two submitters run side by side, alternating shard by shard in this process:
 * decode (`decodeShardResult`), then `StreamedScreeningWriter.push`
 * (merge and SKYCONJ1 chunks to a part file). Both output files must be byte-identical (their SHA-256 printed).
 * With `--redis=1` each shard also goes through a private redis-server (AOF on, fsync always: the test harness's)
 * as on the queue: stored in 64 MiB pieces as a worker does (not timed), then fetched, decoded, merged and deleted by
 * the submitter (timed: the fetch and delete are the submitter's share of the round trip; Redis's own CPU is apart).
 * Flags: `--objects=1000000 --shards=4 --events=2800000 --block-s=900 --redis=0`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  appendConjunction,
  createConjunctionColumns,
  createTimeScales,
  encodeColumnarHeader,
  planScreening,
  planScreeningShards,
  syntheticCatalog,
  type BlockResult,
  type ScreeningPlan,
  type ShardResult,
} from '@skylane/core';
import { Redis } from 'ioredis';
import { decodeShardResult, encodeShardResult, encodeSortedShard, hdelResultChunks, hgetResultChunks, hsetResultChunks, StreamedScreeningWriter } from '@skylane/server';
import { TestRedis } from '../packages/server/test/distributed/redisHarness.ts';
import { flagValue, machineDescription, peakRssMiB, type BenchReport } from './common.ts';

export interface MergeBenchFlags {
  readonly objects: number;
  readonly shards: number;
  readonly events: number;
  readonly blockS: number;
  readonly redis: boolean;
}

export function mergeBenchFlags(flags: readonly string[]): MergeBenchFlags {
  const num = (name: string, dflt: number): number => {
    const f = flagValue(flags, name);
    const v = f === undefined ? dflt : Number(f);
    if (!(Number.isInteger(v) && v >= (name === 'redis' ? 0 : 1))) throw new RangeError(`--${name} must be a positive integer; got --${name}=${f}`);
    return v;
  };
  return { objects: num('objects', 1_000_000), shards: num('shards', 4), events: num('events', 2_800_000), blockS: num('block-s', 900), redis: num('redis', 0) === 1 };
}

/** A block's result with `count` synthetic events (deterministic in the block index) and the real block's other fields. */
function syntheticBlock(plan: ScreeningPlan, blockIndex: number, count: number): BlockResult {
  let x = 0x9e3779b9 ^ (blockIndex * 7919);
  const rnd = (): number => {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const b = plan.blocks[blockIndex]!;
  const n = plan.objects.length;
  const t0 = b.firstInterval * plan.sampleStepS;
  const t1 = b.endInterval * plan.sampleStepS;
  const events = createConjunctionColumns(count);
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rnd() * n);
    const j = (i + 1 + Math.floor(rnd() * (n - 1))) % n;
    const a = plan.objects[Math.min(i, j)]!.catalogNumber;
    const c = plan.objects[Math.max(i, j)]!.catalogNumber;
    const t = rnd() < 0.001 ? t0 : t0 + rnd() * (t1 - t0);
    appendConjunction(events, a, c, t, rnd() * 5, 1 + rnd() * 14, rnd(), rnd(), rnd(), 0.5 + rnd(), 0.25 + rnd());
  }
  const radialMinKm = new Float64Array(n).fill(6700);
  const radialMaxKm = new Float64Array(n).fill(7200);
  const stats = { pairWindowsAfterGrid: 0, pairWindowsAfterLinear: 0, pairSamplesAfterLinear: 0, intervalsRefined: 0, pairsRefined: 0, sgp4Calls: 0, bracketsSkipped: 0, rootsSkipped: 0, tcaStatesReused: 0 };
  return { blockIndex, events, failures: [], radialMinKm, radialMaxKm, stats };
}

export async function runMergeBench(o: MergeBenchFlags): Promise<BenchReport> {
  const ts = createTimeScales();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const p0 = performance.now();
  const plan = planScreening(syntheticCatalog(o.objects, start), { start, durationS: o.shards * o.blockS, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: o.blockS } });
  const planMs = performance.now() - p0;
  const shards = planScreeningShards(plan, { shards: o.shards });
  const header = (end: { skipped: unknown; stats: unknown }): Uint8Array => encodeColumnarHeader({ metadata: { stats: end.stats } });
  const files = { blocks: path.join(tmpdir(), `skylane-merge-bench-${process.pid}-blocks.skyconj`), sorted: path.join(tmpdir(), `skylane-merge-bench-${process.pid}-sorted.skyconj`) };
  const writers = {
    blocks: new StreamedScreeningWriter(plan, shards, { format: 'columnar', path: files.blocks, tcaIso: () => '', header }),
    sorted: new StreamedScreeningWriter(plan, shards, { format: 'columnar', path: files.sorted, tcaIso: () => '', header }),
  };
  // Wall ms of each step, and the process's CPU ms (user + system, every thread: GC included) of decode + push.
  const ms = { blocks: { fetch: 0, decode: 0, cpu: 0 }, sorted: { fetch: 0, decode: 0, cpu: 0 } };
  const server = o.redis ? await TestRedis.start() : undefined;
  const client = server === undefined ? undefined : new Redis(server.url, { maxRetriesPerRequest: null });
  const key = 'skylane:merge-bench:results';
  let workerSortMs = 0;
  let bytes = { blocks: 0, sorted: 0 };
  const lines: string[] = [];
  for (const s of shards) {
    const list: BlockResult[] = [];
    for (let b = s.firstBlock; b < s.endBlock; b++) list.push(syntheticBlock(plan, b, Math.round(o.events / (s.endBlock - s.firstBlock))));
    // The worker's side of the sorted form: sort and gather into the compact buffer (encodeSortedShard).
    const w0 = performance.now();
    const sortedBytes = encodeSortedShard(s, list);
    workerSortMs += performance.now() - w0;
    const wire = { blocks: encodeShardResult(list), sorted: sortedBytes };
    bytes = { blocks: bytes.blocks + wire.blocks.length, sorted: bytes.sorted + wire.sorted.length };
    // Alternate which form goes first, shard by shard.
    const order = s.shardIndex % 2 === 0 ? (['blocks', 'sorted'] as const) : (['sorted', 'blocks'] as const);
    const per: string[] = [];
    for (const form of order) {
      if (client !== undefined) {
        const multi = client.multi();
        hsetResultChunks(multi, key, form, wire[form]);
        await multi.exec();
      }
      const before = writers[form].timings;
      const c0 = process.cpuUsage();
      const f0 = performance.now();
      const bytesIn = client === undefined ? wire[form] : (await hgetResultChunks(client, key, form))!;
      const d0 = performance.now();
      const result: ShardResult = decodeShardResult(bytesIn);
      const d1 = performance.now();
      writers[form].push(result);
      const d2 = performance.now();
      if (client !== undefined) await hdelResultChunks(client, key, form);
      const c = process.cpuUsage(c0);
      const after = writers[form].timings;
      ms[form].fetch += d0 - f0 + (performance.now() - d2);
      ms[form].decode += d1 - d0;
      ms[form].cpu += (c.user + c.system) / 1000;
      per.push(`${form}${client === undefined ? '' : ` fetch + delete ${((d0 - f0 + performance.now() - d2) / 1000).toFixed(2)} s,`} decode ${((d1 - d0) / 1000).toFixed(2)} s, merge ${((after.mergeMs - before.mergeMs) / 1000).toFixed(2)} s, write ${((after.writeMs - before.writeMs) / 1000).toFixed(2)} s (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s)`);
    }
    lines.push(`shard ${s.shardIndex} (${o.events} events): ${per.join('; ')}`);
  }
  const ends = { blocks: writers.blocks.finish(), sorted: writers.sorted.finish() };
  const steps = { blocks: writers.blocks.timings, sorted: writers.sorted.timings };
  const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');
  const hashes = { blocks: sha(files.blocks), sorted: sha(files.sorted) };
  for (const f of Object.values(files)) unlinkSync(f);
  client?.disconnect();
  await server?.stop();
  const n = shards.length;
  const wall = (form: 'blocks' | 'sorted'): number => ms[form].fetch + ms[form].decode + steps[form].mergeMs + steps[form].writeMs;
  const per = (form: 'blocks' | 'sorted'): string =>
    `${(wall(form) / n / 1000).toFixed(2)} s a shard (${client === undefined ? '' : `Redis fetch + delete ${(ms[form].fetch / n / 1000).toFixed(2)} s, `}decode ${(ms[form].decode / n / 1000).toFixed(2)} s, merge ${(steps[form].mergeMs / n / 1000).toFixed(2)} s, SKYCONJ1 write ${(steps[form].writeMs / n / 1000).toFixed(2)} s; CPU ${(ms[form].cpu / n / 1000).toFixed(2)} s; ${(bytes[form] / n / 1e6).toFixed(0)} MB on the wire)`;
  return {
    name: `Distributed submitter's merge, per shard, in process (${o.objects} objects, ${n} shards of ${o.events} synthetic events${o.redis ? ', through Redis' : ''})`,
    lines: [
      machineDescription(),
      `plan ${(planMs / 1000).toFixed(1)} s; events written ${ends.sorted.events} (both forms ${ends.blocks.events === ends.sorted.events ? 'equal' : 'DIFFER'})`,
      `block list (older workers: the submitter sorts): ${per('blocks')}`,
      `sorted form (the worker sorts and encodes, ${(workerSortMs / n / 1000).toFixed(2)} s a shard there): ${per('sorted')}`,
      `submitter speed-up per shard: ${(wall('blocks') / wall('sorted')).toFixed(2)}× (wall), ${(ms.blocks.cpu / ms.sorted.cpu).toFixed(2)}× (CPU)`,
      `SKYCONJ1 sha256 block list ${hashes.blocks.slice(0, 16)}…, sorted ${hashes.sorted.slice(0, 16)}… (${hashes.blocks === hashes.sorted ? 'identical' : 'DIFFERENT'})`,
      ...lines,
      `peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
