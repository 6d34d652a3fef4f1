/**
 * Earth gravity for the numerical propagator: point mass and a fast zonal model (J2 … Jn, default J2–J6), with
 * analytic accelerations and gradients (∂a/∂r) for the variational equations.
 *
 * Potential (Vallado, Fundamentals, 4th ed., eq. 8-19 restricted to zonal terms; Montenbruck & Gill, "Satellite
 * Orbits", §3.2):  V(r) = μ/r · [1 − Σ_{n≥2} J_n (R/r)^n P_n(u)],  u = (k·r)/r,
 * with k the unit vector of the Earth's pole (ITRF z axis) expressed in GCRF: the third row of the GCRF→ITRF matrix,
 * so precession, nutation and polar motion are accounted for. With f_n = −μ J_n R^n r^−(n+1) P_n(u) (and the point
 * mass as n = 0 with J_0 = −1), ∇f_n = α_n r̂ + β_n k where, for g_n = μ J_n R^n r^−(n+2),
 *   α_n = g_n [(n+1) P_n + u P_n′],  β_n = −g_n P_n′.
 * The gradient of a = α r̂ + β k is  ∂a/∂r = r̂ (α_r r̂ + α_u (k − u r̂)/r)ᵀ + α (I − r̂ r̂ᵀ)/r + k (β_r r̂ + β_u (k − u r̂)/r)ᵀ,
 * with α_r = −(n+2) α/r, β_r = −(n+2) β/r, α_u = g [(n+2) P_n′ + u P_n″], β_u = −g P_n″. Legendre polynomials and
 * derivatives by P_n = ((2n−1) u P_{n−1} − (n−1) P_{n−2})/n, P_n′ = P_{n−2}′ + (2n−1) P_{n−1}, P_n″ = P_{n−2}″ + (2n−1) P_{n−1}′.
 * Units: km, km³/s², km/s², 1/s².
 */
import { ArgumentError } from '../../errors/index.ts';
import type { ForceEvaluation, ForceModel } from './forceModel.ts';

/** GM of JGM-3 (Tapley et al. 1996), also IERS 2010 conventions (Orekit) and STK defaults (km³/s²). */
export const GM_JGM3_KM3_S2 = 398600.4415;
/** GM of EGM96 / WGS-84 (km³/s²). */
export const GM_EGM96_KM3_S2 = 398600.4418;
/** Reference radius of JGM-3, EGM96 and EGM2008 (km). */
export const EARTH_RADIUS_EGM96_KM = 6378.1363;

/**
 * Unnormalised zonal coefficients J_n = −C̄_n0 · √(2n+1) of EGM2008, tide-free (Pavlis et al. 2012, NGA public
 * product; normalised C̄_20 … C̄_60 = −0.484165143790815e-3, 0.957161207093473e-6, 0.539965866638991e-6,
 * 0.686702913736681e-7, −0.149953927978527e-6 as in EGM2008_to70_tidefree.gfc), index n (entries 0 and 1 unused).
 */
export const EGM2008_ZONALS: readonly number[] = [
  0,
  0,
  0.484165143790815e-3 * Math.sqrt(5),
  -0.957161207093473e-6 * Math.sqrt(7),
  -0.539965866638991e-6 * Math.sqrt(9),
  -0.686702913736681e-7 * Math.sqrt(11),
  0.149953927978527e-6 * Math.sqrt(13),
];

/** A force whose position gradient is known analytically (used by the variational equations instead of differences). */
export interface ForceModelWithGradient extends ForceModel {
  /** Adds the acceleration into out[0..2] and ∂a/∂r (row-major 3×3, 1/s²) into dadr[0..8]; no velocity dependence. */
  addAccelerationAndGradient(e: ForceEvaluation, out: Float64Array, dadr: Float64Array): void;
}

export function hasGradient(f: ForceModel): f is ForceModelWithGradient {
  return typeof (f as Partial<ForceModelWithGradient>).addAccelerationAndGradient === 'function';
}

/** Point-mass Earth gravity a = −μ r / r³ (GCRF). */
export class PointMassGravity implements ForceModelWithGradient {
  readonly name: string;
  readonly muKm3S2: number;
  constructor(muKm3S2 = GM_JGM3_KM3_S2) {
    if (!(muKm3S2 > 0)) throw new ArgumentError(`GM must be positive (km³/s²), got ${muKm3S2}.`, muKm3S2);
    this.muKm3S2 = muKm3S2;
    this.name = `gravity-point-mass`;
  }
  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const p = e.position;
    const x = p[0]!, y = p[1]!, z = p[2]!;
    const r2 = x * x + y * y + z * z;
    const k = -this.muKm3S2 / (r2 * Math.sqrt(r2));
    out[0]! += k * x;
    out[1]! += k * y;
    out[2]! += k * z;
  }
  addAccelerationAndGradient(e: ForceEvaluation, out: Float64Array, dadr: Float64Array): void {
    const p = e.position;
    const x = p[0]!, y = p[1]!, z = p[2]!;
    const r2 = x * x + y * y + z * z;
    const r = Math.sqrt(r2);
    const k = -this.muKm3S2 / (r2 * r);
    out[0]! += k * x;
    out[1]! += k * y;
    out[2]! += k * z;
    // ∂a/∂r = −μ/r³ (I − 3 r̂ r̂ᵀ)
    const q = (-3 * k) / r2;
    dadr[0]! += k + q * x * x;
    dadr[1]! += q * x * y;
    dadr[2]! += q * x * z;
    dadr[3]! += q * y * x;
    dadr[4]! += k + q * y * y;
    dadr[5]! += q * y * z;
    dadr[6]! += q * z * x;
    dadr[7]! += q * z * y;
    dadr[8]! += k + q * z * z;
  }
}

export interface ZonalGravityOptions {
  readonly muKm3S2?: number;
  readonly radiusKm?: number;
  /** J_n by index n (n ≥ 2 used), default EGM2008 J2–J6. */
  readonly zonals?: readonly number[];
  /** Highest degree (default: the last of `zonals`). */
  readonly maxDegree?: number;
  /** Include the central term μ/r (default true). */
  readonly includeCentral?: boolean;
}

/** Zonal Earth gravity (central term plus J2 … Jn about the ITRF pole), see the module header. */
export class ZonalGravity implements ForceModelWithGradient {
  readonly name: string;
  readonly muKm3S2: number;
  readonly radiusKm: number;
  readonly maxDegree: number;
  private readonly j: Float64Array;
  private readonly p = new Float64Array(3);
  private readonly poleScratch = new Float64Array(3);

  constructor(options: ZonalGravityOptions = {}) {
    const zonals = options.zonals ?? EGM2008_ZONALS;
    this.muKm3S2 = options.muKm3S2 ?? GM_JGM3_KM3_S2;
    this.radiusKm = options.radiusKm ?? EARTH_RADIUS_EGM96_KM;
    this.maxDegree = options.maxDegree ?? zonals.length - 1;
    if (!(this.maxDegree >= 2 && this.maxDegree < zonals.length)) {
      throw new ArgumentError(`The zonal degree must be between 2 and ${zonals.length - 1} (the coefficients given), got ${this.maxDegree}.`, this.maxDegree);
    }
    this.j = new Float64Array(this.maxDegree + 1);
    for (let n = 2; n <= this.maxDegree; n++) this.j[n] = zonals[n]!;
    this.j[0] = options.includeCentral === false ? 0 : -1;
    this.name = `gravity-zonal-j2-j${this.maxDegree}`;
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    this.compute(e, out, undefined);
  }

  addAccelerationAndGradient(e: ForceEvaluation, out: Float64Array, dadr: Float64Array): void {
    this.compute(e, out, dadr);
  }

  /** Pole unit vector k (GCRF) = third row of GCRF→ITRF. */
  private pole(e: ForceEvaluation): Float64Array {
    const m = e.gcrfToItrf();
    const k = this.poleScratch;
    k[0] = m[6]!;
    k[1] = m[7]!;
    k[2] = m[8]!;
    return k;
  }

  private compute(e: ForceEvaluation, out: Float64Array, dadr: Float64Array | undefined): void {
    const pos = e.position;
    const x = pos[0]!, y = pos[1]!, z = pos[2]!;
    const k = this.pole(e);
    const kx = k[0]!, ky = k[1]!, kz = k[2]!;
    const r2 = x * x + y * y + z * z;
    const r = Math.sqrt(r2);
    const ux = x / r, uy = y / r, uz = z / r;
    const u = ux * kx + uy * ky + uz * kz;
    const mu = this.muKm3S2;
    const rr = this.radiusKm / r;
    // Legendre recursion: P_n, P_n', P_n'' for n = 0..N.
    let pm2 = 1, pm1 = u; // P_{n-2}, P_{n-1}
    let dm2 = 0, dm1 = 1; // P'
    let sm2 = 0, sm1 = 0; // P''
    let alpha = 0, beta = 0, alphaU = 0, betaU = 0, alphaR = 0, betaR = 0;
    const j = this.j;
    // n = 0 (central term): P0 = 1, P0' = P0'' = 0, g0 = μ J0 / r².
    {
      const g = (mu * j[0]!) / r2;
      alpha += g;
      alphaR += (-2 * g) / r;
    }
    let rn = rr; // (R/r)^n
    for (let n = 2; n <= this.maxDegree; n++) {
      rn *= rr;
      const pn = ((2 * n - 1) * u * pm1 - (n - 1) * pm2) / n;
      const dn = dm2 + (2 * n - 1) * pm1;
      const sn = sm2 + (2 * n - 1) * dm1;
      const jn = j[n]!;
      if (jn !== 0) {
        const g = (mu * jn * rn) / r2;
        const a = g * ((n + 1) * pn + u * dn);
        const b = -g * dn;
        alpha += a;
        beta += b;
        alphaR += (-(n + 2) * a) / r;
        betaR += (-(n + 2) * b) / r;
        alphaU += g * ((n + 2) * dn + u * sn);
        betaU += -g * sn;
      }
      pm2 = pm1;
      pm1 = pn;
      dm2 = dm1;
      dm1 = dn;
      sm2 = sm1;
      sm1 = sn;
    }
    out[0]! += alpha * ux + beta * kx;
    out[1]! += alpha * uy + beta * ky;
    out[2]! += alpha * uz + beta * kz;
    if (dadr === undefined) return;
    // ∇u = (k − u r̂)/r
    const gx = (kx - u * ux) / r, gy = (ky - u * uy) / r, gz = (kz - u * uz) / r;
    const ar = alphaR, br = betaR;
    const ai = alpha / r;
    const p = this.p;
    p[0] = ux;
    p[1] = uy;
    p[2] = uz;
    for (let a = 0; a < 3; a++) {
      const ra = p[a]!;
      const ka = a === 0 ? kx : a === 1 ? ky : kz;
      for (let b = 0; b < 3; b++) {
        const rb = p[b]!;
        const gb = b === 0 ? gx : b === 1 ? gy : gz;
        dadr[a * 3 + b]! += ra * (ar * rb + alphaU * gb) + ai * ((a === b ? 1 : 0) - ra * rb) + ka * (br * rb + betaU * gb);
      }
    }
  }
}
