/**
 * Go/no-go checklist of a tourism flight (issue 19 item 4): every input, made to fail alone, turns the verdict to
 * NO-GO and names itself with its value and limit; an all-pass day is GO; absent data is NO-GO "missing".
 * Geometry oracles: hand-built squares and ellipses whose inside/outside is known by construction (distances on
 * the sphere from launch/geo.ts destination()).
 */
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  destination,
  evaluateGoNoGo,
  goNoGoInputFromJson,
  IERS_LEAP_SECONDS,
  pointInEllipse,
  pointInPolygon,
  SkylaneError,
  type GoNoGoItemName,
} from '@skylane/core';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const D = Math.PI / 180;

/** A splashdown day where everything passes (landing zone off 30° N, 120° E). */
const base = (): Record<string, unknown> => ({
  launchUtc: '2026-07-20T02:00:00Z',
  vehicleClass: 'capsule-sea',
  vehicle: { lastLandingUtc: '2026-05-01T00:00:00Z', openAnomalies: 0 },
  hazardAreas: [
    { id: 'booster-HA1', polygonDeg: [[30, 121], [30, 122], [31, 122], [31, 121]], activeFromUtc: '2026-07-20T01:30:00Z', activeToUtc: '2026-07-20T03:00:00Z' },
    { id: 'capsule-ellipse', ellipse: { centerLatDeg: 30, centerLonDeg: 120, semiMajorKm: 20, semiMinorKm: 8, majorAxisAzimuthDeg: 90 }, activeFromUtc: '2026-07-20T01:30:00Z', activeToUtc: '2026-07-20T03:00:00Z' },
  ],
  traffic: [
    { id: 'MV-ONE', kind: 'vessel', latDeg: 29.5, lonDeg: 121.5 },
    { id: 'FLT-22', kind: 'aircraft', latDeg: 31.5, lonDeg: 121.5 },
  ],
  lcola: { windowStart: '2026-07-20T01:00:00Z', windowEnd: '2026-07-20T04:00:00Z', blackouts: [{ from: '2026-07-20T01:10:00Z', to: '2026-07-20T01:20:00Z' }] },
  recovery: { landingZone: { latDeg: 30, lonDeg: 120, stationRadiusKm: 50 }, assets: [{ id: 'ship-1', kind: 'ship', latDeg: 30.1, lonDeg: 120.1 }, { id: 'heli-1', kind: 'helicopter', latDeg: 30.2, lonDeg: 119.9 }], required: { ship: 1, helicopter: 1 } },
  weather: { surfaceWindMps: 6, gustMps: 9, waveHeightM: 1.0 },
  passengers: [
    { id: 'seat-1', trainingComplete: true, medicalCleared: true, medicalExpiresUtc: '2026-12-31T00:00:00Z' },
    { id: 'seat-2', trainingComplete: true, medicalCleared: true, medicalExpiresUtc: '2026-07-21T00:00:00Z' },
  ],
  profileCheck: { passed: true },
});

const run = (j: Record<string, unknown>) => evaluateGoNoGo(goNoGoInputFromJson(j, ts), ts);

describe('go/no-go checklist (issue 19 item 4)', () => {
  it('all inputs within limits: GO, every item evaluated', () => {
    const r = run(base());
    expect(r.failing, JSON.stringify(r.failing)).toEqual([]);
    expect(r.verdict).toBe('GO');
    const names = new Set(r.items.map((i) => i.item));
    for (const n of ['hazard-area-clearance', 'lcola', 'recovery-assets', 'surface-wind', 'gusts', 'wave-height', 'vehicle-turnaround', 'vehicle-anomalies', 'passenger-training', 'passenger-medical', 'profile-check'] as GoNoGoItemName[]) expect(names.has(n), n).toBe(true);
  });

  const cases: { name: string; item: GoNoGoItemName; mutate: (j: Record<string, unknown>) => void; value?: unknown; limit?: unknown; subject?: string }[] = [
    { name: 'a vessel inside the booster hazard polygon', item: 'hazard-area-clearance', mutate: (j) => ((j['traffic'] as unknown[]).push({ id: 'MV-INTRUDER', kind: 'vessel', latDeg: 30.5, lonDeg: 121.5 })), value: 1, limit: 0 },
    { name: 'an aircraft inside the capsule ellipse (15 km east of centre, major axis east)', item: 'hazard-area-clearance', mutate: (j) => ((j['traffic'] as unknown[]).push({ id: 'FLT-IN', kind: 'aircraft', latDeg: 30, lonDeg: 120 + 15 / (111.195 * Math.cos(30 * D)) })), value: 1, limit: 0 },
    { name: 'launch inside an LCOLA blackout', item: 'lcola', mutate: (j) => (j['launchUtc'] = '2026-07-20T01:15:00Z'), value: 'closed', limit: 'open' },
    { name: 'no ship on station (60 km away)', item: 'recovery-assets', subject: 'ship', mutate: (j) => (((j['recovery'] as { assets: { latDeg: number }[] }).assets[0]!.latDeg = 30 + 60 / 111.195)), value: 0, limit: 1 },
    { name: 'surface wind above limit', item: 'surface-wind', mutate: (j) => ((j['weather'] as Record<string, number>)['surfaceWindMps'] = 13.5), value: 13.5, limit: 12.9 },
    { name: 'gusts above limit', item: 'gusts', mutate: (j) => ((j['weather'] as Record<string, number>)['gustMps'] = 16), value: 16, limit: 15.4 },
    { name: 'waves above limit', item: 'wave-height', mutate: (j) => ((j['weather'] as Record<string, number>)['waveHeightM'] = 2.4), value: 2.4, limit: 1.8 },
    { name: 'turnaround not elapsed', item: 'vehicle-turnaround', mutate: (j) => ((j['vehicle'] as Record<string, unknown>)['lastLandingUtc'] = '2026-07-01T02:00:00Z'), value: 19 * 86400, limit: 60 * 86400 },
    { name: 'an open anomaly', item: 'vehicle-anomalies', mutate: (j) => ((j['vehicle'] as Record<string, unknown>)['openAnomalies'] = 1), value: 1, limit: 0 },
    { name: 'training incomplete', item: 'passenger-training', subject: 'seat-2', mutate: (j) => ((j['passengers'] as Record<string, unknown>[])[1]!['trainingComplete'] = false), value: false, limit: true },
    { name: 'medical expired before launch', item: 'passenger-medical', subject: 'seat-2', mutate: (j) => ((j['passengers'] as Record<string, unknown>[])[1]!['medicalExpiresUtc'] = '2026-07-20T01:59:59Z'), value: '2026-07-20T01:59:59Z', limit: '2026-07-20T02:00:00Z' },
    { name: 'medical not cleared', item: 'passenger-medical', subject: 'seat-1', mutate: (j) => ((j['passengers'] as Record<string, unknown>[])[0]!['medicalCleared'] = false), value: false, limit: true },
    { name: 'profile check failed', item: 'profile-check', mutate: (j) => (j['profileCheck'] = { passed: false, violations: ['+Gx 6.2 g for 12 s at T+190 s exceeds 6.0 g'] }), value: 1, limit: 0 },
  ];
  for (const c of cases) {
    it(`NO-GO for ${c.name}, naming ${c.item} with value and limit`, () => {
      const j = base();
      c.mutate(j);
      const r = run(j);
      expect(r.verdict).toBe('NO-GO');
      expect(r.failing.map((f) => f.item)).toEqual([c.item]);
      const f = r.failing[0]!;
      expect(f.reason).toBe('limit-exceeded');
      if (c.subject !== undefined) expect(f.subject).toBe(c.subject);
      if (typeof c.value === 'number') expect(f.value as number).toBeCloseTo(c.value, 6);
      else expect(f.value).toBe(c.value);
      expect(f.limit).toBe(c.limit);
      expect(f.detail.length).toBeGreaterThan(5);
    });
  }

  const missingCases: { drop: string; item: GoNoGoItemName }[] = [
    { drop: 'hazardAreas', item: 'hazard-area-clearance' },
    { drop: 'traffic', item: 'hazard-area-clearance' },
    { drop: 'lcola', item: 'lcola' },
    { drop: 'recovery', item: 'recovery-assets' },
    { drop: 'weather', item: 'surface-wind' },
    { drop: 'passengers', item: 'passenger-medical' },
  ];
  for (const c of missingCases) {
    it(`NO-GO "missing" when ${c.drop} is absent`, () => {
      const j = base();
      delete j[c.drop];
      const r = run(j);
      expect(r.verdict).toBe('NO-GO');
      expect(r.failing.find((f) => f.item === c.item)?.reason).toBe('missing');
    });
  }

  it('NO-GO "missing" for an unknown anomaly count, a missing medical expiry, a launch outside the LCOLA window, a required but absent profile check', () => {
    const j = base();
    (j['vehicle'] as Record<string, unknown>)['openAnomalies'] = undefined;
    delete (j['passengers'] as Record<string, unknown>[])[0]!['medicalExpiresUtc'];
    j['lcola'] = { windowStart: '2026-07-20T03:00:00Z', windowEnd: '2026-07-20T04:00:00Z', blackouts: [] };
    delete j['profileCheck'];
    j['requireProfileCheck'] = true;
    const r = run(j);
    expect(r.failing.map((f) => [f.item, f.reason])).toEqual([
      ['lcola', 'missing'],
      ['vehicle-anomalies', 'missing'],
      ['passenger-medical', 'missing'],
      ['profile-check', 'missing'],
    ]);
  });

  it('a hazard area not active at launch does not ground the flight; a land-landing vehicle has no wave limit', () => {
    const j = base();
    (j['traffic'] as unknown[]).push({ id: 'MV-LATE', kind: 'vessel', latDeg: 30.5, lonDeg: 121.5 });
    j['launchUtc'] = '2026-07-20T03:30:00Z';
    j['vehicleClass'] = 'capsule';
    (j['weather'] as Record<string, number>)['waveHeightM'] = 5;
    const r = run(j);
    expect(r.verdict, JSON.stringify(r.failing)).toBe('GO');
    expect(r.items.find((i) => i.item === 'wave-height')?.status).toBe('not-required');
  });

  it('bad JSON fields are typed errors naming their path', () => {
    const j = base();
    (j['weather'] as Record<string, unknown>)['gustMps'] = 'strong';
    expect(() => run(j)).toThrow(SkylaneError);
    expect(() => run(j)).toThrow(/\$\.weather\.gustMps/);
    expect(() => run({ ...base(), launchUtc: 'tomorrow' })).toThrow(/\$\.launchUtc/);
  });
});

describe('hazard-zone geometry', () => {
  const c = { latRad: 30 * D, lonRad: 120 * D };
  it('point in a 100 km square (vertices 50√2 km from centre at 45°, 135°, …): inside at 49 km east/north, outside at 51 km', () => {
    const sq = [45, 135, 225, 315].map((b) => destination(c, b * D, 50 * Math.SQRT2));
    for (const b of [0, 90, 180, 270]) {
      expect(pointInPolygon(destination(c, b * D, 49), sq), `${b}° 49 km`).toBe(true);
      expect(pointInPolygon(destination(c, b * D, 51), sq), `${b}° 51 km`).toBe(false);
    }
  });
  it('point in a polygon straddling the antimeridian', () => {
    const poly = [[-1, 179], [-1, -179], [1, -179], [1, 179]].map(([la, lo]) => ({ latRad: la! * D, lonRad: lo! * D }));
    expect(pointInPolygon({ latRad: 0, lonRad: 180 * D }, poly)).toBe(true);
    expect(pointInPolygon({ latRad: 0, lonRad: -179.5 * D }, poly)).toBe(true);
    expect(pointInPolygon({ latRad: 0, lonRad: 178.5 * D }, poly)).toBe(false);
  });
  it('point in an ellipse (a = 20 km along azimuth 30°, b = 8 km): inside at 0.98 a and 0.98 b, outside at 1.02', () => {
    const e = { center: c, semiMajorKm: 20, semiMinorKm: 8, majorAxisAzimuthRad: 30 * D };
    for (const [az, r] of [[30, 20], [210, 20], [120, 8], [300, 8]] as const) {
      expect(pointInEllipse(destination(c, az * D, 0.98 * r), e), `${az}°`).toBe(true);
      expect(pointInEllipse(destination(c, az * D, 1.02 * r), e), `${az}°`).toBe(false);
    }
  });
});
