/**
 * Fast start of the built CLI (bin/skylane.mjs runs it from dist/): `--version` and `--help` print what the build
 * recorded in dist/cli-manifest.json without loading any command, and a command loads only the module that
 * registers it (not all of @skylane/server). Anything the manifest does not cover runs the full program (main.ts).
 */
import fs from 'node:fs';
import type { Command } from 'commander';

/** What `npm run build` records about the built program (scripts/build.mjs writes it next to this module). */
export interface CliManifest {
  readonly version: string;
  /** The exact stdout of `skylane --help` (80 columns). */
  readonly help: string;
  /**
   * Top-level command name or alias → the built module (relative to dist/) and the function that registers it, and
   * for a command that several modules build (`tourism`), the others in main.ts's order under `more`.
   */
  readonly commands: Readonly<Record<string, CliManifestEntry>>;
}

/** One register function of a command in the manifest. */
export interface CliManifestEntry {
  readonly module: string;
  readonly register: string;
  readonly more?: readonly { readonly module: string; readonly register: string }[];
}

/** The manifest next to this module, or undefined (sources, or a build that did not write it). */
export function readManifest(): CliManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(new URL('./cli-manifest.json', import.meta.url), 'utf8')) as CliManifest;
  } catch {
    return undefined;
  }
}

/** Runs the CLI on the arguments (without node and script) and returns the process exit status. */
export async function launch(argv: readonly string[]): Promise<number> {
  const manifest = readManifest();
  const only = argv.length === 1 ? argv[0] : undefined;
  if (manifest !== undefined && (only === '--version' || only === '-V')) {
    process.stdout.write(`${manifest.version}\n`);
    return 0;
  }
  if (manifest !== undefined && (only === '--help' || only === '-h')) {
    process.stdout.write(manifest.help);
    return 0;
  }
  const entry = argv[0] === undefined ? undefined : manifest?.commands[argv[0]];
  if (entry !== undefined) {
    const parts = [entry, ...(entry.more ?? [])];
    const [{ createProgram, runProgram }, ...mods] = await Promise.all([import('./program.ts'), ...parts.map((p) => import(new URL(p.module, import.meta.url).href) as Promise<Record<string, unknown>>)]);
    const registers = parts.map((p, i) => mods[i]?.[p.register]);
    if (registers.every((r) => typeof r === 'function')) {
      const program = createProgram();
      for (const r of registers) (r as (p: Command) => void)(program);
      return runProgram(program, argv);
    }
  }
  const { runCli } = await import('./main.ts');
  return runCli(argv);
}
