/** Small 3-vector and RTN helpers of the orbital-tourism planners (km, km/s; any inertial frame). */
export type V3 = [number, number, number];

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
export const cross = (a: ArrayLike<number>, b: ArrayLike<number>): V3 => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
export const norm = (a: ArrayLike<number>): number => Math.hypot(a[0]!, a[1]!, a[2]!);
export const unit = (a: ArrayLike<number>): V3 => {
  const n = norm(a);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
};
export const sub = (a: ArrayLike<number>, b: ArrayLike<number>): V3 => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
export const pos = (s: ArrayLike<number>): V3 => [s[0]!, s[1]!, s[2]!];
export const vel = (s: ArrayLike<number>): V3 => [s[3]!, s[4]!, s[5]!];

/** Unit vectors R (radial), T (along-track, completing the triad), N (orbit normal) of a state. */
export function rtnAxes(state: ArrayLike<number>): { r: V3; t: V3; n: V3 } {
  const r = unit(pos(state));
  const n = unit(cross(pos(state), vel(state)));
  return { r, t: cross(n, r), n };
}

/** An inertial vector expressed in the state's RTN axes. */
export function toRtnComponents(state: ArrayLike<number>, d: ArrayLike<number>): V3 {
  const a = rtnAxes(state);
  return [dot(a.r, d), dot(a.t, d), dot(a.n, d)];
}

/** RTN components → inertial vector, in the axes of `state`. */
export function fromRtnComponents(state: ArrayLike<number>, rtn: ArrayLike<number>): V3 {
  const a = rtnAxes(state);
  return [0, 1, 2].map((k) => a.r[k]! * rtn[0]! + a.t[k]! * rtn[1]! + a.n[k]! * rtn[2]!) as V3;
}

/** Wraps an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  let x = a % (2 * Math.PI);
  if (x > Math.PI) x -= 2 * Math.PI;
  if (x <= -Math.PI) x += 2 * Math.PI;
  return x;
}

/**
 * Phase angle of the target ahead of the chaser (rad, in [0, 2π)), measured in the target's orbit plane in the
 * direction of motion: θ = atan2(ĥ_t · (r_c × r_t), r_c · r_t).
 */
export function phaseAheadRad(chaser: ArrayLike<number>, target: ArrayLike<number>): number {
  const h = unit(cross(pos(target), vel(target)));
  const a = Math.atan2(dot(h, cross(pos(chaser), pos(target))), dot(pos(chaser), pos(target)));
  return a < 0 ? a + 2 * Math.PI : a;
}
