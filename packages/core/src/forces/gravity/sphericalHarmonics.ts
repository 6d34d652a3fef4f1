/**
 * Spherical-harmonic Earth gravitation (no centrifugal term) for any degree/order, singularity-free at the poles.
 *
 * Potential (Heiskanen & Moritz 1967; Montenbruck & Gill 2000, eq. 3.15), with fully normalised C̄nm, S̄nm:
 *   U = (μ/r) Σn (R/r)^n Σm P̄nm(sin φ) [C̄nm cos mλ + S̄nm sin mλ].
 * Written in Pines' (1973) singularity-free form with ŝ = r/|r| = (ξ, η, t): P̄nm(t) = u^m Ānm(t) (u = cos φ) and
 * u^m (cos mλ, sin mλ) = (Re, Im)(ξ + iη)^m =: (Cm, Sm), so every term is a polynomial in ξ, η, t:
 *   U = (μ/r) Σ ρ^n Ānm(t) Dnm,   Dnm = C̄nm Cm + S̄nm Sm,   ρ = R/r.
 * The gradient splits into a radial part and the tangential projection of the gradient in (ξ, η, t):
 *   a = (μ/r²) [ G − (Q + G·ŝ) ŝ ],   Q = Σ (n+1) ρ^n Ānm Dnm,
 *   G = Σ ρ^n ( Ānm ∂D/∂ξ, Ānm ∂D/∂η, Ā′nm D ),  ∂D/∂ξ = m (C̄ C_{m−1} + S̄ S_{m−1}),  ∂D/∂η = m (S̄ C_{m−1} − C̄ S_{m−1}),
 * and Ā′nm = dĀnm/dt = sqrt((2 − δ0m)/2 · (n − m)(n + m + 1)) Ā_{n,m+1} (Ānm ∝ d^m Pn/dt^m).
 * The Ānm follow the standard forward column recursion of Holmes & Featherstone (2002, J. Geodesy 76:279–299,
 * eqs. 11–13) with the u^m factor taken out ("modified" functions, their §2.2), which is stable in t for all n:
 *   Ā_mm = sqrt((2m+1)/(2m)) Ā_{m−1,m−1} (Ā00 = 1, Ā11 = √3),
 *   Ānm = anm t Ā_{n−1,m} − bnm Ā_{n−2,m},  anm = sqrt((2n−1)(2n+1)/((n−m)(n+m))),
 *   bnm = sqrt((2n+1)(n+m−1)(n−m−1)/((n−m)(n+m)(2n−3))).
 * ρ^n is folded into the recursion (ρ t and ρ² multipliers). At the poles Cm = Sm = 0 for m ≥ 1 and the formula
 * stays finite; the sectoral u^m factors underflow harmlessly only far beyond degree 120.
 * All recursion coefficients are precomputed in Float64Arrays in column-major order; one evaluation allocates nothing.
 *
 * The central term (C̄00 = 1) is included: use this model instead of, not beside, a two-body force.
 *
 * Frames: the field is Earth-fixed (ITRF); as a ForceModel the GCRF position is rotated with
 * ForceEvaluation.gcrfToItrf() and the acceleration rotated back with its transpose.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { ForceEvaluation, ForceModel } from '../../propagation/numerical/forceModel.ts';
import { coefficientIndex, type GravityField } from './field.ts';

export interface SphericalHarmonicOptions {
  /** Highest degree used (≤ the field's); 0 is a point mass. Default: the field's. */
  readonly degree?: number;
  /** Highest order used (≤ degree). Default: the degree. */
  readonly order?: number;
}

export class SphericalHarmonicGravity implements ForceModel {
  readonly name: string;
  readonly degree: number;
  readonly order: number;
  readonly gmKm3PerS2: number;
  readonly radiusKm: number;
  /** Number of columns with recursion values (order + 1, plus one more for the t-derivative when order < degree). */
  private readonly columns: number;
  private readonly colStart: Int32Array;
  private readonly diag: Float64Array;
  private readonly aCoef: Float64Array;
  private readonly bCoef: Float64Array;
  private readonly dRatio: Float64Array;
  private readonly cCol: Float64Array;
  private readonly sCol: Float64Array;
  /** Scratch: ρ^n Ānm, column-major. */
  private readonly work: Float64Array;
  private readonly cmBuf: Float64Array;
  private readonly smBuf: Float64Array;
  private readonly rhoPow: Float64Array;
  private readonly rItrf = new Float64Array(3);
  private readonly aItrf = new Float64Array(3);

  constructor(field: GravityField, options: SphericalHarmonicOptions = {}) {
    const degree = options.degree ?? field.maxDegree;
    const order = options.order ?? degree;
    if (!Number.isInteger(degree) || degree < 0 || degree > field.maxDegree) {
      throw new ArgumentError(`Degree ${degree} is not available in ${field.name}: use an integer 0..${field.maxDegree}.`, degree);
    }
    if (!Number.isInteger(order) || order < 0 || order > degree) {
      throw new ArgumentError(`Order ${order} must be an integer between 0 and the degree ${degree}.`, order);
    }
    if (field.timeVariable.length > 0) {
      throw new ArgumentError(`${field.name} has time-variable terms: freeze it at the propagation epoch with fieldAtEpoch() first.`, field.name);
    }
    this.degree = degree;
    this.order = order;
    this.gmKm3PerS2 = field.gmKm3PerS2;
    this.radiusKm = field.radiusKm;
    this.name = degree === 0 ? 'gravity-point-mass' : `gravity-${field.name.toLowerCase()}-${degree}x${order}`;
    const N = degree;
    this.columns = Math.min(order + 1, N) + 1;
    this.colStart = new Int32Array(this.columns + 1);
    for (let m = 0; m < this.columns; m++) this.colStart[m + 1] = this.colStart[m]! + (N - m + 1);
    const total = this.colStart[this.columns]!;
    this.diag = new Float64Array(this.columns);
    this.aCoef = new Float64Array(total);
    this.bCoef = new Float64Array(total);
    this.dRatio = new Float64Array(total);
    this.cCol = new Float64Array(total);
    this.sCol = new Float64Array(total);
    this.work = new Float64Array(total);
    this.cmBuf = new Float64Array(this.columns);
    this.smBuf = new Float64Array(this.columns);
    this.rhoPow = new Float64Array(this.columns);
    for (let m = 0; m < this.columns; m++) {
      this.diag[m] = m === 0 ? 1 : m === 1 ? Math.sqrt(3) : this.diag[m - 1]! * Math.sqrt((2 * m + 1) / (2 * m));
      for (let n = m; n <= N; n++) {
        const k = this.colStart[m]! + (n - m);
        if (n > m) {
          this.aCoef[k] = Math.sqrt(((2 * n - 1) * (2 * n + 1)) / ((n - m) * (n + m)));
          this.bCoef[k] = n > m + 1 ? Math.sqrt(((2 * n + 1) * (n + m - 1) * (n - m - 1)) / ((n - m) * (n + m) * (2 * n - 3))) : 0;
          this.dRatio[k] = Math.sqrt(((m === 0 ? 1 : 2) / 2) * (n - m) * (n + m + 1));
        }
        if (m <= order) {
          this.cCol[k] = field.c[coefficientIndex(n, m)]!;
          this.sCol[k] = field.s[coefficientIndex(n, m)]!;
        }
      }
    }
  }

  /**
   * Gravitational acceleration (km/s², Earth-fixed) at an Earth-fixed position (km), written into out[0..2].
   * No centrifugal term: this is gravitation, not "gravity" in the geodetic sense.
   */
  accelerationItrf(x: number, y: number, z: number, out: Float64Array): void {
    const r2 = x * x + y * y + z * z;
    const r = Math.sqrt(r2);
    const xi = x / r;
    const eta = y / r;
    const t = z / r;
    const rho = this.radiusKm / r;
    const rhoT = rho * t;
    const rho2 = rho * rho;
    const w = this.work;
    const cs = this.colStart;
    const aC = this.aCoef;
    const bC = this.bCoef;
    const cC = this.cCol;
    const sC = this.sCol;
    const dR = this.dRatio;
    const cols = this.columns;
    // (Cm, Sm) = (Re, Im)(ξ + iη)^m for m = 0..order, kept in the scratch tail.
    const cm = this.cmBuf;
    const sm = this.smBuf;
    cm[0] = 1;
    sm[0] = 0;
    let rhoM = 1;
    for (let m = 1; m < cols; m++) {
      cm[m] = cm[m - 1]! * xi - sm[m - 1]! * eta;
      sm[m] = cm[m - 1]! * eta + sm[m - 1]! * xi;
    }
    const rhoPow = this.rhoPow;
    for (let m = 0; m < cols; m++) {
      rhoPow[m] = rhoM;
      rhoM *= rho;
    }
    let q = 0;
    let gx = 0;
    let gy = 0;
    let gz = 0;
    // Columns from the highest down, so that column m+1 (for Ā′) is ready when column m is summed; each column's
    // ρ^n Ānm is produced by the Holmes & Featherstone (2002) column recursion and summed in the same pass.
    for (let m = cols - 1; m >= 0; m--) {
      const k0 = cs[m]!;
      const k1 = cs[m + 1]!;
      // Ā_{m−1,m} = 0 and b_{m+1,m} = 0, so one recursion serves every n > m.
      let v1 = this.diag[m]! * rhoPow[m]!;
      let v2 = 0;
      w[k0] = v1;
      if (m > this.order) {
        // The extra column: only its values are needed (for Ā′ of column `order`).
        for (let k = k0 + 1; k < k1; k++) {
          const v = aC[k]! * rhoT * v1 - bC[k]! * rho2 * v2;
          w[k] = v;
          v2 = v1;
          v1 = v;
        }
        continue;
      }
      let sc = v1 * cC[k0]!;
      let ss = v1 * sC[k0]!;
      let qc = (m + 1) * sc;
      let qs = (m + 1) * ss;
      let dc = 0;
      let ds = 0;
      const off = cs[m + 1]! - 1 - k0; // (n, m+1) sits at k + off
      let n1 = m + 2; // n + 1
      for (let k = k0 + 1; k < k1; k++, n1++) {
        const v = aC[k]! * rhoT * v1 - bC[k]! * rho2 * v2;
        w[k] = v;
        v2 = v1;
        v1 = v;
        const c = cC[k]!;
        const s = sC[k]!;
        const vc = v * c;
        const vs = v * s;
        sc += vc;
        ss += vs;
        qc += n1 * vc;
        qs += n1 * vs;
        const d = dR[k]! * w[k + off]!;
        dc += d * c;
        ds += d * s;
      }
      q += cm[m]! * qc + sm[m]! * qs;
      gz += cm[m]! * dc + sm[m]! * ds;
      if (m > 0) {
        gx += m * (cm[m - 1]! * sc + sm[m - 1]! * ss);
        gy += m * (cm[m - 1]! * ss - sm[m - 1]! * sc);
      }
    }
    const gs = gx * xi + gy * eta + gz * t;
    const radial = q + gs;
    const f = this.gmKm3PerS2 / r2;
    out[0] = f * (gx - radial * xi);
    out[1] = f * (gy - radial * eta);
    out[2] = f * (gz - radial * t);
  }

  /**
   * Gravitational potential U (km²/s², positive: μ/r for a point mass) at an Earth-fixed position (km), with the same
   * recursion as the acceleration. For energy checks and potential grids; not used by the propagator.
   */
  potentialItrf(x: number, y: number, z: number): number {
    const r = Math.sqrt(x * x + y * y + z * z);
    const xi = x / r;
    const eta = y / r;
    const t = z / r;
    const rho = this.radiusKm / r;
    const rhoT = rho * t;
    const rho2 = rho * rho;
    const cs = this.colStart;
    let cm = 1;
    let sm = 0;
    let rhoM = 1;
    let u = 0;
    for (let m = 0; m <= this.order; m++) {
      const k0 = cs[m]!;
      const k1 = cs[m + 1]!;
      let v1 = this.diag[m]! * rhoM;
      let v2 = 0;
      let sc = v1 * this.cCol[k0]!;
      let ss = v1 * this.sCol[k0]!;
      for (let k = k0 + 1; k < k1; k++) {
        const v = this.aCoef[k]! * rhoT * v1 - this.bCoef[k]! * rho2 * v2;
        v2 = v1;
        v1 = v;
        sc += v * this.cCol[k]!;
        ss += v * this.sCol[k]!;
      }
      u += cm * sc + sm * ss;
      const c = cm * xi - sm * eta;
      sm = cm * eta + sm * xi;
      cm = c;
      rhoM *= rho;
    }
    return (this.gmKm3PerS2 / r) * u;
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const M = e.gcrfToItrf();
    const p = e.position;
    const r = this.rItrf;
    r[0] = M[0]! * p[0]! + M[1]! * p[1]! + M[2]! * p[2]!;
    r[1] = M[3]! * p[0]! + M[4]! * p[1]! + M[5]! * p[2]!;
    r[2] = M[6]! * p[0]! + M[7]! * p[1]! + M[8]! * p[2]!;
    const a = this.aItrf;
    this.accelerationItrf(r[0], r[1], r[2], a);
    out[0] = out[0]! + M[0]! * a[0]! + M[3]! * a[1]! + M[6]! * a[2]!;
    out[1] = out[1]! + M[1]! * a[0]! + M[4]! * a[1]! + M[7]! * a[2]!;
    out[2] = out[2]! + M[2]! * a[0]! + M[5]! * a[1]! + M[8]! * a[2]!;
  }
}
