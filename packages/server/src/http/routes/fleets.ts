/** Fleet routes: a tenant's named sets of its own satellites (catalog numbers), the primaries of its screenings. */
import { Type } from 'typebox';
import { knownCatalogNumbers, nowIso } from '../../storage/catalog.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem, notFound } from '../problem.ts';

const FleetParams = Type.Object({ fleetId: Type.Integer({ minimum: 1 }) });
const Members = Type.Array(Type.Integer({ minimum: 1, maximum: 999_999_999 }), { maxItems: 10_000 });

export function registerFleetRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  const loadFleet = async (tenantId: number, fleetId: number) => {
    const f = await db.selectFrom('fleets').selectAll().where('id', '=', fleetId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (f === undefined) throw notFound(`fleet ${fleetId}`);
    const members = await db.selectFrom('fleet_members').select('catalog_number').where('fleet_id', '=', f.id).orderBy('catalog_number').execute();
    return { id: f.id, name: f.name, createdAt: f.created_at, members: members.map((m) => m.catalog_number) };
  };

  const checkKnown = async (tenantId: number, members: readonly number[]) => {
    const known = await knownCatalogNumbers(db, tenantId, members);
    const unknown = members.filter((m) => !known.has(m));
    if (unknown.length > 0) {
      throw new HttpProblem(422, 'unknown-objects', 'Unknown objects', `${unknown.length} catalog number(s) have no element set visible to this tenant: upload their elements first.`, {
        errors: unknown.map((n) => ({ catalogNumber: n, reason: 'no element set visible to this tenant' })),
      });
    }
  };

  const addMembers = async (fleetId: number, members: readonly number[]) => {
    const existing = new Set((await db.selectFrom('fleet_members').select('catalog_number').where('fleet_id', '=', fleetId).execute()).map((r) => r.catalog_number));
    const fresh = [...new Set(members)].filter((m) => !existing.has(m));
    const now = nowIso();
    for (let i = 0; i < fresh.length; i += 500) {
      await db.insertInto('fleet_members').values(fresh.slice(i, i + 500).map((c) => ({ fleet_id: fleetId, catalog_number: c, added_at: now }))).execute();
    }
  };

  app.get('/api/v1/fleets', { config: { role: 'viewer' }, schema: { tags: ['fleets'], summary: "This tenant's fleets" } }, async (request) => {
    const p = principalOf(request);
    const rows = await db
      .selectFrom('fleets')
      .leftJoin('fleet_members', 'fleet_members.fleet_id', 'fleets.id')
      .select(['fleets.id', 'fleets.name', 'fleets.created_at', db.fn.count<number>('fleet_members.catalog_number').as('n')])
      .where('fleets.tenant_id', '=', p.tenantId)
      .groupBy(['fleets.id', 'fleets.name', 'fleets.created_at'])
      .orderBy('fleets.id')
      .execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, memberCount: Number(r.n) })) };
  });

  app.post(
    '/api/v1/fleets',
    {
      config: { role: 'operator' },
      schema: { tags: ['fleets'], summary: 'Create a fleet', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), members: Type.Optional(Members) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const members = request.body.members ?? [];
      await checkKnown(p.tenantId, members);
      const dup = await db.selectFrom('fleets').select('id').where('tenant_id', '=', p.tenantId).where('name', '=', request.body.name).executeTakeFirst();
      if (dup !== undefined) throw new HttpProblem(409, 'conflict', 'Conflict', `this tenant already has a fleet named "${request.body.name}" (id ${dup.id}).`);
      const f = await db.insertInto('fleets').values({ tenant_id: p.tenantId, name: request.body.name, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
      await addMembers(f.id, members);
      reply.header('location', `/api/v1/fleets/${f.id}`);
      return reply.code(201).send(await loadFleet(p.tenantId, f.id));
    },
  );

  app.get('/api/v1/fleets/:fleetId', { config: { role: 'viewer' }, schema: { tags: ['fleets'], summary: 'One fleet with its members', params: FleetParams } }, async (request) =>
    loadFleet(principalOf(request).tenantId, request.params.fleetId),
  );

  app.post(
    '/api/v1/fleets/:fleetId/members',
    { config: { role: 'operator' }, schema: { tags: ['fleets'], summary: 'Add members', params: FleetParams, body: Type.Object({ members: Members }, { additionalProperties: false }) } },
    async (request) => {
      const p = principalOf(request);
      await loadFleet(p.tenantId, request.params.fleetId);
      await checkKnown(p.tenantId, request.body.members);
      await addMembers(request.params.fleetId, request.body.members);
      return loadFleet(p.tenantId, request.params.fleetId);
    },
  );

  app.delete(
    '/api/v1/fleets/:fleetId/members/:catalogNumber',
    { config: { role: 'operator' }, schema: { tags: ['fleets'], summary: 'Remove a member', params: Type.Object({ fleetId: Type.Integer({ minimum: 1 }), catalogNumber: Type.Integer({ minimum: 1 }) }) } },
    async (request) => {
      const p = principalOf(request);
      await loadFleet(p.tenantId, request.params.fleetId);
      const r = await db.deleteFrom('fleet_members').where('fleet_id', '=', request.params.fleetId).where('catalog_number', '=', request.params.catalogNumber).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound(`member ${request.params.catalogNumber} of fleet ${request.params.fleetId}`);
      return loadFleet(p.tenantId, request.params.fleetId);
    },
  );

  app.delete('/api/v1/fleets/:fleetId', { config: { role: 'operator' }, schema: { tags: ['fleets'], summary: 'Delete a fleet', params: FleetParams } }, async (request, reply) => {
    const p = principalOf(request);
    await loadFleet(p.tenantId, request.params.fleetId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('fleet_members').where('fleet_id', '=', request.params.fleetId).execute();
      await trx.deleteFrom('fleets').where('id', '=', request.params.fleetId).where('tenant_id', '=', p.tenantId).execute();
    });
    return reply.code(204).send();
  });
}
