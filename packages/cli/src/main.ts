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
import { registerConstellationCommand } from './commands/constellation.ts';
import { registerDeployCommand } from './commands/deploy.ts';
import { log } from './io.ts';
import { UsageError } from './usage.ts';

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
    log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.ts|skylane(?:\.mjs)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}
