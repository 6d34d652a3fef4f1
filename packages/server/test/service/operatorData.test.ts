// Operator data in the early-warning service, on every backend, through the HTTP API:
// - an OEM replaces the element set of the tenant's object in that tenant's screenings only (oracle: an OEM sampled
//   from the object's own SGP4 reproduces the SGP4 events; a shifted one changes them; another tenant's results do
//   not move), the newest upload wins, one that does not cover the window falls back to the element set;
// - an uploaded CDM becomes an update of the matching open event (Pc from the CDM, or recomputed when it has none:
//   oracle Foster 1992 on the uploaded CDM itself), re-evaluates the level and raises alerts both ways; it opens an
//   event for a fleet object when nothing matches, and is only stored otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustToTrueTca, cdmHardBodyRadiusM, conjunctionFromCdm, pcFoster1992, readCdm, readElementSets, sgp4InputFrom, Sgp4Satellite, temeToEme2000, writeOemKvn, type ElementSet, type Instant } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { FLEET, runScreening, SMALL_CATALOG, WINDOW, type EventView } from './warningHelpers.ts';

const oneMillimetreKm = 1e-6;
const oneMillisecond = 1e-3;
const start = ts.parseUtcIso(WINDOW.start);
const windowS = WINDOW.windowDays * 86400;

/** An OEM (EME2000, 60 s) of `set`'s SGP4 trajectory evaluated `shiftS` later, from `from` for `spanS`. */
function oemOf(set: ElementSet, from: Instant, spanS: number, shiftS = 0, center = 'EARTH'): string {
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const states = Array.from({ length: spanS / 60 + 1 }, (_, k) => {
    const epoch = ts.plusUtcClockSeconds(from, k * 60);
    const sv = temeToEme2000(sat.propagateAt(ts.toUtcDaySeconds(ts.plusUtcClockSeconds(epoch, shiftS))), epoch, ts);
    return { epoch, state: [...sv.r, ...sv.v] as [number, number, number, number, number, number] };
  });
  return writeOemKvn({ creationDate: from, originator: 'TENANT-A' }, [{ objectName: set.objectName ?? 'X', objectId: String(set.catalogNumber), frame: 'EME2000', states }], ts).replace('CENTER_NAME = EARTH', `CENTER_NAME = ${center}`);
}

interface JobResult { conjunctions: number; ephemeridesUsed: { catalogNumber: number }[]; ephemeridesNotUsed: { catalogNumber: number; code: string; reason: string }[] }

describe.each(BACKENDS)('operator data in screenings and events on $name', (backend) => {
  let f: Fixture;
  const fleet: Record<'A' | 'B', number> = { A: 0, B: 0 };
  const clock = new Date(WINDOW.start);
  let issSet: ElementSet;
  const list = async (key: string): Promise<EventView[]> => (await f.app.inject({ url: '/api/v1/events?limit=1000', headers: auth(key) })).json<{ items: EventView[] }>().items;
  const screen = async (who: 'A' | 'B'): Promise<JobResult> => (await runScreening(f, who === 'A' ? f.keys.operatorA : f.keys.operatorB, fleet[who])).result as unknown as JobResult;
  const upload = (key: string, body: string) => f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(key), 'content-type': 'text/plain' }, payload: body });
  /** Events by pair and TCA to the second, for comparing two tenants' results. */
  const byKey = (l: EventView[]) => new Map(l.filter((e) => e.status === 'open').map((e) => [`${e.object1}-${e.object2}-${e.tca.slice(0, 16)}`, e]));

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => clock } });
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) })).statusCode).toBe(201);
    for (const [who, key] of [['A', f.keys.operatorA], ['B', f.keys.operatorB]] as const) {
      fleet[who] = (await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(key), payload: { name: `${who}-fleet`, members: FLEET } })).json<{ id: number }>().id;
    }
    const gp = await f.app.inject({ url: '/api/v1/gp?CATNR=25544&FORMAT=json', headers: auth(f.keys.viewerA) });
    expect(gp.statusCode).toBe(200);
    issSet = readElementSets(gp.body, { format: 'auto', timeScales: ts }).elementSets[0]!;
  });
  afterAll(async () => f.close());

  it("an OEM replaces the element set in its tenant's screenings only; the newest upload wins; coverage is checked", async () => {
    const b0 = await screen('B');
    expect(b0.ephemeridesUsed).toEqual([]);
    const bEvents = byKey(await list(f.keys.viewerB));
    expect(bEvents.size).toBeGreaterThanOrEqual(5);
    const from = ts.plusUtcClockSeconds(start, -600);
    const span = windowS + 3000;

    // 1. The SGP4 trajectory itself as an OEM: A's events are B's (same pairs, TCA ≤ 1 ms, miss ≤ 1 mm).
    expect((await upload(f.keys.operatorA, oemOf(issSet, from, span))).statusCode).toBe(201);
    const a1 = await screen('A');
    expect(a1.ephemeridesUsed.map((e) => e.catalogNumber)).toEqual([25544]);
    const aEvents = byKey(await list(f.keys.viewerA));
    expect([...aEvents.keys()].sort()).toEqual([...bEvents.keys()].sort());
    let worstTca = 0;
    let worstMiss = 0;
    for (const [k, e] of aEvents) {
      const b = bEvents.get(k)!;
      worstTca = Math.max(worstTca, Math.abs(Date.parse(e.tca) - Date.parse(b.tca)) / 1000);
      worstMiss = Math.max(worstMiss, Math.abs(e.missDistanceKm - b.missDistanceKm));
    }
    console.info(`service: ISS from its SGP4-sampled OEM vs element set: worst |ΔTCA| ${worstTca} s (ms-rounded TCA text), worst |Δmiss| ${(worstMiss * 1e6).toExponential(2)} mm`);
    expect(worstTca).toBeLessThanOrEqual(oneMillisecond);
    expect(worstMiss).toBeLessThanOrEqual(oneMillimetreKm);
    // The CDM of an ephemeris-based event says where the states came from.
    const issEvent = [...aEvents.values()].find((e) => e.object1 === 25544)!;
    expect((await f.app.inject({ url: `/api/v1/events/${issEvent.id}/cdm`, headers: auth(f.keys.viewerA) })).body).toMatch(/states from its operator ephemeris \(OEM of TENANT-A/);

    // 2. A newer OEM, 0.2 s ahead along track (~1.5 km): A's ISS events move, the Starlink's and all of B's do not.
    expect((await upload(f.keys.operatorA, oemOf(issSet, from, span, 0.2))).statusCode).toBe(201);
    await screen('A');
    const a2 = byKey(await list(f.keys.viewerA));
    const issMiss = (m: Map<string, EventView>) => [...m.values()].filter((e) => e.object1 === 25544).map((e) => e.missDistanceKm);
    const moved = issMiss(a2).some((x) => !issMiss(bEvents).some((y) => Math.abs(x - y) < 0.05));
    expect(moved).toBe(true);
    for (const [k, e] of a2) if (e.object1 !== 25544 && e.object2 !== 25544) expect(e.missDistanceKm).toBeCloseTo(bEvents.get(k)!.missDistanceKm, 9);
    const b1 = await screen('B');
    expect(b1.ephemeridesUsed).toEqual([]);
    for (const [k, e] of byKey(await list(f.keys.viewerB))) expect(e.missDistanceKm).toBe(bEvents.get(k)!.missDistanceKm);

    // 3. A newest OEM that ends an hour early is not used: the element set is, and the job says why.
    expect((await upload(f.keys.operatorA, oemOf(issSet, from, windowS - 3600 + 600))).statusCode).toBe(201);
    const a3 = await screen('A');
    expect(a3.ephemeridesUsed).toEqual([]);
    expect(a3.ephemeridesNotUsed).toMatchObject([{ catalogNumber: 25544, code: 'EPHEMERIS_COVERAGE' }]);
    expect(a3.ephemeridesNotUsed[0]!.reason).toMatch(/element set instead/);
    const a3Events = byKey(await list(f.keys.viewerA));
    for (const [k, e] of bEvents) expect(a3Events.get(k)?.missDistanceKm).toBeCloseTo(e.missDistanceKm, 9);

    // 4. A segment the screener cannot use is refused at upload, naming the segment.
    const moon = await upload(f.keys.operatorA, oemOf(issSet, from, 600, 0, 'MOON'));
    expect(moon.statusCode).toBe(422);
    expect(moon.json<{ errors: { code: string; reason: string }[] }>().errors[0]).toMatchObject({ code: 'UNSUPPORTED' });
    expect(moon.json<{ errors: { reason: string }[] }>().errors[0]!.reason).toMatch(/CENTER_NAME MOON is not supported/);
  }, 120_000);

  it('an uploaded CDM updates the matching open event, re-evaluates its level and raises alerts; else opens an event or is stored', async () => {
    const events = await list(f.keys.viewerA);
    const ev = events.find((e) => e.object1 === 25544 && e.object2 === 52757 && e.status === 'open')!;
    expect(ev).toBeDefined();
    const before = ev.updateCount;
    const kvn = (await f.app.inject({ url: `/api/v1/events/${ev.id}/cdm`, headers: auth(f.keys.viewerA) })).body;
    const withPc = (pc: number, id: string) => kvn.replace(/^COLLISION_PROBABILITY\s*=.*$/m, `COLLISION_PROBABILITY = ${pc}`).replace(/^MESSAGE_ID\s*=.*$/m, `MESSAGE_ID = ${id}`);
    type Outcome = { outcome: string; eventId: number | null; updateId: number | null; pc?: number; pcMethod?: string; reason?: string };
    const cdmsOf = (r: { json: <T>() => T }) => r.json<{ cdms: Outcome[] }>().cdms;

    // Red from the CDM's own Pc: an update of the same event, an escalation alert.
    const red = await upload(f.keys.operatorA, withPc(5e-4, 'OPERATOR-RED'));
    expect(red.statusCode).toBe(201);
    expect(cdmsOf(red)).toMatchObject([{ outcome: 'event-updated', eventId: ev.id, pc: 5e-4 }]);
    const d1 = (await f.app.inject({ url: `/api/v1/events/${ev.id}`, headers: auth(f.keys.viewerA) })).json<EventView & { history: { source: string; cdmId: number | null; pc: number; alertLevel: string; cdmUrl: string }[] }>();
    expect(d1.updateCount).toBe(before + 1);
    expect(d1.alertLevel).toBe('red');
    const last = d1.history[d1.history.length - 1]!;
    expect(last).toMatchObject({ source: 'cdm', pc: 5e-4, alertLevel: 'red' });
    expect(last.cdmId).not.toBeNull();
    expect((await f.app.inject({ url: last.cdmUrl, headers: auth(f.keys.viewerA) })).body).toMatch(/MESSAGE_ID\s*=\s*OPERATOR-RED/);
    const alerts = async () => (await f.app.inject({ url: `/api/v1/alerts?eventId=${ev.id}&limit=100`, headers: auth(f.keys.viewerA) })).json<{ items: { kind: string; level: string; previousLevel: string }[] }>().items;
    expect((await alerts())[0]).toMatchObject({ kind: 'escalation', level: 'red' });

    // Green again from a tiny Pc (miss stays above 1 km): a de-escalation.
    const green = await upload(f.keys.operatorA, withPc(1e-12, 'OPERATOR-GREEN'));
    expect(cdmsOf(green)[0]).toMatchObject({ outcome: 'event-updated', eventId: ev.id });
    expect((await alerts())[0]).toMatchObject({ kind: 'de-escalation', level: 'green', previousLevel: 'red' });

    // No Pc in the CDM: recomputed (Foster 1992 at the true TCA) from the CDM's own states and covariances.
    const noPc = kvn.replace(/^COLLISION_PROBABILITY(_METHOD)?\s*=.*\n/gm, '').replace(/^MESSAGE_ID\s*=.*$/m, 'MESSAGE_ID = OPERATOR-NOPC');
    const cdm = readCdm(noPc, { timeScales: ts }).cdms[0]!;
    expect(cdm.relative.collisionProbability).toBeUndefined();
    const oracle = pcFoster1992(adjustToTrueTca(conjunctionFromCdm(cdm)).conjunction, cdmHardBodyRadiusM(cdm)! / 1000).pc;
    const np = cdmsOf(await upload(f.keys.operatorA, noPc))[0]!;
    expect(np).toMatchObject({ outcome: 'event-updated', eventId: ev.id, pcMethod: 'FOSTER-1992' });
    expect(Math.abs(np.pc! - oracle)).toBeLessThanOrEqual(1e-9 * oracle + 1e-300);

    // Tenant B's upload of the same CDM touches B's own event, never A's.
    const bRed = cdmsOf(await upload(f.keys.operatorB, withPc(5e-4, 'B-RED')))[0]!;
    expect(bRed.eventId).not.toBe(ev.id);
    expect((await f.app.inject({ url: `/api/v1/events/${ev.id}`, headers: auth(f.keys.viewerA) })).json<EventView>().updateCount).toBe(before + 3);

    // Two days later (no open event near that TCA), a fleet object: a new event.
    const later = ts.formatUtcIso(ts.plusUtcClockSeconds(readCdm(kvn, { timeScales: ts }).cdms[0]!.relative.tca, 2 * 86400), 3).replace(/Z$/, '');
    const created = cdmsOf(await upload(f.keys.operatorA, withPc(2e-5, 'LATER').replace(/^TCA\s*=.*$/m, `TCA = ${later}`)))[0]!;
    expect(created.outcome).toBe('event-created');
    expect(created.eventId).not.toBe(ev.id);
    expect((await f.app.inject({ url: `/api/v1/events/${created.eventId}`, headers: auth(f.keys.viewerA) })).json<EventView>()).toMatchObject({ alertLevel: 'yellow', updateCount: 1, object1: 25544, object2: 52757 });

    // Neither object in the tenant's fleets: stored only, and the answer says so.
    const foreign = withPc(1e-3, 'FOREIGN').replace(/^OBJECT_DESIGNATOR\s*=\s*25544\s*$/m, 'OBJECT_DESIGNATOR = 52754');
    const st = cdmsOf(await upload(f.keys.operatorA, foreign))[0]!;
    expect(st).toMatchObject({ outcome: 'stored', eventId: null, updateId: null });
    expect(st.reason).toMatch(/neither 52754 nor 52757 is in this tenant's fleets/);
    const stored = (await f.app.inject({ url: '/api/v1/cdms?object=52754', headers: auth(f.keys.viewerA) })).json<{ items: { eventId: number | null; messageId: string }[] }>().items;
    expect(stored).toMatchObject([{ eventId: null, messageId: 'FOREIGN' }]);
  }, 120_000);
});
