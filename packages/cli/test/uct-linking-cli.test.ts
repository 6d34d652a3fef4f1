/**
 * `skylane observations ingest --stations` links UCTs across uploads (issue 13): two TDMs of one unknown LEO object
 * (SGP4 truth, sensor simulator, two radars, an hour and more apart) ingested one after the other; the second ingest
 * links both tracks into one provisional object. Oracle: the simulation (both tracks are of the same object).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTimeScales, observationsToTdm, simulateTracking, writeTdmKvn, type ElementSet, type Observation, type RadarSensor } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-uct-cli-'));
const db = join(dir, 'skylane.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ts = createTimeScales();

const radars: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
];
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const unknown: ElementSet = { catalogNumber: 1, classification: 'U', epoch: start, meanMotionRevPerDay: 14.3, eccentricity: 0.001, inclinationDeg: 99.8, raanDeg: 40, argOfPericenterDeg: 90, meanAnomalyDeg: 10, bstarPerEarthRadii: 1e-5, meanMotionDotRevPerDay2: 0, meanMotionDdotRevPerDay3: 0, ephemerisType: 0, elementSetNo: 999, revAtEpoch: 0 };

describe('skylane observations ingest: UCT linking across uploads', () => {
  it('a second upload links its track with the first upload’s into one provisional object', async () => {
    const sim = simulateTracking([{ elementSet: unknown }], radars, { timeScales: ts, start, durationS: 8 * 3600, stepS: 20, seed: 5 });
    const arcs: { station: string; t0: number; last: number; obs: Observation[] }[] = [];
    for (const o of sim.observations) {
      const t = o.epoch.secondsSince(start);
      const arc = arcs.find((a) => a.station === o.station && t - a.last <= 600);
      if (arc !== undefined) {
        arc.obs.push(o);
        arc.last = t;
      } else arcs.push({ station: o.station, t0: t, last: t, obs: [o] });
    }
    const usable = arcs.filter((a) => a.obs.length >= 9).sort((a, b) => a.t0 - b.t0);
    const first = usable[0]!;
    const second = usable.find((a) => a.station !== first.station && a.t0 - first.t0 >= 3600)!;
    expect(second, 'a pass of another station an hour or more later').toBeDefined();
    const stations = join(dir, 'stations.json');
    writeFileSync(stations, JSON.stringify(radars.map(({ name, latDeg, lonDeg, altitudeM }) => ({ name, latDeg, lonDeg, altitudeM }))));
    const files = [first, second].map((a, k) => {
      const f = join(dir, `pass${k + 1}.tdm`);
      writeFileSync(f, writeTdmKvn(observationsToTdm(a.obs.map((o) => ({ ...o, objectId: 91000 + k })), ts)));
      return f;
    });
    expect(await runCli(['tenant', 'create', '--name', 'acme', '--database-url', db])).toBe(0);
    io.stdout = '';
    expect(await runCli(['observations', 'ingest', '--tenant', 'acme', '--tdm', files[0]!, '--stations', stations, '--database-url', db])).toBe(0);
    expect(io.stdout).not.toContain('provisional object');
    io.stdout = '';
    expect(await runCli(['observations', 'ingest', '--tenant', 'acme', '--tdm', files[1]!, '--stations', stations, '--database-url', db])).toBe(0);
    expect(io.stdout).toMatch(/linked into provisional object 800000 across uploads: 2 tracks/);
  }, 60_000);
});
