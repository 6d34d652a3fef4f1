/**
 * Sensor simulator: radar and optical sites observing SGP4 objects over a span, with fields of regard, detection limits
 * and seeded Gaussian noise; measurements through od/measurementModel.ts (GCRF, light time), so that the orbit
 * determination of this folder's parent sees exactly the model it inverts.
 *
 * - Radar: range (km), azimuth, elevation (rad) and optionally range rate (km/s), one-way geometric values.
 *   Field of regard: elevation ≥ `minElevationDeg` (default 10°), azimuth inside one of `azimuthSectorsDeg`
 *   ([from, to] clockwise from north; default all), range ≤ `maxRangeKm` (default 3000 km).
 *   Detection: radar equation SNR ∝ σ / R⁴, SNR_dB = `referenceSnrDb` + 10 log10(σ / `referenceRcsM2`)
 *   − 40 log10(R / `referenceRangeKm`), detected when SNR_dB ≥ `minSnrDb`. Defaults: 0.01 m² at 1000 km gives
 *   13 dB = the threshold (about a 10 cm sphere at 1000 km, the class of a space-fence radar). RCS of an object:
 *   its `rcsM2`, else the optical-region sphere π (d/2)² of its `sizeM` (default 1 m); Rayleigh and resonance
 *   regions are not modelled.
 * - Optical: topocentric right ascension and declination (rad, GCRF-aligned). Conditions: station dark (Sun
 *   elevation ≤ `maxSunElevationDeg`, default −12°, nautical twilight), object sunlit (events/sun.ts cylindrical
 *   shadow), elevation ≥ `minElevationDeg` (default 20°), apparent magnitude ≤ `limitingMagnitude` (default 16).
 *   Magnitude of a diffuse (Lambertian) sphere of diameter d, albedo ρ (`albedo`, default 0.175) at range R and solar
 *   phase angle φ: m = −26.74 − 2.5 log10( (2/3) ρ (d/2)² / R² · ((π − φ) cos φ + sin φ) / π ).
 * - Noise: N(0, σ) per measurement from a seeded generator (`seed`, default 1); σ defaults: range 0.015 km, range rate
 *   1e-4 km/s, radar angles 0.02°, optical angles 2″.
 * Time steps: every `stepS` (default 20 s) from `start` for `durationS`; SGP4 time is UTC clock (a leap second inside
 * the span is not inserted).
 */
import type { ElementSet } from '../../catalog/model.ts';
import { ArgumentError } from '../../errors/index.ts';
import { isSunlitCylindrical, sunDirectionOfDate } from '../../events/sun.ts';
import { SeededNormal } from '../../propagation/numerical/covariance.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { MeasurementModel } from '../measurementModel.ts';
import type { Observation, ObservationType, StationSpec } from '../observation.ts';
import { OdStation, StationFrames } from '../stationModel.ts';

const DEG = Math.PI / 180;

export interface RadarSensor extends StationSpec {
  readonly type: 'radar';
  readonly minElevationDeg?: number;
  readonly azimuthSectorsDeg?: readonly (readonly [number, number])[];
  readonly maxRangeKm?: number;
  readonly referenceRcsM2?: number;
  readonly referenceRangeKm?: number;
  readonly referenceSnrDb?: number;
  readonly minSnrDb?: number;
  readonly rangeRate?: boolean;
  readonly sigmaRangeKm?: number;
  readonly sigmaRangeRateKmPerS?: number;
  readonly sigmaAngleDeg?: number;
}

export interface OpticalSensor extends StationSpec {
  readonly type: 'optical';
  readonly minElevationDeg?: number;
  readonly maxSunElevationDeg?: number;
  readonly limitingMagnitude?: number;
  readonly sigmaAngleArcsec?: number;
}

export type SimulatedSite = RadarSensor | OpticalSensor;

export interface TrackedObject {
  readonly elementSet: ElementSet;
  /** Characteristic size (m), default 1. */
  readonly sizeM?: number;
  readonly rcsM2?: number;
  readonly albedo?: number;
}

export interface SimulateTrackingOptions {
  readonly timeScales: TimeScales;
  readonly start: Instant;
  readonly durationS: number;
  readonly stepS?: number;
  readonly seed?: number;
  /** Default true; false gives noiseless values. */
  readonly noise?: boolean;
}

export interface SimulatedTracking {
  readonly observations: Observation[];
  /** Objects SGP4 could not propagate (left out from that time on). */
  readonly failures: { readonly catalogNumber: number; readonly reason: string }[];
  /** Per site: number of detected passes points (time steps with a detection). */
  readonly detections: Readonly<Record<string, number>>;
}

/** Radar SNR in dB for RCS σ (m²) at range R (km). */
export function radarSnrDb(site: RadarSensor, rcsM2: number, rangeKm: number): number {
  return (site.referenceSnrDb ?? 13) + 10 * Math.log10(rcsM2 / (site.referenceRcsM2 ?? 0.01)) - 40 * Math.log10(rangeKm / (site.referenceRangeKm ?? 1000));
}

/** Apparent magnitude of a diffuse sphere of diameter sizeM (m) at rangeKm, solar phase angle phaseRad. */
export function diffuseSphereMagnitude(sizeM: number, rangeKm: number, phaseRad: number, albedo = 0.175): number {
  const r = sizeM / 2;
  const R = rangeKm * 1000;
  const f = ((Math.PI - phaseRad) * Math.cos(phaseRad) + Math.sin(phaseRad)) / Math.PI;
  return -26.74 - 2.5 * Math.log10(((2 / 3) * albedo * r * r * Math.max(f, 1e-12)) / (R * R));
}

function inSectors(azRad: number, sectors: readonly (readonly [number, number])[] | undefined): boolean {
  if (!sectors || sectors.length === 0) return true;
  const az = azRad / DEG;
  return sectors.some(([a, b]) => {
    const from = ((a % 360) + 360) % 360, to = ((b % 360) + 360) % 360;
    return from <= to ? az >= from && az <= to : az >= from || az <= to;
  });
}

/** Observations of `objects` by `sites` (see the module header), sorted by time. */
export function simulateTracking(objects: readonly TrackedObject[], sites: readonly SimulatedSite[], o: SimulateTrackingOptions): SimulatedTracking {
  const ts = o.timeScales;
  const stepS = o.stepS ?? 20;
  if (!(stepS > 0) || !(o.durationS >= 0)) throw new ArgumentError('simulateTracking needs stepS > 0 and durationS ≥ 0.', { stepS, durationS: o.durationS });
  const names = new Set<string>();
  for (const s of sites) {
    if (names.has(s.name)) throw new ArgumentError(`Two sites are named "${s.name}": site names must be unique.`, s.name);
    names.add(s.name);
    const type: unknown = (s as { type: unknown }).type;
    if (type !== 'radar' && type !== 'optical') throw new ArgumentError(`Site "${s.name}": type must be "radar" or "optical".`, type);
  }
  const frames = new StationFrames(o.start, ts);
  const model = new MeasurementModel(frames);
  const rng = new SeededNormal(o.seed ?? 1);
  const noise = o.noise !== false;
  const stations = sites.map((s) => new OdStation(s));
  const failures: { catalogNumber: number; reason: string }[] = [];
  const detections: Record<string, number> = Object.fromEntries(sites.map((s) => [s.name, 0]));
  const sats: ({ obj: TrackedObject; sat: Sgp4Satellite; offsetMin: number } | undefined)[] = objects.map((obj) => {
    try {
      return { obj, sat: Sgp4Satellite.create(sgp4InputFrom(obj.elementSet, ts)), offsetMin: ts.utcClockSecondsBetween(obj.elementSet.epoch, o.start) / 60 };
    } catch (e) {
      failures.push({ catalogNumber: obj.elementSet.catalogNumber, reason: (e as Error).message });
      return undefined;
    }
  });
  const out: Observation[] = [];
  const teme = new Float64Array(6);
  const gcrf = new Float64Array(6);
  const m9 = new Float64Array(9);
  const startClock = ts.toUtcDaySeconds(o.start);
  const n = Math.floor(o.durationS / stepS);
  for (let k = 0; k <= n; k++) {
    const t = k * stepS;
    frames.orientation.temeToGcrfInto(t, m9);
    const sunTeme = sunDirectionOfDate({ mjd: startClock.mjd, seconds: startClock.seconds + t });
    const sunG = [0, 1, 2].map((r) => m9[r * 3]! * sunTeme[0] + m9[r * 3 + 1]! * sunTeme[1] + m9[r * 3 + 2]! * sunTeme[2]);
    const g2i = frames.gcrfToItrf(t);
    const sunItrf = [0, 1, 2].map((r) => g2i[r * 3]! * sunG[0]! + g2i[r * 3 + 1]! * sunG[1]! + g2i[r * 3 + 2]! * sunG[2]!);
    const epoch = o.start.plusSeconds(t);
    for (let j = 0; j < sats.length; j++) {
      const s = sats[j];
      if (!s) continue;
      const code = s.sat.propagateInto(s.offsetMin + t / 60, teme, 0);
      if (code !== 0) {
        failures.push({ catalogNumber: s.obj.elementSet.catalogNumber, reason: `SGP4 error ${code} at ${(t / 3600).toFixed(2)} h` });
        sats[j] = undefined;
        continue;
      }
      for (let r = 0; r < 3; r++) {
        gcrf[r] = m9[r * 3]! * teme[0]! + m9[r * 3 + 1]! * teme[1]! + m9[r * 3 + 2]! * teme[2]!;
        gcrf[3 + r] = m9[r * 3]! * teme[3]! + m9[r * 3 + 1]! * teme[4]! + m9[r * 3 + 2]! * teme[5]!;
      }
      const size = s.obj.sizeM ?? 1;
      sites.forEach((site, si) => {
        const st = stations[si]!;
        const [az, el] = model.azEl(st, t, gcrf);
        if (el < (site.minElevationDeg ?? (site.type === 'radar' ? 10 : 20)) * DEG) return;
        const sta = frames.stationGcrf(st, t, new Float64Array(6));
        const dx = gcrf[0]! - sta[0]!, dy = gcrf[1]! - sta[1]!, dz = gcrf[2]! - sta[2]!;
        const rangeKm = Math.hypot(dx, dy, dz);
        const types: { type: ObservationType; sigma: number }[] = [];
        if (site.type === 'radar') {
          if (!inSectors(az, site.azimuthSectorsDeg) || rangeKm > (site.maxRangeKm ?? 3000)) return;
          const rcs = s.obj.rcsM2 ?? Math.PI * (size / 2) ** 2;
          if (radarSnrDb(site, rcs, rangeKm) < (site.minSnrDb ?? 13)) return;
          const sa = (site.sigmaAngleDeg ?? 0.02) * DEG;
          types.push({ type: 'range', sigma: site.sigmaRangeKm ?? 0.015 }, { type: 'azimuth', sigma: sa }, { type: 'elevation', sigma: sa });
          if (site.rangeRate === true) types.push({ type: 'rangeRate', sigma: site.sigmaRangeRateKmPerS ?? 1e-4 });
        } else {
          const sinSunEl = sunItrf[0]! * st.up[0]! + sunItrf[1]! * st.up[1]! + sunItrf[2]! * st.up[2]!;
          if (sinSunEl > Math.sin((site.maxSunElevationDeg ?? -12) * DEG)) return;
          if (!isSunlitCylindrical(teme[0]!, teme[1]!, teme[2]!, sunTeme)) return;
          // Phase angle: between the Sun direction and the station direction, seen from the object.
          const cosPhase = -(dx * sunG[0]! + dy * sunG[1]! + dz * sunG[2]!) / rangeKm;
          const mag = diffuseSphereMagnitude(size, rangeKm, Math.acos(Math.max(-1, Math.min(1, cosPhase))), s.obj.albedo);
          if (mag > (site.limitingMagnitude ?? 16)) return;
          const sa = ((site.sigmaAngleArcsec ?? 2) / 3600) * DEG;
          types.push({ type: 'rightAscension', sigma: sa }, { type: 'declination', sigma: sa });
        }
        detections[site.name] = (detections[site.name] ?? 0) + 1;
        for (const m of types) {
          const proto: Observation = { epoch, station: site.name, type: m.type, value: 0, sigma: m.sigma, objectId: s.obj.elementSet.catalogNumber };
          let v = model.value(proto, st, t, gcrf) + (noise ? m.sigma * rng.normal() : 0);
          if (m.type === 'azimuth' || m.type === 'rightAscension') v = ((v % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
          out.push({ ...proto, value: v });
        }
      });
    }
  }
  return { observations: out, failures, detections };
}
