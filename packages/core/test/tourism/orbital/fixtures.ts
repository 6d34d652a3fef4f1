/** Shared fixtures of the orbital-tourism tests: an ISS-like station and a Soyuz-like insertion, built from elements. */
import { createTimeScales } from '../../../src/index.ts';

export const ts = createTimeScales();
export const D = Math.PI / 180;
export const MU = 398600.4418;
export const RE = 6378.137;

/** GCRF state of a circular orbit (radius km, inclination, RAAN, argument of latitude in rad). */
export function circular(rKm: number, incl: number, raan: number, u: number): number[] {
  const v = Math.sqrt(MU / rKm);
  const cO = Math.cos(raan), sO = Math.sin(raan), ci = Math.cos(incl), si = Math.sin(incl), cu = Math.cos(u), su = Math.sin(u);
  return [rKm * (cO * cu - sO * su * ci), rKm * (sO * cu + cO * su * ci), rKm * su * si, v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
}

/** GCRF state at the perigee (argument of latitude u) of an orbit with perigee/apogee radii rp, ra (km). */
export function atPerigee(rp: number, ra: number, incl: number, raan: number, u: number): number[] {
  const a = (rp + ra) / 2;
  const k = Math.sqrt(MU * (2 / rp - 1 / a)) / Math.sqrt(MU / rp);
  const s = circular(rp, incl, raan, u);
  return [s[0]!, s[1]!, s[2]!, s[3]! * k, s[4]! * k, s[5]! * k];
}

export const epoch = ts.parseUtcIso('2026-12-10T06:00:00Z');
/** ISS-like: circular 420 km, 51.64°, RAAN 30°, u = 0 at the epoch. */
export const station = { epoch, stateGcrf: circular(RE + 420, 51.64 * D, 30 * D, 0) };
/** Soyuz-like insertion 200 × 240 km in the station's plane, `behindDeg` behind it. */
export const insertion = (behindDeg: number): { epoch: typeof epoch; stateGcrf: number[] } => ({ epoch, stateGcrf: atPerigee(RE + 200, RE + 240, 51.64 * D, 30 * D, -behindDeg * D) });
