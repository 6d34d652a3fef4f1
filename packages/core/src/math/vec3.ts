/** Three-vectors branded by reference frame, so that mixing frames fails to compile. Plain readonly tuples at runtime. */

/** Reference frames known to the core. SGP4 output is TEME; never call it "ECI". */
export type FrameName = 'TEME' | 'PEF' | 'ITRF' | 'TOD' | 'MOD' | 'GCRF' | 'EME2000' | 'RTN';

declare const frameBrand: unique symbol;

/** A Cartesian vector [x, y, z] in frame F (km or km/s unless the name says otherwise). */
export type Vec3<F extends FrameName> = readonly [number, number, number] & { readonly [frameBrand]: F };

/** Brands a plain triple as a vector in frame F. Use only where the frame is known for certain. */
export function vec3<F extends FrameName>(x: number, y: number, z: number): Vec3<F> {
  return [x, y, z] as unknown as Vec3<F>;
}

/** Position and velocity in one frame (km, km/s). */
export interface StateVector<F extends FrameName> {
  readonly r: Vec3<F>;
  readonly v: Vec3<F>;
}

export const add = <F extends FrameName>(a: Vec3<F>, b: Vec3<F>): Vec3<F> => vec3<F>(a[0] + b[0], a[1] + b[1], a[2] + b[2]);
export const sub = <F extends FrameName>(a: Vec3<F>, b: Vec3<F>): Vec3<F> => vec3<F>(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
export const scale = <F extends FrameName>(a: Vec3<F>, k: number): Vec3<F> => vec3<F>(a[0] * k, a[1] * k, a[2] * k);
export const dot = <F extends FrameName>(a: Vec3<F>, b: Vec3<F>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = <F extends FrameName>(a: Vec3<F>, b: Vec3<F>): Vec3<F> =>
  vec3<F>(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
export const norm = <F extends FrameName>(a: Vec3<F>): number => Math.hypot(a[0], a[1], a[2]);
export const unit = <F extends FrameName>(a: Vec3<F>): Vec3<F> => scale(a, 1 / norm(a));
