/**
 * `skylane screen --format ndjson|columnar` (issue #18 item 3). Oracle: the command's own JSON output of the same run
 * (the object path), on the CelesTrak SOCRATES 2026-03-09 pair 47935/49179 (validation/celestrak-socrates-2026-03-09)
 * over 7 days: the streamed formats must carry the same events, values bit for bit, and the SOCRATES conjunction.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeColumnar } from '@skylane/core';
import { registerScreenCommand } from '../src/commands/screen.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pairFile = path.resolve(here, '../../../validation/celestrak-socrates-2026-03-09/gp-pairs/gp_47935,49179.json');
const run = ['--catalog', pairFile, '--start', '2026-03-09T18:00:00Z', '--days', '7', '--threshold-km', '5', '--threads', '0'];

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

async function screen(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerScreenCommand(program);
  await program.parseAsync(['node', 'skylane', 'screen', ...args]);
}

interface JsonEvent {
  object1: number;
  object2: number;
  tca: string;
  missDistanceKm: number;
  relativeSpeedKmPerS: number;
  missRtnKm: [number, number, number];
  tcaAgeDays1: number;
  tcaAgeDays2: number;
}

describe('skylane screen streamed formats', () => {
  it('NDJSON (stdout and --out) and the binary columns (--out) carry the JSON run’s events exactly', async () => {
    await screen(run);
    const json = (JSON.parse(stdout) as { events: JsonEvent[] }).events;
    expect(json.length, 'the SOCRATES pair must give events').toBeGreaterThan(0);
    const socrates = json.find((e) => e.tca.startsWith('2026-03-12T04:44:40.7'));
    expect(socrates && Math.abs(socrates.missDistanceKm - 0.014)).toBeLessThanOrEqual(0.001);

    stdout = '';
    await screen([...run, '--format', 'ndjson']);
    const fromStdout = stdout;
    const dir = mkdtempSync(path.join(tmpdir(), 'skylane-screen-columnar-'));
    const nd = path.join(dir, 'events.ndjson');
    stdout = '';
    await screen([...run, '--format', 'ndjson', '--out', nd]);
    expect(stdout).toBe('');
    expect(readFileSync(nd, 'utf8')).toBe(fromStdout);
    const lines = fromStdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>);
    expect(lines.map((o) => [o.object1, o.object2, o.tca, o.missDistanceKm, o.relativeSpeedKmPerS, o.missRadialKm, o.missTransverseKm, o.missNormalKm, o.tcaAgeDays1, o.tcaAgeDays2])).toEqual(
      json.map((e) => [e.object1, e.object2, e.tca, e.missDistanceKm, e.relativeSpeedKmPerS, ...e.missRtnKm, e.tcaAgeDays1, e.tcaAgeDays2]),
    );

    const bin = path.join(dir, 'events.skyconj');
    await screen([...run, '--format', 'columnar', '--out', bin]);
    const { header, columns } = decodeColumnar(readFileSync(bin));
    expect(header.windowStartUtc).toBe('2026-03-09T18:00:00.000000Z');
    expect(columns.length).toBe(json.length);
    json.forEach((e, i) => {
      expect([columns.object1[i], columns.object2[i], columns.missDistanceKm[i], columns.relativeSpeedKmPerS[i], columns.missRadialKm[i], columns.missTransverseKm[i], columns.missNormalKm[i], columns.tcaAgeDays1[i], columns.tcaAgeDays2[i]]).toEqual([
        e.object1,
        e.object2,
        e.missDistanceKm,
        e.relativeSpeedKmPerS,
        ...e.missRtnKm,
        e.tcaAgeDays1,
        e.tcaAgeDays2,
      ]);
      expect(columns.tcaOffsetS[i]).toBe(lines[i]!.tcaOffsetS);
    });
  }, 120_000);

  it('refuses --format columnar without --out (binary on a terminal)', async () => {
    await expect(screen([...run, '--format', 'columnar'])).rejects.toThrow(/--format columnar writes binary: give --out FILE/);
  });
});
