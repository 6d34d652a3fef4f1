/**
 * Broad phase of the screener: from the knot ephemerides of one block to the candidate (pair, sample) list that
 * the exact-SGP4 refinement examines. Works on **windows** of c consecutive samples (c·Δt, `windowSamples` of the
 * plan) instead of single samples, so that the cost per object (Hermite evaluation, cell binning) is paid once per
 * window, and only pairs that survive the window tests are looked at sample by sample.
 *
 * Per window [k₀, k₁] (samples), centre t_c = (k₀ + k₁)·Δt/2, half-length H = (k₁ − k₀)·Δt/2 + Δt/2, so that
 * [t_c − H, t_c + H] covers every sample's ±Δt/2 neighbourhood:
 * 1. Hermite state of every object at t_c and its reach ρ over the window (knotSlots.ts).
 * 2. Pair search in cubic cells of size L ≥ reach + ρ₁ + ρ₂ (fast objects scan ±K cells): all-vs-all by a radix
 *    sort of cell keys and a half-neighbourhood sweep (cellSweep.ts); primaries mode by binning only the
 *    primaries in a dense grid that every object looks up (primaryGrid.ts). Each pair found goes through the grid
 *    test |Δr(t_c)| ≤ reach + ρ₁ + ρ₂ and the window linear filter (windowObjects.ts): the true relative motion is
 *    Δr + Δv·τ + R(τ), |R| ≤ ½·A·τ² with A a bound of the relative acceleration, and the Hermite Δr and Δv at t_c
 *    differ from the truth by ε₁ + ε₂ and ε'₁ + ε'₂; the pair goes on when min over |τ| ≤ H of |Δr + Δv·τ| ≤
 *    reach + ε₁ + ε₂ + (ε'₁ + ε'₂)·H + ½·A·H².
 * 3. Sample linear filter: the same test at each sample t_k of the window with H = Δt/2; a pass makes (pair, k) a
 *    candidate, whose brackets (t_{k−1}, t_k] and (t_k, t_{k+1}] the refinement examines.
 * Every test is a necessary condition for the true range to fall below the reach near the samples concerned, so
 * the candidates do not depend on the window length or the search structure (tuning): only the work does.
 */
import { CellSweep } from './cellSweep.ts';
import { makeSlots, slotState, type KnotTable, type Slots } from './knotSlots.ts';
import type { ScreeningPlan } from './plan.ts';
import { PrimaryGrid } from './primaryGrid.ts';
import { createWindowObjects, linearMissWithin } from './windowObjects.ts';

export type { KnotTable } from './knotSlots.ts';

/** Counters of the broad phase (see ScreeningStats). */
export interface BroadPhaseStats {
  pairWindowsAfterGrid: number;
  pairWindowsAfterLinear: number;
  pairSamplesAfterLinear: number;
}

/** Per-thread buffers of the knot table and the broad phase, reused across blocks (no large allocation per block). */
export interface BroadPhaseScratch {
  readonly primaryGrid: PrimaryGrid;
  knots: Float64Array;
}

export function createBroadPhaseScratch(): BroadPhaseScratch {
  return { primaryGrid: new PrimaryGrid(), knots: new Float64Array(0) };
}

/** A buffer of at least `size` values for a block's knots (contents undefined). */
export function knotBuffer(scratch: BroadPhaseScratch, size: number): Float64Array {
  if (scratch.knots.length < size) scratch.knots = new Float64Array(size);
  return scratch.knots;
}

/** Candidate (object a, object b, sample k) triples, a < b, in a growable Int32Array. */
export class CandidateList {
  data = new Int32Array(3072);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
}

/** Knot values the slots address (the table's buffer may be longer): past the last slot's last interval. */
function knotsUsed(sl: Slots): number {
  let end = 0;
  for (let s = 0; s < sl.ns; s++) end = Math.max(end, sl.base[s]! + (sl.qLast[s]! + 2) * 6);
  return end;
}

/**
 * Steps 1-3 over the samples ja..jb of a block for the objects `slotObj` (those that passed the apogee/perigee
 * filter); appends candidates and adds to `stats`.
 */
export function findCandidates(
  plan: ScreeningPlan,
  ja: number,
  jb: number,
  slotObj: readonly number[],
  table: KnotTable,
  candidates: CandidateList,
  stats: BroadPhaseStats,
  scratch: BroadPhaseScratch = createBroadPhaseScratch(),
): void {
  const ns = slotObj.length;
  if (ns < 2) return;
  const dt = plan.sampleStepS;
  const c = Math.max(1, plan.windowSamples);
  const slots = makeSlots(plan, slotObj, table);
  const sweep = plan.allVsAll ? new CellSweep(ns, plan.radialBands, plan.compiledSweep, knotsUsed(slots)) : null;
  const sl = sweep ? sweep.hostSlots(slots, table.knots) : slots;
  const reach = plan.reachKm;
  const F = new Float64Array(12);
  const wo = sweep ? sweep.windowObjects(reach) : createWindowObjects(ns, reach);
  const S = sweep ? sweep.windowRecords() : new Float64Array(0);
  const knots = table.knots;
  const halfDt = dt / 2;
  for (let k0 = ja; k0 <= jb; k0 += c) {
    const k1 = Math.min(jb, k0 + c - 1);
    const kc = (k0 + k1) / 2;
    const H = ((k1 - k0) / 2) * dt + halfDt;
    if (sweep) {
      sweep.search(sl, S, H, sweep.windowStates(sl, knots, kc, H, reach, S), wo);
    } else scratch.primaryGrid.search(sl, knots, kc, H, reach, wo);
    stats.pairWindowsAfterGrid += wo.grid;
    const pairs = wo.out;
    const np2 = 2 * wo.pairs;
    stats.pairWindowsAfterLinear += np2 >> 1;
    for (let w = 0; w < np2; w += 2) {
      const a = wo.order[pairs[w]!]!;
      const b = wo.order[pairs[w + 1]!]!;
      const errSum = sl.err[a]! + sl.err[b]!;
      const vErrSum = sl.vErr[a]! + sl.vErr[b]!;
      const ia = sl.obj[a]!;
      const ib = sl.obj[b]!;
      for (let k = k0; k <= k1; k++) {
        slotState(sl, knots, a, k, F, 0);
        slotState(sl, knots, b, k, F, 6);
        if (linearMissWithin(F[6]! - F[0]!, F[7]! - F[1]!, F[8]! - F[2]!, F[9]! - F[3]!, F[10]! - F[4]!, F[11]! - F[5]!, halfDt, reach, errSum, vErrSum)) {
          stats.pairSamplesAfterLinear++;
          if (ia < ib) candidates.push3(ia, ib, k);
          else candidates.push3(ib, ia, k);
        }
      }
    }
  }
}
