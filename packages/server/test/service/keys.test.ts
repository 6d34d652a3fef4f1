// Keys and tenants (issue #11 item 6): revoking a key ends its open alert streams; a tenant's last admin key cannot
// be revoked (409); the operator admin API creates tenants with their first admin key (shown once) and is closed
// without the operator token; keys are never echoed in problem `instance` fields.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const OPERATOR_TOKEN = 'op-token-0123456789abcdefghijklmnopqrstuvwxyz';

/** Opens the alert stream with `key`; resolves once connected, with a promise of the stream's end. */
function openStream(baseUrl: string, key: string): Promise<{ status: number; body: () => string; ended: Promise<number>; destroy: () => void }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(`${baseUrl}/api/v1/alerts/stream`, { headers: auth(key) }, (res) => {
      let body = '';
      const ended = new Promise<number>((done) => {
        res.on('end', () => done(performance.now() - t0));
        res.on('close', () => done(performance.now() - t0));
        res.on('error', () => done(performance.now() - t0));
      });
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      resolve({ status: res.statusCode ?? 0, body: () => body, ended, destroy: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

describe.each(BACKENDS)('keys and tenants on $name', (backend) => {
  let f: Fixture;
  let baseUrl = '';
  beforeAll(async () => {
    f = await makeFixture(backend, { operatorToken: OPERATOR_TOKEN, earlyWarning: { threads: 0 } });
    baseUrl = await f.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => f.close());

  const keyIdOf = async (adminKey: string, apiKey: string): Promise<number> => {
    const list = (await f.app.inject({ url: '/api/v1/keys', headers: auth(adminKey) })).json<{ items: { id: number; keyId: string }[] }>().items;
    const keyId = apiKey.slice(3, 15);
    return list.find((k) => k.keyId === keyId)!.id;
  };

  it('revoking a key closes its open SSE streams at once, and the key cannot reconnect', async () => {
    const made = await f.app.inject({ method: 'POST', url: '/api/v1/keys', headers: auth(f.keys.adminA), payload: { role: 'viewer', label: 'to revoke' } });
    expect(made.statusCode).toBe(201);
    const key = made.json<{ id: number; apiKey: string }>();
    const s1 = await openStream(baseUrl, key.apiKey);
    const s2 = await openStream(baseUrl, key.apiKey);
    const other = await openStream(baseUrl, f.keys.viewerA);
    expect([s1.status, s2.status, other.status]).toEqual([200, 200, 200]);
    const t0 = performance.now();
    const del = await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${key.id}`, headers: auth(f.keys.adminA) });
    expect(del.statusCode).toBe(204);
    const closed = await Promise.race([Promise.all([s1.ended, s2.ended]).then(() => performance.now() - t0), new Promise<number>((r) => setTimeout(() => r(Infinity), 3000))]);
    expect(closed, `revoked key's streams ended after ${closed.toFixed(0)} ms`).toBeLessThan(1000);
    expect(s1.body()).toContain(': key revoked');
    // The other key's stream is still open.
    const otherState = await Promise.race([other.ended.then(() => 'ended'), new Promise<string>((r) => setTimeout(() => r('open'), 200))]);
    expect(otherState).toBe('open');
    other.destroy();
    const again = await openStream(baseUrl, key.apiKey);
    expect(again.status).toBe(401);
    again.destroy();
  });

  it("a tenant's last admin key cannot be revoked (409 problem with the reason); with a second admin key it can", async () => {
    const onlyAdmin = await keyIdOf(f.keys.adminB, f.keys.adminB);
    const refused = await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${onlyAdmin}`, headers: auth(f.keys.adminB) });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: 'urn:skylane:problem:last-admin-key', status: 409, code: 'LAST_ADMIN_KEY' });
    expect(refused.json<{ detail: string }>().detail).toContain('last admin key');
    // The key still works.
    expect((await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.adminB) })).statusCode).toBe(200);
    // A second admin key: now the first may go; then the second is the last and is kept.
    const second = (await f.app.inject({ method: 'POST', url: '/api/v1/keys', headers: auth(f.keys.adminB), payload: { role: 'admin', label: 'second admin' } })).json<{ id: number; apiKey: string }>();
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${onlyAdmin}`, headers: auth(second.apiKey) })).statusCode).toBe(204);
    const last = await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${second.id}`, headers: auth(second.apiKey) });
    expect(last.statusCode).toBe(409);
    // Viewer and operator keys are revocable as before.
    const viewer = await keyIdOf(second.apiKey, f.keys.viewerB);
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${viewer}`, headers: auth(second.apiKey) })).statusCode).toBe(204);
    f.keys.adminB = second.apiKey;
  });

  it('two admins revoking each other at the same time leave one admin key', async () => {
    const t = (await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers: auth(OPERATOR_TOKEN), payload: { name: 'race-tenant' } })).json<{ adminKey: { id: number; apiKey: string } }>();
    const b = (await f.app.inject({ method: 'POST', url: '/api/v1/keys', headers: auth(t.adminKey.apiKey), payload: { role: 'admin', label: 'b' } })).json<{ id: number; apiKey: string }>();
    const [r1, r2] = await Promise.all([
      f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${b.id}`, headers: auth(t.adminKey.apiKey) }),
      f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${t.adminKey.id}`, headers: auth(b.apiKey) }),
    ]);
    // One revocation wins (204). The loser either authenticated before the winner committed and is refused as the
    // last admin (409), or arrived after its own key was revoked and is not authenticated at all (401): both orders
    // happen on PostgreSQL, where the two requests really run concurrently. Never may both win.
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes[0]).toBe(204);
    expect([401, 409]).toContain(codes[1]);
    const active = await f.store.db.selectFrom('api_keys').select('id').where('id', 'in', [b.id, t.adminKey.id]).where('revoked_at', 'is', null).execute();
    expect(active).toHaveLength(1);
  });

  it('the operator admin API creates a tenant and its first admin key, shown once; tenant keys never open it', async () => {
    const noToken = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', payload: { name: 'acme' } });
    expect(noToken.statusCode).toBe(401);
    expect(noToken.headers['content-type']).toContain('application/problem+json');
    const tenantKey = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers: auth(f.keys.adminA), payload: { name: 'acme' } });
    expect(tenantKey.statusCode).toBe(401);
    const wrong = await f.app.inject({ method: 'GET', url: '/api/v1/admin/tenants', headers: auth(`${OPERATOR_TOKEN}x`) });
    expect(wrong.statusCode).toBe(401);

    const made = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers: auth(OPERATOR_TOKEN), payload: { name: 'acme' } });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const body = made.json<{ id: number; name: string; adminKey: { apiKey: string; role: string } }>();
    expect(body).toMatchObject({ name: 'acme', catalogPublisher: false, adminKey: { role: 'admin' } });
    expect(body.adminKey.apiKey).toMatch(/^sk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    // The key works as the new tenant's admin.
    const me = await f.app.inject({ url: '/api/v1/tenant', headers: auth(body.adminKey.apiKey) });
    expect(me.json()).toMatchObject({ name: 'acme', role: 'admin' });
    // Shown once: no later answer carries the secret.
    const secret = body.adminKey.apiKey.slice(16);
    const list = await f.app.inject({ url: '/api/v1/admin/tenants', headers: auth(OPERATOR_TOKEN) });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { name: string; activeAdminKeys: number }[] }>().items.find((t) => t.name === 'acme')).toMatchObject({ activeAdminKeys: 1 });
    expect(list.body).not.toContain(secret);
    expect((await f.app.inject({ url: '/api/v1/keys', headers: auth(body.adminKey.apiKey) })).body).not.toContain(secret);

    const dup = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers: auth(OPERATOR_TOKEN), payload: { name: 'acme' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ type: 'urn:skylane:problem:tenant-exists' });
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers: auth(OPERATOR_TOKEN), payload: { name: '../x y' } });
    expect(bad.statusCode).toBe(400);

    // A key for a tenant that lost its admin key; an unknown tenant is a 404.
    const issued = await f.app.inject({ method: 'POST', url: `/api/v1/admin/tenants/${body.id}/keys`, headers: auth(OPERATOR_TOKEN), payload: { role: 'admin', label: 'recovery' } });
    expect(issued.statusCode).toBe(201);
    expect((await f.app.inject({ url: '/api/v1/tenant', headers: auth(issued.json<{ apiKey: string }>().apiKey) })).json()).toMatchObject({ name: 'acme' });
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants/999999/keys', headers: auth(OPERATOR_TOKEN), payload: { role: 'admin', label: 'x' } })).statusCode).toBe(404);
  });

  it('keys are never echoed in problem instance or detail fields', async () => {
    const key = f.keys.viewerA;
    const secret = key.slice(16);
    const cases = [
      `/api/v1/objects?key=${key}&limit=abc`,
      `/api/v1/objects?api_key=${encodeURIComponent(key)}&limit=-1`,
      `/api/v1/objects?token=${secret}&limit=-1`,
      `/api/v1/no-such-route/${key}`,
      `/api/v1/fleets?key=${key}`,
    ];
    for (const url of cases) {
      const r = await f.app.inject({ url, headers: url.includes('fleets') ? {} : auth(key) });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      const p = r.json<{ instance: string }>();
      expect(r.body, url).not.toContain(secret);
      expect(p.instance, url).toContain('[redacted]');
    }
  });
});

describe.each(BACKENDS)('operator admin API without SKYLANE_OPERATOR_TOKEN on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0 } });
  });
  afterAll(async () => f.close());

  it('is refused entirely (403), whatever is presented', async () => {
    for (const headers of [{}, auth(f.keys.adminA), auth(OPERATOR_TOKEN)]) {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/admin/tenants', headers, payload: { name: 'nope' } });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ type: 'urn:skylane:problem:operator-api-disabled' });
    }
    expect(await f.store.db.selectFrom('tenants').select('id').where('name', '=', 'nope').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a short operator token at start-up', async () => {
    await expect(makeFixture(backend, { operatorToken: 'short' })).rejects.toThrow(/at least 32/);
  });
});
