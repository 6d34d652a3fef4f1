/**
 * Operator admin API (`/api/v1/admin/…`): create tenants with their first admin key, list tenants, issue a key for a
 * tenant that lost its admin key. Authorised by the operator token (SKYLANE_OPERATOR_TOKEN, `Authorization: Bearer
 * <token>`), never by a tenant API key; while the token is unset every admin route answers 403. New keys are in the
 * 201 answer only (`Cache-Control: no-store`) and never stored or logged.
 */
import { Type } from 'typebox';
import { createTenantWithAdminKey, issueTenantKey, listTenants, TenantAdminError, TENANT_NAME_PATTERN } from '../../storage/tenantAdmin.ts';
import type { App, RouteContext } from '../app.ts';
import { operatorTokenMatches } from '../operatorAuth.ts';
import { HttpProblem } from '../problem.ts';

const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('admin')]);
const OPERATOR_SECURITY = [{ operatorToken: [] }];

/** The problem of a refused tenant-administration request. */
export function tenantAdminProblem(e: TenantAdminError): HttpProblem {
  switch (e.code) {
    case 'TENANT_EXISTS':
      return new HttpProblem(409, 'tenant-exists', 'Tenant exists', e.message, { code: e.code });
    case 'LAST_ADMIN_KEY':
      return new HttpProblem(409, 'last-admin-key', 'Last admin key', e.message, { code: e.code });
    case 'TENANT_NOT_FOUND':
    case 'KEY_NOT_FOUND':
      return new HttpProblem(404, 'not-found', 'Not found', e.message, { code: e.code });
    case 'TENANT_NAME_INVALID':
      return new HttpProblem(400, 'bad-request', 'Bad request', e.message, { code: e.code });
  }
}

export function registerAdminRoutes(app: App, ctx: RouteContext, operatorToken: string | undefined): void {
  const db = ctx.store.db;

  app.addHook('onRequest', async (request, reply) => {
    if (operatorToken === undefined) {
      throw new HttpProblem(403, 'operator-api-disabled', 'Operator API disabled', 'the operator admin API is disabled: start the server with SKYLANE_OPERATOR_TOKEN set (or use `skylane tenant create`).');
    }
    if (!operatorTokenMatches(request, operatorToken)) {
      reply.header('www-authenticate', 'Bearer realm="skylane-operator"');
      throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'the admin API needs the operator token (SKYLANE_OPERATOR_TOKEN) as Authorization: Bearer <token>; tenant API keys are not accepted.');
    }
    reply.header('cache-control', 'no-store');
  });

  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw e instanceof TenantAdminError ? tenantAdminProblem(e) : e;
    }
  };

  app.post(
    '/api/v1/admin/tenants',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a tenant and its first admin key (operator token; the key is in this answer only)',
        security: OPERATOR_SECURITY,
        body: Type.Object(
          {
            name: Type.String({ pattern: TENANT_NAME_PATTERN.source, description: '1–64 letters, digits, ".", "_", "-"' }),
            catalogPublisher: Type.Optional(Type.Boolean({ description: 'may publish element sets to the shared public catalog (default false)' })),
            keyLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await wrap(() => createTenantWithAdminKey(db, b.name, { ...(b.catalogPublisher !== undefined ? { catalogPublisher: b.catalogPublisher } : {}), ...(b.keyLabel !== undefined ? { keyLabel: b.keyLabel } : {}) }));
      request.log.info({ tenantId: created.tenant.id, keyId: created.adminKey.keyId }, 'tenant created by the operator');
      const k = created.adminKey;
      return reply.code(201).send({
        id: created.tenant.id,
        name: created.tenant.name,
        catalogPublisher: created.tenant.catalog_publisher === 1,
        adminKey: { id: k.id, keyId: k.keyId, role: k.role, label: k.label, apiKey: k.apiKey },
      });
    },
  );

  app.get('/api/v1/admin/tenants', { schema: { tags: ['admin'], summary: 'Tenants with their counts of active keys (operator token)', security: OPERATOR_SECURITY } }, async () => ({ items: await listTenants(db) }));

  app.post(
    '/api/v1/admin/tenants/:tenantId/keys',
    {
      schema: {
        tags: ['admin'],
        summary: "Issue a key for a tenant, e.g. a new admin key when the tenant's was lost (operator token; shown once)",
        security: OPERATOR_SECURITY,
        params: Type.Object({ tenantId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ role: RoleSchema, label: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const k = await wrap(() => issueTenantKey(db, request.params.tenantId, request.body.role, request.body.label));
      request.log.info({ tenantId: request.params.tenantId, keyId: k.keyId, role: k.role }, 'key issued by the operator');
      return reply.code(201).send({ id: k.id, keyId: k.keyId, role: k.role, label: k.label, apiKey: k.apiKey });
    },
  );
}
