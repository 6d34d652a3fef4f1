/**
 * `skylane screening-events`: the close approaches of a tenant's succeeded screening job, streamed from the columns
 * stored with it in the service's database (migration 013), as `GET /api/v1/screenings/{jobId}/events` sends them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import type { EventColumnFormat } from '@skylane/server';

/** The server's `EVENT_COLUMN_FORMATS` (the server loads only when the command runs: CLI start-up). */
const EVENT_COLUMN_FORMATS = ['ndjson', 'csv', 'columnar'] as const satisfies readonly EventColumnFormat[];
import { cliTimeScales } from '../context.ts';
import { log } from '../io.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';
import { defaultDatabaseUrl } from './tenant.ts';

interface ScreeningEventsOptions {
  tenant: string;
  job: string;
  format: string;
  out?: string;
  databaseUrl?: string;
}

export function registerScreeningEventsCommand(program: Command): void {
  program
    .command('screening-events')
    .description("a succeeded screening job's close approaches from the service's database, streamed from their stored columns (NDJSON, CSV or SKYCONJ1)")
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--job <id>', 'screening job id (as in GET /api/v1/screenings)')
    .option('--format <format>', `${EVENT_COLUMN_FORMATS.join('|')} (columnar: the binary SKYCONJ1 file; needs --out)`, 'ndjson')
    .option('--out <file>', 'write to this file (default: stdout)')
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SKYLANE_DB or .skylane/skylane.sqlite, as npm start)')
    .addHelpText(
      'after',
      `
The same bytes as GET /api/v1/screenings/{jobId}/events?format=…: every close approach of the run in TCA order
(docs/design/columnar-results.md), one stored chunk of 65,536 events in memory at a time.

Examples:
  $ skylane screening-events --tenant acme-space --job 42 > approaches.ndjson
  $ skylane screening-events --tenant acme-space --job 42 --format columnar --out approaches.skyconj`,
    )
    .action(async (o: ScreeningEventsOptions) => {
      const format = parseChoice(o.format, '--format', EVENT_COLUMN_FORMATS);
      const jobId = parseNumberInRange(o.job, '--job', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, unit: '' });
      if (format === 'columnar' && o.out === undefined) throw new UsageError('--format columnar writes binary: give --out FILE.');
      const { openStore, streamEventColumns } = await import('@skylane/server');
      const store = await openStore({ url: o.databaseUrl ?? defaultDatabaseUrl() });
      try {
        const t = await store.db.selectFrom('tenants').select(['id']).where('name', '=', o.tenant).executeTakeFirst();
        if (t === undefined) throw new UsageError(`--tenant: no tenant "${o.tenant.slice(0, 80)}" in ${store.location}.`);
        const stream = await streamEventColumns(store.db, cliTimeScales(), t.id, jobId, format);
        if (stream === undefined) throw new UsageError(`--job ${jobId}: no stored close approaches for a succeeded screening job of tenant "${o.tenant.slice(0, 80)}" (jobs recorded before migration 013 have none).`);
        let fd: number | undefined;
        if (o.out !== undefined) {
          try {
            fd = openSync(o.out, 'w');
          } catch (e) {
            throw new UsageError(`--out: cannot write ${o.out}: ${(e as Error).message}.`);
          }
        }
        try {
          for await (const piece of stream.pieces) {
            if (fd !== undefined) writeSync(fd, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
            else if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once('drain', resolve));
          }
        } finally {
          if (fd !== undefined) closeSync(fd);
        }
        log.info(`${stream.eventCount} close approaches of screening job ${jobId}`);
      } finally {
        await store.close();
      }
    });
}
