/**
 * Ground stations: the JSON/YAML-edge description (`GroundStationSpec`, degrees, metres, ISO-8601 UTC) and the
 * compiled working form (`GroundStation`, radians, km, WGS-84 ITRF position, ENU axes, Instants).
 *
 * A station sees a satellite when its elevation exceeds the station threshold at the satellite's azimuth:
 *   threshold(az) = max(minElevation, mask(az)),
 * where the optional horizon mask is a list of (azimuth, elevation) points interpolated linearly in azimuth,
 * wrapping through north (360° ≡ 0°). Antennas are identical within a station: `count` of them, each needing
 * `setupTimeS` between the end of one contact and the start of the next (slew, reconfiguration).
 */
import { ArgumentError, toRecordFailure, type RecordFailure } from '../errors/index.ts';
import { geodeticToItrf, type Geodetic } from '../frames/geodetic.ts';
import type { Vec3 } from '../math/vec3.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, TWO_PI } from '../units/index.ts';

/** One point of a horizon mask: the lowest usable elevation at an azimuth (degrees, azimuth from north, east-positive). */
export interface HorizonMaskPointSpec {
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
}

/** A period when a station cannot be used (maintenance, reservation), ISO-8601 UTC. */
export interface UnavailablePeriodSpec {
  readonly start: string;
  readonly stop: string;
  readonly reason?: string;
}

/** Antenna set of a station. */
export interface AntennaSpec {
  /** Number of identical antennas (≥ 1). */
  readonly count: number;
  /** Time an antenna needs between two contacts (slew + setup), s. */
  readonly setupTimeS: number;
}

/** A ground station as written in data files and API payloads. */
export interface GroundStationSpec {
  /** Short unique identifier, e.g. "KIRUNA". */
  readonly id: string;
  readonly name?: string;
  /** Geodetic latitude (WGS-84), degrees north. */
  readonly latDeg: number;
  /** Longitude, degrees east. */
  readonly lonDeg: number;
  /** Height above the WGS-84 ellipsoid, m. */
  readonly altM: number;
  /** Minimum elevation, degrees (default 5°). */
  readonly minElevationDeg?: number;
  /** Azimuth-dependent horizon mask; the threshold is the larger of it and minElevationDeg. */
  readonly horizonMask?: readonly HorizonMaskPointSpec[];
  /** Antennas (default one antenna, 60 s setup). */
  readonly antennas?: AntennaSpec;
  readonly unavailable?: readonly UnavailablePeriodSpec[];
  readonly operator?: string;
  readonly country?: string;
  /** Where the coordinates come from. */
  readonly source?: string;
}

/** A sorted horizon mask in radians. */
export interface HorizonMask {
  /** Azimuths, rad, strictly increasing in [0, 2π). */
  readonly azimuthRad: Float64Array;
  /** Mask elevation at each azimuth, rad. */
  readonly elevationRad: Float64Array;
}

export interface UnavailablePeriod {
  readonly start: Instant;
  readonly stop: Instant;
  readonly reason?: string;
}

/** Compiled ground station (core units). */
export interface GroundStation {
  readonly id: string;
  readonly name: string;
  readonly geodetic: Geodetic;
  /** Station position, ITRF km. */
  readonly itrfKm: Vec3<'ITRF'>;
  /** East, north, up unit vectors in ITRF, row-major [e; n; u]. */
  readonly enu: Float64Array;
  readonly minElevationRad: number;
  readonly mask: HorizonMask | undefined;
  /** The lowest threshold at any azimuth, rad (what pass bracketing uses). */
  readonly lowestThresholdRad: number;
  readonly antennaCount: number;
  readonly setupTimeS: number;
  readonly unavailable: readonly UnavailablePeriod[];
  readonly spec: GroundStationSpec;
}

/** Default minimum elevation when a spec gives none, degrees. */
export const DEFAULT_MIN_ELEVATION_DEG = 5;
/** Default antenna setup time when a spec gives none, s. */
export const DEFAULT_SETUP_TIME_S = 60;

function finite(value: unknown, what: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
    throw new ArgumentError(`${what} must be a number in [${lo}, ${hi}]; got ${JSON.stringify(value)}.`, value);
  }
  return value;
}

/** Sorts and checks a horizon mask; the result is interpolated with wrap-around. */
export function compileHorizonMask(points: readonly HorizonMaskPointSpec[]): HorizonMask {
  if (points.length === 0) throw new ArgumentError('A horizon mask needs at least one point; omit horizonMask for a flat horizon.', points);
  const rows = points.map((p, i) => ({
    az: (((finite(p.azimuthDeg, `horizonMask[${i}].azimuthDeg`, -360, 720) % 360) + 360) % 360) * DEG_TO_RAD,
    el: finite(p.elevationDeg, `horizonMask[${i}].elevationDeg`, -90, 90) * DEG_TO_RAD,
  }));
  rows.sort((a, b) => a.az - b.az);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.az === rows[i - 1]!.az) {
      throw new ArgumentError(`Horizon mask has two points at azimuth ${(rows[i]!.az / DEG_TO_RAD).toFixed(6)}°: give one elevation per azimuth.`, points);
    }
  }
  return { azimuthRad: Float64Array.from(rows, (r) => r.az), elevationRad: Float64Array.from(rows, (r) => r.el) };
}

/** Mask elevation at an azimuth (rad), linear in azimuth between points, wrapping through 0/2π. */
export function maskElevationAt(mask: HorizonMask, azimuthRad: number): number {
  const az = mask.azimuthRad;
  const el = mask.elevationRad;
  const n = az.length;
  if (n === 1) return el[0]!;
  let a = azimuthRad % TWO_PI;
  if (a < 0) a += TWO_PI;
  // Find the segment [az[i], az[i+1]] containing a, or the wrap segment [az[n-1], az[0] + 2π].
  let lo = 0;
  let hi = n - 1;
  if (a < az[0]! || a >= az[n - 1]!) {
    const a0 = az[n - 1]!;
    const a1 = az[0]! + TWO_PI;
    const x = a >= a0 ? a : a + TWO_PI;
    const f = (x - a0) / (a1 - a0);
    return el[n - 1]! + f * (el[0]! - el[n - 1]!);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (az[mid]! <= a) lo = mid;
    else hi = mid;
  }
  const f = (a - az[lo]!) / (az[hi]! - az[lo]!);
  return el[lo]! + f * (el[hi]! - el[lo]!);
}

/** Visibility threshold of a station at an azimuth, rad: max(minElevation, mask(az)). */
export function thresholdAt(station: GroundStation, azimuthRad: number): number {
  return station.mask === undefined ? station.minElevationRad : Math.max(station.minElevationRad, maskElevationAt(station.mask, azimuthRad));
}

/** ENU axes at a geodetic position, as rows e, n, u in ITRF (Vallado §3.4, geodetic normal). */
export function enuAxes(latRad: number, lonRad: number): Float64Array {
  const sp = Math.sin(latRad);
  const cp = Math.cos(latRad);
  const sl = Math.sin(lonRad);
  const cl = Math.cos(lonRad);
  return Float64Array.of(-sl, cl, 0, -sp * cl, -sp * sl, cp, cp * cl, cp * sl, sp);
}

/** Validates a spec and compiles it. Throws ArgumentError with the field at fault. */
export function compileStation(spec: GroundStationSpec, ts: TimeScales): GroundStation {
  if (typeof spec.id !== 'string' || spec.id.trim() === '') throw new ArgumentError('A ground station needs a non-empty string "id".', spec);
  const where = `Station ${spec.id}`;
  const lat = finite(spec.latDeg, `${where}: latDeg`, -90, 90);
  const lon = finite(spec.lonDeg, `${where}: lonDeg`, -180, 360);
  const alt = finite(spec.altM, `${where}: altM (metres above the WGS-84 ellipsoid)`, -12_000, 100_000);
  const minEl = finite(spec.minElevationDeg ?? DEFAULT_MIN_ELEVATION_DEG, `${where}: minElevationDeg`, -90, 90) * DEG_TO_RAD;
  const count = spec.antennas?.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new ArgumentError(`${where}: antennas.count must be an integer ≥ 1; got ${String(count)}.`, count);
  const setup = finite(spec.antennas?.setupTimeS ?? DEFAULT_SETUP_TIME_S, `${where}: antennas.setupTimeS`, 0, 86_400);
  const mask = spec.horizonMask !== undefined ? compileHorizonMask(spec.horizonMask) : undefined;
  let lowest = minEl;
  if (mask !== undefined) {
    let m = Infinity;
    for (const e of mask.elevationRad) m = Math.min(m, e);
    lowest = Math.max(minEl, m);
  }
  const unavailable = (spec.unavailable ?? []).map((u, i) => {
    const start = ts.parseUtcIso(u.start);
    const stop = ts.parseUtcIso(u.stop);
    if (!stop.isAfter(start)) throw new ArgumentError(`${where}: unavailable[${i}] stop (${u.stop}) must be after start (${u.start}).`, u);
    return { start, stop, ...(u.reason !== undefined ? { reason: u.reason } : {}) };
  });
  const geodetic: Geodetic = { latRad: lat * DEG_TO_RAD, lonRad: lon * DEG_TO_RAD, heightKm: alt / 1000 };
  return {
    id: spec.id,
    name: spec.name ?? spec.id,
    geodetic,
    itrfKm: geodeticToItrf(geodetic),
    enu: enuAxes(geodetic.latRad, geodetic.lonRad),
    minElevationRad: minEl,
    mask,
    lowestThresholdRad: lowest,
    antennaCount: count,
    setupTimeS: setup,
    unavailable,
    spec,
  };
}

/**
 * Reads a station network from parsed JSON: an array of specs, or `{ stations: [...] }`. Lenient: one bad
 * station is returned as a failure (with its index + 1 as `line`) and never sinks the others. Duplicate ids fail.
 */
export function readStationNetwork(json: unknown, ts: TimeScales): { stations: GroundStation[]; failures: RecordFailure[] } {
  const list: unknown =
    Array.isArray(json) ? json : typeof json === 'object' && json !== null && 'stations' in json ? (json as { stations: unknown }).stations : undefined;
  if (!Array.isArray(list)) {
    throw new ArgumentError('A station network is a JSON array of stations or an object { "stations": [...] }.', json);
  }
  const stations: GroundStation[] = [];
  const failures: RecordFailure[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i) => {
    try {
      if (typeof raw !== 'object' || raw === null) throw new ArgumentError(`Station #${i + 1} is not an object.`, raw);
      const st = compileStation(raw as GroundStationSpec, ts);
      if (seen.has(st.id)) throw new ArgumentError(`Station id "${st.id}" appears twice: ids must be unique.`, st.id);
      seen.add(st.id);
      stations.push(st);
    } catch (err) {
      failures.push(toRecordFailure(err, i + 1));
    }
  });
  return { stations, failures };
}
