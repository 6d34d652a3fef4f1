/**
 * POST /api/v1/tourism/rendezvous-plan: the JSON contract of `skylane tourism rendezvous --json` over HTTP (the
 * numerical oracle, within 1 km and 1 m/s, is in packages/core/test/tourism/orbital), and bad input as a 400
 * problem+json whose detail names the fix: a phase the fast profile cannot close, an epoch that is not ISO-8601, a
 * state vector of the wrong length. States: ISS-like 420 km circular 51.64°, Soyuz-like 200 × 240 km insertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const MU = 398600.4418;
const D = Math.PI / 180;
function circular(r: number, inc: number, raan: number, u: number, k = 1): number[] {
  const v = Math.sqrt(MU / r) * k;
  const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(inc), si = Math.sin(inc), cO = Math.cos(raan), sO = Math.sin(raan);
  return [r * (cO * cu - sO * su * ci), r * (sO * cu + cO * su * ci), r * su * si, v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
}
const epoch = '2026-12-10T06:00:00Z';
const state = (s: number[], e = epoch) => ({ epoch: e, positionKm: s.slice(0, 3), velocityKmS: s.slice(3) });
const rp = 6378.137 + 200, ra = 6378.137 + 240;
const station = state(circular(6378.137 + 420, 51.64 * D, 30 * D, 0));
const insertion = (behindDeg: number) => state(circular(rp, 51.64 * D, 30 * D, -behindDeg * D, Math.sqrt((2 * ra) / (rp + ra))));

describe('tourism rendezvous route (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!);
  });
  afterAll(async () => f.close());
  const post = (body: unknown) => f.app.inject({ method: 'POST', url: '/api/v1/tourism/rendezvous-plan', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('answers the plan with the contract fields', async () => {
    const r = await post({ station, insertion: insertion(20), profile: 'fast' });
    expect(r.statusCode, r.body).toBe(200);
    const j = r.json<{ burns: { label: string; dvMps: number }[]; totalDeltaVMps: number; dockingEpoch: string; finalMissKm: number; finalRelSpeedMps: number }>();
    expect(j.burns.map((b) => b.label)).toEqual(['phasing-1', 'phasing-2', 'terminal-initiation', 'docking']);
    expect(j.dockingEpoch).toMatch(/^2026-12-10T09:/);
    expect(j.finalMissKm).toBeLessThan(1);
    expect(j.finalRelSpeedMps).toBeLessThan(1);
  });

  it('bad input: 400 problem+json naming the fix', async () => {
    const far = await post({ station, insertion: insertion(90), profile: 'fast' });
    expect(far.statusCode).toBe(400);
    expect(far.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(far.body).toMatch(/cannot close a phase.*longer profile/);
    const badEpoch = await post({ station: { ...station, epoch: 'yesterday' }, insertion: insertion(20), profile: 'fast' });
    expect(badEpoch.statusCode).toBe(400);
    expect(badEpoch.body).toMatch(/station\.epoch/);
    const shortVec = await post({ station: { ...station, positionKm: [7000, 0] }, insertion: insertion(20), profile: 'fast' });
    expect(shortVec.statusCode).toBe(400);
  });
});
