/**
 * Batch SGP4: many objects × many instants into flat Float64Arrays, object-major
 * (`states[(i * timesCount + j) * 6 + k]`, k = x, y, z, vx, vy, vz in km and km/s, TEME). Pure and
 * allocation-light so that it runs unchanged inside worker threads; the inputs are structured-clone safe.
 * A failing object never sinks the batch: its slots hold NaN, `status` holds the SGP4 code, and
 * `failures` lists the first failure of each object as data.
 */
import { ArgumentError, PropagationError } from '../../errors/index.ts';
import type { Sgp4Input, UtcClock } from './input.ts';
import { minutesSinceEpoch } from './input.ts';
import { Sgp4Satellite } from './sgp4.ts';

/** Times of a batch: an anchor UTC clock time and offsets from it in seconds (UTC clock). */
export interface BatchTimes {
  readonly anchor: UtcClock;
  readonly offsetsS: Float64Array;
}

/** Evenly spaced batch times: `count` instants from `anchor` every `stepS` seconds. */
export function evenlySpacedTimes(anchor: UtcClock, stepS: number, count: number): BatchTimes {
  const offsetsS = new Float64Array(count);
  for (let j = 0; j < count; j++) offsetsS[j] = j * stepS;
  return { anchor, offsetsS };
}

export interface BatchFailure {
  /** Index of the object in the input list. */
  readonly index: number;
  readonly catalogNumber: number;
  readonly code: string;
  readonly message: string;
  /** First time index that failed (−1 when initialisation failed). */
  readonly timeIndex: number;
}

export interface Sgp4BatchResult {
  readonly objectsCount: number;
  readonly timesCount: number;
  /** (objectsCount × timesCount × 6) TEME states, NaN where propagation failed. */
  readonly states: Float64Array;
  /** (objectsCount × timesCount) status: 0 ok, 1-6 SGP4 error code, 7 non-physical output, 8 invalid elements. */
  readonly status: Uint8Array;
  readonly failures: BatchFailure[];
}

/** Caller-provided output arrays (e.g. views of a SharedArrayBuffer filled by a worker thread). */
export interface BatchOutput {
  /** At least objects × times × 6 values. */
  readonly states: Float64Array;
  /** At least objects × times values. */
  readonly status: Uint8Array;
}

/** Propagates every input at every batch time, into `output` when given (no allocation of the large arrays). */
export function propagateBatch(inputs: readonly Sgp4Input[], times: BatchTimes, output?: BatchOutput): Sgp4BatchResult {
  const n = inputs.length;
  const m = times.offsetsS.length;
  if (output && (output.states.length < n * m * 6 || output.status.length < n * m)) {
    throw new ArgumentError(`propagateBatch output arrays are too small for ${n} objects × ${m} times.`, { states: output.states.length, status: output.status.length });
  }
  const states = output?.states ?? new Float64Array(n * m * 6);
  const status = output?.status ?? new Uint8Array(n * m);
  const failures: BatchFailure[] = [];
  for (let i = 0; i < n; i++) {
    const input = inputs[i]!;
    let sat: Sgp4Satellite;
    try {
      sat = Sgp4Satellite.create(input);
    } catch (err) {
      states.fill(Number.NaN, i * m * 6, (i + 1) * m * 6);
      status.fill(8, i * m, (i + 1) * m);
      const e = err instanceof PropagationError ? err : null;
      failures.push({
        index: i,
        catalogNumber: input.catalogNumber,
        code: e?.code ?? 'ELEMENTS_INVALID',
        message: e?.message ?? String(err),
        timeIndex: -1,
      });
      continue;
    }
    const t0Min = minutesSinceEpoch(input, times.anchor);
    let failed = false;
    for (let j = 0; j < m; j++) {
      const tsince = t0Min + times.offsetsS[j]! / 60;
      const code = sat.propagateInto(tsince, states, (i * m + j) * 6);
      status[i * m + j] = code;
      if (code !== 0 && !failed) {
        failed = true;
        const e = sat.errorFor(code, tsince);
        failures.push({ index: i, catalogNumber: input.catalogNumber, code: e.code, message: e.message, timeIndex: j });
      }
    }
  }
  return { objectsCount: n, timesCount: m, states, status, failures };
}
