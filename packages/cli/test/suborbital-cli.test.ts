/**
 * `skylane suborbital profile` end to end (in-process): the JSON contract of issue 19 (apogeeKm, timeAboveKarmanS,
 * microgravityS, maxAscentG, maxReentryG, landing {lat, lon, ellipse}), the SVG plot, a vehicle from a JSON file, and
 * one-line errors with exit 2. The numerical oracles live in packages/core/test/tourism.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBORBITAL_VEHICLES } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-suborbital-'));

describe('skylane suborbital profile', () => {
  it('capsule from Jiuquan: the contract fields, a plot with altitude and g, aborts and hazard areas', async () => {
    const plot = join(dir, 'profile.svg');
    const code = await runCli(['suborbital', 'profile', '--vehicle', 'capsule', '--site', 'jiuquan', '--launch', '2026-12-07T03:00:00Z', '--samples', '30', '--abort-step-s', '60', '--abort-samples', '5', '--json', '--plot', plot]);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as {
      apogeeKm: number;
      timeAboveKarmanS: number;
      microgravityS: number;
      maxAscentG: number;
      maxReentryG: number;
      landing: { lat: number; lon: number; ellipse: { semiMajorKm: number; polygonLonLatDeg: number[][] } };
      aborts: { mode: string; available: boolean }[];
      hazardAreas: { id: string }[];
      violations: unknown[];
    };
    expect(j.apogeeKm).toBeGreaterThan(100);
    expect(j.apogeeKm).toBeLessThan(115);
    expect(j.timeAboveKarmanS).toBeGreaterThan(0);
    expect(j.microgravityS).toBeGreaterThan(150);
    expect(j.maxAscentG).toBeGreaterThan(2);
    expect(j.maxReentryG).toBeGreaterThan(3);
    expect(Math.abs(j.landing.lat - 40.968)).toBeLessThan(0.2);
    expect(Math.abs(j.landing.lon - 100.278)).toBeLessThan(0.3);
    expect(j.landing.ellipse.semiMajorKm).toBeGreaterThan(0);
    expect(j.landing.ellipse.polygonLonLatDeg.length).toBeGreaterThan(8);
    expect(j.aborts.map((a) => a.mode)).toContain('pad-escape');
    expect(j.hazardAreas.map((h) => h.id)).toEqual(['capsule-landing', 'booster-landing']);
    expect(j.violations).toEqual([]);
    const svg = readFileSync(plot, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('altitude (km)');
    expect(svg).toContain('sensed acceleration (g)');
  });

  it('a vehicle from a JSON file (text output); a bad file and an unknown site: one line, exit 2', async () => {
    const file = join(dir, 'heavy-capsule.json');
    writeFileSync(file, JSON.stringify({ ...SUBORBITAL_VEHICLES[0], id: 'heavy-capsule', capsule: { ...SUBORBITAL_VEHICLES[0]!.capsule, massKg: 5000 } }));
    expect(await runCli(['suborbital', 'profile', '--vehicle', file, '--site', 'jiuquan', '--launch', '2026-12-07T03:00:00Z', '--samples', '0', '--abort-step-s', '0'])).toBe(0);
    expect(io.stdout).toMatch(/^heavy-capsule from jiuquan/);
    expect(io.stdout).toMatch(/apogee \d+\.\d\d km/);
    io.stderr = '';
    writeFileSync(file, '{"id": "x", "booster": {}}');
    expect(await runCli(['suborbital', 'profile', '--vehicle', file, '--site', 'jiuquan', '--launch', '2026-12-07T03:00:00Z', '--samples', '0'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/ARGUMENT_INVALID: vehicle\.capsule must be an object/);
    io.stderr = '';
    expect(await runCli(['suborbital', 'profile', '--vehicle', 'capsule', '--site', 'kourou', '--launch', '2026-12-07T03:00:00Z'])).toBe(2);
    expect(io.stderr).toMatch(/Unknown launch site "kourou"/);
    io.stderr = '';
    expect(await runCli(['suborbital', 'profile', '--vehicle', 'glider', '--site', 'jiuquan', '--launch', '2026-12-07T03:00:00Z'])).toBe(2);
    expect(io.stderr).toMatch(/neither a bundled vehicle/);
  });

  it('--help shows the examples', async () => {
    expect(await runCli(['suborbital', 'profile', '--help'])).toBe(0);
    expect(io.stdout).toContain('skylane suborbital profile --vehicle capsule --site jiuquan');
  });
});
