/** Shared helpers of the benchmarks: machine description, timing, memory, the bundled catalog. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export interface BenchReport {
  readonly name: string;
  readonly lines: string[];
}

export const CATALOG_PATH = fileURLToPath(new URL('../data/catalog/socrates-catalog-gp-2026-03-10.json.gz', import.meta.url));

/** The value of the command-line flag `--name=value` (undefined when absent). */
export function flagValue(flags: readonly string[], name: string): string | undefined {
  return flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function readCatalogText(): string {
  return gunzipSync(readFileSync(CATALOG_PATH)).toString('utf8');
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; ${codeForm()}`;
}

/**
 * Which form of the packages this run measures: the built JavaScript (`npm run bench:dist`, the `skylane-dist`
 * export condition: no TypeScript loader in worker threads, as the CLI and the service run) or the sources through tsx.
 */
export function codeForm(): string {
  return import.meta.resolve('@skylane/core').includes('/dist/') ? 'built packages (dist/)' : 'package sources through tsx';
}

/** Peak resident set size of this process so far (all threads), MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}
