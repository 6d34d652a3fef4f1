import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import {
  decodeAlpha5,
  encodeAlpha5,
  formatTle,
  readElementSets,
  readTle,
  SkylaneError,
  tleChecksum,
  writeTle,
  type ElementSet,
} from '../src/index.ts';
import { compareSets, readText, ts, validation } from './catalog-helpers.ts';

describe('Alpha-5 catalog numbers (Space Force Alpha-5 definition: A=10 … Z=33, I and O skipped)', () => {
  it('published anchors: A0000 = 100000, J0000 = 180000 (I skipped), P0000 = 230000 (O skipped), Z9999 = 339999', () => {
    expect(decodeAlpha5('A0000')).toBe(100000);
    expect(decodeAlpha5('H9999')).toBe(179999);
    expect(decodeAlpha5('J0000')).toBe(180000);
    expect(decodeAlpha5('N9999')).toBe(229999);
    expect(decodeAlpha5('P0000')).toBe(230000);
    expect(decodeAlpha5('Z9999')).toBe(339999);
    expect(decodeAlpha5('00005')).toBe(5);
    expect(decodeAlpha5('   42')).toBe(42);
  });
  it('round-trips every boundary and refuses I, O and > 339999 with typed errors', () => {
    for (const n of [1, 99999, 100000, 179999, 180000, 270429, 339999]) expect(decodeAlpha5(encodeAlpha5(n))).toBe(n);
    expect(() => decodeAlpha5('I0000')).toThrow(SkylaneError);
    expect(() => decodeAlpha5('O1234')).toThrow(SkylaneError);
    try {
      encodeAlpha5(340000);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SkylaneError);
      expect((e as SkylaneError).code).toBe('ID_OUT_OF_RANGE');
      expect((e as SkylaneError).message).toMatch(/OMM/);
    }
  });
});

describe('Space-Track GP JSON TLE_LINE1/2 (omm1_st.json) as oracle', () => {
  const st = JSON.parse(readText(validation('egemenimre-omm', 'omm1_st.json'))) as Record<string, string>[];
  const rec = st[0]!;
  it('the published lines carry valid checksums', () => {
    expect(tleChecksum(rec['TLE_LINE1']!)).toBe(Number(rec['TLE_LINE1']!.at(-1)));
    expect(tleChecksum(rec['TLE_LINE2']!)).toBe(Number(rec['TLE_LINE2']!.at(-1)));
  });
  it('reading the TLE lines gives the OMM values of the same record', () => {
    const t = readTle(`${rec['TLE_LINE0']}\n${rec['TLE_LINE1']}\n${rec['TLE_LINE2']}\n`, { timeScales: ts });
    expect(t.failures).toEqual([]);
    const o = readElementSets(readText(validation('egemenimre-omm', 'omm1_st.json')), { timeScales: ts });
    expect(o.failures).toEqual([]);
    const a = t.elementSets[0]!;
    const b = o.elementSets[0]!;
    expect(a.objectName).toBe('NUSAT-8 (MARIE)');
    expect(compareSets(a, b, false)).toEqual([]);
  });
  it('writing the OMM as TLE reproduces TLE_LINE1/2 (zero exponent sign normalised: Space-Track writes -0, CelesTrak +0)', () => {
    const o = readElementSets(readText(validation('egemenimre-omm', 'omm1_st.json')), { timeScales: ts });
    const [title, l1, l2] = formatTle(o.elementSets[0]!, { timeScales: ts });
    const norm = (l: string): string => {
      const body = l.slice(0, 68).replace(/ 00000-0/g, ' 00000+0');
      return body + String(tleChecksum(body));
    };
    expect(title).toBe('NUSAT-8 (MARIE)');
    expect(l1).toBe(norm(rec['TLE_LINE1']!));
    expect(l2).toBe(rec['TLE_LINE2']);
  });
});

describe('CelesTrak SOCRATES gp-pairs: the same 40 sets as CelesTrak TLE text and OMM JSON', () => {
  const dir = validation('celestrak', 'gp-pairs');
  const pairs = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));
  it('has the 20 pairs', () => expect(pairs.length).toBe(20));
  it('TLE text and JSON read to the same sets within TLE precision; 8-digit eccentricities read in full', () => {
    let wide = 0;
    for (const p of pairs) {
      const t = readElementSets(readText(`${dir}/${p}.txt`), { timeScales: ts });
      const j = readElementSets(readText(`${dir}/${p}.json`), { timeScales: ts });
      expect(t.format).toBe('tle');
      expect(t.failures).toEqual([]);
      expect(j.failures).toEqual([]);
      expect(t.elementSets.length).toBe(2);
      wide += t.warnings.filter((w) => w.code === 'TLE_WIDE_ECCENTRICITY').length;
      t.elementSets.forEach((a, i) => {
        const b = j.elementSets[i]!;
        expect(compareSets(a, b, false), `${p} #${i}`).toEqual([]);
        // The epoch is CelesTrak's own conversion of the TLE day fraction: equal to the microsecond.
        expect(Math.abs(a.epoch.secondsSince(b.epoch))).toBeLessThan(1e-6);
        if (t.warnings.some((w) => w.code === 'TLE_WIDE_ECCENTRICITY' && w.line === (a.source?.line ?? 0) + 2)) {
          expect(a.eccentricity).toBe(b.eccentricity);
        }
      });
    }
    expect(wide).toBe(5);
  });
  it('writing the JSON sets as TLE reproduces CelesTrak text, except the 5 non-conformant 70-column lines', () => {
    let same = 0;
    let wideLines = 0;
    for (const p of pairs) {
      const j = readElementSets(readText(`${dir}/${p}.json`), { timeScales: ts });
      const expected = readText(`${dir}/${p}.txt`).split(/\r?\n/).filter((l) => l.trim() !== '');
      const written = writeTle(j.elementSets, { timeScales: ts }).split('\n').filter((l) => l !== '');
      expect(written.length).toBe(6);
      written.forEach((w, i) => {
        const e = expected[i]!.trimEnd();
        expect(w.length).toBe(i % 3 === 0 ? w.length : 69);
        if (e.length === 70) {
          wideLines++;
          expect(w.slice(0, 26)).toBe(e.slice(0, 26)); // eccentricity rounded to 7 digits from here on
        } else {
          expect(w).toBe(e);
          same++;
        }
      });
    }
    expect(wideLines).toBe(5);
    expect(same).toBe(115);
  });
});

describe('Vallado SGP4-VER.TLE (AIAA 2006-6753 verification set)', () => {
  const text = readText(validation('vallado-sgp4', 'SGP4-VER.TLE'));
  it('with checksums enforced: 30 sets, and exactly the deliberate error cases 33333/33334/33335 rejected for their checksum', () => {
    const r = readTle(text, { timeScales: ts });
    expect(r.elementSets.length).toBe(30);
    expect(r.failures.map((f) => f.code)).toEqual(['CHECKSUM_MISMATCH', 'CHECKSUM_MISMATCH', 'CHECKSUM_MISMATCH']);
    expect(r.failures.every((f) => f.field === 'checksum')).toBe(true);
    expect(r.warnings.filter((w) => w.code === 'TLE_EXTRA_COLUMNS').length).toBe(30);
  });
  it("with tleChecksum 'warn': all 33 cases, 33 extra-column warnings, 5 checksum warnings", () => {
    const r = readTle(text, { timeScales: ts, tleChecksum: 'warn' });
    expect(r.failures).toEqual([]);
    expect(r.elementSets.length).toBe(33);
    expect(r.warnings.filter((w) => w.code === 'TLE_EXTRA_COLUMNS').length).toBe(33);
    expect(r.warnings.filter((w) => w.code === 'CHECKSUM_MISMATCH').length).toBe(5);
    expect(r.warnings.some((w) => w.code === 'CRLF_LINE_ENDINGS')).toBe(true);
    const ids = r.elementSets.map((s) => s.catalogNumber);
    expect(ids.filter((n) => n === 20413).length).toBe(2);
    // Case 5 (first of the file): epoch 00179.78495062 = 2000-06-27 18:50:19.733568 UTC exactly.
    const s5 = r.elementSets[0]!;
    expect(s5.catalogNumber).toBe(5);
    expect(ts.formatUtcIso(s5.epoch, 6)).toBe('2000-06-27T18:50:19.733568Z');
    expect(s5.eccentricity).toBe(0.1859667);
    expect(s5.bstarPerEarthRadii).toBeCloseTo(0.28098e-4, 15);
    expect(s5.meanMotionRevPerDay).toBe(10.82419157);
    expect(s5.revAtEpoch).toBe(41366);
    // Case 4632: negative ndot and bstar 0.1e-3.
    const s4632 = r.elementSets.find((s) => s.catalogNumber === 4632)!;
    expect(s4632.meanMotionDotRevPerDay2).toBe(-0.00000084);
    expect(s4632.bstarPerEarthRadii).toBeCloseTo(1e-4, 15);
  });
  it('re-writing the 30 valid sets reproduces their columns 1-69 exactly, checksums included', () => {
    const lines = text.split(/\r?\n/).filter((l) => /^[12] /.test(l));
    const r = readTle(text, { timeScales: ts, tleChecksum: 'warn' });
    const out = writeTle(r.elementSets, { timeScales: ts, tleTitleLines: false }).split('\n');
    let compared = 0;
    r.elementSets.forEach((s, i) => {
      const o1 = lines[2 * i]!.slice(0, 69);
      const o2 = lines[2 * i + 1]!.slice(0, 69);
      if (tleChecksum(o1) !== Number(o1[68]) || tleChecksum(o2) !== Number(o2[68])) return;
      // Vallado pads catalog numbers with zeros and writes zero exponents as -0; the values must agree column by column.
      const n1 = out[2 * i]!;
      // A blank ephemeris type (column 63, case 11801) means 0.
      const strip = (l: string): string => {
        const b = l.slice(0, 68);
        return (b.slice(0, 62) + (b[62] === ' ' ? '0' : b[62]) + b.slice(63)).replace(/ 00000[+-]0/g, ' 00000?0').replace(/[+-]0( |$)/g, '?0$1');
      };
      expect(strip(n1), `case ${s.catalogNumber}`).toBe(strip(o1));
      expect(out[2 * i + 1], `case ${s.catalogNumber}`).toBe(o2);
      compared++;
    });
    expect(compared).toBe(30);
  });
});

describe('TLE writer is strict', () => {
  const base = (): ElementSet => readTle(
    '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n',
    { timeScales: ts },
  ).elementSets[0]!;
  it('the classic ISS example (Wikipedia/Kelso) is read and written back byte for byte', () => {
    const s = base();
    expect(formatTle(s, { timeScales: ts })).toEqual([
      // Only change: the zero n̈ exponent is written "+0" (CelesTrak's convention), so the checksum drops by the '-' it lost.
      '1 25544U 98067A   08264.51782528 -.00002182  00000+0 -11606-4 0  2926',
      '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
    ]);
  });
  it('refuses catalog numbers above 339999 with ID_OUT_OF_RANGE', () => {
    expect(() => formatTle({ ...base(), catalogNumber: 340000 }, { timeScales: ts })).toThrow(/OMM/);
    try {
      writeTle([{ ...base(), catalogNumber: 123456789 }], { timeScales: ts });
      expect.unreachable();
    } catch (e) {
      expect((e as SkylaneError).code).toBe('ID_OUT_OF_RANGE');
    }
  });
  it('writes Alpha-5 for 100000..339999 and every line is 69 columns with a valid checksum', () => {
    const lines = formatTle({ ...base(), catalogNumber: 270429 }, { timeScales: ts });
    expect(lines[0]!.slice(2, 7)).toBe('T0429');
    for (const l of lines) {
      expect(l.length).toBe(69);
      expect(Number(l[68])).toBe(tleChecksum(l));
    }
  });
  it('rounds an 8-digit eccentricity to the 7 TLE digits', () => {
    const l = formatTle({ ...base(), eccentricity: 0.00085081 }, { timeScales: ts })[1]!;
    expect(l.slice(26, 33)).toBe('0008508');
  });
});
