// Webhooks that cannot be turned against the network (issue #11 item 5), on every backend:
// - every spelling of loopback, private, CGNAT, link-local, metadata, multicast, unspecified, unique-local and
//   IPv4-mapped destinations is refused at registration (oracle: the IANA special-purpose registries, RFC 6890,
//   RFC 4193, RFC 4291 §2.5.5.2), and so are URLs with credentials and names that resolve to such addresses;
// - at delivery the host is resolved again and checked, and the connection goes to the checked address: a name
//   that re-binds to 127.0.0.1 after registration is never connected to, and a name only the dispatcher's resolver
//   knows is still delivered (no second resolution);
// - viewers see a reason without addresses; admin keys see the full error;
// - an explicit allow-list admits on-premise receivers;
// - a slow receiver of tenant A does not delay tenant B's deliveries (per-tenant concurrency).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, WebhookDispatcher, WebhookPolicy, type AlertRow, type LookupAll, type WebhookDestinationError } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const REFUSED: readonly [string, string][] = [
  ['http://127.1/hook', 'loopback'],
  ['http://2130706433/hook', 'loopback'],
  ['http://0x7f.1/hook', 'loopback'],
  ['http://017700000001/hook', 'loopback'],
  ['http://127.255.255.254:8080/hook', 'loopback'],
  ['http://[::1]/hook', 'loopback'],
  ['http://[0:0:0:0:0:0:0:1]/hook', 'loopback'],
  ['http://[::ffff:127.0.0.1]/hook', 'IPv4-mapped'],
  ['http://[::ffff:8.8.8.8]/hook', 'IPv4-mapped'],
  ['http://[64:ff9b::7f00:1]/hook', 'loopback'],
  ['http://[2002:a00:1::1]/hook', 'private'],
  ['http://169.254.169.254/latest/meta-data/', 'metadata'],
  ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
  ['http://169.254.10.1/hook', 'link-local'],
  ['http://[fe80::1]/hook', 'link-local'],
  ['http://10.0.0.5/hook', 'private'],
  ['http://172.16.3.4/hook', 'private'],
  ['http://172.31.255.255/hook', 'private'],
  ['http://192.168.1.1/hook', 'private'],
  ['http://100.64.0.1/hook', 'carrier-grade NAT'],
  ['http://100.127.255.254/hook', 'carrier-grade NAT'],
  ['http://0.0.0.0/hook', 'unspecified'],
  ['http://0/hook', 'unspecified'],
  ['http://[::]/hook', 'unspecified'],
  ['http://224.0.0.1/hook', 'multicast'],
  ['http://[ff02::1]/hook', 'multicast'],
  ['http://255.255.255.255/hook', 'broadcast'],
  ['http://[fc00::1]/hook', 'unique-local'],
  ['http://[fd12:3456::1]/hook', 'unique-local'],
  ['http://localhost:8080/hook', 'loopback'],
  ['http://user:pass@hooks.example.com/hook', 'credentials'],
  ['http://token@hooks.example.com/hook', 'credentials'],
  ['ftp://hooks.example.com/hook', 'http'],
];

interface Hit { at: number; path: string }

function receiver(delayMs = 0) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        hits.push({ at: performance.now(), path: req.url ?? '' });
        res.statusCode = 204;
        res.end();
      }, delayMs),
    );
  });
  return {
    hits,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('webhook destination policy (IANA special-purpose address registries)', () => {
  it('classifies the special ranges and their edges, and accepts public unicast', () => {
    const policy = new WebhookPolicy();
    for (const [url, what] of REFUSED) {
      if (url.includes('localhost')) continue; // a name: refused after resolution (API test below)
      let reason = '';
      try {
        policy.checkUrl(url);
      } catch (e) {
        reason = (e as WebhookDestinationError).reason;
      }
      expect(reason, `${url} (${what})`).toMatch(what === 'credentials' ? /credentials/ : what === 'http' ? /http\(s\)/ : new RegExp(what));
    }
    for (const ok of ['http://93.184.216.34/hook', 'https://[2606:4700:4700::1111]/hook', 'http://[64:ff9b::808:808]/hook', 'http://100.63.255.255/', 'http://100.128.0.0/', 'http://172.32.0.1/', 'http://172.15.255.255/', 'http://11.0.0.1/', 'http://169.253.255.255/', 'https://hooks.example.com/x']) {
      expect(() => policy.checkUrl(ok), ok).not.toThrow();
    }
    expect(classifyAddress('::ffff:7f00:1')).toBe('ipv4-mapped');
    expect(classifyAddress('fd00:ec2::254')).toBe('metadata');
    expect(classifyAddress('198.18.0.1')).toBe('reserved');
    expect(classifyAddress('8.8.8.8')).toBe('public');
  });

  it('an allow-list admits exactly its blocks; a malformed block is refused with an example', () => {
    const policy = WebhookPolicy.fromList(' 10.20.0.0/16 , 127.0.0.1,fd12::/16');
    expect(() => policy.checkUrl('http://10.20.3.4/')).not.toThrow();
    expect(() => policy.checkUrl('http://10.21.3.4/')).toThrow(/private/);
    expect(() => policy.checkUrl('http://127.1/')).not.toThrow();
    expect(() => policy.checkUrl('http://127.0.0.2/')).toThrow(/loopback/);
    expect(() => policy.checkUrl('http://[fd12:1::1]/')).not.toThrow();
    expect(() => WebhookPolicy.fromList('10.0.0.0/33')).toThrow(/not a CIDR block: write e\.g\./);
    expect(() => WebhookPolicy.fromList('intranet')).toThrow(/not a CIDR block/);
  });

  it('every address of a name must be allowed (one private answer among public ones is refused)', async () => {
    const policy = new WebhookPolicy();
    const lookup: LookupAll = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]);
    await expect(policy.resolve(new URL('http://mixed.example/'), lookup)).rejects.toThrow(/10\.0\.0\.1 \(private\)/);
  });
});

describe.each(BACKENDS)('webhooks against the network on $name', (backend) => {
  let f: Fixture;
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
  });

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, webhooks: { maxAttempts: 1, timeoutMs: 2000 } } });
  });
  afterAll(async () => f.close());

  const register = (url: string, key = f.keys.operatorA) => f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(key), payload: { url } });

  it('refuses every internal spelling and credentials at registration, with problem+json', async () => {
    for (const [url, what] of REFUSED) {
      const r = await register(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json<{ detail: string }>().detail, url).toMatch(what === 'credentials' ? /credentials/ : what === 'http' ? /http\(s\)/ : new RegExp(what));
    }
    expect((await register('https://hooks.example.com/alerts')).statusCode).toBe(201);
  });

  it('checks again at delivery: a re-bound name is never connected to; viewers see no address, admins the detail', async () => {
    const r = receiver();
    open.push(r);
    const port = await r.listen();
    // Registered while the name does not resolve (accepted: checked at delivery); at delivery it resolves to 127.0.0.1.
    const hook = await register(`http://rebind.invalid:${port}/hook`);
    expect(hook.statusCode).toBe(201);
    const lookup: LookupAll = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const d = new WebhookDispatcher(f.store.db, { maxAttempts: 1, lookup });
    try {
      const alert = await insertAlert(f, 2);
      await d.enqueue([alert]);
      await d.idle();
    } finally {
      await d.close();
    }
    expect(r.hits).toEqual([]);
    const hookId = hook.json<{ id: number }>().id;
    const viewer = (await f.app.inject({ url: `/api/v1/webhooks/${hookId}/deliveries?status=dead`, headers: auth(f.keys.viewerA) })).json<{ items: Record<string, unknown>[] }>().items;
    expect(viewer).toHaveLength(1);
    expect(viewer[0]!['lastError']).toMatch(/^destination refused: the destination resolves to a loopback address/);
    expect(JSON.stringify(viewer)).not.toMatch(/127\.0\.0\.1|rebind/);
    expect(viewer[0]).not.toHaveProperty('lastErrorDetail');
    const admin = (await f.app.inject({ url: `/api/v1/webhooks/${hookId}/deliveries?status=dead`, headers: auth(f.keys.adminA) })).json<{ items: Record<string, unknown>[] }>().items;
    expect(admin[0]!['lastErrorDetail']).toMatch(/rebind\.invalid resolves to 127\.0\.0\.1 \(loopback\)/);
    await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers: auth(f.keys.operatorA) });
  });

  it('with an allow-list: connects to the checked address (no second resolution); a connection error shows no address to viewers', async () => {
    const r = receiver();
    open.push(r);
    const port = await r.listen();
    const good = await register(`http://only-the-dispatcher-knows.invalid:${port}/ok`);
    const dead = await register('http://closed-port.invalid:9/dead');
    expect([good.statusCode, dead.statusCode]).toEqual([201, 201]);
    const lookup: LookupAll = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const d = new WebhookDispatcher(f.store.db, { maxAttempts: 1, lookup, allow: ['127.0.0.1/32'] });
    try {
      await d.enqueue([await insertAlert(f, 2)]);
      await d.idle();
    } finally {
      await d.close();
    }
    expect(r.hits.map((h) => h.path)).toEqual(['/ok']);
    const deadId = dead.json<{ id: number }>().id;
    const viewer = (await f.app.inject({ url: `/api/v1/webhooks/${deadId}/deliveries?status=dead`, headers: auth(f.keys.viewerA) })).json<{ items: Record<string, unknown>[] }>().items;
    expect(viewer[0]!['lastError']).toBe('connection refused');
    expect(JSON.stringify(viewer)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:9\b/);
    const admin = (await f.app.inject({ url: `/api/v1/webhooks/${deadId}/deliveries?status=dead`, headers: auth(f.keys.adminA) })).json<{ items: Record<string, unknown>[] }>().items;
    expect(admin[0]!['lastErrorDetail']).toMatch(/ECONNREFUSED/);
    for (const h of [good, dead]) await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${h.json<{ id: number }>().id}`, headers: auth(f.keys.operatorA) });
  });

  it("a slow receiver of tenant A does not delay tenant B's alerts", async () => {
    const SLOW_MS = 2000;
    const slow = receiver(SLOW_MS);
    const fast = receiver();
    open.push(slow, fast);
    const slowPort = await slow.listen();
    const fastPort = await fast.listen();
    expect((await register(`http://127.0.0.1:${slowPort}/a`, f.keys.operatorA)).statusCode).toBe(400); // not allowed in the app
    const d = new WebhookDispatcher(f.store.db, { maxAttempts: 1, timeoutMs: 5000, allow: ['127.0.0.1/32'], perTenantConcurrency: 8 });
    await f.store.db.insertInto('webhooks').values({ tenant_id: 2, url: `http://127.0.0.1:${slowPort}/a`, secret: 'whsec_a', created_at: new Date().toISOString(), disabled_at: null }).execute();
    await f.store.db.insertInto('webhooks').values({ tenant_id: 3, url: `http://127.0.0.1:${fastPort}/b`, secret: 'whsec_b', created_at: new Date().toISOString(), disabled_at: null }).execute();
    const alertsA: AlertRow[] = [];
    for (let i = 0; i < 25; i++) alertsA.push(await insertAlert(f, 2));
    const alertB = await insertAlert(f, 3);
    try {
      const t0 = performance.now();
      await d.enqueue(alertsA);
      await d.enqueue([alertB]);
      await until(() => fast.hits.length >= 1);
      const bLatency = fast.hits[0]!.at - t0;
      console.info(`webhooks: tenant B delivered ${bLatency.toFixed(0)} ms after enqueue while tenant A's receiver takes ${SLOW_MS} ms per request (25 queued)`);
      expect(bLatency).toBeLessThan(SLOW_MS / 2);
      expect(slow.hits.length).toBe(0);
    } finally {
      await d.close();
    }
  }, 20_000);
});

/** An event and one alert for `tenantId` (rows only: the dispatcher reads the alert). */
async function insertAlert(f: Fixture, tenantId: number): Promise<AlertRow> {
  const now = new Date().toISOString();
  const ev = await f.store.db
    .insertInto('events')
    .values({ tenant_id: tenantId, object1: 1, object2: 2, status: 'open', tca_utc: now, tca_tai_day: 61000, tca_tai_s: 0, miss_distance_km: 0.1, relative_speed_km_s: 10, pc: 1e-3, max_pc: 1e-3, alert_level: 'red', update_count: 0, latest_update_id: null, created_at: now, updated_at: now, closed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return f.store.db
    .insertInto('alerts')
    .values({ tenant_id: tenantId, event_id: ev.id, update_id: 0, level: 'red', previous_level: 'green', kind: 'escalation', pc: 1e-3, miss_distance_km: 0.1, tca_utc: now, object1: 1, object2: 2, created_at: now, acknowledged_at: null, acknowledged_by_key: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
