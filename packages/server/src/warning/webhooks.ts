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
 * in the database, so pending deliveries survive a restart (they are picked up again on start).
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { nowIso } from '../storage/catalog.ts';
import { alertView, type AlertRow } from './events.ts';

export const SIGNATURE_HEADER = 'skylane-signature';

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
}

export class WebhookDispatcher {
  private readonly db: Kysely<Database>;
  readonly baseDelayMs: number;
  readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(db: Kysely<Database>, o: WebhookDeliveryOptions = {}) {
    this.db = db;
    this.baseDelayMs = o.baseDelayMs ?? 10_000;
    this.maxAttempts = o.maxAttempts ?? 6;
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  /** Queues one delivery per enabled webhook of each alert's tenant, then processes what is due. */
  async enqueue(alerts: readonly AlertRow[]): Promise<void> {
    if (alerts.length === 0) return;
    const tenants = [...new Set(alerts.map((a) => a.tenant_id))];
    const hooks = await this.db.selectFrom('webhooks').select(['id', 'tenant_id']).where('tenant_id', 'in', tenants).where('disabled_at', 'is', null).execute();
    const now = nowIso();
    const rows = alerts.flatMap((a) =>
      hooks
        .filter((h) => h.tenant_id === a.tenant_id)
        .map((h) => ({
          webhook_id: h.id,
          tenant_id: a.tenant_id,
          alert_id: a.id,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: now,
          last_status_code: null,
          last_error: null,
          body: JSON.stringify({ type: 'alert', alert: alertView(a) }),
          created_at: now,
          delivered_at: null,
        })),
    );
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('webhook_deliveries').values(rows.slice(i, i + 200)).execute();
    this.kick();
  }

  /** Processes due deliveries now (coalesced with a run in progress). */
  kick(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.process()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else void this.scheduleNext();
      });
  }

  /** Resolves once no delivery is pending (for tests and shutdown). */
  async idle(pollMs = 20): Promise<void> {
    for (;;) {
      const p = await this.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'pending').limit(1).executeTakeFirst();
      if (p === undefined && this.running === undefined) return;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }

  private async scheduleNext(): Promise<void> {
    if (this.closed) return;
    const next = await this.db.selectFrom('webhook_deliveries').select('next_attempt_at').where('status', '=', 'pending').orderBy('next_attempt_at').limit(1).executeTakeFirst();
    if (next === undefined || this.closed) return;
    const delay = Math.max(0, Date.parse(next.next_attempt_at) - Date.now());
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref();
  }

  private async process(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const due = await this.db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
        .select(['webhook_deliveries.id', 'webhook_deliveries.attempts', 'webhook_deliveries.body', 'webhooks.url', 'webhooks.secret', 'webhooks.disabled_at'])
        .where('webhook_deliveries.status', '=', 'pending')
        .where('webhook_deliveries.next_attempt_at', '<=', nowIso())
        .orderBy('webhook_deliveries.next_attempt_at')
        .limit(20)
        .execute();
      if (due.length === 0) return;
      await Promise.all(due.map((d) => this.attempt(d)));
    }
  }

  private async attempt(d: { id: number; attempts: number; body: string; url: string; secret: string; disabled_at: string | null }): Promise<void> {
    const attempt = d.attempts + 1;
    let ok = false;
    let code: number | null = null;
    let error: string | null = null;
    if (d.disabled_at !== null) error = 'webhook disabled';
    else {
      try {
        const res = await fetch(d.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhookBody(d.secret, d.body, Math.floor(Date.now() / 1000)),
            'skylane-delivery': String(d.id),
            'skylane-attempt': String(attempt),
            'user-agent': 'Skylane-Webhooks/1',
          },
          body: d.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        code = res.status;
        await res.arrayBuffer().catch(() => undefined);
        ok = res.status >= 200 && res.status < 300;
        if (!ok) error = `HTTP ${res.status}`;
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    }
    const now = nowIso();
    if (ok) {
      await this.db.updateTable('webhook_deliveries').set({ status: 'delivered', attempts: attempt, last_status_code: code, last_error: null, delivered_at: now }).where('id', '=', d.id).execute();
    } else if (attempt >= this.maxAttempts || d.disabled_at !== null) {
      await this.db.updateTable('webhook_deliveries').set({ status: 'dead', attempts: attempt, last_status_code: code, last_error: error }).where('id', '=', d.id).execute();
    } else {
      const next = new Date(Date.now() + this.baseDelayMs * 2 ** (attempt - 1)).toISOString();
      await this.db.updateTable('webhook_deliveries').set({ attempts: attempt, last_status_code: code, last_error: error, next_attempt_at: next }).where('id', '=', d.id).execute();
    }
  }
}
