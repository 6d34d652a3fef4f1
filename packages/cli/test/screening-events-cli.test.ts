/**
 * `skylane screening-events` reads a screening job's close approaches from the columns stored with it (migration 013).
 * Oracle: the columns written into the database (66,000 synthetic events: two stored chunks) and core's own NDJSON,
 * CSV and SKYCONJ1 writers/decoder: the command's NDJSON and CSV equal the writers' text of those columns, and its
 * binary file decodes to exactly those columns. Another tenant's job, an unknown tenant and binary without --out exit 2.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendConjunction, createConjunctionColumns, createTimeScales, csvHeaderLine, csvRows, decodeColumnar, ndjsonRows, tcaIsoFrom, type ConjunctionColumns } from '@skylane/core';
import { createTenant, openStore, storeEventColumns } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-screening-events-'));
const db = path.join(dir, 'skylane.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ts = createTimeScales();
const start = { mjd: 61_109, seconds: 43_200 }; // 2026-03-10T12:00:00Z
const N = 66_000;
let cols: ConjunctionColumns;
let jobId = 0;

beforeAll(async () => {
  cols = createConjunctionColumns(N);
  for (let i = 0; i < N; i++) appendConjunction(cols, (i % 900) + 1, 100_000 + i, i * 0.37 + 1e-7 * (i % 11), Math.sqrt(i) / 100, 7 + Math.sin(i), Math.cos(i), -Math.sin(i / 3), (i % 97) / 31, i / 1e5, -i / 3e5);
  const store = await openStore({ url: db });
  try {
    const acme = await createTenant(store.db, 'acme');
    await createTenant(store.db, 'other');
    jobId = (
      await store.db
        .insertInto('screening_jobs')
        .values({ tenant_id: acme.id, fleet_id: 1, trigger: 'api', status: 'succeeded', window_start_utc: '2026-03-10T12:00:00Z', duration_s: 86_400, threshold_km: 5, blocks_done: 1, blocks_total: 1, result_json: null, error: null, created_at: '2026-03-10T12:00:00Z', started_at: null, finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await store.db.transaction().execute((trx) => storeEventColumns(trx, ts, { tenantId: acme.id, jobId, startUtc: start, columns: cols, metadata: { note: 'test' } }));
  } finally {
    await store.close();
  }
}, 60_000);

describe('skylane screening-events', () => {
  it('NDJSON and CSV on stdout are the core writers’ text of the stored columns', async () => {
    const tcaIso = tcaIsoFrom(ts, start);
    expect(await runCli(['screening-events', '--tenant', 'acme', '--job', String(jobId), '--database-url', db]), io.stderr).toBe(0);
    expect(io.stdout).toBe(ndjsonRows(cols, tcaIso));
    expect(io.stdout.slice(0, 120)).toContain('"tca":"2026-03-10T12:00:00.000000Z"');
    expect(io.stderr).toContain(`${N} close approaches of screening job ${jobId}`);
    io.stdout = '';
    expect(await runCli(['screening-events', '--tenant', 'acme', '--job', String(jobId), '--format', 'csv', '--database-url', db]), io.stderr).toBe(0);
    expect(io.stdout).toBe(csvHeaderLine() + csvRows(cols, tcaIso));
  }, 60_000);

  it('--format columnar --out writes a SKYCONJ1 file that decodes to the stored columns exactly', async () => {
    const out = path.join(dir, 'events.skyconj');
    expect(await runCli(['screening-events', '--tenant', 'acme', '--job', String(jobId), '--format', 'columnar', '--out', out, '--database-url', db]), io.stderr).toBe(0);
    const { header, columns } = decodeColumnar(readFileSync(out));
    expect(header.windowStartUtc).toBe('2026-03-10T12:00:00.000000Z');
    expect(header.metadata).toEqual({ note: 'test' });
    expect(columns.length).toBe(N);
    for (const name of ['object1', 'object2', 'tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const) {
      expect(Buffer.from(columns[name].buffer, 0, N * columns[name].BYTES_PER_ELEMENT).equals(Buffer.from(cols[name].buffer, 0, N * cols[name].BYTES_PER_ELEMENT)), name).toBe(true);
    }
  }, 60_000);

  it('another tenant’s job, an unknown tenant and binary on stdout exit 2', async () => {
    expect(await runCli(['screening-events', '--tenant', 'other', '--job', String(jobId), '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('no stored close approaches');
    expect(io.stdout).toBe('');
    expect(await runCli(['screening-events', '--tenant', 'nobody', '--job', String(jobId), '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('no tenant "nobody"');
    expect(await runCli(['screening-events', '--tenant', 'acme', '--job', String(jobId), '--format', 'columnar', '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('give --out FILE');
  });
});
