/**
 * Oracle: the in-memory merge `mergeScreeningBlocksColumnar` of the same block results (the merge of
 * `runScreeningPlan`). The streamed merge (`StreamingShardMerge`), fed shard by shard in shard order, must emit the
 * same rows in the same order once the objects it reports as late failures are dropped, with the same skipped
 * objects and statistics: for shards of 1, 2, 3, 7 blocks and one shard; with events injected at exactly a shard
 * border in reversed catalog order and an event duplicated across the border (kept twice, as the in-memory merge
 * does); with an object failing in the last block after its events were emitted. Also the memory bound: after each
 * push the merge holds back only the rows at or after the next shard's start. Every case runs with the shards pushed
 * as block lists (an older worker's result: the merge sorts), as `sortShardResult`'s sorted form (the worker sorted:
 * the merge only merges at the border), and the two forms alternating; the whole-run merge takes the sorted form too.
 */
import { describe, expect, it } from 'vitest';
import {
  appendConjunction,
  appendRows,
  createConjunctionColumns,
  dropObjects,
  mergeScreeningBlocksColumnar,
  mergeScreeningShardsColumnar,
  planScreeningShards,
  sortShardResult,
  screenShard,
  StreamingShardMerge,
  type BlockResult,
  type ConjunctionColumns,
  type ScreeningColumnsResult,
  type ScreeningPlan,
  type ShardResult,
} from '@skylane/core';
import { shardTestPlan } from './helpers/shardTestPlan.ts';

const { plan } = shardTestPlan();
const blocks: BlockResult[] = screenShard(plan, { shardIndex: 0, firstBlock: 0, endBlock: plan.blocks.length });

const COLS = ['object1', 'object2', 'tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const;

/** The columns' rows as plain arrays (exact doubles), for toEqual. */
const rowsOf = (c: ConjunctionColumns): number[][] => COLS.map((k) => Array.from(c[k].subarray(0, c.length)));

/** How the shards are handed to the merge: block lists, the sorted form, or alternating (sorted first). */
const FORMS = ['blocks', 'sorted', 'mixed'] as const;
type Form = (typeof FORMS)[number];

/** Streams `results` through the merge in shards of `blocksPerShard`; the emitted rows (late failures dropped) and the end. */
function streamed(p: ScreeningPlan, results: readonly BlockResult[], sharding: { blocksPerShard: number } | { shards: number }, form: Form = 'blocks'): { result: ScreeningColumnsResult; lateFailures: readonly number[]; pushes: number[]; emitted: ConjunctionColumns } {
  const shards = planScreeningShards(p, sharding);
  const merge = new StreamingShardMerge(p, shards);
  const all = createConjunctionColumns(16);
  const pushes: number[] = [];
  for (const s of shards) {
    const list = results.slice(s.firstBlock, s.endBlock);
    const sorted = form === 'sorted' || (form === 'mixed' && s.shardIndex % 2 === 0);
    const rows = merge.push(sorted ? sortShardResult(s, list) : list);
    pushes.push(rows.length);
    appendRows(all, rows);
  }
  const end = merge.finish();
  appendRows(all, end.rows);
  const { rows, removed } = dropObjects(all, new Set(end.lateFailures));
  return { result: { columns: rows, skipped: end.skipped, stats: { ...end.stats, events: end.stats.events - removed } }, lateFailures: end.lateFailures, pushes, emitted: all };
}

function expectSame(got: ScreeningColumnsResult, want: ScreeningColumnsResult): void {
  expect(got.columns.length).toBe(want.columns.length);
  expect(rowsOf(got.columns)).toEqual(rowsOf(want.columns));
  expect(JSON.stringify({ skipped: got.skipped, stats: got.stats })).toBe(JSON.stringify({ skipped: want.skipped, stats: want.stats }));
}

/** A copy of a block result with extra events appended ([object1, object2, tcaOffsetS, missDistanceKm]) and extra failures. */
function withExtras(r: BlockResult, events: readonly (readonly [number, number, number, number])[], failures: BlockResult['failures'] = []): BlockResult {
  const cols = createConjunctionColumns(r.events.length + events.length);
  appendRows(cols, r.events);
  for (const [a, b, t, m] of events) appendConjunction(cols, a, b, t, m, 7.5, 0.1, -0.2, 0.3, 1.25, 2.5);
  return { ...r, events: cols, failures: [...r.failures, ...failures] };
}

describe('streamed shard merge vs mergeScreeningBlocksColumnar (the in-memory merge)', () => {
  const oracle = mergeScreeningBlocksColumnar(plan, blocks);

  it('a real 400-object plan: shards of 1, 2, 3, 7 blocks and one shard give the oracle rows, skipped objects and statistics', () => {
    expect(oracle.columns.length).toBeGreaterThan(20);
    expect(oracle.skipped.length).toBeGreaterThan(0);
    for (const form of FORMS) {
      for (const sharding of [{ blocksPerShard: 1 }, { blocksPerShard: 2 }, { blocksPerShard: 3 }, { blocksPerShard: 7 }, { shards: 1 }]) {
        const s = streamed(plan, blocks, sharding, form);
        expectSame(s.result, oracle);
        expect(s.lateFailures).toEqual([]);
      }
    }
  });

  it('events at exactly a shard border in reversed catalog order, and one duplicated across the border: the oracle order, both copies kept', () => {
    // Border between block 5 and block 6 (= shards of 3 blocks: shard 1 ends at block 6).
    const border = plan.blocks[6]!.firstInterval * plan.sampleStepS;
    const [a, b, c, d] = [plan.objects[10]!.catalogNumber, plan.objects[20]!.catalogNumber, plan.objects[30]!.catalogNumber, plan.objects[40]!.catalogNumber];
    const injected = blocks.map((r) => {
      if (r.blockIndex === 5) return withExtras(r, [[c, d, border, 1.5], [a, d, border, 2.5], [b, c, border - 1e-9, 3.5]]);
      if (r.blockIndex === 6) return withExtras(r, [[a, b, border, 0.5], [a, d, border, 2.5], [a, c, border + 1e-9, 4.5]]);
      return r;
    });
    const want = mergeScreeningBlocksColumnar(plan, injected);
    const at = Array.from(want.columns.tcaOffsetS.subarray(0, want.columns.length)).indexOf(border);
    // The oracle interleaves the two blocks' rows at the border: (a,b) from block 6 first, then (a,d) twice, then (c,d) from block 5.
    expect([want.columns.object1[at], want.columns.object2[at], want.columns.object1[at + 3]]).toEqual([a, b, c]);
    expect([want.columns.object2[at + 1], want.columns.object2[at + 2]]).toEqual([d, d]);
    for (const form of FORMS) for (const sharding of [{ blocksPerShard: 3 }, { blocksPerShard: 1 }, { blocksPerShard: 2 }]) expectSame(streamed(plan, injected, sharding, form).result, want);
  });

  it('an object failing in the last block after its events were written: reported as a late failure; dropping it gives the oracle', () => {
    const victim = oracle.columns.object1[0]!;
    const index = plan.objects.findIndex((o) => o.catalogNumber === victim);
    const last = plan.blocks.length - 1;
    const injected = blocks.map((r) => (r.blockIndex === last ? withExtras(r, [], [{ index, catalogNumber: victim, code: 'SGP4_DECAYED', reason: 'decayed (injected)', atOffsetS: 21000 }]) : r));
    const want = mergeScreeningBlocksColumnar(plan, injected);
    expect(want.columns.length).toBeLessThan(oracle.columns.length);
    for (const form of FORMS) {
      for (const sharding of [{ blocksPerShard: 2 }, { blocksPerShard: 5 }]) {
        const s = streamed(plan, injected, sharding, form);
        expect(s.lateFailures).toEqual([victim]);
        expectSame(s.result, want);
      }
      // One shard: nothing was emitted before the failure was known, so nothing is late.
      const one = streamed(plan, injected, { shards: 1 }, form);
      expect(one.lateFailures).toEqual([]);
      expectSame(one.result, want);
    }
  });

  it('an object with rows held at a border (the carry) failing in the next shard: its carried rows are never emitted; a key tied across the border keeps the earlier block first', () => {
    const border = plan.blocks[6]!.firstInterval * plan.sampleStepS;
    const [a, b, c] = [plan.objects[11]!.catalogNumber, plan.objects[21]!.catalogNumber, plan.objects[31]!.catalogNumber];
    const index = plan.objects.findIndex((o) => o.catalogNumber === a);
    const injected = blocks.map((r) => {
      if (r.blockIndex === 5) return withExtras(r, [[a, c, border, 1.5], [b, c, border, 2.5]]);
      // (b, c) again at the border from the later block, with another miss distance: the oracle puts block 5's first.
      if (r.blockIndex === 6) return withExtras(r, [[a, b, border, 0.5], [b, c, border, 3.5]], [{ index, catalogNumber: a, code: 'SGP4_DECAYED', reason: 'decayed (injected)', atOffsetS: border + 60 }]);
      if (r.blockIndex === 7) return withExtras(r, [[a, c, plan.blocks[7]!.firstInterval * plan.sampleStepS + 30, 0.25]]);
      return r;
    });
    const want = mergeScreeningBlocksColumnar(plan, injected);
    const tcas = Array.from(want.columns.tcaOffsetS.subarray(0, want.columns.length));
    // The oracle keeps only the two (b, c) rows at the border, block 5's (2.5 km) first: a's rows are gone.
    const at = tcas.indexOf(border);
    expect(tcas.filter((t) => t === border).length).toBe(2);
    expect([want.columns.missDistanceKm[at], want.columns.missDistanceKm[at + 1]]).toEqual([2.5, 3.5]);
    for (const form of FORMS) {
      const s = streamed(plan, injected, { blocksPerShard: 3 }, form);
      expectSame(s.result, want);
      // Dropped from the carry and from the failing shard's rows, not written and filtered afterwards.
      const e = s.emitted;
      for (let i = 0; i < e.length; i++) if (e.tcaOffsetS[i]! >= border) expect(e.object1[i], `row ${i} (${form})`).not.toBe(a);
    }
  });

  it('the whole-run merge (mergeScreeningShardsColumnar) takes sorted shard results, alone or mixed with block lists', () => {
    for (const per of [1, 3, 7]) {
      const shards = planScreeningShards(plan, { blocksPerShard: per });
      const results: ShardResult[] = shards.map((s) => (s.shardIndex % 2 === 0 || per === 7 ? sortShardResult(s, blocks.slice(s.firstBlock, s.endBlock)) : blocks.slice(s.firstBlock, s.endBlock)));
      const got = mergeScreeningShardsColumnar(plan, [...results].reverse());
      expectSame(got, oracle);
    }
  });

  it('memory bound: after each push only the rows at or after the next shard start are held back', () => {
    const shards = planScreeningShards(plan, { blocksPerShard: 2 });
    const merge = new StreamingShardMerge(plan, shards);
    const tca = oracle.columns.tcaOffsetS;
    for (const s of shards.slice(0, -1)) {
      merge.push(blocks.slice(s.firstBlock, s.endBlock));
      const border = plan.blocks[s.endBlock]!.firstInterval * plan.sampleStepS;
      // Rows of the oracle before the border are exactly those emitted so far (no skipped-object rows were dropped late here).
      let before = 0;
      while (before < oracle.columns.length && tca[before]! < border) before++;
      expect(merge.rowsEmitted, `after shard ${s.shardIndex}`).toBe(before);
    }
  });

  it('refuses shards out of order coverage, a shard result missing a block, an event before its shard start, and a push past the end', () => {
    const shards = planScreeningShards(plan, { blocksPerShard: 6 });
    expect(() => new StreamingShardMerge(plan, shards.slice(1))).toThrow(/cover the plan's blocks once/);
    const m = new StreamingShardMerge(plan, shards);
    expect(() => m.push(blocks.slice(0, 5))).toThrow(/lacks blocks/);
    const early = blocks.map((r) => (r.blockIndex === 6 ? withExtras(r, [[plan.objects[1]!.catalogNumber, plan.objects[2]!.catalogNumber, 1, 1]]) : r));
    const m2 = new StreamingShardMerge(plan, shards);
    m2.push(early.slice(0, 6));
    expect(() => m2.push(early.slice(6, 12))).toThrow(/before its start/);
    const m3 = new StreamingShardMerge(plan, [{ shardIndex: 0, firstBlock: 0, endBlock: plan.blocks.length }]);
    m3.push(blocks);
    expect(() => m3.push(blocks)).toThrow(/already merged/);
    expect(m3.finish().rows.length).toBe(oracle.columns.length);
  });

  it('refuses a sorted shard result that is not in merge order, one of another shard, and one with an event before its start', () => {
    const shards = planScreeningShards(plan, { blocksPerShard: 6 });
    const first = sortShardResult(shards[0]!, blocks.slice(0, 6));
    expect(first.events.length).toBeGreaterThan(2);
    // Swap two rows of different TCA: a worker that sorted by another rule.
    const ev = createConjunctionColumns(first.events.length);
    appendRows(ev, first.events);
    const k = Array.from(ev.tcaOffsetS.subarray(0, ev.length)).findIndex((t, i) => i > 0 && t > ev.tcaOffsetS[i - 1]!);
    for (const name of COLS) {
      const col = ev[name];
      [col[k - 1], col[k]] = [col[k]!, col[k - 1]!];
    }
    expect(() => new StreamingShardMerge(plan, shards).push({ ...first, events: ev })).toThrow(/not in merge order/);
    expect(() => new StreamingShardMerge(plan, shards).push(sortShardResult(shards[1]!, blocks.slice(6, 12)))).toThrow(/was given the sorted result of blocks 6-11/);
    const early = blocks.map((r) => (r.blockIndex === 6 ? withExtras(r, [[plan.objects[1]!.catalogNumber, plan.objects[2]!.catalogNumber, 1, 1]]) : r));
    const m = new StreamingShardMerge(plan, shards);
    m.push(first);
    expect(() => m.push(sortShardResult(shards[1]!, early.slice(6, 12)))).toThrow(/before its start/);
  });
});
