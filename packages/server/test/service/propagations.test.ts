/**
 * `POST /api/v1/propagations` (numerical propagation of an OPM in a worker thread): the OSTk 003 exponential-drag
 * 500 km scenario as an OPM against GMAT's state after one day (limit 2 m, issue #12), the same request as OEM with
 * the OPM covariance, and bad input as 400 problem+json naming the body field, line and keyword; a viewer key
 * suffices, no key is a 401.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const GMAT = fileURLToPath(new URL('../../../../validation/ostk-propagation/gmat/003-force-model-exponential-500.csv', import.meta.url));
const last = readFileSync(GMAT, 'utf8').trim().split('\n').at(-1)!.split(',').map(Number);

const opm = (spacecraft: boolean, covariance = false): string => {
  const lines = ['CCSDS_OPM_VERS = 2.0', 'CREATION_DATE = 2026-12-07T00:00:00', 'ORIGINATOR = TEST', 'OBJECT_NAME = OSTK-003-500', 'OBJECT_ID = 2023-001A', 'CENTER_NAME = EARTH', 'REF_FRAME = GCRF', 'TIME_SYSTEM = UTC', 'EPOCH = 2023-01-01T00:00:00', 'X = 6878.137', 'Y = 0', 'Z = 0', 'X_DOT = 0', 'Y_DOT = 7.61260817036', 'Z_DOT = 0'];
  if (spacecraft) lines.push('MASS = 100', 'DRAG_AREA = 1', 'DRAG_COEFF = 2.1');
  if (covariance) {
    const axes = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) lines.push(`C${axes[i]}_${axes[j]} = ${i !== j ? 0 : i < 3 ? 1e-2 : 1e-8}`);
  }
  return `${lines.join('\n')}\n`;
};

describe.each(BACKENDS.slice(0, 1))('POST /api/v1/propagations on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0 } });
  }, 60_000);
  afterAll(async () => f.close());

  it('OSTk 003 exponential 500 km as an OPM: within 2 m of GMAT after one day (JSON, viewer key)', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', headers: auth(f.keys.viewerA), payload: { opm: opm(true), stop: '2023-01-02T00:00:00Z', stepS: 43_200, drag: 'exponential' } });
    expect(r.statusCode, r.body).toBe(200);
    const j = r.json<{ frame: string; forces: string[]; states: { time_utc: string; x_km: number; y_km: number; z_km: number }[] }>();
    expect(j.frame).toBe('GCRF');
    expect(j.forces).toEqual(['gravity-point-mass', 'drag-exponential-vallado']);
    expect(j.states.map((s) => s.time_utc)).toEqual(['2023-01-01T00:00:00.000000Z', '2023-01-01T12:00:00.000000Z', '2023-01-02T00:00:00.000000Z']);
    const s = j.states[2]!;
    const d = Math.hypot(s.x_km - last[1]!, s.y_km - last[2]!, s.z_km - last[3]!) * 1e3;
    console.info(`API 003-500 vs GMAT after one day: ${d.toFixed(3)} m`);
    expect(d).toBeLessThan(2);
  });

  it('OEM with COVARIANCE blocks from the OPM covariance', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', headers: auth(f.keys.viewerA), payload: { opm: opm(true, true), stop: '2023-01-01T01:00:00Z', stepS: 1800, format: 'oem', covariance: true, frame: 'EME2000' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toMatch(/^CCSDS_OEM_VERS = 2\.0/);
    expect(r.body).toMatch(/REF_FRAME = EME2000/);
    expect(r.body.match(/^COV_REF_FRAME = EME2000$/gm)).toHaveLength(3);
  });

  it('bad input: 400 problem+json naming the field; no key: 401', async () => {
    const noMass = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', headers: auth(f.keys.viewerA), payload: { opm: opm(false), stop: '2023-01-01T01:00:00Z', stepS: 600, drag: 'exponential' } });
    expect(noMass.statusCode).toBe(400);
    expect(noMass.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noMass.json<{ detail: string; code: string }>()).toMatchObject({ code: 'FIELD_MISSING' });
    expect(noMass.json<{ detail: string }>().detail).toMatch(/^body\.opm: line \d+, field MASS: /);
    const noSw = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', headers: auth(f.keys.viewerA), payload: { opm: opm(true), stop: '2023-01-01T01:00:00Z', stepS: 600, drag: 'nrlmsise00' } });
    expect(noSw.statusCode).toBe(400);
    expect(noSw.body).toMatch(/space weather/);
    const tooLong = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', headers: auth(f.keys.viewerA), payload: { opm: opm(true), stop: '2023-03-01T00:00:00Z', stepS: 600 } });
    expect(tooLong.statusCode).toBe(400);
    const anon = await f.app.inject({ method: 'POST', url: '/api/v1/propagations', payload: { opm: opm(true), stop: '2023-01-01T01:00:00Z', stepS: 600 } });
    expect(anon.statusCode).toBe(401);
  });
});
