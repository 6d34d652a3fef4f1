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
    const N = this.degree;
    const w = this.work;
    const cs = this.colStart;
    const aC = this.aCoef;
    const bC = this.bCoef;
    // ρ^n Ānm, column by column (Holmes & Featherstone 2002 column recursion on the modified functions).
    let rhoM = 1;
    for (let m = 0; m < this.columns; m++) {
      const k0 = cs[m]!;
      w[k0] = this.diag[m]! * rhoM;
      if (m < N) w[k0 + 1] = aC[k0 + 1]! * rhoT * w[k0]!;
      const k1 = cs[m + 1]!;
      for (let k = k0 + 2; k < k1; k++) w[k] = aC[k]! * rhoT * w[k - 1]! - bC[k]! * rho2 * w[k - 2]!;
      rhoM *= rho;
    }
    let q = 0;
    let gx = 0;
    let gy = 0;
    let gz = 0;
    let cm = 1; // Re (ξ + iη)^m
    let sm = 0; // Im (ξ + iη)^m
    let cm1 = 0;
    let sm1 = 0;
    const cC = this.cCol;
    const sC = this.sCol;
    const dR = this.dRatio;
    for (let m = 0; m <= this.order; m++) {
      const k0 = cs[m]!;
      const k1 = cs[m + 1]!;
      const next = m + 1 < this.columns ? cs[m + 1]! - 1 : -1; // column m+1 starts at n = m+1: index of (n, m+1) is k + (N - m)... see below
      let sc = 0;
      let ss = 0;
      let qc = 0;
      let qs = 0;
      let dc = 0;
      let ds = 0;
      // n = m: Ā′mm = 0.
      {
        const v = w[k0]!;
        const c = cC[k0]!;
        const s = sC[k0]!;
        sc += v * c;
        ss += v * s;
        qc += (m + 1) * v * c;
        qs += (m + 1) * v * s;
      }
      let n = m + 1;
      for (let k = k0 + 1; k < k1; k++, n++) {
        const v = w[k]!;
        const c = cC[k]!;
        const s = sC[k]!;
        const vc = v * c;
        const vs = v * s;
        sc += vc;
        ss += vs;
        qc += (n + 1) * vc;
        qs += (n + 1) * vs;
        // (n, m+1) sits at cs[m+1] + (n − m − 1) = k + (N − m) ... = next + (k − k0)
        const d = dR[k]! * w[next + (k - k0)]!;
        dc += d * c;
        ds += d * s;
      }
      q += cm * qc + sm * qs;
      gz += cm * dc + sm * ds;
      if (m > 0) {
        gx += m * (cm1 * sc + sm1 * ss);
        gy += m * (cm1 * ss - sm1 * sc);
      }
      cm1 = cm;
      sm1 = sm;
      cm = cm1 * xi - sm1 * eta;
      sm = cm1 * eta + sm1 * xi;
    }
    const gs = gx * xi + gy * eta + gz * t;
    const radial = q + gs;
    const f = this.gmKm3PerS2 / r2;
    out[0] = f * (gx - radial * xi);
    out[1] = f * (gy - radial * eta);
    out[2] = f * (gz - radial * t);
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
