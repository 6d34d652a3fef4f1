// Alert delivery on every backend: a real webhook receiver on 127.0.0.1 verifies each HMAC-SHA256 signature, fails
// the first deliveries and sees the retries (exponential backoff); a receiver that always fails ends in the
// dead-letter list of the API; a server-sent-events client receives its tenant's alerts (and only those), and a
// reconnect with Last-Event-ID replays what it missed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';
import { runScreening, SMALL_CATALOG } from './warningHelpers.ts';

interface Received { at: number; delivery: string; attempt: number; body: string; signatureOk: boolean }

/** Verifies `Skylane-Signature: t=<unix>,v1=<hex>` = HMAC-SHA256(secret, "<t>.<raw body>"), written from the documented scheme. */
function verify(secret: string, header: string | undefined, raw: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

function receiver(failFirst: number, alwaysFail = false) {
  const received: Received[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const sig = req.headers['skylane-signature'];
      received.push({ at: performance.now(), delivery: String(req.headers['skylane-delivery']), attempt: Number(req.headers['skylane-attempt']), body: raw, signatureOk: verify(secret, typeof sig === 'string' ? sig : undefined, raw) });
      res.statusCode = alwaysFail || received.length <= failFirst ? 500 : 204;
      res.end();
    });
  });
  return {
    received,
    setSecret: (s: string) => (secret = s),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal SSE client over node:http: collects `event: alert` messages. */
function sseClient(baseUrl: string, key: string, lastEventId?: number) {
  const alerts: { id: number; data: { id: number; eventId: number } }[] = [];
  let buffer = '';
  let req: http.ClientRequest | undefined;
  const opened = new Promise<number>((resolve, reject) => {
    req = http.get(`${baseUrl}/api/v1/alerts/stream`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (fields['event'] === 'alert') alerts.push({ id: Number(fields['id']), data: JSON.parse(fields['data']!) as { id: number; eventId: number } });
        }
      });
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  return { alerts, opened, close: () => req?.destroy() };
}

const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(BACKENDS)('alert delivery on $name', (backend) => {
  let f: Fixture;
  let baseUrl: string;
  const good = receiver(2);
  const bad = receiver(0, true);

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date('2026-03-10T12:00:00Z'), webhooks: { baseDelayMs: 60, maxAttempts: 4, timeoutMs: 2000, allow: ['127.0.0.1/32'] } } });
    baseUrl = await f.app.listen({ port: 0, host: '127.0.0.1' });
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await f.close();
    await good.close();
    await bad.close();
  });

  it('delivers signed alerts with retries, dead-letters after the last retry, and streams them over SSE', async () => {
    const goodUrl = await good.listen();
    const badUrl = await bad.listen();
    const hookA = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: goodUrl } });
    good.setSecret(hookA.json<{ secret: string }>().secret);
    const hookB = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: badUrl } });
    bad.setSecret(hookB.json<{ secret: string }>().secret);
    const fleetId = (await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet', members: [25544, 44725] } })).json<{ id: number }>().id;
    await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { yellowMissKm: 20 } });
    // Every level change pushed (issue 20's default pushes red only): this test delivers every alert.
    expect((await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminA), payload: { yellow: true, deEscalations: true } })).statusCode).toBe(200);

    const streamA = sseClient(baseUrl, f.keys.viewerA);
    const streamB = sseClient(baseUrl, f.keys.viewerB);
    expect(await streamA.opened).toBe(200);
    expect(await streamB.opened).toBe(200);
    expect((await new Promise<number>((resolve) => http.get(`${baseUrl}/api/v1/alerts/stream`, (r) => resolve(r.statusCode ?? 0)))).toString()).toBe('401');
    await until(() => f.app.earlyWarning.bus.listenerCount(1) + f.app.earlyWarning.bus.listenerCount(2) + f.app.earlyWarning.bus.listenerCount(3) >= 2);

    const job = await runScreening(f, f.keys.operatorA, fleetId);
    const n = job.result.alertsRaised;
    expect(n).toBeGreaterThanOrEqual(5);
    const alerts = (await f.app.inject({ url: '/api/v1/alerts?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: { id: number }[] }>().items;
    expect(alerts.length).toBe(n);

    // SSE: A gets exactly its alerts, B none.
    await until(() => streamA.alerts.length >= n);
    expect(streamA.alerts.map((a) => a.id).sort((x, y) => x - y)).toEqual(alerts.map((a) => a.id).sort((x, y) => x - y));
    expect(streamA.alerts.every((a) => a.id === a.data.id)).toBe(true);
    expect(streamB.alerts).toEqual([]);
    streamA.close();
    streamB.close();
    // Reconnect after the first alert: the others are replayed.
    const firstId = Math.min(...alerts.map((a) => a.id));
    const replay = sseClient(baseUrl, f.keys.viewerA, firstId);
    await replay.opened;
    await until(() => replay.alerts.length >= n - 1);
    expect(replay.alerts.map((a) => a.id)).toEqual(alerts.map((a) => a.id).filter((id) => id > firstId).sort((x, y) => x - y));
    replay.close();

    // Webhooks: every signature verifies; the first two requests failed and were retried; each alert delivered once.
    await f.app.earlyWarning.webhooks.idle();
    expect(good.received.every((r) => r.signatureOk)).toBe(true);
    expect(good.received.length).toBe(n + 2);
    const okDeliveries = good.received.slice(2);
    expect(new Set(okDeliveries.map((r) => r.delivery)).size).toBe(n);
    const retried = good.received.slice(0, 2);
    for (const r of retried) {
      const again = good.received.find((x) => x.delivery === r.delivery && x.attempt === 2)!;
      expect(again).toBeDefined();
      expect(again.at - r.at).toBeGreaterThanOrEqual(50);
      expect(JSON.parse(again.body)).toEqual(JSON.parse(r.body));
    }
    expect(new Set(good.received.map((r) => (JSON.parse(r.body) as { alert: { id: number } }).alert.id))).toEqual(new Set(alerts.map((a) => a.id)));
    const hookAId = hookA.json<{ id: number }>().id;
    const delivered = (await f.app.inject({ url: `/api/v1/webhooks/${hookAId}/deliveries?status=delivered&limit=1000`, headers: auth(f.keys.viewerA) })).json<{ items: { attempts: number }[] }>().items;
    expect(delivered.length).toBe(n);
    expect(delivered.filter((d) => d.attempts === 2).length).toBe(2);

    // The always-failing receiver: 4 attempts each with growing gaps (60, 120, 240 ms), then the dead-letter list.
    expect(bad.received.every((r) => r.signatureOk)).toBe(true);
    expect(bad.received.length).toBe(4 * n);
    const one = bad.received.filter((r) => r.delivery === bad.received[0]!.delivery);
    expect(one.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    const gaps = one.slice(1).map((r, i) => r.at - one[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    expect(gaps[2]).toBeGreaterThanOrEqual(235);
    const dead = (await f.app.inject({ url: `/api/v1/webhooks/${hookB.json<{ id: number }>().id}/deliveries?status=dead&limit=1000`, headers: auth(f.keys.viewerA) })).json<{ items: { attempts: number; lastStatusCode: number; lastError: string }[] }>().items;
    expect(dead.length).toBe(n);
    for (const d of dead) expect(d).toMatchObject({ attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500' });
  });

  it('a tampered body or a wrong secret fails verification (the receiver check is not vacuous)', () => {
    const body = '{"type":"alert"}';
    const t = Math.floor(Date.now() / 1000);
    const sig = `t=${t},v1=${createHmac('sha256', 'whsec_x').update(`${t}.${body}`).digest('hex')}`;
    expect(verify('whsec_x', sig, body)).toBe(true);
    expect(verify('whsec_x', sig, body.replace('alert', 'alerT'))).toBe(false);
    expect(verify('whsec_y', sig, body)).toBe(false);
  });
});
