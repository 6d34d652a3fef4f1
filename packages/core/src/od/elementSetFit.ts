/**
 * Element-set fitting: SGP4 mean elements (and optionally B*) fitted by Gauss–Newton to station observations (through
 * this folder's measurement model, light time included) or to a GCRF ephemeris (position fixes).
 *
 * Parameters (non-singular for near-circular orbits): n (rev/day), eˣ = e cos ω, eʸ = e sin ω, i (deg), Ω (deg),
 * λ = ω + M (deg), and B* (1/Earth radii) when asked; the Jacobian is by central differences of full SGP4 runs
 * (steps 1e-7 rev/day, 1e-7, 1e-5 deg, 1e-6 /ER). SGP4's TEME states are rotated to GCRF (IAU-76/FK5, EOP when
 * the TimeScales carry them) for the measurement model. Outlier editing as in the batch least squares (k σ once the
 * RMS has settled). Covariance: inverse normal matrix of these parameters. The fitted set keeps the template's
 * epoch, identifiers and n-dot/n-ddot (not used by SGP4).
 */
import { ArgumentError, SkylaneError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import { sgp4InputFrom } from '../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../propagation/sgp4/sgp4.ts';
import type { Instant } from '../time/instant.ts';
import type { TimeScales } from '../time/scales.ts';
import { invertSpd } from './linearAlgebra.ts';
import { MeasurementModel, residual } from './measurementModel.ts';
import type { Observation, StationSpec } from './observation.ts';
import { OdStation, StationFrames } from './stationModel.ts';
import { residualStatistics, type ObservationResidual, type ResidualStatistics } from './batchLeastSquares.ts';

export interface ElementSetFitOptions {
  readonly timeScales: TimeScales;
  /** Starting element set: its epoch is the fitted set's epoch. */
  readonly template: ElementSet;
  /** Station observations (with `stations`), or … */
  readonly observations?: readonly Observation[];
  readonly stations?: readonly StationSpec[];
  /** … GCRF position fixes (km) with their σ (km, default 1e-3). */
  readonly ephemeris?: readonly { readonly epoch: Instant; readonly positionGcrfKm: readonly [number, number, number] }[];
  readonly ephemerisSigmaKm?: number;
  readonly estimateBstar?: boolean;
  readonly maxIterations?: number;
  readonly outlierSigma?: number;
}

export interface ElementSetFitResult {
  readonly elementSet: ElementSet;
  readonly iterations: number;
  readonly converged: boolean;
  readonly weightedRms: number;
  readonly edited: number;
  /** Per observation (empty for an ephemeris fit). */
  readonly residuals: readonly ObservationResidual[];
  readonly statistics: readonly ResidualStatistics[];
  /** 3-D position residual RMS (km) for an ephemeris fit. */
  readonly positionRmsKm?: number;
  readonly parameterNames: readonly string[];
  /** Covariance of the fitted parameters (`parameterNames` order). */
  readonly covariance: Float64Array;
  /** GCRF state (km, km/s) of the fitted set at its epoch, and its 6×6 covariance (J P Jᵀ, J by central differences). */
  readonly stateGcrf: Float64Array;
  readonly stateCovarianceGcrf: Float64Array;
}

const NAMES = ['meanMotionRevPerDay', 'ex', 'ey', 'inclinationDeg', 'raanDeg', 'meanLongitudeDeg', 'bstarPerEarthRadii'];
const STEPS = [1e-7, 1e-7, 1e-7, 1e-5, 1e-5, 1e-5, 1e-6];

function toParams(el: ElementSet): number[] {
  const w = (el.argOfPericenterDeg * Math.PI) / 180;
  return [el.meanMotionRevPerDay, el.eccentricity * Math.cos(w), el.eccentricity * Math.sin(w), el.inclinationDeg, el.raanDeg, el.argOfPericenterDeg + el.meanAnomalyDeg, el.bstarPerEarthRadii];
}

function fromParams(template: ElementSet, p: readonly number[]): ElementSet {
  const e = Math.hypot(p[1]!, p[2]!);
  const w = ((((Math.atan2(p[2]!, p[1]!) * 180) / Math.PI) % 360) + 360) % 360;
  const m = ((((p[5]! - w) % 360) + 360) % 360);
  return { ...template, meanMotionRevPerDay: p[0]!, eccentricity: e, inclinationDeg: p[3]!, raanDeg: ((p[4]! % 360) + 360) % 360, argOfPericenterDeg: w, meanAnomalyDeg: m, bstarPerEarthRadii: p[6]! };
}

/** Fits an element set; throws ArgumentError for bad input, PropagationError when SGP4 fails on the data span. */
export function fitElementSet(o: ElementSetFitOptions): ElementSetFitResult {
  const ts = o.timeScales;
  const obs = o.observations ?? [];
  const eph = o.ephemeris ?? [];
  if (obs.length === 0 && eph.length === 0) throw new ArgumentError('Element-set fitting needs observations (with stations) or an ephemeris.');
  const stations = new Map((o.stations ?? []).map((s) => [s.name, new OdStation(s)]));
  for (const ob of obs) if (!stations.has(ob.station)) throw new ArgumentError(`Observation from unknown station "${ob.station}": add it to the stations.`, ob.station);
  const epoch = o.template.epoch;
  const frames = new StationFrames(epoch, ts);
  const model = new MeasurementModel(frames);
  const tObs = [...obs.map((ob) => ob.epoch.secondsSince(epoch)), ...eph.map((e) => e.epoch.secondsSince(epoch))];
  const uniq = [...new Set(tObs)].sort((a, b) => a - b);
  const slot = new Map(uniq.map((t, i) => [t, i]));
  const rot = new Float64Array(uniq.length * 9);
  const m9 = new Float64Array(9);
  uniq.forEach((t, i) => {
    frames.orientation.temeToGcrfInto(t, m9);
    rot.set(m9, i * 9);
  });
  const np = o.estimateBstar === true ? 7 : 6;
  const sigE = o.ephemerisSigmaKm ?? 1e-3;
  const nRes = obs.length + 3 * eph.length;
  const sigma = (k: number): number => (k < obs.length ? obs[k]!.sigma : sigE);

  const gcrfStates = (el: ElementSet): Float64Array => {
    const sat = Sgp4Satellite.create(sgp4InputFrom(el, ts));
    const teme = new Float64Array(6);
    const out = new Float64Array(uniq.length * 6);
    uniq.forEach((t, i) => {
      const code = sat.propagateInto(t / 60, teme, 0);
      if (code !== 0) throw sat.errorFor(code, t / 60);
      for (let r = 0; r < 3; r++) {
        out[i * 6 + r] = rot[i * 9 + r * 3]! * teme[0]! + rot[i * 9 + r * 3 + 1]! * teme[1]! + rot[i * 9 + r * 3 + 2]! * teme[2]!;
        out[i * 6 + 3 + r] = rot[i * 9 + r * 3]! * teme[3]! + rot[i * 9 + r * 3 + 1]! * teme[4]! + rot[i * 9 + r * 3 + 2]! * teme[5]!;
      }
    });
    return out;
  };
  /** Residuals observed − computed (observations, then x, y, z of each ephemeris point). */
  const residualsOf = (el: ElementSet): Float64Array => {
    const s = gcrfStates(el);
    const res = new Float64Array(nRes);
    obs.forEach((ob, k) => {
      const j = slot.get(tObs[k]!)!;
      res[k] = residual(ob, model.value(ob, stations.get(ob.station)!, tObs[k]!, s.subarray(j * 6, j * 6 + 6)));
    });
    eph.forEach((e, k) => {
      const j = slot.get(tObs[obs.length + k]!)!;
      for (let c = 0; c < 3; c++) res[obs.length + 3 * k + c] = e.positionGcrfKm[c]! - s[j * 6 + c]!;
    });
    return res;
  };

  let p = toParams(o.template);
  let res = residualsOf(o.template);
  const kSigma = o.outlierSigma ?? 6;
  let edited = new Uint8Array(nRes);
  let editing = false;
  const history: number[] = [];
  let converged = false;
  let iterations = 0;
  let cov = new Float64Array(np * np);
  const maxIt = o.maxIterations ?? 25;
  for (let it = 1; it <= maxIt; it++) {
    iterations = it;
    if (!editing && history.length >= 2 && Math.abs(history[history.length - 1]! - history[history.length - 2]!) <= 0.2 * history[history.length - 1]!) editing = true;
    const prevEdited = edited;
    edited = new Uint8Array(nRes);
    if (editing && Number.isFinite(kSigma)) for (let k = 0; k < nRes; k++) edited[k] = Math.abs(res[k]!) > kSigma * sigma(k) ? 1 : 0;
    const editChanged = edited.some((v, k) => v !== prevEdited[k]);
    const jac: Float64Array[] = [];
    for (let q = 0; q < np; q++) {
      const pp = [...p];
      const pm = [...p];
      pp[q] = pp[q]! + STEPS[q]!;
      pm[q] = pm[q]! - STEPS[q]!;
      const rp = residualsOf(fromParams(o.template, pp));
      const rm = residualsOf(fromParams(o.template, pm));
      const col = new Float64Array(nRes);
      for (let k = 0; k < nRes; k++) {
        let d = rm[k]! - rp[k]!; // ∂h/∂p = −∂r/∂p
        if (k < obs.length && (obs[k]!.type === 'azimuth' || obs[k]!.type === 'rightAscension')) d = ((((d + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
        col[k] = d / (2 * STEPS[q]!);
      }
      jac.push(col);
    }
    const nMat = new Float64Array(np * np);
    const b = new Float64Array(np);
    let chi2 = 0;
    let used = 0;
    for (let k = 0; k < nRes; k++) {
      if (edited[k] === 1) continue;
      const w = 1 / (sigma(k) * sigma(k));
      chi2 += res[k]! * res[k]! * w;
      used++;
      for (let a = 0; a < np; a++) {
        const ja = jac[a]![k]!;
        b[a] = b[a]! + ja * w * res[k]!;
        for (let c = 0; c <= a; c++) nMat[a * np + c] = nMat[a * np + c]! + ja * w * jac[c]![k]!;
      }
    }
    for (let a = 0; a < np; a++) for (let c = 0; c < a; c++) nMat[c * np + a] = nMat[a * np + c]!;
    if (used < np) throw new SkylaneError('ELEMENTS_INVALID', `Only ${used} residuals left for ${np} element-set parameters: add data.`, used);
    cov = Float64Array.from(invertSpd(nMat, np, NAMES));
    const dx = new Float64Array(np);
    for (let a = 0; a < np; a++) for (let c = 0; c < np; c++) dx[a] = dx[a]! + cov[a * np + c]! * b[c]!;
    // Step halving when the step makes things worse (SGP4 is far from linear for a rough template).
    let scale = 1;
    let next = p;
    let nextRes = res;
    const rmsOf = (r: Float64Array): number => {
      let s = 0;
      let n = 0;
      for (let k = 0; k < nRes; k++) if (edited[k] !== 1) {
        s += (r[k]! / sigma(k)) ** 2;
        n++;
      }
      return Math.sqrt(s / Math.max(n, 1));
    };
    const rms0 = Math.sqrt(chi2 / used);
    for (let h = 0; h < 8; h++) {
      const cand = p.map((v, q) => (q < np ? v + scale * dx[q]! : v));
      try {
        const r = residualsOf(fromParams(o.template, cand));
        if (rmsOf(r) <= rms0 * 1.0001 || h === 7) {
          next = cand;
          nextRes = r;
          break;
        }
      } catch {
        // SGP4 failed for this step: halve it
      }
      scale /= 2;
    }
    const relStep = Math.max(...Array.from(dx, (d, q) => Math.abs(scale * d) / STEPS[q]!));
    p = next;
    res = nextRes;
    history.push(rmsOf(res));
    if (relStep < 1 && !editChanged && (editing || !Number.isFinite(kSigma))) {
      converged = true;
      break;
    }
  }
  const el = fromParams(o.template, p);
  // Cartesian state at epoch and its covariance.
  frames.orientation.temeToGcrfInto(0, m9);
  const stateAt0 = (q: readonly number[]): Float64Array => {
    const sat = Sgp4Satellite.create(sgp4InputFrom(fromParams(o.template, q), ts));
    const teme = new Float64Array(6);
    const code = sat.propagateInto(0, teme, 0);
    if (code !== 0) throw sat.errorFor(code, 0);
    const g = new Float64Array(6);
    for (let r = 0; r < 3; r++) {
      g[r] = m9[r * 3]! * teme[0]! + m9[r * 3 + 1]! * teme[1]! + m9[r * 3 + 2]! * teme[2]!;
      g[3 + r] = m9[r * 3]! * teme[3]! + m9[r * 3 + 1]! * teme[4]! + m9[r * 3 + 2]! * teme[5]!;
    }
    return g;
  };
  const stateGcrf = stateAt0(p);
  const jx = new Float64Array(6 * np);
  for (let q = 0; q < np; q++) {
    const pp = [...p];
    const pm = [...p];
    pp[q] = pp[q]! + STEPS[q]!;
    pm[q] = pm[q]! - STEPS[q]!;
    const sp = stateAt0(pp);
    const sm = stateAt0(pm);
    for (let r = 0; r < 6; r++) jx[r * np + q] = (sp[r]! - sm[r]!) / (2 * STEPS[q]!);
  }
  const stateCovarianceGcrf = new Float64Array(36);
  for (let a = 0; a < 6; a++) {
    for (let c = 0; c < 6; c++) {
      let v = 0;
      for (let k = 0; k < np; k++) for (let l = 0; l < np; l++) v += jx[a * np + k]! * cov[k * np + l]! * jx[c * np + l]!;
      stateCovarianceGcrf[a * 6 + c] = v;
    }
  }
  const residuals: ObservationResidual[] = obs.map((ob, k) => ({ index: k, observation: ob, residual: res[k]!, edited: edited[k] === 1 }));
  let chi2 = 0;
  let used = 0;
  let pos2 = 0;
  let posN = 0;
  for (let k = 0; k < nRes; k++) {
    if (edited[k] === 1) continue;
    chi2 += (res[k]! / sigma(k)) ** 2;
    used++;
    if (k >= obs.length) {
      pos2 += res[k]! ** 2;
      posN++;
    }
  }
  return {
    elementSet: el,
    iterations,
    converged,
    weightedRms: Math.sqrt(chi2 / Math.max(used, 1)),
    edited: edited.reduce((a, v) => a + v, 0),
    residuals,
    statistics: residualStatistics(residuals),
    ...(eph.length > 0 ? { positionRmsKm: Math.sqrt((3 * pos2) / Math.max(1, posN)) } : {}),
    parameterNames: NAMES.slice(0, np),
    covariance: cov,
    stateGcrf,
    stateCovarianceGcrf,
  };
}
