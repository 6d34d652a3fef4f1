/**
 * The numerical (Cowell) propagator: integrates a GCRF state (km, km/s) on TAI seconds from its epoch against a list
 * of ForceModel, optionally with the variational equations (state transition matrix Φ = ∂x(t)/∂x(t0), 6×6, or 6×(6+p)
 * with the drag and radiation-pressure coefficients as parameters) and a propagated covariance P(t) = Φ P0 Φᵀ.
 *
 * Variational equations (Montenbruck & Gill, "Satellite Orbits", §7.2): with A = [[0, I], [∂a/∂r, ∂a/∂v]],
 *   dΦ_x/dt = A Φ_x,  dΦ_p/dt = A Φ_p + [0; ∂a/∂p].
 * ∂a/∂r is analytic for the forces that provide it (point mass, zonal gravity: ForceModelWithGradient); for every other
 * force ∂a/∂r and ∂a/∂v come from central differences (δr = 1e-3 km, δv = 1e-6 km/s) and ∂a/∂p from central
 * differences in the coefficient (±1e-3 relative; drag and SRP are linear in C_D, C_R so this is exact to round-off).
 * The step-size control sees only the 6 state components.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { DenseEphemerisBuilder, type DenseEphemeris } from './denseEphemeris.ts';
import { EarthOrientation } from './earthOrientation.ts';
import { EventLocator, type EventContext, type EventDetector, type EventOccurrence } from './events.ts';
import { PropagatorForceEvaluation } from './forceEvaluation.ts';
import type { ForceModel, SpacecraftProperties } from './forceModel.ts';
import { RungeKuttaIntegrator, type DenseStep, type IntegratorMethod } from './integrator.ts';
import { hasGradient, type ForceModelWithGradient } from './zonalGravity.ts';

/** A neutral spacecraft for force lists that do not read it (gravity only): 1,000 kg, 1 m², C_D 2.2, C_R 1.5. */
export const DEFAULT_SPACECRAFT: SpacecraftProperties = { massKg: 1000, dragAreaM2: 1, dragCoefficient: 2.2, srpAreaM2: 1, reflectivityCoefficient: 1.5 };

/** An estimated parameter of the extended STM. */
export type StmParameter = 'dragCoefficient' | 'reflectivityCoefficient';

export interface NumericalPropagatorOptions {
  readonly timeScales: TimeScales;
  readonly forces: readonly ForceModel[];
  readonly spacecraft?: SpacecraftProperties;
  /** Default dp853. */
  readonly integrator?: IntegratorMethod;
  /** Relative tolerance (default 1e-10); scalar or 6 values. */
  readonly rtol?: number | ArrayLike<number>;
  /** Absolute tolerance, km and km/s (default 1e-9 km for positions, 1e-12 km/s for velocities); scalar or 6 values. */
  readonly atol?: number | ArrayLike<number>;
  readonly initialStepS?: number;
  readonly minStepS?: number;
  readonly maxStepS?: number;
  readonly maxSteps?: number;
  /** Fixed step (s): required for rk4, optional for the Dormand–Prince methods (no error control). */
  readonly fixedStepS?: number;
  /** Node spacing of the interpolated Earth orientation (s, default 3,600; 0 = exact at every evaluation). */
  readonly earthOrientationNodeS?: number;
}

export interface PropagationRequest {
  /** Epoch of the initial state. */
  readonly epoch: Instant;
  /** Initial GCRF state x, y, z, vx, vy, vz (km, km/s). */
  readonly state: ArrayLike<number>;
  /** End of the propagation: an instant, or TAI seconds from the epoch (negative: backwards). */
  readonly stop: Instant | number;
  /** Output times, TAI seconds from the epoch, monotone in the direction of propagation, within [0, stop]. */
  readonly outputTimesS?: ArrayLike<number>;
  readonly events?: readonly EventDetector[];
  /**
   * Initial covariance (GCRF, row-major; km², km²/s, km²/s²; 6×6, or (6+p)×(6+p) with `stmParameters`, parameters in
   * their own units): propagated as Φ P0 Φᵀ to every output and the final time.
   */
  readonly covariance?: ArrayLike<number>;
  /** Integrate the STM even without a covariance (default: when a covariance is given). */
  readonly stm?: boolean;
  /** Parameters appended to the STM columns (6×(6+p)). */
  readonly stmParameters?: readonly StmParameter[];
  /** Keep the dense ephemeris (for a NumericalTrajectory). */
  readonly keepEphemeris?: boolean;
}

export interface PropagationResult {
  readonly epoch: Instant;
  /** Final time (TAI seconds from the epoch): the stop, or a terminal event. */
  readonly finalTimeS: number;
  readonly finalState: Float64Array;
  readonly outputTimesS: Float64Array;
  /** Six values per output time (GCRF, km, km/s); NaN after a terminal event. */
  readonly outputStates: Float64Array;
  /** Φ at each output (row-major 6×(6+p)), when the STM is integrated. */
  readonly outputStm?: Float64Array;
  /** P at each output (row-major (6+p)², GCRF), when a covariance is given. */
  readonly outputCovariance?: Float64Array;
  readonly finalStm?: Float64Array;
  readonly finalCovariance?: Float64Array;
  readonly events: EventOccurrence[];
  readonly ephemeris?: DenseEphemeris;
  readonly acceptedSteps: number;
  readonly rejectedSteps: number;
  readonly evaluations: number;
}

const DEFAULT_ATOL = [1e-9, 1e-9, 1e-9, 1e-12, 1e-12, 1e-12];

/** A reusable propagator for one force list and integrator setting. Not re-entrant. */
export class NumericalPropagator {
  readonly options: NumericalPropagatorOptions;
  private readonly gradientForces: readonly ForceModelWithGradient[];
  private readonly otherForces: readonly ForceModel[];

  constructor(options: NumericalPropagatorOptions) {
    if (options.forces.length === 0) throw new ArgumentError('The force list is empty: add at least central gravity (PointMassGravity).');
    this.options = options;
    this.gradientForces = options.forces.filter(hasGradient);
    this.otherForces = options.forces.filter((f) => !hasGradient(f));
  }

  propagate(req: PropagationRequest): PropagationResult {
    const o = this.options;
    const ts = o.timeScales;
    if (req.state.length !== 6 || !Array.from(req.state).every(Number.isFinite)) {
      throw new ArgumentError(`The initial state must be 6 finite values (GCRF km, km/s), got ${Array.from(req.state).join(', ')}.`, req.state);
    }
    const stopS = typeof req.stop === 'number' ? req.stop : req.stop.secondsSince(req.epoch);
    if (!Number.isFinite(stopS)) throw new ArgumentError(`The stop must be finite, got ${stopS}.`, stopS);
    const dir = stopS >= 0 ? 1 : -1;
    const params = req.stmParameters ?? [];
    const np = params.length;
    const cols = 6 + np;
    const withStm = req.stm === true || req.covariance !== undefined || np > 0;
    if (req.covariance !== undefined && req.covariance.length !== cols * cols) {
      throw new ArgumentError(`The covariance must be ${cols}×${cols} (${cols * cols} values, row-major) for ${np} STM parameter(s); got ${req.covariance.length} values.`, req.covariance.length);
    }
    const outT = Float64Array.from(req.outputTimesS ?? []);
    for (let i = 0; i < outT.length; i++) {
      const t = outT[i]!;
      if (!Number.isFinite(t) || t * dir < 0 || (t - stopS) * dir > 0 || (i > 0 && (t - outT[i - 1]!) * dir < 0)) {
        throw new ArgumentError(`Output time ${i} (${t} s) must lie within [0, ${stopS}] s and be monotone in the direction of propagation.`, t);
      }
    }
    const spacecraft = o.spacecraft ?? DEFAULT_SPACECRAFT;
    const orientation = new EarthOrientation(req.epoch, ts, o.earthOrientationNodeS ?? 3600);
    const ev = new PropagatorForceEvaluation(req.epoch, ts, orientation, spacecraft);
    const n = withStm ? 6 + 6 * cols : 6;
    const rhs = withStm ? this.variationalRhs(ev, params, spacecraft) : this.stateRhs(ev);
    const rtol6 = o.rtol ?? 1e-10;
    const atol6 = o.atol ?? DEFAULT_ATOL;
    const expand = (v: number | ArrayLike<number>, fill: number): number | Float64Array => {
      if (typeof v === 'number' && !withStm) return v;
      const a = new Float64Array(n).fill(fill);
      for (let i = 0; i < 6; i++) a[i] = typeof v === 'number' ? v : v[i]!;
      if (typeof v !== 'number' && v.length !== 6) throw new ArgumentError(`Per-component tolerances need 6 values (x, y, z, vx, vy, vz), got ${v.length}.`, v);
      return a;
    };
    const integrator = new RungeKuttaIntegrator(n, rhs, {
      method: o.integrator ?? 'dp853',
      rtol: expand(rtol6, 1),
      atol: expand(atol6, 1),
      errorComponents: 6,
      ...(o.initialStepS !== undefined ? { initialStepS: o.initialStepS } : {}),
      ...(o.minStepS !== undefined ? { minStepS: o.minStepS } : {}),
      ...(o.maxStepS !== undefined ? { maxStepS: o.maxStepS } : {}),
      ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}),
      ...(o.fixedStepS !== undefined ? { fixedStepS: o.fixedStepS } : {}),
    });
    const y0 = new Float64Array(n);
    for (let i = 0; i < 6; i++) y0[i] = req.state[i]!;
    if (withStm) for (let i = 0; i < 6; i++) y0[6 + i * cols + i] = 1;

    const outStates = new Float64Array(outT.length * 6).fill(Number.NaN);
    const outStm = withStm ? new Float64Array(outT.length * 6 * cols).fill(Number.NaN) : undefined;
    const yOut = new Float64Array(n);
    let next = 0;
    const record = (t: number, y: Float64Array): void => {
      while (next < outT.length && outT[next] === t) {
        outStates.set(y.subarray(0, 6), next * 6);
        if (outStm !== undefined) outStm.set(y.subarray(6, n), next * 6 * cols);
        next++;
      }
    };
    record(0, y0);
    const ctx: EventContext = { epoch: req.epoch, timeScales: ts, orientation };
    const events = req.events ?? [];
    const locator = new EventLocator(events, ctx, n);
    if (events.length > 0) locator.start(0, y0);
    const found: EventOccurrence[] = [];
    const eph = req.keepEphemeris === true ? new DenseEphemerisBuilder(integrator.denseCoefficients) : undefined;
    const onStep = (step: DenseStep): number | undefined => {
      let end = step.tEnd;
      if (events.length > 0) {
        const occ = locator.handle(step);
        for (const e of occ) found.push(e);
        if (locator.terminalAt !== undefined) end = locator.terminalAt;
      }
      while (next < outT.length && (outT[next]! - end) * dir <= 0) {
        const t = outT[next]!;
        step.interpolate(t, yOut);
        record(t, yOut);
      }
      // The whole step's polynomial is kept, also when a terminal event ends the propagation inside it.
      if (eph !== undefined && end !== step.tStart) {
        const offset = eph.add(step.tStart, step.h); // may grow (reallocate) the buffer: read it afterwards
        step.copyDense(eph.buffer, offset, 6);
      }
      return locator.terminalAt;
    };
    const r = integrator.integrate(0, y0, stopS, onStep);
    const result: {
      -readonly [K in keyof PropagationResult]: PropagationResult[K];
    } = {
      epoch: req.epoch,
      finalTimeS: r.t,
      finalState: r.y.slice(0, 6),
      outputTimesS: outT,
      outputStates: outStates,
      events: found,
      acceptedSteps: r.acceptedSteps,
      rejectedSteps: r.rejectedSteps,
      evaluations: r.evaluations,
    };
    if (withStm && outStm !== undefined) {
      result.outputStm = outStm;
      result.finalStm = r.y.slice(6, n);
      if (req.covariance !== undefined) {
        const p0 = Float64Array.from(req.covariance);
        result.outputCovariance = new Float64Array(outT.length * cols * cols).fill(Number.NaN);
        for (let k = 0; k < next; k++) {
          result.outputCovariance.set(propagateCovariance(outStm.subarray(k * 6 * cols, (k + 1) * 6 * cols), p0, np), k * cols * cols);
        }
        result.finalCovariance = propagateCovariance(result.finalStm, p0, np);
      }
    }
    if (eph !== undefined) result.ephemeris = eph.build(req.epoch.taiDay, req.epoch.taiSeconds);
    return result;
  }

  private stateRhs(ev: PropagatorForceEvaluation): (t: number, y: Float64Array, dy: Float64Array) => void {
    const forces = this.options.forces;
    const acc = new Float64Array(3);
    return (t, y, dy) => {
      ev.set(t, y);
      acc[0] = 0;
      acc[1] = 0;
      acc[2] = 0;
      for (let i = 0; i < forces.length; i++) forces[i]!.addAcceleration(ev, acc);
      dy[0] = y[3]!;
      dy[1] = y[4]!;
      dy[2] = y[5]!;
      dy[3] = acc[0];
      dy[4] = acc[1];
      dy[5] = acc[2];
    };
  }

  private variationalRhs(ev: PropagatorForceEvaluation, params: readonly StmParameter[], spacecraft: SpacecraftProperties): (t: number, y: Float64Array, dy: Float64Array) => void {
    const grad = this.gradientForces;
    const other = this.otherForces;
    const np = params.length;
    const cols = 6 + np;
    const acc = new Float64Array(3);
    const tmp = new Float64Array(3);
    const tmp2 = new Float64Array(3);
    const G = new Float64Array(9); // ∂a/∂r
    const D = new Float64Array(9); // ∂a/∂v
    const dp = new Float64Array(3 * Math.max(1, np)); // ∂a/∂p, column-wise
    const dr = 1e-3;
    const dv = 1e-6;
    const scPlus: SpacecraftProperties[] = [];
    const scMinus: SpacecraftProperties[] = [];
    const dParam: number[] = [];
    for (const p of params) {
      const v = spacecraft[p];
      const d = 1e-3 * (Math.abs(v) > 0 ? Math.abs(v) : 1);
      dParam.push(d);
      scPlus.push({ ...spacecraft, [p]: v + d });
      scMinus.push({ ...spacecraft, [p]: v - d });
    }
    const sumOther = (out: Float64Array): void => {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      for (let i = 0; i < other.length; i++) other[i]!.addAcceleration(ev, out);
    };
    return (t, y, dy) => {
      ev.set(t, y);
      acc[0] = 0;
      acc[1] = 0;
      acc[2] = 0;
      G.fill(0);
      D.fill(0);
      for (let i = 0; i < grad.length; i++) grad[i]!.addAccelerationAndGradient(ev, acc, G);
      if (other.length > 0) {
        sumOther(tmp);
        acc[0]! += tmp[0]!;
        acc[1]! += tmp[1]!;
        acc[2]! += tmp[2]!;
        // Central differences of the other forces in position and velocity.
        for (let j = 0; j < 6; j++) {
          const arr = j < 3 ? ev.position : ev.velocity;
          const jj = j % 3;
          const h = j < 3 ? dr : dv;
          const x0 = arr[jj]!;
          arr[jj] = x0 + h;
          sumOther(tmp);
          arr[jj] = x0 - h;
          sumOther(tmp2);
          arr[jj] = x0;
          const M = j < 3 ? G : D;
          for (let i = 0; i < 3; i++) M[i * 3 + jj]! += (tmp[i]! - tmp2[i]!) / (2 * h);
        }
        for (let k = 0; k < np; k++) {
          ev.spacecraft = scPlus[k]!;
          sumOther(tmp);
          ev.spacecraft = scMinus[k]!;
          sumOther(tmp2);
          ev.spacecraft = spacecraft;
          for (let i = 0; i < 3; i++) dp[k * 3 + i] = (tmp[i]! - tmp2[i]!) / (2 * dParam[k]!);
        }
      } else {
        dp.fill(0);
      }
      dy[0] = y[3]!;
      dy[1] = y[4]!;
      dy[2] = y[5]!;
      dy[3] = acc[0]!;
      dy[4] = acc[1]!;
      dy[5] = acc[2]!;
      // Φ rows 0..2 (position) and 3..5 (velocity), `cols` columns, at y[6 + row·cols + col].
      for (let c = 0; c < cols; c++) {
        const r0 = y[6 + c]!, r1 = y[6 + cols + c]!, r2 = y[6 + 2 * cols + c]!;
        const v0 = y[6 + 3 * cols + c]!, v1 = y[6 + 4 * cols + c]!, v2 = y[6 + 5 * cols + c]!;
        dy[6 + c] = v0;
        dy[6 + cols + c] = v1;
        dy[6 + 2 * cols + c] = v2;
        for (let i = 0; i < 3; i++) {
          let s = G[i * 3]! * r0 + G[i * 3 + 1]! * r1 + G[i * 3 + 2]! * r2 + D[i * 3]! * v0 + D[i * 3 + 1]! * v1 + D[i * 3 + 2]! * v2;
          if (c >= 6) s += dp[(c - 6) * 3 + i]!;
          dy[6 + (3 + i) * cols + c] = s;
        }
      }
    };
  }
}

/**
 * P(t) = Φ̃ P0 Φ̃ᵀ with Φ̃ = [[Φ (6×(6+p))], [0, I_p]] (parameters constant): returns the (6+p)² covariance.
 */
export function propagateCovariance(stm: ArrayLike<number>, p0: ArrayLike<number>, np = 0): Float64Array {
  const c = 6 + np;
  const F = new Float64Array(c * c);
  for (let i = 0; i < 6; i++) for (let j = 0; j < c; j++) F[i * c + j] = stm[i * c + j]!;
  for (let k = 0; k < np; k++) F[(6 + k) * c + 6 + k] = 1;
  const T = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += F[i * c + k]! * p0[k * c + j]!;
    T[i * c + j] = s;
  }
  const out = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = i; j < c; j++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += T[i * c + k]! * F[j * c + k]!;
    out[i * c + j] = s;
    out[j * c + i] = s;
  }
  return out;
}

/** One-shot propagation: `new NumericalPropagator(options).propagate(request)`. */
export function propagateNumerical(options: NumericalPropagatorOptions & PropagationRequest): PropagationResult {
  return new NumericalPropagator(options).propagate(options);
}
