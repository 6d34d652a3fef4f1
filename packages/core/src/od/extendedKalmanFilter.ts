/**
 * Extended Kalman filter with process noise (Tapley, Schutz & Born §4.7.3; Vallado §10.6) over the same measurement
 * model as the batch least squares. State: GCRF position and velocity (km, km/s), optionally C_D and C_R (STM
 * parameters of the numerical propagator) and one constant bias per station and measurement type.
 *
 * Time update between measurement epochs: the numerical propagator with the STM from the current estimate,
 * P̄ = Φ P Φᵀ + Q, with Q the state-noise-compensation of a white acceleration of spectral density q (km²/s³) on each
 * axis: Q = q [Δt³/3 I, Δt²/2 I; Δt²/2 I, Δt I] (zero for the parameters). Measurement update, one scalar at a time:
 * innovation y = z − h(x̄) (angles wrapped), S = H P̄ Hᵀ + σ², rejected when |y| > k √S (reported as edited), gain
 * K = P̄ Hᵀ / S, Joseph form P = (I − KH) P̄ (I − KH)ᵀ + K σ² Kᵀ. H comes from central differences of the measurement
 * model in the state at the measurement epoch (light time included) and 1 for the measurement's bias.
 * Residuals reported are post-fit (after the update at that epoch).
 */
import { ArgumentError } from '../errors/index.ts';
import { DEFAULT_SPACECRAFT, NumericalPropagator, type StmParameter } from '../propagation/numerical/propagator.ts';
import type { ForceModel, SpacecraftProperties } from '../propagation/numerical/forceModel.ts';
import type { Instant } from '../time/instant.ts';
import type { TimeScales } from '../time/scales.ts';
import { residualStatistics, type ObservationResidual, type ResidualStatistics } from './batchLeastSquares.ts';
import { MeasurementModel, residual } from './measurementModel.ts';
import type { Observation, StationSpec } from './observation.ts';
import { OdStation, StationFrames } from './stationModel.ts';

export interface EkfOptions {
  readonly timeScales: TimeScales;
  readonly forces: readonly ForceModel[];
  readonly spacecraft?: SpacecraftProperties;
  readonly epoch: Instant;
  /** A priori GCRF state at `epoch` (km, km/s). */
  readonly initialState: ArrayLike<number>;
  /** A priori 1σ: position (km), velocity (km/s). */
  readonly initialSigmaKm: number;
  readonly initialSigmaKmPerS: number;
  readonly observations: readonly Observation[];
  readonly stations: readonly StationSpec[];
  readonly estimate?: { readonly dragCoefficient?: boolean; readonly reflectivityCoefficient?: boolean; readonly biases?: boolean };
  /** A priori 1σ of C_D/C_R (default 0.5) and of the biases (default: 0.1 km, 1e-3 km/s, 1e-3 rad). */
  readonly parameterSigma?: number;
  /** Spectral density of the white acceleration noise, km²/s³ (default 1e-15, ≈ 3e-8 km/s² per √s). */
  readonly processNoiseKm2PerS3?: number;
  /** Innovation rejection threshold, σ of S (default 5; Infinity: none). */
  readonly outlierSigma?: number;
  readonly rtol?: number;
}

export interface EkfResult {
  /** Epoch of the last measurement: the filter's final time. */
  readonly epoch: Instant;
  readonly state: Float64Array;
  /** 6×6 GCRF covariance at `epoch`. */
  readonly covariance: Float64Array;
  readonly parameterNames: readonly string[];
  readonly parameters: readonly { readonly name: string; readonly value: number; readonly sigma: number }[];
  readonly residuals: readonly ObservationResidual[];
  readonly statistics: readonly ResidualStatistics[];
  readonly edited: number;
  readonly processed: number;
}

/** Runs the filter over the observations in time order. */
export function extendedKalmanFilter(o: EkfOptions): EkfResult {
  if (o.observations.length === 0) throw new ArgumentError('The filter needs at least one observation.');
  const stations = new Map(o.stations.map((s) => [s.name, new OdStation(s)]));
  for (const ob of o.observations) if (!stations.has(ob.station)) throw new ArgumentError(`Observation from unknown station "${ob.station}": add it to the stations.`, ob.station);
  const est = o.estimate ?? {};
  const params: StmParameter[] = [];
  if (est.dragCoefficient === true) params.push('dragCoefficient');
  if (est.reflectivityCoefficient === true) params.push('reflectivityCoefficient');
  const cols = 6 + params.length;
  const biasIndex = new Map<string, number>();
  if (est.biases === true) for (const ob of o.observations) if (!biasIndex.has(`${ob.station}/${ob.type}`)) biasIndex.set(`${ob.station}/${ob.type}`, cols + biasIndex.size);
  const n = cols + biasIndex.size;
  const names = ['x', 'y', 'z', 'vx', 'vy', 'vz', ...params, ...[...biasIndex.keys()].map((k) => `bias ${k}`)];
  const order = o.observations.map((ob, i) => i).sort((a, b) => o.observations[a]!.epoch.compare(o.observations[b]!.epoch));
  const frames = new StationFrames(o.epoch, o.timeScales);
  const model = new MeasurementModel(frames);
  let sc: SpacecraftProperties = { ...(o.spacecraft ?? DEFAULT_SPACECRAFT) };
  const x = new Float64Array(n);
  x.set(Array.from(o.initialState).slice(0, 6));
  params.forEach((p, k) => (x[6 + k] = sc[p]));
  const p = new Float64Array(n * n);
  for (let i = 0; i < 3; i++) p[i * n + i] = o.initialSigmaKm ** 2;
  for (let i = 3; i < 6; i++) p[i * n + i] = o.initialSigmaKmPerS ** 2;
  for (let k = 6; k < cols; k++) p[k * n + k] = (o.parameterSigma ?? 0.5) ** 2;
  for (const [key, k] of biasIndex) {
    const t = key.slice(key.lastIndexOf('/') + 1);
    const s = t === 'range' ? 0.1 : t === 'rangeRate' ? 1e-3 : 1e-3;
    p[k * n + k] = s * s;
  }
  const q = o.processNoiseKm2PerS3 ?? 1e-15;
  const kSigma = o.outlierSigma ?? 5;
  let tNow = 0;
  const residuals: ObservationResidual[] = new Array<ObservationResidual>(o.observations.length);
  const h = new Float64Array(n);
  const pert = new Float64Array(6);
  const ph = new Float64Array(n);
  let edited = 0;
  let processed = 0;
  const tmp = new Float64Array(n * n);
  for (const i of order) {
    const ob = o.observations[i]!;
    const t = ob.epoch.secondsSince(o.epoch);
    if (t !== tNow) {
      // Time update.
      const prop = new NumericalPropagator({ timeScales: o.timeScales, forces: o.forces, spacecraft: sc, rtol: o.rtol ?? 1e-11 });
      const r = prop.propagate({ epoch: o.epoch.plusSeconds(tNow), state: x.subarray(0, 6), stop: t - tNow, stm: true, stmParameters: params });
      const phi = r.finalStm!;
      x.set(r.finalState, 0);
      // Φ_full = [Φx Φp; 0 I]: P ← Φ P Φᵀ
      const f = new Float64Array(n * n);
      for (let a = 0; a < n; a++) f[a * n + a] = 1;
      for (let a = 0; a < 6; a++) for (let c = 0; c < cols; c++) f[a * n + c] = phi[a * cols + c]!;
      tmp.fill(0);
      for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += f[a * n + k]! * p[k * n + c]!;
        tmp[a * n + c] = s;
      }
      for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += tmp[a * n + k]! * f[c * n + k]!;
        p[a * n + c] = s;
      }
      const dt = Math.abs(t - tNow);
      for (let a = 0; a < 3; a++) {
        p[a * n + a] = p[a * n + a]! + (q * dt ** 3) / 3;
        p[(a + 3) * n + a + 3] = p[(a + 3) * n + a + 3]! + q * dt;
        p[a * n + a + 3] = p[a * n + a + 3]! + (q * dt * dt) / 2;
        p[(a + 3) * n + a] = p[(a + 3) * n + a]! + (q * dt * dt) / 2;
      }
      tNow = t;
    }
    // Measurement update.
    const st = stations.get(ob.station)!;
    const bi = biasIndex.get(`${ob.station}/${ob.type}`);
    const bias = bi !== undefined ? x[bi]! : 0;
    const state = x.subarray(0, 6);
    const y = residual(ob, model.value(ob, st, t, state, bias));
    h.fill(0);
    for (let c = 0; c < 6; c++) {
      const d = c < 3 ? 1e-3 : 1e-6;
      pert.set(state);
      pert[c] = state[c]! + d;
      const vp = model.value(ob, st, t, pert, bias);
      pert[c] = state[c]! - d;
      let dv = vp - model.value(ob, st, t, pert, bias);
      if (ob.type === 'azimuth' || ob.type === 'rightAscension') dv = ((((dv + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
      h[c] = dv / (2 * d);
    }
    if (bi !== undefined) h[bi] = 1;
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += p[a * n + k]! * h[k]!;
      ph[a] = s;
    }
    let sInn = ob.sigma * ob.sigma;
    for (let a = 0; a < n; a++) sInn += h[a]! * ph[a]!;
    processed++;
    if (Math.abs(y) > kSigma * Math.sqrt(sInn)) {
      edited++;
      residuals[i] = { index: i, observation: ob, residual: y, edited: true };
      continue;
    }
    const k = Float64Array.from(ph, (v) => v / sInn);
    for (let a = 0; a < n; a++) x[a] = x[a]! + k[a]! * y;
    // Joseph form: P = (I − K H) P (I − K H)ᵀ + K σ² Kᵀ
    const a = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) a[r * n + c] = (r === c ? 1 : 0) - k[r]! * h[c]!;
    tmp.fill(0);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += a[r * n + m]! * p[m * n + c]!;
      tmp[r * n + c] = s;
    }
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += tmp[r * n + m]! * a[c * n + m]!;
      p[r * n + c] = s + k[r]! * ob.sigma * ob.sigma * k[c]!;
    }
    params.forEach((pp, m) => (sc = { ...sc, [pp]: x[6 + m]! }));
    const post = residual(ob, model.value(ob, st, t, x.subarray(0, 6), bi !== undefined ? x[bi]! : 0));
    residuals[i] = { index: i, observation: ob, residual: post, edited: false };
  }
  const cov6 = new Float64Array(36);
  for (let a = 0; a < 6; a++) for (let c = 0; c < 6; c++) cov6[a * 6 + c] = p[a * n + c]!;
  return {
    epoch: o.epoch.plusSeconds(tNow),
    state: x.slice(0, 6),
    covariance: cov6,
    parameterNames: names,
    parameters: names.slice(6).map((name, m) => ({ name, value: x[6 + m]!, sigma: Math.sqrt(p[(6 + m) * n + 6 + m]!) })),
    residuals,
    statistics: residualStatistics(residuals),
    edited,
    processed,
  };
}
