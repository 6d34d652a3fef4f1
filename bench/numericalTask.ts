/**
 * Worker task of the numerical-propagation benchmark: propagates a block of GCRF initial states (one common epoch)
 * with the J2–J6 zonal model (plus exponential drag when `drag`: Vallado's table, co-rotating wind, the propagator's
 * default spacecraft 1,000 kg, 1 m², C_D 2.2) and DP853, writing the states at every output time into a SharedArrayBuffer view.
 */
import { createTimeScales, DragForce, ExponentialAtmosphere, Instant, NumericalPropagator, ZonalGravity, type ForceModel } from '@skylane/core';

export interface NumericalTaskInput {
  readonly epochTaiDay: number;
  readonly epochTaiSeconds: number;
  /** 6 values per object (GCRF km, km/s). */
  readonly initial: Float64Array;
  readonly outputTimesS: Float64Array;
  /** objects × times × 6 (shared memory). */
  readonly states: Float64Array;
  readonly rtol: number;
  readonly atol: readonly number[];
  /** Add exponential drag. */
  readonly drag?: boolean;
}

export interface NumericalTaskResult {
  readonly failures: number;
  readonly evaluations: number;
}

const ts = createTimeScales();

export default function numericalTask(task: NumericalTaskInput): NumericalTaskResult {
  const epoch = Instant.fromTai(task.epochTaiDay, task.epochTaiSeconds);
  const forces: ForceModel[] = [new ZonalGravity()];
  if (task.drag === true) forces.push(new DragForce({ atmosphere: new ExponentialAtmosphere() }));
  const prop = new NumericalPropagator({ timeScales: ts, forces, integrator: 'dp853', rtol: task.rtol, atol: task.atol });
  const n = task.initial.length / 6;
  const m = task.outputTimesS.length;
  const stop = task.outputTimesS[m - 1]!;
  let failures = 0;
  let evaluations = 0;
  for (let k = 0; k < n; k++) {
    try {
      const r = prop.propagate({ epoch, state: task.initial.subarray(6 * k, 6 * k + 6), stop, outputTimesS: task.outputTimesS });
      task.states.set(r.outputStates, k * m * 6);
      evaluations += r.evaluations;
    } catch {
      failures++;
      task.states.fill(Number.NaN, k * m * 6, (k + 1) * m * 6);
    }
  }
  return { failures, evaluations };
}
