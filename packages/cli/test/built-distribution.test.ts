/**
 * The built distribution (issue 18, item 5): `scripts/build.mjs` (npm run build) compiles core, server and cli to
 * dist/, `scripts/pack.mjs` packs @skylane/core, and the tarball is installed OFFLINE (`npm install --offline`) into
 * an empty folder and used from plain JavaScript: Vallado's SGP4 verification case 00005 against tcppver.out and
 * against the sources. Then the built CLI (no TypeScript loader): start-up CPU time of `--version`, `--help`, each
 * command class's `--help` and a small real run (catalog import, propagate, screen, passes) against a bare
 * `node -e 0`, its output against the sources', and a screening run on built worker threads against the sources run
 * in-process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeScales, readElementSets, sgp4InputFrom, Sgp4Satellite } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'packages/cli/bin/skylane.mjs');
const STATIONS = path.join(ROOT, 'validation/celestrak/celestrak-stations-gp-2026-03-10.json');
const VALLADO = path.join(ROOT, 'validation/vallado-sgp4');
const MINUTES = [0, 360, 720, 1080, 1440];

let work = '';
let three = '';
let cpuHook = '';
let installedBy = '';
let buildS = 0;

/** The lockfile entries of a package set's dependency closure, taken from the repository's package-lock.json. */
function lockClosure(deps: readonly string[]): Record<string, unknown> {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  const out: Record<string, unknown> = {};
  const todo = [...deps];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const key = `node_modules/${name}`;
    const entry = lock.packages[key];
    if (entry === undefined || key in out) continue;
    out[key] = entry;
    todo.push(...Object.keys(entry.dependencies ?? {}));
  }
  return out;
}

function node(args: readonly string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** Vallado's case 00005 (SGP4-VER.TLE, columns 1-69 of its two lines). */
function vallado00005(): string {
  const lines = fs.readFileSync(path.join(VALLADO, 'SGP4-VER.TLE'), 'utf8').split(/\r?\n/);
  const i = lines.findIndex((l) => l.startsWith('1 00005'));
  return `${lines[i]!.slice(0, 69)}\n${lines[i + 1]!.slice(0, 69)}\n`;
}

/** tcppver.out's block for satellite 5: tsince (min) → r (km), v (km/s). */
function tcppver00005(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let inBlock = false;
  for (const raw of fs.readFileSync(path.join(VALLADO, 'tcppver.out'), 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    const head = /^(\d+)\s+xx$/.exec(line);
    if (head) {
      inBlock = Number(head[1]) === 5;
      continue;
    }
    if (!inBlock || line === '') continue;
    const nums = line.split(/\s+/).slice(0, 7).map(Number);
    out.set(nums[0]!, nums.slice(1));
  }
  return out;
}

/**
 * CPU milliseconds (user + sys, every thread) of `node <args>`, read by a preloaded exit hook (process.cpuUsage is
 * getrusage of the whole process): CPU time is what a loaded machine disturbs least, and needs no /usr/bin/time.
 */
function cpuMs(args: readonly string[]): number {
  const out = path.join(work, 'cpu.txt');
  fs.rmSync(out, { force: true });
  const r = spawnSync(process.execPath, ['--import', cpuHook, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SKYLANE_CPU_OUT: out }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return Number(fs.readFileSync(out, 'utf8'));
}

/** Fastest of n runs (ms): start-up figures on a shared machine are noise above the minimum. */
function fastest(args: readonly string[], n = 5): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const r = node(args);
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    best = Math.min(best, r.ms);
  }
  return best;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-dist-'));
  three = path.join(work, 'three.json');
  fs.writeFileSync(three, JSON.stringify((JSON.parse(fs.readFileSync(STATIONS, 'utf8')) as unknown[]).slice(0, 3)));
  const hook = path.join(work, 'cpu-hook.mjs');
  fs.writeFileSync(hook, "import fs from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); fs.writeFileSync(process.env.SKYLANE_CPU_OUT, String((u.user + u.system) / 1000)); });\n");
  cpuHook = pathToFileURL(hook).href;
  const built = node([path.join(ROOT, 'scripts/build.mjs')]);
  expect(built.status, `npm run build failed:\n${built.stderr}`).toBe(0);
  buildS = built.ms / 1000;
  const packed = node([path.join(ROOT, 'scripts/pack.mjs'), '--out', work, 'core']);
  expect(packed.status, `pack failed:\n${packed.stderr}`).toBe(0);
  const tarball = path.join(work, 'skylane-core-0.1.0.tgz');
  // An empty project whose lockfile pins core's runtime dependencies as the repository's lockfile does (name,
  // version, integrity), so that `npm install --offline` takes them from the npm cache `npm ci` filled.
  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'skylane-dist-check', private: true, type: 'module' }));
  const deps = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'packages/core/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  fs.writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify({ name: 'skylane-dist-check', lockfileVersion: 3, requires: true, packages: { '': { name: 'skylane-dist-check' }, ...lockClosure(deps) } }));
  const npm = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8', timeout: 300_000 });
  if (npm.status === 0) {
    installedBy = 'npm install --offline';
  } else {
    // The npm cache lacks a dependency (a node_modules copied without `npm ci`): the tarball is unpacked by hand and
    // its dependencies linked from the repository's node_modules.
    expect(npm.stderr, `npm install --offline failed for another reason than the cache:\n${npm.stderr}`).toMatch(/ENOTCACHED/);
    const dest = path.join(app, 'node_modules/@skylane/core');
    fs.mkdirSync(dest, { recursive: true });
    expect(spawnSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']).status).toBe(0);
    for (const key of Object.keys(lockClosure(deps))) {
      fs.mkdirSync(path.dirname(path.join(app, key)), { recursive: true });
      fs.symlinkSync(path.join(ROOT, key), path.join(app, key), 'dir');
    }
    installedBy = 'tarball unpacked, dependencies linked (npm cache lacked them)';
  }
}, 900_000);

afterAll(() => {
  if (work !== '') fs.rmSync(work, { recursive: true, force: true });
});

describe('@skylane/core tarball installed offline, used from plain JavaScript', () => {
  it('Vallado 2006 SGP4 case 00005: within 1e-6 km and 1e-9 km/s of tcppver.out, identical to the sources', () => {
    const app = path.join(work, 'app');
    const script = path.join(app, 'check.mjs');
    fs.writeFileSync(
      script,
      `import { createTimeScales, readElementSets, sgp4InputFrom, Sgp4Satellite } from '@skylane/core';
const ts = createTimeScales();
const { elementSets } = readElementSets(${JSON.stringify(vallado00005())}, { timeScales: ts });
const sat = Sgp4Satellite.create(sgp4InputFrom(elementSets[0], ts));
process.stdout.write(JSON.stringify(${JSON.stringify(MINUTES)}.map((m) => { const s = sat.propagateMinutes(m); return [...s.r, ...s.v]; })));
`,
    );
    const r = node([script], app);
    expect(r.status, r.stderr).toBe(0);
    const fromTarball = JSON.parse(r.stdout) as number[][];

    const ts = createTimeScales();
    const sat = Sgp4Satellite.create(sgp4InputFrom(readElementSets(vallado00005(), { timeScales: ts }).elementSets[0]!, ts));
    const fromSources = MINUTES.map((m) => {
      const s = sat.propagateMinutes(m);
      return [...s.r, ...s.v];
    });
    const ref = tcppver00005();
    let worstR = 0;
    let worstV = 0;
    let worstVsSources = 0;
    MINUTES.forEach((m, i) => {
      const got = fromTarball[i]!;
      const want = ref.get(m)!;
      for (let k = 0; k < 3; k++) worstR = Math.max(worstR, Math.abs(got[k]! - want[k]!));
      for (let k = 3; k < 6; k++) worstV = Math.max(worstV, Math.abs(got[k]! - want[k]!));
      for (let k = 0; k < 6; k++) worstVsSources = Math.max(worstVsSources, Math.abs(got[k]! - fromSources[i]![k]!));
    });
    console.info(`dist: core tarball (${installedBy}): 00005 worst vs tcppver.out ${worstR.toExponential(2)} km, ${worstV.toExponential(2)} km/s; vs sources ${worstVsSources}; build ${buildS.toFixed(1)} s`);
    expect(worstR).toBeLessThan(1e-6);
    expect(worstV).toBeLessThan(1e-9);
    expect(worstVsSources).toBe(0);
  });

  it('ships JavaScript and declarations only: no TypeScript source, no tsx, exports pointing at dist', () => {
    const dir = path.join(work, 'app/node_modules/@skylane/core');
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toContain(path.join('dist', 'index.d.ts'));
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports: unknown; dependencies: Record<string, string> };
    expect(pkg.exports).toEqual({ '.': { types: './dist/index.d.ts', default: './dist/core.bundle.js' } });
    expect(fs.existsSync(path.join(work, 'app/node_modules/tsx'))).toBe(false);
  });
});

describe('built CLI (node --conditions=skylane-dist packages/cli/bin/skylane.mjs)', () => {
  const io = captureCliOutput();
  const dist = (...args: string[]): string[] => ['--conditions=skylane-dist', BIN, ...args];

  it('starts fast: --version and --help within 400 ms of a bare `node -e 0`', () => {
    const bare = fastest(['-e', '0'], 3);
    const version = fastest(dist('--version'), 3);
    const help = fastest(dist('--help'), 3);
    const command = fastest(dist('catalog', 'import', STATIONS, '--json'), 2);
    console.info(`dist: start-up (fastest of 3; 2 for the command) bare node ${bare.toFixed(0)} ms, skylane --version ${version.toFixed(0)} ms, --help ${help.toFixed(0)} ms, catalog import (33 objects) ${command.toFixed(0)} ms`);
    expect(version - bare).toBeLessThan(400);
    expect(help - bare).toBeLessThan(400);
    expect(command - bare).toBeLessThan(5000);
  });

  it('starts each command class within 300 ms of CPU over a bare `node -e 0` (fastest of 3 rounds)', () => {
    // One small real run per command class: core only (catalog import, propagate), core + server worker-thread
    // drivers (screen, passes), and the `--help` of commands whose work needs the server's storage or queue.
    const cases: [string, string[]][] = [
      ['--version', ['--version']],
      ['--help', ['--help']],
      ['catalog import (3 objects)', ['catalog', 'import', three, '--json']],
      ['propagate (1 set, 1 min)', ['propagate', '--catalog', three, '--ids', '25544', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T00:01:00Z', '--step-s', '60']],
      ['screen (3 objects, 1 h)', ['screen', '--catalog', three, '--start', '2026-03-10T00:00:00Z', '--days', String(1 / 24), '--threshold-km', '5', '--threads', '0']],
      ['passes (1 set, 1 station, 1 h)', ['passes', '--catalog', three, '--ids', '25544', '--station', '67.857,20.964,402', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T01:00:00Z']],
      ['propagate --help', ['propagate', '--help']],
      ['screen --help', ['screen', '--help']],
      ['worker --help', ['worker', '--help']],
      ['tenant --help', ['tenant', '--help']],
      ['tourism --help', ['tourism', '--help']],
    ];
    let bare = Infinity;
    const best = new Map<string, number>(cases.map(([label]) => [label, Infinity]));
    for (let round = 0; round < 3; round++) {
      bare = Math.min(bare, cpuMs(['-e', '0']));
      for (const [label, args] of cases) best.set(label, Math.min(best.get(label)!, cpuMs(dist(...args))));
    }
    const over = [...best].map(([label, ms]) => [label, ms - bare] as const);
    console.info(`dist: start-up CPU over bare node (${bare.toFixed(0)} ms; load ${os.loadavg()[0]!.toFixed(1)}): ${over.map(([l, ms]) => `${l} ${ms.toFixed(0)} ms`).join(', ')}; worst ${Math.max(...over.map(([, ms]) => ms)).toFixed(0)} ms`);
    for (const [label, ms] of over) expect(ms, `${label}: ${ms.toFixed(0)} ms of CPU over bare node`).toBeLessThan(300);
  });

  it('prints what the sources print: --help, --version, catalog import, propagate and passes', async () => {
    const runs = [
      ['--help'],
      ['--version'],
      ['catalog', 'import', STATIONS, '--json'],
      ['propagate', '--catalog', three, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T00:10:00Z', '--step-s', '60', '--frame', 'ITRF'],
      ['passes', '--catalog', three, '--ids', '25544', '--station', '67.857,20.964,402', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-11T00:00:00Z'],
    ];
    for (const args of runs) {
      const r = node(dist(...args));
      expect(r.status).toBe(0);
      io.stdout = '';
      expect(await runCli(args)).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(io.stdout);
    }
  });

  it('screens on built worker threads (--threads 2) with the same statistics as the sources in-process', async () => {
    const args = ['screen', '--catalog', STATIONS, '--start', '2026-03-10T00:00:00Z', '--days', '0.25', '--threshold-km', '100', '--format', 'json'];
    const r = node(dist(...args, '--threads', '2'));
    expect(r.status, r.stderr).toBe(0);
    io.stdout = '';
    expect(await runCli([...args, '--threads', '0'])).toBe(0);
    const built = JSON.parse(r.stdout) as { events: unknown[]; stats: unknown };
    const source = JSON.parse(io.stdout) as { events: unknown[]; stats: unknown };
    console.info(`dist: screen on built workers: ${built.events.length} events, same as the sources in-process`);
    expect(built.events.length).toBeGreaterThan(0);
    expect(built.stats).toEqual(source.stats);
    expect(built.events).toEqual(source.events);
  });
});
