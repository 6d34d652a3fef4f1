/** Tenant routes: who am I, alert thresholds and push policy, API keys (admin; a new key is shown once). */
import { Type } from 'typebox';
import { DEFAULT_PUSH_POLICY } from '@skylane/core';
import { pushPolicyOf } from '../../warning/events.ts';
import { createApiKey } from '../../storage/tenants.ts';
import { revokeApiKey, TenantAdminError } from '../../storage/tenantAdmin.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem } from '../problem.ts';
import { tenantAdminProblem } from './admin.ts';

const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('admin')]);

export function registerTenantRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  const tenantView = async (tenantId: number) => {
    const t = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
    return {
      id: t.id,
      name: t.name,
      catalogPublisher: t.catalog_publisher === 1,
      thresholds: { redPc: t.red_pc, yellowPc: t.yellow_pc, yellowMissKm: t.yellow_miss_km },
    };
  };

  app.get('/api/v1/tenant', { config: { role: 'viewer' }, schema: { tags: ['tenant'], summary: "The caller's tenant, role and alert thresholds" } }, async (request) => {
    const p = principalOf(request);
    return { ...(await tenantView(p.tenantId)), role: p.role };
  });

  app.patch(
    '/api/v1/tenant/thresholds',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tenant'],
        summary: 'Set alert thresholds (red: Pc ≥ redPc; yellow: Pc ≥ yellowPc or miss < yellowMissKm)',
        body: Type.Object(
          {
            redPc: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
            yellowPc: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
            yellowMissKm: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const current = await tenantView(p.tenantId);
      const next = { ...current.thresholds, ...request.body };
      if (next.yellowPc > next.redPc) throw new HttpProblem(400, 'bad-request', 'Bad request', `yellowPc (${next.yellowPc}) must not exceed redPc (${next.redPc}).`);
      await db.updateTable('tenants').set({ red_pc: next.redPc, yellow_pc: next.yellowPc, yellow_miss_km: next.yellowMissKm }).where('id', '=', p.tenantId).execute();
      return tenantView(p.tenantId);
    },
  );

  const policyView = async (tenantId: number) => {
    const t = await db.selectFrom('tenants').select(['alert_policy_json']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    return { push: pushPolicyOf(t.alert_policy_json), isDefault: t.alert_policy_json === null, defaults: DEFAULT_PUSH_POLICY };
  };

  app.get('/api/v1/tenant/alert-policy', { config: { role: 'viewer' }, schema: { tags: ['tenant'], summary: "Which alerts are pushed (webhook, SSE, badge) for this tenant; every alert stays on the board" } }, async (request) =>
    policyView(principalOf(request).tenantId),
  );

  app.put(
    '/api/v1/tenant/alert-policy',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tenant'],
        summary: 'Choose which alerts are pushed (omitted fields keep the default; an empty body restores the default)',
        description:
          'Defaults: red (every change into red) true, escalations (a red Pc rising a decade) true, actionChanges (recommended action to or from plan-maneuver / maneuver-now) true, yellow (green → yellow) false, deEscalations false.',
        body: Type.Object(
          {
            red: Type.Optional(Type.Boolean()),
            escalations: Type.Optional(Type.Boolean()),
            actionChanges: Type.Optional(Type.Boolean()),
            yellow: Type.Optional(Type.Boolean()),
            deEscalations: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const body = request.body;
      const json = Object.keys(body).length === 0 ? null : JSON.stringify({ ...DEFAULT_PUSH_POLICY, ...body });
      await db.updateTable('tenants').set({ alert_policy_json: json }).where('id', '=', p.tenantId).execute();
      return policyView(p.tenantId);
    },
  );

  app.get('/api/v1/keys', { config: { role: 'admin' }, schema: { tags: ['tenant'], summary: "This tenant's API keys (never their secrets)" } }, async (request) => {
    const p = principalOf(request);
    const rows = await db.selectFrom('api_keys').select(['id', 'key_id', 'role', 'label', 'created_at', 'revoked_at']).where('tenant_id', '=', p.tenantId).orderBy('id').execute();
    return { items: rows.map((r) => ({ id: r.id, keyId: r.key_id, role: r.role, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at })) };
  });

  app.post(
    '/api/v1/keys',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tenant'],
        summary: 'Create an API key; the key is in this answer only',
        body: Type.Object({ role: RoleSchema, label: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const k = await createApiKey(db, p.tenantId, request.body.role, request.body.label);
      return reply.code(201).header('cache-control', 'no-store').send({ id: k.id, keyId: k.keyId, role: k.role, label: k.label, apiKey: k.apiKey });
    },
  );

  app.delete(
    '/api/v1/keys/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tenant'],
        summary: "Revoke an API key (its open alert streams are closed; a tenant's last admin key cannot be revoked: 409)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      try {
        await revokeApiKey(db, ctx.store.dialect, p.tenantId, request.params.id);
      } catch (e) {
        throw e instanceof TenantAdminError ? tenantAdminProblem(e) : e;
      }
      ctx.streams.closeKey(request.params.id);
      return reply.code(204).send();
    },
  );
}
