/**
 * Oracle: the local run of `skylane screen` (--threads 0) on the same catalog and window. `skylane screen --queue …
 * --format ndjson --queue-window 1` (the streamed merge with one shard queued at a time ahead of the merge, served by
 * a queue worker on a real redis-server) must write the same NDJSON byte for byte. Also the flag's help text and
 * usage errors (exit 2): a window needs --queue and a streamed format, and is a positive integer.
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
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-queue-window-cli-'));
const base = ['screen', '--catalog', 'x.json', '--start', '2026-03-10T00:00:00Z'];

describe('skylane screen --queue-window: help and usage errors', () => {
  it('is in the help with what it bounds; refuses it without --queue, with a whole-run format or --cdm-dir, and a non-positive or non-integer value (exit 2)', async () => {
    expect(await runCli(['screen', '--help'])).toBe(0);
    expect(io.stdout).toContain('--queue-window <n>');
    expect(io.stdout).toContain('Redis holds at most N shard results');
    const cases: [string[], string][] = [
      [['--queue-window', '4'], '--queue-window needs --queue'],
      [['--queue', 'redis://127.0.0.1:1', '--queue-window', '4'], '--queue-window needs --format ndjson|columnar'],
      [['--queue', 'redis://127.0.0.1:1', '--format', 'csv', '--queue-window', '4'], '--queue-window needs --format ndjson|columnar'],
      [['--queue', 'redis://127.0.0.1:1', '--format', 'ndjson', '--cdm-dir', path.join(dir, 'cdm'), '--queue-window', '4'], 'without --cdm-dir'],
      [['--queue', 'redis://127.0.0.1:1', '--format', 'ndjson', '--queue-window', '0'], '--queue-window: "0" must be an integer 1..100000'],
      [['--queue', 'redis://127.0.0.1:1', '--format', 'ndjson', '--queue-window', '2.5'], '--queue-window: "2.5" must be an integer'],
      [['--queue', 'redis://127.0.0.1:1', '--format', 'ndjson', '--queue-window', 'all'], '--queue-window: "all" must be an integer'],
    ];
    for (const [flags, message] of cases) {
      io.stderr = '';
      expect(await runCli([...base, ...flags]), flags.join(' ')).toBe(2);
      expect(io.stderr, flags.join(' ')).toContain(message);
    }
  });
});

describe.skipIf(!redisAvailable)('skylane screen --queue --queue-window vs the local run', () => {
  const redisOf = useRedisWithShardWorker();

  it('--queue-window 1 over 4 shards: the local run\'s NDJSON byte for byte, every shard merged', async () => {
    const catalog = path.join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify((JSON.parse(readBundledCatalog()) as unknown[]).slice(0, 400)));
    const common = ['screen', '--catalog', catalog, '--start', '2026-03-10T00:00:00Z', '--days', '0.5', '--threshold-km', '20', '--format', 'ndjson'];
    const local = path.join(dir, 'local.ndjson');
    const queued = path.join(dir, 'queued.ndjson');
    expect(await runCli([...common, '--threads', '0', '--out', local])).toBe(0);
    io.stderr = '';
    expect(await runCli([...common, '--queue', redisOf().url, '--shards', '4', '--queue-window', '1', '--out', queued])).toBe(0);
    expect(io.stderr).toMatch(/progress: 4\/4 shards, \d+ events so far; 4\/4 merged, \d+ events written/);
    expect(readFileSync(local, 'utf8').split('\n').length, 'the local run has events').toBeGreaterThan(1);
    expect(readFileSync(queued).equals(readFileSync(local))).toBe(true);
  }, 120_000);
});
