/**
 * 3D collision probability by time integration of the collision rate (Nc3D), following NASA CARA's Pc3D_Hall.
 *
 * D. T. Hall, "Expected Collision Rates for Tracked Satellites", Journal of Spacecraft and Rockets 58(3), 2021
 * (the Nc/Ṅc formulation and its semi-analytical single-encounter approximation); D. T. Hall, M. D. Hejduk,
 * L. C. Johnson, "Time Dependence of Collision Probabilities During Satellite Conjunctions", AAS 17-271 (2017);
 * D. T. Hall et al., "Implementation Recommendations and Usage Boundaries for the Two-Dimensional Probability of
 * Collision Calculation", AAS 19-632 (2019). The conditional-velocity flux is that of V. T. Coppola, "Including
 * Velocity Uncertainty in the Probability of Collision between Space Objects", AAS 12-247 (2012).
 *
 * Formulation. Nc = ∫ Ṅc(t) dt over the encounter window [Tmin, Tmax], with the expected rate of entry of the
 * relative position into the hard-body sphere of radius R,
 *
 *   Ṅc(t) = R² ∮ p_r(R n̂, t) · E[(−n̂·v)⁺ | r = R n̂] dΩ(n̂),
 *
 * where (r, v) is the relative state (secondary − primary) at t. For a Gaussian relative state N(m, P) with
 * position block A, cross block B (v, r) and velocity block Q: v | r ~ N(v̄ + BA⁻¹(r − r̄), Q − BA⁻¹Bᵀ) and
 * E[(−n̂·v)⁺] = s φ(μ/s) + μ Φ(μ/s), μ = −n̂·v̄_c, s² = n̂ᵀQ_c n̂ (closed form).
 *
 * How each object's PDF at t is obtained (this is what distinguishes Pc3D_Hall from a Cartesian linear
 * propagation, and what reproduces CARA's Nc3D on long, slow and "banana" encounters):
 * 1. Equinoctial elements E = (n, a_f, a_g, χ, ψ, λ_M) at TCA, covariance P_E = J⁻¹P_xJ⁻ᵀ (J = ∂x/∂E, see
 *    equinoctial.ts). Under two-body motion only λ_M = λ₀ + n t changes, so the element Gaussian propagates
 *    exactly: Ē(t), P_E(t) = ΓP_EΓᵀ, Γ = I + t e_λ e_nᵀ. A long in-track uncertainty thus stays on the orbit
 *    (curved) instead of growing along a straight tangent.
 * 2. At each t the Cartesian PDFs are linearised about the most likely states compatible with a collision:
 *    the peak overlap position (POP) iteration of Hall (2021) finds elements X₁, X₂ maximising the joint
 *    likelihood subject to r(X₁) = r(X₂) (see {@link relativeAt}); then x_i ≈ x(X_i) + J_i(E − X_i). Linearising
 *    about the mean states instead (the former implementation) misses CARA's Nc3D by orders of magnitude on
 *    slow encounters with km-scale in-track sigmas.
 * 3. Non-positive-definite inputs are remediated by eigenvalue clipping at zero, first of the Cartesian 6x6 and
 *    then of the equinoctial covariance in correlation form (scale-free); both are reported as flags.
 * 4. The window: Coppola-style linear-motion bounds at TCA (q = 8.3σ, γ ≈ 1e-16 two-sided) widened to cover the
 *    linear-motion rate peak ± qσ_t, and capped at ± half the shorter orbital period ({@link encounterWindowS});
 *    CARA's published Alfano 2009 windows can be passed in `windowS`.
 *
 * Numerics: the sphere integral ({@link collisionRate}) and the time integral are globally adaptive Gauss–Kronrod
 * (7–15) with break points at the features of the integrands; defaults 1e-4 relative (the realised error against
 * 1e-7 runs is below 2e-4 on the 27 CARA CDMs). Everything is computed in a rotated working frame whose pole
 * bisects the two orbit normals, so the equinoctial singularity (i = 180°) is never met; Ṅc is rotation-invariant.
 *
 * Assumptions and known differences:
 * - Keplerian two-body motion from the TCA states (μ = 398600.4418 km³/s²), no drag or J2, as Pc3D_Hall's
 *   default; errors of the two objects uncorrelated;
 * - Nc counts entries into the sphere (Nc ≥ Pc; equal when re-entries are negligible), reported as `pc` too;
 * - on the 27 CARA CDMs CARA's Nc3D is systematically 1.0007–1.0009 times its own Nc2D (Pc2D_Hall) for the
 *   ordinary encounters, and this module lands on Nc2D's side of that offset: ours are 3.5e-4–9e-4 below
 *   NASA's Nc3D, consistently, which we attribute to CARA's quadrature settings rather than to the model.
 * Units: km, km/s, s.
 */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName } from '../math/vec3.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import type { Covariance3, Covariance6 } from '../covariance/types.ts';
import { congruence } from '../covariance/rtn.ts';
import { remediateSymmetric, symmetricEigen, type CovarianceRemediation } from '../covariance/eigen.ts';
import { integrateGK15 } from './quadrature.ts';
import { erfc } from './special.ts';
import { ellipticOrbit } from './twobody.ts';
import { cartesianToEquinoctial, equinoctialJacobian } from './equinoctial.ts';
import type { ConjunctionAtTca } from './encounter.ts';

/** Options of {@link pcHall2021}. */
export interface Hall2021Options {
  /** Integration window [start, end] in seconds relative to TCA. Default: {@link encounterWindowS}. */
  readonly windowS?: readonly [number, number];
  /** Gravitational parameter (km³/s²). Default Earth, 398600.4418. */
  readonly muKm3S2?: number;
  /** Relative tolerance of the time integral. Default 1e-4. */
  readonly relTol?: number;
  /** Relative tolerance of the sphere integral (relative to the rate near its peak). Default 1e-4. */
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

/** Dense row-major product C = A·B (A: r x k, B: k x c). */
function mul(A: ArrayLike<number>, B: ArrayLike<number>, r: number, k: number, c: number): Float64Array {
  const C = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let l = 0; l < k; l++) {
      const a = A[i * k + l]!;
      if (a === 0) continue;
      for (let j = 0; j < c; j++) C[i * c + j]! += a * B[l * c + j]!;
    }
  }
  return C;
}

/** Inverse of an n x n row-major matrix by Gauss–Jordan elimination with partial pivoting. */
function inverse(A: ArrayLike<number>, n: number): Float64Array {
  const M = Float64Array.from(A as ArrayLike<number>);
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]!) > Math.abs(M[p * n + c]!)) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) {
        let t = M[c * n + j]!; M[c * n + j] = M[p * n + j]!; M[p * n + j] = t;
        t = I[c * n + j]!; I[c * n + j] = I[p * n + j]!; I[p * n + j] = t;
      }
    }
    const d = M[c * n + c]!;
    if (d === 0) throw new ArgumentError('Singular matrix in the 3D Pc linearisation.', c);
    for (let j = 0; j < n; j++) { M[c * n + j]! /= d; I[c * n + j]! /= d; }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r * n + c]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) { M[r * n + j]! -= f * M[c * n + j]!; I[r * n + j]! -= f * I[c * n + j]!; }
    }
  }
  return I;
}

/** One object's TCA state in equinoctial elements with its (remediated) equinoctial covariance. */
interface EqObject {
  readonly E: Float64Array;
  readonly PE: Float64Array;
  readonly flags: CovarianceRemediation;
}

/** Prepared two-object problem: TCA states, Cartesian and equinoctial covariances. */
interface Prepared {
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly P1: Float64Array;
  readonly P2: Float64Array;
  readonly o1: EqObject;
  readonly o2: EqObject;
  readonly mu: number;
  readonly f1: CovarianceRemediation;
  readonly f2: CovarianceRemediation;
}

/**
 * Equinoctial mean and covariance of one object: P_E = J⁻¹ P_x J⁻ᵀ with J = ∂x/∂E at the mean. Non-positive-
 * semidefinite results are remediated by clipping the eigenvalues of the correlation form D⁻¹P_E D⁻¹
 * (D = diag(√P_E,ii)) at zero, so that the very different scales of n (rad/s) and λ (rad) do not decide which
 * eigenvalues are clipped.
 */
function toEquinoctial(x: Float64Array, P: Float64Array, mu: number): EqObject {
  const E = cartesianToEquinoctial(x, mu);
  const { J } = equinoctialJacobian(E, mu);
  const Ji = inverse(J, 6);
  const PE = congruence(Ji, P, 6);
  const d = new Float64Array(6);
  for (let i = 0; i < 6; i++) d[i] = Math.sqrt(Math.max(PE[i * 7]!, 0)) || 1;
  const C = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) C[i * 6 + j] = PE[i * 6 + j]! / (d[i]! * d[j]!);
  const rem = remediateSymmetric(C, 6);
  if (rem.flags.remediated) for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) PE[i * 6 + j] = rem.m[i * 6 + j]! * d[i]! * d[j]!;
  return { E, PE, flags: rem.flags };
}

/**
 * Working frame (rows x', y', z'): the input frame itself, as CARA uses (a Gaussian in equinoctial elements is
 * not exactly rotation-invariant: on the CARA CDMs a rotated frame moves Nc3D by up to ~2e-3 relative), unless
 * an orbit is within ~25° of the i = 180° singularity (cos i < −0.9); then z' is the bisector of the two orbit
 * normals, so that both inclinations become < 90°. Two-body motion and Ṅc are otherwise invariant under rotation.
 */
function workingFrame(x1: Float64Array, x2: Float64Array): Float64Array | undefined {
  const h = (x: Float64Array): number[] => {
    const hx = x[1]! * x[5]! - x[2]! * x[4]!, hy = x[2]! * x[3]! - x[0]! * x[5]!, hz = x[0]! * x[4]! - x[1]! * x[3]!;
    const n = Math.hypot(hx, hy, hz);
    return [hx / n, hy / n, hz / n];
  };
  const h1 = h(x1), h2 = h(x2);
  if (h1[2]! > -0.9 && h2[2]! > -0.9) return undefined;
  let z = [h1[0]! + h2[0]!, h1[1]! + h2[1]!, h1[2]! + h2[2]!];
  let zn = Math.hypot(z[0]!, z[1]!, z[2]!);
  if (zn < 0.5) {
    // Nearly opposite normals: any axis perpendicular to h1 puts both orbits near i = 90°.
    const a = Math.abs(h1[0]!) < 0.6 ? [1, 0, 0] : [0, 1, 0];
    z = [h1[1]! * a[2]! - h1[2]! * a[1]!, h1[2]! * a[0]! - h1[0]! * a[2]!, h1[0]! * a[1]! - h1[1]! * a[0]!];
    zn = Math.hypot(z[0]!, z[1]!, z[2]!);
  }
  z = [z[0]! / zn, z[1]! / zn, z[2]! / zn];
  const a = Math.abs(z[0]!) < 0.6 ? [1, 0, 0] : [0, 1, 0];
  let x = [a[1]! * z[2]! - a[2]! * z[1]!, a[2]! * z[0]! - a[0]! * z[2]!, a[0]! * z[1]! - a[1]! * z[0]!];
  const xn = Math.hypot(x[0]!, x[1]!, x[2]!);
  x = [x[0]! / xn, x[1]! / xn, x[2]! / xn];
  const y = [z[1]! * x[2]! - z[2]! * x[1]!, z[2]! * x[0]! - z[0]! * x[2]!, z[0]! * x[1]! - z[1]! * x[0]!];
  return Float64Array.from([...x, ...y, ...z]);
}

/** 6x6 block-diagonal rotation diag(Rm, Rm) applied to a state and a covariance. */
function rotate6(Rm: Float64Array, x: Float64Array, P: Float64Array): { x: Float64Array; P: Float64Array } {
  const G = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      G[i * 6 + j] = Rm[i * 3 + j]!;
      G[(i + 3) * 6 + j + 3] = Rm[i * 3 + j]!;
    }
  }
  return { x: mul(G, x, 6, 6, 1), P: congruence(G, P, 6) };
}

function prepare<F extends FrameName>(conj: ConjunctionAtTca<F>, mu: number): Prepared {
  const x1 = Float64Array.from([...conj.primary.r, ...conj.primary.v]);
  const x2 = Float64Array.from([...conj.secondary.r, ...conj.secondary.v]);
  const r1 = remediateSymmetric(as6(conj.primary.cov), 6);
  const r2 = remediateSymmetric(as6(conj.secondary.cov), 6);
  const Rm = workingFrame(x1, x2);
  const w1 = Rm === undefined ? { x: x1, P: r1.m } : rotate6(Rm, x1, r1.m);
  const w2 = Rm === undefined ? { x: x2, P: r2.m } : rotate6(Rm, x2, r2.m);
  const o1 = toEquinoctial(w1.x, w1.P, mu), o2 = toEquinoctial(w2.x, w2.P, mu);
  return { x1, x2, P1: r1.m, P2: r2.m, o1, o2, mu, f1: r1.flags, f2: r2.flags };
}

/** Equinoctial mean and covariance at t: λ(t) = λ₀ + n t, P(t) = Γ P Γᵀ with Γ = I + t e_λ e_nᵀ (exact for two-body). */
function propagateEq(o: EqObject, t: number): { E: Float64Array; P: Float64Array } {
  const E = Float64Array.from(o.E);
  E[5] = E[5]! + E[0]! * t;
  const G = new Float64Array(36);
  for (let i = 0; i < 6; i++) G[i * 7] = 1;
  G[30] = t;
  return { E, P: congruence(G, o.PE, 6) };
}

/** Number of peak-overlap iterations and their convergence threshold (km on the peak position). */
const POP_MAX_ITER = 30;

/**
 * Relative mean state and combined covariance at t (s from TCA), each object's Cartesian PDF linearised about
 * its most likely state consistent with the two objects being at the same place: the peak overlap position
 * (POP). Iteration k: with r_i ≈ r(X_i) + M_i(E − X_i) (M_i = ∂r/∂E at X_i), the position PDFs are N(μ_i, A_i),
 * A_i = M_i P_i M_iᵀ; their product peaks where the maximum-likelihood elements under the constraint r₁ = r₂ are
 * X₁ = Ē₁ + P₁M₁ᵀ(A₁+A₂)⁻¹(μ₂−μ₁), X₂ = Ē₂ − P₂M₂ᵀ(A₁+A₂)⁻¹(μ₂−μ₁). At convergence the states are
 * x_i ≈ x(X_i) + J_i(E − X_i) with J_i = ∂x/∂E at X_i, i.e. Gaussian with mean x(X_i) + J_i(Ē_i − X_i) and
 * covariance J_i P_i J_iᵀ.
 */
function relativeAt(p: Prepared, t: number): { m: Float64Array; P: Float64Array } {
  const a = propagateEq(p.o1, t), b = propagateEq(p.o2, t);
  let X1 = Float64Array.from(a.E), X2 = Float64Array.from(b.E);
  let j1 = equinoctialJacobian(X1, p.mu), j2 = equinoctialJacobian(X2, p.mu);
  let prev = Infinity;
  for (let it = 0; it < POP_MAX_ITER; it++) {
    const M1 = j1.J.subarray(0, 18), M2 = j2.J.subarray(0, 18);
    const d1 = new Float64Array(6), d2 = new Float64Array(6);
    for (let i = 0; i < 6; i++) { d1[i] = a.E[i]! - X1[i]!; d2[i] = b.E[i]! - X2[i]!; }
    const mu1 = mul(M1, d1, 3, 6, 1), mu2 = mul(M2, d2, 3, 6, 1);
    for (let i = 0; i < 3; i++) { mu1[i]! += j1.x[i]!; mu2[i]! += j2.x[i]!; }
    const PM1 = mul(a.P, transpose(M1, 3, 6), 6, 6, 3), PM2 = mul(b.P, transpose(M2, 3, 6), 6, 6, 3);
    const S = mul(M1, PM1, 3, 6, 3), S2 = mul(M2, PM2, 3, 6, 3);
    for (let k = 0; k < 9; k++) S[k]! += S2[k]!;
    const dm = new Float64Array(3);
    for (let i = 0; i < 3; i++) dm[i] = mu2[i]! - mu1[i]!;
    const w = mul(inverse(S, 3), dm, 3, 3, 1);
    const u1 = mul(PM1, w, 6, 3, 1), u2 = mul(PM2, w, 6, 3, 1);
    const N1 = new Float64Array(6), N2 = new Float64Array(6);
    for (let i = 0; i < 6; i++) { N1[i] = a.E[i]! + u1[i]!; N2[i] = b.E[i]! - u2[i]!; }
    X1 = N1;
    X2 = N2;
    const o1 = j1.x, o2 = j2.x;
    j1 = equinoctialJacobian(X1, p.mu);
    j2 = equinoctialJacobian(X2, p.mu);
    const step = Math.hypot(j1.x[0]! - o1[0]!, j1.x[1]! - o1[1]!, j1.x[2]! - o1[2]!) + Math.hypot(j2.x[0]! - o2[0]!, j2.x[1]! - o2[1]!, j2.x[2]! - o2[2]!);
    if (step < 1e-9 || step >= prev) break;
    prev = step;
  }
  const m = new Float64Array(6);
  const d1 = new Float64Array(6), d2 = new Float64Array(6);
  for (let i = 0; i < 6; i++) { d1[i] = a.E[i]! - X1[i]!; d2[i] = b.E[i]! - X2[i]!; }
  const e1 = mul(j1.J, d1, 6, 6, 1), e2 = mul(j2.J, d2, 6, 6, 1);
  for (let i = 0; i < 6; i++) m[i] = j2.x[i]! + e2[i]! - j1.x[i]! - e1[i]!;
  const Pa = congruence(j1.J, a.P, 6), Pb = congruence(j2.J, b.P, 6);
  const P = new Float64Array(36);
  for (let k = 0; k < 36; k++) P[k] = Pa[k]! + Pb[k]!;
  return { m, P };
}

function transpose(A: ArrayLike<number>, r: number, c: number): Float64Array {
  const T = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j * r + i] = A[i * c + j]!;
  return T;
}

/** Truncation of the Gaussian band in the sphere integral, in standard deviations (tail mass < 1e-20). */
const BAND_SIGMAS = 9.5;

/**
 * Collision rate Ṅc (1/s) for a relative state with mean m (6) and covariance P (6x6, row-major), HBR R (km):
 * Ṅc = R² ∮ p_r(Rn̂) E[(−n̂·v)⁺ | r = Rn̂] dΩ (Coppola 2012; Hall 2021, eq. for the unit-sphere integral).
 *
 * Quadrature: the pole is the thinnest principal axis t̂ of the position covariance A (eigenvalues λ₁ ≤ λ₂ ≤ λ₃),
 * so the sharpest feature of the density, the band |R u − t̂·r̄| ≲ σ₁, is a range of u = t̂·n̂ alone. The u range
 * is cut to that band (±{@link BAND_SIGMAS} σ₁; the rest of the sphere carries less than e^(−45) of the peak).
 * For each u, the azimuth is split where the flux switches on, n̂·w = 0 with w = v̄ − K r̄ the conditional mean
 * velocity at the sphere's centre (a kink when the velocity uncertainty is small), and near the density's azimuthal
 * peak. Both levels are globally adaptive Gauss–Legendre to `sphereRelTol`. Exported for tests and plots.
 */
export function collisionRate(m: ArrayLike<number>, P: ArrayLike<number>, R: number, sphereRelTol = 1e-7, absTol = 0): number {
  const A = [P[0]!, P[1]!, P[2]!, P[6]!, P[7]!, P[8]!, P[12]!, P[13]!, P[14]!];
  const eig = symmetricEigen(A, 3);
  const lmax = Math.max(eig.values[2]!, 0);
  if (!(lmax > 0) || !(R > 0)) return 0;
  const lam = Array.from(eig.values, (x) => Math.max(x, 1e-14 * lmax, 1e-30));
  const V = eig.vectors; // columns, ascending eigenvalues
  // Principal frame: e1 = thinnest axis (pole), e2, e3 the others; c = principal coordinates of r̄.
  const e1 = [V[0]!, V[3]!, V[6]!], e2 = [V[1]!, V[4]!, V[7]!], e3 = [V[2]!, V[5]!, V[8]!];
  const dot = (a: readonly number[], b: ArrayLike<number>): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const rbar = [m[0]!, m[1]!, m[2]!];
  const c1 = dot(e1, rbar), c2 = dot(e2, rbar), c3 = dot(e3, rbar);
  const s1 = Math.sqrt(lam[0]!);
  const uLo = Math.max(-1, (c1 - BAND_SIGMAS * s1) / R), uHi = Math.min(1, (c1 + BAND_SIGMAS * s1) / R);
  if (!(uHi > uLo)) return 0;
  // A⁻¹ in the world frame; conditional velocity v | r ~ N(v̄ + K(r − r̄), Qc), K = B A⁻¹, Qc = Q − K Bᵀ.
  const Ai = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (V[i * 3 + k]! * V[j * 3 + k]!) / lam[k]!;
      Ai[i * 3 + j] = s;
    }
  }
  const B = [P[18]!, P[19]!, P[20]!, P[24]!, P[25]!, P[26]!, P[30]!, P[31]!, P[32]!];
  const K = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) K[i * 3 + j] = B[i * 3]! * Ai[j]! + B[i * 3 + 1]! * Ai[3 + j]! + B[i * 3 + 2]! * Ai[6 + j]!;
  const Qc = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      Qc[i * 3 + j] = P[(i + 3) * 6 + j + 3]! - (K[i * 3]! * B[j * 3]! + K[i * 3 + 1]! * B[j * 3 + 1]! + K[i * 3 + 2]! * B[j * 3 + 2]!);
    }
  }
  // Everything in the principal frame (coordinates along e1, e2, e3).
  const E = [e1, e2, e3];
  const Kp = new Float64Array(9), Qp = new Float64Array(9);
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      let sk = 0, sq = 0;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          sk += E[a]![i]! * K[i * 3 + j]! * E[b]![j]!;
          sq += E[a]![i]! * Qc[i * 3 + j]! * E[b]![j]!;
        }
      }
      Kp[a * 3 + b] = sk;
      Qp[a * 3 + b] = sq;
    }
  }
  const vb = [m[3]!, m[4]!, m[5]!];
  const vp = [dot(e1, vb), dot(e2, vb), dot(e3, vb)];
  // w = v̄ − K r̄ (principal frame): the flux switches on near n̂·w = 0.
  const w = [0, 1, 2].map((a) => vp[a]! - (Kp[a * 3]! * c1 + Kp[a * 3 + 1]! * c2 + Kp[a * 3 + 2]! * c3));
  const il1 = 1 / lam[0]!, il2 = 1 / lam[1]!, il3 = 1 / lam[2]!;
  const norm = 1 / (Math.pow(2 * Math.PI, 1.5) * Math.sqrt(lam[0]! * lam[1]! * lam[2]!));
  const integrand = (u: number, st: number, phi: number): number => {
    const n1 = u, n2 = st * Math.cos(phi), n3 = st * Math.sin(phi);
    const d1 = R * n1 - c1, d2 = R * n2 - c2, d3 = R * n3 - c3;
    const q = d1 * d1 * il1 + d2 * d2 * il2 + d3 * d3 * il3;
    if (q > 1400) return 0;
    const dens = norm * Math.exp(-0.5 * q);
    const vc1 = vp[0]! + Kp[0]! * d1 + Kp[1]! * d2 + Kp[2]! * d3;
    const vc2 = vp[1]! + Kp[3]! * d1 + Kp[4]! * d2 + Kp[5]! * d3;
    const vc3 = vp[2]! + Kp[6]! * d1 + Kp[7]! * d2 + Kp[8]! * d3;
    const mu = -(n1 * vc1 + n2 * vc2 + n3 * vc3);
    const s2 =
      n1 * (Qp[0]! * n1 + Qp[1]! * n2 + Qp[2]! * n3) + n2 * (Qp[3]! * n1 + Qp[4]! * n2 + Qp[5]! * n3) + n3 * (Qp[6]! * n1 + Qp[7]! * n2 + Qp[8]! * n3);
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
  const wr = Math.hypot(w[1]!, w[2]!), wa = Math.atan2(w[2]!, w[1]!);
  // Azimuth of the density peak in the (e2, e3) plane and its angular width at radius R√(1−u²).
  const pa = Math.atan2(c3 * il3, c2 * il2);
  const s2min = Math.sqrt(lam[1]!);
  const R2 = R * R;
  // Absolute tolerance of each azimuthal integral (Infinity: first, loose pass at 1e-2 relative).
  let innerAbsTol = Infinity;
  const inner = (u: number): number => {
    const st = Math.sqrt(Math.max(0, 1 - u * u));
    const breaks: number[] = [];
    if (wr > 0 && st > 0) {
      const cc = (-u * w[0]!) / (st * wr);
      if (Math.abs(cc) < 1) {
        const d = Math.acos(cc);
        breaks.push(wa + d, wa - d);
      }
    }
    const rho = R * st;
    if (rho > 0 && s2min < rho) {
      const dw = Math.min(Math.PI / 2, (3 * s2min) / rho);
      breaks.push(pa, pa - dw, pa + dw);
    }
    const base = pa + Math.PI; // the density minimum: a safe seam
    const pts = breaks.map((x) => {
      let y = x;
      while (y <= base) y += 2 * Math.PI;
      while (y > base + 2 * Math.PI) y -= 2 * Math.PI;
      return y;
    });
    return integrateGK15((phi) => integrand(u, st, phi), base, base + 2 * Math.PI, pts, { relTol: innerAbsTol === Infinity ? 1e-2 : sphereRelTol, absTol: innerAbsTol === Infinity ? 0 : innerAbsTol, maxSplits: 200 }).value;
  };
  const uBreaks: number[] = [];
  const uc = c1 / R;
  for (const k of [-3, 0, 3]) uBreaks.push(uc + (k * s1) / R);
  const ub = s1 < R ? uBreaks : [];
  // Inner integrals need only an absolute accuracy relative to the whole: unless the caller gives the absolute
  // tolerance (of Ṅc), a first pass at a loose tolerance gives the scale; inner absTol = 0.1·tol/(u range).
  if (absTol > 0) {
    innerAbsTol = (0.1 * absTol) / R2 / (uHi - uLo);
  } else {
    const first = integrateGK15(inner, uLo, uHi, ub, { relTol: 1e-2, maxSplits: 50 }).value;
    if (!(first > 0)) return 0;
    innerAbsTol = (0.1 * sphereRelTol * first) / (uHi - uLo);
  }
  const outer = integrateGK15(inner, uLo, uHi, ub, { relTol: sphereRelTol, absTol: absTol / R2, maxSplits: 200 });
  return R2 * outer.value;
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
  const sphereTol = options.sphereRelTol ?? 1e-4;
  let sphereAbs = 0;
  const rate = (t: number): number => {
    evals++;
    const { m, P } = relativeAt(p, t);
    return collisionRate(m, P, hbrKm, sphereTol, sphereAbs);
  };
  // Break points around the linear-motion peak of the rate (it can be milliseconds wide for fast encounters); the
  // sphere's own passage time R/|v| widens the profile beyond σ_t.
  const rel0 = relativeAt(p, 0);
  const breaks: number[] = [];
  const peak = linearPeak(rel0.m, rel0.P);
  if (peak !== undefined) {
    const vn0 = Math.hypot(rel0.m[3]!, rel0.m[4]!, rel0.m[5]!);
    const w = peak.sigmaT + (vn0 > 0 ? hbrKm / vn0 : 0);
    for (const k of [-4, 0, 4]) breaks.push(peak.tPeak + k * w);
    // The rate near its (linear-motion) peak sets the absolute accuracy needed of each sphere integral.
    const tp = Math.min(t1, Math.max(t0, peak.tPeak));
    sphereAbs = sphereTol * rate(tp);
  }
  const res = integrateGK15(rate, t0, t1, breaks, { relTol: options.relTol ?? 1e-4, maxSplits: 400 });
  const nc = Math.max(0, res.value);
  return { nc, pc: nc, windowS: [t0, t1], rateEvaluations: evals, primaryCovariance: p.f1, secondaryCovariance: p.f2, method: 'hall2021' };
}
