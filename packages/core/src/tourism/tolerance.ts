/**
 * Human tolerance to sustained translational acceleration by axis and duration, and the check of a flight's sensed
 * acceleration against it.
 *
 * Axes (occupant frame, NASA convention): +Gx eyeballs in (chest to back), −Gx eyeballs out, +Gz eyeballs down
 * (headward acceleration), −Gz eyeballs up, ±Gy lateral. The bundled envelope `NASA_STD_3001_SUSTAINED` follows the
 * curves of NASA-STD-3001 Volume 2 Rev. B, §4.8.4.1 [V2 4015] "Sustained Translational Acceleration Limits"
 * (Figures 4.8.4.1-1 to -5): limit (g) against duration (s), read at 1, 10, 100, 1 000 and 10 000 s and rounded down
 * to 0.5 g. The reading is ours (see docs/design/space-tourism-suborbital.md: verify against the current revision of
 * the standard before operational use); an operator's own envelope can be passed as data.
 *
 * Rule: for each envelope point (d, L) of an axis, every continuous run of the axis component above L that lasts
 * longer than d is a violation, reported with the time the run started, the time it outlasted d, its peak and length.
 * Runs shorter than the envelope's first duration are transients (NASA-STD-3001 treats them separately) and are not
 * judged here. The series is linear between samples.
 */
import { ArgumentError } from '../errors/index.ts';

export type AccelerationAxis = '+Gx' | '-Gx' | '+Gz' | '-Gz' | 'Gy';

export interface EnvelopePoint {
  readonly durationS: number;
  readonly limitG: number;
}

/** A tolerance envelope: per axis, points by increasing duration with non-increasing limits. */
export interface ToleranceEnvelope {
  readonly name: string;
  readonly source: string;
  readonly axes: Readonly<Record<AccelerationAxis, readonly EnvelopePoint[]>>;
}

const pts = (...xs: readonly (readonly [number, number])[]): EnvelopePoint[] => xs.map(([durationS, limitG]) => ({ durationS, limitG }));

/** NASA-STD-3001 Vol. 2 Rev. B sustained translational acceleration limits (our reading of its figures). */
export const NASA_STD_3001_SUSTAINED: ToleranceEnvelope = {
  name: 'NASA-STD-3001 Vol. 2 Rev. B sustained translational acceleration',
  source: 'NASA-STD-3001 Volume 2 Rev. B (2019), §4.8.4.1 [V2 4015], Figures 4.8.4.1-1 to -5, read at 1/10/100/1000/10000 s, rounded down to 0.5 g',
  axes: {
    '+Gx': pts([1, 14], [10, 10], [100, 6], [1000, 4.5], [10000, 3.5]),
    '-Gx': pts([1, 13.5], [10, 8], [100, 5], [1000, 3.5], [10000, 2.5]),
    '+Gz': pts([1, 6], [10, 5], [100, 4], [1000, 3], [10000, 2]),
    '-Gz': pts([1, 3], [10, 2.5], [100, 2], [1000, 1.5], [10000, 1]),
    Gy: pts([1, 5], [10, 4], [100, 3], [1000, 2], [10000, 1.5]),
  },
};

export const ACCELERATION_AXES: readonly AccelerationAxis[] = ['+Gx', '-Gx', '+Gz', '-Gz', 'Gy'];

/** A sensed-acceleration record on the occupant's axes (g₀), parallel arrays. */
export interface AccelerationSeries {
  readonly tS: readonly number[];
  readonly gx: readonly number[];
  readonly gy: readonly number[];
  readonly gz: readonly number[];
}

export interface ToleranceViolation {
  readonly axis: AccelerationAxis;
  /** The limit broken and the duration it allows (envelope point). */
  readonly limitG: number;
  readonly allowedDurationS: number;
  /** Start of the run above the limit, and the time it outlasted the allowed duration (s from liftoff). */
  readonly startS: number;
  readonly tS: number;
  /** Length of the run above the limit (s) and its peak (g₀, positive along the axis). */
  readonly durationS: number;
  readonly peakG: number;
}

/** Validates an envelope (also one read from JSON). Throws ArgumentError naming the bad axis. */
export function checkEnvelope(env: ToleranceEnvelope): void {
  for (const axis of ACCELERATION_AXES) {
    const p = env.axes[axis];
    if (!Array.isArray(p) || p.length === 0) throw new ArgumentError(`Envelope ${env.name}: axis ${axis} needs at least one {durationS, limitG} point.`, axis);
    for (let k = 0; k < p.length; k++) {
      const q = p[k]!;
      if (!(q.durationS >= 0 && q.limitG > 0 && Number.isFinite(q.durationS) && Number.isFinite(q.limitG))) throw new ArgumentError(`Envelope ${env.name}: axis ${axis} point ${k} must have durationS ≥ 0 and limitG > 0.`, q);
      if (k > 0 && (q.durationS <= p[k - 1]!.durationS || q.limitG > p[k - 1]!.limitG)) throw new ArgumentError(`Envelope ${env.name}: axis ${axis} points must increase in duration with non-increasing limits (point ${k}).`, q);
    }
  }
}

/** The limit (g) for a duration (s): log-linear in duration between points, flat outside. */
export function toleranceLimitG(env: ToleranceEnvelope, axis: AccelerationAxis, durationS: number): number {
  const p = env.axes[axis];
  if (durationS <= p[0]!.durationS) return p[0]!.limitG;
  for (let k = 1; k < p.length; k++) {
    const a = p[k - 1]!;
    const b = p[k]!;
    if (durationS <= b.durationS) {
      const f = (Math.log(durationS) - Math.log(Math.max(a.durationS, 1e-6))) / (Math.log(b.durationS) - Math.log(Math.max(a.durationS, 1e-6)));
      return a.limitG + f * (b.limitG - a.limitG);
    }
  }
  return p[p.length - 1]!.limitG;
}

function axisValues(s: AccelerationSeries, axis: AccelerationAxis): readonly number[] {
  switch (axis) {
    case '+Gx':
      return s.gx;
    case '-Gx':
      return s.gx.map((x) => -x);
    case '+Gz':
      return s.gz;
    case '-Gz':
      return s.gz.map((x) => -x);
    default:
      return s.gy.map((x) => Math.abs(x));
  }
}

/** Every violation of the envelope by the series, sorted by time. */
export function checkTolerance(s: AccelerationSeries, env: ToleranceEnvelope = NASA_STD_3001_SUSTAINED): ToleranceViolation[] {
  const n = s.tS.length;
  if (s.gx.length !== n || s.gy.length !== n || s.gz.length !== n) throw new ArgumentError('The acceleration series needs tS, gx, gy, gz of equal length.', n);
  const out: ToleranceViolation[] = [];
  for (const axis of ACCELERATION_AXES) {
    const a = axisValues(s, axis);
    for (const pt of env.axes[axis]) {
      const L = pt.limitG;
      let start = -1;
      let peak = 0;
      const close = (endT: number): void => {
        if (start >= 0 && endT - start > pt.durationS) out.push({ axis, limitG: L, allowedDurationS: pt.durationS, startS: start, tS: start + pt.durationS, durationS: endT - start, peakG: peak });
        start = -1;
        peak = 0;
      };
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        const t = s.tS[i]!;
        if (v > L) {
          if (start < 0) {
            // Crossing time inside the previous step (linear), or the first sample.
            const pv = i > 0 ? a[i - 1]! : v;
            const pt0 = i > 0 ? s.tS[i - 1]! : t;
            start = i > 0 && pv < v ? pt0 + ((L - pv) / (v - pv)) * (t - pt0) : t;
          }
          peak = Math.max(peak, v);
        } else if (start >= 0) {
          const pv = a[i - 1]!;
          const pt0 = s.tS[i - 1]!;
          close(pv > v ? pt0 + ((pv - L) / (pv - v)) * (t - pt0) : t);
        }
      }
      if (start >= 0) close(s.tS[n - 1]!);
    }
  }
  return out.sort((x, y) => x.tS - y.tS || x.axis.localeCompare(y.axis));
}
