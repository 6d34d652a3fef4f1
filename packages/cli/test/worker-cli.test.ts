/**
 * Oracle: the local run of `skylane screen` (--threads 0) on the same catalog and window. `skylane screen --queue`
 * submits the run to a real redis-server's queue, served by a queue worker, shows progress on stderr and must write
 * the same output file byte for byte. Also the `skylane worker` flags: help with examples, usage errors (exit 2).
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
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-worker-cli-'));

describe('skylane worker: flags', () => {
  it('prints help with examples, refuses a non-redis URL and a bad concurrency with exit 2', async () => {
    expect(await runCli(['worker', '--help'])).toBe(0);
    expect(io.stdout).toContain('skylane worker --queue redis://127.0.0.1:6379');
    expect(await runCli(['worker', '--queue', 'http://example.org:6379'])).toBe(2);
    expect(io.stderr).toContain('redis://HOST:PORT');
    expect(await runCli(['worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', '0'])).toBe(2);
    expect(await runCli(['screen', '--catalog', 'x.json', '--start', '2026-03-10T00:00:00Z', '--shards', '4'])).toBe(2);
    expect(io.stderr).toContain('--shards needs --queue');
  });
});

describe.skipIf(!redisAvailable)('skylane screen --queue vs the local run', () => {
  const redisOf = useRedisWithShardWorker();

  it('writes the same JSON and CSV as the local run and reports progress on stderr', async () => {
    const catalog = path.join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify((JSON.parse(readBundledCatalog()) as unknown[]).slice(0, 400)));
    const common = ['screen', '--catalog', catalog, '--start', '2026-03-10T00:00:00Z', '--days', '0.5', '--threshold-km', '20'];
    for (const format of ['json', 'csv']) {
      const local = path.join(dir, `local.${format}`);
      const queued = path.join(dir, `queued.${format}`);
      expect(await runCli([...common, '--format', format, '--threads', '0', '--out', local])).toBe(0);
      io.stderr = '';
      expect(await runCli([...common, '--format', format, '--queue', redisOf().url, '--shards', '3', '--out', queued])).toBe(0);
      expect(io.stderr).toMatch(/queued on redis:\/\/127\.0\.0\.1:\d+: 3 shards/);
      expect(io.stderr).toContain('progress: 3/3 shards');
      expect(readFileSync(queued, 'utf8'), format).toBe(readFileSync(local, 'utf8'));
    }
    expect((JSON.parse(readFileSync(path.join(dir, 'local.json'), 'utf8')) as { events: unknown[] }).events.length).toBeGreaterThan(0);
  }, 120_000);

  it('streamed merge: writes the same NDJSON (file and stdout) and SKYCONJ1 file as the local run, with merge progress', async () => {
    const catalog = path.join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify((JSON.parse(readBundledCatalog()) as unknown[]).slice(0, 400)));
    const common = ['screen', '--catalog', catalog, '--start', '2026-03-10T00:00:00Z', '--days', '0.5', '--threshold-km', '20'];
    for (const format of ['ndjson', 'columnar']) {
      const local = path.join(dir, `local.${format}`);
      const queued = path.join(dir, `queued.${format}`);
      expect(await runCli([...common, '--format', format, '--threads', '0', '--out', local])).toBe(0);
      io.stderr = '';
      expect(await runCli([...common, '--format', format, '--queue', redisOf().url, '--shards', '3', '--out', queued])).toBe(0);
      expect(io.stderr).toMatch(/progress: 3\/3 shards, \d+ events so far; 3\/3 merged, \d+ events written/);
      expect(readFileSync(queued).equals(readFileSync(local)), format).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'local.ndjson'), 'utf8').split('\n').length).toBeGreaterThan(1);
    io.stdout = '';
    expect(await runCli([...common, '--format', 'ndjson', '--queue', redisOf().url, '--shards', '2'])).toBe(0);
    expect(io.stdout).toBe(readFileSync(path.join(dir, 'local.ndjson'), 'utf8'));
  }, 120_000);
});
