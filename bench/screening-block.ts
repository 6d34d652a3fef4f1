/**
 * One screening block in process, to size distributed runs: `npx tsx bench/screening-block.ts 1000000` builds the
 * synthetic catalog, plans one 15-min block (5 km sphere, all-vs-all), encodes the snapshot the queue would store and
 * screens the block with `runScreeningPlan`; prints the phase times, the snapshot bytes, events, CPU and RSS as JSON.
 * Run it under `/usr/bin/time -v` for the peak RSS (docs/benchmarks.md "1,000,000-object shards").
 */
import { createTimeScales, planScreening, runScreeningPlan, syntheticCatalog } from '@skylane/core';
import { encode } from '@skylane/server';
const n = Number(process.argv[2] ?? 10_000);
const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const t0 = performance.now(); const c0 = process.cpuUsage();
const sets = syntheticCatalog(n, start);
const t1 = performance.now();
const plan = planScreening(sets, { start, durationS: 900, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: 900 } });
const t2 = performance.now();
let bytes = -1;
try { bytes = encode(plan).length; } catch (e) { console.log('encode failed', String(e)); }
const t3 = performance.now();
const r = runScreeningPlan(plan, ts);
const t4 = performance.now(); const c1 = process.cpuUsage(c0);
console.log(JSON.stringify({ n, catalogMs: t1 - t0, planMs: t2 - t1, encodeMs: t3 - t2, bytes, screenMs: t4 - t3, events: r.events.length, cpuUserS: c1.user / 1e6, rssMB: process.memoryUsage().rss / 1e6 }));
