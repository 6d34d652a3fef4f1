/**
 * Worker-thread task of an OD job: re-reads the tenant's stored TDMs with the job's stations, keeps the measurements
 * of the object inside the span, and runs the weighted batch least squares of @skylane/core (numerical dynamics).
 * Progress (one message per iteration), the result (`odResultJson`) and the residuals go back as messages; typed
 * input errors come back as data. Nothing but plain JSON crosses the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  batchLeastSquares,
  buildForceModels,
  createTimeScales,
  DEFAULT_SPACECRAFT,
  IERS_LEAP_SECONDS,
  odResultJson,
  readTdm,
  selectObservationsForObject,
  SkylaneError,
  tdmToObservations,
  type Observation,
  type StationSpec,
} from '@skylane/core';
import { readBundledGravityField } from '../gravityData.ts';

export interface OdTaskInput {
  readonly tdmTexts: readonly string[];
  readonly stations: readonly StationSpec[];
  readonly catalogNumber: number;
  readonly startUtc: string;
  readonly stopUtc: string;
  readonly initial: { readonly epoch: string; readonly positionKm: readonly number[]; readonly velocityKmPerS: readonly number[] };
  readonly estimate: readonly ('state' | 'cd' | 'cr' | 'biases')[];
  readonly gravityDegree: number;
  readonly thirdBodies: readonly ('sun' | 'moon')[];
  readonly drag: 'none' | 'exponential';
  readonly maxIterations: number;
  readonly maxMeasurements: number;
}

/** One residual for the dashboard: [time UTC, station, type, residual, sigma, edited] (m, m/s or deg). */
export type StoredResidual = readonly [string, string, string, number, number, boolean];

export type OdTaskMessage =
  | { readonly kind: 'progress'; readonly iteration: number; readonly weightedRms: number; readonly used: number; readonly edited: number }
  | { readonly kind: 'done'; readonly result: Record<string, unknown>; readonly residuals: readonly StoredResidual[]; readonly measurements: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

const scaleOf = (type: string): number => (type === 'range' || type === 'rangeRate' ? 1000 : 180 / Math.PI);

/** Runs one OD job; `post` receives the progress and the final message. Exported for in-process tests. */
export function runOdTask(job: OdTaskInput, post: (m: OdTaskMessage) => void): void {
  try {
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    const start = ts.parseUtcIso(job.startUtc);
    const stop = ts.parseUtcIso(job.stopUtc);
    const observations: Observation[] = [];
    for (const text of job.tdmTexts) {
      const conv = tdmToObservations(readTdm(text).tdm, { stations: job.stations, timeScales: ts, objectId: job.catalogNumber });
      for (const o of selectObservationsForObject(conv.observations, job.catalogNumber)) {
        if (o.epoch.secondsSince(start) >= 0 && stop.secondsSince(o.epoch) >= 0) observations.push(o);
      }
    }
    if (observations.length === 0) {
      post({ kind: 'error', code: 'NOT_FOUND', message: `No measurement of object ${job.catalogNumber} between ${job.startUtc} and ${job.stopUtc} from the given stations.` });
      return;
    }
    if (observations.length > job.maxMeasurements) {
      post({ kind: 'error', code: 'OUT_OF_RANGE', message: `${observations.length} measurements: a job takes at most ${job.maxMeasurements}; shorten the span.` });
      return;
    }
    observations.sort((a, b) => a.epoch.secondsSince(b.epoch));
    const epoch = ts.parseUtcIso(job.initial.epoch);
    const degree = job.gravityDegree;
    const forces = buildForceModels(
      { ...(degree > 0 ? { gravityField: readBundledGravityField('egm2008', Math.max(degree, 2)) } : {}), degree, order: degree, thirdBodies: job.thirdBodies, drag: job.drag, srp: 'none' },
      epoch,
      ts,
      DEFAULT_SPACECRAFT,
      { source: 'request', keywordLines: {} },
    );
    const summary = batchLeastSquares({
      timeScales: ts,
      forces,
      epoch,
      initialState: [...job.initial.positionKm, ...job.initial.velocityKmPerS],
      observations,
      stations: job.stations,
      estimate: { dragCoefficient: job.estimate.includes('cd'), reflectivityCoefficient: job.estimate.includes('cr'), biases: job.estimate.includes('biases') },
      maxIterations: job.maxIterations,
      onIteration: (it) => post({ kind: 'progress', iteration: it.iteration, weightedRms: it.weightedRms, used: it.used, edited: it.edited }),
    });
    const residuals: StoredResidual[] = summary.residuals.map((r) => {
      const k = scaleOf(r.observation.type);
      return [ts.formatUtcIso(r.observation.epoch, 3), r.observation.station, r.observation.type, r.residual * k, r.observation.sigma * k, r.edited] as const;
    });
    post({ kind: 'done', result: odResultJson(summary, ts), residuals, measurements: observations.length });
  } catch (err) {
    if (err instanceof SkylaneError) post({ kind: 'error', code: err.code, message: err.message });
    else post({ kind: 'error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort !== null && (workerData as { odTask?: OdTaskInput } | null)?.odTask !== undefined) {
  const port = parentPort;
  runOdTask((workerData as { odTask: OdTaskInput }).odTask, (m) => port.postMessage(m));
}
