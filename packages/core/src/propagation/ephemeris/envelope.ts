/**
 * The orbit envelope of an ephemeris, from its own states: what a screener needs to bound the object's motion
 * without elements. Osculating two-body quantities at every node (μ = 398600.4418 km³/s²):
 *   h = |r × v|,  e = |(v × h)/μ − r/|r||,  perigee radius r_p = h²/(μ(1 + e))  (valid for any conic),
 * the smallest perigee radius, the largest eccentricity and speed over the nodes; and an estimate of the table's own
 * interpolation error by leave-one-out: at up to 256 nodes spread over the table, the state interpolated from the
 * neighbouring nodes without that node is compared with the node. Removing a node doubles the local spacing, so this
 * over-estimates the error of the full table (by about 2^(degree+1) for smooth motion): a conservative bound.
 */
import { EARTH_MU_KM3S2 } from '../../units/index.ts';
import { interpolateState, InterpolationScratch, nodesForDegree } from './interpolation.ts';
import type { EphemerisInput } from './trajectory.ts';

export interface EphemerisEnvelope {
  /** Smallest osculating perigee radius over the nodes (km). */
  readonly minPerigeeRadiusKm: number;
  /** Largest osculating eccentricity over the nodes. */
  readonly maxEccentricity: number;
  /** Largest speed over the nodes (km/s). */
  readonly maxSpeedKmS: number;
  /** Leave-one-out estimate of the table's interpolation error, position (km) and velocity (km/s). */
  readonly interpolationErrorKm: number;
  readonly interpolationVelErrorKmS: number;
}

const LEAVE_ONE_OUT_SAMPLES = 256;

/** The envelope of an ephemeris (see the module header). */
export function ephemerisEnvelope(input: EphemerisInput): EphemerisEnvelope {
  const t = input.timesS;
  const s = input.statesTeme;
  const n = t.length;
  const mu = EARTH_MU_KM3S2;
  let rpMin = Infinity;
  let eMax = 0;
  let vMax = 0;
  for (let k = 0; k < n; k++) {
    const o = 6 * k;
    const rx = s[o]!, ry = s[o + 1]!, rz = s[o + 2]!;
    const vx = s[o + 3]!, vy = s[o + 4]!, vz = s[o + 5]!;
    const hx = ry * vz - rz * vy;
    const hy = rz * vx - rx * vz;
    const hz = rx * vy - ry * vx;
    const r = Math.hypot(rx, ry, rz);
    const ex = (vy * hz - vz * hy) / mu - rx / r;
    const ey = (vz * hx - vx * hz) / mu - ry / r;
    const ez = (vx * hy - vy * hx) / mu - rz / r;
    const e = Math.hypot(ex, ey, ez);
    const rp = (hx * hx + hy * hy + hz * hz) / (mu * (1 + e));
    if (rp < rpMin) rpMin = rp;
    if (e > eMax) eMax = e;
    const v = Math.hypot(vx, vy, vz);
    if (v > vMax) vMax = v;
  }
  // Leave-one-out over interior nodes (the table's ends have no neighbour on one side).
  const p = Math.min(nodesForDegree(input.interpolation, input.interpolationDegree), n - 1);
  const idx = new Int32Array(p);
  const scratch = new InterpolationScratch(p);
  const out = new Float64Array(6);
  let errR = 0;
  let errV = 0;
  const interior = n - 2;
  const samples = Math.min(interior, LEAVE_ONE_OUT_SAMPLES);
  for (let q = 0; q < samples; q++) {
    const k = 1 + Math.floor(((q + 0.5) * interior) / samples);
    // The p nodes nearest to k, k excluded, alternating sides.
    let lo = k - 1;
    let hi = k + 1;
    let c = 0;
    while (c < p) {
      if (lo >= 0 && (k - lo <= hi - k || hi >= n)) idx[c++] = lo--;
      else if (hi < n) idx[c++] = hi++;
      else break;
    }
    idx.subarray(0, c).sort();
    interpolateState(input.interpolation, t, s, idx, c, t[k]!, out, 0, scratch);
    const o = 6 * k;
    errR = Math.max(errR, Math.hypot(out[0]! - s[o]!, out[1]! - s[o + 1]!, out[2]! - s[o + 2]!));
    errV = Math.max(errV, Math.hypot(out[3]! - s[o + 3]!, out[4]! - s[o + 4]!, out[5]! - s[o + 5]!));
  }
  return { minPerigeeRadiusKm: rpMin, maxEccentricity: eMax, maxSpeedKmS: vMax, interpolationErrorKm: errR, interpolationVelErrorKmS: errV };
}
