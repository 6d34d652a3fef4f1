/**
 * Oracles: the single-process functions of the passes and od run kinds, `runPassBatchRequest` (what `skylane passes`
 * runs) and `runOdBatchLocal` (the SGP4 element-set fits of a batch, one after the other, as `skylane od --dynamics
 * sgp4` fits one). The kinds' planners, shard executors and merges (passesKind.ts, odKind.ts) must give their results
 * byte for byte: in this process for several shardings with every shard's input and output through a v8 round trip
 * (what Redis stores), then through a real redis-server served by a `skylane worker` process. The batches hold a
 * satellite refused at initialisation (passes) and an object with no measurement (od): failures kept as data.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, sgp4InputFrom, simulateTracking, syntheticCatalog, type ElementSet, type GroundStationSpec, type RadarSensor } from '@skylane/core';
import {
  decode,
  encode,
  odKind,
  passesKind,
  runKindDistributed,
  runOdBatchLocal,
  runPassesLocal,
  type KindRunProgress,
  type OdBatchRunInput,
  type PassesRunInput,
  type RunKindDefinition,
} from '../../src/distributed/index.ts';
import { redisAvailable, spawnWorker, stopWorker } from './redisHarness.ts';
import { useTestRedis } from './redisFixtures.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

const STATIONS: GroundStationSpec[] = [
  { id: 'KIRUNA', latDeg: 67.857, lonDeg: 20.964, altM: 402 },
  { id: 'SANYA', latDeg: 18.25, lonDeg: 109.5, altM: 20, minElevationDeg: 10 },
  { id: 'SVALBARD', latDeg: 78.23, lonDeg: 15.39, altM: 450 },
];

function passesInput(count: number, seed: number, hours: number): PassesRunInput {
  const sets = syntheticCatalog(count, start, seed);
  sets.splice(3, 0, { ...sets[0]!, catalogNumber: 999_999_998, eccentricity: 1.5 }); // refused at initialisation
  return { inputs: sets.map((s) => sgp4InputFrom(s, ts)), stations: STATIONS, startIso: '2026-03-10T00:00:00Z', stopIso: ts.formatUtcIso(ts.plusUtcClockSeconds(start, hours * 3600), 3) };
}

const RADARS: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
];

/** `count` tracked LEO objects (truth = a synthetic catalog) with templates off the truth, plus one object never observed. */
function odInput(count: number, seed: number): OdBatchRunInput {
  // LEO objects (the radars reach 4,000 km), inclinations spread so that every object crosses the three sites.
  const truth = syntheticCatalog(count * 6, start, seed)
    .filter((s) => s.meanMotionRevPerDay > 13 && s.eccentricity < 0.05)
    .slice(0, count)
    .map((s) => ({ ...s, inclinationDeg: 50 + ((s.catalogNumber * 7) % 45) }));
  if (truth.length < count) throw new Error(`the synthetic catalog gave ${truth.length} LEO objects, ${count} wanted`);
  const sim = simulateTracking(truth.map((elementSet) => ({ elementSet })), RADARS, { timeScales: ts, start, durationS: 8 * 3600, stepS: 60, seed });
  const objects = truth.map((t, k) => {
    const template: ElementSet = { ...t, meanAnomalyDeg: t.meanAnomalyDeg + 0.02 * (k + 1), raanDeg: t.raanDeg - 0.01 };
    return { template, observations: sim.observations.filter((o) => o.objectId === t.catalogNumber) };
  });
  objects.push({ template: { ...truth[0]!, catalogNumber: 999_999_997 }, observations: [] });
  return { objects, stations: RADARS.map(({ name, latDeg, lonDeg, altitudeM }) => ({ name, latDeg, lonDeg, altitudeM })), maxIterations: 15 };
}

function fingerprint(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') : x));
}

function inProcess<I, S, R>(def: RunKindDefinition<I, S, R>, input: I, objectBlocks: number): R {
  const { snapshot, rest } = def.split(input);
  const joined = def.join(decode(encode(snapshot)), decode(encode(rest)));
  const shards = def.planShards(joined, { objectBlocks });
  return def.merge(input, shards, shards.map((s) => decode<S>(encode(def.runShard(joined, s)))));
}

describe('passes and od kinds in process: shard planner + executor + merge vs the single-process function', () => {
  it('passes (runPassBatchRequest): 1, 2, 5 and 13 satellite blocks give identical passes and failures', () => {
    const input = passesInput(12, 3, 6);
    const local = runPassesLocal(input);
    expect(local.passes.length, 'a few passes over three stations in 6 h').toBeGreaterThan(10);
    expect(local.failures.map((f) => f.catalogNumber)).toEqual([999_999_998]);
    const expected = fingerprint(local);
    for (const blocks of [1, 2, 5, 13]) expect(fingerprint(inProcess(passesKind, input, blocks)), `${blocks} blocks`).toBe(expected);
    expect(() => passesKind.planShards(input, { timeWindows: 2 })).toThrow(/satellite blocks only/);
  });

  it('od (element-set fits): 1, 2 and 4 object blocks give identical fit documents; the unobserved object fails as data', () => {
    const input = odInput(3, 4);
    const local = runOdBatchLocal(input);
    expect(local.fits.map((f) => f.object)).toEqual(input.objects.slice(0, 3).map((o) => o.template.catalogNumber));
    expect(local.fits.every((f) => f.fit.converged === true), 'every fit converged').toBe(true);
    expect(local.failures.map((f) => f.object)).toEqual([999_999_997]);
    const expected = fingerprint(local);
    for (const blocks of [1, 2, 4]) expect(fingerprint(inProcess(odKind, input, blocks)), `${blocks} blocks`).toBe(expected);
  }, 60_000);
});

describe.skipIf(!redisAvailable)('passes and od kinds on a `skylane worker` process vs the single-process function', () => {
  const redisOf = useTestRedis();

  it('one worker process serves a passes and an od run: identical results, progress, its log names the shards', async () => {
    const worker = await spawnWorker(redisOf().url, ['--concurrency', '2']);
    try {
      const passes = passesInput(20, 5, 6);
      const progress: KindRunProgress[] = [];
      const p = await runKindDistributed(passesKind, passes, { url: redisOf().url, pollMs: 50, sharding: { objectBlocks: 3 }, onProgress: (x) => progress.push(x) });
      const localPasses = runPassesLocal(passes);
      expect(fingerprint(p)).toBe(fingerprint(localPasses));
      expect(progress.at(-1)).toEqual({ shardsDone: 3, shardsTotal: 3, itemsSoFar: localPasses.passes.length });
      const od = odInput(3, 6);
      expect(fingerprint(await runKindDistributed(odKind, od, { url: redisOf().url, pollMs: 50, sharding: { objectBlocks: 2 } }))).toBe(fingerprint(runOdBatchLocal(od)));
      expect(worker.log().match(/shard \d+ of run /g)?.length).toBe(5);
    } finally {
      expect(await stopWorker(worker.proc)).toBe(0);
    }
  }, 240_000);
});
