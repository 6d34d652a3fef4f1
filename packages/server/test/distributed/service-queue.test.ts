/**
 * Oracle: the same service screening in-process (threads: 0). With `queueUrl` set (REDIS_URL in production) the
 * service's screening job runs its shards on a queue worker; the job must succeed with its progress complete and
 * record the same events (pairs, TCA, miss distance, Pc) as the in-process service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShardWorker, type ShardWorkerHandle } from '../../src/distributed/index.ts';
import { auth, BACKENDS, makeFixture, type Fixture } from '../service/helpers.ts';
import { FLEET, runScreening, SMALL_CATALOG, type EventView } from '../service/warningHelpers.ts';
import { redisAvailable, STALL, TestRedis } from './redisHarness.ts';

describe.skipIf(!redisAvailable)('service screening jobs on the queue (REDIS_URL) vs in-process', () => {
  let redis: TestRedis;
  let worker: ShardWorkerHandle;
  let shardsRun = 0;
  const fixtures: Fixture[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start();
    worker = await startShardWorker({ url: redis.url, stall: STALL, onShard: () => shardsRun++ });
  }, 60_000);
  afterAll(async () => {
    for (const f of fixtures) await f.close();
    await worker?.close();
    await redis?.stop();
  }, 60_000);

  async function screen(earlyWarning: { threads: number; queueUrl?: string }): Promise<string[]> {
    const f = await makeFixture(BACKENDS[0]!, { earlyWarning: { ...earlyWarning, now: () => new Date('2026-03-10T12:00:00Z') } });
    fixtures.push(f);
    const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) });
    expect(up.statusCode).toBe(201);
    const fl = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'a-fleet', members: FLEET } });
    const job = await runScreening(f, f.keys.operatorA, fl.json<{ id: number }>().id);
    expect(job.status).toBe('succeeded');
    const list = (await f.app.inject({ url: '/api/v1/events?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: EventView[] }>().items;
    return list.map((e) => `${e.object1}-${e.object2} ${e.tca} ${e.missDistanceKm} ${e.pc}`).sort();
  }

  it('the queued job records the in-process job\'s events', async () => {
    const local = await screen({ threads: 0 });
    expect(local.length).toBeGreaterThanOrEqual(5);
    expect(shardsRun).toBe(0);
    const queued = await screen({ threads: 0, queueUrl: redis.url });
    expect(queued).toEqual(local);
    expect(shardsRun, 'the queued job ran on the worker').toBeGreaterThan(0);
  }, 120_000);
});
