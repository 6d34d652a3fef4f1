/**
 * The compiled slow-object sweep (wasm/cellSweep.c, sweepKernel.ts). Oracle: its JavaScript twin `sweepSlow`
 * (cellSweep.ts), itself checked against the exhaustive pair test (screening-cell-sweep.test.ts).
 * - The embedded module was compiled from the C source in the repository (its SHA-256 is recorded at generation).
 * - The single-precision prefilter never rejects a pair the exact tests pass: pairs placed exactly on the grid
 *   test's boundary (|Δr| = ρ₁ + ρ₂ + reach in double precision, and one ulp either side) at LEO, GEO and lunar
 *   distances, where single precision resolves ~0.5 m, ~2.5 m and ~20 m, give the same grid counts and pairs as the
 *   JavaScript sweep.
 * - The whole screening gives the same events compiled and in JavaScript (catalog subset, 3 h).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenConjunctions } from '../src/index.ts';
import { CellSweep } from '../src/screening/cellSweep.ts';
import { windowReach } from '../src/screening/knotSlots.ts';
import { compiledSweepAvailable } from '../src/screening/sweepKernel.ts';
import { CELL_SWEEP_WASM } from '../src/screening/wasm/cellSweepWasm.ts';
import { lcg, makeWindow, slotPairs, type Window } from './cellSweepWindows.ts';
import { loadCatalog, timeScales as ts } from './screening-helpers.ts';

describe('compiled cell sweep', () => {
  it('the embedded module was generated from wasm/cellSweep.c as it is (run `npm run build:wasm` after editing it)', () => {
    const source = readFileSync(new URL('../src/screening/wasm/cellSweep.c', import.meta.url));
    expect(createHash('sha256').update(source).digest('hex')).toBe(CELL_SWEEP_WASM.sourceSha256);
    expect(compiledSweepAvailable(), 'Node 20 compiles WebAssembly with SIMD').toBe(true);
  });

  /**
   * n slow objects around `centreKm` on the x axis; each odd object is moved onto the grid test's boundary from the
   * object before it (|Δr| = ρ₁ + ρ₂ + reach, ρ + reach/2 as the packing stores it), then nudged by `ulps` units in
   * the last place of its x coordinate, so that the exact test passes or fails by rounding alone.
   */
  function boundaryWindow(n: number, centreKm: number, seed: number, ulps: number): Window {
    const win = makeWindow(n, 400, seed);
    const { sl, S } = win;
    const rnd = lcg(seed + 100);
    const H = 30;
    const reach = 5;
    for (let s = 0; s < n; s++) {
      S[8 * s] = S[8 * s]! - 7000 + centreKm;
      sl.fast[s] = 0;
      sl.speed[s] = 7.8;
    }
    windowReach(sl, S, H, reach);
    for (let s = 1; s < n; s += 2) {
      const a = 8 * (s - 1);
      const b = 8 * s;
      const lim = sl.rho[s - 1]! + 0.5 * reach + (sl.rho[s]! + 0.5 * reach);
      // A random direction, then the separation set to lim along it.
      let dx = rnd() - 0.5;
      let dy = rnd() - 0.5;
      let dz = rnd() - 0.5;
      const norm = Math.hypot(dx, dy, dz);
      dx = (dx / norm) * lim;
      dy = (dy / norm) * lim;
      dz = (dz / norm) * lim;
      let x = S[a]! + dx;
      for (let u = 0; u < Math.abs(ulps); u++) x = nextAfter(x, ulps > 0 ? Infinity : -Infinity);
      S[b] = x;
      S[b + 1] = S[a + 1]! + dy;
      S[b + 2] = S[a + 2]! + dz;
    }
    return win;
  }

  for (const [label, centreKm] of [
    ['LEO', 7000],
    ['GEO', 42164],
    ['lunar distance', 384400],
  ] as const) {
    it(`pairs on the grid test's boundary at ${label} (${centreKm} km): same grid count and pairs as the JavaScript sweep`, () => {
      const n = 600;
      for (const ulps of [-1, 0, 1]) {
        const { sl, S } = boundaryWindow(n, centreKm, 3 + ulps, ulps);
        const H = 30;
        const reach = 5;
        const cells = windowReach(sl, S, H, reach);
        const results = [true, false].map((compiled) => {
          const sweep = new CellSweep(n, 'on', compiled);
          const wo = sweep.windowObjects(reach);
          const records = sweep.windowRecords();
          records.set(S);
          sweep.search(sl, records, H, cells, wo);
          return { grid: wo.grid, pairs: slotPairs(wo) };
        });
        expect(results[0]!.grid, `${label}, ${ulps} ulp: grid-passing pairs (compiled vs JavaScript)`).toBe(results[1]!.grid);
        expect(results[0]!.pairs).toEqual(results[1]!.pairs);
        expect(results[1]!.grid, 'most boundary pairs are tested').toBeGreaterThan(n / 4);
      }
    });
  }

  it('March 2026 catalog, every 3rd object × 3 h at 5 km: the same events and counts compiled and in JavaScript', () => {
    const sets = loadCatalog().filter((_, i) => i % 3 === 0);
    const options = { start: ts.parseUtcIso('2026-03-10T00:00:00Z'), durationS: 3 * 3600, volume: { kind: 'sphere' as const, radiusKm: 5 }, timeScales: ts };
    const compiled = screenConjunctions(sets, options);
    const js = screenConjunctions(sets, { ...options, tuning: { compiledSweep: false, radialBands: 'on' } });
    console.info(`compiled sweep, catalog/3 × 3 h: ${compiled.events.length} events, grid pair-windows ${compiled.stats.pairWindowsAfterGrid}`);
    expect(compiled.events.length).toBeGreaterThan(100);
    expect(compiled.events).toEqual(js.events);
    expect(compiled.stats).toEqual(js.stats);
  });
});

/** The next double after x towards `toward` (one unit in the last place). */
function nextAfter(x: number, toward: number): number {
  if (x === toward) return x;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  if (x === 0) return toward > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  b[0] = b[0]! + ((x < toward) === x > 0 ? 1n : -1n);
  return f[0]!;
}
