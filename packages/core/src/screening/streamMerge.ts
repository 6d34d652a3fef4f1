/**
 * Streaming merge of a run's shard results: shards are pushed in shard order (the submitter takes shard k once
 * shards 0..k are in) and each push returns the rows that are final, in the order of `mergeScreeningBlocksColumnar`,
 * so a run of any number of events is written with the memory of one shard. Exactness (docs/design/distributed-execution.md
 * "Streamed merge"): (1) the order is by TCA, object1, object2, then concatenation row; a block's events have TCAs in
 * [firstInterval·Δt, endInterval·Δt] (each TCA lies in its bracket, block.ts), so every row of a later shard sorts
 * after every row of an earlier one except rows at exactly the border time: rows with TCA ≥ the next shard's start
 * are carried into the next push and sorted with it (the carry first: lower concatenation rows); a later row earlier
 * than the border is refused (the invariant, checked). (2) Objects that failed anywhere lose all their events, also
 * those of earlier shards: a push filters with the failures known so far, and `finish` names the objects whose first
 * failure came after rows had been emitted (`lateFailures`); the caller drops their rows from what it wrote (a filter
 * pass over the output; rare: an object decaying mid-window). (3) Skipped objects and statistics accumulate per
 * block (`ScreeningRunSummary`, the in-memory merge's code).
 */
import { ArgumentError } from '../errors/index.ts';
import type { BlockResult } from './block.ts';
import { appendRows, createConjunctionColumns, gatherRows, sortedRowOrder, type ConjunctionColumns } from './columns.ts';
import type { ScreeningPlan } from './plan.ts';
import { keptRows, ScreeningRunSummary } from './screen.ts';
import type { ScreeningShard } from './shards.ts';
import type { ScreeningStats, SkippedObject } from './types.ts';

/** What is left once every shard was pushed. */
export interface StreamedMergeEnd {
  /** The last rows (sorted, filtered): write them after every earlier push's rows. */
  readonly rows: ConjunctionColumns;
  /** Catalog numbers (ascending) of objects whose first failure was found after rows had been emitted: rows naming them must be removed from the output. */
  readonly lateFailures: readonly number[];
  readonly skipped: SkippedObject[];
  /** Statistics; `events` counts every row emitted (pushes and `rows`): subtract the rows removed for `lateFailures`. */
  readonly stats: ScreeningStats;
}

/** Merges shard results pushed in shard order into the rows of the run's result, shard by shard. */
export class StreamingShardMerge {
  private readonly summary: ScreeningRunSummary;
  private readonly shards: readonly ScreeningShard[];
  private next = 0;
  private carry: ConjunctionColumns = createConjunctionColumns(1);
  private emitted = 0;
  private readonly late = new Set<number>();
  private border = -Infinity;

  constructor(
    private readonly plan: ScreeningPlan,
    shards: readonly ScreeningShard[],
  ) {
    const sorted = [...shards].sort((a, b) => a.firstBlock - b.firstBlock);
    let b = 0;
    for (const s of sorted) {
      if (s.firstBlock !== b || !(s.endBlock > s.firstBlock)) throw new ArgumentError(`Shards must cover the plan's blocks once, in order; shard ${s.shardIndex} starts at block ${s.firstBlock}, expected ${b}.`, s);
      b = s.endBlock;
    }
    if (b !== plan.blocks.length) throw new ArgumentError(`Shards cover ${b} of the plan's ${plan.blocks.length} blocks.`, b);
    this.shards = sorted;
    this.summary = new ScreeningRunSummary(plan);
  }

  /** The shard expected by the next `push` (merge order: by first block); undefined once all were pushed. */
  get nextShard(): ScreeningShard | undefined {
    return this.shards[this.next];
  }

  /** Shards pushed so far. */
  get shardsMerged(): number {
    return this.next;
  }

  /** Rows emitted so far (before any late-failure removal). */
  get rowsEmitted(): number {
    return this.emitted;
  }

  /**
   * Adds the next shard's block results (those of `nextShard`, a retried shard's duplicate blocks taken once) and
   * returns the rows that are now final, sorted.
   */
  push(blocks: readonly BlockResult[]): ConjunctionColumns {
    const shard = this.nextShard;
    if (shard === undefined) throw new ArgumentError('Every shard was already merged.', null);
    const byIndex = new Map<number, BlockResult>();
    for (const r of blocks) if (r.blockIndex >= shard.firstBlock && r.blockIndex < shard.endBlock && !byIndex.has(r.blockIndex)) byIndex.set(r.blockIndex, r);
    if (byIndex.size !== shard.endBlock - shard.firstBlock) throw new ArgumentError(`Shard ${shard.shardIndex} result lacks blocks of ${shard.firstBlock}-${shard.endBlock - 1}.`, shard);
    const ordered = [...byIndex.values()].sort((a, b) => a.blockIndex - b.blockIndex);
    for (const r of ordered) {
      for (const id of this.summary.add(r)) if (this.emitted > 0) this.late.add(id);
    }
    // Carry (earlier blocks) first, then this shard's blocks in block order: the concatenation order of the in-memory merge.
    let total = this.carry.length;
    for (const r of ordered) total += r.events.length;
    const all = createConjunctionColumns(total);
    appendRows(all, this.carry);
    const fromShard = all.length;
    for (const r of ordered) appendRows(all, r.events);
    for (let i = fromShard; i < all.length; i++) {
      if (all.tcaOffsetS[i]! < this.border) throw new ArgumentError(`Shard ${shard.shardIndex} holds an event at ${all.tcaOffsetS[i]} s, before its start ${this.border} s: the streamed merge would not be the in-memory merge's order.`, shard);
    }
    const sorted = gatherRows(all, sortedRowOrder(all, keptRows(all, this.summary.failedCatalogNumbers())));
    this.next++;
    const following = this.nextShard;
    if (following === undefined) {
      this.carry = sorted;
      return createConjunctionColumns(1);
    }
    // Rows at or after the next shard's start may tie with its rows: they wait for it.
    this.border = this.plan.blocks[following.firstBlock]!.firstInterval * this.plan.sampleStepS;
    let cut = sorted.length;
    while (cut > 0 && sorted.tcaOffsetS[cut - 1]! >= this.border) cut--;
    const out = createConjunctionColumns(cut);
    appendRows(out, sorted, 0, cut);
    this.carry = createConjunctionColumns(sorted.length - cut);
    appendRows(this.carry, sorted, cut, sorted.length);
    this.emitted += cut;
    return out;
  }

  /** After the last shard: the remaining rows, the late failures, skipped objects and statistics. */
  finish(): StreamedMergeEnd {
    if (this.nextShard !== undefined) throw new ArgumentError(`Shard ${this.nextShard.shardIndex} was not merged.`, this.nextShard);
    const rows = this.carry;
    this.emitted += rows.length;
    const { skipped, stats } = this.summary.finish(this.emitted);
    return { rows, lateFailures: [...this.late].sort((a, b) => a - b), skipped, stats };
  }
}

/** Columns holding the rows of `cols` whose objects are not in `drop` (catalog numbers), in order; the count removed. */
export function dropObjects(cols: ConjunctionColumns, drop: ReadonlySet<number>): { rows: ConjunctionColumns; removed: number } {
  if (drop.size === 0) return { rows: cols, removed: 0 };
  const keep = keptRows(cols, drop);
  return { rows: gatherRows(cols, keep), removed: cols.length - keep.length };
}
