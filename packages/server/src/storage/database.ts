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
}

const PG_INT8_OID = 20;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const isPg = /^postgres(ql)?:\/\//.test(options.url);
  let db: Kysely<Database>;
  let location: string;
  if (isPg) {
    // bigint (ids, counts) as JS numbers: ids stay far below 2^53.
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString: options.url, max: 10, types });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    location = options.url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  } else {
    if (options.url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.url)), { recursive: true });
    const sqlite = new SqliteDatabase(options.url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    location = options.url;
  }
  const dialect: DialectName = isPg ? 'postgres' : 'sqlite';
  if (options.migrate ?? true) {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`database migration ${failed} failed on ${location}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { db, dialect, location, close: () => db.destroy() };
}
