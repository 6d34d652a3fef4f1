/** Symmetric eigen-decomposition (cyclic Jacobi), positive-definiteness check and eigenvalue-clipping remediation. */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName } from '../math/vec3.ts';
import type { Covariance3, Covariance6 } from './types.ts';

/** Eigenvalues (ascending) and unit eigenvectors (column k of the row-major `vectors` pairs with `values[k]`). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of a real symmetric n x n row-major matrix by the cyclic Jacobi method with
 * Rutishauser's stable rotation formulas (Golub & Van Loan, Matrix Computations, 4th ed., §8.5).
 * Converges quadratically; accurate to a few ulps of the matrix norm. Only the upper triangle's
 * symmetric part is used (the input is symmetrised first).
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new ArgumentError(`symmetricEigen needs ${n * n} values, got ${a.length}.`, a.length);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i]! * A[i * n + i]!;
      for (let j = i + 1; j < n; j++) off += A[i * n + j]! * A[i * n + j]!;
    }
    if (off === 0 || off <= 1e-36 * diag) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const app = A[p * n + p]!, aqq = A[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!, akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!, aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!, vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i]! - A[j * n + j]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src]!;
  });
  return { values, vectors };
}

/** Rebuilds V·diag(λ)·Vᵀ (symmetric, row-major). */
export function fromEigen(values: ArrayLike<number>, vectors: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** What {@link remediateCovariance} found and did. Always returned, never discarded. */
export interface CovarianceRemediation {
  /** True when every eigenvalue of the input was above the clipping floor (no change made). */
  readonly positiveDefinite: boolean;
  /** True when at least one eigenvalue was raised to the floor. */
  readonly remediated: boolean;
  /** The original eigenvalues that were clipped (same units as the matrix). */
  readonly clippedEigenvalues: readonly number[];
  /** All original eigenvalues, ascending. */
  readonly eigenvalues: readonly number[];
  /** The floor used. */
  readonly floor: number;
}

/** Options of {@link remediateCovariance}. */
export interface RemediationOptions {
  /** Absolute eigenvalue floor (matrix units, e.g. km²). Default 0: negative eigenvalues become 0 (PSD result). */
  readonly floor?: number;
  /** Relative floor: eigenvalues below relativeFloor·λmax are clipped too. Default 0. */
  readonly relativeFloor?: number;
}

/**
 * Positive-definiteness check and remediation by eigenvalue clipping (Hall et al., "Covariance remediation",
 * as used by NASA CARA: eigenvalues below a floor are raised to the floor, eigenvectors kept).
 * Returns the remediated matrix (a copy) and the flags.
 */
export function remediateSymmetric(a: ArrayLike<number>, n: number, options: RemediationOptions = {}): { m: Float64Array; flags: CovarianceRemediation } {
  const { values, vectors } = symmetricEigen(a, n);
  const lmax = Math.max(0, values[n - 1]!);
  const floor = Math.max(options.floor ?? 0, (options.relativeFloor ?? 0) * lmax);
  const clipped: number[] = [];
  const fixed = Float64Array.from(values);
  for (let k = 0; k < n; k++) {
    if (fixed[k]! < floor || (floor === 0 && fixed[k]! < 0)) {
      clipped.push(fixed[k]!);
      fixed[k] = floor;
    }
  }
  const positiveDefinite = values[0]! > 0 && clipped.length === 0;
  const m = clipped.length > 0 ? fromEigen(fixed, vectors, n) : Float64Array.from(a);
  return {
    m,
    flags: { positiveDefinite, remediated: clipped.length > 0, clippedEigenvalues: clipped, eigenvalues: Array.from(values), floor },
  };
}

/** {@link remediateSymmetric} for a typed 3x3 or 6x6 covariance. */
export function remediateCovariance<F extends FrameName, C extends Covariance3<F> | Covariance6<F>>(
  c: C,
  options: RemediationOptions = {},
): { covariance: C; flags: CovarianceRemediation } {
  const n = c.m.length === 9 ? 3 : 6;
  const { m, flags } = remediateSymmetric(c.m, n, options);
  return { covariance: { m } as C, flags };
}

/** True when the symmetric matrix is positive definite (smallest Jacobi eigenvalue > 0). */
export function isPositiveDefinite(a: ArrayLike<number>, n: number): boolean {
  return symmetricEigen(a, n).values[0]! > 0;
}
