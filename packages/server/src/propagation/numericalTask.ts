/**
 * Worker-thread task of `POST /api/v1/propagations`: one numerical propagation of an OPM with the requested force
 * models (the same core functions as `skylane propagate --state`), answered as text. Typed input errors come back
 * as data (code and message) so that the route can answer problem+json; nothing else crosses the thread boundary.
 */
import {
  buildForceModels,
  createTimeScales,
  finalsEopProvider,
  formatNumericalCsv,
  formatNumericalJson,
  formatNumericalOem,
  IERS_LEAP_SECONDS,
  opmInitialState,
  readFinalsEop,
  runNumericalPropagation,
  SkylaneError,
  type DragModelName,
  type GravityField,
  type NumericalFrame,
  type SrpModelName,
  type ThirdBody,
} from '@skylane/core';
import { readBundledGravityField } from '../gravityData.ts';

export interface NumericalJob {
  readonly opm: string;
  readonly stop: string;
  readonly stepS: number;
  readonly frame: NumericalFrame;
  readonly format: 'csv' | 'oem' | 'json';
  readonly gravityField: 'none' | 'egm2008';
  readonly degree: number;
  readonly order: number;
  readonly thirdBodies: readonly ThirdBody[];
  readonly drag: DragModelName;
  readonly srp: SrpModelName;
  readonly spaceWeather?: string;
  readonly solfsmy?: string;
  readonly dtc?: string;
  readonly eop?: string;
  readonly integrator: 'dp54' | 'dp853';
  readonly rtol: number;
  readonly atol: number;
  readonly covariance: boolean;
  readonly maxOutputs: number;
  /** Creation time of the answer (the server's clock, read on the request thread), UTC ms. */
  readonly nowMs: number;
}

export type NumericalJobResult =
  | { readonly ok: true; readonly contentType: string; readonly body: string; readonly outputs: number; readonly evaluations: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

let egm2008: GravityField | undefined;

export default function numericalTask(job: NumericalJob): NumericalJobResult {
  try {
    const ts = createTimeScales(IERS_LEAP_SECONDS, job.eop !== undefined ? finalsEopProvider(readFinalsEop(job.eop, 'body.eop')) : undefined);
    const initial = opmInitialState(job.opm, 'body.opm', ts);
    if (job.covariance && initial.covarianceGcrf === undefined) {
      return { ok: false, code: 'FIELD_MISSING', message: 'body.covariance is true but body.opm has no covariance (CX_X … CZ_DOT_Z_DOT).' };
    }
    let stop;
    try {
      stop = ts.parseUtcIso(job.stop);
    } catch (e) {
      return { ok: false, code: 'TIME_INVALID', message: `body.stop: ${(e as Error).message}` };
    }
    const maxSpanS = 31 * 86400;
    if (Math.abs(stop.secondsSince(initial.epoch)) > maxSpanS) {
      return { ok: false, code: 'ARGUMENT_INVALID', message: `body.stop is more than 31 days from the OPM epoch: the API propagates at most 31 days per request (use the CLI for longer runs).` };
    }
    let field: GravityField | undefined;
    if (job.gravityField === 'egm2008') field = egm2008 ??= readBundledGravityField('egm2008');
    const forces = buildForceModels(
      {
        ...(field !== undefined ? { gravityField: field } : {}),
        degree: job.degree,
        order: job.order,
        thirdBodies: job.thirdBodies,
        drag: job.drag,
        srp: job.srp,
        ...(job.spaceWeather !== undefined ? { spaceWeather: { text: job.spaceWeather, source: 'body.spaceWeather' } } : {}),
        ...(job.solfsmy !== undefined ? { solfsmy: { text: job.solfsmy, source: 'body.solfsmy' } } : {}),
        ...(job.dtc !== undefined ? { dtc: { text: job.dtc, source: 'body.dtc' } } : {}),
      },
      initial.epoch,
      ts,
      initial.spacecraft,
      { source: 'body.opm', keywordLines: initial.keywordLines },
    );
    const run = runNumericalPropagation({
      timeScales: ts,
      forces,
      spacecraft: initial.spacecraft,
      epoch: initial.epoch,
      stateGcrf: initial.stateGcrf,
      ...(job.covariance && initial.covarianceGcrf !== undefined ? { covarianceGcrf: initial.covarianceGcrf } : {}),
      stop,
      stepS: job.stepS,
      integrator: job.integrator,
      rtol: job.rtol,
      atol: job.atol,
      maxOutputs: job.maxOutputs,
    });
    const ms = job.nowMs;
    const now = ts.fromUtcDaySeconds(Math.floor(ms / 86_400_000) + 40587, (ms % 86_400_000) / 1000);
    const meta = { objectName: initial.opm.metadata.objectName, objectId: initial.opm.metadata.objectId, frame: job.frame, forces: forces.map((f) => f.name), creationDate: now };
    const out = { outputs: run.instants.length, evaluations: run.evaluations };
    if (job.format === 'csv') return { ok: true, contentType: 'text/csv; charset=utf-8', body: formatNumericalCsv(run, meta, ts), ...out };
    if (job.format === 'oem') return { ok: true, contentType: 'text/plain; charset=utf-8', body: formatNumericalOem(run, meta, ts), ...out };
    return { ok: true, contentType: 'application/json; charset=utf-8', body: formatNumericalJson(run, meta, ts), ...out };
  } catch (e) {
    if (e instanceof SkylaneError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
