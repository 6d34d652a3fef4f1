/**
 * Opens the Skylane store: an SQLite file through better-sqlite3 (the embedded default) or PostgreSQL through pg
 * when given a `postgres://` URL, behind one kysely instance, and brings its schema up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider, type DialectName } from './migrations.ts';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data lives: the SQLite file or the PostgreSQL URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` / `postgresql://…` for PostgreSQL; anything else is an SQLite file path (`:memory:` allowed). */
  readonly url: string;
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /**
   * PostgreSQL only: told when an idle pooled connection fails (the server restarted, an administrator ended the
   * session, the network dropped it). The pool has already discarded that connection and opens a new one on the next
   * query, so this is for the log; default: one line on stderr. Without a handler, node-postgres would raise the error
   * as an uncaught exception and end the process.
   */
  readonly onIdleConnectionError?: (error: Error) => void;
}

const PG_INT8_OID = 20;
/** Longest wait (ms) in close() for PostgreSQL connections' sockets to end. */
const SOCKET_END_WAIT_MS = 5000;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const isPg = /^postgres(ql)?:\/\//.test(options.url);
  let db: Kysely<Database>;
  let location: string;
  let close: () => Promise<void>;
  if (isPg) {
    // bigint (ids, counts) as JS numbers: ids stay far below 2^53.
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString: options.url, max: 10, types });
    location = options.url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
    const where = location;
    const onIdleError = options.onIdleConnectionError ?? ((e: Error) => console.error(`skylane: PostgreSQL connection to ${where} lost while idle (${e.message}); the pool opens a new one on the next query`));
    let closing = false;
    pool.on('error', (e) => {
      if (!closing) onIdleError(e);
    });
    // pool.end() resolves as soon as every client is told to end, before their sockets close; a session ended from
    // outside in that gap (DROP DATABASE … WITH (FORCE), a server shutdown) would reach a client nobody listens to.
    // Closing therefore also waits for every connection's socket to end.
    const open = new Map<pg.PoolClient, Promise<void>>();
    pool.on('connect', (client) => {
      const ended = new Promise<void>((resolve) =>
        client.once('end', () => {
          open.delete(client);
          resolve();
        }),
      );
      open.set(client, ended);
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    close = async () => {
      closing = true;
      await db.destroy();
      const ended = Promise.all(open.values());
      let timer: NodeJS.Timeout | undefined;
      // A server that stopped answering never closes its side: give up waiting after SOCKET_END_WAIT_MS.
      await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, SOCKET_END_WAIT_MS).unref()))]);
      clearTimeout(timer);
    };
  } else {
    if (options.url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.url)), { recursive: true });
    const sqlite = new SqliteDatabase(options.url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    location = options.url;
    close = () => db.destroy();
  }
  const dialect: DialectName = isPg ? 'postgres' : 'sqlite';
  if (options.migrate ?? true) {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      await close();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`database migration ${failed} failed on ${location}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { db, dialect, location, close };
}
