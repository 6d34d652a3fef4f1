/**
 * `skylane od` end to end through runCli: the Orekit W3B worked example from its own files (--measurements with
 * --orekit-config), and a simulated LEO track written as a CCSDS TDM (--tdm, --stations, --initial OPM) whose truth is
 * known (simulate-then-recover through the CLI), with bad input (unknown participant) reported and the rest kept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, DEG_TO_RAD, IERS_LEAP_SECONDS, NumericalPropagator, PointMassGravity, RAD_TO_DEG, simulateObservations, opmInitialState } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const W3B = join(ROOT, 'validation/orekit-od/w3b');
const dir = mkdtempSync(join(tmpdir(), 'skylane-od-'));
const io = captureCliOutput();

interface OdJson {
  epoch: string;
  positionKm: number[];
  velocityKmPerS: number[];
  covariance: number[][];
  iterations: number;
  converged: boolean;
  residuals: { count: number; edited: number; statistics: { station: string; type: string; count: number; edited: number; rmsM?: number; stdM?: number; stdDeg?: number }[] };
}

describe('skylane od', () => {
  it('Orekit W3B from its own files: converges, Orekit\'s counts, JSON/OPM/CSV outputs', async () => {
    const out = join(dir, 'w3b.opm');
    const csv = join(dir, 'w3b.csv');
    const code = await runCli(['od', '--measurements', join(W3B, 'W3B.aer'), '--orekit-config', join(W3B, 'od_test_W3.in'), '--gravity-field', join(W3B, 'eigen-6s-truncated'), '--degree', '20', '--third-body', 'sun,moon', '--srp', 'cannonball', '--estimate', 'state,biases,empirical', '--json', '--out', out, '--residuals', csv]);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as OdJson;
    expect(j.converged).toBe(true);
    expect(j.covariance).toHaveLength(6);
    const all = (t: string) => j.residuals.statistics.find((s) => s.station === '*' && s.type === t)!;
    expect([all('range').count, all('azimuth').count, all('elevation').count]).toEqual([182, 339, 339]);
    expect(all('range').stdM!).toBeLessThan(4.375 * 1.1);
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    const back = opmInitialState(readFileSync(out, 'utf8'), 'w3b.opm', ts);
    expect(Math.hypot(...Array.from(back.stateGcrf.subarray(0, 3), (x, i) => x - j.positionKm[i]!))).toBeLessThan(1e-6);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('time_utc,station,type,unit,residual,sigma,edited');
    expect(rows).toHaveLength(1 + 182 + 2 * 339);
  });

  it('simulated LEO radar track in a TDM (two-body, 6 h): recovered within 3σ; an unknown participant is reported, the rest kept', async () => {
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const r = 7000, v = Math.sqrt(398600.4418 / r), inc = 60 * DEG_TO_RAD;
    const truth = [r, 0, 0, 0, v * Math.cos(inc), v * Math.sin(inc)];
    const times = Array.from({ length: 6 * 60 + 1 }, (_, k) => k * 60);
    const run = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(398600.4415)] }).propagate({ epoch, state: truth, stop: times[times.length - 1]!, outputTimesS: times });
    const stations = [{ name: 'RADAR-A', latDeg: 45, lonDeg: 10, altitudeM: 100 }, { name: 'RADAR-B', latDeg: 30, lonDeg: -100, altitudeM: 1500 }, { name: 'RADAR-C', latDeg: -30, lonDeg: 140, altitudeM: 300 }];
    const sensors = stations.map((station) => ({ station, measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }] }));
    const obs = simulateObservations({ timeScales: ts, epoch, timesS: times, states: run.outputStates, sensors, seed: 7 });
    expect(obs.length).toBeGreaterThan(60);
    const seg = (station: string) => {
      const mine = obs.filter((o) => o.station === station);
      const lines = ['META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${station}`, 'PARTICIPANT_2 = 99001', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'ANGLE_TYPE = AZEL', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START'];
      for (const o of mine) {
        const t = ts.formatUtcIso(o.epoch, 6).replace('Z', '');
        if (o.type === 'range') lines.push(`RANGE = ${t} ${(o.value * 2).toFixed(7)}`);
        else lines.push(`ANGLE_${o.type === 'azimuth' ? 1 : 2} = ${t} ${(o.value * RAD_TO_DEG).toFixed(7)}`);
      }
      lines.push('DATA_STOP');
      return lines.join('\n');
    };
    const ghost = ['META_START', 'TIME_SYSTEM = UTC', 'PARTICIPANT_1 = NOWHERE', 'PARTICIPANT_2 = 99001', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START', 'RANGE = 2026-03-10T00:10:00 2000.0', 'DATA_STOP'].join('\n');
    const tdm = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = SKYLANE-TEST', '', ...stations.map((s) => seg(s.name)), ghost, ''].join('\n');
    const tdmPath = join(dir, 'track.tdm');
    writeFileSync(tdmPath, tdm);
    const stationsPath = join(dir, 'stations.json');
    writeFileSync(stationsPath, JSON.stringify(stations));
    const g = truth.map((x, i) => x + (i < 3 ? 0.5 : 5e-4));
    const opm = ['CCSDS_OPM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T00:00:00', 'ORIGINATOR = TEST', 'OBJECT_NAME = SIM', 'OBJECT_ID = 99001', 'CENTER_NAME = EARTH', 'REF_FRAME = GCRF', 'TIME_SYSTEM = UTC', 'EPOCH = 2026-03-10T00:00:00',
      `X = ${g[0]}`, `Y = ${g[1]}`, `Z = ${g[2]}`, `X_DOT = ${g[3]}`, `Y_DOT = ${g[4]}`, `Z_DOT = ${g[5]}`, ''].join('\n');
    const opmPath = join(dir, 'guess.opm');
    writeFileSync(opmPath, opm);
    const code = await runCli(['od', '--tdm', tdmPath, '--stations', stationsPath, '--initial', opmPath, '--ids', '99001', '--dynamics', 'numerical', '--json']);
    expect(code, io.stderr).toBe(0);
    expect(io.stderr).toMatch(/NOWHERE/);
    const j = JSON.parse(io.stdout) as OdJson;
    expect(j.converged).toBe(true);
    expect(j.residuals.count).toBe(obs.length);
    for (let i = 0; i < 3; i++) expect(Math.abs(j.positionKm[i]! - truth[i]!), `axis ${i}`).toBeLessThan(3 * Math.sqrt(j.covariance[i]![i]!));
    for (let i = 0; i < 3; i++) expect(Math.abs(j.velocityKmPerS[i]! - truth[3 + i]!), `axis v${i}`).toBeLessThan(3 * Math.sqrt(j.covariance[3 + i]![3 + i]!));
  });

  it('--estimator ekf on the same TDM: processes every measurement, post-fit range RMS at the noise level', async () => {
    const code = await runCli(['od', '--tdm', join(dir, 'track.tdm'), '--stations', join(dir, 'stations.json'), '--initial', join(dir, 'guess.opm'), '--ids', '99001', '--dynamics', 'numerical', '--estimator', 'ekf', '--json']);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as OdJson;
    const range = j.residuals.statistics.find((s) => s.station === '*' && s.type === 'range')!;
    expect(j.residuals.edited).toBe(0);
    // post-fit residuals include the filter's first-pass transient (a priori 1 km): below 3× the 10 m noise
    expect(range.rmsM!).toBeLessThan(30);
  });

  it('refuses --tdm without --stations (exit 2, one line)', async () => {
    const code = await runCli(['od', '--tdm', 'x.tdm', '--dynamics', 'numerical', '--json']);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--stations/);
  });
});

describe('skylane od --dynamics sgp4', () => {
  it('fits an element set to simulated radar data from a perturbed TLE template and writes a TLE', async () => {
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    // ISS-like template; the truth is the same set with n and i nudged.
    const l1 = '1 25544U 98067A   26069.50000000  .00016717  00000-0  30000-3 0  9993';
    const l2 = '2 25544  51.6400 200.0000 0006000  90.0000 270.0000 15.50000000    10';
    const fix = (l: string): string => l.slice(0, 68) + String([...l.slice(0, 68)].reduce((a, c) => a + (c === '-' ? 1 : /\d/.test(c) ? Number(c) : 0), 0) % 10);
    const truthTle = [fix(l1), fix(l2.replace('51.6400', '51.6410').replace('15.50000000', '15.50010000'))];
    const tplPath = join(dir, 'template.tle');
    writeFileSync(tplPath, `${fix(l1)}\n${fix(l2)}\n`);
    const core = await import('@skylane/core');
    const truth = core.readTle(truthTle.join('\n'), { timeScales: ts }).elementSets[0]!;
    const sat = core.Sgp4Satellite.create(core.sgp4InputFrom(truth, ts));
    const frames = new core.StationFrames(truth.epoch, ts);
    const times = Array.from({ length: 12 * 60 + 1 }, (_, k) => k * 60);
    const states = new Float64Array(times.length * 6);
    const m = new Float64Array(9);
    times.forEach((t, k) => {
      const teme = sat.propagateMinutes(t / 60);
      frames.orientation.temeToGcrfInto(t, m);
      const tr = [...teme.r, ...teme.v];
      for (let r = 0; r < 3; r++) {
        states[k * 6 + r] = m[r * 3]! * tr[0]! + m[r * 3 + 1]! * tr[1]! + m[r * 3 + 2]! * tr[2]!;
        states[k * 6 + 3 + r] = m[r * 3]! * tr[3]! + m[r * 3 + 1]! * tr[4]! + m[r * 3 + 2]! * tr[5]!;
      }
    });
    const stations = [{ name: 'R1', latDeg: 40, lonDeg: 0, altitudeM: 0 }, { name: 'R2', latDeg: -20, lonDeg: 120, altitudeM: 0 }, { name: 'R3', latDeg: 30, lonDeg: -90, altitudeM: 0 }];
    const obs = simulateObservations({ timeScales: ts, epoch: truth.epoch, timesS: times, states, sensors: stations.map((station) => ({ station, measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }] })), seed: 3 });
    const tdm = ['CCSDS_TDM_VERS = 2.0', 'CREATION_DATE = 2026-03-10T12:00:00', 'ORIGINATOR = SKYLANE-TEST', ''];
    for (const s of stations) {
      tdm.push('META_START', 'TIME_SYSTEM = UTC', `PARTICIPANT_1 = ${s.name}`, 'PARTICIPANT_2 = 25544', 'MODE = SEQUENTIAL', 'PATH = 1,2,1', 'RANGE_UNITS = km', 'META_STOP', 'DATA_START');
      for (const o of obs.filter((x) => x.station === s.name)) tdm.push(`RANGE = ${ts.formatUtcIso(o.epoch, 6).replace('Z', '')} ${(2 * o.value).toFixed(7)}`);
      tdm.push('DATA_STOP');
    }
    writeFileSync(join(dir, 'sgp4.tdm'), tdm.join('\n') + '\n');
    writeFileSync(join(dir, 'sgp4-stations.json'), JSON.stringify(stations));
    const out = join(dir, 'fitted.tle');
    const code = await runCli(['od', '--tdm', join(dir, 'sgp4.tdm'), '--stations', join(dir, 'sgp4-stations.json'), '--catalog', tplPath, '--ids', '25544', '--dynamics', 'sgp4', '--json', '--out', out]);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as OdJson & { elementSet: { meanMotionRevPerDay: number; inclinationDeg: number } };
    expect(j.converged).toBe(true);
    expect(Math.abs(j.elementSet.inclinationDeg - 51.641)).toBeLessThan(1e-3);
    expect(Math.abs(j.elementSet.meanMotionRevPerDay - 15.5001)).toBeLessThan(1e-5);
    expect(readFileSync(out, 'utf8')).toMatch(/^1 25544U/m);
  });
});
