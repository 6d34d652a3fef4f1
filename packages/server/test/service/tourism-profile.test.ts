/**
 * Tourism manifest × suborbital model (issue 19): a flight of a `capsule`-class vehicle from a launch site gets its
 * profile computed by planSuborbitalFlight and cached (summary: apogee and microgravity time equal to the model's for
 * the same inputs, the downsampled altitude/g series, peak g, landing ellipse; recomputed when the launch moves); a
 * flight with a vehicle over a g limit is NO-GO at go/no-go naming the violation.
 */
import { createTimeScales, findLaunchSite, findSuborbitalVehicle, IERS_LEAP_SECONDS, planSuborbitalFlight } from '@skylane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const capsule = findSuborbitalVehicle('capsule');
const HOT = { ...capsule, id: 'hot-upright', booster: { ...capsule.booster, thrustSlKn: 1200, thrustVacKn: 1300 }, capsule: { ...capsule.capsule, seating: 'upright' } };
const DAY = {
  hazardAreas: [],
  traffic: [],
  lcola: { windowStart: '2026-07-20T01:00:00Z', windowEnd: '2026-07-29T04:00:00Z', blackouts: [] },
  recovery: { landingZone: { latDeg: 40.96, lonDeg: 100.29, stationRadiusKm: 500 }, assets: [{ id: 'truck-1', kind: 'ground', latDeg: 40.96, lonDeg: 100.29 }] },
  weather: { surfaceWindMps: 4, gustMps: 6 },
  vehicle: { openAnomalies: 0 },
};

for (const backend of BACKENDS) {
  describe(`tourism manifest profile from the suborbital model (${backend.name})`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await makeFixture(backend);
    });
    afterAll(async () => f.close());
    const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
      const r = await f.app.inject({ method, url, headers: auth(method === 'GET' ? f.keys.viewerA : f.keys.operatorA), ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
      return { status: r.statusCode, body: r.body, json: () => JSON.parse(r.body) as Record<string, unknown> };
    };

    it('capsule flight from jiuquan: summary apogee and microgravity equal planSuborbitalFlight; recomputed when moved', async () => {
      const v = await call('POST', '/api/v1/tourism/vehicles', { name: 'NS-capsule', vehicleClass: 'capsule' });
      expect(v.status, v.body).toBe(201);
      const fl = await call('POST', '/api/v1/tourism/flights', { name: 'SUB-1', site: 'jiuquan', plannedLaunchUtc: '2026-07-20T02:00:00Z', vehicleId: v.json()['id'] });
      expect(fl.status, fl.body).toBe(201);
      const id = fl.json()['id'] as number;
      const s = await call('GET', `/api/v1/tourism/flights/${id}/summary`);
      expect(s.status, s.body).toBe(200);
      const sum = s.json() as { profileSource: string; keyNumbers: Record<string, number>; plot: { tS: number; altKm: number; g: number }[]; landing: { ellipse: { semiMajorKm: number; polygonLonLatDeg: unknown[] } } };
      const ref = planSuborbitalFlight({ vehicle: capsule, site: findLaunchSite('jiuquan'), launch: ts.parseUtcIso('2026-07-20T02:00:00Z'), samples: 0, abortStepS: 0 }).nominal;
      expect(sum.profileSource).toBe('computed');
      expect(Math.abs(sum.keyNumbers['apogeeKm']! - ref.apogeeKm), 'apogee vs planSuborbitalFlight (km)').toBeLessThan(1e-3);
      expect(Math.abs(sum.keyNumbers['microgravityS']! - ref.microgravityS), 'microgravity vs planSuborbitalFlight (s)').toBeLessThan(0.01);
      expect(Math.abs(sum.keyNumbers['timeAboveKarmanS']! - ref.timeAboveKarmanS)).toBeLessThan(0.01);
      expect(sum.keyNumbers['peakG']).toBeCloseTo(Math.max(ref.maxAscentG, ref.maxReentryG, ref.maxParachuteG), 2);
      expect(sum.plot.length).toBeGreaterThan(50);
      expect(sum.landing.ellipse.semiMajorKm).toBeGreaterThan(0);
      expect(sum.landing.ellipse.polygonLonLatDeg.length).toBeGreaterThan(8);
      const moved = await call('PATCH', `/api/v1/tourism/flights/${id}`, { plannedLaunchUtc: '2026-07-22T02:00:00Z' });
      expect(moved.status, moved.body).toBe(200);
      expect((moved.json()['profile'] as { launch: string }).launch).toBe('2026-07-22T02:00:00.0Z');
      const go = await call('POST', `/api/v1/tourism/flights/${id}/go-no-go`, DAY);
      const pc = (go.json()['items'] as { item: string; status: string }[]).find((i) => i.item === 'profile-check');
      expect(pc?.status, go.body).toBe('go');
    });

    it('a vehicle whose profile exceeds a g limit: go/no-go NO-GO naming axis, value, limit and time', async () => {
      const v = await call('POST', '/api/v1/tourism/vehicles', { name: 'Hot', vehicleClass: 'capsule' });
      const fl = await call('POST', '/api/v1/tourism/flights', { name: 'SUB-HOT', site: 'jiuquan', plannedLaunchUtc: '2026-07-25T02:00:00Z', vehicleId: v.json()['id'], suborbitalVehicle: HOT });
      expect(fl.status, fl.body).toBe(201);
      const go = await call('POST', `/api/v1/tourism/flights/${fl.json()['id'] as number}/go-no-go`, DAY);
      expect(go.status, go.body).toBe(200);
      expect(go.json()['verdict']).toBe('NO-GO');
      const pc = (go.json()['failing'] as { item: string; detail: string }[]).find((i) => i.item === 'profile-check');
      expect(pc?.detail, go.body).toMatch(/\+Gz \d+\.\d\d g > limit 6 g for more than 1 s at T\+\d+\.\d s/);
      const bad = await call('POST', '/api/v1/tourism/flights', { name: 'SUB-BAD', site: 'pad-9', plannedLaunchUtc: '2026-08-25T02:00:00Z', vehicleId: v.json()['id'], suborbitalVehicle: 'capsule' });
      expect(bad.status).toBe(400);
    });
  });
}
