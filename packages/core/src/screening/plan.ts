/**
 * Planning of a screening run: validated options, the objects (SGP4 inputs sorted by catalog number), the
 * global sample grid, each object's knot step and interpolation-error bound, and the partition of the window
 * into work blocks. A plan is plain, structured-clone-safe data: the multi-threaded driver sends it to workers.
 *
 * Knot step. Each object is propagated with exact SGP4 at knots every h = m·Δt (m integer, Δt the sample step)
 * and interpolated in between by the cubic Hermite polynomial through the knot positions and velocities. Its
 * error is bounded by the Peano-kernel bound |e(t)| ≤ max|r⁗| h⁴/384 (position) and ≈ √3/216·max|r⁗| h³
 * (velocity; 0.02·max|r⁗|h³ is used). For Kepler motion max|r⁗| ≈ (1 + 3e)·μ²/r_p⁵ (checked numerically for
 * 0 ≤ e ≤ 0.9); a factor 1.3 covers J2 and the other SGP4 perturbations, and r_p is lowered by 50 km for drag.
 *
 * Ephemeris objects (an operator's OEM, `EphemerisInput`): the same bounds with r_p the smallest and e the largest
 * osculating values over the ephemeris's states (propagation/ephemeris/envelope.ts), the speed bound at least the
 * largest tabulated speed, and the ephemeris's own interpolation error (leave-one-out estimate) added to the knot
 * error bounds and the radial pad. An ephemeris must cover the window from its start to the last knot (the window
 * rounded up to whole sample steps, and the knot step is shortened so that its last knot falls inside the coverage);
 * otherwise the object is skipped at planning with code EPHEMERIS_COVERAGE: an ephemeris is never extrapolated, and
 * an object is screened over the whole window or not at all.
 */
import { ArgumentError, PropagationError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { minutesSinceEpoch, sgp4InputFrom, type UtcClock } from '../propagation/sgp4/index.ts';
import { ephemerisEnvelope, type EphemerisInput } from '../propagation/ephemeris/index.ts';
import { createTrajectory, isEphemerisInput, type TrajectoryInput } from '../propagation/trajectory.ts';
import type { ScreeningTuning, ScreeningVolume, SkippedObject } from './types.ts';
import { keepPlanRecords } from './sgp4Records.ts';
import type { Trajectory } from '../propagation/trajectory.ts';

/** μ of WGS-72, the constant SGP4 uses (km³/s²). */
export const MU_WGS72_KM3S2 = 398600.8;
/** Radius below which a perigee is not physical (km); used only to bound knot steps. */
const MIN_PERIGEE_RADIUS_KM = 6300;

/** Options of a screening run. */
export interface ScreeningOptions {
  /** Window start. */
  readonly start: Instant;
  /** Window length (s); 7 days is 604800. */
  readonly durationS: number;
  readonly volume: ScreeningVolume;
  /** Catalog numbers of the primaries; absent for all-vs-all. Primaries absent from the input are an error. */
  readonly primaries?: readonly number[];
  readonly timeScales: TimeScales;
  readonly tuning?: ScreeningTuning;
}

/** A contiguous range of sample intervals [firstInterval, endInterval) handled as one unit of work. */
export interface ScreeningBlock {
  readonly firstInterval: number;
  readonly endInterval: number;
}

/** Everything a worker needs to screen any block. Structured-clone safe. */
export interface ScreeningPlan {
  readonly startUtc: UtcClock;
  readonly durationS: number;
  readonly volume: ScreeningVolume;
  /** Radius of the smallest sphere around the primary that contains the volume (km). */
  readonly reachKm: number;
  readonly sampleStepS: number;
  /** Number of sample intervals; samples are k·Δt for k = 0..intervalsCount. */
  readonly intervalsCount: number;
  /** Samples per broad-phase window (broadPhase.ts). */
  readonly windowSamples: number;
  /** Radial bands in the all-vs-all sweep (ScreeningTuning.radialBands; cellSweep.ts). */
  readonly radialBands: 'auto' | 'on' | 'off' | 'binned';
  /** All-vs-all sweep compiled to WebAssembly where available (ScreeningTuning.compiledSweep; sweepKernel.ts). */
  readonly compiledSweep: boolean;
  readonly blocks: readonly ScreeningBlock[];
  /** Objects screened (SGP4 elements or ephemerides), sorted by catalog number (unusable ones already removed). */
  readonly objects: readonly TrajectoryInput[];
  /** 1 where the object is a primary; all ones in all-vs-all mode. */
  readonly isPrimary: Uint8Array;
  readonly allVsAll: boolean;
  /** Knot step of each object as a multiple of the sample step. */
  readonly knotMultiple: Int32Array;
  /** Bound of the Hermite position error of each object (km). */
  readonly interpErrorKm: Float64Array;
  /** Bound of the Hermite velocity error of each object (km/s). */
  readonly interpVelErrorKmS: Float64Array;
  /** Upper bound of each object's speed from its elements (km/s). */
  readonly speedBoundKmS: Float64Array;
  /** Radial pad for the min/max radius between knots (km). */
  readonly radialPadKm: Float64Array;
  /** Minutes from each object's epoch (an ephemeris: its first state) to the window start. */
  readonly startMinutes: Float64Array;
  /** Objects refused at planning time (invalid elements, ephemeris not covering the window). */
  readonly skipped: readonly SkippedObject[];
  /** Number of input objects, skipped ones included. */
  readonly objectsInput: number;
}

/** Sphere radius enclosing a screening volume (km). */
export function volumeReachKm(v: ScreeningVolume): number {
  switch (v.kind) {
    case 'sphere':
      return v.radiusKm;
    case 'rtn-ellipsoid':
      return Math.max(v.radialKm, v.transverseKm, v.normalKm);
    case 'rtn-box':
      return Math.hypot(v.radialKm, v.transverseKm, v.normalKm);
  }
}

/** Whether an RTN offset (km) lies inside the volume. */
export function insideVolume(v: ScreeningVolume, r: number, t: number, n: number): boolean {
  switch (v.kind) {
    case 'sphere':
      return r * r + t * t + n * n <= v.radiusKm * v.radiusKm;
    case 'rtn-ellipsoid': {
      const a = r / v.radialKm;
      const b = t / v.transverseKm;
      const c = n / v.normalKm;
      return a * a + b * b + c * c <= 1;
    }
    case 'rtn-box':
      return Math.abs(r) <= v.radialKm && Math.abs(t) <= v.transverseKm && Math.abs(n) <= v.normalKm;
  }
}

function checkVolume(v: ScreeningVolume): void {
  const sizes = v.kind === 'sphere' ? [v.radiusKm] : [v.radialKm, v.transverseKm, v.normalKm];
  if (!sizes.every((s) => Number.isFinite(s) && s > 0 && s <= 1000)) {
    throw new ArgumentError(`Screening volume sizes must be finite, > 0 and ≤ 1000 km; got ${JSON.stringify(v)}.`, v);
  }
}

/** Builds a plan from catalog element sets (one per object; use latestElementSets first). */
export function planScreening(elementSets: readonly ElementSet[], options: ScreeningOptions): ScreeningPlan {
  const inputs = elementSets.map((el) => sgp4InputFrom(el, options.timeScales));
  return planScreeningInputs(inputs, options);
}

/** Builds a plan from trajectory inputs (SGP4 elements and ephemerides, one per object). */
export function planScreeningInputs(inputsIn: readonly TrajectoryInput[], options: ScreeningOptions): ScreeningPlan {
  checkVolume(options.volume);
  if (!(Number.isFinite(options.durationS) && options.durationS > 0 && options.durationS <= 400 * 86400)) {
    throw new ArgumentError(`Screening duration must be > 0 and at most 400 days; got ${options.durationS} s.`, options.durationS);
  }
  const tuning = options.tuning ?? {};
  const dt = tuning.sampleStepS ?? 20;
  // Defaults by mode (speed only, never results): a fleet's few primaries make few pairs, so the knots of the many
  // secondaries and the per-object cost of the broad phase dominate: longer knot steps and broad-phase windows.
  const fleet = options.primaries !== undefined;
  const tol = tuning.interpolationToleranceKm ?? (fleet ? 2 : 1);
  const maxKnotS = tuning.maxKnotStepS ?? 1800;
  if (!(dt >= 1 && dt <= 120) || !(tol > 0 && tol <= 5) || !(maxKnotS >= dt)) {
    throw new ArgumentError(`Screening tuning out of range (sampleStepS 1-120, interpolationToleranceKm 0-5, maxKnotStepS ≥ sampleStepS): ${JSON.stringify(tuning)}.`, tuning);
  }
  const blockSamples = Math.max(1, Math.round((tuning.blockLengthS ?? 10800) / dt));
  const windowSamples = Math.max(1, Math.round((tuning.broadPhaseWindowS ?? (fleet ? 80 : 60)) / dt));
  const startUtc = options.timeScales.toUtcDaySeconds(options.start);
  const intervalsCount = Math.ceil(options.durationS / dt - 1e-9);
  const blocks: ScreeningBlock[] = [];
  for (let j = 0; j < intervalsCount; j += blockSamples) blocks.push({ firstInterval: j, endInterval: Math.min(intervalsCount, j + blockSamples) });

  const sorted = [...inputsIn].sort((a, b) => a.catalogNumber - b.catalogNumber);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.catalogNumber === sorted[i - 1]!.catalogNumber) {
      throw new ArgumentError(
        `Catalog number ${sorted[i]!.catalogNumber} appears twice in the screening input: screen one element set per object (latestElementSets).`,
        sorted[i]!.catalogNumber,
      );
    }
  }
  const primarySet = options.primaries ? new Set(options.primaries) : null;
  if (primarySet) {
    const known = new Set(sorted.map((s) => s.catalogNumber));
    const missing = [...primarySet].filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new ArgumentError(`Primaries not in the catalog: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}. Add their element sets or drop them.`, missing);
    }
  }
  const skipped: SkippedObject[] = [];
  const objects: TrajectoryInput[] = [];
  const trajectories: Trajectory[] = [];
  const lastSampleS = intervalsCount * dt;
  for (const input of sorted) {
    try {
      const trajectory = createTrajectory(input);
      const uncovered = isEphemerisInput(input) ? ephemerisCoverageGap(input, startUtc, lastSampleS) : null;
      if (uncovered) {
        skipped.push({ catalogNumber: input.catalogNumber, ...uncovered });
        continue;
      }
      objects.push(input);
      trajectories.push(trajectory);
    } catch (err) {
      const e = err instanceof PropagationError ? err : null;
      skipped.push({ catalogNumber: input.catalogNumber, code: e?.code ?? 'ELEMENTS_INVALID', reason: e?.message ?? String(err), atOffsetS: -1 });
    }
  }
  const n = objects.length;
  const isPrimary = new Uint8Array(n);
  const knotMultiple = new Int32Array(n);
  const interpErrorKm = new Float64Array(n);
  const interpVelErrorKmS = new Float64Array(n);
  const speedBoundKmS = new Float64Array(n);
  const radialPadKm = new Float64Array(n);
  const startMinutes = new Float64Array(n);
  const mu = MU_WGS72_KM3S2;
  for (let i = 0; i < n; i++) {
    const o = objects[i]!;
    isPrimary[i] = primarySet === null || primarySet.has(o.catalogNumber) ? 1 : 0;
    const env = orbitEnvelope(o, mu);
    const e = env.eccentricity;
    const rp = Math.max(MIN_PERIGEE_RADIUS_KM, env.perigeeRadiusKm - 50);
    const d4 = 1.3 * (1 + 3 * e) * ((mu * mu) / rp ** 5);
    const hMax = Math.min(maxKnotS, Math.sqrt(Math.sqrt((384 * tol) / d4)));
    startMinutes[i] = minutesSinceEpoch(o, startUtc);
    let m = Math.max(1, Math.floor(hMax / dt));
    // An ephemeris has no state past its coverage: the last knot, ceil(intervals/m)·m samples, must lie inside it.
    if (isEphemerisInput(o)) while (m > 1 && startMinutes[i]! * 60 + Math.ceil(intervalsCount / m) * m * dt > o.coverageStopS) m--;
    const h = m * dt;
    knotMultiple[i] = m;
    interpErrorKm[i] = (d4 * h ** 4) / 384 + 2 * env.tableErrorKm + 0.3 * h * env.tableVelErrorKmS;
    interpVelErrorKmS[i] = 0.02 * d4 * h ** 3 + 2 * env.tableVelErrorKmS + (6 * env.tableErrorKm) / h;
    speedBoundKmS[i] = Math.max(1.02 * Math.sqrt((mu * (1 + Math.min(e + 0.01, 0.999))) / rp) + 0.05, 1.02 * env.maxSpeedKmS + 0.05);
    radialPadKm[i] = (mu * (e + 0.01) * h * h) / (8 * rp * rp) + interpErrorKm[i]! + 1;
  }
  const plan: ScreeningPlan = {
    startUtc,
    durationS: options.durationS,
    volume: options.volume,
    reachKm: volumeReachKm(options.volume),
    sampleStepS: dt,
    intervalsCount,
    windowSamples,
    radialBands: tuning.radialBands ?? 'auto',
    compiledSweep: tuning.compiledSweep ?? true,
    blocks,
    objects,
    isPrimary,
    allVsAll: primarySet === null,
    knotMultiple,
    interpErrorKm,
    interpVelErrorKmS,
    speedBoundKmS,
    radialPadKm,
    startMinutes,
    skipped,
    objectsInput: sorted.length,
  };
  // The near-earth SGP4 records just computed, for the screening contexts (sgp4Records.ts): no second initialisation.
  keepPlanRecords(plan, trajectories);
  return plan;
}

/** Perigee radius and eccentricity of an object for the knot bounds, its largest known speed, and an ephemeris's own interpolation error. */
function orbitEnvelope(o: TrajectoryInput, mu: number): { perigeeRadiusKm: number; eccentricity: number; maxSpeedKmS: number; tableErrorKm: number; tableVelErrorKmS: number } {
  if (isEphemerisInput(o)) {
    const env = ephemerisEnvelope(o);
    return { perigeeRadiusKm: env.minPerigeeRadiusKm, eccentricity: env.maxEccentricity, maxSpeedKmS: env.maxSpeedKmS, tableErrorKm: env.interpolationErrorKm, tableVelErrorKmS: env.interpolationVelErrorKmS };
  }
  const nRadS = (o.meanMotionRevPerDay * 2 * Math.PI) / 86400;
  const a = Math.cbrt(mu / (nRadS * nRadS));
  return { perigeeRadiusKm: a * (1 - o.eccentricity), eccentricity: o.eccentricity, maxSpeedKmS: 0, tableErrorKm: 0, tableVelErrorKmS: 0 };
}

/** Why an ephemeris cannot serve [window start, last sample] (null when it covers it), as a skipped-object entry. */
function ephemerisCoverageGap(o: EphemerisInput, startUtc: UtcClock, lastSampleS: number): Omit<SkippedObject, 'catalogNumber'> | null {
  const from = minutesSinceEpoch(o, startUtc) * 60;
  const to = from + lastSampleS;
  if (from >= o.coverageStartS && to <= o.coverageStopS) return null;
  const firstUncovered = from < o.coverageStartS ? 0 : o.coverageStopS - from;
  return {
    code: 'EPHEMERIS_COVERAGE',
    reason: `Object ${o.catalogNumber}: its ephemeris (${o.source}) covers ${(o.coverageStartS - from).toFixed(3)} s to ${(o.coverageStopS - from).toFixed(3)} s from the window start, not the window 0 to ${lastSampleS} s: an ephemeris is never extrapolated. Upload one that covers the window, or screen a window it covers.`,
    atOffsetS: Math.max(0, firstUncovered),
  };
}
