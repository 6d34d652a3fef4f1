// Docked and co-located objects in the early-warning service (issue #11 item 4), on every backend, through the API:
// an operator OEM of the ISS (its SGP4 sampled every 60 s: oracle, the same trajectory as its modules' to
// interpolation noise) screened against its docked modules, which carry its element set in the bundled catalog
// (Unity 25575, Zvezda 26400, Destiny 26700, Crew Dragon 67796), raises no event, alert or webhook call for them
// however often it is re-screened, and each job lists the four pairs once as co-located (rule, separation); a
// crossing object that meets the ISS at the nodes of every revolution gives one event per run (the closest
// approach, the others attached), and re-screens update that event instead of opening one per pass.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElementSets, sgp4InputFrom, Sgp4Satellite, temeToEme2000, writeOemKvn, type ElementSet, type Instant } from '@skylane/core';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { SMALL_CATALOG, WINDOW, type EventView } from './warningHelpers.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];
const MODULES = [25575, 26400, 26700, 67796];
const CROSSING = 900010;
const start = ts.parseUtcIso(WINDOW.start);
const windowS = WINDOW.windowDays * 86400;

/** An OEM (EME2000, 60 s) of `set`'s SGP4 trajectory from `from` for `spanS`. */
function oemOf(set: ElementSet, from: Instant, spanS: number): string {
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const states = Array.from({ length: spanS / 60 + 1 }, (_, k) => {
    const epoch = ts.plusUtcClockSeconds(from, k * 60);
    const sv = temeToEme2000(sat.propagateAt(ts.toUtcDaySeconds(epoch)), epoch, ts);
    return { epoch, state: [...sv.r, ...sv.v] as [number, number, number, number, number, number] };
  });
  return writeOemKvn({ creationDate: from, originator: 'TENANT-A' }, [{ objectName: 'ISS', objectId: String(set.catalogNumber), frame: 'EME2000', states }], ts);
}

interface CoLocated { object1: number; object2: number; rule: string; minSeparationKm: number; maxSeparationKm: number; maxRelativeSpeedKmPerS: number; approachesDropped: number }
interface JobResult { conjunctions: number; closeApproaches: number; approachesMerged: number; coLocated: CoLocated[]; coLocatedCount: number; coLocatedApproachesDropped: number; alertsRaised: number; eventsCreated: number; eventsUpdated: number; ephemeridesUsed: { catalogNumber: number }[] }

describe.each(BACKENDS)('co-located objects and merged approaches on $name', (backend) => {
  let f: Fixture;
  let fleetId = 0;
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.statusCode = 204;
      res.end();
    });
  });

  const screen = async (): Promise<JobResult> => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/screenings', headers: auth(f.keys.operatorA), payload: { fleetId, ...WINDOW } });
    expect(r.statusCode).toBe(202);
    await f.app.earlyWarning.jobs.idle();
    const job = (await f.app.inject({ url: r.headers['location'] as string, headers: auth(f.keys.viewerA) })).json<{ error: string | null; result: JobResult }>();
    expect(job.error).toBeNull();
    return job.result;
  };
  const events = async (): Promise<EventView[]> => (await f.app.inject({ url: '/api/v1/events?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: EventView[] }>().items;

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date(WINDOW.start), webhooks: { allow: ['127.0.0.1/32'], baseDelayMs: 50 } } });
    const modules = catalog.filter((r) => MODULES.includes(Number(r['NORAD_CAT_ID'])));
    expect(modules).toHaveLength(4);
    const pub = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify([...SMALL_CATALOG, ...modules]) });
    expect(pub.statusCode).toBe(201);
    // A crossing object: the ISS's elements inclined 1° more, phased (+0.21° mean anomaly) to meet it at the nodes.
    const iss = catalog.find((r) => Number(r['NORAD_CAT_ID']) === 25544)!;
    const crossing = { ...iss, NORAD_CAT_ID: CROSSING, OBJECT_NAME: 'CROSSING TEST OBJECT', OBJECT_ID: '2026-999A', INCLINATION: Number(iss['INCLINATION']) + 1, MEAN_ANOMALY: Number(iss['MEAN_ANOMALY']) + 0.21 };
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads?name=crossing.json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify([crossing]) })).statusCode).toBe(201);
    fleetId = (await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'iss', members: [25544] } })).json<{ id: number }>().id;
    const gp = await f.app.inject({ url: '/api/v1/gp?CATNR=25544&FORMAT=json', headers: auth(f.keys.viewerA) });
    const issSet = readElementSets(gp.body, { format: 'auto', timeScales: ts }).elementSets[0]!;
    const oem = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: oemOf(issSet, ts.plusUtcClockSeconds(start, -600), windowS + 3000) });
    expect(oem.statusCode).toBe(201);
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: `http://127.0.0.1:${port}/hook` } })).statusCode).toBe(201);
    // Every level change pushed (issue 20's default pushes red only): this suite counts one webhook call per alert.
    expect((await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminA), payload: { yellow: true, deEscalations: true } })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await f.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('an ISS OEM against its own modules: no events, alerts or webhook calls for them in three runs; listed once per run as co-located', async () => {
    const runs: JobResult[] = [];
    for (let i = 0; i < 3; i++) runs.push(await screen());
    for (const r of runs) {
      expect(r.ephemeridesUsed.map((e) => e.catalogNumber)).toEqual([25544]);
      expect(r.coLocated.map((c) => [c.object1, c.object2, c.rule])).toEqual(MODULES.map((m) => [25544, m, 'identical-elements']));
      expect(r.coLocatedCount).toBe(4);
      for (const c of r.coLocated) expect(c.maxSeparationKm).toBeLessThan(1e-6);
    }
    const dropped = runs[0]!.coLocatedApproachesDropped;
    console.info(`service: ISS OEM vs its modules, 3 h window: ${dropped} noise approaches dropped per run (the bug made each an event), ${runs[0]!.coLocated.reduce((s, c) => s + c.approachesDropped, 0)} by pair`);
    expect(dropped).toBeGreaterThan(4);
    const list = await events();
    expect(list.filter((e) => MODULES.includes(e.object2) || MODULES.includes(e.object1))).toEqual([]);
    const alerts = (await f.app.inject({ url: '/api/v1/alerts?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: { object1: number; object2: number }[] }>().items;
    expect(alerts.filter((a) => MODULES.includes(a.object2))).toEqual([]);
    await f.app.earlyWarning.webhooks.idle();
    // One webhook call per alert, none for a module.
    expect(received).toBe(alerts.length);
    expect(runs.reduce((s, r) => s + r.alertsRaised, 0)).toBe(alerts.length);
  }, 120_000);

  it('a pair with several passes in one run is one event (the closest, the others attached), updated by re-screens', async () => {
    const pair = (await events()).filter((e) => e.object1 === 25544 && e.object2 === CROSSING);
    expect(pair).toHaveLength(1);
    const ev = (await f.app.inject({ url: `/api/v1/events/${pair[0]!.id}`, headers: auth(f.keys.viewerA) })).json<EventView & { history: { missDistanceKm: number; tca: string; otherApproaches: { count: number; approaches: { tca: string; missDistanceKm: number }[] } }[] }>();
    // Three runs of the same window: one event, three updates.
    expect(ev.updateCount).toBe(3);
    const last = ev.history[ev.history.length - 1]!;
    console.info(`service: crossing pair, 3 h: 1 event, closest miss ${last.missDistanceKm.toFixed(3)} km, ${last.otherApproaches.count} other approaches (${last.otherApproaches.approaches.map((a) => a.missDistanceKm.toFixed(2)).join(', ')} km)`);
    expect(last.otherApproaches.count).toBeGreaterThanOrEqual(2);
    expect(last.otherApproaches.approaches).toHaveLength(last.otherApproaches.count);
    for (const a of last.otherApproaches.approaches) {
      expect(a.missDistanceKm).toBeGreaterThanOrEqual(last.missDistanceKm);
      expect(Math.abs(Date.parse(a.tca) - Date.parse(last.tca))).toBeGreaterThan(20 * 60 * 1000);
    }
    const r = await screen();
    expect(r.approachesMerged).toBeGreaterThanOrEqual(last.otherApproaches.count);
    expect(r.conjunctions).toBe(r.closeApproaches - r.approachesMerged);
    expect(r.eventsCreated).toBe(0);
    expect((await events()).filter((e) => e.object2 === CROSSING)).toHaveLength(1);
  }, 120_000);
});
