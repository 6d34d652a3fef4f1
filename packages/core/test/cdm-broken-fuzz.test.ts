import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { cdmHardBodyRadiusM, ParseError, readCdm, readCdmJson, readCdmKvn, readCdmXml, SkylaneError, validateNdmXml, writeCdmJson } from '../src/index.ts';
import { exists, readText, sharedData, ts } from './catalog-helpers.ts';
import { BROKEN_FIXTURES, loadSchemas, orekitCdmDir, orekitFixtures } from './cdm-helpers.ts';

describe('broken Orekit CDM fixtures are rejected with keyword and line', () => {
  const { broken } = orekitFixtures();
  it('covers every broken fixture', () => expect(broken.sort()).toEqual(Object.keys(BROKEN_FIXTURES).sort()));
  for (const f of broken) {
    it(f, () => {
      const want = BROKEN_FIXTURES[f]!;
      let caught: unknown;
      try {
        readCdm(readText(path.join(orekitCdmDir, f)), { timeScales: ts });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ParseError);
      const pe = caught as ParseError;
      expect(pe.field).toBe(want.field);
      expect(pe.line).toBe(want.line);
      expect(pe.message).toContain(want.field);
      expect(pe.message).toContain(`line ${want.line}`);
    });
  }
  it('schema validation of the Orekit XML fixture without object 1 covariance reports the line', async () => {
    const v = await validateNdmXml(readText(path.join(orekitCdmDir, 'CDM-missing-object1-covariance-block.xml')), loadSchemas());
    expect(v.valid).toBe(false);
    expect(v.namespaceAdded).toBe(true);
    expect(v.errors.length).toBeGreaterThan(0);
    expect(v.errors.every((e) => typeof e.line === 'number' && e.line > 0)).toBe(true);
  });
});

describe('NASA CARA CDMs (../shared/data/collision-probability/cara, NASA Open Source Agreement, read in place)', () => {
  const dirs = ['SampleCDMs', 'PcTestCaseCDMs'].map((d) => sharedData('collision-probability', 'cara', d));
  const available = dirs.every((d) => exists(d));
  it.runIf(available)('reads all 34 sample and 53 real CDMs, with the HBR CARA puts in a comment', () => {
    let n = 0;
    let withHbr = 0;
    for (const d of dirs) {
      for (const f of readdirSync(d).filter((x) => x.endsWith('.cdm'))) {
        const r = readCdm(readText(path.join(d, f)), { timeScales: ts });
        expect(r.cdms).toHaveLength(1);
        const c = r.cdms[0]!;
        expect(c.relative.missDistanceKm).toBeGreaterThanOrEqual(0);
        expect(c.object1.covariance.rtnLowerTriangle.every(Number.isFinite)).toBe(true);
        if (cdmHardBodyRadiusM(c) !== undefined) withHbr++;
        n++;
      }
    }
    expect(n).toBe(34 + 53);
    expect(withHbr).toBeGreaterThan(40);
  });
  it.runIf(available)('HST vs 2017 (2023-06-13): values in km-based units and HBR 10 m', () => {
    const c = readCdm(readText(path.join(dirs[1]!, '000020580_conj_000002017_20230613_001923_20230608_063715.cdm')), { timeScales: ts }).cdms[0]!;
    expect(c.relative.missDistanceKm).toBe(12.303);
    expect(c.relative.relativeSpeedKmPerS).toBe(2.224);
    expect(c.relative.collisionProbability).toBe(1.862e-5);
    expect(cdmHardBodyRadiusM(c)).toBe(10);
    expect(c.object1.metadata.objectName).toBe('HST');
  });
});

describe('Space-Track JSON', () => {
  it('reads a cdm_public row', () => {
    const r = readCdmJson(
      JSON.stringify([{ CDM_ID: '123', CREATED: '2024-01-01 10:00:00.000000', EMERGENCY_REPORTABLE: 'Y', TCA: '2024-01-02T03:04:05.678000', MIN_RNG: '541', PC: '0.000123', SAT_1_ID: '25544', SAT_1_NAME: 'ISS (ZARYA)', SAT1_OBJECT_TYPE: 'PAYLOAD', SAT1_RCS: 'LARGE', SAT_1_EXCL_VOL: '5.00', SAT_2_ID: '12345', SAT_2_NAME: 'DEB', SAT2_OBJECT_TYPE: 'DEBRIS', SAT2_RCS: 'SMALL', SAT_2_EXCL_VOL: '1.00' }]),
      { timeScales: ts },
    );
    expect(r.cdms).toEqual([]);
    expect(r.summaries).toHaveLength(1);
    const s = r.summaries[0]!;
    expect(s.minRangeKm).toBe(0.541);
    expect(s.pc).toBe(0.000123);
    expect(s.emergencyReportable).toBe(true);
    expect(s.sat1).toEqual({ id: '25544', name: 'ISS (ZARYA)', objectType: 'PAYLOAD', rcs: 'LARGE', exclusionVolumeKm: 0.005 });
    expect(ts.formatUtcIso(s.tca, 3)).toBe('2024-01-02T03:04:05.678Z');
  });
  it('reads the full form with SATn_ keys, strings, *_UNIT keys and REFERENCE_FRAME', () => {
    const kvn = readCdm(readText(path.join(orekitCdmDir, 'CDMExample2.txt')), { timeScales: ts }).cdms[0]!;
    const rec = (JSON.parse(writeCdmJson(kvn, ts)) as Record<string, string>[])[0]!;
    expect(rec['SAT1_REFERENCE_FRAME']).toBe('EME2000');
    expect(rec['MISS_DISTANCE']).toBe('715');
    expect(rec['MISS_DISTANCE_UNIT']).toBe('m');
    expect(rec['SAT2_CR_R']).toBe('1337');
    rec['SAT2_EXTRA_THING'] = 'x';
    const back = readCdmJson(JSON.stringify(rec), { timeScales: ts });
    expect(back.cdms[0]!.object2.covariance.rtnLowerTriangle[0]).toBeCloseTo(1.337e-3, 15);
    expect(back.warnings.map((w) => w.field)).toContain('SAT2_EXTRA_THING');
  });
});

describe('fuzz: readers throw nothing but typed Skylane errors', () => {
  const samples = orekitFixtures().good.map((f) => readText(path.join(orekitCdmDir, f)));
  const check = (text: string): void => {
    for (const read of [readCdmKvn, readCdmXml, readCdmJson, readCdm]) {
      try {
        read(text, { timeScales: ts });
      } catch (e) {
        if (!(e instanceof SkylaneError)) throw e;
      }
    }
  };
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [pos, del, ins] of edits) {
        const p = pos % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      return t;
    });
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => check(s)), { numRuns: 300 });
  });
  it('mutated fixtures (KVN and XML)', () => {
    fc.assert(fc.property(mutated, (s) => check(s)), { numRuns: 300 });
  });
  it('line deletions keep errors pointing at a real line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), (text, k) => {
        const lines = text.split('\n');
        const i = k % lines.length;
        const cut = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        try {
          readCdm(cut, { timeScales: ts });
        } catch (e) {
          expect(e).toBeInstanceOf(SkylaneError);
          if (e instanceof ParseError) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(lines.length);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
