import { describe, expect, it } from 'vitest';
import { readElementSets, detectFormat, lexKvn } from '../src/index.ts';
import { compareSets, readText, ts, validation } from './catalog-helpers.ts';

const read = (dir: string, f: string) => readElementSets(readText(validation(dir, f)), { timeScales: ts, sourceName: f });

describe('Orekit OMM fixtures (oracle: Orekit OmmParserTest)', () => {
  it('OMMExample1 (KVN): GOES 9 values as Orekit asserts them', () => {
    const r = read('orekit-omm', 'OMMExample1.txt');
    expect(r.failures).toEqual([]);
    const s = r.elementSets[0]!;
    expect(s.objectName).toBe('GOES 9');
    expect(s.objectId).toBe('1995-025A');
    expect(ts.formatUtcIso(s.epoch, 4)).toBe('2007-03-05T10:34:41.4264Z');
    expect(s.meanMotionRevPerDay).toBe(1.00273272);
    expect(s.eccentricity).toBe(0.0005013);
    expect(s.inclinationDeg).toBe(3.0539);
    expect(s.raanDeg).toBe(81.7939);
    expect(s.argOfPericenterDeg).toBe(249.2363);
    expect(s.meanAnomalyDeg).toBe(150.1602);
    expect(s.catalogNumber).toBe(23581);
    expect(s.elementSetNo).toBe(925);
    expect(s.revAtEpoch).toBe(4316);
    expect(s.bstarPerEarthRadii).toBe(0.0001);
    expect(s.meanMotionDotRevPerDay2).toBe(-0.00000113);
    expect(s.meanMotionDdotRevPerDay3).toBe(0);
    expect(s.source).toEqual({ format: 'omm-kvn', name: 'OMMExample1.txt', line: 1 });
  });
  it('OMMExample2 KVN and XML hold the same message and read to identical sets; covariance ignored with a warning', () => {
    const k = read('orekit-omm', 'OMMExample2.txt');
    const x = read('orekit-omm', 'OMMExample2.xml');
    expect(k.failures).toEqual([]);
    expect(x.failures).toEqual([]);
    expect(compareSets(k.elementSets[0]!, { ...x.elementSets[0]!, objectName: 'GOES 9' }, true)).toEqual([]);
    expect(k.warnings.some((w) => w.code === 'FIELD_IGNORED')).toBe(true);
  });
  it('OMMExample4 KVN and XML (CelesTrak STARLETTE) agree exactly; OMM-with-units.xml reads with its units attributes', () => {
    const k = read('orekit-omm', 'OMMExample4.txt').elementSets[0]!;
    const x = read('orekit-omm', 'OMMExample4.xml').elementSets[0]!;
    expect(compareSets(k, x, true)).toEqual([]);
    expect(k.bstarPerEarthRadii).toBe(-0.47102e-5);
    const u = read('orekit-omm', 'OMM-with-units.xml');
    expect(u.failures).toEqual([]);
    expect(u.elementSets[0]!.meanMotionRevPerDay).toBe(1.00273272);
  });
  const rejected: [string, number, string, string][] = [
    ['OMM-number-format-error.txt', 15, 'ARG_OF_PERICENTER', 'FIELD_INVALID'],
    ['OMM-wrong-keyword.txt', 9, 'WRONG_KEYWORD', 'PARSE_ERROR'],
    ['spurious-metadata.xml', 17, 'metadata', 'PARSE_ERROR'],
    ['OMMExample3.txt', 11, 'REF_FRAME', 'UNSUPPORTED'],
    ['OMMExample3_utc.txt', 11, 'REF_FRAME', 'UNSUPPORTED'],
    ['OMMExample5.txt', 26, 'BTERM', 'UNSUPPORTED'],
  ];
  for (const [file, line, field, code] of rejected) {
    it(`rejects ${file} at line ${line}, field ${field} (${code})`, () => {
      const r = read('orekit-omm', file);
      expect(r.elementSets).toEqual([]);
      expect(r.failures.length).toBe(1);
      expect(r.failures[0]).toMatchObject({ line, field, code });
    });
  }
  it('OMM-empty-object-id (Orekit rejects): accepted with an EMPTY_VALUE warning, as CelesTrak emits such records', () => {
    for (const f of ['OMM-empty-object-id.txt', 'OMM-empty-object-id.xml']) {
      const r = read('orekit-omm', f);
      expect(r.failures).toEqual([]);
      expect(r.elementSets[0]!.objectId).toBeUndefined();
      expect(r.warnings.filter((w) => w.code === 'EMPTY_VALUE' && w.field === 'OBJECT_ID').length).toBe(1);
    }
  });
});

describe('egemenimre/ccsds-ndm OMM triplets (same message in KVN, XML and JSON)', () => {
  it('omm1_st: Space-Track JSON (all strings), its XML and the KVN/XML pair read to one identical set; OBJECT_TYPE PAYLOAD kept', () => {
    const j = read('egemenimre-omm', 'omm1_st.json');
    const x = read('egemenimre-omm', 'omm1_st.xml');
    expect(j.format).toBe('omm-json');
    expect(j.failures).toEqual([]);
    expect(x.failures).toEqual([]);
    expect(compareSets(j.elementSets[0]!, x.elementSets[0]!, true)).toEqual([]);
    expect(j.elementSets[0]!.objectType).toBe('PAYLOAD');
    expect(x.elementSets[0]!.objectType).toBe('PAYLOAD');
    const k = read('egemenimre-omm', 'omm1_st.kvn');
    const kx = read('egemenimre-omm', 'omm1_st_kvnpair.xml');
    expect(k.failures).toEqual([]);
    expect(compareSets(k.elementSets[0]!, kx.elementSets[0]!, true)).toEqual([]);
  });
  it('omm1_ct.json (CelesTrak numbers) and omm1_st.json (Space-Track strings) are the same set: identical values', () => {
    const c = read('egemenimre-omm', 'omm1_ct.json').elementSets[0]!;
    const st = read('egemenimre-omm', 'omm1_st.json').elementSets[0]!;
    expect(compareSets(c, st, true)).toEqual([]);
    expect(c.objectType).toBe('UNKNOWN');
  });
  it('omm1_ct KVN (empty CREATION_DATE/ORIGINATOR) and XML of the same message read identically', () => {
    const k = read('egemenimre-omm', 'omm1_ct.kvn');
    const kx = read('egemenimre-omm', 'omm1_ct_kvnpair.xml');
    const x = read('egemenimre-omm', 'omm1_ct.xml');
    expect(k.failures).toEqual([]);
    expect(compareSets(k.elementSets[0]!, kx.elementSets[0]!, true)).toEqual([]);
    expect(compareSets(k.elementSets[0]!, x.elementSets[0]!, true)).toEqual([]);
    expect(k.elementSets[0]!.bstarPerEarthRadii).toBe(0.83483e-4);
  });
  it('omm_combined.xml: an NDM of 20 OMMs, the first with an empty <segment>: 19 read, 1 rejected at its line', () => {
    const r = read('egemenimre-omm', 'omm_combined.xml');
    expect(r.elementSets.length).toBe(19);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ line: 2, field: 'metadata', code: 'FIELD_MISSING' });
    expect(read('egemenimre-omm', 'omm_single_ndm.xml').elementSets.length).toBe(1);
  });
  it('502.0-B-2 figure 4-2 (MEAN_ELEMENT_THEORY TLE) reads', () => {
    const r = read('egemenimre-omm', 'ndmxml-1.0-omm-2.0.xml');
    expect(r.failures).toEqual([]);
    expect(r.elementSets[0]!.catalogNumber).toBe(23581);
  });
});

describe('CCSDS 502.0-B-3 Annex G OMM examples', () => {
  it('G-7, G-8 (with user-defined and covariance parts), G-9 (units in brackets) and G-10 (XML v3 header) all read GOES 9', () => {
    for (const f of ['omm_g7.kvn', 'omm_g8.kvn', 'omm_g9.kvn', 'omm_g10.xml']) {
      const r = read('ccsds-bluebook-omm', f);
      expect(r.failures, f).toEqual([]);
      expect(r.elementSets[0]!.catalogNumber).toBe(23581);
      expect(r.elementSets[0]!.meanMotionRevPerDay).toBe(1.00273272);
    }
  });
});

describe('KVN lexer (CCSDS 502.0/508.0 keyword = value)', () => {
  it('keeps line numbers, splits units, comments and block markers, keeps raw lines', () => {
    const toks = lexKvn('\ufeffCCSDS_CDM_VERS = 1.0\r\nCOMMENT hello world\r\n\r\nMISS_DISTANCE = 715 [m]\nCR_R = 4.142E+01 [m**2]\nMETA_START\nOBJECT_NAME = IRIDIUM 33 [-]\nORIGINATOR =\n2020-01-01T00:00:00 1 2 3\nMETA_STOP\n');
    expect(toks).toEqual([
      { kind: 'keyValue', line: 1, keyword: 'CCSDS_CDM_VERS', value: '1.0', rawValue: '1.0' },
      { kind: 'comment', line: 2, text: 'hello world' },
      { kind: 'keyValue', line: 4, keyword: 'MISS_DISTANCE', value: '715', unit: 'm', rawValue: '715 [m]' },
      { kind: 'keyValue', line: 5, keyword: 'CR_R', value: '4.142E+01', unit: 'm**2', rawValue: '4.142E+01 [m**2]' },
      { kind: 'blockStart', line: 6, block: 'META' },
      { kind: 'keyValue', line: 7, keyword: 'OBJECT_NAME', value: 'IRIDIUM 33', unit: '-', rawValue: 'IRIDIUM 33 [-]' },
      { kind: 'keyValue', line: 8, keyword: 'ORIGINATOR', value: '', rawValue: '' },
      { kind: 'raw', line: 9, text: '2020-01-01T00:00:00 1 2 3' },
      { kind: 'blockEnd', line: 10, block: 'META' },
    ]);
  });
});

describe('detectFormat', () => {
  it('recognises each format from its opening', () => {
    expect(detectFormat(readText(validation('orekit-omm', 'OMMExample1.txt')))).toBe('omm-kvn');
    expect(detectFormat(readText(validation('orekit-omm', 'OMMExample2.xml')))).toBe('omm-xml');
    expect(detectFormat(readText(validation('celestrak', 'celestrak-stations-gp-2026-03-10.json')))).toBe('omm-json');
    expect(detectFormat('OBJECT_NAME,OBJECT_ID,EPOCH\n')).toBe('csv');
    expect(detectFormat(readText(validation('vallado-sgp4', 'SGP4-VER.TLE')))).toBe('tle');
    expect(() => detectFormat('hello\nworld')).toThrow(/format/);
  });
});
