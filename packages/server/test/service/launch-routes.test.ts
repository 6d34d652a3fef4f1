/**
 * Launch routes: the JSON of a window and a plan over HTTP, and bad input (unknown vehicle, unreachable inclination)
 * as a 400 problem whose detail names the fix. The numerical oracles are in packages/core/test/launch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

describe('launch routes (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!);
  });
  afterAll(async () => f.close());

  it('POST /api/v1/launch/plans: drop zones with activation times', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/launch/plans', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify({ site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 89, altitudeKm: 800, launch: '2024-08-06T06:42:00Z', samples: 5 }) });
    expect(r.statusCode).toBe(200);
    const j = r.json<{ dropZones: { element: string; activeFrom: string; polygon: number[][] }[] }>();
    expect(j.dropZones.length).toBe(3);
    expect(j.dropZones[0]!.activeFrom).toMatch(/^2024-08-06T/);
  });

  it('unknown vehicle and unreachable inclination: 400 with the reason', async () => {
    const bad = async (body: Record<string, unknown>): Promise<string> => {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/launch/plans', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      expect(r.statusCode).toBe(400);
      return r.body;
    };
    expect(await bad({ site: 'taiyuan', vehicle: 'cz-99', inclinationDeg: 89, altitudeKm: 800, launch: '2024-08-06T06:42:00Z' })).toMatch(/Unknown vehicle/);
    expect(await bad({ site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 20, altitudeKm: 800, launch: '2024-08-06T06:42:00Z' })).toMatch(/cannot be reached/);
  });
});
