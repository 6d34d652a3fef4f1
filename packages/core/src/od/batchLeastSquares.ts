/**
 * Weighted batch least squares (Tapley, Schutz & Born, "Statistical Orbit Determination", §4.6; Vallado §10.4):
 * Gauss–Newton on the epoch state x0 (GCRF km, km/s) and optional parameters (C_D, C_R, constant empirical
 * accelerations a0 + a1·t in GCRF axes, one bias per station and measurement type), minimising Σ (y − h(x))²/σ².
 *
 * Each iteration propagates the reference trajectory with the state transition matrix (the numerical propagator's
 * variational equations, C_D and C_R as STM parameters); empirical-acceleration sensitivities come from finite
 * differences of six extra propagations (the dynamics are nearly linear in these small accelerations over an arc). The
 * measurement partials ∂h/∂x(t) are central differences of the full measurement model (light time included), δr = 1 m,
 * δv = 1 mm/s; H = ∂h/∂x(t) · Φ(t, t0). The normal equations are solved by Jacobi-scaled Cholesky with a weak a priori
 * on biases and empirical accelerations only. Outlier editing: from iteration `editFromIteration` (1-based) a measurement
 * whose |residual| exceeds `outlierSigma` · σ · max(1, weighted RMS of all residuals) at the current estimate is left
 * out of the normal equations (and reported). Editing starts only once the weighted RMS has settled (changed by less
 * than 20 % over the last iteration), so that a far initial guess never edits good data into a wrong local minimum.
 * Convergence: the position correction is below `positionToleranceKm` and the velocity correction below
 * `positionToleranceKm` × 1e-3 /s, with the edited set unchanged; the reported residuals are those at the final estimate.
 * Covariance: the inverse of the last normal matrix (formal, not scaled by the a-posteriori variance factor, which is
 * reported separately).
 */
import { ArgumentError, SkylaneError } from '../errors/index.ts';
import { DEFAULT_SPACECRAFT, NumericalPropagator, type StmParameter } from '../propagation/numerical/propagator.ts';
import type { ForceModel, SpacecraftProperties } from '../propagation/numerical/forceModel.ts';
import type { IntegratorMethod } from '../propagation/numerical/integrator.ts';
import type { Instant } from '../time/instant.ts';
import type { TimeScales } from '../time/scales.ts';
import { EmpiricalAcceleration } from './empiricalAcceleration.ts';
import { invertSpd } from './linearAlgebra.ts';
import { MeasurementModel, residual } from './measurementModel.ts';
import { OBSERVATION_TYPES, type Observation, type ObservationType, type StationSpec } from './observation.ts';
import { OdStation, StationFrames } from './stationModel.ts';

/** What to estimate besides the epoch state. */
export interface EstimateSelection {
  readonly dragCoefficient?: boolean;
  readonly reflectivityCoefficient?: boolean;
  /** Empirical acceleration a0 + a1·t, GCRF axes (6 parameters). */
  readonly empirical?: boolean;
  /** One bias per station and measurement type present in the data. */
  readonly biases?: boolean;
}

export interface BatchLeastSquaresOptions {
  readonly timeScales: TimeScales;
  readonly forces: readonly ForceModel[];
  /**
   * Forces for the partial derivatives only (STM, empirical sensitivities), e.g. the same list with the gravity field
   * truncated to 8×8: the residuals always use `forces`, so the converged estimate is the full model's; only the
   * convergence rate and the formal covariance see the reduced partials. Default: `forces`.
   */
  readonly stmForces?: readonly ForceModel[];
  readonly spacecraft?: SpacecraftProperties;
  readonly epoch: Instant;
  /** Initial guess, GCRF x, y, z, vx, vy, vz (km, km/s) at `epoch`. */
  readonly initialState: ArrayLike<number>;
  readonly observations: readonly Observation[];
  readonly stations: readonly StationSpec[];
  readonly estimate?: EstimateSelection;
  /** Default 20. */
  readonly maxIterations?: number;
  /** Default 6 (σ multiples); Infinity disables editing. */
  readonly outlierSigma?: number;
  /** 1-based iteration from which outliers are edited (default 2). */
  readonly editFromIteration?: number;
  /** Default 1e-4 km (10 cm). */
  readonly positionToleranceKm?: number;
  readonly integrator?: IntegratorMethod;
  readonly rtol?: number;
  readonly atol?: number | ArrayLike<number>;
  /**
   * Long arcs from a rough guess: first fit the state alone on the observations within 6 h, then 24 h, of the epoch,
   * then everything (default true; skipped when the observations span less than 12 h).
   */
  readonly progressiveArc?: boolean;
  /** Called after each iteration (progress). */
  readonly onIteration?: (it: BatchIteration) => void;
}

export interface BatchIteration {
  readonly iteration: number;
  /** Weighted RMS of the used residuals (dimensionless, 1 = at the noise level). */
  readonly weightedRms: number;
  readonly used: number;
  readonly edited: number;
  readonly positionCorrectionKm: number;
}

/** One measurement's outcome. */
export interface ObservationResidual {
  readonly index: number;
  readonly observation: Observation;
  /** Observed − computed at the final estimate (km, km/s, rad). */
  readonly residual: number;
  readonly edited: boolean;
}

/** Statistics per station and measurement type (units of the type: km, km/s, rad). */
export interface ResidualStatistics {
  readonly station: string;
  readonly type: ObservationType;
  /** Measurements used in the fit. */
  readonly count: number;
  readonly edited: number;
  readonly mean: number;
  readonly rms: number;
  /** Standard deviation about the mean (population). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

export interface EstimatedParameter {
  readonly name: string;
  readonly value: number;
  readonly sigma: number;
  /** 'km', 'km/s', 'rad', 'km/s²' or '' (dimensionless). */
  readonly unit: string;
}

export interface BatchLeastSquaresResult {
  readonly epoch: Instant;
  /** Estimated GCRF state (km, km/s). */
  readonly state: Float64Array;
  /** 6×6 GCRF covariance of the state, row-major (km², km²/s, km²/s²). */
  readonly covariance: Float64Array;
  /** Full covariance of every estimated parameter, in `parameterNames` order. */
  readonly fullCovariance: Float64Array;
  readonly parameterNames: readonly string[];
  /** Non-state estimated parameters. */
  readonly parameters: readonly EstimatedParameter[];
  readonly iterations: number;
  readonly converged: boolean;
  readonly history: readonly BatchIteration[];
  readonly residuals: readonly ObservationResidual[];
  /** Per station and type, then per type with station '*'. */
  readonly statistics: readonly ResidualStatistics[];
  readonly edited: number;
  /** Weighted RMS at the final estimate (a-posteriori σ factor). */
  readonly weightedRms: number;
  /** Final spacecraft (with estimated C_D, C_R). */
  readonly spacecraft: SpacecraftProperties;
}

interface Reference {
  /** States (6 per unique time). */
  readonly states: Float64Array;
  /** ∂x(t)/∂(x0, C_D, C_R): 6×cols per unique time. */
  readonly stm: Float64Array;
  /** ∂x(t)/∂a_emp: 6×3 per unique time (empty without empirical accelerations). */
  readonly emp: Float64Array;
}

const UNIT: Record<ObservationType, string> = { range: 'km', rangeRate: 'km/s', azimuth: 'rad', elevation: 'rad', rightAscension: 'rad', declination: 'rad' };
const BIAS_APRIORI_SIGMA: Record<ObservationType, number> = { range: 100, rangeRate: 1, azimuth: 0.5, elevation: 0.5, rightAscension: 0.5, declination: 0.5 };
const EMPIRICAL_APRIORI_SIGMA_KM_S2 = 1e-6;

/** Runs the weighted batch least squares. Bad input (no observations, unknown station) is an ArgumentError naming the observation. */
export function batchLeastSquares(o: BatchLeastSquaresOptions): BatchLeastSquaresResult {
  let guess: Float64Array = Float64Array.from(o.initialState);
  const span = Math.max(0, ...o.observations.map((ob) => Math.abs(ob.epoch.secondsSince(o.epoch))));
  if (o.progressiveArc !== false && span > 12 * 3600) {
    for (const windowS of [6 * 3600, 24 * 3600]) {
      if (windowS >= span) break;
      const sub = o.observations.filter((ob) => Math.abs(ob.epoch.secondsSince(o.epoch)) <= windowS);
      if (sub.length < 12) continue;
      try {
        const r = batchLeastSquaresOnce({ ...o, initialState: guess, observations: sub, estimate: {}, maxIterations: 10, onIteration: () => undefined });
        guess = r.state;
      } catch {
        // a window that cannot be fitted alone (too few or singular) leaves the guess as it was
      }
    }
  }
  return batchLeastSquaresOnce({ ...o, initialState: guess });
}

function batchLeastSquaresOnce(o: BatchLeastSquaresOptions): BatchLeastSquaresResult {
  if (o.observations.length === 0) throw new ArgumentError('No observations to fit: give at least 6 measurements.');
  const stations = new Map<string, OdStation>();
  for (const s of o.stations) stations.set(s.name, new OdStation(s));
  o.observations.forEach((ob, i) => {
    if (!stations.has(ob.station)) {
      const where = ob.source?.line !== undefined ? ` (${ob.source.file ?? 'input'} line ${ob.source.line})` : '';
      throw new ArgumentError(`Observation ${i}${where} comes from station "${ob.station}", which is not in the station list (${[...stations.keys()].join(', ')}): add it to the stations file.`, ob.station);
    }
    if (!(ob.sigma > 0) || !Number.isFinite(ob.value)) throw new ArgumentError(`Observation ${i} has value ${ob.value} and sigma ${ob.sigma}: the value must be finite and sigma > 0.`, ob.sigma);
  });
  const est = o.estimate ?? {};
  const stmParams: StmParameter[] = [];
  if (est.dragCoefficient === true) stmParams.push('dragCoefficient');
  if (est.reflectivityCoefficient === true) stmParams.push('reflectivityCoefficient');
  const cols = 6 + stmParams.length;
  const nEmp = est.empirical === true ? 6 : 0;
  const biasKeys: string[] = [];
  const biasIndex = new Map<string, number>();
  if (est.biases === true) {
    for (const ob of o.observations) {
      const k = `${ob.station}/${ob.type}`;
      if (!biasIndex.has(k)) {
        biasIndex.set(k, cols + nEmp + biasKeys.length);
        biasKeys.push(k);
      }
    }
  }
  const np = cols + nEmp + biasKeys.length;
  const names = ['x', 'y', 'z', 'vx', 'vy', 'vz', ...stmParams, ...(nEmp > 0 ? ['empiricalX', 'empiricalY', 'empiricalZ', 'empiricalRateX', 'empiricalRateY', 'empiricalRateZ'] : []), ...biasKeys.map((k) => `bias ${k}`)];
  if (o.observations.length < np) throw new ArgumentError(`${o.observations.length} observations cannot determine ${np} parameters: add measurements or estimate fewer parameters.`, o.observations.length);

  const frames = new StationFrames(o.epoch, o.timeScales);
  const model = new MeasurementModel(frames);
  const tObs = o.observations.map((ob) => ob.epoch.secondsSince(o.epoch));
  const uniq = [...new Set(tObs)].sort((a, b) => a - b);
  const slot = new Map<number, number>(uniq.map((t, i) => [t, i]));
  const empForce = new EmpiricalAcceleration();
  const forces = nEmp > 0 ? [...o.forces, empForce] : [...o.forces];
  const separate = o.stmForces !== undefined;
  const stmForces = o.stmForces === undefined ? forces : nEmp > 0 ? [...o.stmForces, empForce] : [...o.stmForces];

  let state = Float64Array.from(o.initialState);
  let sc: SpacecraftProperties = { ...(o.spacecraft ?? DEFAULT_SPACECRAFT) };
  const bias = new Float64Array(biasKeys.length);
  const maxIt = o.maxIterations ?? 20;
  const kSigma = o.outlierSigma ?? 6;
  const editFrom = o.editFromIteration ?? 2;
  const tolPos = o.positionToleranceKm ?? 1e-4;
  const history: BatchIteration[] = [];

  const propagateAll = (withStm: boolean, list: readonly ForceModel[] = forces): Reference => {
    const prop = new NumericalPropagator({ timeScales: o.timeScales, forces: list, spacecraft: sc, integrator: o.integrator ?? 'dp853', rtol: o.rtol ?? 1e-11, atol: o.atol ?? 1e-9 });
    const states = new Float64Array(uniq.length * 6);
    const stm = new Float64Array(withStm ? uniq.length * 6 * cols : 0);
    const neg = uniq.filter((t) => t < 0).reverse();
    const pos = uniq.filter((t) => t >= 0);
    for (const [times, sign] of [[pos, 1], [neg, -1]] as const) {
      if (times.length === 0) continue;
      const stop = times[times.length - 1]!;
      const r = prop.propagate({ epoch: o.epoch, state, stop: stop === 0 ? sign * 1e-3 : stop, outputTimesS: times, ...(withStm ? { stm: true, stmParameters: stmParams } : {}) });
      times.forEach((t, k) => {
        const j = slot.get(t)!;
        states.set(r.outputStates.subarray(k * 6, k * 6 + 6), j * 6);
        if (withStm && r.outputStm !== undefined) stm.set(r.outputStm.subarray(k * 6 * cols, (k + 1) * 6 * cols), j * 6 * cols);
      });
    }
    return { states, stm, emp: new Float64Array(0) };
  };
  /** The reference trajectory (full forces, no partials): enough for residuals. */
  const trajectory = (): Reference => propagateAll(false);
  /** Adds the partials: the STM (from the STM forces, a reduced model when given) and empirical sensitivities. */
  const withPartials = (traj: Reference): Reference => {
    const full = propagateAll(true, stmForces);
    const ref = { ...traj, stm: full.stm };
    if (nEmp === 0) return ref;
    const base = separate ? propagateAll(false, stmForces) : traj;
    const emp = new Float64Array(uniq.length * 36);
    for (let a = 0; a < 6; a++) {
      const da = a < 3 ? 1e-9 : 1e-14;
      const save = empForce.coefficients[a]!;
      empForce.coefficients[a] = save + da;
      const p = propagateAll(false, stmForces);
      empForce.coefficients[a] = save;
      for (let j = 0; j < uniq.length; j++) for (let i = 0; i < 6; i++) emp[j * 36 + i * 6 + a] = (p.states[j * 6 + i]! - base.states[j * 6 + i]!) / da;
    }
    return { ...ref, emp };
  };

  const stationOf = (ob: Observation): OdStation => stations.get(ob.station)!;
  const biasOf = (ob: Observation): number => {
    const k = biasIndex.get(`${ob.station}/${ob.type}`);
    return k === undefined ? 0 : bias[k - cols - nEmp]!;
  };
  const computeResiduals = (ref: Reference): Float64Array => {
    const res = new Float64Array(o.observations.length);
    o.observations.forEach((ob, i) => {
      const j = slot.get(tObs[i]!)!;
      res[i] = residual(ob, model.value(ob, stationOf(ob), tObs[i]!, ref.states.subarray(j * 6, j * 6 + 6), biasOf(ob)));
    });
    return res;
  };

  let edited = new Uint8Array(o.observations.length);
  let editing = false;
  let converged = false;
  let iterations = 0;
  let lastN: Float64Array = new Float64Array(np * np);
  let ref = trajectory();
  let res = computeResiduals(ref);
  const hx = new Float64Array(6);
  const pert = new Float64Array(6);
  const row = new Float64Array(np);
  for (let it = 1; it <= maxIt; it++) {
    iterations = it;
    ref = withPartials(ref);
    const newEdited = new Uint8Array(o.observations.length);
    const prevRms = history.length >= 2 ? history[history.length - 2]!.weightedRms : Number.POSITIVE_INFINITY;
    const lastRms = history.length >= 1 ? history[history.length - 1]!.weightedRms : Number.POSITIVE_INFINITY;
    if (!editing && it >= editFrom && Math.abs(lastRms - prevRms) <= 0.2 * lastRms) editing = true;
    if (editing && Number.isFinite(kSigma)) {
      // Threshold k·σ·max(1, weighted RMS of every residual now): no editing while the estimate is still far off.
      let all = 0;
      o.observations.forEach((ob, i) => (all += (res[i]! / ob.sigma) ** 2));
      const inflate = Math.max(1, Math.sqrt(all / o.observations.length));
      o.observations.forEach((ob, i) => (newEdited[i] = Math.abs(res[i]!) > kSigma * inflate * ob.sigma ? 1 : 0));
    }
    const editChanged = newEdited.some((v, i) => v !== edited[i]);
    edited = newEdited;
    const nMat = new Float64Array(np * np);
    const b = new Float64Array(np);
    let chi2 = 0;
    let used = 0;
    for (let i = 0; i < o.observations.length; i++) {
      if (edited[i] === 1) continue;
      const ob = o.observations[i]!;
      const st = stationOf(ob);
      const j = slot.get(tObs[i]!)!;
      const s = ref.states.subarray(j * 6, j * 6 + 6);
      const eb = biasOf(ob);
      for (let c = 0; c < 6; c++) {
        const d = c < 3 ? 1e-3 : 1e-6;
        pert.set(s);
        pert[c] = s[c]! + d;
        const vp = model.value(ob, st, tObs[i]!, pert, eb);
        pert[c] = s[c]! - d;
        const vm = model.value(ob, st, tObs[i]!, pert, eb);
        let dv = vp - vm;
        if (ob.type === 'azimuth' || ob.type === 'rightAscension') dv = ((((dv + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
        hx[c] = dv / (2 * d);
      }
      row.fill(0);
      const phi = ref.stm.subarray(j * 6 * cols, (j + 1) * 6 * cols);
      for (let c = 0; c < cols; c++) {
        let v = 0;
        for (let k = 0; k < 6; k++) v += hx[k]! * phi[k * cols + c]!;
        row[c] = v;
      }
      for (let a = 0; a < nEmp; a++) {
        let v = 0;
        for (let k = 0; k < 6; k++) v += hx[k]! * ref.emp[j * 36 + k * 6 + a]!;
        row[cols + a] = v;
      }
      const bi = biasIndex.get(`${ob.station}/${ob.type}`);
      if (bi !== undefined) row[bi] = 1;
      const w = 1 / (ob.sigma * ob.sigma);
      const r = res[i]!;
      chi2 += r * r * w;
      used++;
      for (let p = 0; p < np; p++) {
        const rp = row[p]!;
        if (rp === 0) continue;
        b[p] = b[p]! + rp * w * r;
        for (let q = 0; q <= p; q++) nMat[p * np + q] = nMat[p * np + q]! + rp * w * row[q]!;
      }
    }
    // weak a priori on empirical accelerations and biases (keeps N invertible when a station sees one pass only)
    for (let a = 0; a < nEmp; a++) {
      const k = cols + a;
      const sg = a < 3 ? EMPIRICAL_APRIORI_SIGMA_KM_S2 : EMPIRICAL_APRIORI_SIGMA_KM_S2 / 86400;
      nMat[k * np + k] = nMat[k * np + k]! + 1 / (sg * sg);
      b[k] = b[k]! - empForce.coefficients[a]! / (sg * sg);
    }
    biasKeys.forEach((key, m) => {
      const k = cols + nEmp + m;
      const sg = BIAS_APRIORI_SIGMA[key.slice(key.lastIndexOf('/') + 1) as ObservationType];
      nMat[k * np + k] = nMat[k * np + k]! + 1 / (sg * sg);
      b[k] = b[k]! - bias[m]! / (sg * sg);
    });
    for (let p = 0; p < np; p++) for (let q = 0; q < p; q++) nMat[q * np + p] = nMat[p * np + q]!;
    if (used < np) throw new SkylaneError('ELEMENTS_INVALID', `Only ${used} measurements are left after editing at iteration ${it}, fewer than the ${np} estimated parameters: check the initial guess or raise the outlier threshold.`, used);
    const cov = invertSpd(nMat, np, names);
    lastN = cov;
    const dx = new Float64Array(np);
    for (let p = 0; p < np; p++) {
      let v = 0;
      for (let q = 0; q < np; q++) v += cov[p * np + q]! * b[q]!;
      dx[p] = v;
    }
    for (let k = 0; k < 6; k++) state[k] = state[k]! + dx[k]!;
    state = Float64Array.from(state);
    const stmValues = stmParams.map((p, m) => [p, dx[6 + m]!] as const);
    for (const [p, d] of stmValues) sc = { ...sc, [p]: sc[p] + d };
    for (let a = 0; a < nEmp; a++) empForce.coefficients[a] = empForce.coefficients[a]! + dx[cols + a]!;
    for (let m = 0; m < biasKeys.length; m++) bias[m] = bias[m]! + dx[cols + nEmp + m]!;
    const dPos = Math.hypot(dx[0]!, dx[1]!, dx[2]!);
    const dVel = Math.hypot(dx[3]!, dx[4]!, dx[5]!);
    const rec: BatchIteration = { iteration: it, weightedRms: Math.sqrt(chi2 / Math.max(used, 1)), used, edited: o.observations.length - used, positionCorrectionKm: dPos };
    history.push(rec);
    o.onIteration?.(rec);
    if (!state.every(Number.isFinite)) throw new SkylaneError('PROPAGATION_FAILED', `The estimate diverged at iteration ${it} (non-finite state): start from a better initial guess.`, it);
    ref = trajectory();
    res = computeResiduals(ref);
    if (dPos < tolPos && dVel < tolPos * 1e-3 && !editChanged && (editing || !Number.isFinite(kSigma))) {
      converged = true;
      break;
    }
  }
  // final editing flags at the final estimate (same rule), statistics
  const finalEdited = o.observations.map((_, i) => edited[i] === 1);
  const residuals: ObservationResidual[] = o.observations.map((ob, i) => ({ index: i, observation: ob, residual: res[i]!, edited: finalEdited[i]! }));
  let chi2 = 0;
  let used = 0;
  residuals.forEach((r) => {
    if (!r.edited) {
      chi2 += (r.residual / r.observation.sigma) ** 2;
      used++;
    }
  });
  const cov6 = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) cov6[i * 6 + j] = lastN[i * np + j]!;
  const sig = (k: number): number => Math.sqrt(lastN[k * np + k]!);
  const parameters: EstimatedParameter[] = [
    ...stmParams.map((p, m) => ({ name: p, value: sc[p], sigma: sig(6 + m), unit: '' })),
    ...Array.from({ length: nEmp }, (_, a) => ({ name: names[cols + a]!, value: empForce.coefficients[a]!, sigma: sig(cols + a), unit: a < 3 ? 'km/s²' : 'km/s³' })),
    ...biasKeys.map((k, m) => ({ name: `bias ${k}`, value: bias[m]!, sigma: sig(cols + nEmp + m), unit: UNIT[k.slice(k.lastIndexOf('/') + 1) as ObservationType] })),
  ];
  return {
    epoch: o.epoch,
    state: Float64Array.from(state),
    covariance: cov6,
    fullCovariance: lastN,
    parameterNames: names,
    parameters,
    iterations,
    converged,
    history,
    residuals,
    statistics: residualStatistics(residuals),
    edited: residuals.filter((r) => r.edited).length,
    weightedRms: Math.sqrt(chi2 / Math.max(used, 1)),
    spacecraft: sc,
  };
}

/** Residual statistics per station and type (used measurements), then per type over all stations (station '*'). */
export function residualStatistics(residuals: readonly ObservationResidual[]): ResidualStatistics[] {
  const groups = new Map<string, { station: string; type: ObservationType; v: number[]; edited: number }>();
  const add = (station: string, r: ObservationResidual): void => {
    const k = `${station}\u0000${r.observation.type}`;
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { station, type: r.observation.type, v: [], edited: 0 }));
    if (r.edited) g.edited++;
    else g.v.push(r.residual);
  };
  for (const r of residuals) add(r.observation.station, r);
  for (const r of residuals) add('*', r);
  const out: ResidualStatistics[] = [];
  for (const g of groups.values()) {
    const n = g.v.length;
    const mean = n > 0 ? g.v.reduce((a, b) => a + b, 0) / n : Number.NaN;
    const rms = n > 0 ? Math.sqrt(g.v.reduce((a, b) => a + b * b, 0) / n) : Number.NaN;
    const std = n > 0 ? Math.sqrt(g.v.reduce((a, b) => a + (b - mean) ** 2, 0) / n) : Number.NaN;
    out.push({ station: g.station, type: g.type, count: n, edited: g.edited, mean, rms, std, min: n > 0 ? Math.min(...g.v) : Number.NaN, max: n > 0 ? Math.max(...g.v) : Number.NaN });
  }
  const order = (s: ResidualStatistics): string => `${s.station === '*' ? '\uffff' : s.station}/${OBSERVATION_TYPES.indexOf(s.type)}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
