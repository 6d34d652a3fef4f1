/**
 * Test helpers of the service suites: the database backends to run against (SQLite always; PostgreSQL when
 * SKYLANE_TEST_PG_URL or DATABASE_URL names a server whose role may create databases: each suite gets a fresh
 * database, dropped afterwards), and an app with two tenants.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTimeScales, IERS_LEAP_SECONDS } from '@skylane/core';
import { buildApp, createApiKey, createTenant, openStore, type App, type AppOptions, type Store } from '../../src/index.ts';

export const ts = createTimeScales(IERS_LEAP_SECONDS);
export const PG_URL = process.env['SKYLANE_TEST_PG_URL'] ?? process.env['DATABASE_URL'];
export const PG_SKIP_REASON = 'PostgreSQL suite skipped: set SKYLANE_TEST_PG_URL=postgres://user:pass@127.0.0.1:5432/db (a role that may CREATE DATABASE) to run it';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty database URL (created now). */
  create(): Promise<string>;
  /** Drops what create() made. */
  dispose(url: string): Promise<void>;
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  create: () => Promise.resolve(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-test-')), 'test.sqlite')),
  dispose: (url) => {
    fs.rmSync(path.dirname(url), { recursive: true, force: true });
    return Promise.resolve();
  },
};

function pgBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      const name = `skylane_t_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.href;
    },
    async dispose(url) {
      const name = new URL(url).pathname.slice(1);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // FORCE cannot end an autovacuum worker that happens to be on the database (42501, not our role's process):
        // wait for it to finish and try again; a test database left behind changes no result, so give up quietly.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt >= 40) {
              console.warn(`test database ${name} not dropped: ${(e as Error).message}`);
              return;
            }
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** The backends to run: SQLite, and PostgreSQL when configured. */
export const BACKENDS: readonly Backend[] = PG_URL !== undefined ? [sqliteBackend, pgBackend(PG_URL)] : [sqliteBackend];
if (PG_URL === undefined) console.warn(PG_SKIP_REASON);

export interface Fixture {
  readonly store: Store;
  readonly app: App;
  readonly url: string;
  readonly keys: { adminA: string; operatorA: string; viewerA: string; adminB: string; operatorB: string; viewerB: string; publisher: string };
  close(): Promise<void>;
}

/** A fresh database with a catalog-publisher tenant and two operator tenants A and B, each with one key per role. */
export async function makeFixture(backend: Backend, appOptions: Partial<AppOptions> = {}): Promise<Fixture> {
  const url = await backend.create();
  const store = await openStore({ url });
  const publisher = await createTenant(store.db, 'publisher', { catalogPublisher: true });
  const a = await createTenant(store.db, 'tenant-a');
  const b = await createTenant(store.db, 'tenant-b');
  const key = async (t: number, role: 'viewer' | 'operator' | 'admin') => (await createApiKey(store.db, t, role, `${role} key`)).apiKey;
  const keys = {
    adminA: await key(a.id, 'admin'),
    operatorA: await key(a.id, 'operator'),
    viewerA: await key(a.id, 'viewer'),
    adminB: await key(b.id, 'admin'),
    operatorB: await key(b.id, 'operator'),
    viewerB: await key(b.id, 'viewer'),
    publisher: await key(publisher.id, 'operator'),
  };
  const app = await buildApp({ store, timeScales: ts, rateLimit: { perSecond: 10_000, burst: 10_000 }, ...appOptions });
  await app.ready();
  return {
    store,
    app,
    url,
    keys,
    async close() {
      await app.close();
      await store.close();
      await backend.dispose(url);
    },
  };
}

export const auth = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** Three real ISS/Tiangong/Hubble-like TLEs with valid checksums, as a 3-line file. */
export const SAMPLE_TLE = [
  'ISS (ZARYA)',
  '1 25544U 98067A   26068.70691881  .00007976  00000+0  15510-3 0  9995',
  '2 25544  51.6323  72.2710 0008020 174.6781 185.4294 15.48547200556336',
  '',
].join('\n');
