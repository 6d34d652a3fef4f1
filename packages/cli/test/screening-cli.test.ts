/**
 * Oracle: CelesTrak SOCRATES 2026-03-09 (validation/celestrak-socrates-2026-03-09), pair 47935/49179 (GRUS-1E vs
 * STARLINK-3043, TCA 2026-03-12T04:44:40.733Z, 0.014 km, 9.173 km/s), through the `skylane screen` command:
 * JSON and CSV shapes, stdout vs --out, --primaries and the RTN volume flag.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerScreenCommand } from '../src/commands/screen.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pairFile = path.resolve(here, '../../../validation/celestrak-socrates-2026-03-09/gp-pairs/gp_47935,49179.json');
const window = ['--start', '2026-03-09T18:00:00Z', '--days', '7'];

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

describe('skylane screen', () => {
  it('writes {events, skipped} JSON with the SOCRATES conjunction', async () => {
    await screen(['--catalog', pairFile, ...window, '--threshold-km', '5']);
    const out = JSON.parse(stdout) as { events: Record<string, unknown>[]; skipped: unknown[] };
    expect(out.skipped).toEqual([]);
    const ev = out.events.find((e) => String(e.tca).startsWith('2026-03-12T04:44:40.7'));
    expect(ev).toBeDefined();
    expect(ev!.object1).toBe(47935);
    expect(ev!.object2).toBe(49179);
    expect(String(ev!.tca)).toMatch(/^2026-03-12T04:44:40\.73\d{4}Z$/);
    expect(Math.abs((ev!.missDistanceKm as number) - 0.014)).toBeLessThanOrEqual(0.001);
    expect(Math.abs((ev!.relativeSpeedKmPerS as number) - 9.173)).toBeLessThanOrEqual(0.001);
    expect(ev!.missRtnKm).toHaveLength(3);
    expect(ev!.object2Name).toBe('STARLINK-3043');
  });

  it('writes CSV with the same columns to --out, and honours --primaries and --volume-rtn-km', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'skylane-screen-')), 'events.csv');
    await screen(['--catalog', pairFile, ...window, '--primaries', '49179', '--volume-rtn-km', '1,25,25', '--format', 'csv', '--out', file, '--threads', '0']);
    expect(stdout).toBe('');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('object1,object2,tca,missDistanceKm,relativeSpeedKmPerS,missRtnKm,object1Name,object2Name,epoch1,epoch2,tcaAgeDays1,tcaAgeDays2');
    expect(lines.some((l) => l.startsWith('47935,49179,2026-03-12T04:44:40.73'))).toBe(true);
  });

  it('refuses --threshold-km together with --volume-rtn-km', async () => {
    await expect(screen(['--catalog', pairFile, ...window, '--threshold-km', '5', '--volume-rtn-km', '1,2,3'])).rejects.toThrow(/either --threshold-km or --volume-rtn-km/);
  });
});
