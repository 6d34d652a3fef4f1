/**
 * Oracle: the single-threaded screener of @skylane/core. The worker-thread driver must give the same events,
 * skipped objects and statistics, bit for bit, for 0 (in-process), 1, 2 and 3 threads, and report progress once
 * per block.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, readElementSets, screenConjunctions, type ElementSet, type ScreeningProgress } from '@skylane/core';
import { screenConjunctionsParallel } from '../src/screening/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const catalogPath = path.resolve(here, '../../..', 'data/catalog/socrates-catalog-gp-2026-03-10.json.gz');
const ts = createTimeScales();

describe('multi-threaded screening driver', () => {
  it('gives identical results for 0, 1, 2 and 3 threads', async () => {
    const all = readElementSets(gunzipSync(readFileSync(catalogPath)).toString('utf8'), { format: 'auto', timeScales: ts }).elementSets;
    const sets: ElementSet[] = all
      .filter((s) => s.meanMotionRevPerDay >= 14.9 && s.meanMotionRevPerDay <= 15.5 && s.eccentricity < 0.01)
      .sort((a, b) => a.catalogNumber - b.catalogNumber)
      .slice(0, 500);
    // One invalid object, so that `skipped` is exercised too.
    sets.push({ ...sets[0]!, catalogNumber: 999999999, eccentricity: 1.5 });
    const options = { start: ts.parseUtcIso('2026-03-10T00:00:00Z'), durationS: 86400, volume: { kind: 'sphere' as const, radiusKm: 5 }, timeScales: ts };
    const single = screenConjunctions(sets, options);
    expect(single.events.length).toBeGreaterThan(20);
    expect(single.skipped.map((s) => s.catalogNumber)).toEqual([999999999]);
    const expected = JSON.stringify(single);
    for (const threads of [0, 1, 2, 3]) {
      const progress: ScreeningProgress[] = [];
      const r = await screenConjunctionsParallel(sets, options, { threads, onProgress: (p) => progress.push(p) });
      expect(JSON.stringify(r), `threads=${threads}`).toBe(expected);
      expect(progress.length).toBe(8);
      expect(progress[progress.length - 1]).toEqual({ blocksDone: 8, blocksTotal: 8, eventsSoFar: single.events.length });
    }
  }, 600_000);
});
