/**
 * `npm start`: the Skylane early-warning service on http://localhost:8080 (PORT, HOST), with the embedded SQLite
 * database (SKYLANE_DB, default .skylane/skylane.sqlite) or PostgreSQL (DATABASE_URL), seeded on first run from the
 * bundled catalog with a demo tenant and fleet; prints a fresh demo API key.
 *
 * SKYLANE_NO_SEED=1 skips the seeding; SKYLANE_LOG_INGEST_PROGRESS=1 logs each written batch of an upload on stderr;
 * SKYLANE_TEST_HOLD_INGEST_AFTER_ROWS=n (crash tests only) holds an upload's open transaction after n rows.
 */
import fs from 'node:fs';
import { createTimeScales, IERS_LEAP_SECONDS } from '@skylane/core';
import { openStore } from './storage/database.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './seed.ts';

const env = process.env;
const port = Number(env['PORT'] ?? 8080);
const host = env['HOST'] ?? '127.0.0.1';
const url = env['DATABASE_URL'] ?? env['SKYLANE_DB'] ?? '.skylane/skylane.sqlite';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const store = await openStore({ url });
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
const app = await buildApp({ store, timeScales: ts, ...(logProgress || Number.isFinite(holdAfterRows) ? { onIngestProgress } : {}) });

if (env['SKYLANE_NO_SEED'] !== '1') {
  const t0 = performance.now();
  const seed = await seedDemo(store, ts);
  if (seed.seededCatalog > 0) console.log(`seeded the public catalog with ${seed.seededCatalog} element sets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`demo tenant "demo", fleet ${seed.demoFleetId} with ${seed.fleetMembers.length} objects`);
  console.log(`demo API key (admin, shown once): ${seed.demoKey.apiKey}`);
}

const address = await app.listen({ port, host });
console.log(`skylane service listening on ${address} (database: ${store.dialect} ${store.location}); docs at ${address}/docs`);

const shutdown = (): void => {
  void app.close().then(() => store.close()).then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
