/**
 * Lambert's problem, universal variables (Bate, Mueller & White 1971, §5.3; Vallado 2013, Algorithm 58), extended to
 * N complete revolutions: for N ≥ 1 the time of flight t(z) on z ∈ ((2πN)², (2π(N+1))²) has one minimum, found by
 * golden-section search, and each side ('left': smaller z, 'right': larger z) is solved by bisection. Keplerian
 * (no J2): the GTOC9 planner corrects the result with J2 shooting; orbit determination uses it for IOD between two
 * positions (od/iod). km, km/s, s. Moved here from debris/gtoc9/planner so that both share one solver.
 */
/** A plain Cartesian 3-vector (km or km/s), in whatever inertial frame the caller works in. */
export type LambertVec = [number, number, number];
type Vec = LambertVec;
type VecIn = readonly [number, number, number];

function stumpff(z: number): { C: number; S: number } {
  if (z > 1e-8) {
    const s = Math.sqrt(z);
    return { C: (1 - Math.cos(s)) / z, S: (s - Math.sin(s)) / (s * s * s) };
  }
  if (z < -1e-8) {
    const s = Math.sqrt(-z);
    return { C: (1 - Math.cosh(s)) / z, S: (Math.sinh(s) - s) / (s * s * s) };
  }
  return { C: 1 / 2 - z / 24, S: 1 / 6 - z / 120 };
}

export interface LambertSolution {
  readonly v1: Vec;
  readonly v2: Vec;
}

/**
 * Solves for the velocities at r1 and r2 of the conic joining them in `tofS` seconds with N full revolutions, moving in
 * the sense of `normal` (the transfer's angular momentum direction, e.g. the departure orbit's). Returns undefined
 * when that (N, branch) has no solution.
 */
export function lambertUniversal(r1: VecIn, r2: VecIn, tofS: number, mu: number, normal: VecIn, revs = 0, branch: 'left' | 'right' = 'left'): LambertSolution | undefined {
  const n1 = Math.hypot(...r1);
  const n2 = Math.hypot(...r2);
  const cross: Vec = [r1[1] * r2[2] - r1[2] * r2[1], r1[2] * r2[0] - r1[0] * r2[2], r1[0] * r2[1] - r1[1] * r2[0]];
  const cosD = Math.max(-1, Math.min(1, (r1[0] * r2[0] + r1[1] * r2[1] + r1[2] * r2[2]) / (n1 * n2)));
  let dTheta = Math.acos(cosD);
  if (cross[0] * normal[0] + cross[1] * normal[1] + cross[2] * normal[2] < 0) dTheta = 2 * Math.PI - dTheta;
  const A = Math.sin(dTheta) * Math.sqrt((n1 * n2) / (1 - Math.cos(dTheta)));
  if (!Number.isFinite(A) || Math.abs(A) < 1e-9) return undefined;
  const sqmu = Math.sqrt(mu);
  const yOf = (z: number): number => {
    const { C, S } = stumpff(z);
    return n1 + n2 + (A * (z * S - 1)) / Math.sqrt(C);
  };
  const tofOf = (z: number): number => {
    const { C, S } = stumpff(z);
    const y = n1 + n2 + (A * (z * S - 1)) / Math.sqrt(C);
    if (y < 0) return Number.NEGATIVE_INFINITY;
    const x = Math.sqrt(y / C);
    return (x * x * x * S + A * Math.sqrt(y)) / sqmu;
  };
  const twoPi = 2 * Math.PI;
  let z: number;
  const bisect = (lo: number, hi: number, increasing: boolean): number => {
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      const t = tofOf(mid);
      if ((t < tofS) === increasing) lo = mid;
      else hi = mid;
      if (hi - lo < 1e-13 * Math.max(1, Math.abs(mid))) break;
    }
    return 0.5 * (lo + hi);
  };
  if (revs === 0) {
    let lo = -4 * twoPi * twoPi;
    const hi = twoPi * twoPi - 1e-9;
    while (tofOf(lo) > tofS && lo > -1e6) lo *= 2;
    if (tofOf(hi) < tofS) return undefined;
    z = bisect(lo, hi, true);
  } else {
    const lo0 = (twoPi * revs) ** 2 + 1e-9;
    const hi0 = (twoPi * (revs + 1)) ** 2 - 1e-9;
    // Golden-section search for the minimum time of flight.
    let a = lo0, b = hi0;
    const g = (Math.sqrt(5) - 1) / 2;
    let c = b - g * (b - a), d = a + g * (b - a);
    for (let k = 0; k < 100; k++) {
      if (tofOf(c) < tofOf(d)) b = d;
      else a = c;
      c = b - g * (b - a);
      d = a + g * (b - a);
    }
    const zMin = 0.5 * (a + b);
    if (!(tofOf(zMin) <= tofS)) return undefined;
    z = branch === 'left' ? bisect(lo0, zMin, false) : bisect(zMin, hi0, true);
  }
  const y = yOf(z);
  if (!(y > 0)) return undefined;
  const f = 1 - y / n1;
  const gg = A * Math.sqrt(y / mu);
  const gdot = 1 - y / n2;
  const v1: Vec = [(r2[0] - f * r1[0]) / gg, (r2[1] - f * r1[1]) / gg, (r2[2] - f * r1[2]) / gg];
  const v2: Vec = [(gdot * r2[0] - r1[0]) / gg, (gdot * r2[1] - r1[1]) / gg, (gdot * r2[2] - r1[2]) / gg];
  if (![...v1, ...v2].every(Number.isFinite)) return undefined;
  return { v1, v2 };
}
