/**
 * Recording a job's results in short transactions that yield to the event loop between them. The matching of
 * results to the tenant's open events (same pair, TCA of any of the run's approaches of the pair within the tolerance,
 * closest claim first, each event claimed once) is decided once, from the screening events, before anything is
 * assessed; then each chunk of assessed results is written in its own transaction (every event update with its
 * event row, CDM and alert complete, never half of one), and the event loop runs between chunks, so that reads and
 * /health answer while a large job records. A job stopped between chunks leaves only whole updates.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ElementSet, ScreeningEvent, TimeScales } from '@skylane/core';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { nowIso } from '../storage/catalog.ts';
import { appendEventUpdate, otherApproachesJson, tcaGapS, tcaMatchToleranceS, tenantThresholds, type AlertRow, type UpdateTarget } from './events.ts';
import type { AssessedRecord } from './jobTask.ts';

/** For each screening event, the id of the open event it updates (undefined: it opens a new event). */
export async function matchOpenEvents(db: Kysely<Database>, tenantId: number, events: readonly ScreeningEvent[], elementSets: ReadonlyMap<number, ElementSet>, others: readonly (readonly ScreeningEvent[])[] = []): Promise<(number | undefined)[]> {
  const open = await db.selectFrom('events').select(['id', 'object1', 'object2', 'tca_tai_day', 'tca_tai_s']).where('tenant_id', '=', tenantId).where('status', '=', 'open').execute();
  const byPair = new Map<string, typeof open>();
  for (const e of open) {
    const k = `${e.object1}-${e.object2}`;
    const list = byPair.get(k) ?? [];
    list.push(e);
    byPair.set(k, list);
  }
  const claims = events.map((ev, i) => {
    const tol = tcaMatchToleranceS(elementSets.get(ev.object1), elementSets.get(ev.object2));
    // A pair's result matches an open event near its closest approach or near any of its other approaches of the run.
    const tcas = [ev.tca, ...(others[i] ?? []).map((o) => o.tca)];
    let best: number | undefined;
    let bestDt = Infinity;
    for (const e of byPair.get(`${ev.object1}-${ev.object2}`) ?? []) {
      const dt = Math.min(...tcas.map((t) => tcaGapS(e, t)));
      if (dt <= tol && dt < bestDt) {
        best = e.id;
        bestDt = dt;
      }
    }
    return { id: best, dt: bestDt };
  });
  // Closest match first, so that two results never claim one event.
  const taken = new Set<number>();
  const order = claims.map((_, i) => i).sort((i, j) => claims[i]!.dt - claims[j]!.dt);
  for (const i of order) {
    const c = claims[i]!;
    if (c.id === undefined) continue;
    if (taken.has(c.id)) c.id = undefined;
    else taken.add(c.id);
  }
  return claims.map((c) => c.id);
}

/** Age (days) at TCA of the older of the two element sets of a screening event; undefined when one is unknown. */
export function elementAgeDays(e: ScreeningEvent, sets: ReadonlyMap<number, ElementSet> | undefined): number | undefined {
  const s1 = sets?.get(e.object1);
  const s2 = sets?.get(e.object2);
  if (s1 === undefined || s2 === undefined) return undefined;
  return Math.max(e.tca.secondsSince(s1.epoch), e.tca.secondsSince(s2.epoch)) / 86_400;
}

export interface ChunkResult {
  readonly eventsCreated: number;
  readonly eventsUpdated: number;
  readonly alerts: AlertRow[];
}

/**
 * Writes one chunk of a job's assessed results in one transaction, then lets the event loop run. `targets[k]` is
 * the open event that `events[k]` updates (from `matchOpenEvents`); its current level and update count are read
 * inside the transaction, and an event closed meanwhile is left alone (the result opens a new event).
 */
export async function recordChunk(
  db: Kysely<Database>,
  ts: TimeScales,
  tenantId: number,
  jobId: number,
  events: readonly ScreeningEvent[],
  assessed: readonly AssessedRecord[],
  targets: readonly (number | undefined)[],
  others: readonly (readonly ScreeningEvent[])[] = [],
  quality: { readonly clock?: Date; readonly elementSets?: ReadonlyMap<number, ElementSet> } = {},
): Promise<ChunkResult> {
  const result = await db.transaction().execute(async (trx) => {
    const thresholds = await tenantThresholds(trx, tenantId);
    const ids = targets.filter((t): t is number => t !== undefined);
    const current = new Map<number, UpdateTarget>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx.selectFrom('events').select(['id', 'alert_level', 'update_count', 'pc', 'recommended_action']).where('tenant_id', '=', tenantId).where('status', '=', 'open').where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) current.set(r.id, r);
    }
    const now = nowIso();
    const alerts: AlertRow[] = [];
    let created = 0;
    let updated = 0;
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      const a = assessed[k]!;
      const target = targets[k] !== undefined ? current.get(targets[k]!) : undefined;
      const r = await appendEventUpdate(
        trx,
        ts,
        tenantId,
        thresholds,
        target,
        {
          object1: e.object1,
          object2: e.object2,
          tca: e.tca,
          missDistanceKm: e.missDistanceKm,
          relativeSpeedKmPerS: e.relativeSpeedKmPerS,
          missRtnKm: e.missRtnKm,
          pc: a.pc,
          maxPc: a.maxPc,
          pcMethod: a.pcMethod,
          hbrM: a.hbrM,
          cdmKvn: a.cdmKvn,
          source: 'screening',
          jobId,
          cdmId: null,
          otherApproachesJson: otherApproachesJson(ts, others[k]),
          // Screening Pc rests on default (assumed) covariances; data quality also counts the older element set's age at TCA.
          covarianceSource: 'default',
          elementAgeDays: elementAgeDays(e, quality.elementSets),
          ...(quality.clock !== undefined ? { clockIso: quality.clock.toISOString() } : {}),
        },
        now,
      );
      if (r.created) created++;
      else updated++;
      if (r.alert) alerts.push(r.alert);
    }
    return { eventsCreated: created, eventsUpdated: updated, alerts };
  });
  await yieldToLoop();
  return result;
}
