/**
 * Suborbital profile route: the JSON contract of issue 19 over HTTP, a vehicle given inline, and bad input (unknown
 * vehicle, bad vehicle field, bad time) as a 400 problem+json whose detail names the fix. The numerical oracles are
 * in packages/core/test/tourism.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBORBITAL_VEHICLES } from '@skylane/core';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

describe('suborbital routes (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!);
  });
  afterAll(async () => f.close());
  const post = (body: Record<string, unknown>) => f.app.inject({ method: 'POST', url: '/api/v1/suborbital/profile', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('POST /api/v1/suborbital/profile: the contract fields', async () => {
    const r = await post({ vehicle: 'capsule', site: 'jiuquan', launch: '2026-12-07T03:00:00Z', samples: 10, abortStepS: 60, abortSamples: 3 });
    expect(r.statusCode, r.body).toBe(200);
    const j = r.json<{ apogeeKm: number; timeAboveKarmanS: number; microgravityS: number; maxAscentG: number; maxReentryG: number; landing: { lat: number; lon: number; ellipse: { semiMajorKm: number } }; aborts: unknown[]; hazardAreas: { activeFrom: string }[] }>();
    expect(j.apogeeKm).toBeGreaterThan(100);
    expect(j.timeAboveKarmanS).toBeGreaterThan(0);
    expect(j.microgravityS).toBeGreaterThan(150);
    expect(j.maxAscentG).toBeGreaterThan(2);
    expect(j.maxReentryG).toBeGreaterThan(3);
    expect(j.landing.ellipse.semiMajorKm).toBeGreaterThan(0);
    expect(j.aborts.length).toBeGreaterThan(2);
    expect(j.hazardAreas[0]!.activeFrom).toMatch(/^2026-12-07T03:00:00Z$/);
  });

  it('an inline vehicle; bad input is a 400 problem with the reason', async () => {
    const inline = await post({ vehicle: { ...SUBORBITAL_VEHICLES[0], id: 'inline' }, site: 'jiuquan', launch: '2026-12-07T03:00:00Z', samples: 0, abortStepS: 0 });
    expect(inline.statusCode, inline.body).toBe(200);
    expect(inline.json<{ vehicle: string }>().vehicle).toBe('inline');
    const bad = async (body: Record<string, unknown>): Promise<string> => {
      const r = await post(body);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return r.body;
    };
    expect(await bad({ vehicle: 'glider', site: 'jiuquan', launch: '2026-12-07T03:00:00Z' })).toMatch(/Unknown suborbital vehicle/);
    expect(await bad({ vehicle: { ...SUBORBITAL_VEHICLES[0], booster: { ...SUBORBITAL_VEHICLES[0]!.booster, ispVacS: -1 } }, site: 'jiuquan', launch: '2026-12-07T03:00:00Z' })).toMatch(/vehicle\.booster\.ispVacS/);
    expect(await bad({ vehicle: 'capsule', site: 'jiuquan', launch: 'tomorrow' })).toMatch(/tomorrow|ISO|time/i);
    expect(await bad({ vehicle: 'capsule', site: 'jiuquan', launch: '2026-12-07T03:00:00Z', samples: 1e6 })).toMatch(/samples/);
  });
});
