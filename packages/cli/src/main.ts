/** The `skylane` command line: noun-verb commands over @skylane/core. Data on stdout, logs on stderr, exit 2 on usage errors. */
import type { Command } from 'commander';
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
import { registerOdBatchCommand } from './commands/odBatch.ts';
import { registerScreeningEventsCommand } from './commands/screeningEvents.ts';
import { registerTdmCommands } from './commands/tdm.ts';
import { registerReentryCommand } from './commands/reentry.ts';
import { registerManeuverCommand } from './commands/maneuver.ts';
import { registerLifetimeCommands } from './commands/lifetime.ts';
import { registerObservationsCommand } from './commands/observations.ts';
import { registerBreakupCommands } from './commands/breakup.ts';
import { registerTourismCommands, tourismGroup } from './commands/tourism.ts';
import { addTourismOrbitalCommands } from './commands/tourismOrbital.ts';
import { registerSuborbitalCommand } from './commands/suborbital.ts';
import { createProgram, runProgram } from './program.ts';

export function buildProgram(): Command {
  const program = createProgram();
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
  registerOdBatchCommand(program);
  registerScreeningEventsCommand(program);
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
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}

// Run directly (`tsx packages/cli/src/main.ts`); bin/skylane.mjs calls runCli (sources) or launch.ts (built) itself.
const invokedDirectly = process.argv[1] !== undefined && /main\.[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}
