/**
 * `skylane reentry predict` in-process: the JSON contract of issue #14 and its RDM/GeoJSON files on the Shenzhou-11
 * history (Space-Track, read from ../shared/data, skipped when absent), and exit 2 with one line naming the problem
 * for bad histories (synthetic TLE files written here: two objects mixed, epochs out of order, a set below 80 km).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, validateNdmXml, writeElementSets, type ElementSet } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';
import { decayHistorySet } from '../../core/test/reentry/decayHistorySet.ts';

const io = captureCliOutput();
const ts = createTimeScales();
const shared = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const history = `${shared}reentry/lauratrain99_Shenzhou11.txt`;
const sw = `${shared}propagation/celestrak-space-weather/SW-All.from2000.txt`;
const present = existsSync(history) && existsSync(sw);
if (!present) console.info(`skipped: ${history} or ${sw} is absent (Space-Track data is never copied into the repository)`);
const dir = mkdtempSync(join(tmpdir(), 'skylane-reentry-'));
const set = (catalogNumber: number, day: number, heightKm: number): ElementSet => decayHistorySet(ts, catalogNumber, day, heightKm);

function tleFile(name: string, sets: ElementSet[]): string {
  const path = join(dir, name);
  writeFileSync(path, writeElementSets(sets, 'tle', { timeScales: ts }));
  return path;
}

describe('skylane reentry predict', () => {
  it.skipIf(!present)('Shenzhou-11 as of 2020-10-05T13:42Z: the JSON contract, an RDM that validates, a GeoJSON track', async () => {
    const rdm = join(dir, 'sz11.rdm.xml');
    const geo = join(dir, 'sz11.geojson');
    const code = await runCli(['reentry', 'predict', '--history', history, '--id', '41868', '--as-of', '2020-10-05T13:42:00Z', '--space-weather', sw, '--samples', '20', '--json', '--rdm', rdm, '--geojson', geo]);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as Record<string, unknown>;
    for (const k of ['object', 'predictedEpoch', 'windowStart', 'windowEnd', 'confidence', 'lastElementEpoch', 'ballisticCoefficient', 'maneuversDetected']) expect(j).toHaveProperty(k);
    expect((j['object'] as { catalogNumber: number }).catalogNumber).toBe(41868);
    expect(String(j['lastElementEpoch']) <= '2020-10-05T13:42:00').toBe(true);
    const errH = (Date.parse(String(j['predictedEpoch'])) - Date.parse('2020-10-06T13:42:00Z')) / 3.6e6;
    expect(Math.abs(errH)).toBeLessThan(6);
    const schemaDir = fileURLToPath(new URL('../../../validation/ccsds-schemas/', import.meta.url));
    const schemas = readdirSync(schemaDir).filter((f) => f.endsWith('.xsd')).map((f) => ({ fileName: f, contents: readFileSync(join(schemaDir, f), 'utf8') }));
    const v = await validateNdmXml(readFileSync(rdm, 'utf8'), schemas);
    expect(v.errors).toEqual([]);
    const g = JSON.parse(readFileSync(geo, 'utf8')) as { type: string; features: { geometry: { type: string } }[] };
    expect(g.type).toBe('FeatureCollection');
    expect(g.features.map((f) => f.geometry.type)).toEqual(['MultiLineString', 'Point']);
  }, 300_000);

  it('a history mixing two objects: exit 2, one line MIXED_OBJECTS', async () => {
    const f = tleFile('mixed.tle', [set(1001, 0, 300), set(1001, 1, 299), set(2002, 2, 298)]);
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1001', '--json'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/MIXED_OBJECTS: .*1001, 2002/);
    expect(io.stdout).toBe('');
  });
  it('epochs out of order: exit 2, one line EPOCHS_OUT_OF_ORDER', async () => {
    const f = tleFile('order.tle', [set(1001, 0, 300), set(1001, 2, 299), set(1001, 1, 298)]);
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1001', '--json'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/EPOCHS_OUT_OF_ORDER/);
  });
  it('an element set already below 80 km: exit 2, one line ALREADY_BELOW_INTERFACE', async () => {
    const f = tleFile('low.tle', [set(1001, 0, 200), set(1001, 1, 150), set(1001, 2, 70)]);
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1001', '--json'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/ALREADY_BELOW_INTERFACE/);
  });
  it('--id that is not the history’s object: exit 2', async () => {
    const f = tleFile('one.tle', [set(1001, 0, 300), set(1001, 1, 299), set(1001, 2, 298)]);
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1002', '--json'])).toBe(2);
    expect(io.stderr).toMatch(/1001, not 1002/);
  });
  it('--storm-rate: 0 turns storms off (window start no earlier than with the default rate); a negative rate is exit 2', async () => {
    const f = tleFile('storm.tle', Array.from({ length: 8 }, (_, k) => set(1003, k * 0.5, 200 - 0.6 * k - 0.05 * k * k)));
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1003', '--samples', '30', '--storm-rate', '0', '--json']), io.stderr).toBe(0);
    const off = JSON.parse(io.stdout) as { stormRatePerDay: number; windowStart: string; predictedEpoch: string };
    io.stdout = '';
    io.stderr = '';
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1003', '--samples', '30', '--json']), io.stderr).toBe(0);
    const on = JSON.parse(io.stdout) as { stormRatePerDay: number; windowStart: string; predictedEpoch: string };
    expect(off.stormRatePerDay).toBe(0);
    expect(on.stormRatePerDay).toBeCloseTo(304 / (11 * 365.25), 9);
    expect(on.predictedEpoch).toBe(off.predictedEpoch);
    expect(Date.parse(on.windowStart)).toBeLessThanOrEqual(Date.parse(off.windowStart));
    io.stdout = '';
    io.stderr = '';
    expect(await runCli(['reentry', 'predict', '--history', f, '--id', '1003', '--storm-rate', '-1', '--json'])).toBe(2);
    expect(io.stderr).toMatch(/--storm-rate/);
  }, 60_000);
});
