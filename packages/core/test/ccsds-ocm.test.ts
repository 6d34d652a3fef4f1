// CCSDS OCM reader and writer against the Blue Book Annex G examples and Orekit's OCM fixtures (values and rejections
// asserted in Orekit's OcmParserTest); the covariance ordering oracle is OCMExample4, whose terms encode their row and column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCartesianOcm, createTimeScales, ocmCartesianCovariances, ocmCartesianStates, readOcmKvn, readOcmXml, writeOcmKvn, writeOcmXml, type Ocm } from '../src/index.ts';
import { validation } from './catalog-helpers.ts';

const ts = createTimeScales();
const fixture = (f: string): string => readFileSync(validation('ccsds-ocm', f), 'utf8');
const read = (f: string): Ocm => readOcmKvn(fixture(f), { timeScales: ts }).ocm;
const iso = (t: Parameters<typeof ts.formatUtcIso>[0]): string => ts.formatUtcIso(t, 4);

describe('OCM reader: Orekit fixtures and Blue Book Annex G', () => {
  it('Orekit OCMExample1: relative and absolute row times, default CARTPV, TRAJ_UNITS', () => {
    const o = read('OCMExample1.txt');
    expect(iso(o.metadata.epochTzero)).toBe('1998-12-18T14:28:15.1172Z');
    const t = o.trajectories[0]!;
    expect(t.type).toBe('CARTPV');
    expect(t.rows.map((r) => iso(r.epoch))).toEqual(['1998-12-18T14:28:15.1172Z', '1998-12-18T14:28:25.1172Z', '1998-12-18T14:28:35.1172Z', '1998-12-18T14:36:35.1172Z']);
    const s = ocmCartesianStates(t);
    expect(s[3]!.positionKm).toEqual([2164.375, 1115.811, -688.131]);
    expect(s[3]!.velocityKmPerS).toEqual([-3.53328, -2.88452, 0.88535]);
    expect(t.comments).toEqual(['intervening data records omitted between DT=20.0 and DT=500.0']);
  });

  it('Orekit OCMExample4: LTM covariance terms land in their (row, column) and TRAJ/COV metadata is kept', () => {
    const o = read('OCMExample4.txt');
    const ltm = o.covariances[0]!;
    expect(ltm.ordering).toBe('LTM');
    const c = ocmCartesianCovariances(ltm);
    expect(c).toHaveLength(3);
    expect(c[0]!.refFrame).toBe('MOD');
    const expected: number[] = [];
    for (let i = 1; i <= 6; i++) for (let j = 1; j <= i; j++) expected.push(10 + i + j / 10);
    c[1]!.lowerTriangle.forEach((v, n) => expect(v).toBeCloseTo(expected[n]!, 12));
    expect(iso(c[1]!.epoch)).toBe(ts.formatUtcIso(o.metadata.epochTzero.plusSeconds(300), 4));
    expect(ltm.keywords.find((k) => k.keyword === 'COV_CONFIDENCE')).toEqual({ keyword: 'COV_CONFIDENCE', value: '25', unit: '%' });
    expect(o.maneuvers.map((m) => m.rows.length)).toEqual([2, 2, 8]);
  });

  it('Blue Book G-17 and G-18: maneuver compositions continued on the next line, deployment rows kept as text', () => {
    const g17 = read('ocm_g17.kvn');
    expect(g17.maneuvers[0]!.composition).toEqual(['TIME_RELATIVE', 'DEPLOY_ID', 'DEPLOY_DV_X', 'DEPLOY_DV_Y', 'DEPLOY_DV_Z', 'DEPLOY_MASS', 'DEPLOY_DV_SIGMA', 'DEPLOY_DV_RATIO', 'DEPLOY_DV_CDA']);
    expect(g17.maneuvers[0]!.rows[0]!.fields.slice(0, 2)).toEqual(['CUBESAT_10', '2.8773E-4']);
    expect(g17.maneuvers[1]!.composition).toContain('THR_MAG_SIGMA');
    const g18 = read('ocm_g18.kvn');
    expect(g18.trajectories.map((t) => t.type)).toEqual(['CARTPVA', 'KEPLERIAN']);
    expect(g18.maneuvers[0]!.composition.at(-1)).toBe('THR_MAG_SIGMA');
    expect(g18.orbitDetermination?.keywords.find((k) => k.keyword === 'OBS_USED')?.value).toBe('273');
  });

  it('Orekit OCM-wrong-nb-elements (TRAJ_UNITS in m): with a CARTPV type, metres convert to km', () => {
    const o = readOcmKvn(fixture('OCM-wrong-nb-elements.txt').replace('TRAJ_TYPE       = CARTP', 'TRAJ_TYPE = CARTPV'), { timeScales: ts }).ocm;
    const s = ocmCartesianStates(o.trajectories[0]!)[0]!;
    expect(s.positionKm).toEqual([3000, 4000, 5000]);
    expect(s.velocityKmPerS).toEqual([-1, -2, -3]);
  });

  it.each([
    ['OCM-missing-t0.txt', 'FIELD_MISSING', 'EPOCH_TZERO'],
    ['OCM-wrong-nb-elements.txt', 'FIELD_INVALID', 'TRAJ'],
    ['OCM-missing-maneuver-time.txt', 'FIELD_INVALID', 'MAN_COMPOSITION'],
    ['OCM-wrong-time-span.txt', 'FIELD_INVALID', 'TIME_SPAN'],
    ['OCMExample2.txt', 'UNSUPPORTED', 'TIME_SYSTEM'],
    ['ocm_g15.kvn', 'FIELD_INVALID', 'TRAJ'],
  ])('%s is refused with %s naming %s and its line', (f, code, field) => {
    expect(() => read(f)).toThrow(expect.objectContaining({ code, field, line: expect.any(Number) }));
  });
});

describe('OCM in XML', () => {
  it('Blue Book G-20 (ocm_g20.xml, TIME_SYSTEM set from UT1 to UTC): metadata, a CARTPVA row split over two lines, PHYS', () => {
    const text = readFileSync(validation('ccsds-ocm', 'ocm_g20.xml'), 'utf8').replace('<TIME_SYSTEM>UT1</TIME_SYSTEM>', '<TIME_SYSTEM>UTC</TIME_SYSTEM>');
    const o = readOcmXml(text, { timeScales: ts }).ocm;
    expect(o.header.messageId).toBe('OCM 201113719185');
    expect(o.metadata.keywords.find((k) => k.keyword === 'ORIGINATOR_POSITION')?.value).toBe('Flight Dynamics Mission Design Lead');
    const t = o.trajectories[0]!;
    expect(t.type).toBe('CARTPVA');
    expect(t.rows[0]!.values).toEqual([2854.5, -2916.2, -5360.7, 5.9, 4.86, 0.52, 0.0037, -0.0038, -0.007]);
    expect(o.physical?.keywords.find((k) => k.keyword === 'WET_MASS')).toEqual({ keyword: 'WET_MASS', value: '100.0', unit: 'kg' });
    expect(() => readOcmXml(readFileSync(validation('ccsds-ocm', 'ocm_g20.xml'), 'utf8'), { timeScales: ts })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', field: 'TIME_SYSTEM' }));
  });
});

describe('OCM writer', () => {
  it.each(['OCMExample1.txt', 'OCMExample3.txt', 'OCMExample4.txt', 'OCMMinimal.txt', 'ocm_g17.kvn', 'ocm_g18.kvn', 'ocm_g19.kvn'].flatMap((f) => [[f, 'KVN'], [f, 'XML']]))('%s: read → write %s → read keeps every block, keyword and row', (f, form) => {
    const o = read(f);
    const back = form === 'KVN' ? readOcmKvn(writeOcmKvn(o, ts), { timeScales: ts }).ocm : readOcmXml(writeOcmXml(o, ts), { timeScales: ts }).ocm;
    const norm = (x: Ocm): unknown =>
      JSON.parse(
        JSON.stringify(
          { ...x, version: '', maneuvers: x.maneuvers.map((m) => ({ ...m, composition: m.composition.slice(1), keywords: [...m.keywords].sort((a, b) => a.keyword.localeCompare(b.keyword)).filter((k) => k.keyword !== 'MAN_COMPOSITION') })) },
          (k, v: unknown) => (k === 'keywords' && Array.isArray(v) ? [...(v as { keyword: string }[])].sort((a, b) => a.keyword.localeCompare(b.keyword)).filter((kw) => !['TRAJ_TYPE', 'COV_TYPE', 'COV_ORDERING', 'TIME_SYSTEM', 'EPOCH_TZERO', 'MAN_COMPOSITION'].includes(kw.keyword)) : v && typeof v === 'object' && 'taiDay' in v ? iso(v as never) : v),
        ),
      );
    expect(norm(back)).toEqual(norm(o));
  });

  it('a Cartesian trajectory with covariances and an impulsive maneuver round-trips through the writer', () => {
    const t0 = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const states = [0, 60, 120].map((s) => ({ epoch: t0.plusSeconds(s), state: [7000 + s, -(s + 1) / 7, 0.5, 0.001, 7.5, 0.25] }));
    const lt = Array.from({ length: 21 }, (_, n) => 1e-3 * (n + 1));
    const ocm = buildCartesianOcm({
      creationDate: t0,
      originator: 'SKYLANE',
      objectName: 'TEST',
      refFrame: 'GCRF',
      states,
      covariances: [{ epoch: t0, lowerTriangle: lt }, { epoch: t0.plusSeconds(60), refFrame: 'RSW_ROTATING', lowerTriangle: lt }],
      maneuvers: [{ epoch: t0.plusSeconds(90), refFrame: 'RSW_ROTATING', deltaVKmPerS: [0, 0.001, 0] }],
    });
    const back = readOcmKvn(writeOcmKvn(ocm, ts), { timeScales: ts }).ocm;
    expect(ocmCartesianStates(back.trajectories[0]!).map((s) => [...s.positionKm, ...s.velocityKmPerS!])).toEqual(states.map((s) => s.state));
    expect(back.covariances.flatMap((c) => ocmCartesianCovariances(c)).map((c) => [c.refFrame, c.lowerTriangle])).toEqual([['GCRF', lt], ['RSW_ROTATING', lt]]);
    expect(back.maneuvers[0]!.rows[0]!.fields).toEqual(['0', '0.001', '0']);
    expect(() => writeOcmKvn({ ...ocm, trajectories: [{ ...ocm.trajectories[0]!, rows: [{ epoch: t0, values: [1, 2, Number.NaN, 4, 5, 6] }] }] }, ts)).toThrow(/finite numbers/);
  });
});
