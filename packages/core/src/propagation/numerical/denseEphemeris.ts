/**
 * A propagated dense ephemeris: the integrator's dense-output polynomials of every accepted step, for the position
 * and velocity (GCRF, km, km/s) on TAI seconds from the propagation epoch. Plain typed arrays (structured-clone-safe).
 * Evaluating it reproduces the integrator's own interpolant (no re-interpolation error).
 */
import { ArgumentError } from '../../errors/index.ts';
import { evaluateDense } from './integrator.ts';

export interface DenseEphemeris {
  /** Propagation epoch, TAI: MJD day and seconds of day (Instant.fromTai). */
  readonly epochTaiDay: number;
  readonly epochTaiSeconds: number;
  /** Number of coefficient vectors per step (5 for dp54, 8 for dp853, 4 for rk4). */
  readonly coefficients: number;
  /** Step start times (TAI seconds from the epoch), in propagation order (decreasing when backwards). */
  readonly stepStartS: Float64Array;
  /** Signed step lengths (s). */
  readonly stepS: Float64Array;
  /** Per step, `coefficients` × 6 values: c_j[i] at step·coefficients·6 + j·6 + i. */
  readonly coef: Float64Array;
}

/** Grows a dense ephemeris step by step. */
export class DenseEphemerisBuilder {
  private starts: Float64Array<ArrayBuffer> = new Float64Array(256);
  private steps: Float64Array<ArrayBuffer> = new Float64Array(256);
  private coef: Float64Array;
  private count = 0;
  readonly coefficients: number;

  constructor(coefficients: number) {
    this.coefficients = coefficients;
    this.coef = new Float64Array(256 * coefficients * 6);
  }

  /** Reserves room for one more step and returns the offset of its coefficients. */
  add(tStart: number, h: number): number {
    if (this.count === this.starts.length) {
      const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.steps = grow(this.steps);
      this.coef = grow(this.coef);
    }
    this.starts[this.count] = tStart;
    this.steps[this.count] = h;
    return this.count++ * this.coefficients * 6;
  }

  get buffer(): Float64Array {
    return this.coef;
  }

  build(epochTaiDay: number, epochTaiSeconds: number): DenseEphemeris {
    const n = this.count;
    return {
      epochTaiDay,
      epochTaiSeconds,
      coefficients: this.coefficients,
      stepStartS: this.starts.slice(0, n),
      stepS: this.steps.slice(0, n),
      coef: this.coef.slice(0, n * this.coefficients * 6),
    };
  }
}

/** Span [min, max] of TAI seconds from the epoch that the ephemeris covers. */
export function denseEphemerisSpan(e: DenseEphemeris): { startS: number; stopS: number } {
  const n = e.stepS.length;
  if (n === 0) return { startS: 0, stopS: 0 };
  const a = e.stepStartS[0]!;
  const b = e.stepStartS[n - 1]! + e.stepS[n - 1]!;
  return { startS: Math.min(a, b), stopS: Math.max(a, b) };
}

/** Index of the step holding t (TAI seconds from the epoch), or −1 outside the span; `hint` speeds up sequential use. */
export function findStep(e: DenseEphemeris, t: number, hint = -1): number {
  const n = e.stepS.length;
  if (n === 0) return -1;
  const inStep = (i: number): boolean => {
    const a = e.stepStartS[i]!;
    const b = a + e.stepS[i]!;
    return (t >= a && t <= b) || (t <= a && t >= b);
  };
  if (hint >= 0 && hint < n && inStep(hint)) return hint;
  const forward = e.stepS[0]! > 0;
  let lo = 0;
  let hi = n - 1;
  // Steps are ordered by start time in propagation order; search on the start in that order.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = e.stepStartS[mid]!;
    if (forward ? s <= t : s >= t) lo = mid;
    else hi = mid - 1;
  }
  return inStep(lo) ? lo : -1;
}

/** Writes the GCRF state (6 values) at t into out[offset..]; throws when t lies outside the ephemeris. */
export function evaluateDenseEphemeris(e: DenseEphemeris, t: number, out: Float64Array, offset = 0, hint = -1): number {
  const i = findStep(e, t, hint);
  if (i < 0) {
    const span = denseEphemerisSpan(e);
    throw new ArgumentError(`t = ${t} s is outside the propagated span [${span.startS}, ${span.stopS}] s.`, t);
  }
  const theta = (t - e.stepStartS[i]!) / e.stepS[i]!;
  evaluateDense(e.coef, i * e.coefficients * 6, 6, e.coefficients, theta, out, offset, 6);
  return i;
}
