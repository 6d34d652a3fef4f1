/**
 * The `od` run kind: batch orbit determination on the shard queue. A batch is many objects, each with its own
 * observation set and template element set, each fitted independently by SGP4 element-set least squares
 * (`fitElementSet`, what `skylane od --dynamics sgp4` runs for one object). Shards are object blocks; every shard
 * returns the JSON documents of its fits (and its failures as data), merged in shard order: the batch's result is
 * that of `runOdBatchLocal`, the fits run one after the other in process, byte for byte.
 */
import {
  createTimeScales,
  elementSetFitJson,
  finalsEopProvider,
  fitElementSet,
  IERS_LEAP_SECONDS,
  Instant,
  type ElementSet,
  type FinalsEop,
  type Observation,
  type StationSpec,
  type TimeScales,
} from '@skylane/core';
import { planObjectTimeShards, type RunKindDefinition } from './kinds.ts';

/** One object of a batch: the template (initial guess and identity) and its observations. */
export interface OdBatchObject {
  readonly template: ElementSet;
  readonly observations: readonly Observation[];
}

/** Input of an OD batch: the objects, the stations every observation names, and the fit settings as data. */
export interface OdBatchRunInput {
  readonly objects: readonly OdBatchObject[];
  readonly stations: readonly StationSpec[];
  /** Fit B* as well (default false). */
  readonly estimateBstar?: boolean;
  /** Most Gauss–Newton iterations (default 20, as `skylane od`). */
  readonly maxIterations?: number;
  /** Edit residuals above this many σ (`Infinity`: no editing; default 6, as `skylane od`). */
  readonly outlierSigma?: number;
  /** IERS finals2000A EOP (UT1−UTC, polar motion) or null: the time scales are rebuilt from it on every worker. */
  readonly eop?: FinalsEop | null;
}

/** The fit of one object: the JSON document `skylane od --dynamics sgp4 --json` prints for it. */
export interface OdBatchFit {
  readonly object: number;
  readonly fit: Record<string, unknown>;
}

/** An object whose fit could not run (the error's code and sentence): data, never a sunk batch. */
export interface OdBatchFailure {
  readonly object: number;
  readonly code: string;
  readonly message: string;
}

export interface OdBatchResult {
  readonly fits: OdBatchFit[];
  readonly failures: OdBatchFailure[];
}

/** The time scales of a batch: the bundled leap seconds, with the batch's EOP when it has some. */
export function odBatchTimeScales(input: Pick<OdBatchRunInput, 'eop'>): TimeScales {
  return input.eop ? createTimeScales(IERS_LEAP_SECONDS, finalsEopProvider(input.eop)) : createTimeScales(IERS_LEAP_SECONDS);
}

function fitObjects(objects: readonly OdBatchObject[], input: OdBatchRunInput, ts: TimeScales): OdBatchResult {
  const fits: OdBatchFit[] = [];
  const failures: OdBatchFailure[] = [];
  for (const o of objects) {
    const object = o.template.catalogNumber;
    try {
      const fit = fitElementSet({ timeScales: ts, template: o.template, observations: o.observations, stations: input.stations, estimateBstar: input.estimateBstar ?? false, maxIterations: input.maxIterations ?? 20, outlierSigma: input.outlierSigma ?? 6 });
      fits.push({ object, fit: elementSetFitJson(fit, ts) });
    } catch (err) {
      const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'OD_FAILED';
      failures.push({ object, code, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { fits, failures };
}

/** The single-process oracle of the od kind: every object's fit in turn, in input order. */
export function runOdBatchLocal(input: OdBatchRunInput): OdBatchResult {
  return fitObjects(input.objects, input, odBatchTimeScales(input));
}

// An Instant is a class: a v8 round trip keeps its fields, not its prototype.
const instant = (i: Instant): Instant => Instant.fromTai(i.taiDay, i.taiSeconds);

interface OdRest {
  readonly stations: readonly StationSpec[];
  readonly estimateBstar: boolean | null;
  readonly maxIterations: number | null;
  readonly outlierSigma: number | null;
  readonly eop: FinalsEop | null;
}

/** Objects per block when the caller does not say (a fit is ~10-100 ms). */
const DEFAULT_OBJECTS_PER_BLOCK = 20;

/** Time scales built once per worker thread and batch input (the EOP table is the costly part). */
const scalesOf = new WeakMap<OdBatchRunInput, TimeScales>();

export const odKind: RunKindDefinition<OdBatchRunInput, OdBatchResult, OdBatchResult> = {
  kind: 'od',
  split: (input) => ({
    snapshot: input.objects,
    rest: { stations: input.stations, estimateBstar: input.estimateBstar ?? null, maxIterations: input.maxIterations ?? null, outlierSigma: input.outlierSigma ?? null, eop: input.eop ?? null } satisfies OdRest,
  }),
  join(snapshot, rest) {
    const r = rest as OdRest;
    const objects = (snapshot as OdBatchObject[]).map((o) => ({ template: { ...o.template, epoch: instant(o.template.epoch) }, observations: o.observations.map((x) => ({ ...x, epoch: instant(x.epoch) })) }));
    return {
      objects,
      stations: r.stations,
      ...(r.estimateBstar !== null ? { estimateBstar: r.estimateBstar } : {}),
      ...(r.maxIterations !== null ? { maxIterations: r.maxIterations } : {}),
      ...(r.outlierSigma !== null ? { outlierSigma: r.outlierSigma } : {}),
      eop: r.eop,
    };
  },
  planShards(input, o) {
    if (o.timeWindows !== undefined && o.timeWindows !== 1) throw new RangeError(`od runs are split by object blocks only (timeWindows must be 1; got ${o.timeWindows}): a fit uses all of its object's observations.`);
    return planObjectTimeShards(input.objects.length, 1, { objectBlocks: o.objectBlocks ?? Math.ceil(input.objects.length / DEFAULT_OBJECTS_PER_BLOCK) });
  },
  runShard(input, s) {
    let ts = scalesOf.get(input);
    if (ts === undefined) scalesOf.set(input, (ts = odBatchTimeScales(input)));
    return fitObjects(input.objects.slice(s.firstObject, s.endObject), input, ts);
  },
  size: (out) => out.fits.length + out.failures.length,
  merge: (_input, _shards, outs) => ({ fits: outs.flatMap((o) => o.fits), failures: outs.flatMap((o) => o.failures) }),
};
