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

  it('refuses --tdm without --stations (exit 2, one line)', async () => {
    const code = await runCli(['od', '--tdm', 'x.tdm', '--dynamics', 'numerical', '--json']);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--stations/);
  });
});
