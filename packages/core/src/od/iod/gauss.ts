/**
 * Gauss's angles-only initial orbit determination (Gauss 1809; Vallado 2013, Algorithm 52; Curtis 2014,
 * Algorithms 5.5 and 5.6). Inputs: three line-of-sight unit vectors L_i (topocentric right ascension and declination,
 * in the same inertial frame as the site positions R_i) at times t1 < t2 < t3. The truncated f and g series give the
 * eighth-degree polynomial in r2, whose positive real root fixes the three slant ranges; v2 comes from the Lagrange
 * coefficients. With `refine` (default true) the ranges are improved by iterating with the exact universal-variable f
 * and g until they change by less than 1 mm (Curtis Algorithm 5.6). km, km/s, s, rad.
 */
import { ArgumentError } from '../../errors/index.ts';
import { add, cross, dot, scale, vec3, type FrameName, type Vec3 } from '../../math/vec3.ts';
import { keplerUniversal } from '../../orbits/kepler.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';

/** Unit line of sight from topocentric right ascension α and declination δ (rad). */
export function lineOfSight<F extends FrameName>(raRad: number, decRad: number): Vec3<F> {
  return vec3<F>(Math.cos(decRad) * Math.cos(raRad), Math.cos(decRad) * Math.sin(raRad), Math.sin(decRad));
}

export interface GaussObservation<F extends FrameName> {
  /** Seconds from any common origin. */
  readonly tS: number;
  readonly raRad: number;
  readonly decRad: number;
  /** Observer position in the inertial frame (km). */
  readonly site: Vec3<F>;
}

export interface GaussResult<F extends FrameName> {
  readonly r2: Vec3<F>;
  readonly v2: Vec3<F>;
  /** Slant ranges (km) at the three times. */
  readonly rangesKm: readonly [number, number, number];
  /** Positions at the three times. */
  readonly positions: readonly [Vec3<F>, Vec3<F>, Vec3<F>];
  /** Every positive real root of the eighth-degree polynomial (km), the one used first. */
  readonly roots: readonly number[];
  readonly refinementIterations: number;
}

/** Positive real roots of x⁸ + a x⁶ + b x³ + c between `lo` and `hi` (km), by scanning and bisection. */
function octicRoots(a: number, b: number, c: number, lo: number, hi: number): number[] {
  const F = (x: number): number => x ** 8 + a * x ** 6 + b * x ** 3 + c;
  const roots: number[] = [];
  const n = 4000;
  let x0 = lo;
  let f0 = F(x0);
  for (let i = 1; i <= n; i++) {
    const x1 = lo * Math.pow(hi / lo, i / n);
    const f1 = F(x1);
    if (f0 === 0) roots.push(x0);
    else if (f0 * f1 < 0) {
      let l = x0, h = x1, fl = f0;
      for (let k = 0; k < 200 && h - l > 1e-10 * h; k++) {
        const m = 0.5 * (l + h);
        const fm = F(m);
        if (fm * fl <= 0) h = m;
        else { l = m; fl = fm; }
      }
      roots.push(0.5 * (l + h));
    }
    x0 = x1;
    f0 = f1;
  }
  return roots;
}

/** Gauss's method on three angle observations (see the module header). Throws ArgumentError when it has no solution. */
export function gaussAnglesOnly<F extends FrameName>(obs: readonly [GaussObservation<F>, GaussObservation<F>, GaussObservation<F>], options: { mu?: number; refine?: boolean; maxIterations?: number } = {}): GaussResult<F> {
  const mu = options.mu ?? EARTH_MU_KM3S2;
  const [o1, o2, o3] = obs;
  const tau1 = o1.tS - o2.tS;
  const tau3 = o3.tS - o2.tS;
  const tau = tau3 - tau1;
  if (!(tau1 < 0 && tau3 > 0)) throw new ArgumentError('Gauss needs increasing times t1 < t2 < t3.', [o1.tS, o2.tS, o3.tS]);
  const L1 = lineOfSight<F>(o1.raRad, o1.decRad);
  const L2 = lineOfSight<F>(o2.raRad, o2.decRad);
  const L3 = lineOfSight<F>(o3.raRad, o3.decRad);
  const R = [o1.site, o2.site, o3.site] as const;
  const p1 = cross(L2, L3);
  const p2 = cross(L1, L3);
  const p3 = cross(L1, L2);
  const D0 = dot(L1, p1);
  if (Math.abs(D0) < 1e-14) throw new ArgumentError('the three lines of sight are coplanar (D0 = 0): Gauss cannot separate the ranges; use more spread observations.', D0);
  const P = [p1, p2, p3];
  const Dm = R.map((r) => P.map((p) => dot(r, p))) as number[][];
  const D = (i: number, j: number): number => Dm[i - 1]![j - 1]!;
  const A = (-D(1, 2) * (tau3 / tau) + D(2, 2) + D(3, 2) * (tau1 / tau)) / D0;
  const B = (D(1, 2) * (tau3 * tau3 - tau * tau) * (tau3 / tau) + D(3, 2) * (tau * tau - tau1 * tau1) * (tau1 / tau)) / (6 * D0);
  const E = dot(R[1], L2);
  const R2sq = dot(R[1], R[1]);
  const a = -(A * A + 2 * A * E + R2sq);
  const b = -2 * mu * B * (A + E);
  const c = -(mu * mu) * B * B;
  const roots = octicRoots(a, b, c, Math.max(1, Math.sqrt(R2sq) * 0.9), 1e6);
  const candidates: GaussResult<F>[] = [];
  for (const r2n of roots) {
    const r23 = r2n ** 3;
    const rho2 = A + (mu * B) / r23;
    const rho1 = ((6 * (D(3, 1) * (tau1 / tau3) + D(2, 1) * (tau / tau3)) * r23 + mu * D(3, 1) * (tau * tau - tau1 * tau1) * (tau1 / tau3)) / (6 * r23 + mu * (tau * tau - tau3 * tau3)) - D(1, 1)) / D0;
    const rho3 = ((6 * (D(1, 3) * (tau3 / tau1) - D(2, 3) * (tau / tau1)) * r23 + mu * D(1, 3) * (tau * tau - tau3 * tau3) * (tau3 / tau1)) / (6 * r23 + mu * (tau * tau - tau1 * tau1)) - D(3, 3)) / D0;
    if (!(rho1 > 0 && rho2 > 0 && rho3 > 0)) continue;
    let rho: [number, number, number] = [rho1, rho2, rho3];
    let pos = [add(R[0], scale(L1, rho1)), add(R[1], scale(L2, rho2)), add(R[2], scale(L3, rho3))] as [Vec3<F>, Vec3<F>, Vec3<F>];
    let f1 = 1 - (mu * tau1 * tau1) / (2 * r23);
    let g1 = tau1 - (mu * tau1 ** 3) / (6 * r23);
    let f3 = 1 - (mu * tau3 * tau3) / (2 * r23);
    let g3 = tau3 - (mu * tau3 ** 3) / (6 * r23);
    let v2 = scale(add(scale(pos[0], -f3), scale(pos[2], f1)), 1 / (f1 * g3 - f3 * g1));
    let iterations = 0;
    if (options.refine !== false) {
      const maxIt = options.maxIterations ?? 100;
      for (; iterations < maxIt; iterations++) {
        const k1 = keplerUniversal(pos[1], v2, tau1, mu);
        const k3 = keplerUniversal(pos[1], v2, tau3, mu);
        // Average with the previous f, g as Curtis suggests, for robust convergence.
        f1 = (f1 + k1.f) / 2;
        g1 = (g1 + k1.g) / 2;
        f3 = (f3 + k3.f) / 2;
        g3 = (g3 + k3.g) / 2;
        const den = f1 * g3 - f3 * g1;
        const c1 = g3 / den;
        const c3 = -g1 / den;
        const next: [number, number, number] = [
          (-D(1, 1) + D(2, 1) / c1 - (c3 / c1) * D(3, 1)) / D0,
          (-c1 * D(1, 2) + D(2, 2) - c3 * D(3, 2)) / D0,
          (-(c1 / c3) * D(1, 3) + D(2, 3) / c3 - D(3, 3)) / D0,
        ];
        if (!next.every((x) => Number.isFinite(x) && x > 0)) break;
        const change = Math.max(...next.map((x, i) => Math.abs(x - rho[i]!)));
        rho = next;
        pos = [add(R[0], scale(L1, rho[0])), add(R[1], scale(L2, rho[1])), add(R[2], scale(L3, rho[2]))];
        v2 = scale(add(scale(pos[0], -f3), scale(pos[2], f1)), 1 / den);
        if (change < 1e-6) { iterations++; break; }
      }
    }
    candidates.push({ r2: pos[1], v2, rangesKm: rho, positions: pos, roots, refinementIterations: iterations });
  }
  const best = candidates[0];
  if (!best) throw new ArgumentError(`Gauss found no root of the eighth-degree polynomial with positive slant ranges (roots: ${roots.map((r) => r.toFixed(1)).join(', ') || 'none'}).`, roots);
  return best;
}
