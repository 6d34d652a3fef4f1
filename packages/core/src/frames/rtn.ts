/**
 * The RTN (radial, transverse, normal; also RIC / RSW) local frame of an orbiting object:
 * R = r/|r|, N = (r × v)/|r × v|, T = N × R. Used for conjunction geometry in the primary's frame.
 */
import { cross, dot, unit, vec3, type FrameName, type StateVector, type Vec3 } from '../math/vec3.ts';

/** Unit vectors R, T, N of the RTN frame of `sv`, expressed in sv's inertial frame. */
export function rtnBasis<F extends FrameName>(sv: StateVector<F>): { r: Vec3<F>; t: Vec3<F>; n: Vec3<F> } {
  const r = unit(sv.r);
  const n = unit(cross(sv.r, sv.v));
  const t = cross(n, r);
  return { r, t, n };
}

/** Components of an inertial vector (same frame as `ref`) in ref's RTN frame. */
export function toRtn<F extends FrameName>(ref: StateVector<F>, d: Vec3<F>): Vec3<'RTN'> {
  const b = rtnBasis(ref);
  return vec3<'RTN'>(dot(d, b.r), dot(d, b.t), dot(d, b.n));
}

/** Inertial vector (ref's frame) from RTN components. */
export function fromRtn<F extends FrameName>(ref: StateVector<F>, d: Vec3<'RTN'>): Vec3<F> {
  const b = rtnBasis(ref);
  return vec3<F>(
    b.r[0] * d[0] + b.t[0] * d[1] + b.n[0] * d[2],
    b.r[1] * d[0] + b.t[1] * d[1] + b.n[1] * d[2],
    b.r[2] * d[0] + b.t[2] * d[1] + b.n[2] * d[2],
  );
}
