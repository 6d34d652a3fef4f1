/**
 * Events: screening results grouped per object pair and encounter, stable across updates. A new screening result
 * joins the tenant's open event of the same pair whose TCA is within a quarter of the shorter of the two orbital
 * periods (86400 / mean motion) — encounters of one pair recur at most every half period (the two node crossings),
 * while a TCA moves by seconds to minutes between element-set updates — taking the closest such event; otherwise
 * it opens a new event. Each result is appended as an update (TCA, miss, relative speed, RTN miss, Pc, max Pc, HBR,
 * level, CDM) and the event's current values are the latest update's. An alert is raised when the level changes
 * (a new event starts from green), in the same transaction. Events whose TCA has passed are closed. Uploaded CDMs
 * append updates through the same function (`appendEventUpdate`) as screenings do.
 *
 * A screening job records one result per pair (its closest approach of the run, the others attached to the update as
 * `otherApproaches`); that result matches an open event of the pair when the event's TCA is within the tolerance of
 * any of the run's approaches of the pair.
 */
import { classifyTransition, DEFAULT_PUSH_POLICY, recommendedAction, type AlertPushPolicy, type CovarianceSource, type ElementSet, type Instant, type RecommendedAction, type ScreeningEvent, type TimeScales } from '@skylane/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AlertLevel, AlertsTable, Database } from '../storage/schema.ts';
import { alertLevel, LEVEL_RANK, type Thresholds } from './levels.ts';

export type AlertRow = Selectable<AlertsTable>;

/** Fraction of the shorter orbital period within which two TCAs of one pair are the same encounter. */
export const TCA_MATCH_PERIOD_FRACTION = 0.25;


export function periodS(set: ElementSet | undefined): number {
  return set !== undefined && set.meanMotionRevPerDay > 0 ? 86_400 / set.meanMotionRevPerDay : 5400;
}

/** Largest TCA difference (s) at which two results of one pair are the same encounter. */
export function tcaMatchToleranceS(set1: ElementSet | undefined, set2: ElementSet | undefined): number {
  return TCA_MATCH_PERIOD_FRACTION * Math.min(periodS(set1), periodS(set2));
}

/** |TCA of a stored event − tca| (s). */
export function tcaGapS(e: { tca_tai_day: number; tca_tai_s: number }, tca: Instant): number {
  return Math.abs((e.tca_tai_day - tca.taiDay) * 86_400 + (e.tca_tai_s - tca.taiSeconds));
}

/** A tenant's alert thresholds. */
export async function tenantThresholds(trx: Kysely<Database>, tenantId: number): Promise<Thresholds> {
  const t = await trx.selectFrom('tenants').select(['red_pc', 'yellow_pc', 'yellow_miss_km', 'alert_policy_json']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  return { redPc: t.red_pc, yellowPc: t.yellow_pc, yellowMissKm: t.yellow_miss_km, pushPolicy: pushPolicyOf(t.alert_policy_json) };
}

/** A tenant's stored push policy (JSON, NULL: the default), completed with the defaults. */
export function pushPolicyOf(json: string | null): AlertPushPolicy {
  if (json === null) return DEFAULT_PUSH_POLICY;
  return { ...DEFAULT_PUSH_POLICY, ...(JSON.parse(json) as Partial<AlertPushPolicy>) };
}

/** What one update says about an encounter, and where it came from. */
export interface EventUpdateValues {
  readonly object1: number;
  readonly object2: number;
  readonly tca: Instant;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS: number;
  readonly missRtnKm: readonly [number, number, number];
  readonly pc: number;
  readonly maxPc: number;
  readonly pcMethod: string;
  readonly hbrM: number;
  readonly cdmKvn: string;
  readonly source: 'screening' | 'cdm';
  readonly jobId: number | null;
  readonly cdmId: number | null;
  /** A screening's other approaches of the pair in the same run (JSON: count and the first ones); null for none. */
  readonly otherApproachesJson?: string | null;
  /** Where the covariance came from (default: 'cdm' for a CDM, 'default' for a screening). */
  readonly covarianceSource?: CovarianceSource;
  /** Age of the older element set at TCA (days), when known. */
  readonly elementAgeDays?: number | undefined;
  /** The service clock (ISO) from which the time to TCA is counted; default `now`. */
  readonly clockIso?: string;
}

/** The event an update goes to: an open one (its id, level and update count) or, when undefined, a new one. */
export type UpdateTarget = { readonly id: number; readonly alert_level: AlertLevel; readonly update_count: number; readonly pc?: number; readonly recommended_action?: string } | undefined;

/**
 * Appends one update to an event, opening the event when `target` is undefined; the event's columns become the
 * update's, its level is re-evaluated from the tenant's thresholds, and an alert is inserted when the level changed.
 */
export async function appendEventUpdate(
  trx: Transaction<Database>,
  ts: TimeScales,
  tenantId: number,
  thresholds: Thresholds,
  target: UpdateTarget,
  u: EventUpdateValues,
  now: string,
): Promise<{ eventId: number; updateId: number; created: boolean; alert: AlertRow | undefined }> {
  const level = alertLevel(u.pc, u.missDistanceKm, thresholds);
  const tcaUtc = ts.formatUtcIso(u.tca, 3);
  const covarianceSource = u.covarianceSource ?? (u.source === 'cdm' ? 'cdm' : 'default');
  const timeToTcaS = (Date.parse(tcaUtc) - Date.parse(u.clockIso ?? now)) / 1000;
  const advice = recommendedAction({ pc: u.pc, missDistanceKm: u.missDistanceKm, timeToTcaS, covarianceSource, elementAgeDays: u.elementAgeDays }, thresholds);
  const values = {
    tca_utc: tcaUtc,
    tca_tai_day: u.tca.taiDay,
    tca_tai_s: u.tca.taiSeconds,
    miss_distance_km: u.missDistanceKm,
    relative_speed_km_s: u.relativeSpeedKmPerS,
    pc: u.pc,
    max_pc: u.maxPc,
    alert_level: level,
  };
  let eventId: number;
  let previous: AlertLevel = 'green';
  let previousState: { level: AlertLevel; pc: number; action: RecommendedAction } | undefined;
  let count = 0;
  if (target === undefined) {
    const row = await trx
      .insertInto('events')
      .values({ tenant_id: tenantId, object1: u.object1, object2: u.object2, status: 'open', ...values, update_count: 0, latest_update_id: null, created_at: now, updated_at: now, closed_at: null, recommended_action: advice.action, data_quality: advice.dataQuality })
      .returning('id')
      .executeTakeFirstOrThrow();
    eventId = row.id;
  } else {
    eventId = target.id;
    previous = target.alert_level;
    count = target.update_count;
    const prior = target.pc !== undefined && target.recommended_action !== undefined ? target : await trx.selectFrom('events').select(['pc', 'recommended_action']).where('id', '=', eventId).executeTakeFirstOrThrow();
    previousState = { level: previous, pc: prior.pc ?? 0, action: (prior.recommended_action ?? 'none') as RecommendedAction };
  }
  const upd = await trx
    .insertInto('event_updates')
    .values({
      event_id: eventId,
      tenant_id: tenantId,
      job_id: u.jobId,
      ...values,
      miss_r_km: u.missRtnKm[0],
      miss_t_km: u.missRtnKm[1],
      miss_n_km: u.missRtnKm[2],
      pc_method: u.pcMethod,
      hbr_m: u.hbrM,
      cdm_kvn: u.cdmKvn,
      created_at: now,
      source: u.source,
      cdm_id: u.cdmId,
      other_approaches_json: u.otherApproachesJson ?? null,
      recommended_action: advice.action,
      covariance_source: covarianceSource,
      element_age_days: u.elementAgeDays ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('events').set({ ...values, update_count: count + 1, latest_update_id: upd.id, updated_at: now, recommended_action: advice.action, data_quality: advice.dataQuality }).where('id', '=', eventId).execute();
  const c = classifyTransition({ previous: previousState, next: { level, pc: u.pc, action: advice.action } }, thresholds.pushPolicy ?? DEFAULT_PUSH_POLICY);
  const alert = c.record
    ? await insertAlert(trx, {
        tenantId,
        eventId,
        updateId: upd.id,
        level,
        previous,
        pc: u.pc,
        missKm: u.missDistanceKm,
        tcaUtc,
        object1: u.object1,
        object2: u.object2,
        now,
        pushed: c.push,
        reasons: c.reasons,
        action: advice.action,
        previousAction: previousState?.action ?? 'none',
      })
    : undefined;
  return { eventId, updateId: upd.id, created: target === undefined, alert };
}

/** At most this many other approaches are stored with an update (the count is always kept). */
export const OTHER_APPROACHES_STORED = 50;

/** The stored JSON of a pair's other approaches in a run: their count and the first ones by TCA. */
export function otherApproachesJson(ts: TimeScales, others: readonly ScreeningEvent[] | undefined): string | null {
  if (others === undefined || others.length === 0) return null;
  return JSON.stringify({
    count: others.length,
    approaches: others.slice(0, OTHER_APPROACHES_STORED).map((o) => ({ tca: ts.formatUtcIso(o.tca, 3), missDistanceKm: o.missDistanceKm, relativeSpeedKmPerS: o.relativeSpeedKmPerS })),
  });
}


async function insertAlert(
  trx: Transaction<Database>,
  a: {
    tenantId: number;
    eventId: number;
    updateId: number;
    level: AlertLevel;
    previous: AlertLevel;
    pc: number;
    missKm: number;
    tcaUtc: string;
    object1: number;
    object2: number;
    now: string;
    pushed: boolean;
    reasons: readonly string[];
    action: RecommendedAction;
    previousAction: RecommendedAction;
  },
): Promise<AlertRow> {
  return trx
    .insertInto('alerts')
    .values({
      tenant_id: a.tenantId,
      event_id: a.eventId,
      update_id: a.updateId,
      level: a.level,
      previous_level: a.previous,
      // A level change is an escalation or de-escalation; a red Pc rising a decade an escalation; else an action change.
      kind: LEVEL_RANK[a.level] > LEVEL_RANK[a.previous] || (a.level === a.previous && a.reasons.includes('pc-band')) ? 'escalation' : LEVEL_RANK[a.level] < LEVEL_RANK[a.previous] ? 'de-escalation' : 'action-change',
      pc: a.pc,
      miss_distance_km: a.missKm,
      tca_utc: a.tcaUtc,
      object1: a.object1,
      object2: a.object2,
      created_at: a.now,
      acknowledged_at: null,
      acknowledged_by_key: null,
      pushed: a.pushed ? 1 : 0,
      reasons: JSON.stringify(a.reasons),
      recommended_action: a.action,
      previous_action: a.previousAction,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes every open event whose TCA is before `now` (all tenants); returns how many were closed. */
export async function closePassedEvents(db: Kysely<Database>, now: Date): Promise<number> {
  const iso = now.toISOString();
  const r = await db.updateTable('events').set({ status: 'closed', closed_at: iso, updated_at: iso }).where('status', '=', 'open').where('tca_utc', '<', iso).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The JSON view of an alert (API, webhooks and the SSE stream). */
export function alertView(a: AlertRow) {
  return {
    id: a.id,
    eventId: a.event_id,
    updateId: a.update_id,
    level: a.level,
    previousLevel: a.previous_level,
    kind: a.kind,
    pc: a.pc,
    missDistanceKm: a.miss_distance_km,
    tca: a.tca_utc,
    object1: a.object1,
    object2: a.object2,
    createdAt: a.created_at,
    acknowledgedAt: a.acknowledged_at,
    /** Pushed (webhook, SSE, badge) under the tenant's alert policy; false: on the board only. */
    pushed: a.pushed === 1,
    reasons: a.reasons !== null ? (JSON.parse(a.reasons) as string[]) : ['level'],
    recommendedAction: a.recommended_action,
    previousAction: a.previous_action,
  };
}
