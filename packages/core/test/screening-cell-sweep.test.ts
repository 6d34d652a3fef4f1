/**
 * Oracle: the exhaustive pair test. The all-vs-all cell sweep (cellSweep.ts, one occupied cell at a time) must find
 * exactly the pairs that testing every one of the n(n − 1)/2 pairs with the same window tests finds, test each
 * grid-passing pair exactly once (its grid counter equals the exhaustive one: with the radial bands off, every
 * grid-passing pair; with them on, the grid-passing pairs whose bands overlap or that have a fast member, in the
 * half-neighbourhood sweep and in the one-sided sweep sorted by (cell, radial bin) alike), and keep working when its
 * output buffer overflows (a 2-entry buffer grown and the window redone) and over several windows with the same
 * buffers. Both forms of the sweep: compiled (sweepKernel.ts, WebAssembly) and JavaScript, each with its density switch.
 */
import { describe, expect, it } from 'vitest';
import { CellSweep } from '../src/screening/cellSweep.ts';
import { windowReach, type Slots } from '../src/screening/knotSlots.ts';
import { createWindowObjects, packBands, packWindow, setWindow, testPair } from '../src/screening/windowObjects.ts';
import { makeWindow, slotPairs } from './cellSweepWindows.ts';

interface Exhaustive {
  /** Slot pairs that pass both window tests. */
  pairs: string[];
  /** Grid-passing pairs. */
  grid: number;
  /** Grid-passing pairs whose radial bands overlap or that have a fast member (those the banded sweep tests). */
  gridBanded: number;
}

/** Every pair of the window through the same window tests, in slot order. */
function exhaustive(sl: Slots, S: Float64Array, H: number, reach: number, rhoMax: number): Exhaustive {
  const n = sl.ns;
  const ex = createWindowObjects(n, reach);
  ex.out = new Int32Array(1 << 20);
  setWindow(sl, H, rhoMax, ex);
  packWindow(sl, Int32Array.from({ length: n }, (_, s) => s), S, ex);
  packBands(ex);
  let w = 0;
  let gridBanded = 0;
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      const before = ex.grid;
      w = testPair(ex, p, q, w);
      const overlap = ex.B[2 * q]! <= ex.B[2 * p + 1]! && ex.B[2 * q + 1]! >= ex.B[2 * p]!;
      if (ex.grid > before && (overlap || ex.F[p] === 1 || ex.F[q] === 1)) gridBanded++;
    }
  }
  ex.pairs = w >> 1;
  return { pairs: slotPairs(ex), grid: ex.grid, gridBanded };
}

describe('cell sweep against the exhaustive pair test', () => {
  const H = 20;
  const reach = 20;

  // Cell-mates per object: the sparse cube below 6, the dense one between 20 and 100, the very dense one above 100.
  for (const [n, side, seed, density] of [
    [1200, 2000, 7, 'sparse'],
    [3000, 1500, 11, 'dense'],
    [2400, 700, 13, 'very dense'],
  ] as const) {
    const dense = density !== 'sparse';
    it(`${n} objects in a ${side}-km cube (every 40th fast), 40-s windows, 20 km, bands off/on/binned/auto: same pairs, each tested once; 2-entry out grows`, () => {
      const { sl, S } = makeWindow(n, side, seed);
      const cells = windowReach(sl, S, H, reach);
      expect(cells.K, 'fast objects scan more than one cell').toBeGreaterThan(1);

      const ex = exhaustive(sl, S, H, reach, cells.rhoMax);
      expect(ex.pairs.length, 'pairs passing both window tests').toBeGreaterThan(20);
      expect(ex.gridBanded, 'the radial bands reject grid-passing pairs').toBeLessThan(ex.grid);
      // A second window of other objects, searched with the same sweep (its buffers, the block's density switch).
      const two = makeWindow(n, side, seed + 1);
      const cells2 = windowReach(two.sl, two.S, H, reach);
      const ex2 = exhaustive(two.sl, two.S, H, reach, cells2.rhoMax);

      for (const compiled of [true, false]) {
        for (const bands of ['off', 'on', 'binned', 'auto'] as const) {
          const sweep = new CellSweep(n, bands, compiled);
          expect(sweep.compiled, 'Node runs the compiled sweep').toBe(compiled);
          for (const [win, c, e] of [
            [{ sl, S }, cells, ex],
            [two, cells2, ex2],
          ] as const) {
            const wo = sweep.windowObjects(reach);
            wo.out = new Int32Array(2);
            const records = sweep.windowRecords();
            records.set(win.S);
            sweep.search(win.sl, records, H, c, wo);
            const found = slotPairs(wo);
            console.info(
              `cell sweep ${n} objects, ${compiled ? 'compiled' : 'JavaScript'}, bands ${bands}: ${found.length} pairs (exhaustive ${e.pairs.length}); grid-passing ${wo.grid} (exhaustive ${e.grid}, with bands ${e.gridBanded}); out grown to ${wo.out.length}`,
            );
            expect(wo.out.length, 'the 2-entry buffer overflowed and grew').toBeGreaterThan(2);
            expect(found).toEqual(e.pairs);
            // The compiled sweep compares the bands at every density below its binned threshold.
            const banded = bands === 'on' || bands === 'binned' || (bands === 'auto' && (dense || compiled));
            expect(wo.grid, 'each grid-passing pair tested exactly once').toBe(banded ? e.gridBanded : e.grid);
          }
          // The density switch. JavaScript: plain below 6 cell-mates, banded from 6, the (cell, radial bin) sweep from 20;
          // compiled: banded below 100 (its prefilter compares the bands cheaply), the (cell, radial bin) sweep from 100.
          const expected = density === 'very dense' ? 'binned' : compiled ? 'banded' : dense ? 'binned' : 'plain';
          if (bands === 'auto') expect((sweep as unknown as { mode: string }).mode).toBe(expected);
        }
      }
      // Window objects and records not made by the compiled sweep cannot be searched by it (it reads its own memory).
      const compiledSweep = new CellSweep(n, 'auto', true);
      expect(() => compiledSweep.search(sl, S, H, cells, createWindowObjects(n, reach))).toThrow(/windowObjects/);
      expect(() => compiledSweep.search(sl, S, H, cells, compiledSweep.windowObjects(reach))).toThrow(/windowRecords/);
    });
  }
});
