/**
 * Oracle: the single-threaded screener `runScreeningPlan`. Two `skylane worker` processes, each in its own network
 * namespace (`ip netns`), behave as separate hosts: each namespace has only its loopback and one end of a veth pair
 * with a private /30 address, and reaches Redis over the veth address of the host side (Redis listens on
 * 127.0.0.1 and the two host-side addresses). The run, submitted from the host, must give the oracle's result bit for
 * bit with both workers having run shards. Skipped, with a message, where namespaces cannot be created (not root).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeScales, runScreeningPlan } from '@skylane/core';
import { runScreeningPlanDistributed } from '../../src/distributed/index.ts';
import { redisAvailable, spawnWorker, stopWorker, TestRedis, testPlan } from './redisHarness.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const tag = (process.pid % 10000).toString().padStart(4, '0');
/** Private subnets per namespace: 10.213.<k>.0/30, host side .1, namespace side .2. */
const hosts = [0, 1].map((k) => {
  const octet = (process.pid % 100) * 2 + k;
  return { ns: `skylane-w${k}-${tag}`, hostIf: `skh${k}${tag}`, nsIf: `skw${k}${tag}`, hostIp: `10.213.${octet}.1`, nsIp: `10.213.${octet}.2` };
});

function ip(args: string[]): { ok: boolean; err: string } {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  return { ok: r.status === 0, err: `${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

function setUp(): string | null {
  for (const h of hosts) {
    for (const cmd of [
      ['netns', 'add', h.ns],
      ['link', 'add', h.hostIf, 'type', 'veth', 'peer', 'name', h.nsIf],
      ['link', 'set', h.nsIf, 'netns', h.ns],
      ['addr', 'add', `${h.hostIp}/30`, 'dev', h.hostIf],
      ['link', 'set', h.hostIf, 'up'],
      ['-n', h.ns, 'addr', 'add', `${h.nsIp}/30`, 'dev', h.nsIf],
      ['-n', h.ns, 'link', 'set', h.nsIf, 'up'],
      ['-n', h.ns, 'link', 'set', 'lo', 'up'],
    ]) {
      const r = ip(cmd);
      if (!r.ok) return `ip ${cmd.join(' ')}: ${r.err.trim()}`;
    }
  }
  return null;
}

function tearDown(): void {
  for (const h of hosts) {
    ip(['link', 'del', h.hostIf]);
    ip(['netns', 'del', h.ns]);
  }
}

const namespaceError = redisAvailable ? setUp() : 'redis-server is not installed';
if (namespaceError !== null) {
  tearDown();
  console.info(`network-namespace test skipped: ${namespaceError}`);
}

describe.skipIf(namespaceError !== null)('workers in separate network namespaces vs runScreeningPlan (single-threaded oracle)', () => {
  let redis: TestRedis;
  let workers: Awaited<ReturnType<typeof spawnWorker>>[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start(['127.0.0.1', ...hosts.map((h) => h.hostIp)]);
    workers = await Promise.all(hosts.map((h) => spawnWorker(`redis://${h.hostIp}:${redis.port}`, [], ['ip', 'netns', 'exec', h.ns])));
  }, 400_000);
  afterAll(async () => {
    for (const w of workers) await stopWorker(w.proc);
    await redis?.stop();
    tearDown();
  }, 60_000);

  it('two workers, each in its own namespace reaching Redis over a veth address: identical result, both ran shards', async () => {
    // The namespace cannot reach the host's loopback Redis: only the veth address.
    const probe = spawnSync('ip', ['netns', 'exec', hosts[0]!.ns, 'redis-cli', '-h', '127.0.0.1', '-p', String(redis.port), 'ping'], { encoding: 'utf8', timeout: 10_000 });
    expect(probe.stdout.trim()).not.toBe('PONG');
    const plan = testPlan(ts, start, 300, 6, 1200, 31);
    const r = await runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 });
    expect(JSON.stringify(r)).toBe(JSON.stringify(runScreeningPlan(plan, ts)));
    for (const [k, w] of workers.entries()) expect(w.log(), `worker in ${hosts[k]!.ns} ran shards`).toMatch(/shard \d+ of run/);
  }, 240_000);
});
