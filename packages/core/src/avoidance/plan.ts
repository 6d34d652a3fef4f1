/**
 * Pc-targeted collision-avoidance planning (issue 20): the minimum Δv that brings a conjunction's Pc below a target
 * (or its miss above a target distance), over candidate execution times between `earliest` and TCA − lead time
 * (blackouts skipped), in the along-track, radial, cross-track or optimal direction; impulsive, or a continuous
 * tangential (low-thrust) burn.
 *
 * Method. The trade space uses the linearised relative motion (linear.ts): the new encounter-plane miss is
 * m(Δv) = m₀ − P·D(t)·Δv, with the combined covariance unchanged, and Pc by the event's method (Foster 1992; Chan 1997;
 * the 3D method searches with Foster and reports Hall 2021). For each execution time and direction the minimum Δv is
 * found by bracketing (doubling from 0.1 mm/s) and Brent's method on ln Pc − ln target; the execution time with the
 * smallest Δv wins. The optimal direction at a given |Δv| maximises the encounter-plane Mahalanobis distance (the Pc
 * of a small hard body falls monotonically with it), searched over the row space of P·D. The chosen maneuver is then
 * propagated numerically (same forces) through TCA, the new TCA found, and Pc recomputed from the propagated states;
 * if the numerical Pc misses the target, Δv is raised by 3 % (at most 8 times).
 *
 * Propellant: the rocket equation m_p = m (1 − exp(−Δv / (Isp g₀))), g₀ = 9.80665 m/s².
 * Finite burn: constant thrust F along +T or −T from the execution time, acceleration F/m (mass loss neglected in the
 * acceleration, counted in the propellant), duration Δv·m/F; its linear effect is the sum of the impulse maps over
 * 30-s slices of the burn.
 */
import { cdmFromScreening } from '../ccsds/cdm/fromScreening.ts';
import type { Cdm } from '../ccsds/cdm/model.ts';
import { symmetricFromLowerTriangle } from '../ccsds/cdm/model.ts';
import { covariance6RtnToInertial } from '../covariance/rtn.ts';
import { brentRoot } from '../math/rootFinding.ts';
import { vec3 } from '../math/vec3.ts';
import type { ForceModel } from '../propagation/numerical/forceModel.ts';
import { NumericalPropagator, type PropagationResult } from '../propagation/numerical/propagator.ts';
import { evaluateDenseEphemeris } from '../propagation/numerical/denseEphemeris.ts';
import { ZonalGravity } from '../propagation/numerical/zonalGravity.ts';
import { buildEncounterPlane, toPrincipalAxes, type ConjunctionAtTca } from '../risk/encounter.ts';
import { pcChan1997Principal } from '../risk/chan1997.ts';
import { pcFoster1992, pcFoster1992Plane } from '../risk/foster1992.ts';
import { pcHall2021 } from '../risk/hall2021.ts';
import { adjustToTrueTca } from '../risk/tcaAdjustment.ts';
import type { Instant } from '../time/index.ts';
import { rtnRows, sensitivitySamples, type SensitivitySamples } from './linear.ts';
import {
  AvoidanceError,
  type AvoidanceCandidate,
  type AvoidanceDirection,
  type AvoidanceInput,
  type AvoidanceOptions,
  type AvoidancePcMethod,
  type AvoidancePlan,
  type AvoidanceTradeSpace,
} from './model.ts';
import { rescreenManeuver } from './rescreen.ts';

const G0_MPS2 = 9.80665;
const FINITE_SLICE_S = 30;
const VERIFY_WINDOW_S = 1800;
/** Integration tolerances of the STM and verification propagations: 1 mm, 1 µm/s absolute (the shifts are km). */
export const PROPAGATION_TOLERANCES = { rtol: 1e-10, atol: [1e-6, 1e-6, 1e-6, 1e-9, 1e-9, 1e-9], earthOrientationNodeS: 3600 } as const;

/** Everything the output writers need beside the plan. */
export interface AvoidanceArtifacts {
  readonly maneuverEpoch: Instant;
  /** Δv in GCRF (km/s) at the execution time (finite burn: the total, along the initial T axis). */
  readonly dvInertialKmS: readonly [number, number, number];
  /** Pre-maneuver state at the execution time (GCRF km, km/s). */
  readonly stateAtManeuver: readonly number[];
  /** The maneuvered trajectory from the execution time on (60-s steps), with its GCRF covariance every hour. */
  readonly trajectory: {
    readonly epochs: readonly Instant[];
    readonly states: readonly (readonly [number, number, number, number, number, number])[];
    readonly covariances: readonly { readonly epoch: Instant; readonly lowerTriangle: readonly number[] }[];
  };
  /** The post-maneuver CDM (states at the new TCA, the same RTN covariances). */
  readonly postCdm: Cdm;
}

/** The linear model, exposed for tests and the trade-space benchmark. */
export interface AvoidanceModel {
  readonly prePc: number;
  readonly missKm: readonly [number, number];
  readonly cov2Km2: readonly [number, number, number];
  readonly hbrKm: number;
  /** Candidate execution times (TAI s from TCA, < 0) and their instants. */
  readonly timesS: readonly number[];
  readonly epochs: readonly Instant[];
  /** Encounter-plane shift (km) and RTN Δv (km/s) of a maneuver of size dvKmS at candidate k in a direction (sign ±1). */
  shift(k: number, dir: AvoidanceDirection, sign: number, dvKmS: number): { dm: [number, number]; dvRtn: [number, number, number] };
  /** Linear Pc for an encounter-plane miss (km). */
  pcOfMiss(m: readonly [number, number]): number;
  /**
   * Signs worth searching for a fixed direction: the one that increases the Mahalanobis distance (the Euclidean miss
   * for a miss target) to first order; both when that derivative is negligible. Along a line, d² is a parabola, so
   * the side where it grows from the start reaches any level first.
   */
  signs(k: number, dir: AvoidanceDirection): readonly number[];
  /** Minimum |Δv| (km/s) reaching the target at candidate k in a direction (null: not within maxDv). */
  minimumDv(k: number, dir: AvoidanceDirection, sign: number): number | null;
}

interface Ctx {
  readonly input: AvoidanceInput;
  readonly options: AvoidanceOptions;
  readonly forces: readonly ForceModel[];
  readonly method: AvoidancePcMethod;
  readonly tca: Instant;
  readonly conj: ConjunctionAtTca<'EME2000'>;
  readonly hbrKm: number;
}

const iso = (options: AvoidanceOptions, t: Instant): string => options.timeScales.formatUtcIso(t, 3);

function checkCovariance(o: AvoidanceInput['primary'], label: string): void {
  const c = o.covarianceRtn;
  if (c.length !== 36 || !c.every(Number.isFinite) || !(c[0]! > 0 && c[7]! > 0 && c[14]! > 0)) {
    throw new AvoidanceError('NO_COVARIANCE', `The ${label} has no usable covariance (a 6x6 RTN matrix with positive position variances): Pc-targeted planning needs both objects' covariances. Use a CDM with covariance, or plan to a miss distance with --target-miss-km and a covariance from your own orbit determination.`, label);
  }
}

function mahalanobis(m: readonly [number, number], c: readonly [number, number, number]): number {
  const det = c[0] * c[2] - c[1] * c[1];
  if (!(det > 0)) return Number.NaN;
  return Math.sqrt((c[2] * m[0] * m[0] - 2 * c[1] * m[0] * m[1] + c[0] * m[1] * m[1]) / det);
}

function buildModel(ctx: Ctx, samples: SensitivitySamples, candidateIdx: readonly number[], plane: ReturnType<typeof buildEncounterPlane>, target: { pc?: number; missKm?: number }, maxDvKmS: number): AvoidanceModel {
  const { options } = ctx;
  const m0: [number, number] = [plane.missKm[0], plane.missKm[1]];
  const cov2 = plane.cov2Km2;
  const ax = plane.axes[0];
  const az = plane.axes[2];
  const finite = options.finiteBurn;
  const massKg = options.massKg ?? 0;
  const accelKmS2 = finite ? finite.thrustN / massKg / 1000 : 0;
  // 2×3 encounter-plane map per sample: P·D.
  const n = samples.timesS.length;
  const pd = new Float64Array(6 * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < 3; j++) {
      let sx = 0;
      let sz = 0;
      for (let i = 0; i < 3; i++) {
        const d = samples.dvToTca[9 * k + 3 * i + j]!;
        sx += ax[i]! * d;
        sz += az[i]! * d;
      }
      pd[6 * k + j] = sx;
      pd[6 * k + 3 + j] = sz;
    }
  }
  // Cholesky-type whitening W (2×2, lower) with Wᵀ W = C⁻¹ for the Mahalanobis search.
  const det = cov2[0] * cov2[2] - cov2[1] * cov2[1];
  const i00 = cov2[2] / det, i01 = -cov2[1] / det, i11 = cov2[0] / det;
  const l00 = Math.sqrt(i00), l10 = i01 / l00, l11 = Math.sqrt(Math.max(0, i11 - l10 * l10));
  const whiten = (v: readonly [number, number]): [number, number] => [l00 * v[0] + l10 * v[1], l11 * v[1]];
  const method = ctx.method;
  const pcOfMiss = (m: readonly [number, number]): number =>
    method === 'chan' ? pcChan1997Principal(toPrincipalAxes(m, cov2), ctx.hbrKm) : pcFoster1992Plane(m, cov2, ctx.hbrKm, { relTol: 1e-6 });
  const prePc = pcOfMiss(m0);
  const optDirection = (k: number, dvKmS: number): [number, number, number] => {
    const g1 = [pd[6 * k]!, pd[6 * k + 1]!, pd[6 * k + 2]!];
    const g2 = [pd[6 * k + 3]!, pd[6 * k + 4]!, pd[6 * k + 5]!];
    const n1 = Math.hypot(g1[0]!, g1[1]!, g1[2]!);
    const e1 = g1.map((x) => x / n1);
    const p = g2[0]! * e1[0]! + g2[1]! * e1[1]! + g2[2]! * e1[2]!;
    let e2 = g2.map((x, i) => x - p * e1[i]!);
    const n2 = Math.hypot(e2[0]!, e2[1]!, e2[2]!);
    e2 = n2 > 1e-12 * n1 ? e2.map((x) => x / n2) : [0, 0, 0];
    const score = (th: number): number => {
      const d = [0, 1, 2].map((i) => Math.cos(th) * e1[i]! + Math.sin(th) * e2[i]!);
      const dm: [number, number] = [0, 0];
      for (let j = 0; j < 3; j++) {
        dm[0] += pd[6 * k + j]! * d[j]! * dvKmS;
        dm[1] += pd[6 * k + 3 + j]! * d[j]! * dvKmS;
      }
      const w = whiten([m0[0] - dm[0], m0[1] - dm[1]]);
      return w[0] * w[0] + w[1] * w[1];
    };
    let best = 0;
    let bestScore = -Infinity;
    const nA = 72;
    for (let a = 0; a < nA; a++) {
      const th = (2 * Math.PI * a) / nA;
      const s = score(th);
      if (s > bestScore) [best, bestScore] = [th, s];
    }
    // Golden-section refinement around the best sample.
    let lo = best - (2 * Math.PI) / nA;
    let hi = best + (2 * Math.PI) / nA;
    const r = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 30; it++) {
      const x1 = hi - r * (hi - lo);
      const x2 = lo + r * (hi - lo);
      if (score(x1) > score(x2)) hi = x2;
      else lo = x1;
    }
    const th = 0.5 * (lo + hi);
    return [0, 1, 2].map((i) => Math.cos(th) * e1[i]! + Math.sin(th) * e2[i]!) as [number, number, number];
  };
  const sampleIndexOf = candidateIdx;
  const shift = (c: number, dir: AvoidanceDirection, sign: number, dvKmS: number): { dm: [number, number]; dvRtn: [number, number, number] } => {
    const k = sampleIndexOf[c]!;
    if (finite) {
      // Tangential burn of duration T = Δv / a from sample k towards TCA (samples every FINITE_SLICE_S).
      const T = dvKmS / accelKmS2;
      const dm: [number, number] = [0, 0];
      let remaining = T;
      let j = k;
      while (remaining > 0 && j >= 0) {
        const dt = Math.min(FINITE_SLICE_S, remaining);
        const dv = sign * accelKmS2 * dt;
        dm[0] += pd[6 * j + 1]! * dv;
        dm[1] += pd[6 * j + 4]! * dv;
        remaining -= dt;
        j--;
      }
      return { dm, dvRtn: [0, sign * dvKmS, 0] };
    }
    let d: [number, number, number];
    if (dir === 't') d = [0, sign, 0];
    else if (dir === 'r') d = [sign, 0, 0];
    else if (dir === 'n') d = [0, 0, sign];
    else d = optDirection(k, dvKmS); // the columns of P·D are RTN: so is d
    const dm: [number, number] = [0, 0];
    for (let j = 0; j < 3; j++) {
      dm[0] += pd[6 * k + j]! * d[j]! * dvKmS;
      dm[1] += pd[6 * k + 3 + j]! * d[j]! * dvKmS;
    }
    return { dm, dvRtn: [d[0] * dvKmS, d[1] * dvKmS, d[2] * dvKmS] };
  };
  const metric = (c: number, dir: AvoidanceDirection, sign: number, dvKmS: number): number => {
    const { dm } = shift(c, dir, sign, dvKmS);
    const m: [number, number] = [m0[0] - dm[0], m0[1] - dm[1]];
    if (target.missKm !== undefined) return target.missKm - Math.hypot(m[0], m[1]);
    return Math.log(Math.max(pcOfMiss(m), 1e-300)) - Math.log(target.pc!);
  };
  // Bracket by doubling from 0.1 mm/s, then Brent on the sign change.
  const minimumDvSafe = (c: number, dir: AvoidanceDirection, sign: number): number | null => {
    let prev = 0;
    let fPrev = metric(c, dir, sign, 0);
    let s = 1e-7;
    for (;;) {
      const f = metric(c, dir, sign, s);
      if (f <= 0) {
        const root = brentRoot((x) => metric(c, dir, sign, x), prev, s, 1e-6 * s, fPrev, f);
        return Number.isFinite(root) ? root : s;
      }
      if (s >= maxDvKmS) return null;
      prev = s;
      fPrev = f;
      s = Math.min(2 * s, maxDvKmS);
    }
  };
  const signs = (c: number, dir: AvoidanceDirection): readonly number[] => {
    if (dir === 'opt' || finite) return finite ? [1, -1] : [1];
    const { dm } = shift(c, dir, 1, 1);
    const g = target.missKm !== undefined ? [m0[0], m0[1]] : [i00 * m0[0] + i01 * m0[1], i01 * m0[0] + i11 * m0[1]];
    const deriv = -(g[0]! * dm[0] + g[1]! * dm[1]);
    const scale = Math.hypot(g[0]!, g[1]!) * Math.hypot(dm[0], dm[1]);
    if (!(Math.abs(deriv) > 1e-6 * scale)) return [1, -1];
    return deriv > 0 ? [1] : [-1];
  };
  return {
    prePc,
    missKm: m0,
    signs,
    cov2Km2: cov2,
    hbrKm: ctx.hbrKm,
    timesS: candidateIdx.map((k) => samples.timesS[k]!),
    epochs: candidateIdx.map((k) => ctx.tca.plusSeconds(samples.timesS[k]!)),
    shift,
    pcOfMiss,
    minimumDv: minimumDvSafe,
  };
}

function propellantKg(options: AvoidanceOptions, dvKmS: number): number | null {
  if (options.massKg === undefined || options.ispS === undefined) return null;
  return options.massKg * (1 - Math.exp((-dvKmS * 1000) / (options.ispS * G0_MPS2)));
}

/** A force adding constant thrust acceleration along ±T (RTN) during [0, durationS] of the propagation. */
function tangentialThrust(accelKmS2: number, sign: number, durationS: number): ForceModel {
  return {
    name: 'thrust-tangential',
    addAcceleration(e, out) {
      if (e.tSeconds < 0 || e.tSeconds > durationS) return;
      const R = rtnRows([...e.position, ...e.velocity]);
      out[0] = out[0]! + sign * accelKmS2 * R[3]!;
      out[1] = out[1]! + sign * accelKmS2 * R[4]!;
      out[2] = out[2]! + sign * accelKmS2 * R[5]!;
    },
  };
}

/** Plans the avoidance maneuver of `input` (see the module header). Throws AvoidanceError for bad input. */
export function planAvoidance(input: AvoidanceInput, options: AvoidanceOptions): AvoidancePlan {
  return planAvoidanceDetailed(input, options).plan;
}

/** Builds the linear model only (tests, benchmarks): the same checks and samples as the planner. */
export function avoidanceModel(input: AvoidanceInput, options: AvoidanceOptions): AvoidanceModel {
  return prepare(input, options).model;
}

function prepare(input: AvoidanceInput, options: AvoidanceOptions) {
  const ts = options.timeScales;
  checkCovariance(input.primary, 'primary (the maneuvering object)');
  checkCovariance(input.secondary, 'secondary');
  if (options.targetPc !== undefined && !(options.targetPc > 0 && options.targetPc < 1)) throw new AvoidanceError('OPTION_INVALID', `The target Pc must lie in (0, 1); got ${options.targetPc}.`, options.targetPc);
  if (options.targetMissKm !== undefined && !(options.targetMissKm > 0)) throw new AvoidanceError('OPTION_INVALID', `The target miss distance must be positive (km); got ${options.targetMissKm}.`, options.targetMissKm);
  if (options.massKg !== undefined && !(options.massKg > 0)) throw new AvoidanceError('OPTION_INVALID', `The mass must be positive (kg); got ${options.massKg}.`, options.massKg);
  if (options.ispS !== undefined && !(options.ispS > 0)) throw new AvoidanceError('OPTION_INVALID', `The specific impulse must be positive (s); got ${options.ispS}.`, options.ispS);
  if (!(input.hbrM > 0)) throw new AvoidanceError('OPTION_INVALID', `The hard-body radius must be positive (m); got ${input.hbrM}.`, input.hbrM);
  if (options.finiteBurn && !(options.finiteBurn.thrustN > 0 && options.massKg !== undefined)) throw new AvoidanceError('OPTION_INVALID', 'A finite burn needs a positive thrust (N) and the spacecraft mass (--mass-kg).', options.finiteBurn);
  const maxDvMps = options.maxDvMps ?? 10;
  if (!(maxDvMps > 0 && maxDvMps <= 1000)) throw new AvoidanceError('OPTION_INVALID', `The largest Δv searched must lie in (0, 1000] m/s; got ${maxDvMps}.`, maxDvMps);
  const warnings: string[] = [];
  const method: AvoidancePcMethod = input.pcMethod ?? 'foster';
  const forces = options.forces ?? [new ZonalGravity()];
  const obj = (o: AvoidanceInput['primary']) => {
    const r = vec3<'EME2000'>(o.r[0], o.r[1], o.r[2]);
    const v = vec3<'EME2000'>(o.v[0], o.v[1], o.v[2]);
    return { r, v, cov: covariance6RtnToInertial({ m: Float64Array.from(o.covarianceRtn) }, { r, v }) };
  };
  const raw: ConjunctionAtTca<'EME2000'> = { primary: obj(input.primary), secondary: obj(input.secondary) };
  const adj = adjustToTrueTca(raw);
  const tca = input.tca.plusSeconds(adj.offsetS);
  const conj = adj.conjunction;
  let plane: ReturnType<typeof buildEncounterPlane>;
  try {
    plane = buildEncounterPlane(conj, 'projected');
  } catch (e) {
    throw new AvoidanceError('STATES_UNUSABLE', `The encounter plane is undefined: ${e instanceof Error ? e.message : String(e)}`, input.sourceId);
  }
  const ctx: Ctx = { input, options, forces, method, tca, conj, hbrKm: input.hbrM / 1000 };
  // Execution window.
  const minLead = options.minLeadTimeS ?? 3600;
  const earliest = options.earliest ?? input.knownAt;
  const cap = tca.plusSeconds(-minLead);
  const latest = options.latest !== undefined && options.latest.isBefore(cap) ? options.latest : cap;
  if (options.latest !== undefined && options.latest.isAfter(cap)) warnings.push(`--latest is later than TCA − ${minLead} s; capped at ${iso(options, cap)}.`);
  const spanS = latest.secondsSince(earliest);
  if (!(spanS > 0)) {
    throw new AvoidanceError('WINDOW_EMPTY', `No execution time is left: the earliest time ${iso(options, earliest)} is not before the latest ${iso(options, latest)} (TCA ${iso(options, tca)} minus the ${minLead}-s minimum lead time). Give an earlier --earliest or a shorter minimum lead time.`, iso(options, earliest));
  }
  if (tca.secondsSince(earliest) > 30 * 86400) throw new AvoidanceError('OPTION_INVALID', `The earliest execution time is more than 30 days before TCA (${iso(options, earliest)}); linearised planning is not meaningful that far out.`, iso(options, earliest));
  const nTimes = Math.max(1, Math.floor(options.executionTimes ?? 50));
  const candidateTimesS: number[] = [];
  const blackouts = options.blackouts ?? [];
  const inBlackout = (t: Instant, durS = 0): boolean => blackouts.some((b) => !t.plusSeconds(durS).isBefore(b.start) && !t.isAfter(b.end));
  let blackedOut = 0;
  for (let i = 0; i < nTimes; i++) {
    const t = nTimes === 1 ? latest : earliest.plusSeconds((spanS * i) / (nTimes - 1));
    if (inBlackout(t)) {
      blackedOut++;
      continue;
    }
    candidateTimesS.push(-tca.secondsSince(t));
  }
  if (candidateTimesS.length === 0) {
    throw new AvoidanceError('BLACKOUT_COVERS_WINDOW', `Every candidate execution time from ${iso(options, earliest)} to ${iso(options, latest)} falls in a blackout window: shorten the blackouts or widen --earliest/--latest.`, blackouts.length);
  }
  if (blackedOut > 0) warnings.push(`${blackedOut} of ${nTimes} candidate execution times fall in blackout windows and were skipped.`);
  // Sample times (TAI s from TCA, decreasing): the candidates, plus a 30-s grid for finite burns.
  let sampleTimes: number[];
  let candidateIdx: number[];
  if (options.finiteBurn) {
    const first = candidateTimesS[0]!;
    const n = Math.ceil(-first / FINITE_SLICE_S);
    sampleTimes = Array.from({ length: n }, (_, j) => -(j + 1) * FINITE_SLICE_S); // decreasing: −30, −60, …
    candidateIdx = candidateTimesS.map((t) => Math.min(sampleTimes.length - 1, Math.max(0, Math.round(-t / FINITE_SLICE_S) - 1)));
    // Snap the candidates onto the grid.
    for (let c = 0; c < candidateIdx.length; c++) candidateTimesS[c] = sampleTimes[candidateIdx[c]!]!;
    if (options.directions && options.directions.some((d) => d !== 't')) warnings.push('A finite burn is tangential: directions other than t were ignored.');
  } else {
    sampleTimes = [...candidateTimesS].sort((a, b) => b - a);
    candidateIdx = candidateTimesS.map((t) => sampleTimes.indexOf(t));
  }
  // Order the candidates by time (earliest first) for the outputs.
  const order = candidateIdx.map((_, c) => c).sort((a, b) => candidateTimesS[a]! - candidateTimesS[b]!);
  candidateIdx = order.map((c) => candidateIdx[c]!);
  const p0 = [conj.primary.r[0], conj.primary.r[1], conj.primary.r[2], conj.primary.v[0], conj.primary.v[1], conj.primary.v[2]];
  const samples = sensitivitySamples(tca, p0, sampleTimes, forces, ts);
  const target = options.targetMissKm !== undefined ? { missKm: options.targetMissKm } : { pc: options.targetPc ?? 1e-6 };
  const model = buildModel(ctx, samples, candidateIdx, plane, target, maxDvMps / 1000);
  let prePc = model.prePc;
  if (method === '3d') prePc = pcHall2021(conj, ctx.hbrKm).pc;
  if (target.pc !== undefined && prePc <= target.pc) {
    throw new AvoidanceError('TARGET_ALREADY_MET', `The current Pc ${prePc.toExponential(3)} is already at or below the target ${target.pc.toExponential(3)}: no maneuver is needed. Lower --target-pc to plan anyway.`, prePc);
  }
  const preMiss = Math.hypot(plane.missKm[0], plane.missKm[1]);
  if (target.missKm !== undefined && preMiss >= target.missKm) {
    throw new AvoidanceError('TARGET_ALREADY_MET', `The current miss distance ${preMiss.toFixed(3)} km already meets the target ${target.missKm} km: no maneuver is needed.`, preMiss);
  }
  return { ctx, model, samples, plane, target, prePc, preMiss, warnings, maxDvMps, candidateIdx };
}

/** Propagates the maneuvered primary from sample k and returns the numerical encounter at the new TCA. */
function verify(ctx: Ctx, samples: SensitivitySamples, k: number, dvRtnKmS: readonly [number, number, number], stopAfterTcaS: number, withCovariance: boolean) {
  const { options } = ctx;
  const ts = options.timeScales;
  const t0 = samples.timesS[k]!;
  const epoch = ctx.tca.plusSeconds(t0);
  const x0 = Array.from(samples.states.subarray(6 * k, 6 * k + 6));
  const R = rtnRows(x0);
  const finite = options.finiteBurn;
  const dvI = [0, 1, 2].map((i) => R[i]! * dvRtnKmS[0] + R[3 + i]! * dvRtnKmS[1] + R[6 + i]! * dvRtnKmS[2]) as [number, number, number];
  let start = x0.slice();
  let coastEpoch = epoch;
  let burnS = 0;
  if (finite) {
    // The burn is integrated on its own with steps of at most a twentieth of it (an adaptive step would straddle the
    // thrust's switch-off), then the coast continues from its end.
    const dvMag = Math.abs(dvRtnKmS[1]);
    const accel = finite.thrustN / options.massKg! / 1000;
    burnS = dvMag / accel;
    const thrust = tangentialThrust(accel, Math.sign(dvRtnKmS[1]) || 1, burnS);
    const burn = new NumericalPropagator({ timeScales: ts, forces: [...ctx.forces, thrust], ...PROPAGATION_TOLERANCES, maxStepS: Math.max(0.01, burnS / 20) }).propagate({ epoch, state: x0, stop: burnS });
    start = Array.from(burn.finalState);
    coastEpoch = epoch.plusSeconds(burnS);
  } else {
    for (let i = 0; i < 3; i++) start[3 + i] = start[3 + i]! + dvI[i]!;
  }
  const forces = ctx.forces;
  const stopS = -t0 - burnS + stopAfterTcaS;
  const prop = new NumericalPropagator({ timeScales: ts, forces, ...PROPAGATION_TOLERANCES });
  let covariance: Float64Array | undefined;
  if (withCovariance) {
    // P(t_m) = Φ(t_m, TCA) P_TCA Φ(t_m, TCA)ᵀ: the TCA covariance mapped back, then carried forward with the maneuver.
    const phi = samples.stmBack.subarray(36 * k, 36 * k + 36);
    const P = ctx.conj.primary.cov.m;
    const tmp = new Float64Array(36);
    covariance = new Float64Array(36);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let l = 0; l < 6; l++) s += phi[i * 6 + l]! * P[l * 6 + j]!;
      tmp[i * 6 + j] = s;
    }
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let l = 0; l < 6; l++) s += tmp[i * 6 + l]! * phi[j * 6 + l]!;
      covariance[i * 6 + j] = s;
    }
  }
  const outputStep = 60;
  const outputTimesS: number[] = [];
  if (withCovariance) for (let t = 0; t <= stopS; t += outputStep) outputTimesS.push(t);
  const res = prop.propagate({ epoch, state: start, stop: stopS, keepEphemeris: true, ...(withCovariance ? { outputTimesS, covariance: covariance! } : {}) });
  /** `epoch`: ignition; `coastEpoch`: where `res` starts (the burn's end); `lead`: seconds from coastEpoch to TCA. */
  return { res, epoch, coastEpoch, dvI, lead: -t0 - burnS, x0 };
}

/** Secondary's dense ephemeris over [TCA − W, TCA + W] (two propagations from its TCA state). */
function secondaryAround(ctx: Ctx, W: number) {
  const s = ctx.conj.secondary;
  const x = [s.r[0], s.r[1], s.r[2], s.v[0], s.v[1], s.v[2]];
  const prop = new NumericalPropagator({ timeScales: ctx.options.timeScales, forces: ctx.forces, ...PROPAGATION_TOLERANCES });
  const fwd = prop.propagate({ epoch: ctx.tca, state: x, stop: W, keepEphemeris: true });
  const back = prop.propagate({ epoch: ctx.tca, state: x, stop: -W, keepEphemeris: true });
  const out = new Float64Array(6);
  return (tFromTca: number): Float64Array => {
    evaluateDenseEphemeris(tFromTca >= 0 ? fwd.ephemeris! : back.ephemeris!, tFromTca, out);
    return out.slice();
  };
}

/** Closest approach of the maneuvered primary (propagation from `lead` s before TCA) and the secondary within ±W of TCA. */
function closestApproach(res: PropagationResult, lead: number, sec: (t: number) => Float64Array, W: number): { t: number; p: Float64Array; s: Float64Array; d: number } {
  const p = new Float64Array(6);
  const dist = (t: number): number => {
    evaluateDenseEphemeris(res.ephemeris!, lead + t, p);
    const s = sec(t);
    return Math.hypot(s[0]! - p[0]!, s[1]! - p[1]!, s[2]! - p[2]!);
  };
  let bestT = 0;
  let best = Infinity;
  for (let t = -W; t <= W; t += 5) {
    const d = dist(t);
    if (d < best) [best, bestT] = [d, t];
  }
  let lo = Math.max(-W, bestT - 5);
  let hi = Math.min(W, bestT + 5);
  const r = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const x1 = hi - r * (hi - lo);
    const x2 = lo + r * (hi - lo);
    if (dist(x1) < dist(x2)) hi = x2;
    else lo = x1;
  }
  const t = 0.5 * (lo + hi);
  const pp = new Float64Array(6);
  evaluateDenseEphemeris(res.ephemeris!, lead + t, pp);
  return { t, p: pp, s: sec(t), d: dist(t) };
}

function pcOfStates(ctx: Ctx, p: ArrayLike<number>, s: ArrayLike<number>): { pc: number; conj: ConjunctionAtTca<'EME2000'> } {
  // Each object's covariance stays what its RTN covariance says, about its own (new) state: as the post-maneuver CDM has it.
  const mk = (x: ArrayLike<number>, covRtn: readonly number[]) => {
    const r = vec3<'EME2000'>(x[0]!, x[1]!, x[2]!);
    const v = vec3<'EME2000'>(x[3]!, x[4]!, x[5]!);
    return { r, v, cov: covariance6RtnToInertial({ m: Float64Array.from(covRtn) }, { r, v }) };
  };
  const conj: ConjunctionAtTca<'EME2000'> = { primary: mk(p, ctx.input.primary.covarianceRtn), secondary: mk(s, ctx.input.secondary.covarianceRtn) };
  return { pc: pcOfConjunction(conj, ctx.hbrKm, ctx.method), conj };
}

/** Pc of a conjunction at TCA by a planner method (the 2D methods at the true TCA, CARA's miss convention). */
export function pcOfConjunction(conj: ConjunctionAtTca<'EME2000'>, hbrKm: number, method: AvoidancePcMethod): number {
  const a = adjustToTrueTca(conj).conjunction;
  if (method === '3d') return pcHall2021(a, hbrKm).pc;
  if (method === 'chan') {
    const pl = buildEncounterPlane(a, 'fullDistance');
    return pcChan1997Principal(toPrincipalAxes(pl.missKm, pl.cov2Km2), hbrKm);
  }
  return pcFoster1992(a, hbrKm).pc;
}

/** The planner with its artifacts (post-maneuver CDM, maneuvered trajectory) for the output writers. */
export function planAvoidanceDetailed(input: AvoidanceInput, options: AvoidanceOptions): { plan: AvoidancePlan; artifacts: AvoidanceArtifacts } {
  const prep = prepare(input, options);
  const { ctx, model, samples, plane, target, prePc, preMiss, warnings, maxDvMps, candidateIdx } = prep;
  const ts = options.timeScales;
  const finite = options.finiteBurn;
  const directions: AvoidanceDirection[] = finite ? ['t'] : [...new Set<AvoidanceDirection>(options.directions ?? ['t', 'r', 'n', 'opt'])];
  if (directions.length === 0) throw new AvoidanceError('OPTION_INVALID', 'No maneuver direction given: use t, r, n or opt.', directions);
  // Minimum Δv per candidate time and direction (both signs; opt has one).
  const best: { c: number; dir: AvoidanceDirection; sign: number; dv: number }[] = [];
  for (let c = 0; c < model.timesS.length; c++) {
    let b: { c: number; dir: AvoidanceDirection; sign: number; dv: number } | undefined;
    for (const dir of directions) {
      for (const sign of model.signs(c, dir)) {
        const dv = model.minimumDv(c, dir, sign);
        if (dv !== null && (b === undefined || dv < b.dv)) b = { c, dir, sign, dv };
      }
    }
    if (b) best.push(b);
  }
  if (best.length === 0) {
    throw new AvoidanceError('TARGET_UNREACHABLE', `No maneuver up to ${maxDvMps} m/s reaches the target at any execution time: raise --max-dv-mps, plan earlier (--earliest), or relax the target.`, maxDvMps);
  }
  const finiteFits = (b: { c: number; dv: number }): boolean => {
    if (!finite) return true;
    const dur = (b.dv * options.massKg! * 1000) / finite.thrustN;
    const t = model.epochs[b.c]!;
    return !(options.blackouts ?? []).some((w) => !t.plusSeconds(dur).isBefore(w.start) && !t.isAfter(w.end)) && -model.timesS[b.c]! - dur >= (options.minLeadTimeS ?? 3600);
  };
  const feasible = best.filter(finiteFits);
  if (feasible.length === 0) throw new AvoidanceError('TARGET_UNREACHABLE', 'Every finite burn that reaches the target runs into a blackout or past TCA − the minimum lead time: raise the thrust or plan earlier.', finite?.thrustN);
  const chosen = feasible.reduce((a, b) => (b.dv < a.dv ? b : a));
  const k = candidateIdx[chosen.c]!;
  // Numerical verification (with correction).
  const sec = secondaryAround(ctx, VERIFY_WINDOW_S);
  let dv = chosen.dv;
  let corrections = 0;
  let lin = model.shift(chosen.c, chosen.dir, chosen.sign, dv);
  let ver = verify(ctx, samples, k, lin.dvRtn, VERIFY_WINDOW_S, false);
  let ca = closestApproach(ver.res, ver.lead, sec, VERIFY_WINDOW_S);
  let post = pcOfStates(ctx, ca.p, ca.s);
  const meets = (): boolean => (target.pc !== undefined ? post.pc <= target.pc : ca.d >= target.missKm!);
  while (!meets() && corrections < 8) {
    corrections++;
    dv *= 1.03;
    lin = model.shift(chosen.c, chosen.dir, chosen.sign, dv);
    ver = verify(ctx, samples, k, lin.dvRtn, VERIFY_WINDOW_S, false);
    ca = closestApproach(ver.res, ver.lead, sec, VERIFY_WINDOW_S);
    post = pcOfStates(ctx, ca.p, ca.s);
  }
  if (!meets()) warnings.push(`The numerical check still misses the target after ${corrections} Δv increases of 3 %: the linear model is poor for this geometry.`);
  const linMiss: [number, number] = [model.missKm[0] - lin.dm[0], model.missKm[1] - lin.dm[1]];
  const linearPostPc = model.pcOfMiss(linMiss);
  // Linear vs numerical displacement of the primary at the original TCA.
  const atTca = new Float64Array(6);
  evaluateDenseEphemeris(ver.res.ephemeris!, ver.lead, atTca);
  const D = samples.dvToTca.subarray(9 * k, 9 * k + 9);
  const linShift = [0, 1, 2].map((i) => {
    if (finite) return Number.NaN;
    return D[3 * i]! * lin.dvRtn[0] + D[3 * i + 1]! * lin.dvRtn[1] + D[3 * i + 2]! * lin.dvRtn[2];
  });
  const p0 = ctx.conj.primary;
  const numShift = [0, 1, 2].map((i) => atTca[i]! - p0.r[i as 0 | 1 | 2]);
  const linearShiftKm = finite ? Math.hypot(...numShift) : Math.hypot(linShift[0]!, linShift[1]!, linShift[2]!);
  const linearVsNumericalKm = finite ? Number.NaN : Math.hypot(numShift[0]! - linShift[0]!, numShift[1]! - linShift[1]!, numShift[2]! - linShift[2]!);
  // Long propagation (outputs, re-screening) with covariance.
  const rescreenDays = options.rescreenDays ?? 7;
  const longStop = Math.max(VERIFY_WINDOW_S, rescreenDays * 86400 - ver.lead);
  const full = verify(ctx, samples, k, lin.dvRtn, longStop, true);
  const epochs: Instant[] = [];
  const states: [number, number, number, number, number, number][] = [];
  const covariances: { epoch: Instant; lowerTriangle: number[] }[] = [];
  const outT = full.res.outputTimesS;
  for (let i = 0; i < outT.length; i++) {
    const s = full.res.outputStates.subarray(6 * i, 6 * i + 6);
    if (!s.every(Number.isFinite)) break;
    epochs.push(full.coastEpoch.plusSeconds(outT[i]!));
    states.push([s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!]);
    if (i % 60 === 0 && full.res.outputCovariance) {
      const P = full.res.outputCovariance.subarray(36 * i, 36 * i + 36);
      const lt: number[] = [];
      for (let a = 0; a < 6; a++) for (let b = 0; b <= a; b++) lt.push(0.5 * (P[a * 6 + b]! + P[b * 6 + a]!));
      covariances.push({ epoch: epochs[epochs.length - 1]!, lowerTriangle: lt });
    }
  }
  const dvMps = dv * 1000;
  const dvRtnMps: [number, number, number] = [lin.dvRtn[0] * 1000, lin.dvRtn[1] * 1000, lin.dvRtn[2] * 1000];
  const burnDurationS = finite ? (dv * options.massKg! * 1000) / finite.thrustN : undefined;
  const postTca = ctx.tca.plusSeconds(ca.t);
  // Post-maneuver CDM: the propagated states at the new TCA, the same RTN covariances.
  const postCdm = cdmFromScreening({
    tca: postTca,
    creationDate: options.creationDate ?? input.knownAt,
    originator: options.originator ?? 'SKYLANE',
    messageId: `${input.sourceId ?? `${input.primary.catalogNumber}-${input.secondary.catalogNumber}`}-POST-MANEUVER`,
    object1: { catalogNumber: input.primary.catalogNumber, ...(input.primary.name ? { name: input.primary.name } : {}), ...(input.primary.internationalDesignator ? { internationalDesignator: input.primary.internationalDesignator } : {}), ...(input.primary.objectType ? { objectType: input.primary.objectType } : {}), r: vec3<'EME2000'>(ca.p[0]!, ca.p[1]!, ca.p[2]!), v: vec3<'EME2000'>(ca.p[3]!, ca.p[4]!, ca.p[5]!), elementAgeDays: 0, covarianceRtn: input.primary.covarianceRtn, maneuverable: 'YES' },
    object2: { catalogNumber: input.secondary.catalogNumber, ...(input.secondary.name ? { name: input.secondary.name } : {}), ...(input.secondary.internationalDesignator ? { internationalDesignator: input.secondary.internationalDesignator } : {}), ...(input.secondary.objectType ? { objectType: input.secondary.objectType } : {}), r: vec3<'EME2000'>(ca.s[0]!, ca.s[1]!, ca.s[2]!), v: vec3<'EME2000'>(ca.s[3]!, ca.s[4]!, ca.s[5]!), elementAgeDays: 0, covarianceRtn: input.secondary.covarianceRtn },
    hbrM: input.hbrM,
    collisionProbability: post.pc,
    collisionProbabilityMethod: ctx.method === '3d' ? 'HALL-2021-3D' : ctx.method === 'chan' ? 'CHAN-1997' : 'FOSTER-1992',
    comments: [
      `Post-maneuver conjunction: ${finite ? `finite tangential burn of ${burnDurationS!.toFixed(1)} s` : 'impulsive maneuver'} of ${dvMps.toFixed(4)} m/s (RTN ${dvRtnMps.map((x) => x.toFixed(4)).join(', ')} m/s) at ${iso(options, full.epoch)}`,
      'States propagated numerically through the maneuver; covariances are the pre-maneuver RTN covariances (execution errors not included)',
    ],
  });
  // Trade space along the chosen direction.
  const nDv = Math.max(2, Math.floor(options.dvValues ?? 50));
  const dvMaxKmS = Math.min(maxDvMps / 1000, niceCeil(3 * chosen.dv));
  const dvAxis = Array.from({ length: nDv }, (_, j) => (dvMaxKmS * j) / (nDv - 1));
  const pcGrid: number[][] = [];
  const missGrid: number[][] = [];
  const minDv: (number | null)[] = [];
  for (let c = 0; c < model.timesS.length; c++) {
    const pcRow: number[] = [];
    const missRow: number[] = [];
    for (const s of dvAxis) {
      const { dm } = model.shift(c, chosen.dir, chosen.sign, s);
      const m: [number, number] = [model.missKm[0] - dm[0], model.missKm[1] - dm[1]];
      pcRow.push(model.pcOfMiss(m));
      missRow.push(Math.hypot(m[0], m[1]));
    }
    pcGrid.push(pcRow);
    missGrid.push(missRow);
    const r = model.minimumDv(c, chosen.dir, chosen.sign);
    minDv.push(r === null ? null : r * 1000);
  }
  const tradeSpace: AvoidanceTradeSpace = {
    direction: chosen.dir,
    epochs: model.epochs.map((t) => iso(options, t)),
    leadTimesS: model.timesS.map((t) => -t),
    dvMps: dvAxis.map((x) => x * 1000),
    pc: pcGrid,
    missKm: missGrid,
    targetPc: target.pc ?? null,
    targetMissKm: target.missKm ?? null,
    minDvMps: minDv,
  };
  const candidates: AvoidanceCandidate[] = best.map((b) => {
    const sh = model.shift(b.c, b.dir, b.sign, b.dv);
    const m: [number, number] = [model.missKm[0] - sh.dm[0], model.missKm[1] - sh.dm[1]];
    return {
      epoch: iso(options, model.epochs[b.c]!),
      leadTimeS: -model.timesS[b.c]!,
      direction: b.dir,
      dvMps: b.dv * 1000,
      dvRtnMps: [sh.dvRtn[0] * 1000, sh.dvRtn[1] * 1000, sh.dvRtn[2] * 1000],
      postPc: model.pcOfMiss(m),
      postMissKm: Math.hypot(m[0], m[1]),
      mahalanobis: mahalanobis(m, model.cov2Km2),
      propellantKg: propellantKg(options, b.dv),
      ...(finite ? { burnDurationS: (b.dv * options.massKg! * 1000) / finite.thrustN } : {}),
    };
  });
  // Re-screening of the maneuvered trajectory.
  const rescreening = rescreenManeuver(ctx.input, options, { epochs, states }, samples.states.subarray(6 * k, 6 * k + 6), full.epoch, ctx.tca, warnings);
  const postPlane = buildEncounterPlane(adjustToTrueTca(post.conj).conjunction, 'projected');
  const plan: AvoidancePlan = {
    maneuver: {
      epoch: iso(options, full.epoch),
      dvRtnMps,
      dvMps,
      direction: chosen.dir,
      kind: finite ? 'finite' : 'impulsive',
      ...(finite ? { burnDurationS: burnDurationS!, thrustN: finite.thrustN } : {}),
    },
    pcMethod: ctx.method,
    prePc,
    postPc: post.pc,
    preMissKm: preMiss,
    postMissKm: ca.d,
    preMahalanobis: mahalanobis(plane.missKm, plane.cov2Km2),
    postMahalanobis: mahalanobis(postPlane.missKm, postPlane.cov2Km2),
    leadTimeS: -samples.timesS[k]!,
    propellantKg: propellantKg(options, dv),
    targetPc: target.pc ?? null,
    targetMissKm: target.missKm ?? null,
    tca: iso(options, ctx.tca),
    primary: input.primary.catalogNumber,
    secondary: input.secondary.catalogNumber,
    hbrM: input.hbrM,
    verification: { linearVsNumericalKm, linearShiftKm, postTca: iso(options, postTca), tcaShiftS: ca.t, linearPostPc, corrections },
    candidates,
    tradeSpace,
    rescreening,
    warnings,
  };
  void ts;
  return { plan, artifacts: { maneuverEpoch: full.epoch, dvInertialKmS: full.dvI, stateAtManeuver: full.x0, trajectory: { epochs, states, covariances }, postCdm } };
}

/** 1, 2 or 5 times a power of ten, at or above x. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1e-3;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** The avoidance input of a CDM: OBJECT1 maneuvers (or OBJECT2 with `maneuverObject: 2`). */
export function avoidanceInputFromCdm(cdm: Cdm, options: { readonly hbrM: number; readonly maneuverObject?: 1 | 2; readonly pcMethod?: AvoidancePcMethod }): AvoidanceInput {
  const one = (o: Cdm['object1']) => {
    const frame = o.metadata.refFrame.toUpperCase();
    if (frame !== 'EME2000' && frame !== 'GCRF') throw new AvoidanceError('STATES_UNUSABLE', `${o.metadata.object}: REF_FRAME ${o.metadata.refFrame} is not inertial; planning needs EME2000 or GCRF states.`, o.metadata.refFrame);
    const lt = o.covariance.rtnLowerTriangle;
    if (lt.length < 21 || !lt.slice(0, 21).every(Number.isFinite)) {
      throw new AvoidanceError('NO_COVARIANCE', `${o.metadata.object} (${o.metadata.objectDesignator}) has no 6x6 RTN covariance in the CDM: Pc-targeted planning needs both objects' covariances.`, o.metadata.objectDesignator);
    }
    const p = o.stateVector.positionKm;
    const v = o.stateVector.velocityKmPerS;
    return {
      catalogNumber: Number(o.metadata.objectDesignator),
      name: o.metadata.objectName,
      internationalDesignator: o.metadata.internationalDesignator,
      ...(o.metadata.objectType !== undefined ? { objectType: o.metadata.objectType } : {}),
      r: [p[0], p[1], p[2]] as const,
      v: [v[0], v[1], v[2]] as const,
      covarianceRtn: symmetricFromLowerTriangle(lt.slice(0, 21)),
    };
  };
  const a = one(cdm.object1);
  const b = one(cdm.object2);
  const swap = options.maneuverObject === 2;
  return {
    tca: cdm.relative.tca,
    primary: swap ? b : a,
    secondary: swap ? a : b,
    hbrM: options.hbrM,
    knownAt: cdm.header.creationDate,
    ...(options.pcMethod ? { pcMethod: options.pcMethod } : {}),
    sourceId: cdm.header.messageId,
  };
}
