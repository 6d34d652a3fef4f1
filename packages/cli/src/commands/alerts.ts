/**
 * `skylane alerts recommend` (the recommended action of an event from Pc, time to TCA and data quality: the core's
 * `recommendedAction`), `skylane alerts policy` (show or set a tenant's push policy in the service's database) and
 * `skylane coordination list|publish|status` (maneuver plans of a tenant's event, on the service's database, as the
 * `/api/v1/events/{id}/maneuvers` routes do). See docs/design/alert-policy-and-coordination.md.
 */
import type { Command } from 'commander';
import { DEFAULT_PUSH_POLICY, recommendedAction, type AlertPushPolicy, type CovarianceSource } from '@skylane/core';
// @skylane/server (kysely, better-sqlite3, pg, fastify…) loads when a subcommand runs, not for --help.
import type { Store } from '@skylane/server';
import { cliTimeScales } from '../context.ts';
import { log, readTextFile } from '../io.ts';
import { parseChoice, parseFiniteNumber, parseNumberInRange, UsageError } from '../usage.ts';
import { defaultDatabaseUrl } from './tenant.ts';

const COVARIANCE: readonly CovarianceSource[] = ['cdm', 'oem', 'default'];
const ON_OFF = ['on', 'off'] as const;
const POLICY_FLAGS: readonly [keyof AlertPushPolicy, string][] = [
  ['red', 'red'],
  ['escalations', 'escalations'],
  ['actionChanges', 'action-changes'],
  ['yellow', 'yellow'],
  ['deEscalations', 'de-escalations'],
];
const STATUSES = ['proposed', 'accepted', 'declined', 'executed', 'withdrawn'] as const;

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

const positiveInt = (text: string, flag: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag}: "${text}" is not an id (a positive integer).`);
  return n;
};

/** Runs a coordination call; a refused request is a one-line error (exit 1; 2 for bad input). */
async function coordination(f: () => Promise<void>): Promise<void> {
  const { CoordinationError } = await import('@skylane/server');
  try {
    await f();
  } catch (e) {
    if (!(e instanceof CoordinationError)) throw e;
    log.error(e.message);
    process.exitCode = e.status === 400 ? 2 : 1;
  }
}

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('alert policy: recommended actions and which alerts are pushed');
  alerts
    .command('recommend')
    .description('the recommended action (none, monitor, plan-maneuver, maneuver-now) of an event from its Pc, time to TCA and data quality')
    .requiredOption('--pc <p>', 'probability of collision')
    .requiredOption('--tca-in-h <hours>', 'time to TCA (h; ≤ 0: passed)')
    .option('--miss-km <d>', 'miss distance (km)', '10')
    .option('--covariance <source>', `covariance source: ${COVARIANCE.join(', ')} (default: assumed)`, 'default')
    .option('--element-age-days <days>', 'age of the older element set at TCA (days)')
    .option('--red-pc <p>', 'red threshold', '1e-4')
    .option('--yellow-pc <p>', 'yellow Pc threshold', '1e-7')
    .option('--yellow-miss-km <d>', 'yellow miss threshold (km)', '1')
    .option('--json', 'print JSON', false)
    .addHelpText('after', '\nExamples:\n  $ skylane alerts recommend --pc 3e-4 --tca-in-h 20 --covariance cdm\n  $ skylane alerts recommend --pc 3e-4 --tca-in-h 100 --element-age-days 5 --json')
    .action((o: { pc: string; tcaInH: string; missKm: string; covariance: string; elementAgeDays?: string; redPc: string; yellowPc: string; yellowMissKm: string; json: boolean }) => {
      const pc = parseNumberInRange(o.pc, '--pc', { min: 0, max: 1, unit: '' });
      const r = recommendedAction(
        {
          pc,
          missDistanceKm: parseNumberInRange(o.missKm, '--miss-km', { min: 0, max: 1e6, unit: 'km' }),
          timeToTcaS: parseFiniteNumber(o.tcaInH, '--tca-in-h') * 3600,
          covarianceSource: parseChoice(o.covariance, '--covariance', COVARIANCE),
          elementAgeDays: o.elementAgeDays !== undefined ? parseNumberInRange(o.elementAgeDays, '--element-age-days', { min: -1e5, max: 1e5, unit: 'days' }) : undefined,
        },
        { redPc: parseNumberInRange(o.redPc, '--red-pc', { min: 0, max: 1, minExclusive: true, unit: '' }), yellowPc: parseNumberInRange(o.yellowPc, '--yellow-pc', { min: 0, max: 1, minExclusive: true, unit: '' }), yellowMissKm: parseNumberInRange(o.yellowMissKm, '--yellow-miss-km', { min: 0, max: 1000, unit: 'km' }) },
      );
      if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else process.stdout.write(`${r.action} (data quality ${r.dataQuality})\n${r.reasons.map((x) => `  - ${x}`).join('\n')}\n`);
    });

  const policy = alerts
    .command('policy')
    .description("show or set a tenant's push policy (which alerts go to webhooks, SSE and the badge; all stay on the board), on the service's database")
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--database-url <url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, $SKYLANE_DB or .skylane/skylane.sqlite, as npm start)')
    .option('--reset', 'restore the default policy', false);
  for (const [, flag] of POLICY_FLAGS) policy.option(`--${flag} <on|off>`, `push ${flag} alerts`);
  policy
    .addHelpText('after', `\nDefault: ${JSON.stringify(DEFAULT_PUSH_POLICY)}\nExamples:\n  $ skylane alerts policy --tenant acme-space\n  $ skylane alerts policy --tenant acme-space --yellow on\n  $ skylane alerts policy --tenant acme-space --reset`)
    .action(async (o: Record<string, string | boolean | undefined> & { tenant: string; databaseUrl?: string; reset: boolean }) => {
      const changes: Partial<Record<keyof AlertPushPolicy, boolean>> = {};
      for (const [key, flag] of POLICY_FLAGS) {
        const camel = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        const v = o[camel];
        if (typeof v === 'string') changes[key] = parseChoice(v, `--${flag}`, ON_OFF) === 'on';
      }
      if (o.reset && Object.keys(changes).length > 0) throw new UsageError('--reset: give either --reset or policy flags, not both.');
      const { pushPolicyOf } = await import('@skylane/server');
      await withTenant(o.databaseUrl, o.tenant, async (store, tenantId) => {
        const row = await store.db.selectFrom('tenants').select('alert_policy_json').where('id', '=', tenantId).executeTakeFirstOrThrow();
        let json = row.alert_policy_json;
        if (o.reset) json = null;
        else if (Object.keys(changes).length > 0) json = JSON.stringify({ ...pushPolicyOf(json), ...changes });
        if (json !== row.alert_policy_json) await store.db.updateTable('tenants').set({ alert_policy_json: json }).where('id', '=', tenantId).execute();
        process.stdout.write(`${JSON.stringify({ tenant: o.tenant, push: pushPolicyOf(json), isDefault: json === null })}\n`);
      });
    });

  const coord = program.command('coordination').description("maneuver plans of a tenant's event shared with the other party (on the service's database)");
  const common = (c: Command): Command => c.requiredOption('--tenant <name>', 'tenant name').requiredOption('--event <id>', "the tenant's event id").option('--database-url <url>', 'SQLite file or postgres:// URL (default as npm start)');
  common(coord.command('list').description("the plans visible through the tenant's event (its own and the other party's), with their audit trail, as JSON"))
    .addHelpText('after', '\nExample:\n  $ skylane coordination list --tenant acme-space --event 42')
    .action(async (o: { tenant: string; event: string; databaseUrl?: string }) => {
      const { listPlans } = await import('@skylane/server');
      await withTenant(o.databaseUrl, o.tenant, async (store, tenantId) =>
        coordination(async () => {
          process.stdout.write(`${JSON.stringify({ items: await listPlans(store.db, tenantId, positiveInt(o.event, '--event')) }, null, 2)}\n`);
        }),
      );
    });
  common(coord.command('publish').description('publish a planned maneuver (OPM with MAN blocks and/or OEM of the maneuvered trajectory) for the event'))
    .option('--opm <file>', 'CCSDS OPM (KVN) with the maneuver')
    .option('--oem <file>', 'CCSDS OEM (KVN) of the maneuvered trajectory')
    .option('--note <text>', 'a note for the other party')
    .addHelpText('after', '\nExample:\n  $ skylane coordination publish --tenant acme-space --event 42 --opm plan.opm --oem maneuvered.oem --note "0.12 m/s along-track"')
    .action(async (o: { tenant: string; event: string; databaseUrl?: string; opm?: string; oem?: string; note?: string }) => {
      if (o.opm === undefined && o.oem === undefined) throw new UsageError('give --opm FILE and/or --oem FILE: the planned maneuver to publish.');
      const opmKvn = o.opm !== undefined ? readTextFile(o.opm) : undefined;
      const oemKvn = o.oem !== undefined ? readTextFile(o.oem) : undefined;
      const ts = cliTimeScales();
      const { listPlans, publishPlan } = await import('@skylane/server');
      await withTenant(o.databaseUrl, o.tenant, async (store, tenantId) =>
        coordination(async () => {
          const eventId = positiveInt(o.event, '--event');
          const id = await publishPlan(store.db, ts, tenantId, null, eventId, { opmKvn, oemKvn, note: o.note }, new Date().toISOString());
          process.stdout.write(`${JSON.stringify((await listPlans(store.db, tenantId, eventId)).find((p) => p.id === id), null, 2)}\n`);
        }),
      );
    });
  common(coord.command('status').description("record this side's status of a plan (publisher: proposed, executed, withdrawn; other party: accepted, declined)"))
    .requiredOption('--plan <id>', 'plan id')
    .requiredOption('--status <status>', STATUSES.join(', '))
    .option('--note <text>', 'a note for the audit trail')
    .addHelpText('after', '\nExample:\n  $ skylane coordination status --tenant other-operator --event 7 --plan 3 --status accepted --note "we hold attitude"')
    .action(async (o: { tenant: string; event: string; databaseUrl?: string; plan: string; status: string; note?: string }) => {
      const status = parseChoice(o.status, '--status', STATUSES);
      const { recordPlanStatus } = await import('@skylane/server');
      await withTenant(o.databaseUrl, o.tenant, async (store, tenantId) =>
        coordination(async () => {
          await recordPlanStatus(store.db, tenantId, null, positiveInt(o.event, '--event'), positiveInt(o.plan, '--plan'), status, o.note, new Date().toISOString());
          process.stdout.write(`${status}\n`);
        }),
      );
    });
}
