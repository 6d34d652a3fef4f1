// Coordination between operators (issue 20 item 5): tenant A publishes a planned maneuver (OPM with a MAN block and
// the OEM of the maneuvered trajectory) for its event ISS (25544) × 52757; tenant B, whose fleet holds 52757, sees it
// through its own event of the pair, its fleet is re-screened against the published trajectory, and each side records
// its status with an audit trail. The published OEM is a deliberately bad plan: it runs 1.0 km radially above 52757's
// own SGP4 trajectory, so the re-screening must find that approach at 1.0 km (the oracle: the offset built in).
// Another tenant's event is a 404 on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElementSets, sgp4InputFrom, Sgp4Satellite, writeOemKvn, type Instant } from '@skylane/core';
import { appendEventUpdate, tenantThresholds } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { SMALL_CATALOG } from './warningHelpers.ts';

const ISS = 25544;
const OTHER = 52757;
const NOW = '2026-03-10T12:00:00Z';
const TCA = '2026-03-10T20:00:00.000Z';

const OPM = [
  'CCSDS_OPM_VERS = 2.0',
  'CREATION_DATE = 2026-03-10T12:00:00',
  'ORIGINATOR = TENANT-A',
  'OBJECT_NAME = ISS (ZARYA)',
  'OBJECT_ID = 1998-067A',
  'CENTER_NAME = EARTH',
  'REF_FRAME = EME2000',
  'TIME_SYSTEM = UTC',
  'EPOCH = 2026-03-10T12:00:00',
  'X = 6778.0',
  'Y = 0',
  'Z = 0',
  'X_DOT = 0',
  'Y_DOT = 4.8',
  'Z_DOT = 5.9',
  'MASS = 420000',
  'MAN_EPOCH_IGNITION = 2026-03-10T14:00:00',
  'MAN_DURATION = 0',
  'MAN_DELTA_MASS = -2.0',
  'MAN_REF_FRAME = RTN',
  'MAN_DV_1 = 0',
  'MAN_DV_2 = 0.0005',
  'MAN_DV_3 = 0',
].join('\n');

/** 52757's SGP4 trajectory (TEME) raised 1 km along its radius: a published trajectory that sits 1 km from B's object. */
function badOem(from: Instant, spanS: number): string {
  const set = readElementSets(JSON.stringify(SMALL_CATALOG.filter((r) => Number(r['NORAD_CAT_ID']) === OTHER)), { format: 'auto', timeScales: ts }).elementSets[0]!;
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const states = Array.from({ length: spanS / 60 + 1 }, (_, k) => {
    const epoch = ts.plusUtcClockSeconds(from, k * 60);
    const sv = sat.propagateAt(ts.toUtcDaySeconds(epoch));
    const r = Math.hypot(...sv.r);
    const s = (r + 1) / r;
    return { epoch, state: [sv.r[0] * s, sv.r[1] * s, sv.r[2] * s, sv.v[0] * s, sv.v[1] * s, sv.v[2] * s] as [number, number, number, number, number, number] };
  });
  return writeOemKvn({ creationDate: from, originator: 'TENANT-A' }, [{ objectName: 'ISS (ZARYA)', objectId: '1998-067A', frame: 'TEME', states }], ts);
}

interface PlanJson {
  id: number;
  side: string;
  status: string;
  maneuveredObject: number;
  maneuvers: { epoch: string; refFrame: string; dvMps: number[]; dvNormMps: number }[];
  trajectory: { stateCount: number } | null;
  counterparts?: number;
  counterpartRescreening?: { screened: boolean; approaches: { object: number; missDistanceKm: number }[] };
  history: { side: string; status: string; note: string | null; own: boolean }[];
}

describe.each(BACKENDS)('maneuver coordination between tenants on $name', (backend) => {
  let f: Fixture;
  let eventA = 0;
  let eventB = 0;

  const eventFor = async (tenantKey: string): Promise<number> => {
    const tenantId = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(tenantKey) })).json<{ id: number }>().id;
    return f.store.db.transaction().execute(async (trx) => {
      const th = await tenantThresholds(trx, tenantId);
      const u = { object1: ISS, object2: OTHER, tca: ts.parseUtcIso(TCA), missDistanceKm: 0.2, relativeSpeedKmPerS: 12, missRtnKm: [0.1, 0.1, 0.1] as const, pc: 3e-4, maxPc: 1e-3, pcMethod: 'FOSTER-1992', hbrM: 20, cdmKvn: '', source: 'cdm' as const, jobId: null, cdmId: null, clockIso: NOW };
      return (await appendEventUpdate(trx, ts, tenantId, th, undefined, u, NOW)).eventId;
    });
  };

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date(NOW) } });
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a', members: [ISS] } })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorB), payload: { name: 'b', members: [OTHER] } })).statusCode).toBe(201);
    eventA = await eventFor(f.keys.viewerA);
    eventB = await eventFor(f.keys.viewerB);
  });
  afterAll(async () => f.close());

  it('the event carries its recommended action (red Pc, CDM covariance, 8 h to TCA: maneuver-now)', async () => {
    const e = (await f.app.inject({ url: `/api/v1/events/${eventA}`, headers: auth(f.keys.viewerA) })).json<{ recommendedAction: string; dataQuality: string }>();
    expect(e).toMatchObject({ recommendedAction: 'maneuver-now', dataQuality: 'good' });
  });

  it('A publishes; B sees it through its own event, with its fleet re-screened against the published trajectory', async () => {
    const oem = badOem(ts.parseUtcIso('2026-03-10T12:00:00Z'), 6 * 3600);
    const r = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.operatorA), payload: { opm: OPM, oem, note: 'posigrade 0.5 m/s at 14:00' } });
    expect(r.statusCode, r.body).toBe(201);
    const plan = r.json<PlanJson>();
    expect(plan).toMatchObject({ side: 'publisher', status: 'proposed', maneuveredObject: ISS, counterparts: 1, trajectory: { stateCount: 361 } });
    expect(plan.maneuvers).toHaveLength(1);
    expect(plan.maneuvers[0]!.refFrame).toBe('RTN');
    expect(plan.maneuvers[0]!.dvNormMps).toBeCloseTo(0.5, 12);

    const seen = (await f.app.inject({ url: `/api/v1/events/${eventB}/maneuvers`, headers: auth(f.keys.viewerB) })).json<{ items: PlanJson[] }>().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: plan.id, side: 'counterpart', status: 'proposed' });
    const rs = seen[0]!.counterpartRescreening!;
    expect(rs.screened).toBe(true);
    const near = rs.approaches.find((a) => a.object === OTHER);
    console.info(`coordination: re-screening of B's fleet against A's published OEM: ${rs.approaches.length} approach(es), ${OTHER} at ${near?.missDistanceKm.toFixed(4)} km (built-in offset 1.0 km)`);
    expect(near).toBeDefined();
    // The OEM is a 60 s-sampled Hermite interpolation of the offset trajectory: within 10 m of the 1 km built in.
    expect(Math.abs(near!.missDistanceKm - 1)).toBeLessThan(0.01);
  });

  it('each side records its own statuses with notes (audit trail); the other side’s statuses and closed plans are refused', async () => {
    const planId = (await f.app.inject({ url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.viewerA) })).json<{ items: PlanJson[] }>().items[0]!.id;
    const accept = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventB}/maneuvers/${planId}/status`, headers: auth(f.keys.operatorB), payload: { status: 'accepted', note: 'we hold our attitude' } });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json<PlanJson>().status).toBe('accepted');
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventB}/maneuvers/${planId}/status`, headers: auth(f.keys.operatorB), payload: { status: 'executed' } })).statusCode).toBe(409);
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers/${planId}/status`, headers: auth(f.keys.operatorA), payload: { status: 'accepted' } })).statusCode).toBe(409);
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers/${planId}/status`, headers: auth(f.keys.viewerA), payload: { status: 'executed' } })).statusCode).toBe(403);
    const done = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers/${planId}/status`, headers: auth(f.keys.operatorA), payload: { status: 'executed', note: 'burn confirmed by telemetry' } });
    expect(done.statusCode).toBe(200);
    const history = done.json<PlanJson>().history.map((h) => [h.side, h.status, h.note]);
    expect(history).toEqual([
      ['publisher', 'proposed', 'posigrade 0.5 m/s at 14:00'],
      ['counterpart', 'proposed', 'automatic re-screening of this fleet against the published trajectory'],
      ['counterpart', 'accepted', 'we hold our attitude'],
      ['publisher', 'executed', 'burn confirmed by telemetry'],
    ]);
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventB}/maneuvers/${planId}/status`, headers: auth(f.keys.operatorB), payload: { status: 'declined' } })).statusCode).toBe(409);
    const b = (await f.app.inject({ url: `/api/v1/events/${eventB}/maneuvers`, headers: auth(f.keys.viewerB) })).json<{ items: PlanJson[] }>().items[0]!;
    expect(b.status).toBe('executed');
  });

  it('refuses a plan for an event the tenant does not own (404), and bad input with a clear 400', async () => {
    for (const r of [
      await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.operatorB), payload: { opm: OPM } }),
      await f.app.inject({ url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.viewerB) }),
      await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers/1/status`, headers: auth(f.keys.operatorB), payload: { status: 'accepted' } }),
    ]) {
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const none = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.operatorA), payload: { note: 'nothing' } });
    expect(none.statusCode).toBe(400);
    expect(none.json<{ detail: string }>().detail).toMatch(/opm.*oem/);
    const noMan = await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.operatorA), payload: { opm: OPM.split('\n').filter((l) => !l.startsWith('MAN_')).join('\n') } });
    expect(noMan.statusCode).toBe(400);
    expect(noMan.json<{ detail: string }>().detail).toMatch(/no maneuver/);
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/events/${eventA}/maneuvers`, headers: auth(f.keys.operatorA), payload: { opm: 'garbage' } })).statusCode).toBe(400);
  });
});
