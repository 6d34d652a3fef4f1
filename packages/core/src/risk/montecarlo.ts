/**
 * Monte Carlo probability of collision with two-body dynamics, from states and covariances at TCA.
 *
 * Method as in D. T. Hall et al., "High Fidelity Collision Probabilities Estimated Using Brute Force
 * Monte Carlo Simulations", AAS 18-244 (2018), and S. Alfano, "Satellite Conjunction Monte Carlo
 * Analysis", AAS 09-233 (2009): draw both objects' TCA states from their Gaussian 6x6 covariances,
 * propagate each draw with Keplerian motion over the encounter window, find the minimum separation,
 * and count a hit when it is below the combined hard-body radius. Sampling is deterministic for a
 * given seed (xoshiro128** seeded by splitmix32; Box–Muller normals). The 95% interval is Wilson's
 * score interval (E. B. Wilson, JASA 22, 1927).
 * Units: km, km/s, s.
 */
import { ArgumentError } from '../errors/index.ts';
import type { FrameName } from '../math/vec3.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import type { Covariance3, Covariance6 } from '../covariance/types.ts';
import { symmetricEigen, remediateSymmetric, type CovarianceRemediation } from '../covariance/eigen.ts';
import { ellipticOrbit, propagateElliptic, type EllipticOrbit } from './twobody.ts';
import type { ConjunctionAtTca } from './encounter.ts';
import { encounterWindowS } from './hall2021.ts';

/** Deterministic PRNG: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d >>> 0, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5, lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal deviate (Box–Muller, both outputs used). */
  nextNormal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.nextDouble();
    const v = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Wilson score interval for a binomial proportion (z = 1.959964 for 95%). */
export function wilsonInterval(hits: number, trials: number, z = 1.959963984540054): [number, number] {
  if (!(trials > 0)) return [0, 1];
  const p = hits / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Options of {@link pcMonteCarlo}. */
export interface MonteCarloOptions {
  /** Number of sample pairs. */
  readonly trials: number;
  /** PRNG seed (uint32). Default 1. */
  readonly seed?: number;
  /** Window [start, end] in s from TCA. Default: {@link encounterWindowS} of the 3D method. */
  readonly windowS?: readonly [number, number];
  /** Coarse grid step (s) of the minimum-distance search. Default min(period)/200, at most a quarter of the window. */
  readonly gridStepS?: number;
  readonly muKm3S2?: number;
  /**
   * What counts as a hit. 'entry' (default): the sample enters the hard-body sphere during the window
   * (outside at some time, inside later), the event whose expected count is Hall's Nc; a sample already
   * inside at the window start counts only if it leaves and re-enters. This reproduces NASA CARA's Monte
   * Carlo values for the Alfano 2009 cases. 'anyTime': inside at any time in the window (Alfano 2009).
   */
  readonly hitDefinition?: 'entry' | 'anyTime';
}

/** Result of {@link pcMonteCarlo}. */
export interface MonteCarloResult {
  readonly hits: number;
  readonly trials: number;
  readonly pc: number;
  /** Wilson 95% confidence interval of Pc. */
  readonly ci95: readonly [number, number];
  readonly windowS: readonly [number, number];
  readonly seed: number;
  readonly primaryCovariance: CovarianceRemediation;
  readonly secondaryCovariance: CovarianceRemediation;
  readonly method: 'montecarlo';
}

function sqrtFactor<F extends FrameName>(c: Covariance3<F> | Covariance6<F>): { L: Float64Array; flags: CovarianceRemediation } {
  const m6 = new Float64Array(36);
  if (c.m.length === 9) {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m6[i * 6 + j] = c.m[i * 3 + j]!;
  } else m6.set(c.m);
  const { m, flags } = remediateSymmetric(m6, 6);
  const { values, vectors } = symmetricEigen(m, 6);
  const L = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let k = 0; k < 6; k++) L[i * 6 + k] = vectors[i * 6 + k]! * Math.sqrt(Math.max(0, values[k]!));
  return { L, flags };
}

/**
 * Monte Carlo Pc: `trials` pairs are drawn, each is propagated with two-body motion over the window,
 * and a hit is counted when the minimum separation is below hbrKm. The minimum is searched on a coarse
 * grid (range-rate sign changes) and refined by bisection on r·v with exact propagation.
 */
export function pcMonteCarlo<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, options: MonteCarloOptions): MonteCarloResult {
  const trials = Math.floor(options.trials);
  if (!(trials > 0)) throw new ArgumentError('trials must be a positive integer (e.g. 1e5; the 95% interval narrows as 1/√trials).', options.trials);
  const mu = options.muKm3S2 ?? EARTH_MU_KM3S2;
  const seed = options.seed ?? 1;
  const windowS = options.windowS ?? encounterWindowS(conj, hbrKm, { muKm3S2: mu });
  const [t0, t1] = windowS;
  const x1 = [...conj.primary.r, ...conj.primary.v];
  const x2 = [...conj.secondary.r, ...conj.secondary.v];
  const period = Math.min((2 * Math.PI) / ellipticOrbit(x1, mu).n, (2 * Math.PI) / ellipticOrbit(x2, mu).n);
  const step = options.gridStepS ?? Math.min(period / 200, (t1 - t0) / 4);
  const nSteps = Math.max(2, Math.ceil((t1 - t0) / step));
  const dt = (t1 - t0) / nSteps;
  const f1 = sqrtFactor(conj.primary.cov), f2 = sqrtFactor(conj.secondary.cov);
  const rng = new Xoshiro128(seed);
  const R2 = hbrKm * hbrKm;
  const entryOnly = (options.hitDefinition ?? 'entry') === 'entry';
  const s1 = new Float64Array(6), s2 = new Float64Array(6);
  const a = new Float64Array(6), b = new Float64Array(6);
  const z = new Float64Array(6);
  const draw = (x: readonly number[], L: Float64Array, out: Float64Array): void => {
    for (let k = 0; k < 6; k++) z[k] = rng.nextNormal();
    for (let i = 0; i < 6; i++) {
      let s = x[i]!;
      for (let k = 0; k < 6; k++) s += L[i * 6 + k]! * z[k]!;
      out[i] = s;
    }
  };
  const rel = (o1: EllipticOrbit, o2: EllipticOrbit, t: number): { d2: number; rv: number } => {
    propagateElliptic(o1, t, a);
    propagateElliptic(o2, t, b);
    const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!, dz = b[2]! - a[2]!;
    const dvx = b[3]! - a[3]!, dvy = b[4]! - a[4]!, dvz = b[5]! - a[5]!;
    return { d2: dx * dx + dy * dy + dz * dz, rv: dx * dvx + dy * dvy + dz * dvz };
  };
  let hits = 0;
  for (let n = 0; n < trials; n++) {
    draw(x1, f1.L, s1);
    draw(x2, f2.L, s2);
    const o1 = ellipticOrbit(s1, mu), o2 = ellipticOrbit(s2, mu);
    let hit = false;
    let prev = rel(o1, o2, t0);
    let wasOutside = prev.d2 >= R2;
    if (!entryOnly && !wasOutside) hit = true;
    for (let k = 1; k <= nSteps && !hit; k++) {
      const t = t0 + k * dt;
      const cur = rel(o1, o2, t);
      if (cur.d2 < R2 && wasOutside) {
        hit = true;
        break;
      }
      if (prev.rv < 0 && cur.rv > 0 && wasOutside) {
        // Local minimum inside (t − dt, t): bisection on the range rate.
        let lo = t - dt, hi = t;
        let best = Math.min(prev.d2, cur.d2);
        for (let it = 0; it < 60; it++) {
          const mid = 0.5 * (lo + hi);
          const r = rel(o1, o2, mid);
          if (r.d2 < best) best = r.d2;
          if (best < R2 || hi - lo < 1e-7) break;
          if (r.rv < 0) lo = mid;
          else hi = mid;
        }
        if (best < R2) hit = true;
      }
      if (cur.d2 >= R2) wasOutside = true;
      prev = cur;
    }
    if (hit) hits++;
  }
  return {
    hits,
    trials,
    pc: hits / trials,
    ci95: wilsonInterval(hits, trials),
    windowS: [t0, t1],
    seed,
    primaryCovariance: f1.flags,
    secondaryCovariance: f2.flags,
    method: 'montecarlo',
  };
}
