/** Small dense helpers for correlation: symmetric 3×3 and 2×2 matrices as row-major number arrays. */

/** Inverse of a symmetric 3×3 matrix (row-major), or undefined when singular. */
export function invert3(m: readonly number[]): number[] | undefined {
  const [a, b, c, , e, f, , , i] = m as [number, number, number, number, number, number, number, number, number];
  const d = m[3]!, g = m[6]!, h = m[7]!;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return undefined;
  const k = 1 / det;
  return [A * k, -(b * i - c * h) * k, (b * f - c * e) * k, B * k, (a * i - c * g) * k, -(a * f - c * d) * k, C * k, -(a * h - b * g) * k, (a * e - b * d) * k];
}

/** xᵀ M x for a 3-vector. */
export function quad3(m: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) s += x[r]! * m[r * 3 + c]! * x[c]!;
  return s;
}

/** Covariance Rᵀ diag(σ²) R of a diagonal covariance given along three orthonormal axes (rows of R). */
export function covFromAxes(axes: readonly (readonly number[])[], sigmas: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let k = 0; k < 3; k++) {
    const s2 = sigmas[k]! * sigmas[k]!;
    const u = axes[k]!;
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c]! += s2 * u[r]! * u[c]!;
  }
  return out;
}
