/**
 * Screening jobs: a persisted row per job and an in-process scheduler (scheduler.ts: per-tenant limits, an express
 * lane for small jobs beside the bulk lane, tenants served in turn, smallest job first within a tenant). A job screens
 * one fleet (the primaries) against every current element set visible to its tenant (the shared catalog plus its
 * private sets) over its window, assesses each close approach (CDM, Pc), and records the results as events, updates
 * and alerts. An object of the tenant with an uploaded ephemeris (the tenant's newest OEM segment for it) is screened
 * and assessed from that ephemeris instead of its element set when the ephemeris covers the window; otherwise from
 * its element set, and the summary says why.
 *
 * Nothing heavy runs on the event-loop thread: the element sets are read on a worker thread (SQLite file), the
 * screening and the assessment run on worker threads, and the results are written in short transactions that yield
 * to the event loop between them (recording.ts), so that the API answers while a job runs. With `threads: 0`
 * everything runs in the event-loop thread (tests), still in yielding chunks.
 *
 * A job can be cancelled (queued: at once; running: its worker tasks are aborted and it stops before the next
 * chunk). On shutdown (`close`) the running jobs are aborted: a job that had recorded nothing goes back to `queued`
 * and runs again at the next start; one stopped while recording is `failed` ("interrupted"), with only whole event
 * updates written. At start, jobs left `running` by a process that died are marked failed; `queued` ones are queued
 * again.
 *
 * Before assessment, co-located pairs (identical element sets, or co-moving over the window: core
 * `findCoLocatedPairs`) are taken out and listed once in the result (`coLocated`), and the remaining close approaches
 * of one pair are merged into one event: the closest, with the others attached to its update (`otherApproaches`).
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { findCoLocatedPairs, mergeApproachesByPair, screeningResultFromColumns, type CaraHbrRow, type ElementSet, type EphemerisInput, type Instant, type ScreeningEvent, type TimeScales } from '@skylane/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ScreeningJobsTable } from '../storage/schema.ts';
import { currentElementSets, elementSetFromRow, nowIso } from '../storage/catalog.ts';
import { latestEphemerides } from '../storage/operatorData.ts';
import { runScreeningPlanParallelColumnar } from '../screening/parallelScreening.ts';
import { runScreeningPlanDistributedColumnar } from '../distributed/screeningRun.ts';
import { storeEventColumns } from '../storage/eventColumns.ts';
import { closePassedEvents, type AlertRow } from './events.ts';
import { JobHelpers } from './jobHelpers.ts';
import type { AssessedRecord, AssessTask } from './jobTask.ts';
import { matchOpenEvents, recordChunk } from './recording.ts';
import { DEFAULT_JOB_LIMITS, estimateJobWork, JobFinishedError, JobLimitError, pickNextJob, type JobLimits, type Lane, type QueuedJob } from './scheduler.ts';

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
  /** Worker threads per screening and for the job helpers (0: in the event-loop thread; default: available parallelism). */
  readonly threads?: number;
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  /** Called with the alerts a job raised, after they are committed (once per written chunk). */
  readonly onAlerts?: (alerts: AlertRow[]) => void | Promise<void>;
  /** The clock that decides which events have passed (closed after each job). */
  readonly now?: () => Date;
  /** The store's SQLite file (not `:memory:`): element sets are then read on a worker thread. */
  readonly sqlitePath?: string;
  /** Admission limits, lanes and the size of a small job (scheduler.ts). */
  readonly limits?: Partial<JobLimits>;
  /** Events per assessment task (default 100). */
  readonly chunkSize?: number;
  /** Event updates per write transaction (default 25). */
  readonly writeBatch?: number;
  /** Redis of the distributed queue: screenings run as shards on its workers (distributed/); absent: worker threads here. */
  readonly queueUrl?: string;
}

/** A submission while the runner shuts down. */
export class JobRunnerClosedError extends Error {
  readonly code = 'SHUTTING_DOWN';
  constructor() {
    super('the service is shutting down and takes no new screening jobs: submit it again once it is back.');
  }
}

type StopReason = 'cancel' | 'shutdown';

interface RunningJob {
  readonly id: number;
  readonly tenantId: number;
  readonly lane: Lane;
  readonly abort: AbortController;
  reason: StopReason | undefined;
  done: Promise<void>;
}

export class JobRunner {
  readonly limits: JobLimits;
  private readonly db: Kysely<Database>;
  private readonly ts: TimeScales;
  private readonly o: JobRunnerOptions;
  private readonly helpers: JobHelpers;
  private readonly queue: QueuedJob[] = [];
  private readonly running = new Map<number, RunningJob>();
  /** Submissions of a tenant between the limit check and the queue (counted against the limit). */
  private readonly reserved = new Map<number, number>();
  private readonly lastStarted = new Map<number, number>();
  private seq = 0;
  private closed = false;
  private readonly waiters: (() => void)[] = [];

  constructor(db: Kysely<Database>, ts: TimeScales, o: JobRunnerOptions = {}) {
    this.db = db;
    this.ts = ts;
    this.o = o;
    this.limits = { ...DEFAULT_JOB_LIMITS, ...o.limits };
    this.helpers = new JobHelpers(o.threads ?? availableParallelism());
  }

  /** Marks jobs that a dead process left running as failed, and queues again the jobs left queued. */
  async recover(): Promise<{ failed: number; requeued: number }> {
    const r = await this.db
      .updateTable('screening_jobs')
      .set({ status: 'failed', error: 'interrupted: the server stopped before this job finished; submit it again.', finished_at: nowIso() })
      .where('status', '=', 'running')
      .executeTakeFirst();
    const queued = await this.db.selectFrom('screening_jobs').selectAll().where('status', '=', 'queued').orderBy('id').execute();
    for (const j of queued) {
      if (this.queue.some((q) => q.id === j.id) || this.running.has(j.id)) continue;
      this.queue.push({ id: j.id, tenantId: j.tenant_id, work: estimateJobWork({ primaries: await this.fleetSize(j.fleet_id), durationS: j.duration_s, thresholdKm: j.threshold_km }), seq: this.seq++ });
    }
    this.pump();
    return { failed: Number(r.numUpdatedRows), requeued: queued.length };
  }

  /** Jobs of a tenant queued or running in this runner. */
  activeJobs(tenantId: number): number {
    let n = this.reserved.get(tenantId) ?? 0;
    for (const q of this.queue) if (q.tenantId === tenantId) n++;
    for (const r of this.running.values()) if (r.tenantId === tenantId) n++;
    return n;
  }

  /**
   * Persists and queues a job. With `coalesce`, a job already queued (not yet running) for the same fleet is
   * returned instead of a new one: automatic triggers do not pile up. Throws `JobLimitError` when the tenant already
   * has `maxActivePerTenant` jobs queued or running, `JobRunnerClosedError` during shutdown.
   */
  async submit(req: JobRequest, coalesce = false): Promise<JobRow> {
    if (this.closed) throw new JobRunnerClosedError();
    if (coalesce) {
      const q = await this.db.selectFrom('screening_jobs').selectAll().where('fleet_id', '=', req.fleetId).where('status', '=', 'queued').executeTakeFirst();
      if (q !== undefined) return q;
    }
    const active = this.activeJobs(req.tenantId);
    if (active >= this.limits.maxActivePerTenant) throw new JobLimitError(this.limits.maxActivePerTenant, active);
    this.reserved.set(req.tenantId, (this.reserved.get(req.tenantId) ?? 0) + 1);
    let row: JobRow;
    let work: number;
    try {
      work = estimateJobWork({ primaries: await this.fleetSize(req.fleetId), durationS: req.durationS, thresholdKm: req.thresholdKm });
      row = await this.db
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
    } finally {
      this.reserved.set(req.tenantId, (this.reserved.get(req.tenantId) ?? 1) - 1);
    }
    this.queue.push({ id: row.id, tenantId: req.tenantId, work, seq: this.seq++ });
    this.pump();
    return row;
  }

  /**
   * Cancels a job of the tenant: a queued one at once, a running one by aborting its work (it stops before its next
   * chunk; results already written stay, whole). Returns the job's final row, undefined when the tenant has no such
   * job; throws `JobFinishedError` when it has already finished.
   */
  async cancel(tenantId: number, id: number): Promise<JobRow | undefined> {
    const row = await this.db.selectFrom('screening_jobs').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (row === undefined) return undefined;
    const r = this.running.get(id);
    if (r !== undefined) {
      r.reason ??= 'cancel';
      r.abort.abort(new Error('cancelled'));
      await r.done;
    } else {
      const qi = this.queue.findIndex((q) => q.id === id);
      if (qi < 0 && row.status !== 'queued') throw new JobFinishedError(id, row.status);
      if (qi >= 0) this.queue.splice(qi, 1);
      const now = nowIso();
      const u = await this.db.updateTable('screening_jobs').set({ status: 'cancelled', error: 'cancelled before it started.', finished_at: now }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
      if (Number(u.numUpdatedRows) === 0) {
        const again = await this.db.selectFrom('screening_jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow();
        throw new JobFinishedError(id, again.status);
      }
      this.pump();
    }
    return this.db.selectFrom('screening_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** Resolves when the queue is empty and no job runs (after `close`: when no job runs). */
  idle(): Promise<void> {
    if (this.running.size === 0 && (this.queue.length === 0 || this.closed)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Stops taking jobs and aborts the running ones (within seconds: worker tasks are terminated, the recording stops
   * before its next chunk). A job that had recorded nothing is queued again (it runs at the next start); queued
   * jobs stay queued.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.running.values()) {
      r.reason ??= 'shutdown';
      r.abort.abort(new Error('shutdown'));
    }
    await Promise.all([...this.running.values()].map((r) => r.done));
    await this.helpers.destroy();
    for (const w of this.waiters.splice(0)) w();
  }

  private async fleetSize(fleetId: number): Promise<number> {
    const r = await this.db.selectFrom('fleet_members').select(this.db.fn.countAll<number>().as('n')).where('fleet_id', '=', fleetId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  private pump(): void {
    while (!this.closed) {
      const next = pickNextJob(this.queue, [...this.running.values()], this.lastStarted, this.limits);
      if (next === undefined) break;
      this.queue.splice(this.queue.indexOf(next.job), 1);
      this.lastStarted.set(next.job.tenantId, this.seq++);
      const entry: RunningJob = { id: next.job.id, tenantId: next.job.tenantId, lane: next.lane, abort: new AbortController(), reason: undefined, done: Promise.resolve() };
      // One abort listener per worker task in flight (piscina): more than the default warning threshold of 10.
      setMaxListeners(0, entry.abort.signal);
      this.running.set(entry.id, entry);
      entry.done = this.run(entry)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(entry.id);
          this.pump();
        });
    }
    if (this.running.size === 0 && (this.queue.length === 0 || this.closed)) for (const w of this.waiters.splice(0)) w();
  }

  private async run(entry: RunningJob): Promise<void> {
    const db = this.db;
    const ts = this.ts;
    const id = entry.id;
    const signal = entry.abort.signal;
    const job = await db.selectFrom('screening_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('screening_jobs').set({ status: 'running', started_at: nowIso() }).where('id', '=', id).execute();
    let total = 0;
    const rec = { written: 0, eventsCreated: 0, eventsUpdated: 0, alertsRaised: 0 };
    try {
      const members = (await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.id', '=', job.fleet_id).where('fleets.tenant_id', '=', job.tenant_id).execute()).map((r) => r.catalog_number);
      if (members.length === 0) throw new Error(`fleet ${job.fleet_id} has no members (or no longer exists): add satellites to it first.`);
      // Element sets and the plan are made on a worker thread (the rows read there from the SQLite file; with
      // PostgreSQL the query is asynchronous here and only the rows travel).
      const readHere = this.o.sqlitePath === undefined || this.helpers.inThread;
      const givenRows = readHere ? await currentElementSets(db, job.tenant_id, {}) : undefined;
      const stored = await latestEphemerides(db, ts, job.tenant_id);
      const start = ts.parseUtcIso(job.window_start_utc);
      const prepared = await this.helpers.prepare(
        {
          leapSeconds: ts.leapSeconds,
          tenantId: job.tenant_id,
          ...(givenRows !== undefined ? { rows: givenRows } : { sqlitePath: this.o.sqlitePath ?? '' }),
          members,
          ephemerides: [...stored],
          start,
          durationS: job.duration_s,
          thresholdKm: job.threshold_km,
        },
        ts,
        signal,
      );
      signal.throwIfAborted();
      await yieldToLoop();
      const sets: ElementSet[] = (prepared.rows ?? givenRows ?? []).map(elementSetFromRow);
      const byId = new Map(sets.map((s) => [s.catalogNumber, s]));
      const primaries = prepared.primaries;
      const plan = prepared.plan;
      if (primaries.length === 0 || plan === undefined) throw new Error('no fleet member has an element set visible to this tenant: upload their elements first.');
      const used = new Map<number, EphemerisInput>(prepared.usedEphemerides.map((c) => [c, stored.get(c)!.input!]));
      const notUsed = prepared.notUsed;
      await db.updateTable('screening_jobs').set({ blocks_total: plan.blocks.length }).where('id', '=', id).execute();
      let lastWrite = 0;
      const pending: Promise<unknown>[] = [];
      const onProgress = (p: { blocksDone: number; blocksTotal: number }): void => {
        const now = performance.now();
        if (now - lastWrite < 250 && p.blocksDone < p.blocksTotal) return;
        lastWrite = now;
        pending.push(db.updateTable('screening_jobs').set({ blocks_done: p.blocksDone }).where('id', '=', id).where('blocks_done', '<', p.blocksDone).execute());
      };
      // Columns end to end (workers → merge → database): the run's close approaches stay typed-array columns, stored
      // as such with the run; the assessment below works on their object view (the same events in the same order).
      const columnar =
        this.o.queueUrl !== undefined
          ? await runScreeningPlanDistributedColumnar(plan, { url: this.o.queueUrl, signal, onProgress })
          : await runScreeningPlanParallelColumnar(plan, { ...(this.o.threads !== undefined ? { threads: this.o.threads } : {}), signal, onProgress });
      const result = screeningResultFromColumns(plan, columnar, ts);
      await Promise.all(pending);
      signal.throwIfAborted();
      await yieldToLoop();
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
      await yieldToLoop();
      // One event per pair and run: its closest approach, with the others attached.
      const merged = mergeApproachesByPair(conjunctions);
      const events = merged.map((m) => m.closest);
      const others = merged.map((m) => m.others);
      total = events.length;
      const targets = await matchOpenEvents(db, job.tenant_id, events, byId, others);
      await this.assessAndRecord(job, events, others, targets, byId, used, [start, ts.plusUtcClockSeconds(start, job.duration_s)], signal, rec);
      const summary = {
        objects: result.stats.objects,
        objectsScreened: result.stats.objectsScreened,
        primaries: primaries.length,
        primariesWithoutElements: members.filter((m) => !byId.has(m)),
        ephemeridesUsed: [...used.values()].map((e) => ({ catalogNumber: e.catalogNumber, source: e.source })),
        ephemeridesNotUsed: notUsed,
        closeApproaches: conjunctions.length,
        conjunctions: events.length,
        approachesMerged: conjunctions.length - events.length,
        coLocated: coLocated.slice(0, 1000).map((c) => ({ ...c, approachesDropped: coKeys.get(`${c.object1}-${c.object2}`) ?? 0 })),
        coLocatedCount: coLocated.length,
        coLocatedApproachesDropped: result.events.length - conjunctions.length,
        eventsCreated: rec.eventsCreated,
        eventsUpdated: rec.eventsUpdated,
        alertsRaised: rec.alertsRaised,
        skipped: result.skipped.slice(0, 100),
        skippedCount: result.skipped.length,
        stats: result.stats,
      };
      await closePassedEvents(db, this.o.now?.() ?? new Date());
      // The run's columns and its success in one transaction: a succeeded run always has its columns, a failed one none.
      await db.transaction().execute(async (trx) => {
        await storeEventColumns(trx, ts, { tenantId: job.tenant_id, jobId: id, startUtc: plan.startUtc, columns: columnar.columns, metadata: { jobId: id, thresholdKm: job.threshold_km, durationS: job.duration_s, skipped: result.skipped.slice(0, 100), skippedCount: result.skipped.length, stats: result.stats } });
        await trx.updateTable('screening_jobs').set({ status: 'succeeded', blocks_done: plan.blocks.length, result_json: JSON.stringify(summary), finished_at: nowIso() }).where('id', '=', id).execute();
      });
    } catch (e) {
      if (signal.aborted) await this.markStopped(entry, total, rec);
      else await db.updateTable('screening_jobs').set({ status: 'failed', error: e instanceof Error ? e.message : String(e), finished_at: nowIso() }).where('id', '=', id).execute();
    }
  }

  /** Assesses the events in chunks (worker threads, a few chunks in flight) and writes each chunk, in order, as it comes. */
  private async assessAndRecord(
    job: JobRow,
    events: readonly ScreeningEvent[],
    others: readonly (readonly ScreeningEvent[])[],
    targets: readonly (number | undefined)[],
    byId: ReadonlyMap<number, ElementSet>,
    used: ReadonlyMap<number, EphemerisInput>,
    screenPeriod: readonly [Instant, Instant],
    signal: AbortSignal,
    rec: { written: number; eventsCreated: number; eventsUpdated: number; alertsRaised: number },
  ): Promise<void> {
    const chunk = Math.max(1, this.o.chunkSize ?? 100);
    const writeBatch = Math.max(1, this.o.writeBatch ?? 25);
    const chunks = Math.ceil(events.length / chunk);
    const creationDate = this.ts.parseUtcIso(nowIso());
    const hbr = this.o.hbrTable;
    const taskOf = (c: number): Omit<AssessTask, 'kind'> => {
      const evs = events.slice(c * chunk, (c + 1) * chunk);
      const objects = [...new Set(evs.flatMap((e) => [e.object1, e.object2]))];
      return {
        leapSeconds: this.ts.leapSeconds,
        elementSets: objects.map((o) => byId.get(o)).filter((s): s is ElementSet => s !== undefined),
        trajectories: objects.map((o) => used.get(o)).filter((t): t is EphemerisInput => t !== undefined),
        hbr: hbr === undefined ? [] : objects.flatMap((o) => (hbr.has(o) ? [[o, hbr.get(o)!] as const] : [])),
        creationDate,
        screenPeriod,
        originator: 'SKYLANE',
        events: evs,
        messageIds: evs.map((_, k) => `SKYLANE-J${job.id}-${c * chunk + k + 1}`),
      };
    };
    const window = this.helpers.inThread ? 1 : 2 * Math.max(1, this.o.threads ?? availableParallelism());
    const inFlight: Promise<AssessedRecord[]>[] = [];
    let launched = 0;
    for (let c = 0; c < chunks; c++) {
      while (launched < chunks && inFlight.length < window) {
        const p = this.helpers.assess(taskOf(launched++), this.ts, signal);
        p.catch(() => undefined);
        inFlight.push(p);
        if (this.helpers.inThread) break;
      }
      const assessed = await inFlight.shift()!;
      signal.throwIfAborted();
      // Short write transactions (each yields to the event loop after its commit): the database connection and the
      // event-loop thread are held for a few milliseconds at a time.
      for (let w = 0; w < assessed.length; w += writeBatch) {
        const from = c * chunk + w;
        const n = Math.min(writeBatch, assessed.length - w);
        const r = await recordChunk(this.db, this.ts, job.tenant_id, job.id, events.slice(from, from + n), assessed.slice(w, w + n), targets.slice(from, from + n), others.slice(from, from + n), { clock: this.o.now?.() ?? new Date(), elementSets: byId });
        rec.written += n;
        rec.eventsCreated += r.eventsCreated;
        rec.eventsUpdated += r.eventsUpdated;
        rec.alertsRaised += r.alerts.length;
        if (r.alerts.length > 0) await this.o.onAlerts?.(r.alerts);
        signal.throwIfAborted();
      }
    }
  }

  /** Final state of an aborted job (see the module header). */
  private async markStopped(entry: RunningJob, total: number, rec: { written: number; eventsCreated: number; eventsUpdated: number; alertsRaised: number }): Promise<void> {
    const db = this.db;
    const partial = rec.written > 0 ? JSON.stringify({ conjunctions: total, recorded: rec.written, eventsCreated: rec.eventsCreated, eventsUpdated: rec.eventsUpdated, alertsRaised: rec.alertsRaised }) : null;
    const whole = `${rec.written} of ${total} results had been recorded (each a whole event update)`;
    if (entry.reason === 'shutdown' && rec.written === 0) {
      await db.updateTable('screening_jobs').set({ status: 'queued', started_at: null, blocks_done: 0, blocks_total: 0, error: null }).where('id', '=', entry.id).execute();
    } else if (entry.reason === 'shutdown') {
      await db.updateTable('screening_jobs').set({ status: 'failed', error: `interrupted: the server shut down while this job was recording; ${whole}. Submit it again.`, result_json: partial, finished_at: nowIso() }).where('id', '=', entry.id).execute();
    } else {
      await db.updateTable('screening_jobs').set({ status: 'cancelled', error: rec.written > 0 ? `cancelled; ${whole}.` : 'cancelled while running; nothing was recorded.', result_json: partial, finished_at: nowIso() }).where('id', '=', entry.id).execute();
    }
  }
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
