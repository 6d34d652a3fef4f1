/**
 * Webhook delivery of alerts. Each alert becomes one delivery row per enabled webhook of its tenant, with a fixed
 * JSON body. A delivery is an HTTP POST of that body with the headers
 *
 *   Content-Type: application/json
 *   Skylane-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *   Skylane-Delivery: <delivery id>        Skylane-Attempt: <1, 2, …>
 *
 * (the timestamp is signed with the body so that a receiver can refuse replays: check |now − t| is small and compare
 * v1 in constant time). Any 2xx answer is success; anything else (status, network error, timeout) is retried after
 * base·2^(attempt−1) until `maxAttempts`; then the row becomes 'dead', the dead-letter list of the API. Rows live
 * in the database, so pending deliveries survive a restart (they are picked up again on start). Destinations are
 * checked after resolution and at every attempt (webhookTarget.ts); deliveries run with bounded concurrency per tenant.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { nowIso } from '../storage/catalog.ts';
import { alertView, type AlertRow } from './events.ts';
import { predictionView, reentryAlertView, type ReentryAlertRow } from '../reentry/watch.ts';
import { breakupAlertView, type BreakupAlertRow } from '../od/breakupAlerts.ts';
import { detailedDeliveryError, publicDeliveryError, WebhookPolicy, type LookupAll, type ResolvedTarget } from './webhookTarget.ts';

export const SIGNATURE_HEADER = 'skylane-signature';

/** Event types a webhook can receive (body field `type`): conjunction alerts, reentry-watch alerts, breakup alerts. */
export const WEBHOOK_EVENT_TYPES = ['alert', 'reentry.predicted', 'reentry.updated', 'breakup.detected'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The webhook event type of a reentry-watch alert kind: entering the watch is `reentry.predicted`, a moved prediction `reentry.updated`. */
export function reentryEventType(kind: string): WebhookEventType {
  return kind === 'entered-watch' ? 'reentry.predicted' : 'reentry.updated';
}

/** Whether a webhook with stored `event_types` (JSON array, or NULL for all) receives `type`. */
export function webhookWants(eventTypes: string | null, type: WebhookEventType): boolean {
  if (eventTypes === null) return true;
  try {
    const list = JSON.parse(eventTypes) as unknown;
    return Array.isArray(list) && list.includes(type);
  } catch {
    return false;
  }
}

/** `t=<unix>,v1=<hex>` for a raw body. */
export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export interface WebhookDeliveryOptions {
  /** Delay before the first retry (ms); doubles with each further attempt. Default 10 s. */
  readonly baseDelayMs?: number;
  /** Attempts before a delivery is dead-lettered. Default 6. */
  readonly maxAttempts?: number;
  /** Per-attempt timeout (ms). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * CIDR blocks (or addresses) that deliveries may reach whatever their class: on-premise receivers on private or
   * loopback addresses (`npm start`: SKYLANE_WEBHOOK_ALLOW=cidr,cidr). Default none: public addresses only.
   */
  readonly allow?: readonly string[];
  /** Deliveries in flight per tenant (default 4): one tenant's slow receiver never holds another tenant's. */
  readonly perTenantConcurrency?: number;
  /** Deliveries in flight in all (default 32). */
  readonly concurrency?: number;
  /** Host resolution (tests); default the system resolver (`dns.lookup`, every address). */
  readonly lookup?: LookupAll;
}

/** One delivery to queue: the webhook, the exact body, and the alert it carries. */
interface QueuedDelivery {
  readonly webhookId: number;
  readonly tenantId: number;
  readonly ref: { readonly kind: 'alert' | 'reentry' | 'breakup'; readonly id: number };
  readonly body: string;
}

interface DueDelivery {
  id: number;
  tenant_id: number;
  attempts: number;
  body: string;
  url: string;
  secret: string;
  disabled_at: string | null;
}

/**
 * Delivers due rows with bounded concurrency per tenant and in all. Each attempt resolves the webhook's host, checks
 * every address against the policy (webhookTarget.ts) and connects to the checked address (a custom `lookup` on the
 * request, so the name is not resolved again: DNS rebinding cannot swap in an internal address). Redirects are not
 * followed. A failure stores a reason without addresses (`last_error`, every reader) and the full error
 * (`last_error_detail`, admin keys).
 */
export class WebhookDispatcher {
  private readonly db: Kysely<Database>;
  readonly baseDelayMs: number;
  readonly maxAttempts: number;
  readonly policy: WebhookPolicy;
  private readonly timeoutMs: number;
  private readonly perTenant: number;
  private readonly concurrency: number;
  private readonly lookup: LookupAll | undefined;
  private timer: NodeJS.Timeout | undefined;
  private filling: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Delivery id → tenant id of attempts in flight. */
  private readonly inFlight = new Map<number, number>();
  private readonly tasks = new Set<Promise<void>>();

  constructor(db: Kysely<Database>, o: WebhookDeliveryOptions = {}) {
    this.db = db;
    this.baseDelayMs = o.baseDelayMs ?? 10_000;
    this.maxAttempts = o.maxAttempts ?? 6;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.policy = new WebhookPolicy(o.allow ?? []);
    this.perTenant = Math.max(1, o.perTenantConcurrency ?? 4);
    this.concurrency = Math.max(1, o.concurrency ?? 32);
    this.lookup = o.lookup;
  }

  /**
   * The one path every alert kind takes into the delivery queue: one pending row per (webhook, body), naming the alert
   * it carries (exactly one of `alert_id`, `reentry_alert_id`, `breakup_alert_id`), then a pass over what is due. The
   * rows are then signed, sent and retried alike (`fill`/`attempt`). Returns the number of rows queued.
   */
  private async queue(items: readonly QueuedDelivery[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = nowIso();
    const rows = items.map((d) => ({
      webhook_id: d.webhookId,
      tenant_id: d.tenantId,
      alert_id: d.ref.kind === 'alert' ? d.ref.id : null,
      reentry_alert_id: d.ref.kind === 'reentry' ? d.ref.id : null,
      breakup_alert_id: d.ref.kind === 'breakup' ? d.ref.id : null,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      last_status_code: null,
      last_error: null,
      last_error_detail: null,
      body: d.body,
      created_at: now,
      delivered_at: null,
    }));
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('webhook_deliveries').values(rows.slice(i, i + 200)).execute();
    this.kick();
    return rows.length;
  }

  /** Enabled webhooks of `tenants` (all tenants when undefined). */
  private async enabledHooks(tenants?: readonly number[]): Promise<{ id: number; tenant_id: number; event_types: string | null }[]> {
    if (tenants !== undefined && tenants.length === 0) return [];
    return this.db
      .selectFrom('webhooks')
      .select(['id', 'tenant_id', 'event_types'])
      .$if(tenants !== undefined, (q) => q.where('tenant_id', 'in', tenants ?? []))
      .where('disabled_at', 'is', null)
      .execute();
  }

  /** Queues one delivery per enabled webhook of each alert's tenant, then processes what is due. */
  async enqueue(alerts: readonly AlertRow[]): Promise<void> {
    if (alerts.length === 0) return;
    const hooks = await this.enabledHooks([...new Set(alerts.map((a) => a.tenant_id))]);
    await this.queue(
      alerts.flatMap((a) => {
        const body = JSON.stringify({ type: 'alert', alert: alertView(a) });
        return hooks
          .filter((h) => h.tenant_id === a.tenant_id && webhookWants(h.event_types, 'alert'))
          .map((h) => ({ webhookId: h.id, tenantId: a.tenant_id, ref: { kind: 'alert' as const, id: a.id }, body }));
      }),
    );
  }

  /**
   * Queues reentry-watch alerts (`reentry.predicted` when an object enters the 30-day watch, `reentry.updated` when
   * its prediction moves). Who receives one: for an alert from a private upload, that tenant's webhooks; for one from
   * the public catalog, the webhooks of every tenant that has the object in one of its fleets (the objects it
   * watches), and the webhooks that explicitly name the event type in their `eventTypes` (a subscription to every
   * public reentry). Webhooks whose `eventTypes` leave the type out receive nothing. The body is
   * `{type, alert, prediction}` (prediction without its ground track: GET /api/v1/reentries/{object}/ground-track).
   */
  async enqueueReentry(alerts: readonly ReentryAlertRow[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const predictions = await this.db.selectFrom('reentry_predictions').selectAll().where('id', 'in', alerts.map((a) => a.prediction_id)).execute();
    const hooks = await this.enabledHooks();
    const publicIds = [...new Set(alerts.filter((a) => a.tenant_id === null).map((a) => a.catalog_number))];
    const fleetOwners = new Map<number, Set<number>>();
    if (publicIds.length > 0) {
      const members = await this.db
        .selectFrom('fleet_members')
        .innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id')
        .select(['fleets.tenant_id', 'fleet_members.catalog_number'])
        .where('fleet_members.catalog_number', 'in', publicIds)
        .execute();
      for (const m of members) {
        const set = fleetOwners.get(m.catalog_number) ?? new Set<number>();
        set.add(Number(m.tenant_id));
        fleetOwners.set(m.catalog_number, set);
      }
    }
    return this.queue(
      alerts.flatMap((a) => {
        const type = reentryEventType(a.kind);
        const p = predictions.find((x) => Number(x.id) === Number(a.prediction_id));
        const body = JSON.stringify({ type, alert: reentryAlertView(a), prediction: p !== undefined ? predictionView(p) : null });
        return hooks
          .filter((h) => {
            if (!webhookWants(h.event_types, type)) return false;
            if (a.tenant_id !== null) return Number(h.tenant_id) === Number(a.tenant_id);
            return h.event_types !== null || (fleetOwners.get(a.catalog_number)?.has(Number(h.tenant_id)) ?? false);
          })
          .map((h) => ({ webhookId: h.id, tenantId: h.tenant_id, ref: { kind: 'reentry' as const, id: a.id }, body }));
      }),
    );
  }

  /**
   * Queues breakup alerts (`breakup.detected`) to the webhooks of the tenant that owns each alert (breakup alerts are
   * recorded per tenant: od/breakupAlerts.ts), those whose `eventTypes` include the type or are absent. The body is
   * `{type, alert}` with the alert as GET /api/v1/breakup/alerts lists it (id, parentCatalogNumber, epoch,
   * fragmentCount, source, createdAt); the fragments and Gabbard data are at GET /api/v1/breakup/alerts/{id}.
   */
  async enqueueBreakup(alerts: readonly BreakupAlertRow[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const type: WebhookEventType = 'breakup.detected';
    const hooks = await this.enabledHooks([...new Set(alerts.map((a) => Number(a.tenant_id)))]);
    return this.queue(
      alerts.flatMap((a) => {
        const body = JSON.stringify({ type, alert: breakupAlertView(a) });
        return hooks
          .filter((h) => Number(h.tenant_id) === Number(a.tenant_id) && webhookWants(h.event_types, type))
          .map((h) => ({ webhookId: h.id, tenantId: h.tenant_id, ref: { kind: 'breakup' as const, id: Number(a.id) }, body }));
      }),
    );
  }

  /** Starts due deliveries now, as far as the concurrency limits allow (coalesced with a pass in progress). */
  kick(): void {
    if (this.closed) return;
    if (this.filling !== undefined) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.filling = this.fill()
      .catch(() => undefined)
      .finally(() => {
        this.filling = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else void this.scheduleNext().catch(() => undefined);
      });
  }

  /** Resolves once no delivery is pending or in flight (for tests and shutdown). */
  async idle(pollMs = 20): Promise<void> {
    for (;;) {
      const p = await this.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'pending').limit(1).executeTakeFirst();
      if (p === undefined && this.filling === undefined && this.inFlight.size === 0) return;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.filling;
    await Promise.all([...this.tasks]);
  }

  private async scheduleNext(): Promise<void> {
    if (this.closed) return;
    const busy = [...this.inFlight.keys()];
    const next = await this.db
      .selectFrom('webhook_deliveries')
      .select('next_attempt_at')
      .where('status', '=', 'pending')
      .$if(busy.length > 0, (q) => q.where('id', 'not in', busy))
      .orderBy('next_attempt_at')
      .limit(1)
      .executeTakeFirst();
    if (next === undefined || this.closed) return;
    const delay = Math.max(0, Date.parse(next.next_attempt_at) - Date.now());
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref();
  }

  /** One pass: for each tenant with due rows, starts as many as its free slots (and the global ones) allow. */
  private async fill(): Promise<void> {
    const now = nowIso();
    const tenants = await this.db.selectFrom('webhook_deliveries').select('tenant_id').distinct().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('tenant_id').execute();
    for (const { tenant_id: tenant } of tenants) {
      if (this.closed) return;
      const mine = [...this.inFlight].filter(([, t]) => t === tenant).map(([id]) => id);
      const free = Math.min(this.perTenant - mine.length, this.concurrency - this.inFlight.size);
      if (free <= 0) continue;
      const due: DueDelivery[] = await this.db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
        .select(['webhook_deliveries.id', 'webhook_deliveries.tenant_id', 'webhook_deliveries.attempts', 'webhook_deliveries.body', 'webhooks.url', 'webhooks.secret', 'webhooks.disabled_at'])
        .where('webhook_deliveries.tenant_id', '=', tenant)
        .where('webhook_deliveries.status', '=', 'pending')
        .where('webhook_deliveries.next_attempt_at', '<=', now)
        .$if(mine.length > 0, (q) => q.where('webhook_deliveries.id', 'not in', mine))
        .orderBy('webhook_deliveries.next_attempt_at')
        .orderBy('webhook_deliveries.id')
        .limit(free)
        .execute();
      for (const d of due) this.start(d);
    }
  }

  private start(d: DueDelivery): void {
    this.inFlight.set(d.id, d.tenant_id);
    const task: Promise<void> = this.attempt(d)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight.delete(d.id);
        this.tasks.delete(task);
        this.kick();
      });
    this.tasks.add(task);
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    let ok = false;
    let code: number | null = null;
    let error: string | null = null;
    let detail: string | null = null;
    if (d.disabled_at !== null) error = 'webhook disabled';
    else {
      try {
        const url = this.policy.checkUrl(d.url);
        const target = await this.policy.resolve(url, this.lookup);
        code = await postTo(url, target, {
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhookBody(d.secret, d.body, Math.floor(Date.now() / 1000)),
            'skylane-delivery': String(d.id),
            'skylane-attempt': String(attempt),
            'user-agent': 'Skylane-Webhooks/1',
          },
          body: d.body,
          timeoutMs: this.timeoutMs,
        });
        ok = code >= 200 && code < 300;
        if (!ok) error = `HTTP ${code}`;
      } catch (e) {
        error = publicDeliveryError(e);
        detail = detailedDeliveryError(e);
      }
    }
    const now = nowIso();
    if (ok) {
      await this.db.updateTable('webhook_deliveries').set({ status: 'delivered', attempts: attempt, last_status_code: code, last_error: null, last_error_detail: null, delivered_at: now }).where('id', '=', d.id).execute();
    } else if (attempt >= this.maxAttempts || d.disabled_at !== null) {
      await this.db.updateTable('webhook_deliveries').set({ status: 'dead', attempts: attempt, last_status_code: code, last_error: error, last_error_detail: detail }).where('id', '=', d.id).execute();
    } else {
      const next = new Date(Date.now() + this.baseDelayMs * 2 ** (attempt - 1)).toISOString();
      await this.db.updateTable('webhook_deliveries').set({ attempts: attempt, last_status_code: code, last_error: error, last_error_detail: detail, next_attempt_at: next }).where('id', '=', d.id).execute();
    }
  }
}

/**
 * POSTs `body` to `url`, connecting to `target` (already checked) rather than resolving the host again; TLS still
 * verifies the certificate against the URL's host name (SNI). Returns the status code; the answer's body is drained
 * and discarded. A fresh connection per delivery (no pooled socket outlives its check).
 */
function postTo(url: URL, target: ResolvedTarget, o: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<number> {
  const lookup = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void): void => {
    if (opts.all === true) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
  return new Promise<number>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)), connection: 'close' },
      agent: false,
      lookup: lookup as unknown as net.LookupFunction,
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    req.on('response', (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on('error', reject);
    req.end(o.body);
  });
}
