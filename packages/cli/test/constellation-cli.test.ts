/**
 * `skylane constellation design|coverage` and `skylane deploy plan` as subprocesses (bin/skylane.mjs): the exact
 * CLI contract of issue #16, exit codes and one-line errors.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/skylane.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'skylane-constellation-'));

function skylane(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr });
    });
  });
}

describe('skylane constellation design / coverage / deploy plan (subprocess)', () => {
  it('design --walker writes OMM JSON with CelesTrak field names and the elements exactly as designed', async () => {
    const r = await skylane(['constellation', 'design', '--walker', '36/4/1', '--altitude-km', '1068.5', '--inclination-deg', '89', '--epoch', '2026-01-01T00:00:00Z', '--out', 'shell.json']);
    expect(r.code, r.stderr).toBe(0);
    const omm = JSON.parse(readFileSync(join(dir, 'shell.json'), 'utf8')) as Record<string, unknown>[];
    expect(omm).toHaveLength(36);
    for (const k of ['OBJECT_NAME', 'NORAD_CAT_ID', 'EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'BSTAR']) expect(omm[0]).toHaveProperty(k);
    expect(new Set(omm.map((o) => o['INCLINATION']))).toEqual(new Set([89]));
    expect([...new Set(omm.map((o) => o['RA_OF_ASC_NODE']))].sort((a, b) => Number(a) - Number(b))).toEqual([0, 90, 180, 270]);
    // a = 6378.135 + 1068.5 km with SGP4's mu: n = sqrt(mu/a^3) in rev/day.
    const a = 6378.135 + 1068.5;
    expect(omm[0]!['MEAN_MOTION']).toBeCloseTo((Math.sqrt(398600.8 / a ** 3) * 86400) / (2 * Math.PI), 12);
    expect(r.stderr).toMatch(/closest inter-plane approach/);
  });

  it('a bad Walker pattern is a one-line usage error with exit 2', async () => {
    const bad = await skylane(['constellation', 'design', '--walker', '10/3/0', '--altitude-km', '550', '--inclination-deg', '53', '--epoch', '2026-01-01T00:00:00Z', '--out', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/P divides T/);
  });

  it('coverage --json gives the statistics and per-latitude rows; --svg writes a map', async () => {
    const r = await skylane(['constellation', 'coverage', '--catalog', 'shell.json', '--min-el', '10', '--start', '2026-01-01T00:00:00Z', '--hours', '1', '--grid-deg', '10', '--json', '--svg', 'map.svg']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { coverageFraction: number; maxRevisitGapS: number; meanRevisitGapS: number; perLatitude: unknown[]; satellites: number };
    expect(j.satellites).toBe(36);
    expect(j.coverageFraction).toBeGreaterThan(0);
    expect(j.coverageFraction).toBeLessThanOrEqual(1);
    expect(j.perLatitude).toHaveLength(18);
    expect(readFileSync(join(dir, 'map.svg'), 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*<rect[\s\S]*<\/svg>\s*$/);
  });

  it('deploy plan --json follows the contract; a site whose azimuths cannot give the inclination exits 2 naming SITE_AZIMUTH', async () => {
    const r = await skylane(['deploy', 'plan', '--design', 'shell.json', '--start', '2026-01-01T00:00:00Z', '--per-launch', '9', '--json', '--gantt', 'gantt.svg']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { launches: Record<string, unknown>[]; initialServiceEpoch: string; fullServiceEpoch: string; totalDvMps: number };
    for (const k of ['epoch', 'site', 'vehicle', 'plane', 'raanDeg', 'insertionAltitudeKm', 'satellites', 'driftDays', 'raiseDays', 'dvMps']) expect(plan.launches[0]).toHaveProperty(k);
    expect(plan.launches.reduce((a, l) => a + (l['satellites'] as number), 0)).toBe(36);
    expect(Date.parse(plan.fullServiceEpoch)).toBeGreaterThanOrEqual(Date.parse(plan.initialServiceEpoch));
    expect(plan.totalDvMps).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'gantt.svg'), 'utf8')).toMatch(/<svg[\s\S]*<\/svg>/);
    writeFileSync(join(dir, 'sites.json'), JSON.stringify([{ id: 'xichang', latDeg: 28.24556, lonDeg: 102.02667, azimuthRangesDeg: [[90, 130]] }]));
    writeFileSync(
      join(dir, 'fleet.json'),
      JSON.stringify([{ id: 'cz-8x', referenceCapacityKg: 5000, referenceAltitudeKm: 700, referenceInclinationDeg: 98.2, referenceLatitudeDeg: 19.6, upperStageIspS: 442, upperStageDryMassKg: 2800, maxInsertionAltitudeKm: 1200, units: 1, turnaroundDays: 30, padTurnaroundDays: 14, sites: ['xichang'] }]),
    );
    const bad = await skylane(['deploy', 'plan', '--design', 'shell.json', '--fleet', 'fleet.json', '--sites', 'sites.json', '--start', '2026-01-01T00:00:00Z', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/SITE_AZIMUTH: site xichang allows azimuths 90–130°/);
  });
});
