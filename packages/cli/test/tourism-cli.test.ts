/**
 * `skylane tourism go-no-go --flight F --json` (issue 19 item 6), in-process via runCli: a GO day exits 0 with the
 * verdict and every item; a day with a vessel in the hazard area and gusts over the vehicle limit exits 3 naming both
 * with value and limit; a bad field exits 2 naming its JSON path; --help shows the file format with an example.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-tourism-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const day = (): Record<string, unknown> => ({
  flight: 'TF-1',
  launchUtc: '2026-07-20T02:00:00Z',
  vehicleClass: 'capsule',
  vehicle: { lastLandingUtc: null, openAnomalies: 0 },
  hazardAreas: [{ id: 'HA-1', polygonDeg: [[31, 101], [31, 102], [32, 102], [32, 101]], activeFromUtc: '2026-07-20T01:30:00Z', activeToUtc: '2026-07-20T03:00:00Z' }],
  traffic: [{ id: 'FLT-9', kind: 'aircraft', latDeg: 30.5, lonDeg: 101.5 }],
  lcola: { windowStart: '2026-07-20T01:00:00Z', windowEnd: '2026-07-20T04:00:00Z', blackouts: [] },
  recovery: { landingZone: { latDeg: 31.2, lonDeg: 101.2, stationRadiusKm: 30 }, assets: [{ id: 'truck-1', kind: 'ground', latDeg: 31.25, lonDeg: 101.2 }] },
  weather: { surfaceWindMps: 4, gustMps: 7 },
  passengers: [{ id: 'seat-1', trainingComplete: true, medicalCleared: true, medicalExpiresUtc: '2027-01-01T00:00:00Z' }],
});
const write = (name: string, j: unknown): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(j));
  return p;
};

describe('skylane tourism go-no-go', () => {
  it('GO day: exit 0, verdict GO, every item listed', async () => {
    const code = await runCli(['tourism', 'go-no-go', '--flight', write('go.json', day()), '--json']);
    const out = JSON.parse(io.stdout) as { verdict: string; flight: string; items: { item: string; status: string }[]; failing: unknown[] };
    expect(code, io.stderr).toBe(0);
    expect(out).toMatchObject({ flight: 'TF-1', launchUtc: '2026-07-20T02:00:00Z', verdict: 'GO', failing: [] });
    expect(out.items.find((i) => i.item === 'wave-height')?.status).toBe('not-required');
    expect(out.items.length).toBeGreaterThanOrEqual(10);
  });

  it('NO-GO day: exit 3, naming the intruder in the hazard area and the gusts with value and limit', async () => {
    const j = day();
    (j['traffic'] as unknown[]).push({ id: 'MV-STRAY', kind: 'vessel', latDeg: 31.5, lonDeg: 101.5 });
    (j['weather'] as Record<string, number>)['gustMps'] = 14;
    const code = await runCli(['tourism', 'go-no-go', '--flight', write('nogo.json', j), '--json']);
    expect(code).toBe(3);
    const out = JSON.parse(io.stdout) as { verdict: string; failing: { item: string; value: unknown; limit: unknown; detail: string }[] };
    expect(out.verdict).toBe('NO-GO');
    expect(out.failing.map((f) => [f.item, f.value, f.limit])).toEqual([
      ['hazard-area-clearance', 1, 0],
      ['gusts', 14, 12.9],
    ]);
    expect(out.failing[0]!.detail).toContain('MV-STRAY');
    io.stdout = '';
    expect(await runCli(['tourism', 'go-no-go', '--flight', path.join(dir, 'nogo.json')])).toBe(3);
    expect(io.stdout).toMatch(/NO-GO gusts: gusts at the landing zone 14 m\/s > limit 12\.9 m\/s/);
  });

  it('a bad field exits 2 naming its JSON path; --help documents the format', async () => {
    const j = day();
    (j['recovery'] as Record<string, unknown>)['landingZone'] = { latDeg: 95, lonDeg: 0, stationRadiusKm: 1 };
    expect(await runCli(['tourism', 'go-no-go', '--flight', write('bad.json', j), '--json'])).toBe(2);
    expect(io.stderr).toContain('$.recovery.landingZone.latDeg');
    fs.writeFileSync(path.join(dir, 'notjson.json'), '{');
    expect(await runCli(['tourism', 'go-no-go', '--flight', path.join(dir, 'notjson.json')])).toBe(2);
    io.stdout = '';
    expect(await runCli(['tourism', 'go-no-go', '--help'])).toBe(0);
    expect(io.stdout).toContain('Exit status: 0 GO, 3 NO-GO');
    expect(io.stdout).toContain('"polygonDeg"');
  });
});
