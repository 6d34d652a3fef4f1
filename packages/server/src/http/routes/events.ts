/**
 * Event routes: conjunction events of the tenant (one per object pair and encounter) with filters and cursor
 * pagination, one event with its update history and uploaded CDMs, and the CDM of an update in KVN or XML.
 */
import { Type } from 'typebox';
import { readCdmKvn, writeCdmXml } from '@skylane/core';
import type { Selectable } from 'kysely';
import type { EventsTable, EventUpdatesTable } from '../../storage/schema.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { badRequest, notFound } from '../problem.ts';

const Level = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]);
const EventParams = Type.Object({ eventId: Type.Integer({ minimum: 1 }) });

export function eventView(e: Selectable<EventsTable>) {
  return {
    id: e.id,
    object1: e.object1,
    object2: e.object2,
    status: e.status,
    tca: e.tca_utc,
    missDistanceKm: e.miss_distance_km,
    relativeSpeedKmPerS: e.relative_speed_km_s,
    pc: e.pc,
    maxPc: e.max_pc,
    alertLevel: e.alert_level,
    updateCount: e.update_count,
    recommendedAction: e.recommended_action,
    dataQuality: e.data_quality,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    closedAt: e.closed_at,
  };
}

function updateView(u: Omit<Selectable<EventUpdatesTable>, 'cdm_kvn'>) {
  return {
    id: u.id,
    source: u.source,
    jobId: u.job_id,
    cdmId: u.cdm_id,
    tca: u.tca_utc,
    missDistanceKm: u.miss_distance_km,
    relativeSpeedKmPerS: u.relative_speed_km_s,
    missRtnKm: [u.miss_r_km, u.miss_t_km, u.miss_n_km],
    pc: u.pc,
    pcMethod: u.pc_method,
    maxPc: u.max_pc,
    hbrM: u.hbr_m,
    alertLevel: u.alert_level,
    recommendedAction: u.recommended_action,
    covarianceSource: u.covariance_source,
    elementAgeDays: u.element_age_days,
    createdAt: u.created_at,
    cdmUrl: `/api/v1/events/${u.event_id}/cdm?updateId=${u.id}`,
    // The pair's other close approaches in the same screening run (this update is the closest): count and the first ones.
    otherApproaches: u.other_approaches_json !== null ? (JSON.parse(u.other_approaches_json) as { count: number; approaches: { tca: string; missDistanceKm: number; relativeSpeedKmPerS: number }[] }) : { count: 0, approaches: [] },
  };
}

const isoDate = (v: string | undefined, name: string): string | undefined => {
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw badRequest(`${name} "${v}" is not an ISO-8601 UTC time such as 2026-03-10T12:00:00Z.`);
  return new Date(ms).toISOString();
};

export function registerEventRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  app.get(
    '/api/v1/events',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['events'],
        summary: "This tenant's conjunction events, newest first",
        description: 'Filters: alertLevel, status (open|closed), tcaFrom/tcaTo (ISO-8601 UTC, inclusive/exclusive), object (a catalog number on either side).',
        querystring: Type.Object({
          ...PAGE_QUERY_FIELDS,
          alertLevel: Type.Optional(Level),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          tcaFrom: Type.Optional(Type.String({ maxLength: 40 })),
          tcaTo: Type.Optional(Type.String({ maxLength: 40 })),
          object: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const from = isoDate(q.tcaFrom, 'tcaFrom');
      const to = isoDate(q.tcaTo, 'tcaTo');
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('tenant_id', '=', p.tenantId)
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .$if(q.alertLevel !== undefined, (x) => x.where('alert_level', '=', q.alertLevel ?? 'green'))
        .$if(q.status !== undefined, (x) => x.where('status', '=', q.status ?? 'open'))
        .$if(from !== undefined, (x) => x.where('tca_utc', '>=', from ?? ''))
        .$if(to !== undefined, (x) => x.where('tca_utc', '<', to ?? ''))
        .$if(q.object !== undefined, (x) => x.where((eb) => eb.or([eb('object1', '=', q.object ?? 0), eb('object2', '=', q.object ?? 0)])))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => r.id, eventView);
    },
  );

  app.get('/api/v1/events/:eventId', { config: { role: 'viewer' }, schema: { tags: ['events'], summary: 'One event with its update history (oldest first; source screening or cdm) and the CDMs uploaded for it', params: EventParams } }, async (request) => {
    const p = principalOf(request);
    const e = await db.selectFrom('events').selectAll().where('id', '=', request.params.eventId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
    if (e === undefined) throw notFound(`event ${request.params.eventId}`);
    const updates = await db
      .selectFrom('event_updates')
      .select(['id', 'event_id', 'tenant_id', 'job_id', 'source', 'cdm_id', 'tca_utc', 'tca_tai_day', 'tca_tai_s', 'miss_distance_km', 'relative_speed_km_s', 'miss_r_km', 'miss_t_km', 'miss_n_km', 'pc', 'pc_method', 'max_pc', 'hbr_m', 'alert_level', 'created_at', 'other_approaches_json', 'recommended_action', 'covariance_source', 'element_age_days'])
      .where('event_id', '=', e.id)
      .where('tenant_id', '=', p.tenantId)
      .orderBy('id')
      .execute();
    const cdms = await db.selectFrom('cdms').select(['id', 'upload_id', 'message_id', 'originator', 'tca_utc', 'miss_distance_km', 'pc', 'received_at']).where('event_id', '=', e.id).where('tenant_id', '=', p.tenantId).orderBy('id').execute();
    return {
      ...eventView(e),
      history: updates.map(updateView),
      uploadedCdms: cdms.map((c) => ({ id: c.id, uploadId: c.upload_id, messageId: c.message_id, originator: c.originator, tca: c.tca_utc, missDistanceKm: c.miss_distance_km, pc: c.pc, receivedAt: c.received_at })),
    };
  });

  app.get(
    '/api/v1/events/:eventId/cdm',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['events'],
        summary: "The CDM of an event's latest update (or of `updateId`), CCSDS 508.0-B-1 KVN or XML",
        params: EventParams,
        querystring: Type.Object({ format: Type.Union([Type.Literal('kvn'), Type.Literal('xml')], { default: 'kvn' }), updateId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const e = await db.selectFrom('events').select(['id', 'latest_update_id']).where('id', '=', request.params.eventId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (e === undefined) throw notFound(`event ${request.params.eventId}`);
      const updateId = request.query.updateId ?? e.latest_update_id;
      const u = updateId === null ? undefined : await db.selectFrom('event_updates').select(['id', 'cdm_kvn']).where('id', '=', updateId).where('event_id', '=', e.id).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (u === undefined) throw notFound(`update ${String(updateId)} of event ${e.id}`);
      const name = `skylane-event-${e.id}-update-${u.id}`;
      if (request.query.format === 'kvn') {
        return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${name}.cdm"`).send(u.cdm_kvn);
      }
      const cdm = readCdmKvn(u.cdm_kvn, { timeScales: ctx.timeScales }).cdms[0];
      if (cdm === undefined) throw notFound(`the CDM of update ${u.id}`);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${name}.xml"`).send(writeCdmXml(cdm, ctx.timeScales));
    },
  );
}
