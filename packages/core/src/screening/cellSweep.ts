/**
 * All-vs-all pair search of one broad-phase window: cubic cells (knotSlots.ts `WindowCells`), 30-bit cell keys
 * (10 bits per axis) sorted by an LSD radix sort, and a sweep of neighbouring cells with monotone pointers. Every
 * slow object scans its own cell (objects after it) and the 13 forward neighbour cells: the own column z..z+1 and
 * the four forward columns (dx, dy) ∈ {(0,1), (1,−1), (1,0), (1,1)} with z−1..z+1. Fast objects scan (2K + 1)³
 * cells themselves (ranges found by binary search: they are few); slow objects skip them, and a pair of fast
 * objects is tested from the one first in sorted order. Each unordered pair within reach is tested exactly once.
 * On dense blocks (density switch `bandsPay`) a slow pair's radial bands over the window (windowObjects.ts
 * `packBands`) are compared before the grid test: two comparisons that remove most pairs of a shell.
 */
import { MAX_FAST_CELLS, type Slots, type WindowCells } from './knotSlots.ts';
import { cellCoordinate, packBands, packWindow, setWindow, testLinear, testPair, type WindowObjects } from './windowObjects.ts';

const SIDE = 1024;
const CENTRE = 512;
/** Key offsets of the forward columns (dx, dy) = (0, 1), (1, −1), (1, 0), (1, 1). */
/** Mean cell-mates per object from which the sweep uses the radial bands (bandsPay). */
const BAND_MIN_CELLMATES = 6;
const FORWARD_COLUMNS = Int32Array.of(1 << 10, (1 << 20) - (1 << 10), 1 << 20, (1 << 20) + (1 << 10));

/** Reusable buffers of the sweep for up to `ns` objects. */
export class CellSweep {
  private readonly keysA: Int32Array;
  private readonly keysB: Int32Array;
  private readonly idxA: Int32Array;
  private readonly idxB: Int32Array;
  private readonly count = new Int32Array(1024);
  /** Whether this block's windows use the radial bands (decided on the first window: `bandsPay`). */
  private banded: boolean | undefined;

  /** `bands`: the radial bands ('auto': the density switch on the first window). */
  constructor(ns: number, bands: 'auto' | 'on' | 'off' = 'auto') {
    if (bands !== 'auto') this.banded = bands === 'on';
    this.keysA = new Int32Array(ns);
    this.keysB = new Int32Array(ns);
    this.idxA = new Int32Array(ns);
    this.idxB = new Int32Array(ns);
  }

  /** Sorts the window's objects by cell, packs them into `wo` in that order, and tests every pair within reach. */
  search(sl: Slots, S: Float64Array, H: number, cells: WindowCells, wo: WindowObjects): void {
    const ns = sl.ns;
    const inv = 1 / cells.cell;
    const { keysA, keysB, idxA, idxB, count } = this;
    for (let s = 0; s < ns; s++) {
      const o = 8 * s;
      const ix = cellCoordinate(S[o]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
      const iy = cellCoordinate(S[o + 1]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
      const iz = cellCoordinate(S[o + 2]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
      keysA[s] = (ix << 20) | (iy << 10) | iz;
      idxA[s] = s;
    }
    radixPass(keysA, idxA, keysB, idxB, count, 0, ns);
    radixPass(keysB, idxB, keysA, idxA, count, 10, ns);
    radixPass(keysA, idxA, keysB, idxB, count, 20, ns);
    setWindow(sl, H, cells.rhoMax, wo);
    packWindow(sl, idxB, S, wo);
    // The density switch is read on the block's first window (the catalog's density changes little over a block).
    this.banded ??= bandsPay(keysB, ns);
    const banded = this.banded;
    if (banded) packBands(wo);
    for (;;) {
      wo.grid = 0;
      const slow = banded ? sweepSlowBanded(wo, keysB) : sweepSlow(wo, keysB);
      const w = slow < 0 ? -1 : sweepFast(wo, keysB, cells.K, slow);
      if (w >= 0) {
        wo.pairs = w >> 1;
        return;
      }
      wo.out = new Int32Array(wo.out.length * 2);
    }
  }
}

/** Half-neighbourhood sweep of the slow objects; returns the write position in wo.out, or −1 when it is full. */
function sweepSlow(wo: WindowObjects, SK: Int32Array): number {
  const ns = wo.n;
  const SF = wo.F;
  const D = wo.D;
  const ptr = new Int32Array(4);
  let w = 0;
  for (let p = 0; p < ns; p++) {
    if (SF[p] === 1) continue;
    const key = SK[p]!;
    // Position p's centre and ρ + reach/2 in registers; the grid test of testPair inlined (same test, same order).
    const o = 8 * p;
    const px = D[o]!;
    const py = D[o + 1]!;
    const pz = D[o + 2]!;
    const pr = D[o + 6]!;
    for (let c = -1; c < 4; c++) {
      // c = −1: own column, z..z+1 from p + 1; c = 0..3: forward columns, z−1..z+1.
      let q: number;
      let hi: number;
      if (c < 0) {
        q = p + 1;
        hi = key + 1;
      } else {
        const lo = key + FORWARD_COLUMNS[c]! - 1;
        q = ptr[c]!;
        while (q < ns && SK[q]! < lo) q++;
        ptr[c] = q;
        hi = lo + 2;
      }
      for (; q < ns && SK[q]! <= hi; q++) {
        const r = 8 * q;
        const dx = D[r]! - px;
        const dy = D[r + 1]! - py;
        const dz = D[r + 2]! - pz;
        const lim = pr + D[r + 6]!;
        if (dx * dx + dy * dy + dz * dz > lim * lim || SF[q] === 1) continue;
        w = testLinear(wo, p, q, w);
        if (w < 0) return -1;
      }
    }
  }
  return w;
}

/**
 * Density switch of the radial bands: whether the mean number of objects sharing an object's cell (Σ n_c² / n over
 * the sorted keys) reaches BAND_MIN_CELLMATES. Below it the scans are short and the bands cost as much per object as
 * they save in pair tests (measured: docs/benchmarks.md, issue #18 section). The real catalog (18,407 objects, 40-s
 * windows) has ~2.9 cell-mates per object, the synthetic 100,000 ~9.4.
 */
function bandsPay(SK: Int32Array, ns: number): boolean {
  let sum = 0;
  let run = 1;
  for (let p = 1; p < ns; p++) {
    if (SK[p] === SK[p - 1]) run++;
    else {
      sum += run * run;
      run = 1;
    }
  }
  sum += run * run;
  return sum >= BAND_MIN_CELLMATES * ns;
}

/** sweepSlow with the radial-band test (windowObjects.ts `packBands`) before the grid test. */
function sweepSlowBanded(wo: WindowObjects, SK: Int32Array): number {
  const ns = wo.n;
  const SF = wo.F;
  const D = wo.D;
  const B = wo.B;
  const ptr = new Int32Array(4);
  let w = 0;
  for (let p = 0; p < ns; p++) {
    if (SF[p] === 1) continue;
    const key = SK[p]!;
    const o = 8 * p;
    const px = D[o]!;
    const py = D[o + 1]!;
    const pz = D[o + 2]!;
    const pr = D[o + 6]!;
    const plo = B[2 * p]!;
    const phi = B[2 * p + 1]!;
    for (let c = -1; c < 4; c++) {
      let q: number;
      let hi: number;
      if (c < 0) {
        q = p + 1;
        hi = key + 1;
      } else {
        const lo = key + FORWARD_COLUMNS[c]! - 1;
        q = ptr[c]!;
        while (q < ns && SK[q]! < lo) q++;
        ptr[c] = q;
        hi = lo + 2;
      }
      for (; q < ns && SK[q]! <= hi; q++) {
        if (B[2 * q]! > phi || B[2 * q + 1]! < plo) continue;
        const r = 8 * q;
        const dx = D[r]! - px;
        const dy = D[r + 1]! - py;
        const dz = D[r + 2]! - pz;
        const lim = pr + D[r + 6]!;
        if (dx * dx + dy * dy + dz * dz > lim * lim || SF[q] === 1) continue;
        w = testLinear(wo, p, q, w);
        if (w < 0) return -1;
      }
    }
  }
  return w;
}

/** The fast objects' scans; continues writing at w; returns the next write position or −1. */
function sweepFast(wo: WindowObjects, SK: Int32Array, K: number, wIn: number): number {
  const ns = wo.n;
  const SF = wo.F;
  let w = wIn;
  for (let f = 0; f < ns; f++) {
    if (SF[f] === 0) continue;
    const key = SK[f]!;
    for (let dx = -K; dx <= K; dx++) {
      for (let dy = -K; dy <= K; dy++) {
        const lo = key + dx * (1 << 20) + dy * (1 << 10) - K;
        for (let q = lowerBound(SK, ns, lo); q < ns && SK[q]! <= lo + 2 * K; q++) {
          if (q === f || (SF[q] === 1 && q < f)) continue;
          w = testPair(wo, f, q, w);
          if (w < 0) return -1;
        }
      }
    }
  }
  return w;
}

/** First position in the sorted keys SK[0..n) whose key is ≥ key. */
function lowerBound(SK: Int32Array, n: number, key: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (SK[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function radixPass(kin: Int32Array, iin: Int32Array, kout: Int32Array, iout: Int32Array, count: Int32Array, shift: number, n: number): void {
  count.fill(0);
  for (let p = 0; p < n; p++) count[(kin[p]! >> shift) & 1023]!++;
  let sum = 0;
  for (let b = 0; b < 1024; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let p = 0; p < n; p++) {
    const key = kin[p]!;
    const d = (key >> shift) & 1023;
    const at = count[d]!;
    count[d] = at + 1;
    kout[at] = key;
    iout[at] = iin[p]!;
  }
}
