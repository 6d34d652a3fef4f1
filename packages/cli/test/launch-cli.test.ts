/**
 * `skylane launch window|plan`, `skylane notam parse` and `skylane lcola` end to end (in-process): the JSON contract of
 * the issue (field names and units), GeoJSON validity (RFC 7946: closed rings, [lon, lat]), one-line errors with exit 2
 * for an unknown site or vehicle and an unreachable inclination. The numerical oracles live in packages/core/test/launch.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();

const dir = mkdtempSync(join(tmpdir(), 'skylane-launch-'));
const validation = fileURLToPath(new URL('../../../validation/', import.meta.url));

describe('skylane launch window', () => {
  it('Taiyuan to a Qianfan-like plane: JSON with the contract fields', async () => {
    const code = await runCli(['launch', 'window', '--site', 'taiyuan', '--raan-deg', '269.92', '--inclination-deg', '89', '--date', '2024-08-06', '--altitude-km', '800', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.stdout) as { opportunities: { time: string; branch: string; azimuthDeg: number; inSector: boolean }[] };
    expect(j.opportunities.length).toBe(2);
    const desc = j.opportunities.find((o) => o.branch === 'descending')!;
    expect(desc.inSector).toBe(true);
    expect(desc.azimuthDeg).toBeGreaterThan(180);
    expect(desc.azimuthDeg).toBeLessThan(183);
    expect(desc.time).toMatch(/^2024-08-06T\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('unknown site: one line, exit 2', async () => {
    const code = await runCli(['launch', 'window', '--site', 'kourou', '--raan-deg', '0', '--inclination-deg', '89', '--date', '2024-08-06']);
    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n').length).toBe(1);
    expect(io.stderr).toMatch(/Unknown launch site "kourou"/);
  });
});

describe('skylane launch plan', () => {
  it('CZ-6A from Taiyuan: the contract JSON and a valid GeoJSON file', async () => {
    const geo = join(dir, 'plan.geojson');
    const code = await runCli(['launch', 'plan', '--site', 'taiyuan', '--vehicle', 'cz-6a', '--inclination-deg', '89', '--altitude-km', '800', '--launch', '2024-08-06T06:42:00Z', '--samples', '20', '--geojson', geo, '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.stdout) as { azimuthDeg: number; dropZones: Record<string, unknown>[]; landing: Record<string, unknown> };
    expect(typeof j.azimuthDeg).toBe('number');
    expect(j.dropZones.length).toBe(3);
    for (const z of j.dropZones) {
      for (const k of ['element', 'centerLat', 'centerLon', 'downrangeKm', 'polygon', 'activeFrom', 'activeTo']) expect(z[k], k).toBeDefined();
    }
    expect(j.landing['mode']).toBe('none');
    writeFileSync(join(dir, 'plan.json'), io.stdout);
    const fc = JSON.parse(readFileSync(geo, 'utf8')) as { type: string; features: { geometry: { type: string; coordinates: number[][][] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    const polys = fc.features.filter((f) => f.geometry.type === 'Polygon');
    expect(polys.length).toBe(3);
    for (const p of polys) {
      const ring = p.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat!)).toBeLessThanOrEqual(90);
      }
    }
  });

  it('a recoverable first stage gets a sea-platform landing', async () => {
    const code = await runCli(['launch', 'plan', '--site', 'hainan-commercial', '--vehicle', 'cz-10-class', '--inclination-deg', '41.5', '--altitude-km', '400', '--launch', '2026-07-10T04:15:00Z', '--samples', '10', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.stdout) as { landing: { mode: string; centerLat: number; dispersion3SigmaKm: number }; recovery: { zone: string; asset: string | null; arrivalTime?: string }[] };
    expect(j.landing.mode).toBe('sea-platform');
    expect(j.landing.dispersion3SigmaKm).toBeGreaterThan(0);
    const landingRecovery = j.recovery.find((r) => r.zone === 'landing-first-stage');
    expect(landingRecovery?.asset).toMatch(/^ship-/);
    expect(landingRecovery?.arrivalTime).toMatch(/^2026-07-1\dT/);
  });

  it('unknown vehicle and unreachable inclination: one line, exit 2', async () => {
    expect(await runCli(['launch', 'plan', '--site', 'taiyuan', '--vehicle', 'cz-99', '--inclination-deg', '89', '--altitude-km', '800', '--launch', '2024-08-06T06:42:00Z'])).toBe(2);
    expect(io.stderr).toMatch(/Unknown vehicle "cz-99"/);
    io.stderr = '';
    expect(await runCli(['launch', 'plan', '--site', 'taiyuan', '--vehicle', 'cz-6a', '--inclination-deg', '20', '--altitude-km', '800', '--launch', '2024-08-06T06:42:00Z'])).toBe(2);
    expect(io.stderr.trim().split('\n').length).toBe(1);
    expect(io.stderr).toMatch(/cannot be reached from taiyuan/);
  });
});

describe('skylane notam parse', () => {
  it('a database month to GeoJSON: the launch areas of 2024-08, A2241/24 among them', async () => {
    const bundle = JSON.parse(gunzipSync(readFileSync(join(validation, 'notam-drop-zones/notam_db.json.gz'))).toString('utf8')) as Record<string, string>;
    const f = join(dir, '2024-08.json');
    writeFileSync(f, bundle['2024-08.json']!);
    const code = await runCli(['notam', 'parse', f, '--geojson']);
    expect(code).toBe(0);
    const fc = JSON.parse(io.stdout) as { features: { properties: { code: string } }[] };
    expect(fc.features.some((x) => x.properties.code === 'A2241/24')).toBe(true);
    expect(io.stderr).toMatch(/launch-related parsed/);
  });
});

describe('skylane lcola', () => {
  it('screens a plan against the CelesTrak stations (crewed objects recognised) over a short window', async () => {
    const code = await runCli(['lcola', '--plan', join(dir, 'plan.json'), '--catalog', join(validation, 'celestrak/celestrak-stations-gp-2026-03-10.json'), '--window-start', '2026-03-10T06:00:00Z', '--window-end', '2026-03-10T06:04:00Z', '--launch-step-s', '120', '--parking-min', '20', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.stdout) as { candidates: number; clearCandidates: number; objectsScreened: number; blackouts: unknown[] };
    expect(j.candidates).toBe(3);
    expect(j.objectsScreened).toBeGreaterThan(3);
    expect(Array.isArray(j.blackouts)).toBe(true);
  }, 60000);
});
