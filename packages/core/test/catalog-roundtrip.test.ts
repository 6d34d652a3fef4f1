import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readElementSets, writeElementSets, type ElementSet, type ElementSetFormat } from '../src/index.ts';
import { compareSets, readText, ts, validation } from './catalog-helpers.ts';

const creationDate = ts.parseUtcIso('2026-03-10T12:00:00Z');
const wopts = { timeScales: ts, creationDate, originator: 'SKYLANE TEST' };
const through = (sets: ElementSet[], format: ElementSetFormat): ElementSet[] => {
  const text = writeElementSets(sets, format, wopts);
  const r = readElementSets(text, { timeScales: ts, format: 'auto' });
  expect(r.format).toBe(format);
  expect(r.failures).toEqual([]);
  expect(r.elementSets.length).toBe(sets.length);
  return r.elementSets;
};

describe('round trip TLE → OMM KVN → XML → JSON → CSV → TLE on real sets (SOCRATES pairs, stations)', () => {
  const sets = readElementSets(readText(validation('celestrak', 'celestrak-stations-gp-2026-03-10.json')), { timeScales: ts }).elementSets;
  it('every field survives the chain within TLE precision; the OMM legs are exact', () => {
    const tle0 = through(sets, 'tle');
    let cur = tle0;
    for (const f of ['omm-kvn', 'omm-xml', 'omm-json', 'csv'] as const) {
      const next = through(cur, f);
      next.forEach((s, i) => expect(compareSets(s, cur[i]!, true), `${f} #${i}`).toEqual([]));
      cur = next;
    }
    const tle1 = through(cur, 'tle');
    tle1.forEach((s, i) => {
      expect(compareSets(s, tle0[i]!, true), `final TLE #${i}`).toEqual([]);
      expect(compareSets(s, sets[i]!, false), `vs original #${i}`).toEqual([]);
    });
    expect(writeElementSets(tle1, 'tle', wopts)).toBe(writeElementSets(tle0, 'tle', wopts));
  });
  it('JSON → JSON is byte-identical to CelesTrak semantics: same numbers, same epochs', () => {
    const again = through(sets, 'omm-json');
    again.forEach((s, i) => expect(compareSets(s, sets[i]!, true)).toEqual([]));
  });
});

const nameArb = fc.stringMatching(/^[A-Z0-9][A-Z0-9 ()/\-.,[\]+]{0,22}[A-Z0-9)\]]$/);
const setArb = (maxId: number): fc.Arbitrary<ElementSet> =>
  fc
    .record({
      catalogNumber: fc.integer({ min: 1, max: maxId }),
      objectName: nameArb,
      year: fc.integer({ min: 1958, max: 2055 }),
      launch: fc.integer({ min: 1, max: 999 }),
      piece: fc.stringMatching(/^[A-HJ-NP-Z]{1,3}$/),
      epochMs: fc.integer({ min: Date.UTC(1958, 0, 1), max: Date.UTC(2056, 11, 30) }),
      micro: fc.integer({ min: 0, max: 999 }),
      meanMotionRevPerDay: fc.double({ min: 0.5, max: 17, noNaN: true }),
      eccentricity: fc.double({ min: 0, max: 0.95, noNaN: true }),
      inclinationDeg: fc.double({ min: 0, max: 180, noNaN: true }),
      raanDeg: fc.double({ min: 0, max: 359.99, noNaN: true }),
      argOfPericenterDeg: fc.double({ min: 0, max: 359.99, noNaN: true }),
      meanAnomalyDeg: fc.double({ min: 0, max: 359.99, noNaN: true }),
      bstarPerEarthRadii: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
      meanMotionDotRevPerDay2: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
      meanMotionDdotRevPerDay3: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
      elementSetNo: fc.integer({ min: 0, max: 9999 }),
      revAtEpoch: fc.integer({ min: 0, max: 99999 }),
      classification: fc.constantFrom('U', 'C', 'S'),
    })
    .map((r) => {
      const d = new Date(r.epochMs); // test-side only: builds the calendar fields of a random epoch
      const epoch = ts.fromUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + d.getUTCMilliseconds() / 1000 + r.micro / 1e6);
      return {
        catalogNumber: r.catalogNumber,
        objectName: r.objectName,
        objectId: `${r.year}-${String(r.launch).padStart(3, '0')}${r.piece}`,
        objectType: 'UNKNOWN' as const,
        classification: r.classification,
        epoch,
        meanMotionRevPerDay: r.meanMotionRevPerDay,
        eccentricity: r.eccentricity,
        inclinationDeg: r.inclinationDeg,
        raanDeg: r.raanDeg,
        argOfPericenterDeg: r.argOfPericenterDeg,
        meanAnomalyDeg: r.meanAnomalyDeg,
        bstarPerEarthRadii: r.bstarPerEarthRadii,
        meanMotionDotRevPerDay2: r.meanMotionDotRevPerDay2,
        meanMotionDdotRevPerDay3: r.meanMotionDdotRevPerDay3,
        ephemerisType: 0,
        elementSetNo: r.elementSetNo,
        revAtEpoch: r.revAtEpoch,
      };
    })
    .map((s) => ({ ...s, objectType: readElementSets(writeElementSets([s], 'omm-json', wopts), { timeScales: ts }).elementSets[0]?.objectType ?? 'UNKNOWN' }));

describe('fast-check property round trips on generated element sets', () => {
  it('OMM KVN, XML, JSON and CSV preserve every field exactly (epoch to the microsecond), 9-digit IDs included', () => {
    fc.assert(
      fc.property(fc.array(setArb(999_999_999), { minLength: 1, maxLength: 4 }), (sets) => {
        for (const f of ['omm-kvn', 'omm-xml', 'omm-json', 'csv'] as const) {
          const back = through(sets, f);
          back.forEach((s, i) => expect(compareSets(s, sets[i]!, true), f).toEqual([]));
        }
      }),
      { numRuns: 150 },
    );
  });
  it('TLE preserves every field within its column precision (Alpha-5 IDs included) and is idempotent after one trip', () => {
    fc.assert(
      fc.property(fc.array(setArb(339_999), { minLength: 1, maxLength: 4 }), (sets) => {
        const once = through(sets, 'tle');
        once.forEach((s, i) => expect(compareSets(s, sets[i]!, false)).toEqual([]));
        expect(writeElementSets(through(once, 'tle'), 'tle', wopts)).toBe(writeElementSets(once, 'tle', wopts));
      }),
      { numRuns: 300 },
    );
  });
});
