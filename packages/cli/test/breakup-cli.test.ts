/**
 * `skylane simulate tracking|breakup` and `skylane breakup detect`, in process, on a 400-object subset of the SOCRATES
 * catalog (2026-03-10) that contains the parent: the oracle is the simulated truth (parent 815 and the breakup epoch),
 * both from new element sets (--elements) and end to end from simulated radar tracking of the fragments (--tdm).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTimeScales, readElementSets, reEpochElementSet, writeElementSets } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const ts = createTimeScales();
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skylane-breakup-'));
const all = readElementSets(gunzipSync(readFileSync(join(repo, 'data/catalog/socrates-catalog-gp-2026-03-10.json.gz'))).toString('utf8'), { format: 'auto', timeScales: ts }).elementSets;
const subset = all.filter((s, i) => s.catalogNumber === 815 || s.catalogNumber === 25544 || i % 46 === 0);
const catalog = join(tmp, 'catalog.json');
writeFileSync(catalog, writeElementSets(subset, 'omm-json', { timeScales: ts }));
const sites = join(tmp, 'sites.json');
writeFileSync(sites, JSON.stringify([
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000, rangeRate: true },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000 },
  { name: 'TEIDE', latDeg: 28.3, lonDeg: -16.51, altitudeM: 2390, type: 'optical', limitingMagnitude: 18 },
]));

describe('skylane simulate / breakup detect', () => {
  it('simulate tracking writes a TDM that tdm validate accepts, with radar and optical segments', async () => {
    const out = join(tmp, 'passes.tdm');
    expect(await runCli(['simulate', 'tracking', '--catalog', catalog, '--ids', '815', '25544', '--stations', sites, '--start', '2026-03-10T00:00:00Z', '--hours', '48', '--size-m', '2', '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/ANGLE_TYPE\s*=\s*AZEL/);
    expect(text).toMatch(/ANGLE_TYPE\s*=\s*RADEC/);
    expect(text).toMatch(/DOPPLER_INSTANTANEOUS/);
    io.stdout = '';
    expect(await runCli(['tdm', 'validate', out, '--json'])).toBe(0);
    expect((JSON.parse(io.stdout) as { valid: boolean }).valid).toBe(true);
  }, 60_000);

  it('simulate breakup → breakup detect finds parent 815 and the epoch within 10 minutes; Gabbard SVGs written', async () => {
    const frag = join(tmp, 'fragments.json');
    const svg = join(tmp, 'gabbard.svg');
    expect(await runCli(['simulate', 'breakup', '--catalog', catalog, '--id', '815', '--epoch', '2026-03-10T06:00:00Z', '--type', 'explosion', '--object-class', 'rocketBody', '--min-lc-m', '0.3', '--seed', '5', '--out', frag, '--gabbard', svg, '--json'])).toBe(0);
    const sum = JSON.parse(io.stdout) as { fragmentCount: number; fragments: { catalogNumber: number; deltaVMps: number }[] };
    expect(sum.fragmentCount).toBeGreaterThan(10);
    expect(sum.fragments[0]!.catalogNumber).toBe(300000);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*perigee[\s\S]*<\/svg>\n$/);
    // The fragments re-observed 12 h later (element sets re-epoched), as new element sets.
    const sets = readElementSets(readFileSync(frag, 'utf8'), { format: 'auto', timeScales: ts }).elementSets;
    expect(sets).toHaveLength(sum.fragmentCount);
    const later = join(tmp, 'fragments-later.tle');
    const observed = sets.flatMap((s, k) => {
      try {
        return [reEpochElementSet(s, ts.parseUtcIso('2026-03-10T18:00:00Z').plusSeconds(k * 600), ts)];
      } catch {
        return []; // decayed within the 12 h
      }
    });
    writeFileSync(later, writeElementSets(observed, 'tle', { timeScales: ts }));
    io.stdout = '';
    const svg2 = join(tmp, 'detect.svg');
    expect(await runCli(['breakup', 'detect', '--elements', later, '--catalog', catalog, '--json', '--gabbard', svg2])).toBe(0);
    const det = JSON.parse(io.stdout) as { detected: boolean; parent: { catalogNumber: number }; epoch: string; epochUncertaintyS: number; fragmentCount: number };
    expect(det.detected).toBe(true);
    expect(det.parent.catalogNumber).toBe(815);
    const err = Math.abs(ts.parseUtcIso(det.epoch).secondsSince(ts.parseUtcIso('2026-03-10T06:00:00Z')));
    expect(err).toBeLessThan(600);
    expect(readFileSync(svg2, 'utf8')).toContain('breakup of 815');
  }, 60_000);

  it('end to end through tracking data: radar passes of 16 fragments 6-18 h after the breakup → UCTs → provisional objects → parent 815, epoch within 10 min', async () => {
    const radars = join(tmp, 'radars.json');
    writeFileSync(radars, JSON.stringify([
      { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000 },
      { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000 },
      { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000 },
      { name: 'EGLIN', latDeg: 30.57, lonDeg: -86.21, altitudeM: 30, type: 'radar', maxRangeKm: 4000 },
    ]));
    const frag = join(tmp, 'frag-tdm.json');
    expect(await runCli(['simulate', 'breakup', '--catalog', catalog, '--id', '815', '--epoch', '2026-03-10T06:00:00Z', '--object-class', 'rocketBody', '--min-lc-m', '0.3', '--out', frag])).toBe(0);
    const tdm = join(tmp, 'frag.tdm');
    const ids = Array.from({ length: 16 }, (_, k) => String(300000 + k));
    expect(await runCli(['simulate', 'tracking', '--catalog', frag, '--ids', ...ids, '--stations', radars, '--start', '2026-03-10T12:00:00Z', '--hours', '12', '--step-s', '10', '--size-m', '0.5', '--out', tdm])).toBe(0);
    io.stdout = '';
    expect(await runCli(['breakup', 'detect', '--tdm', tdm, '--stations', radars, '--catalog', catalog, '--json'])).toBe(0);
    const det = JSON.parse(io.stdout) as { detected: boolean; parent: { catalogNumber: number; distanceKm: number }; epoch: string; epochUncertaintyS: number; fragmentCount: number };
    expect(det.detected).toBe(true);
    expect(det.parent.catalogNumber).toBe(815);
    const err = Math.abs(ts.parseUtcIso(det.epoch).secondsSince(ts.parseUtcIso('2026-03-10T06:00:00Z')));
    expect(err, `epoch error ${err.toFixed(0)} s`).toBeLessThan(600);
    console.info(`TDM path: ${det.fragmentCount} provisional objects clustered, epoch error ${err.toFixed(0)} s (±${det.epochUncertaintyS.toFixed(0)} s), parent distance ${det.parent.distanceKm.toFixed(1)} km`);
  }, 120_000);

  it('bad input: one line on stderr, exit 2', async () => {
    const bad = join(tmp, 'bad-sites.json');
    writeFileSync(bad, JSON.stringify([{ name: 'X', latDeg: 1, lonDeg: 2, altitudeM: 0, type: 'sonar' }]));
    expect(await runCli(['simulate', 'tracking', '--catalog', catalog, '--ids', '815', '--stations', bad, '--start', '2026-03-10T00:00:00Z', '--hours', '1', '--out', join(tmp, 'x.tdm')])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/"type" must be "radar" or "optical"/);
    io.stderr = '';
    expect(await runCli(['breakup', 'detect', '--catalog', catalog, '--json'])).toBe(2);
    expect(io.stderr).toMatch(/--elements|--tdm/);
    io.stderr = '';
    expect(await runCli(['simulate', 'breakup', '--catalog', catalog, '--id', '815', '--epoch', 'yesterday', '--out', join(tmp, 'f.json')])).toBe(2);
    expect(io.stderr).toMatch(/--epoch/);
    io.stderr = '';
    expect(await runCli(['simulate', 'breakup', '--catalog', catalog, '--id', '815', '--epoch', '2026-03-10T06:00:00Z', '--type', 'collision', '--out', join(tmp, 'f.json')])).toBe(2);
    expect(io.stderr).toMatch(/--target-mass-kg/);
  }, 60_000);
});
