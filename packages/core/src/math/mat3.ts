/** 3x3 rotation matrices (row-major readonly arrays) and their application to frame-branded vectors. */
import type { FrameName, Vec3 } from './vec3.ts';
import { vec3 } from './vec3.ts';

/** Row-major 3x3 matrix. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export const IDENTITY3: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Product a·b. */
export function mul3(a: Mat3, b: Mat3): Mat3 {
  const r: number[] = new Array<number>(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      r[i * 3 + j] = a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
    }
  }
  return r as unknown as Mat3;
}

/** Transpose (the inverse of a rotation). */
export function transpose3(a: Mat3): Mat3 {
  return [a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]];
}

/** Applies m to v and re-brands the result in frame To. */
export function apply3<From extends FrameName, To extends FrameName>(m: Mat3, v: Vec3<From>): Vec3<To> {
  return vec3<To>(
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  );
}

/**
 * Frame rotation matrices (passive, "coordinate" rotations as in Vallado, Fundamentals §3.7):
 * R1(a) rotates the axes about x by angle a (rad), so that v' = R1(a)·v expresses v in the rotated axes.
 */
export function rot1(a: number): Mat3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [1, 0, 0, 0, c, s, 0, -s, c];
}
export function rot2(a: number): Mat3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [c, 0, -s, 0, 1, 0, s, 0, c];
}
export function rot3(a: number): Mat3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [c, s, 0, -s, c, 0, 0, 0, 1];
}
