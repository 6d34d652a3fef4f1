// Tenant isolation: tenant B tries to read and write tenant A's fleets, uploads, private element sets, keys and
// webhooks through every route (each method+path in the OpenAPI document must have a case here) and is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];
const PRIVATE_CATNR = 990_000_123;

interface Ids {
  fleetId: number;
  uploadId: number;
  webhookId: number;
  keyId: number;
}

/** One attempt by B against A's resource: what B sends, and what must hold of the answer. */
interface Attempt {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The OpenAPI path this attempt covers. */
  readonly route: string;
  readonly url: (a: Ids) => string;
  readonly payload?: (a: Ids) => unknown;
  readonly contentType?: string;
  /** Checks the answer B got (status, and that no A data leaked). */
  readonly check: (status: number, body: string, a: Ids) => void;
}

const refused = (status: number): void => expect([403, 404]).toContain(status);
const notLeaking = (body: string, a: Ids): void => {
  expect(body).not.toContain('a-fleet');
  expect(body).not.toContain('PRIVATE SAT A');
  expect(body).not.toContain('a-hook.example');
  expect(body).not.toContain('a-upload.json');
  void a;
};

const ATTEMPTS: readonly Attempt[] = [
  { method: 'GET', route: '/api/v1/health', url: () => '/api/v1/health', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'GET', route: '/api/v1/tenant', url: () => '/api/v1/tenant', check: (s, b) => (expect(s).toBe(200), expect(JSON.parse(b)).toMatchObject({ name: 'tenant-b' })) },
  { method: 'PATCH', route: '/api/v1/tenant/thresholds', url: () => '/api/v1/tenant/thresholds', payload: () => ({ redPc: 0.5 }), check: (s) => expect(s).toBe(200) },
  { method: 'GET', route: '/api/v1/keys', url: () => '/api/v1/keys', check: (s, b) => (expect(s).toBe(200), expect(b).not.toContain('A admin')) },
  { method: 'POST', route: '/api/v1/keys', url: () => '/api/v1/keys', payload: () => ({ role: 'viewer', label: 'b-made' }), check: (s) => expect(s).toBe(201) },
  { method: 'DELETE', route: '/api/v1/keys/{id}', url: (a) => `/api/v1/keys/${a.keyId}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/uploads', url: () => '/api/v1/uploads', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/uploads/{uploadId}', url: (a) => `/api/v1/uploads/${a.uploadId}`, check: (s) => refused(s) },
  {
    method: 'POST',
    route: '/api/v1/uploads',
    url: () => '/api/v1/uploads?visibility=public',
    contentType: 'application/json',
    payload: () => JSON.stringify([{ ...catalog[10]!, OBJECT_NAME: 'B POISON' }]),
    check: (s) => refused(s),
  },
  { method: 'GET', route: '/api/v1/objects', url: () => `/api/v1/objects?cursor=${Buffer.from(JSON.stringify({ k: PRIVATE_CATNR - 1 })).toString('base64url')}`, check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a), expect(JSON.parse(b).items).toEqual([])) },
  { method: 'GET', route: '/api/v1/objects/{catalogNumber}', url: () => `/api/v1/objects/${PRIVATE_CATNR}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/objects/{catalogNumber}/elements', url: () => `/api/v1/objects/${PRIVATE_CATNR}/elements`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/gp', url: () => `/api/v1/gp?CATNR=${PRIVATE_CATNR}&FORMAT=json`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/fleets', url: () => '/api/v1/fleets', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/fleets', url: () => '/api/v1/fleets', payload: () => ({ name: 'b-fleet', members: [PRIVATE_CATNR] }), check: (s, b) => (expect(s).toBe(422), expect(b).toContain(String(PRIVATE_CATNR))) },
  { method: 'GET', route: '/api/v1/fleets/{fleetId}', url: (a) => `/api/v1/fleets/${a.fleetId}`, check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/fleets/{fleetId}', url: (a) => `/api/v1/fleets/${a.fleetId}`, check: (s) => refused(s) },
  { method: 'POST', route: '/api/v1/fleets/{fleetId}/members', url: (a) => `/api/v1/fleets/${a.fleetId}/members`, payload: () => ({ members: [25544] }), check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/fleets/{fleetId}/members/{catalogNumber}', url: (a) => `/api/v1/fleets/${a.fleetId}/members/${PRIVATE_CATNR}`, check: (s) => refused(s) },
  { method: 'GET', route: '/api/v1/webhooks', url: () => '/api/v1/webhooks', check: (s, b, a) => (expect(s).toBe(200), notLeaking(b, a)) },
  { method: 'POST', route: '/api/v1/webhooks', url: () => '/api/v1/webhooks', payload: () => ({ url: 'https://b-hook.example/x' }), check: (s) => expect(s).toBe(201) },
  { method: 'GET', route: '/api/v1/webhooks/{webhookId}', url: (a) => `/api/v1/webhooks/${a.webhookId}`, check: (s) => refused(s) },
  { method: 'DELETE', route: '/api/v1/webhooks/{webhookId}', url: (a) => `/api/v1/webhooks/${a.webhookId}`, check: (s) => refused(s) },
];

describe.each(BACKENDS)('tenant isolation on $name', (backend) => {
  let f: Fixture;
  let ids: Ids;
  const snapshot = async () => {
    const get = async (url: string) => (await f.app.inject({ url, headers: auth(f.keys.adminA) })).body;
    return [
      await get(`/api/v1/fleets/${ids.fleetId}`),
      await get(`/api/v1/uploads/${ids.uploadId}`),
      await get(`/api/v1/webhooks/${ids.webhookId}`),
      await get('/api/v1/keys'),
      await get(`/api/v1/objects/${PRIVATE_CATNR}/elements`),
      await get('/api/v1/tenant'),
    ];
  };

  beforeAll(async () => {
    f = await makeFixture(backend);
    const pub = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(catalog.slice(0, 50)) });
    expect(pub.statusCode).toBe(201);
    const priv = await f.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=a-upload.json',
      headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' },
      payload: JSON.stringify([{ ...catalog[3]!, NORAD_CAT_ID: PRIVATE_CATNR, OBJECT_NAME: 'PRIVATE SAT A' }]),
    });
    expect(priv.statusCode).toBe(201);
    const fleet = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet', members: [PRIVATE_CATNR, Number(catalog[0]!['NORAD_CAT_ID'])] } });
    expect(fleet.statusCode).toBe(201);
    const hook = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: 'https://a-hook.example/alerts' } });
    expect(hook.statusCode).toBe(201);
    const keys = await f.app.inject({ url: '/api/v1/keys', headers: auth(f.keys.adminA) });
    ids = {
      fleetId: fleet.json<{ id: number }>().id,
      uploadId: priv.json<{ uploadId: number }>().uploadId,
      webhookId: hook.json<{ id: number }>().id,
      keyId: keys.json<{ items: { id: number }[] }>().items[0]!.id,
    };
  });
  afterAll(async () => f.close());

  it('covers every route of the OpenAPI document', async () => {
    const spec = (await f.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(ATTEMPTS.map((a) => `${a.method} ${a.route}`));
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('B, with its admin key, cannot read or change anything of A through any route', async () => {
    const before = await snapshot();
    for (const at of ATTEMPTS) {
      const payload = at.payload?.(ids);
      const r = await f.app.inject({
        method: at.method,
        url: at.url(ids),
        headers: { ...auth(f.keys.adminB), ...(at.contentType !== undefined ? { 'content-type': at.contentType } : {}) },
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      try {
        at.check(r.statusCode, r.body, ids);
      } catch (e) {
        throw new Error(`${at.method} ${at.url(ids)} → ${r.statusCode} ${r.body.slice(0, 200)}: ${(e as Error).message}`);
      }
    }
    expect(await snapshot()).toEqual(before);
    // The public catalog was not changed by B's refused public upload.
    const gp = await f.app.inject({ url: `/api/v1/gp?CATNR=${String(catalog[10]!['NORAD_CAT_ID'])}&FORMAT=json`, headers: auth(f.keys.viewerA) });
    expect(gp.body).not.toContain('B POISON');
  });

  it('A still sees its own data (the refusals are isolation, not breakage)', async () => {
    const r = await f.app.inject({ url: `/api/v1/gp?CATNR=${PRIVATE_CATNR}&FORMAT=json`, headers: auth(f.keys.viewerA) });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('PRIVATE SAT A');
    expect((await f.app.inject({ url: `/api/v1/fleets/${ids.fleetId}`, headers: auth(f.keys.viewerA) })).json()).toMatchObject({ name: 'a-fleet' });
  });
});
