/**
 * Alert routes: the tenant's alerts (escalations, de-escalations and recommended-action changes of its events, each
 * marked pushed or board-only by the tenant's alert policy), acknowledgement, and a server-sent-events stream of the
 * new pushed alerts (`event: alert`, `id: <alert id>`, `data: <alert JSON>`; a client that
 * reconnects with `Last-Event-ID` first receives the alerts it missed; a comment line every 15 s keeps proxies open).
 * A key holds at most `ctx.streams.maxPerKey` streams at once (429 past it); revoking a key ends its streams at once
 * in this process, and the heartbeat also ends a stream whose key was revoked elsewhere (another process).
 */
import { Type } from 'typebox';
import { alertView } from '../../warning/events.ts';
import type { AlertMessage } from '../../warning/alertBus.ts';
import { nowIso } from '../../storage/catalog.ts';
import { isKeyRevoked } from '../../storage/tenantAdmin.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { notFound } from '../problem.ts';

const Level = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]);

/** Heartbeat period of the alert stream (ms). */
export const SSE_HEARTBEAT_MS = 15_000;

export function registerAlertRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => ctx.streams.closeAll());

  app.get(
    '/api/v1/alerts',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary: "This tenant's alerts, newest first",
        querystring: Type.Object({
          ...PAGE_QUERY_FIELDS,
          level: Type.Optional(Level),
          acknowledged: Type.Optional(Type.Boolean()),
          eventId: Type.Optional(Type.Integer({ minimum: 1 })),
          pushed: Type.Optional(Type.Boolean({ description: "true: only the alerts pushed under the tenant's alert policy (webhook, SSE, badge); false: only those kept on the board" })),
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where('tenant_id', '=', p.tenantId)
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .$if(q.level !== undefined, (x) => x.where('level', '=', q.level ?? 'green'))
        .$if(q.acknowledged === true, (x) => x.where('acknowledged_at', 'is not', null))
        .$if(q.acknowledged === false, (x) => x.where('acknowledged_at', 'is', null))
        .$if(q.eventId !== undefined, (x) => x.where('event_id', '=', q.eventId ?? 0))
        .$if(q.pushed !== undefined, (x) => x.where('pushed', '=', q.pushed === true ? 1 : 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => r.id, alertView);
    },
  );

  app.post(
    '/api/v1/alerts/:alertId/ack',
    { config: { role: 'operator' }, schema: { tags: ['alerts'], summary: 'Acknowledge an alert (idempotent: the first acknowledgement is kept)', params: Type.Object({ alertId: Type.Integer({ minimum: 1 }) }) } },
    async (request) => {
      const p = principalOf(request);
      await db.updateTable('alerts').set({ acknowledged_at: nowIso(), acknowledged_by_key: p.apiKeyId }).where('id', '=', request.params.alertId).where('tenant_id', '=', p.tenantId).where('acknowledged_at', 'is', null).execute();
      const a = await db.selectFrom('alerts').selectAll().where('id', '=', request.params.alertId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (a === undefined) throw notFound(`alert ${request.params.alertId}`);
      return alertView(a);
    },
  );

  app.get(
    '/api/v1/alerts/stream',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary: "Server-sent events: this tenant's new alerts as they are raised",
        description: 'text/event-stream; each message is `id: <alert id>`, `event: alert`, `data: <alert JSON>`; provisional objects made of linked UCTs arrive live as `event: provisional-object` and breakup alerts as `event: breakup-alert` (no id, not replayed; GET /api/v1/breakup/alerts lists the breakup alerts). Send the API key as `Authorization: Bearer` or `X-Api-Key`. Reconnect with `Last-Event-ID` to receive missed alerts first.',
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      ctx.streams.assertCanOpen(p.apiKeyId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 5000\n: connected\n\n');
      ctx.streams.add(p.apiKeyId, res);
      let lastSent = 0;
      const send = (a: AlertMessage): void => {
        if (a.id <= lastSent) return;
        lastSent = a.id;
        res.write(`id: ${a.id}\nevent: alert\ndata: ${JSON.stringify(a)}\n\n`);
      };
      const buffered: AlertMessage[] = [];
      let replaying = true;
      const unsubscribe = ctx.service.bus.subscribe(p.tenantId, (a) => (replaying ? buffered.push(a) : send(a)));
      // Tracking notices (issue 13: provisional objects from linked UCTs) ride the same stream without an id, live only.
      const unsubscribeTracking = ctx.service.bus.subscribeTracking(p.tenantId, (n) => res.write(`event: ${n.kind}\ndata: ${JSON.stringify(n)}\n\n`));
      const heartbeat = setInterval(() => {
        void isKeyRevoked(db, p.apiKeyId)
          .then((revoked) => (revoked ? ctx.streams.closeKey(p.apiKeyId) : res.write(': ping\n\n')))
          .catch(() => res.write(': ping\n\n'));
      }, SSE_HEARTBEAT_MS);
      heartbeat.unref();
      const cleanup = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeTracking();
        ctx.streams.remove(p.apiKeyId, res);
      };
      request.raw.on('close', cleanup);
      res.on('close', cleanup);
      const lastEventId = Number(request.headers['last-event-id']);
      if (Number.isSafeInteger(lastEventId) && lastEventId >= 0) {
        const missed = await db.selectFrom('alerts').selectAll().where('tenant_id', '=', p.tenantId).where('pushed', '=', 1).where('id', '>', lastEventId).orderBy('id').limit(1000).execute();
        for (const a of missed) send(alertView(a));
      }
      replaying = false;
      for (const a of buffered.splice(0)) send(a);
    },
  );
}
