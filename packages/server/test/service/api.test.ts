// HTTP API tests on every backend: auth and roles, uploads with per-record errors, GP query formats, history, pagination, limits, OpenAPI and docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { readElementSets } from '@skylane/core';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, SAMPLE_TLE, ts, type Fixture } from './helpers.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];

describe.each(BACKENDS)('HTTP API on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { bodyLimitBytes: 64 * 1024, uploadLimitBytes: 2 * 1024 * 1024 });
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public&name=seed.json', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(catalog.slice(0, 500)) });
    expect(r.statusCode).toBe(201);
  });
  afterAll(async () => f.close());

  it('refuses missing, malformed and revoked keys with 401 problem+json, and too-low roles with 403', async () => {
    const none = await f.app.inject({ url: '/api/v1/objects' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json()).toMatchObject({ type: 'urn:skylane:problem:unauthorized', status: 401 });
    expect((await f.app.inject({ url: '/api/v1/objects', headers: auth('sk_nope') })).statusCode).toBe(401);
    const wrongSecret = f.keys.viewerA.slice(0, -4) + 'AAAA';
    expect((await f.app.inject({ url: '/api/v1/objects', headers: auth(wrongSecret) })).statusCode).toBe(401);
    const viewerUpload = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.viewerA), 'content-type': 'text/plain' }, payload: SAMPLE_TLE });
    expect(viewerUpload.statusCode).toBe(403);
    expect((await f.app.inject({ url: '/api/v1/keys', headers: auth(f.keys.operatorA) })).statusCode).toBe(403);
    // A new key is shown once; listing never shows secrets; a revoked key stops working.
    const created = await f.app.inject({ method: 'POST', url: '/api/v1/keys', headers: auth(f.keys.adminA), payload: { role: 'viewer', label: 'temp' } });
    expect(created.statusCode).toBe(201);
    const { id, apiKey } = created.json<{ id: number; apiKey: string }>();
    expect((await f.app.inject({ url: '/api/v1/tenant', headers: auth(apiKey) })).json()).toMatchObject({ name: 'tenant-a', role: 'viewer' });
    const list = await f.app.inject({ url: '/api/v1/keys', headers: auth(f.keys.adminA) });
    expect(list.body).not.toContain(apiKey.slice(20));
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/keys/${id}`, headers: auth(f.keys.adminA) })).statusCode).toBe(204);
    expect((await f.app.inject({ url: '/api/v1/tenant', headers: auth(apiKey) })).statusCode).toBe(401);
  });

  it('a malformed upload gets 422 naming each bad record while the good ones are stored', async () => {
    const good = catalog.slice(600, 603);
    const bad1 = { ...catalog[603]!, ECCENTRICITY: 'abc' };
    const bad2 = { ...catalog[604]! };
    delete bad2['EPOCH'];
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?name=mixed.json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify([good[0], bad1, good[1], bad2, good[2]]) });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json<{ accepted: number; rejected: number; uploadId: number; errors: { line: number; field?: string; code: string; reason: string }[] }>();
    expect(body.accepted).toBe(3);
    expect(body.rejected).toBe(2);
    expect(body.errors.map((e) => e.field)).toEqual(['ECCENTRICITY', 'EPOCH']);
    for (const e of body.errors) expect(e.reason.length).toBeGreaterThan(10);
    const upload = await f.app.inject({ url: `/api/v1/uploads/${body.uploadId}`, headers: auth(f.keys.viewerA) });
    expect(upload.json()).toMatchObject({ acceptedCount: 3, rejectedCount: 2 });
    for (const g of good) {
      const o = await f.app.inject({ url: `/api/v1/objects/${String(g['NORAD_CAT_ID'])}/elements`, headers: auth(f.keys.viewerA) });
      expect(o.json<{ items: { uploadId: number }[] }>().items.some((i) => i.uploadId === body.uploadId)).toBe(true);
    }
    // Wholly unreadable: 422, nothing stored.
    const junk = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: 'hello\nworld\n' });
    expect(junk.statusCode).toBe(422);
    expect(junk.json()).toMatchObject({ accepted: 0, uploadId: null });
  });

  it('GP query answers in every CelesTrak format; TLE output equals the uploaded TLE', async () => {
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public&name=iss.tle', headers: { ...auth(f.keys.publisher), 'content-type': 'text/plain' }, payload: SAMPLE_TLE });
    expect(up.statusCode).toBe(201);
    const tle = await f.app.inject({ url: '/api/v1/gp?CATNR=25544&FORMAT=tle', headers: auth(f.keys.viewerB) });
    expect(tle.statusCode).toBe(200);
    expect(tle.body).toBe(SAMPLE_TLE);
    const threeLe = await f.app.inject({ url: '/api/v1/gp?CATNR=25544&FORMAT=3le', headers: auth(f.keys.viewerB) });
    expect(threeLe.body).toBe(`0 ${SAMPLE_TLE}`);
    const expected = readElementSets(SAMPLE_TLE, { format: 'tle', timeScales: ts }).elementSets[0]!;
    for (const format of ['json', 'xml', 'kvn', 'csv'] as const) {
      const r = await f.app.inject({ url: `/api/v1/gp?CATNR=25544&FORMAT=${format}`, headers: auth(f.keys.viewerB) });
      expect(r.statusCode).toBe(200);
      const back = readElementSets(r.body, { format: 'auto', timeScales: ts });
      expect(back.failures).toEqual([]);
      expect(back.elementSets.length).toBe(1);
      const s = back.elementSets[0]!;
      expect(s.catalogNumber).toBe(25544);
      expect(Math.abs(s.epoch.secondsSince(expected.epoch))).toBeLessThan(1e-6);
      expect(s.meanMotionRevPerDay).toBe(expected.meanMotionRevPerDay);
      expect(s.eccentricity).toBe(expected.eccentricity);
    }
    const json = await f.app.inject({ url: '/api/v1/gp?INTDES=1998-067A&FORMAT=json', headers: auth(f.keys.viewerB) });
    expect(json.json<{ NORAD_CAT_ID: number }[]>().map((r) => r.NORAD_CAT_ID)).toEqual([25544]);
    expect((await f.app.inject({ url: '/api/v1/gp?CATNR=1&FORMAT=tle', headers: auth(f.keys.viewerB) })).statusCode).toBe(404);
    expect((await f.app.inject({ url: '/api/v1/gp?CATNR=25544&FORMAT=pdf', headers: auth(f.keys.viewerB) })).statusCode).toBe(400);
    expect((await f.app.inject({ url: '/api/v1/gp?CATNR=abc', headers: auth(f.keys.viewerB) })).statusCode).toBe(400);
  });

  it('GP query GROUP=all answers every object the tenant sees, as the object listing does', async () => {
    for (const key of [f.keys.viewerA, f.keys.viewerB]) {
      const all = await f.app.inject({ url: '/api/v1/gp?GROUP=all&FORMAT=json', headers: auth(key) });
      expect(all.statusCode).toBe(200);
      const fromGp = all.json<{ NORAD_CAT_ID: number }[]>().map((r) => r.NORAD_CAT_ID);
      const listed: number[] = [];
      let url: string | null = '/api/v1/objects?limit=1000';
      while (url !== null) {
        const r: LightMyRequestResponse = await f.app.inject({ url, headers: auth(key) });
        const page = r.json<{ items: { catalogNumber: number }[]; nextCursor: string | null }>();
        listed.push(...page.items.map((i) => i.catalogNumber));
        url = page.nextCursor === null ? null : `/api/v1/objects?limit=1000&cursor=${page.nextCursor}`;
      }
      expect(fromGp.length).toBeGreaterThan(0);
      expect(fromGp).toEqual(listed);
    }
    expect((await f.app.inject({ url: '/api/v1/gp?GROUP=all&CATNR=25544', headers: auth(f.keys.viewerB) })).statusCode).toBe(400);
    expect((await f.app.inject({ url: '/api/v1/gp?GROUP=stations', headers: auth(f.keys.viewerB) })).statusCode).toBe(400);
  });

  it('cursor pagination walks every object exactly once', async () => {
    const seen: number[] = [];
    let url: string | null = '/api/v1/objects?limit=97';
    let pages = 0;
    while (url !== null) {
      const r: LightMyRequestResponse = await f.app.inject({ url, headers: auth(f.keys.viewerA) });
      expect(r.statusCode).toBe(200);
      const body: { items: { catalogNumber: number }[]; nextCursor: string | null } = r.json();
      seen.push(...body.items.map((i) => i.catalogNumber));
      url = body.nextCursor === null ? null : `/api/v1/objects?limit=97&cursor=${body.nextCursor}`;
      if (body.nextCursor !== null) expect(r.headers['link']).toContain('rel="next"');
      pages += 1;
    }
    const a = await f.store.db.selectFrom('tenants').select('id').where('name', '=', 'tenant-a').executeTakeFirstOrThrow();
    const expected = await f.store.db
      .selectFrom('element_sets')
      .select('catalog_number')
      .distinct()
      .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', a.id)]))
      .execute();
    expect(pages).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await f.app.inject({ url: '/api/v1/objects?cursor=garbage!', headers: auth(f.keys.viewerA) })).statusCode).toBe(400);
  });

  it('enforces request-size limits with 413 problem+json', async () => {
    const big = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'x'.repeat(100), members: Array.from({ length: 20_000 }, (_, i) => i + 1) } });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const bigUpload = await f.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: 'x'.repeat(3 * 1024 * 1024) });
    expect(bigUpload.statusCode).toBe(413);
  });

  it('validates bodies with problem+json naming the field', async () => {
    const r = await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { redPc: 'high' } });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ errors: { location: string }[] }>().errors[0]?.location).toContain('redPc');
    const ok = await f.app.inject({ method: 'PATCH', url: '/api/v1/tenant/thresholds', headers: auth(f.keys.adminA), payload: { redPc: 1e-3 } });
    expect(ok.json()).toMatchObject({ thresholds: { redPc: 1e-3, yellowPc: 1e-7, yellowMissKm: 1 } });
  });

  it('serves OpenAPI 3 and the docs UI without a network', async () => {
    const spec = await f.app.inject({ url: '/api/v1/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/gp', '/api/v1/uploads', '/api/v1/fleets/{fleetId}']));
    const ui = await f.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    const asset = await f.app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/);
  });
});

describe('rate limit', () => {
  it('answers 429 problem+json with Retry-After once a key exceeds its bucket', async () => {
    const f = await makeFixture(BACKENDS[0]!, { rateLimit: { perSecond: 1, burst: 5 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) })).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
      const r = await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) });
      expect(r.headers['retry-after']).toBeDefined();
      expect(r.headers['content-type']).toContain('application/problem+json');
      // Another key has its own bucket.
      expect((await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerB) })).statusCode).toBe(200);
    } finally {
      await f.close();
    }
  });
});
