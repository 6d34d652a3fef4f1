/**
 * Load benchmark of the HTTP service on loopback (autocannon, 10 connections, 5 s per route): the GP query
 * (TLE and JSON) and the object list, each as a ratio against the cheapest authenticated route measured in the same
 * run (GET /api/v1/tenant: auth + one primary-key read), on the embedded SQLite store seeded from the bundled catalog.
 * The event list is not measured: screening events are not in the service yet.
 *
 * Run: npx tsx bench/service-load.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createTimeScales, IERS_LEAP_SECONDS } from '@skylane/core';
import { buildApp, openStore, seedDemo } from '@skylane/server';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-bench-'));
const ts = createTimeScales(IERS_LEAP_SECONDS);
const store = await openStore({ url: path.join(dir, 'bench.sqlite') });
const seed = await seedDemo(store, ts);
const windowStart = new Date('2026-03-10T00:00:00Z');
const app = await buildApp({ store, timeScales: ts, rateLimit: { perSecond: 1e9, burst: 1e9 }, earlyWarning: { now: () => windowStart } });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const headers = { authorization: `Bearer ${seed.demoKey.apiKey}` };
const tScreen = performance.now();
const job = await app.earlyWarning.jobs.submit({ tenantId: seed.demoTenantId, fleetId: seed.demoFleetId, trigger: 'api', windowStart, durationS: 7 * 86_400, thresholdKm: 5 });
await app.earlyWarning.jobs.idle();
const done = await store.db.selectFrom('screening_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
if (done.status !== 'succeeded') throw new Error(`screening failed: ${done.error ?? ''}`);
const eventCount = Number((await store.db.selectFrom('events').select(store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const someEvent = await store.db.selectFrom('events').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
console.log(`screening of the demo fleet (${seed.fleetMembers.length} objects, 7 days, 5 km): ${eventCount} events in ${((performance.now() - tScreen) / 1000).toFixed(0)} s`);

const routes: [string, string][] = [
  ['peer: GET /api/v1/tenant', '/api/v1/tenant'],
  ['GP query CATNR=25544 FORMAT=tle', '/api/v1/gp?CATNR=25544&FORMAT=tle'],
  ['GP query CATNR=25544 FORMAT=json', '/api/v1/gp?CATNR=25544&FORMAT=json'],
  ['GP query INTDES=1998-067 FORMAT=json', '/api/v1/gp?INTDES=1998-067&FORMAT=json'],
  ['object list, first page (limit=100)', '/api/v1/objects?limit=100'],
  ['event list, first page (limit=100)', '/api/v1/events?limit=100'],
  ['event list, object=25544 & TCA range', '/api/v1/events?object=25544&tcaFrom=2026-03-11T00:00:00Z&tcaTo=2026-03-14T00:00:00Z'],
  ['event detail with history', `/api/v1/events/${someEvent.id}`],
];
const rows: string[] = [];
let peerRps = 0;
const t0 = performance.now();
for (const [label, url] of routes) {
  const r = await autocannon({ url: `${base}${url}`, connections: 10, duration: 5, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  if (peerRps === 0) peerRps = r.requests.average;
  rows.push(`| ${label} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${(r.requests.average / peerRps).toFixed(2)} |`);
}
await app.close();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; wall ${((performance.now() - t0) / 1000).toFixed(0)} s; peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (server and client in one process)`);
console.log('| route | req/s | p50 ms | p99 ms | ratio to peer |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
