/** CLI input/output: files (plain or .gz), stdout/--out writing, stderr logging and TTY-only progress bars. */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import pc from 'picocolors';
import { UsageError } from './usage.ts';

/** Reads a text file; `.gz` files are decompressed. */
export function readTextFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`File not found: ${path}`);
  const raw = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

export function fileLabel(path: string): string {
  return basename(path);
}

/** Logging on stderr (data goes to stdout only). */
export const log = {
  info(msg: string): void {
    process.stderr.write(`${pc.dim('skylane')} ${msg}\n`);
  },
  warn(msg: string): void {
    process.stderr.write(`${pc.yellow('warning')} ${msg}\n`);
  },
  error(msg: string): void {
    process.stderr.write(`${pc.red('error')} ${msg}\n`);
  },
};

/** A writable sink for command output: a file (`--out`) or stdout. */
export interface Output {
  write(chunk: string): void;
  close(): Promise<void>;
}

export function openOutput(path: string | undefined): Output {
  if (path === undefined || path === '-') {
    return {
      write: (chunk) => {
        process.stdout.write(chunk);
      },
      close: () => new Promise<void>((resolve) => (process.stdout.writableNeedDrain ? process.stdout.once('drain', () => resolve()) : resolve())),
    };
  }
  const stream = createWriteStream(path, { encoding: 'utf8' });
  return {
    write: (chunk) => {
      stream.write(chunk);
    },
    close: () => new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

/** A progress bar on stderr, shown only when stderr is a TTY (never in pipes or CI logs). */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function startProgress(label: string, total: number): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
