/**
 * Two-body (Keplerian) propagation with the universal variable χ (Vallado 2013, Algorithm 8 "KEPLER"; Bate, Mueller &
 * White 1971 §4.4; Curtis 2014 Algorithm 3.4): valid for ellipses, parabolas and hyperbolas. Returns the new state and
 * the Lagrange coefficients f, g, ḟ, ġ (r = f r0 + g v0, v = ḟ r0 + ġ v0) that Gauss's angles-only refinement uses.
 * km, km/s, s; vectors in any inertial frame.
 */
type V = readonly [number, number, number];

/** Stumpff functions C(z) = (1 − cos√z)/z and S(z) = (√z − sin√z)/√z³ (series near 0). */
export function stumpffCS(z: number): { C: number; S: number } {
  if (z > 1e-6) {
    const s = Math.sqrt(z);
    return { C: (1 - Math.cos(s)) / z, S: (s - Math.sin(s)) / (s * s * s) };
  }
  if (z < -1e-6) {
    const s = Math.sqrt(-z);
    return { C: (Math.cosh(s) - 1) / -z, S: (Math.sinh(s) - s) / (s * s * s) };
  }
  return { C: 1 / 2 - z / 24 + (z * z) / 720, S: 1 / 6 - z / 120 + (z * z) / 5040 };
}

export interface KeplerResult {
  readonly r: [number, number, number];
  readonly v: [number, number, number];
  readonly f: number;
  readonly g: number;
  readonly fDot: number;
  readonly gDot: number;
}

/** Propagates (r0, v0) by `dtS` seconds on a two-body conic of gravitational parameter `mu` (km³/s²). */
export function keplerUniversal(r0: V, v0: V, dtS: number, mu: number): KeplerResult {
  const r0n = Math.hypot(r0[0], r0[1], r0[2]);
  const vr0 = (r0[0] * v0[0] + r0[1] * v0[1] + r0[2] * v0[2]) / r0n;
  const alpha = 2 / r0n - (v0[0] * v0[0] + v0[1] * v0[1] + v0[2] * v0[2]) / mu; // 1/a
  const sqmu = Math.sqrt(mu);
  let chi = alpha > 1e-12 ? sqmu * Math.abs(alpha) * dtS : (sqmu * dtS) / r0n;
  let C = 0.5;
  let S = 1 / 6;
  for (let k = 0; k < 100; k++) {
    const z = alpha * chi * chi;
    ({ C, S } = stumpffCS(z));
    const F = ((r0n * vr0) / sqmu) * chi * chi * C + (1 - alpha * r0n) * chi * chi * chi * S + r0n * chi - sqmu * dtS;
    const dF = ((r0n * vr0) / sqmu) * chi * (1 - z * S) + (1 - alpha * r0n) * chi * chi * C + r0n;
    const step = F / dF;
    chi -= step;
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(chi))) break;
  }
  const z = alpha * chi * chi;
  ({ C, S } = stumpffCS(z));
  const f = 1 - ((chi * chi) / r0n) * C;
  const g = dtS - (chi * chi * chi * S) / sqmu;
  const r: [number, number, number] = [f * r0[0] + g * v0[0], f * r0[1] + g * v0[1], f * r0[2] + g * v0[2]];
  const rn = Math.hypot(r[0], r[1], r[2]);
  const fDot = (sqmu / (rn * r0n)) * (alpha * chi * chi * chi * S - chi);
  const gDot = 1 - ((chi * chi) / rn) * C;
  const v: [number, number, number] = [fDot * r0[0] + gDot * v0[0], fDot * r0[1] + gDot * v0[1], fDot * r0[2] + gDot * v0[2]];
  return { r, v, f, g, fDot, gDot };
}
