/**
 * Oracle: the exhaustive pair test. The all-vs-all cell sweep (cellSweep.ts, one occupied cell at a time) must find
 * exactly the pairs that testing every one of the n(n − 1)/2 pairs with the same window tests finds, test each
 * grid-passing pair exactly once (its grid counter equals the exhaustive one: with the radial bands off, every
 * grid-passing pair; with them on, the grid-passing pairs whose bands overlap or that have a fast member, in the
 * half-neighbourhood sweep and in the one-sided sweep sorted by (cell, radial bin) alike), and keep working when its
 * output buffer overflows (a 2-entry buffer grown and the window redone) and over several windows with the same
 * buffers.
 */
import { describe, expect, it } from 'vitest';
import { CellSweep } from '../src/screening/cellSweep.ts';
import { windowReach, type Slots } from '../src/screening/knotSlots.ts';
import { createWindowObjects, packBands, packWindow, setWindow, testPair, type WindowObjects } from '../src/screening/windowObjects.ts';

/** Deterministic uniform numbers in [0, 1) (32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Window {
  sl: Slots;
  S: Float64Array;
}

/**
 * n objects in a cube of `sideKm` around (7,000, 0, 0) km moving along a few streams (so that many pairs pass the
 * linear filter); every 40th object is fast (speed bound 10.5 km/s, ρ above the slow objects' cell).
 */
function makeWindow(n: number, sideKm: number, seed: number): Window {
  const rnd = lcg(seed);
  const S = new Float64Array(8 * n);
  const speed = new Float64Array(n);
  const streams = [
    [0, 7.5, 0],
    [0, 5.3, 5.3],
    [0, -5.3, 5.3],
    [1.0, 0.5, -7.4],
  ] as const;
  for (let s = 0; s < n; s++) {
    const o = 8 * s;
    S[o] = 7000 + (rnd() - 0.5) * sideKm;
    S[o + 1] = (rnd() - 0.5) * sideKm;
    S[o + 2] = (rnd() - 0.5) * sideKm;
    const fast = s % 40 === 0;
    const v = streams[Math.floor(rnd() * streams.length)]!;
    const scale = fast ? 10 / 7.5 : 1;
    S[o + 3] = v[0] * scale + (rnd() - 0.5) * 0.02;
    S[o + 4] = v[1] * scale + (rnd() - 0.5) * 0.02;
    S[o + 5] = v[2] * scale + (rnd() - 0.5) * 0.02;
    speed[s] = fast ? 10.5 : 7.8;
  }
  const sl: Slots = {
    ns: n,
    obj: Int32Array.from({ length: n }, (_, s) => s),
    m: new Float64Array(n),
    h: new Float64Array(n),
    speed,
    rho: new Float64Array(n),
    fast: new Uint8Array(n),
    err: new Float64Array(n).fill(0.2),
    vErr: new Float64Array(n).fill(1e-4),
    prim: new Uint8Array(n).fill(1),
    qFirst: new Float64Array(n),
    qLast: new Int32Array(n),
    base: new Int32Array(n),
    coef: new Float64Array(12 * n),
    coefInterval: new Int32Array(n).fill(-1),
    errMax: 0.2,
    vErrMax: 1e-4,
    speedMax: 10.5,
  };
  return { sl, S };
}

/** Slot pairs "a-b" (a < b) of a window's output. */
function slotPairs(wo: WindowObjects): string[] {
  const out: string[] = [];
  for (let k = 0; k < wo.pairs; k++) {
    const a = wo.order[wo.out[2 * k]!]!;
    const b = wo.order[wo.out[2 * k + 1]!]!;
    out.push(a < b ? `${a}-${b}` : `${b}-${a}`);
  }
  return out.sort();
}

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

  for (const [n, side, seed, dense] of [
    [1200, 2000, 7, false],
    [3000, 1500, 11, true],
  ] as const) {
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

      for (const bands of ['off', 'on', 'binned', 'auto'] as const) {
        const sweep = new CellSweep(n, bands);
        for (const [win, c, e] of [
          [{ sl, S }, cells, ex],
          [two, cells2, ex2],
        ] as const) {
          const wo = createWindowObjects(n, reach);
          wo.out = new Int32Array(2);
          sweep.search(win.sl, win.S, H, c, wo);
          const found = slotPairs(wo);
          console.info(
            `cell sweep ${n} objects, bands ${bands}: ${found.length} pairs (exhaustive ${e.pairs.length}); grid-passing ${wo.grid} (exhaustive ${e.grid}, with bands ${e.gridBanded}); out grown to ${wo.out.length}`,
          );
          expect(wo.out.length, 'the 2-entry buffer overflowed and grew').toBeGreaterThan(2);
          expect(found).toEqual(e.pairs);
          const banded = bands === 'on' || bands === 'binned' || (bands === 'auto' && dense);
          expect(wo.grid, 'each grid-passing pair tested exactly once').toBe(banded ? e.gridBanded : e.grid);
        }
        // The density switch: the dense cube has more than 20 cell-mates per object (the (cell, radial bin) sweep), the
        // sparse one fewer than 6 (the plain sweep).
        if (bands === 'auto') expect((sweep as unknown as { mode: string }).mode).toBe(dense ? 'binned' : 'plain');
      }
    });
  }
});
