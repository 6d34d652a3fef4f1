/**
 * Tracking data and OD jobs in the service (issue 13 item 7), on every configured store. Oracle: a simulated LEO radar
 * track (two-body truth, 6 h, 3 stations, seeded noise) stored through POST /api/v1/observations is recovered by an
 * OD job within 3σ of the simulated truth; the ingest answer names each rejected record's line and field (the rest is
 * stored); a track of an object in the service catalog is tagged `catalog`, others are UCTs; a job can be cancelled;
 * another tenant sees none of it (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEG_TO_RAD, gcrfToTeme, itrfToGeodetic, NumericalPropagator, PointMassGravity, RAD_TO_DEG, readElementSets, Sgp4Satellite, sgp4InputFrom, simulateObservations, temeToGcrf, temeToItrf, vec3, type Instant } from '@skylane/core';
import { auth, BACKENDS, makeFixture, SAMPLE_TLE, ts, type Fixture } from './helpers.ts';

const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
const r0 = 7000;
const v0 = Math.sqrt(398600.4418 / r0);
const inc = 60 * DEG_TO_RAD;
const truth = [r0, 0, 0, 0, v0 * Math.cos(inc), v0 * Math.sin(inc)];
const stations = [
  { name: 'RADAR-A', latDeg: 45, lonDeg: 10, altitudeM: 100 },
  { name: 'RADAR-B', latDeg: 30, lonDeg: -100, altitudeM: 1500 },
  { name: 'RADAR-C', latDeg: -30, lonDeg: 140, altitudeM: 300 },
];

/** The simulated TDM (object 99002, 3 stations) plus a segment on ISS 25544, a segment with a bad TIME_SYSTEM and a bad value. */
function buildTdm(): { text: string; simulated: number; badLines: number[] } {
  const times = Array.from({ length: 6 * 60 + 1 }, (_, k) => k * 60);
  const run = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(398600.4415)] }).propagate({ epoch, state: truth, stop: times[times.length - 1]!, outputTimesS: times });
  const obs = simulateObservations({ timeScales: ts, epoch, timesS: times, states: run.outputStates, sensors: stations.map((station) => ({ station, measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }] })), seed: 5 });
  const lines = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = SKYLANE-TEST'];
  for (const s of stations) {
    lines.push('META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${s.name}`, 'PARTICIPANT_2 = 99002', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'ANGLE_TYPE = AZEL', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START');
    for (const o of obs.filter((x) => x.station === s.name)) {
      const t = ts.formatUtcIso(o.epoch, 6).replace('Z', '');
      lines.push(o.type === 'range' ? `RANGE = ${t} ${(2 * o.value).toFixed(7)}` : `ANGLE_${o.type === 'azimuth' ? 1 : 2} = ${t} ${(o.value * RAD_TO_DEG).toFixed(7)}`);
    }
    lines.push('DATA_STOP');
  }
  lines.push('META_START', 'TIME_SYSTEM = UTC', 'PARTICIPANT_1 = RADAR-A', 'PARTICIPANT_2 = 25544', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START', 'RANGE = 2026-03-10T01:00:00 1500.0', 'RANGE = 2026-03-10T01:01:00 1490.0', 'DATA_STOP');
  const badLines: number[] = [];
  lines.push('META_START', 'TIME_SYSTEM = SCLK', 'PARTICIPANT_1 = RADAR-B', 'PARTICIPANT_2 = 99003', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'META_STOP', 'DATA_START');
  lines.push('RANGE = 2026-03-10T02:00:00 1500.0');
  badLines.push(lines.length);
  lines.push('DATA_STOP');
  return { text: lines.join('\n') + '\n', simulated: obs.length, badLines };
}

/**
 * A radar segment (range, az, el every 30 s over ±4 min) of `objectName` from a station placed under the object at the
 * middle instant; `stateAt` gives the GCRF truth.
 */
function radarSegment(stationName: string, objectName: string, mid: Instant, stateAt: (t: Instant) => number[]): { lines: string[]; station: { name: string; latDeg: number; lonDeg: number; altitudeM: number } } {
  const sm = stateAt(mid);
  const teme = gcrfToTeme({ r: vec3<'GCRF'>(sm[0]!, sm[1]!, sm[2]!), v: vec3<'GCRF'>(sm[3]!, sm[4]!, sm[5]!) }, mid, ts);
  const g = itrfToGeodetic(temeToItrf(teme, mid, ts).r);
  const station = { name: stationName, latDeg: g.latRad * RAD_TO_DEG, lonDeg: g.lonRad * RAD_TO_DEG, altitudeM: 0 };
  const start = mid.plusSeconds(-240);
  const times = Array.from({ length: 17 }, (_, k) => k * 30);
  const states = times.flatMap((t) => stateAt(start.plusSeconds(t)));
  const obs = simulateObservations({ timeScales: ts, epoch: start, timesS: times, states, sensors: [{ station, measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }] }], seed: 7 });
  const lines = ['META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${stationName}`, `PARTICIPANT_2 = ${objectName}`, 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'ANGLE_TYPE = AZEL', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START'];
  for (const o of obs) {
    const t = ts.formatUtcIso(o.epoch, 6).replace('Z', '');
    lines.push(o.type === 'range' ? `RANGE = ${t} ${(2 * o.value).toFixed(7)}` : `ANGLE_${o.type === 'azimuth' ? 1 : 2} = ${t} ${(o.value * RAD_TO_DEG).toFixed(7)}`);
  }
  lines.push('DATA_STOP');
  return { lines, station };
}

interface JobView { id: number; status: string; progress: { iterations: number }; result: { converged: boolean; positionKm: number[]; covariance: number[][]; residuals: { count: number; statistics: unknown[] }; measurements: number } | null; error: string | null; residuals: [string, string, string, number, number, boolean][] }

async function waitJob(f: Fixture, id: number, key: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const res = await f.app.inject({ method: 'GET', url: `/api/v1/od/jobs/${id}`, headers: auth(key) });
    const j = res.json<JobView>();
    if (!['queued', 'running'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`OD job ${id} did not finish in 120 s`);
}

describe.each(BACKENDS)('tracking data and OD jobs on $name', (backend) => {
  {
    let f: Fixture;
    const tdm = buildTdm();
    beforeAll(async () => {
      f = await makeFixture(backend);
      const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public&name=iss.tle', headers: { ...auth(f.keys.publisher), 'content-type': 'text/plain' }, payload: SAMPLE_TLE });
      expect(up.statusCode, up.body).toBe(201);
    });
    afterAll(async () => f.close());

    it('stores a TDM: counts per participant and type, rejected records with line and field, catalog vs UCT', async () => {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: tdm.text });
      expect(res.statusCode, res.body).toBe(201);
      const s = res.json<{ accepted: number; rejected: number; counts: { station: string; object: string; type: string; count: number; correlation: string }[]; problems: { line: number; field: string; message: string }[] }>();
      expect(s.accepted).toBe(tdm.simulated + 2);
      expect(s.counts.filter((c) => c.object === '99002').reduce((n, c) => n + c.count, 0)).toBe(tdm.simulated);
      expect(s.counts.find((c) => c.object === '25544')).toMatchObject({ station: 'RADAR-A', type: 'RANGE', count: 2, correlation: 'catalog' });
      expect(s.counts.filter((c) => c.object === '99002').every((c) => c.correlation === 'uct')).toBe(true);
      expect(s.rejected).toBeGreaterThanOrEqual(1);
      expect(s.problems.some((p) => tdm.badLines.includes(p.line) && p.field === 'RANGE' && /TIME_SYSTEM/.test(p.message))).toBe(true);

      const list = await f.app.inject({ method: 'GET', url: '/api/v1/observations?catalogNumber=25544&limit=10', headers: auth(f.keys.viewerA) });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: { epoch: string; value: number; correlation: string }[] }>().items.map((o) => [o.epoch, o.value, o.correlation])).toEqual([
        ['2026-03-10T01:01:00.000000Z', 1490, 'catalog'],
        ['2026-03-10T01:00:00.000000Z', 1500, 'catalog'],
      ]);
      const byStation = await f.app.inject({ method: 'GET', url: '/api/v1/observations?station=RADAR-C&start=2026-03-10T00:00:00Z&stop=2026-03-10T06:00:00Z&limit=1000', headers: auth(f.keys.viewerA) });
      expect(byStation.json<{ items: { station: string }[] }>().items.length).toBe(s.counts.filter((c) => c.station === 'RADAR-C').reduce((n, c) => n + c.count, 0));
      const ucts = await f.app.inject({ method: 'GET', url: '/api/v1/ucts', headers: auth(f.keys.viewerA) });
      const u = ucts.json<{ items: { station: string; object: string; count: number }[] }>().items;
      expect(u.map((x) => x.station).sort()).toEqual([...new Set(s.counts.filter((c) => c.object === '99002').map((c) => c.station))].sort());
      expect(u.length).toBeGreaterThanOrEqual(2);
      expect(u.every((x) => x.object === '99002')).toBe(true);
      // Tenant B sees nothing of it.
      const other = await f.app.inject({ method: 'GET', url: '/api/v1/observations', headers: auth(f.keys.viewerB) });
      expect(other.json<{ items: unknown[] }>().items).toEqual([]);
    });

    it('with stations: tracks gated against the catalog (ISS named 77777 → 25544), two UCT tracks of one object → a provisional object', async () => {
      const iss = readElementSets(SAMPLE_TLE, { timeScales: ts }).elementSets[0]!;
      const sat = Sgp4Satellite.create(sgp4InputFrom(iss, ts));
      const issAt = (t: Instant): number[] => {
        const sv = temeToGcrf(sat.propagateMinutes(t.secondsSince(iss.epoch) / 60), t, ts);
        return [...sv.r, ...sv.v];
      };
      // An object on no catalog orbit: 7500 km circular, 80° inclination (two-body).
      const r1 = 7500;
      const v1 = Math.sqrt(398600.4415 / r1);
      const e0 = iss.epoch.plusSeconds(3600);
      const twoBody = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(398600.4415)] });
      const unknownAt = (t: Instant): number[] => Array.from(twoBody.propagate({ epoch: e0, state: [r1, 0, 0, 0, v1 * Math.cos(80 * DEG_TO_RAD), v1 * Math.sin(80 * DEG_TO_RAD)], stop: t.secondsSince(e0), outputTimesS: [t.secondsSince(e0)] }).outputStates);
      const a = radarSegment('GATE-1', '77777', iss.epoch.plusSeconds(1800), issAt);
      const b = radarSegment('GATE-2', 'UNKNOWN-X', e0.plusSeconds(600), unknownAt);
      const c = radarSegment('GATE-3', 'UNKNOWN-X', e0.plusSeconds(1500), unknownAt);
      const text = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = SKYLANE-TEST', ...a.lines, ...b.lines, ...c.lines, ''].join('\n');
      // The alert stream carries the new provisional object to A's subscribers only.
      const noticesA: unknown[] = [];
      const noticesB: unknown[] = [];
      const tenantA = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) })).json<{ id: number }>().id;
      const tenantB = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerB) })).json<{ id: number }>().id;
      const offA = f.app.earlyWarning.bus.subscribeTracking(tenantA, (n) => noticesA.push(n));
      const offB = f.app.earlyWarning.bus.subscribeTracking(tenantB, (n) => noticesB.push(n));
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify({ tdm: text, stations: [a.station, b.station, c.station] }) });
      offA();
      offB();
      expect(res.statusCode, res.body).toBe(201);
      const sum = res.json<{ tracks: { station: string; status: string; catalogNumber: number | null; mahalanobis2: number | null }[]; provisionalObjects: { analystNumber: number; trackIds: string[] }[] }>();
      const byStation = new Map(sum.tracks.map((t) => [t.station, t]));
      expect(byStation.get('GATE-1'), JSON.stringify(sum.tracks)).toMatchObject({ status: 'catalog', catalogNumber: 25544 });
      expect(byStation.get('GATE-2')?.status).toBe('uct');
      expect(byStation.get('GATE-3')?.status).toBe('uct');
      expect(sum.provisionalObjects).toHaveLength(1);
      expect(sum.provisionalObjects[0]!.analystNumber).toBeGreaterThanOrEqual(800000);
      expect(sum.provisionalObjects[0]!.analystNumber).toBeLessThanOrEqual(899999);
      expect(sum.provisionalObjects[0]!.trackIds).toHaveLength(2);
      expect(noticesA).toEqual([expect.objectContaining({ kind: 'provisional-object', analystNumber: sum.provisionalObjects[0]!.analystNumber, trackCount: 2 })]);
      expect(noticesB).toEqual([]);
      const listed = await f.app.inject({ method: 'GET', url: '/api/v1/observations?correlation=catalog&station=GATE-1&limit=5', headers: auth(f.keys.viewerA) });
      expect(listed.json<{ items: { assignedCatalogNumber: number; object: string }[] }>().items.every((o) => o.assignedCatalogNumber === 25544 && o.object === '77777')).toBe(true);
      const prov = await f.app.inject({ method: 'GET', url: '/api/v1/provisional-objects', headers: auth(f.keys.viewerA) });
      expect(prov.json<{ items: { analystNumber: number; covariance: number[][] }[] }>().items.map((p) => p.analystNumber)).toEqual([sum.provisionalObjects[0]!.analystNumber]);
      expect((await f.app.inject({ method: 'GET', url: '/api/v1/provisional-objects', headers: auth(f.keys.viewerB) })).json<{ items: unknown[] }>().items).toEqual([]);
    });

    it('a TDM with nothing storable: 422 naming the line and field', async () => {
      const bad = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = X', 'META_START', 'TIME_SYSTEM = UTC', 'PARTICIPANT_1 = RADAR-A', 'META_STOP', 'DATA_START', 'RANGE = 2026-03-10T00:10:00 2000.0', 'DATA_STOP', ''].join('\n');
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: bad });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.body).toMatch(/line 9, field RANGE/);
    });

    it('an OD job on the stored measurements recovers the simulated truth within 3σ; another tenant gets 404', async () => {
      const guess = truth.map((x, i) => x + (i < 3 ? 0.5 : 5e-4));
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/od/jobs', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify({ catalogNumber: 99002, start: '2026-03-10T00:00:00Z', stop: '2026-03-10T06:00:00Z', stations, initial: { epoch: '2026-03-10T00:00:00Z', positionKm: guess.slice(0, 3), velocityKmPerS: guess.slice(3) } }) });
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json<{ id: number }>().id;
      expect((await f.app.inject({ method: 'GET', url: `/api/v1/od/jobs/${id}`, headers: auth(f.keys.viewerB) })).statusCode).toBe(404);
      const j = await waitJob(f, id, f.keys.viewerA);
      expect(j.status, j.error ?? '').toBe('succeeded');
      expect(j.progress.iterations).toBeGreaterThan(1);
      const r = j.result!;
      expect(r.converged).toBe(true);
      expect(r.measurements).toBe(tdm.simulated);
      expect(r.residuals.count).toBe(tdm.simulated);
      let worstSigma = 0;
      for (let i = 0; i < 3; i++) worstSigma = Math.max(worstSigma, Math.abs(r.positionKm[i]! - truth[i]!) / Math.sqrt(r.covariance[i]![i]!));
      expect(worstSigma, `worst position error ${worstSigma.toFixed(2)}σ`).toBeLessThan(3);
      expect(j.residuals).toHaveLength(tdm.simulated);
      const rangeRes = j.residuals.filter((x) => x[2] === 'range');
      const rms = Math.sqrt(rangeRes.reduce((s, x) => s + x[3] ** 2, 0) / rangeRes.length);
      expect(rms, 'range residual RMS (m) vs 10 m simulated noise').toBeGreaterThan(5);
      expect(rms).toBeLessThan(15);
      console.info(`OD job (${backend.name}): ${j.progress.iterations} iterations, worst position component ${worstSigma.toFixed(2)}σ from the simulated truth, range residual RMS ${rms.toFixed(2)} m (10 m noise)`);
      const list = await f.app.inject({ method: 'GET', url: '/api/v1/od/jobs', headers: auth(f.keys.viewerB) });
      expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    }, 120_000);

    it('a job can be cancelled; cancelling a finished job is 409; unknown spans are 422', async () => {
      const body = { catalogNumber: 99002, start: '2026-03-10T00:00:00Z', stop: '2026-03-10T06:00:00Z', stations, initial: { epoch: '2026-03-10T00:00:00Z', positionKm: truth.slice(0, 3), velocityKmPerS: truth.slice(3) } };
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/od/jobs', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      const id = res.json<{ id: number }>().id;
      expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/od/jobs/${id}`, headers: auth(f.keys.operatorB) })).statusCode).toBe(404);
      const del = await f.app.inject({ method: 'DELETE', url: `/api/v1/od/jobs/${id}`, headers: auth(f.keys.operatorA) });
      expect(del.statusCode, del.body).toBe(200);
      expect(del.json<{ status: string }>().status).toBe('cancelled');
      expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/od/jobs/${id}`, headers: auth(f.keys.operatorA) })).statusCode).toBe(409);
      const none = await f.app.inject({ method: 'POST', url: '/api/v1/od/jobs', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify({ ...body, start: '2026-04-01T00:00:00Z', stop: '2026-04-02T00:00:00Z' }) });
      expect(none.statusCode).toBe(422);
    });
  }
});
