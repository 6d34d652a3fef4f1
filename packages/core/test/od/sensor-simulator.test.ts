/**
 * Sensor simulator: noiseless radar ranges and angles against an independent geometry (SGP4 TEME → ITRF through
 * frames/transforms, WGS-84 station, no light time: the difference is bounded by the light-time displacement, under
 * 40 m), the radar detection limit (SNR ∝ σ/R⁴ at the documented reference point), the optical night/sunlit/magnitude
 * conditions, seeded noise statistics, and the TDM written from the observations read back by ccsds/tdm.
 */
import { AstroTime, Body, Equator, Horizon, Observer } from 'astronomy-engine';
import { describe, expect, it } from 'vitest';
import {
  diffuseSphereMagnitude, geodeticToItrf, observationsToTdm, radarSnrDb, readTdm, sgp4InputFrom, Sgp4Satellite, simulateTracking, tdmToObservations, temeToItrf, writeTdmKvn,
  type RadarSensor, type OpticalSensor, type ElementSet,
} from '../../src/index.ts';
import { loadCatalog, timeScales as ts } from '../screening-helpers.ts';

const catalog = loadCatalog();
const obj = catalog.find((s) => s.catalogNumber === 815)! as ElementSet;
const radars: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000, rangeRate: true },
];
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

describe('sensor simulator', () => {
  it('noiseless radar range/az/el match an independent SGP4 → ITRF geometry within the light-time displacement', () => {
    const r = simulateTracking([{ elementSet: obj }], radars, { timeScales: ts, start, durationS: 86400, stepS: 30, noise: false });
    expect(r.observations.length).toBeGreaterThan(50);
    const sat = Sgp4Satellite.create(sgp4InputFrom(obj, ts));
    let worstRangeKm = 0, worstAngleRad = 0;
    for (const o of r.observations.filter((x) => x.type === 'range' || x.type === 'elevation')) {
      const st = radars.find((s) => s.name === o.station)!;
      const sv = temeToItrf(sat.propagateMinutes(ts.utcClockSecondsBetween(obj.epoch, o.epoch) / 60), o.epoch, ts);
      const s = geodeticToItrf({ latRad: (st.latDeg * Math.PI) / 180, lonRad: (st.lonDeg * Math.PI) / 180, heightKm: st.altitudeM / 1000 });
      const d = [sv.r[0] - s[0], sv.r[1] - s[1], sv.r[2] - s[2]];
      const range = Math.hypot(d[0]!, d[1]!, d[2]!);
      const lat = (st.latDeg * Math.PI) / 180, lon = (st.lonDeg * Math.PI) / 180;
      const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
      const el = Math.asin((d[0]! * up[0]! + d[1]! * up[1]! + d[2]! * up[2]!) / range);
      // Light-time bound: the satellite moves ≤ 7.6 km/s × (range / c) during the signal's flight; + 5 m for frames.
      const lightKm = (7.6 * range) / 299792.458 + 0.005;
      if (o.type === 'range') {
        expect(Math.abs(o.value - range)).toBeLessThan(lightKm);
        worstRangeKm = Math.max(worstRangeKm, Math.abs(o.value - range));
      } else {
        expect(Math.abs(o.value - el)).toBeLessThan(lightKm / range);
        worstAngleRad = Math.max(worstAngleRad, Math.abs(o.value - el));
      }
      if (o.type === 'elevation') expect(o.value).toBeGreaterThanOrEqual((10 * Math.PI) / 180 - 1e-3);
    }
    expect(r.observations.some((o) => o.type === 'rangeRate' && o.station === 'CANBERRA')).toBe(true);
    console.info(`radar vs independent geometry: worst range ${(worstRangeKm * 1000).toFixed(1)} m, worst elevation ${(worstAngleRad * 206265).toFixed(2)}″ over ${r.observations.length} observations`);
  });

  it('radar detection limit: SNR 13 dB for 0.01 m² at 1000 km, −40 dB per decade of range; a 1 cm object is not detected', () => {
    expect(radarSnrDb(radars[0]!, 0.01, 1000)).toBeCloseTo(13, 12);
    expect(radarSnrDb(radars[0]!, 0.01, 10000)).toBeCloseTo(13 - 40, 12);
    expect(radarSnrDb(radars[0]!, 1, 1000)).toBeCloseTo(33, 12);
    const r = simulateTracking([{ elementSet: obj, sizeM: 0.01 }], radars, { timeScales: ts, start, durationS: 86400, stepS: 30 });
    expect(r.observations.length).toBe(0);
  });

  it('optical: RA/Dec only with the station dark and the object sunlit and bright enough', () => {
    // Full-phase 1 m sphere at 1000 km: m = -26.74 - 2.5 log10((2/3) 0.175 0.25 / 1e12 · 1) (Lambertian sphere).
    expect(diffuseSphereMagnitude(1, 1000, 0)).toBeCloseTo(-26.74 - 2.5 * Math.log10(((2 / 3) * 0.175 * 0.25) / 1e12), 10);
    const optical: OpticalSensor[] = [{ name: 'TEIDE', latDeg: 28.3, lonDeg: -16.51, altitudeM: 2390, type: 'optical', limitingMagnitude: 18 }];
    const iss = catalog.find((x) => x.catalogNumber === 25544)!;
    const r = simulateTracking([{ elementSet: iss, sizeM: 2 }], optical, { timeScales: ts, start, durationS: 2 * 86400, stepS: 20, seed: 4 });
    expect(r.observations.length).toBeGreaterThan(0);
    // Independent Sun altitude at the site (astronomy-engine topocentric horizon coordinates, no refraction).
    const observer = new Observer(28.3, -16.51, 2390);
    for (const o of r.observations) {
      const time = new AstroTime(new Date(ts.formatUtcIso(o.epoch, 3)));
      const eq = Equator(Body.Sun, time, observer, true, true);
      expect(Horizon(time, observer, eq.ra, eq.dec).altitude).toBeLessThan(-11.9);
    }
    expect(r.observations.every((o) => o.type === 'rightAscension' || o.type === 'declination')).toBe(true);
    const dim = simulateTracking([{ elementSet: iss, sizeM: 0.01 }], optical, { timeScales: ts, start, durationS: 2 * 86400, stepS: 20 });
    expect(dim.observations.length).toBe(0);
  });

  it('seeded noise has the requested σ and the TDM round trip keeps every value', () => {
    const a = simulateTracking([{ elementSet: obj }], radars, { timeScales: ts, start, durationS: 86400, stepS: 10, noise: false });
    const b = simulateTracking([{ elementSet: obj }], radars, { timeScales: ts, start, durationS: 86400, stepS: 10, seed: 9 });
    expect(b.observations.length).toBe(a.observations.length);
    const dr = b.observations.map((o, i) => o.value - a.observations[i]!.value).filter((_, i) => b.observations[i]!.type === 'range');
    const s = Math.sqrt(dr.reduce((x, y) => x + y * y, 0) / dr.length);
    expect(Math.abs(s - 0.015) / 0.015).toBeLessThan(4 / Math.sqrt(2 * dr.length) + 0.02);
    const text = writeTdmKvn(observationsToTdm(b.observations, ts));
    const back = tdmToObservations(readTdm(text).tdm, { stations: radars, timeScales: ts });
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(back.observations.length).toBe(b.observations.length);
    const key = (o: { station: string; type: string; epoch: { compare(x: never): number } }): string => `${o.station}|${o.type}`;
    const sortObs = <T extends { station: string; type: string; epoch: unknown }>(xs: T[]): T[] => xs.slice().sort((p, q) => key(p as never).localeCompare(key(q as never)) || (p.epoch as { secondsSince(x: unknown): number }).secondsSince(q.epoch));
    const x = sortObs(b.observations), y = sortObs(back.observations);
    let worst = 0;
    x.forEach((o, i) => {
      const v = y[i]!;
      expect(v.objectId).toBe(815);
      expect(Math.abs(v.epoch.secondsSince(o.epoch))).toBeLessThan(1e-5);
      const scale = o.type === 'range' ? 1 : o.type === 'rangeRate' ? 1 : 180 / Math.PI;
      worst = Math.max(worst, Math.abs((v.value - o.value) * scale));
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
