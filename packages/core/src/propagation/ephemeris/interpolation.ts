/**
 * Polynomial interpolation of tabulated states (CCSDS OEM INTERPOLATION = LAGRANGE / HERMITE), on a window of nodes.
 *
 * Lagrange, degree d (d + 1 nodes): each of the six components is interpolated independently,
 *   p(t) = Σ_k f_k · L_k(t),   L_k(t) = Π_{m≠k} (t − t_m)/(t_k − t_m)
 * (positions and velocities both from the table, as the standard's usage and most producers assume).
 *
 * Hermite, degree 2n − 1 (n nodes): the position polynomial matches positions and velocities at every node
 * (Newton divided differences on doubled nodes, Burden & Faires, "Numerical Analysis", §3.4); the velocity is its
 * derivative, evaluated together with it by Horner's scheme.
 *
 * Error of either, for a smooth f: |f^(p)(ξ)|/p! · Π|t − z_j| over the p = d + 1 interpolation conditions.
 */

/** How an ephemeris is interpolated. */
export type EphemerisInterpolation = 'LAGRANGE' | 'HERMITE';

/** Number of nodes a method of `degree` uses (Lagrange d + 1; Hermite (d + 1)/2, rounded up). */
export function nodesForDegree(method: EphemerisInterpolation, degree: number): number {
  return method === 'LAGRANGE' ? degree + 1 : Math.ceil((degree + 1) / 2);
}

/** Scratch space of one interpolator (Hermite divided differences on at most `maxNodes` doubled nodes). */
export class InterpolationScratch {
  readonly z: Float64Array;
  readonly q: Float64Array;
  constructor(maxNodes: number) {
    this.z = new Float64Array(2 * maxNodes);
    this.q = new Float64Array(2 * maxNodes);
  }
}

/**
 * Interpolates the state at `t` from the nodes `idx[0..count)` (indices into `times`, increasing) of a table of
 * six-component states (`states[6k..6k+6)`), writing x, y, z, vx, vy, vz into `out` at `offset`.
 */
export function interpolateState(
  method: EphemerisInterpolation,
  times: Float64Array,
  states: Float64Array,
  idx: Int32Array,
  count: number,
  t: number,
  out: Float64Array,
  offset: number,
  scratch: InterpolationScratch,
): void {
  if (method === 'LAGRANGE') {
    for (let c = 0; c < 6; c++) out[offset + c] = 0;
    for (let a = 0; a < count; a++) {
      const ka = idx[a]!;
      const ta = times[ka]!;
      let w = 1;
      for (let b = 0; b < count; b++) {
        if (b === a) continue;
        const tb = times[idx[b]!]!;
        w *= (t - tb) / (ta - tb);
      }
      const s = 6 * ka;
      for (let c = 0; c < 6; c++) out[offset + c] = out[offset + c]! + w * states[s + c]!;
    }
    return;
  }
  // Hermite: one coordinate at a time, divided differences on z = t0, t0, t1, t1, …
  const m = 2 * count;
  const z = scratch.z;
  const q = scratch.q;
  for (let c = 0; c < 3; c++) {
    for (let a = 0; a < count; a++) {
      const k = idx[a]!;
      z[2 * a] = times[k]!;
      z[2 * a + 1] = times[k]!;
      q[2 * a] = states[6 * k + c]!;
      q[2 * a + 1] = states[6 * k + c]!;
    }
    // Column j of the table overwrites q from the bottom up; q[i] becomes f[z_{i−j}, …, z_i].
    for (let j = 1; j < m; j++) {
      for (let i = m - 1; i >= j; i--) {
        const dz = z[i]! - z[i - j]!;
        // A zero gap only happens for j = 1 at a doubled node: the divided difference is the derivative there.
        q[i] = dz === 0 ? states[6 * idx[i >> 1]! + 3 + c]! : (q[i]! - q[i - 1]!) / dz;
      }
    }
    // Newton form p(t) = q0 + (t − z0)(q1 + (t − z1)(q2 + …)); Horner with derivative.
    let p = q[m - 1]!;
    let dp = 0;
    for (let i = m - 2; i >= 0; i--) {
      dp = dp * (t - z[i]!) + p;
      p = p * (t - z[i]!) + q[i]!;
    }
    out[offset + c] = p;
    out[offset + 3 + c] = dp;
  }
}
