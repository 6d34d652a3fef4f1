/**
 * The `skylane` CLI end to end (in-process): ISS propagation checked against an independent implementation
 * (satellite.js sgp4() at the same minutes since epoch), catalog import of the bundled snapshot, exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { json2satrec, sgp4 } from 'satellite.js';
import { tleChecksum } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';
import { BUNDLED_CATALOG } from '../src/commands/demo.ts';

const io = captureCliOutput();

describe('skylane propagate', () => {
  it('ISS (25544) CSV in TEME agrees with satellite.js sgp4() within 1e-6 km and 1e-9 km/s', async () => {
    const code = await runCli(['propagate', '--catalog', BUNDLED_CATALOG, '--ids', '25544', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T06:00:00Z', '--step-s', '600']);
    expect(code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s');
    expect(lines).toHaveLength(1 + 37);
    const records = JSON.parse(gunzipSync(readFileSync(BUNDLED_CATALOG)).toString('utf8')) as { NORAD_CAT_ID: number; EPOCH: string }[];
    const iss = records.find((r) => r.NORAD_CAT_ID === 25544)!;
    const satrec = json2satrec(iss as unknown as Parameters<typeof json2satrec>[0]);
    const epochMs = Date.parse(`${iss.EPOCH}Z`) + Number(`0.${iss.EPOCH.split('.')[1]!.slice(3) || '0'}`); // full microseconds
    let worstR = 0;
    let worstV = 0;
    for (const line of lines.slice(1)) {
      const [id, time, ...v] = line.split(',');
      expect(id).toBe('25544');
      const tsince = (Date.parse(time!) - epochMs) / 60_000;
      const pv = sgp4(satrec, tsince);
      if (!pv) throw new Error('satellite.js failed');
      const n = v.map(Number);
      worstR = Math.max(worstR, Math.abs(n[0]! - pv.position.x), Math.abs(n[1]! - pv.position.y), Math.abs(n[2]! - pv.position.z));
      worstV = Math.max(worstV, Math.abs(n[3]! - pv.velocity.x), Math.abs(n[4]! - pv.velocity.y), Math.abs(n[5]! - pv.velocity.z));
    }
    expect(worstR).toBeLessThan(1e-6);
    expect(worstV).toBeLessThan(1e-9);
  });

  it('writes a CCSDS OEM in GCRF with one segment per object', async () => {
    const code = await runCli(['propagate', '--catalog', BUNDLED_CATALOG, '--ids', '25544,20580', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T00:10:00Z', '--step-s', '60', '--frame', 'GCRF', '--format', 'oem']);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^CCSDS_OEM_VERS = 2\.0/);
    expect(io.stdout.match(/META_START/g)).toHaveLength(2);
    expect(io.stdout).toContain('REF_FRAME = GCRF');
    expect(io.stdout).toContain('START_TIME = 2026-03-10T00:00:00.000000');
    expect(io.stdout.trim().split('\n').filter((l) => /^\d{4}-\d\d-\d\dT/.test(l))).toHaveLength(22);
  });

  it('usage errors exit with 2 and say what to fix', async () => {
    expect(await runCli(['propagate', '--catalog', BUNDLED_CATALOG])).toBe(2);
    expect(await runCli(['propagate', '--catalog', BUNDLED_CATALOG, '--start', 'yesterday', '--stop', '2026-03-10T00:00:00Z'])).toBe(2);
    expect(io.stderr).toContain('--start');
    expect(await runCli(['propagate', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T01:00:00Z', '--frame', 'ECI'])).toBe(2);
    expect(io.stderr).toContain('--frame');
    expect(await runCli(['no-such-command'])).toBe(2);
  });
});

describe('skylane catalog', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'skylane-cli-'));
  });

  it('import of the 18,407-object snapshot reports the object count and no rejected record', async () => {
    const code = await runCli(['catalog', 'import', BUNDLED_CATALOG, '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout) as { objects: number; rejected: unknown[]; elementSets: number };
    expect(summary.objects).toBe(18407);
    expect(summary.elementSets).toBe(18407);
    expect(summary.rejected).toEqual([]);
  });

  it('import of a file with corrupt records reports each one with its line and keeps the rest', async () => {
    const withChecksum = (body: string): string => body + String(tleChecksum(body));
    const line1 = withChecksum('1 25544U 98067A   26068.84029227  .00013524  00000+0  24808-3 0  999');
    const line2 = withChecksum('2 25544  51.6327 109.0787 0008044 149.5539 210.5960 15.4851953055641');
    const good = ['ISS (ZARYA)', line1, line2];
    const corrupted = line1.slice(0, 68) + String((Number(line1[68]) + 1) % 10);
    const bad = ['BROKEN', corrupted, line2];
    const path = join(dir, 'mixed.tle');
    writeFileSync(path, [...good, ...bad, ...good].join('\n') + '\n');
    const code = await runCli(['catalog', 'import', path, '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout) as { elementSets: number; rejected: { line: number; code: string }[] };
    expect(summary.elementSets).toBe(2);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]!.line).toBe(5);
    expect(summary.rejected[0]!.code).toBe('CHECKSUM_MISMATCH');
  });

  it('convert OMM JSON → OMM XML → TLE keeps the elements; TLE refuses 6-digit catalog numbers above 339999', async () => {
    const json = join(dir, 'two.json');
    const records = JSON.parse(gunzipSync(readFileSync(BUNDLED_CATALOG)).toString('utf8')) as { NORAD_CAT_ID: number }[];
    const big = records.find((r) => r.NORAD_CAT_ID > 339_999);
    const iss = records.find((r) => r.NORAD_CAT_ID === 25544)!;
    writeFileSync(json, JSON.stringify([iss]));
    expect(await runCli(['catalog', 'convert', json, '--to', 'omm-xml', '--out', join(dir, 'iss.xml')])).toBe(0);
    expect(readFileSync(join(dir, 'iss.xml'), 'utf8')).toContain('<NORAD_CAT_ID>25544</NORAD_CAT_ID>');
    io.stdout = '';
    expect(await runCli(['catalog', 'convert', join(dir, 'iss.xml'), '--to', 'tle'])).toBe(0);
    expect(io.stdout).toContain('1 25544U');
    if (big) {
      writeFileSync(json, JSON.stringify([big]));
      expect(await runCli(['catalog', 'convert', json, '--to', 'tle'])).toBe(1);
      expect(io.stderr).toContain('ID_OUT_OF_RANGE');
    }
  });
});

describe('skylane screen --cdm-dir', () => {
  it('writes one readable CDM per event, carrying the event’s miss distance and a Foster Pc', async () => {
    const { readCdm, createTimeScales } = await import('@skylane/core');
    const { readdirSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'skylane-cdm-'));
    const pair = fileURLToPath(new URL('../../../validation/celestrak-socrates-2026-03-09/gp-pairs/gp_47935,49179.json', import.meta.url));
    const code = await runCli(['screen', '--catalog', pair, '--start', '2026-03-12T04:00:00Z', '--days', '0.1', '--threads', '0', '--cdm-dir', out]);
    expect(code).toBe(0);
    const events = (JSON.parse(io.stdout) as { events: { missDistanceKm: number }[] }).events;
    const files = readdirSync(out);
    expect(events.length).toBeGreaterThan(0);
    expect(files).toHaveLength(events.length);
    const ts = createTimeScales();
    const cdm = readCdm(readFileSync(join(out, files[0]!), 'utf8'), { timeScales: ts });
    const first = 'cdms' in cdm ? cdm.cdms[0]! : undefined;
    expect(first).toBeDefined();
    expect(Math.abs(first!.relative.missDistanceKm - events[0]!.missDistanceKm)).toBeLessThan(1e-3);
    expect(first!.relative.collisionProbabilityMethod).toBe('FOSTER-1992');
    expect(first!.relative.collisionProbability).toBeGreaterThanOrEqual(0);
  });
});
