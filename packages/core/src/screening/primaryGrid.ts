/**
 * Primaries-mode pair search of one broad-phase window: only the primaries are binned, in a dense grid of cubic
 * cells (knotSlots.ts `WindowCells`) indexed directly (no sort), and every object looks its primaries up.
 *
 * Each cell has two lists of primaries: `own` (the primaries in the cell) and `near` (the primaries whose cell is
 * within ±1 cell, or ±K for a fast primary). A slow object reads the near list of its own cell; a fast object reads
 * the own lists of the (2K + 1)³ cells around it. Every primary within reach + ρ_p + ρ_q of an object is then met
 * exactly once from that object (each primary is in one own list and at most once in a near list). A pair of
 * primaries is met from both sides and tested from the one with the larger position. The primaries are packed
 * first (their data stays in cache) and the lists are contiguous (counted, then filled); a per-cell stamp (the
 * window number) makes clearing unnecessary.
 *
 * The grid covers ±COVER_KM around the Earth's centre (at most MAX_SIDE cells a side); objects beyond are clamped
 * into the border cells (1-Lipschitz, so no pair is lost; only more pairs reach the exact tests).
 */
import { MAX_FAST_CELLS, slotReach, slotState, slowReachBound, windowCells, type Slots } from './knotSlots.ts';
import { cellCoordinate, packSlot, setWindow, testLinear, type WindowObjects } from './windowObjects.ts';

const COVER_KM = 30000;
const MAX_SIDE = 128;

/**
 * Per-cell record of the grid, CELL_STRIDE values: the stamp (window number), then the near list's begin and end,
 * then the own list's: one cache line serves a lookup (memory, not arithmetic, bounds this search).
 */
const CELL_STRIDE = 5;
const NEAR = 1;
const OWN = 3;

/**
 * Contiguous lists of primary positions per cell: [begin, end) in `entries` (bounds in the grid's cell records at
 * `offset`), with each entry's x, y, z and ρ + reach/2 in `data` (four per entry: the lookups read them in
 * sequence).
 */
class CellLists {
  entries = new Int32Array(1 << 14);
  data = new Float64Array(4 << 14);

  constructor(readonly offset: number) {}

  /** Turns the counts held in the end slots of the touched cells into list bounds (fill pointers in end). */
  layout(cells: Int32Array, touched: Int32Array, touchedCount: number): void {
    let at = 0;
    for (let t = 0; t < touchedCount; t++) {
      const r = CELL_STRIDE * touched[t]! + this.offset;
      const count = cells[r + 1]!;
      cells[r] = at;
      cells[r + 1] = at;
      at += count;
    }
    if (this.entries.length < at) {
      this.entries = new Int32Array(2 * at);
      this.data = new Float64Array(8 * at);
    }
  }
}

/** Reusable grid; one per thread. */
export class PrimaryGrid {
  private capacity = 0;
  private cells = new Int32Array(0);
  private window = 0;
  private readonly own = new CellLists(OWN);
  private readonly near = new CellLists(NEAR);
  private touched = new Int32Array(1 << 14);
  private touchedCount = 0;
  private cx = new Int32Array(0);
  private cy = new Int32Array(0);
  private cz = new Int32Array(0);
  private order = new Int32Array(0);

  /**
   * Evaluates every slot at sample coordinate kk (window half-length H), packs the objects into `wo` (primaries
   * first) and tests every pair within reach that has a primary. One pass per object: state, ρ, packing, cell; the
   * cell size is reach + 2·(the largest ρ a slow object may have), grown in the rare window where a fast object would
   * need K > MAX_FAST_CELLS.
   */
  search(sl: Slots, knots: Float64Array, kk: number, H: number, reach: number, wo: WindowObjects): void {
    const ns = sl.ns;
    const np = this.primariesFirst(sl);
    const D = wo.D;
    const rhoSlow = slowReachBound(H);
    let cells = windowCells(rhoSlow, rhoSlow, reach);
    let side = this.sideFor(cells.cell);
    let rhoMax = 0;
    for (let p = 0; p < ns; p++) {
      const s = this.order[p]!;
      const o = 8 * p;
      slotState(sl, knots, s, kk, D, o);
      const rho = slotReach(sl, s, D[o + 3]!, D[o + 4]!, D[o + 5]!, H);
      if (rho > rhoMax) rhoMax = rho;
      packSlot(sl, s, p, wo);
      this.setCell(p, D, cells.cell, side);
    }
    const final = windowCells(rhoSlow, rhoMax, reach);
    setWindow(sl, H, rhoMax, wo);
    if (final.cell !== cells.cell) {
      cells = final;
      side = this.sideFor(cells.cell);
      for (let p = 0; p < ns; p++) this.setCell(p, D, cells.cell, side);
    }
    this.ensureCells(side * side * side);
    this.window++;
    this.touchedCount = 0;
    const K = final.K;
    this.binPrimaries(wo, np, side, K, false);
    this.own.layout(this.cells, this.touched, this.touchedCount);
    this.near.layout(this.cells, this.touched, this.touchedCount);
    this.binPrimaries(wo, np, side, K, true);
    for (;;) {
      wo.grid = 0;
      const w = this.query(wo, side, K);
      if (w >= 0) {
        wo.pairs = w >> 1;
        return;
      }
      wo.out = new Int32Array(wo.out.length * 2);
    }
  }

  private sideFor(cell: number): number {
    return Math.min(MAX_SIDE, Math.ceil((2 * COVER_KM) / cell) + 2 * MAX_FAST_CELLS + 2);
  }

  private setCell(p: number, D: Float64Array, cell: number, side: number): void {
    const inv = 1 / cell;
    const centre = side >> 1;
    this.cx[p] = cellCoordinate(D[8 * p]!, inv, centre, MAX_FAST_CELLS, side);
    this.cy[p] = cellCoordinate(D[8 * p + 1]!, inv, centre, MAX_FAST_CELLS, side);
    this.cz[p] = cellCoordinate(D[8 * p + 2]!, inv, centre, MAX_FAST_CELLS, side);
  }

  /** Sets `order` to the primary slots then the others; returns the number of primaries. */
  private primariesFirst(sl: Slots): number {
    const ns = sl.ns;
    if (this.order.length < ns) {
      this.order = new Int32Array(ns);
      this.cx = new Int32Array(ns);
      this.cy = new Int32Array(ns);
      this.cz = new Int32Array(ns);
    }
    let np = 0;
    for (let s = 0; s < ns; s++) if (sl.prim[s] === 1) this.order[np++] = s;
    let at = np;
    for (let s = 0; s < ns; s++) if (sl.prim[s] === 0) this.order[at++] = s;
    return np;
  }

  /** Counts (fill = false) or places (fill = true) every primary in its own list and its near lists. */
  private binPrimaries(wo: WindowObjects, np: number, side: number, K: number, fill: boolean): void {
    const { cx, cy, cz } = this;
    for (let p = 0; p < np; p++) {
      this.add(this.own, cx[p]! + side * (cy[p]! + side * cz[p]!), p, fill, wo.D);
      const R = wo.F[p] === 1 ? K : 1;
      for (let dz = -R; dz <= R; dz++) {
        for (let dy = -R; dy <= R; dy++) {
          const row = side * (cy[p]! + dy + side * (cz[p]! + dz));
          for (let dx = -R; dx <= R; dx++) this.add(this.near, cx[p]! + dx + row, p, fill, wo.D);
        }
      }
    }
  }

  private add(lists: CellLists, cell: number, p: number, fill: boolean, D: Float64Array): void {
    const r = CELL_STRIDE * cell;
    const cells = this.cells;
    if (fill) {
      const e = cells[r + lists.offset + 1]!++;
      lists.entries[e] = p;
      lists.data[4 * e] = D[8 * p]!;
      lists.data[4 * e + 1] = D[8 * p + 1]!;
      lists.data[4 * e + 2] = D[8 * p + 2]!;
      lists.data[4 * e + 3] = D[8 * p + 6]!;
      return;
    }
    if (cells[r] !== this.window) {
      cells[r] = this.window;
      cells[r + OWN + 1] = 0;
      cells[r + NEAR + 1] = 0;
      if (this.touchedCount === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = cell;
    }
    cells[r + lists.offset + 1]!++;
  }

  /** Every object meets its primaries; returns the write position in wo.out, or −1 when it is full. */
  private query(wo: WindowObjects, side: number, K: number): number {
    const { cx, cy, cz, cells } = this;
    let w = 0;
    for (let q = 0; q < wo.n; q++) {
      if (wo.F[q] === 0) {
        const cell = cx[q]! + side * (cy[q]! + side * cz[q]!);
        if (cells[CELL_STRIDE * cell] !== this.window) continue;
        w = this.meet(wo, q, this.near, cell, w);
        if (w < 0) return -1;
        continue;
      }
      for (let dz = -K; dz <= K; dz++) {
        for (let dy = -K; dy <= K; dy++) {
          const row = side * (cy[q]! + dy + side * (cz[q]! + dz));
          for (let dx = -K; dx <= K; dx++) {
            const cell = cx[q]! + dx + row;
            if (cells[CELL_STRIDE * cell] !== this.window) continue;
            w = this.meet(wo, q, this.own, cell, w);
            if (w < 0) return -1;
          }
        }
      }
    }
    return w;
  }

  /** Tests object q against the primaries of one cell list (a primary pair only from the larger position). */
  private meet(wo: WindowObjects, q: number, lists: CellLists, cell: number, wIn: number): number {
    const qPrimary = wo.P[q] === 1;
    const entries = lists.entries;
    const data = lists.data;
    const r = CELL_STRIDE * cell + lists.offset;
    const end = this.cells[r + 1]!;
    const D = wo.D;
    const x = D[8 * q]!;
    const y = D[8 * q + 1]!;
    const z = D[8 * q + 2]!;
    const rq = D[8 * q + 6]!;
    let w = wIn;
    for (let e = this.cells[r]!; e < end; e++) {
      const o = 4 * e;
      const dx = data[o]! - x;
      const dy = data[o + 1]! - y;
      const dz = data[o + 2]! - z;
      const lim = data[o + 3]! + rq;
      if (dx * dx + dy * dy + dz * dz > lim * lim) continue;
      const p = entries[e]!;
      if (p === q || (qPrimary && p > q)) continue;
      w = testLinear(wo, p, q, w);
      if (w < 0) return -1;
    }
    return w;
  }

  private ensureCells(count: number): void {
    if (this.capacity >= count) return;
    this.capacity = count;
    this.cells = new Int32Array(CELL_STRIDE * count);
    this.window = 0;
  }
}
