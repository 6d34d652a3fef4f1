/**
 * Sun direction and Earth-shadow test for satellites.
 *
 * The geocentric Sun vector comes from astronomy-engine 2.1.19 (VSOP87-based, arcsecond-level), rotated from
 * J2000 (EQJ) to the true equator and equinox of date (EQD). TEME differs from EQD only by the equation of
 * the equinoxes (≤ 1.2″), negligible for a shadow boundary. The direction is tabulated hourly over a window
 * and interpolated linearly (the Sun moves ~0.04°/h; the chord error is below 1e-7 rad).
 *
 * Shadow model: cylindrical Earth shadow (Vallado, Fundamentals 4th ed., §5.3, alg. 34 "SHADOW" with the
 * penumbra cone collapsed): a satellite at r (TEME, km) is eclipsed when r·ŝ < 0 and |r − (r·ŝ)ŝ| < R⊕,
 * R⊕ = 6378.137 km. The cylinder lies between the true umbra and penumbra cones: at LEO heights its edge
 * falls within ~10 s of the conical umbra/penumbra boundary crossing times.
 */
import { AstroTime, Body, GeoVector, RotateVector, Rotation_EQJ_EQD } from 'astronomy-engine';
import type { UtcClock } from '../propagation/sgp4/input.ts';
import { WGS84 } from '../units/index.ts';

/** Unit Sun direction (true equator and equinox of date ≈ TEME) at a UTC clock time. */
export function sunDirectionOfDate(t: UtcClock): [number, number, number] {
  const time = new AstroTime(t.mjd - 51544.5 + t.seconds / 86400);
  const v = RotateVector(Rotation_EQJ_EQD(time), GeoVector(Body.Sun, time, true));
  const n = Math.hypot(v.x, v.y, v.z);
  return [v.x / n, v.y / n, v.z / n];
}

/** Hourly Sun directions over a window, linearly interpolated. */
export class SunDirectionTable {
  private readonly stepS: number;
  private readonly dirs: Float64Array;
  private readonly count: number;

  constructor(anchor: UtcClock, durationS: number, stepS = 3600) {
    this.stepS = stepS;
    this.count = Math.max(2, Math.ceil(durationS / stepS) + 2);
    this.dirs = new Float64Array(this.count * 3);
    for (let i = 0; i < this.count; i++) {
      const d = sunDirectionOfDate({ mjd: anchor.mjd, seconds: anchor.seconds + i * stepS });
      this.dirs.set(d, i * 3);
    }
  }

  /** Unit Sun direction at t seconds from the anchor. */
  at(tS: number): [number, number, number] {
    const x = Math.min(Math.max(tS / this.stepS, 0), this.count - 1.000001);
    const i = Math.floor(x);
    const f = x - i;
    const d = this.dirs;
    const a = i * 3;
    const vx = d[a]! + f * (d[a + 3]! - d[a]!);
    const vy = d[a + 1]! + f * (d[a + 4]! - d[a + 1]!);
    const vz = d[a + 2]! + f * (d[a + 5]! - d[a + 2]!);
    const n = Math.hypot(vx, vy, vz);
    return [vx / n, vy / n, vz / n];
  }
}

/** Cylindrical-shadow test: true when the satellite at rTeme (km) is in sunlight. */
export function isSunlitCylindrical(x: number, y: number, z: number, sun: readonly [number, number, number]): boolean {
  const along = x * sun[0] + y * sun[1] + z * sun[2];
  if (along >= 0) return true;
  const px = x - along * sun[0];
  const py = y - along * sun[1];
  const pz = z - along * sun[2];
  return px * px + py * py + pz * pz >= WGS84.aKm * WGS84.aKm;
}
