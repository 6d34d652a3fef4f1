import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeScales, runPassBatchRequest, SAMPLE_GROUND_NETWORK, type PassBatchRequest } from '@skylane/core';
import { sgp4InputFromOmm, type OmmJson } from '../../../core/test/events/ommHelper.ts';
import { predictPassesParallel } from '../../src/passes/index.ts';

const ts = createTimeScales();
const qianfan = JSON.parse(readFileSync(new URL('../../../core/test/events/fixtures/qianfan-36.json', import.meta.url), 'utf8')) as OmmJson[];

describe('multi-threaded pass prediction', () => {
  it('gives identical results with 0 (in-thread), 1, 2 and 3 worker threads', async () => {
    const inputs = qianfan.map((r) => sgp4InputFromOmm(r, ts));
    inputs.push({ ...inputs[0]!, catalogNumber: 99999, eccentricity: 2 });
    const req: PassBatchRequest = {
      inputs,
      stations: SAMPLE_GROUND_NETWORK.slice(0, 8),
      startIso: '2026-03-10T00:00:00Z',
      stopIso: '2026-03-10T12:00:00Z',
    };
    const reference = runPassBatchRequest(req);
    expect(reference.passes.length).toBeGreaterThan(200);
    expect(reference.failures.map((f) => f.catalogNumber)).toEqual([99999]);
    for (const threads of [0, 1, 2, 3]) {
      const r = await predictPassesParallel(req, { threads, chunkSize: 5 });
      expect(r).toEqual(reference);
    }
  });
});
