/**
 * `skylane tourism go-no-go` with a suborbital profile vehicle (issue 19): `profileVehicle: "capsule"` + `site` flies
 * the nominal profile (GO, weather limits from the capsule's go/no-go class); a vehicle file over a g limit exits 3
 * with profile-check NO-GO naming axis, value, limit and time; a profile vehicle without a site is a usage error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findSuborbitalVehicle } from '@skylane/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-tourism-profile-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const capsule = findSuborbitalVehicle('capsule');
const day = (extra: Record<string, unknown>): Record<string, unknown> => ({
  flight: 'SUB-1',
  launchUtc: '2026-07-20T02:00:00Z',
  site: 'jiuquan',
  vehicle: { lastLandingUtc: null, openAnomalies: 0 },
  hazardAreas: [],
  traffic: [],
  lcola: { windowStart: '2026-07-20T01:00:00Z', windowEnd: '2026-07-20T04:00:00Z', blackouts: [] },
  recovery: { landingZone: { latDeg: 40.96, lonDeg: 100.29, stationRadiusKm: 500 }, assets: [{ id: 'truck-1', kind: 'ground', latDeg: 40.96, lonDeg: 100.29 }] },
  weather: { surfaceWindMps: 4, gustMps: 7 },
  passengers: [{ id: 'seat-1', trainingComplete: true, medicalCleared: true, medicalExpiresUtc: '2027-01-01T00:00:00Z' }],
  ...extra,
});
const write = (name: string, j: unknown): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(j));
  return p;
};
type Out = { verdict: string; items: { item: string; status: string; detail: string }[]; failing: { item: string; detail: string }[] };

describe('skylane tourism go-no-go with a profile vehicle', () => {
  it('profileVehicle capsule at jiuquan: GO, profile-check go, capsule-class limits', async () => {
    const code = await runCli(['tourism', 'go-no-go', '--flight', write('go.json', day({ profileVehicle: 'capsule' })), '--json']);
    const out = JSON.parse(io.stdout) as Out;
    expect(code, io.stderr + io.stdout).toBe(0);
    expect(out.verdict).toBe('GO');
    expect(out.items.find((i) => i.item === 'profile-check')?.status).toBe('go');
    expect(out.items.find((i) => i.item === 'gusts')?.detail).toContain('limit 12.9');
  });

  it('a vehicle file over a g limit: exit 3, profile-check NO-GO naming +Gz value, limit and time', async () => {
    write('hot.json', { ...capsule, id: 'hot-upright', booster: { ...capsule.booster, thrustSlKn: 1200, thrustVacKn: 1300 }, capsule: { ...capsule.capsule, seating: 'upright' } });
    const code = await runCli(['tourism', 'go-no-go', '--flight', write('hot-day.json', day({ profileVehicle: 'hot.json', profileCheck: { passed: true } })), '--json']);
    expect(code, io.stderr).toBe(3);
    const out = JSON.parse(io.stdout) as Out;
    expect(out.failing.map((f) => f.item)).toEqual(['profile-check']);
    expect(out.failing[0]!.detail).toMatch(/\+Gz \d+\.\d\d g > limit 6 g for more than 1 s at T\+\d+\.\d s/);
  });

  it('a profile vehicle without a site is a usage error (exit 2); --help documents profileVehicle', async () => {
    const j = day({ profileVehicle: 'capsule' });
    delete j['site'];
    expect(await runCli(['tourism', 'go-no-go', '--flight', write('nosite.json', j)])).toBe(2);
    expect(io.stderr).toContain('$.site');
    await runCli(['tourism', 'go-no-go', '--help']);
    expect(io.stdout).toContain('profileVehicle');
  });
});
