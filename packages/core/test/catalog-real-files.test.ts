import { describe, expect, it } from 'vitest';
import { readElementSets } from '../src/index.ts';
import { exists, readText, sharedData, ts, validation } from './catalog-helpers.ts';

const catalogPath = sharedData('catalog', 'socrates-catalog-gp-2026-03-10.json');
const csvPath = sharedData('catalog', 'celestrak-active-gp-2026-03-10.csv');

describe('real CelesTrak files (counts from ../shared/data/catalog/README.md)', () => {
  it.skipIf(!exists(catalogPath))(
    `SOCRATES full catalog JSON: 18,407 objects, 0 failures, 49 with 6-digit IDs up to 270429${exists(catalogPath) ? '' : ' (SKIPPED: ../shared/data/catalog/socrates-catalog-gp-2026-03-10.json is absent)'}`,
    () => {
      const text = readText(catalogPath);
      const r = readElementSets(text, { timeScales: ts });
      expect(r.format).toBe('omm-json');
      expect(r.failures).toEqual([]);
      expect(r.elementSets.length).toBe(18407);
      const big = r.elementSets.filter((s) => s.catalogNumber >= 100000);
      expect(big.length).toBe(49);
      expect(Math.max(...big.map((s) => s.catalogNumber))).toBe(270429);
      // By name: 3,562 "DEB" and 651 "R/B" (README); our name rules must find at least those.
      expect(r.elementSets.filter((s) => s.objectType === 'DEBRIS').length).toBeGreaterThanOrEqual(3562);
      expect(r.elementSets.filter((s) => s.objectType === 'ROCKET BODY').length).toBeGreaterThanOrEqual(651);
      // Precision: the first record's epoch string is kept to the microsecond.
      const raw = JSON.parse(text) as { EPOCH: string }[];
      r.elementSets.slice(0, 2000).forEach((s, i) => expect(ts.formatUtcIso(s.epoch, 6)).toBe(`${raw[i]!.EPOCH}Z`));
    },
  );
  it.skipIf(!exists(csvPath))(
    `CelesTrak active CSV: 14,683 rows, 0 failures${exists(csvPath) ? '' : ' (SKIPPED: ../shared/data/catalog/celestrak-active-gp-2026-03-10.csv is absent)'}`,
    () => {
      const r = readElementSets(readText(csvPath), { timeScales: ts });
      expect(r.format).toBe('csv');
      expect(r.failures).toEqual([]);
      expect(r.elementSets.length).toBe(14683);
      const calsphere = r.elementSets[0]!;
      expect(calsphere.catalogNumber).toBe(900);
      expect(calsphere.eccentricity).toBe(0.00237643);
      expect(calsphere.bstarPerEarthRadii).toBe(0.76643197e-3);
      expect(calsphere.meanMotionDotRevPerDay2).toBe(0.76e-5);
    },
  );
  it('CelesTrak stations JSON: 33 objects, ISS first', () => {
    const r = readElementSets(readText(validation('celestrak', 'celestrak-stations-gp-2026-03-10.json')), { timeScales: ts });
    expect(r.failures).toEqual([]);
    expect(r.elementSets.length).toBe(33);
    expect(r.elementSets[0]).toMatchObject({ catalogNumber: 25544, objectName: 'ISS (ZARYA)', objectId: '1998-067A', meanMotionRevPerDay: 15.485572 });
  });
  it('precision: OMM JSON epoch "2026-03-09T19:18:25.550496" (no Z) is kept to the microsecond', () => {
    const r = readElementSets(
      '[{"OBJECT_NAME":"VANGUARD 2","OBJECT_ID":"1959-001A","EPOCH":"2026-03-09T19:18:25.550496","MEAN_MOTION":11.90268048,"ECCENTRICITY":0.14456611,"INCLINATION":32.8708,"RA_OF_ASC_NODE":101.2249,"ARG_OF_PERICENTER":211.3482,"MEAN_ANOMALY":139.2428,"EPHEMERIS_TYPE":0,"CLASSIFICATION_TYPE":"U","NORAD_CAT_ID":11,"ELEMENT_SET_NO":999,"REV_AT_EPOCH":52362,"BSTAR":0.00053091218,"MEAN_MOTION_DOT":1.038e-05,"MEAN_MOTION_DDOT":0}]',
      { timeScales: ts },
    );
    const s = r.elementSets[0]!;
    expect(ts.formatUtcIso(s.epoch, 6)).toBe('2026-03-09T19:18:25.550496Z');
    const ref = ts.fromUtc(2026, 3, 9, 19, 18, 25);
    expect(Math.abs(s.epoch.secondsSince(ref) - 0.550496)).toBeLessThan(1e-9);
  });
});
