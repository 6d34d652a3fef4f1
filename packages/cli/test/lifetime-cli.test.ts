/**
 * `skylane lifetime` and `skylane compliance` in-process (runCli): the JSON and CSV contracts of issue #14 item 3 on
 * an excerpt of the bundled SOCRATES catalog (the ISS, a Qianfan satellite at 1,068 km, Starlink), fleet files, and
 * one-line usage errors with exit status 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG } from '../src/commands/demo.ts';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-lifetime-'));
const all = JSON.parse(gunzipSync(readFileSync(BUNDLED_CATALOG)).toString('utf8')) as { NORAD_CAT_ID: number; OBJECT_NAME: string }[];
const iss = all.find((r) => r.NORAD_CAT_ID === 25544)!;
const qianfan = all.find((r) => /^QIANFAN/.test(r.OBJECT_NAME))!;
const starlink = all.filter((r) => /^STARLINK/.test(r.OBJECT_NAME)).slice(0, 3);
const small = join(dir, 'small.json');
writeFileSync(small, JSON.stringify([iss, qianfan, ...starlink]));

describe('skylane lifetime', () => {
  it('--ids --json: the ISS (decaying 47 m/day at epoch, into a declining solar cycle) reenters within 15 years, a 1,068 km Qianfan satellite stays beyond the 200-year horizon', async () => {
    const code = await runCli(['lifetime', '--catalog', small, '--ids', `25544,${qianfan.NORAD_CAT_ID}`, '--json']);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as { model: Record<string, unknown>; objects: { object: number; lifetimeYears: number; beyondHorizon: boolean; reentryEpoch: string | null; perigeeAltKm: number }[] };
    expect(out.model.atmosphere).toBe('nrlmsise00-mean');
    const byId = new Map(out.objects.map((o) => [o.object, o]));
    const i = byId.get(25544)!;
    expect(i.beyondHorizon).toBe(false);
    expect(i.lifetimeYears).toBeGreaterThan(0.3);
    expect(i.lifetimeYears).toBeLessThan(15);
    expect(i.reentryEpoch).toMatch(/^20\d\d-\d\d-\d\dT/);
    const q = byId.get(qianfan.NORAD_CAT_ID)!;
    expect(q.perigeeAltKm).toBeGreaterThan(1000);
    expect(q.beyondHorizon).toBe(true);
    expect(q.reentryEpoch).toBeNull();
  });

  it('a bad --ids value is a usage error (exit 2, one line naming the flag)', async () => {
    const code = await runCli(['lifetime', '--catalog', small, '--ids', 'abc', '--json']);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--ids/);
  });
});

describe('skylane compliance', () => {
  it('--fleet --json: per-object rules, Δv, fleet summary; the Qianfan satellite is active-disposal-only', async () => {
    const fleet = join(dir, 'fleet.json');
    writeFileSync(fleet, JSON.stringify({ qianfan: [qianfan.NORAD_CAT_ID], starlink: starlink.map((s) => s.NORAD_CAT_ID) }));
    const code = await runCli(['compliance', '--catalog', small, '--fleet', fleet, '--json']);
    expect(code, io.stderr).toBe(0);
    const out = JSON.parse(io.stdout) as {
      summary: { objects: number };
      byFleet: { key: string; objects: number; activeDisposalOnly: number }[];
      objects: { object: number; disposal: string; rule25: { compliant: boolean; deltaVMps?: number } }[];
    };
    expect(out.summary.objects).toBe(1 + starlink.length);
    const q = out.objects.find((o) => o.object === qianfan.NORAD_CAT_ID)!;
    expect(q.disposal).toBe('active-disposal-only');
    expect(q.rule25.compliant).toBe(false);
    expect(q.rule25.deltaVMps).toBeGreaterThan(50);
    expect(out.byFleet.find((f) => f.key === 'qianfan')!.activeDisposalOnly).toBe(1);
    expect(out.byFleet.find((f) => f.key === 'starlink')!.objects).toBe(starlink.length);
  });

  it('--csv: a header and one row per object; --json with --csv is a usage error', async () => {
    expect(await runCli(['compliance', '--catalog', small, '--csv'])).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^object,name,type,owner,perigee_alt_km/);
    expect(lines).toHaveLength(1 + 2 + starlink.length);
    io.stderr = '';
    expect(await runCli(['compliance', '--catalog', small, '--csv', '--json'])).toBe(2);
    expect(io.stderr).toMatch(/choose one/);
  });
});
