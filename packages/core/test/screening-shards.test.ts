/**
 * Oracle: the single-threaded screener `runScreeningPlan` (the same plan, all blocks in order). Cutting the plan into
 * shards of 1, 2, 3 and 7 blocks, running them in any order and merging must give its events, skipped objects and
 * statistics bit for bit; a shard reported twice (a retried shard) must not duplicate an event; a missing shard is an
 * error, never a silently short result.
 */
import { describe, expect, it } from 'vitest';
import {
  createScreeningContext,
  mergeScreeningShards,
  planScreeningShards,
  runScreeningPlan,
  runScreeningShards,
  screenShard,
  type BlockResult,
} from '@skylane/core';
import { shardTestPlan } from './helpers/shardTestPlan.ts';

const { ts, plan } = shardTestPlan();
const reference = runScreeningPlan(plan, ts);
const expected = JSON.stringify(reference);

describe('screening shards vs runScreeningPlan (single-threaded oracle)', () => {
  it('covers every block once, contiguously, for any shard size', () => {
    expect(plan.blocks.length).toBe(18);
    for (const per of [1, 2, 3, 7, 100]) {
      const shards = planScreeningShards(plan, { blocksPerShard: per });
      expect(shards[0]!.firstBlock).toBe(0);
      expect(shards.at(-1)!.endBlock).toBe(plan.blocks.length);
      for (let i = 1; i < shards.length; i++) expect(shards[i]!.firstBlock).toBe(shards[i - 1]!.endBlock);
    }
    expect(planScreeningShards(plan, { shards: 4 }).map((s) => s.endBlock - s.firstBlock)).toEqual([4, 5, 4, 5]);
    expect(planScreeningShards(plan, { shards: 1000 }).length).toBe(18);
  });

  it('gives identical results for 1, 2, 3 and 7 blocks a shard, shards merged in reverse order and one shard twice', () => {
    expect(reference.events.length, 'the case must produce events').toBeGreaterThan(10);
    expect(reference.skipped.map((s) => s.catalogNumber)).toEqual([999_999_999]);
    for (const per of [1, 2, 3, 7]) {
      expect(JSON.stringify(runScreeningShards(plan, ts, { blocksPerShard: per })), `blocksPerShard=${per}`).toBe(expected);
      const ctx = createScreeningContext(plan);
      const results: BlockResult[][] = planScreeningShards(plan, { blocksPerShard: per }).map((s) => screenShard(plan, s, ctx));
      const reordered = [...results].reverse();
      reordered.push(results[0]!);
      expect(JSON.stringify(mergeScreeningShards(plan, reordered, ts)), `reordered, duplicated, blocksPerShard=${per}`).toBe(expected);
    }
  });

  it('refuses a merge with a shard missing', () => {
    const shards = planScreeningShards(plan, { blocksPerShard: 5 });
    const results = shards.slice(1).map((s) => screenShard(plan, s));
    expect(() => mergeScreeningShards(plan, results, ts)).toThrow(/lack blocks 0, 1, 2, 3, 4/);
  });
});
