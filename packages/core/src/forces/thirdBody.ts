/**
 * Sun and Moon as point-mass third bodies, with their geocentric positions from astronomy-engine 2.1.19 and a
 * cache that interpolates them so that a propagator's thousands of evaluations per day cost a few multiplications.
 *
 * Acceleration of the satellite relative to the Earth (direct minus indirect term; Montenbruck & Gill 2000, eq. 3.37):
 *   a = μb [ (rb − r)/|rb − r|³ − rb/|rb|³ ],
 * evaluated in Battin's form (Battin 1999, "An Introduction to the Mathematics and Methods of Astrodynamics", rev. ed.,
 * §8.4, eqs. 8.60–8.61), which avoids the cancellation of two nearly equal terms when |r| ≪ |rb|:
 *   d = r − rb,  q = r·(r − 2 rb)/(rb·rb),  f(q) = q (3 + 3q + q²) / (1 + (1 + q)^{3/2}),
 *   a = −(μb/|d|³) [ r + f(q) rb ].
 *
 * Positions: astronomy-engine's geometric (no light time, no aberration) geocentric vectors in its EQJ frame (mean
 * equator and equinox of J2000, from VSOP87 and a truncated ELP/MPP02-style lunar theory; Sun ~1″, Moon ~ a few ″).
 * Sun: −HelioVector(Earth); Moon: GeoMoon. EQJ differs from GCRF by the frame bias (≈ 23 mas: ξ0 = −16.6 mas,
 * η0 = −6.8 mas, dα0 = −14.6 mas; IERS Conventions 2010 eq. 5.21), 1.1e-7 rad: a relative change of 1e-7 in a
 * perturbation that is itself ≤ 1e-6 of central gravity, so it is not applied. The time argument is TT from the Instant
 * (TAI + 32.184 s); TDB − TT (≤ 1.7 ms) is ignored (the Moon moves 1.7 m in that time, i.e. 4e-9 of its distance).
 *
 * GM values: JPL DE440 (Park et al. 2021, AJ 161:105, Table 8): μ☉ = 132712440041.279419 km³/s²,
 * μ☾ = 4902.800118 km³/s². GMAT's defaults are DE405's (132712440017.99 and 4902.8005821478), Orekit's come from the
 * ephemeris it loads (DE430: 132712440041.9394, 4902.800066); the relative differences (≤ 2e-10 and 1e-8) are far
 * below the ephemeris error. Pass `gmKm3PerS2` to match a reference.
 */
import { AstroTime, GeoMoon, HelioVector, Body } from 'astronomy-engine';
import type { ForceEvaluation, ForceModel } from '../propagation/numerical/forceModel.ts';
import type { Instant } from '../time/instant.ts';
import { ArgumentError } from '../errors/index.ts';

export type ThirdBody = 'sun' | 'moon';

/** DE440 gravitational parameters, km³/s² (Park et al. 2021). */
export const DE440_GM_KM3_PER_S2 = { sun: 132712440041.279419, moon: 4902.800118 } as const;

/** Astronomical unit, km (IAU 2012 Resolution B2), the factor applied to astronomy-engine's AU. */
export const ASTRONOMICAL_UNIT_KM = 149597870.7;

const J2000_TAI_DAY = 51544;
const SECONDS_PER_DAY = 86400;

/** TT seconds since J2000.0 (2000-01-01T12:00 TT) of an instant: exact two-part arithmetic, then one float. */
export function ttSecondsSinceJ2000(t: Instant): number {
  return (t.taiDay - J2000_TAI_DAY) * SECONDS_PER_DAY + (t.taiSeconds + 32.184 - 43200);
}

/** Geometric geocentric position of the Sun or Moon (EQJ ≈ GCRF, km) at TT seconds since J2000, into out[0..2]. */
export function bodyPositionKm(body: ThirdBody, ttSeconds: number, out: Float64Array): void {
  const time = AstroTime.FromTerrestrialTime(ttSeconds / SECONDS_PER_DAY);
  if (body === 'moon') {
    const m = GeoMoon(time);
    out[0] = m.x * ASTRONOMICAL_UNIT_KM;
    out[1] = m.y * ASTRONOMICAL_UNIT_KM;
    out[2] = m.z * ASTRONOMICAL_UNIT_KM;
  } else {
    const e = HelioVector(Body.Earth, time);
    out[0] = -e.x * ASTRONOMICAL_UNIT_KM;
    out[1] = -e.y * ASTRONOMICAL_UNIT_KM;
    out[2] = -e.z * ASTRONOMICAL_UNIT_KM;
  }
}

export interface BodyCacheOptions {
  /** Node spacing, s (default 3600). */
  readonly stepS?: number;
  /** Lagrange nodes per interpolation, even (default 8). */
  readonly points?: number;
}

/**
 * Positions of one body on a fixed grid of TT instants (multiples of `stepS` since J2000, so that results do not depend
 * on the order of the calls), interpolated with a centred Lagrange polynomial of `points` nodes. With the defaults
 * (1 h, 8 nodes) the interpolation error is below 1 mm for the Moon and the Sun (measured in the tests against direct
 * evaluation). Nodes are computed on first use and kept (24 per simulated day; the cache is cleared past 200,000).
 */
export class BodyPositionCache {
  readonly body: ThirdBody;
  readonly stepS: number;
  readonly points: number;
  private readonly nodes = new Map<number, Float64Array>();
  private readonly weights: Float64Array;
  private readonly tmp = new Float64Array(3);

  constructor(body: ThirdBody, options: BodyCacheOptions = {}) {
    this.body = body;
    this.stepS = options.stepS ?? 3600;
    this.points = options.points ?? 8;
    if (!(this.stepS > 0) || !Number.isInteger(this.points) || this.points < 2 || this.points % 2 !== 0) {
      throw new ArgumentError(`Body cache needs stepS > 0 and an even number of points ≥ 2 (got ${this.stepS}, ${this.points}).`, options);
    }
    this.weights = new Float64Array(this.points);
  }

  private node(k: number): Float64Array {
    let v = this.nodes.get(k);
    if (v === undefined) {
      if (this.nodes.size > 200_000) this.nodes.clear();
      v = new Float64Array(3);
      bodyPositionKm(this.body, k * this.stepS, v);
      this.nodes.set(k, v);
    }
    return v;
  }

  /** Interpolated geocentric position (EQJ ≈ GCRF, km) at TT seconds since J2000, into out[0..2]. */
  positionAt(ttSeconds: number, out: Float64Array): void {
    const x = ttSeconds / this.stepS;
    const k0 = Math.floor(x) - this.points / 2 + 1;
    const u = x - k0; // position in node units from the first node
    const p = this.points;
    const w = this.weights;
    // Lagrange weights on equally spaced nodes 0..p−1 at u.
    for (let i = 0; i < p; i++) {
      let num = 1;
      let den = 1;
      for (let j = 0; j < p; j++) {
        if (j === i) continue;
        num *= u - j;
        den *= i - j;
      }
      w[i] = num / den;
    }
    let ox = 0;
    let oy = 0;
    let oz = 0;
    for (let i = 0; i < p; i++) {
      const v = this.node(k0 + i);
      ox += w[i]! * v[0]!;
      oy += w[i]! * v[1]!;
      oz += w[i]! * v[2]!;
    }
    out[0] = ox;
    out[1] = oy;
    out[2] = oz;
  }

  /** Position at an instant (TT from TAI + 32.184 s). */
  positionAtInstant(t: Instant, out: Float64Array = this.tmp): Float64Array {
    this.positionAt(ttSecondsSinceJ2000(t), out);
    return out;
  }
}

/**
 * Point-mass third-body acceleration on a satellite at r relative to the Earth, body at rb (same frame, km),
 * Battin's form; added into out[0..2] (km/s²).
 */
export function addThirdBodyAcceleration(mu: number, rx: number, ry: number, rz: number, bx: number, by: number, bz: number, out: Float64Array): void {
  const dx = rx - bx;
  const dy = ry - by;
  const dz = rz - bz;
  const d2 = dx * dx + dy * dy + dz * dz;
  const q = (rx * (rx - 2 * bx) + ry * (ry - 2 * by) + rz * (rz - 2 * bz)) / (bx * bx + by * by + bz * bz);
  const s = Math.sqrt(1 + q);
  const f = (q * (3 + 3 * q + q * q)) / (1 + (1 + q) * s);
  const k = -mu / (d2 * Math.sqrt(d2));
  out[0] = out[0]! + k * (rx + f * bx);
  out[1] = out[1]! + k * (ry + f * by);
  out[2] = out[2]! + k * (rz + f * bz);
}

export interface ThirdBodyOptions {
  /** km³/s²; default DE440's. */
  readonly gmKm3PerS2?: number;
  /** Share one cache between forces (e.g. this and SRP's Sun); default: a new one with 1 h / 8 nodes. */
  readonly cache?: BodyPositionCache;
}

/** The Sun or the Moon as a third body (GCRF, km/s²). */
export class ThirdBodyGravity implements ForceModel {
  readonly name: string;
  readonly body: ThirdBody;
  readonly gmKm3PerS2: number;
  readonly cache: BodyPositionCache;
  private readonly rb = new Float64Array(3);

  constructor(body: ThirdBody, options: ThirdBodyOptions = {}) {
    this.body = body;
    this.name = `third-body-${body}`;
    this.gmKm3PerS2 = options.gmKm3PerS2 ?? DE440_GM_KM3_PER_S2[body];
    this.cache = options.cache ?? new BodyPositionCache(body);
    if (this.cache.body !== body) throw new ArgumentError(`The position cache is for the ${this.cache.body}, not the ${body}.`, body);
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const b = this.cache.positionAtInstant(e.instant, this.rb);
    const p = e.position;
    addThirdBodyAcceleration(this.gmKm3PerS2, p[0]!, p[1]!, p[2]!, b[0]!, b[1]!, b[2]!, out);
  }
}
