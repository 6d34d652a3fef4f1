/**
 * One numerical propagation as the CLI and the HTTP API run it: force models assembled from options (central gravity
 * always; every other force only when asked for), input data checked before any work (spacecraft parameters the
 * enabled forces read, EOP and space-weather coverage of the whole span), a fixed output grid from the epoch towards
 * the stop (forwards or backwards), and the outputs written as CSV, CCSDS OEM (with COVARIANCE blocks) or JSON in
 * GCRF, EME2000, TEME or ITRF. Everything is computed before anything is formatted, so a failure writes nothing.
 */
import { ArgumentError, SkylaneError } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { writeOemKvn, OEM_REF_FRAME } from '../../ccsds/oem/writer.ts';
import { fieldAtEpoch, type GravityField } from '../../forces/gravity/field.ts';
import { SphericalHarmonicGravity } from '../../forces/gravity/sphericalHarmonics.ts';
import { BodyPositionCache, ThirdBodyGravity, type ThirdBody } from '../../forces/thirdBody.ts';
import { SolarRadiationPressure } from '../../forces/srp.ts';
import { DragForce } from '../../forces/drag.ts';
import { ExponentialAtmosphere } from '../../atmosphere/exponential.ts';
import { Nrlmsise00Atmosphere } from '../../atmosphere/nrlmsise00/atmosphere.ts';
import { parseCelestrakSpaceWeather } from '../../atmosphere/spaceWeather/celestrakSw.ts';
import { celestrakNrlmsiseInputs, type SpaceWeatherConvention } from '../../atmosphere/spaceWeather/nrlmsiseInputs.ts';
import { readDtcFile, readSolfsmy } from '../../atmosphere/jb2008/readers.ts';
import { Jb2008SpaceWeather } from '../../atmosphere/jb2008/indices.ts';
import { Jb2008Atmosphere } from '../../atmosphere/jb2008/atmosphere.ts';
import { SECONDS_PER_DAY } from '../../units/index.ts';
import type { AtmosphereModel, ForceModel, SpacecraftProperties } from '../numerical/forceModel.ts';
import { GM_JGM3_KM3_S2, PointMassGravity } from '../numerical/zonalGravity.ts';
import { NumericalPropagator } from '../numerical/propagator.ts';
import type { IntegratorMethod } from '../numerical/integrator.ts';
import { apply6, gcrfToFrameJacobian, lowerTriangle6, PropagationInputError, transformCovariance6, type NumericalFrame } from './opmState.ts';

export const DRAG_MODELS = ['none', 'exponential', 'nrlmsise00', 'jb2008'] as const;
export type DragModelName = (typeof DRAG_MODELS)[number];
export const SRP_MODELS = ['none', 'cannonball'] as const;
export type SrpModelName = (typeof SRP_MODELS)[number];

/** A text input with the name errors should give for it (a file name, or `body.spaceWeather` in the API). */
export interface NamedText {
  readonly text: string;
  readonly source: string;
}

export interface ForceSelection {
  /** Spherical-harmonic field; without one the central body is a point mass with GM 398600.4415 km³/s² (JGM-3). */
  readonly gravityField?: GravityField;
  /** Degree and order used from the field (0 = point mass with the field's GM). */
  readonly degree: number;
  readonly order: number;
  readonly thirdBodies: readonly ThirdBody[];
  readonly drag: DragModelName;
  readonly srp: SrpModelName;
  /** CelesTrak SW file: required for NRLMSISE-00. */
  readonly spaceWeather?: NamedText;
  /** F10.7 convention for NRLMSISE-00 (default `gmat`, see docs/design/atmosphere-and-drag.md). */
  readonly spaceWeatherConvention?: SpaceWeatherConvention;
  /** SET's SOLFSMY and DTCFILE: required for JB2008. */
  readonly solfsmy?: NamedText;
  readonly dtc?: NamedText;
}

/** Where the spacecraft parameters came from, for error messages (the OPM file and its keyword lines). */
export interface SpacecraftSource {
  readonly source: string;
  /** Line of each keyword present; `END` is the last line. */
  readonly keywordLines: Readonly<Record<string, number>>;
}

function requirePositive(sc: SpacecraftProperties, from: SpacecraftSource, fields: readonly [keyof SpacecraftProperties, string][], force: string, off: string): void {
  for (const [key, keyword] of fields) {
    const v = sc[key];
    if (Number.isFinite(v) && v > 0) continue;
    const line = from.keywordLines[keyword];
    const what = line === undefined ? `the OPM has no ${keyword}` : `${keyword} is ${String(v)}`;
    throw new PropagationInputError(
      from.source,
      line === undefined ? 'FIELD_MISSING' : 'FIELD_INVALID',
      `${force} needs a positive ${keyword} but ${what}: give it in the OPM's spacecraft parameters or turn the force off (${off}).`,
      { line: line ?? from.keywordLines['END'] ?? 1, field: keyword },
      v,
    );
  }
}

/** The force models of a selection, data files read and spacecraft parameters checked (typed errors naming the file). */
export function buildForceModels(sel: ForceSelection, epoch: Instant, ts: TimeScales, spacecraft: SpacecraftProperties, from: SpacecraftSource): ForceModel[] {
  const forces: ForceModel[] = [];
  if (sel.gravityField === undefined) {
    if (sel.degree !== 0) throw new ArgumentError(`Degree ${sel.degree} needs a gravity field (a .gfc file or egm2008).`, sel.degree);
    forces.push(new PointMassGravity(GM_JGM3_KM3_S2));
  } else {
    const utc = ts.toUtcDaySeconds(epoch);
    const field = sel.gravityField.timeVariable.length > 0 ? fieldAtEpoch(sel.gravityField, utc.mjd + utc.seconds / SECONDS_PER_DAY) : sel.gravityField;
    forces.push(new SphericalHarmonicGravity(field, { degree: sel.degree, order: sel.order }));
  }
  let sunCache: BodyPositionCache | undefined;
  for (const body of [...new Set(sel.thirdBodies)]) {
    const cache = new BodyPositionCache(body);
    if (body === 'sun') sunCache = cache;
    forces.push(new ThirdBodyGravity(body, { cache }));
  }
  if (sel.drag !== 'none') {
    requirePositive(spacecraft, from, [['massKg', 'MASS'], ['dragAreaM2', 'DRAG_AREA'], ['dragCoefficient', 'DRAG_COEFF']], `Drag (${sel.drag})`, 'drag none');
    let atmosphere: AtmosphereModel;
    if (sel.drag === 'exponential') atmosphere = new ExponentialAtmosphere();
    else if (sel.drag === 'nrlmsise00') {
      if (sel.spaceWeather === undefined) throw new ArgumentError('NRLMSISE-00 needs space weather: give a CelesTrak SW file (--space-weather FILE, e.g. SW-All.txt).', 'spaceWeather');
      const sw = parseCelestrakSpaceWeather(sel.spaceWeather.text, sel.spaceWeather.source);
      atmosphere = new Nrlmsise00Atmosphere({ spaceWeather: celestrakNrlmsiseInputs(sw, { convention: sel.spaceWeatherConvention ?? 'gmat' }) });
    } else {
      if (sel.solfsmy === undefined || sel.dtc === undefined) throw new ArgumentError('JB2008 needs its own indices: give SET\'s SOLFSMY and DTCFILE (--solfsmy FILE --dtc FILE).', 'solfsmy');
      atmosphere = new Jb2008Atmosphere(new Jb2008SpaceWeather(readSolfsmy(sel.solfsmy.text, sel.solfsmy.source), readDtcFile(sel.dtc.text, sel.dtc.source)));
    }
    forces.push(new DragForce({ atmosphere }));
  }
  if (sel.srp === 'cannonball') {
    requirePositive(spacecraft, from, [['massKg', 'MASS'], ['srpAreaM2', 'SOLAR_RAD_AREA'], ['reflectivityCoefficient', 'SOLAR_RAD_COEFF']], 'Solar radiation pressure (cannonball)', 'srp none');
    forces.push(new SolarRadiationPressure({ sunCache: sunCache ?? new BodyPositionCache('sun') }));
  }
  return forces;
}

export interface NumericalRunRequest {
  readonly timeScales: TimeScales;
  readonly forces: readonly ForceModel[];
  readonly spacecraft: SpacecraftProperties;
  readonly epoch: Instant;
  readonly stateGcrf: ArrayLike<number>;
  readonly covarianceGcrf?: ArrayLike<number>;
  /** Last instant; before the epoch propagates backwards. */
  readonly stop: Instant;
  /** Output step (SI seconds, > 0); outputs at epoch + k·step up to the stop (the stop itself when on the grid). */
  readonly stepS: number;
  readonly integrator?: IntegratorMethod;
  readonly rtol?: number;
  /** Absolute tolerance, km and km/s. */
  readonly atol?: number;
  /** Most output instants (default 1,000,000). */
  readonly maxOutputs?: number;
  /** Called after each chunk of up to one simulated day with the simulated seconds done and in all. */
  readonly onProgress?: (doneS: number, totalS: number) => void;
}

export interface NumericalRunResult {
  readonly epoch: Instant;
  readonly instants: readonly Instant[];
  /** TAI seconds from the epoch of each output. */
  readonly timesS: Float64Array;
  /** GCRF states, 6 per output. */
  readonly statesGcrf: Float64Array;
  /** GCRF covariances, 36 per output (row-major), when an initial covariance was given. */
  readonly covariancesGcrf?: Float64Array;
  readonly acceptedSteps: number;
  readonly evaluations: number;
}

/** Default tolerances of the CLI and API (DP853): rtol 1e-11, atol 1e-9 km and km/s. */
export const DEFAULT_RTOL = 1e-11;
export const DEFAULT_ATOL = 1e-9;
const CHUNK_S = SECONDS_PER_DAY;

/** The output grid, checked: at least one point, at most `maxOutputs`. */
export function outputGrid(spanS: number, stepS: number, maxOutputs = 1_000_000): Float64Array {
  if (!(Number.isFinite(stepS) && stepS > 0)) throw new ArgumentError(`The output step must be a positive number of seconds; got ${stepS}.`, stepS);
  if (!Number.isFinite(spanS)) throw new ArgumentError(`The propagation span must be finite; got ${spanS}.`, spanS);
  const count = Math.floor(Math.abs(spanS) / stepS + 1e-9) + 1;
  if (count > maxOutputs) throw new ArgumentError(`${count} output instants is too many (limit ${maxOutputs}): use a larger step or a shorter span.`, count);
  const dir = spanS < 0 ? -1 : 1;
  return Float64Array.from({ length: count }, (_, k) => dir * k * stepS);
}

/**
 * Checks that EOP and space weather cover the whole span before any work: evaluates the time scales' EOP and each
 * drag model's density at both ends (their providers throw typed errors naming the file and the range).
 */
function checkCoverage(req: NumericalRunRequest, spanS: number): void {
  for (const t of [req.epoch, req.epoch.plusSeconds(spanS)]) {
    const utc = req.timeScales.toUtcDaySeconds(t);
    req.timeScales.eop(utc.mjd + utc.seconds / SECONDS_PER_DAY);
    for (const f of req.forces) {
      if (f instanceof DragForce) f.atmosphere.densityKgPerM3(t, req.timeScales, [6778, 0, 0]);
    }
  }
}

/** Propagates and returns the outputs on the grid (nothing is written: formatting comes after). */
export function runNumericalPropagation(req: NumericalRunRequest): NumericalRunResult {
  const spanS = req.stop.secondsSince(req.epoch);
  const grid = outputGrid(spanS, req.stepS, req.maxOutputs);
  checkCoverage(req, spanS);
  const prop = new NumericalPropagator({
    timeScales: req.timeScales,
    forces: req.forces,
    spacecraft: req.spacecraft,
    integrator: req.integrator ?? 'dp853',
    rtol: req.rtol ?? DEFAULT_RTOL,
    atol: req.atol ?? DEFAULT_ATOL,
  });
  const n = grid.length;
  const states = new Float64Array(6 * n);
  const covs = req.covarianceGcrf !== undefined ? new Float64Array(36 * n) : undefined;
  let state = Float64Array.from(req.stateGcrf);
  let cov = req.covarianceGcrf !== undefined ? Float64Array.from(req.covarianceGcrf) : undefined;
  let t0 = 0;
  let next = 0;
  let steps = 0;
  let evals = 0;
  const dir = spanS < 0 ? -1 : 1;
  const total = Math.abs(spanS);
  if (total === 0) {
    states.set(state, 0);
    if (covs !== undefined && cov !== undefined) covs.set(cov, 0);
    next = 1;
  }
  // Chunks of one simulated day: progress between them, and the covariance carried as P(t1) = Φ P(t0) Φᵀ.
  while (Math.abs(t0) < total) {
    const t1 = dir * Math.min(total, Math.abs(t0) + CHUNK_S);
    const outT: number[] = [];
    const idx: number[] = [];
    while (next < n && (grid[next]! - t1) * dir <= 0) {
      outT.push(grid[next]! - t0);
      idx.push(next);
      next++;
    }
    const r = prop.propagate({
      epoch: req.epoch.plusSeconds(t0),
      state,
      stop: t1 - t0,
      outputTimesS: outT,
      ...(cov !== undefined ? { covariance: cov } : {}),
    });
    for (let k = 0; k < idx.length; k++) {
      states.set(r.outputStates.subarray(6 * k, 6 * k + 6), 6 * idx[k]!);
      if (covs !== undefined && r.outputCovariance !== undefined) covs.set(r.outputCovariance.subarray(36 * k, 36 * k + 36), 36 * idx[k]!);
    }
    state = Float64Array.from(r.finalState);
    if (cov !== undefined) {
      if (r.finalCovariance === undefined) throw new SkylaneError('PROPAGATION_FAILED', 'The propagator returned no final covariance.');
      cov = Float64Array.from(r.finalCovariance);
    }
    steps += r.acceptedSteps;
    evals += r.evaluations;
    t0 = t1;
    req.onProgress?.(Math.abs(t0), total);
  }
  return {
    epoch: req.epoch,
    instants: Array.from(grid, (t) => req.epoch.plusSeconds(t)),
    timesS: grid,
    statesGcrf: states,
    ...(covs !== undefined ? { covariancesGcrf: covs } : {}),
    acceptedSteps: steps,
    evaluations: evals,
  };
}

/** The outputs in `frame`: states (6 per output) and covariances (36 per output) when present. */
export function outputsInFrame(run: NumericalRunResult, frame: NumericalFrame, ts: TimeScales): { states: Float64Array; covariances?: Float64Array } {
  if (frame === 'GCRF') return { states: run.statesGcrf, ...(run.covariancesGcrf !== undefined ? { covariances: run.covariancesGcrf } : {}) };
  const states = new Float64Array(run.statesGcrf.length);
  const covs = run.covariancesGcrf !== undefined ? new Float64Array(run.covariancesGcrf.length) : undefined;
  run.instants.forEach((t, i) => {
    const j = gcrfToFrameJacobian(frame, t, ts);
    apply6(j, run.statesGcrf, states, 6 * i, 6 * i);
    if (covs !== undefined) covs.set(transformCovariance6(j, run.covariancesGcrf!, 36 * i), 36 * i);
  });
  return { states, ...(covs !== undefined ? { covariances: covs } : {}) };
}

export interface NumericalOutputMeta {
  readonly objectName: string;
  readonly objectId: string;
  readonly frame: NumericalFrame;
  /** One-line description of the force models (OEM comment, JSON field). */
  readonly forces: readonly string[];
  readonly creationDate: Instant;
}

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with the SGP4 command's columns: id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s. */
export function formatNumericalCsv(run: NumericalRunResult, meta: NumericalOutputMeta, ts: TimeScales): string {
  const { states } = outputsInFrame(run, meta.frame, ts);
  const id = csvField(meta.objectId);
  const lines = ['id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s'];
  run.instants.forEach((t, i) => {
    const s = states.subarray(6 * i, 6 * i + 6);
    lines.push(`${id},${ts.formatUtcIso(t, 6)},${s[0]!.toFixed(9)},${s[1]!.toFixed(9)},${s[2]!.toFixed(9)},${s[3]!.toFixed(12)},${s[4]!.toFixed(12)},${s[5]!.toFixed(12)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** CCSDS OEM 2.0 KVN: one segment in time order, and COVARIANCE blocks when the run carried a covariance. */
export function formatNumericalOem(run: NumericalRunResult, meta: NumericalOutputMeta, ts: TimeScales): string {
  const { states, covariances } = outputsInFrame(run, meta.frame, ts);
  const order = run.instants.map((_, i) => i);
  if (run.timesS.length > 1 && run.timesS[1]! < 0) order.reverse();
  const st = (i: number): [number, number, number, number, number, number] => [states[6 * i]!, states[6 * i + 1]!, states[6 * i + 2]!, states[6 * i + 3]!, states[6 * i + 4]!, states[6 * i + 5]!];
  return writeOemKvn(
    { creationDate: meta.creationDate, originator: 'SKYLANE', comments: ['Numerical (Cowell) ephemeris generated by Skylane'] },
    [
      {
        objectName: meta.objectName,
        objectId: meta.objectId,
        frame: meta.frame,
        comments: [`Forces: ${meta.forces.join(', ')}`],
        states: order.map((i) => ({ epoch: run.instants[i]!, state: st(i) })),
        ...(covariances !== undefined ? { covariances: order.map((i) => ({ epoch: run.instants[i]!, refFrame: OEM_REF_FRAME[meta.frame], lowerTriangle: lowerTriangle6(covariances, 36 * i) })) } : {}),
      },
    ],
    ts,
  );
}

/** JSON: `{ frame, units, objectId, objectName, forces, states: [{ time_utc, x_km, …, covariance_lower_km? }] }`. */
export function formatNumericalJson(run: NumericalRunResult, meta: NumericalOutputMeta, ts: TimeScales): string {
  const { states, covariances } = outputsInFrame(run, meta.frame, ts);
  return JSON.stringify({
    frame: meta.frame,
    units: { position: 'km', velocity: 'km/s', covariance: 'km², km²/s, km²/s² (lower triangle by rows)' },
    objectId: meta.objectId,
    objectName: meta.objectName,
    forces: meta.forces,
    states: run.instants.map((t, i) => ({
      time_utc: ts.formatUtcIso(t, 6),
      x_km: states[6 * i],
      y_km: states[6 * i + 1],
      z_km: states[6 * i + 2],
      vx_km_s: states[6 * i + 3],
      vy_km_s: states[6 * i + 4],
      vz_km_s: states[6 * i + 5],
      ...(covariances !== undefined ? { covariance_lower: lowerTriangle6(covariances, 36 * i) } : {}),
    })),
  });
}
