/**
 * Reentry watch and lifetime/compliance routes (issue #14 items 2-3), on SQLite and (when configured) PostgreSQL: a
 * planted decaying object enters the 30-day watch with an alert, is re-predicted when a newer element set showing a
 * faster decay arrives (a second, 'prediction-moved' alert, history of two predictions), high objects stay off the
 * list, a private upload stays private to its tenant, and bad input gets problem+json answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElementSets, writeOmmJson } from '@skylane/core';
import { auth, BACKENDS, makeFixture, SAMPLE_TLE, ts, type Fixture } from './helpers.ts';
import { reentryWatchFor } from '../../src/reentry/watch.ts';

// Space-Track data: read from ../shared/data, never copied into the repository; the case is skipped without it.
const shenzhou11 = fileURLToPath(new URL('../../../../../shared/data/reentry/lauratrain99_Shenzhou11.txt', import.meta.url));
const haveShenzhou11 = existsSync(shenzhou11);
if (!haveShenzhou11) console.info(`skipped: ${shenzhou11} is absent (Space-Track data is never copied into the repository)`);
/** Final Space-Track TIP of the Shenzhou-11 orbital module (../shared/data/reentry/reentry_truth.csv). */
const SHENZHOU11_TRUTH = Date.parse('2020-10-06T13:42:00Z');

/** An OMM JSON record of a circular orbit at ~200 km decaying fast (MEAN_MOTION_DOT in rev/day², as ṅ/2). */
function decaying(id: number, epoch: string, meanMotion: number, ndotHalf: number): Record<string, unknown> {
  return {
    OBJECT_NAME: `PLANTED ${id}`, OBJECT_ID: '2026-999A', EPOCH: epoch, MEAN_MOTION: meanMotion, ECCENTRICITY: 0.0005, INCLINATION: 41.5,
    RA_OF_ASC_NODE: 10, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: id,
    ELEMENT_SET_NO: 999, REV_AT_EPOCH: 1, BSTAR: 0.001, MEAN_MOTION_DOT: ndotHalf, MEAN_MOTION_DDOT: 0,
  };
}

for (const backend of BACKENDS) {
  describe(`reentry watch (${backend.name})`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await makeFixture(backend);
    });
    afterAll(async () => f.close());

    const upload = async (key: string, visibility: 'public' | 'private', records: unknown[]): Promise<void> => {
      const r = await f.app.inject({ method: 'POST', url: `/api/v1/uploads?visibility=${visibility}&name=planted.json`, headers: { ...auth(key), 'content-type': 'application/json' }, payload: JSON.stringify(records) });
      expect(r.statusCode, r.body).toBeLessThan(300);
    };

    it('a planted decaying object enters the watch with an alert; a faster decay re-predicts it and raises prediction-moved', async () => {
      const published: string[] = [];
      const unsubscribe = reentryWatchFor(f.store.db, ts).bus.subscribe(1_000_000, (a) => published.push(a.kind));
      await upload(f.keys.publisher, 'public', [decaying(99001, '2026-03-10T00:00:00', 16.27, 0.002)]);
      const tle = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public&name=iss.tle', headers: { ...auth(f.keys.publisher), 'content-type': 'text/plain' }, payload: SAMPLE_TLE });
      expect(tle.statusCode).toBeLessThan(300);
      const list = (await f.app.inject({ method: 'GET', url: '/api/v1/reentries', headers: auth(f.keys.viewerA) })).json<{ items: { object: number; predictedEpoch: string; windowStart: string; windowEnd: string }[] }>();
      expect(list.items.map((i) => i.object)).toEqual([99001]); // the ISS (416 km) is not on the watch
      const first = list.items[0]!;
      expect(Date.parse(first.windowStart)).toBeLessThan(Date.parse(first.predictedEpoch));
      expect(Date.parse(first.windowEnd)).toBeGreaterThan(Date.parse(first.predictedEpoch));
      const daysToGo = (Date.parse(first.predictedEpoch) - Date.parse('2026-03-10T00:00:00Z')) / 86_400_000;
      expect(daysToGo).toBeGreaterThan(0);
      expect(daysToGo).toBeLessThan(30);

      await upload(f.keys.publisher, 'public', [decaying(99001, '2026-03-11T00:00:00', 16.3, 0.02)]);
      const h = (await f.app.inject({ method: 'GET', url: '/api/v1/reentries/99001', headers: auth(f.keys.viewerB) })).json<{ predictions: { predictedEpoch: string; lastElementEpoch: string }[]; alerts: { kind: string }[] }>();
      expect(h.predictions).toHaveLength(2);
      expect(h.predictions[0]!.lastElementEpoch).toMatch(/^2026-03-11T00:00:00/);
      expect(Date.parse(h.predictions[0]!.predictedEpoch)).toBeLessThan(Date.parse(h.predictions[1]!.predictedEpoch));
      expect(h.alerts.map((a) => a.kind)).toEqual(['prediction-moved', 'entered-watch']);
      // Public alerts reach every tenant's subscribers (the SSE stream /api/v1/reentries/stream reads this bus).
      expect(published).toEqual(['entered-watch', 'prediction-moved']);
      unsubscribe();
    });

    it.skipIf(!haveShenzhou11)('Shenzhou-11 history to 3 days before its reentry: the watch lists it with the precise predictor, the truth inside the window', async () => {
      const sets = readElementSets(readFileSync(shenzhou11, 'utf8'), { timeScales: ts, sourceName: 'Shenzhou11' }).elementSets;
      const cut = sets.filter((x) => Date.parse(ts.formatUtcIso(x.epoch, 3)) <= SHENZHOU11_TRUTH - 3 * 86_400_000).slice(-60);
      await upload(f.keys.operatorB, 'private', JSON.parse(writeOmmJson(cut, { timeScales: ts })) as unknown[]);
      const h = (await f.app.inject({ method: 'GET', url: '/api/v1/reentries/41868', headers: auth(f.keys.viewerB) })).json<{ predictions: { predictedEpoch: string; windowStart: string; windowEnd: string; predictor: string; lastElementEpoch: string }[] }>();
      const p = h.predictions[0]!;
      expect(p.predictor).toBe('reentry-predict-nrlmsise00');
      const toGoH = (SHENZHOU11_TRUTH - Date.parse(p.lastElementEpoch)) / 3_600_000;
      const errH = (Date.parse(p.predictedEpoch) - SHENZHOU11_TRUTH) / 3_600_000;
      console.info(`watch, Shenzhou-11 ${toGoH.toFixed(1)} h out: predicted ${p.predictedEpoch} (error ${errH.toFixed(1)} h), window ${p.windowStart} .. ${p.windowEnd}`);
      expect(Math.abs(errH)).toBeLessThan(0.25 * toGoH);
      expect(Date.parse(p.windowStart)).toBeLessThanOrEqual(SHENZHOU11_TRUTH);
      expect(Date.parse(p.windowEnd)).toBeGreaterThanOrEqual(SHENZHOU11_TRUTH);
    }, 120_000);

    it("a private upload's prediction is visible to its tenant only; an unknown object is a 404 problem", async () => {
      await upload(f.keys.operatorA, 'private', [decaying(99002, '2026-03-10T00:00:00', 16.27, 0.002)]);
      expect((await f.app.inject({ method: 'GET', url: '/api/v1/reentries/99002', headers: auth(f.keys.viewerA) })).statusCode).toBe(200);
      const b = await f.app.inject({ method: 'GET', url: '/api/v1/reentries/99002', headers: auth(f.keys.viewerB) });
      expect(b.statusCode).toBe(404);
      expect(b.headers['content-type']).toMatch(/problem\+json/);
    });

    it('GET /api/v1/lifetime and /api/v1/compliance over the catalog; bad ids are a 400 problem', async () => {
      const l = await f.app.inject({ method: 'GET', url: '/api/v1/lifetime?ids=25544,99001,123456', headers: auth(f.keys.viewerA) });
      expect(l.statusCode, l.body).toBe(200);
      const lj = l.json<{ items: { object: number; lifetimeYears: number }[]; notFound: number[] }>();
      expect(lj.items.find((i) => i.object === 99001)!.lifetimeYears).toBeLessThan(0.1);
      expect(lj.notFound).toEqual([123456]);
      const c = await f.app.inject({ method: 'GET', url: '/api/v1/compliance?ids=25544', headers: auth(f.keys.viewerA) });
      expect(c.statusCode, c.body).toBe(200);
      expect(c.json<{ items: { rule25: { compliant: boolean } }[] }>().items[0]!.rule25.compliant).toBe(true);
      const bad = await f.app.inject({ method: 'GET', url: '/api/v1/lifetime?ids=abc', headers: auth(f.keys.viewerA) });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect((await f.app.inject({ method: 'GET', url: '/api/v1/compliance', headers: auth(f.keys.viewerA) })).statusCode).toBe(400);
    });
  });
}
