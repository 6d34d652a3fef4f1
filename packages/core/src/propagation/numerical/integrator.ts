/**
 * Explicit Runge–Kutta integration with adaptive step-size control and dense output: Dormand–Prince 5(4)
 * (`dp54`), Dormand–Prince 8(5,3) (`dp853`) and, for tests, fixed-step classical RK4 (`rk4`). Forward or backward
 * in time (t1 < t0 integrates backwards). Allocation-free per step: all work arrays are allocated once per integrator.
 *
 * Error control (Hairer, Nørsett & Wanner, "Solving ODEs I", §II.4): with sk_i = atol_i + rtol_i·max(|y_i|, |ŷ_i|),
 * - dp54: err = sqrt(Σ (e_i/sk_i)² / m), e = h Σ (b − b̂)_j k_j;
 * - dp853: err = |h|·E5 / sqrt(m·(E5 + 0.01·E3)) with E5 = Σ (err5_i/sk_i)², E3 = Σ (err3_i/sk_i)² (Hairer's DOP853),
 * over the first m = `errorComponents` components (default all). A step is accepted when err ≤ 1; the next step is
 * h·clamp(0.9·err^(−1/q), fmin, fmax) with q = 5 (dp54) or 8 (dp853).
 *
 * Dense output, in one nested form for every method (θ = (t − t_n)/h):
 *   y(θ) = c0 + θ(c1 + (1−θ)(c2 + θ(c3 + (1−θ)(c4 + θ(c5 + (1−θ)(c6 + θ c7))))))
 * - dp54: Hairer's continuous 4th-order extension (c0..c4, no extra evaluation);
 * - dp853: the 7th-order extension (c0..c7, three extra evaluations, computed only when a step is interpolated);
 * - rk4: the cubic Hermite interpolant (c0..c3).
 */
import { ArgumentError, PropagationError } from '../../errors/index.ts';
import { DP54, DP853, RK4 } from './tableaus.ts';

/** The right-hand side: writes dy/dt at (t, y) into `dydt` (never keeps references to the arrays). */
export type OdeFunction = (t: number, y: Float64Array, dydt: Float64Array) => void;

export type IntegratorMethod = 'dp54' | 'dp853' | 'rk4';

export interface IntegratorOptions {
  /** Default `dp853`. */
  readonly method?: IntegratorMethod;
  /** Relative tolerance, scalar or per component (default 1e-10). */
  readonly rtol?: number | ArrayLike<number>;
  /** Absolute tolerance in the units of each component (km, km/s for a state), scalar or per component (default 1e-9). */
  readonly atol?: number | ArrayLike<number>;
  /** First trial step (s, positive); by default Hairer's starting-step heuristic. */
  readonly initialStepS?: number;
  /** Smallest step allowed before the integration fails (s, default 1e-9). */
  readonly minStepS?: number;
  /** Largest step (s, default unlimited). */
  readonly maxStepS?: number;
  /** Failure after this many steps (default 1,000,000). */
  readonly maxSteps?: number;
  /** Fixed step (s): no error control (required for `rk4`, optional for the Dormand–Prince methods). */
  readonly fixedStepS?: number;
  /** Error control on the first m components only (e.g. 6 for a state augmented with its STM). */
  readonly errorComponents?: number;
}

/** One accepted step, valid only during the step callback. */
export interface DenseStep {
  readonly tStart: number;
  readonly tEnd: number;
  /** Signed step t_end − t_start. */
  readonly h: number;
  /** State at tStart and at tEnd (views: copy what you keep). */
  readonly yStart: Float64Array;
  readonly yEnd: Float64Array;
  /** Number of coefficient vectors c0..c_m of the dense output (5 for dp54, 8 for dp853, 4 for rk4). */
  readonly denseCoefficients: number;
  /** Writes the interpolated state at t (within the step) into out[offset..offset+count). */
  interpolate(t: number, out: Float64Array, offset?: number, count?: number): void;
  /** Copies the dense coefficients of the first `count` components into dst at offset, as c_j[i] at j·count + i. */
  copyDense(dst: Float64Array, offset: number, count: number): void;
}

/** What a step callback may return: a time within the step to stop at (terminal event), else nothing. */
export type StepHandler = (step: DenseStep) => number | undefined;

export interface IntegrationResult {
  /** Final time (t1, or the stop time a step handler asked for). */
  readonly t: number;
  readonly y: Float64Array;
  readonly stoppedEarly: boolean;
  readonly acceptedSteps: number;
  readonly rejectedSteps: number;
  readonly evaluations: number;
}

/** Evaluates the nested dense form at θ for `count` components (coefficients laid out c_j[i] at base + j·stride + i). */
export function evaluateDense(coef: Float64Array, base: number, stride: number, m: number, theta: number, out: Float64Array, offset: number, count: number): void {
  const u = 1 - theta;
  for (let i = 0; i < count; i++) {
    let acc = coef[base + (m - 1) * stride + i]!;
    for (let j = m - 2; j >= 1; j--) acc = coef[base + j * stride + i]! + ((j & 1) === 1 ? u : theta) * acc;
    out[offset + i] = coef[base + i]! + theta * acc;
  }
}

interface Method {
  readonly name: IntegratorMethod;
  /** Stages before the FSAL stage. */
  readonly s: number;
  readonly c: readonly number[];
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  readonly totalStages: number;
  readonly denseM: number;
  readonly exponent: number;
  readonly facMin: number;
  readonly facMax: number;
}

const METHODS: Record<IntegratorMethod, Method> = {
  dp54: { name: 'dp54', s: 6, c: DP54.c, a: DP54.a, b: DP54.b, totalStages: 7, denseM: 5, exponent: 1 / 5, facMin: 0.2, facMax: 10 },
  dp853: { name: 'dp853', s: 12, c: DP853.c, a: DP853.a, b: DP853.b, totalStages: 16, denseM: 8, exponent: 1 / 8, facMin: 1 / 3, facMax: 6 },
  rk4: { name: 'rk4', s: 4, c: RK4.c, a: RK4.a, b: RK4.b, totalStages: 5, denseM: 4, exponent: 1 / 4, facMin: 0.2, facMax: 5 },
};

const DP54_E = Float64Array.from(DP54.e);
const DP853_E5 = Float64Array.from(DP853.e5);
const DP853_E3 = ((): Float64Array => {
  const e = Float64Array.from(DP853.b);
  e[0]! -= DP853.bhh[0];
  e[8]! -= DP853.bhh[1];
  e[11]! -= DP853.bhh[2];
  return e;
})();

function tolerance(v: number | ArrayLike<number> | undefined, n: number, dflt: number, what: string): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined || typeof v === 'number') {
    const x = v ?? dflt;
    if (!(x >= 0) || !Number.isFinite(x)) throw new ArgumentError(`${what} must be a finite non-negative number, got ${x}.`, x);
    out.fill(x);
    return out;
  }
  if (v.length !== n) throw new ArgumentError(`${what} has ${v.length} components; the system has ${n}. Pass a scalar or one value per component.`, v);
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (!(x >= 0) || !Number.isFinite(x)) throw new ArgumentError(`${what}[${i}] must be a finite non-negative number, got ${x}.`, x);
    out[i] = x;
  }
  return out;
}

/** A reusable integrator for one system size and right-hand side. Not re-entrant (one integration at a time). */
export class RungeKuttaIntegrator implements DenseStep {
  readonly n: number;
  readonly method: IntegratorMethod;
  private readonly f: OdeFunction;
  private readonly m: Method;
  private readonly rtol: Float64Array;
  private readonly atol: Float64Array;
  private readonly errComps: number;
  private readonly options: IntegratorOptions;
  private readonly k: Float64Array[];
  /** All stages in one array: stage j, component i at j·n + i (the k[j] are views into it). */
  private readonly K: Float64Array;
  /** Per stage s: offsets j·n and values of the non-zero a_sj (and, at index s = stages, of the b_j). */
  private readonly nzOff: Int32Array[];
  private readonly nzVal: Float64Array[];
  private readonly ytmp: Float64Array;
  private readonly dense: Float64Array;
  private denseReady = false;
  private evals = 0;
  // Step view state.
  tStart = 0;
  tEnd = 0;
  h = 0;
  yStart: Float64Array;
  yEnd: Float64Array;
  readonly denseCoefficients: number;

  constructor(n: number, f: OdeFunction, options: IntegratorOptions = {}) {
    if (!(Number.isInteger(n) && n > 0)) throw new ArgumentError(`The system size must be a positive integer, got ${n}.`, n);
    this.n = n;
    this.f = f;
    this.options = options;
    this.method = options.method ?? 'dp853';
    const m = METHODS[this.method];
    if (m === undefined) throw new ArgumentError(`Unknown integrator "${String(options.method)}": use dp54, dp853 or rk4.`, options.method);
    this.m = m;
    if (this.method === 'rk4' && !(options.fixedStepS !== undefined && options.fixedStepS > 0)) {
      throw new ArgumentError('rk4 is a fixed-step method: give fixedStepS (> 0).', options.fixedStepS);
    }
    if (options.fixedStepS !== undefined && !(options.fixedStepS > 0 && Number.isFinite(options.fixedStepS))) {
      throw new ArgumentError(`fixedStepS must be a positive finite number of seconds, got ${options.fixedStepS}.`, options.fixedStepS);
    }
    this.rtol = tolerance(options.rtol, n, 1e-10, 'rtol');
    this.atol = tolerance(options.atol, n, 1e-9, 'atol');
    this.errComps = Math.min(n, Math.max(1, options.errorComponents ?? n));
    this.K = new Float64Array(m.totalStages * n);
    this.k = Array.from({ length: m.totalStages }, (_, j) => this.K.subarray(j * n, (j + 1) * n));
    this.nzOff = [];
    this.nzVal = [];
    for (let st = 0; st <= m.s; st++) {
      const row = st < m.s ? m.a[st]! : m.b.slice(0, m.s);
      const off: number[] = [];
      const val: number[] = [];
      for (let j = 0; j < row.length; j++) {
        if (row[j]! !== 0) {
          off.push(j * n);
          val.push(row[j]!);
        }
      }
      this.nzOff.push(Int32Array.from(off));
      this.nzVal.push(Float64Array.from(val));
    }
    this.ytmp = new Float64Array(n);
    this.yStart = new Float64Array(n);
    this.yEnd = new Float64Array(n);
    this.dense = new Float64Array(m.denseM * n);
    this.denseCoefficients = m.denseM;
  }

  private call(t: number, y: Float64Array, out: Float64Array): void {
    this.evals++;
    this.f(t, y, out);
  }

  /**
   * Integrates from (t0, y0) to t1, calling `onStep` after every accepted step (dense output valid during the call).
   * Throws PropagationError (PROPAGATION_FAILED) when the step size underflows, the step budget is exhausted or the
   * right-hand side returns non-finite values that step reduction cannot avoid.
   */
  integrate(t0: number, y0: ArrayLike<number>, t1: number, onStep?: StepHandler): IntegrationResult {
    const n = this.n;
    if (y0.length !== n) throw new ArgumentError(`The initial state has ${y0.length} components; the system has ${n}.`, y0.length);
    if (!Number.isFinite(t0) || !Number.isFinite(t1)) throw new ArgumentError(`Integration bounds must be finite (t0 = ${t0}, t1 = ${t1}).`);
    const y = this.yStart;
    const ynew = this.yEnd;
    for (let i = 0; i < n; i++) y[i] = y0[i]!;
    this.evals = 0;
    let accepted = 0;
    let rejected = 0;
    if (t1 === t0) return { t: t0, y: Float64Array.from(y), stoppedEarly: false, acceptedSteps: 0, rejectedSteps: 0, evaluations: 0 };
    const dir = t1 > t0 ? 1 : -1;
    const m = this.m;
    const k = this.k;
    const o = this.options;
    const fixed = o.fixedStepS;
    const maxStep = o.maxStepS ?? Number.POSITIVE_INFINITY;
    const minStep = o.minStepS ?? 1e-9;
    const maxSteps = o.maxSteps ?? 1_000_000;
    let t = t0;
    this.call(t, y, k[0]!);
    let h = fixed !== undefined ? dir * fixed : dir * Math.min(maxStep, o.initialStepS ?? this.initialStep(t, y, dir, maxStep));
    let lastRejected = false;
    for (;;) {
      if (accepted + rejected >= maxSteps) {
        throw new PropagationError('PROPAGATION_FAILED', `The integration stopped after ${maxSteps} steps at t = ${t} s (target ${t1} s): loosen the tolerances or raise maxSteps.`, { value: t });
      }
      let last = false;
      if ((t + h - t1) * dir >= 0 || Math.abs(t1 - t - h) <= 1e-12 * Math.abs(h)) {
        h = t1 - t;
        last = true;
      }
      this.stages(t, y, h, ynew);
      let err = 0;
      if (fixed === undefined) err = this.errorNorm(h, y, ynew);
      const finite = Number.isFinite(err) && Number.isFinite(ynew[0]!);
      if (finite && err <= 1) {
        accepted++;
        this.tStart = t;
        this.tEnd = last ? t1 : t + h;
        this.h = this.tEnd - this.tStart;
        this.denseReady = false;
        const stop = onStep?.(this);
        if (stop !== undefined && (stop - this.tStart) * dir >= 0 && (stop - this.tEnd) * dir <= 0) {
          const out = new Float64Array(n);
          this.interpolate(stop, out);
          return { t: stop, y: out, stoppedEarly: stop !== this.tEnd || !last, acceptedSteps: accepted, rejectedSteps: rejected, evaluations: this.evals };
        }
        // Advance: y ← y_new, k0 ← FSAL stage.
        y.set(ynew);
        k[0]!.set(k[m.s]!);
        t = this.tEnd;
        if (last) return { t, y: Float64Array.from(y), stoppedEarly: false, acceptedSteps: accepted, rejectedSteps: rejected, evaluations: this.evals };
        if (fixed === undefined) {
          let fac = err === 0 ? m.facMax : Math.min(m.facMax, Math.max(m.facMin, 0.9 * Math.pow(err, -m.exponent)));
          if (lastRejected) fac = Math.min(1, fac);
          h = dir * Math.min(maxStep, Math.abs(h) * fac);
        }
        lastRejected = false;
      } else {
        if (fixed !== undefined) {
          throw new PropagationError('PROPAGATION_FAILED', `The right-hand side returned a non-finite value at t = ${t} s (fixed step ${fixed} s).`, { value: t });
        }
        rejected++;
        lastRejected = true;
        const fac = finite ? Math.max(m.facMin, 0.9 * Math.pow(err, -m.exponent)) : 0.2;
        h *= Math.min(1, fac);
      }
      if (Math.abs(h) < minStep || Math.abs(h) <= 4 * Number.EPSILON * Math.abs(t)) {
        throw new PropagationError('PROPAGATION_FAILED', `The step size fell to ${Math.abs(h)} s at t = ${t} s (below minStepS = ${minStep} s): the dynamics are singular there (impact, escape) or the tolerances are unattainable.`, { value: t });
      }
    }
  }

  /** Stages of one step from (t, y) with step h; writes y_{n+1} into ynew and the FSAL stage into k[s]. */
  private stages(t: number, y: Float64Array, h: number, ynew: Float64Array): void {
    const n = this.n;
    const m = this.m;
    const K = this.K;
    const tmp = this.ytmp;
    for (let st = 1; st <= m.s; st++) {
      const off = this.nzOff[st]!;
      const val = this.nzVal[st]!;
      const nz = off.length;
      const dst = st < m.s ? tmp : ynew;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let q = 0; q < nz; q++) acc += val[q]! * K[off[q]! + i]!;
        dst[i] = y[i]! + h * acc;
      }
      if (st < m.s) this.call(t + m.c[st]! * h, tmp, this.k[st]!);
    }
    this.call(t + h, ynew, this.k[m.s]!);
  }

  private errorNorm(h: number, y: Float64Array, ynew: Float64Array): number {
    const K = this.K;
    const n = this.n;
    const nc = this.errComps;
    if (this.m.name === 'dp54') {
      const e = DP54_E;
      let sum = 0;
      for (let i = 0; i < nc; i++) {
        let acc = 0;
        for (let j = 0; j < 7; j++) acc += e[j]! * K[j * n + i]!;
        const sk = this.atol[i]! + this.rtol[i]! * Math.max(Math.abs(y[i]!), Math.abs(ynew[i]!));
        const q = (h * acc) / sk;
        sum += q * q;
      }
      return Math.sqrt(sum / nc);
    }
    const e5 = DP853_E5;
    let s5 = 0;
    let s3 = 0;
    for (let i = 0; i < nc; i++) {
      let a5 = 0;
      let a3 = 0;
      for (let j = 0; j < 12; j++) {
        const kj = K[j * n + i]!;
        a5 += e5[j]! * kj;
        a3 += DP853_E3[j]! * kj;
      }
      const sk = this.atol[i]! + this.rtol[i]! * Math.max(Math.abs(y[i]!), Math.abs(ynew[i]!));
      s5 += (a5 / sk) ** 2;
      s3 += (a3 / sk) ** 2;
    }
    let den = s5 + 0.01 * s3;
    if (den <= 0) den = 1;
    return (Math.abs(h) * s5) / Math.sqrt(nc * den);
  }

  /** Hairer's starting step (HINIT). */
  private initialStep(t: number, y: Float64Array, dir: number, maxStep: number): number {
    const n = this.errComps;
    const f0 = this.k[0]!;
    let d0 = 0;
    let d1 = 0;
    for (let i = 0; i < n; i++) {
      const sk = this.atol[i]! + this.rtol[i]! * Math.abs(y[i]!);
      d0 += (y[i]! / sk) ** 2;
      d1 += (f0[i]! / sk) ** 2;
    }
    d0 = Math.sqrt(d0 / n);
    d1 = Math.sqrt(d1 / n);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
    h0 = Math.min(h0, maxStep);
    const tmp = this.ytmp;
    for (let i = 0; i < this.n; i++) tmp[i] = y[i]! + dir * h0 * f0[i]!;
    const f1 = this.k[1]!;
    this.call(t + dir * h0, tmp, f1);
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = this.atol[i]! + this.rtol[i]! * Math.abs(y[i]!);
      d2 += ((f1[i]! - f0[i]!) / sk) ** 2;
    }
    d2 = Math.sqrt(d2 / n) / h0;
    const dm = Math.max(d1, d2);
    const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1 / (this.m.name === 'dp54' ? 5 : 8));
    return Math.min(100 * h0, h1, maxStep);
  }

  private ensureDense(): void {
    if (this.denseReady) return;
    const n = this.n;
    const h = this.h;
    const y = this.yStart;
    const ynew = this.yEnd;
    const k = this.k;
    const c = this.dense;
    const m = this.m;
    const fsal = k[m.s]!;
    for (let i = 0; i < n; i++) {
      const d = ynew[i]! - y[i]!;
      const c2 = h * k[0]![i]! - d;
      c[i] = y[i]!;
      c[n + i] = d;
      c[2 * n + i] = c2;
      c[3 * n + i] = 2 * d - h * (k[0]![i]! + fsal[i]!);
    }
    if (m.name === 'dp54') {
      const dd = DP54.d;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < 7; j++) acc += dd[j]! * k[j]![i]!;
        c[4 * n + i] = h * acc;
      }
    } else if (m.name === 'dp853') {
      const tmp = this.ytmp;
      for (let e = 0; e < 3; e++) {
        const row = DP853.aExtra[e]!;
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < row.length; j++) {
            const aj = row[j]!;
            if (aj !== 0) acc += aj * k[j]![i]!;
          }
          tmp[i] = y[i]! + h * acc;
        }
        this.call(this.tStart + DP853.cExtra[e]! * h, tmp, k[13 + e]!);
      }
      for (let r = 0; r < 4; r++) {
        const row = DP853.dense[r]!;
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < 16; j++) {
            const dj = row[j]!;
            if (dj !== 0) acc += dj * k[j]![i]!;
          }
          c[(4 + r) * n + i] = h * acc;
        }
      }
    }
    this.denseReady = true;
  }

  interpolate(t: number, out: Float64Array, offset = 0, count = this.n): void {
    if (t === this.tEnd) {
      for (let i = 0; i < count; i++) out[offset + i] = this.yEnd[i]!;
      return;
    }
    if (t === this.tStart) {
      for (let i = 0; i < count; i++) out[offset + i] = this.yStart[i]!;
      return;
    }
    this.ensureDense();
    evaluateDense(this.dense, 0, this.n, this.m.denseM, (t - this.tStart) / this.h, out, offset, count);
  }

  copyDense(dst: Float64Array, offset: number, count: number): void {
    this.ensureDense();
    const n = this.n;
    for (let j = 0; j < this.m.denseM; j++) for (let i = 0; i < count; i++) dst[offset + j * count + i] = this.dense[j * n + i]!;
  }
}
