/**
 * `skylane tdm convert|validate` on Orekit's TDM fixtures (Apache-2.0, validation/orekit-tdm) and `skylane correlate`
 * on radar passes simulated from the CelesTrak stations snapshot (validation/celestrak), written as a TDM: the oracle
 * is the catalog number each pass was simulated from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readElementSets, writeTdmKvn, type Tdm, type TdmSegment } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';
import { rng, simulateTrack, simTimeScales as ts, SIM_STATIONS } from '../../core/test/helpers/trackSim.ts';

const io = captureCliOutput();
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const orekit = (f: string): string => join(repo, 'validation/orekit-tdm', f);
const tmp = mkdtempSync(join(tmpdir(), 'skylane-tdm-'));

describe('skylane tdm', () => {
  it('convert KVN → XML → KVN keeps every data line; the XML passes validate --json (Orekit TDMExample2)', async () => {
    expect(await runCli(['tdm', 'convert', orekit('kvn/TDMExample2.txt'), '--out', join(tmp, 'e2.xml')])).toBe(0);
    expect(await runCli(['tdm', 'convert', join(tmp, 'e2.xml'), '--out', join(tmp, 'e2.kvn')])).toBe(0);
    expect(readFileSync(join(tmp, 'e2.kvn'), 'utf8').match(/RECEIVE_FREQ_1/g)).toHaveLength(6);
    io.stdout = '';
    expect(await runCli(['tdm', 'validate', join(tmp, 'e2.xml'), '--json'])).toBe(0);
    const v = JSON.parse(io.stdout) as { valid: boolean; dataLines: number; problems: unknown[] };
    expect(v).toMatchObject({ valid: true, dataLines: 7, problems: [] });
  }, 60_000);

  it('validate reports a wrong keyword with line and field and exits 1 (Orekit TDM-data-wrong-keyword)', async () => {
    await runCli(['tdm', 'validate', orekit('kvn/TDM-data-wrong-keyword.txt'), '--json']);
    expect(process.exitCode).toBe(1);
    const v = JSON.parse(io.stdout) as { valid: boolean; dataLines: number; problems: { line: number; field: string; code: string }[] };
    expect(v.valid).toBe(false);
    expect(v.dataLines).toBe(6);
    expect(v.problems[0]).toMatchObject({ line: 26, field: 'WRONG_KEYWORD', code: 'PARSE_ERROR' });
  });
});

describe('skylane correlate', () => {
  it('radar passes written as a TDM are matched to the objects they were simulated from', async () => {
    const catalogFile = join(repo, 'validation/celestrak/celestrak-stations-gp-2026-03-10.json');
    const sets = readElementSets(readFileSync(catalogFile, 'utf8'), { format: 'auto', timeScales: ts }).elementSets;
    const r = rng(11);
    const start = ts.parseUtcIso('2026-03-10T06:00:00Z');
    const segments: TdmSegment[] = [];
    const truth: number[] = [];
    for (const id of [25544, 48274]) {
      const el = sets.find((s) => s.catalogNumber === id)!;
      let sim: ReturnType<typeof simulateTrack>;
      for (let k = 0; k < 20 && !sim; k++) sim = simulateTrack(el, r, { start, windowS: 6 * 3600, points: 3, spacingS: 20, kind: 'radar', sigmaRangeKm: 0.03, sigmaAngleRad: (0.02 * Math.PI) / 180, minElevationRad: (10 * Math.PI) / 180 });
      if (!sim) throw new Error(`no simulated pass of ${id}`);
      const epoch = (o: (typeof sim.observations)[number]): string => ts.formatUtcIso(o.epoch, 6).replace(/Z$/, '');
      const data = sim.observations.map((o, i) => {
        const keyword = o.type === 'range' ? 'RANGE' : o.type === 'azimuth' ? 'ANGLE_1' : 'ANGLE_2';
        // Two-way path 1,2,1: the TDM range is the round-trip path (the converter halves it).
        const value = o.type === 'range' ? (2 * o.value).toFixed(6) : ((o.value * 180) / Math.PI).toFixed(8);
        return { keyword, epoch: epoch(o), value, number: Number(value), line: i };
      });
      segments.push({ line: 0, metadataComments: [], dataComments: [], data, metadata: [
        ['TIME_SYSTEM', 'UTC'], ['PARTICIPANT_1', sim.observations[0]!.station], ['PARTICIPANT_2', String(id)], ['MODE', 'SEQUENTIAL'], ['PATH', '1,2,1'], ['RANGE_UNITS', 'km'], ['ANGLE_TYPE', 'AZEL'],
      ].map(([keyword, value]) => ({ keyword: keyword!, value: value!, line: 0 })) });
      truth.push(id);
    }
    const tdm: Tdm = { header: { version: '2.0', comments: ['simulated radar passes'], creationDate: '2026-03-10T00:00:00', originator: 'SKYLANE-TEST' }, segments };
    writeFileSync(join(tmp, 'passes.kvn'), writeTdmKvn(tdm));
    writeFileSync(join(tmp, 'stations.json'), JSON.stringify(SIM_STATIONS));
    io.stdout = '';
    expect(await runCli(['correlate', '--tdm', join(tmp, 'passes.kvn'), '--catalog', catalogFile, '--stations', join(tmp, 'stations.json'), '--json'])).toBe(0);
    const out = JSON.parse(io.stdout) as { tracks: number; results: { status: string; catalogNumber?: number }[]; problems: unknown[] };
    expect(out.tracks).toBe(2);
    expect(out.problems).toEqual([]);
    expect(out.results.map((x) => x.catalogNumber).sort()).toEqual(truth.sort());
    expect(out.results.every((x) => x.status !== 'uct')).toBe(true);
  }, 60_000);
});
