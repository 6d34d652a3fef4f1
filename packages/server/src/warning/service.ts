/**
 * The early-warning service of one process: the screening job runner, the webhook dispatcher, the alert bus of the
 * server-sent-events stream, the re-screen hook of uploads and the schedule. Automatic triggers (uploads, schedule)
 * are off unless asked for, so that a bare `buildApp` (tests) only screens on request.
 */
import type { CaraHbrRow, TimeScales } from '@skylane/core';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { AlertBus } from './alertBus.ts';
import { closePassedEvents, type AlertRow } from './events.ts';
import { JobRunner, JobRunnerClosedError, type JobRow } from './jobs.ts';
import { JobLimitError, type JobLimits } from './scheduler.ts';
import { WebhookDispatcher, type WebhookDeliveryOptions } from './webhooks.ts';

export const DEFAULT_WINDOW_S = 7 * 86_400;
export const DEFAULT_THRESHOLD_KM = 5;

export interface EarlyWarningOptions {
  /** Worker threads per screening (0: in the event-loop thread; default: available parallelism). */
  readonly threads?: number;
  /** Re-screen fleets when element sets arrive (public: every tenant's fleets; private: the uploader's). Default false. */
  readonly rescreenOnUpload?: boolean;
  /** Re-screen every fleet and close passed events every this many seconds; 0 or absent: no schedule. */
  readonly scheduleIntervalS?: number;
  /** Window of automatic re-screens (s, default 7 days) and their threshold (km, default 5). */
  readonly autoWindowS?: number;
  readonly autoThresholdKm?: number;
  readonly webhooks?: WebhookDeliveryOptions;
  /** CARA HBR table (by catalog number); objects not in it use the fallback by object type. */
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  /** The clock (default: the system clock). Windows of automatic re-screens start now; events close once TCA < now. */
  readonly now?: () => Date;
  /** The store's SQLite file, when it is one (buildApp sets it): jobs then read element sets on a worker thread. */
  readonly sqlitePath?: string;
  /** Screening-job limits and lanes (scheduler.ts; default DEFAULT_JOB_LIMITS). */
  readonly jobLimits?: Partial<JobLimits>;
  /** Events per assessment task of a job (default 100). */
  readonly jobChunkSize?: number;
  /** Redis of the distributed queue (`REDIS_URL`): the jobs' screenings run on its workers (`skylane worker`); absent: in-process. */
  readonly queueUrl?: string;
  /** CelesTrak SW file text for the reentry watch's precise predictor (`SKYLANE_SPACE_WEATHER_FILE`); absent: constant F10.7 150 sfu, Ap 15. */
  readonly reentrySpaceWeather?: string;
}

export class EarlyWarningService {
  readonly bus = new AlertBus();
  readonly jobs: JobRunner;
  readonly webhooks: WebhookDispatcher;
  readonly options: EarlyWarningOptions;
  private readonly db: Kysely<Database>;
  private timer: NodeJS.Timeout | undefined;

  constructor(db: Kysely<Database>, ts: TimeScales, options: EarlyWarningOptions = {}) {
    this.db = db;
    this.options = options;
    this.webhooks = new WebhookDispatcher(db, options.webhooks);
    this.jobs = new JobRunner(db, ts, {
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.hbrTable !== undefined ? { hbrTable: options.hbrTable } : {}),
      ...(options.sqlitePath !== undefined ? { sqlitePath: options.sqlitePath } : {}),
      ...(options.jobLimits !== undefined ? { limits: options.jobLimits } : {}),
      ...(options.jobChunkSize !== undefined ? { chunkSize: options.jobChunkSize } : {}),
      ...(options.queueUrl !== undefined ? { queueUrl: options.queueUrl } : {}),
      onAlerts: (alerts) => this.raise(alerts),
      now: () => this.now(),
    });
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Fails jobs a dead process left running, queues again those left queued, resumes pending webhook deliveries, starts the schedule. */
  async start(): Promise<void> {
    await this.jobs.recover();
    this.webhooks.kick();
    const every = this.options.scheduleIntervalS ?? 0;
    if (every > 0) {
      this.timer = setInterval(() => void this.scheduledRun().catch(() => undefined), every * 1000);
      this.timer.unref();
    }
  }

  /** Stops the schedule, aborts the running jobs (see JobRunner.close) and stops webhook delivery. Idempotent. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.jobs.close();
    await this.webhooks.close();
  }

  /**
   * Delivers committed alerts that the tenant's alert policy pushes (`pushed`): SSE subscribers now, webhooks through
   * the dispatcher. The others stay on the board (GET /api/v1/alerts) without a push.
   */
  async raise(alerts: AlertRow[]): Promise<void> {
    const pushed = alerts.filter((a) => a.pushed === 1);
    if (pushed.length === 0) return;
    this.bus.publish(pushed);
    await this.webhooks.enqueue(pushed);
  }

  /** Closes passed events, then queues a re-screen of every fleet (coalesced). */
  async scheduledRun(): Promise<JobRow[]> {
    await closePassedEvents(this.db, this.now());
    return this.rescreen(undefined, 'schedule');
  }

  /** Upload hook: new element sets from `tenantId` (public ones concern every tenant's fleets). */
  async onElementSets(tenantId: number, visibility: 'public' | 'private'): Promise<JobRow[]> {
    if (this.options.rescreenOnUpload !== true) return [];
    return this.rescreen(visibility === 'public' ? undefined : tenantId, 'upload');
  }

  private async rescreen(tenantId: number | undefined, trigger: 'upload' | 'schedule'): Promise<JobRow[]> {
    const fleets = await this.db
      .selectFrom('fleets')
      .select(['id', 'tenant_id'])
      .$if(tenantId !== undefined, (q) => q.where('tenant_id', '=', tenantId ?? 0))
      .where((eb) => eb.exists(eb.selectFrom('fleet_members').select('fleet_members.fleet_id').whereRef('fleet_members.fleet_id', '=', 'fleets.id')))
      .orderBy('id')
      .execute();
    const out: JobRow[] = [];
    for (const f of fleets) {
      try {
        out.push(
          await this.jobs.submit(
            { tenantId: f.tenant_id, fleetId: f.id, trigger, windowStart: this.now(), durationS: this.options.autoWindowS ?? DEFAULT_WINDOW_S, thresholdKm: this.options.autoThresholdKm ?? DEFAULT_THRESHOLD_KM },
            true,
          ),
        );
      } catch (e) {
        // A tenant at its job limit (or a shutdown) skips this automatic re-screen; the next trigger tries again.
        if (!(e instanceof JobLimitError) && !(e instanceof JobRunnerClosedError)) throw e;
      }
    }
    return out;
  }
}
