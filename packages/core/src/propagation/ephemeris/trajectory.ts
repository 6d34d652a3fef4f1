/**
 * An ephemeris as a trajectory: tabulated TEME states (already rotated from the source frame at each node) on the
 * UTC clock axis, interpolated by Lagrange or Hermite polynomials on a window of nodes centred on the requested time.
 * Outside its coverage (the first to the last node, narrowed to the producer's useable span) there is no state: the
 * status is EPHEMERIS_STATUS_COVERAGE and the error EPHEMERIS_COVERAGE; an ephemeris is never extrapolated.
 */
import { PropagationError } from '../../errors/index.ts';
import { vec3, type StateVector } from '../../math/vec3.ts';
import { minutesSinceEpoch, type UtcClock } from '../sgp4/input.ts';
import type { Trajectory } from '../trajectory.ts';
import { interpolateState, InterpolationScratch, nodesForDegree, type EphemerisInterpolation } from './interpolation.ts';

/** Status of a time outside the ephemeris's coverage (SGP4 statuses are 1-7). */
export const EPHEMERIS_STATUS_COVERAGE = 8;

/** An ephemeris in TEME on the UTC clock: plain, structured-clone-safe data (what worker threads receive). */
export interface EphemerisInput {
  readonly kind: 'ephemeris';
  readonly catalogNumber: number;
  /** Reference epoch (the first node), UTC clock: MJD and seconds of day. */
  readonly epochUtcMjd: number;
  readonly epochUtcSeconds: number;
  /** Node times: UTC clock seconds from the reference epoch, increasing (the first is 0). */
  readonly timesS: Float64Array;
  /** Node states x, y, z, vx, vy, vz (TEME, km, km/s), six per node. */
  readonly statesTeme: Float64Array;
  readonly interpolation: EphemerisInterpolation;
  /** Polynomial degree (Lagrange: nodes − 1; Hermite: 2·nodes − 1), already reduced to what the nodes allow. */
  readonly interpolationDegree: number;
  /** The span where states are given: seconds from the reference epoch (within [0, last node]). */
  readonly coverageStartS: number;
  readonly coverageStopS: number;
  /** Where it came from, for messages (e.g. "OEM of OPERATOR created 2026-03-10T00:00:00Z"). */
  readonly source: string;
}

/** An initialised ephemeris trajectory. Not thread-safe (it caches the last window). */
export class EphemerisTrajectory implements Trajectory {
  readonly input: EphemerisInput;
  private readonly nodes: number;
  private readonly idx: Int32Array;
  private readonly scratch: InterpolationScratch;
  private lastWindow = -1;

  private constructor(input: EphemerisInput) {
    this.input = input;
    this.nodes = nodesForDegree(input.interpolation, input.interpolationDegree);
    this.idx = new Int32Array(this.nodes);
    this.scratch = new InterpolationScratch(this.nodes);
  }

  /** Checks the input (enough increasing nodes for the degree, finite states); throws ELEMENTS_INVALID otherwise. */
  static create(input: EphemerisInput): EphemerisTrajectory {
    const n = input.timesS.length;
    const p = nodesForDegree(input.interpolation, input.interpolationDegree);
    const bad = (why: string): PropagationError =>
      new PropagationError('ELEMENTS_INVALID', `Object ${input.catalogNumber}: the ephemeris (${input.source}) cannot be interpolated: ${why}.`, { objectId: input.catalogNumber });
    if (n < 2 || input.statesTeme.length !== 6 * n) throw bad(`it needs at least 2 nodes with 6 values each (got ${n} nodes, ${input.statesTeme.length} values)`);
    if (!(p >= 2 && p <= n)) throw bad(`${input.interpolation} degree ${input.interpolationDegree} needs ${p} nodes; the ephemeris has ${n}`);
    for (let k = 1; k < n; k++) if (!(input.timesS[k]! > input.timesS[k - 1]!)) throw bad(`node times must increase (node ${k + 1})`);
    if (!input.statesTeme.every(Number.isFinite)) throw bad('a state is not finite');
    if (!(input.coverageStartS >= input.timesS[0]! && input.coverageStopS <= input.timesS[n - 1]! && input.coverageStopS > input.coverageStartS)) {
      throw bad(`the coverage [${input.coverageStartS}, ${input.coverageStopS}] s must lie within the nodes`);
    }
    return new EphemerisTrajectory(input);
  }

  get catalogNumber(): number {
    return this.input.catalogNumber;
  }

  propagateInto(minutes: number, out: Float64Array, offset: number): number {
    const t = minutes * 60;
    const e = this.input;
    if (!(t >= e.coverageStartS && t <= e.coverageStopS)) {
      out.fill(Number.NaN, offset, offset + 6);
      return EPHEMERIS_STATUS_COVERAGE;
    }
    const w = this.windowStart(t);
    if (w !== this.lastWindow) {
      for (let a = 0; a < this.nodes; a++) this.idx[a] = w + a;
      this.lastWindow = w;
    }
    interpolateState(e.interpolation, e.timesS, e.statesTeme, this.idx, this.nodes, t, out, offset, this.scratch);
    return 0;
  }

  errorFor(status: number, minutes: number): PropagationError {
    const e = this.input;
    const id = e.catalogNumber;
    if (status === EPHEMERIS_STATUS_COVERAGE) {
      return new PropagationError(
        'EPHEMERIS_COVERAGE',
        `Object ${id} at ${minutes.toFixed(3)} min from its ephemeris's first epoch: outside the ephemeris (${e.source}), which covers ${(e.coverageStartS / 60).toFixed(3)} to ${(e.coverageStopS / 60).toFixed(3)} min. Upload an ephemeris that covers the screening window, or screen a window it covers.`,
        { objectId: id, tsinceMin: minutes },
      );
    }
    return new PropagationError('PROPAGATION_FAILED', `Object ${id} at ${minutes.toFixed(3)} min: ephemeris interpolation failed (status ${status}).`, { objectId: id, tsinceMin: minutes });
  }

  propagateAt(t: UtcClock): StateVector<'TEME'> {
    const minutes = minutesSinceEpoch(this.input, t);
    const out = new Float64Array(6);
    const status = this.propagateInto(minutes, out, 0);
    if (status !== 0) throw this.errorFor(status, minutes);
    return { r: vec3<'TEME'>(out[0]!, out[1]!, out[2]!), v: vec3<'TEME'>(out[3]!, out[4]!, out[5]!) };
  }

  /** First node of the window for `t`: the interval [t_j, t_j+1] holding t, centred, clamped to the table. */
  private windowStart(t: number): number {
    const times = this.input.timesS;
    const n = times.length;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! <= t) lo = mid;
      else hi = mid;
    }
    const w = lo - ((this.nodes - 1) >> 1);
    return w < 0 ? 0 : w > n - this.nodes ? n - this.nodes : w;
  }
}
