/**
 * Webhook routes: where a tenant's alerts are delivered, and each webhook's deliveries (the dead-letter list is
 * `status=dead`). The signing secret is returned once, at creation. Deliveries are POSTs of the alert JSON signed with
 * `Skylane-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (see warning/webhooks.ts).
 * URLs are refused when they carry credentials or name (or resolve to) an internal address (warning/webhookTarget.ts).
 * A webhook may name the event types it receives (`eventTypes`: `alert` for conjunction alerts, `reentry.predicted`
 * and `reentry.updated` for the reentry watch, `breakup.detected` for the tenant's breakup alerts); without them it
 * receives every type (reentry alerts of the public catalog then only for objects in one of the tenant's fleets:
 * warning/webhooks.ts `enqueueReentry`).
 */
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import { nowIso } from '../../storage/catalog.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { WebhookDestinationError } from '../../warning/webhookTarget.ts';
import { WEBHOOK_EVENT_TYPES } from '../../warning/webhooks.ts';

const WebhookParams = Type.Object({ webhookId: Type.Integer({ minimum: 1 }) });

export function registerWebhookRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  const view = (w: { id: number; url: string; created_at: string; disabled_at: string | null; event_types: string | null }) => ({
    id: w.id,
    url: w.url,
    createdAt: w.created_at,
    disabledAt: w.disabled_at,
    eventTypes: w.event_types !== null ? (JSON.parse(w.event_types) as string[]) : null,
  });

  app.get('/api/v1/webhooks', { config: { role: 'viewer' }, schema: { tags: ['alerts'], summary: "This tenant's webhooks (secrets never shown again)" } }, async (request) => {
    const p = principalOf(request);
    const rows = await db.selectFrom('webhooks').select(['id', 'url', 'created_at', 'disabled_at', 'event_types']).where('tenant_id', '=', p.tenantId).orderBy('id').execute();
    return { items: rows.map(view) };
  });

  app.post(
    '/api/v1/webhooks',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['alerts'],
        summary: 'Register a webhook; the HMAC-SHA256 secret is in this answer only',
        description:
          'Event types (the body field `type` of each delivery): `alert` (a conjunction alert: `{type, alert}`), `reentry.predicted` (an object entered the 30-day reentry watch) and `reentry.updated` (its predicted epoch moved by more than a quarter of the time to go, at least 1 h): `{type, alert, prediction}`; `breakup.detected` (POST /api/v1/breakup/detect recorded a new breakup alert for this tenant): `{type, alert: {id, kind, parentCatalogNumber, epoch, fragmentCount, source, createdAt}}`, once per breakup. `eventTypes` absent: every type; reentry alerts of the public catalog then reach the tenant only for objects in one of its fleets, while a webhook that names a reentry type receives every public reentry alert of that type.',
        body: Type.Object(
          {
            url: Type.String({ minLength: 8, maxLength: 2000 }),
            eventTypes: Type.Optional(Type.Array(Type.Union(WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t))), { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const policy = ctx.service.webhooks.policy;
      let url: URL;
      try {
        url = policy.checkUrl(request.body.url);
        // Resolve now for an early answer (at most 2 s); a name that does not resolve yet is accepted: every delivery
        // resolves and checks it again.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          policy.resolve(url).catch((e: unknown) => {
            if (e instanceof WebhookDestinationError) throw e;
          }),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000))),
        ]).finally(() => clearTimeout(timer));
      } catch (e) {
        if (e instanceof WebhookDestinationError) throw new HttpProblem(400, 'bad-request', 'Bad request', `${e.reason}.`);
        throw e;
      }
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const eventTypes = request.body.eventTypes;
      const w = await db
        .insertInto('webhooks')
        .values({ tenant_id: p.tenantId, url: url.href, secret, created_at: nowIso(), disabled_at: null, event_types: eventTypes !== undefined ? JSON.stringify(eventTypes) : null })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.header('location', `/api/v1/webhooks/${w.id}`);
      return reply.code(201).send({ ...view(w), secret });
    },
  );

  app.get('/api/v1/webhooks/:webhookId', { config: { role: 'viewer' }, schema: { tags: ['alerts'], summary: 'One webhook', params: WebhookParams } }, async (request) => {
    const p = principalOf(request);
    const w = await db.selectFrom('webhooks').select(['id', 'url', 'created_at', 'disabled_at', 'event_types']).where('id', '=', request.params.webhookId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
    if (w === undefined) throw notFound(`webhook ${request.params.webhookId}`);
    return view(w);
  });

  app.delete('/api/v1/webhooks/:webhookId', { config: { role: 'operator' }, schema: { tags: ['alerts'], summary: 'Disable a webhook', params: WebhookParams } }, async (request, reply) => {
    const p = principalOf(request);
    const r = await db.updateTable('webhooks').set({ disabled_at: nowIso() }).where('id', '=', request.params.webhookId).where('tenant_id', '=', p.tenantId).where('disabled_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound(`webhook ${request.params.webhookId}`);
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/webhooks/:webhookId/deliveries',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary: "A webhook's deliveries, newest first; status=dead is its dead-letter list (every retry failed)",
        params: WebhookParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')])),
          ...PAGE_QUERY_FIELDS,
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const w = await db.selectFrom('webhooks').select('id').where('id', '=', request.params.webhookId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (w === undefined) throw notFound(`webhook ${request.params.webhookId}`);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', w.id)
        .where('tenant_id', '=', p.tenantId)
        .$if(q.status !== undefined, (x) => x.where('status', '=', q.status ?? 'dead'))
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => r.id, (d) => ({
        id: d.id,
        alertId: d.alert_id,
        reentryAlertId: d.reentry_alert_id,
        breakupAlertId: d.breakup_alert_id,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
        lastStatusCode: d.last_status_code,
        lastError: d.last_error,
        // The full error (addresses, system codes) only for admin keys.
        ...(p.role === 'admin' ? { lastErrorDetail: d.last_error_detail } : {}),
        createdAt: d.created_at,
        deliveredAt: d.delivered_at,
        body: JSON.parse(d.body) as unknown,
      }));
    },
  );
}
