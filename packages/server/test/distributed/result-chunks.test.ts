/**
 * Shard results in pieces (resultChunks.ts; Redis refuses values over 512 MB, and one 15-min shard of 1 M objects is
 * ≈ 470 MB). Oracles: the bytes written (read back identical for every size around the piece boundary) and
 * `runScreeningPlan`, the single-threaded screener, against a distributed run whose workers store every shard's
 * result in 64-byte pieces.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTimeScales, runScreeningPlan } from '@skylane/core';
import { hgetResultChunks, hsetResultChunks, runScreeningPlanDistributed, startShardWorker } from '../../src/distributed/index.ts';
import { redisAvailable, STALL, TestRedis, testPlan } from './redisHarness.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

describe.skipIf(!redisAvailable)('shard results stored in pieces (Redis 512 MB value limit)', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await TestRedis.start();
    client = new Redis(redis.url);
  }, 30_000);
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('round trip at every size around the piece boundary; a missing piece reads as missing; a shorter rewrite wins', async () => {
    const key = 'test:chunks';
    for (const size of [0, 1, 999, 1000, 1001, 4500]) {
      const bytes = randomBytes(size);
      const multi = client.multi();
      const n = hsetResultChunks(multi, key, `s${size}`, bytes, 1000);
      await multi.exec();
      expect(n, `${size} bytes`).toBe(Math.max(1, Math.ceil(size / 1000)));
      const back = await hgetResultChunks(client, key, `s${size}`);
      expect(back !== null && Buffer.compare(back, bytes) === 0, `${size} bytes read back identical`).toBe(true);
    }
    expect(await client.hlen(key)).toBe(1 + 1 + 1 + 1 + (1 + 1 + 1) + (1 + 1 + 4));
    expect(await hgetResultChunks(client, key, 'absent')).toBeNull();
    await client.hdel(key, 's4500:3');
    expect(await hgetResultChunks(client, key, 's4500')).toBeNull();
    // A retried shard rewriting its field with a result in one piece: its old piece count no longer applies.
    const short = randomBytes(10);
    const multi = client.multi();
    hsetResultChunks(multi, key, 's4500', short, 1000);
    await multi.exec();
    expect(Buffer.compare((await hgetResultChunks(client, key, 's4500'))!, short)).toBe(0);
    expect(() => hsetResultChunks(client.multi(), key, 'x', short, 0)).toThrow(RangeError);
  });

  it('two in-process workers storing results in 64-byte pieces: the runScreeningPlan result, results cleared', async () => {
    const plan = testPlan(ts, start, 300, 2, 1800, 5);
    const expected = JSON.stringify(runScreeningPlan(plan, ts));
    const workers = await Promise.all([1, 2].map(() => startShardWorker({ url: redis.url, concurrency: 1, stall: STALL, resultChunkBytes: 64 })));
    try {
      const r = await runScreeningPlanDistributed(plan, ts, { url: redis.url, pollMs: 50 });
      expect(r.events.length).toBeGreaterThan(2);
      expect(JSON.stringify(r)).toBe(expected);
      expect((await client.keys('skylane:run:*:results')).length).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }, 60_000);
});
