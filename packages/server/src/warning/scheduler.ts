/**
 * Fair scheduling of screening jobs: admission limits per tenant, two lanes, and the choice of the next job.
 *
 * - **Estimated work** of a job, in "primary-days at 5 km": primaries × window days × max(1, thresholdKm / 5)². The
 *   screening's cost grows with primaries × window (every primary against the whole catalog), and the number of
 *   close approaches to assess and record grows with the square of the threshold (misses spread over the encounter
 *   plane). A 1-primary 7-day 5 km check is 7; the demo fleet's week is 147; a 30-day 100 km job of 20 primaries is
 *   240,000.
 * - **Admission**: a tenant holds at most `maxActivePerTenant` jobs queued or running; a further submission is
 *   refused with `JobLimitError` (HTTP 429), never queued.
 * - **Lanes**: `bulkSlots` lanes run any job; `expressSlots` lanes run only jobs of estimated work up to
 *   `expressMaxWork`. A small job therefore never waits behind a large one (at most behind other small ones), while a
 *   large job waits only for the bulk lanes. A tenant runs at most `maxRunningPerTenant` jobs at once (so one tenant
 *   cannot hold both lanes, and the events of one tenant are written by one job at a time).
 * - **Order**: tenants take turns (the tenant whose last job started longest ago, or never, goes first); within a
 *   tenant, the smallest estimated work first, then the oldest. A small job takes an express lane when one is free,
 *   else a bulk lane; a large job only a bulk lane.
 */

/** Units of estimated work: primary-days at a 5 km threshold. */
export function estimateJobWork(j: { readonly primaries: number; readonly durationS: number; readonly thresholdKm: number }): number {
  const scale = Math.max(1, j.thresholdKm / 5);
  return Math.max(1, j.primaries) * (j.durationS / 86_400) * scale * scale;
}

export interface JobLimits {
  /** Jobs queued or running per tenant (default 5). */
  readonly maxActivePerTenant: number;
  /** Jobs running at once per tenant (default 1). */
  readonly maxRunningPerTenant: number;
  /** Lanes for any job (default 1). */
  readonly bulkSlots: number;
  /** Lanes for small jobs only (default 1). */
  readonly expressSlots: number;
  /** Largest estimated work of a small job (default 50 primary-days at 5 km: e.g. 7 primaries for 7 days). */
  readonly expressMaxWork: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = { maxActivePerTenant: 5, maxRunningPerTenant: 1, bulkSlots: 1, expressSlots: 1, expressMaxWork: 50 };

export type Lane = 'express' | 'bulk';

export interface QueuedJob {
  readonly id: number;
  readonly tenantId: number;
  readonly work: number;
  /** Submission order (smaller: older). */
  readonly seq: number;
}

export interface RunningSlot {
  readonly tenantId: number;
  readonly lane: Lane;
}

/**
 * The next job to start and its lane, or undefined when none can start now (see the module header).
 * `lastStarted` maps a tenant to the sequence number of its last start (absent: never started).
 */
export function pickNextJob(queued: readonly QueuedJob[], running: readonly RunningSlot[], lastStarted: ReadonlyMap<number, number>, limits: JobLimits): { job: QueuedJob; lane: Lane } | undefined {
  const expressFree = running.filter((r) => r.lane === 'express').length < limits.expressSlots;
  const bulkFree = running.filter((r) => r.lane === 'bulk').length < limits.bulkSlots;
  if (!expressFree && !bulkFree) return undefined;
  const runningOf = new Map<number, number>();
  for (const r of running) runningOf.set(r.tenantId, (runningOf.get(r.tenantId) ?? 0) + 1);
  const fits = (j: QueuedJob): boolean => bulkFree || j.work <= limits.expressMaxWork;
  // Each eligible tenant's head: its smallest job that fits a free lane.
  const heads = new Map<number, QueuedJob>();
  for (const j of queued) {
    if ((runningOf.get(j.tenantId) ?? 0) >= limits.maxRunningPerTenant || !fits(j)) continue;
    const h = heads.get(j.tenantId);
    if (h === undefined || j.work < h.work || (j.work === h.work && j.seq < h.seq)) heads.set(j.tenantId, j);
  }
  let best: QueuedJob | undefined;
  for (const h of heads.values()) {
    if (best === undefined) {
      best = h;
      continue;
    }
    const turnH = lastStarted.get(h.tenantId) ?? -1;
    const turnB = lastStarted.get(best.tenantId) ?? -1;
    if (turnH < turnB || (turnH === turnB && h.seq < best.seq)) best = h;
  }
  if (best === undefined) return undefined;
  const lane: Lane = best.work <= limits.expressMaxWork && expressFree ? 'express' : 'bulk';
  return { job: best, lane };
}

/** A submission over a tenant's job limit. */
export class JobLimitError extends Error {
  readonly code = 'JOB_LIMIT';
  readonly limit: number;
  readonly active: number;

  constructor(limit: number, active: number) {
    super(`this tenant already has ${active} screening job(s) queued or running; the limit is ${limit}: wait for one to finish, or cancel one with DELETE /api/v1/screenings/{id}.`);
    this.limit = limit;
    this.active = active;
  }
}

/** A cancellation of a job that has already finished. */
export class JobFinishedError extends Error {
  readonly code = 'JOB_FINISHED';
  readonly status: string;

  constructor(id: number, status: string) {
    super(`screening job ${id} has already finished (${status}): only queued or running jobs can be cancelled.`);
    this.status = status;
  }
}
