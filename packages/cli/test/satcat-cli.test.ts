/**
 * `skylane satcat load` (in-process): a CelesTrak SATCAT CSV stored in a fresh service database (SQLite file), read
 * back through the server's storage (the rows the ADR ranking and GP answers use); a malformed row is reported with
 * its line on stderr and exit 1 while the good rows are stored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSatcat, openStore } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-satcat-cli-'));
const HEADER = 'OBJECT_NAME,OBJECT_ID,NORAD_CAT_ID,OBJECT_TYPE,OPS_STATUS_CODE,OWNER,LAUNCH_DATE,LAUNCH_SITE,DECAY_DATE,PERIOD,INCLINATION,APOGEE,PERIGEE,RCS,DATA_STATUS_CODE,ORBIT_CENTER,ORBIT_TYPE';

describe('skylane satcat load', () => {
  const db = join(dir, 'service.sqlite');
  it('stores the rows in the service database; types and owners read back', async () => {
    const file = join(dir, 'satcat.csv');
    writeFileSync(file, [HEADER, 'SL-16 R/B,1999-057B,25861,R/B,-,CIS,1999-10-14,TYMSC,,100.9,71.0,850,830,11.2,,EA,ORB', 'CZ-6A R/B,2024-140B,60397,R/B,-,PRC,2024-08-06,TSC,,100.5,89.0,820,790,,,EA,ORB'].join('\n'));
    expect(await runCli(['satcat', 'load', '--file', file, '--database-url', db, '--json'])).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ stored: 2, rejected: 0, objects: 2 });
    const store = await openStore({ url: db });
    try {
      const rows = await loadSatcat(store.db);
      expect(rows.get(60397)).toMatchObject({ objectType: 'ROCKET BODY', owner: 'PRC', launchDate: '2024-08-06' });
      expect(rows.get(25861)).toMatchObject({ objectType: 'ROCKET BODY', owner: 'CIS', rcsM2: 11.2 });
    } finally {
      await store.close();
    }
  });

  it('a malformed row: reported with its line, exit 1, the good row stored', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, [HEADER, 'BROKEN,ROW', 'ISS (ZARYA),1998-067A,25544,PAY,+,ISS,1998-11-20,TYMSC,,92.9,51.6,420,415,399.05,,EA,ORB'].join('\n'));
    expect(await runCli(['satcat', 'load', '--file', file, '--database-url', db])).toBe(1);
    expect(io.stderr).toMatch(/bad\.csv:2 rejected/);
    expect(io.stdout).toMatch(/1 SATCAT rows stored \(1 rejected\); 3 objects/);
  });

  it('no --file: a one-line usage error with exit 2', async () => {
    expect(await runCli(['satcat', 'load', '--database-url', db])).toBe(2);
    expect(io.stderr).toMatch(/--file/);
  });
});
