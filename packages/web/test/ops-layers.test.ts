/**
 * Data shaping of the dashboard's operations layers (constellation, launch, ADR). Oracles: the core's SGP4 with its
 * TEME→ITRF rotation for the drawn constellation positions (a design's nominal mean elements, circular; the layer's
 * J2-secular circular motion must stay within SGP4's short-period amplitude), the core's IAU-1982 GMST, and
 * construction for the campaign animation (continuity at arrival, altitude by phase), the coverage grid order and
 * the GeoJSON-like shapes of a launch plan.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, designConstellation, designElementSets, IERS_LEAP_SECONDS, minutesSinceEpoch, rotateTemeStateInto, sgp4InputFrom, Sgp4Satellite, temeStateRotation, writeElementSets } from '@skylane/core';
import { gmst1982 } from '../../core/src/frames/fk5.ts';
import { utcClockFromMs } from '../src/globe/protocol.ts';
import { campaignState, coverageCells, gmstRad, planesOf, planeRingKm, rampRgb, satellitesFromOmm, slotEcefKm, type CampaignLaunch } from '../src/constellation/layer.ts';
import { isActive, notamAreas, recoveryLinks, ringDegrees, trackSegments, type LaunchPlanView } from '../src/launch/layer.ts';
import { formatFactor, rankingPath } from '../src/debris/ranking.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const dist = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

function walker() {
  const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 24, planes: 4, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 53 }] });
  const sets = designElementSets(design, ts.parseUtcIso('2026-03-10T00:00:00Z'));
  const omm = JSON.parse(writeElementSets(sets, 'omm-json', { timeScales: ts })) as Record<string, unknown>[];
  return { sets, sats: satellitesFromOmm(omm) };
}

describe('constellation layer', () => {
  it('GMST matches the core IAU-1982 implementation (Vallado eq. 3-47) within 1e-9 rad', () => {
    let worst = 0;
    for (const iso of ['2000-01-01T12:00:00Z', '2026-03-10T06:42:00Z', '2031-07-01T23:59:59Z']) {
      const ms = Date.parse(iso);
      const jd = ms / 86_400_000 + 2440587.5;
      const ref = gmst1982(Math.floor(jd), jd - Math.floor(jd));
      const d = Math.abs(((gmstRad(ms) - ref + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('a Walker 24/4/1 design drawn from its OMM JSON: 4 planes of 6, positions within 25 km of SGP4 over 6 h', () => {
    const { sets, sats } = walker();
    const planes = planesOf(sats);
    expect(planes.length).toBe(4);
    expect(planes.every((p) => p.satellites.length === 6)).toBe(true);
    expect(sats[0]!.altitudeKm).toBeCloseTo(1068.5, 6);
    const state = new Float64Array(6);
    let worst = 0;
    for (let k = 0; k < sets.length; k++) {
      const input = sgp4InputFrom(sets[k]!, ts);
      const sat = Sgp4Satellite.create(input);
      for (const h of [0, 1.5, 6]) {
        const ms = sats[k]!.epochMs + h * 3600_000;
        const clock = utcClockFromMs(ms);
        expect(sat.propagateInto(minutesSinceEpoch(input, clock), state, 0)).toBe(0);
        rotateTemeStateInto(temeStateRotation('ITRF', ts.fromUtcDaySeconds(clock.mjd, clock.seconds), ts), state, 0, state, 0);
        worst = Math.max(worst, dist(slotEcefKm(sats[k]!, ms), [state[0]!, state[1]!, state[2]!]));
      }
    }
    console.info(`constellation layer vs SGP4 (24 satellites, 0-6 h): worst position difference ${worst.toFixed(2)} km`);
    expect(worst).toBeLessThan(25);
    // A plane ring is closed and at the plane's radius.
    const ring = planeRingKm(planes[0]!, sats[0]!.epochMs);
    expect(dist(ring[0]!, ring.at(-1)!)).toBeLessThan(1e-6);
    expect(Math.hypot(...ring[10]!)).toBeCloseTo(6378.135 + 1068.5, 6);
  });

  it('campaign animation: pending before launch, insertion altitude while drifting, rising while raising, continuous at arrival', () => {
    const { sats } = walker();
    const s = sats[0]!;
    const l: CampaignLaunch = { epoch: '2026-04-01T00:00:00Z', site: 'taiyuan', vehicle: 'cz-6a', shell: 0, plane: 0, raanDeg: s.raanDeg - 5, targetRaanDeg: s.raanDeg, insertionAltitudeKm: 800, satellites: 6, catalogNumbers: [s.catalogNumber], strategy: 'j2-drift', driftDays: 20, raiseDays: 10, dvMps: 140, arrivalEpoch: '2026-05-01T00:00:00Z' };
    expect(campaignState(l, s, Date.parse('2026-03-31T23:59:59Z')).phase).toBe('pending');
    const drift = campaignState(l, s, Date.parse('2026-04-10T00:00:00Z'));
    expect(drift.phase).toBe('drift');
    expect(Math.hypot(...drift.positionKm!)).toBeCloseTo(6378.135 + 800, 6);
    const alts = ['2026-04-22T00:00:00Z', '2026-04-25T00:00:00Z', '2026-04-29T00:00:00Z'].map((t) => campaignState(l, s, Date.parse(t)));
    expect(alts.every((a) => a.phase === 'raising')).toBe(true);
    expect(alts[0]!.altitudeKm! < alts[1]!.altitudeKm! && alts[1]!.altitudeKm! < alts[2]!.altitudeKm!).toBe(true);
    const tA = Date.parse(l.arrivalEpoch);
    const before = campaignState(l, s, tA - 1);
    const at = campaignState(l, s, tA);
    expect(at.phase).toBe('in-slot');
    expect(dist(before.positionKm!, at.positionKm!)).toBeLessThan(0.05);
    expect(dist(at.positionKm!, slotEcefKm(s, tA))).toBeLessThan(1e-9);
  });

  it('coverage cells: row-major from the south-west cell, coloured with the CLI map ramp', () => {
    const values = Array.from({ length: 18 * 36 }, (_, i) => (i === 0 ? 0 : i === 18 * 36 - 1 ? 1 : 0.5));
    const cells = coverageCells({ latStepDeg: 10, lonStepDeg: 10, coverageFraction: 0.5, cells: { coverageFraction: values } });
    expect(cells[0]).toMatchObject({ westDeg: -180, southDeg: -90, eastDeg: -170, northDeg: -80, rgb: [68, 1, 84] });
    expect(cells.at(-1)).toMatchObject({ westDeg: 170, southDeg: 80, eastDeg: 180, northDeg: 90, rgb: [253, 231, 37] });
    expect(rampRgb(0.5)).toEqual([33, 145, 140]);
    expect(() => coverageCells({ latStepDeg: 10, lonStepDeg: 10, coverageFraction: 0, cells: { coverageFraction: [1, 2] } })).toThrow(/648/);
  });
});

describe('launch layer', () => {
  const plan: LaunchPlanView = {
    site: 'taiyuan',
    vehicle: 'cz-6a',
    launch: '2024-08-06T06:42:00Z',
    azimuthDeg: 175,
    dropZones: [{ element: 'stage1', centerLat: 30, centerLon: 112, downrangeKm: 800, polygon: [[111, 29], [113, 29], [113, 31], [111, 31], [111, 29]], activeFrom: '2024-08-06T06:30:00Z', activeTo: '2024-08-06T07:30:00Z' }],
    landing: { mode: 'sea', element: 'booster', centerLat: 20, centerLon: 115 },
    recovery: [
      { zone: 'stage1', asset: 'ship-yantai', arrivalTime: '2024-08-06T12:00:00Z', searchRadiusKm: 12 },
      { zone: 'booster', asset: 'heli-wenchang' },
      { zone: 'stage2', asset: null, reason: 'none' },
    ],
    groundTrack: [
      { tS: 0, lat: 38, lon: 179, altKm: 0 },
      { tS: 10, lat: 37, lon: 179.5, altKm: 1 },
      { tS: 20, lat: 36, lon: -179.8, altKm: 5 },
      { tS: 30, lat: 35, lon: -179.2, altKm: 9 },
    ],
  };

  it('ground track splits at the antimeridian; rings drop their closing point; activation windows are inclusive', () => {
    expect(trackSegments(plan.groundTrack)).toEqual([
      [179, 38, 0, 179.5, 37, 1000],
      [-179.8, 36, 5000, -179.2, 35, 9000],
    ]);
    expect(ringDegrees(plan.dropZones[0]!.polygon)).toEqual([111, 29, 113, 29, 113, 31, 111, 31]);
    expect(isActive(plan.dropZones[0]!, Date.parse('2024-08-06T06:30:00Z'))).toBe(true);
    expect(isActive(plan.dropZones[0]!, Date.parse('2024-08-06T07:30:00.001Z'))).toBe(false);
  });

  it('recovery links: ships at their port, helicopters at their base, the zone they serve; unassigned left out', () => {
    const links = recoveryLinks(plan, [
      { id: 'port-yantai', name: 'Yantai', kind: 'port', latDeg: 37.5, lonDeg: 121.4, radiusKm: 0 },
      { id: 'heli-wenchang', name: 'Wenchang heliport', kind: 'helicopter-base', latDeg: 19.6, lonDeg: 110.9, radiusKm: 0 },
    ]);
    expect(links).toEqual([
      { asset: 'ship-yantai', zone: 'stage1', base: { latDeg: 37.5, lonDeg: 121.4 }, target: { latDeg: 30, lonDeg: 112 }, arrivalTime: '2024-08-06T12:00:00Z', searchRadiusKm: 12 },
      { asset: 'heli-wenchang', zone: 'booster', base: { latDeg: 19.6, lonDeg: 110.9 }, target: { latDeg: 20, lonDeg: 115 } },
    ]);
  });
});

describe('NOTAM areas', () => {
  it('GeoJSON polygons become open [lon, lat] rings with their code and window; other geometries are left out', () => {
    const areas = notamAreas({
      features: [
        { geometry: { type: 'Polygon', coordinates: [[[110, 30], [111, 30], [111, 31], [110, 30]]] }, properties: { code: 'A2241/24', activeFrom: '2024-08-06T06:30:00Z', activeTo: '2024-08-06T07:10:00Z' } },
        { geometry: { type: 'Point', coordinates: [110, 30] }, properties: { code: 'X' } },
      ],
    });
    expect(areas).toEqual([{ code: 'A2241/24', activeFrom: '2024-08-06T06:30:00Z', activeTo: '2024-08-06T07:10:00Z', ring: [110, 30, 111, 30, 111, 31] }]);
  });
});

describe('ADR panel', () => {
  it('ranking query: band bounds, owner upper-cased, empty filters left out', () => {
    expect(rankingPath({ top: 50 })).toBe('/api/v1/adr/ranking?top=50');
    expect(rankingPath({ top: 20, type: 'ROCKET BODY', owner: ' prc ', bandId: '600-900' })).toBe('/api/v1/adr/ranking?top=20&type=ROCKET+BODY&owner=PRC&minAltKm=600&maxAltKm=900');
    expect(rankingPath({ top: 0, bandId: 'above-2000' })).toBe('/api/v1/adr/ranking?top=1&minAltKm=2000');
  });
  it('factor cells: three significant digits, exponents for tiny densities', () => {
    expect(formatFactor(8300)).toBe('8300');
    expect(formatFactor(1.23456e-8)).toBe('1.23e-8');
    expect(formatFactor(0.123456)).toBe('0.123');
    expect(formatFactor(true)).toBe('true');
    expect(formatFactor(undefined)).toBe('—');
  });
});
