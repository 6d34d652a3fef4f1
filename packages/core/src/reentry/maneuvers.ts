/**
 * Manoeuvre detection in an element-set history: altitude raises (reboosts) and lowerings (deorbit burns) are
 * jumps of the SGP4 mean semi-major axis between consecutive sets that natural decay cannot explain.
 *
 * For consecutive sets k−1, k the natural change is estimated twice: (1) from the decay the sets themselves report
 * through their first mean-motion derivative (TLE line 1 ṅ/2, OMM MEAN_MOTION_DOT): da/dt = −(2/3)·a·ṅ/n (Kepler's
 * third law), the median rate of sets k−3…k+2 over Δt; (2) from the median rate da/dt of the ±8 neighbouring intervals.
 * A manoeuvre is a jump that both estimates fail to explain: each residual j = Δa − Δa_expected exceeds
 * max(minJumpKm, k·σ, ½|Δa_expected|) with one sign, σ being a robust (1.4826·MAD) scatter of the residuals of the
 * surrounding ±15 intervals; a lowering must beat 2.5 times the expected decay (a low orbit's decay accelerates fast) and the
 * fastest decay that the two bracketing sets' own ṅ report, and the jump must
 * also show against set k−2 (one bad set is not two manoeuvres). (ṅ alone is erratic in the last days of a decay; the neighbours alone lag an
 * accelerating decay: requiring both removes the false alarms of each.) Flagged intervals of one sign closer than `mergeGapDays` are merged into one manoeuvre. A
 * lowering that leaves the mean perigee below `deorbitPerigeeKm` is a `deorbit`.
 */
import type { ElementSet } from '../catalog/model.ts';
import type { Instant } from '../time/index.ts';
import type { HistoryPoint } from './history.ts';
import { historyPoints } from './history.ts';
import type { TimeScales } from '../time/index.ts';

export type ManeuverKind = 'raise' | 'lower' | 'deorbit';

/** One detected manoeuvre (or burn sequence), bracketed by the last set before and the first set after it. */
export interface DetectedManeuver {
  readonly kind: ManeuverKind;
  /** Epoch of the last element set before the manoeuvre. */
  readonly after: Instant;
  /** Epoch of the first element set after it. */
  readonly before: Instant;
  /** Change of mean semi-major axis beyond natural decay, km (positive for a raise). */
  readonly deltaAKm: number;
  /** Mean perigee height after the manoeuvre, km. */
  readonly perigeeHeightAfterKm: number;
  /** Index in the points of the first set after the manoeuvre. */
  readonly indexAfter: number;
}

export interface DetectManeuversOptions {
  readonly timeScales: TimeScales;
  readonly asOf?: Instant;
  /** Smallest jump reported, km (default 0.25). */
  readonly minJumpKm?: number;
  /** Jumps must exceed this many robust standard deviations of the local residuals (default 6). */
  readonly sigmaFactor?: number;
  /** Flagged intervals closer than this merge into one manoeuvre, days (default 1.5). */
  readonly mergeGapDays?: number;
  /** A lowering leaving the mean perigee below this height is a deorbit, km (default 200). */
  readonly deorbitPerigeeKm?: number;
  readonly interfaceAltitudeKm?: number;
}

const DAY_S = 86400;

function median(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** Decay rate da/dt (km/day) a set reports through its ṅ/2: −(2/3)·a·ṅ/n. */
function ndotRateKmPerDay(p: HistoryPoint): number {
  return (-(2 / 3) * p.aKm * 2 * p.set.meanMotionDotRevPerDay2) / p.set.meanMotionRevPerDay;
}

/** Natural change of the mean semi-major axis expected between points k−1 and k from the median ṅ of sets k−3…k+2 (km). */
function expectedDeltaAKm(points: readonly HistoryPoint[], k: number): number {
  const rates: number[] = [];
  for (let m = Math.max(0, k - 3); m <= Math.min(points.length - 1, k + 2); m++) rates.push(ndotRateKmPerDay(points[m]!));
  return (median(rates) * (points[k]!.tS - points[k - 1]!.tS)) / DAY_S;
}

/** Detects manoeuvres in already-checked history points. */
export function detectManeuversInPoints(points: readonly HistoryPoint[], options: Omit<DetectManeuversOptions, 'timeScales' | 'asOf'> = {}): DetectedManeuver[] {
  const minJump = options.minJumpKm ?? 0.25;
  const kSigma = options.sigmaFactor ?? 6;
  const mergeGapS = (options.mergeGapDays ?? 1.5) * DAY_S;
  const deorbitKm = options.deorbitPerigeeKm ?? 200;
  const n = points.length;
  if (n < 2) return [];
  const jump: number[] = [0];
  const expected: number[] = [0];
  const rate: number[] = [0];
  for (let k = 1; k < n; k++) {
    const ex = expectedDeltaAKm(points, k);
    const da = points[k]!.aKm - points[k - 1]!.aKm;
    expected.push(ex);
    jump.push(da - ex);
    const dt = points[k]!.tS - points[k - 1]!.tS;
    rate.push(dt > 0 ? da / dt : 0);
  }
  const flags: number[] = new Array<number>(n).fill(0);
  for (let k = 1; k < n; k++) {
    const dt = points[k]!.tS - points[k - 1]!.tS;
    const rates: number[] = [];
    for (let m = Math.max(1, k - 8); m <= Math.min(n - 1, k + 8); m++) if (m !== k && points[m]!.tS > points[m - 1]!.tS) rates.push(rate[m]!);
    const exNeighbour = median(rates) * dt;
    const around: number[] = [];
    for (let m = Math.max(1, k - 15); m <= Math.min(n - 1, k + 15); m++) if (m !== k) around.push(jump[m]!);
    const med = median(around);
    const sigma = 1.4826 * median(around.map((x) => Math.abs(x - med)));
    const da = points[k]!.aKm - points[k - 1]!.aKm;
    const j1 = jump[k]!;
    const j2 = da - exNeighbour;
    const thr1 = Math.max(minJump, kSigma * sigma, 0.5 * Math.abs(expected[k]!));
    const thr2 = Math.max(minJump, kSigma * sigma, 0.5 * Math.abs(exNeighbour));
    // A decay accelerates: a lowering must also beat the fastest decay either bracketing set reports.
    const exFast = Math.min(expected[k]!, (ndotRateKmPerDay(points[k - 1]!) * dt) / DAY_S, (ndotRateKmPerDay(points[k]!) * dt) / DAY_S);
    const j1Lower = da - exFast;
    const thr1Lower = Math.max(minJump, kSigma * sigma, 1.5 * Math.abs(exFast));
    const thr2Lower = Math.max(minJump, kSigma * sigma, 1.5 * Math.abs(exNeighbour));
    // The jump must also show against set k−2, so that one bad set k−1 is not taken for a manoeuvre.
    const jPrev = k >= 2 ? points[k]!.aKm - points[k - 2]!.aKm - median(rates) * (points[k]!.tS - points[k - 2]!.tS) : j2;
    if (j1 > thr1 && j2 > thr2 && jPrev > 0.5 * thr2) flags[k] = 1;
    else if (j1Lower < -thr1Lower && j2 < -thr2Lower && jPrev < -0.5 * thr2) flags[k] = -1;
  }
  // A single bad set shows as a jump down then up (or up then down): if skipping it explains the change, it is an
  // outlier, not two manoeuvres.
  for (let k = 1; k + 1 < n; k++) {
    if (flags[k] !== 0 && flags[k + 1] === -flags[k]!) {
      const combined = jump[k]! + jump[k + 1]!;
      if (Math.abs(combined) < 0.5 * Math.min(Math.abs(jump[k]!), Math.abs(jump[k + 1]!)) + minJump) {
        flags[k] = 0;
        flags[k + 1] = 0;
      }
    }
  }
  const out: DetectedManeuver[] = [];
  let k = 1;
  while (k < n) {
    const sign = flags[k]!;
    if (sign === 0) {
      k++;
      continue;
    }
    let end = k;
    let total = jump[k]!;
    for (let m = k + 1; m < n; m++) {
      if (points[m]!.tS - points[end]!.tS > mergeGapS) break;
      if (flags[m] === sign) {
        for (let q = end + 1; q <= m; q++) total += jump[q]!;
        end = m;
      }
    }
    const after = points[end]!;
    const kind: ManeuverKind = sign > 0 ? 'raise' : after.perigeeHeightKm < deorbitKm ? 'deorbit' : 'lower';
    out.push({ kind, after: points[k - 1]!.set.epoch, before: after.set.epoch, deltaAKm: total, perigeeHeightAfterKm: after.perigeeHeightKm, indexAfter: end });
    k = end + 1;
  }
  return out;
}

/** Detects altitude raises and lowerings/deorbit burns in an element-set history of one object. */
export function detectManeuvers(history: readonly ElementSet[], options: DetectManeuversOptions): DetectedManeuver[] {
  const pts = historyPoints(history, {
    timeScales: options.timeScales,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.interfaceAltitudeKm !== undefined ? { interfaceAltitudeKm: options.interfaceAltitudeKm } : {}),
  });
  return detectManeuversInPoints(pts, options);
}
