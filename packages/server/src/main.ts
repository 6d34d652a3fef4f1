/**
 * `npm start`: the Skylane early-warning service on http://localhost:8080 (PORT, HOST), with the embedded SQLite
 * database (SKYLANE_DB, default .skylane/skylane.sqlite) or PostgreSQL (DATABASE_URL), seeded on first run from the
 * bundled catalog with a demo tenant and fleet; prints a fresh demo API key.
 *
 * After listening, a first screening of the demo fleet runs in the background (SKYLANE_FIRST_SCREENING=0 skips it).
 * Early warning: GP uploads re-screen the fleets concerned (SKYLANE_RESCREEN_ON_UPLOAD=0 turns it off); every fleet
 * is re-screened every SKYLANE_SCREEN_INTERVAL_S seconds (default 21600; 0 turns it off); SKYLANE_SCREEN_THREADS
 * worker threads (default all cores); SKYLANE_HBR_TABLE names a CARA HBR/mass CSV, plain or .gz (default: the
 * CARA rows for the bundled catalog in data/catalog; objects without a value fall back by object type); SKYLANE_NOW=<ISO time> runs the
 * service clock from that instant (to replay the bundled snapshot's date).
 *
 * Operations: logs are JSON lines on stdout (pino; SKYLANE_LOG_LEVEL, default info; request ids; no secrets), apart
 * from the start-up lines for people (the demo key, the addresses); SKYLANE_OPERATOR_TOKEN (≥ 32 characters) enables
 * the operator admin API (/api/v1/admin/…) and authorises /metrics (without it /metrics answers loopback clients
 * only); SKYLANE_MAX_STREAMS_PER_KEY caps the concurrent alert streams of one API key (default 8).
 * SKYLANE_WEBHOOK_ALLOW=cidr,cidr lets webhooks reach those (private, loopback) addresses; by default deliveries
 * reach public addresses only. SKYLANE_SPACE_WEATHER_FILE names a CelesTrak SW file (SW-All.txt) for the reentry
 * watch: observed indices up to the prediction time, the file's forecast after (default constant F10.7 150, Ap 15).
 *
 * SKYLANE_NO_SEED=1 skips the seeding; SKYLANE_LOG_INGEST_PROGRESS=1 logs each written batch of an upload on stderr;
 * SKYLANE_TEST_HOLD_INGEST_AFTER_ROWS=n (crash tests only) holds an upload's open transaction after n rows.
 */
import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTimeScales, IERS_LEAP_SECONDS, parseCaraHbrTable, parseCelestrakSpaceWeather, type CaraHbrRow } from '@skylane/core';
import { openStore } from './storage/database.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './seed.ts';
import { installShutdownHandlers } from './shutdown.ts';

const env = process.env;
const port = Number(env['PORT'] ?? 8080);
const host = env['HOST'] ?? '127.0.0.1';
const url = env['DATABASE_URL'] ?? env['SKYLANE_DB'] ?? '.skylane/skylane.sqlite';

const ts = createTimeScales(IERS_LEAP_SECONDS);
// An idle PostgreSQL connection the server ended (restart, failover, an administrator) is replaced by the pool; the
// warning goes to the service's JSON log once the app exists.
let onIdleConnectionError: (e: Error) => void = (e) => console.error(`skylane: PostgreSQL connection lost while idle (${e.message})`);
const store = await openStore({ url, onIdleConnectionError: (e) => onIdleConnectionError(e) });
const logProgress = env['SKYLANE_LOG_INGEST_PROGRESS'] === '1';
// Crash-test hook: hold an upload's transaction open (uncommitted) once this many rows are written, so that a test
// can kill the process at a known point in the middle of an ingest.
const holdAfterRows = Number(env['SKYLANE_TEST_HOLD_INGEST_AFTER_ROWS'] ?? Infinity);
const onIngestProgress = async (written: number, total: number): Promise<void> => {
  if (logProgress) fs.writeSync(2, `ingest-progress ${written}/${total}\n`);
  if (written >= holdAfterRows && written < total) {
    fs.writeSync(2, `ingest-held ${written}/${total}\n`);
    await new Promise((resolve) => setTimeout(resolve, 600_000));
  }
};

// NASA CARA HBR rows for the bundled catalog's objects (data/catalog/PROVENANCE.md); SKYLANE_HBR_TABLE may name the
// full CARA CSV (plain or .gz).
const bundledHbr = fileURLToPath(new URL('../../../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url));
const hbrPath = env['SKYLANE_HBR_TABLE'] ?? bundledHbr;
const hbrRaw = fs.readFileSync(hbrPath);
const hbrTable: Map<number, CaraHbrRow> = parseCaraHbrTable((hbrPath.endsWith('.gz') ? gunzipSync(hbrRaw) : hbrRaw).toString('utf8'));
const clockOffsetMs = env['SKYLANE_NOW'] !== undefined ? Date.parse(env['SKYLANE_NOW']) - Date.now() : 0;
if (Number.isNaN(clockOffsetMs)) throw new Error(`SKYLANE_NOW="${env['SKYLANE_NOW'] ?? ''}" is not an ISO-8601 time such as 2026-03-10T12:00:00Z`);
const threads = env['SKYLANE_SCREEN_THREADS'] !== undefined ? Number(env['SKYLANE_SCREEN_THREADS']) : undefined;
const maxStreams = env['SKYLANE_MAX_STREAMS_PER_KEY'];
const swFile = env['SKYLANE_SPACE_WEATHER_FILE'];
const reentrySpaceWeather = swFile !== undefined && swFile !== '' ? fs.readFileSync(swFile, 'utf8') : undefined;
if (reentrySpaceWeather !== undefined) parseCelestrakSpaceWeather(reentrySpaceWeather, swFile ?? 'SKYLANE_SPACE_WEATHER_FILE');
const app = await buildApp({
  store,
  timeScales: ts,
  logger: { level: env['SKYLANE_LOG_LEVEL'] ?? 'info' },
  ...(env['SKYLANE_OPERATOR_TOKEN'] !== undefined ? { operatorToken: env['SKYLANE_OPERATOR_TOKEN'] } : {}),
  ...(maxStreams !== undefined ? { maxStreamsPerKey: Number(maxStreams) } : {}),
  ...(logProgress || Number.isFinite(holdAfterRows) ? { onIngestProgress } : {}),
  earlyWarning: {
    ...(threads !== undefined ? { threads } : {}),
    rescreenOnUpload: env['SKYLANE_RESCREEN_ON_UPLOAD'] !== '0',
    scheduleIntervalS: Number(env['SKYLANE_SCREEN_INTERVAL_S'] ?? 21_600),
    ...(hbrTable !== undefined ? { hbrTable } : {}),
    ...(reentrySpaceWeather !== undefined ? { reentrySpaceWeather } : {}),
    now: () => new Date(Date.now() + clockOffsetMs),
    // On-premise webhook receivers on private/loopback addresses must be allowed explicitly (CIDR list).
    // REDIS_URL: screening jobs run on the distributed queue's workers (`skylane worker --queue $REDIS_URL`).
    ...(env['REDIS_URL'] !== undefined ? { queueUrl: env['REDIS_URL'] } : {}),
    webhooks: { allow: (env['SKYLANE_WEBHOOK_ALLOW'] ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0) },
  },
});
onIdleConnectionError = (e) => app.log.warn({ err: e }, 'PostgreSQL connection lost while idle; the pool opens a new one on the next query');

let seed: Awaited<ReturnType<typeof seedDemo>> | undefined;
if (env['SKYLANE_NO_SEED'] !== '1') {
  const t0 = performance.now();
  seed = await seedDemo(store, ts);
  if (seed.seededCatalog > 0) console.log(`seeded the public catalog with ${seed.seededCatalog} element sets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`demo tenant "demo", fleet ${seed.demoFleetId} with ${seed.fleetMembers.length} objects`);
  console.log(`demo API key (admin, shown once): ${seed.demoKey.apiKey}`);
}

const address = await app.listen({ port, host });
console.log(`skylane service listening on ${address} (database: ${store.dialect} ${store.location}); docs at ${address}/docs`);
if (seed !== undefined) console.log(`dashboard: ${address}/#key=${seed.demoKey.apiKey}`);

if (seed !== undefined && seed.fleetMembers.length > 0 && env['SKYLANE_FIRST_SCREENING'] !== '0') {
  // First screening of the demo fleet, in the background. When the fleet's element sets are more than 3 days old
  // (the bundled snapshot), the window starts at their newest epoch: a window at today's date would propagate
  // stale elements far beyond their useful span.
  const now = app.earlyWarning.now();
  const newest = await store.db.selectFrom('element_sets').select(store.db.fn.max('epoch_utc').as('e')).where('catalog_number', 'in', [...seed.fleetMembers]).executeTakeFirst();
  const newestMs = newest?.e != null ? Date.parse(String(newest.e)) : Number.NaN;
  const stale = Number.isFinite(newestMs) && now.getTime() - newestMs > 3 * 86_400_000;
  const windowStart = stale ? new Date(newestMs) : now;
  const job = await app.earlyWarning.jobs.submit({ tenantId: seed.demoTenantId, fleetId: seed.demoFleetId, trigger: 'startup', windowStart, durationS: 7 * 86_400, thresholdKm: 5 });
  console.log(`first screening of the demo fleet (job ${job.id}, 7 days from ${windowStart.toISOString()}${stale ? ', the snapshot epoch: its events have a past TCA and are closed; SKYLANE_NOW=' + windowStart.toISOString() + ' replays that date' : ''}) runs in the background:`);
  console.log(`  progress: curl -H "Authorization: Bearer ${seed.demoKey.apiKey}" ${address}/api/v1/screenings/${job.id}`);
  console.log(`  events:   curl -H "Authorization: Bearer ${seed.demoKey.apiKey}" "${address}/api/v1/events?limit=20"`);
  console.log(`  alerts:   curl -N -H "Authorization: Bearer ${seed.demoKey.apiKey}" ${address}/api/v1/alerts/stream`);
}

// SIGTERM/SIGINT: abort or re-queue the running screening job within seconds, then close (shutdown.ts).
installShutdownHandlers(app, store);
