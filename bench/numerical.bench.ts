/**
 * Numerical-propagation benchmark: the catalog (18,407 objects; `--stride=N` takes every N-th object), one day,
 * J2–J6 zonal gravity + exponential drag (Vallado's table, co-rotating wind, 1,000 kg, 1 m², C_D 2.2; `--drag=0` leaves
 * it out), DP853 at rtol 1e-10 / atol 1 mm, 1 mm/s·1e-3,
 * states every 60 s (1,441 instants, from the dense output: the grid does not force steps). Initial states: SGP4 at
 * the common start, rotated TEME → GCRF. Peer: Skylane's SGP4 batch (`propagateParallel`) on the same objects and
 * instants, with the same thread count, in the same run. Also a one-thread pair on a small subset.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { createTimeScales, DragForce, evenlySpacedTimes, ExponentialAtmosphere, NumericalPropagator, propagateBatch, readElementSets, sgp4InputFrom, temeToGcrfMatrix, ZonalGravity, type Sgp4Input } from '@skylane/core';
import { propagateParallel } from '@skylane/server';
import { flagValue, machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';
import type { NumericalTaskInput, NumericalTaskResult } from './numericalTask.ts';

export interface NumericalBenchOptions {
  readonly stride?: number;
  readonly threads?: number;
  readonly drag?: boolean;
}

export function numericalBenchFlags(flags: readonly string[]): NumericalBenchOptions {
  const value = (name: string): number | undefined => {
    const v = flagValue(flags, name);
    return v === undefined ? undefined : Number(v);
  };
  const stride = value('stride');
  const threads = value('threads');
  const drag = value('drag');
  return { ...(stride !== undefined ? { stride } : {}), ...(threads !== undefined ? { threads } : {}), ...(drag !== undefined ? { drag: drag !== 0 } : {}) };
}

const RTOL = 1e-10;
const ATOL = [1e-6, 1e-6, 1e-6, 1e-9, 1e-9, 1e-9];

export async function runNumericalBench(options: NumericalBenchOptions = {}): Promise<BenchReport> {
  const ts = createTimeScales();
  const stride = Math.max(1, options.stride ?? 1);
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  const drag = options.drag ?? true;
  const sets = readElementSets(readCatalogText(), { format: 'omm-json', timeScales: ts }).elementSets;
  const all = sets.map((s) => sgp4InputFrom(s, ts)).filter((_, i) => i % stride === 0);
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const anchor = ts.toUtcDaySeconds(start);
  const steps = 1441;
  const times = evenlySpacedTimes(anchor, 60, steps);

  // Initial states: SGP4 at the start (objects SGP4 cannot propagate to the start are left out of both runs).
  const at0 = propagateBatch(all, evenlySpacedTimes(anchor, 60, 1));
  const bad = new Set(at0.failures.map((f) => f.index));
  const inputs: Sgp4Input[] = [];
  const initial: number[] = [];
  const m = temeToGcrfMatrix(start, ts);
  for (let k = 0; k < all.length; k++) {
    if (bad.has(k)) continue;
    const s = at0.states.subarray(6 * k, 6 * k + 6);
    const r = Math.hypot(s[0]!, s[1]!, s[2]!);
    if (!(r > 6478)) continue; // below 100 km: re-entering, not a one-day orbit
    inputs.push(all[k]!);
    for (const off of [0, 3]) for (let i = 0; i < 3; i++) initial.push(m[i * 3]! * s[off]! + m[i * 3 + 1]! * s[off + 1]! + m[i * 3 + 2]! * s[off + 2]!);
  }
  const init = Float64Array.from(initial);
  const n = inputs.length;
  const outputTimesS = Float64Array.from({ length: steps }, (_, j) => j * 60);

  // One thread, small subset: numerical vs core SGP4 batch on the same objects.
  const small = Math.min(n, 200);
  const sgp4One = await timed(() => propagateBatch(inputs.slice(0, small), times).failures.length);
  const prop = new NumericalPropagator({ timeScales: ts, forces: drag ? [new ZonalGravity(), new DragForce({ atmosphere: new ExponentialAtmosphere() })] : [new ZonalGravity()], integrator: 'dp853', rtol: RTOL, atol: ATOL });
  const numOne = await timed(() => {
    let evals = 0;
    for (let k = 0; k < small; k++) evals += prop.propagate({ epoch: start, state: init.subarray(6 * k, 6 * k + 6), stop: 86400, outputTimesS }).evaluations;
    return evals;
  });

  // All objects, worker threads: SGP4 peer then numerical.
  const sgp4All = await timed(() => propagateParallel(inputs, times, { threads, onBlock: () => {} }));
  const pool = new Piscina<NumericalTaskInput, NumericalTaskResult>({ filename: new URL('./numericalWorker.mjs', import.meta.url).href, minThreads: threads, maxThreads: threads });
  const block = 64;
  let failures = 0;
  let evaluations = 0;
  const numAll = await timed(async () => {
    const jobs: Promise<void>[] = [];
    for (let first = 0; first < n; first += block) {
      const count = Math.min(block, n - first);
      const states = new Float64Array(new SharedArrayBuffer(count * steps * 6 * 8));
      jobs.push(
        pool
          .run({ epochTaiDay: start.taiDay, epochTaiSeconds: start.taiSeconds, initial: init.slice(6 * first, 6 * (first + count)), outputTimesS, states, rtol: RTOL, atol: ATOL, drag })
          .then((r) => {
            failures += r.failures;
            evaluations += r.evaluations;
          }),
      );
    }
    await Promise.all(jobs);
  });
  await pool.destroy();
  const ratio = (a: number, b: number): string => `×${(a / b).toFixed(2)}`;
  return {
    name: `Numerical propagation (J2–J6${drag ? ' + exponential drag' : ''}, DP853 rtol ${RTOL}, ${n} objects, 1 day, 60 s output)`,
    lines: [
      `machine: ${machineDescription()} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(', ')})`,
      `objects ${n} (catalog stride ${stride}; ${all.length - n} left out: SGP4 failed at the start or below 100 km), instants ${steps}; ${drag ? 'exponential drag (1,000 kg, 1 m², C_D 2.2)' : 'no drag (--drag=0)'}`,
      `1 thread, ${small} objects: SGP4 batch ${(sgp4One.ms / 1e3).toFixed(2)} s, numerical ${(numOne.ms / 1e3).toFixed(2)} s (${ratio(numOne.ms, sgp4One.ms)} of SGP4), ${(numOne.value / small).toFixed(0)} force evaluations per object-day, ${((numOne.ms * 1e6) / numOne.value).toFixed(0)} ns each`,
      `${threads} threads, ${n} objects: SGP4 propagateParallel ${(sgp4All.ms / 1e3).toFixed(2)} s, numerical ${(numAll.ms / 1e3).toFixed(2)} s (${ratio(numAll.ms, sgp4All.ms)} of SGP4), ${failures} numerical failures, ${(evaluations / Math.max(1, n - failures)).toFixed(0)} evaluations per object-day`,
      `peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
