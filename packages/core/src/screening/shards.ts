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
import { appendRows, createConjunctionColumns, gatherRows, sortedRowOrder, type ConjunctionColumns } from './columns.ts';
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
 * Merges shard results (any order, a shard possibly reported twice, either form of `ShardResult`) into the run's
 * result: every block of the plan must be present; a block seen twice is taken once (a block's result depends only on the plan and its index).
 */
export function mergeScreeningShards(plan: ScreeningPlan, shardResults: readonly ShardResult[], timeScales: TimeScales): ScreeningResult {
  return mergeScreeningBlocks(plan, uniqueBlocks(plan, shardResults), timeScales);
}

/** As `mergeScreeningShards`, with the events as columns (the form for runs of millions of events). */
export function mergeScreeningShardsColumnar(plan: ScreeningPlan, shardResults: readonly ShardResult[]): ScreeningColumnsResult {
  return mergeScreeningBlocksColumnar(plan, uniqueBlocks(plan, shardResults));
}

/** Each block of the plan once (a retried shard's duplicate dropped); every block must be present. */
function uniqueBlocks(plan: ScreeningPlan, shardResults: readonly ShardResult[]): BlockResult[] {
  const byIndex = new Map<number, BlockResult>();
  for (const result of shardResults) for (const r of shardResultBlocks(result)) if (!byIndex.has(r.blockIndex)) byIndex.set(r.blockIndex, r);
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

/** The tag of a `SortedShardResult` (the wire form a worker ships when the submitter asks for it, protocol.ts). */
export const SORTED_SHARD_FORM = 'sorted-shard-v1';

/**
 * A shard's result with its rows already in the run's merge order, as a worker produces it (`sortShardResult`) so
 * that the submitter's streamed merge does no sort (docs/design/distributed-execution.md "The serial part"). The
 * rows are those of the shard's blocks concatenated in block order, then ordered by `sortedRowOrder` (TCA, object1,
 * object2, concatenation row): exactly the relative order the in-memory merge gives them. No row is filtered (an
 * object may fail in another shard; the merge filters).
 */
export interface SortedShardResult {
  readonly form: typeof SORTED_SHARD_FORM;
  readonly firstBlock: number;
  readonly endBlock: number;
  /** The shard's block results in block order, each with zero events (failures, radius ranges, counters). */
  readonly blocks: readonly BlockResult[];
  /** Every event of the shard's blocks, in merge order; exactly `length` rows. */
  readonly events: ConjunctionColumns;
}

/** A shard's result in either form: the block list of `screenShard` (older workers) or the sorted form. */
export type ShardResult = readonly BlockResult[] | SortedShardResult;

/** Whether `r` is the sorted form (anything else is taken as a block list). */
export function isSortedShardResult(r: ShardResult): r is SortedShardResult {
  return !Array.isArray(r) && (r as SortedShardResult).form === SORTED_SHARD_FORM;
}

/** The shard's blocks of `blocks` (a retried shard's duplicates taken once), in block order; every block must be present. */
export function shardBlocksInOrder(shard: ScreeningShard, blocks: readonly BlockResult[]): BlockResult[] {
  const byIndex = new Map<number, BlockResult>();
  for (const r of blocks) if (r.blockIndex >= shard.firstBlock && r.blockIndex < shard.endBlock && !byIndex.has(r.blockIndex)) byIndex.set(r.blockIndex, r);
  if (byIndex.size !== shard.endBlock - shard.firstBlock) throw new ArgumentError(`Shard ${shard.shardIndex} result lacks blocks of ${shard.firstBlock}-${shard.endBlock - 1}.`, shard);
  return [...byIndex.values()].sort((a, b) => a.blockIndex - b.blockIndex);
}

/**
 * A shard's block results in block order (`shardBlocksInOrder`) and their rows concatenated in that order (the one
 * block's own columns when the shard is one block).
 */
export function shardRowsInBlockOrder(shard: ScreeningShard, blocks: readonly BlockResult[]): { ordered: BlockResult[]; all: ConjunctionColumns } {
  const ordered = shardBlocksInOrder(shard, blocks);
  if (ordered.length === 1) return { ordered, all: ordered[0]!.events };
  let total = 0;
  for (const r of ordered) total += r.events.length;
  const all = createConjunctionColumns(total);
  for (const r of ordered) appendRows(all, r.events);
  return { ordered, all };
}

/**
 * The sorted form of a shard's block results (run where the shard ran: the sort then costs the submitter nothing).
 * Two copies of the rows (concatenation in block order, gather in sorted order; one when the shard is one block).
 */
export function sortShardResult(shard: ScreeningShard, blocks: readonly BlockResult[]): SortedShardResult {
  const { ordered, all } = shardRowsInBlockOrder(shard, blocks);
  const events = gatherRows(all, sortedRowOrder(all));
  return { form: SORTED_SHARD_FORM, firstBlock: shard.firstBlock, endBlock: shard.endBlock, blocks: ordered.map((r) => ({ ...r, events: createConjunctionColumns(1) })), events };
}

/**
 * A shard result as a block list for the whole-run merge: the sorted form's rows go to its first block. The
 * in-memory merge sorts by (TCA, object1, object2, concatenation row); the shard's rows keep their place between the
 * earlier and later shards' blocks, and among themselves they are already in that order, so the result is the same.
 */
export function shardResultBlocks(r: ShardResult): readonly BlockResult[] {
  if (!isSortedShardResult(r)) return r;
  return r.blocks.map((b, k) => (k === 0 ? { ...b, events: r.events } : b));
}
