/**
 * The bundled launch-site network (China) and launch geometry: which inclinations a site's allowed azimuths give.
 *
 * The sites, their coordinates (with sources) and their azimuth sectors (documented assumptions) come from the one
 * site network, `launch/sites` (docs/design/launch-and-recovery.md).
 *
 * Launch azimuth A (from north, clockwise) and inclination i at geodetic latitude φ of a direct ascent
 * (Vallado 4th ed. §6.4): cos i = cos φ sin A, so a site can
 * reach |φ| ≤ i ≤ 180° − |φ| without a dog-leg, with A = asin(cos i / cos φ) (north-going, ascending pass) or
 * 180° − that (south-going, descending pass).
 */
import { DEG_TO_RAD, RAD_TO_DEG } from '../../units/index.ts';
import { DeploymentConstraintError } from './errors.ts';
import { launchSites } from '../../launch/sites/index.ts';

export interface LaunchSite {
  readonly id: string;
  readonly name: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  /** Allowed launch azimuth ranges [from, to], deg clockwise from north (from ≤ to, both in [0, 360]). */
  readonly azimuthRangesDeg: readonly (readonly [number, number])[];
  readonly source?: string;
}

/**
 * The launch sites of the one site network (`launch/sites`: coordinates with their sources, azimuth sectors as
 * documented assumptions), in the planner's form. Sectors that cross north (from > to) are split at 360°.
 */
export const LAUNCH_SITES: readonly LaunchSite[] = launchSites().map((s) => ({
  id: s.id,
  name: s.name,
  latDeg: s.latDeg,
  lonDeg: s.lonDeg,
  azimuthRangesDeg: s.azimuthSectors.flatMap((a) => (a.fromDeg <= a.toDeg ? [[a.fromDeg, a.toDeg] as const] : [[a.fromDeg, 360] as const, [0, a.toDeg] as const])),
  source: s.source,
}));

/** Normalises an azimuth into [0, 360). */
function wrap360(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

export interface LaunchAzimuth {
  readonly azimuthDeg: number;
  /** 'ascending': the site is crossed on the ascending half of the orbit (north-going); 'descending' otherwise. */
  readonly pass: 'ascending' | 'descending';
}

/** The two direct-ascent azimuths to an inclination from a latitude (deg); empty when |φ| > i or i > 180° − |φ|. */
export function azimuthsForInclination(latDeg: number, inclinationDeg: number): LaunchAzimuth[] {
  const s = Math.cos(inclinationDeg * DEG_TO_RAD) / Math.cos(latDeg * DEG_TO_RAD);
  if (Math.abs(s) > 1 + 1e-12) return [];
  const a = Math.asin(Math.max(-1, Math.min(1, s))) * RAD_TO_DEG;
  return [
    { azimuthDeg: wrap360(a), pass: 'ascending' },
    { azimuthDeg: wrap360(180 - a), pass: 'descending' },
  ];
}

/** Inclination (deg) reached by a direct ascent from latitude φ at azimuth A: cos i = cos φ sin A. */
export function inclinationForAzimuth(latDeg: number, azimuthDeg: number): number {
  return Math.acos(Math.cos(latDeg * DEG_TO_RAD) * Math.sin(azimuthDeg * DEG_TO_RAD)) * RAD_TO_DEG;
}

function inRanges(site: LaunchSite, az: number): boolean {
  return site.azimuthRangesDeg.some(([lo, hi]) => (az >= lo - 1e-9 && az <= hi + 1e-9) || (az + 360 >= lo && az + 360 <= hi));
}

/** Allowed azimuths of a site for an inclination (possibly empty). */
export function siteAzimuths(site: LaunchSite, inclinationDeg: number): LaunchAzimuth[] {
  return azimuthsForInclination(site.latDeg, inclinationDeg).filter((a) => inRanges(site, a.azimuthDeg));
}

/**
 * The allowed azimuths of a site for an inclination, or a DeploymentConstraintError naming the constraint:
 * SITE_LATITUDE (i below the site latitude: needs a dog-leg) or SITE_AZIMUTH (the azimuths are outside the site's ranges).
 */
export function requireSiteAzimuths(site: LaunchSite, inclinationDeg: number): LaunchAzimuth[] {
  const all = azimuthsForInclination(site.latDeg, inclinationDeg);
  if (all.length === 0) {
    throw new DeploymentConstraintError(
      'SITE_LATITUDE',
      `site ${site.id} at latitude ${site.latDeg.toFixed(2)}° cannot reach inclination ${inclinationDeg}° by a direct ascent (needs |latitude| ≤ i ≤ 180° − |latitude|); choose a site nearer the equator.`,
      { site: site.id, inclinationDeg },
    );
  }
  const ok = all.filter((a) => inRanges(site, a.azimuthDeg));
  if (ok.length === 0) {
    throw new DeploymentConstraintError(
      'SITE_AZIMUTH',
      `site ${site.id} allows azimuths ${site.azimuthRangesDeg.map(([a, b]) => `${a}–${b}°`).join(', ')}, but inclination ${inclinationDeg}° needs ${all.map((a) => `${a.azimuthDeg.toFixed(1)}°`).join(' or ')}; choose another site.`,
      { site: site.id, inclinationDeg, azimuthsDeg: all.map((a) => a.azimuthDeg) },
    );
  }
  return ok;
}

/** Reads a site network from parsed JSON (array or { sites: [...] }); throws ArgumentError-coded errors naming the field. */
export function readLaunchSites(json: unknown): LaunchSite[] {
  const list = Array.isArray(json) ? json : (json as { sites?: unknown } | null)?.sites;
  if (!Array.isArray(list) || list.length === 0) throw new DeploymentConstraintError('NO_LAUNCH_OPTION', 'the site file must be a non-empty array of sites (or { "sites": [...] }).', json);
  return list.map((raw, k) => {
    const s = raw as Partial<LaunchSite>;
    const where = `site #${k + 1}`;
    if (typeof s.id !== 'string' || s.id === '') throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where}: "id" must be a non-empty string.`, raw);
    if (typeof s.latDeg !== 'number' || Math.abs(s.latDeg) > 90 || typeof s.lonDeg !== 'number') throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where} (${s.id}): latDeg (−90..90) and lonDeg are required numbers.`, raw);
    const ranges = s.azimuthRangesDeg;
    if (!Array.isArray(ranges) || ranges.length === 0 || !ranges.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number') && r[0]! <= r[1]!)) {
      throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where} (${s.id}): azimuthRangesDeg must be a non-empty list of [from, to] pairs in degrees (from ≤ to).`, raw);
    }
    return { id: s.id, name: s.name ?? s.id, latDeg: s.latDeg, lonDeg: s.lonDeg, azimuthRangesDeg: ranges as [number, number][], ...(s.source !== undefined ? { source: s.source } : {}) };
  });
}
