/**
 * Ground zones of a launch day: hazard areas as polygons (the launch code's `HazardArea`) or ellipses (a dispersion
 * ellipse from `impactEllipse`), and whether a point lies inside one.
 *
 * Point in polygon: the polygon and the point are projected onto the azimuthal-equidistant tangent plane at the
 * polygon's vertex centroid (`toEastNorthKm`, spherical Earth, R = 6371.0088 km), then the even–odd ray-casting rule
 * is applied. Distances from the centre are exact on the sphere and directions are preserved, so for areas up to a
 * few hundred km across (hazard areas, landing zones) the edges bend by well under 1 % of the area's size; the
 * projection is antimeridian-safe because it works on bearings, not on longitude differences. A point exactly on
 * an edge may fall either way (treat boundaries with a margin if it matters).
 *
 * Ellipse: the point's east/north offsets from the centre, rotated into the major/minor axes (azimuth of the major
 * axis from north, clockwise), inside when (x/a)² + (y/b)² ≤ 1.
 */
import type { Instant } from '../../time/index.ts';
import { toEastNorthKm, type LatLon } from '../../launch/geo.ts';
import { polygonCentroid, type HazardArea } from '../../launch/notam.ts';

/** A hazard or landing ellipse on the ground. */
export interface GroundEllipse {
  readonly center: LatLon;
  readonly semiMajorKm: number;
  readonly semiMinorKm: number;
  /** Azimuth of the major axis (rad, from north, clockwise). */
  readonly majorAxisAzimuthRad: number;
}

/** A hazard ellipse with an activation window (e.g. a capsule's 3σ landing ellipse, active around landing). */
export interface HazardEllipse {
  readonly id: string;
  readonly ellipse: GroundEllipse;
  readonly activeFrom: Instant;
  readonly activeTo: Instant;
}

/** Either shape of hazard area the go/no-go check accepts. */
export type HazardZone = HazardArea | HazardEllipse;

/** Whether `p` lies inside `polygon` (open ring, at least 3 vertices): even–odd rule in the tangent plane at the centroid. */
export function pointInPolygon(p: LatLon, polygon: readonly LatLon[]): boolean {
  if (polygon.length < 3) return false;
  const origin = polygonCentroid(polygon);
  const q = toEastNorthKm(origin, p);
  const v = polygon.map((x) => toEastNorthKm(origin, x));
  let inside = false;
  for (let i = 0, j = v.length - 1; i < v.length; j = i++) {
    const a = v[i]!;
    const b = v[j]!;
    if (a.northKm > q.northKm !== b.northKm > q.northKm) {
      const eastAtY = a.eastKm + ((q.northKm - a.northKm) * (b.eastKm - a.eastKm)) / (b.northKm - a.northKm);
      if (q.eastKm < eastAtY) inside = !inside;
    }
  }
  return inside;
}

/** Whether `p` lies inside (or on) the ground ellipse. */
export function pointInEllipse(p: LatLon, e: GroundEllipse): boolean {
  const { eastKm, northKm } = toEastNorthKm(e.center, p);
  // Major axis along azimuth α: unit vector (sin α, cos α) in (east, north).
  const s = Math.sin(e.majorAxisAzimuthRad);
  const c = Math.cos(e.majorAxisAzimuthRad);
  const x = eastKm * s + northKm * c;
  const y = -eastKm * c + northKm * s;
  return (x / e.semiMajorKm) ** 2 + (y / e.semiMinorKm) ** 2 <= 1;
}

export function isHazardEllipse(z: HazardZone): z is HazardEllipse {
  return 'ellipse' in z;
}

/** Whether the zone is active at `t` (inside its window and, for a polygon with a daily schedule, inside one of its intervals). */
export function zoneActiveAt(z: HazardZone, t: Instant): boolean {
  if (t.isBefore(z.activeFrom) || t.isAfter(z.activeTo)) return false;
  if (!isHazardEllipse(z) && z.intervals !== undefined) return z.intervals.some((iv) => !t.isBefore(iv.from) && !t.isAfter(iv.to));
  return true;
}

/** Whether `p` lies inside the zone's shape (activation not considered). */
export function pointInZone(p: LatLon, z: HazardZone): boolean {
  return isHazardEllipse(z) ? pointInEllipse(p, z.ellipse) : pointInPolygon(p, z.polygon);
}
