// Issue 11 items 1 and 2 (uploads): no request can exhaust the process. A garbage upload ("1 x" lines, the issue's
// reproduction at a smaller size) answers a bounded 422 problem+json (the first 100 rejected records plus counts by
// code), stores the same bounded report and serves it on every read; large bodies are read in a worker thread, so
// /health answers within a second meanwhile (measured over real HTTP); every error, Fastify's own included, is
// RFC 9457 problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const PROBLEM = /^application\/problem\+json/;
const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];

describe.each(BACKENDS)('upload hardening on $name', (backend) => {
  let f: Fixture;
  let base: string;
  beforeAll(async () => {
    f = await makeFixture(backend, { uploadLimitBytes: 16 * 1024 * 1024 });
    base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => f.close());

  const post = (body: string | Blob, key: string, query = '', type = 'text/plain') =>
    fetch(`${base}/api/v1/uploads${query}`, { method: 'POST', headers: { ...auth(key), 'content-type': type }, body });

  it('1.2 MB of "1 x" lines: a 422 problem+json of a few kB (100 errors + counts of all 300,000), nothing stored', async () => {
    const lines = 300_000;
    const r = await post('1 x\n'.repeat(lines), f.keys.operatorA, '?name=garbage.tle');
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(PROBLEM);
    const text = await r.text();
    // The old answer was 36 MB for this body; bounded now.
    expect(text.length, `answer of ${text.length} bytes`).toBeLessThan(50_000);
    const body = JSON.parse(text) as { rejected: number; accepted: number; uploadId: number | null; errors: { line: number; code: string }[]; errorCounts: Record<string, number>; errorsTruncated: boolean; type: string };
    expect(body.type).toBe('urn:skylane:problem:records-rejected');
    expect(body.rejected).toBe(lines);
    expect(body.accepted).toBe(0);
    expect(body.uploadId).toBeNull();
    expect(body.errors.length).toBe(100);
    expect(body.errors[0]).toMatchObject({ line: 1, code: 'FIELD_MISSING' });
    expect(body.errors[99]!.line).toBe(100);
    expect(body.errorCounts).toEqual({ FIELD_MISSING: lines });
    expect(body.errorsTruncated).toBe(true);
  });

  it('good records among 50,000 bad lines are stored; the stored report and every read of it stay bounded', async () => {
    const good = catalog.slice(0, 3);
    const garbage = Array.from({ length: 50_000 }, (_, i) => ({ NORAD_CAT_ID: 'x', OBJECT_NAME: `junk ${i}` }));
    const r = await post(JSON.stringify([...good, ...garbage]), f.keys.operatorA, '?name=mixed.json', 'application/json');
    expect(r.status).toBe(422);
    const body = (await r.json()) as { uploadId: number; accepted: number; rejected: number; errors: unknown[]; errorCounts: Record<string, number> };
    expect(body.accepted).toBe(3);
    expect(body.rejected).toBe(50_000);
    expect(body.errors.length).toBe(100);
    const row = await f.store.db.selectFrom('uploads').select(['failures_json', 'rejected_count']).where('id', '=', body.uploadId).executeTakeFirstOrThrow();
    expect(row.rejected_count).toBe(50_000);
    expect(row.failures_json.length, `stored report of ${row.failures_json.length} bytes`).toBeLessThan(50_000);
    const read = await fetch(`${base}/api/v1/uploads/${body.uploadId}`, { headers: auth(f.keys.viewerA) });
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(text.length).toBeLessThan(50_000);
    const u = JSON.parse(text) as { rejectedCount: number; errors: unknown[]; errorCounts: Record<string, number>; errorsTruncated: boolean };
    expect(u.rejectedCount).toBe(50_000);
    expect(u.errors.length).toBe(100);
    expect(Object.values(u.errorCounts).reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(u.errorsTruncated).toBe(true);
  });

  it('an upload row stored before the cap (an unbounded array) is cut to 100 on read', async () => {
    const huge = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ line: i + 1, code: 'PARSE_ERROR', reason: 'old' })));
    const tenant = await f.store.db.selectFrom('api_keys').select('tenant_id').where('key_id', '=', f.keys.viewerA.slice(3, 15)).executeTakeFirstOrThrow();
    const u = await f.store.db
      .insertInto('uploads')
      .values({ tenant_id: tenant.tenant_id, kind: 'gp', format: 'tle', name: 'old', visibility: 'private', accepted_count: 1, rejected_count: 5000, failures_json: huge, content_sha256: 'x', received_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const read = (await (await fetch(`${base}/api/v1/uploads/${u.id}`, { headers: auth(f.keys.viewerA) })).json()) as { errors: unknown[]; errorCounts: Record<string, number> };
    expect(read.errors.length).toBe(100);
    expect(read.errorCounts).toEqual({ PARSE_ERROR: 5000 });
  });

  it('/health answers within a second while a 6 MB garbage upload is read (off the request thread)', async () => {
    const body = '1 x\n'.repeat(1_500_000);
    const latencies: number[] = [];
    let done = false;
    const upload = post(body, f.keys.operatorA, '?name=big-garbage.tle').then(async (r) => {
      done = true;
      return { status: r.status, size: (await r.text()).length };
    });
    // Poll /health until the upload answers; each probe is timed from send to answer.
    while (!done) {
      const t0 = performance.now();
      const h = await fetch(`${base}/api/v1/health`);
      await h.text();
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const r = await upload;
    expect(r.status).toBe(422);
    expect(r.size).toBeLessThan(50_000);
    const worst = Math.max(...latencies);
    console.info(`/health during a 6 MB garbage upload: ${latencies.length} probes, worst ${worst.toFixed(0)} ms`);
    expect(latencies.length).toBeGreaterThan(3);
    expect(worst, `worst /health latency ${worst.toFixed(0)} ms`).toBeLessThan(1000);
  });

  it('a body above the upload limit is a 413 problem+json', async () => {
    const r = await post(new Blob([new Uint8Array(17 * 1024 * 1024).fill(0x41)]), f.keys.operatorA);
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toMatch(PROBLEM);
  });
});

describe.each(BACKENDS)("Fastify's own errors are RFC 9457 problem+json on $name", (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { bodyLimitBytes: 64 * 1024 });
  });
  afterAll(async () => f.close());

  const cases: [string, { method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; headers?: Record<string, string>; payload?: string }, number][] = [
    ['bad URL encoding', { url: '/api/v1/objects/%E0%A4%A' }, 400],
    ['bad URL encoding in the query', { url: '/api/v1/objects?cursor=%E0%A4%A' }, 400],
    ['unknown route', { url: '/api/v1/nope' }, 404],
    ['wrong method on a route', { method: 'PATCH', url: '/api/v1/health' }, 404],
    ['malformed JSON body', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': 'application/json' }, payload: '{"name": "x",' }, 400],
    ['empty JSON body', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': 'application/json' }, payload: '' }, 400],
    ['unsupported content type', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': 'text/csv' }, payload: 'a,b' }, 415],
    ['invalid content-type header', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': '/' }, payload: '{}' }, 415],
    ['JSON body above the limit', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(70 * 1024) }) }, 413],
    ['prototype poisoning in JSON', { method: 'POST', url: '/api/v1/fleets', headers: { 'content-type': 'application/json' }, payload: '{"name":"x","__proto__":{"a":1}}' }, 400],
  ];
  for (const [name, req, status] of cases) {
    it(`${name}: ${status} problem+json`, async () => {
      const r = await f.app.inject({ method: req.method ?? 'GET', url: req.url, headers: { ...auth(f.keys.adminA), ...(req.headers ?? {}) }, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
      expect(r.statusCode).toBe(status);
      expect(r.headers['content-type']).toMatch(PROBLEM);
      const body = r.json<{ type: string; title: string; status: number; detail: string }>();
      expect(body.status).toBe(status);
      expect(body.type).toMatch(/^urn:skylane:problem:/);
      expect(typeof body.detail).toBe('string');
      expect(JSON.stringify(body)).not.toMatch(/FST_|at .*\.js:\d+/);
    });
  }
});
