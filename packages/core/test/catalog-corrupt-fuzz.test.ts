import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv, readElementSets, readOmmJson, readOmmKvn, readOmmXml, readTle, SkylaneError, writeElementSets } from '../src/index.ts';
import { readText, ts, validation } from './catalog-helpers.ts';

const good = readElementSets(readText(validation('celestrak', 'celestrak-stations-gp-2026-03-10.json')), { timeScales: ts }).elementSets.slice(0, 8);
const wopts = { timeScales: ts, creationDate: ts.parseUtcIso('2026-03-10T12:00:00Z') };

describe('corrupt records: the rest is ingested, each rejected one reported with line and field', () => {
  it('TLE: bad checksum, bad number, missing line, bad epoch among 8 sets', () => {
    const lines = writeElementSets(good, 'tle', wopts).split('\n');
    // 3 lines per set: title, line 1 (index 3k+1), line 2 (3k+2).
    const flip = (l: string, col: number, ch: string): string => l.slice(0, col - 1) + ch + l.slice(col);
    lines[1] = flip(lines[1]!, 69, String((Number(lines[1]![68]) + 1) % 10)); // set 1: checksum
    lines[5] = lines[5]!.slice(0, 8) + ' 5x.6324' + lines[5]!.slice(16); // set 2: inclination not a number (checksum kept valid below)
    lines[5] = lines[5]!.slice(0, 68) + String(sumCheck(lines[5]!));
    // set 4: epoch day of year 999
    lines[10] = lines[10]!.slice(0, 20) + '999' + lines[10]!.slice(23);
    lines[10] = lines[10]!.slice(0, 68) + String(sumCheck(lines[10]!));
    lines.splice(14, 1); // set 5: line 2 removed
    const r = readTle(lines.join('\n'), { timeScales: ts });
    expect(r.elementSets.length).toBe(4);
    expect(r.failures.map((f) => [f.line, f.field, f.code])).toEqual([
      [2, 'checksum', 'CHECKSUM_MISMATCH'],
      [6, 'INCLINATION', 'FIELD_INVALID'],
      [11, 'EPOCH', 'TIME_INVALID'],
      [14, 'line2', 'FIELD_MISSING'],
    ]);
  });
  it('CSV: bad number, missing field, 10-digit ID, bad epoch, wrong column count', () => {
    const rows = writeElementSets(good, 'csv', wopts).trimEnd().split('\n');
    const cells = (i: number): string[] => rows[i]!.split(',');
    const set = (i: number, col: number, v: string): void => {
      const c = cells(i);
      c[col] = v;
      rows[i] = c.join(',');
    };
    set(1, 3, '15.4x'); // MEAN_MOTION
    set(2, 5, ''); // INCLINATION missing
    set(3, 11, '1234567890'); // NORAD_CAT_ID > 9 digits
    set(4, 2, '2026-02-30T00:00:00'); // EPOCH: no such day
    rows[5] = rows[5] + ',extra';
    const r = readCsv(rows.join('\n'), { timeScales: ts });
    expect(r.elementSets.length).toBe(3);
    expect(r.failures.map((f) => [f.line, f.field, f.code])).toEqual([
      [2, 'MEAN_MOTION', 'FIELD_INVALID'],
      [3, 'INCLINATION', 'FIELD_MISSING'],
      [4, 'NORAD_CAT_ID', 'ID_OUT_OF_RANGE'],
      [5, 'EPOCH', 'TIME_INVALID'],
      [6, undefined, 'PARSE_ERROR'],
    ]);
  });
  it('OMM KVN: several messages, two broken: the others are read, the broken ones reported at their lines', () => {
    const kvn = writeElementSets(good.slice(0, 4), 'omm-kvn', wopts).split('\n');
    const ecc = kvn.findIndex((l) => l.startsWith('ECCENTRICITY'));
    kvn[ecc] = 'ECCENTRICITY         = 1.5';
    const cat = kvn.findIndex((l, i) => i > ecc + 30 && l.startsWith('NORAD_CAT_ID'));
    kvn[cat] = 'NORAD_CAT_ID         = 0';
    const r = readOmmKvn(kvn.join('\n'), { timeScales: ts });
    expect(r.elementSets.length).toBe(2);
    expect(r.failures.map((f) => [f.line, f.field, f.code])).toEqual([
      [ecc + 1, 'ECCENTRICITY', 'ELEMENTS_INVALID'],
      [cat + 1, 'NORAD_CAT_ID', 'ID_OUT_OF_RANGE'],
    ]);
  });
  it('OMM JSON: a record with a bad epoch and one without MEAN_MOTION are reported at their record lines', () => {
    const recs = JSON.parse(writeElementSets(good.slice(0, 3), 'omm-json', wopts)) as Record<string, unknown>[];
    recs[0]!['EPOCH'] = 'yesterday';
    delete recs[2]!['MEAN_MOTION'];
    const r = readOmmJson(JSON.stringify(recs, null, 1), { timeScales: ts });
    expect(r.elementSets.length).toBe(1);
    expect(r.failures.map((f) => [f.field, f.code])).toEqual([
      ['EPOCH', 'TIME_INVALID'],
      ['MEAN_MOTION', 'FIELD_MISSING'],
    ]);
    expect(r.failures[0]!.line).toBe(2);
  });
});

function sumCheck(l: string): number {
  let s = 0;
  for (const c of l.slice(0, 68)) s += c === '-' ? 1 : c >= '0' && c <= '9' ? Number(c) : 0;
  return s % 10;
}

describe('fuzz: readers throw nothing but typed SkylaneErrors; readElementSets never throws', () => {
  const readers = [readTle, readOmmKvn, readOmmXml, readOmmJson, readCsv];
  const samples = [
    writeElementSets(good, 'tle', wopts),
    writeElementSets(good, 'omm-kvn', wopts),
    writeElementSets(good, 'omm-xml', wopts),
    writeElementSets(good, 'omm-json', wopts),
    writeElementSets(good, 'csv', wopts),
    readText(validation('vallado-sgp4', 'SGP4-VER.TLE')),
  ];
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }))
    .map(([s, edits]) => {
      let t = s;
      for (const [pos, del, ins] of edits) {
        const p = pos % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      return t;
    });
  const check = (text: string): void => {
    for (const read of readers) {
      try {
        const r = read(text, { timeScales: ts });
        for (const f of r.failures) expect(f.line).toBeGreaterThanOrEqual(1);
      } catch (e) {
        expect(e).toBeInstanceOf(SkylaneError);
      }
    }
    const r = readElementSets(text, { timeScales: ts });
    expect(Array.isArray(r.elementSets)).toBe(true);
  };
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 300 });
  });
  it('mutated real records', () => {
    fc.assert(fc.property(mutated, check), { numRuns: 400 });
  });
  it('every read set from a mutated file is valid (writable back)', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const r = readElementSets(text, { timeScales: ts, format: 'auto' });
        for (const s of r.elementSets) {
          if (s.catalogNumber <= 339999) expect(() => writeElementSets([s], 'omm-json', wopts)).not.toThrow();
        }
      }),
      { numRuns: 200 },
    );
  });
});
