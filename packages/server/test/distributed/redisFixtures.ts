/** Vitest fixtures over redisHarness.ts: a private redis-server per describe block, optionally with one in-process shard worker. */
import { afterAll, beforeAll } from 'vitest';
import { startShardWorker, type ShardWorkerHandle } from '../../src/index.ts';
import { STALL, TestRedis } from './redisHarness.ts';

/** Starts a redis-server before the block's tests and stops it after them; returns its accessor. */
export function useTestRedis(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await TestRedis.start();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  return () => redis!;
}

/** As `useTestRedis`, with one in-process shard worker (concurrency 2, fast stall detection) serving its queue. */
export function useRedisWithShardWorker(): () => TestRedis {
  let redis: TestRedis | undefined;
  let worker: ShardWorkerHandle | undefined;
  beforeAll(async () => {
    redis = await TestRedis.start();
    worker = await startShardWorker({ url: redis.url, stall: STALL, concurrency: 2 });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  }, 60_000);
  return () => redis!;
}
