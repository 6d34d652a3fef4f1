/**
 * SATCAT upload (types and owners stored with the public catalog, used by the GP answers and the ADR ranking) and
 * the launch-COLA route. LCOLA oracle: construction — an object is planted in the parking orbit of one candidate
 * launch time (its element set built from the plan's own coast state, 10 min after cut-off); the route must black
 * out that candidate, name the object, and leave candidates 5 min away clear.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coast, inertialToEarthFixed, itrfToTeme, planLaunch, readElementSets, vec3 } from '@skylane/core';
import { seedSatcat } from '../../src/seed.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';

const stations = readFileSync(fileURLToPath(new URL('../../../../validation/celestrak/celestrak-stations-gp-2026-03-10.json', import.meta.url)), 'utf8');
const HEADER = 'OBJECT_NAME,OBJECT_ID,NORAD_CAT_ID,OBJECT_TYPE,OPS_STATUS_CODE,OWNER,LAUNCH_DATE,LAUNCH_SITE,DECAY_DATE,PERIOD,INCLINATION,APOGEE,PERIGEE,RCS,DATA_STATUS_CODE,ORBIT_CENTER,ORBIT_TYPE';
const D = Math.PI / 180;
const MU = 398600.4418;

/** Classical elements of a TEME state (textbook rv2coe; test-only, independent of the core's readers). */
function coe(r: readonly number[], v: readonly number[]): { a: number; e: number; i: number; raan: number; argp: number; m: number } {
  const [x, y, z] = r as [number, number, number];
  const [vx, vy, vz] = v as [number, number, number];
  const rn = Math.hypot(x, y, z);
  const h = [y * vz - z * vy, z * vx - x * vz, x * vy - y * vx] as const;
  const hn = Math.hypot(...h);
  const nodeV = [-h[1], h[0], 0] as const;
  const nn = Math.hypot(...nodeV);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rv = x * vx + y * vy + z * vz;
  const ev = [0, 1, 2].map((k) => ((v2 - MU / rn) * r[k]! - rv * v[k]!) / MU);
  const e = Math.hypot(...ev);
  const a = 1 / (2 / rn - v2 / MU);
  const i = Math.acos(h[2] / hn);
  let raan = Math.acos(nodeV[0] / nn);
  if (nodeV[1] < 0) raan = 2 * Math.PI - raan;
  let argp = Math.acos((nodeV[0] * ev[0]! + nodeV[1] * ev[1]!) / (nn * e));
  if (ev[2]! < 0) argp = 2 * Math.PI - argp;
  let nu = Math.acos((ev[0]! * x + ev[1]! * y + ev[2]! * z) / (e * rn));
  if (rv < 0) nu = 2 * Math.PI - nu;
  const E = 2 * Math.atan(Math.sqrt((1 - e) / (1 + e)) * Math.tan(nu / 2));
  const m = (((E - e * Math.sin(E)) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return { a, e, i, raan, argp, m };
}

/** A fixture with the CelesTrak stations as the public catalog. */
async function stationsFixture(backend: (typeof BACKENDS)[number]): Promise<Fixture> {
  const f = await makeFixture(backend);
  const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: stations });
  expect(up.statusCode).toBe(201);
  return f;
}

for (const backend of BACKENDS) describe(`SATCAT routes (${backend.name})`, () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await stationsFixture(backend);
  });
  afterAll(async () => f.close());

  const satcat = [
    HEADER,
    'ISS (ZARYA),1998-067A,25544,PAY,+,ISS,1998-11-20,TYMSC,,92.9,51.6,420,415,399.05,,EA,ORB',
    'FREGAT DEB,2011-037B,49271,DEB,-,CIS,2011-07-18,TYMSC,,95.0,51.6,500,400,0.1,,EA,ORB',
    'CSS (TIANHE),2021-035A,48274,PAY,+,PRC,2021-04-29,WSC,,92.1,41.5,390,380,100,,EA,ORB',
  ].join('\n');

  it('POST /api/v1/satcat: publisher only; types reach the GP answer and types and owners the ADR ranking', async () => {
    const denied = await f.app.inject({ method: 'POST', url: '/api/v1/satcat', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/csv' }, payload: satcat });
    expect(denied.statusCode).toBe(403);
    const ok = await f.app.inject({ method: 'POST', url: '/api/v1/satcat', headers: { ...auth(f.keys.publisher), 'content-type': 'text/csv' }, payload: satcat });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ accepted: number }>().accepted).toBe(3);
    const summary = await f.app.inject({ method: 'GET', url: '/api/v1/satcat', headers: auth(f.keys.viewerB) });
    expect(summary.json<{ objects: number }>().objects).toBe(3);
    const row = await f.app.inject({ method: 'GET', url: '/api/v1/satcat/48274', headers: auth(f.keys.viewerA) });
    expect(row.json<{ owner: string; objectType: string }>()).toMatchObject({ owner: 'PRC', objectType: 'PAYLOAD' });

    const gp = await f.app.inject({ method: 'GET', url: '/api/v1/gp?CATNR=25544,49271&FORMAT=json', headers: auth(f.keys.viewerA) });
    // The writer leaves OBJECT_TYPE out where the name says it (FREGAT DEB): read the answer back as the dashboard does.
    const read = readElementSets(gp.body, { format: 'omm-json', timeScales: ts }).elementSets;
    expect(read.find((r) => r.catalogNumber === 25544)?.objectType).toBe('PAYLOAD');
    expect(read.find((r) => r.catalogNumber === 49271)?.objectType).toBe('DEBRIS');

    const rank = await f.app.inject({ method: 'GET', url: '/api/v1/adr/ranking?top=100', headers: auth(f.keys.viewerA) });
    const j = rank.json<{ satcatObjects: number; items: { object: number; owner: string | null; type: string; factors: { typeSource: string } }[] }>();
    expect(j.satcatObjects).toBe(3);
    const css = j.items.find((x) => x.object === 48274)!;
    expect(css).toMatchObject({ owner: 'PRC', type: 'PAYLOAD', factors: { typeSource: 'satcat' } });
    const prc = await f.app.inject({ method: 'GET', url: '/api/v1/adr/ranking?top=100&owner=prc', headers: auth(f.keys.viewerA) });
    expect(prc.json<{ items: { object: number }[] }>().items.map((x) => x.object)).toEqual([48274]);
  });

  it('POST /api/v1/satcat: a malformed row is a 422 naming its line; the good rows are stored; an empty body is a 400', async () => {
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/satcat', headers: { ...auth(f.keys.publisher), 'content-type': 'text/csv' }, payload: `${HEADER}\nSHENZHOU-22,2025-999A,66645,PAY,+,PRC,2025-11-25,JSC,,92,41.5,390,380,,,EA,ORB\nBROKEN,1,2,3\n` });
    expect(bad.statusCode).toBe(422);
    const p = bad.json<{ accepted: number; rejected: number; errors: { line: number }[] }>();
    expect(p).toMatchObject({ accepted: 1, rejected: 1 });
    expect(p.errors[0]!.line).toBe(3);
    const empty = await f.app.inject({ method: 'POST', url: '/api/v1/satcat', headers: { ...auth(f.keys.publisher), 'content-type': 'text/csv' }, payload: '' });
    expect(empty.statusCode).toBe(400);
  });

  it('seed time: a satcat.csv(.gz) beside the catalog fills an empty SATCAT table once; a filled table is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylane-satcat-'));
    const file = join(dir, 'satcat.csv.gz');
    writeFileSync(file, gzipSync(satcat));
    expect(await seedSatcat(f.store, [join(dir, 'absent.csv'), file])).toBe(0); // the table already holds rows
    await f.store.db.deleteFrom('satcat').execute();
    expect(await seedSatcat(f.store, [join(dir, 'absent.csv'), file])).toBe(3);
    expect(await seedSatcat(f.store, [join(dir, 'absent.csv')])).toBe(0);
  });

});

describe('LCOLA route (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await stationsFixture(BACKENDS[0]!);
  });
  afterAll(async () => f.close());

  it('POST /api/v1/launch/lcola: blacks out the candidate with an object planted in its parking orbit, and only it', async () => {
    const planInput = { site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 89, altitudeKm: 800, launch: '2026-03-10T06:00:00Z' };
    const launch = ts.parseUtcIso('2026-03-10T06:10:00Z');
    const plan = planLaunch({ siteId: 'taiyuan', vehicleId: 'cz-6a', inclinationRad: 89 * D, altitudeKm: 800, launch: ts.parseUtcIso(planInput.launch), samples: 0 }, ts);
    const c = plan.ascent.cutoff;
    expect(c.reachedOrbit).toBe(true);
    const tS = c.tS + 600;
    const q = coast(c.r, c.v, c.tS, 600, 30).at(-1)!;
    const fixed = inertialToEarthFixed(q.r, q.v, tS);
    const at = ts.plusUtcClockSeconds(launch, tS);
    const teme = itrfToTeme({ r: vec3<'ITRF'>(...fixed.r), v: vec3<'ITRF'>(...fixed.v) }, at, ts);
    const k = coe(teme.r, teme.v);
    const planted = [{ OBJECT_NAME: 'PLANTED', OBJECT_ID: '2026-999A', EPOCH: ts.formatUtcIso(at, 6).replace('Z', ''), MEAN_MOTION: (86400 / (2 * Math.PI)) * Math.sqrt(MU / k.a ** 3), ECCENTRICITY: k.e, INCLINATION: k.i / D, RA_OF_ASC_NODE: k.raan / D, ARG_OF_PERICENTER: k.argp / D, MEAN_ANOMALY: k.m / D, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 270999, ELEMENT_SET_NO: 999, REV_AT_EPOCH: 1, BSTAR: 0, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0 }];
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?format=omm-json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify(planted) });
    expect(up.statusCode).toBe(201);
    const body = { plan: planInput, windowStart: '2026-03-10T06:05:00Z', windowEnd: '2026-03-10T06:15:00Z', launchStepS: 300, parkingMin: 30, standOffKm: 50 };
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/launch/lcola', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode).toBe(200);
    const j = r.json<{ candidates: number; clearCandidates: number; blackouts: { from: string; to: string; conflicts: { objectId: number; missDistanceKm: number; phase: string }[] }[] }>();
    expect(j.candidates).toBe(3);
    const mine = j.blackouts.filter((b) => b.conflicts.some((x) => x.objectId === 270999));
    expect(mine.length).toBe(1);
    // The blackout holds the 06:10 candidate and not the 06:15 one; it may start earlier when the 06:05 candidate has
    // conflicts of its own with the fixture's objects (adjacent candidates' blackouts merge into one interval).
    expect(mine[0]!.from <= '2026-03-10T06:07:30Z').toBe(true);
    expect(mine[0]!.to).toBe('2026-03-10T06:12:30Z');
    const worst = Math.min(...mine[0]!.conflicts.filter((x) => x.objectId === 270999).map((x) => x.missDistanceKm));
    console.info(`LCOLA planted object: miss distance ${worst.toFixed(2)} km (osculating→SGP4 element conversion error)`);
    expect(worst).toBeLessThan(50);

    // Tenant isolation: B does not see A's planted object.
    const rb = await f.app.inject({ method: 'POST', url: '/api/v1/launch/lcola', headers: { ...auth(f.keys.viewerB), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(rb.json<{ blackouts: { conflicts: { objectId: number }[] }[] }>().blackouts.some((b) => b.conflicts.some((x) => x.objectId === 270999))).toBe(false);
  }, 120_000);

  it('POST /api/v1/launch/notams: the 2024-08 NOTAM database month as hazard-area GeoJSON (A2241/24, closed [lon, lat] rings)', async () => {
    const bundle = JSON.parse(gunzipSync(readFileSync(fileURLToPath(new URL('../../../../validation/notam-drop-zones/notam_db.json.gz', import.meta.url)))).toString('utf8')) as Record<string, string>;
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/launch/notams', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify({ content: bundle['2024-08.json'], source: '2024-08.json' }) });
    expect(r.statusCode).toBe(200);
    const j = r.json<{ total: number; excluded: number; failures: unknown[]; geojson: { features: { geometry: { coordinates: number[][][] }; properties: { code: string; activeFrom: string } }[] } }>();
    const a = j.geojson.features.find((x) => x.properties.code === 'A2241/24');
    expect(a).toBeDefined();
    expect(a!.properties.activeFrom).toMatch(/^2024-08-0/);
    for (const x of j.geojson.features) {
      const ring = x.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      expect(ring.every(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90)).toBe(true);
    }
    expect(j.geojson.features.length + j.failures.length + j.excluded).toBe(j.total);
  });

  it('POST /api/v1/launch/lcola: bad input is a 400 with the reason', async () => {
    const post = (body: unknown) => f.app.inject({ method: 'POST', url: '/api/v1/launch/lcola', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const plan = { site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 89, altitudeKm: 800, launch: '2026-03-10T06:00:00Z' };
    const reversed = await post({ plan, windowStart: '2026-03-10T07:00:00Z', windowEnd: '2026-03-10T06:00:00Z' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toMatch(/before windowStart/);
    const vehicle = await post({ plan: { ...plan, vehicle: 'cz-99' }, windowStart: '2026-03-10T06:00:00Z', windowEnd: '2026-03-10T06:10:00Z' });
    expect(vehicle.statusCode).toBe(400);
    expect(vehicle.body).toMatch(/Unknown vehicle/);
  });
});
