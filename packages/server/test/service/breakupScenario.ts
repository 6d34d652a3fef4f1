/**
 * Test helper: the breakup scenario of the breakup-route, breakup-alerts and breakup-webhooks tests. A simulated
 * explosion of 815 (NASA standard breakup model, seed 3) at 2026-03-10T06:00Z, its fragments re-fitted 12 h later (one
 * every 10 min), written as TLE; `catalog` holds the parent and three unrelated objects from the bundled snapshot.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readElementSets, reEpochElementSet, simulateBreakup, writeElementSets, type ElementSet } from '@skylane/core';
import { ts } from './helpers.ts';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const all = readElementSets(gunzipSync(readFileSync(`${repo}data/catalog/socrates-catalog-gp-2026-03-10.json.gz`)).toString('utf8'), { format: 'auto', timeScales: ts }).elementSets;
export const catalog = all.filter((s) => s.catalogNumber === 815 || s.catalogNumber === 25544 || s.catalogNumber === 20580 || s.catalogNumber === 5);
export const epoch = ts.parseUtcIso('2026-03-10T06:00:00Z');
export const sim = simulateBreakup({ parent: catalog.find((s) => s.catalogNumber === 815)!, epoch, timeScales: ts, type: 'explosion', objectClass: 'rocketBody', minLcM: 0.3, seed: 3 });
export const later: ElementSet[] = sim.fragments.flatMap((f, k) => {
  try {
    return [reEpochElementSet(f.elementSet, epoch.plusSeconds(43200 + k * 600), ts)];
  } catch {
    return [];
  }
});
export const elements = writeElementSets(later, 'tle', { timeScales: ts });
