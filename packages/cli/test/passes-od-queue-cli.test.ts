/**
 * Oracle: the local run of the same command. `skylane passes --queue` (the passes run kind: satellite blocks) and
 * `skylane od-batch --queue` (the od run kind: object blocks) submit their run to a real redis-server's queue served
 * by a queue worker and must print the local run's output byte for byte. `od-batch`'s fit of each object must also be
 * the document `skylane od --dynamics sgp4 --json --ids N` prints for that object alone (the batch is the single fit,
 * repeated). Usage errors exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTimeScales, observationsToTdm, simulateTracking, syntheticCatalog, writeTdmKvn, writeTle, type ElementSet, type RadarSensor } from '@skylane/core';
import { readBundledCatalog } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';
import { redisAvailable } from '../../server/test/distributed/redisHarness.ts';
import { useRedisWithShardWorker } from '../../server/test/distributed/redisFixtures.ts';

const io = captureCliOutput();
const dir = mkdtempSync(path.join(tmpdir(), 'skylane-passes-od-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

const catalog = path.join(dir, 'catalog.json');
writeFileSync(catalog, JSON.stringify((JSON.parse(readBundledCatalog()) as unknown[]).slice(0, 40)));
const network = path.join(dir, 'network.json');
writeFileSync(network, JSON.stringify([{ id: 'KIRUNA', latDeg: 67.857, lonDeg: 20.964, altM: 402 }, { id: 'SANYA', latDeg: 18.25, lonDeg: 109.5, altM: 20 }]));

// Three LEO objects tracked by three radars for 8 h; templates (the catalog) a little off the truth.
const radars: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
];
const truth: ElementSet[] = syntheticCatalog(30, start, 11)
  .filter((s) => s.meanMotionRevPerDay > 13 && s.eccentricity < 0.05)
  .slice(0, 3)
  .map((s) => ({ ...s, inclinationDeg: 50 + ((s.catalogNumber * 7) % 45) }));
const sim = simulateTracking(truth.map((elementSet) => ({ elementSet })), radars, { timeScales: ts, start, durationS: 8 * 3600, stepS: 60, seed: 11 });
const tdm = path.join(dir, 'tracks.tdm');
writeFileSync(tdm, writeTdmKvn(observationsToTdm(sim.observations, ts)));
const stations = path.join(dir, 'stations.json');
writeFileSync(stations, JSON.stringify(radars.map(({ name, latDeg, lonDeg, altitudeM }) => ({ name, latDeg, lonDeg, altitudeM }))));
const templates = path.join(dir, 'templates.tle');
writeFileSync(templates, writeTle(truth.map((t, k) => ({ ...t, meanAnomalyDeg: t.meanAnomalyDeg + 0.02 * (k + 1) })), { timeScales: ts }));

describe('skylane passes/od-batch --queue: usage', () => {
  it('refuses --shards without --queue and a bad --queue URL (exit 2)', async () => {
    expect(await runCli(['passes', '--catalog', catalog, '--stations', network, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T06:00:00Z', '--shards', '2'])).toBe(2);
    expect(io.stderr).toContain('--shards needs --queue');
    expect(await runCli(['od-batch', '--tdm', tdm, '--stations', stations, '--catalog', templates, '--shards', '2'])).toBe(2);
    expect(io.stderr).toContain('--shards needs --queue');
    expect(await runCli(['od-batch', '--tdm', tdm, '--stations', stations, '--catalog', templates, '--queue', 'http://x'])).toBe(2);
  });
});

describe('skylane od-batch: each fit is the single-object `skylane od --dynamics sgp4` fit', () => {
  it('three objects: converged fits, each document equal to `od --ids N --json`', async () => {
    expect(sim.observations.length).toBeGreaterThan(100);
    io.stdout = '';
    expect(await runCli(['od-batch', '--tdm', tdm, '--stations', stations, '--catalog', templates]), io.stderr).toBe(0);
    const batch = JSON.parse(io.stdout) as { fits: { object: number; fit: { converged: boolean; weightedRms: number; elementSet: { meanAnomalyDeg: number } } }[]; failures: unknown[] };
    expect(batch.fits.map((f) => f.object)).toEqual(truth.map((t) => t.catalogNumber).sort((a, b) => a - b));
    expect(batch.failures).toEqual([]);
    for (const f of batch.fits) {
      expect(f.fit.converged).toBe(true);
      expect(f.fit.weightedRms, `object ${f.object}: residuals at the noise level`).toBeLessThan(2);
      io.stdout = '';
      expect(await runCli(['od', '--tdm', tdm, '--stations', stations, '--catalog', templates, '--ids', String(f.object), '--dynamics', 'sgp4', '--json']), io.stderr).toBe(0);
      expect(JSON.stringify(f.fit, null, 1) + '\n', `object ${f.object}`).toBe(io.stdout);
    }
  }, 60_000);
});

describe.skipIf(!redisAvailable)('skylane passes/od-batch --queue vs the local run', () => {
  const redisOf = useRedisWithShardWorker();

  it('passes JSON and CSV: identical output with 3 satellite blocks, progress on stderr', async () => {
    const common = ['passes', '--catalog', catalog, '--stations', network, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T06:00:00Z'];
    for (const format of ['json', 'csv']) {
      io.stdout = '';
      expect(await runCli([...common, '--format', format]), io.stderr).toBe(0);
      const local = io.stdout;
      io.stdout = '';
      io.stderr = '';
      expect(await runCli([...common, '--format', format, '--queue', redisOf().url, '--shards', '3']), io.stderr).toBe(0);
      expect(io.stderr).toMatch(/queued on redis:\/\/127\.0\.0\.1:\d+: 3 shards/);
      expect(io.stderr).toContain('progress: 3/3 shards');
      expect(io.stdout, format).toBe(local);
      if (format === 'csv') expect(local.split('\n').length, 'passes of 40 objects over two stations in 6 h').toBeGreaterThan(30);
    }
  }, 120_000);

  it('od-batch: identical output with 2 object blocks', async () => {
    const common = ['od-batch', '--tdm', tdm, '--stations', stations, '--catalog', templates, '--estimate', 'state,bstar'];
    io.stdout = '';
    expect(await runCli(common), io.stderr).toBe(0);
    const local = io.stdout;
    io.stdout = '';
    io.stderr = '';
    expect(await runCli([...common, '--queue', redisOf().url, '--shards', '2']), io.stderr).toBe(0);
    expect(io.stderr).toContain('progress: 2/2 shards, 3 objects');
    expect(io.stdout).toBe(local);
    expect((JSON.parse(local) as { fits: unknown[] }).fits.length).toBe(3);
    expect(readFileSync(tdm, 'utf8')).toContain('DATA_START');
  }, 120_000);
});
