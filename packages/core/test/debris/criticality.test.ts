/**
 * ADR criticality ranking. Oracles: analytic shell density (N objects / shell volume) and the analytic mean relative
 * speed of polar orbits with uniform node difference (4/π · v); on the bundled CelesTrak catalog, the published
 * facts of McKnight et al. 2021/2023 (../shared/data/operations/adr-criticality/published-facts.md): massive derelict
 * rocket bodies (SL-16 first) in crowded bands rank above small debris and active payloads.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  criticalityOf,
  estimateLifetimeYears,
  filterCriticality,
  latestElementSets,
  parseCaraHbrTable,
  rankCriticality,
  readCsv,
  readElementSets,
  readSatcatCsv,
  SkylaneError,
  type ElementSet,
} from '../../src/index.ts';
import { exists, repoRoot, sharedData, ts } from '../catalog-helpers.ts';

const bundled = (f: string): string => gunzipSync(readFileSync(`${repoRoot}/data/catalog/${f}`)).toString('utf8');

function circular(id: number, altKm: number, incDeg: number, name = 'TEST SAT'): ElementSet {
  const a = 6378.137 + altKm;
  const n = Math.sqrt(398600.4418 / a ** 3);
  return {
    catalogNumber: id,
    objectName: name,
    classification: 'U',
    epoch: ts.parseUtcIso('2026-03-10T00:00:00Z'),
    meanMotionRevPerDay: (n * 86400) / (2 * Math.PI),
    eccentricity: 0,
    inclinationDeg: incDeg,
    raanDeg: 0,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 0,
    meanMotionDotRevPerDay2: 0,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 1,
  };
}

describe('criticality factors against analytic oracles', () => {
  it('shell density = N / (4/3 π (r1³ − r0³)); polar mean relative speed = 4/π · v_circ (within 0.5 %)', () => {
    const sets = Array.from({ length: 100 }, (_, k) => circular(k + 1, 810, 90));
    const r = rankCriticality({ elementSets: sets });
    const e = r.entries[0]!;
    const r0 = 6378.137 + 800;
    const r1 = r0 + 20;
    const expected = 100 / ((4 / 3) * Math.PI * (r1 ** 3 - r0 ** 3));
    expect(e.factors.spatialDensityPerKm3 / expected - 1).toBeCloseTo(0, 12);
    const v = Math.sqrt(398600.4418 / (6378.137 + 810));
    const rel = e.factors.meanRelativeSpeedKmS / ((4 / Math.PI) * v) - 1;
    console.info(`polar relative-speed error ${(rel * 100).toFixed(3)} %`);
    expect(Math.abs(rel)).toBeLessThan(5e-3);
    // λ = D σ v̄ with σ = π (r + 0.5 m)² (unknown type → 1 m radius).
    const lambda = expected * Math.PI * (1.5e-3) ** 2 * e.factors.meanRelativeSpeedKmS * 365.25 * 86400;
    expect(e.factors.collisionRatePerYear / lambda - 1).toBeCloseTo(0, 9);
  });
  it('lifetime grows with altitude and falls with area-to-mass (drag estimate)', () => {
    const l400 = estimateLifetimeYears(400, 400, 0.01);
    const l600 = estimateLifetimeYears(600, 600, 0.01);
    const l800 = estimateLifetimeYears(800, 800, 0.01);
    expect(l400).toBeLessThan(l600);
    expect(l600).toBeLessThan(l800);
    expect(estimateLifetimeYears(600, 600, 0.02)).toBeCloseTo(l600 / 2, 9);
    // Order of magnitude of the classic curves (C_D A/m = 0.01 m²/kg): months at 400 km, decades-centuries at 800 km.
    expect(l400).toBeGreaterThan(0.05);
    expect(l400).toBeLessThan(3);
    expect(l800).toBeGreaterThan(20);
    console.info(`lifetime (C_D A/m 0.01 m²/kg): 400 km ${l400.toFixed(2)} yr, 600 km ${l600.toFixed(1)} yr, 800 km ${l800.toFixed(0)} yr`);
  });
  it('unknown object: typed NOT_FOUND; missing mass under massPolicy require: per-object FIELD_MISSING failure', () => {
    const r = rankCriticality({ elementSets: [circular(1, 800, 98)] });
    expect(() => criticalityOf(r.entries, 99999)).toThrow(SkylaneError);
    try {
      criticalityOf(r.entries, 99999);
    } catch (e) {
      expect((e as SkylaneError).code).toBe('NOT_FOUND');
    }
    const req = rankCriticality({ elementSets: [circular(1, 800, 98), circular(2, 800, 98)], masses: new Map([[1, { massKg: 100 }]]) }, { massPolicy: 'require' });
    expect(req.entries.map((e) => e.object)).toEqual([1]);
    expect(req.failures).toHaveLength(1);
    expect(req.failures[0]!.code).toBe('FIELD_MISSING');
  });
});

describe('CelesTrak SATCAT CSV reader', () => {
  const header = 'OBJECT_NAME,OBJECT_ID,NORAD_CAT_ID,OBJECT_TYPE,OPS_STATUS_CODE,OWNER,LAUNCH_DATE,LAUNCH_SITE,DECAY_DATE,PERIOD,INCLINATION,APOGEE,PERIGEE,RCS,DATA_STATUS_CODE,ORBIT_CENTER,ORBIT_TYPE';
  it('reads types, owners, dates and RCS; each bad row is a typed failure', () => {
    const text = [
      header,
      'SL-16 R/B,1998-045B,25400,R/B,,CIS,1998-07-28,TYMSC,,101.0,98.8,820,800,10.2,,EA,ORB',
      'ISS (ZARYA),1998-067A,25544,PAY,+,ISS,1998-11-20,TYMSC,,92.9,51.6,420,415,,,EA,ORB',
      'FENGYUN 1C DEB,1999-025AAA,29000,DEB,,PRC,1999-05-10,TSC,2010-01-02,,,,,,,EA,IMP',
      'BAD TYPE,2000-001A,30000,XYZ,,US,2000-01-01,AFETR,,,,,,,,EA,ORB',
      'BAD DATE,2000-001B,30001,PAY,,US,01/01/2000,AFETR,,,,,,,,EA,ORB',
      'BAD ID,2000-001C,abc,PAY,,US,2000-01-01,AFETR,,,,,,,,EA,ORB',
    ].join('\n');
    const r = readSatcatCsv(text);
    expect(r.records.map((x) => x.catalogNumber)).toEqual([25400, 25544, 29000]);
    expect(r.records[0]).toMatchObject({ objectType: 'ROCKET BODY', owner: 'CIS', launchDate: '1998-07-28', rcsM2: 10.2, perigeeKm: 800 });
    expect(r.records[1]).toMatchObject({ objectType: 'PAYLOAD', opsStatusCode: '+' });
    expect(r.records[2]).toMatchObject({ objectType: 'DEBRIS', decayDate: '2010-01-02' });
    expect(r.failures.map((f) => [f.line, f.field, f.code])).toEqual([
      [5, 'OBJECT_TYPE', 'FIELD_INVALID'],
      [6, 'LAUNCH_DATE', 'FIELD_INVALID'],
      [7, 'NORAD_CAT_ID', 'FIELD_INVALID'],
    ]);
    expect(readSatcatCsv('A,B\n1,2').failures[0]!.code).toBe('FIELD_MISSING');
  });
  it('SATCAT type, owner and status flow into the ranking (active payload gets derelict factor 0)', () => {
    const sat = readSatcatCsv([header, 'X,2000-001A,1,PAY,+,US,2000-01-01,AFETR,,,,,,,,EA,ORB', 'Y,2000-001B,2,R/B,-,CIS,2000-01-01,AFETR,,,,,,,,EA,ORB'].join('\n'));
    const r = rankCriticality({ elementSets: [circular(1, 800, 98, 'X'), circular(2, 800, 98, 'Y')], satcat: new Map(sat.records.map((x) => [x.catalogNumber, x])) });
    expect(r.entries.map((e) => [e.object, e.type, e.owner, e.factors.active])).toEqual([
      [2, 'ROCKET BODY', 'CIS', false],
      [1, 'PAYLOAD', 'US', true],
    ]);
    expect(r.entries[1]!.score).toBe(0);
    expect(filterCriticality(r.entries, { owner: 'us' }).map((e) => e.object)).toEqual([1]);
  });
});

describe('ranking of the bundled CelesTrak catalog (18,407 objects) with the CARA mass subset', () => {
  const sets = latestElementSets(readElementSets(bundled('socrates-catalog-gp-2026-03-10.json.gz'), { timeScales: ts }).elementSets);
  const masses = parseCaraHbrTable(bundled('cara-hbr-mass-subset.csv.gz'));
  const activePath = sharedData('catalog', 'celestrak-active-gp-2026-03-10.csv');
  const activeIds = exists(activePath) ? new Set(readCsv(readFileSync(activePath, 'utf8'), { timeScales: ts }).elementSets.map((s) => s.catalogNumber)) : undefined;
  const t0 = performance.now();
  const r = rankCriticality({ elementSets: sets, masses, ...(activeIds ? { activeIds } : {}) });
  const ms = performance.now() - t0;

  it('ranks all 18,407 objects with every factor finite', () => {
    console.info(`ranked ${r.entries.length} objects in ${ms.toFixed(0)} ms`);
    expect(r.entries).toHaveLength(18407);
    expect(r.failures).toEqual([]);
    for (const e of r.entries.slice(0, 200)) for (const [k, v] of Object.entries(e.factors)) if (typeof v === 'number') expect(Number.isFinite(v), `${e.object} ${k}`).toBe(true);
  });
  // Without the active list the crewed and operating payloads are not marked active, so the ISS (large, massive,
  // in a dense shell) would lead the ranking: the published top 10 is a ranking of derelicts.
  it.skipIf(!activeIds)(`top 10 are massive rocket bodies (≥ 1,400 kg) in shells denser than the median LEO shell; SL-16 first (McKnight et al.)${activeIds ? '' : ' (SKIPPED: ../shared/data/catalog/celestrak-active-gp-2026-03-10.csv is absent)'}`, () => {
    const top = r.entries.slice(0, 10);
    // Median over the ninety 20-km shells of 200-2,000 km (empty shells count as 0).
    const byShell = new Map(r.entries.map((e) => [e.factors.shellLabel, e.factors.spatialDensityPerKm3]));
    const shells = Array.from({ length: 90 }, (_, k) => byShell.get(`${200 + 20 * k}-${220 + 20 * k} km`) ?? 0).sort((a, b) => a - b);
    const median = (shells[44]! + shells[45]!) / 2;
    for (const e of top) {
      expect(e.type, `${e.rank} ${e.name}`).toBe('ROCKET BODY');
      expect(e.massKg).toBeGreaterThanOrEqual(1400);
      expect(e.factors.spatialDensityPerKm3).toBeGreaterThan(median);
    }
    expect(top[0]!.name).toMatch(/SL-16/);
    console.info(top.map((e) => `${e.rank} ${e.object} ${e.name} ${e.factors.shellLabel} ${e.score.toFixed(1)}`).join('\n'));
  });
  it('every SL-16/SL-8 rocket body between 500 and 1,000 km ranks above every small (< 100 kg) debris fragment', () => {
    const heavy = r.entries.filter((e) => e.type === 'ROCKET BODY' && /SL-16|SL-8/.test(e.name) && e.factors.apogeeAltKm < 1000 && e.factors.perigeeAltKm > 500);
    const worst = heavy.reduce((a, b) => (b.rank > a.rank ? b : a));
    const worstHeavy = worst.rank;
    console.info(`worst-ranked SL-16/SL-8 rocket body: rank ${worst.rank} (${worst.object})`);
    const bestDebris = Math.min(...r.entries.filter((e) => e.type === 'DEBRIS' && e.massKg < 100).map((e) => e.rank));
    expect(heavy.length).toBeGreaterThan(20);
    expect(worstHeavy).toBeLessThan(bestDebris);
  });
  it.skipIf(!activeIds)(`active payloads (CelesTrak active group) rank below every derelict rocket body above 500 km${activeIds ? '' : ' (SKIPPED: ../shared/data/catalog/celestrak-active-gp-2026-03-10.csv is absent)'}`, () => {
    const bestActive = Math.min(...r.entries.filter((e) => e.factors.active).map((e) => e.rank));
    const derelictRb = r.entries.filter((e) => e.type === 'ROCKET BODY' && !e.factors.active && e.factors.perigeeAltKm > 500 && e.factors.lifetimeYears > 1);
    expect(Math.max(...derelictRb.map((e) => e.rank))).toBeLessThan(bestActive);
  });
});
