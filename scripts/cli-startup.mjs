#!/usr/bin/env node
// Measures the built CLI's start-up per command as CPU time (user + sys, from /usr/bin/time) over a bare `node -e 0`
// measured in the same loop: CPU time is what a shared machine's load disturbs least. Needs `npm run build` first.
//
// Usage: node scripts/cli-startup.mjs [--runs N] [--json] [--only NAME,...]
//   prints one line per command: the fastest of N runs (default 5) of CPU and wall time, and CPU minus bare node.
/* global process */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'packages/cli/bin/skylane.mjs');
const STATIONS = path.join(ROOT, 'validation/celestrak/celestrak-stations-gp-2026-03-10.json');
const TIME = '/usr/bin/time';

/** A 3-object catalog (the first three of the CelesTrak stations file) in a temporary folder. */
export function threeObjectCatalog(dir) {
  const file = path.join(dir, 'three.json');
  fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(STATIONS, 'utf8')).slice(0, 3)));
  return file;
}

/** The measured commands: label → arguments after `skylane` (a small real run per command class, plus `--help`). */
export function startupCases(three) {
  return [
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['catalog --help', ['catalog', '--help']],
    ['catalog import (3 objects)', ['catalog', 'import', three, '--json']],
    ['propagate --help', ['propagate', '--help']],
    ['propagate (1 set, 1 min)', ['propagate', '--catalog', three, '--ids', '25544', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T00:01:00Z', '--step-s', '60']],
    ['screen --help', ['screen', '--help']],
    ['screen (3 objects, 1 h)', ['screen', '--catalog', three, '--start', '2026-03-10T00:00:00Z', '--days', String(1 / 24), '--threshold-km', '5', '--threads', '0']],
    ['passes --help', ['passes', '--help']],
    ['passes (1 set, 1 station, 1 h)', ['passes', '--catalog', three, '--ids', '25544', '--station', '67.857,20.964,402', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T01:00:00Z']],
    ['worker --help', ['worker', '--help']],
  ];
}

/** Every top-level command of the built CLI (from dist/cli-manifest.json), for `<command> --help`. */
export function manifestCommands() {
  const m = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages/cli/dist/cli-manifest.json'), 'utf8'));
  return Object.keys(m.commands).sort();
}

/** One run: CPU seconds (user + sys) and wall seconds of `node <args>`; the exit status must be 0. */
export function timeOne(args) {
  const out = path.join(os.tmpdir(), `skylane-time-${process.pid}.txt`);
  const r = spawnSync(TIME, ['-f', '%U %S %e', '-o', out, process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const [u, s, e] = fs.readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(out, { force: true });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { cpuS: u + s, wallS: e };
}

/**
 * Fastest of `runs` rounds; each round runs bare node and then every case once, so that a burst of load hits all
 * of them alike. Returns label → { cpuS, wallS, overCpuS } with the bare figures under 'node -e 0'.
 */
export function measure(cases, runs = 5) {
  const all = [['node -e 0', ['-e', '0']], ...cases.map(([label, args]) => [label, ['--conditions=skylane-dist', BIN, ...args]])];
  const best = new Map(all.map(([label]) => [label, { cpuS: Infinity, wallS: Infinity }]));
  for (let i = 0; i < runs; i++) {
    for (const [label, args] of all) {
      const t = timeOne(args);
      const b = best.get(label);
      b.cpuS = Math.min(b.cpuS, t.cpuS);
      b.wallS = Math.min(b.wallS, t.wallS);
    }
  }
  const bare = best.get('node -e 0');
  return new Map([...best].map(([label, b]) => [label, { ...b, overCpuS: b.cpuS - bare.cpuS, overWallS: b.wallS - bare.wallS }]));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-startup-'));
  try {
    let cases = startupCases(threeObjectCatalog(dir));
    if (argv.includes('--all-help')) cases = [...cases, ...manifestCommands().filter((c) => !cases.some(([l]) => l === `${c} --help`)).map((c) => [`${c} --help`, [c, '--help']])];
    if (only !== undefined) cases = cases.filter(([label]) => only.some((o) => label.startsWith(o)));
    const res = measure(cases, runs);
    if (argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(Object.fromEntries(res), null, 1)}\n`);
    } else {
      process.stdout.write(`# ${new Date().toISOString()} load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, fastest of ${runs}\n`);
      process.stdout.write('| command | CPU (s) | minus `node -e 0` (s) | wall (s) | minus `node -e 0` (s) |\n|---|---|---|---|---|\n');
      for (const [label, r] of res) process.stdout.write(`| ${label} | ${r.cpuS.toFixed(2)} | ${r.overCpuS.toFixed(2)} | ${r.wallS.toFixed(2)} | ${r.overWallS.toFixed(2)} |\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
