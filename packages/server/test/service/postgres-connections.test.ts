// PostgreSQL connection lifetime (CI stop 26 failed on an uncaught "terminating connection due to administrator
// command" raised in alert-policy.test.ts): a session the server ends from outside, while the pool holds it idle or
// just after the store closed, is reported or ignored, never raised as an uncaught exception (node-postgres emits
// such errors on the pool, and an EventEmitter 'error' without a listener throws).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/index.ts';
import { BACKENDS, PG_SKIP_REASON } from './helpers.ts';

const postgres = BACKENDS.find((b) => b.name === 'postgres');
const admin = process.env['SKYLANE_TEST_PG_URL'] ?? process.env['DATABASE_URL'];

describe.skipIf(postgres === undefined || admin === undefined)('PostgreSQL connections ended by the server', () => {
  if (postgres === undefined) console.warn(PG_SKIP_REASON);
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown): void => void uncaught.push(e);
  beforeAll(() => process.on('uncaughtException', onUncaught));
  afterAll(() => process.off('uncaughtException', onUncaught));

  it('an idle pooled session terminated by pg_terminate_backend goes to onIdleConnectionError, and the next query opens a new one', async () => {
    const url = await postgres!.create();
    const lost: Error[] = [];
    const store = await openStore({ url, onIdleConnectionError: (e: Error) => lost.push(e) });
    try {
      const pidOf = async (): Promise<number> => (await store.db.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid', []).as('pid')).executeTakeFirstOrThrow()).pid;
      const before = await pidOf();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        expect((await c.query('select pg_terminate_backend($1) as ok', [before])).rows[0]).toEqual({ ok: true });
      } finally {
        await c.end();
      }
      for (let i = 0; i < 200 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(lost).toHaveLength(1);
      expect((lost[0] as Error & { code?: string }).code).toBe('57P01'); // admin_shutdown
      expect(await pidOf()).not.toBe(before);
    } finally {
      await store.close();
      await postgres!.dispose(url);
    }
    expect(uncaught).toEqual([]);
  });

  it('DROP DATABASE … WITH (FORCE) right after close() finds no session of the store (12 rounds of 10 connections)', async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      for (let round = 0; round < 12; round++) {
        const url = await postgres!.create();
        const store = await openStore({ url, migrate: false, onIdleConnectionError: (e) => uncaught.push(e) });
        await Promise.all(Array.from({ length: 10 }, () => store.db.selectNoFrom((eb) => eb.val(1).as('x')).execute()));
        await store.close();
        const name = new URL(url).pathname.slice(1);
        const sessions = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        expect(sessions.rows[0]!.n).toBe(0);
        await c.query(`drop database ${name} with (force)`);
      }
    } finally {
      await c.end();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(uncaught).toEqual([]);
  });
});
