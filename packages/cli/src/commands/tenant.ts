/**
 * `skylane tenant create`: creates a tenant of the early-warning service and its first admin API key, directly in
 * the service's database (the same default as `npm start`). The key goes to stdout, alone on its line, once; it is
 * never stored (only its hash is), so it cannot be shown again: a lost key is replaced through the operator admin
 * API (`POST /api/v1/admin/tenants/{id}/keys`) or by an admin of the tenant.
 */
import type { Command } from 'commander';
import { log } from '../io.ts';
import { UsageError } from '../usage.ts';

/** The database `npm start` uses: DATABASE_URL, else SKYLANE_DB, else the embedded default file. */
export function defaultDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['DATABASE_URL'] ?? env['SKYLANE_DB'] ?? '.skylane/skylane.sqlite';
}

export function registerTenantCommand(program: Command): void {
  const tenant = program.command('tenant').description('tenants of the early-warning service (operator commands on its database)');
  tenant
    .command('create')
    .description('create a tenant and its first admin API key; the key is printed on stdout once and never again')
    .requiredOption('--name <name>', 'tenant name: 1 to 64 letters, digits, ".", "_" or "-"')
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SKYLANE_DB or .skylane/skylane.sqlite, as npm start)')
    .option('--catalog-publisher', 'let the tenant publish element sets to the shared public catalog', false)
    .option('--label <text>', 'label of the admin key', 'first admin key')
    .addHelpText('after', '\nExample:\n  $ KEY=$(skylane tenant create --name acme-space)   # the key alone on stdout; details on stderr')
    .action(async (opts: { name: string; databaseUrl?: string; catalogPublisher: boolean; label: string }) => {
      // @skylane/server (kysely, better-sqlite3, pg, fastify…) loads when the command runs, not for --help.
      const { createTenantWithAdminKey, openStore, TenantAdminError, TENANT_NAME_PATTERN } = await import('@skylane/server');
      if (!TENANT_NAME_PATTERN.test(opts.name)) throw new UsageError(`--name: "${opts.name.slice(0, 80)}" is not a tenant name: use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
      if (opts.label.length < 1 || opts.label.length > 100) throw new UsageError('--label: give 1 to 100 characters.');
      const url = opts.databaseUrl ?? defaultDatabaseUrl();
      const store = await openStore({ url });
      try {
        const created = await createTenantWithAdminKey(store.db, opts.name, { catalogPublisher: opts.catalogPublisher, keyLabel: opts.label });
        log.info(`tenant "${created.tenant.name}" created (id ${created.tenant.id}) in ${store.dialect} ${store.location}; its admin API key follows on stdout, shown once: store it now.`);
        process.stdout.write(`${created.adminKey.apiKey}\n`);
      } catch (e) {
        if (e instanceof TenantAdminError) {
          log.error(e.message);
          process.exitCode = e.code === 'TENANT_NAME_INVALID' ? 2 : 1;
          return;
        }
        throw e;
      } finally {
        await store.close();
      }
    });
}
