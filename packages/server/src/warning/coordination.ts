/**
 * Coordination between operators (issue 20 item 5): a tenant publishes a planned maneuver (CCSDS OPM with MAN blocks
 * and/or the OEM of the maneuvered trajectory) for one of its events; the tenants whose fleets hold the other object
 * of the pair (the counterparts) see it through their own event of the same pair and encounter, their fleets are
 * re-screened against the published trajectory (when an OEM is given), and each side records its status
 * (publisher: proposed / executed / withdrawn; counterpart: accepted / declined), every change kept as an audit row
 * (who: tenant, side and key; when; note).
 */
import {
  ephemerisInputFromOem,
  planScreeningInputs,
  readOemKvn,
  readOpmKvn,
  runScreeningPlan,
  sgp4InputFrom,
  SkylaneError,
  type TimeScales,
  type TrajectoryInput,
} from '@skylane/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ManeuverPlanStatus, ManeuverPlansTable } from '../storage/schema.ts';
import { currentElementSets, elementSetFromRow } from '../storage/catalog.ts';

/** Largest TCA difference (s) between a published plan's event and a counterpart's event of the same pair. */
export const PLAN_TCA_MATCH_S = 900;
/** Longest span of a published OEM that is re-screened (s): 7 days. */
export const RESCREEN_MAX_S = 7 * 86_400;
/** Sphere of the counterpart re-screening (km). */
export const RESCREEN_RADIUS_KM = 5;

export type PlanSide = 'publisher' | 'counterpart';

/** Statuses each side may record. */
export const SIDE_STATUSES: Readonly<Record<PlanSide, readonly ManeuverPlanStatus[]>> = {
  publisher: ['proposed', 'executed', 'withdrawn'],
  counterpart: ['accepted', 'declined'],
};

/** A coordination request the service refuses: `status` is the HTTP status, the message teaches the fix. */
export class CoordinationError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface PublishInput {
  readonly opmKvn?: string | undefined;
  readonly oemKvn?: string | undefined;
  readonly note?: string | undefined;
  readonly maneuveredObject?: number | undefined;
}

interface ManeuverSummary {
  readonly epoch: string;
  readonly durationS: number;
  readonly refFrame: string;
  readonly dvMps: readonly [number, number, number];
  readonly dvNormMps: number;
  readonly deltaMassKg: number;
}

interface PlanSummary {
  readonly maneuvers: readonly ManeuverSummary[];
  readonly trajectory: { readonly start: string; readonly stop: string; readonly stateCount: number; readonly covarianceCount: number } | null;
  readonly counterpartTenantIds: readonly number[];
}

/** One counterpart's re-screening of its fleet against the published trajectory. */
export interface CounterpartRescreening {
  readonly screened: boolean;
  readonly reason?: string;
  readonly window?: { readonly start: string; readonly stop: string };
  readonly objects?: number;
  readonly radiusKm?: number;
  readonly approaches?: readonly { readonly object: number; readonly tca: string; readonly missDistanceKm: number; readonly relativeSpeedKmPerS: number }[];
}

const isoOf = (ts: TimeScales, i: Parameters<TimeScales['formatUtcIso']>[0]): string => ts.formatUtcIso(i, 3);

function parseOpm(text: string, ts: TimeScales): ManeuverSummary[] {
  let r;
  try {
    r = readOpmKvn(text, { timeScales: ts });
  } catch (e) {
    throw new CoordinationError(400, `the OPM could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (r.opm.maneuvers.length === 0) throw new CoordinationError(400, 'the OPM has no maneuver (MAN_EPOCH_IGNITION … MAN_DV_3 block): publish the OPM of the planned maneuver, with its MAN blocks.');
  return r.opm.maneuvers.map((m) => {
    const dv = m.deltaVKmPerS.map((x) => x * 1000) as [number, number, number];
    return { epoch: isoOf(ts, m.epochIgnition), durationS: m.durationS, refFrame: m.refFrame, dvMps: dv, dvNormMps: Math.hypot(...dv), deltaMassKg: m.deltaMassKg };
  });
}

function parseOem(text: string, ts: TimeScales, catalogNumber: number): { input: TrajectoryInput; start: string; stop: string; states: number; covariances: number } {
  let seg;
  try {
    const r = readOemKvn(text, { timeScales: ts });
    seg = r.segments[0];
  } catch (e) {
    throw new CoordinationError(400, `the OEM could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (seg === undefined || seg.states.length < 2) throw new CoordinationError(400, 'the OEM has no segment with at least two states: publish the maneuvered trajectory as an OEM.');
  try {
    const input = ephemerisInputFromOem(seg, { catalogNumber, timeScales: ts });
    return { input, start: isoOf(ts, seg.states[0]!.epoch), stop: isoOf(ts, seg.states[seg.states.length - 1]!.epoch), states: seg.states.length, covariances: seg.covariances.length };
  } catch (e) {
    throw new CoordinationError(400, `the OEM cannot be used as a trajectory: ${e instanceof SkylaneError ? e.message : String(e)}`);
  }
}

/** Catalog numbers in the fleets of a tenant. */
async function fleetObjects(db: Kysely<Database>, tenantId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.tenant_id', '=', tenantId).execute();
  return new Set(rows.map((r) => r.catalog_number));
}

/**
 * Screens the counterpart's fleet objects (their current element sets visible to it) against the published trajectory
 * (primary: the maneuvered object's OEM) over the OEM's span, at most 7 days, inside a 5 km sphere.
 */
export async function rescreenCounterpart(db: Kysely<Database>, ts: TimeScales, counterpartTenantId: number, oem: { input: TrajectoryInput; start: string; stop: string }, maneuvered: number): Promise<CounterpartRescreening> {
  const own = [...(await fleetObjects(db, counterpartTenantId))].filter((o) => o !== maneuvered);
  if (own.length === 0) return { screened: false, reason: 'the counterpart has no fleet object other than the maneuvered one' };
  const rows = await currentElementSets(db, counterpartTenantId, { catalogNumbers: own });
  if (rows.length === 0) return { screened: false, reason: "no element set of the counterpart's fleet objects is visible to it" };
  const start = ts.parseUtcIso(oem.start);
  const durationS = Math.min(RESCREEN_MAX_S, ts.parseUtcIso(oem.stop).secondsSince(start));
  if (!(durationS > 60)) return { screened: false, reason: 'the published OEM spans less than a minute' };
  const inputs: TrajectoryInput[] = [oem.input, ...rows.map((r) => sgp4InputFrom(elementSetFromRow(r), ts))];
  const plan = planScreeningInputs(inputs, { start, durationS, volume: { kind: 'sphere', radiusKm: RESCREEN_RADIUS_KM }, primaries: [maneuvered], timeScales: ts });
  const result = runScreeningPlan(plan, ts);
  const approaches = result.events
    .map((e) => ({ object: e.object1 === maneuvered ? e.object2 : e.object1, tca: isoOf(ts, e.tca), missDistanceKm: e.missDistanceKm, relativeSpeedKmPerS: e.relativeSpeedKmPerS }))
    .sort((a, b) => a.missDistanceKm - b.missDistanceKm);
  return { screened: true, window: { start: oem.start, stop: isoOf(ts, ts.plusUtcClockSeconds(start, durationS)) }, objects: rows.length, radiusKm: RESCREEN_RADIUS_KM, approaches };
}

/** Publishes a plan for the tenant's event; throws CoordinationError 404 when the event is not the tenant's. */
export async function publishPlan(db: Kysely<Database>, ts: TimeScales, tenantId: number, apiKeyId: number | null, eventId: number, input: PublishInput, now: string): Promise<number> {
  const e = await db.selectFrom('events').selectAll().where('id', '=', eventId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (e === undefined) throw new CoordinationError(404, `event ${eventId} does not exist or is not visible to this tenant.`);
  if (input.opmKvn === undefined && input.oemKvn === undefined) throw new CoordinationError(400, 'send the planned maneuver as `opm` (CCSDS OPM KVN with MAN blocks) and/or `oem` (the maneuvered trajectory, CCSDS OEM KVN).');
  const own = await fleetObjects(db, tenantId);
  const maneuvered = input.maneuveredObject ?? (own.has(e.object1) ? e.object1 : own.has(e.object2) ? e.object2 : e.object1);
  if (maneuvered !== e.object1 && maneuvered !== e.object2) throw new CoordinationError(400, `maneuveredObject ${maneuvered} is not in event ${eventId} (objects ${e.object1} and ${e.object2}).`);
  const other = maneuvered === e.object1 ? e.object2 : e.object1;
  const maneuvers = input.opmKvn !== undefined ? parseOpm(input.opmKvn, ts) : [];
  const oem = input.oemKvn !== undefined ? parseOem(input.oemKvn, ts, maneuvered) : undefined;
  // The counterparts: every other tenant whose fleets hold the other object.
  const cps = await db
    .selectFrom('fleet_members')
    .innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id')
    .select('fleets.tenant_id')
    .distinct()
    .where('fleet_members.catalog_number', '=', other)
    .where('fleets.tenant_id', '!=', tenantId)
    .execute();
  const counterpartTenantIds = cps.map((c) => Number(c.tenant_id)).sort((a, b) => a - b);
  const summary: PlanSummary = { maneuvers, trajectory: oem !== undefined ? { start: oem.start, stop: oem.stop, stateCount: oem.states, covarianceCount: oem.covariances } : null, counterpartTenantIds };
  const rescreens = new Map<number, CounterpartRescreening>();
  for (const c of counterpartTenantIds) rescreens.set(c, oem !== undefined ? await rescreenCounterpart(db, ts, c, oem, maneuvered) : { screened: false, reason: 'no OEM was published: nothing to screen against' });
  return db.transaction().execute(async (trx) => {
    const plan = await trx
      .insertInto('maneuver_plans')
      .values({
        tenant_id: tenantId,
        event_id: eventId,
        object1: e.object1,
        object2: e.object2,
        maneuvered_object: maneuvered,
        tca_utc: e.tca_utc,
        status: 'proposed',
        summary_json: JSON.stringify(summary),
        opm_kvn: input.opmKvn ?? null,
        oem_kvn: input.oemKvn ?? null,
        note: input.note ?? null,
        created_by_key: apiKeyId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('maneuver_plan_updates').values({ plan_id: plan.id, tenant_id: tenantId, event_id: eventId, side: 'publisher', status: 'proposed', note: input.note ?? null, by_key: apiKeyId, result_json: null, created_at: now }).execute();
    for (const [c, r] of rescreens) {
      await trx
        .insertInto('maneuver_plan_updates')
        .values({ plan_id: plan.id, tenant_id: c, event_id: null, side: 'counterpart', status: 'proposed', note: 'automatic re-screening of this fleet against the published trajectory', by_key: null, result_json: JSON.stringify(r), created_at: now })
        .execute();
    }
    return plan.id;
  });
}

type PlanRow = Selectable<ManeuverPlansTable>;

/** The plans visible through a tenant's event: its own, and those published by others on the same pair and encounter. */
async function plansForEvent(db: Kysely<Database>, tenantId: number, eventId: number): Promise<{ row: PlanRow; side: PlanSide }[]> {
  const e = await db.selectFrom('events').selectAll().where('id', '=', eventId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (e === undefined) throw new CoordinationError(404, `event ${eventId} does not exist or is not visible to this tenant.`);
  const own = await db.selectFrom('maneuver_plans').selectAll().where('tenant_id', '=', tenantId).where('event_id', '=', eventId).orderBy('id').execute();
  const others = await db.selectFrom('maneuver_plans').selectAll().where('object1', '=', e.object1).where('object2', '=', e.object2).where('tenant_id', '!=', tenantId).orderBy('id').execute();
  const near = others.filter((p) => Math.abs(Date.parse(p.tca_utc) - Date.parse(e.tca_utc)) <= PLAN_TCA_MATCH_S * 1000 && (JSON.parse(p.summary_json) as PlanSummary).counterpartTenantIds.includes(tenantId));
  return [...own.map((row) => ({ row, side: 'publisher' as const })), ...near.map((row) => ({ row, side: 'counterpart' as const }))];
}

/** The JSON view of the plans visible through a tenant's event, each with its audit trail. */
export async function listPlans(db: Kysely<Database>, tenantId: number, eventId: number) {
  const plans = await plansForEvent(db, tenantId, eventId);
  const out = [];
  for (const { row, side } of plans) {
    const history = await db.selectFrom('maneuver_plan_updates').selectAll().where('plan_id', '=', row.id).orderBy('id').execute();
    const summary = JSON.parse(row.summary_json) as PlanSummary;
    const publisher = await db.selectFrom('tenants').select('name').where('id', '=', row.tenant_id).executeTakeFirst();
    const mine = history.find((h) => h.side === 'counterpart' && h.tenant_id === tenantId && h.result_json !== null);
    out.push({
      id: row.id,
      side,
      publisher: publisher?.name ?? null,
      eventId: side === 'publisher' ? row.event_id : eventId,
      object1: row.object1,
      object2: row.object2,
      maneuveredObject: row.maneuvered_object,
      tca: row.tca_utc,
      status: row.status,
      note: row.note,
      maneuvers: summary.maneuvers,
      trajectory: summary.trajectory,
      counterparts: side === 'publisher' ? summary.counterpartTenantIds.length : undefined,
      counterpartRescreening: side === 'counterpart' && mine !== undefined ? (JSON.parse(mine.result_json!) as CounterpartRescreening) : undefined,
      opm: row.opm_kvn,
      oem: row.oem_kvn,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      // The audit trail: every status of either side; key ids only of the caller's own side.
      history: history
        .filter((h) => h.side === 'publisher' || h.tenant_id === tenantId || side === 'publisher')
        .map((h) => ({ side: h.side, status: h.status, note: h.note, at: h.created_at, byKeyId: h.tenant_id === tenantId ? h.by_key : null, own: h.tenant_id === tenantId })),
    });
  }
  return out;
}

/** Records a status of one side (the side is the caller's relation to the plan) with a note; returns the plan's new status. */
export async function recordPlanStatus(db: Kysely<Database>, tenantId: number, apiKeyId: number | null, eventId: number, planId: number, status: ManeuverPlanStatus, note: string | undefined, now: string): Promise<ManeuverPlanStatus> {
  const plan = (await plansForEvent(db, tenantId, eventId)).find((p) => p.row.id === planId);
  if (plan === undefined) throw new CoordinationError(404, `maneuver plan ${planId} of event ${eventId} does not exist or is not visible to this tenant.`);
  const allowed = SIDE_STATUSES[plan.side];
  if (!allowed.includes(status)) throw new CoordinationError(409, `as the ${plan.side} of plan ${planId} this tenant may record ${allowed.join(', ')}; "${status}" is the other side's to record.`);
  if (plan.row.status === 'executed' || plan.row.status === 'withdrawn') throw new CoordinationError(409, `plan ${planId} is ${plan.row.status}: publish a new plan instead.`);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('maneuver_plan_updates').values({ plan_id: planId, tenant_id: tenantId, event_id: eventId, side: plan.side, status, note: note ?? null, by_key: apiKeyId, result_json: null, created_at: now }).execute();
    await trx.updateTable('maneuver_plans').set({ status, updated_at: now }).where('id', '=', planId).execute();
  });
  return status;
}
