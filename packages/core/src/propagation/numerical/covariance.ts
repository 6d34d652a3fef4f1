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
import { congruence, type RtnVelocityConvention } from '../../covariance/rtn.ts';
import { symmetricEigen } from '../../covariance/eigen.ts';
import type { NumericalPropagator, PropagationRequest } from './propagator.ts';
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
  const J = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      J[i * 6 + j] = M[i * 3 + j]!;
      J[(i + 3) * 6 + j + 3] = M[i * 3 + j]!;
    }
  }
  if (convention === 'transport') {
    const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
    const v2 = v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
    const k = muLengthCubedPerS2 / (rn ** 3 * v2);
    const wx = k * (r[1]! * v[2]! - r[2]! * v[1]!), wy = k * (r[2]! * v[0]! - r[0]! * v[2]!), wz = k * (r[0]! * v[1]! - r[1]! * v[0]!);
    const W = [0, -wz, wy, wz, 0, -wx, -wy, wx, 0];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let q = 0; q < 3; q++) s += M[i * 3 + q]! * W[q * 3 + j]!;
        J[(i + 3) * 6 + j] = -s;
      }
    }
  }
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

/**
 * Monte Carlo cross-check of a propagated covariance: draws `samples` initial states x0 + L·z (z ~ N(0, I), L Lᵀ = P0,
 * 6×6 GCRF), propagates each with the same propagator to the request's output times, and returns the sample
 * covariance. The relative standard error of a sample variance is √(2/(N−1)) (1.4 % for N = 10,000).
 */
export function monteCarloCovariance(
  propagator: NumericalPropagator,
  request: Omit<PropagationRequest, 'covariance' | 'stm' | 'stmParameters' | 'events' | 'keepEphemeris'> & { covariance: ArrayLike<number> },
  samples: number,
  seed = 1,
): CovarianceMonteCarloResult {
  if (!(Number.isInteger(samples) && samples >= 2)) throw new ArgumentError(`The Monte Carlo needs at least 2 samples, got ${samples}.`, samples);
  const outCount = request.outputTimesS?.length ?? 0;
  if (outCount === 0) throw new ArgumentError('Give the Monte Carlo at least one output time (outputTimesS).');
  const L = covarianceSquareRoot(request.covariance, 6);
  const rng = new SeededNormal(seed);
  const sum = new Float64Array(outCount * 6);
  const sumSq = new Float64Array(outCount * 36);
  const dev = new Float64Array(samples * 6);
  // Accumulate about the nominal to keep the sums well conditioned.
  const nominal = propagator.propagate({ epoch: request.epoch, state: request.state, stop: request.stop, outputTimesS: request.outputTimesS! }).outputStates;
  const z = new Float64Array(6);
  const x0 = new Float64Array(6);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < 6; i++) z[i] = rng.normal();
    for (let i = 0; i < 6; i++) {
      let d = 0;
      for (let k = 0; k < 6; k++) d += L[i * 6 + k]! * z[k]!;
      dev[s * 6 + i] = d;
      x0[i] = request.state[i]! + d;
    }
    const out = propagator.propagate({ epoch: request.epoch, state: x0, stop: request.stop, outputTimesS: request.outputTimesS! }).outputStates;
    for (let k = 0; k < outCount; k++) {
      for (let i = 0; i < 6; i++) {
        const di = out[k * 6 + i]! - nominal[k * 6 + i]!;
        sum[k * 6 + i]! += di;
        for (let j = 0; j <= i; j++) sumSq[k * 36 + i * 6 + j]! += di * (out[k * 6 + j]! - nominal[k * 6 + j]!);
      }
    }
  }
  const cov = new Float64Array(outCount * 36);
  const mean = new Float64Array(outCount * 6);
  for (let k = 0; k < outCount; k++) {
    for (let i = 0; i < 6; i++) {
      mean[k * 6 + i] = nominal[k * 6 + i]! + sum[k * 6 + i]! / samples;
      for (let j = 0; j <= i; j++) {
        const c = (sumSq[k * 36 + i * 6 + j]! - (sum[k * 6 + i]! * sum[k * 6 + j]!) / samples) / (samples - 1);
        cov[k * 36 + i * 6 + j] = c;
        cov[k * 36 + j * 6 + i] = c;
      }
    }
  }
  return { samples, covariance: cov, mean, initialDeviations: dev };
}
