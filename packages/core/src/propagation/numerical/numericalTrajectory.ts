/**
 * A propagated dense ephemeris as a `Trajectory`: TEME states (km, km/s) on the UTC clock, counted in minutes from
 * a reference epoch, so that a numerical orbit plugs into screening and assessment beside SGP4 and OEM ephemerides.
 *
 * The input is plain, structured-clone-safe data (what worker threads receive): the integrator's dense-output
 * polynomials (GCRF, TAI seconds from the propagation epoch), the TEME→GCRF rotation tabulated every
 * `rotationNodeS` seconds (interpolated linearly: ≈ 0.3 mm at LEO for 3,600 s, see earthOrientation.ts) and the
 * leap-second steps inside the span (UTC clock → TAI mapping). Outside the propagated span there is no state
 * (status EPHEMERIS_STATUS_COVERAGE, error EPHEMERIS_COVERAGE); it is never extrapolated.
 */
import { PropagationError } from '../../errors/index.ts';
import { vec3, type StateVector } from '../../math/vec3.ts';
import { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { EPHEMERIS_STATUS_COVERAGE, type EphemerisInput } from '../ephemeris/trajectory.ts';
import { minutesSinceEpoch, type UtcClock } from '../sgp4/input.ts';
import type { Trajectory } from '../trajectory.ts';
import { denseEphemerisSpan, findStep, type DenseEphemeris } from './denseEphemeris.ts';
import { EarthOrientation } from './earthOrientation.ts';
import { evaluateDense } from './integrator.ts';

export interface NumericalEphemerisInput {
  readonly kind: 'numerical';
  readonly catalogNumber: number;
  /** Reference epoch on the UTC clock (the propagation epoch): MJD and seconds of day. */
  readonly epochUtcMjd: number;
  readonly epochUtcSeconds: number;
  readonly ephemeris: DenseEphemeris;
  /** TEME→GCRF matrices (9 each, row-major) at TAI seconds k·rotationNodeS + rotationStartS, k = 0, 1, … */
  readonly rotationStartS: number;
  readonly rotationNodeS: number;
  readonly rotations: Float64Array;
  /**
   * Leap seconds in the span: UTC-clock seconds from the reference epoch at which TAI − UTC grows, and the growth
   * (s). TAI seconds from the epoch = UTC-clock seconds + the sum of the steps at or before that clock time.
   */
  readonly leapAtUtcS: Float64Array;
  readonly leapStepS: Float64Array;
  readonly source: string;
}

/** Builds the trajectory input of a propagated dense ephemeris. */
export function numericalEphemerisInput(
  ephemeris: DenseEphemeris,
  timeScales: TimeScales,
  options: { catalogNumber: number; source?: string; rotationNodeS?: number },
): NumericalEphemerisInput {
  const epoch = Instant.fromTai(ephemeris.epochTaiDay, ephemeris.epochTaiSeconds);
  const utc = timeScales.toUtcDaySeconds(epoch);
  const span = denseEphemerisSpan(ephemeris);
  const node = options.rotationNodeS ?? 3600;
  const k0 = Math.floor(span.startS / node);
  const k1 = Math.ceil(span.stopS / node);
  const orientation = new EarthOrientation(epoch, timeScales, 0);
  const rotations = new Float64Array((k1 - k0 + 1) * 9);
  const m = new Float64Array(9);
  for (let k = k0; k <= k1; k++) {
    orientation.temeToGcrfInto(k * node, m);
    rotations.set(m, (k - k0) * 9);
  }
  // Leap seconds: scan TAI − UTC across the span at one-hour resolution, then pin each step to its UTC midnight.
  const leapAt: number[] = [];
  const leapStep: number[] = [];
  const base = timeScales.taiMinusUtc(epoch);
  let prev = timeScales.taiMinusUtc(epoch.plusSeconds(span.startS));
  let acc = prev - base;
  if (acc !== 0) {
    leapAt.push(Number.NEGATIVE_INFINITY);
    leapStep.push(acc);
  }
  for (let t = span.startS + 3600; ; t = Math.min(t + 3600, span.stopS)) {
    const cur = timeScales.taiMinusUtc(epoch.plusSeconds(t));
    if (cur !== prev) {
      const instant = epoch.plusSeconds(t);
      const day = timeScales.toUtcDaySeconds(instant);
      const clock = (day.mjd - utc.mjd) * 86400 - utc.seconds;
      leapAt.push(clock);
      leapStep.push(cur - prev);
      acc += cur - prev;
      prev = cur;
    }
    if (t >= span.stopS) break;
  }
  return {
    kind: 'numerical',
    catalogNumber: options.catalogNumber,
    epochUtcMjd: utc.mjd,
    epochUtcSeconds: utc.seconds,
    ephemeris,
    rotationStartS: k0 * node,
    rotationNodeS: node,
    rotations,
    leapAtUtcS: Float64Array.from(leapAt),
    leapStepS: Float64Array.from(leapStep),
    source: options.source ?? 'numerical propagation',
  };
}

/** An initialised numerical trajectory. Not thread-safe (caches the last step). */
export class NumericalTrajectory implements Trajectory {
  readonly input: NumericalEphemerisInput;
  private readonly startS: number;
  private readonly stopS: number;
  private hint = -1;
  private readonly g = new Float64Array(6);

  private constructor(input: NumericalEphemerisInput) {
    this.input = input;
    const span = denseEphemerisSpan(input.ephemeris);
    this.startS = span.startS;
    this.stopS = span.stopS;
  }

  static create(input: NumericalEphemerisInput): NumericalTrajectory {
    const e = input.ephemeris;
    const n = e.stepS.length;
    const bad = (why: string): PropagationError =>
      new PropagationError('ELEMENTS_INVALID', `Object ${input.catalogNumber}: the numerical ephemeris (${input.source}) cannot be used: ${why}.`, { objectId: input.catalogNumber });
    if (n === 0) throw bad('it has no steps');
    if (e.coef.length !== n * e.coefficients * 6 || e.stepStartS.length !== n) throw bad('its arrays have inconsistent lengths');
    if (!(input.rotationNodeS > 0) || input.rotations.length % 9 !== 0) throw bad('its rotation table is malformed');
    return new NumericalTrajectory(input);
  }

  get catalogNumber(): number {
    return this.input.catalogNumber;
  }

  /** TAI seconds from the propagation epoch for UTC-clock seconds from the reference epoch. */
  private taiSeconds(utcClockS: number): number {
    let t = utcClockS;
    const at = this.input.leapAtUtcS;
    for (let i = 0; i < at.length; i++) if (utcClockS >= at[i]!) t += this.input.leapStepS[i]!;
    return t;
  }

  propagateInto(minutes: number, out: Float64Array, offset: number): number {
    const t = this.taiSeconds(minutes * 60);
    const e = this.input.ephemeris;
    if (!(t >= this.startS && t <= this.stopS)) {
      out.fill(Number.NaN, offset, offset + 6);
      return EPHEMERIS_STATUS_COVERAGE;
    }
    const i = findStep(e, t, this.hint);
    if (i < 0) {
      out.fill(Number.NaN, offset, offset + 6);
      return EPHEMERIS_STATUS_COVERAGE;
    }
    this.hint = i;
    const g = this.g;
    evaluateDense(e.coef, i * e.coefficients * 6, 6, e.coefficients, (t - e.stepStartS[i]!) / e.stepS[i]!, g, 0, 6);
    // TEME = Mᵀ · GCRF with M (TEME→GCRF) interpolated between nodes.
    const inp = this.input;
    const x = (t - inp.rotationStartS) / inp.rotationNodeS;
    const nodes = inp.rotations.length / 9;
    const k = Math.min(Math.max(0, Math.floor(x)), nodes - 2);
    const f = nodes < 2 ? 0 : x - k;
    const R = inp.rotations;
    const a = k * 9;
    const b = nodes < 2 ? a : a + 9;
    for (let c = 0; c < 3; c++) {
      // column c of M = row c of Mᵀ
      const m0 = R[a + c]! + f * (R[b + c]! - R[a + c]!);
      const m1 = R[a + 3 + c]! + f * (R[b + 3 + c]! - R[a + 3 + c]!);
      const m2 = R[a + 6 + c]! + f * (R[b + 6 + c]! - R[a + 6 + c]!);
      out[offset + c] = m0 * g[0]! + m1 * g[1]! + m2 * g[2]!;
      out[offset + 3 + c] = m0 * g[3]! + m1 * g[4]! + m2 * g[5]!;
    }
    return 0;
  }

  errorFor(status: number, minutes: number): PropagationError {
    const id = this.input.catalogNumber;
    if (status === EPHEMERIS_STATUS_COVERAGE) {
      return new PropagationError(
        'EPHEMERIS_COVERAGE',
        `Object ${id} at ${minutes.toFixed(3)} min from its propagation epoch: outside the numerical propagation (${this.input.source}), which covers ${(this.startS / 60).toFixed(3)} to ${(this.stopS / 60).toFixed(3)} min (TAI). Propagate over the whole window first.`,
        { objectId: id, tsinceMin: minutes },
      );
    }
    return new PropagationError('PROPAGATION_FAILED', `Object ${id} at ${minutes.toFixed(3)} min: numerical ephemeris evaluation failed (status ${status}).`, { objectId: id, tsinceMin: minutes });
  }

  propagateAt(t: UtcClock): StateVector<'TEME'> {
    const minutes = minutesSinceEpoch(this.input, t);
    const out = new Float64Array(6);
    const status = this.propagateInto(minutes, out, 0);
    if (status !== 0) throw this.errorFor(status, minutes);
    return { r: vec3<'TEME'>(out[0]!, out[1]!, out[2]!), v: vec3<'TEME'>(out[3]!, out[4]!, out[5]!) };
  }
}

/**
 * The numerical trajectory tabulated as an `EphemerisInput` (TEME nodes every `stepS` seconds of UTC clock, Hermite
 * interpolation of degree 7 by default), for the screening and assessment paths that take ephemeris inputs. With
 * 60 s nodes the Hermite interpolation error is below a micrometre for LEO. The span is cut to whole steps inside the
 * propagated span.
 */
export function numericalToEphemerisInput(trajectory: NumericalTrajectory, options: { stepS?: number; degree?: number } = {}): EphemerisInput {
  const step = options.stepS ?? 60;
  const degree = options.degree ?? 7;
  const inp = trajectory.input;
  const span = denseEphemerisSpan(inp.ephemeris);
  // UTC-clock span (leap seconds inside the span shorten the clock span by their size).
  let leap = 0;
  for (let i = 0; i < inp.leapStepS.length; i++) leap += inp.leapStepS[i]!;
  const startClock = Math.ceil(span.startS / step) * step;
  const stopClock = span.stopS - Math.max(0, leap);
  const n = Math.floor((stopClock - startClock) / step) + 1;
  if (n < 2) throw new PropagationError('ELEMENTS_INVALID', `Object ${inp.catalogNumber}: the numerical propagation is shorter than two ${step} s nodes.`, { objectId: inp.catalogNumber });
  const times = new Float64Array(n);
  const states = new Float64Array(6 * n);
  for (let k = 0; k < n; k++) {
    const tClock = startClock + k * step;
    times[k] = tClock - startClock;
    const status = trajectory.propagateInto(tClock / 60, states, 6 * k);
    if (status !== 0) throw trajectory.errorFor(status, tClock / 60);
  }
  const epochSeconds = inp.epochUtcSeconds + startClock;
  const dayShift = Math.floor(epochSeconds / 86400);
  return {
    kind: 'ephemeris',
    catalogNumber: inp.catalogNumber,
    epochUtcMjd: inp.epochUtcMjd + dayShift,
    epochUtcSeconds: epochSeconds - dayShift * 86400,
    timesS: times,
    statesTeme: states,
    interpolation: 'HERMITE',
    interpolationDegree: degree,
    coverageStartS: 0,
    coverageStopS: times[n - 1]!,
    source: inp.source,
  };
}
