/**
 * Breakup alerts (issue 13): a breakup that POST /api/v1/breakup/detect finds (detected, with or without a parent) is
 * recorded for the calling tenant in `breakup_alerts` (parent, epoch, fragment count, the detection summary) and
 * published on the tenant's alert stream as `event: breakup-alert`. Tenant-scoped: the detection ran on the element
 * sets the caller posted and the catalog visible to the caller, so the alert is the caller's tenant's only. One breakup
 * is one alert: a detection with the same parent (or both without) and an epoch within `BREAKUP_ALERT_SAME_EPOCH_S`
 * of an existing alert of the tenant returns that alert instead of raising another.
 */
import type { Kysely, Selectable } from 'kysely';
import type { BreakupAlertsTable, Database } from '../storage/schema.ts';

/** Two detections of one parent whose epochs differ by at most this (s) are the same breakup. */
export const BREAKUP_ALERT_SAME_EPOCH_S = 3600;

export type BreakupAlertRow = Selectable<BreakupAlertsTable>;

export interface BreakupAlertInput {
  readonly parentCatalogNumber: number | null;
  readonly parentName: string | null;
  readonly epochUtc: string;
  readonly fragmentCount: number;
  /** The detection summary stored with the alert (fragments, Gabbard data, dispersion). */
  readonly detection: unknown;
}

/** The alert as the API and the stream show it. */
export function breakupAlertView(r: BreakupAlertRow): { id: number; kind: 'breakup'; parentCatalogNumber: number | null; epoch: string; fragmentCount: number; source: string; createdAt: string } {
  return { id: Number(r.id), kind: 'breakup', parentCatalogNumber: r.parent_catalog_number, epoch: r.epoch_utc, fragmentCount: r.fragment_count, source: r.source, createdAt: r.created_at };
}

/** Records the breakup for the tenant unless it is already alerted (see the module header). */
export async function recordBreakupAlert(db: Kysely<Database>, tenantId: number, b: BreakupAlertInput, now: string): Promise<{ alert: BreakupAlertRow; created: boolean }> {
  const same = await db
    .selectFrom('breakup_alerts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => (b.parentCatalogNumber === null ? eb('parent_catalog_number', 'is', null) : eb('parent_catalog_number', '=', b.parentCatalogNumber)))
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const t = Date.parse(b.epochUtc);
  const existing = same.find((r) => Math.abs(Date.parse(r.epoch_utc) - t) <= BREAKUP_ALERT_SAME_EPOCH_S * 1000);
  if (existing !== undefined) return { alert: existing, created: false };
  const alert = await db
    .insertInto('breakup_alerts')
    .values({ tenant_id: tenantId, parent_catalog_number: b.parentCatalogNumber, epoch_utc: b.epochUtc, fragment_count: b.fragmentCount, source: 'detect-route', detection_json: JSON.stringify(b.detection), created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { alert, created: true };
}
