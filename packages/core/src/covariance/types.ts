/** Covariance matrices (3x3 position, 6x6 state) as row-major Float64Arrays branded by frame; km, km/s inside the core. */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName } from '../math/vec3.ts';

declare const covFrameBrand: unique symbol;

/**
 * A 3x3 position covariance in frame F, row-major, units km².
 * `m[3*i + j]` is the covariance of components i and j (x, y, z; or R, T, N when F is 'RTN').
 */
export interface Covariance3<F extends FrameName> {
  readonly m: Float64Array;
  readonly [covFrameBrand]?: F;
}

/**
 * A 6x6 state covariance in frame F, row-major, order (x, y, z, vx, vy, vz).
 * Units: km² (position block), km²/s (position-velocity block), km²/s² (velocity block).
 * CCSDS CDMs give metres (m², m²/s, m²/s²): convert at the I/O edge (divide by 1e6).
 */
export interface Covariance6<F extends FrameName> {
  readonly m: Float64Array;
  readonly [covFrameBrand]?: F;
}

function fromRows(rows: readonly (readonly number[])[], n: number, what: string): Float64Array {
  if (rows.length !== n) {
    throw new ArgumentError(`${what} needs ${n} rows, got ${rows.length}: pass a full ${n}x${n} matrix (not a triangle).`, rows);
  }
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row.length !== n) {
      throw new ArgumentError(`${what} row ${i} has ${row.length} entries, expected ${n}.`, row);
    }
    for (let j = 0; j < n; j++) {
      const x = row[j]!;
      if (!Number.isFinite(x)) throw new ArgumentError(`${what} entry (${i},${j}) is not finite (${x}).`, x);
      m[i * n + j] = x;
    }
  }
  return m;
}

function fromFlat(values: ArrayLike<number>, n: number, what: string): Float64Array {
  if (values.length !== n * n) {
    throw new ArgumentError(`${what} needs ${n * n} row-major values, got ${values.length}.`, values);
  }
  const m = Float64Array.from(values);
  for (let k = 0; k < m.length; k++) {
    if (!Number.isFinite(m[k]!)) throw new ArgumentError(`${what} value ${k} is not finite (${m[k]}).`, m[k]);
  }
  return m;
}

/** A 3x3 covariance (km²) in frame F from rows or a row-major flat array. The matrix is symmetrised ((A+Aᵀ)/2). */
export function covariance3<F extends FrameName>(values: readonly (readonly number[])[] | ArrayLike<number>): Covariance3<F> {
  const m = isRows(values) ? fromRows(values, 3, 'Covariance3') : fromFlat(values, 3, 'Covariance3');
  symmetrise(m, 3);
  return { m };
}

/** A 6x6 covariance (km², km²/s, km²/s²) in frame F from rows or a row-major flat array, symmetrised. */
export function covariance6<F extends FrameName>(values: readonly (readonly number[])[] | ArrayLike<number>): Covariance6<F> {
  const m = isRows(values) ? fromRows(values, 6, 'Covariance6') : fromFlat(values, 6, 'Covariance6');
  symmetrise(m, 6);
  return { m };
}

function isRows(v: readonly (readonly number[])[] | ArrayLike<number>): v is readonly (readonly number[])[] {
  return v.length > 0 && Array.isArray((v as readonly unknown[])[0]);
}

/** In-place symmetrisation of an n x n row-major matrix. */
export function symmetrise(m: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (m[i * n + j]! + m[j * n + i]!);
      m[i * n + j] = s;
      m[j * n + i] = s;
    }
  }
}

/** Scales every entry: e.g. `scaleCovariance(c, 1e-6)` turns m² into km². */
export function scaleCovariance<C extends Covariance3<FrameName> | Covariance6<FrameName>>(c: C, k: number): C {
  const m = Float64Array.from(c.m, (x) => x * k);
  return { m } as C;
}

/** The 3x3 position block (km²) of a 6x6 covariance. */
export function positionBlock<F extends FrameName>(c: Covariance6<F>): Covariance3<F> {
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j] = c.m[i * 6 + j]!;
  return { m };
}

/** A 6x6 covariance with the given position block and zero velocity rows/columns. */
export function embedPosition6<F extends FrameName>(c: Covariance3<F>): Covariance6<F> {
  const m = new Float64Array(36);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 6 + j] = c.m[i * 3 + j]!;
  return { m };
}

/**
 * Combined covariance of the relative state of two objects whose errors are uncorrelated:
 * P_rel = P_primary + P_secondary (both in the same frame; the type system enforces it).
 * Convert each object's RTN covariance to the common inertial frame first (`covariance6RtnToInertial`),
 * since each object's RTN frame differs.
 */
export function combineCovariances<F extends FrameName, C extends Covariance3<F> | Covariance6<F>>(primary: C, secondary: C): C {
  if (primary.m.length !== secondary.m.length) {
    throw new ArgumentError('Cannot combine a 3x3 with a 6x6 covariance: take positionBlock() of the 6x6 first.', [primary.m.length, secondary.m.length]);
  }
  const m = new Float64Array(primary.m.length);
  for (let k = 0; k < m.length; k++) m[k] = primary.m[k]! + secondary.m[k]!;
  return { m } as C;
}
