/** Conjunction inputs at TCA and the short-term-encounter (B-)plane built from the relative state. */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName, Vec3 } from '../math/vec3.ts';
import type { Covariance3, Covariance6 } from '../covariance/types.ts';
import { remediateSymmetric, type CovarianceRemediation } from '../covariance/eigen.ts';

/** One object's state at TCA (km, km/s) and its covariance (km², inertial frame F, same frame as the state). */
export interface ObjectAtTca<F extends FrameName> {
  readonly r: Vec3<F>;
  readonly v: Vec3<F>;
  readonly cov: Covariance3<F> | Covariance6<F>;
}

/** Primary and secondary at (or near) TCA, in one inertial frame. */
export interface ConjunctionAtTca<F extends FrameName> {
  readonly primary: ObjectAtTca<F>;
  readonly secondary: ObjectAtTca<F>;
}

/**
 * Where the miss vector is placed in the encounter plane.
 * - `'fullDistance'` (NASA CARA's 2D convention, PcCircle / Pc2D_Foster / PcElrod): miss = (|r_rel|, 0).
 * - `'projected'`: miss = projection of r_rel onto the plane ⟂ v_rel (the textbook B-plane point).
 * They coincide at the true TCA; for states slightly off TCA only 'fullDistance' reproduces CARA's numbers.
 */
export type MissConvention = 'fullDistance' | 'projected';

/** The 2D encounter-plane problem: miss vector and 2x2 covariance (km, km²) in the plane's (x, z) axes. */
export interface EncounterPlane {
  /** Miss components in the plane: x = along (v_rel × (r_rel × v_rel)), z = along r_rel × v_rel. */
  readonly missKm: readonly [number, number];
  /** 2x2 covariance [cxx, cxz, czz] (km²), after remediation. */
  readonly cov2Km2: readonly [number, number, number];
  readonly relativeSpeedKmS: number;
  /** |r_rel| at the given epoch (km). */
  readonly relativeDistanceKm: number;
  /** Inertial unit vectors of the encounter frame: x, y = v̂_rel, z = (r × v)/|r × v|. */
  readonly axes: readonly [readonly number[], readonly number[], readonly number[]];
  /** Remediation flags of the projected 2x2 covariance (never thrown away). */
  readonly covariance: CovarianceRemediation;
}

/** 3x3 position block (km²) of a 3x3 or 6x6 covariance as a flat array. */
export function positionPart<F extends FrameName>(c: Covariance3<F> | Covariance6<F>): Float64Array {
  if (c.m.length === 9) return c.m;
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j] = c.m[i * 6 + j]!;
  return m;
}

/**
 * Builds the encounter plane (Foster & Estes 1992; Chan 2008 ch. 2): relative position r = r₂ − r₁,
 * relative velocity v = v₂ − v₁, combined covariance C = C₁ + C₂ (uncorrelated errors), and axes
 * y = v/|v|, z = (r × v)/|r × v|, x = y × z. The 2x2 covariance is the projection of C onto (x, z).
 * A non-positive-definite projected covariance is remediated by eigenvalue clipping at `clipFloorKm2`
 * (default 0), and reported in `covariance`.
 */
export function buildEncounterPlane<F extends FrameName>(
  conj: ConjunctionAtTca<F>,
  missConvention: MissConvention = 'fullDistance',
  clipFloorKm2 = 0,
): EncounterPlane {
  const { primary: p, secondary: s } = conj;
  const r = [s.r[0] - p.r[0], s.r[1] - p.r[1], s.r[2] - p.r[2]];
  const v = [s.v[0] - p.v[0], s.v[1] - p.v[1], s.v[2] - p.v[2]];
  const vn = Math.hypot(v[0]!, v[1]!, v[2]!);
  const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
  if (!(vn > 0)) {
    throw new ArgumentError('The relative velocity is zero: the 2D encounter plane is undefined. Use the 3D method (pcHall2021) instead.', vn);
  }
  const y = [v[0]! / vn, v[1]! / vn, v[2]! / vn];
  let h = [r[1]! * v[2]! - r[2]! * v[1]!, r[2]! * v[0]! - r[0]! * v[2]!, r[0]! * v[1]! - r[1]! * v[0]!];
  let hn = Math.hypot(h[0]!, h[1]!, h[2]!);
  if (!(hn > 1e-14 * rn * vn)) {
    // r parallel to v (or zero miss): any axis ⟂ v will do.
    const a = Math.abs(y[0]!) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    h = [y[1]! * a[2]! - y[2]! * a[1]!, y[2]! * a[0]! - y[0]! * a[2]!, y[0]! * a[1]! - y[1]! * a[0]!];
    hn = Math.hypot(h[0]!, h[1]!, h[2]!);
  }
  const z = [h[0]! / hn, h[1]! / hn, h[2]! / hn];
  const x = [y[1]! * z[2]! - y[2]! * z[1]!, y[2]! * z[0]! - y[0]! * z[2]!, y[0]! * z[1]! - y[1]! * z[0]!];
  const c1 = positionPart(p.cov), c2 = positionPart(s.cov);
  const C = new Float64Array(9);
  for (let k = 0; k < 9; k++) C[k] = c1[k]! + c2[k]!;
  const q = (a: readonly number[], b: readonly number[]): number => {
    let t = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) t += a[i]! * C[i * 3 + j]! * b[j]!;
    return t;
  };
  const raw = [q(x, x), q(x, z), q(x, z), q(z, z)];
  const { m, flags } = remediateSymmetric(raw, 2, { floor: clipFloorKm2 });
  const missKm: [number, number] =
    missConvention === 'fullDistance'
      ? [rn, 0]
      : [r[0]! * x[0]! + r[1]! * x[1]! + r[2]! * x[2]!, r[0]! * z[0]! + r[1]! * z[1]! + r[2]! * z[2]!];
  return {
    missKm,
    cov2Km2: [m[0]!, m[1]!, m[3]!],
    relativeSpeedKmS: vn,
    relativeDistanceKm: rn,
    axes: [x, y, z],
    covariance: flags,
  };
}

/** Principal-axis form of a 2D encounter: miss (xm, ym) along the principal axes, σx ≥ σy (km). */
export interface PrincipalEncounter {
  readonly xmKm: number;
  readonly ymKm: number;
  readonly sigmaXKm: number;
  readonly sigmaYKm: number;
}

/** Rotates a miss vector and 2x2 covariance [cxx, cxz, czz] into principal axes (σx the larger). */
export function toPrincipalAxes(missKm: readonly [number, number], cov2Km2: readonly [number, number, number]): PrincipalEncounter {
  const [a, b, c] = cov2Km2;
  const mean = 0.5 * (a + c);
  const rad = Math.hypot(0.5 * (a - c), b);
  const l1 = mean + rad;
  const l2 = Math.max(0, mean - rad);
  // Unit eigenvector of the larger eigenvalue, computed stably.
  let ex: number, ez: number;
  if (b === 0) {
    [ex, ez] = a >= c ? [1, 0] : [0, 1];
  } else if (a >= c) {
    ex = l1 - c;
    ez = b;
  } else {
    ex = b;
    ez = l1 - a;
  }
  const en = Math.hypot(ex, ez);
  ex /= en;
  ez /= en;
  const xm = missKm[0] * ex + missKm[1] * ez;
  const ym = -missKm[0] * ez + missKm[1] * ex;
  return { xmKm: xm, ymKm: ym, sigmaXKm: Math.sqrt(Math.max(0, l1)), sigmaYKm: Math.sqrt(l2) };
}
