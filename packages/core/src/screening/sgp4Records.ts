/**
 * SGP4 initialisation once per run: the compact near-earth records (propagation/sgp4 `nearEarthRecord`) that
 * planning computes anyway (it initialises every object to refuse unusable elements) are kept with the plan and
 * reused by the screening contexts, in this thread and, sent with the plan, in the worker threads, instead of running
 * satellite.js's `sgp4init` again per context (~15 kB of garbage and ~15 µs per object). Deep-space objects and
 * ephemerides are initialised per context as before. The records are those `Sgp4Satellite.create` computes for the
 * same input, so the states, hence the events, are identical.
 */
import { NEAR_EARTH_RECORD_LENGTH } from '../propagation/sgp4/vallado2006NearEarth.ts';
import { Sgp4Satellite } from '../propagation/sgp4/index.ts';
import { createTrajectory, isEphemerisInput, type Trajectory } from '../propagation/trajectory.ts';
import type { ScreeningPlan } from './plan.ts';

/** Near-earth records of a plan's objects (structured-clone safe): object i's 35 values at 35·i when has[i] is 1. */
export interface PlanSgp4Records {
  readonly has: Uint8Array;
  readonly nearEarth: Float64Array;
}

/**
 * Plans with at most this many objects keep their records (35 doubles, 280 bytes an object: 5 MB for the
 * 18,407-object catalog); larger ones (the distributed submitter's 10⁶-object plans) keep the memory they had and
 * their contexts initialise every object.
 */
export const MAX_OBJECTS_WITH_RECORDS = 250_000;

const planRecords = new WeakMap<ScreeningPlan, PlanSgp4Records>();

/** Packs the near-earth records of the planning's trajectories (index = plan object index). Used by planning. */
export function keepPlanRecords(plan: ScreeningPlan, trajectories: readonly Trajectory[]): void {
  const n = trajectories.length;
  if (n > MAX_OBJECTS_WITH_RECORDS || n !== plan.objects.length) return;
  const has = new Uint8Array(n);
  const nearEarth = new Float64Array(NEAR_EARTH_RECORD_LENGTH * n);
  for (let i = 0; i < n; i++) {
    const t = trajectories[i];
    const rec = t instanceof Sgp4Satellite ? t.nearEarthRecord : undefined;
    if (rec === undefined) continue;
    has[i] = 1;
    nearEarth.set(rec, NEAR_EARTH_RECORD_LENGTH * i);
  }
  planRecords.set(plan, { has, nearEarth });
}

/** The records planning kept for this plan object (undefined: none kept, e.g. a plan cloned to another thread). */
export function planSgp4Records(plan: ScreeningPlan): PlanSgp4Records | undefined {
  return planRecords.get(plan);
}

/** Trajectories of every object of a plan, near-earth SGP4 ones from `records` when given (no second initialisation). */
export function planTrajectories(plan: ScreeningPlan, records: PlanSgp4Records | undefined = planSgp4Records(plan)): Trajectory[] {
  const ok = records !== undefined && records.has.length === plan.objects.length && records.nearEarth.length === NEAR_EARTH_RECORD_LENGTH * plan.objects.length;
  return plan.objects.map((o, i) => {
    if (!ok || records.has[i] !== 1 || isEphemerisInput(o)) return createTrajectory(o);
    return Sgp4Satellite.fromNearEarthRecord(o, records.nearEarth.subarray(NEAR_EARTH_RECORD_LENGTH * i, NEAR_EARTH_RECORD_LENGTH * (i + 1)));
  });
}
