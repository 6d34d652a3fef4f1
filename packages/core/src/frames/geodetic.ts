/** WGS-84 geodetic coordinates ↔ ITRF Cartesian (km). Latitude is geodetic; longitude east-positive; height above the ellipsoid. */
import { vec3, type Vec3 } from '../math/vec3.ts';
import { WGS84 } from '../units/index.ts';

export interface Geodetic {
  /** Geodetic latitude, rad (−π/2..π/2). */
  readonly latRad: number;
  /** Longitude east of Greenwich, rad (−π..π]. */
  readonly lonRad: number;
  /** Height above the WGS-84 ellipsoid, km. */
  readonly heightKm: number;
}

const E2 = WGS84.f * (2 - WGS84.f);

/** Geodetic → ITRF position (Vallado eq. 3-7). */
export function geodeticToItrf(g: Geodetic): Vec3<'ITRF'> {
  const sinLat = Math.sin(g.latRad);
  const cosLat = Math.cos(g.latRad);
  const n = WGS84.aKm / Math.sqrt(1 - E2 * sinLat * sinLat);
  return vec3<'ITRF'>(
    (n + g.heightKm) * cosLat * Math.cos(g.lonRad),
    (n + g.heightKm) * cosLat * Math.sin(g.lonRad),
    (n * (1 - E2) + g.heightKm) * sinLat,
  );
}

/**
 * ITRF position → geodetic, by Bowring's method iterated to 1e-12 rad (sub-micrometre), valid at any altitude
 * including the poles and the Earth's centre region.
 */
export function itrfToGeodetic(r: Vec3<'ITRF'>): Geodetic {
  const [x, y, z] = r;
  const p = Math.hypot(x, y);
  const lonRad = Math.atan2(y, x);
  if (p < 1e-9) {
    const b = WGS84.aKm * (1 - WGS84.f);
    return { latRad: z >= 0 ? Math.PI / 2 : -Math.PI / 2, lonRad, heightKm: Math.abs(z) - b };
  }
  let lat = Math.atan2(z, p * (1 - E2));
  for (let i = 0; i < 10; i++) {
    const sinLat = Math.sin(lat);
    const n = WGS84.aKm / Math.sqrt(1 - E2 * sinLat * sinLat);
    const next = Math.atan2(z + n * E2 * sinLat, p);
    if (Math.abs(next - lat) < 1e-12) {
      lat = next;
      break;
    }
    lat = next;
  }
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84.aKm / Math.sqrt(1 - E2 * sinLat * sinLat);
  const heightKm = Math.abs(cosLat) > 1e-10 ? p / cosLat - n : Math.abs(z) / Math.abs(sinLat) - n * (1 - E2);
  return { latRad: lat, lonRad, heightKm };
}
