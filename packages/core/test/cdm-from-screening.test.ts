import { describe, expect, it } from 'vitest';
import {
  cdmFromScreening,
  cdmHardBodyRadiusM,
  conjunctionFromCdm,
  defaultTleCovarianceRtn,
  lookupHbrM,
  parseCaraHbrTable,
  pcFoster1992,
  readCdm,
  vec3,
  writeCdmKvn,
} from '../src/index.ts';
import { exists, readText, sharedData, ts } from './catalog-helpers.ts';

const omitron8 = sharedData('collision-probability', 'cara', 'SampleCDMs', 'OmitronTestCase_Test08_3DNc.cdm');

describe('CDM → risk inputs', () => {
  // Oracle: pc-test-cases.json cdm_based_cases (CARA Pc3D_Hall_UnitTest.m test2D3DDisagreementCase): Pc2D 2.2660816e-20, RelTol 1e-3.
  it.runIf(exists(omitron8))('Omitron test 08: Foster Pc from the CDM states and RTN covariances = 2.2660816e-20 (HBR 20 m)', () => {
    const cdm = readCdm(readText(omitron8), { timeScales: ts }).cdms[0]!;
    expect(cdmHardBodyRadiusM(cdm)).toBeUndefined();
    const r = pcFoster1992(conjunctionFromCdm(cdm), 20 / 1000);
    expect(Math.abs(r.pc / 2.2660816e-20 - 1)).toBeLessThan(1e-3);
  });
});

describe('screening event → CDM', () => {
  const tca = ts.parseUtcIso('2026-03-11T12:00:00Z');
  const r1 = vec3<'EME2000'>(7000, 0, 0);
  const v1 = vec3<'EME2000'>(0, 7.546, 0);
  const r2 = vec3<'EME2000'>(7000.1, 0.05, 0.2);
  const v2 = vec3<'EME2000'>(0, 0, 7.546);
  it('writes a conformant CDM whose relative state and default covariance read back', () => {
    const cdm = cdmFromScreening({
      tca,
      creationDate: tca,
      originator: 'SKYLANE',
      messageId: 'TEST-1',
      object1: { catalogNumber: 25544, name: 'ISS (ZARYA)', objectType: 'PAYLOAD', r: r1, v: v1, elementAgeDays: 1 },
      object2: { catalogNumber: 99999, objectType: 'DEBRIS', r: r2, v: v2, elementAgeDays: 3 },
      hbrM: 5.5,
      maxPc: 1.2e-4,
    });
    const text = writeCdmKvn(cdm, ts);
    const back = readCdm(text, { timeScales: ts }).cdms[0]!;
    // Computed values need not have an exact decimal image after the m→km scaling: the text is a fixed point.
    expect(writeCdmKvn(back, ts)).toBe(text);
    expect(back.relative.missDistanceKm).toBeCloseTo(Math.hypot(0.1, 0.05, 0.2), 12);
    expect(back.relative.relativePositionRtnKm![0]).toBeCloseTo(0.1, 12); // radial = +x for object 1 on the x axis
    expect(back.object1.metadata.covarianceMethod).toBe('DEFAULT');
    expect(cdmHardBodyRadiusM(back)).toBe(5.5);
    // LEO default: along-track sigma 0.5 + 1.5 km/day × 1 day = 2 km.
    expect(back.object1.covariance.rtnLowerTriangle[2]).toBeCloseTo(4, 12);
    const c = conjunctionFromCdm(back);
    expect(c.primary.cov.m[7]).toBeCloseTo(4, 9); // y (along-track here) variance in EME2000
  });
  it('default covariance grows with age and depends on the regime', () => {
    const young = defaultTleCovarianceRtn(r1, v1, 0);
    const old = defaultTleCovarianceRtn(r1, v1, 5);
    expect(young.regime).toBe('LEO');
    expect(old.matrix[7]!).toBeGreaterThan(young.matrix[7]!);
    expect(defaultTleCovarianceRtn(vec3<'EME2000'>(42164, 0, 0), vec3<'EME2000'>(0, 3.0747, 0), 0).regime).toBe('GEO');
  });
});

describe('CARA HBR table (../shared/data/catalog/cara-hbr-mass, NASA Open Source Agreement, read in place)', () => {
  const file = sharedData('catalog', 'cara-hbr-mass', 'HBR_Mass_Estimates_20260601_ForDistribution.csv');
  it.runIf(exists(file))('parses 58,609 IDs; blank DISCOS rows fall back by object type', () => {
    const table = parseCaraHbrTable(readText(file));
    expect(table.size).toBe(58609);
    expect(lookupHbrM(74, 'PAYLOAD', table)).toEqual({ hbrM: 3.7, source: 'CARA table (Default)' });
    const blank = lookupHbrM(1, 'ROCKET BODY', table);
    expect(blank.hbrM).toBe(5);
    expect(blank.source).toContain('DISCOS');
    expect(lookupHbrM(999_999_999, 'DEBRIS', table).hbrM).toBe(0.5);
  });
});
