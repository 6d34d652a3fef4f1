/**
 * `skylane tourism rendezvous` and `skylane tourism return` in-process: the JSON contract (burns, totalDeltaVMps,
 * dockingEpoch, finalMissKm, finalRelSpeedMps), the SVG plot, the return's landing opportunities, and bad input
 * answered with exit status 2 and one line. States are an ISS-like circular 420-km orbit and a Soyuz-like 200 × 240 km
 * insertion 20° behind it, given inline (GCRF km, km/s).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('answers an unknown profile and an unreachable phase with exit status 2 and one line', async () => {
    expect(await runCli(['tourism', 'rendezvous', '--station', station, '--insertion', insertion, '--profile', '1-orbit'])).toBe(2);
    io.stderr = '';
    const far = inline(circular(rp, 51.64 * D, 30 * D, -90 * D, Math.sqrt((2 * ra) / (rp + ra))));
    expect(await runCli(['tourism', 'rendezvous', '--station', station, '--insertion', far, '--profile', 'fast', '--json'])).toBe(2);
    expect(io.stderr).toMatch(/cannot close a phase/);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
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
