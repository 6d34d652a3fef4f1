/**
 * `GET /api/v1/reentries/{catalogNumber}/ground-track` (the dashboard's reentry map layer): a private upload of a
 * synthetic decay (5 element sets from 190 km, precise predictor) stores the window's ground track; its owner reads an
 * RFC 7946 FeatureCollection whose window properties are the listed prediction's and whose track stays within the
 * orbit's inclination (51.6°) and ends at the nominal point; the other tenant gets a 404 problem; a lifetime-model
 * prediction (one element set) has no track.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kozaiMeanMotionRevPerDay, writeOmmJson, type ElementSet } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { closeReentryPool } from '../../src/reentry/parallelReentry.ts';

/** A synthetic decay from 190 km, faster each day (the lifetime screen puts it within 45 days: the precise predictor runs). */
function syntheticDecay(catalogNumber: number, start = ts.fromUtc(2026, 9, 1, 0, 0, 0)): ElementSet[] {
  return [190, 187.5, 184.7, 181.5, 178].map((hKm, day) => ({
    catalogNumber,
    objectName: `DECAY ${catalogNumber}`,
    classification: 'U',
    epoch: start.plusSeconds(day * 86400),
    meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + hKm, 0.0005, 51.6),
    eccentricity: 0.0005,
    inclinationDeg: 51.6,
    raanDeg: 10,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 5e-4,
    meanMotionDotRevPerDay2: 5e-3,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 0,
  }));
}

interface Fc {
  type: string;
  features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
}

describe.each(BACKENDS)('reentry ground track on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0 } });
  });
  afterAll(async () => {
    await f.close();
    await closeReentryPool();
  });

  it("the owner reads the window's GeoJSON track; the other tenant a 404; a lifetime-only prediction has none", async () => {
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=private&name=decay.json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: writeOmmJson(syntheticDecay(99301), { timeScales: ts }) });
    expect(up.statusCode, up.body).toBeLessThan(300);
    const h = (await f.app.inject({ url: '/api/v1/reentries/99301', headers: auth(f.keys.viewerA) })).json<{ predictions: { predictor: string; predictedEpoch: string; windowStart: string; windowEnd: string; hasGroundTrack: boolean }[] }>();
    const p = h.predictions[0]!;
    expect(p.predictor).toBe('reentry-predict-nrlmsise00');
    expect(p.hasGroundTrack).toBe(true);

    const r = await f.app.inject({ url: '/api/v1/reentries/99301/ground-track', headers: auth(f.keys.viewerA) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/geo\+json/);
    const fc = r.json<Fc>();
    expect(fc.type).toBe('FeatureCollection');
    const line = fc.features.find((x) => x.geometry.type === 'MultiLineString')!;
    const point = fc.features.find((x) => x.geometry.type === 'Point')!;
    expect(line.properties['windowStart']).toBe(p.windowStart);
    expect(line.properties['windowEnd']).toBe(p.windowEnd);
    expect(point.properties['epoch']).toBe(p.predictedEpoch);
    const coords = (line.geometry.coordinates as number[][][]).flat();
    expect(coords.length).toBeGreaterThan(10);
    // A circular 51.6° orbit: every sub-point within the inclination, longitudes in range.
    const worstLat = Math.max(...coords.map((c) => Math.abs(c[1]!)));
    expect(worstLat).toBeLessThanOrEqual(51.6 + 0.2);
    expect(worstLat).toBeGreaterThan(45); // a window of more than a day covers the whole latitude band
    expect(coords.every((c) => c[0]! >= -180 && c[0]! <= 180)).toBe(true);
    const [lon, lat] = point.geometry.coordinates as number[];
    expect(Math.abs(lat!)).toBeLessThanOrEqual(51.8);
    expect(Math.abs(lon!)).toBeLessThanOrEqual(180);

    const b = await f.app.inject({ url: '/api/v1/reentries/99301/ground-track', headers: auth(f.keys.viewerB) });
    expect(b.statusCode).toBe(404);
    expect(b.headers['content-type']).toMatch(/problem\+json/);
    expect(b.body).not.toContain('DECAY 99301');

    // One element set: the lifetime model's prediction, without a ground track.
    const one = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=private&name=one.json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: writeOmmJson(syntheticDecay(99302).slice(-1), { timeScales: ts }) });
    expect(one.statusCode, one.body).toBeLessThan(300);
    expect((await f.app.inject({ url: '/api/v1/reentries/99302', headers: auth(f.keys.viewerA) })).statusCode).toBe(200);
    expect((await f.app.inject({ url: '/api/v1/reentries/99302/ground-track', headers: auth(f.keys.viewerA) })).statusCode).toBe(404);
  }, 60_000);
});
