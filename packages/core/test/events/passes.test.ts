import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/time/index.ts';
import { Sgp4Satellite } from '../../src/propagation/sgp4/sgp4.ts';
import { temeToItrf } from '../../src/frames/transforms.ts';
import {
  compileStation,
  EarthFixedTrack,
  findPasses,
  lookAngles,
  maskElevationAt,
  compileHorizonMask,
  predictPassesBatch,
  readStationNetwork,
  SAMPLE_GROUND_NETWORK,
  sunDirectionOfDate,
  thresholdAt,
  topocentricSez,
} from '../../src/events/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG } from '../../src/units/index.ts';
import { vec3 } from '../../src/math/vec3.ts';
import { sgp4InputFromOmm, type OmmJson } from './ommHelper.ts';

const ts = createTimeScales();
const elements = JSON.parse(readFileSync(new URL('../../../../validation/skyfield-passes/elements.json', import.meta.url), 'utf8')) as OmmJson[];
const iss = Sgp4Satellite.create(sgp4InputFromOmm(elements.find((e) => e.NORAD_CAT_ID === 25544)!, ts));
const window = { start: ts.parseUtcIso('2026-03-10T00:00:00Z'), stop: ts.parseUtcIso('2026-03-11T00:00:00Z') };
const wallops = (minElevationDeg: number) => compileStation({ id: 'WALLOPS', latDeg: 37.9249, lonDeg: -75.4765, altM: 0, minElevationDeg }, ts);

describe('Earth-fixed track', () => {
  it('matches frames.temeToItrf at every 10 minutes of a day (position < 1 mm, velocity < 1 mm/s)', () => {
    const track = EarthFixedTrack.create(iss, window, ts);
    const out = new Float64Array(6);
    let worstR = 0;
    let worstV = 0;
    for (let t = 0; t <= 86400; t += 600) {
      expect(track.itrfInto(t, out, 0)).toBe(0);
      const ref = temeToItrf(iss.propagateMinutes(track.tsinceMin(t)), ts.plusUtcClockSeconds(window.start, t), ts);
      worstR = Math.max(worstR, Math.hypot(out[0]! - ref.r[0], out[1]! - ref.r[1], out[2]! - ref.r[2]));
      worstV = Math.max(worstV, Math.hypot(out[3]! - ref.v[0], out[4]! - ref.v[1], out[5]! - ref.v[2]));
    }
    expect(worstR).toBeLessThan(1e-6);
    expect(worstV).toBeLessThan(1e-6);
  });
});

describe('pass prediction', () => {
  it('finds a pass of a few seconds at the mask that a 60 s fixed-step scan misses', () => {
    const base = findPasses(iss, [wallops(0)], window, ts).passes.filter((p) => !p.aosClipped && !p.losClipped);
    // The lowest complete pass: raise the mask to just under its maximum elevation.
    const low = base.reduce((a, b) => (a.maxElevationRad < b.maxElevationRad ? a : b));
    const maskDeg = low.maxElevationRad * RAD_TO_DEG - 0.0005;
    const st = wallops(maskDeg);
    const passes = findPasses(iss, [st], window, ts).passes;
    const short = passes.find((p) => Math.abs(p.tcaS - low.tcaS) < 1);
    expect(short).toBeDefined();
    expect(short!.durationS).toBeGreaterThan(0.1);
    expect(short!.durationS).toBeLessThan(10);
    expect(short!.maxElevationRad * RAD_TO_DEG).toBeGreaterThan(maskDeg);
    // A naive scan: elevation sampled every 60 s.
    const track = EarthFixedTrack.create(iss, window, ts);
    const out = new Float64Array(6);
    let naiveHit = false;
    for (let t = Math.floor(low.aosS / 60) * 60 - 600; t <= low.losS + 600; t += 60) {
      track.itrfInto(t, out, 0);
      if (lookAngles(st, vec3<'ITRF'>(out[0]!, out[1]!, out[2]!)).elevationRad >= st.minElevationRad) naiveHit = true;
    }
    expect(naiveHit).toBe(false);
  });

  it('AOS/LOS lie on the threshold, TCA is the maximum, with an azimuth-dependent horizon mask', () => {
    const st = compileStation(
      {
        id: 'MASKED',
        latDeg: 37.9249,
        lonDeg: -75.4765,
        altM: 0,
        minElevationDeg: 2,
        horizonMask: [
          { azimuthDeg: 0, elevationDeg: 3 },
          { azimuthDeg: 90, elevationDeg: 25 },
          { azimuthDeg: 180, elevationDeg: 3 },
          { azimuthDeg: 270, elevationDeg: 12 },
        ],
      },
      ts,
    );
    const passes = findPasses(iss, [st], window, ts).passes;
    expect(passes.length).toBeGreaterThan(2);
    const track = EarthFixedTrack.create(iss, window, ts);
    const out = new Float64Array(6);
    const look = (t: number) => {
      track.itrfInto(t, out, 0);
      return lookAngles(st, vec3<'ITRF'>(out[0]!, out[1]!, out[2]!));
    };
    for (const p of passes) {
      for (const [t, clipped] of [
        [p.aosS, p.aosClipped],
        [p.losS, p.losClipped],
      ] as const) {
        if (clipped) continue;
        const l = look(t);
        expect(Math.abs(l.elevationRad - thresholdAt(st, l.azimuthRad)) * RAD_TO_DEG).toBeLessThan(1e-3);
      }
      for (let k = 1; k < 10; k++) {
        const l = look(p.aosS + (p.durationS * k) / 10);
        expect(l.elevationRad).toBeGreaterThanOrEqual(thresholdAt(st, l.azimuthRad) - 1e-6);
        expect(l.elevationRad).toBeLessThanOrEqual(p.maxElevationRad + 1e-9);
      }
    }
  });

  it('batch form equals the per-satellite form and reports bad elements as data', () => {
    const stations = SAMPLE_GROUND_NETWORK.slice(0, 5).map((s) => compileStation(s, ts));
    const inputs = elements.map((e) => sgp4InputFromOmm(e, ts));
    const bad = { ...inputs[0]!, catalogNumber: 99999, eccentricity: 1.5 };
    const batch = predictPassesBatch([...inputs, bad], stations, window, ts);
    expect(batch.failures).toHaveLength(1);
    expect(batch.failures[0]!.catalogNumber).toBe(99999);
    const single = inputs.flatMap((i) => findPasses(Sgp4Satellite.create(i), stations, window, ts).passes);
    expect(batch.passes).toEqual(single);
    expect(batch.passes.some((p) => p.illumination === 'eclipse')).toBe(true);
    expect(batch.passes.some((p) => p.illumination === 'sunlit')).toBe(true);
  });
});

describe('stations and geometry', () => {
  it('horizon mask interpolates linearly and wraps through north', () => {
    const m = compileHorizonMask([
      { azimuthDeg: 350, elevationDeg: 10 },
      { azimuthDeg: 10, elevationDeg: 20 },
      { azimuthDeg: 180, elevationDeg: 0 },
    ]);
    expect(maskElevationAt(m, 0) * RAD_TO_DEG).toBeCloseTo(15, 12);
    expect(maskElevationAt(m, 355 * DEG_TO_RAD) * RAD_TO_DEG).toBeCloseTo(12.5, 12);
    expect(maskElevationAt(m, 95 * DEG_TO_RAD) * RAD_TO_DEG).toBeCloseTo(10, 12);
  });

  it('zenith, horizon and SEZ: a point 500 km above a station is at 90°; a point due east on the horizon is at azimuth 90°', () => {
    const st = compileStation({ id: 'EQ', latDeg: 0, lonDeg: 0, altM: 0 }, ts);
    const up = lookAngles(st, vec3<'ITRF'>(6378.137 + 500, 0, 0));
    expect(up.elevationRad * RAD_TO_DEG).toBeCloseTo(90, 9);
    const east = lookAngles(st, vec3<'ITRF'>(6378.137, 1000, 0));
    expect(east.azimuthRad * RAD_TO_DEG).toBeCloseTo(90, 9);
    expect(east.elevationRad).toBeCloseTo(0, 12);
    expect(topocentricSez(st, vec3<'ITRF'>(6378.137, 0, 100))[0]).toBeCloseTo(-100, 9);
  });

  it('the sample network compiles; a bad station is a failure row, not an exception', () => {
    expect(readStationNetwork({ stations: SAMPLE_GROUND_NETWORK }, ts).stations.length).toBe(SAMPLE_GROUND_NETWORK.length);
    const r = readStationNetwork(
      [
        { id: 'A', latDeg: 10, lonDeg: 10, altM: 0 },
        { id: 'B', latDeg: 100, lonDeg: 10, altM: 0 },
        { id: 'A', latDeg: 1, lonDeg: 1, altM: 0 },
        { id: 'C', latDeg: 1, lonDeg: 1, altM: 0, unavailable: [{ start: '2026-03-10T02:00:00Z', stop: '2026-03-10T01:00:00Z' }] },
      ],
      ts,
    );
    expect(r.stations.map((s) => s.id)).toEqual(['A']);
    expect(r.failures.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(r.failures[0]!.reason).toMatch(/latDeg/);
  });

  it('Sun direction: declination ≈ 0 at the March 2026 equinox (2026-03-20T14:46Z)', () => {
    const t = ts.toUtcDaySeconds(ts.parseUtcIso('2026-03-20T14:46:00Z'));
    const s = sunDirectionOfDate(t);
    expect(Math.abs(Math.asin(s[2]) * RAD_TO_DEG)).toBeLessThan(0.01);
  });
});
