/**
 * Lambert IOD: the orbit through two positions and a time of flight (Vallado 2013, Algorithm 58, universal
 * variables), with the shared multi-revolution solver of orbits/lambert.ts (also used by the GTOC9 planner).
 */
import { ArgumentError } from '../../errors/index.ts';
import { vec3, type FrameName, type Vec3 } from '../../math/vec3.ts';
import { lambertUniversal } from '../../orbits/lambert.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';

export interface LambertIodOptions {
  readonly mu?: number;
  /** Sense of motion: 'prograde' (angular momentum along +Z of the frame, default) or 'retrograde'. */
  readonly direction?: 'prograde' | 'retrograde';
  /** Complete revolutions (default 0) and, for N ≥ 1, which of the two solutions. */
  readonly revolutions?: number;
  readonly branch?: 'left' | 'right';
}

/** Velocities at r1 (t1) and r2 (t1 + tofS) of the conic joining them; throws ArgumentError when there is none. */
export function lambertIod<F extends FrameName>(r1: Vec3<F>, r2: Vec3<F>, tofS: number, options: LambertIodOptions = {}): { v1: Vec3<F>; v2: Vec3<F> } {
  if (!(tofS > 0)) throw new ArgumentError('the time of flight must be positive (seconds).', tofS);
  const normal: [number, number, number] = options.direction === 'retrograde' ? [0, 0, -1] : [0, 0, 1];
  const s = lambertUniversal(r1, r2, tofS, options.mu ?? EARTH_MU_KM3S2, normal, options.revolutions ?? 0, options.branch ?? 'left');
  if (!s) throw new ArgumentError(`no ${options.revolutions ?? 0}-revolution conic joins the two positions in ${tofS} s.`, tofS);
  return { v1: vec3<F>(...s.v1), v2: vec3<F>(...s.v2) };
}
