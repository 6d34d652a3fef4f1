/** Small dense linear algebra for the estimators: symmetric positive-definite solve and inverse by Cholesky, row-major Float64Array. */
import { SkylaneError } from '../errors/index.ts';

/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major), by Jacobi-scaled Cholesky: S = D N D with
 * D = diag(N)^−½, N⁻¹ = D S⁻¹ D. Throws `ELEMENTS_INVALID` when the matrix is not positive definite (an unobservable
 * parameter: drop it from the estimate or add an a priori).
 */
export function invertSpd(nIn: Float64Array, n: number, labels?: readonly string[]): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = nIn[i * n + i]!;
    if (!(v > 0)) throw new SkylaneError('ELEMENTS_INVALID', `The normal matrix has no information on ${labels?.[i] ?? `parameter ${i}`}: no measurement depends on it. Drop it from --estimate or add measurements that see it.`, labels?.[i]);
    d[i] = 1 / Math.sqrt(v);
  }
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = nIn[i * n + j]! * d[i]! * d[j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-14)) throw new SkylaneError('ELEMENTS_INVALID', `The normal matrix is singular at ${labels?.[i] ?? `parameter ${i}`}: it cannot be separated from the other estimated parameters with these measurements. Drop it from --estimate or add measurements.`, labels?.[i]);
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  // inverse of L, then S⁻¹ = L⁻ᵀ L⁻¹
  const li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    li[i * n + i] = 1 / l[i * n + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k]! * li[k * n + j]!;
      li[i * n + j] = s / l[i * n + i]!;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k * n + i]! * li[k * n + j]!;
      const v = s * d[i]! * d[j]!;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** y = A x for a row-major n×n A. */
export function matVec(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}
