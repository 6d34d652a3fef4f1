/**
 * Gibbs and Herrick–Gibbs initial orbit determination from three position vectors (Vallado 2013, Algorithms 54 and
 * 55; Escobal 1965). Gibbs is geometric and suits well-separated positions (angles ≳ 1°-5°); Herrick–Gibbs uses a
 * Taylor series in time and suits closely spaced ones (angles ≲ 1°-5°, as from one radar pass). Both return the
 * velocity at the middle position. km, km/s, s; vectors in any inertial frame (GCRF, EME2000, TEME ...).
 */
import { ArgumentError } from '../../errors/index.ts';
import { cross, dot, norm, scale, add, type FrameName, type Vec3 } from '../../math/vec3.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';

export interface ThreePositionResult<F extends FrameName> {
  /** Velocity at the second position (km/s). */
  readonly v2: Vec3<F>;
  /** Angle between r1 and r2, and between r2 and r3 (rad). */
  readonly theta12Rad: number;
  readonly theta23Rad: number;
  /** Angle of r1 out of the plane of r2 and r3 (rad): 0 for exactly coplanar positions. */
  readonly coplanarityRad: number;
}

const angle = <F extends FrameName>(a: Vec3<F>, b: Vec3<F>): number => Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (norm(a) * norm(b)))));

function geometry<F extends FrameName>(r1: Vec3<F>, r2: Vec3<F>, r3: Vec3<F>): { theta12Rad: number; theta23Rad: number; coplanarityRad: number } {
  const z23 = cross(r2, r3);
  const n23 = norm(z23);
  if (n23 === 0) throw new ArgumentError('r2 and r3 are parallel: three positions of one orbit must span a plane.', { r2, r3 });
  const coplanarityRad = Math.PI / 2 - angle(z23, r1);
  return { theta12Rad: angle(r1, r2), theta23Rad: angle(r2, r3), coplanarityRad };
}

/**
 * Gibbs's method (Vallado Algorithm 54): N = r1 Z23 + r2 Z31 + r3 Z12, D = Z12 + Z23 + Z31,
 * S = (r2 − r3) r1 + (r3 − r1) r2 + (r1 − r2) r3, v2 = √(μ/(N·D)) (D × r2 / r2 + S).
 * Throws ArgumentError when the positions are not coplanar within `maxCoplanarityRad` (default 2°) or degenerate.
 */
export function gibbs<F extends FrameName>(r1: Vec3<F>, r2: Vec3<F>, r3: Vec3<F>, options: { mu?: number; maxCoplanarityRad?: number } = {}): ThreePositionResult<F> {
  const mu = options.mu ?? EARTH_MU_KM3S2;
  const g = geometry(r1, r2, r3);
  const maxCop = options.maxCoplanarityRad ?? (2 * Math.PI) / 180;
  if (Math.abs(g.coplanarityRad) > maxCop) {
    throw new ArgumentError(`the three positions are ${((g.coplanarityRad * 180) / Math.PI).toFixed(3)}° out of one plane: they do not belong to one Keplerian orbit.`, g.coplanarityRad);
  }
  const [m1, m2, m3] = [norm(r1), norm(r2), norm(r3)];
  const z12 = cross(r1, r2);
  const z23 = cross(r2, r3);
  const z31 = cross(r3, r1);
  const N = add(add(scale(z23, m1), scale(z31, m2)), scale(z12, m3));
  const D = add(add(z12, z23), z31);
  const S = add(add(scale(r1, m2 - m3), scale(r2, m3 - m1)), scale(r3, m1 - m2));
  const nd = dot(N, D);
  if (!(nd > 0)) throw new ArgumentError('Gibbs: N·D ≤ 0, the positions do not define a conic (too close together? use Herrick–Gibbs).', nd);
  const L = Math.sqrt(mu / nd);
  const B = cross(D, r2);
  const v2 = add(scale(B, L / m2), scale(S, L));
  return { v2, ...g };
}

/**
 * Herrick–Gibbs (Vallado Algorithm 55): v2 = −Δt32 (1/(Δt21 Δt31) + μ/(12 r1³)) r1
 *   + (Δt32 − Δt21)(1/(Δt21 Δt32) + μ/(12 r2³)) r2 + Δt21 (1/(Δt32 Δt31) + μ/(12 r3³)) r3,
 * with Δtij = ti − tj in seconds. Times need not be evenly spaced; they must increase.
 */
export function herrickGibbs<F extends FrameName>(r1: Vec3<F>, r2: Vec3<F>, r3: Vec3<F>, t1S: number, t2S: number, t3S: number, options: { mu?: number } = {}): ThreePositionResult<F> {
  const mu = options.mu ?? EARTH_MU_KM3S2;
  const dt21 = t2S - t1S;
  const dt31 = t3S - t1S;
  const dt32 = t3S - t2S;
  if (!(dt21 > 0 && dt32 > 0)) throw new ArgumentError('Herrick–Gibbs needs increasing times t1 < t2 < t3.', [t1S, t2S, t3S]);
  const g = geometry(r1, r2, r3);
  const c1 = -dt32 * (1 / (dt21 * dt31) + mu / (12 * norm(r1) ** 3));
  const c2 = (dt32 - dt21) * (1 / (dt21 * dt32) + mu / (12 * norm(r2) ** 3));
  const c3 = dt21 * (1 / (dt32 * dt31) + mu / (12 * norm(r3) ** 3));
  const v2 = add(add(scale(r1, c1), scale(r2, c2)), scale(r3, c3));
  return { v2, ...g };
}

/** Chooses Herrick–Gibbs when both angles are below `switchRad` (default 3°), Gibbs otherwise. */
export function threePositionIod<F extends FrameName>(r1: Vec3<F>, r2: Vec3<F>, r3: Vec3<F>, t1S: number, t2S: number, t3S: number, options: { mu?: number; switchRad?: number } = {}): ThreePositionResult<F> & { method: 'gibbs' | 'herrick-gibbs' } {
  const sw = options.switchRad ?? (3 * Math.PI) / 180;
  const g = geometry(r1, r2, r3);
  const mu = options.mu ?? EARTH_MU_KM3S2;
  if (g.theta12Rad < sw && g.theta23Rad < sw) return { ...herrickGibbs(r1, r2, r3, t1S, t2S, t3S, { mu }), method: 'herrick-gibbs' };
  return { ...gibbs(r1, r2, r3, { mu, maxCoplanarityRad: Math.PI }), method: 'gibbs' };
}
