/**
 * Run kinds other than screening on the shard queue: a registry of pure definitions (split of the input into the
 * shared snapshot and the rest, shard planner, shard executor, deterministic merge). Every merge gives the result of
 * the kind's single-process function bit for bit: `catalogLifetimes` for `lifetime` (shards = object blocks) and
 * `propagateBatch` for `propagation` (SGP4 TEME states on a time grid; shards = object blocks × time windows);
 * `passes` (passesKind.ts) and `od` (odKind.ts) register here too.
 */
import {
  catalogLifetimes,
  Instant,
  meanSolarCycle,
  propagateBatch,
  spaceWeatherSolarFlux,
  type BatchFailure,
  type BatchTimes,
  type CatalogLifetimeInput,
  type CelestrakSpaceWeather,
  type ElementSet,
  type LifetimeOptions,
  type RecordFailure,
  type LifetimeEntry,
  type Sgp4BatchResult,
  type Sgp4Input,
} from '@skylane/core';
import type { RunKind } from './protocol.ts';
import { passesKind } from './passesKind.ts';
import { odKind } from './odKind.ts';

/** A shard of a non-screening run: objects [firstObject, endObject) × time indices [firstTime, endTime). */
export interface ObjectTimeShard {
  readonly shardIndex: number;
  readonly firstObject: number;
  readonly endObject: number;
  readonly firstTime: number;
  readonly endTime: number;
}

/** How a non-screening run is cut: balanced splits (block k = ⌊kN/B⌋ … ⌊(k+1)N/B⌋). */
export interface KindShardingOptions {
  /** Object blocks (default ⌈objects / 1000⌉, at least 1). */
  readonly objectBlocks?: number;
  /** Time windows (kinds with a time grid only; default 1). */
  readonly timeWindows?: number;
}

/** A non-screening run kind: everything a submitter and a worker need, pure (no I/O). */
export interface RunKindDefinition<Input, ShardOut, Result> {
  readonly kind: Exclude<RunKind, 'screening'>;
  /** The large shared input (stored once by content hash; plain data, no Map) and the rest (stored with the run). */
  split(input: Input): { snapshot: unknown; rest: unknown };
  /** Rebuilds the input from the values `split` gave (after a v8 round trip). */
  join(snapshot: unknown, rest: unknown): Input;
  planShards(input: Input, o: KindShardingOptions): ObjectTimeShard[];
  runShard(input: Input, shard: ObjectTimeShard): ShardOut;
  /** Items (objects, states) a shard produced: the progress count. */
  size(out: ShardOut): number;
  /** Merges shard outputs given in shard order (`outs[k]` belongs to `shards[k]`). */
  merge(input: Input, shards: readonly ObjectTimeShard[], outs: readonly ShardOut[]): Result;
}

function balanced(n: number, parts: number): [number, number][] {
  const p = Math.max(1, Math.min(parts, Math.max(1, n)));
  const out: [number, number][] = [];
  for (let k = 0; k < p; k++) out.push([Math.floor((k * n) / p), Math.floor(((k + 1) * n) / p)]);
  return out;
}

function checkCount(v: number | undefined, name: string): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be a positive integer; got ${v}.`);
}

/** Object blocks × time windows, object-major (the time windows of a block are consecutive shards). */
export function planObjectTimeShards(objects: number, times: number, o: KindShardingOptions): ObjectTimeShard[] {
  checkCount(o.objectBlocks, 'objectBlocks');
  checkCount(o.timeWindows, 'timeWindows');
  const shards: ObjectTimeShard[] = [];
  for (const [firstObject, endObject] of balanced(objects, o.objectBlocks ?? Math.ceil(objects / 1000))) {
    for (const [firstTime, endTime] of balanced(times, o.timeWindows ?? 1)) shards.push({ shardIndex: shards.length, firstObject, endObject, firstTime, endTime });
  }
  return shards;
}

// ---------------------------------------------------------------------------------------------------- lifetime

/** The solar flux of a lifetime run as data (a model is functions: workers build it from this). */
export type LifetimeSolarFluxSpec = { readonly kind: 'mean-solar-cycle' } | { readonly kind: 'space-weather'; readonly spaceWeather: CelestrakSpaceWeather; readonly asOfMjd: number };

/** Input of a lifetime run: `catalogLifetimes`' input and its options as data. */
export interface LifetimeRunInput extends CatalogLifetimeInput {
  readonly solarFlux: LifetimeSolarFluxSpec;
  /** Default 200. */
  readonly horizonYears?: number;
}

export interface LifetimeRunResult {
  readonly entries: LifetimeEntry[];
  readonly failures: RecordFailure[];
}

/** The `LifetimeOptions` a lifetime run's data stands for. */
export function lifetimeRunOptions(input: Pick<LifetimeRunInput, 'solarFlux' | 'horizonYears'>): LifetimeOptions {
  const solarFlux = input.solarFlux.kind === 'mean-solar-cycle' ? meanSolarCycle : spaceWeatherSolarFlux(input.solarFlux.spaceWeather, { asOfMjd: input.solarFlux.asOfMjd });
  return { solarFlux, ...(input.horizonYears !== undefined ? { horizonYears: input.horizonYears } : {}) };
}

/** The single-process oracle of the lifetime kind. */
export function runLifetimeLocal(input: LifetimeRunInput): LifetimeRunResult {
  return catalogLifetimes(input, lifetimeRunOptions(input));
}

interface LifetimeSnapshot {
  readonly elementSets: readonly ElementSet[];
  readonly masses: [number, unknown][] | null;
  readonly owners: [number, unknown][] | null;
}

export const lifetimeKind: RunKindDefinition<LifetimeRunInput, LifetimeRunResult, LifetimeRunResult> = {
  kind: 'lifetime',
  split(input) {
    // Maps become entry lists: the content hash walks plain objects and arrays only.
    const snapshot: LifetimeSnapshot = { elementSets: input.elementSets, masses: input.masses ? [...input.masses] : null, owners: input.owners ? [...input.owners] : null };
    return { snapshot, rest: { solarFlux: input.solarFlux, horizonYears: input.horizonYears ?? null } };
  },
  join(snapshot, rest) {
    const s = snapshot as LifetimeSnapshot;
    const r = rest as { solarFlux: LifetimeSolarFluxSpec; horizonYears: number | null };
    // The epoch is an Instant (a class): a v8 round trip keeps its fields, not its prototype.
    const elementSets = s.elementSets.map((e) => ({ ...e, epoch: Instant.fromTai(e.epoch.taiDay, e.epoch.taiSeconds) }));
    return {
      elementSets,
      ...(s.masses ? { masses: new Map(s.masses) as NonNullable<LifetimeRunInput['masses']> } : {}),
      ...(s.owners ? { owners: new Map(s.owners) as NonNullable<LifetimeRunInput['owners']> } : {}),
      solarFlux: r.solarFlux,
      ...(r.horizonYears !== null ? { horizonYears: r.horizonYears } : {}),
    };
  },
  planShards: (input, o) => planObjectTimeShards(input.elementSets.length, 1, { objectBlocks: o.objectBlocks ?? Math.ceil(input.elementSets.length / 500) }),
  runShard: (input, shard) => runLifetimeLocal({ ...input, elementSets: input.elementSets.slice(shard.firstObject, shard.endObject) }),
  size: (out) => out.entries.length + out.failures.length,
  // catalogLifetimes walks the objects in order: the shards' lists concatenated in shard order are its lists.
  merge: (_input, _shards, outs) => ({ entries: outs.flatMap((o) => o.entries), failures: outs.flatMap((o) => o.failures) }),
};

// ------------------------------------------------------------------------------------------------- propagation

/** Input of a batch propagation run: SGP4 inputs and the time grid (`propagateBatch`'s arguments). */
export interface PropagationRunInput {
  readonly inputs: readonly Sgp4Input[];
  readonly times: BatchTimes;
}

/** The single-process oracle of the propagation kind. */
export function runPropagationLocal(input: PropagationRunInput): Sgp4BatchResult {
  return propagateBatch(input.inputs, input.times);
}

export const propagationKind: RunKindDefinition<PropagationRunInput, Sgp4BatchResult, Sgp4BatchResult> = {
  kind: 'propagation',
  split: (input) => ({ snapshot: input.inputs, rest: input.times }),
  join: (snapshot, rest) => ({ inputs: snapshot as Sgp4Input[], times: rest as BatchTimes }),
  planShards: (input, o) => planObjectTimeShards(input.inputs.length, input.times.offsetsS.length, o),
  // The window keeps the run's anchor and its offsets (a subarray): every state is computed from the same tsince.
  runShard: (input, s) => propagateBatch(input.inputs.slice(s.firstObject, s.endObject), { anchor: input.times.anchor, offsetsS: input.times.offsetsS.subarray(s.firstTime, s.endTime) }),
  size: (out) => out.objectsCount * out.timesCount,
  merge(input, shards, outs) {
    const n = input.inputs.length;
    const m = input.times.offsetsS.length;
    const states = new Float64Array(n * m * 6);
    const status = new Uint8Array(n * m);
    const firstFailure = new Map<number, BatchFailure>();
    shards.forEach((s, k) => {
      const out = outs[k]!;
      const w = s.endTime - s.firstTime;
      for (let i = 0; i < s.endObject - s.firstObject; i++) {
        const row = (s.firstObject + i) * m + s.firstTime;
        states.set(out.states.subarray(i * w * 6, (i + 1) * w * 6), row * 6);
        status.set(out.status.subarray(i * w, (i + 1) * w), row);
      }
      // Shards come object-major, time windows in order: an object's first failure is in its earliest window.
      for (const f of out.failures) {
        const index = s.firstObject + f.index;
        if (!firstFailure.has(index)) firstFailure.set(index, { ...f, index, timeIndex: f.timeIndex < 0 ? -1 : s.firstTime + f.timeIndex });
      }
    });
    const failures = [...firstFailure.values()].sort((a, b) => a.index - b.index);
    return { objectsCount: n, timesCount: m, states, status, failures };
  },
};

/** The registry: kind → definition. */
export const RUN_KINDS = { lifetime: lifetimeKind, propagation: propagationKind, passes: passesKind, od: odKind } as const;
