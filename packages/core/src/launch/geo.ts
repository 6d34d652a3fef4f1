/**
 * Spherical-Earth ground geometry for hazard areas and ground tracks: great-circle distance, initial bearing,
 * destination point, cross- and along-track distance, and a local east/north tangent plane (km).
 *
 * Sphere of radius R = 6371.0088 km (the IUGG mean radius, also used by the NOTAM pairing table): ground distances
 * of a few thousand km differ from WGS-84 geodesics by up to ~0.5 %, well inside hazard-area sizes. Angles in rad.
 */

/** IUGG mean Earth radius (km). */
export const MEAN_EARTH_RADIUS_KM = 6371.0088;

/** A point on the ground, geodetic latitude and longitude (rad). */
export interface LatLon {
  readonly latRad: number;
  readonly lonRad: number;
}

/** Wraps an angle to (−π, π]. */
export function wrapPi(a: number): number {
  let x = a % (2 * Math.PI);
  if (x <= -Math.PI) x += 2 * Math.PI;
  if (x > Math.PI) x -= 2 * Math.PI;
  return x;
}

/** Wraps an angle to [0, 2π). */
export function wrapTwoPi(a: number): number {
  const x = a % (2 * Math.PI);
  return x < 0 ? x + 2 * Math.PI : x;
}

/** Central angle between two points (rad), haversine form. */
export function centralAngle(a: LatLon, b: LatLon): number {
  const dLat = b.latRad - a.latRad;
  const dLon = b.lonRad - a.lonRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latRad) * Math.cos(b.latRad) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle distance (km). */
export function distanceKm(a: LatLon, b: LatLon): number {
  return MEAN_EARTH_RADIUS_KM * centralAngle(a, b);
}

/** Initial bearing from a to b (rad, [0, 2π), clockwise from north). */
export function initialBearing(a: LatLon, b: LatLon): number {
  const dLon = b.lonRad - a.lonRad;
  const y = Math.sin(dLon) * Math.cos(b.latRad);
  const x = Math.cos(a.latRad) * Math.sin(b.latRad) - Math.sin(a.latRad) * Math.cos(b.latRad) * Math.cos(dLon);
  return wrapTwoPi(Math.atan2(y, x));
}

/** The point at distance `dKm` along initial bearing `bearing` (rad) from `a`. */
export function destination(a: LatLon, bearing: number, dKm: number): LatLon {
  const d = dKm / MEAN_EARTH_RADIUS_KM;
  const lat = Math.asin(Math.sin(a.latRad) * Math.cos(d) + Math.cos(a.latRad) * Math.sin(d) * Math.cos(bearing));
  const lon = a.lonRad + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(a.latRad), Math.cos(d) - Math.sin(a.latRad) * Math.sin(lat));
  return { latRad: lat, lonRad: wrapPi(lon) };
}

/**
 * Signed cross-track distance (km) of `p` from the great circle leaving `a` on bearing `bearing` (positive to the
 * right of the direction of travel), and the along-track distance (km) of its foot point from `a`.
 */
export function crossAlongTrackKm(a: LatLon, bearing: number, p: LatLon): { crossKm: number; alongKm: number } {
  const d13 = centralAngle(a, p);
  const t13 = initialBearing(a, p);
  const xt = Math.asin(Math.sin(d13) * Math.sin(t13 - bearing));
  const at = Math.acos(Math.max(-1, Math.min(1, Math.cos(d13) / Math.cos(xt))));
  return { crossKm: xt * MEAN_EARTH_RADIUS_KM, alongKm: (Math.cos(t13 - bearing) < 0 ? -at : at) * MEAN_EARTH_RADIUS_KM };
}

/** East/north offsets (km) of `p` in the azimuthal-equidistant tangent plane at `origin`. */
export function toEastNorthKm(origin: LatLon, p: LatLon): { eastKm: number; northKm: number } {
  const d = distanceKm(origin, p);
  const b = initialBearing(origin, p);
  return { eastKm: d * Math.sin(b), northKm: d * Math.cos(b) };
}

/** Inverse of toEastNorthKm. */
export function fromEastNorthKm(origin: LatLon, eastKm: number, northKm: number): LatLon {
  const d = Math.hypot(eastKm, northKm);
  if (d === 0) return origin;
  return destination(origin, Math.atan2(eastKm, northKm), d);
}
