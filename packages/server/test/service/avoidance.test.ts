/**
 * `POST /api/v1/events/{eventId}/avoidance-plan`: a plan for the tenant's own event (opened by uploading a CDM for a
 * fleet member) answers the CLI's plan JSON; another tenant's event is 404 without a trace of the plan; bad input is
 * 422 problem+json with the planner's reason. The conjunction is synthetic: two circular 700-km orbits crossing with
 * a 200-m radial miss, TCA 36 h after the service clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdmFromScreening, vec3, writeCdmKvn } from '@skylane/core';
import { auth, makeFixture, SAMPLE_TLE, ts, type Fixture, BACKENDS } from './helpers.ts';

const MU = 398600.4415;
function circular(a: number, inc: number, raan: number, u: number): number[] {
  const v = Math.sqrt(MU / a);
  const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(inc), si = Math.sin(inc), cO = Math.cos(raan), sO = Math.sin(raan);
  return [a * (cO * cu - sO * su * ci), a * (sO * cu + cO * su * ci), a * su * si, v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
}
const diag = (s: number[]): number[] => {
  const m = new Array<number>(36).fill(0);
  s.forEach((x, i) => (m[i * 7] = x * x));
  return m;
};

function conjunctionCdm(): string {
  const a = 6378.137 + 700;
  const p = circular(a, (51.6 * Math.PI) / 180, 0, (40 * Math.PI) / 180);
  const s = circular(a + 0.2, (51.6 * Math.PI) / 180, 0.9, (40 * Math.PI) / 180);
  const rHat = p.slice(0, 3).map((x) => x / a);
  const tca = ts.fromUtc(2026, 3, 12, 0);
  const obj = (id: number, r: number[], v: number[], cov: number[]) => ({ catalogNumber: id, r: vec3<'EME2000'>(r[0]!, r[1]!, r[2]!), v: vec3<'EME2000'>(v[0]!, v[1]!, v[2]!), elementAgeDays: 0, covarianceRtn: cov });
  return writeCdmKvn(
    cdmFromScreening({
      tca,
      creationDate: ts.fromUtc(2026, 3, 10, 11),
      originator: 'TEST',
      messageId: 'AVOID-1',
      object1: obj(25544, p.slice(0, 3), p.slice(3), diag([0.03, 0.2, 0.03, 1e-6, 1e-6, 1e-6])),
      object2: obj(99001, rHat.map((x) => x * (a + 0.2)), s.slice(3), diag([0.05, 0.3, 0.05, 1e-6, 1e-6, 1e-6])),
      hbrM: 20,
      collisionProbability: 3e-5,
      collisionProbabilityMethod: 'FOSTER-1992',
    }),
    ts,
  );
}

describe.each(BACKENDS)('avoidance-plan route on $name', (backend) => {
  let f: Fixture;
  let eventId = 0;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date('2026-03-10T12:00:00Z') } });
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'text/plain' }, payload: SAMPLE_TLE })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a', members: [25544] } })).statusCode).toBe(201);
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: conjunctionCdm() });
    expect(up.statusCode, up.body).toBe(201);
    const events = (await f.app.inject({ url: '/api/v1/events', headers: auth(f.keys.viewerA) })).json<{ items: { id: number }[] }>().items;
    expect(events.length).toBe(1);
    eventId = events[0]!.id;
  });
  afterAll(async () => f.close());

  it('plans a maneuver for the own event: the plan JSON of the CLI', async () => {
    const r = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.operatorA), payload: { targetPc: 1e-6, massKg: 400, ispS: 220, executionTimes: 6, rescreenDays: 0 } });
    expect(r.statusCode, r.body).toBe(200);
    const plan = r.json<{ maneuver: { epoch: string; dvRtnMps: number[]; dvMps: number }; prePc: number; postPc: number; postMissKm: number; leadTimeS: number; propellantKg: number; tradeSpace: { pc: number[][] }; rescreening: { performed: boolean }; warnings: string[]; primary: number }>();
    expect(plan.primary).toBe(25544);
    expect(plan.maneuver.dvRtnMps).toHaveLength(3);
    expect(plan.prePc).toBeGreaterThan(1e-6);
    expect(plan.postPc).toBeLessThanOrEqual(1e-6);
    expect(plan.postMissKm).toBeGreaterThan(0.2);
    expect(Date.parse(plan.maneuver.epoch)).toBeGreaterThanOrEqual(Date.parse('2026-03-10T12:00:00Z'));
    expect(plan.leadTimeS).toBeLessThanOrEqual(36 * 3600 + 1);
    expect(plan.propellantKg).toBeGreaterThan(0);
    expect(plan.tradeSpace.pc).toHaveLength(6);
    expect(plan.rescreening.performed).toBe(false);
  }, 60_000);

  it("another tenant's event is 404, and its body says nothing of the event", async () => {
    const r = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.operatorB), payload: {} });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body).not.toContain('25544');
  });

  it('bad input is 422 problem+json with the reason', async () => {
    const met = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.operatorA), payload: { targetPc: 0.5, rescreenDays: 0 } });
    expect(met.statusCode).toBe(422);
    expect(met.headers['content-type']).toContain('application/problem+json');
    expect(met.json<{ reason: string }>().reason).toBe('TARGET_ALREADY_MET');
    const late = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.operatorA), payload: { earliest: '2026-03-11T23:30:00Z', rescreenDays: 0 } });
    expect(late.statusCode).toBe(422);
    expect(late.json<{ reason: string }>().reason).toBe('WINDOW_EMPTY');
    const both = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.operatorA), payload: { targetPc: 1e-6, targetMissKm: 1 } });
    expect(both.statusCode).toBe(422);
    const viewer = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/avoidance-plan`, headers: auth(f.keys.viewerA), payload: {} });
    expect(viewer.statusCode).toBe(403);
  }, 60_000);
});
