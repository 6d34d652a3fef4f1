/** Analytic two-body reference for the numerical-propagation tests (Kepler's equation and Lagrange f, g; Vallado §2.3). */
export function keplerState(mu: number, s0: ArrayLike<number>, t: number): Float64Array {
  const r0v = [s0[0]!, s0[1]!, s0[2]!];
  const v0v = [s0[3]!, s0[4]!, s0[5]!];
  const r0 = Math.hypot(...r0v);
  const v2 = v0v[0]! ** 2 + v0v[1]! ** 2 + v0v[2]! ** 2;
  const a = 1 / (2 / r0 - v2 / mu);
  const rv = r0v[0]! * v0v[0]! + r0v[1]! * v0v[1]! + r0v[2]! * v0v[2]!;
  const ecosE0 = 1 - r0 / a;
  const esinE0 = rv / Math.sqrt(mu * a);
  const e = Math.hypot(ecosE0, esinE0);
  const E0 = Math.atan2(esinE0, ecosE0);
  const n = Math.sqrt(mu / (a * a * a));
  const M = E0 - esinE0 + n * t;
  let E = M;
  for (let k = 0; k < 50; k++) {
    const dE = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= dE;
    if (Math.abs(dE) < 1e-15) break;
  }
  const dE = E - E0;
  const f = 1 - (a / r0) * (1 - Math.cos(dE));
  const g = t - (dE - Math.sin(dE)) / n;
  const out = new Float64Array(6);
  for (let i = 0; i < 3; i++) out[i] = f * r0v[i]! + g * v0v[i]!;
  const r = Math.hypot(out[0]!, out[1]!, out[2]!);
  const fd = (-Math.sqrt(mu * a) * Math.sin(dE)) / (r * r0);
  const gd = 1 - (a / r) * (1 - Math.cos(dE));
  for (let i = 0; i < 3; i++) out[3 + i] = fd * r0v[i]! + gd * v0v[i]!;
  return out;
}

export function posErr(a: ArrayLike<number>, b: ArrayLike<number>, ao = 0, bo = 0): number {
  return Math.hypot(a[ao]! - b[bo]!, a[ao + 1]! - b[bo + 1]!, a[ao + 2]! - b[bo + 2]!);
}
export function velErr(a: ArrayLike<number>, b: ArrayLike<number>, ao = 0, bo = 0): number {
  return posErr(a, b, ao + 3, bo + 3);
}
