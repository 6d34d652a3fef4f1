/** Operator-data routes: the tenant's uploaded ephemerides (OEM segments) and CDMs. */
import { Type } from 'typebox';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { notFound } from '../problem.ts';

const Page = PAGE_QUERY_FIELDS;
const Catnr = Type.Integer({ minimum: 1, maximum: 999_999_999 });

export function registerOperatorDataRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  const ephemerisColumns = ['id', 'upload_id', 'catalog_number', 'object_name', 'object_id', 'center_name', 'ref_frame', 'start_utc', 'stop_utc', 'state_count', 'covariance_count', 'received_at'] as const;
  const ephemerisView = (e: { id: number; upload_id: number; catalog_number: number | null; object_name: string; object_id: string; center_name: string; ref_frame: string; start_utc: string; stop_utc: string; state_count: number; covariance_count: number; received_at: string }) => ({
    id: e.id,
    uploadId: e.upload_id,
    catalogNumber: e.catalog_number,
    objectName: e.object_name,
    objectId: e.object_id,
    centerName: e.center_name,
    refFrame: e.ref_frame,
    start: e.start_utc,
    stop: e.stop_utc,
    stateCount: e.state_count,
    covarianceCount: e.covariance_count,
    receivedAt: e.received_at,
  });

  app.get(
    '/api/v1/ephemerides',
    { config: { role: 'viewer' }, schema: { tags: ['operator data'], summary: "This tenant's uploaded ephemerides (one OEM segment each), newest first", querystring: Type.Object({ ...Page, catalogNumber: Type.Optional(Catnr) }) } },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('ephemerides')
        .select([...ephemerisColumns])
        .where('tenant_id', '=', p.tenantId)
        .$if(q.catalogNumber !== undefined, (x) => x.where('catalog_number', '=', q.catalogNumber ?? 0))
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => r.id, ephemerisView);
    },
  );

  app.get(
    '/api/v1/ephemerides/:ephemerisId',
    { config: { role: 'viewer' }, schema: { tags: ['operator data'], summary: 'One ephemeris with its states [utc, x, y, z (km), vx, vy, vz (km/s)] in its REF_FRAME', params: Type.Object({ ephemerisId: Type.Integer({ minimum: 1 }) }) } },
    async (request) => {
      const p = principalOf(request);
      const e = await db.selectFrom('ephemerides').selectAll().where('id', '=', request.params.ephemerisId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (e === undefined) throw notFound(`ephemeris ${request.params.ephemerisId}`);
      return { ...ephemerisView(e), states: JSON.parse(e.states_json) as unknown };
    },
  );

  app.get(
    '/api/v1/cdms',
    {
      config: { role: 'viewer' },
      schema: { tags: ['operator data'], summary: "This tenant's uploaded CDMs, newest first (object: either side; eventId: the linked event)", querystring: Type.Object({ ...Page, object: Type.Optional(Catnr), eventId: Type.Optional(Type.Integer({ minimum: 1 })) }) },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('cdms')
        .select(['id', 'upload_id', 'event_id', 'object1', 'object2', 'message_id', 'originator', 'tca_utc', 'miss_distance_km', 'pc', 'received_at', 'cdm_kvn'])
        .where('tenant_id', '=', p.tenantId)
        .$if(q.object !== undefined, (x) => x.where((eb) => eb.or([eb('object1', '=', q.object ?? 0), eb('object2', '=', q.object ?? 0)])))
        .$if(q.eventId !== undefined, (x) => x.where('event_id', '=', q.eventId ?? 0))
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => r.id, (c) => ({
        id: c.id,
        uploadId: c.upload_id,
        eventId: c.event_id,
        object1: c.object1,
        object2: c.object2,
        messageId: c.message_id,
        originator: c.originator,
        tca: c.tca_utc,
        missDistanceKm: c.miss_distance_km,
        pc: c.pc,
        receivedAt: c.received_at,
        kvn: c.cdm_kvn,
      }));
    },
  );
}
