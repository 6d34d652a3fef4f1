/**
 * `skylane tourism rendezvous` and `skylane tourism return` in-process: the JSON contract (burns, totalDeltaVMps,
 * dockingEpoch, finalMissKm, finalRelSpeedMps), the SVG plot, the return's landing opportunities, and bad input
 * answered with exit status 2 and one line. States are an ISS-like circular 420-km orbit and a Soyuz-like 200 × 240 km
 * insertion 20° behind it, given inline (GCRF km, km/s).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTimeScales, initialStateFromSgp4, readElementSets, sgp4InputFrom, writeElementSets } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-tourism-'));
const MU = 398600.4418;
const D = Math.PI / 180;

function circular(r: number, inc: number, raan: number, u: number, k = 1): number[] {
  const v = Math.sqrt(MU / r) * k;
  const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(inc), si = Math.sin(inc), cO = Math.cos(raan), sO = Math.sin(raan);
  return [r * (cO * cu - sO * su * ci), r * (sO * cu + cO * su * ci), r * su * si, v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
}
const EPOCH = '2026-12-10T06:00:00Z';
const inline = (s: number[]): string => `${EPOCH},${s.map((x) => x.toFixed(9)).join(',')}`;
const station = inline(circular(6378.137 + 420, 51.64 * D, 30 * D, 0));
const rp = 6378.137 + 200, ra = 6378.137 + 240;
const insertion = inline(circular(rp, 51.64 * D, 30 * D, -20 * D, Math.sqrt((2 * ra) / (rp + ra))));

describe('skylane tourism rendezvous', () => {
  it('prints the JSON contract and writes the SVG', async () => {
    const svg = join(dir, 'rdv.svg');
    const code = await runCli(['tourism', 'rendezvous', '--station', station, '--insertion', insertion, '--profile', 'fast', '--json', '--plot', svg]);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as { burns: { label: string; epoch: string; dvMps: number; dvRtnMps: number[] }[]; totalDeltaVMps: number; dockingEpoch: string; finalMissKm: number; finalRelSpeedMps: number };
    expect(out.burns.length).toBeGreaterThanOrEqual(4);
    expect(out.burns.map((b) => b.label)).toContain('terminal-initiation');
    expect(out.totalDeltaVMps).toBeCloseTo(out.burns.reduce((s, b) => s + b.dvMps, 0), 2);
    expect(out.dockingEpoch).toMatch(/^2026-12-10T0[89]:\d\d:\d\d\.\d{3}Z$/);
    expect(out.finalMissKm).toBeLessThan(1);
    expect(out.finalRelSpeedMps).toBeLessThan(1);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*terminal-initiation[\s\S]*<\/svg>\n$/);
  });
  it('derives the insertion from a launch (Wenchang, CZ-7) and plans the 2-day profile', async () => {
    const tiangong = inline(circular(6378.137 + 390, 41.47 * D, 100 * D, 0)).replace(EPOCH, '2026-12-10T00:00:00Z');
    const code = await runCli(['tourism', 'rendezvous', '--station', tiangong, '--launch-site', 'wenchang', '--vehicle', 'cz-7', '--launch-after', '2026-12-10T00:00:00Z', '--profile', '2-day', '--json']);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as { launch: { launchEpoch: string; apogeeAltitudeKm: number }; finalMissKm: number; finalRelSpeedMps: number };
    expect(out.launch.launchEpoch).toMatch(/^2026-12-1[01]T/);
    expect(out.finalMissKm).toBeLessThan(1);
    expect(out.finalRelSpeedMps).toBeLessThan(1);
    expect(await runCli(['tourism', 'rendezvous', '--station', tiangong, '--launch-site', 'wenchang', '--profile', '2-day'])).toBe(2);
  });
  it('answers an unknown profile and an unreachable phase with exit status 2 and one line', async () => {
    expect(await runCli(['tourism', 'rendezvous', '--station', station, '--insertion', insertion, '--profile', '1-orbit'])).toBe(2);
    io.stderr = '';
    const far = inline(circular(rp, 51.64 * D, 30 * D, -90 * D, Math.sqrt((2 * ra) / (rp + ra))));
    expect(await runCli(['tourism', 'rendezvous', '--station', station, '--insertion', far, '--profile', 'fast', '--json'])).toBe(2);
    expect(io.stderr).toMatch(/cannot close a phase/);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('skylane tourism rendezvous with the ISS from a catalog', () => {
  it('takes the station by NORAD id and screens the rendezvous, leaving the station itself out', async () => {
    const ts = createTimeScales();
    const all = readElementSets(gunzipSync(readFileSync(join(import.meta.dirname, '../../../data/catalog/socrates-catalog-gp-2026-03-10.json.gz'))).toString('utf8'), { format: 'auto', timeScales: ts }).elementSets;
    const iss = all.find((e) => e.catalogNumber === 25544)!;
    const leo = all.filter((e) => e.meanMotionRevPerDay > 15.2 && e.meanMotionRevPerDay < 16.2 && e.catalogNumber !== 25544).slice(0, 200);
    const file = join(dir, 'catalog.json');
    writeFileSync(file, writeElementSets([iss, ...leo], 'omm-json', { timeScales: ts }));
    // Insertion 20° behind the ISS in its plane: 200 × 240 km, at perigee (Rodrigues rotation about the orbit normal).
    const s0 = initialStateFromSgp4(sgp4InputFrom(iss, ts), ts);
    const r = Array.from(s0.state.subarray(0, 3)), v = Array.from(s0.state.subarray(3));
    const h = [r[1]! * v[2]! - r[2]! * v[1]!, r[2]! * v[0]! - r[0]! * v[2]!, r[0]! * v[1]! - r[1]! * v[0]!];
    const hn = Math.hypot(...h);
    const k = h.map((x) => x / hn);
    const rot = (a: number[], ang: number): number[] => {
      const c = Math.cos(ang), s = Math.sin(ang), kd = k[0]! * a[0]! + k[1]! * a[1]! + k[2]! * a[2]!;
      const kx = [k[1]! * a[2]! - k[2]! * a[1]!, k[2]! * a[0]! - k[0]! * a[2]!, k[0]! * a[1]! - k[1]! * a[0]!];
      return [0, 1, 2].map((i) => a[i]! * c + kx[i]! * s + k[i]! * kd * (1 - c));
    };
    const rHat = rot(r, -20 * D).map((x) => x / Math.hypot(...r));
    const tHat = [k[1]! * rHat[2]! - k[2]! * rHat[1]!, k[2]! * rHat[0]! - k[0]! * rHat[2]!, k[0]! * rHat[1]! - k[1]! * rHat[0]!];
    const vp = Math.sqrt(MU * (2 / rp - 2 / (rp + ra)));
    const ins = `${ts.formatUtcIso(s0.epoch, 6)},${[...rHat.map((x) => x * rp), ...tHat.map((x) => x * vp)].map((x) => x.toFixed(9)).join(',')}`;
    const code = await runCli(['tourism', 'rendezvous', '--station', '25544', '--catalog', file, '--insertion', ins, '--profile', '4-orbit', '--json']);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as { finalMissKm: number; screening: { objectsScreened: number; conjunctions: { objectId: number; phase: string }[]; boxKm: { radial: number } } };
    expect(out.finalMissKm).toBeLessThan(1);
    expect(out.screening.boxKm.radial).toBe(4);
    expect(out.screening.objectsScreened).toBe(200);
    expect(out.screening.conjunctions.some((c) => c.objectId === 25544)).toBe(false);
  });
});

describe('skylane tourism return', () => {
  it('lists landing opportunities with deorbit, entry interface and landing', async () => {
    const code = await runCli(['tourism', 'return', '--state', station, '--site', 'dongfeng', '--search-days', '3', '--max-cross-range-km', '300', '--max-opportunities', '1', '--json']);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as { opportunities: { deorbitDeltaVMps: number; crossRangeKm: number; missKm: number; entryInterface: { flightPathDeg: number } }[] };
    expect(out.opportunities).toHaveLength(1);
    const o = out.opportunities[0]!;
    expect(o.deorbitDeltaVMps).toBeGreaterThan(90);
    expect(o.missKm).toBeLessThan(o.crossRangeKm + 40);
    expect(o.entryInterface.flightPathDeg).toBeLessThan(0);
  });
  it('refuses an unknown site with exit status 2', async () => {
    expect(await runCli(['tourism', 'return', '--state', station, '--site', 'atlantis'])).toBe(2);
    expect(io.stderr).toMatch(/--site atlantis/);
  });
});
