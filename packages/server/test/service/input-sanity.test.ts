// Issue 11 item 7 (input sanity) through the API: impossible records are refused at the door with their field
// (the core rule set of catalog/sanity.ts, shared with the CLI), non-finite numbers are a 400 (not a 500), NAME is a
// plain substring (LIKE wildcards escaped), CSV export neutralises formula cells, TLE export leaves out and counts
// the sets it cannot write instead of failing the whole query, and GROUP=all says when it truncates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GP_LIMITS } from '../../src/http/routes/catalog.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const PROBLEM = /^application\/problem\+json/;
const CDM_EXAMPLE = readFileSync(fileURLToPath(new URL('../../../../validation/orekit-cdm/CDMExample1.txt', import.meta.url)), 'utf8');

/** CelesTrak's ISS OMM record (2026-03-09): the base of every test record. */
const ISS = {
  OBJECT_NAME: 'ISS (ZARYA)',
  OBJECT_ID: '1998-067A',
  EPOCH: '2026-03-09T16:57:59.385984',
  MEAN_MOTION: 15.485472,
  ECCENTRICITY: 0.000802,
  INCLINATION: 51.6323,
  RA_OF_ASC_NODE: 72.271,
  ARG_OF_PERICENTER: 174.6781,
  MEAN_ANOMALY: 185.4294,
  EPHEMERIS_TYPE: 0,
  CLASSIFICATION_TYPE: 'U',
  NORAD_CAT_ID: 25544,
  ELEMENT_SET_NO: 999,
  REV_AT_EPOCH: 55633,
  BSTAR: 0.0001551,
  MEAN_MOTION_DOT: 0.00007976,
  MEAN_MOTION_DDOT: 0,
};

describe.each(BACKENDS)('input sanity on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend);
  });
  afterAll(async () => f.close());

  const upload = (key: string, body: string, query = '', type = 'application/json') => f.app.inject({ method: 'POST', url: `/api/v1/uploads${query}`, headers: { ...auth(key), 'content-type': type }, payload: body });
  const get = (url: string, key = f.keys.viewerA) => f.app.inject({ url, headers: auth(key) });

  it('impossible element sets are rejected with their field; the good one is stored', async () => {
    const r = await upload(f.keys.operatorA, JSON.stringify([ISS, { ...ISS, NORAD_CAT_ID: 90001, MEAN_MOTION: 18 }, { ...ISS, NORAD_CAT_ID: 90002, EPOCH: '1900-01-01T00:00:00' }, { ...ISS, NORAD_CAT_ID: 90003, BSTAR: 1e30 }]), '?name=impossible.json');
    expect(r.statusCode).toBe(422);
    const b = r.json<{ accepted: number; errors: { field: string; code: string; reason: string }[] }>();
    expect(b.accepted).toBe(1);
    expect(b.errors.map((e) => [e.field, e.code])).toEqual([
      ['MEAN_MOTION', 'ELEMENTS_INVALID'],
      ['EPOCH', 'TIME_OUT_OF_RANGE'],
      ['BSTAR', 'ELEMENTS_INVALID'],
    ]);
  });

  it('a CDM with a negative miss distance and an OEM state inside the Earth are rejected naming the field', async () => {
    const cdm = await upload(f.keys.operatorA, CDM_EXAMPLE.replace(/^MISS_DISTANCE(\s*)= 715/m, 'MISS_DISTANCE$1= -715'), '?format=cdm', 'text/plain');
    expect(cdm.statusCode).toBe(422);
    expect(cdm.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('MISS_DISTANCE');
    const hbr = await upload(f.keys.operatorA, CDM_EXAMPLE.replace(/^(TCA\s*=.*)$/m, 'COMMENT HBR = 5 [km]\n$1'), '?format=cdm', 'text/plain');
    expect(hbr.statusCode).toBe(422);
    expect(hbr.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('HBR');
    const oem = [
      'CCSDS_OEM_VERS = 2.0',
      'CREATION_DATE = 2026-03-10T00:00:00',
      'ORIGINATOR = TEST',
      'META_START',
      'OBJECT_NAME = ISS',
      'OBJECT_ID = 25544',
      'CENTER_NAME = EARTH',
      'REF_FRAME = EME2000',
      'TIME_SYSTEM = UTC',
      'START_TIME = 2026-03-10T00:00:00',
      'STOP_TIME = 2026-03-10T00:01:00',
      'META_STOP',
      '2026-03-10T00:00:00 6778.0 0.0 0.0 0.0 7.67 0.0',
      '2026-03-10T00:01:00 6.778 0.46 0.0 -0.5 7.65 0.0',
      '',
    ].join('\n');
    const o = await upload(f.keys.operatorA, oem, '', 'text/plain');
    expect(o.statusCode).toBe(422);
    expect(o.json<{ errors: { field: string; line: number; reason: string }[] }>().errors[0]).toMatchObject({ field: 'X', line: 14 });
  });

  it('limit=Infinity, NaN, 1e400 and an infinite path id are 400 problem+json, not 500', async () => {
    for (const url of ['/api/v1/objects?limit=Infinity', '/api/v1/uploads?limit=NaN', '/api/v1/events?limit=1e400', '/api/v1/uploads/Infinity', '/api/v1/uploads/1e400', '/api/v1/ephemerides/Infinity']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type'], url).toMatch(PROBLEM);
    }
  });

  it('NAME is a plain substring: % and _ match only themselves', async () => {
    await upload(f.keys.operatorB, JSON.stringify([{ ...ISS, NORAD_CAT_ID: 91001, OBJECT_NAME: '50%_OFF SAT' }, { ...ISS, NORAD_CAT_ID: 91002, OBJECT_NAME: 'PLAIN SAT' }]));
    const pct = await get('/api/v1/gp?NAME=%25&FORMAT=json', f.keys.viewerB);
    expect(pct.statusCode).toBe(200);
    expect(pct.json<{ NORAD_CAT_ID: number }[]>().map((x) => x.NORAD_CAT_ID)).toEqual([91001]);
    expect((await get('/api/v1/gp?NAME=_&FORMAT=json', f.keys.viewerB)).json<{ NORAD_CAT_ID: number }[]>().map((x) => x.NORAD_CAT_ID)).toEqual([91001]);
    expect((await get('/api/v1/gp?NAME=N_SAT&FORMAT=json', f.keys.viewerB)).statusCode).toBe(404);
    expect((await get('/api/v1/gp?NAME=!&FORMAT=json', f.keys.viewerB)).statusCode).toBe(404);
  });

  it('CSV export neutralises formula cells', async () => {
    await upload(f.keys.operatorB, JSON.stringify([{ ...ISS, NORAD_CAT_ID: 91003, OBJECT_NAME: '=HYPERLINK("http://evil")' }]));
    const r = await get('/api/v1/gp?CATNR=91003&FORMAT=csv', f.keys.viewerB);
    expect(r.statusCode).toBe(200);
    const row = r.body.trim().split('\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(""http://evil"")"`), row).toBe(true);
  });

  it('TLE export leaves out (and counts) what TLE cannot hold instead of failing the whole query', async () => {
    // A separate tenant view: operator B's private sets. 400000 has no TLE form (Alpha-5 ends at 339999), nor an epoch in 2080.
    await upload(f.keys.operatorB, JSON.stringify([{ ...ISS, NORAD_CAT_ID: 400000, OBJECT_NAME: 'BIG ID' }, { ...ISS, NORAD_CAT_ID: 91004, OBJECT_NAME: 'FAR FUTURE', EPOCH: '2080-01-01T00:00:00' }]));
    const r = await get('/api/v1/gp?GROUP=all&FORMAT=tle', f.keys.viewerB);
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-skylane-omitted']).toBe('2');
    expect(String(r.headers['x-skylane-omitted-reason'])).toMatch(/ID_OUT_OF_RANGE.*TIME_OUT_OF_RANGE|TIME_OUT_OF_RANGE.*ID_OUT_OF_RANGE/);
    expect(r.body).toContain('PLAIN SAT');
    expect(r.body).not.toContain('FAR FUTURE');
    const only = await get('/api/v1/gp?CATNR=91004&FORMAT=tle', f.keys.viewerB);
    expect(only.statusCode).toBe(422);
    expect(only.headers['content-type']).toMatch(PROBLEM);
    expect((await get('/api/v1/gp?CATNR=91004&FORMAT=json', f.keys.viewerB)).statusCode).toBe(200);
  });

  it('GROUP=all says when it truncates (X-Skylane-Truncated), and not when it does not', async () => {
    const full = await get('/api/v1/gp?GROUP=all&FORMAT=json', f.keys.viewerB);
    const n = full.json<unknown[]>().length;
    expect(n).toBeGreaterThan(2);
    expect(full.headers['x-skylane-truncated']).toBeUndefined();
    const saved = GP_LIMITS.groupAll;
    GP_LIMITS.groupAll = 2;
    try {
      const cut = await get('/api/v1/gp?GROUP=all&FORMAT=json', f.keys.viewerB);
      expect(cut.json<unknown[]>().length).toBe(2);
      expect(String(cut.headers['x-skylane-truncated'])).toMatch(/^2;/);
    } finally {
      GP_LIMITS.groupAll = saved;
    }
  });

  it('a screening window decades from the elements, or after 2100, is a 400 naming start', async () => {
    const fleet = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'sanity', members: [25544] } });
    expect(fleet.statusCode).toBe(201);
    const fleetId = fleet.json<{ id: number }>().id;
    for (const start of ['2066-03-10T00:00:00Z', '2150-01-01T00:00:00Z']) {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/screenings', headers: auth(f.keys.operatorA), payload: { fleetId, start, windowDays: 1 } });
      expect(r.statusCode, start).toBe(400);
      expect(r.json<{ detail: string }>().detail).toMatch(/^start: /);
    }
  });
});
