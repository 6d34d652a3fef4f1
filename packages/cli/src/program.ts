/** The `skylane` program without its commands: name, version, output and the mapping of errors to exit statuses. */
import { Command, CommanderError } from 'commander';
import { SkylaneError } from '@skylane/core';
import { log } from './io.ts';
import { UsageError } from './usage.ts';

/** The version `skylane --version` prints. */
export const CLI_VERSION = '0.1.0';

const FS_USAGE_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EEXIST']);

/** A program with the top-level settings and no command: main.ts registers every command, launch.ts only the one a run needs. */
export function createProgram(): Command {
  return new Command()
    .name('skylane')
    .description('Skylane: open space-traffic management. Catalog ingest, SGP4 propagation, conjunction screening, TT&C planning.')
    .version(CLI_VERSION)
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
}

/** Runs a program on the arguments (without node and script) and returns the process exit status. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return exitStatusOf(err);
  }
}

/** The exit status for an error a command threw (0 for help and version), after logging it on stderr. */
export function exitStatusOf(err: unknown): number {
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
