/**
 * Breakup alerts (issue 13): a breakup that POST /api/v1/breakup/detect finds (detected, with or without a parent) is
 * recorded for the calling tenant in `breakup_alerts` (parent, epoch, fragment count, the detection summary),
 * published on the tenant's alert stream as `event: breakup-alert` and sent to its webhooks as `breakup.detected`.
 * Tenant-scoped: the detection ran on the element sets the caller posted and the catalog visible to the caller, so the
 * alert is the caller's tenant's only. One breakup is one alert: a detection with the same parent (or both without)
 * and an epoch within `BREAKUP_ALERT_SAME_EPOCH_S` of an existing alert of the tenant returns that alert instead of
 * raising another.
 */
import { readElementSets, sgp4InputFrom, Sgp4Satellite, temeToItrf, type ElementSet, type Instant, type TimeScales } from '@skylane/core';
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

/** The fragment cloud of a breakup at one instant (for the dashboard's globe). */
export interface FragmentCloud {
  readonly time: string;
  readonly frame: 'ITRF';
  /** The parent's orbit over one period from `time` (ITRF km, 60 points), when its element set is known. */
  readonly parent: { readonly catalogNumber: number; readonly positionKm: readonly number[] | null; readonly orbitKm: readonly (readonly number[])[] } | null;
  readonly fragments: readonly { readonly catalogNumber: number; readonly positionKm: readonly number[]; readonly deltaVMPerS: number | null; readonly ageH: number }[];
  /** Fragments SGP4 could not propagate to `time`. */
  readonly failed: readonly number[];
}

function teme(sat: Sgp4Satellite, set: ElementSet, t: Instant, ts: TimeScales): { r: readonly number[]; v: readonly number[] } | undefined {
  const out = new Float64Array(6);
  if (sat.propagateInto(ts.utcClockSecondsBetween(set.epoch, t) / 60, out, 0) !== 0) return undefined;
  return { r: [out[0]!, out[1]!, out[2]!], v: [out[3]!, out[4]!, out[5]!] };
}

function itrfKm(x: { r: readonly number[]; v: readonly number[] }, t: Instant, ts: TimeScales): number[] {
  const sv = temeToItrf({ r: x.r as never, v: x.v as never }, t, ts);
  return [sv.r[0], sv.r[1], sv.r[2]];
}

/**
 * Positions (ITRF km) of the fragments at `time` from the element sets stored with the detection, each with its Δv:
 * |v_fragment − v_parent| at the breakup epoch (both SGP4, TEME; null without the parent's set), and its age (hours
 * since the breakup epoch); the parent's position and one orbit from `time`.
 */
export function fragmentCloud(detection: { epoch: string; fragmentElements?: string }, parentSet: ElementSet | undefined, time: Instant, ts: TimeScales): FragmentCloud {
  const epoch = ts.parseUtcIso(detection.epoch);
  const sets = detection.fragmentElements !== undefined ? readElementSets(detection.fragmentElements, { format: 'auto', timeScales: ts }).elementSets : [];
  const parentSat = parentSet !== undefined ? Sgp4Satellite.create(sgp4InputFrom(parentSet, ts)) : undefined;
  const parentAtBreakup = parentSat !== undefined && parentSet !== undefined ? teme(parentSat, parentSet, epoch, ts) : undefined;
  const fragments: { catalogNumber: number; positionKm: number[]; deltaVMPerS: number | null; ageH: number }[] = [];
  const failed: number[] = [];
  for (const s of sets) {
    const sat = Sgp4Satellite.create(sgp4InputFrom(s, ts));
    const now = teme(sat, s, time, ts);
    if (now === undefined) {
      failed.push(s.catalogNumber);
      continue;
    }
    const atB = parentAtBreakup !== undefined ? teme(sat, s, epoch, ts) : undefined;
    const dv = atB !== undefined && parentAtBreakup !== undefined ? Math.hypot(atB.v[0]! - parentAtBreakup.v[0]!, atB.v[1]! - parentAtBreakup.v[1]!, atB.v[2]! - parentAtBreakup.v[2]!) * 1000 : null;
    fragments.push({ catalogNumber: s.catalogNumber, positionKm: itrfKm(now, time, ts), deltaVMPerS: dv, ageH: time.secondsSince(epoch) / 3600 });
  }
  let parent: FragmentCloud['parent'] = null;
  if (parentSet !== undefined && parentSat !== undefined) {
    const periodS = 86400 / parentSet.meanMotionRevPerDay;
    const orbitKm: number[][] = [];
    for (let k = 0; k <= 60; k++) {
      const t = time.plusSeconds((k * periodS) / 60);
      const x = teme(parentSat, parentSet, t, ts);
      if (x !== undefined) orbitKm.push(itrfKm(x, time, ts));
    }
    const x = teme(parentSat, parentSet, time, ts);
    parent = { catalogNumber: parentSet.catalogNumber, positionKm: x !== undefined ? itrfKm(x, time, ts) : null, orbitKm };
  }
  return { time: ts.formatUtcIso(time, 3), frame: 'ITRF', parent, fragments, failed };
}
