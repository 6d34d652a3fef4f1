/**
 * Covariance helpers for the numerical propagator: local-orbital-frame rotations (RTN/RIC from covariance/rtn.ts,
 * and NTW here) and a Monte Carlo cross-check of the STM-propagated covariance.
 *
 * NTW (Vallado, "Covariance Transformations for Satellite Flight Dynamics Operations", AAS 03-526): T = v/|v|,
 * W = (r × v)/|r × v|, N = T × W (in-plane, normal to the velocity). Rows of the rotation M are N, T, W.
 * With `convention: 'transport'` the velocity block includes the frame's rotation: δρ̇ = M(δv − ω × δr); for a
 * two-body (Keplerian) reference the NTW frame turns about W at |ω| = μ|r × v|/(r³ v²).
 */
import { ArgumentError } from '../../errors/index.ts';
import { congruence, inertialToLocalJacobian, type RtnVelocityConvention } from '../../covariance/rtn.ts';
import { symmetricEigen } from '../../covariance/eigen.ts';
import type { Instant } from '../../time/instant.ts';
import { EarthOrientation } from './earthOrientation.ts';
import { PropagatorForceEvaluation } from './forceEvaluation.ts';
import { RungeKuttaIntegrator } from './integrator.ts';
import { DEFAULT_SPACECRAFT, type NumericalPropagatorOptions } from './propagator.ts';
import { GM_JGM3_KM3_S2 } from './zonalGravity.ts';

/** Row-major rotation inertial → NTW (rows N, T, W) of a state (position, velocity in the same units). */
export function ntwRotationMatrix(r: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const vn = Math.hypot(v[0]!, v[1]!, v[2]!);
  const hx = r[1]! * v[2]! - r[2]! * v[1]!, hy = r[2]! * v[0]! - r[0]! * v[2]!, hz = r[0]! * v[1]! - r[1]! * v[0]!;
  const hn = Math.hypot(hx, hy, hz);
  if (!(vn > 0) || !(hn > 0)) throw new ArgumentError('The NTW frame is undefined for a zero velocity or velocity parallel to position.', { r, v });
  const Tx = v[0]! / vn, Ty = v[1]! / vn, Tz = v[2]! / vn;
  const Wx = hx / hn, Wy = hy / hn, Wz = hz / hn;
  const Nx = Ty * Wz - Tz * Wy, Ny = Tz * Wx - Tx * Wz, Nz = Tx * Wy - Ty * Wx;
  return Float64Array.from([Nx, Ny, Nz, Tx, Ty, Tz, Wx, Wy, Wz]);
}

/**
 * 6×6 covariance (row-major, inertial) → NTW of the reference state. Lengths in any unit (km or m) as long as
 * r, v, P and `muLengthCubedPerS2` agree (default μ in km³/s²).
 */
export function covariance6InertialToNtw(
  p: ArrayLike<number>,
  r: ArrayLike<number>,
  v: ArrayLike<number>,
  convention: RtnVelocityConvention = 'rotation',
  muLengthCubedPerS2 = GM_JGM3_KM3_S2,
): Float64Array {
  const M = ntwRotationMatrix(r, v);
  let W: number[] | undefined;
  if (convention === 'transport') {
    const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
    const v2 = v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
    const k = muLengthCubedPerS2 / (rn ** 3 * v2);
    const wx = k * (r[1]! * v[2]! - r[2]! * v[1]!), wy = k * (r[2]! * v[0]! - r[0]! * v[2]!), wz = k * (r[0]! * v[1]! - r[1]! * v[0]!);
    W = [0, -wz, wy, wz, 0, -wx, -wy, wx, 0];
  }
  const J = inertialToLocalJacobian(M, W);
  return congruence(J, p, 6);
}

/** A deterministic normal generator (xorshift128+ with Box–Muller), for reproducible Monte Carlo runs. */
export class SeededNormal {
  private s0: bigint;
  private s1: bigint;
  private spare = Number.NaN;
  constructor(seed: number) {
    let z = BigInt.asUintN(64, BigInt(Math.floor(seed)) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n);
    const next = (): bigint => {
      z = BigInt.asUintN(64, z + 0x9e3779b97f4a7c15n);
      let x = z;
      x = BigInt.asUintN(64, (x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n);
      x = BigInt.asUintN(64, (x ^ (x >> 27n)) * 0x94d049bb133111ebn);
      return x ^ (x >> 31n);
    };
    this.s0 = next();
    this.s1 = next();
  }
  /** Uniform in (0, 1). */
  uniform(): number {
    let s1 = this.s0;
    const s0 = this.s1;
    this.s0 = s0;
    s1 = BigInt.asUintN(64, s1 ^ (s1 << 23n));
    this.s1 = s1 ^ s0 ^ (s1 >> 17n) ^ (s0 >> 26n);
    const x = BigInt.asUintN(64, this.s1 + s0) >> 11n;
    return (Number(x) + 0.5) / 2 ** 53;
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u = this.uniform();
    const w = this.uniform();
    const rad = Math.sqrt(-2 * Math.log(u));
    this.spare = rad * Math.sin(2 * Math.PI * w);
    return rad * Math.cos(2 * Math.PI * w);
  }
}

/** A square root L of a symmetric positive semi-definite n×n matrix (L Lᵀ = P), by eigen-decomposition. */
export function covarianceSquareRoot(p: ArrayLike<number>, n: number): Float64Array {
  const e = symmetricEigen(p, n);
  const L = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lam = e.values[k]!;
    if (lam < -1e-12 * Math.abs(e.values[n - 1]!)) throw new ArgumentError(`The covariance is not positive semi-definite (eigenvalue ${lam}).`, lam);
    const s = Math.sqrt(Math.max(0, lam));
    for (let i = 0; i < n; i++) L[i * n + k] = e.vectors[i * n + k]! * s;
  }
  return L;
}

export interface CovarianceMonteCarloResult {
  readonly samples: number;
  /** Sample covariance (unbiased, 6×6 GCRF) at each output time of the request: 36 values per output. */
  readonly covariance: Float64Array;
  /** Sample mean state at each output: 6 values per output. */
  readonly mean: Float64Array;
  /** The initial perturbations used (6 per sample), for comparisons free of sampling error. */
  readonly initialDeviations: Float64Array;
}

export interface MonteCarloRequest {
  readonly epoch: Instant;
  /** Nominal initial GCRF state (km, km/s). */
  readonly state: ArrayLike<number>;
  /** Initial 6×6 GCRF covariance (row-major; km², km²/s, km²/s²). */
  readonly covariance: ArrayLike<number>;
  /** TAI seconds from the epoch (negative: backwards). */
  readonly stop: number;
  /** Output times (TAI seconds from the epoch), monotone in the direction of propagation. */
  readonly outputTimesS: ArrayLike<number>;
  readonly samples: number;
  /** Seed of the deterministic normal generator (default 1). */
  readonly seed?: number;
  /** Samples integrated together as one system with a common step sequence (default 500). */
  readonly batchSize?: number;
}

/**
 * Monte Carlo cross-check of a propagated covariance: draws `samples` initial states x0 + L·z (z ~ N(0, I), L Lᵀ = P0),
 * propagates them with the propagator's forces and integrator settings to the output times, and returns the sample
 * covariance. Samples are integrated in batches as one ODE system sharing one step sequence and one Earth-orientation
 * evaluation per stage (the error norm covers every sample); each sample is an independent full non-linear
 * propagation. The relative standard error of a sample variance is √(2/(N−1)) (1.4 % for N = 10,000).
 */
export function monteCarloCovariance(options: NumericalPropagatorOptions, request: MonteCarloRequest): CovarianceMonteCarloResult {
  const samples = request.samples;
  if (!(Number.isInteger(samples) && samples >= 2)) throw new ArgumentError(`The Monte Carlo needs at least 2 samples, got ${samples}.`, samples);
  const outT = Float64Array.from(request.outputTimesS);
  const outCount = outT.length;
  if (outCount === 0) throw new ArgumentError('Give the Monte Carlo at least one output time (outputTimesS).');
  const L = covarianceSquareRoot(request.covariance, 6);
  const rng = new SeededNormal(request.seed ?? 1);
  const dev = new Float64Array(samples * 6);
  for (let s = 0; s < samples; s++) {
    const z = [rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    for (let i = 0; i < 6; i++) {
      let d = 0;
      for (let k = 0; k < 6; k++) d += L[i * 6 + k]! * z[k]!;
      dev[s * 6 + i] = d;
    }
  }
  // Running mean and sum of squared deviations per output, merged across batches (Chan, Golub & LeVeque 1979).
  const mean = new Float64Array(outCount * 6);
  const m2 = new Float64Array(outCount * 36);
  let count = 0;
  const batch = Math.max(1, Math.min(samples, request.batchSize ?? 500));
  const forces = options.forces;
  const orientation = new EarthOrientation(request.epoch, options.timeScales, options.earthOrientationNodeS ?? 3600);
  const ev = new PropagatorForceEvaluation(request.epoch, options.timeScales, orientation, options.spacecraft ?? DEFAULT_SPACECRAFT);
  const acc = new Float64Array(3);
  for (let first = 0; first < samples; first += batch) {
    const nb = Math.min(batch, samples - first);
    const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
      for (let b = 0; b < nb; b++) {
        const o = 6 * b;
        ev.set(t, y, o);
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        for (let f = 0; f < forces.length; f++) forces[f]!.addAcceleration(ev, acc);
        dy[o] = y[o + 3]!;
        dy[o + 1] = y[o + 4]!;
        dy[o + 2] = y[o + 5]!;
        dy[o + 3] = acc[0];
        dy[o + 4] = acc[1];
        dy[o + 5] = acc[2];
      }
    };
    const scalarTol = (v: number | ArrayLike<number> | undefined, d: number): number | Float64Array => {
      if (v === undefined || typeof v === 'number') return v ?? d;
      const a = new Float64Array(6 * nb);
      for (let i = 0; i < a.length; i++) a[i] = v[i % 6]!;
      return a;
    };
    const integ = new RungeKuttaIntegrator(6 * nb, rhs, {
      method: options.integrator ?? 'dp853',
      rtol: scalarTol(options.rtol, 1e-10),
      atol: scalarTol(options.atol, 1e-9),
      ...(options.fixedStepS !== undefined ? { fixedStepS: options.fixedStepS } : {}),
      ...(options.maxStepS !== undefined ? { maxStepS: options.maxStepS } : {}),
    });
    const y0 = new Float64Array(6 * nb);
    for (let b = 0; b < nb; b++) for (let i = 0; i < 6; i++) y0[6 * b + i] = request.state[i]! + dev[(first + b) * 6 + i]!;
    const dir = request.stop >= 0 ? 1 : -1;
    const yo = new Float64Array(6 * nb);
    let next = 0;
    const bm = new Float64Array(6);
    const accumulate = (k: number, y: Float64Array): void => {
      bm.fill(0);
      for (let b = 0; b < nb; b++) for (let i = 0; i < 6; i++) bm[i]! += y[6 * b + i]!;
      for (let i = 0; i < 6; i++) bm[i]! /= nb;
      const na = count;
      const n = na + nb;
      for (let i = 0; i < 6; i++) {
        const di = bm[i]! - mean[k * 6 + i]!;
        for (let j = 0; j <= i; j++) {
          let c = 0;
          for (let b = 0; b < nb; b++) c += (y[6 * b + i]! - bm[i]!) * (y[6 * b + j]! - bm[j]!);
          const dj = bm[j]! - mean[k * 6 + j]!;
          m2[k * 36 + i * 6 + j]! += c + (di * dj * na * nb) / n;
        }
      }
      for (let i = 0; i < 6; i++) mean[k * 6 + i]! += ((bm[i]! - mean[k * 6 + i]!) * nb) / n;
    };
    while (next < outCount && outT[next] === 0) accumulate(next++, y0);
    integ.integrate(0, y0, request.stop, (step) => {
      while (next < outCount && (outT[next]! - step.tEnd) * dir <= 0) {
        step.interpolate(outT[next]!, yo);
        accumulate(next++, yo);
      }
      return undefined;
    });
    count += nb;
  }
  const cov = new Float64Array(outCount * 36);
  for (let k = 0; k < outCount; k++) {
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j <= i; j++) {
        const c = m2[k * 36 + i * 6 + j]! / (samples - 1);
        cov[k * 36 + i * 6 + j] = c;
        cov[k * 36 + j * 6 + i] = c;
      }
    }
  }
  return { samples, covariance: cov, mean, initialDeviations: dev };
}
