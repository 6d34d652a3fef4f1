/**
 * Tracks for correlation: a short arc from one station reduced to one "fix" in TEME at one instant, either a
 * position with covariance (radar range + azimuth + elevation, or a state with covariance) or a direction (angles
 * only: azimuth/elevation without range, or topocentric right ascension/declination). With three or more radar
 * points the velocity at the middle point comes from Herrick–Gibbs (od/iod), which UCT linking uses.
 * Geometry is geometric (no light time, refraction or aberration: their effect, metres to a few arcseconds, is far
 * below the catalog uncertainty that the gates use). km, km/s, s, rad.
 */
import { geodeticToItrf } from '../../frames/geodetic.ts';
import { pefToItrfMatrix, temeToPefMatrix, temeToGcrfMatrix } from '../../frames/transforms.ts';
import { apply3, mul3, transpose3, type Mat3 } from '../../math/mat3.ts';
import { add, scale, vec3, type Vec3 } from '../../math/vec3.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { herrickGibbs } from '../iod/gibbs.ts';
import type { Observation, StationSpec } from '../observation.ts';
import { covFromAxes } from './linalg.ts';

export interface PositionFix {
  readonly kind: 'position';
  readonly epoch: Instant;
  readonly positionKm: Vec3<'TEME'>;
  /** 3×3 position covariance (km², row-major, TEME). */
  readonly covarianceKm2: readonly number[];
  /** Velocity at `epoch` when the track gives one (Herrick–Gibbs or a state). */
  readonly velocityKmPerS?: Vec3<'TEME'>;
  /** One-sigma error of each velocity component (km/s), with `velocityKmPerS`. */
  readonly velocitySigmaKmPerS?: number;
}

export interface DirectionFix {
  readonly kind: 'direction';
  readonly epoch: Instant;
  /** Observer position (km, TEME). */
  readonly siteKm: Vec3<'TEME'>;
  /** Unit line of sight (TEME). */
  readonly lineOfSight: Vec3<'TEME'>;
  /** One-sigma angular error (rad), per axis. */
  readonly sigmaRad: number;
}

export interface Track {
  readonly id: string;
  readonly station?: string;
  /** The object the source names (kept for reports; correlation does not use it). */
  readonly claimedObjectId?: number;
  readonly fix: PositionFix | DirectionFix;
  readonly observationCount: number;
}

/** TEME → ITRF rotation at an instant (GMST 1982 and polar motion from the time scales' EOP). */
export function temeToItrfMatrix(t: Instant, ts: TimeScales): Mat3 {
  return mul3(pefToItrfMatrix(t, ts), temeToPefMatrix(t, ts));
}

/** Station position (km, ITRF) and its local east/north/up unit vectors. */
export function stationFrame(s: StationSpec): { r: Vec3<'ITRF'>; east: Vec3<'ITRF'>; north: Vec3<'ITRF'>; up: Vec3<'ITRF'> } {
  const lat = (s.latDeg * Math.PI) / 180;
  const lon = (s.lonDeg * Math.PI) / 180;
  const r = geodeticToItrf({ latRad: lat, lonRad: lon, heightKm: s.altitudeM / 1000 });
  return {
    r,
    east: vec3<'ITRF'>(-Math.sin(lon), Math.cos(lon), 0),
    north: vec3<'ITRF'>(-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)),
    up: vec3<'ITRF'>(Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)),
  };
}

/** Unit line of sight (ITRF) for azimuth (from north, clockwise) and elevation. */
export function azElToItrf(s: ReturnType<typeof stationFrame>, azRad: number, elRad: number): Vec3<'ITRF'> {
  const ce = Math.cos(elRad);
  return add(add(scale(s.east, ce * Math.sin(azRad)), scale(s.north, ce * Math.cos(azRad))), scale(s.up, Math.sin(elRad)));
}

/** A radar position fix from range, azimuth and elevation at one instant, with the covariance of the three sigmas. */
export function radarFix(station: StationSpec, epoch: Instant, rangeKm: number, azRad: number, elRad: number, sigmas: { rangeKm: number; azRad: number; elRad: number }, ts: TimeScales): PositionFix {
  const f = stationFrame(station);
  const losI = azElToItrf(f, azRad, elRad);
  const toTeme = transpose3(temeToItrfMatrix(epoch, ts));
  const site = apply3<'ITRF', 'TEME'>(toTeme, f.r);
  const los = apply3<'ITRF', 'TEME'>(toTeme, losI);
  const ce = Math.cos(elRad);
  const dAz = apply3<'ITRF', 'TEME'>(toTeme, vec3<'ITRF'>(f.east[0] * Math.cos(azRad) - f.north[0] * Math.sin(azRad), f.east[1] * Math.cos(azRad) - f.north[1] * Math.sin(azRad), f.east[2] * Math.cos(azRad) - f.north[2] * Math.sin(azRad)));
  const dEl = apply3<'ITRF', 'TEME'>(toTeme, add(add(scale(f.east, -Math.sin(elRad) * Math.sin(azRad)), scale(f.north, -Math.sin(elRad) * Math.cos(azRad))), scale(f.up, ce)));
  const cov = covFromAxes([los, dAz, dEl], [sigmas.rangeKm, rangeKm * ce * sigmas.azRad, rangeKm * sigmas.elRad]);
  return { kind: 'position', epoch, positionKm: add(site, scale(los, rangeKm)), covarianceKm2: cov };
}

/** A direction fix from azimuth/elevation (frame 'azel') or topocentric GCRF right ascension/declination ('radec'). */
export function angleFix(station: StationSpec, epoch: Instant, a1Rad: number, a2Rad: number, kind: 'azel' | 'radec', sigmaRad: number, ts: TimeScales): DirectionFix {
  const f = stationFrame(station);
  const toTeme = transpose3(temeToItrfMatrix(epoch, ts));
  const site = apply3<'ITRF', 'TEME'>(toTeme, f.r);
  let los: Vec3<'TEME'>;
  if (kind === 'azel') los = apply3<'ITRF', 'TEME'>(toTeme, azElToItrf(f, a1Rad, a2Rad));
  else {
    const g = vec3<'GCRF'>(Math.cos(a2Rad) * Math.cos(a1Rad), Math.cos(a2Rad) * Math.sin(a1Rad), Math.sin(a2Rad));
    los = apply3<'GCRF', 'TEME'>(transpose3(temeToGcrfMatrix(epoch, ts)), g);
  }
  return { kind: 'direction', epoch, siteKm: site, lineOfSight: los, sigmaRad };
}

export interface TracksFromObservationsOptions {
  readonly timeScales: TimeScales;
  /** A new track starts after a gap longer than this (s); default 600. */
  readonly maxGapS?: number;
}

/**
 * Groups observations into tracks (per station and claimed object, split at gaps) and reduces each to a fix: radar
 * points (range + azimuth + elevation at the same instant) give a position fix at the middle point, with a
 * Herrick–Gibbs velocity when there are three or more; otherwise angle pairs give a direction fix. Observations of a
 * station that is not in `stations` are returned in `unusable` with the reason.
 */
export function tracksFromObservations(observations: readonly Observation[], stations: readonly StationSpec[], options: TracksFromObservationsOptions): { tracks: Track[]; unusable: { observation: Observation; reason: string }[] } {
  const ts = options.timeScales;
  const maxGap = options.maxGapS ?? 600;
  const byName = new Map(stations.map((s) => [s.name, s]));
  const unusable: { observation: Observation; reason: string }[] = [];
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    if (!byName.has(o.station)) {
      unusable.push({ observation: o, reason: `station "${o.station}" is not in the stations list (unknown participant).` });
      continue;
    }
    const key = `${o.station}\u0000${o.objectId ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const tracks: Track[] = [];
  for (const [key, obs] of groups) {
    const station = byName.get(key.split('\u0000')[0]!)!;
    obs.sort((a, b) => a.epoch.compare(b.epoch));
    const arcs: Observation[][] = [];
    for (const o of obs) {
      const arc = arcs[arcs.length - 1];
      const last = arc?.[arc.length - 1];
      if (arc && last && o.epoch.secondsSince(last.epoch) <= maxGap) arc.push(o);
      else arcs.push([o]);
    }
    for (const arc of arcs) {
      const track = reduceArc(arc, station, ts);
      if (track) tracks.push({ ...track, id: `${station.name}#${tracks.length + 1}` });
      else for (const o of arc) unusable.push({ observation: o, reason: 'the arc has no range + azimuth + elevation triplet and no angle pair at one instant.' });
    }
  }
  return { tracks, unusable };
}

function reduceArc(arc: readonly Observation[], station: StationSpec, ts: TimeScales): Omit<Track, 'id'> | undefined {
  const byEpoch = new Map<string, Observation[]>();
  for (const o of arc) {
    const k = `${o.epoch.taiDay}:${o.epoch.taiSeconds.toFixed(6)}`;
    const g = byEpoch.get(k);
    if (g) g.push(o);
    else byEpoch.set(k, [o]);
  }
  const find = (g: Observation[], t: Observation['type']): Observation | undefined => g.find((o) => o.type === t);
  const radar: PositionFix[] = [];
  const angles: DirectionFix[] = [];
  for (const g of byEpoch.values()) {
    const r = find(g, 'range');
    const az = find(g, 'azimuth');
    const el = find(g, 'elevation');
    const ra = find(g, 'rightAscension');
    const de = find(g, 'declination');
    if (r && az && el) radar.push(radarFix(station, r.epoch, r.value, az.value, el.value, { rangeKm: r.sigma, azRad: az.sigma, elRad: el.sigma }, ts));
    else if (az && el) angles.push(angleFix(station, az.epoch, az.value, el.value, 'azel', Math.max(az.sigma, el.sigma), ts));
    else if (ra && de) angles.push(angleFix(station, ra.epoch, ra.value, de.value, 'radec', Math.max(ra.sigma, de.sigma), ts));
  }
  const base = { station: station.name, observationCount: arc.length, ...(arc[0]!.objectId !== undefined ? { claimedObjectId: arc[0]!.objectId } : {}) };
  if (radar.length > 0) {
    const mid = radar[Math.floor(radar.length / 2)]!;
    if (radar.length >= 3) {
      const first = radar[0]!;
      const last = radar[radar.length - 1]!;
      const t1 = first.epoch.secondsSince(mid.epoch);
      const t3 = last.epoch.secondsSince(mid.epoch);
      const hg = herrickGibbs(first.positionKm, mid.positionKm, last.positionKm, t1, 0, t3);
      const sigmaPos = Math.sqrt(Math.max(...[0, 4, 8].map((i) => mid.covarianceKm2[i]!)));
      return { ...base, fix: { ...mid, velocityKmPerS: hg.v2, velocitySigmaKmPerS: (Math.SQRT2 * sigmaPos) / Math.max(1, t3 - t1) } };
    }
    return { ...base, fix: mid };
  }
  if (angles.length > 0) return { ...base, fix: angles[Math.floor(angles.length / 2)]! };
  return undefined;
}
