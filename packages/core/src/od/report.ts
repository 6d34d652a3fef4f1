/**
 * Reports of an orbit-determination run for the CLI and the API: the JSON document (GCRF state in km and km/s,
 * 6×6 covariance, residual statistics per station and type in m, m/s or deg with the unit in the field name) and the
 * residual CSV. Pure formatting: no I/O.
 */
import { RAD_TO_DEG } from '../units/index.ts';
import type { TimeScales } from '../time/scales.ts';
import type { BatchLeastSquaresResult } from './batchLeastSquares.ts';
import type { ObservationType } from './observation.ts';
import type { ElementSetFitResult } from './elementSetFit.ts';

function unitOf(type: ObservationType): { unit: string; scale: number } {
  if (type === 'range') return { unit: 'M', scale: 1000 };
  if (type === 'rangeRate') return { unit: 'MPerS', scale: 1000 };
  return { unit: 'Deg', scale: RAD_TO_DEG };
}

/** What the JSON and CSV outputs read from a batch or element-set fit. */
export type OdSummary = Pick<BatchLeastSquaresResult, 'epoch' | 'state' | 'covariance' | 'iterations' | 'converged' | 'weightedRms' | 'parameters' | 'residuals' | 'statistics' | 'edited'>;

/** The JSON document of an estimate (GCRF; km, km/s; residual statistics in m, m/s, deg). */
export function odResultJson(r: OdSummary, ts: TimeScales): Record<string, unknown> {
  const cov: number[][] = [];
  for (let i = 0; i < 6; i++) cov.push(Array.from(r.covariance.subarray(i * 6, i * 6 + 6)));
  return {
    epoch: ts.formatUtcIso(r.epoch, 6),
    frame: 'GCRF',
    positionKm: Array.from(r.state.subarray(0, 3)),
    velocityKmPerS: Array.from(r.state.subarray(3, 6)),
    covariance: cov,
    covarianceUnits: 'km, km/s (row-major 6×6: x, y, z, vx, vy, vz)',
    iterations: r.iterations,
    converged: r.converged,
    weightedRms: r.weightedRms,
    parameters: r.parameters.map((p) => ({ name: p.name, value: p.value, sigma: p.sigma, unit: p.unit === '' ? '1' : p.unit })),
    residuals: {
      count: r.residuals.length,
      edited: r.edited,
      statistics: r.statistics.map((s) => {
        const u = unitOf(s.type);
        return { station: s.station, type: s.type, count: s.count, edited: s.edited, [`mean${u.unit}`]: s.mean * u.scale, [`rms${u.unit}`]: s.rms * u.scale, [`std${u.unit}`]: s.std * u.scale };
      }),
    },
  };
}

/** What the reports read from an SGP4 element-set fit (GCRF state at the fitted set's epoch; no extra parameters). */
export function elementSetFitSummary(fit: ElementSetFitResult): OdSummary {
  return { epoch: fit.elementSet.epoch, state: fit.stateGcrf, covariance: fit.stateCovarianceGcrf, iterations: fit.iterations, converged: fit.converged, weightedRms: fit.weightedRms, residuals: fit.residuals, statistics: fit.statistics, edited: fit.edited, parameters: [] };
}

/** The JSON document of an element-set fit: `odResultJson` of its summary, the fitted set, `dynamics: 'sgp4'`. */
export function elementSetFitJson(fit: ElementSetFitResult, ts: TimeScales): Record<string, unknown> {
  const el = fit.elementSet;
  const doc = odResultJson(elementSetFitSummary(fit), ts);
  doc.elementSet = { catalogNumber: el.catalogNumber, epoch: ts.formatUtcIso(el.epoch, 6), meanMotionRevPerDay: el.meanMotionRevPerDay, eccentricity: el.eccentricity, inclinationDeg: el.inclinationDeg, raanDeg: el.raanDeg, argOfPericenterDeg: el.argOfPericenterDeg, meanAnomalyDeg: el.meanAnomalyDeg, bstarPerEarthRadii: el.bstarPerEarthRadii };
  doc.dynamics = 'sgp4';
  return doc;
}

/** Residual CSV: time_utc,station,type,unit,residual,sigma,edited (m, m/s or deg). */
export function odResidualCsv(r: Pick<OdSummary, 'residuals'>, ts: TimeScales): string {
  const rows = ['time_utc,station,type,unit,residual,sigma,edited'];
  for (const x of r.residuals) {
    const u = unitOf(x.observation.type);
    const unit = u.unit === 'M' ? 'm' : u.unit === 'MPerS' ? 'm/s' : 'deg';
    rows.push(`${ts.formatUtcIso(x.observation.epoch, 6)},${x.observation.station},${x.observation.type},${unit},${(x.residual * u.scale).toPrecision(10)},${(x.observation.sigma * u.scale).toPrecision(6)},${x.edited}`);
  }
  return rows.join('\n') + '\n';
}

