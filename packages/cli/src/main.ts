/** The `skylane` command line: noun-verb commands over @skylane/core. Data on stdout, logs on stderr, exit 2 on usage errors. */
import { Command, CommanderError } from 'commander';
import { SkylaneError } from '@skylane/core';
import { registerCatalogCommand } from './commands/catalog.ts';
import { registerPropagateCommand } from './commands/propagate.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerScreenCommand } from './commands/screen.ts';
import { registerPassesCommand } from './commands/passes.ts';
import { registerScheduleCommand } from './commands/schedule.ts';
import { registerPcCommand } from './commands/pc.ts';
import { registerCdmCommand } from './commands/cdm.ts';
import { registerTenantCommand } from './commands/tenant.ts';
import { registerAdrCommand } from './commands/adr.ts';
import { registerLaunchCommands } from './commands/launch.ts';
import { registerConstellationCommand } from './commands/constellation.ts';
import { registerDeployCommand } from './commands/deploy.ts';
import { registerAlertsCommand } from './commands/alerts.ts';
import { registerSatcatCommand } from './commands/satcat.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { registerOdCommand } from './commands/od.ts';
import { registerTdmCommands } from './commands/tdm.ts';
import { registerReentryCommand } from './commands/reentry.ts';
import { registerManeuverCommand } from './commands/maneuver.ts';
import { registerLifetimeCommands } from './commands/lifetime.ts';
import { registerObservationsCommand } from './commands/observations.ts';
import { registerBreakupCommands } from './commands/breakup.ts';
import { registerTourismCommands, tourismGroup } from './commands/tourism.ts';
import { addTourismOrbitalCommands } from './commands/tourismOrbital.ts';
import { registerSuborbitalCommand } from './commands/suborbital.ts';
import { log } from './io.ts';
import { UsageError } from './usage.ts';

const FS_USAGE_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EEXIST']);

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('skylane')
    .description('Skylane: open space-traffic management. Catalog ingest, SGP4 propagation, conjunction screening, TT&C planning.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  registerCatalogCommand(program);
  registerPropagateCommand(program);
  registerScreenCommand(program);
  registerPassesCommand(program);
  registerScheduleCommand(program);
  registerPcCommand(program);
  registerCdmCommand(program);
  registerConstellationCommand(program);
  registerDeployCommand(program);
  registerDemoCommand(program);
  registerTenantCommand(program);
  registerAdrCommand(program);
  registerLaunchCommands(program);
  registerAlertsCommand(program);
  registerSatcatCommand(program);
  registerWorkerCommand(program);
  registerOdCommand(program);
  registerTdmCommands(program);
  registerReentryCommand(program);
  registerManeuverCommand(program);
  registerLifetimeCommands(program);
  registerObservationsCommand(program);
  registerBreakupCommands(program);
  registerTourismCommands(program);
  addTourismOrbitalCommands(tourismGroup(program));
  registerSuborbitalCommand(program);
  program.addHelpText(
    'after',
    `
Examples:
  $ skylane catalog import data/catalog/socrates-catalog-gp-2026-03-10.json.gz
  $ skylane propagate --catalog stations.tle --ids 25544 --start 2026-03-10T00:00:00Z --stop 2026-03-10T02:00:00Z --frame ITRF
  $ skylane <command> --help`,
  );
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      log.error(err.message);
      return 2;
    }
    if (err instanceof SkylaneError) {
      log.error(`${err.code}: ${err.message}`);
      return err.code === 'ARGUMENT_INVALID' || err.code === 'TIME_INVALID' ? 2 : 1;
    }
    // File-system errors are usage errors (a path the user gave); nothing prints a stack trace unless asked
    // (SKYLANE_DEBUG=1), because a trace is noise to a user and leaks the install layout.
    const code = (err as { code?: string } | undefined)?.code;
    if (code !== undefined && FS_USAGE_CODES.has(code)) {
      log.error(`${(err as Error).message.split('\n')[0] ?? ''}`);
      return 2;
    }
    log.error(process.env['SKYLANE_DEBUG'] === '1' && err instanceof Error ? (err.stack ?? err.message) : err instanceof Error ? `${err.name}: ${err.message.split('\n')[0] ?? ''}` : String(err));
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.ts|skylane(?:\.mjs)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}
