/**
 * Shards of a screening run: the pure planner that cuts a plan's work blocks (time windows of the whole object set)
 * into shards, the shard runner, and the deterministic merge. The same three functions serve the in-process run,
 * worker threads and distributed queue workers (@skylane/server `distributed/`), so every path gives the result of
 * `runScreeningPlan` bit for bit: each TCA bracket belongs to exactly one block (block.ts), a shard is a contiguous
 * range of blocks, and the merge sorts the block results by block index before `mergeScreeningBlocks`. A shard
 * that ran twice (a retried shard whose first run also reported) contributes its blocks once.
 */
import { ArgumentError } from '../errors/index.ts';
import type { TimeScales } from '../time/index.ts';
import { createScreeningContext, screenBlock, type BlockResult, type ScreeningContext } from './block.ts';
import type { ScreeningPlan } from './plan.ts';
import { mergeScreeningBlocks, mergeScreeningBlocksColumnar, type ScreeningColumnsResult, type ScreeningProgress, type ScreeningResult } from './screen.ts';

/** One unit of distributed work: the blocks [firstBlock, endBlock) of a plan (time windows × every object). */
export interface ScreeningShard {
  readonly shardIndex: number;
  readonly firstBlock: number;
  readonly endBlock: number;
}

/** How to cut a plan into shards: `shards` shards of balanced block counts (at most one per block), or `blocksPerShard` blocks each (default: one block a shard). */
export interface ShardingOptions {
  readonly blocksPerShard?: number;
  readonly shards?: number;
}

/** Cuts a plan's blocks into contiguous shards; pure and deterministic. */
export function planScreeningShards(plan: ScreeningPlan, options: ShardingOptions = {}): ScreeningShard[] {
  const blocks = plan.blocks.length;
  if (options.blocksPerShard !== undefined && options.shards !== undefined) {
    throw new ArgumentError('Give either blocksPerShard or shards, not both.', options);
  }
  const shards: ScreeningShard[] = [];
  if (options.shards !== undefined) {
    if (!(Number.isInteger(options.shards) && options.shards >= 1)) throw new ArgumentError(`shards must be an integer ≥ 1; got ${options.shards}.`, options.shards);
    // Balanced: shard k takes blocks [⌊k·B/S⌋, ⌊(k+1)·B/S⌋).
    const count = Math.min(options.shards, blocks);
    for (let k = 0; k < count; k++) shards.push({ shardIndex: k, firstBlock: Math.floor((k * blocks) / count), endBlock: Math.floor(((k + 1) * blocks) / count) });
    return shards;
  }
  const per = options.blocksPerShard ?? 1;
  if (!(Number.isInteger(per) && per >= 1)) throw new ArgumentError(`blocksPerShard must be an integer ≥ 1; got ${per}.`, per);
  for (let b = 0; b < blocks; b += per) shards.push({ shardIndex: shards.length, firstBlock: b, endBlock: Math.min(blocks, b + per) });
  return shards;
}

/** Screens every block of one shard (reusing `ctx`, the trajectories initialised once per plan and thread). */
export function screenShard(plan: ScreeningPlan, shard: ScreeningShard, ctx: ScreeningContext = createScreeningContext(plan)): BlockResult[] {
  if (!(shard.firstBlock >= 0 && shard.endBlock <= plan.blocks.length && shard.firstBlock < shard.endBlock)) {
    throw new ArgumentError(`Shard ${shard.shardIndex} (blocks ${shard.firstBlock}-${shard.endBlock}) is outside the plan's ${plan.blocks.length} blocks.`, shard);
  }
  const out: BlockResult[] = [];
  for (let b = shard.firstBlock; b < shard.endBlock; b++) out.push(screenBlock(plan, b, ctx));
  return out;
}

/**
 * Merges shard results (any order, a shard possibly reported twice) into the run's result: every block of the plan
 * must be present; a block seen twice is taken once (a block's result depends only on the plan and its index).
 */
export function mergeScreeningShards(plan: ScreeningPlan, shardResults: readonly (readonly BlockResult[])[], timeScales: TimeScales): ScreeningResult {
  return mergeScreeningBlocks(plan, uniqueBlocks(plan, shardResults), timeScales);
}

/** As `mergeScreeningShards`, with the events as columns (the form for runs of millions of events). */
export function mergeScreeningShardsColumnar(plan: ScreeningPlan, shardResults: readonly (readonly BlockResult[])[]): ScreeningColumnsResult {
  return mergeScreeningBlocksColumnar(plan, uniqueBlocks(plan, shardResults));
}

/** Each block of the plan once (a retried shard's duplicate dropped); every block must be present. */
function uniqueBlocks(plan: ScreeningPlan, shardResults: readonly (readonly BlockResult[])[]): BlockResult[] {
  const byIndex = new Map<number, BlockResult>();
  for (const blocks of shardResults) for (const r of blocks) if (!byIndex.has(r.blockIndex)) byIndex.set(r.blockIndex, r);
  const missing: number[] = [];
  for (let b = 0; b < plan.blocks.length; b++) if (!byIndex.has(b)) missing.push(b);
  if (missing.length > 0) throw new ArgumentError(`Shard results lack blocks ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}.`, missing);
  return [...byIndex.values()];
}

/** Runs every shard in this thread, in order, and merges: the reference of the distributed path. */
export function runScreeningShards(plan: ScreeningPlan, timeScales: TimeScales, sharding: ShardingOptions = {}, onProgress?: (p: ScreeningProgress) => void): ScreeningResult {
  const ctx = createScreeningContext(plan);
  const results: BlockResult[][] = [];
  let blocksDone = 0;
  let eventsSoFar = 0;
  for (const shard of planScreeningShards(plan, sharding)) {
    const r = screenShard(plan, shard, ctx);
    results.push(r);
    blocksDone += r.length;
    for (const b of r) eventsSoFar += b.events.length;
    onProgress?.({ blocksDone, blocksTotal: plan.blocks.length, eventsSoFar });
  }
  return mergeScreeningShards(plan, results, timeScales);
}
