/** CLI input/output: files (plain or .gz), stdout/--out writing, stderr logging and TTY-only progress bars. */
import { accessSync, constants, createWriteStream, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import { createColors } from 'picocolors';
import { UsageError } from './usage.ts';

/**
 * Largest input the CLI reads from one file, after decompression (256 MiB): a gzip bomb stops at this size instead of
 * exhausting memory (V8 strings end at ~512 MiB anyway). The bundled 18,407-object catalog is 12 MiB uncompressed.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;

/** A one-line reason for a file-system error (no stack, no errno noise). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Reads a text file; `.gz` files (or any file that starts with the gzip magic bytes) are decompressed, at most
 * `maxBytes` of output. A missing file, a folder, an unreadable, oversized or corrupt file is a UsageError (exit 2).
 */
export function readTextFile(path: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${path} is a folder: give a file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as { code?: string }).code === 'ENOENT' ? `File not found: ${path}` : `${path}: ${fsReason(e)}.`);
  }
  if (size > maxBytes) throw new UsageError(`${path} is ${mib(size)}: the CLI reads at most ${mib(maxBytes)} per input file.`);
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new UsageError(`${path}: ${fsReason(e)}.`);
  }
  if (!(path.endsWith('.gz') || (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b))) return raw.toString('utf8');
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new UsageError(`${path} decompresses to more than ${mib(maxBytes)}: the CLI reads at most ${mib(maxBytes)} per input file (decompressed).`);
    }
    throw new UsageError(`${path} is not a valid gzip file (${(e as Error).message}).`);
  }
}

/**
 * Checks, before any long work, that `path` can be written as an output file: not a folder, its folder exists, and
 * it (or its folder, for a new file) is writable. `undefined` and `-` mean stdout.
 */
export function checkOutputFile(path: string | undefined, flag: string): void {
  if (path === undefined || path === '-') return;
  let exists = false;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${flag}: ${path} is a folder: give a file name.`);
    exists = true;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: string }).code !== 'ENOENT') throw new UsageError(`${flag}: ${path}: ${fsReason(e)}.`);
  }
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${flag}: ${dir} is not a folder.`);
    accessSync(exists ? path : dir, constants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}: cannot write ${path}: ${(e as { code?: string }).code === 'ENOENT' ? `the folder ${dir} does not exist` : fsReason(e)}.`);
  }
}

/** Checks (and creates when missing) an output folder before any long work: not a file, writable. */
export function prepareOutputDir(dir: string, flag: string): void {
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) throw new UsageError(`${flag}: ${dir} is a file, not a folder.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: string }).code !== 'ENOENT') throw new UsageError(`${flag}: ${dir}: ${fsReason(e)}.`);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (m) {
      throw new UsageError(`${flag}: cannot create ${dir}: ${fsReason(m)}.`);
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`${flag}: cannot write into ${dir}: ${fsReason(e)}.`);
  }
}

export function fileLabel(path: string): string {
  return basename(path);
}

/**
 * Colours for stderr messages only when stderr is a terminal and NO_COLOR is unset: picocolors alone also colours when
 * CI is set, which puts escape codes into CI logs and into the one-line errors that scripts match.
 */
const pc = createColors(process.stderr.isTTY === true && process.env['NO_COLOR'] === undefined);

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
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new UsageError(`--out: cannot write ${path}: ${fsReason(e)}.`);
  }
  const stream = createWriteStream(path, { encoding: 'utf8', fd });
  let failure: Error | undefined;
  // A write error (disk full) surfaces at close() as a one-line UsageError, never as an unhandled 'error' event.
  stream.on('error', (e) => (failure ??= e));
  return {
    write: (chunk) => {
      if (failure === undefined) stream.write(chunk);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        const done = (): void => (failure !== undefined ? reject(new UsageError(`--out: writing ${path} failed: ${fsReason(failure)}.`)) : resolve());
        if (stream.closed) return done();
        stream.once('close', done);
        stream.end();
      }),
  };
}

/** A progress bar on stderr, shown only when stderr is a TTY (never in pipes or CI logs). */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function startProgress(label: string, total: number): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  // cli-progress (CommonJS) loads only when a bar is shown: a run on a pipe or in a test does not pay for it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
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

/**
 * Writes a whole file or nothing: a temporary file beside `path`, renamed into place (a reader never sees half of it;
 * a failed write leaves no partial file). Failures are usage errors naming `flag`.
 */
export function writeFileAtomically(path: string, text: string, flag = '--out'): void {
  const tmp = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to remove
    }
    throw new UsageError(`${flag}: writing ${path} failed: ${(e as Error).message.split('\n')[0] ?? ''}.`);
  }
}
