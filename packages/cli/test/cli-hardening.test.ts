/**
 * The `skylane` command against bad paths and absurd numbers (issue #11 item 9, and the CLI part of item 1): a folder
 * as input, a corrupt `.gz` and an unwritable `--out` / a `--cdm-dir` that is a file as a subprocess
 * (bin/skylane.mjs: the real exit status and stderr, and no crash from an asynchronous stream error); a gzip bomb, a
 * file of garbage lines, `--hbr-m 1e300`, `--trials 1e12`, negative and non-finite values in-process through
 * `runCli` (the function bin/skylane.mjs runs; a subprocess start costs ~5-20 s of tsx compilation here). Each ends with one error line naming the path or the flag (and the accepted range), exit status 2,
 * no stack trace, and before any long work: the path checks of `screen` run against the full 18,407-object bundled
 * catalog over 7 days all-vs-all, which takes minutes, so an answer within the test's timeout (and no screening
 * summary) shows that the check came first.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_CATALOG } from '../src/commands/demo.ts';
import { runCli } from '../src/main.ts';

const BIN = fileURLToPath(new URL('../bin/skylane.mjs', import.meta.url));

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

function skylane(args: readonly string[]): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', SKYLANE_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

/** One error line, exit 2, no stack trace, and the message matches. */
function expectUsageError(r: Run, message: RegExp, what: string): void {
  const lines = r.stderr.trim().split('\n');
  expect(r.code, `${what}: exit status (stderr: ${r.stderr.slice(0, 300)})`).toBe(2);
  expect(r.stderr, `${what}: no stack trace`).not.toMatch(/^\s+at\s/m);
  expect(lines.filter((l) => /^error /.test(l)), `${what}: one error line`).toHaveLength(1);
  expect(r.stderr, what).toMatch(message);
}

describe('skylane as a subprocess: bad paths and absurd numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skylane-cli-'));
  const folder = join(dir, 'a-folder');
  const corrupt = join(dir, 'corrupt.json.gz');
  const bomb = join(dir, 'bomb.json.gz');
  const garbage = join(dir, 'garbage.txt');
  const aFile = join(dir, 'plain-file');
  const cdm = join(dir, 'x.cdm');
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    mkdirSync(folder);
    writeFileSync(corrupt, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('this is not deflate data at all, only text after a gzip magic')]));
    // A gzip bomb: 260 members of 1 MiB of zeros (about 260 KB on disk, 260 MiB decompressed; the cap is 256 MiB).
    const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    writeFileSync(bomb, Buffer.concat(Array.from({ length: 260 }, () => member)));
    writeFileSync(garbage, '1 x\n'.repeat(5000));
    writeFileSync(aFile, 'not a folder\n');
    writeFileSync(cdm, 'CCSDS_CDM_VERS = 1.0\n');
    const cases: Record<string, string[]> = {
      folderInput: ['catalog', 'import', folder],
      corruptGz: ['catalog', 'import', corrupt],
      outMissingFolder: ['screen', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--days', '7', '--out', join(dir, 'no-such-folder', 'events.json')],
      cdmDirIsFile: ['screen', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--days', '7', '--cdm-dir', aFile],
    };
    // Two at a time: the machine has two cores, and each start compiles the CLI with tsx.
    const names = Object.keys(cases);
    for (let i = 0; i < names.length; i += 2) {
      const batch = names.slice(i, i + 2);
      const done = await Promise.all(batch.map((n) => skylane(cases[n]!)));
      batch.forEach((n, k) => runs.set(n, done[k]!));
    }
  }, 600_000);

  /** In-process: the same runCli as the binary, stderr/stdout captured. */
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  const inProcess = async (args: string[]): Promise<Run> => {
    const t0 = performance.now();
    const code = await runCli(args);
    return { code, stdout: out, stderr: err, ms: performance.now() - t0 };
  };

  it('a folder as input, a corrupt .gz and a gzip bomb: one line naming the file, exit 2', async () => {
    expectUsageError(runs.get('folderInput')!, /a-folder is a folder: give a file/, 'folder as input');
    expectUsageError(runs.get('corruptGz')!, /corrupt\.json\.gz is not a valid gzip file/, 'corrupt .gz');
    expectUsageError(await inProcess(['catalog', 'import', bomb]), /bomb\.json\.gz decompresses to more than 256 MiB/, 'gzip bomb');
  });

  it('5,000 garbage lines: the first 100 listed, the rest counted by reason', async () => {
    const r = await inProcess(['catalog', 'import', garbage]);
    const listed = r.stderr.split('\n').filter((l) => / rejected: /.test(l));
    expect(listed).toHaveLength(100);
    expect(r.stderr).toMatch(/and 4900 more rejected record\(s\) not listed \(5000 in all: [A-Z_]+ 5000\)/);
    expect(r.stdout).toMatch(/rejected:\s+5000 record\(s\) \(the first 100 listed on stderr\)/);
    expect(r.stderr).not.toMatch(/^\s+at\s/m);
  });

  it('an unwritable --out and a --cdm-dir that is a file are refused before the screening starts', async () => {
    runs.set('outIsFolder', await inProcess(['screen', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--days', '7', '--out', folder]));
    for (const [name, re] of [
      ['outMissingFolder', /--out: cannot write .*events\.json: the folder .*no-such-folder does not exist/],
      ['outIsFolder', /--out: .*a-folder is a folder: give a file name/],
      ['cdmDirIsFile', /--cdm-dir: .*plain-file is a file, not a folder/],
    ] as const) {
      const r = runs.get(name)!;
      expectUsageError(r, re, name);
      expect(r.stderr, `${name}: no screening ran`).not.toMatch(/close approaches/);
      console.info(`cli: ${name} refused after ${(r.ms / 1000).toFixed(1)} s wall (a subprocess: tsx start included)`);
    }
  });

  it('absurd, negative and non-finite numbers are refused with the flag and its range', async () => {
    const cases: Record<string, string[]> = {
      hbr: ['pc', '--cdm', cdm, '--hbr-m', '1e300'],
      trials: ['pc', '--cdm', cdm, '--method', 'mc', '--trials', '1e12'],
      negative: ['screen', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--threshold-km', '-5'],
      infinite: ['propagate', '--catalog', BUNDLED_CATALOG, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T01:00:00Z', '--step-s', 'Infinity'],
      nan: ['pc', '--cdm', cdm, '--hbr-m', 'NaN'],
    };
    for (const [n, args] of Object.entries(cases)) {
      err = '';
      runs.set(n, await inProcess(args));
    }
    expectUsageError(runs.get('hbr')!, /--hbr-m: "1e300" is outside the accepted range \(0, 1000\] metres/, '--hbr-m 1e300');
    expectUsageError(runs.get('trials')!, /--trials: "1e12" is outside the accepted range \[1, 100000000\] trials/, '--trials 1e12');
    expectUsageError(runs.get('negative')!, /--threshold-km: "-5" is outside the accepted range \(0, 1000\] km/, '--threshold-km -5');
    expectUsageError(runs.get('infinite')!, /--step-s: "Infinity" is outside the accepted range \(0, 31622400\] seconds/, '--step-s Infinity');
    expectUsageError(runs.get('nan')!, /--hbr-m: "NaN" is outside the accepted range/, '--hbr-m NaN');
  });
});
