/**
 * Assembling a screening run: merging block results deterministically (events sorted by TCA then catalog
 * numbers, objects that failed anywhere removed together with their events), and the single-threaded entry
 * point. The multi-threaded driver (@skylane/server) runs the same blocks in worker threads and merges with
 * the same function, so its result is identical.
 */
import type { ElementSet } from '../catalog/model.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { createScreeningContext, screenBlock, type BlockResult } from './block.ts';
import type { BroadPhaseScratch } from './broadPhase.ts';
import { planScreening, type ScreeningOptions, type ScreeningPlan } from './plan.ts';
import { appendRows, columnsToEvents, createConjunctionColumns, gatherRows, sortedRowOrder, type ConjunctionColumns } from './columns.ts';
import type { ScreeningEventData, ScreeningStats, SkippedObject } from './types.ts';

/** A close approach with its TCA as an Instant. */
export interface ScreeningEvent extends ScreeningEventData {
  readonly tca: Instant;
}

export interface ScreeningResult {
  /** Sorted by TCA, then object1, then object2. */
  readonly events: ScreeningEvent[];
  /** Sorted by catalog number. */
  readonly skipped: SkippedObject[];
  readonly stats: ScreeningStats;
}

/** Progress of a run: blocks done out of total. */
export interface ScreeningProgress {
  readonly blocksDone: number;
  readonly blocksTotal: number;
  readonly eventsSoFar: number;
}

/** A screening run's result with its events as columns (columns.ts): the memory-lean form of `ScreeningResult`. */
export interface ScreeningColumnsResult {
  /** Sorted by TCA, then object1, then object2 (the order of `ScreeningResult.events`); exactly `length` rows. */
  readonly columns: ConjunctionColumns;
  /** Sorted by catalog number. */
  readonly skipped: SkippedObject[];
  readonly stats: ScreeningStats;
}

/**
 * Merges the results of every block of a plan (any order) into columns: events of objects that failed anywhere are
 * removed, the rest sorted by TCA, object1, object2. No event object is created.
 */
export function mergeScreeningBlocksColumnar(plan: ScreeningPlan, results: readonly BlockResult[], _timeScales?: TimeScales): ScreeningColumnsResult {
  if (results.length !== plan.blocks.length) {
    throw new RangeError(`Expected ${plan.blocks.length} block results, got ${results.length}.`);
  }
  const byBlock = [...results].sort((a, b) => a.blockIndex - b.blockIndex);
  const summary = new ScreeningRunSummary(plan);
  for (const r of byBlock) summary.add(r);
  const skippedIds = summary.failedCatalogNumbers();
  // Concatenate the blocks' columns in block order, keep the rows of objects never skipped, sort the row indices.
  let total = 0;
  for (const r of byBlock) total += r.events.length;
  const all = createConjunctionColumns(total);
  for (const r of byBlock) appendRows(all, r.events);
  const columns = gatherRows(all, sortedRowOrder(all, keptRows(all, skippedIds)));
  const { skipped, stats } = summary.finish(columns.length);
  return { columns, skipped, stats };
}

/** Row indices of `cols` whose two objects are not in `failed` (catalog numbers), in row order. */
export function keptRows(cols: ConjunctionColumns, failed: ReadonlySet<number>): Uint32Array {
  const total = cols.length;
  const keep = new Uint32Array(total);
  let kept = 0;
  for (let i = 0; i < total; i++) if (failed.size === 0 || (!failed.has(cols.object1[i]!) && !failed.has(cols.object2[i]!))) keep[kept++] = i;
  return keep.subarray(0, kept);
}

/**
 * What a run's result holds besides its events, accumulated block by block (any order of `add`; the merges add in
 * block order): each failed object's earliest failure, the per-object radius range over the window, the counters.
 * Holds two Float64Arrays of the object count, never an event: the streaming merge (streamMerge.ts) keeps one for a
 * whole run.
 */
export class ScreeningRunSummary {
  private readonly firstFailure = new Map<number, SkippedObject>();
  private readonly failedIds = new Set<number>();
  private readonly rmin: Float64Array;
  private readonly rmax: Float64Array;
  private readonly sum = { pairWindowsAfterGrid: 0, pairWindowsAfterLinear: 0, pairSamplesAfterLinear: 0, intervalsRefined: 0, pairsRefined: 0, sgp4Calls: 0 };

  constructor(private readonly plan: ScreeningPlan) {
    this.rmin = new Float64Array(plan.objects.length).fill(Infinity);
    this.rmax = new Float64Array(plan.objects.length).fill(-Infinity);
  }

  /** Adds a block's failures, radius ranges and counters; returns the catalog numbers of objects failing here for the first time. */
  add(r: BlockResult): number[] {
    const fresh: number[] = [];
    for (const f of r.failures) {
      const prev = this.firstFailure.get(f.index);
      if (!prev || f.atOffsetS < prev.atOffsetS) {
        this.firstFailure.set(f.index, { catalogNumber: f.catalogNumber, code: f.code, reason: f.reason, atOffsetS: f.atOffsetS });
      }
      if (!this.failedIds.has(f.catalogNumber)) {
        this.failedIds.add(f.catalogNumber);
        fresh.push(f.catalogNumber);
      }
    }
    const n = this.plan.objects.length;
    const { rmin, rmax } = this;
    for (let i = 0; i < n; i++) {
      const a = r.radialMinKm[i]!;
      const b = r.radialMaxKm[i]!;
      if (a < rmin[i]!) rmin[i] = a;
      if (b > rmax[i]!) rmax[i] = b;
    }
    for (const key of Object.keys(this.sum) as (keyof typeof this.sum)[]) this.sum[key] += r.stats[key];
    return fresh;
  }

  /** Catalog numbers of the objects that failed in a block added so far (live view). */
  failedCatalogNumbers(): ReadonlySet<number> {
    return this.failedIds;
  }

  /** The skipped objects (sorted by catalog number) and the run's statistics, for a result of `events` events. */
  finish(events: number): { skipped: SkippedObject[]; stats: ScreeningStats } {
    const { plan, rmin, rmax } = this;
    const n = plan.objects.length;
    const skippedIds = this.failedIds;
    const skipped = [...plan.skipped, ...this.firstFailure.values()].sort((a, b) => a.catalogNumber - b.catalogNumber);
    // Window-level apogee/perigee statistic from the per-block radius ranges.
    const good: number[] = [];
    for (let i = 0; i < n; i++) if (!skippedIds.has(plan.objects[i]!.catalogNumber) && Number.isFinite(rmin[i]!)) good.push(i);
    const primaries = good.filter((i) => plan.isPrimary[i] === 1);
    const secondaries = good.filter((i) => plan.isPrimary[i] === 0);
    const countAll = countOverlappingPairs(good, rmin, rmax, plan.reachKm);
    const countSec = plan.allVsAll ? 0 : countOverlappingPairs(secondaries, rmin, rmax, plan.reachKm);
    const ng = good.length;
    const np = primaries.length;
    const stats: ScreeningStats = {
      objects: plan.objectsInput,
      objectsScreened: ng,
      pairsTotal: plan.allVsAll ? (ng * (ng - 1)) / 2 : (np * (np - 1)) / 2 + np * (ng - np),
      pairsAfterApogeePerigee: countAll - countSec,
      ...this.sum,
      events,
    };
    return { skipped, stats };
  }
}

/** The object-array view of a columnar result: each event with its TCA as an Instant (the `ScreeningResult` API). */
export function screeningResultFromColumns(plan: ScreeningPlan, r: ScreeningColumnsResult, timeScales: TimeScales): ScreeningResult {
  const events = columnsToEvents(r.columns) as ScreeningEvent[];
  for (const e of events) (e as { tca: Instant }).tca = timeScales.fromUtcDaySeconds(plan.startUtc.mjd, plan.startUtc.seconds + e.tcaOffsetS);
  return { events, skipped: r.skipped, stats: r.stats };
}

/** Merges the results of every block of a plan (any order) into the final result (`mergeScreeningBlocksColumnar`, viewed as objects). */
export function mergeScreeningBlocks(plan: ScreeningPlan, results: readonly BlockResult[], timeScales: TimeScales): ScreeningResult {
  return screeningResultFromColumns(plan, mergeScreeningBlocksColumnar(plan, results), timeScales);
}

/** Unordered pairs among `ids` whose [rmin, rmax] ranges come within `reach` of each other. */
function countOverlappingPairs(ids: readonly number[], rmin: Float64Array, rmax: Float64Array, reach: number): number {
  const order = [...ids].sort((a, b) => rmin[a]! - rmin[b]!);
  const mins = Float64Array.from(order, (i) => rmin[i]!);
  let total = 0;
  for (let p = 0; p < order.length; p++) {
    const lim = rmax[order[p]!]! + reach;
    let lo = p + 1;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mins[mid]! <= lim) lo = mid + 1;
      else hi = mid;
    }
    total += lo - (p + 1);
  }
  return total;
}

/** Screens every block of a plan in this thread, in order, reporting progress after each. */
function screenAllBlocks(plan: ScreeningPlan, onProgress?: (p: ScreeningProgress) => void, broadPhase?: BroadPhaseScratch): BlockResult[] {
  const ctx = createScreeningContext(plan, broadPhase);
  const results: BlockResult[] = [];
  let eventsSoFar = 0;
  for (let b = 0; b < plan.blocks.length; b++) {
    const r = screenBlock(plan, b, ctx);
    results.push(r);
    eventsSoFar += r.events.length;
    onProgress?.({ blocksDone: b + 1, blocksTotal: plan.blocks.length, eventsSoFar });
  }
  return results;
}

/** Runs every block of a plan in this thread (`broadPhase`: a scratch reused across calls, see createScreeningContext). */
export function runScreeningPlan(plan: ScreeningPlan, timeScales: TimeScales, onProgress?: (p: ScreeningProgress) => void, broadPhase?: BroadPhaseScratch): ScreeningResult {
  return mergeScreeningBlocks(plan, screenAllBlocks(plan, onProgress, broadPhase), timeScales);
}

/** As `runScreeningPlan`, with the events as columns (no event object is created). */
export function runScreeningPlanColumnar(plan: ScreeningPlan, onProgress?: (p: ScreeningProgress) => void, broadPhase?: BroadPhaseScratch): ScreeningColumnsResult {
  return mergeScreeningBlocksColumnar(plan, screenAllBlocks(plan, onProgress, broadPhase));
}

/**
 * Screens element sets (one per object) for close approaches, single-threaded: all-vs-all, or primaries
 * against the whole input when `options.primaries` is given. Use the @skylane/server driver for threads.
 */
export function screenConjunctions(elementSets: readonly ElementSet[], options: ScreeningOptions, onProgress?: (p: ScreeningProgress) => void, broadPhase?: BroadPhaseScratch): ScreeningResult {
  const plan = planScreening(elementSets, options);
  return runScreeningPlan(plan, options.timeScales, onProgress, broadPhase);
}
