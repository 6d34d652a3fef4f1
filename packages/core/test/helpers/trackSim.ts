/**
 * A simple geometric tracking simulator for the correlation tests and benchmark: SGP4 truth (the catalog element set
 * displaced by a draw from the assumed catalog covariance, so that the catalog is not exact), WGS-84 stations, and
 * range/azimuth/elevation or angles-only measurements with Gaussian noise. Geometry is computed here with its own
 * east-north-up formulas and the core's temeToItrf (independent of the correlation module's reduction code).
 */
import { createTimeScales, DEFAULT_CATALOG_COVARIANCE, geodeticToItrf, Sgp4Satellite, sgp4InputFrom, temeToItrf, vec3, type ElementSet, type Instant, type Observation, type StationSpec } from '../../src/index.ts';

export const simTimeScales = createTimeScales();

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export const SIM_STATIONS: StationSpec[] = [
  { name: 'RADAR-NORTH', latDeg: 69.3, lonDeg: 19.2, altitudeM: 100 },
  { name: 'RADAR-PACIFIC', latDeg: 9.4, lonDeg: 167.5, altitudeM: 10 },
  { name: 'RADAR-ATLANTIC', latDeg: -7.9, lonDeg: -14.4, altitudeM: 50 },
  { name: 'RADAR-AMERICAS', latDeg: 39.1, lonDeg: -104.8, altitudeM: 1900 },
  { name: 'RADAR-ASIA', latDeg: 30.5, lonDeg: 114.3, altitudeM: 50 },
  { name: 'RADAR-SOUTH', latDeg: -31.8, lonDeg: 115.9, altitudeM: 30 },
];

export interface SimTruth {
  readonly catalogNumber: number;
  /** RTN displacement (km) of the truth from the catalog prediction, constant over the track. */
  readonly offsetRtnKm: readonly [number, number, number];
}

function look(station: StationSpec, rTeme: readonly [number, number, number], t: Instant): { rangeKm: number; azRad: number; elRad: number } {
  const itrf = temeToItrf({ r: vec3<'TEME'>(...rTeme), v: vec3<'TEME'>(0, 0, 0) }, t, simTimeScales).r;
  const lat = (station.latDeg * Math.PI) / 180, lon = (station.lonDeg * Math.PI) / 180;
  const s = geodeticToItrf({ latRad: lat, lonRad: lon, heightKm: station.altitudeM / 1000 });
  const d = [itrf[0] - s[0], itrf[1] - s[1], itrf[2] - s[2]];
  const e = -Math.sin(lon) * d[0]! + Math.cos(lon) * d[1]!;
  const n = -Math.sin(lat) * Math.cos(lon) * d[0]! - Math.sin(lat) * Math.sin(lon) * d[1]! + Math.cos(lat) * d[2]!;
  const u = Math.cos(lat) * Math.cos(lon) * d[0]! + Math.cos(lat) * Math.sin(lon) * d[1]! + Math.sin(lat) * d[2]!;
  const rangeKm = Math.hypot(e, n, u);
  return { rangeKm, azRad: (Math.atan2(e, n) + 2 * Math.PI) % (2 * Math.PI), elRad: Math.asin(u / rangeKm) };
}

/** Truth TEME position: the catalog SGP4 prediction displaced by a fixed RTN offset. */
export function truthPosition(sat: Sgp4Satellite, el: ElementSet, t: Instant, offset: readonly [number, number, number]): [number, number, number] {
  const tsinceMin = simTimeScales.utcClockSecondsBetween(el.epoch, t) / 60;
  const sv = sat.propagateMinutes(tsinceMin);
  const r = sv.r, v = sv.v;
  const rn = Math.hypot(...r);
  const R = [r[0] / rn, r[1] / rn, r[2] / rn];
  const h = [r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2], r[0] * v[1] - r[1] * v[0]];
  const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
  const N = [h[0]! / hn, h[1]! / hn, h[2]! / hn];
  const T = [N[1]! * R[2]! - N[2]! * R[1]!, N[2]! * R[0]! - N[0]! * R[2]!, N[0]! * R[1]! - N[1]! * R[0]!];
  return [0, 1, 2].map((i) => r[i]! + offset[0] * R[i]! + offset[1] * T[i]! + offset[2] * N[i]!) as [number, number, number];
}

export interface SimTrackOptions {
  readonly start: Instant;
  readonly windowS: number;
  readonly points: number;
  readonly spacingS: number;
  readonly kind: 'radar' | 'optical';
  readonly sigmaRangeKm: number;
  readonly sigmaAngleRad: number;
  readonly minElevationRad: number;
}

/**
 * Simulates one track of `el` from the first station that sees it at a random time of the window (tries 8 times).
 * Returns the observations (objectId = the true catalog number, which correlation does not use) and the truth, or
 * undefined when no station saw it.
 */
export function simulateTrack(el: ElementSet, r: () => number, o: SimTrackOptions): { observations: Observation[]; truth: SimTruth } | undefined {
  let sat: Sgp4Satellite;
  try {
    sat = Sgp4Satellite.create(sgp4InputFrom(el, simTimeScales));
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const t0 = simTimeScales.plusUtcClockSeconds(o.start, r() * o.windowS);
    const age = simTimeScales.utcClockSecondsBetween(el.epoch, t0) / 86400;
    const s = DEFAULT_CATALOG_COVARIANCE.sigmasKm(age);
    const offset: [number, number, number] = [s[0] * gaussian(r), s[1] * gaussian(r), s[2] * gaussian(r)];
    for (const station of SIM_STATIONS) {
      const times = Array.from({ length: o.points }, (_, i) => simTimeScales.plusUtcClockSeconds(t0, i * o.spacingS));
      let looks: { rangeKm: number; azRad: number; elRad: number }[];
      try {
        looks = times.map((t) => look(station, truthPosition(sat, el, t, offset), t));
      } catch {
        return undefined;
      }
      if (!looks.every((l) => l.elRad > o.minElevationRad)) continue;
      const observations: Observation[] = [];
      times.forEach((epoch, i) => {
        const l = looks[i]!;
        const base = { epoch, station: station.name, objectId: el.catalogNumber };
        if (o.kind === 'radar') observations.push({ ...base, type: 'range', value: l.rangeKm + o.sigmaRangeKm * gaussian(r), sigma: o.sigmaRangeKm, twoWay: true });
        observations.push({ ...base, type: 'azimuth', value: l.azRad + (o.sigmaAngleRad * gaussian(r)) / Math.max(0.05, Math.cos(l.elRad)), sigma: o.sigmaAngleRad / Math.max(0.05, Math.cos(l.elRad)) });
        observations.push({ ...base, type: 'elevation', value: l.elRad + o.sigmaAngleRad * gaussian(r), sigma: o.sigmaAngleRad });
      });
      return { observations, truth: { catalogNumber: el.catalogNumber, offsetRtnKm: offset } };
    }
  }
  return undefined;
}
