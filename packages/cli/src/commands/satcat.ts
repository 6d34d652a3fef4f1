/**
 * `skylane satcat load`: stores a CelesTrak SATCAT CSV (object types, owners, status, launch and decay dates, RCS)
 * in the service's database (the same default as `npm start`), as `POST /api/v1/satcat` does: the ADR ranking, the
 * GP answers and the dashboard then show types and owners. Operator command on the database, like `tenant create`.
 */
import type { Command } from 'commander';
import { readSatcatCsv } from '@skylane/core';
import { log, readTextFile } from '../io.ts';
import { defaultDatabaseUrl } from './tenant.ts';

export function registerSatcatCommand(program: Command): void {
  const satcat = program.command('satcat').description("the service's SATCAT (object types, owners, status) for the ADR ranking, GP answers and dashboard");
  satcat
    .command('load')
    .description('store a CelesTrak SATCAT CSV in the service database (each row replaces the stored row of its object)')
    .requiredOption('--file <file>', "CelesTrak satcat.csv (.gz accepted), e.g. from https://celestrak.org/pub/satcat.csv")
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SKYLANE_DB or .skylane/skylane.sqlite, as npm start)')
    .option('--json', 'print {stored, rejected, objects} as JSON')
    .addHelpText(
      'after',
      `
Rejected rows are reported on stderr with their line (exit 1 when any); the good rows are stored.

Examples:
  $ skylane satcat load --file satcat.csv
  $ skylane satcat load --file satcat.csv.gz --database-url postgres://skylane@127.0.0.1/skylane --json`,
    )
    .action(async (opts: { file: string; databaseUrl?: string; json?: boolean }) => {
      const read = readSatcatCsv(readTextFile(opts.file));
      for (const f of read.failures.slice(0, 20)) log.warn(`${opts.file}:${f.line} rejected (${f.code}): ${f.reason}`);
      if (read.failures.length > 20) log.warn(`… ${read.failures.length - 20} more rows rejected`);
      // @skylane/server (kysely, better-sqlite3, pg, fastify…) loads when the command runs, not for --help.
      const { openStore, satcatSummary, storeSatcat } = await import('@skylane/server');
      const store = await openStore({ url: opts.databaseUrl ?? defaultDatabaseUrl() });
      try {
        const stored = read.records.length > 0 ? await storeSatcat(store.db, read.records, new Date()) : 0;
        const summary = await satcatSummary(store.db);
        const out = { stored, rejected: read.failures.length, objects: summary.objects };
        if (opts.json === true) process.stdout.write(JSON.stringify(out) + '\n');
        else process.stdout.write(`${stored} SATCAT rows stored (${read.failures.length} rejected); ${summary.objects} objects in the SATCAT of ${store.dialect} ${store.location}\n`);
        if (read.failures.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
  for (const c of satcat.commands) c.exitOverride();
}
