/**
 * Streaming merge of a run's shard results: shards are pushed in shard order (the submitter takes shard k once
 * shards 0..k are in) and each push returns the rows that are final, in the order of `mergeScreeningBlocksColumnar`,
 * so a run of any number of events is written with the memory of one shard. Exactness (docs/design/distributed-execution.md
 * "Streamed merge"): (1) the order is by TCA, object1, object2, then concatenation row; a block's events have TCAs in
 * [firstInterval·Δt, endInterval·Δt] (each TCA lies in its bracket, block.ts), so every row of a later shard sorts
 * after every row of an earlier one except rows at exactly the border time: rows with TCA ≥ the next shard's start
 * are carried into the next push and merged with it (the carry first on a full tie: lower concatenation rows); a
 * later row earlier than the border is refused (the invariant, checked). (2) Objects that failed anywhere lose all
 * their events, also those of earlier shards: a push filters with the failures known so far, and `finish` names the
 * objects whose first failure came after rows had been emitted (`lateFailures`); the caller drops their rows from
 * what it wrote (a filter pass over the output; rare: an object decaying mid-window). (3) Skipped objects and
 * statistics accumulate per block (`ScreeningRunSummary`, the in-memory merge's code).
 *
 * Cost ("The serial part" of the design doc): a shard arrives sorted from its worker (`SortedShardResult`,
 * `sortShardResult`), so a push is one order check (a pass over three columns), a 2-way merge of the carry with the
 * head of the shard's rows, and one copy of the rows into the emitted and carried columns (memcpy runs, the failed
 * objects' rows skipped). A block list (a worker from before the sorted form) is sorted here first: correct, with
 * the sort and two more copies on the submitter.
 */
import { ArgumentError } from '../errors/index.ts';
import { appendRows, createConjunctionColumns, FLOAT_COLUMNS, gatherRows, reserveColumns, type ConjunctionColumns } from './columns.ts';
import type { ScreeningPlan } from './plan.ts';
import { keptRows, ScreeningRunSummary } from './screen.ts';
import { isSortedShardResult, shardBlocksInOrder, sortShardResult, type ScreeningShard, type ShardResult } from './shards.ts';
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
   * Adds the next shard's result (that of `nextShard`) and returns the rows that are now final, sorted. A
   * `SortedShardResult` (a worker sorted it: `sortShardResult`) is checked in one pass and merged with the border
   * carry, one copy of its rows; a plain block list (an older worker's result, or an in-process caller's; a retried
   * shard's duplicate blocks taken once) is sorted here first (`sortShardResult`), then merged the same way.
   */
  push(result: ShardResult): ConjunctionColumns {
    const shard = this.nextShard;
    if (shard === undefined) throw new ArgumentError('Every shard was already merged.', null);
    const sorted = isSortedShardResult(result) ? result : sortShardResult(shard, result);
    if (sorted.firstBlock !== shard.firstBlock || sorted.endBlock !== shard.endBlock) {
      throw new ArgumentError(`Shard ${shard.shardIndex} (blocks ${shard.firstBlock}-${shard.endBlock - 1}) was given the sorted result of blocks ${sorted.firstBlock}-${sorted.endBlock - 1}.`, shard);
    }
    const ordered = shardBlocksInOrder(shard, sorted.blocks);
    for (const r of ordered) {
      for (const id of this.summary.add(r)) if (this.emitted > 0) this.late.add(id);
    }
    const rows = sorted.events;
    checkMergeOrder(rows, this.border, shard);
    this.next++;
    const following = this.nextShard;
    // Rows at or after the next shard's start may tie with its rows: they wait for it (the carry).
    const nextBorder = following === undefined ? Infinity : this.plan.blocks[following.firstBlock]!.firstInterval * this.plan.sampleStepS;
    const { out, carry } = mergeWithCarry(this.carry, rows, this.summary.failedCatalogNumbers(), nextBorder);
    this.border = nextBorder;
    if (following === undefined) {
      this.carry = out;
      return createConjunctionColumns(1);
    }
    this.carry = carry;
    this.emitted += out.length;
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

/**
 * Refuses rows that are not in merge order (by TCA, object1, object2: a sorted shard from a faulty worker) or that
 * lie before `border` (the shard's start: an earlier shard's row would then be emitted after it). One pass.
 */
function checkMergeOrder(rows: ConjunctionColumns, border: number, shard: ScreeningShard): void {
  const t = rows.tcaOffsetS;
  const a = rows.object1;
  const b = rows.object2;
  const n = rows.length;
  if (n > 0 && !(t[0]! >= border)) throw new ArgumentError(`Shard ${shard.shardIndex} holds an event at ${t[0]} s, before its start ${border} s: the streamed merge would not be the in-memory merge's order.`, shard);
  for (let i = 1; i < n; i++) {
    const d = t[i]! - t[i - 1]! || a[i]! - a[i - 1]! || b[i]! - b[i - 1]!;
    if (!(d >= 0)) throw new ArgumentError(`Shard ${shard.shardIndex}'s sorted result is not in merge order at row ${i} (TCA ${t[i]} s after ${t[i - 1]} s): a worker that sorts by another rule; refused.`, shard);
  }
}

/** Copies row `r` of `src` to the end of `dst`. */
function copyRow(dst: ConjunctionColumns, src: ConjunctionColumns, r: number): void {
  if (dst.length === dst.object1.length) reserveColumns(dst, 1);
  const k = dst.length++;
  dst.object1[k] = src.object1[r]!;
  dst.object2[k] = src.object2[r]!;
  for (const name of FLOAT_COLUMNS) dst[name][k] = src[name][r]!;
}

/** Appends rows [from, to) of `src` to `dst` without those naming a `failed` object (runs of kept rows copied whole). */
function appendKept(dst: ConjunctionColumns, src: ConjunctionColumns, from: number, to: number, failed: ReadonlySet<number>): void {
  if (failed.size === 0) {
    appendRows(dst, src, from, to);
    return;
  }
  let run = from;
  for (let i = from; i < to; i++) {
    if (failed.has(src.object1[i]!) || failed.has(src.object2[i]!)) {
      appendRows(dst, src, run, i);
      run = i + 1;
    }
  }
  appendRows(dst, src, run, to);
}

/** First row of `cols` (sorted by TCA) with TCA ≥ `at`. */
function firstAtOrAfter(cols: ConjunctionColumns, at: number): number {
  let lo = 0;
  let hi = cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols.tcaOffsetS[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 2-way merge of the border carry (earlier shards' rows, sorted) and a shard's sorted rows, without the rows of
 * `failed` objects, split at `nextBorder`: rows with TCA < nextBorder are final (`out`), the others wait (`carry`).
 * Ties on (TCA, object1, object2) take the carry's row first: it comes from an earlier block, i.e. a lower
 * concatenation row of the in-memory merge. The carry's rows lie at the border, so the merge touches only the head
 * of the shard's rows; the rest is copied in runs (memcpy): one copy of every row in all.
 */
function mergeWithCarry(carry: ConjunctionColumns, rows: ConjunctionColumns, failed: ReadonlySet<number>, nextBorder: number): { out: ConjunctionColumns; carry: ConjunctionColumns } {
  const cutC = firstAtOrAfter(carry, nextBorder);
  const cutS = firstAtOrAfter(rows, nextBorder);
  const out = createConjunctionColumns(cutC + cutS);
  const held = createConjunctionColumns(carry.length - cutC + rows.length - cutS);
  const dropped = (src: ConjunctionColumns, r: number): boolean => failed.size > 0 && (failed.has(src.object1[r]!) || failed.has(src.object2[r]!));
  const t = rows.tcaOffsetS;
  const a = rows.object1;
  const b = rows.object2;
  let j = 0;
  for (let i = 0; i < carry.length; ) {
    // The shard's row goes first only when strictly before the carry's (TCA, object1, object2).
    const d = j < rows.length ? t[j]! - carry.tcaOffsetS[i]! || a[j]! - carry.object1[i]! || b[j]! - carry.object2[i]! : 1;
    const [src, r] = d < 0 ? [rows, j++] : [carry, i++];
    if (!dropped(src, r)) copyRow(src.tcaOffsetS[r]! < nextBorder ? out : held, src, r);
  }
  const split = Math.max(j, cutS);
  appendKept(out, rows, j, split, failed);
  appendKept(held, rows, split, rows.length, failed);
  return { out, carry: held };
}
