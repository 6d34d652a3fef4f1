/**
 * POST /api/v1/breakup/detect: fragments of a simulated explosion of 815 (NASA standard breakup model, re-observed 12 h
 * later) are detected with parent 815 and the epoch within 10 minutes when tenant A's private catalog holds 815 (the
 * oracle is the simulated truth); tenant B, which cannot see A's rows, gets no parent; unreadable input is a 400 problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeElementSets } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { catalog, elements, epoch, later } from './breakupScenario.ts';


describe('breakup detection route (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!);
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=private&name=cat.tle', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: writeElementSets(catalog, 'tle', { timeScales: ts }) });
    expect(up.statusCode, up.body).toBeLessThan(300);
  });
  afterAll(async () => f.close());

  const detect = (key: string, body: unknown) => f.app.inject({ method: 'POST', url: '/api/v1/breakup/detect', headers: { ...auth(key), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('finds parent 815 and the epoch within 10 minutes for tenant A', async () => {
    const res = await detect(f.keys.viewerA, { elements });
    expect(res.statusCode, res.body).toBe(200);
    const j = res.json<{ detected: boolean; parent: { catalogNumber: number } | null; epoch: string; fragmentCount: number; gabbard: unknown[] }>();
    expect(j.detected).toBe(true);
    expect(j.parent?.catalogNumber).toBe(815);
    expect(Math.abs(ts.parseUtcIso(j.epoch).secondsSince(epoch))).toBeLessThan(600);
    expect(j.gabbard).toHaveLength(later.length);
  }, 60_000);

  it("tenant B does not see A's private catalog: no parent", async () => {
    const res = await detect(f.keys.viewerB, { elements });
    expect(res.statusCode, res.body).toBe(200);
    const j = res.json<{ parent: { catalogNumber: number } | null }>();
    expect(j.parent?.catalogNumber).not.toBe(815);
  }, 60_000);

  it('unreadable element sets are a 400 problem', async () => {
    const res = await detect(f.keys.viewerA, { elements: 'not an element set\n' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
