/**
 * The `passes` run kind: TT&C pass prediction (satellites × stations × one window) on the shard queue. Its oracle is
 * `runPassBatchRequest` of @skylane/core (what `skylane passes` and `predictPassesParallel` run); shards are
 * satellite blocks, each a `runPassBatchRequest` on its slice of the satellites, merged by concatenation in shard
 * order, which is the order of the single call (satellites in input order, then stations, then time).
 */
import { runPassBatchRequest, type PassBatchRequest, type PassBatchResult, type PassSearchOptions, type Sgp4Input } from '@skylane/core';
import { planObjectTimeShards, type RunKindDefinition } from './kinds.ts';

/** Input of a passes run: `runPassBatchRequest`'s request (plain data: SGP4 inputs, station specs, ISO-8601 UTC window). */
export type PassesRunInput = PassBatchRequest;

/** The single-process oracle of the passes kind (bundled leap seconds, no EOP: what a worker thread uses). */
export function runPassesLocal(input: PassesRunInput): PassBatchResult {
  return runPassBatchRequest(input);
}

type PassesRest = Omit<PassBatchRequest, 'inputs' | 'options'> & { readonly options: PassSearchOptions | null };

/** Satellites per block when the caller does not say (a satellite-day of passes over a few stations is ~1-5 ms). */
const DEFAULT_SATELLITES_PER_BLOCK = 200;

export const passesKind: RunKindDefinition<PassesRunInput, PassBatchResult, PassBatchResult> = {
  kind: 'passes',
  split: (input) => ({ snapshot: input.inputs, rest: { stations: input.stations, startIso: input.startIso, stopIso: input.stopIso, options: input.options ?? null } satisfies PassesRest }),
  join(snapshot, rest) {
    const r = rest as PassesRest;
    return { inputs: snapshot as Sgp4Input[], stations: r.stations, startIso: r.startIso, stopIso: r.stopIso, ...(r.options !== null ? { options: r.options } : {}) };
  },
  // Satellite blocks only: the pass search's time axis, its Sun table, UT1 and polar motion are anchored at the window
  // start, so a time-window shard would compute other bits and cut passes at its edges (docs/design/distributed-execution.md).
  planShards(input, o) {
    if (o.timeWindows !== undefined && o.timeWindows !== 1) throw new RangeError(`passes runs are split by satellite blocks only (timeWindows must be 1; got ${o.timeWindows}): a pass search anchored elsewhere would not give the single run's bits.`);
    return planObjectTimeShards(input.inputs.length, 1, { objectBlocks: o.objectBlocks ?? Math.ceil(input.inputs.length / DEFAULT_SATELLITES_PER_BLOCK) });
  },
  runShard: (input, s) => runPassBatchRequest({ ...input, inputs: input.inputs.slice(s.firstObject, s.endObject) }),
  size: (out) => out.passes.length,
  merge: (_input, _shards, outs) => ({ passes: outs.flatMap((o) => o.passes), failures: outs.flatMap((o) => o.failures) }),
};
