/**
 * Screening jobs: a persisted row per job and an in-process runner with a FIFO queue, one job at a time (each job
 * already uses every worker thread). A job screens one fleet (the primaries) against every current element set
 * visible to its tenant (the shared catalog plus its private sets) over its window, assesses each close approach
 * (CDM, Pc), and records the results as events, updates and alerts. An object of the tenant with an uploaded
 * ephemeris (the tenant's newest OEM segment for it) is screened and assessed from that ephemeris instead of its
 * element set when the ephemeris covers the window; otherwise from its element set, and the summary says why. On start, jobs left queued or running by a
 * previous process are marked failed (their work is lost with the process; nothing partial was recorded, because
 * results are written in one transaction at the end).
 *
 * Before assessment, co-located pairs (identical element sets, or co-moving over the window: core
 * `findCoLocatedPairs`) are taken out and listed once in the result (`coLocated`), and the remaining close approaches
 * of one pair are merged into one event: the closest, with the others attached to its update (`otherApproaches`).
 */
import { findCoLocatedPairs, mergeApproachesByPair, planScreeningInputs, sgp4InputFrom, type CaraHbrRow, type ElementSet, type EphemerisInput, type ScreeningOptions, type TimeScales, type TrajectoryInput } from '@skylane/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ScreeningJobsTable } from '../storage/schema.ts';
import { currentElementSets, elementSetFromRow, nowIso } from '../storage/catalog.ts';
import { latestEphemerides } from '../storage/operatorData.ts';
import { runScreeningPlanParallel } from '../screening/parallelScreening.ts';
import { createAssessor } from './assess.ts';
import { closePassedEvents, recordAssessments, type AlertRow, type RecordInput } from './events.ts';

export type JobRow = Selectable<ScreeningJobsTable>;

export interface JobRequest {
  readonly tenantId: number;
  readonly fleetId: number;
  readonly trigger: 'api' | 'upload' | 'schedule' | 'startup';
  readonly windowStart: Date;
  readonly durationS: number;
  readonly thresholdKm: number;
}

export interface JobRunnerOptions {
  /** Worker threads per screening (0: in the event-loop thread; default: available parallelism). */
  readonly threads?: number;
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  /** Called with the alerts a job raised, after they are committed. */
  readonly onAlerts?: (alerts: AlertRow[]) => void | Promise<void>;
  /** The clock that decides which events have passed (closed after each job). */
  readonly now?: () => Date;
}

export class JobRunner {
  private readonly db: Kysely<Database>;
  private readonly ts: TimeScales;
  private readonly o: JobRunnerOptions;
  private readonly queue: number[] = [];
  private current: Promise<void> | undefined;
  private closed = false;
  private readonly waiters: (() => void)[] = [];

  constructor(db: Kysely<Database>, ts: TimeScales, o: JobRunnerOptions = {}) {
    this.db = db;
    this.ts = ts;
    this.o = o;
  }

  /** Marks jobs an earlier process left unfinished as failed. */
  async recover(): Promise<number> {
    const r = await this.db
      .updateTable('screening_jobs')
      .set({ status: 'failed', error: 'interrupted: the server stopped before this job finished; submit it again.', finished_at: nowIso() })
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * Persists and queues a job. With `coalesce`, a job already queued (not yet running) for the same fleet is
   * returned instead of a new one: automatic triggers do not pile up.
   */
  async submit(req: JobRequest, coalesce = false): Promise<JobRow> {
    if (coalesce) {
      const q = await this.db.selectFrom('screening_jobs').selectAll().where('fleet_id', '=', req.fleetId).where('status', '=', 'queued').executeTakeFirst();
      if (q !== undefined) return q;
    }
    const row = await this.db
      .insertInto('screening_jobs')
      .values({
        tenant_id: req.tenantId,
        fleet_id: req.fleetId,
        trigger: req.trigger,
        status: 'queued',
        window_start_utc: req.windowStart.toISOString(),
        duration_s: req.durationS,
        threshold_km: req.thresholdKm,
        blocks_done: 0,
        blocks_total: 0,
        result_json: null,
        error: null,
        created_at: nowIso(),
        started_at: null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    this.queue.push(row.id);
    this.pump();
    return row;
  }

  /** Resolves when the queue is empty and no job runs. */
  idle(): Promise<void> {
    if (this.current === undefined && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops taking queued jobs and waits for the running one. Queued jobs stay queued (failed on next start). */
  async close(): Promise<void> {
    this.closed = true;
    await this.current;
  }

  private pump(): void {
    if (this.current !== undefined || this.closed) return;
    const id = this.queue.shift();
    if (id === undefined) {
      for (const w of this.waiters.splice(0)) w();
      return;
    }
    this.current = this.run(id)
      .catch(() => undefined)
      .finally(() => {
        this.current = undefined;
        if (this.closed) for (const w of this.waiters.splice(0)) w();
        else this.pump();
      });
  }

  private async run(id: number): Promise<void> {
    const db = this.db;
    const ts = this.ts;
    const job = await db.selectFrom('screening_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('screening_jobs').set({ status: 'running', started_at: nowIso() }).where('id', '=', id).execute();
    try {
      const members = (await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.id', '=', job.fleet_id).where('fleets.tenant_id', '=', job.tenant_id).execute()).map((r) => r.catalog_number);
      if (members.length === 0) throw new Error(`fleet ${job.fleet_id} has no members (or no longer exists): add satellites to it first.`);
      const sets: ElementSet[] = (await currentElementSets(db, job.tenant_id, {})).map(elementSetFromRow);
      const byId = new Map(sets.map((s) => [s.catalogNumber, s]));
      const primaries = members.filter((m) => byId.has(m));
      if (primaries.length === 0) throw new Error('no fleet member has an element set visible to this tenant: upload their elements first.');
      const start = ts.parseUtcIso(job.window_start_utc);
      const options: ScreeningOptions = { start, durationS: job.duration_s, volume: { kind: 'sphere', radiusKm: job.threshold_km }, primaries, timeScales: ts };
      const { plan, used, notUsed } = await planWithEphemerides(db, ts, job.tenant_id, sets, options);
      await db.updateTable('screening_jobs').set({ blocks_total: plan.blocks.length }).where('id', '=', id).execute();
      let lastWrite = 0;
      const pending: Promise<unknown>[] = [];
      const result = await runScreeningPlanParallel(plan, ts, {
        ...(this.o.threads !== undefined ? { threads: this.o.threads } : {}),
        onProgress: (p) => {
          const now = performance.now();
          if (now - lastWrite < 250 && p.blocksDone < p.blocksTotal) return;
          lastWrite = now;
          pending.push(db.updateTable('screening_jobs').set({ blocks_done: p.blocksDone }).where('id', '=', id).where('blocks_done', '<', p.blocksDone).execute());
        },
      });
      await Promise.all(pending);
      const assess = createAssessor({
        timeScales: ts,
        elementSets: byId,
        trajectories: used,
        ...(this.o.hbrTable !== undefined ? { hbrTable: this.o.hbrTable } : {}),
        creationDate: ts.parseUtcIso(nowIso()),
        screenPeriod: [start, ts.plusUtcClockSeconds(start, job.duration_s)],
        originator: 'SKYLANE',
      });
      // Co-located pairs (docked, one element set) are not conjunctions: listed once, their approaches dropped.
      const coLocated = findCoLocatedPairs(plan, result.events, sets);
      const coKeys = new Map(coLocated.map((c) => [`${c.object1}-${c.object2}`, 0]));
      const conjunctions = result.events.filter((e) => {
        const k = `${e.object1}-${e.object2}`;
        const n = coKeys.get(k);
        if (n === undefined) return true;
        coKeys.set(k, n + 1);
        return false;
      });
      // One event per pair and run: its closest approach, with the others attached.
      const merged = mergeApproachesByPair(conjunctions);
      const assessed: RecordInput[] = merged.map((m, k) => ({ ...assess(m.closest, `SKYLANE-J${id}-${k + 1}`), otherApproaches: m.others }));
      const rec = await recordAssessments(db, ts, job.tenant_id, id, assessed, byId);
      const summary = {
        objects: result.stats.objects,
        objectsScreened: result.stats.objectsScreened,
        primaries: primaries.length,
        primariesWithoutElements: members.filter((m) => !byId.has(m)),
        ephemeridesUsed: [...used.values()].map((e) => ({ catalogNumber: e.catalogNumber, source: e.source })),
        ephemeridesNotUsed: notUsed,
        closeApproaches: conjunctions.length,
        conjunctions: merged.length,
        approachesMerged: conjunctions.length - merged.length,
        coLocated: coLocated.slice(0, 1000).map((c) => ({ ...c, approachesDropped: coKeys.get(`${c.object1}-${c.object2}`) ?? 0 })),
        coLocatedCount: coLocated.length,
        coLocatedApproachesDropped: result.events.length - conjunctions.length,
        eventsCreated: rec.eventsCreated,
        eventsUpdated: rec.eventsUpdated,
        alertsRaised: rec.alerts.length,
        skipped: result.skipped.slice(0, 100),
        skippedCount: result.skipped.length,
        stats: result.stats,
      };
      await closePassedEvents(db, this.o.now?.() ?? new Date());
      await db.updateTable('screening_jobs').set({ status: 'succeeded', blocks_done: plan.blocks.length, result_json: JSON.stringify(summary), finished_at: nowIso() }).where('id', '=', id).execute();
      if (rec.alerts.length > 0) await this.o.onAlerts?.(rec.alerts);
    } catch (e) {
      await db.updateTable('screening_jobs').set({ status: 'failed', error: e instanceof Error ? e.message : String(e), finished_at: nowIso() }).where('id', '=', id).execute();
    }
  }
}

/**
 * Plans a job's screening with the tenant's ephemerides in place of the element sets of their objects. An ephemeris
 * that the plan skips for coverage (EPHEMERIS_COVERAGE) or that cannot be read is replaced by the object's element
 * set and planned again: the object is screened from public data rather than not at all.
 */
async function planWithEphemerides(db: Kysely<Database>, ts: TimeScales, tenantId: number, sets: readonly ElementSet[], options: ScreeningOptions) {
  const stored = await latestEphemerides(db, ts, tenantId);
  const used = new Map<number, EphemerisInput>();
  const notUsed: { catalogNumber: number; ephemerisId: number; code: string; reason: string }[] = [];
  const visible = new Set(sets.map((s) => s.catalogNumber));
  for (const [id, e] of stored) {
    if (!visible.has(id)) continue;
    if (e.input !== undefined) used.set(id, e.input);
    else notUsed.push({ catalogNumber: id, ephemerisId: e.ephemerisId, code: 'EPHEMERIS_INVALID', reason: e.error ?? '' });
  }
  const inputs = (): TrajectoryInput[] => sets.map((s) => used.get(s.catalogNumber) ?? sgp4InputFrom(s, ts));
  let plan = planScreeningInputs(inputs(), options);
  const uncovered = plan.skipped.filter((s) => s.code === 'EPHEMERIS_COVERAGE' && used.has(s.catalogNumber));
  if (uncovered.length > 0) {
    for (const s of uncovered) {
      notUsed.push({ catalogNumber: s.catalogNumber, ephemerisId: stored.get(s.catalogNumber)!.ephemerisId, code: s.code, reason: `${s.reason} Screened from its element set instead.` });
      used.delete(s.catalogNumber);
    }
    plan = planScreeningInputs(inputs(), options);
  }
  return { plan, used, notUsed };
}

/** The API view of a job. */
export function jobView(j: JobRow) {
  const result = j.result_json !== null ? (JSON.parse(j.result_json) as Record<string, unknown>) : null;
  return {
    id: j.id,
    fleetId: j.fleet_id,
    trigger: j.trigger,
    status: j.status,
    windowStart: j.window_start_utc,
    durationS: j.duration_s,
    thresholdKm: j.threshold_km,
    progress: { blocksDone: j.blocks_done, blocksTotal: j.blocks_total, fraction: j.blocks_total > 0 ? j.blocks_done / j.blocks_total : 0 },
    result,
    error: j.error,
    createdAt: j.created_at,
    startedAt: j.started_at,
    finishedAt: j.finished_at,
  };
}
