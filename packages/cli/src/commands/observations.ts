/**
 * `skylane observations ingest|list` (issue 13 item 7): store a CCSDS TDM for a tenant in the service's database, as
 * `POST /api/v1/observations` does (rejected records reported with line, field and reason; with --stations, tracks
 * gated against the catalog and linked UCTs turned into provisional objects), and list the stored measurements.
 */
import type { Command } from 'commander';
// @skylane/server (kysely, better-sqlite3, pg, fastify…) loads when a subcommand runs, not for --help.
import type { Store } from '@skylane/server';
import { cliTimeScales } from '../context.ts';
import { readTextFile } from '../io.ts';
import { UsageError } from '../usage.ts';
import { readStations } from './od.ts';
import { defaultDatabaseUrl } from './tenant.ts';

async function withTenant<T>(databaseUrl: string | undefined, name: string, f: (store: Store, tenantId: number) => Promise<T>): Promise<T> {
  const { openStore } = await import('@skylane/server');
  const store = await openStore({ url: databaseUrl ?? defaultDatabaseUrl() });
  try {
    const t = await store.db.selectFrom('tenants').select(['id']).where('name', '=', name).executeTakeFirst();
    if (t === undefined) throw new UsageError(`--tenant: no tenant "${name.slice(0, 80)}" in ${store.location}; create it with skylane tenant create --name ${name.slice(0, 80)}.`);
    return await f(store, t.id);
  } finally {
    await store.close();
  }
}

export function registerObservationsCommand(program: Command): void {
  const obs = program.command('observations').description("tracking data of a tenant in the service's database (CCSDS TDM)");
  obs
    .command('ingest')
    .description('store a CCSDS TDM (KVN or XML) for a tenant; prints counts per participant and type, and every rejected record')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--tdm <file>', 'CCSDS TDM, KVN or XML')
    .option('--stations <file>', 'stations JSON [{"name","latDeg","lonDeg","altitudeM"}] (WGS-84): gate tracks against the catalog and link UCTs')
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SKYLANE_DB or .skylane/skylane.sqlite, as npm start)')
    .option('--json', 'print the JSON answer of POST /api/v1/observations', false)
    .addHelpText('after', '\nExamples:\n  $ skylane observations ingest --tenant acme-space --tdm radar.tdm\n  $ skylane observations ingest --tenant acme-space --tdm radar.tdm --stations stations.json --json')
    .action(async (o: { tenant: string; tdm: string; stations?: string; databaseUrl?: string; json: boolean }) => {
      const text = readTextFile(o.tdm);
      const stations = o.stations !== undefined ? readStations(o.stations) : undefined;
      const { ingestTdm } = await import('@skylane/server');
      const sum = await withTenant(o.databaseUrl, o.tenant, (store, tenantId) => ingestTdm(store.db, cliTimeScales(), tenantId, text, new Date().toISOString(), stations));
      if (o.json) process.stdout.write(`${JSON.stringify(sum)}\n`);
      else {
        const lines = [`stored ${sum.accepted} measurements (upload ${sum.uploadId}), rejected ${sum.rejected}`];
        for (const c of sum.counts) lines.push(`  ${c.station} → ${c.object ?? '?'} ${c.type}: ${c.count} (${c.correlation})`);
        for (const p of sum.provisionalObjects) lines.push(`  provisional object ${p.analystNumber}: ${p.trackIds.length} tracks`);
        for (const p of sum.linkedObjects) lines.push(`  ${p.created ? 'linked into' : 'attached to'} provisional object ${p.analystNumber} across uploads: ${p.trackIds.length} tracks (${p.newTrackIds.join(', ')} new), weighted RMS ${p.weightedRms.toFixed(2)}`);
        for (const p of sum.problems) lines.push(`  line ${p.line}, field ${p.field}: ${p.code}: ${p.message}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (sum.accepted === 0) process.exitCode = 1;
    });
  obs
    .command('list')
    .description("a tenant's stored measurements, newest first")
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--object <catnr>', 'catalog number of the observed object')
    .option('--station <name>', 'station participant')
    .option('--limit <n>', 'at most this many', '100')
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default as npm start)')
    .addHelpText('after', '\nExamples:\n  $ skylane observations list --tenant acme-space --object 25544 --limit 20')
    .action(async (o: { tenant: string; object?: string; station?: string; limit: string; databaseUrl?: string }) => {
      const limit = Number(o.limit);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError(`--limit: "${o.limit}" is not a count from 1 to 100000.`);
      const object = o.object !== undefined ? Number(o.object) : undefined;
      if (object !== undefined && (!Number.isSafeInteger(object) || object < 1)) throw new UsageError(`--object: "${o.object}" is not a catalog number.`);
      const rows = await withTenant(o.databaseUrl, o.tenant, (store, tenantId) =>
        store.db
          .selectFrom('observations')
          .select(['id', 'station', 'object_participant', 'catalog_number', 'type', 'epoch_utc', 'value', 'correlation', 'assigned_catalog_number'])
          .where('tenant_id', '=', tenantId)
          .$if(object !== undefined, (x) => x.where('catalog_number', '=', object ?? 0))
          .$if(o.station !== undefined, (x) => x.where('station', '=', o.station ?? ''))
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
      );
      for (const r of rows) process.stdout.write(`${JSON.stringify({ id: Number(r.id), station: r.station, object: r.object_participant, catalogNumber: r.catalog_number, type: r.type, epoch: r.epoch_utc, value: r.value, correlation: r.correlation, assignedCatalogNumber: r.assigned_catalog_number })}\n`);
    });
}
