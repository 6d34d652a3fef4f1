/** Shared loading for the screening tests: the March 2026 SOCRATES-derived catalog bundled in data/catalog (gzip). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTimeScales, readElementSets, type ElementSet } from '../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const catalogPath = path.resolve(repoRoot, 'data/catalog/socrates-catalog-gp-2026-03-10.json.gz');
export const timeScales = createTimeScales();

/** Every element set of the 18,407-object catalog, sorted by catalog number. */
export function loadCatalog(): ElementSet[] {
  const r = readElementSets(gunzipSync(readFileSync(catalogPath)).toString('utf8'), { format: 'auto', timeScales });
  if (r.failures.length > 0) throw new Error(`catalog read failures: ${JSON.stringify(r.failures.slice(0, 3))}`);
  return [...r.elementSets].sort((a, b) => a.catalogNumber - b.catalogNumber);
}

/** A dense LEO subset: near-circular objects between about 480 and 600 km (14.9-15.5 rev/day), first `n` by catalog number. */
export function denseLeoSubset(all: readonly ElementSet[], n: number): ElementSet[] {
  return all.filter((s) => s.meanMotionRevPerDay >= 14.9 && s.meanMotionRevPerDay <= 15.5 && s.eccentricity < 0.01).slice(0, n);
}
