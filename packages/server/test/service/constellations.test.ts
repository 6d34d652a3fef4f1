// Constellation routes: design, coverage and deployment plan over HTTP (viewer role, worker threads), constraint errors as 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage, designConstellation, designElementSets, LAUNCH_VEHICLES, sgp4InputFrom, type ShellSpec } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';

const SHELL: ShellSpec = { kind: 'walker-delta', totalSatellites: 24, planes: 3, phasing: 1, altitudeKm: 1200, inclinationDeg: 55 };

describe('constellation routes', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!, { earlyWarning: { threads: 0 } });
  });
  afterAll(async () => f.close());

  it('POST /api/v1/constellations/design returns OMM JSON (CelesTrak names) exactly as designed, and shell checks', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/constellations/design', headers: auth(f.keys.viewerA), payload: { shells: [SHELL], epoch: '2026-03-10T00:00:00Z' } });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ satellites: number; elements: Record<string, unknown>[]; checks: { minDistanceKm: number }[] }>();
    expect(body.satellites).toBe(24);
    expect(body.elements[0]).toMatchObject({ INCLINATION: 55, ECCENTRICITY: 0, RA_OF_ASC_NODE: 0 });
    expect(body.checks[0]!.minDistanceKm).toBeGreaterThan(100);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/constellations/design', payload: { shells: [SHELL], epoch: '2026-03-10T00:00:00Z' } })).statusCode).toBe(401);
  });

  it('POST /api/v1/constellations/coverage agrees with the in-process engine (worker threads)', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/constellations/coverage', headers: auth(f.keys.viewerA), payload: { shells: [SHELL], epoch: '2026-03-10T00:00:00Z', start: '2026-03-10T00:00:00Z', hours: 1, minElevationDeg: 10, gridDeg: 10, stepS: 120 } });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ coverageFraction: number; perLatitude: unknown[]; samples: number; meanRevisitGapS: number }>();
    const sets = designElementSets(designConstellation({ shells: [SHELL] }), ts.parseUtcIso('2026-03-10T00:00:00Z'));
    const local = computeCoverage({ inputs: sets.map((s) => sgp4InputFrom(s, ts)), startIso: '2026-03-10T00:00:00Z', durationS: 3600, stepS: 120, minElevationDeg: 10, latStepDeg: 10, lonStepDeg: 10 }, ts);
    expect(body.coverageFraction).toBe(local.coverageFraction);
    expect(body.meanRevisitGapS).toBe(local.meanRevisitGapS);
    expect(body.perLatitude).toHaveLength(18);
    expect(body.samples).toBe(31);
    expect(body.coverageFraction).toBeGreaterThan(0.2);
    expect(body.coverageFraction).toBeLessThan(1);
  });

  it('POST /api/v1/constellations/deployment-plan plans launches; an unreachable inclination is a 422 naming SITE_AZIMUTH', async () => {
    const ok = await f.app.inject({ method: 'POST', url: '/api/v1/constellations/deployment-plan', headers: auth(f.keys.viewerA), payload: { shells: [{ ...SHELL, inclinationDeg: 89 }], epoch: '2026-03-10T00:00:00Z', start: '2026-03-10T00:00:00Z', satellitesPerLaunch: 8 } });
    expect(ok.statusCode, ok.body).toBe(200);
    const plan = ok.json<{ launches: { satellites: number; plane: number }[]; fullServiceEpoch: string; totalDvMps: number }>();
    expect(plan.launches.reduce((a, l) => a + l.satellites, 0)).toBe(24);
    const bad = await f.app.inject({
      method: 'POST',
      url: '/api/v1/constellations/deployment-plan',
      headers: auth(f.keys.viewerA),
      payload: {
        shells: [{ ...SHELL, inclinationDeg: 89 }],
        epoch: '2026-03-10T00:00:00Z',
        start: '2026-03-10T00:00:00Z',
        sites: [{ id: 'xichang', latDeg: 28.24556, lonDeg: 102.02667, azimuthRangesDeg: [[90, 130]] }],
        vehicles: [{ ...LAUNCH_VEHICLES.find((v) => v.id === 'cz-8')!, sites: ['xichang'] }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ constraint: 'SITE_AZIMUTH', code: 'ARGUMENT_INVALID' });
    expect(bad.body).toMatch(/SITE_AZIMUTH: site xichang allows azimuths 90–130°/);
  });
});
