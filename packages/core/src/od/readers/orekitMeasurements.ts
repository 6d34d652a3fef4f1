/**
 * Readers of Orekit's orbit-determination tutorial files (Apache-2.0; see validation/orekit-od/PROVENANCE.md):
 * - measurement files (`.aer`): `ISO-UTC  RANGE  station  range_km` (two-way range, one-way-equivalent km, tagged at
 *   reception) or `ISO-UTC  AZ_EL  station  az_deg  el_deg`; `#` comments and blank lines ignored;
 * - the key = value configuration (`.in`): initial orbit (Cartesian EME2000, m and m/s, UTC date), ground stations
 *   (name, latitude/longitude deg, altitude m, sigmas, biases, refraction and tropospheric flags), spacecraft, force
 *   and estimator settings used here.
 * Bad lines are returned as typed ParseErrors with line and field; the other measurements are kept.
 */
import { ParseError } from '../../errors/index.ts';
import { DEG_TO_RAD } from '../../units/index.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { Observation, StationSpec } from '../observation.ts';

export interface MeasurementReadResult {
  readonly observations: Observation[];
  /** Lines that could not be read; the others are kept. */
  readonly errors: ParseError[];
}

/** Per-station sigmas (km, rad) for the `.aer` reader; defaults 20 m, 0.02°. */
export interface AerSigmas {
  readonly rangeKm?: number;
  readonly angleRad?: number;
  readonly perStation?: ReadonlyMap<string, { readonly rangeKm: number; readonly azimuthRad: number; readonly elevationRad: number }>;
}

/** Reads an Orekit `.aer` measurement file. */
export function readOrekitMeasurements(text: string, source: string, ts: TimeScales, sigmas: AerSigmas = {}): MeasurementReadResult {
  const observations: Observation[] = [];
  const errors: ParseError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    const f = s.split(/\s+/);
    let epoch: Instant;
    try {
      epoch = ts.parseUtcIso(f[0]!);
    } catch (e) {
      errors.push(new ParseError('TIME_INVALID', (e as Error).message, { line, field: 'date' }, f[0]));
      return;
    }
    const kind = f[1];
    const station = f[2];
    if (station === undefined) {
      errors.push(new ParseError('FIELD_MISSING', 'The line has no station name: write DATE TYPE STATION VALUE(S).', { line, field: 'station' }));
      return;
    }
    const ps = sigmas.perStation?.get(station);
    const num = (k: number, field: string): number | undefined => {
      const v = Number(f[k]);
      if (f[k] === undefined || !Number.isFinite(v)) {
        errors.push(new ParseError('FIELD_INVALID', `${field} "${f[k] ?? ''}" is not a number.`, { line, field }, f[k]));
        return undefined;
      }
      return v;
    };
    const src = { file: source, line };
    if (kind === 'RANGE') {
      const r = num(3, 'range');
      if (r === undefined) return;
      observations.push({ epoch, station, type: 'range', value: r, sigma: ps?.rangeKm ?? sigmas.rangeKm ?? 0.02, twoWay: true, timeTag: 'receive', source: src });
    } else if (kind === 'AZ_EL') {
      const az = num(3, 'azimuth');
      const el = num(4, 'elevation');
      if (az === undefined || el === undefined) return;
      observations.push({ epoch, station, type: 'azimuth', value: az * DEG_TO_RAD, sigma: ps?.azimuthRad ?? sigmas.angleRad ?? 0.02 * DEG_TO_RAD, source: src });
      observations.push({ epoch, station, type: 'elevation', value: el * DEG_TO_RAD, sigma: ps?.elevationRad ?? sigmas.angleRad ?? 0.02 * DEG_TO_RAD, source: src });
    } else {
      errors.push(new ParseError('FIELD_INVALID', `Measurement type "${kind ?? ''}" is not RANGE or AZ_EL.`, { line, field: 'type' }, kind));
    }
  });
  return { observations, errors };
}

/** What the `.in` configuration gives. */
export interface OrekitOdConfiguration {
  /** Initial orbit epoch and EME2000 Cartesian state (km, km/s), when given as orbit.cartesian.*. */
  readonly epoch?: Instant;
  readonly stateEme2000?: Float64Array;
  readonly stations: StationSpec[];
  /** Per-station sigmas (km, rad). */
  readonly sigmas: Map<string, { rangeKm: number; azimuthRad: number; elevationRad: number }>;
  readonly massKg: number;
  /** Every key = value, lower-cased key with '.' separators and the [index] kept, for the caller. */
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Reads an Orekit orbit-determination `.in` configuration. Station biases: range bias (m) + on-board range bias (m)
 * become the a priori `biases.range` (km); azimuth/elevation biases (deg) become `biases.azimuth/elevation` (rad).
 * `ground.station.elevation.refraction.correction` turns refraction on (ITU-R P.834, radio; Saemundsson for laser), `ground.station.range.tropospheric.correction`
 * the Saastamoinen model (Marini–Murray when `laser` is passed: the Lageos cases).
 */
export function readOrekitOdConfiguration(text: string, source: string, ts: TimeScales, options: { readonly laser?: boolean } = {}): OrekitOdConfiguration {
  const values = new Map<string, string>();
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    const eq = s.indexOf('=');
    if (eq < 0) throw new ParseError('PARSE_ERROR', `"${s}" is not a key = value line.`, { line: i + 1 });
    const key = s.slice(0, eq).trim().toLowerCase().replace(/_/g, '.').replace(/\s+/g, '');
    values.set(key, s.slice(eq + 1).trim().replace(/;$/, ''));
    lines.set(key, i + 1);
  });
  const get = (k: string): string | undefined => values.get(k);
  const num = (k: string, dflt?: number): number => {
    const v = get(k);
    if (v === undefined) {
      if (dflt !== undefined) return dflt;
      throw new ParseError('FIELD_MISSING', `${source} has no ${k}.`, { line: 0, field: k });
    }
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ParseError('FIELD_INVALID', `${k} = "${v}" is not a number.`, { line: lines.get(k) ?? 0, field: k }, v);
    return n;
  };
  const bool = (k: string): boolean => (get(k) ?? 'false').toLowerCase() === 'true';
  let epoch: Instant | undefined;
  let stateEme2000: Float64Array | undefined;
  const date = get('orbit.date');
  if (date !== undefined && get('orbit.cartesian.px') !== undefined) {
    epoch = ts.parseUtcIso(date);
    stateEme2000 = Float64Array.from(['px', 'py', 'pz', 'vx', 'vy', 'vz'].map((c) => num(`orbit.cartesian.${c}`) / 1000));
  }
  const onboard = num('onboard.range.bias', 0);
  const stations: StationSpec[] = [];
  const sigmas = new Map<string, { rangeKm: number; azimuthRad: number; elevationRad: number }>();
  for (let k = 0; get(`ground.station.name[${k}]`) !== undefined; k++) {
    const at = (key: string): string => `ground.station.${key}[${k}]`;
    const name = get(at('name'))!;
    const tropo = bool(at('range.tropospheric.correction'));
    const refraction = bool(at('elevation.refraction.correction'));
    stations.push({
      name,
      latDeg: num(at('latitude')),
      lonDeg: num(at('longitude')),
      altitudeM: num(at('altitude')),
      biases: {
        range: (num(at('range.bias'), 0) + onboard) / 1000,
        azimuth: num(at('azimuth.bias'), 0) * DEG_TO_RAD,
        elevation: num(at('elevation.bias'), 0) * DEG_TO_RAD,
      },
      corrections: { troposphere: tropo ? (options.laser === true ? 'marini-murray' : 'saastamoinen') : 'none', refraction, refractionModel: options.laser === true ? 'saemundsson' : 'itu-r-p834' },
    });
    sigmas.set(name, { rangeKm: num(at('range.sigma'), 20) / 1000, azimuthRad: num(at('azimuth.sigma'), 0.02) * DEG_TO_RAD, elevationRad: num(at('elevation.sigma'), 0.02) * DEG_TO_RAD });
  }
  return { ...(epoch !== undefined ? { epoch } : {}), ...(stateEme2000 !== undefined ? { stateEme2000 } : {}), stations, sigmas, massKg: num('mass', 1000), values };
}
