/**
 * POST /api/v1/od: a simulated LEO radar track (two-body, 6 h, 3 stations) sent as a CCSDS TDM is recovered within
 * 3σ of the simulated truth (the oracle); a TDM whose only segment names an unknown participant is a 400 problem
 * naming the line. The estimator's own oracles are in packages/core/test/od and validation/orekit-od.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeScales, DEG_TO_RAD, IERS_LEAP_SECONDS, NumericalPropagator, PointMassGravity, RAD_TO_DEG, simulateObservations } from '@skylane/core';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

describe('orbit-determination route (SQLite)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(BACKENDS[0]!);
  });
  afterAll(async () => f.close());

  const ts = createTimeScales(IERS_LEAP_SECONDS);
  const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const r = 7000, v = Math.sqrt(398600.4418 / r), inc = 60 * DEG_TO_RAD;
  const truth = [r, 0, 0, 0, v * Math.cos(inc), v * Math.sin(inc)];
  const stations = [{ name: 'RADAR-A', latDeg: 45, lonDeg: 10, altitudeM: 100 }, { name: 'RADAR-B', latDeg: 30, lonDeg: -100, altitudeM: 1500 }, { name: 'RADAR-C', latDeg: -30, lonDeg: 140, altitudeM: 300 }];
  const header = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = SKYLANE-TEST', ''];

  it('recovers a simulated track within 3σ', async () => {
    const times = Array.from({ length: 6 * 60 + 1 }, (_, k) => k * 60);
    const run = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(398600.4415)] }).propagate({ epoch, state: truth, stop: times[times.length - 1]!, outputTimesS: times });
    const obs = simulateObservations({ timeScales: ts, epoch, timesS: times, states: run.outputStates, sensors: stations.map((station) => ({ station, measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }] })), seed: 5 });
    const tdm = [...header];
    for (const s of stations) {
      tdm.push('META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${s.name}`, 'PARTICIPANT_2 = 99002', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'ANGLE_TYPE = AZEL', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START');
      for (const o of obs.filter((x) => x.station === s.name)) {
        const t = ts.formatUtcIso(o.epoch, 6).replace('Z', '');
        tdm.push(o.type === 'range' ? `RANGE = ${t} ${(2 * o.value).toFixed(7)}` : `ANGLE_${o.type === 'azimuth' ? 1 : 2} = ${t} ${(o.value * RAD_TO_DEG).toFixed(7)}`);
      }
      tdm.push('DATA_STOP');
    }
    const guess = truth.map((x, i) => x + (i < 3 ? 0.5 : 5e-4));
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/od', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify({ tdm: tdm.join('\n') + '\n', stations, initial: { epoch: '2026-03-10T00:00:00Z', positionKm: guess.slice(0, 3), velocityKmPerS: guess.slice(3) } }) });
    expect(res.statusCode, res.body).toBe(200);
    const j = res.json<{ converged: boolean; positionKm: number[]; covariance: number[][]; residuals: { count: number } }>();
    expect(j.converged).toBe(true);
    expect(j.residuals.count).toBe(obs.length);
    for (let i = 0; i < 3; i++) expect(Math.abs(j.positionKm[i]! - truth[i]!)).toBeLessThan(3 * Math.sqrt(j.covariance[i]![i]!));
  });

  it('a TDM with only an unknown participant: 400 naming the line', async () => {
    const tdm = [...header, 'META_START', 'TIME_SYSTEM = UTC', 'PARTICIPANT_1 = NOWHERE', 'PARTICIPANT_2 = 99002', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'META_STOP', 'DATA_START', 'RANGE = 2026-03-10T00:10:00 2000.0', 'DATA_STOP', ''].join('\n');
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/od', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify({ tdm, stations, initial: { epoch: '2026-03-10T00:00:00Z', positionKm: truth.slice(0, 3), velocityKmPerS: truth.slice(3) } }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/line 13/);
    expect(res.body).toMatch(/NOWHERE/);
  });
});
