/**
 * All-vs-all pair search of one broad-phase window: cubic cells (knotSlots.ts `WindowCells`), 30-bit cell keys
 * (10 bits per axis) sorted by an LSD radix sort, and a sweep of the occupied cells with monotone pointers. Every
 * slow object scans its own cell (objects after it) and the 13 forward neighbour cells: the own column z..z+1 and
 * the four forward columns (dx, dy) ∈ {(0,1), (1,−1), (1,0), (1,1)} with z−1..z+1, whose position ranges are set
 * once per occupied cell and shared by its members. Fast objects scan (2K + 1)³
 * cells themselves (ranges found by binary search: they are few); slow objects skip them, and a pair of fast
 * objects is tested from the one first in sorted order. Each unordered pair within reach is tested exactly once.
 * On dense blocks (density switch `cellMates`) a slow pair's radial bands over the window (windowObjects.ts
 * `packBands`) are compared before the grid test: two comparisons that remove most pairs of a shell. On very dense
 * blocks the window is sorted by (cell, radial bin) instead and each slow object scans the 27 cells one-sidedly
 * between its band's bins (`sweepBinned`): the same pairs reach the tests, with 4× fewer inspections.
 * Where the runtime allows, the window states, the sort, the packing and the slow sweep run compiled (sweepKernel.ts,
 * WebAssembly with a SIMD prefilter) with the same results; the JavaScript functions here are the fallback and the
 * tests' oracle.
 */
import { MAX_FAST_CELLS, windowStates, type Slots, type WindowCells } from './knotSlots.ts';
import { CompiledSweep } from './sweepKernel.ts';
import { cellCoordinate, createWindowObjects, packBands, packFlags, packWindow, recordBands, setWindow, testLinearFull, testPair, type WindowObjects } from './windowObjects.ts';

const SIDE = 1024;
const CENTRE = 512;
/** Mean cell-mates per object from which the sweep uses the radial bands (cellMates). */
const BAND_MIN_CELLMATES = 6;
/**
 * Mean cell-mates per object from which the sweep sorts by (cell, radial bin) and scans one-sidedly (sweepBinned):
 * measured neutral at ~18 (synthetic 200,000), faster at ~26 (300,000), slower at ~9 (100,000).
 */
const BIN_MIN_CELLMATES = 20;
/**
 * The same switch with the compiled sweep (sweepKernel.ts): its SIMD prefilter compares the bands four candidates at
 * a time, so the banded half-neighbourhood sweep runs at every density below this, and stays faster than the binned
 * sweep to higher density: at 60-s windows the synthetic 300,000 (~60 cell-mates) screens 6 % faster banded
 * (docs/benchmarks.md, "Compiled sweep"). Between ~60 and ~200 (the 1,000,000 of issue #18 target 3) not measured.
 */
const COMPILED_BIN_MIN_CELLMATES = 100;
/** Above every 30-bit cell key. */
const KEY_SENTINEL = 0x7fffffff;
/** Key offsets of the forward columns (dx, dy) = (0, 1), (1, −1), (1, 0), (1, 1). */
const FORWARD_COLUMNS = Int32Array.of(1 << 10, (1 << 20) - (1 << 10), 1 << 20, (1 << 20) + (1 << 10));
/**
 * Key offsets of the eight neighbour columns of the binned sweep, the four before the own column in key order
 * ((dx, dy) = (−1, −1), (−1, 0), (−1, 1), (0, −1)) first.
 */
const NEIGHBOUR_COLUMNS = Int32Array.of(
  -(1 << 20) - (1 << 10),
  -(1 << 20),
  -(1 << 20) + (1 << 10),
  -(1 << 10),
  1 << 10,
  (1 << 20) - (1 << 10),
  1 << 20,
  (1 << 20) + (1 << 10),
);
/** Width of a radial bin (km): 2⁻² km, so that lo · 4 and hi · 4 are exact. */
const BIN_PER_KM = 4;
/** Largest radial bin (20 bits: two radix passes; 262,144 km). */
const BIN_MAX = (1 << 20) - 1;

/** Reusable buffers of the sweep for up to `ns` objects. */
export class CellSweep {
  private readonly keysA: Int32Array;
  private readonly keysB: Int32Array;
  private readonly idxA: Int32Array;
  private readonly idxB: Int32Array;
  /** One cell's non-empty forward-column position ranges (start, end), set per occupied cell by the slow sweep. */
  private readonly ranges = new Int32Array(8);
  /** Occupied cells of the window: keys (with a sentinel) and first positions (occupiedCells). */
  private readonly U: Int32Array;
  private readonly CS: Int32Array;
  private readonly count: Int32Array;
  /** Binned sweep: each slot's cell key and band, the positions' bins, the units and the column pointers. */
  private slotKeys: Int32Array | undefined;
  private slotBands: Float64Array | undefined;
  private bins: Int32Array | undefined;
  private readonly units = new Int32Array(3 * 27);
  private readonly columns = new Int32Array(8);
  /** How this block's windows are swept (decided on the first window by the density switch: `cellMates`). */
  private mode: 'plain' | 'banded' | 'binned' | undefined;
  /** The compiled slow sweep and its memory (undefined: the JavaScript sweep runs). */
  private readonly kernel: CompiledSweep | undefined;
  private readonly ns: number;

  /**
   * `bands`: the radial bands ('auto': the density switch on the first window; 'on': compared in the half-neighbourhood
   * sweep; 'binned': the (cell, radial bin) order and the one-sided sweep; 'off': neither). `compiled`: the window
   * states, sort, packing and slow sweep run compiled (sweepKernel.ts) where the runtime can, with a copy of the
   * block's first knotsLength knot values (`hostSlots`).
   */
  constructor(ns: number, bands: 'auto' | 'on' | 'off' | 'binned' = 'auto', compiled = true, knotsLength = 0) {
    if (bands !== 'auto') this.mode = bands === 'on' ? 'banded' : bands === 'off' ? 'plain' : 'binned';
    this.ns = ns;
    const kernel = (this.kernel = compiled ? CompiledSweep.create(ns, knotsLength) : undefined);
    this.keysA = kernel ? kernel.keysA : new Int32Array(ns);
    this.keysB = kernel ? kernel.keysB : new Int32Array(ns);
    this.idxA = kernel ? kernel.idxA : new Int32Array(ns);
    this.idxB = kernel ? kernel.order : new Int32Array(ns);
    this.count = kernel ? kernel.count : new Int32Array(1024);
    this.U = kernel ? kernel.U : new Int32Array(ns + 1);
    this.CS = kernel ? kernel.CS : new Int32Array(ns + 1);
  }

  /** Whether the slow sweep runs compiled. */
  get compiled(): boolean {
    return this.kernel !== undefined;
  }

  /**
   * The block's slots, hosted in the compiled sweep's memory with a copy of the knot table when it runs (its window
   * states read them there).
   */
  hostSlots(sl: Slots, knots: Float64Array): Slots {
    return this.kernel ? this.kernel.hostSlots(sl, knots) : sl;
  }

  /**
   * The window records of every slot at sample coordinate kk (knotSlots.ts `windowStates`, compiled for the slots of
   * `hostSlots` when the kernel runs) into `windowRecords()`; returns the window's cells.
   */
  windowStates(sl: Slots, knots: Float64Array, kk: number, H: number, reach: number, S: Float64Array): WindowCells {
    return this.kernel ? this.kernel.windowStates(sl, kk, H, reach) : windowStates(sl, knots, kk, H, reach, S);
  }

  /** A buffer for the slots' window records (knotSlots.ts `windowStates`): the compiled sweep packs from its own. */
  windowRecords(): Float64Array {
    return this.kernel ? this.kernel.S : new Float64Array(8 * this.ns);
  }

  /** The window objects `search` packs (in the compiled sweep's memory when it runs). */
  windowObjects(reach: number): WindowObjects {
    return this.kernel ? this.kernel.windowObjects(this.ns, reach) : createWindowObjects(this.ns, reach);
  }

  /** Sorts the window's objects by cell, packs them into `wo` in that order, and tests every pair within reach. */
  search(sl: Slots, S: Float64Array, H: number, cells: WindowCells, wo: WindowObjects): void {
    const ns = sl.ns;
    if (this.kernel && (!this.kernel.owns(wo) || S !== this.kernel.S)) {
      throw new RangeError("CellSweep.search: the window objects and records must come from this sweep's windowObjects() and windowRecords() (the compiled sweep reads its own memory)");
    }
    const inv = 1 / cells.cell;
    const { keysA, keysB, idxA, idxB, count, kernel } = this;
    setWindow(sl, H, cells.rhoMax, wo);
    let mode = this.mode;
    // Occupied cells, when the compiled sort found them (else `sweep` lists them).
    let nc = -1;
    if (mode === 'binned') cellKeys(S, ns, inv, keysA, idxA);
    else {
      if (kernel) nc = kernel.sortCells(ns, inv);
      else {
        cellKeys(S, ns, inv, keysA, idxA);
        radixPass(keysA, idxA, keysB, idxB, count, 0, ns);
        radixPass(keysB, idxB, keysA, idxA, count, 10, ns);
        radixPass(keysA, idxA, keysB, idxB, count, 20, ns);
      }
      if (mode === undefined) {
        // The density switch is read on the block's first window (the catalog's density changes little over a block).
        const mates = cellMates(keysB, ns);
        if (kernel) mode = this.mode = mates >= COMPILED_BIN_MIN_CELLMATES ? 'binned' : 'banded';
        else mode = this.mode = mates >= BIN_MIN_CELLMATES ? 'binned' : mates >= BAND_MIN_CELLMATES ? 'banded' : 'plain';
        if (mode === 'binned') cellKeys(S, ns, inv, keysA, idxA);
      }
    }
    if (mode === 'binned') {
      this.sortBinned(sl, S, wo);
      this.sweep(wo, keysB, cells.K, mode, -1);
      return;
    }
    if (kernel) {
      packFlags(sl, idxB, wo);
      kernel.pack(wo, mode === 'banded');
    } else {
      packWindow(sl, idxB, S, wo);
      if (mode === 'banded') packBands(wo);
    }
    this.sweep(wo, keysB, cells.K, mode, nc);
  }

  /**
   * The binned order: the slots' radial bands (recordBands, from the window records), sorted by (cell key, radial
   * bin of the band's low end) with five stable radix passes (bin, then key); packs the window and its bands and bins.
   */
  private sortBinned(sl: Slots, S: Float64Array, wo: WindowObjects): void {
    const ns = sl.ns;
    const { keysA, keysB, idxA, idxB, count } = this;
    const SKs = (this.slotKeys ??= new Int32Array(keysA.length));
    const BS = (this.slotBands ??= new Float64Array(2 * keysA.length));
    const BIN = (this.bins ??= new Int32Array(keysA.length));
    recordBands(S, sl.vErr, ns, wo.H, wo.reach, BS);
    SKs.set(keysA.subarray(0, ns));
    for (let s = 0; s < ns; s++) {
      keysB[s] = radialBin(BS[2 * s]!);
      idxB[s] = s;
    }
    radixPass(keysB, idxB, keysA, idxA, count, 0, ns);
    radixPass(keysA, idxA, keysB, idxB, count, 10, ns);
    for (let p = 0; p < ns; p++) keysA[p] = SKs[idxB[p]!]!;
    radixPass(keysA, idxB, keysB, idxA, count, 0, ns);
    radixPass(keysB, idxA, keysA, idxB, count, 10, ns);
    radixPass(keysA, idxB, keysB, idxA, count, 20, ns);
    idxB.set(idxA.subarray(0, ns));
    packWindow(sl, idxB, S, wo);
    // The packed bands in the same arithmetic as the slots' (so their bins are those the sort used).
    recordBands(wo.D, wo.E, ns, wo.H, wo.reach, wo.B);
    const B = wo.B;
    for (let p = 0; p < ns; p++) BIN[p] = radialBin(B[2 * p]!);
  }

  /**
   * The slow and fast sweeps over the packed window (the output buffer grown and the window redone when full); the
   * occupied cells are listed here unless the compiled sort did (ncSorted ≥ 0).
   */
  private sweep(wo: WindowObjects, SK: Int32Array, K: number, mode: 'plain' | 'banded' | 'binned', ncSorted: number): void {
    const nc = ncSorted >= 0 ? ncSorted : occupiedCells(SK, wo.n, this.U, this.CS);
    for (;;) {
      wo.grid = 0;
      const slow =
        mode === 'binned'
          ? sweepBinned(wo, nc, this.U, this.CS, this.bins!, this.units, this.columns)
          : this.kernel
            ? this.kernel.run(wo, nc, mode === 'banded')
            : sweepSlow(wo, nc, this.U, this.CS, this.ranges, mode === 'banded');
      const w = slow < 0 ? -1 : sweepFast(wo, SK, K, slow);
      if (w >= 0) {
        wo.pairs = w >> 1;
        return;
      }
      wo.out = new Int32Array(wo.out.length * 2);
    }
  }
}

/** Radial bin of a band's low end: NaN and negative ends in bin 0, far ones in BIN_MAX (clamping keeps the order). */
function radialBin(lo: number): number {
  const f = lo * BIN_PER_KM;
  return f > 0 ? (f < BIN_MAX ? Math.floor(f) : BIN_MAX) : 0;
}

/** Cell keys (10 bits per axis) of the window records S, and the identity order. */
function cellKeys(S: Float64Array, ns: number, inv: number, keys: Int32Array, idx: Int32Array): void {
  for (let s = 0; s < ns; s++) {
    const o = 8 * s;
    const ix = cellCoordinate(S[o]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
    const iy = cellCoordinate(S[o + 1]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
    const iz = cellCoordinate(S[o + 2]!, inv, CENTRE, MAX_FAST_CELLS, SIDE);
    keys[s] = (ix << 20) | (iy << 10) | iz;
    idx[s] = s;
  }
}

/**
 * Binned sweep of the slow objects (dense blocks): the positions are sorted by (cell, radial bin of the band's low
 * end), and each slow member scans all 26 neighbour cells and its own, but only the candidates after it in (bin,
 * position) order and only up to the bin of its band's high end. A pair is therefore inspected once, from the
 * member of lower (bin, position): in a cell after the member's (key order) the candidates from bin ≥ its bin, in a
 * cell before it those of bin > its bin, in its own cell those after it; a start pointer per cell and bin moves only
 * forward (members are in bin order). A candidate beyond the member's high bin has its band above the member's, so
 * the band compare would reject it: the pairs that reach the band compare and the grid test are exactly those of the
 * half-neighbourhood banded sweep, each once, with the same tests in the same arithmetic.
 */
function sweepBinned(wo: WindowObjects, nc: number, U: Int32Array, CS: Int32Array, BIN: Int32Array, R: Int32Array, T: Int32Array): number {
  const SF = wo.F;
  const D = wo.D;
  const B = wo.B;
  const E = wo.E;
  const H = wo.H;
  const lq2 = wo.limQuick * wo.limQuick;
  const HH = H * H;
  T.fill(0);
  let w = 0;
  let grid = 0;
  for (let i = 0; i < nc; i++) {
    const key = U[i]!;
    const p = CS[i]!;
    const e = CS[i + 1]!;
    // Units (start, end, first bin offset): the own cell (unit 0, offset 0), the cells before it in key order
    // (offset 1: bins > the member's), those after it (offset 0).
    R[0] = p;
    R[1] = e;
    R[2] = 0;
    let n = 3;
    for (let j = 0; j < 8; j++) {
      const lo = key + NEIGHBOUR_COLUMNS[j]! - 1;
      const off = j < 4 ? 1 : 0;
      let t = T[j]!;
      while (U[t]! < lo) t++;
      T[j] = t;
      for (let u = t; U[u]! <= lo + 2; u++) {
        R[n++] = CS[u]!;
        R[n++] = CS[u + 1]!;
        R[n++] = off;
      }
    }
    if (i > 0 && U[i - 1] === key - 1) {
      R[n++] = CS[i - 1]!;
      R[n++] = p;
      R[n++] = 1;
    }
    if (U[i + 1] === key + 1) {
      R[n++] = e;
      R[n++] = CS[i + 2]!;
      R[n++] = 0;
    }
    for (let m = p; m < e; m++) {
      if (SF[m] === 1) continue;
      const o = 8 * m;
      const px = D[o]!;
      const py = D[o + 1]!;
      const pz = D[o + 2]!;
      const pr = D[o + 6]!;
      const plo = B[2 * m]!;
      const phi = B[2 * m + 1]!;
      const bm = BIN[m]!;
      const bh = Math.floor(phi * BIN_PER_KM);
      R[0] = m + 1;
      for (let k = 0; k < n; k += 3) {
        // Candidates of bin > bm in the cells before, ≥ bm in the own cell (after m) and the cells after.
        const first = bm + R[k + 2]!;
        let q = R[k]!;
        const qe = R[k + 1]!;
        while (q < qe && BIN[q]! < first) q++;
        if (q === qe && k > 0) {
          // Exhausted for this member and the cell's later ones (bins ascend): dropped (the last unit moves here).
          n -= 3;
          R[k] = R[n]!;
          R[k + 1] = R[n + 1]!;
          R[k + 2] = R[n + 2]!;
          k -= 3;
          continue;
        }
        R[k] = q;
        for (; q < qe; q++) {
          if (BIN[q]! > bh) break;
          if (B[2 * q]! > phi || B[2 * q + 1]! < plo) continue;
          const a = 8 * q;
          const dx = D[a]! - px;
          const dy = D[a + 1]! - py;
          const dz = D[a + 2]! - pz;
          const lim = pr + D[a + 6]!;
          const rr = dx * dx + dy * dy + dz * dz;
          if (rr > lim * lim || SF[q] === 1) continue;
          // testLinear: its quick rejection inlined (same arithmetic), then the full filter.
          grid++;
          const vx = D[a + 3]! - D[o + 3]!;
          const vy = D[a + 4]! - D[o + 4]!;
          const vz = D[a + 5]! - D[o + 5]!;
          const rv = dx * vx + dy * vy + dz * vz;
          const vv = vx * vx + vy * vy + vz * vz;
          if (Math.abs(rv) <= H * vv) {
            if (rr * vv - rv * rv > lq2 * vv) continue;
          } else if (rr - 2 * H * Math.abs(rv) + HH * vv > lq2) continue;
          w = testLinearFull(wo, m, q, w, dx, dy, dz, vx, vy, vz, D[o + 7]! + D[a + 7]!, E[m]! + E[q]!);
          if (w < 0) return -1;
        }
      }
    }
  }
  wo.grid += grid;
  return w;
}

/**
 * The occupied cells of sorted keys SK[0..ns): cell i has key U[i] and positions CS[i]..CS[i + 1] − 1; U[nc] is a
 * sentinel above every key (so that pointer walks need no bound check). Returns nc.
 */
function occupiedCells(SK: Int32Array, ns: number, U: Int32Array, CS: Int32Array): number {
  let nc = 0;
  let last = -1;
  for (let p = 0; p < ns; p++) {
    const key = SK[p]!;
    if (key !== last) {
      U[nc] = key;
      CS[nc++] = p;
      last = key;
    }
  }
  U[nc] = KEY_SENTINEL;
  CS[nc] = ns;
  return nc;
}

/**
 * Half-neighbourhood sweep of the slow objects, one occupied cell at a time; returns the write position in wo.out, or
 * −1 when it is full. Per cell, once: the end of the own column's range (its later members and the z + 1 cell) and
 * the position ranges of the four forward columns' z − 1..z + 1 cells, found by monotone pointers over the occupied
 * cells (empty ones dropped). Each slow member then runs one loop over those ranges with integer bounds: no key
 * compare per scanned candidate, no pointer walk per member. The pairs, their order and the tests (radial bands when
 * `banded`, grid test, linear filter with testLinear's quick rejection inlined in the same arithmetic) are those of
 * the per-object sweep it replaces, so the candidates and events are identical.
 */
function sweepSlow(wo: WindowObjects, nc: number, U: Int32Array, CS: Int32Array, R: Int32Array, banded: boolean): number {
  const SF = wo.F;
  const D = wo.D;
  const B = wo.B;
  const E = wo.E;
  const H = wo.H;
  const lq2 = wo.limQuick * wo.limQuick;
  const HH = H * H;
  const c0 = FORWARD_COLUMNS[0]! - 1;
  const c1 = FORWARD_COLUMNS[1]! - 1;
  const c2 = FORWARD_COLUMNS[2]! - 1;
  const c3 = FORWARD_COLUMNS[3]! - 1;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let w = 0;
  let grid = 0;
  for (let i = 0; i < nc; i++) {
    const key = U[i]!;
    const p = CS[i]!;
    const e = CS[i + 1]!;
    // Own column: the cell's later members and the z + 1 cell (the next occupied cell when its key is key + 1).
    const ownEnd = U[i + 1] === key + 1 ? CS[i + 2]! : e;
    // Forward columns: the cells of keys lo..lo + 2, lo = key + column − 1 (the pointers only move forward); the
    // non-empty position ranges are kept in R.
    let n = 0;
    let lo = key + c0;
    while (U[t0]! < lo) t0++;
    let u = t0;
    while (U[u]! <= lo + 2) u++;
    if (u > t0) {
      R[n++] = CS[t0]!;
      R[n++] = CS[u]!;
    }
    lo = key + c1;
    while (U[t1]! < lo) t1++;
    u = t1;
    while (U[u]! <= lo + 2) u++;
    if (u > t1) {
      R[n++] = CS[t1]!;
      R[n++] = CS[u]!;
    }
    lo = key + c2;
    while (U[t2]! < lo) t2++;
    u = t2;
    while (U[u]! <= lo + 2) u++;
    if (u > t2) {
      R[n++] = CS[t2]!;
      R[n++] = CS[u]!;
    }
    lo = key + c3;
    while (U[t3]! < lo) t3++;
    u = t3;
    while (U[u]! <= lo + 2) u++;
    if (u > t3) {
      R[n++] = CS[t3]!;
      R[n++] = CS[u]!;
    }
    // Member m scans m + 1..ownEnd − 1, then the forward ranges.
    for (let m = p; m < e; m++) {
      if (SF[m] === 1) continue;
      const o = 8 * m;
      const px = D[o]!;
      const py = D[o + 1]!;
      const pz = D[o + 2]!;
      const pr = D[o + 6]!;
      const plo = B[2 * m]!;
      const phi = B[2 * m + 1]!;
      let q = m + 1;
      let qe = ownEnd;
      for (let k = 0; ; q++) {
        if (q >= qe) {
          // Next range (the kept ones are not empty).
          if (k >= n) break;
          q = R[k]!;
          qe = R[k + 1]!;
          k += 2;
        }
        if (banded && (B[2 * q]! > phi || B[2 * q + 1]! < plo)) continue;
        const a = 8 * q;
        const dx = D[a]! - px;
        const dy = D[a + 1]! - py;
        const dz = D[a + 2]! - pz;
        const lim = pr + D[a + 6]!;
        const rr = dx * dx + dy * dy + dz * dz;
        if (rr > lim * lim || SF[q] === 1) continue;
        // testLinear: its quick rejection inlined (same arithmetic), then the full filter.
        grid++;
        const vx = D[a + 3]! - D[o + 3]!;
        const vy = D[a + 4]! - D[o + 4]!;
        const vz = D[a + 5]! - D[o + 5]!;
        const rv = dx * vx + dy * vy + dz * vz;
        const vv = vx * vx + vy * vy + vz * vz;
        if (Math.abs(rv) <= H * vv) {
          if (rr * vv - rv * rv > lq2 * vv) continue;
        } else if (rr - 2 * H * Math.abs(rv) + HH * vv > lq2) continue;
        w = testLinearFull(wo, m, q, w, dx, dy, dz, vx, vy, vz, D[o + 7]! + D[a + 7]!, E[m]! + E[q]!);
        if (w < 0) return -1;
      }
    }
  }
  wo.grid += grid;
  return w;
}

/**
 * Density switch of the radial bands: the mean number of objects sharing an object's cell (Σ n_c² / n over the sorted
 * keys). From BAND_MIN_CELLMATES the sweep compares the radial bands (below it the scans are short and the bands
 * cost as much per object as they save in pair tests: docs/benchmarks.md, issue #18 section), from BIN_MIN_CELLMATES
 * it sorts by (cell, radial bin) (`sweepBinned`). The real catalog (18,407 objects, 40-s windows) has ~2.9 cell-mates
 * per object, the synthetic 100,000 ~9.4, 200,000 ~17.9, 300,000 ~26.1.
 */
function cellMates(SK: Int32Array, ns: number): number {
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
  return sum / ns;
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
