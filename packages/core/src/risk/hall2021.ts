/**
 * 3D collision probability by time integration of the collision rate (Nc3D).
 *
 * D. T. Hall, S. J. Casali, L. C. Johnson, B. B. Skrehart, L. G. Baars, "High Fidelity Collision
 * Probabilities Estimated Using Brute Force Monte Carlo Simulations" (AAS 18-244) and
 * D. T. Hall, "Expanding the Analysis of Conjunction Risks: 3D Pc" / "Implementation Recommendations
 * and Usage Boundaries for the Two-Dimensional Probability of Collision Calculation" (AAS 19-632, 2019;
 * NASA CARA, 2021); D. T. Hall, M. D. Hejduk, L. C. Johnson, "Time Dependence of Collision
 * Probabilities During Satellite Conjunctions", AAS 17-271 (2017). The collision-rate integrand is the
 * one of V. T. Coppola, "Including Velocity Uncertainty in the Probability of Collision between Space
 * Objects", AAS 12-247 (2012).
 *
 * Nc = ∫ Ṅc(t) dt over the encounter window, with the rate of entry of the relative position into the
 * hard-body sphere of radius R,
 *
 *   Ṅc(t) = R² ∮ p_r(R n̂, t) · E[(−n̂·v)⁺ | r = R n̂] dΩ(n̂),
 *
 * where (r, v) is the relative state (secondary − primary) at time t, Gaussian with mean
 * x̄₂(t) − x̄₁(t) and covariance Φ₁P₁Φ₁ᵀ + Φ₂P₂Φ₂ᵀ. Conditioning on r = R n̂ gives v ~ N(v̄ + BA⁻¹(Rn̂ − r̄),
 * Q − BA⁻¹Bᵀ), and E[(−n̂·v)⁺] = s φ(μ/s) + μ Φ(μ/s) with μ = −n̂·v̄_c, s² = n̂ᵀQ_c n̂ (closed form).
 *
 * Assumptions (documented deviations from CARA's Pc3D_Hall):
 * - each object's mean state follows Keplerian two-body motion from its TCA state (μ = 398600.4418 km³/s²);
 * - each covariance is propagated linearly with the two-body state-transition matrix about the mean
 *   trajectory (one linearisation per object per time; CARA's refinement that re-linearises about the
 *   most probable collision states is not implemented, so very large in-track covariances on long
 *   windows may differ);
 * - errors of the two objects are uncorrelated; Nc counts entries into the sphere (Nc ≥ Pc; they agree
 *   when Nc ≪ 1 and re-entries are rare);
 * - the sphere integral uses nested adaptive Gauss–Legendre quadrature with the pole on the mean relative
 *   velocity and azimuthal break points where the thin covariance band crosses the sphere; the time integral
 *   is adaptive too.
 * Units: km, km/s, s.
 */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName } from '../math/vec3.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import type { Covariance3, Covariance6 } from '../covariance/types.ts';
import { congruence } from '../covariance/rtn.ts';
import { remediateSymmetric, symmetricEigen, type CovarianceRemediation } from '../covariance/eigen.ts';
import { integrateAdaptive } from './quadrature.ts';
import { erfc } from './special.ts';
import { ellipticOrbit, twoBodyStm } from './twobody.ts';
import type { ConjunctionAtTca } from './encounter.ts';

/** Options of {@link pcHall2021}. */
export interface Hall2021Options {
  /** Integration window [start, end] in seconds relative to TCA. Default: {@link encounterWindowS}. */
  readonly windowS?: readonly [number, number];
  /** Gravitational parameter (km³/s²). Default Earth, 398600.4418. */
  readonly muKm3S2?: number;
  /** Relative tolerance of the time integral. Default 1e-6. */
  readonly relTol?: number;
  /** Relative tolerance of the sphere integral at each time. Default 1e-6. */
  readonly sphereRelTol?: number;
  /** Sigma multiple for the default window. Default 8.3 (two-sided tail ≈ 1e-16). */
  readonly windowSigma?: number;
  /** Upper limit of the default half-window as a fraction of the shorter orbital period. Default 0.5. */
  readonly maxWindowPeriodFraction?: number;
}

/** Result of {@link pcHall2021}. */
export interface Hall2021Result {
  /** Expected number of hard-body-sphere entries over the window (CARA's Nc3D). */
  readonly nc: number;
  /** Pc reported as Nc (CARA's convention for Pc3D; an upper bound on the true Pc). */
  readonly pc: number;
  readonly windowS: readonly [number, number];
  /** Number of collision-rate evaluations. */
  readonly rateEvaluations: number;
  /** Remediation flags of each object's 6x6 covariance at TCA. */
  readonly primaryCovariance: CovarianceRemediation;
  readonly secondaryCovariance: CovarianceRemediation;
  readonly method: 'hall2021';
}

function as6<F extends FrameName>(c: Covariance3<F> | Covariance6<F>): Float64Array {
  if (c.m.length === 36) return c.m;
  const m = new Float64Array(36);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 6 + j] = c.m[i * 3 + j]!;
  return m;
}

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Prepared two-object problem: TCA states and remediated covariances. */
interface Prepared {
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly P1: Float64Array;
  readonly P2: Float64Array;
  readonly mu: number;
  readonly f1: CovarianceRemediation;
  readonly f2: CovarianceRemediation;
}

function prepare<F extends FrameName>(conj: ConjunctionAtTca<F>, mu: number): Prepared {
  const x1 = Float64Array.from([...conj.primary.r, ...conj.primary.v]);
  const x2 = Float64Array.from([...conj.secondary.r, ...conj.secondary.v]);
  const r1 = remediateSymmetric(as6(conj.primary.cov), 6);
  const r2 = remediateSymmetric(as6(conj.secondary.cov), 6);
  return { x1, x2, P1: r1.m, P2: r2.m, mu, f1: r1.flags, f2: r2.flags };
}

/** Relative mean state and combined covariance at t (s from TCA). */
function relativeAt(p: Prepared, t: number): { m: Float64Array; P: Float64Array } {
  const a = twoBodyStm(p.x1, t, p.mu);
  const b = twoBodyStm(p.x2, t, p.mu);
  const Pa = congruence(a.stm, p.P1, 6);
  const Pb = congruence(b.stm, p.P2, 6);
  const m = new Float64Array(6);
  for (let i = 0; i < 6; i++) m[i] = b.x[i]! - a.x[i]!;
  const P = new Float64Array(36);
  for (let k = 0; k < 36; k++) P[k] = Pa[k]! + Pb[k]!;
  return { m, P };
}

/**
 * Collision rate Ṅc (1/s) for a relative state with mean m (6) and covariance P (6x6, row-major), HBR R (km).
 * Exported for tests and for rate-profile plots.
 */
export function collisionRate(m: ArrayLike<number>, P: ArrayLike<number>, R: number, sphereRelTol = 1e-7): number {
  const A = [P[0]!, P[1]!, P[2]!, P[6]!, P[7]!, P[8]!, P[12]!, P[13]!, P[14]!];
  const eig = symmetricEigen(A, 3);
  const lmax = Math.max(eig.values[2]!, 0);
  if (!(lmax > 0)) return 0;
  const lam = Array.from(eig.values, (x) => Math.max(x, 1e-14 * lmax, 1e-30));
  const V = eig.vectors; // columns, ascending eigenvalues
  // A⁻¹ = V diag(1/λ) Vᵀ
  const Ai = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (V[i * 3 + k]! * V[j * 3 + k]!) / lam[k]!;
      Ai[i * 3 + j] = s;
    }
  }
  const norm = 1 / (Math.pow(2 * Math.PI, 1.5) * Math.sqrt(lam[0]! * lam[1]! * lam[2]!));
  // B = P_vr (rows v, cols r); K = B A⁻¹; Qc = Q − K Bᵀ.
  const B = [P[18]!, P[19]!, P[20]!, P[24]!, P[25]!, P[26]!, P[30]!, P[31]!, P[32]!];
  const K = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) K[i * 3 + j] = B[i * 3]! * Ai[j]! + B[i * 3 + 1]! * Ai[3 + j]! + B[i * 3 + 2]! * Ai[6 + j]!;
  const Qc = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      Qc[i * 3 + j] = P[(i + 3) * 6 + j + 3]! - (K[i * 3]! * B[j * 3]! + K[i * 3 + 1]! * B[j * 3 + 1]! + K[i * 3 + 2]! * B[j * 3 + 2]!);
    }
  }
  const mr0 = m[0]!, mr1 = m[1]!, mr2 = m[2]!, mv0 = m[3]!, mv1 = m[4]!, mv2 = m[5]!;
  // Sphere coordinates: pole along the mean relative velocity (the flux switches on at n̂·v ≈ 0, i.e. u ≈ 0),
  // or along the thinnest covariance axis when the relative velocity vanishes.
  const t0 = [V[0]!, V[3]!, V[6]!]; // thinnest axis
  const vmn = Math.hypot(mv0, mv1, mv2);
  let e1: number[];
  if (vmn > 0) e1 = [mv0 / vmn, mv1 / vmn, mv2 / vmn];
  else e1 = t0;
  // e2 ⟂ e1, e3 = e1 × e2.
  const helper = Math.abs(e1[0]!) < 0.6 ? [1, 0, 0] : Math.abs(e1[1]!) < 0.6 ? [0, 1, 0] : [0, 0, 1];
  let e2 = [e1[1]! * helper[2]! - e1[2]! * helper[1]!, e1[2]! * helper[0]! - e1[0]! * helper[2]!, e1[0]! * helper[1]! - e1[1]! * helper[0]!];
  const e2n = Math.hypot(e2[0]!, e2[1]!, e2[2]!);
  e2 = [e2[0]! / e2n, e2[1]! / e2n, e2[2]! / e2n];
  const e3 = [e1[1]! * e2[2]! - e1[2]! * e2[1]!, e1[2]! * e2[0]! - e1[0]! * e2[2]!, e1[0]! * e2[1]! - e1[1]! * e2[0]!];
  const integrand = (u: number, phi: number): number => {
    const st = Math.sqrt(Math.max(0, 1 - u * u));
    const cp = Math.cos(phi), sp = Math.sin(phi);
    const n0 = u * e1[0]! + st * (cp * e2[0]! + sp * e3[0]!);
    const n1 = u * e1[1]! + st * (cp * e2[1]! + sp * e3[1]!);
    const n2 = u * e1[2]! + st * (cp * e2[2]! + sp * e3[2]!);
    const d0 = R * n0 - mr0, d1 = R * n1 - mr1, d2 = R * n2 - mr2;
    const q =
      d0 * (Ai[0]! * d0 + Ai[1]! * d1 + Ai[2]! * d2) + d1 * (Ai[3]! * d0 + Ai[4]! * d1 + Ai[5]! * d2) + d2 * (Ai[6]! * d0 + Ai[7]! * d1 + Ai[8]! * d2);
    const dens = norm * Math.exp(-0.5 * q);
    if (dens === 0) return 0;
    const vc0 = mv0 + K[0]! * d0 + K[1]! * d1 + K[2]! * d2;
    const vc1 = mv1 + K[3]! * d0 + K[4]! * d1 + K[5]! * d2;
    const vc2 = mv2 + K[6]! * d0 + K[7]! * d1 + K[8]! * d2;
    const mu = -(n0 * vc0 + n1 * vc1 + n2 * vc2);
    const s2 =
      n0 * (Qc[0]! * n0 + Qc[1]! * n1 + Qc[2]! * n2) + n1 * (Qc[3]! * n0 + Qc[4]! * n1 + Qc[5]! * n2) + n2 * (Qc[6]! * n0 + Qc[7]! * n1 + Qc[8]! * n2);
    let flux: number;
    if (s2 > 0) {
      const s = Math.sqrt(s2);
      const z = mu / s;
      flux = s * INV_SQRT_2PI * Math.exp(-0.5 * z * z) + mu * 0.5 * erfc(-z / SQRT2);
    } else {
      flux = Math.max(mu, 0);
    }
    return dens * flux;
  };
  // Features of the integrand: the density concentrates in the band t̂·(R n̂) ≈ t̂·r̄ (t̂ the thinnest axis,
  // width σ₁) and near the direction of r̄. For each u the band edges are found in closed form:
  // t̂·n̂ = u(t̂·e₁) + √(1−u²)(cos φ (t̂·e₂) + sin φ (t̂·e₃)).
  const s1 = Math.sqrt(lam[0]!);
  const tc = (mr0 * t0[0]! + mr1 * t0[1]! + mr2 * t0[2]!) / R;
  const te1 = t0[0]! * e1[0]! + t0[1]! * e1[1]! + t0[2]! * e1[2]!;
  const te2 = t0[0]! * e2[0]! + t0[1]! * e2[1]! + t0[2]! * e2[2]!;
  const te3 = t0[0]! * e3[0]! + t0[1]! * e3[1]! + t0[2]! * e3[2]!;
  const mrn = Math.hypot(mr0, mr1, mr2);
  const um = mrn > 0 ? (mr0 * e1[0]! + mr1 * e1[1]! + mr2 * e1[2]!) / mrn : 0;
  let pm = Math.atan2(mr0 * e3[0]! + mr1 * e3[1]! + mr2 * e3[2]!, mr0 * e2[0]! + mr1 * e2[1]! + mr2 * e2[2]!);
  if (!Number.isFinite(pm)) pm = 0;
  const bandOffsets = s1 < R ? [-4 * s1, -s1, 0, s1, 4 * s1] : [];
  const inner = (u: number): number => {
    const st = Math.sqrt(Math.max(0, 1 - u * u));
    const A = st * te2, B = st * te3, rho = Math.hypot(A, B);
    const phiBreaks: number[] = [pm + Math.PI];
    if (rho > 0) {
      const base = Math.atan2(B, A);
      for (const off of bandOffsets) {
        const c = (tc + off / R - u * te1) / rho;
        if (Math.abs(c) < 1) {
          const w = Math.acos(c);
          for (const ph of [base + w, base - w]) {
            let x = ph;
            while (x < pm) x += 2 * Math.PI;
            while (x >= pm + 2 * Math.PI) x -= 2 * Math.PI;
            phiBreaks.push(x);
          }
        }
      }
    }
    return integrateAdaptive((phi) => integrand(u, phi), pm, pm + 2 * Math.PI, phiBreaks, { relTol: sphereRelTol, order: 8, maxSplits: 200 }).value;
  };
  const uBreaks = [0, um];
  // Where the band touches its extreme latitudes.
  for (const off of bandOffsets) {
    const c = tc + off / R;
    if (Math.abs(c) < 1 && Math.abs(te1) > 0) {
      for (const uu of [c * te1 - Math.sqrt(Math.max(0, (1 - c * c) * (1 - te1 * te1))), c * te1 + Math.sqrt(Math.max(0, (1 - c * c) * (1 - te1 * te1)))]) {
        if (Math.abs(uu) < 1) uBreaks.push(uu);
      }
    }
  }
  const outer = integrateAdaptive(inner, -1, 1, uBreaks, { relTol: sphereRelTol, order: 8, maxSplits: 200 });
  return R * R * outer.value;
}

/**
 * Linear-motion estimate of when the collision rate peaks and how long it lasts: along r(t) = r̄ + v̄t the
 * Mahalanobis distance r(t)ᵀA⁻¹r(t) (A the TCA position covariance) is smallest at
 * t* = −(v̄ᵀA⁻¹r̄)/(v̄ᵀA⁻¹v̄), with a Gaussian time profile of width σ_t = 1/√(v̄ᵀA⁻¹v̄).
 */
function linearPeak(m: ArrayLike<number>, P: ArrayLike<number>): { tPeak: number; sigmaT: number } | undefined {
  const A = [P[0]!, P[1]!, P[2]!, P[6]!, P[7]!, P[8]!, P[12]!, P[13]!, P[14]!];
  const { values, vectors } = symmetricEigen(A, 3);
  const lmax = Math.max(values[2]!, 0);
  if (!(lmax > 0)) return undefined;
  let vAv = 0, vAr = 0;
  for (let k = 0; k < 3; k++) {
    const lam = Math.max(values[k]!, 1e-14 * lmax);
    let pv = 0, pr = 0;
    for (let i = 0; i < 3; i++) {
      pv += vectors[i * 3 + k]! * m[i + 3]!;
      pr += vectors[i * 3 + k]! * m[i]!;
    }
    vAv += (pv * pv) / lam;
    vAr += (pv * pr) / lam;
  }
  if (!(vAv > 0)) return undefined;
  return { tPeak: -vAr / vAv, sigmaT: 1 / Math.sqrt(vAv) };
}

/**
 * Default encounter window (s from TCA): the times where the along-v̂ relative coordinate at TCA,
 * y(t) = y₀ + |v| t, can lie within q·σ_y(t) + R of the sphere, with σ_y(t)² = σ_yy + 2tσ_yv + t²σ_vv
 * (Coppola 2012-style bounds, linear motion), limited to ± maxWindowPeriodFraction of the shorter period.
 */
export function encounterWindowS<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, options: Hall2021Options = {}): [number, number] {
  const mu = options.muKm3S2 ?? EARTH_MU_KM3S2;
  const p = prepare(conj, mu);
  const q = options.windowSigma ?? 8.3;
  const frac = options.maxWindowPeriodFraction ?? 0.5;
  const T1 = (2 * Math.PI) / ellipticOrbit(p.x1, mu).n, T2 = (2 * Math.PI) / ellipticOrbit(p.x2, mu).n;
  const limit = frac * Math.min(T1, T2);
  const { m, P } = relativeAt(p, 0);
  const vn = Math.hypot(m[3]!, m[4]!, m[5]!);
  if (!(vn > 0)) return [-limit, limit];
  const y = [m[3]! / vn, m[4]! / vn, m[5]! / vn];
  const y0 = m[0]! * y[0]! + m[1]! * y[1]! + m[2]! * y[2]!;
  let syy = 0, syv = 0, svv = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      syy += y[i]! * P[i * 6 + j]! * y[j]!;
      syv += y[i]! * P[i * 6 + j + 3]! * y[j]!;
      svv += y[i]! * P[(i + 3) * 6 + j + 3]! * y[j]!;
    }
  }
  const f = (t: number): number => Math.abs(y0 + vn * t) - q * Math.sqrt(Math.max(0, syy + 2 * t * syv + t * t * svv)) - hbrKm;
  const bound = (dir: 1 | -1): number => {
    // Largest |t| ≤ limit with f(t) ≤ 0, found by doubling then bisection.
    let lo = 0;
    let hi = (dir * (Math.abs(y0) + q * Math.sqrt(Math.max(syy, 0)) + hbrKm)) / vn;
    if (!(Math.abs(hi) > 0)) hi = dir * 1e-3;
    let guard = 0;
    while (f(hi) <= 0 && Math.abs(hi) < limit && guard++ < 200) {
      lo = hi;
      hi *= 2;
    }
    if (Math.abs(hi) >= limit && f(dir * limit) <= 0) return dir * limit;
    if (Math.abs(hi) > limit) hi = dir * limit;
    for (let k = 0; k < 100; k++) {
      const mid = 0.5 * (lo + hi);
      if (f(mid) <= 0) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  let lo = bound(-1), hi = bound(1);
  const peak = linearPeak(m, P);
  if (peak !== undefined) {
    lo = Math.max(-limit, Math.min(lo, peak.tPeak - q * peak.sigmaT - hbrKm / vn));
    hi = Math.min(limit, Math.max(hi, peak.tPeak + q * peak.sigmaT + hbrKm / vn));
  }
  return [lo, hi];
}

/**
 * Hall's 3D Pc (Nc3D) from primary and secondary states and 6x6 covariances at TCA (km, km/s, km²,
 * one inertial frame). 3x3 covariances are accepted and mean "no velocity uncertainty".
 */
export function pcHall2021<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, options: Hall2021Options = {}): Hall2021Result {
  if (!(hbrKm >= 0)) throw new ArgumentError('hbrKm must be a non-negative number of kilometres.', hbrKm);
  const mu = options.muKm3S2 ?? EARTH_MU_KM3S2;
  const p = prepare(conj, mu);
  const windowS = options.windowS ?? encounterWindowS(conj, hbrKm, options);
  const [t0, t1] = windowS;
  if (!(t1 > t0)) throw new ArgumentError('windowS must be [start, end] with end > start (seconds from TCA).', windowS);
  let evals = 0;
  const sphereTol = options.sphereRelTol ?? 1e-6;
  const rate = (t: number): number => {
    evals++;
    const { m, P } = relativeAt(p, t);
    return collisionRate(m, P, hbrKm, sphereTol);
  };
  // Break points around the linear-motion peak of the rate (it can be milliseconds wide for fast encounters).
  const rel0 = relativeAt(p, 0);
  const breaks: number[] = [0];
  const peak = linearPeak(rel0.m, rel0.P);
  if (peak !== undefined) {
    // The sphere's own passage time 2R/|v| widens the profile beyond σ_t.
    const vn0 = Math.hypot(rel0.m[3]!, rel0.m[4]!, rel0.m[5]!);
    const wR = vn0 > 0 ? hbrKm / vn0 : 0;
    for (const k of [-8, -4, -2, -1, 0, 1, 2, 4, 8]) breaks.push(peak.tPeak + k * peak.sigmaT, peak.tPeak + k * (peak.sigmaT + wR));
  }
  const span = t1 - t0;
  for (let k = 1; k < 4; k++) breaks.push(t0 + (k * span) / 4);
  const res = integrateAdaptive(rate, t0, t1, breaks, { relTol: options.relTol ?? 1e-6, order: 8, maxSplits: 400 });
  const nc = Math.max(0, res.value);
  return { nc, pc: nc, windowS: [t0, t1], rateEvaluations: evals, primaryCovariance: p.f1, secondaryCovariance: p.f2, method: 'hall2021' };
}
