/**
 * CCSDS TDM (503.0-B-2) readers and writers against Orekit's TDM fixtures (Apache-2.0) and the Blue Book Annex E
 * examples (MPL-2.0): positive files read without error, KVN and XML of the same message agree, KVN→XML→KVN is exact,
 * what is written passes the NDM/XML 2.0 XSD, negative fixtures give typed errors with line and field while the other
 * lines are kept, and the conversion to OD observations follows the path, units and time-tag rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../src/errors/index.ts';
import { tdmEpochKey, readTdm, readTdmKvn, readTdmXml, tdmDataCount, tdmToObservations, writeTdmKvn, writeTdmXml, type Tdm, SPEED_OF_LIGHT_KM_PER_S } from '../src/ccsds/tdm/index.ts';
import { validateNdmXml } from '../src/ccsds/cdm/validate.ts';
import { loadSchemas } from './cdm-helpers.ts';
import { ts, validation } from './catalog-helpers.ts';

const orekit = (f: string): string => readFileSync(validation('orekit-tdm', f), 'utf8');
const NEGATIVE = /wrong|missing|error|inconsistent-line|inconsistent-block|issue963|not-implemented|doctype/;
const positives = (dir: string): string[] => readdirSync(validation('orekit-tdm', dir)).filter((f) => !NEGATIVE.test(f)).map((f) => `${dir}/${f}`);

/** The data of a message as comparable tuples (epoch normalised to its value, number parsed). */
const dataOf = (tdm: Tdm): string[] => tdm.segments.flatMap((s, i) => s.data.map((d) => `${i} ${d.keyword} ${tdmEpochKey(d.epoch)} ${d.number}`));

describe('Orekit TDM fixtures (TdmParserTest oracle)', () => {
  it.each([...positives('kvn'), ...positives('xml')])('%s reads without error', (f) => {
    const r = readTdm(orekit(f));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(tdmDataCount(r.tdm)).toBeGreaterThan(0);
  });

  it('TDMExample2: 7 data lines, PATH 2,1, first RECEIVE_FREQ_1 = -409.2735 Hz at 2005-159T17:41:00 (as TdmParserTest)', () => {
    const { tdm } = readTdmKvn(orekit('kvn/TDMExample2.txt'));
    const s = tdm.segments[0]!;
    expect(s.data).toHaveLength(7);
    expect(s.metadata.find((f) => f.keyword === 'PATH')?.value).toBe('2,1');
    expect(s.data[1]).toMatchObject({ keyword: 'RECEIVE_FREQ_1', epoch: '2005-159T17:41:00', number: -409.2735 });
    expect(tdm.header.originator).toBe('NASA/JPL');
  });

  it.each(['TDMExample2', 'TDMExample4', 'TDMExample6', 'TDMExample8', 'TDMExample15', 'TDMExampleAllKeywordsSequential', 'TDMExampleAllKeywordsSingleDiff'])(
    '%s: the KVN and XML files hold the same data',
    (name) => {
      const k = readTdmKvn(orekit(`kvn/${name}.txt`)).tdm;
      const x = readTdmXml(orekit(`xml/${name}.xml`)).tdm;
      expect(dataOf(x)).toEqual(dataOf(k));
      expect(x.segments.map((s) => s.metadata.length)).toEqual(k.segments.map((s) => s.metadata.length));
    },
  );

  it('round trip KVN→XML→KVN is exact and the written XML passes the NDM/XML 2.0 XSD (every positive fixture)', async () => {
    const schemas = loadSchemas();
    let lines = 0;
    for (const f of positives('kvn')) {
      if (f.includes('Custom-Frame')) {
        // REFERENCE_FRAME = TOD_EARTH is no TDM frame: read with a warning, refused by the strict writers.
        expect(() => writeTdmXml(readTdmKvn(orekit(f)).tdm)).toThrow(/REFERENCE_FRAME/);
        continue;
      }
      if (f.includes('inconsistent-time-systems')) {
        // TIME_SYSTEM = TCG is a SANA time system that the NDM/XML 2.0 XSD does not list: KVN only.
        expect(() => writeTdmXml(readTdmKvn(orekit(f)).tdm)).toThrow(/TCG/);
        continue;
      }
      const a = readTdmKvn(orekit(f)).tdm;
      const xml = writeTdmXml(a);
      const b = readTdmXml(xml).tdm;
      const kvn = writeTdmKvn(b);
      expect(writeTdmKvn(a), f).toBe(kvn);
      expect(dataOf(readTdmKvn(kvn).tdm), f).toEqual(dataOf(a));
      const v = await validateNdmXml(xml, schemas, { assumeNamespace: false });
      // Orekit's "all keywords" files use out-of-range values on purpose (RHUMIDITY 4600 %, angles of 2062°): the XSD refuses those values only.
      const errors = v.errors.filter((e) => !/RHUMIDITY|ANGLE_[12]|'-?\d/.test(e.message));
      expect(errors, `${f}: ${errors.map((e) => e.message).join('; ')}`).toEqual([]);
      lines += tdmDataCount(a);
    }
    expect(lines).toBeGreaterThan(200);
  }, 60_000);
});

describe('Orekit TDM negative fixtures: typed error with line and field, the other lines kept', () => {
  it.each([
    ['kvn/TDM-data-wrong-keyword.txt', 'WRONG_KEYWORD', 'PARSE_ERROR', 6],
    ['kvn/TDM-data-number-format-error.txt', 'RECEIVE_FREQ_1', 'FIELD_INVALID', 6],
    ['kvn/TDM-data-inconsistent-line.txt', 'RECEIVE_FREQ_1', 'PARSE_ERROR', 6],
    ['kvn/TDM-metadata-wrong-keyword.txt', 'WRONG_KEYWORD', 'PARSE_ERROR', 7],
    ['kvn/TDM-metadata-number-format-error.txt', 'TRANSMIT_DELAY_1', 'FIELD_INVALID', 7],
    ['kvn/TDM-metadata-timesystem-not-implemented.txt', 'TIME_SYSTEM', 'UNSUPPORTED', 7],
    ['xml/TDM-data-wrong-keyword.xml', 'WRONG_KEYWORD', 'PARSE_ERROR', 6],
    ['xml/TDM-data-number-format-error.xml', 'RECEIVE_FREQ_1', 'FIELD_INVALID', 6],
    ['xml/TDM-data-inconsistent-block.xml', 'TRANSMIT_FREQ_2', 'PARSE_ERROR', 6],
    ['xml/TDM-missing-participants.xml', 'PARTICIPANT_1', 'FIELD_MISSING', 1],
    ['xml/TDM-missing-timesystem.xml', 'TIME_SYSTEM', 'FIELD_MISSING', 21],
  ] as const)('%s → %s (%s), %d data lines kept', (f, field, code, kept) => {
    const text = orekit(f);
    const r = readTdm(text);
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    const e = errors[0]!;
    expect(e).toMatchObject({ field, code });
    // The line named is the one that holds the field.
    if (f.startsWith('kvn/')) expect(text.split(/\r?\n/)[e.line - 1]).toContain(field);
    else expect(e.line).toBeGreaterThan(1);
    expect(tdmDataCount(r.tdm)).toBe(kept);
    // A strict writer refuses to emit a message with a missing mandatory field.
    if (code === 'FIELD_MISSING' || code === 'UNSUPPORTED') expect(() => writeTdmKvn(r.tdm)).toThrow(ParseError);
  });

  it('TDM-external-doctype.xml is refused as a whole', () => {
    expect(() => readTdm(orekit('xml/TDM-external-doctype.xml'))).toThrow(ParseError);
  });
});

describe('CCSDS 503.0-B-2 Annex E examples (Blue Book)', () => {
  const files = readdirSync(validation('ccsds-bluebook-tdm')).filter((f) => f.startsWith('tdm_'));
  it.each(files)('%s reads without error and survives KVN→XML→KVN', (f) => {
    const a = readTdm(readFileSync(validation('ccsds-bluebook-tdm', f), 'utf8'));
    expect(a.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const back = readTdmXml(writeTdmXml(a.tdm)).tdm;
    expect(dataOf(readTdmKvn(writeTdmKvn(back)).tdm)).toEqual(dataOf(a.tdm));
  });
});

const SMALL = (meta: string, data: string): string => `CCSDS_TDM_VERS = 2.0
CREATION_DATE = 2026-03-10T00:00:00
ORIGINATOR = SKYLANE-TEST
META_START
TIME_SYSTEM = UTC
PARTICIPANT_1 = KIRUNA
PARTICIPANT_2 = 25544
${meta}
META_STOP
DATA_START
${data}
DATA_STOP
`;

describe('bad input (issue 13): typed error with line and field, the other measurements kept', () => {
  it('unknown participant in PATH', () => {
    const r = readTdm(SMALL('PATH = 3,1', 'RANGE = 2026-03-10T00:00:00 1000.0\nRANGE = 2026-03-10T00:00:10 1001.0'));
    expect(r.problems[0]).toMatchObject({ code: 'NOT_FOUND', line: 8, field: 'PATH', severity: 'error' });
    expect(tdmDataCount(r.tdm)).toBe(2);
  });
  it('time tags out of order', () => {
    const r = readTdm(SMALL('PATH = 1,2,1', 'RANGE = 2026-03-10T00:00:10 1000.0\nRANGE = 2026-03-10T00:00:05 1001.0\nRANGE = 2026-03-10T00:00:20 1002.0'));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'TIME_INVALID', line: 12, field: 'RANGE' });
    expect(tdmDataCount(r.tdm)).toBe(3);
    expect(() => writeTdmKvn(r.tdm)).toThrow(/out of order/);
  });
  it('a measurement with no station (no PATH)', () => {
    const r = readTdm(SMALL('ANGLE_TYPE = AZEL', 'ANGLE_1 = 2026-03-10T00:00:00 10.0\nANGLE_2 = 2026-03-10T00:00:00 20.0'));
    expect(r.problems.map((p) => [p.code, p.line, p.field])).toEqual([['FIELD_MISSING', 11, 'ANGLE_1'], ['FIELD_MISSING', 12, 'ANGLE_2']]);
  });
  it('a participant that is not a known station: conversion reports it with line and field, keeps the rest', () => {
    const text = SMALL('PATH = 1,2,1', 'RANGE = 2026-03-10T00:00:00 2000.0') + SMALL('PATH = 2,1', 'RANGE = 2026-03-10T00:00:00 1000.0').replace(/^[\s\S]*?META_START/, 'META_START').replace('KIRUNA', 'NOWHERE');
    const { tdm, problems } = readTdm(text);
    expect(problems).toEqual([]);
    const r = tdmToObservations(tdm, { stations: [{ name: 'KIRUNA', latDeg: 67.857, lonDeg: 20.964, altitudeM: 402 }], timeScales: ts });
    expect(r.observations).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'NOT_FOUND', field: 'RANGE', line: 20 });
  });
});

describe('TDM → Observation[] (for orbit determination)', () => {
  const stations = [{ name: 'KIRUNA', latDeg: 67.857, lonDeg: 20.964, altitudeM: 402 }];
  it('two-way range in km is halved, one-way in s is times c, AZEL angles in rad, catalog number from the participant', () => {
    const text = SMALL('PATH = 1,2,1\nRANGE_UNITS = km\nANGLE_TYPE = AZEL', 'RANGE = 2026-03-10T00:00:00 2000.0\nANGLE_1 = 2026-03-10T00:00:00 -90.0\nANGLE_2 = 2026-03-10T00:00:00 30.0')
      + SMALL('PATH = 2,1\nRANGE_UNITS = s\nTIMETAG_REF = TRANSMIT', 'RANGE = 2026-03-10T00:01:00 0.004').replace(/^[\s\S]*?META_START/, 'META_START');
    const r = tdmToObservations(readTdm(text).tdm, { stations, timeScales: ts });
    expect(r.problems).toEqual([]);
    const [range, az, el, oneWay] = r.observations;
    expect(range).toMatchObject({ type: 'range', value: 1000, twoWay: true, station: 'KIRUNA', objectId: 25544, timeTag: 'receive' });
    expect(az!.value).toBeCloseTo((3 * Math.PI) / 2, 14);
    expect(el!.value).toBeCloseTo(Math.PI / 6, 14);
    expect(oneWay).toMatchObject({ type: 'range', twoWay: false, timeTag: 'transmit' });
    expect(oneWay!.value).toBeCloseTo(0.004 * SPEED_OF_LIGHT_KM_PER_S, 9);
    expect(ts.formatUtcIso(oneWay!.epoch, 3)).toBe('2026-03-10T00:01:00.000Z');
  });
});
