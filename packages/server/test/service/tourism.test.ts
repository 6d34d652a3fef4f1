/**
 * Tourism manifest service (issue 19 items 4-5) on SQLite and (when configured) PostgreSQL: vehicles, site cadence,
 * flights refused when they break turnaround or cadence (409 naming the rule), passengers and seats, the launch-day
 * go/no-go built from the manifest (GO, then NO-GO naming the passenger whose medical clearance has expired), the
 * passenger-facing summary from a stored profile, scheduling, erasure of a passenger, tenant isolation of passengers
 * (another tenant gets 404 and never sees them in a list), and passenger names never written to the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const NAME = 'Zelda Quixotic-Passenger';
const DAY_INPUTS = {
  hazardAreas: [{ id: 'HA-1', polygonDeg: [[30, 121], [30, 122], [31, 122], [31, 121]], activeFromUtc: '2026-07-20T01:30:00Z', activeToUtc: '2026-07-20T03:00:00Z' }],
  traffic: [{ id: 'MV-ONE', kind: 'vessel', latDeg: 29.5, lonDeg: 121.5 }],
  lcola: { windowStart: '2026-07-20T01:00:00Z', windowEnd: '2026-07-20T04:00:00Z', blackouts: [] },
  recovery: { landingZone: { latDeg: 30, lonDeg: 120, stationRadiusKm: 50 }, assets: [{ id: 'ship-1', kind: 'ship', latDeg: 30.1, lonDeg: 120.1 }], required: { ship: 1 } },
  weather: { surfaceWindMps: 5, gustMps: 8, waveHeightM: 1 },
  vehicle: { openAnomalies: 0 },
};
const PROFILE = { apogeeKm: 105.2, timeAboveKarmanS: 160, microgravityS: 190, maxAscentG: 3.1, maxReentryG: 5.4, flightDurationS: 620, events: [{ name: 'apogee', tS: 250 }], landing: { lat: 30, lon: 120, ellipse: { semiMajorKm: 5, semiMinorKm: 2 } } };

for (const backend of BACKENDS) {
  describe(`tourism manifest (${backend.name})`, () => {
    let f: Fixture;
    const lines: string[] = [];
    let vehicleId = 0;
    let flightId = 0;
    let p1 = 0;
    let p2 = 0;
    beforeAll(async () => {
      f = await makeFixture(backend, { logger: { level: 'debug', stream: { write: (l: string) => lines.push(l) } } });
    });
    afterAll(async () => f.close());
    const call = async (key: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
      const r = await f.app.inject({ method, url, headers: auth(key), ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
      return { status: r.statusCode, body: r.body, contentType: String(r.headers['content-type']), json: () => JSON.parse(r.body) as Record<string, unknown> & { items: Record<string, unknown>[] } };
    };

    it('vehicles, site cadence and flights: turnaround and cadence conflicts are 409 naming the rule', async () => {
      const v = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/vehicles', { name: 'Capsule-1', vehicleClass: 'capsule-sea', turnaroundS: 10 * 86400 });
      expect(v.status, v.body).toBe(201);
      vehicleId = v.json()['id'] as number;
      expect(v.json()).toMatchObject({ seats: 4, turnaroundS: 864000, limits: { maxWaveHeightM: 1.8 } });
      const v2 = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/vehicles', { name: 'Capsule-2', vehicleClass: 'capsule' });
      expect(v2.status).toBe(201);
      expect((await call(f.keys.operatorA, 'POST', '/api/v1/tourism/vehicles', { name: 'X', vehicleClass: 'balloon' })).status).toBe(400);
      expect((await call(f.keys.viewerA, 'POST', '/api/v1/tourism/vehicles', { name: 'Y', vehicleClass: 'capsule' })).status).toBe(403);
      expect((await call(f.keys.operatorA, 'PUT', '/api/v1/tourism/sites/pad-1', { minIntervalS: 2 * 86400 })).status).toBe(200);
      const fl = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/flights', { name: 'TF-1', site: 'pad-1', plannedLaunchUtc: '2026-07-20T02:00:00Z', vehicleId });
      expect(fl.status, fl.body).toBe(201);
      flightId = fl.json()['id'] as number;
      const turn = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/flights', { name: 'TF-2', site: 'pad-2', plannedLaunchUtc: '2026-07-25T02:00:00Z', vehicleId });
      expect(turn.status).toBe(409);
      expect(turn.json()['conflicts']).toMatchObject([{ kind: 'turnaround', value: 5 * 86400, limit: 10 * 86400 }]);
      const cad = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/flights', { name: 'TF-3', site: 'pad-1', plannedLaunchUtc: '2026-07-21T02:00:00Z', vehicleId: v2.json()['id'] });
      expect(cad.status).toBe(409);
      expect(cad.json()['conflicts']).toMatchObject([{ kind: 'cadence', value: 86400, limit: 2 * 86400 }]);
      expect(cad.contentType).toContain('application/problem+json');
      const ok = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/flights', { name: 'TF-4', site: 'pad-1', plannedLaunchUtc: '2026-07-22T02:00:00Z', vehicleId: v2.json()['id'] });
      expect(ok.status, ok.body).toBe(201);
    });

    it('passengers and seats; go/no-go GO, then NO-GO naming the seat whose medical clearance expired', async () => {
      const a = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/passengers', { name: NAME, trainingStatus: 'complete', medicalStatus: 'cleared', medicalExpiresUtc: '2026-12-31T00:00:00Z' });
      expect(a.status, a.body).toBe(201);
      p1 = a.json()['id'] as number;
      const b = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/passengers', { name: 'Second Passenger', trainingStatus: 'complete', medicalStatus: 'cleared', medicalExpiresUtc: '2026-08-31T00:00:00Z' });
      p2 = b.json()['id'] as number;
      expect((await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/seats`, { passengerId: p1, seat: '1A' })).status).toBe(201);
      expect((await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/seats`, { passengerId: p2, seat: '1A' })).status).toBe(409);
      expect((await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/seats`, { passengerId: p1, seat: '1B' })).status).toBe(409);
      expect((await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/seats`, { passengerId: p2, seat: '1B' })).status).toBe(201);
      const go = await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/go-no-go`, DAY_INPUTS);
      expect(go.status, go.body).toBe(200);
      expect(go.json()['failing'], go.body).toEqual([]);
      expect(go.json()['verdict']).toBe('GO');
      expect(go.body).not.toContain(NAME);
      expect((await call(f.keys.operatorA, 'PATCH', `/api/v1/tourism/passengers/${p2}`, { medicalExpiresUtc: '2026-07-19T00:00:00Z' })).status).toBe(200);
      const nogo = await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/go-no-go`, { ...DAY_INPUTS, weather: { surfaceWindMps: 14, gustMps: 8, waveHeightM: 1 } });
      expect(nogo.json()['verdict']).toBe('NO-GO');
      expect((nogo.json()['failing'] as { item: string; subject?: string; value: unknown; limit: unknown }[]).map((x) => [x.item, x.subject ?? null, x.value, x.limit])).toEqual([
        ['surface-wind', null, 14, 12.9],
        ['passenger-medical', 'seat 1B', '2026-07-19T00:00:00Z', '2026-07-20T02:00:00Z'],
      ]);
      const missing = await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/go-no-go`, {});
      expect(missing.json()['verdict']).toBe('NO-GO');
      expect((missing.json()['failing'] as { reason: string }[]).filter((x) => x.reason === 'missing').length).toBeGreaterThanOrEqual(6);
      const bad = await call(f.keys.operatorA, 'POST', `/api/v1/tourism/flights/${flightId}/go-no-go`, { ...DAY_INPUTS, weather: { surfaceWindMps: 'calm' } });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('$.weather.surfaceWindMps');
      const stored = await call(f.keys.viewerA, 'GET', `/api/v1/tourism/flights/${flightId}`);
      expect((stored.json()['lastGoNoGo'] as { verdict: string }).verdict).toBe('NO-GO');
    });

    it('passenger-facing summary from the stored profile; scheduling proposes dates clear of turnaround and cadence', async () => {
      expect((await call(f.keys.operatorA, 'PATCH', `/api/v1/tourism/flights/${flightId}`, { profile: PROFILE })).status).toBe(200);
      const s = await call(f.keys.viewerA, 'GET', `/api/v1/tourism/flights/${flightId}/summary?passengerId=${p1}`);
      expect(s.status, s.body).toBe(200);
      expect(s.json()).toMatchObject({ flight: 'TF-1', seat: { seat: '1A', passengerId: p1, name: NAME }, keyNumbers: { apogeeKm: 105.2, microgravityS: 190, maxReentryG: 5.4 }, landing: { lat: 30 } });
      expect((s.json()['timeline'] as { event: string; utc: string }[]).map((t) => [t.event, t.utc])).toEqual([
        ['liftoff', '2026-07-20T02:00:00Z'],
        ['apogee', '2026-07-20T02:04:10Z'],
        ['touchdown', '2026-07-20T02:10:20Z'],
      ]);
      const sch = await call(f.keys.viewerA, 'POST', '/api/v1/tourism/schedule', { requests: [{ id: 'r1', site: 'pad-1', earliestUtc: '2026-07-20T00:00:00Z', passengers: 3, vehicleId }] });
      expect(sch.status, sch.body).toBe(200);
      // TF-1 flies the vehicle on 07-20 02:00 (10 d turnaround): the first slot is 07-30 02:00; pad-1 is free then.
      expect(sch.json()['assigned']).toEqual([{ id: 'r1', vehicleId, site: 'pad-1', launchUtc: '2026-07-30T02:00:00Z', passengers: 3 }]);
    });

    it("another tenant's passengers are refused (404) and never listed", async () => {
      for (const [m, url, body] of [
        ['GET', `/api/v1/tourism/passengers/${p1}`],
        ['PATCH', `/api/v1/tourism/passengers/${p1}`, { trainingStatus: 'not-started' }],
        ['DELETE', `/api/v1/tourism/passengers/${p1}`],
        ['GET', `/api/v1/tourism/flights/${flightId}/summary?passengerId=${p1}`],
        ['GET', `/api/v1/tourism/flights/${flightId}/seats`],
      ] as const) {
        const r = await call(f.keys.adminB, m, url, body);
        expect(r.status, `${m} ${url}`).toBe(404);
        expect(r.body).not.toContain(NAME);
      }
      // B's flight with A's passenger id: A's passenger is not B's.
      const bv = await call(f.keys.operatorB, 'POST', '/api/v1/tourism/vehicles', { name: 'B-cap', vehicleClass: 'capsule' });
      const bf = await call(f.keys.operatorB, 'POST', '/api/v1/tourism/flights', { name: 'B-1', site: 'pad-1', plannedLaunchUtc: '2026-07-20T02:00:00Z', vehicleId: bv.json()['id'] });
      expect(bf.status, bf.body).toBe(201);
      const seat = await call(f.keys.operatorB, 'POST', `/api/v1/tourism/flights/${bf.json()['id'] as number}/seats`, { passengerId: p1, seat: '1A' });
      expect(seat.status).toBe(404);
      expect(seat.body).not.toContain(NAME);
      const list = await call(f.keys.adminB, 'GET', '/api/v1/tourism/passengers');
      expect(list.status).toBe(200);
      expect(list.json().items).toEqual([]);
      expect((await call(f.keys.adminB, 'GET', '/api/v1/tourism/flights')).json().items.map((x) => x['name'])).toEqual(['B-1']);
      expect((await call(f.keys.viewerA, 'GET', `/api/v1/tourism/passengers/${p1}`)).json()['name']).toBe(NAME);
    });

    it('a passenger is erased with their seats; no passenger name was ever logged (bodies, errors)', async () => {
      // An invalid body carrying the name: the 400 neither echoes nor logs it.
      const bad = await call(f.keys.operatorA, 'POST', '/api/v1/tourism/passengers', { name: NAME, medicalStatus: `${NAME} maybe` });
      expect(bad.status).toBe(400);
      expect(bad.body).not.toContain(NAME);
      expect((await call(f.keys.operatorA, 'DELETE', `/api/v1/tourism/passengers/${p1}`)).status).toBe(204);
      expect((await call(f.keys.viewerA, 'GET', `/api/v1/tourism/passengers/${p1}`)).status).toBe(404);
      const seats = await call(f.keys.viewerA, 'GET', `/api/v1/tourism/flights/${flightId}/seats`);
      expect(seats.json().items.map((x) => x['seat'])).toEqual(['1B']);
      expect(lines.length).toBeGreaterThan(10);
      expect(lines.join('\n')).not.toContain(NAME);
    });
  });
}
