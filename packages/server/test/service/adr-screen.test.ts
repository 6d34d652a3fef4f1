/**
 * POST /api/v1/adr/screen (issue #15 item 3), construction oracle: a servicer mission whose only target is the ISS
 * (proximity operations at the station for a day) is screened against the CelesTrak stations catalog. The vehicles
 * docked to the ISS (Poisk, Progress, Soyuz, ...) share its element set, so they must come out as conflicts of the
 * proximity phase within the stand-off, while the ISS itself, the servicer's own target, is excluded. A target the
 * tenant cannot see is a 404 problem, a malformed solution line a 400.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGtoc9Solution, type Gtoc9Event } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';

const stations = readFileSync(fileURLToPath(new URL('../../../../validation/celestrak/celestrak-stations-gp-2026-03-10.json', import.meta.url)), 'utf8');

function utcDay(iso: string): number {
  const u = ts.toUtcDaySeconds(ts.parseUtcIso(iso));
  return u.mjd - 51544 + u.seconds / 86400;
}

function oneTargetSolution(id: number, fromDay: number, toDay: number): string {
  const ev = (epochMjd2000: number): Gtoc9Event => ({ line: 0, epochMjd2000, rKm: [6800, 0, 0], vKms: [0, 7.6, 0], massKg: 2030, dvKms: [0, 0, 0], id });
  return writeGtoc9Solution([{ events: [ev(fromDay), ev(toDay)] }]);
}

for (const backend of BACKENDS.slice(0, 1)) describe(`ADR servicer screening route (${backend.name})`, () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend);
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: stations });
    expect(up.statusCode).toBe(201);
  });
  afterAll(async () => f.close());

  it('reports the docked vehicles as proximity conflicts and excludes the ISS itself', async () => {
    const t0 = utcDay('2026-03-10T06:00:00Z');
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/adr/screen', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: { solution: oneTargetSolution(25544, t0, t0 + 1), days: 0.25, standOffKm: 20 } });
    expect(res.statusCode).toBe(200);
    const r = res.json<{ fromUtc: string; objectsScreened: number; excludedOwnTarget: number; conflicts: { objectId: number; phase: string; fromTarget: number; missDistanceKm: number }[] }>();
    expect(r.fromUtc).toBe('2026-03-10T06:00:00.000Z');
    const ids = new Set(r.conflicts.map((c) => c.objectId));
    expect(ids.has(25544)).toBe(false);
    expect(r.excludedOwnTarget).toBeGreaterThan(0);
    for (const docked of [36086, 64751, 66664]) expect(ids.has(docked), `docked vehicle ${docked} among the conflicts`).toBe(true);
    for (const c of r.conflicts) {
      expect(c.phase).toBe('proximity');
      expect(c.fromTarget).toBe(25544);
      expect(c.missDistanceKm).toBeLessThanOrEqual(20);
    }
    const worst = Math.max(...r.conflicts.filter((c) => c.objectId === 36086).map((c) => c.missDistanceKm));
    console.info(`ISS proximity: ${r.conflicts.length} conflicts, ${ids.size} objects, Poisk at most ${worst.toFixed(2)} km (planner's J2 mean-element orbit vs SGP4), ${r.excludedOwnTarget} own-target encounters excluded`);
  }, 60_000);

  it('answers typed problems: unknown target 404, malformed solution line 400', async () => {
    const t0 = utcDay('2026-03-10T06:00:00Z');
    const missing = await f.app.inject({ method: 'POST', url: '/api/v1/adr/screen', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: { solution: oneTargetSolution(99999, t0, t0 + 1), days: 0.1 } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/adr/screen', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: { solution: '9565 1 2 3\n', days: 0.1 } });
    expect(bad.statusCode).toBe(400);
  });
});
