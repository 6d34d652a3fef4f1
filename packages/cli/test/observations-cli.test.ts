/**
 * `skylane observations ingest|list` (issue 13 item 7), in process, on a fresh SQLite service database. Oracle: the
 * TDM written here (3 range measurements of object 99002 from RADAR-A and one record in an unconvertible TIME_SYSTEM):
 * the stored counts, the rejected record's line and field, and what `list` reads back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-observations-cli-'));
const db = join(dir, 'skylane.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TDM = [
  'CCSDS_TDM_VERS = 2.0',
  'CREATION_DATE = 2026-03-10T12:00:00',
  'ORIGINATOR = TEST',
  'META_START',
  'TIME_SYSTEM = UTC',
  'PARTICIPANT_1 = RADAR-A',
  'PARTICIPANT_2 = 99002',
  'MODE = SEQUENTIAL',
  'PATH = 1,2,1',
  'RANGE_UNITS = km',
  'META_STOP',
  'DATA_START',
  'RANGE = 2026-03-10T00:00:00 2000.0',
  'RANGE = 2026-03-10T00:01:00 1990.5',
  'RANGE = 2026-03-10T00:02:00 1981.25',
  'DATA_STOP',
  'META_START',
  'TIME_SYSTEM = SCLK',
  'PARTICIPANT_1 = RADAR-A',
  'PARTICIPANT_2 = 99002',
  'MODE = SEQUENTIAL',
  'PATH = 1,2,1',
  'META_STOP',
  'DATA_START',
  'RANGE = 2026-03-10T00:03:00 1970.0',
  'DATA_STOP',
  '',
].join('\n');

describe('skylane observations (service database)', () => {
  it('ingests a TDM for a tenant, reports the rejected record, lists what was stored', async () => {
    const file = join(dir, 'radar.tdm');
    writeFileSync(file, TDM);
    expect(await runCli(['tenant', 'create', '--name', 'acme', '--database-url', db])).toBe(0);
    io.stdout = '';
    expect(await runCli(['observations', 'ingest', '--tenant', 'acme', '--tdm', file, '--database-url', db, '--json'])).toBe(0);
    const sum = JSON.parse(io.stdout) as { accepted: number; rejected: number; counts: { station: string; type: string; count: number; correlation: string }[]; problems: { line: number; field: string }[] };
    expect(sum.accepted).toBe(3);
    expect(sum.counts).toEqual([{ station: 'RADAR-A', object: '99002', type: 'RANGE', count: 3, correlation: 'uct' }]);
    expect(sum.problems).toContainEqual(expect.objectContaining({ line: 25, field: 'RANGE' }));
    io.stdout = '';
    expect(await runCli(['observations', 'list', '--tenant', 'acme', '--object', '99002', '--limit', '2', '--database-url', db])).toBe(0);
    const rows = io.stdout.trim().split('\n').map((l) => JSON.parse(l) as { epoch: string; value: number });
    expect(rows.map((r) => [r.epoch, r.value])).toEqual([
      ['2026-03-10T00:02:00.000000Z', 1981.25],
      ['2026-03-10T00:01:00.000000Z', 1990.5],
    ]);
    expect(await runCli(['observations', 'list', '--tenant', 'nobody', '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('no tenant "nobody"');
  });
});
