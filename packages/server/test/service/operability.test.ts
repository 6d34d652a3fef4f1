// Operability (issue #11 item 8): the JSON logger (request ids, no secrets), security headers on every kind of
// answer, the cap on concurrent alert streams per key, and GET /metrics (Prometheus text; operator token or
// loopback only).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';

const OPERATOR_TOKEN = 'op-token-0123456789abcdefghijklmnopqrstuvwxyz';

function openStream(baseUrl: string, key: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: () => string; destroy: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/v1/alerts/stream`, { headers: auth(key) }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      // Wait for the first bytes (": connected" or the problem body) before resolving.
      res.once('data', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: () => body, destroy: () => req.destroy() }));
    });
    req.on('error', reject);
  });
}

describe.each(BACKENDS)('operability on $name', (backend) => {
  let f: Fixture;
  let baseUrl = '';
  const logLines: string[] = [];
  beforeAll(async () => {
    f = await makeFixture(backend, { maxStreamsPerKey: 2, logger: { level: 'info', stream: { write: (l: string) => logLines.push(l) } }, earlyWarning: { threads: 0 } });
    baseUrl = await f.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => f.close());

  it('logs JSON lines with request ids and no secrets (authorization, x-api-key, key query parameters)', async () => {
    const key = f.keys.viewerA;
    const secret = key.slice(16);
    logLines.length = 0;
    await f.app.inject({ url: `/api/v1/objects?key=${key}&limit=1`, headers: { ...auth(key), 'x-request-id': 'req-test-1' } });
    await f.app.inject({ url: `/api/v1/fleets?apiKey=${encodeURIComponent(key)}`, headers: { 'x-api-key': key } });
    await f.app.inject({ url: `/api/v1/webhooks`, method: 'POST', headers: auth(f.keys.operatorA), payload: { url: 'https://hooks.example/x', secret: 'whsec-do-not-log-0123456789' } });
    await f.app.inject({ url: `/api/v1/nope/${key}`, headers: { 'x-request-id': 'bad id with spaces\n{"forged":1}' } });
    expect(logLines.length).toBeGreaterThanOrEqual(8);
    const entries = logLines.map((l) => JSON.parse(l) as { reqId?: string; req?: { url: string }; msg: string });
    for (const l of logLines) {
      expect(l).not.toContain(secret);
      expect(l).not.toContain('whsec-do-not-log');
    }
    // Every request line carries a request id; a well-formed client id is kept, a malformed one replaced.
    expect(entries.every((e) => typeof e.reqId === 'string' && e.reqId.length > 0)).toBe(true);
    expect(entries.filter((e) => e.reqId === 'req-test-1').length).toBeGreaterThanOrEqual(2);
    expect(logLines.join('\n')).not.toContain('forged');
    expect(entries.find((e) => e.req?.url.startsWith('/api/v1/objects'))?.req?.url).toBe('/api/v1/objects?key=[redacted]&limit=1');
  });

  it('answers the request id in x-request-id', async () => {
    const r = await f.app.inject({ url: '/api/v1/health', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
    const r2 = await f.app.inject({ url: '/api/v1/health' });
    expect(String(r2.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the security headers on every answer: JSON, problem, 404, docs, OpenAPI, bad URL encoding, SSE stream', async () => {
    const answers: [string, Record<string, unknown>][] = [];
    for (const [name, url, headers] of [
      ['health', '/api/v1/health', {}],
      ['401 problem', '/api/v1/fleets', {}],
      ['404', '/no/such/thing', {}],
      ['docs', '/docs/', {}],
      ['openapi', '/api/v1/openapi.json', {}],
      ['validation', '/api/v1/objects?limit=abc', auth(f.keys.viewerA)],
    ] as const) {
      const r = await f.app.inject({ url, headers });
      answers.push([`${name} (${r.statusCode})`, r.headers]);
    }
    // Fastify answers a bad URL encoding itself, before any hook: only a real connection shows what is sent.
    const bad = await fetch(`${baseUrl}/api/v1/objects/%E0%A4%A`);
    const badHeaders: Record<string, unknown> = {};
    bad.headers.forEach((v, k) => (badHeaders[k] = v));
    answers.push([`bad URL encoding (${bad.status})`, badHeaders]);
    const s = await openStream(baseUrl, f.keys.viewerA);
    answers.push([`SSE (${s.status})`, s.headers as Record<string, unknown>]);
    s.destroy();
    for (const [name, h] of answers) {
      const csp = String(h['content-security-policy']);
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("worker-src 'self' blob:");
      expect(csp, name).toContain("default-src 'self'");
      expect(csp, name).not.toContain("'unsafe-inline' blob:");
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src')), name).not.toContain('unsafe-inline');
      expect(h['x-content-type-options'], name).toBe('nosniff');
      expect(h['referrer-policy'], name).toBe('no-referrer');
    }
  });

  it('caps concurrent alert streams per key (429 problem past the cap); other keys and closed streams free it', async () => {
    const a = await openStream(baseUrl, f.keys.viewerA);
    const b = await openStream(baseUrl, f.keys.viewerA);
    const c = await openStream(baseUrl, f.keys.viewerA);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c.status).toBe(429);
    expect(c.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(c.body())).toMatchObject({ type: 'urn:skylane:problem:too-many-streams', maxStreamsPerKey: 2 });
    const other = await openStream(baseUrl, f.keys.operatorA);
    expect(other.status).toBe(200);
    a.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const d = await openStream(baseUrl, f.keys.viewerA);
    expect(d.status).toBe(200);
    for (const s of [b, c, d, other]) s.destroy();
  });

  it('GET /metrics: Prometheus text with latency by route pattern and status, jobs by status, deliveries by outcome', async () => {
    await f.app.inject({ url: '/api/v1/health' });
    await f.app.inject({ url: '/api/v1/fleets/424242', headers: auth(f.keys.viewerA) });
    const fleet = await f.store.db.insertInto('fleets').values({ tenant_id: 2, name: 'metrics-fleet', created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
    const job = { tenant_id: 2, fleet_id: fleet.id, trigger: 'api', window_start_utc: nowIso(), duration_s: 60, threshold_km: 5, blocks_done: 0, blocks_total: 1, result_json: null, error: null, created_at: nowIso(), started_at: null, finished_at: null };
    await f.store.db.insertInto('screening_jobs').values([{ ...job, status: 'queued' }, { ...job, status: 'queued' }, { ...job, status: 'running' }]).execute();
    const r = await f.app.inject({ url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = r.body;
    expect(text).toContain('# TYPE skylane_http_request_duration_seconds histogram');
    expect(text).toMatch(/skylane_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status_code="200"\} [1-9]/);
    expect(text).toMatch(/skylane_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/fleets\/:fleetId",status_code="404",le="\+Inf"\} 1/);
    expect(text).not.toContain('424242');
    expect(text).toContain('skylane_screening_jobs{status="queued"} 2');
    expect(text).toContain('skylane_screening_jobs{status="running"} 1');
    expect(text).toContain('skylane_webhook_deliveries{status="dead"} 0');
    expect(text).toMatch(/skylane_sse_streams_open \d+/);
    // Every sample line is `name{labels} number`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{[^}]*\})? [-0-9.e+Na]+$/i);
    await f.store.db.deleteFrom('screening_jobs').where('fleet_id', '=', fleet.id).execute();
  });

  it('/metrics without an operator token answers loopback clients only', async () => {
    expect((await f.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await f.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    const remote = await f.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: auth(f.keys.adminA) });
    expect(remote.statusCode).toBe(403);
    expect(remote.headers['content-type']).toContain('application/problem+json');
  });
});

describe.each(BACKENDS)('/metrics with SKYLANE_OPERATOR_TOKEN on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { operatorToken: OPERATOR_TOKEN, earlyWarning: { threads: 0 } });
  });
  afterAll(async () => f.close());

  it('needs the operator token, from loopback too; tenant keys never open it', async () => {
    expect((await f.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await f.app.inject({ url: '/metrics', headers: auth(f.keys.adminA) })).statusCode).toBe(401);
    const ok = await f.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: auth(OPERATOR_TOKEN) });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('skylane_screening_jobs');
  });
});
