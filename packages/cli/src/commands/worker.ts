/** `skylane worker`: a queue worker of distributed runs (BullMQ on Redis); runs until SIGTERM/SIGINT, finishing its shards first. */
import type { Command } from 'commander';
import { DEFAULT_STALL_SETTINGS } from '@skylane/server/distributed/protocol';
import { log } from '../io.ts';
import { UsageError } from '../usage.ts';

interface WorkerOptions {
  queue: string;
  concurrency: string;
  lockDurationMs?: string;
  stalledIntervalMs?: string;
  maxStalledCount?: string;
}

/** Checks a --queue value: a redis:// URL with a host and a port. */
export function parseQueueUrl(text: string, flag = '--queue'): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not a URL; give redis://HOST:PORT, e.g. ${flag} redis://127.0.0.1:6379`);
  }
  if (u.protocol !== 'redis:' || u.hostname === '') throw new UsageError(`${flag}: "${text}" is not a redis://HOST:PORT URL, e.g. ${flag} redis://127.0.0.1:6379`);
  return text;
}

/** `--shards N` (with `--queue` only): how many shards (object blocks) the queued run is split into. */
export function parseShards(text: string | undefined, queueUrl: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (queueUrl === undefined) throw new UsageError('--shards needs --queue.');
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--shards: "${text}" must be an integer 1..100000.`);
  return n;
}

function parseIntFlag(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag}: "${text}" must be an integer ${min}..${max}.`);
  return n;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('pull shards of distributed runs (screening) from a Redis queue and run them, until SIGTERM')
    .requiredOption('--queue <url>', 'Redis of the queue, redis://HOST:PORT')
    .option('--concurrency <n>', 'shards run at once, each on its own thread', '1')
    .option('--lock-duration-ms <ms>', `lock on a running shard, renewed every half of it (default ${DEFAULT_STALL_SETTINGS.lockDurationMs})`)
    .option('--stalled-interval-ms <ms>', `how often workers look for shards whose worker died (default ${DEFAULT_STALL_SETTINGS.stalledIntervalMs})`)
    .option('--max-stalled-count <n>', `stalls a shard survives before it fails (default ${DEFAULT_STALL_SETTINGS.maxStalledCount})`)
    .addHelpText(
      'after',
      `
Workers on any number of hosts may serve one Redis. A run submitted with \`skylane screen --queue\` (or by the
service with REDIS_URL set) is cut into shards (time windows of the whole catalog); its catalog travels once,
stored in Redis by content hash. A worker killed mid-shard (kill -9, lost network) loses its lock; another worker
takes the shard again at most lock duration + stalled interval later. SIGTERM/SIGINT: the worker stops taking
shards, finishes the running ones and exits 0.

Examples:
  $ skylane worker --queue redis://127.0.0.1:6379
  $ skylane worker --queue redis://10.0.0.5:6379 --concurrency 2 --stalled-interval-ms 5000 --lock-duration-ms 10000`,
    )
    .action(async (opts: WorkerOptions) => {
      const url = parseQueueUrl(opts.queue);
      const concurrency = parseIntFlag(opts.concurrency, '--concurrency', 1, 256);
      const stall = {
        ...(opts.lockDurationMs !== undefined ? { lockDurationMs: parseIntFlag(opts.lockDurationMs, '--lock-duration-ms', 100, 3_600_000) } : {}),
        ...(opts.stalledIntervalMs !== undefined ? { stalledIntervalMs: parseIntFlag(opts.stalledIntervalMs, '--stalled-interval-ms', 100, 3_600_000) } : {}),
        ...(opts.maxStalledCount !== undefined ? { maxStalledCount: parseIntFlag(opts.maxStalledCount, '--max-stalled-count', 0, 1000) } : {}),
      };
      // BullMQ and ioredis load here, not at start-up (`worker --help` stays fast).
      const { startShardWorker } = await import('@skylane/server/distributed');
      const worker = await startShardWorker({
        url,
        concurrency,
        stall,
        onShard: (job, r) => log.info(`shard ${job.shardIndex} of run ${job.runId.slice(0, 12)}: ${r.blocks} block(s), ${r.events} event(s), ${r.loadMs !== undefined && r.loadMs > 0 ? `inputs loaded in ${r.loadMs} ms, ` : ''}${r.workMs} ms`),
        onError: (job, err) => log.warn(`${job !== undefined ? `shard ${job.shardIndex} of run ${job.runId.slice(0, 12)}: ` : ''}${err.message}`),
      });
      log.info(`worker ${worker.name} ready: queue ${url}, concurrency ${concurrency}, lock ${worker.stall.lockDurationMs} ms, stall check every ${worker.stall.stalledIntervalMs} ms (pid ${process.pid})`);
      await new Promise<void>((resolve) => {
        const stop = (sig: string): void => {
          log.info(`${sig}: finishing running shards`);
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          resolve();
        };
        const onTerm = (): void => stop('SIGTERM');
        const onInt = (): void => stop('SIGINT');
        process.on('SIGTERM', onTerm);
        process.on('SIGINT', onInt);
      });
      await worker.close();
      log.info('worker stopped');
    });
}
