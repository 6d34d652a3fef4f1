// Tenant isolation: tenant B tries to read and write tenant A's fleets, uploads, private element sets, keys,
// webhooks and their deliveries, screening jobs, events and their CDMs, alerts (list, ack, SSE stream), ephemerides
// and CDMs through every route (each method+path in the OpenAPI document must have a case here) and is refused.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kozaiMeanMotionRevPerDay, writeElementSets, writeGtoc9Solution, writeOemKvn, type ElementSet } from '@skylane/core';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { FLEET, SMALL_CATALOG, WINDOW } from './warningHelpers.ts';
import { reentryWatchFor } from '../../src/reentry/watch.ts';
import { recordBreakupAlert } from '../../src/od/breakupAlerts.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];
const PRIVATE_CATNR = 990_000_123;
/** B's own element-set history for the reentry route: two objects mixed (a 422 that names only B's objects). */
const B_REENTRY_HISTORY = writeElementSets(
  [1001, 1001, 2002].map((catalogNumber, k): ElementSet => ({
    catalogNumber,
    classification: 'U',
    epoch: ts.fromUtc(2026, 5, 1 + k, 0, 0, 0),
    meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + 300 - k, 0.0005, 51.6),
    eccentricity: 0.0005,
    inclinationDeg: 51.6,
    raanDeg: 10,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 1e-4,
    meanMotionDotRevPerDay2: 1e-3,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 0,
  })),
  'tle',
  { timeScales: ts },
);

interface Ids {
  tenantId: number;
  fleetId: number;
  uploadId: number;
  webhookId: number;
  keyId: number;
  jobId: number;
  eventId: number;
  alertId: number;
  ephemerisId: number;
  cdmKvn: string;
  planId: number;
  odJobId: number;
  tourismVehicleId: number;
  tourismFlightId: number;
  passengerId: number;
  breakupAlertId: number;
}

/** One attempt by B against A's resource: what B sends, and what must hold of the answer. */
interface Attempt {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The OpenAPI path this attempt covers. */
  readonly route: string;
  readonly url: (a: Ids) => string;
  readonly payload?: (a: Ids) => unknown;
  readonly contentType?: string;
  /** Checks the answer B got (status, and that no A data leaked). */
  readonly check: (status: number, body: string, a: Ids) => void;
  /** Instead of one injected request: a custom attempt (the SSE stream needs a real connection). */
  readonly run?: (f: Fixture, a: Ids) => Promise<void>;
}

const oemFor = (objectId: string): string =>
  writeOemKvn({ creationDate: ts.parseUtcIso('2026-03-10T00:00:00Z'), originator: 'B' }, [{ objectName: 'B TRY', objectId, frame: 'EME2000', states: [0, 60].map((s) => ({ epoch: ts.parseUtcIso('2026-03-10T00:00:00Z').plusSeconds(s), state: [7000, 0.45 * s, 0, 0, 7.5, 0] as const })) }], ts);

/** A's planned maneuver: an OPM with one MAN block. */
const A_MAN_OPM = ['CCSDS_OPM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T00:00:00', 'ORIGINATOR = A', 'OBJECT_NAME = A SAT', 'OBJECT_ID = 2026-998A', 'CENTER_NAME = EARTH', 'REF_FRAME = GCRF', 'TIME_SYSTEM = UTC', 'EPOCH = 2026-03-10T00:00:00', 'X = 7000', 'Y = 0', 'Z = 0', 'X_DOT = 0', 'Y_DOT = 7.5', 'Z_DOT = 0', 'MAN_EPOCH_IGNITION = 2026-03-10T01:00:00', 'MAN_DURATION = 0', 'MAN_DELTA_MASS = -0.1', 'MAN_REF_FRAME = RTN', 'MAN_DV_1 = 0', 'MAN_DV_2 = 0.0001', 'MAN_DV_3 = 0'].join('\n');

const B_OPM = ['CCSDS_OPM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T00:00:00', 'ORIGINATOR = B', 'OBJECT_NAME = B SAT', 'OBJECT_ID = 2026-999B', 'CENTER_NAME = EARTH', 'REF_FRAME = GCRF', 'TIME_SYSTEM = UTC', 'EPOCH = 2026-03-10T00:00:00', 'X = 7000', 'Y = 0', 'Z = 0', 'X_DOT = 0', 'Y_DOT = 7.5', 'Z_DOT = 0'].join('\n');

/** A TDM of one range measurement of `object` from `station` (issue 13 tracking routes). */
const tdmOf = (station: string, object: number): string =>
  ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T00:00:00', 'ORIGINATOR = T', 'META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${station}`, `PARTICIPANT_2 = ${object}`, 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START', 'RANGE = 2026-03-10T01:00:00 1500.0', 'DATA_STOP', ''].join('\n');
const A_STATION = 'A-SECRET-STATION';
const B_STATION = { name: 'B-STATION', latDeg: 10, lonDeg: 10, altitudeM: 0 };
const odJobBody = { catalogNumber: PRIVATE_CATNR, start: '2026-03-10T00:00:00Z', stop: '2026-03-10T02:00:00Z', stations: [B_STATION], initial: { epoch: '2026-03-10T00:00:00Z', positionKm: [7000, 0, 0], velocityKmPerS: [0, 7.5, 0] } };

let baseUrl = '';
/** A's tourism manifest names (issue 19): none may appear in any answer to B. */
const A_TOURISM = { vehicle: 'A-SECRET-CAPSULE', site: 'a-pad', flight: 'A-SECRET-FLIGHT', passenger: 'Alice Private-Passenger' };

/** B opens the alert stream (also asking for a replay from id 0) while one of A's alerts is published: B gets nothing. */
async function streamAttempt(f: Fixture, a: Ids): Promise<void> {
  const alert = await f.store.db.selectFrom('alerts').selectAll().where('id', '=', a.alertId).executeTakeFirstOrThrow();
  const got = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/v1/alerts/stream`, { headers: { authorization: `Bearer ${keysB}`, 'last-event-id': '0' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      setTimeout(() => f.app.earlyWarning.bus.publish([alert]), 100);
      setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      }, 400);
    });
    req.on('error', reject);
  });
  expect(got.status).toBe(200);
  expect(got.body).toContain(': connected');
  expect(got.body).not.toContain('event: alert');
}
let keysB = '';

const refused = (status: number): void => expect([403, 404]).toContain(status);
/** The operator token of this suite's server: the admin API and /metrics never accept a tenant key instead. */
const OPERATOR_TOKEN = 'isolation-operator-token-0123456789abcdef';
const operatorOnly = (status: number, body: string): void => (expect(status).toBe(401), expect(body).not.toContain('tenant-a'), expect(body).not.toContain('sk_'));
/** B opens the reentry-watch stream while an alert of A's private reentry watch is published: B gets nothing. */
async function reentryStreamAttempt(f: Fixture, a: Ids): Promise<void> {
  const alert = { id: 999_999, tenant_id: a.tenantId, catalog_number: PRIVATE_CATNR, prediction_id: 1, kind: 'entered-watch', predicted_epoch_utc: '2026-03-20T00:00:00Z', previous_predicted_epoch_utc: null, created_at: '2026-03-10T00:00:00Z' };
  const got = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/v1/reentries/stream`, { headers: { authorization: `Bearer ${keysB}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      setTimeout(() => reentryWatchFor(f.store.db, ts).bus.publish(alert), 100);
      setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      }, 400);
    });
    req.on('error', reject);
  });
  expect(got.status).toBe(200);
  expect(got.body).toContain(': connected');
  expect(got.body).not.toContain('reentry-alert');
}

const notLeaking = (body: string, a: Ids): void => {
  expect(body).not.toContain('a-fleet');
  expect(body).not.toContain('PRIVATE SAT A');
  expect(body).not.toContain('a-hook.example');
  expect(body).not.toContain('a-upload.json');
  void a;
};

const ATTEMPTS: readonly Attempt[] = [
  // Constellation routes are stateless computations: B gets its own answer and nothing of A.
  { method: 'POST', route: '/api/v1/constellations/design', url: () => '/api/v1/constellations/design', payload: () => ({ shells: [{ kind: 'walker-delta', totalSatellites: 4, planes: 2, phasing: 1, altitudeKm: 550, inclinationDeg: 53 }], epoch: '2026-03-10T00:00:00Z' }), check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/constellations/coverage', url: () => '/api/v1/constellations/coverage', payload: () => ({ shells: [{ kind: 'walker-delta', totalSatellites: 4, planes: 2, phasing: 1, altitudeKm: 550, inclinationDeg: 53 }], epoch: '2026-03-10T00:00:00Z', start: '2026-03-10T00:00:00Z', hours: 0.1, minElevationDeg: 10, gridDeg: 30 }), check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/constellations/deployment-plan', url: () => '/api/v1/constellations/deployment-plan', payload: () => ({ shells: [{ kind: 'walker-delta', totalSatellites: 4, planes: 2, phasing: 1, altitudeKm: 550, inclinationDeg: 53 }], epoch: '2026-03-10T00:00:00Z', start: '2026-03-10T00:00:00Z' }), check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(b).not.toContain(String(PRIVATE_CATNR))) },
  { method: 'GET', route: '/api/v1/health', url: () => '/api/v1/health', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  // Stateless: B's own OPM in, B's own trajectory out; nothing of A's can appear (runs in a worker thread).
  { method: 'POST', route: '/api/v1/propagations', url: () => '/api/v1/propagations', payload: () => ({ opm: B_OPM, stop: '2026-03-10T00:10:00Z', stepS: 300, format: 'csv' }), check: (s, b, a) => (expect(s, b).toBe(200), notLeaking(b, a), expect(b.trim().split('\n')).toHaveLength(4)) },
  // Stateless: B's own element-set history in, B's own (typed) answer out; runs in a worker thread.
  { method: 'POST', route: '/api/v1/reentry/predictions', url: () => '/api/v1/reentry/predictions', payload: () => ({ history: B_REENTRY_HISTORY, id: 1001, samples: 1 }), check: (s, b, a) => (expect(s, b).toBe(422), notLeaking(b, a), expect(b).toContain('MIXED_OBJECTS')) },
  // Breakup detection: B's element sets sit exactly on A's private object (a copy of a public set): the parent is never A's.
  {
    method: 'POST',
    route: '/api/v1/breakup/detect',
    url: () => '/api/v1/breakup/detect',
    payload: () => ({ elements: JSON.stringify([1, 2, 3].map((k) => ({ ...catalog[3]!, NORAD_CAT_ID: 990_100_000 + k, OBJECT_NAME: `B FRAGMENT ${k}` }))) }),
    check: (s, b, a) => (expect(s, b).toBe(200), notLeaking(b, a), expect(b).not.toContain(String(PRIVATE_CATNR))),
  },
  // Launch routes hold no tenant data: B gets the shared answer and nothing of A.
  { method: 'GET', route: '/api/v1/launch/sites', url: () => '/api/v1/launch/sites', check: (s, b, a) => (expect(s).toBe(200), expect(b).toContain('taiyuan'), notLeaking(b, a)) },
  {
    method: 'POST',
    route: '/api/v1/launch/windows',
    url: () => '/api/v1/launch/windows',
    contentType: 'application/json',
    payload: () => JSON.stringify({ site: 'taiyuan', raanDeg: 269.92, inclinationDeg: 89, date: '2024-08-06' }),
    check: (s, b, a) => (expect(s).toBe(200), expect(b).toContain('descending'), notLeaking(b, a)),
  },
  {
    method: 'POST',
    route: '/api/v1/launch/plans',
    url: () => '/api/v1/launch/plans',
    contentType: 'application/json',
    payload: () => JSON.stringify({ site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 89, altitudeKm: 800, launch: '2024-08-06T06:42:00Z', samples: 5 }),
    check: (s, b, a) => (expect(s).toBe(200), expect(b).toContain('dropZones'), notLeaking(b, a)),
  },
  // Suborbital profile: stateless computation, no tenant data; B gets its own answer and nothing of A.
  {
    method: 'POST',
    route: '/api/v1/suborbital/profile',
    url: () => '/api/v1/suborbital/profile',
    contentType: 'application/json',
    payload: () => JSON.stringify({ vehicle: 'capsule', site: 'jiuquan', launch: '2026-12-07T03:00:00Z', samples: 5, abortStepS: 0 }),
    check: (s, b, a) => (expect(s, b).toBe(200), expect(b).toContain('microgravityS'), notLeaking(b, a)),
  },
  { method: 'GET', route: '/api/v1/tenant', url: () => '/api/v1/tenant', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b)).toMatchObject({ name: 'tenant-b' })) },
  { method: 'PATCH', route: '/api/v1/tenant/thresholds', url: () => '/api/v1/tenant/thresholds', payload: () => ({ redPc: 0.5 }), check: (s) => expect(s).toBe(200) },
  { method: 'GET', route: '/api/v1/tenant/alert-policy', url: () => '/api/v1/tenant/alert-policy', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'PUT', route: '/api/v1/tenant/alert-policy', url: () => '/api/v1/tenant/alert-policy', payload: () => ({ yellow: true }), check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/keys', url: () => '/api/v1/keys', check: (s, b) => (expect(s).toBe(200), expect(b).not.toContain('A admin')) },
  { method: 'POST', route: '/api/v1/keys', url: () => '/api/v1/keys', payload: () => ({ role: 'viewer', label: 'b-made' }), check: (s) => expect(s).toBe(201) },
  { method: 'DELETE', route: '/api/v1/keys/{id}', url: (a) => `/api/v1/keys/${a.keyId}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/uploads', url: () => '/api/v1/uploads', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/uploads/{uploadId}', url: (a) => `/api/v1/uploads/${a.uploadId}`, check: (s) => refused(s) },
  {
    method: 'POST',
    route: '/api/v1/uploads',
    url: () => '/api/v1/uploads?visibility=public',
    contentType: 'application/json',
    payload: () => JSON.stringify([{ ...catalog[10]!, OBJECT_NAME: 'B POISON' }]),
    check: (s) => refused(s),
  },
  { method: 'GET', route: '/api/v1/objects', url: () => `/api/v1/objects?cursor=${Buffer.from(JSON.stringify({ k: PRIVATE_CATNR - 1 })).toString('base64url')}`, check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/objects/{catalogNumber}', url: () => `/api/v1/objects/${PRIVATE_CATNR}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/objects/{catalogNumber}/elements', url: () => `/api/v1/objects/${PRIVATE_CATNR}/elements`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/gp', url: () => `/api/v1/gp?CATNR=${PRIVATE_CATNR}&FORMAT=json`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/fleets', url: () => '/api/v1/fleets', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/fleets', url: () => '/api/v1/fleets', payload: () => ({ name: 'b-fleet', members: [PRIVATE_CATNR] }), check: (s, b) => (expect(s).toBe(422), expect(b).toContain(String(PRIVATE_CATNR))) },
  { method: 'GET', route: '/api/v1/fleets/{fleetId}', url: (a) => `/api/v1/fleets/${a.fleetId}`, check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/fleets/{fleetId}', url: (a) => `/api/v1/fleets/${a.fleetId}`, check: (s) => refused(s) },
  { method: 'POST', route: '/api/v1/fleets/{fleetId}/members', url: (a) => `/api/v1/fleets/${a.fleetId}/members`, payload: () => ({ members: [25544] }), check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/fleets/{fleetId}/members/{catalogNumber}', url: (a) => `/api/v1/fleets/${a.fleetId}/members/${PRIVATE_CATNR}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/webhooks', url: () => '/api/v1/webhooks', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/webhooks', url: () => '/api/v1/webhooks', payload: () => ({ url: 'https://b-hook.example/x' }), check: (s) => expect(s).toBe(201) },
  { method: 'GET', route: '/api/v1/webhooks/{webhookId}', url: (a) => `/api/v1/webhooks/${a.webhookId}`, check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/webhooks/{webhookId}', url: (a) => `/api/v1/webhooks/${a.webhookId}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/webhooks/{webhookId}/deliveries', url: (a) => `/api/v1/webhooks/${a.webhookId}/deliveries?status=dead`, check: (s) => refused(s) },
  { method: 'POST', route: '/api/v1/screenings', url: () => '/api/v1/screenings', payload: (a) => ({ fleetId: a.fleetId, ...WINDOW }), check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/screenings', url: () => '/api/v1/screenings', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/screenings/{jobId}', url: (a) => `/api/v1/screenings/${a.jobId}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/screenings/{jobId}/events', url: (a) => `/api/v1/screenings/${a.jobId}/events?format=ndjson`, check: (s, b, a) => (refused(s), notLeaking(b, a), expect(b).not.toContain('"object1"')) },
  { method: 'DELETE', route: '/api/v1/screenings/{jobId}', url: (a) => `/api/v1/screenings/${a.jobId}`, check: (s, b, a) => (refused(s), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/events', url: () => '/api/v1/events?object=25544', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/events/{eventId}', url: (a) => `/api/v1/events/${a.eventId}`, check: (s) => refused(s) },
  // Maneuver coordination (issue 20 item 5): B is not a counterpart of A's event (no fleet holds its objects).
  { method: 'POST', route: '/api/v1/events/{eventId}/maneuvers', url: (a) => `/api/v1/events/${a.eventId}/maneuvers`, payload: () => ({ opm: A_MAN_OPM }), check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain('a plan of A')) },
  { method: 'GET', route: '/api/v1/events/{eventId}/maneuvers', url: (a) => `/api/v1/events/${a.eventId}/maneuvers`, check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain('a plan of A')) },
  { method: 'POST', route: '/api/v1/events/{eventId}/maneuvers/{planId}/status', url: (a) => `/api/v1/events/${a.eventId}/maneuvers/${a.planId}/status`, payload: () => ({ status: 'accepted', note: 'B tries' }), check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/events/{eventId}/cdm', url: (a) => `/api/v1/events/${a.eventId}/cdm?format=xml`, check: (s, b) => (refused(s), expect(b).not.toContain('CCSDS')) },
  { method: 'POST', route: '/api/v1/events/{eventId}/avoidance-plan', url: (a) => `/api/v1/events/${a.eventId}/avoidance-plan`, payload: () => ({ rescreenDays: 0 }), check: (s, b, a) => (refused(s), notLeaking(b, a), expect(b).not.toContain('dvRtnMps')) },
  { method: 'GET', route: '/api/v1/alerts', url: () => '/api/v1/alerts', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'POST', route: '/api/v1/alerts/{alertId}/ack', url: (a) => `/api/v1/alerts/${a.alertId}/ack`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/alerts/stream', url: () => '/api/v1/alerts/stream', check: () => undefined, run: streamAttempt },
  // Reentry watch, lifetime and compliance: A's private object is invisible to B (issue 14).
  { method: 'GET', route: '/api/v1/reentries', url: () => '/api/v1/reentries', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(b).not.toContain(String(PRIVATE_CATNR))) },
  { method: 'GET', route: '/api/v1/reentries/stream', url: () => '/api/v1/reentries/stream', check: () => undefined, run: reentryStreamAttempt },
  { method: 'GET', route: '/api/v1/reentries/{catalogNumber}', url: () => `/api/v1/reentries/${PRIVATE_CATNR}`, check: (s, b, a) => (expect(s).toBe(404), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/reentries/{catalogNumber}/ground-track', url: () => `/api/v1/reentries/${PRIVATE_CATNR}/ground-track`, check: (s, b, a) => (expect(s).toBe(404), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/lifetime', url: () => `/api/v1/lifetime?ids=${PRIVATE_CATNR}`, check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b)).toMatchObject({ items: [], notFound: [PRIVATE_CATNR] })) },
  { method: 'GET', route: '/api/v1/compliance', url: (a) => `/api/v1/compliance?fleetId=${a.fleetId}`, check: (s, b, a) => (expect(s).toBe(404), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/ephemerides', url: () => '/api/v1/ephemerides', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/ephemerides/{ephemerisId}', url: (a) => `/api/v1/ephemerides/${a.ephemerisId}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/cdms', url: () => '/api/v1/cdms', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  // SATCAT is public data written by catalog publishers only: B (not a publisher) cannot write it; reads hold nothing of A.
  { method: 'POST', route: '/api/v1/satcat', url: () => '/api/v1/satcat', contentType: 'text/csv', payload: () => `OBJECT_NAME,NORAD_CAT_ID,OBJECT_TYPE,OWNER\nB OWNS IT,${PRIVATE_CATNR},PAY,B\n`, check: (s) => expect(s).toBe(403) },
  { method: 'GET', route: '/api/v1/satcat', url: () => '/api/v1/satcat', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).objects).toBe(0)) },
  { method: 'GET', route: '/api/v1/satcat/{catalogNumber}', url: () => `/api/v1/satcat/${PRIVATE_CATNR}`, check: (s, b, a) => (expect(s).toBe(404), notLeaking(b, a)) },
  // NOTAM parsing is stateless: B's own text in, hazard areas out.
  { method: 'POST', route: '/api/v1/launch/notams', url: () => '/api/v1/launch/notams', contentType: 'application/json', payload: () => JSON.stringify({ content: 'no notam here' }), check: (s, b, a) => (expect(s, b).toBe(200), notLeaking(b, a)) },
  // Launch COLA screens the catalog B sees: A's private object is never screened or named.
  {
    method: 'POST',
    route: '/api/v1/launch/lcola',
    url: () => '/api/v1/launch/lcola',
    contentType: 'application/json',
    payload: () => JSON.stringify({ plan: { site: 'taiyuan', vehicle: 'cz-6a', inclinationDeg: 89, altitudeKm: 800, launch: '2026-03-10T06:00:00Z' }, windowStart: '2026-03-10T06:00:00Z', windowEnd: '2026-03-10T06:00:00Z', parkingMin: 10 }),
    check: (s, b, a) => (expect(s, b).toBe(200), notLeaking(b, a), expect(b).not.toContain(String(PRIVATE_CATNR)), expect(JSON.parse(b).candidates).toBe(1)),
  },
  // The rendezvous plan is stateless: B's own states in, B's plan out, nothing of A.
  {
    method: 'POST',
    route: '/api/v1/tourism/rendezvous-plan',
    url: () => '/api/v1/tourism/rendezvous-plan',
    contentType: 'application/json',
    payload: () => JSON.stringify({ station: { epoch: '2026-12-10T06:00:00Z', positionKm: [5887.35934, 3399.0685, 0], velocityKmS: [-2.376053, 4.115444, 6.004271] }, insertion: { epoch: '2026-12-10T06:00:00Z', positionKm: [6051.403327, 1881.515575, -1764.172129], velocityKmS: [0.03595, 5.270546, 5.744428] }, profile: 'fast' }),
    check: (s, b, a) => (expect(s, b).toBe(200), notLeaking(b, a), expect(JSON.parse(b).finalMissKm).toBeLessThan(1)),
  },
  // Servicer screening: a mission whose target is A's private object is a 404 for B (B's catalog does not hold it).
  {
    method: 'POST',
    route: '/api/v1/adr/screen',
    url: () => '/api/v1/adr/screen',
    contentType: 'application/json',
    payload: () =>
      JSON.stringify({
        solution: writeGtoc9Solution([{ events: [9564.25, 9564.5].map((epochMjd2000) => ({ line: 0, epochMjd2000, rKm: [6800, 0, 0], vKms: [0, 7.6, 0], massKg: 2030, dvKms: [0, 0, 0], id: PRIVATE_CATNR })) }]),
        days: 0.1,
      }),
    check: (s, b, a) => (expect(s, b).toBe(404), notLeaking(b, a)),
  },
  { method: 'GET', route: '/api/v1/adr/ranking', url: () => '/api/v1/adr/ranking?top=100000', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(b).not.toContain(String(PRIVATE_CATNR)), expect(JSON.parse(b).items.length).toBeGreaterThan(0)) },
  // Tracking data (issue 13): B sees and changes none of A's observations, UCTs or OD jobs.
  { method: 'GET', route: '/api/v1/observations', url: () => '/api/v1/observations?limit=1000', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/breakup/alerts', url: () => '/api/v1/breakup/alerts', check: (s, b, a) => (expect(s).toBe(200), expect(JSON.parse(b).items.map((x: { id: number }) => x.id)).not.toContain(a.breakupAlertId), expect(b).not.toContain(String(PRIVATE_CATNR))) },
  { method: 'GET', route: '/api/v1/breakup/alerts/{alertId}', url: (a) => `/api/v1/breakup/alerts/${a.breakupAlertId}`, check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/breakup/alerts/{alertId}/cloud', url: (a) => `/api/v1/breakup/alerts/${a.breakupAlertId}/cloud`, check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/provisional-objects', url: () => '/api/v1/provisional-objects', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/ucts', url: () => '/api/v1/ucts', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/od/jobs', url: () => '/api/v1/od/jobs', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/od/jobs/{jobId}', url: (a) => `/api/v1/od/jobs/${a.odJobId}`, check: (s) => expect(s).toBe(404) },
  { method: 'DELETE', route: '/api/v1/od/jobs/{jobId}', url: (a) => `/api/v1/od/jobs/${a.odJobId}`, check: (s) => expect(s).toBe(404) },
  // B asks for an OD of A's object over A's span: B has no measurement of it (A's are never used).
  { method: 'POST', route: '/api/v1/od/jobs', url: () => '/api/v1/od/jobs', payload: () => odJobBody, check: (s, b) => (expect(s).toBe(422), expect(b).not.toContain(A_STATION)) },
  // B stores its own TDM: counted as B's, nothing of A's in the answer.
  { method: 'POST', route: '/api/v1/observations', url: () => '/api/v1/observations', contentType: 'text/plain', payload: () => tdmOf(B_STATION.name, PRIVATE_CATNR), check: (s, b) => (expect(s).toBe(201), expect(b).not.toContain(A_STATION), expect(JSON.parse(b).accepted).toBe(1)) },
  // Stateless OD: B's own TDM in; a station B did not describe is a 400 naming B's own participant only.
  { method: 'POST', route: '/api/v1/od', url: () => '/api/v1/od', payload: () => ({ tdm: tdmOf('B-UNKNOWN', 99001), stations: [B_STATION], initial: odJobBody.initial }), check: (s, b) => (expect(s).toBe(400), expect(b).not.toContain(A_STATION)) },
  // Operator routes: B's admin key is not the operator token (no tenant made, no key issued for A, no metrics).
  { method: 'POST', route: '/api/v1/admin/tenants', url: () => '/api/v1/admin/tenants', payload: () => ({ name: 'b-made-tenant' }), check: operatorOnly },
  { method: 'GET', route: '/api/v1/admin/tenants', url: () => '/api/v1/admin/tenants', check: operatorOnly },
  { method: 'POST', route: '/api/v1/admin/tenants/{tenantId}/keys', url: (a) => `/api/v1/admin/tenants/${a.tenantId}/keys`, payload: () => ({ role: 'admin', label: 'b-into-a' }), check: operatorOnly },
  { method: 'GET', route: '/metrics', url: () => '/metrics', check: operatorOnly },
  // B uploads an ephemeris for A's private object and for A's fleet member: neither is B's object.
  { method: 'POST', route: '/api/v1/uploads', url: () => '/api/v1/uploads', contentType: 'text/plain', payload: () => oemFor(String(PRIVATE_CATNR)), check: (s, b, a) => (expect(s).toBe(422), notLeaking(b, a), expect(JSON.parse(b).accepted).toBe(0)) },
  { method: 'POST', route: '/api/v1/uploads', url: () => '/api/v1/uploads', contentType: 'text/plain', payload: () => oemFor('25544'), check: (s, b) => (expect(s).toBe(422), expect(JSON.parse(b).accepted).toBe(0)) },
  // B uploads A's event CDM: stored as B's own, never linked to A's event (A's event detail is in the snapshot).
  { method: 'POST', route: '/api/v1/uploads', url: () => '/api/v1/uploads', contentType: 'text/plain', payload: (a) => a.cdmKvn, check: (s) => expect(s).toBe(201) },
  // Tourism manifest (issue 19): A's vehicles, flights, passengers (personal data) and seats stay A's.
  { method: 'GET', route: '/api/v1/tourism/vehicles', url: () => '/api/v1/tourism/vehicles', check: (s, b) => (expect(s).toBe(200), expect(b).not.toContain(A_TOURISM.vehicle)) },
  { method: 'POST', route: '/api/v1/tourism/vehicles', url: () => '/api/v1/tourism/vehicles', payload: () => ({ name: A_TOURISM.vehicle, vehicleClass: 'capsule' }), check: (s) => expect(s).toBe(201) },
  { method: 'GET', route: '/api/v1/tourism/sites', url: () => '/api/v1/tourism/sites', check: (s, b) => (expect(s).toBe(200), expect(b).not.toContain(A_TOURISM.site)) },
  { method: 'PUT', route: '/api/v1/tourism/sites/{site}', url: () => `/api/v1/tourism/sites/${A_TOURISM.site}`, payload: () => ({ minIntervalS: 1 }), check: (s) => expect(s).toBe(200) },
  { method: 'GET', route: '/api/v1/tourism/flights', url: () => '/api/v1/tourism/flights', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'POST', route: '/api/v1/tourism/flights', url: () => '/api/v1/tourism/flights', payload: (a) => ({ name: 'b-flight', site: A_TOURISM.site, plannedLaunchUtc: '2026-07-20T02:00:00Z', vehicleId: a.tourismVehicleId }), check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/tourism/flights/{flightId}', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}`, check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain(A_TOURISM.flight)) },
  { method: 'PATCH', route: '/api/v1/tourism/flights/{flightId}', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}`, payload: () => ({ status: 'cancelled' }), check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/tourism/passengers', url: () => '/api/v1/tourism/passengers', check: (s, b) => (expect(s).toBe(200), expect(b).not.toContain(A_TOURISM.passenger), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'POST', route: '/api/v1/tourism/passengers', url: () => '/api/v1/tourism/passengers', payload: () => ({ name: 'B Passenger' }), check: (s, b) => (expect(s).toBe(201), expect(b).not.toContain(A_TOURISM.passenger)) },
  { method: 'GET', route: '/api/v1/tourism/passengers/{passengerId}', url: (a) => `/api/v1/tourism/passengers/${a.passengerId}`, check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain(A_TOURISM.passenger)) },
  { method: 'PATCH', route: '/api/v1/tourism/passengers/{passengerId}', url: (a) => `/api/v1/tourism/passengers/${a.passengerId}`, payload: () => ({ medicalStatus: 'denied' }), check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain(A_TOURISM.passenger)) },
  { method: 'DELETE', route: '/api/v1/tourism/passengers/{passengerId}', url: (a) => `/api/v1/tourism/passengers/${a.passengerId}`, check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/tourism/flights/{flightId}/seats', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}/seats`, check: (s) => expect(s).toBe(404) },
  { method: 'POST', route: '/api/v1/tourism/flights/{flightId}/seats', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}/seats`, payload: (a) => ({ passengerId: a.passengerId, seat: '2B' }), check: (s) => expect(s).toBe(404) },
  { method: 'DELETE', route: '/api/v1/tourism/flights/{flightId}/seats/{seat}', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}/seats/1A`, check: (s) => expect(s).toBe(404) },
  { method: 'POST', route: '/api/v1/tourism/flights/{flightId}/go-no-go', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}/go-no-go`, payload: () => ({}), check: (s) => expect(s).toBe(404) },
  { method: 'GET', route: '/api/v1/tourism/flights/{flightId}/summary', url: (a) => `/api/v1/tourism/flights/${a.tourismFlightId}/summary?passengerId=${a.passengerId}`, check: (s, b) => (expect(s).toBe(404), expect(b).not.toContain(A_TOURISM.passenger)) },
  // Scheduling sees only B's vehicles and flights: A's vehicle id is unknown to B.
  { method: 'POST', route: '/api/v1/tourism/schedule', url: () => '/api/v1/tourism/schedule', payload: (a) => ({ requests: [{ id: 'b-req', site: A_TOURISM.site, earliestUtc: '2026-07-20T00:00:00Z', passengers: 1, vehicleId: a.tourismVehicleId }] }), check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b)).toMatchObject({ assigned: [], conflicts: [{ id: 'b-req', kind: 'unknown-vehicle' }] }), expect(b).not.toContain(A_TOURISM.flight)) },
];

describe.each(BACKENDS)('tenant isolation on $name', (backend) => {
  let f: Fixture;
  let ids: Ids;
  const snapshot = async () => {
    const get = async (url: string) => (await f.app.inject({ url, headers: auth(f.keys.adminA) })).body;
    return [
      await get(`/api/v1/fleets/${ids.fleetId}`),
      await get(`/api/v1/uploads/${ids.uploadId}`),
      await get(`/api/v1/webhooks/${ids.webhookId}`),
      await get('/api/v1/keys'),
      await get(`/api/v1/objects/${PRIVATE_CATNR}/elements`),
      await get('/api/v1/tenant'),
      await get(`/api/v1/screenings/${ids.jobId}`),
      await get(`/api/v1/screenings/${ids.jobId}/events?format=csv`),
      await get(`/api/v1/events/${ids.eventId}`),
      await get(`/api/v1/events?limit=1000`),
      await get('/api/v1/alerts?limit=1000'),
      await get(`/api/v1/webhooks/${ids.webhookId}/deliveries`),
      await get('/api/v1/ephemerides'),
      await get('/api/v1/cdms'),
      await get(`/api/v1/events/${ids.eventId}/maneuvers`),
      await get('/api/v1/tenant/alert-policy'),
      await get('/api/v1/observations?limit=1000'),
      await get(`/api/v1/od/jobs/${ids.odJobId}`),
      await get(`/api/v1/tourism/flights/${ids.tourismFlightId}`),
      await get(`/api/v1/tourism/passengers/${ids.passengerId}`),
      await get('/api/v1/tourism/sites'),
    ];
  };

  beforeAll(async () => {
    f = await makeFixture(backend, { operatorToken: OPERATOR_TOKEN, earlyWarning: { threads: 0, now: () => new Date('2026-03-10T12:00:00Z'), webhooks: { maxAttempts: 1, timeoutMs: 2000, allow: ['127.0.0.1/32'] } } });
    baseUrl = await f.app.listen({ port: 0, host: '127.0.0.1' });
    keysB = f.keys.adminB;
    const pub = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) });
    expect(pub.statusCode).toBe(201);
    const priv = await f.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=a-upload.json',
      headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' },
      payload: JSON.stringify([{ ...catalog[3]!, NORAD_CAT_ID: PRIVATE_CATNR, OBJECT_NAME: 'PRIVATE SAT A' }]),
    });
    expect(priv.statusCode).toBe(201);
    const fleet = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet', members: [PRIVATE_CATNR, Number(catalog[0]!['NORAD_CAT_ID'])] } });
    expect(fleet.statusCode).toBe(201);
    const keys = await f.app.inject({ url: '/api/v1/keys', headers: auth(f.keys.adminA) });
    // A screens a second fleet (events, alerts at yellow below 20 km), has a dead delivery (a closed loopback port),
    // an ephemeris and an uploaded CDM.
    const deadHook = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: 'http://127.0.0.1:9/a-dead-hook' } });
    const fleet2 = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet-2', members: FLEET } });
    await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { yellowMissKm: 20 } });
    // Yellow alerts pushed too (issue 20's default pushes red only), so that the dead hook gets deliveries.
    await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminA), payload: { yellow: true } });
    const job = await f.app.inject({ method: 'POST', url: '/api/v1/screenings', headers: auth(f.keys.operatorA), payload: { fleetId: fleet2.json<{ id: number }>().id, ...WINDOW } });
    expect(job.statusCode).toBe(202);
    await f.app.earlyWarning.jobs.idle();
    await f.app.earlyWarning.webhooks.idle();
    // A reads its own run's stored close approaches (the case B must be refused).
    const own = await f.app.inject({ url: `/api/v1/screenings/${job.json<{ id: number }>().id}/events`, headers: auth(f.keys.viewerA) });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).toContain('"object1"');
    // Registered after the screening: no delivery is attempted to this (unreachable) host.
    const hook = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: 'https://a-hook.example/alerts' } });
    const event = (await f.app.inject({ url: '/api/v1/events', headers: auth(f.keys.viewerA) })).json<{ items: { id: number }[] }>().items[0]!;
    const alert = (await f.app.inject({ url: '/api/v1/alerts', headers: auth(f.keys.viewerA) })).json<{ items: { id: number }[] }>().items[0]!;
    const cdmKvn = (await f.app.inject({ url: `/api/v1/events/${event.id}/cdm`, headers: auth(f.keys.viewerA) })).body;
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: cdmKvn })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: oemFor(String(PRIVATE_CATNR)) })).statusCode).toBe(201);
    const eph = (await f.app.inject({ url: '/api/v1/ephemerides', headers: auth(f.keys.viewerA) })).json<{ items: { id: number }[] }>().items[0]!;
    const plan = await f.app.inject({ method: 'POST', url: `/api/v1/events/${event.id}/maneuvers`, headers: auth(f.keys.operatorA), payload: { opm: A_MAN_OPM, note: 'a plan of A' } });
    expect(plan.statusCode, plan.body).toBe(201);
    const deadHookId = deadHook.json<{ id: number }>().id;
    expect((await f.app.inject({ url: `/api/v1/webhooks/${deadHookId}/deliveries?status=dead`, headers: auth(f.keys.viewerA) })).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    // A's tracking data and an OD job on it (which fails: A gives no station of its TDM; it only has to exist).
    const obsA = await f.app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: tdmOf(A_STATION, PRIVATE_CATNR) });
    expect(obsA.statusCode, obsA.body).toBe(201);
    const odJob = await f.app.inject({ method: 'POST', url: '/api/v1/od/jobs', headers: auth(f.keys.operatorA), payload: odJobBody });
    expect(odJob.statusCode, odJob.body).toBe(202);
    const odJobId = odJob.json<{ id: number }>().id;
    for (let i = 0; i < 300; i++) {
      const st = (await f.app.inject({ url: `/api/v1/od/jobs/${odJobId}`, headers: auth(f.keys.viewerA) })).json<{ status: string }>().status;
      if (st !== 'queued' && st !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A's tourism manifest: a vehicle, a flight, a passenger in seat 1A.
    const tv = await f.app.inject({ method: 'POST', url: '/api/v1/tourism/vehicles', headers: auth(f.keys.operatorA), payload: { name: A_TOURISM.vehicle, vehicleClass: 'capsule' } });
    expect(tv.statusCode, tv.body).toBe(201);
    expect((await f.app.inject({ method: 'PUT', url: `/api/v1/tourism/sites/${A_TOURISM.site}`, headers: auth(f.keys.operatorA), payload: { minIntervalS: 7200 } })).statusCode).toBe(200);
    const tf = await f.app.inject({ method: 'POST', url: '/api/v1/tourism/flights', headers: auth(f.keys.operatorA), payload: { name: A_TOURISM.flight, site: A_TOURISM.site, plannedLaunchUtc: '2026-07-20T02:00:00Z', vehicleId: tv.json<{ id: number }>().id } });
    expect(tf.statusCode, tf.body).toBe(201);
    const tp = await f.app.inject({ method: 'POST', url: '/api/v1/tourism/passengers', headers: auth(f.keys.operatorA), payload: { name: A_TOURISM.passenger, trainingStatus: 'complete' } });
    expect(tp.statusCode, tp.body).toBe(201);
    const tseat = await f.app.inject({ method: 'POST', url: `/api/v1/tourism/flights/${tf.json<{ id: number }>().id}/seats`, headers: auth(f.keys.operatorA), payload: { passengerId: tp.json<{ id: number }>().id, seat: '1A' } });
    expect(tseat.statusCode, tseat.body).toBe(201);
    // A breakup alert of A (as POST /api/v1/breakup/detect records one), with A's private object as parent.
    const tenantIdA = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) })).json<{ id: number }>().id;
    const breakupAlert = await recordBreakupAlert(f.store.db, tenantIdA, { parentCatalogNumber: PRIVATE_CATNR, parentName: null, epochUtc: '2026-03-10T06:00:00.000Z', fragmentCount: 12, detection: { parent: { catalogNumber: PRIVATE_CATNR } } }, new Date().toISOString());
    ids = {
      tourismVehicleId: tv.json<{ id: number }>().id,
      tourismFlightId: tf.json<{ id: number }>().id,
      passengerId: tp.json<{ id: number }>().id,
      breakupAlertId: Number(breakupAlert.alert.id),
      odJobId,
      tenantId: (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) })).json<{ id: number }>().id,
      fleetId: fleet.json<{ id: number }>().id,
      uploadId: priv.json<{ uploadId: number }>().uploadId,
      webhookId: deadHookId,
      keyId: keys.json<{ items: { id: number }[] }>().items[0]!.id,
      jobId: job.json<{ id: number }>().id,
      eventId: event.id,
      alertId: alert.id,
      ephemerisId: eph.id,
      cdmKvn,
      planId: plan.json<{ id: number }>().id,
    };
    expect(hook.statusCode).toBe(201);
  });
  afterAll(async () => f.close());

  it('covers every route of the OpenAPI document', async () => {
    const spec = (await f.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(ATTEMPTS.map((a) => `${a.method} ${a.route}`));
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('B, with its admin key, cannot read or change anything of A through any route', async () => {
    const before = await snapshot();
    for (const at of ATTEMPTS) {
      if (at.run !== undefined) {
        await at.run(f, ids);
        continue;
      }
      const payload = at.payload?.(ids);
      const r = await f.app.inject({
        method: at.method,
        url: at.url(ids),
        headers: { ...auth(f.keys.adminB), ...(at.contentType !== undefined ? { 'content-type': at.contentType } : {}) },
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      try {
        at.check(r.statusCode, r.body, ids);
      } catch (e) {
        throw new Error(`${at.method} ${at.url(ids)} → ${r.statusCode} ${r.body.slice(0, 200)}: ${(e as Error).message}`);
      }
    }
    expect(await snapshot()).toEqual(before);
    // The public catalog was not changed by B's refused public upload.
    const gp = await f.app.inject({ url: `/api/v1/gp?CATNR=${String(catalog[10]!['NORAD_CAT_ID'])}&FORMAT=json`, headers: auth(f.keys.viewerA) });
    expect(gp.body).not.toContain('B POISON');
    // No tenant was made by B's refused operator call.
    expect(await f.store.db.selectFrom('tenants').select('id').where('name', '=', 'b-made-tenant').executeTakeFirst()).toBeUndefined();
  });

  it('A still sees its own data (the refusals are isolation, not breakage)', async () => {
    const r = await f.app.inject({ url: `/api/v1/gp?CATNR=${PRIVATE_CATNR}&FORMAT=json`, headers: auth(f.keys.viewerA) });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('PRIVATE SAT A');
    expect((await f.app.inject({ url: `/api/v1/fleets/${ids.fleetId}`, headers: auth(f.keys.viewerA) })).json()).toMatchObject({ name: 'a-fleet' });
  });
});
