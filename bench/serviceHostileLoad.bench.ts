/**
 * "Service under hostile load" (issue #11): the real server (`packages/server/src/main.ts`, one process, as
 * `npm start` runs it) on a fresh SQLite database in a temp directory, seeded as `npm start` seeds it (bundled
 * catalog, demo tenant and fleet, demo key read from its stdout). A client in this process polls
 * GET /api/v1/health one request at a time (10 ms apart) and reports p50/p99/max latency:
 *
 *   idle (the peer: the same server, same run, nothing else running), then during each of
 *   1. a garbage upload (`1 x` lines, 60 MB by default) to POST /api/v1/uploads,
 *   2. a 7-day screening of the demo fleet (POST /api/v1/screenings, followed until it finishes),
 *   3. an upload of 2,000 CDMs (KVN, written by the core's CDM writer: the ISS against 2,000 catalog objects).
 *
 * Each figure is the p99 during the load divided by the idle p99 of the same run; the target is p99 < 1 s. Also
 * reported: each operation's own answer and duration, the server's peak RSS (VmHWM of /proc/<pid>/status, all
 * threads), and whether the process stayed alive. A phase whose operation does not end within its timeout is
 * reported as such and the bench goes on with the next phase.
 *
 * `npm run bench -- service-hostile-load [--garbage-mb=60] [--cdms=2000] [--days=7] [--idle-s=5] [--timeout-s=300]`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdmFromScreening, createTimeScales, IERS_LEAP_SECONDS, vec3, writeCdmKvn } from '@skylane/core';
import { flagValue, machineDescription, readCatalogText, type BenchReport } from './common.ts';

const MAIN = fileURLToPath(new URL('../packages/server/src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../', import.meta.url));
/** The bundled snapshot's epoch: the screening window starts here, as `npm start` does for a stale snapshot. */
const SNAPSHOT_START = '2026-03-10T00:00:00Z';

export interface HostileLoadFlags {
  readonly garbageMb: number;
  readonly cdms: number;
  readonly days: number;
  readonly idleS: number;
  readonly timeoutS: number;
}

export function hostileLoadFlags(flags: readonly string[]): HostileLoadFlags {
  const num = (name: string, dflt: number): number => {
    const f = flagValue(flags, name);
    const v = f === undefined ? dflt : Number(f);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  return { garbageMb: num('garbage-mb', 60), cdms: num('cdms', 2000), days: num('days', 7), idleS: num('idle-s', 5), timeoutS: num('timeout-s', 300) };
}

interface Server {
  readonly proc: ChildProcess;
  readonly baseUrl: string;
  readonly key: string;
  readonly fleetId: number;
  readonly fleetSize: number;
  alive: boolean;
  readonly stderr: string[];
}

function startServer(dir: string): Promise<Server> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    SKYLANE_DB: path.join(dir, 'skylane.sqlite'),
    SKYLANE_FIRST_SCREENING: '0',
    SKYLANE_RESCREEN_ON_UPLOAD: '0',
    SKYLANE_SCREEN_INTERVAL_S: '0',
    SKYLANE_NOW: SNAPSHOT_START,
  };
  delete env['DATABASE_URL'];
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr.push(d);
    if (stderr.length > 200) stderr.shift();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s: ${out}${stderr.join('')}`)), 180_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      // After start-up the server's JSON request log is drained and dropped (kept, it would grow without bound).
      if (started) return;
      out += d;
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      // The demo key as npm start prints it on a fresh database (the only sk_… on stdout).
      const key = /\b(sk_[A-Za-z0-9_-]{8,})/.exec(out);
      if (listening && key) {
        started = true;
        out = '';
        clearTimeout(timer);
        const base = listening[1]!;
        void fetch(`${base}/api/v1/fleets`, { headers: { authorization: `Bearer ${key[1]!}` } })
          .then(async (r) => {
            const fleets = ((await r.json()) as { items: { id: number; name: string; memberCount: number }[] }).items;
            const demo = fleets.find((f) => f.name === 'demo-fleet') ?? fleets[0];
            if (demo === undefined) throw new Error('the seeded database has no demo fleet');
            const s: Server = { proc, baseUrl: base, key: key[1]!, fleetId: demo.id, fleetSize: demo.memberCount, alive: true, stderr };
            proc.on('exit', () => (s.alive = false));
            resolve(s);
          })
          .catch(reject);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${String(code)}) before listening: ${stderr.join('')}`)));
  });
}

/** Peak and current resident set of a process (all threads), MiB, from /proc (Linux); undefined elsewhere. */
function rssOf(pid: number | undefined): { peakMiB: number; nowMiB: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? Number.NaN);
    return { peakMiB: kb('VmHWM') / 1024, nowMiB: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

interface Sampled {
  readonly latencies: number[];
  readonly failures: number;
}

/** Polls /health (one request at a time, `gapMs` apart) until `until` settles; a request that does not answer in 60 s is a failure. */
async function pollHealth(base: string, until: Promise<unknown>, gapMs = 10): Promise<Sampled> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  const latencies: number[] = [];
  let failures = 0;
  while (!done) {
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(60_000) });
      await r.arrayBuffer();
      if (r.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return { latencies, failures };
}

/** Nearest-rank quantile (p99 of fewer than 100 samples is their maximum). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** 60 MB of `1 x` lines (what an attacker sends as an "element-set file"). */
function garbage(mb: number): string {
  return '1 x\n'.repeat(Math.floor((mb * 1e6) / 4));
}

/** `n` CDMs in KVN, one after another: the ISS against the first `n` catalog objects, TCAs spread over the next days. */
function cdmUpload(n: number): string {
  const ts = createTimeScales(IERS_LEAP_SECONDS);
  const catalog = (JSON.parse(readCatalogText()) as { NORAD_CAT_ID: number | string; OBJECT_NAME?: string }[]).filter((r) => Number(r.NORAD_CAT_ID) !== 25544).slice(0, n);
  const t0 = ts.parseUtcIso(SNAPSHOT_START);
  const parts: string[] = [];
  catalog.forEach((r, i) => {
    const tca = t0.plusSeconds(3600 + i * 97);
    const a = (i * 0.7) % (2 * Math.PI);
    const r1 = vec3<'EME2000'>(6778 * Math.cos(a), 6778 * Math.sin(a), 0);
    const v1 = vec3<'EME2000'>(-7.67 * Math.sin(a), 7.67 * Math.cos(a), 0);
    const r2 = vec3<'EME2000'>(r1[0] + 0.2 + (i % 7) * 0.1, r1[1] - 0.3, r1[2] + 0.15);
    const v2 = vec3<'EME2000'>(v1[0], v1[1] * 0.2, 7.5);
    const cdm = cdmFromScreening({
      tca,
      creationDate: t0,
      originator: 'BENCH',
      messageId: `BENCH-${i + 1}`,
      object1: { catalogNumber: 25544, name: 'ISS (ZARYA)', objectType: 'PAYLOAD', r: r1, v: v1, elementAgeDays: 1 },
      object2: { catalogNumber: Number(r.NORAD_CAT_ID), ...(r.OBJECT_NAME !== undefined ? { name: r.OBJECT_NAME } : {}), r: r2, v: v2, elementAgeDays: 2 },
      hbrM: 10,
    });
    parts.push(writeCdmKvn(cdm, ts));
  });
  return parts.join('\n');
}

interface PhaseResult {
  readonly name: string;
  readonly sampled: Sampled;
  readonly outcome: string;
  readonly seconds: number;
}

async function phase(server: Server, name: string, op: () => Promise<string>, timeoutS: number): Promise<PhaseResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const work = Promise.race([
    op().catch((e: unknown) => `error: ${e instanceof Error ? e.message : String(e)}`),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`not finished after ${timeoutS} s`), timeoutS * 1000))),
  ]);
  const sampled = await pollHealth(server.baseUrl, work);
  clearTimeout(timer);
  const outcome = await work;
  return { name, sampled, outcome: server.alive ? outcome : `${outcome}; SERVER PROCESS DIED`, seconds: (performance.now() - t0) / 1000 };
}

export async function runServiceHostileLoadBench(flags: HostileLoadFlags = hostileLoadFlags([])): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-hostile-'));
  const tStart = performance.now();
  const server = await startServer(dir);
  const auth = { authorization: `Bearer ${server.key}` };
  const peak = { rss: 0 };
  const sampler = setInterval(() => {
    const r = rssOf(server.proc.pid);
    if (r !== undefined && Number.isFinite(r.peakMiB)) peak.rss = Math.max(peak.rss, r.peakMiB);
  }, 200);
  const results: PhaseResult[] = [];
  try {
    results.push(await phase(server, 'idle (peer)', () => new Promise((r) => setTimeout(() => r('nothing running'), flags.idleS * 1000)), flags.idleS + 5));
    const body = garbage(flags.garbageMb);
    results.push(
      await phase(
        server,
        `garbage upload (${flags.garbageMb} MB of "1 x" lines)`,
        async () => {
          const r = await fetch(`${server.baseUrl}/api/v1/uploads?format=tle`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body, signal: AbortSignal.timeout(flags.timeoutS * 1000) });
          const text = await r.text();
          return `HTTP ${r.status}, ${r.headers.get('content-type') ?? '?'}, answer ${(text.length / 1e6).toFixed(2)} MB`;
        },
        flags.timeoutS,
      ),
    );
    if (server.alive) {
      results.push(
        await phase(
          server,
          `demo-fleet screening (${server.fleetSize} objects, ${flags.days} days, 5 km)`,
          async () => {
            const r = await fetch(`${server.baseUrl}/api/v1/screenings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ fleetId: server.fleetId, start: SNAPSHOT_START, windowDays: flags.days, thresholdKm: 5 }) });
            if (r.status !== 202) return `HTTP ${r.status}: ${(await r.text()).slice(0, 200)}`;
            const url = `${server.baseUrl}${(r.headers.get('location') ?? '')}`;
            for (;;) {
              await new Promise((res) => setTimeout(res, 500));
              const j = (await (await fetch(url, { headers: auth })).json()) as { status: string; error: string | null; result: { conjunctions?: number } | null };
              if (j.status !== 'queued' && j.status !== 'running') return `${j.status}${j.error !== null ? `: ${j.error}` : ''}, ${j.result?.conjunctions ?? 0} conjunctions`;
            }
          },
          flags.timeoutS * 4,
        ),
      );
    }
    if (server.alive) {
      const cdms = cdmUpload(flags.cdms);
      results.push(
        await phase(
          server,
          `CDM upload (${flags.cdms} CDMs, ${(cdms.length / 1e6).toFixed(1)} MB KVN)`,
          async () => {
            const r = await fetch(`${server.baseUrl}/api/v1/uploads?name=bench.cdm`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: cdms, signal: AbortSignal.timeout(flags.timeoutS * 1000) });
            const j = (await r.json()) as { accepted?: number; rejected?: number };
            return `HTTP ${r.status}, ${j.accepted ?? '?'} accepted, ${j.rejected ?? 0} rejected`;
          },
          flags.timeoutS,
        ),
      );
    }
  } finally {
    clearInterval(sampler);
    const last = rssOf(server.proc.pid);
    if (last !== undefined && Number.isFinite(last.peakMiB)) peak.rss = Math.max(peak.rss, last.peakMiB);
  }
  const aliveAtEnd = server.alive && (await fetch(`${server.baseUrl}/api/v1/health`).then((r) => r.status === 200).catch(() => false));
  if (server.alive) {
    const exited = new Promise((r) => server.proc.once('exit', r));
    server.proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (server.alive) server.proc.kill('SIGKILL');
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const idle = [...results[0]!.sampled.latencies].sort((a, b) => a - b);
  const idleP99 = quantile(idle, 0.99);
  const lines = [
    `machine: ${machineDescription()}`,
    `server: one process (node --import tsx packages/server/src/main.ts), fresh SQLite in a temp dir, seeded as npm start; client: this process, GET /api/v1/health one at a time, 10 ms apart`,
    '',
    '| phase | requests | failed | p50 ms | p99 ms | max ms | p99 / idle p99 | phase s | operation |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const s = [...r.sampled.latencies].sort((a, b) => a - b);
    const p99 = quantile(s, 0.99);
    lines.push(`| ${r.name} | ${s.length} | ${r.sampled.failures} | ${quantile(s, 0.5).toFixed(1)} | ${p99.toFixed(1)} | ${(s[s.length - 1] ?? Number.NaN).toFixed(0)} | ${(p99 / idleP99).toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.outcome} |`);
  }
  const worstP99 = Math.max(...results.slice(1).map((r) => quantile([...r.sampled.latencies].sort((a, b) => a - b), 0.99)));
  lines.push('');
  lines.push(`target p99 < 1000 ms during every load: ${worstP99 < 1000 ? 'met' : 'NOT met'} (worst ${worstP99.toFixed(0)} ms)`);
  lines.push(`server peak RSS ${peak.rss.toFixed(0)} MiB; process alive at the end: ${aliveAtEnd ? 'yes' : 'NO'}; wall ${((performance.now() - tStart) / 1000).toFixed(0)} s`);
  if (!aliveAtEnd) lines.push(`server stderr (last lines): ${server.stderr.join('').slice(-800).replace(/\n/g, ' | ')}`);
  return { name: 'Service under hostile load (service-hostile-load)', lines };
}
