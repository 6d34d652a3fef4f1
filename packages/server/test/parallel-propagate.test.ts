/** Independent-implementation oracle: the worker-thread driver must equal the single-threaded core batch bit for bit. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, evenlySpacedTimes, propagateBatch, readElementSets, sgp4InputFrom } from '@skylane/core';
import { propagateParallel } from '../src/index.ts';

const ts = createTimeScales();
const catalogPath = fileURLToPath(new URL('../../../data/catalog/socrates-catalog-gp-2026-03-10.json.gz', import.meta.url));

describe('propagateParallel (worker threads)', () => {
  it('gives the same states and failures as core propagateBatch for 1 and 2 threads', async () => {
    const text = gunzipSync(readFileSync(catalogPath)).toString('utf8');
    const sets = readElementSets(text, { format: 'omm-json', timeScales: ts }).elementSets.slice(0, 700);
    const inputs = sets.map((s) => sgp4InputFrom(s, ts));
    // one invalid object to check failures are reported with their global index
    inputs.push({ ...inputs[0]!, catalogNumber: 999_999_001, eccentricity: 1.5 });
    const times = evenlySpacedTimes(ts.toUtcDaySeconds(ts.parseUtcIso('2026-03-10T00:00:00Z')), 300, 12);
    const reference = propagateBatch(inputs, times);
    for (const threads of [1, 2]) {
      const states = new Float64Array(reference.states.length);
      const failures = await propagateParallel(inputs, times, {
        threads,
        blockSize: 128,
        onBlock: (first, block) => states.set(block.states, first * times.offsetsS.length * 6),
      });
      expect(failures.map((f) => [f.index, f.code])).toEqual(reference.failures.map((f) => [f.index, f.code]));
      expect(failures.at(-1)?.index).toBe(inputs.length - 1);
      expect(Buffer.from(states.buffer).equals(Buffer.from(reference.states.buffer))).toBe(true);
    }
  });
});
