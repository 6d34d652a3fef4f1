/**
 * Oracle: the in-memory merge (`mergeScreeningBlocksColumnar` of every block) written whole by the writers of
 * `skylane screen` (SKYCONJ1 header + 65,536-row chunks + end mark; NDJSON in 4,096-line pieces). The streamed
 * output (`StreamedScreeningWriter`, `runScreeningPlanDistributedStreamed`) must give the same bytes: with 72,000
 * injected events so that SKYCONJ1 chunks straddle shard borders, an object failing in the last block after its
 * rows were written (the late-failure filter pass), to a file and to a write function (standard output). Through a
 * real redis-server: shards completing in reverse order (the test writes their results as a worker would) are merged
 * strictly in shard order, each shard's result deleted from Redis once written while the later ones wait there; the
 * results stored in both forms a worker may ship (the sorted form, and the block list of a worker from before it), and
 * the jobs asking workers for the sorted form.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import {
  appendConjunction,
  appendRows,
  COLUMNAR_CHUNK_ROWS,
  createConjunctionColumns,
  createTimeScales,
  mergeScreeningBlocksColumnar,
  planScreening,
  planScreeningShards,
  screenShard,
  sortShardResult,
  syntheticCatalog,
  tcaIsoFrom,
  type BlockResult,
  type ScreeningPlan,
} from '@skylane/core';
import { encode, encodeShardResult, hsetResultChunks, keys, runScreeningPlanDistributedStreamed, SHARD_QUEUE, runShardsDistributed, screeningRunIdentity, StreamedScreeningWriter, type DistributedProgress } from '../../src/distributed/index.ts';
import { testColumnarHeader, wholeFile } from './wholeRunFile.ts';
import { redisAvailable } from './redisHarness.ts';
import { useTestRedis } from './redisFixtures.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-streamed-'));

const header = testColumnarHeader;

/** A small real plan's block results with `perBlock` extra events a block (TCAs inside the block, objects of the plan). */
function injectedBlocks(plan: ScreeningPlan, perBlock: number): BlockResult[] {
  const real = screenShard(plan, { shardIndex: 0, firstBlock: 0, endBlock: plan.blocks.length });
  let x = 12345;
  const rnd = (): number => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  return real.map((r) => {
    const b = plan.blocks[r.blockIndex]!;
    const cols = createConjunctionColumns(r.events.length + perBlock);
    appendRows(cols, r.events);
    for (let k = 0; k < perBlock; k++) {
      const i = Math.floor(rnd() * plan.objects.length);
      const j = (i + 1 + Math.floor(rnd() * (plan.objects.length - 1))) % plan.objects.length;
      const t = (b.firstInterval + rnd() * (b.endInterval - b.firstInterval)) * plan.sampleStepS;
      appendConjunction(cols, plan.objects[Math.min(i, j)]!.catalogNumber, plan.objects[Math.max(i, j)]!.catalogNumber, t, rnd() * 20, 1 + rnd() * 14, rnd(), rnd(), rnd(), 0.5 + rnd(), 0.25 + rnd());
    }
    return { ...r, events: cols };
  });
}

const plan = planScreening(syntheticCatalog(80, start, 5), { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: 1200 } });
const tcaIso = tcaIsoFrom(ts, plan.startUtc);

describe('streamed screening output vs the in-memory merge written whole (skylane screen writers)', () => {
  const blocks = injectedBlocks(plan, 4000);
  // An object with rows in the first block fails in the last one: the in-memory merge drops all its rows.
  const victim = blocks[0]!.events.object1[0]!;
  const last = plan.blocks.length - 1;
  const withLate = blocks.map((r) => (r.blockIndex === last ? { ...r, failures: [...r.failures, { index: plan.objects.findIndex((o) => o.catalogNumber === victim), catalogNumber: victim, code: 'SGP4_DECAYED', reason: 'decayed (injected)', atOffsetS: 21000 }] } : r));

  for (const [name, results, late] of [['no failure', blocks, false], ['a late failure', withLate, true]] as const) {
    it(`${name}: NDJSON and SKYCONJ1, to a file and to a write function, equal the whole-run writers' bytes`, () => {
      const want = mergeScreeningBlocksColumnar(plan, results);
      expect(want.columns.length).toBeGreaterThan(COLUMNAR_CHUNK_ROWS);
      for (const format of ['ndjson', 'columnar'] as const) {
        const expected = wholeFile(want, format, tcaIso);
        // One shard of every block: its rows come out at once, more than a chunk (encoded straight from the rows).
        for (const sharding of [{ blocksPerShard: 1 }, { blocksPerShard: 4 }, { blocksPerShard: plan.blocks.length }]) {
          const shards = planScreeningShards(plan, sharding);
          const file = path.join(dir, `out-${format}-${late}-${sharding.blocksPerShard}`);
          const w = new StreamedScreeningWriter(plan, shards, { format, path: file, tcaIso, header });
          // Shards of 4 blocks arrive sorted (a current worker's form), shards of 1 as block lists (an older worker's).
          for (const s of shards) w.push(sharding.blocksPerShard === 4 ? sortShardResult(s, results.slice(s.firstBlock, s.endBlock)) : results.slice(s.firstBlock, s.endBlock));
          const r = w.finish();
          // One shard: nothing was written before the failure was known, so nothing is late (its rows are never written).
          expect(r.lateFailures).toEqual(late && shards.length > 1 ? [victim] : []);
          expect(r.events).toBe(want.columns.length);
          expect(JSON.stringify(r.stats)).toBe(JSON.stringify(want.stats));
          expect(r.largestPush).toBeLessThanOrEqual(4 * 4000 + 200);
          const got = readFileSync(file);
          expect(got.length, `${format} ${sharding.blocksPerShard}`).toBe(expected.length);
          expect(got.equals(expected), `${format} ${sharding.blocksPerShard} blocks a shard: bytes`).toBe(true);
          if (sharding.blocksPerShard !== 1) continue;
          // Standard output: the same bytes through the write function.
          const parts: Buffer[] = [];
          const w2 = new StreamedScreeningWriter(plan, shards, { format, write: (b) => parts.push(typeof b === 'string' ? Buffer.from(b) : Buffer.from(b)), tcaIso, header });
          for (const s of shards) w2.push(sortShardResult(s, results.slice(s.firstBlock, s.endBlock)));
          w2.finish();
          expect(Buffer.concat(parts).equals(expected), `${format} to a write function`).toBe(true);
        }
      }
      expect(readdirSync(dir).filter((f) => f.includes('.part')), 'part files removed').toEqual([]);
    }, 60_000);
  }
});

describe.skipIf(!redisAvailable)('streamed merge through a real redis-server: shards completing in reverse order', () => {
  const redisOf = useTestRedis();

  it('merges strictly in shard order, deletes each result once written, and writes the in-memory merge bytes', async () => {
    const p = planScreening(syntheticCatalog(120, start, 9), { start, durationS: 4 * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: 1800 } });
    const all = screenShard(p, { shardIndex: 0, firstBlock: 0, endBlock: p.blocks.length });
    const want = mergeScreeningBlocksColumnar(p, all);
    const id = screeningRunIdentity(p, { blocksPerShard: 2 });
    expect(id.shards.length).toBe(4);
    const client = new Redis(redisOf().url);
    // No worker serves the queue: the test stores each shard's result as a worker would, the last shard first: shard 0
    // in the compact sorted form (a current worker), 2 sorted through v8, 1 and 3 as block lists (an older worker).
    const queue = new Queue(SHARD_QUEUE, { connection: client });
    const forms: unknown[] = [];
    const fake = (async () => {
      await sleep(300);
      for (const s of [...id.shards].reverse()) {
        forms.push((await queue.getJob(`${id.runId}-${s.shardIndex}`))?.data.resultForm);
        const list = all.slice(s.firstBlock, s.endBlock);
        const multi = client.multi();
        const bytes = s.shardIndex === 0 ? encodeShardResult(sortShardResult(s, list)) : encode(s.shardIndex === 2 ? sortShardResult(s, list) : list);
        hsetResultChunks(multi, keys.runResults(id.runId), String(s.shardIndex), bytes, 1000);
        await multi.hset(keys.runEvents(id.runId), String(s.shardIndex), '0').exec();
        await sleep(250);
      }
    })();
    try {
      const order: number[] = [];
      const waiting: string[][] = [];
      const progress: DistributedProgress[] = [];
      const file = path.join(dir, 'queued.skyconj');
      const o = { url: redisOf().url, pollMs: 50, sharding: { blocksPerShard: 2 }, onProgress: (q: DistributedProgress) => progress.push(q) };
      const run = runScreeningPlanDistributedStreamed(p, o, { format: 'columnar', path: file, tcaIso: tcaIsoFrom(ts, p.startUtc), header });
      const r = await run;
      await fake;
      expect(forms).toEqual(['sorted-shard-v1', 'sorted-shard-v1', 'sorted-shard-v1', 'sorted-shard-v1']);
      expect(readFileSync(file).equals(wholeFile(want, 'columnar', tcaIsoFrom(ts, p.startUtc)))).toBe(true);
      expect(r.events).toBe(want.columns.length);
      // Nothing could be merged before shard 0 (written last) was in; then all four in one go, in order.
      const merged = progress.map((q) => q.shardsMerged);
      expect(merged.at(-1)).toBe(4);
      expect(progress.filter((q) => (q.shardsMerged ?? 0) > 0)[0]!.shardsDone).toBe(4);
      expect(progress.at(-1)!.eventsWritten).toBe(want.columns.length);
      expect(await client.exists(keys.runResults(id.runId))).toBe(0);

      // The consumer's view: shard order, and at each shard the results hash holds only that shard and later ones.
      const fake2 = (async () => {
        await sleep(300);
        for (const k of [2, 0, 3, 1]) {
          const s = id.shards[k]!;
          const multi = client.multi();
          hsetResultChunks(multi, keys.runResults(id.runId), String(s.shardIndex), encode(all.slice(s.firstBlock, s.endBlock)), 1000);
          await multi.hset(keys.runEvents(id.runId), String(s.shardIndex), '0').exec();
          await sleep(250);
        }
      })();
      await runShardsDistributed(p, { url: redisOf().url, pollMs: 50, sharding: { blocksPerShard: 2 } }, async (s) => {
        order.push(s.shardIndex);
        waiting.push((await client.hkeys(keys.runResults(id.runId))).filter((f) => !f.includes(':')).sort());
        return 0;
      });
      await fake2;
      expect(order).toEqual([0, 1, 2, 3]);
      // Shard 0 came second (after 2): at its merge 0 and 2 were stored; 1 came last, so 1, 2, 3 were all there at its turn.
      expect(waiting[0]).toEqual(['0', '2']);
      expect(waiting[1]).toEqual(['1', '2', '3']);
      expect(waiting[2]).toEqual(['2', '3']);
      expect(waiting[3]).toEqual(['3']);
    } finally {
      await queue.close();
      client.disconnect();
    }
  }, 60_000);
});
