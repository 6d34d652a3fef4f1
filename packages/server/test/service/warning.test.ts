// Early warning on every backend: screening jobs (202 + progress), events stable across updates with their history
// and CDMs (Pc recomputed from the downloaded CDM), alert levels on escalation and de-escalation, acknowledgement,
// closing passed events, restart recovery and the upload re-screen hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustToTrueTca, conjunctionFromCdm, cdmHardBodyRadiusM, pcFoster1992, readCdm, writeOemKvn } from '@skylane/core';
import { EarlyWarningService } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { FLEET, runScreening, SMALL_CATALOG, WINDOW, type EventView } from './warningHelpers.ts';

describe.each(BACKENDS)('early warning on $name', (backend) => {
  let f: Fixture;
  let fleetId: number;
  let clock = new Date('2026-03-10T12:00:00Z');
  const events = async (query = ''): Promise<EventView[]> => (await f.app.inject({ url: `/api/v1/events?limit=1000${query}`, headers: auth(f.keys.viewerA) })).json<{ items: EventView[] }>().items;

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => clock } });
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) });
    expect(up.statusCode).toBe(201);
    const fl = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet', members: FLEET } });
    fleetId = fl.json<{ id: number }>().id;
  });
  afterAll(async () => f.close());

  it('a screening job answers 202 with its URL, runs, and its events carry a CDM whose Pc reads back', async () => {
    const job = await runScreening(f, f.keys.operatorA, fleetId);
    expect(job.status).toBe('succeeded');
    expect(job.result.conjunctions).toBeGreaterThanOrEqual(5);
    expect(job.result.eventsCreated).toBe(job.result.conjunctions);
    const list = await events();
    expect(list.length).toBe(job.result.conjunctions);
    const iss = list.filter((e) => e.object1 === 25544 && e.object2 === 52757).sort((a, b) => a.tca.localeCompare(b.tca))[0]!;
    // The first ISS-52757 encounter of the window (3283 s after 12:00, 4.417 km) from the engine's own screening.
    expect(iss.tca).toMatch(/^2026-03-10T12:54:4/);
    expect(iss.missDistanceKm).toBeCloseTo(4.417, 3);
    for (const e of list) {
      expect(e.status).toBe('open');
      expect(FLEET.includes(e.object1) || FLEET.includes(e.object2)).toBe(true);
      const kvn = await f.app.inject({ url: `/api/v1/events/${e.id}/cdm?format=kvn`, headers: auth(f.keys.viewerA) });
      expect(kvn.statusCode).toBe(200);
      const cdm = readCdm(kvn.body, { timeScales: ts }).cdms[0]!;
      expect(cdm.relative.missDistanceKm).toBeCloseTo(e.missDistanceKm, 6);
      expect(cdm.relative.collisionProbabilityMethod).toBe('FOSTER-1992');
      // Independent path: Pc recomputed from the downloaded CDM (text-rounded states) equals the stored Pc.
      const pc = pcFoster1992(adjustToTrueTca(conjunctionFromCdm(cdm)).conjunction, cdmHardBodyRadiusM(cdm)! / 1000).pc;
      expect(Math.abs(pc - e.pc)).toBeLessThanOrEqual(1e-6 * Math.max(e.pc, 1e-300) + 1e-30);
      expect(e.maxPc).toBeGreaterThanOrEqual(e.pc);
      const xml = await f.app.inject({ url: `/api/v1/events/${e.id}/cdm?format=xml`, headers: auth(f.keys.viewerA) });
      expect(xml.headers['content-type']).toContain('application/xml');
      expect(readCdm(xml.body, { timeScales: ts }).cdms[0]!.relative.missDistanceKm).toBeCloseTo(e.missDistanceKm, 6);
    }
  });

  it('a second screening updates the same events (stable ids) and keeps each update as history', async () => {
    const before = await events();
    const job = await runScreening(f, f.keys.operatorA, fleetId);
    expect(job.result.eventsCreated).toBe(0);
    expect(job.result.eventsUpdated).toBe(before.length);
    const after = await events();
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    for (const e of after) expect(e.updateCount).toBe(2);
    const detail = (await f.app.inject({ url: `/api/v1/events/${after[0]!.id}`, headers: auth(f.keys.viewerA) })).json<{ history: { id: number; missRtnKm: number[]; cdmUrl: string }[] }>();
    expect(detail.history.length).toBe(2);
    expect(detail.history[0]!.missRtnKm.length).toBe(3);
    expect((await f.app.inject({ url: detail.history[0]!.cdmUrl, headers: auth(f.keys.viewerA) })).statusCode).toBe(200);
  });

  it('raises alerts on escalation and de-escalation from the tenant thresholds; acknowledges them', async () => {
    const list = await events();
    expect(list.every((e) => e.alertLevel === 'green' || e.alertLevel === 'yellow')).toBe(true);
    const greenBefore = list.filter((e) => e.alertLevel === 'green').length;
    // Yellow below 20 km: every event (miss < 10 km) escalates.
    await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { yellowMissKm: 20 } });
    const up = await runScreening(f, f.keys.operatorA, fleetId);
    expect(up.result.alertsRaised).toBe(greenBefore);
    expect((await events('&alertLevel=yellow')).length).toBe(list.length);
    const escalations = (await f.app.inject({ url: '/api/v1/alerts?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: { id: number; kind: string; level: string; previousLevel: string }[] }>().items;
    expect(escalations.filter((a) => a.kind === 'escalation' && a.level === 'yellow').length).toBeGreaterThanOrEqual(greenBefore);
    // Back to the defaults: the events return to their own level, and those that change de-escalate.
    await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { yellowMissKm: 1 } });
    const down = await runScreening(f, f.keys.operatorA, fleetId);
    expect(down.result.alertsRaised).toBe(greenBefore);
    const all = (await f.app.inject({ url: '/api/v1/alerts?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: { id: number; kind: string; level: string; previousLevel: string; acknowledgedAt: string | null }[] }>().items;
    const de = all.filter((a) => a.kind === 'de-escalation');
    expect(de.length).toBe(greenBefore);
    for (const a of de) expect([a.previousLevel, a.level]).toEqual(['yellow', 'green']);
    // Acknowledge: viewers may not, operators may; it is idempotent and filterable.
    const target = all[0]!;
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/alerts/${target.id}/ack`, headers: auth(f.keys.viewerA) })).statusCode).toBe(403);
    const ack = await f.app.inject({ method: 'POST', url: `/api/v1/alerts/${target.id}/ack`, headers: auth(f.keys.operatorA) });
    expect(ack.statusCode).toBe(200);
    const at = ack.json<{ acknowledgedAt: string }>().acknowledgedAt;
    expect(at).not.toBeNull();
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/alerts/${target.id}/ack`, headers: auth(f.keys.operatorA) })).json()).toMatchObject({ acknowledgedAt: at });
    expect((await f.app.inject({ url: '/api/v1/alerts?acknowledged=true', headers: auth(f.keys.viewerA) })).json<{ items: unknown[] }>().items.length).toBe(1);
  });

  it('filters and pages the event list', async () => {
    const all = await events();
    const byObject = await events('&object=52757');
    expect(byObject.length).toBeGreaterThan(0);
    expect(byObject.every((e) => e.object1 === 52757 || e.object2 === 52757)).toBe(true);
    const early = await events('&tcaTo=2026-03-10T13:30:00Z');
    expect(early.length).toBe(all.filter((e) => e.tca < '2026-03-10T13:30:00').length);
    const seen: number[] = [];
    let url: string | null = '/api/v1/events?limit=2';
    while (url !== null) {
      const page: { items: EventView[]; nextCursor: string | null } = (await f.app.inject({ url, headers: auth(f.keys.viewerA) })).json();
      seen.push(...page.items.map((e) => e.id));
      url = page.nextCursor === null ? null : `/api/v1/events?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('stores OEM segments for the tenant\'s own objects (per-segment errors) and CDM uploads linked to their event', async () => {
    const t0 = ts.parseUtcIso('2026-03-10T12:00:00Z');
    const states = [0, 60, 120].map((s) => ({ epoch: t0.plusSeconds(s), state: [6778.137 + s * 1e-3, 1.25, -3.5, 0.0012, 7.6686, 0.001] as const }));
    const oem = writeOemKvn({ creationDate: t0, originator: 'TENANT-A' }, [
      { objectName: 'ISS (ZARYA)', objectId: '1998-067A', frame: 'EME2000', states },
      { objectName: 'NOBODY', objectId: '2099-999Z', frame: 'EME2000', states },
    ], ts);
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?name=iss.oem', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: oem });
    expect(r.statusCode).toBe(422);
    const body = r.json<{ kind: string; accepted: number; errors: { line: number; field: string; reason: string }[] }>();
    expect(body).toMatchObject({ kind: 'oem', accepted: 1 });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ field: 'OBJECT_ID' });
    expect(oem.split('\n')[body.errors[0]!.line - 1]).toBe('META_START');
    const list = (await f.app.inject({ url: '/api/v1/ephemerides', headers: auth(f.keys.viewerA) })).json<{ items: { id: number; catalogNumber: number; stateCount: number; refFrame: string }[] }>().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ catalogNumber: 25544, stateCount: 3, refFrame: 'EME2000' });
    const detail = (await f.app.inject({ url: `/api/v1/ephemerides/${list[0]!.id}`, headers: auth(f.keys.viewerA) })).json<{ states: number[][] }>();
    expect(detail.states[2]!.slice(1)).toEqual([...states[2]!.state]);
    // An object outside the tenant's fleets is refused.
    const foreign = writeOemKvn({ creationDate: t0, originator: 'TENANT-A' }, [{ objectName: 'X', objectId: '52757', frame: 'EME2000', states }], ts);
    const fr = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: foreign });
    expect(fr.statusCode).toBe(422);
    expect(fr.json()).toMatchObject({ accepted: 0, uploadId: null });

    // CDM: the CDM of an event, uploaded back, is stored and linked to that event; a broken CDM is a 422.
    const ev = (await events())[0]!;
    const kvn = (await f.app.inject({ url: `/api/v1/events/${ev.id}/cdm`, headers: auth(f.keys.viewerA) })).body;
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?name=back.cdm', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: kvn });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'cdm', accepted: 1 });
    const cdms = (await f.app.inject({ url: `/api/v1/cdms?eventId=${ev.id}`, headers: auth(f.keys.viewerA) })).json<{ items: { eventId: number; object1: number; object2: number }[] }>().items;
    expect(cdms).toHaveLength(1);
    expect(cdms[0]).toMatchObject({ eventId: ev.id, object1: ev.object1, object2: ev.object2 });
    const d = (await f.app.inject({ url: `/api/v1/events/${ev.id}`, headers: auth(f.keys.viewerA) })).json<{ uploadedCdms: unknown[] }>();
    expect(d.uploadedCdms).toHaveLength(1);
    const broken = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: kvn.replace(/MISS_DISTANCE\s*=\s*\S+/, 'MISS_DISTANCE = far') });
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ errors: { field?: string }[] }>().errors[0]!.field).toBe('MISS_DISTANCE');
  });

  it('closes events whose TCA has passed', async () => {
    clock = new Date('2026-03-10T13:30:00Z');
    await f.app.earlyWarning.scheduledRun();
    await f.app.earlyWarning.jobs.idle();
    const all = await events();
    for (const e of all) expect(e.status).toBe(e.tca < '2026-03-10T13:30:00' ? 'closed' : 'open');
    expect(all.some((e) => e.status === 'closed')).toBe(true);
    clock = new Date('2026-03-10T12:00:00Z');
  });

  it('a restart marks unfinished jobs failed; the upload hook queues re-screens', async () => {
    const row = await f.store.db
      .insertInto('screening_jobs')
      .values({ tenant_id: (await f.store.db.selectFrom('fleets').select('tenant_id').where('id', '=', fleetId).executeTakeFirstOrThrow()).tenant_id, fleet_id: fleetId, trigger: 'api', status: 'running', window_start_utc: WINDOW.start, duration_s: 60, threshold_km: 1, blocks_done: 0, blocks_total: 3, result_json: null, error: null, created_at: WINDOW.start, started_at: WINDOW.start, finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const restarted = new EarlyWarningService(f.store.db, ts, { threads: 0, rescreenOnUpload: true, now: () => clock });
    await restarted.start();
    const failed = (await f.app.inject({ url: `/api/v1/screenings/${row.id}`, headers: auth(f.keys.viewerA) })).json<{ status: string; error: string }>();
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('interrupted');
    const queued = await restarted.onElementSets(1, 'public');
    expect(queued.map((j) => j.fleet_id)).toContain(fleetId);
    expect(queued.every((j) => j.trigger === 'upload')).toBe(true);
    await restarted.jobs.idle();
    await restarted.close();
  });
});
