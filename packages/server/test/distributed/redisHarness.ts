/** Test helper: a private redis-server (Debian package) on a free port in a temp dir, with AOF, stoppable and restartable on the same port. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { planScreening, syntheticCatalog, type Instant, type ScreeningPlan, type TimeScales } from '@skylane/core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const redisAvailable = existsSync(REDIS_SERVER);

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

export class TestRedis {
  private proc: ChildProcess | undefined;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'skylane-redis-'));
  private constructor(
    readonly port: number,
    readonly bind: readonly string[],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(bind: readonly string[] = ['127.0.0.1']): Promise<TestRedis> {
    const r = new TestRedis(await freePort(), bind);
    await r.launch();
    return r;
  }

  /** Starts redis-server (AOF on, fsync always, so a restart keeps every acknowledged write). */
  async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', ...this.bind, '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--protected-mode', 'no', '--loglevel', 'warning'];
    this.proc = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const ping = spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' });
      if (ping.stdout?.trim() === 'PONG') return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** Stops the server at once (SIGKILL: nothing but the AOF survives). */
  async kill(): Promise<void> {
    const p = this.proc;
    if (p === undefined || p.exitCode !== null) return;
    p.kill('SIGKILL');
    await once(p, 'exit');
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLI = path.resolve(here, '../../../cli/bin/skylane.mjs');
/** Fast stall detection for the tests: a dead worker's shard is retried within lock + interval = 1.5 s. */
export const STALL = { lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 5 };

/** A synthetic catalog plan (plus one invalid object, so that `skipped` is exercised). */
export function testPlan(ts: TimeScales, start: Instant, count: number, hours: number, blockS: number, seed: number): ScreeningPlan {
  const sets = syntheticCatalog(count, start, seed);
  sets.push({ ...sets[0]!, catalogNumber: 999_999_999, eccentricity: 1.5 });
  return planScreening(sets, { start, durationS: hours * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: blockS } });
}

/** A `skylane worker` process; resolves once it says it is ready. */
export async function spawnWorker(url: string, extra: readonly string[] = [], prefix: readonly string[] = []): Promise<{ proc: ChildProcess; log: () => string }> {
  const args = [...prefix, process.execPath, CLI, 'worker', '--queue', url, '--lock-duration-ms', String(STALL.lockDurationMs), '--stalled-interval-ms', String(STALL.stalledIntervalMs), '--max-stalled-count', String(STALL.maxStalledCount), ...extra];
  const proc = spawn(args[0]!, args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let text = '';
  proc.stderr!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`worker did not start in 180 s: ${text}`));
    }, 180_000);
    proc.stderr!.on('data', (d: string) => {
      text += d;
      if (text.includes(' ready: queue')) {
        clearTimeout(t);
        resolve();
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`worker exited (${code}): ${text}`));
    });
  });
  proc.removeAllListeners('exit');
  return { proc, log: () => text };
}

export async function stopWorker(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill(signal);
  return exited;
}

