/**
 * Oracle: the local run of the same command. `skylane lifetime --queue` and `skylane propagate --queue` submit their
 * run (kinds.ts: object blocks, object blocks × time windows) to a real redis-server's queue served by a queue worker
 * and must write the local run's output byte for byte. Usage errors: --shards/--time-windows without --queue, and
 * --queue with --state, exit 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundledCatalog } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';
import { redisAvailable } from '../../server/test/distributed/redisHarness.ts';
import { useRedisWithShardWorker } from '../../server/test/distributed/redisFixtures.ts';

const io = captureCliOutput();
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-kinds-cli-'));
const catalog = path.join(dir, 'catalog.json');
writeFileSync(catalog, JSON.stringify((JSON.parse(readBundledCatalog()) as unknown[]).slice(0, 120)));

describe('skylane lifetime/propagate --queue: usage', () => {
  it('refuses --shards and --time-windows without --queue, and --queue with --state (exit 2)', async () => {
    expect(await runCli(['lifetime', '--catalog', catalog, '--shards', '3'])).toBe(2);
    expect(io.stderr).toContain('--shards needs --queue');
    expect(await runCli(['propagate', '--catalog', catalog, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T01:00:00Z', '--time-windows', '2'])).toBe(2);
    expect(io.stderr).toContain('--time-windows needs --queue');
    expect(await runCli(['propagate', '--state', 'x.opm', '--stop', '2026-03-10T01:00:00Z', '--queue', 'redis://127.0.0.1:1'])).toBe(2);
    expect(io.stderr).toContain('--queue runs SGP4 catalog propagations');
  });
});

describe.skipIf(!redisAvailable)('skylane lifetime/propagate --queue vs the local run', () => {
  const redisOf = useRedisWithShardWorker();

  it('lifetime --json: identical output, progress on stderr', async () => {
    const common = ['lifetime', '--catalog', catalog, '--json', '--horizon-years', '30'];
    expect(await runCli(common)).toBe(0);
    const local = io.stdout;
    io.stdout = '';
    io.stderr = '';
    expect(await runCli([...common, '--queue', redisOf().url, '--shards', '3'])).toBe(0);
    expect(io.stderr).toMatch(/queued on redis:\/\/127\.0\.0\.1:\d+: 3 shards/);
    expect(io.stderr).toContain('progress: 3/3 shards');
    expect(io.stdout).toBe(local);
    expect((JSON.parse(local) as { objects: unknown[] }).objects.length).toBeGreaterThan(100);
  }, 120_000);

  it('propagate CSV and JSON in ITRF: identical files with 4 object blocks × 3 time windows', async () => {
    const common = ['propagate', '--catalog', catalog, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T02:00:00Z', '--step-s', '300', '--frame', 'ITRF'];
    for (const format of ['csv', 'json']) {
      const local = path.join(dir, `local.${format}`);
      const queued = path.join(dir, `queued.${format}`);
      expect(await runCli([...common, '--format', format, '--out', local])).toBe(0);
      io.stderr = '';
      expect(await runCli([...common, '--format', format, '--out', queued, '--queue', redisOf().url, '--shards', '4', '--time-windows', '3'])).toBe(0);
      expect(io.stderr).toContain('progress: 12/12 shards');
      expect(readFileSync(queued, 'utf8'), format).toBe(readFileSync(local, 'utf8'));
    }
    expect(readFileSync(path.join(dir, 'local.csv'), 'utf8').split('\n').length).toBeGreaterThan(120 * 25 - 100);
  }, 120_000);
});
