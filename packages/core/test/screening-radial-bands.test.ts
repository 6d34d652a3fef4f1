/**
 * Property: the all-vs-all radial bands (cellSweep.ts, windowObjects.ts `packBands`) are a necessary condition like
 * the grid test, so screening with them forced on gives exactly the events of the sweep without them (the path the
 * brute-force recall and SOCRATES tests check), with fewer grid-passing pair-windows. The density switch leaves
 * them off on the real catalog (about 2.9 objects per occupied cell at 40-s windows, threshold 6). The sweep sorted
 * by (cell, radial bin) ('binned') gives the same events and tests the same pairs as the banded one.
 */
import { describe, expect, it } from 'vitest';
import { screenConjunctions, type ScreeningOptions } from '../src/screening/index.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

describe('screening radial bands', () => {
  const catalog = loadCatalog();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

  it('March 2026 catalog, 18,407 objects × 30 min at 10 km: bands on, off and auto give identical events', () => {
    const base: ScreeningOptions = { start, durationS: 1800, volume: { kind: 'sphere', radiusKm: 10 }, timeScales: ts };
    const off = screenConjunctions(catalog, { ...base, tuning: { radialBands: 'off' } });
    const on = screenConjunctions(catalog, { ...base, tuning: { radialBands: 'on' } });
    const auto = screenConjunctions(catalog, base);
    const autoJs = screenConjunctions(catalog, { ...base, tuning: { compiledSweep: false } });
    console.info(`radial bands, catalog 30 min: ${off.events.length} events; grid pair-windows off ${off.stats.pairWindowsAfterGrid}, on ${on.stats.pairWindowsAfterGrid}`);
    expect(off.events.length, 'events in the half hour').toBeGreaterThan(200);
    expect(on.events).toEqual(off.events);
    expect(auto.events).toEqual(off.events);
    expect(autoJs.events).toEqual(off.events);
    expect(on.stats.pairWindowsAfterLinear).toBe(off.stats.pairWindowsAfterLinear);
    // The bands must remove at least half of the grid-passing pair-windows (the figures are in the message).
    expect(on.stats.pairWindowsAfterGrid, `grid pair-windows on ${on.stats.pairWindowsAfterGrid} vs off ${off.stats.pairWindowsAfterGrid}`).toBeLessThan(
      0.5 * off.stats.pairWindowsAfterGrid,
    );
    // Density switch: with the 60-s windows of all-vs-all the real catalog has more than 6 cell-mates per object, so
    // the JavaScript sweep's 'auto' compares the bands (at 40-s windows it had ~2.9 and ran the plain sweep); the
    // compiled sweep compares them at any density below its binned threshold.
    expect(autoJs.stats.pairWindowsAfterGrid).toBe(on.stats.pairWindowsAfterGrid);
    expect(auto.stats.pairWindowsAfterGrid).toBe(on.stats.pairWindowsAfterGrid);
    const plain40 = screenConjunctions(catalog, { ...base, tuning: { compiledSweep: false, broadPhaseWindowS: 40 } });
    expect(plain40.events).toEqual(off.events);
  });

  it('dense LEO shell, 1,500 objects × 6 h at 50 km: bands on, binned and off give identical events', () => {
    const sets = denseLeoSubset(catalog, 1500);
    const base: ScreeningOptions = { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 50 }, timeScales: ts };
    const off = screenConjunctions(sets, { ...base, tuning: { radialBands: 'off' } });
    const on = screenConjunctions(sets, { ...base, tuning: { radialBands: 'on' } });
    const binned = screenConjunctions(sets, { ...base, tuning: { radialBands: 'binned' } });
    console.info(
      `radial bands, dense shell 6 h: ${off.events.length} events; grid pair-windows off ${off.stats.pairWindowsAfterGrid}, on ${on.stats.pairWindowsAfterGrid}, binned ${binned.stats.pairWindowsAfterGrid}`,
    );
    expect(off.events.length).toBeGreaterThan(100);
    expect(on.events).toEqual(off.events);
    expect(binned.events).toEqual(off.events);
    expect(on.stats.pairWindowsAfterGrid).toBeLessThan(off.stats.pairWindowsAfterGrid);
    // The (cell, radial bin) sweep tests the same pairs as the banded half-neighbourhood sweep, each once.
    expect(binned.stats.pairWindowsAfterGrid).toBe(on.stats.pairWindowsAfterGrid);
    expect(binned.stats.pairWindowsAfterLinear).toBe(on.stats.pairWindowsAfterLinear);
  });
});
