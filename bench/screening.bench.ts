/**
 * Screening benchmark: all-vs-all on the 18,407-object March 2026 catalog, 7 days from 2026-03-10T00:00:00Z,
 * 5 km sphere; fleet mode (1,000 primaries vs the catalog); a scaling table (5k, 10k, 18k real objects and a
 * 100,000-object synthetic catalog). The peer is the brute-force reference screener measured in the same run on
 * a 300-object × 1-day subset with both engines single-threaded, so the speed figure is a ratio.
 */
import os from 'node:os';
import {
  createTimeScales,
  latestElementSets,
  minutesSinceEpoch,
  readElementSets,
  satelliteJsRecordFor,
  Sgp4Satellite,
  screenConjunctions,
  sgp4InputFrom,
  syntheticCatalog,
  type ElementSet,
  planScreening,
  type ScreeningResult,
  type ScreeningStats,
} from '@skylane/core';
import { sgp4 as satelliteSgp4, type SatRec } from 'satellite.js';
import { referenceScreen } from '../packages/core/src/screening/reference/index.ts';
import { runScreeningPlanParallelColumnar, screenConjunctionsParallel } from '@skylane/server';
import { flagValue, machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export interface ScreeningBenchOptions {
  /** Worker threads (default: available parallelism). */
  readonly threads?: number;
  /** Window of the main runs in days (default 7). */
  readonly days?: number;
  /** Size of the synthetic catalog (default 100,000; 0 skips it). */
  readonly syntheticCount?: number;
  /** Skip the 5k/10k scaling rows. */
  readonly skipScaling?: boolean;
  /** Run only these parts (default all): peer, all-vs-all, fleet, scaling (5k/10k and synthetic). */
  readonly only?: readonly ScreeningBenchPart[];
  /**
   * sweep-ratio only: alternated rounds (default 2). With `threads` > 1 given explicitly (--threads=N), each round
   * also runs the screening on N worker threads (`screenConjunctionsParallel`, as the product runs it) and the
   * result line adds the N-core wall ratio against the single-loop sweep.
   */
  readonly rounds?: number;
  /** Called with each line as it is produced (long runs). */
  readonly onLine?: (line: string) => void;
}

const ts = createTimeScales();
const START = ts.parseUtcIso('2026-03-10T00:00:00Z');
const volume = { kind: 'sphere' as const, radiusKm: 5 };

function chain(r: { readonly stats: ScreeningStats; readonly skipped: readonly unknown[] }): string {
  const s = r.stats;
  return (
    `pairs ${s.pairsTotal.toLocaleString('en')} → apogee/perigee ${s.pairsAfterApogeePerigee.toLocaleString('en')}; ` +
    `grid pair-windows ${s.pairWindowsAfterGrid.toLocaleString('en')} → linear ${s.pairWindowsAfterLinear.toLocaleString('en')} → ` +
    `pair-samples ${s.pairSamplesAfterLinear.toLocaleString('en')} → ` +
    `refined brackets ${s.intervalsRefined.toLocaleString('en')} (${s.pairsRefined.toLocaleString('en')} pairs) → events ${s.events.toLocaleString('en')}; ` +
    `SGP4 calls ${s.sgp4Calls.toLocaleString('en')}; skipped ${r.skipped.length}`
  );
}

/** Process CPU time since `since` (all threads), load average and peak RSS, for a result line. */
function cpuAndRss(since: NodeJS.CpuUsage): string {
  const cpu = process.cpuUsage(since);
  return `CPU user ${(cpu.user / 1e6).toFixed(1)} s + system ${(cpu.system / 1e6).toFixed(1)} s (process), load average ${os.loadavg()[0]!.toFixed(2)}, peak RSS ${peakRssMiB().toFixed(0)} MiB`;
}

/** Every k-th object so that about `n` remain (a spread sample of the catalog). */
function spread(sets: readonly ElementSet[], n: number): ElementSet[] {
  if (n >= sets.length) return [...sets];
  const out: ElementSet[] = [];
  for (let k = 0; k < n; k++) out.push(sets[Math.floor((k * sets.length) / n)]!);
  return out;
}

export type ScreeningBenchPart = 'peer' | 'all-vs-all' | 'fleet' | 'scaling' | 'sweep-ratio';
const BENCH_PARTS: readonly ScreeningBenchPart[] = ['peer', 'all-vs-all', 'fleet', 'scaling', 'sweep-ratio'];

/** Options from command-line flags: --only=fleet[,all-vs-all…], --days=N, --threads=N, --synthetic=N, --rounds=N, --skip-scaling. */
export function screeningBenchFlags(flags: readonly string[]): ScreeningBenchOptions {
  const value = (name: string): string | undefined => flagValue(flags, name);
  const only = value('only')?.split(',');
  const bad = only?.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p)) ?? [];
  if (bad.length > 0) throw new Error(`--only: unknown part(s) ${bad.join(', ')}; parts: ${BENCH_PARTS.join(', ')}`);
  const num = (name: string): number | undefined => {
    const v = value(name);
    return v === undefined ? undefined : Number(v);
  };
  const days = num('days');
  const threads = num('threads');
  const syntheticCount = num('synthetic');
  const rounds = num('rounds');
  return {
    ...(flags.includes('--skip-scaling') ? { skipScaling: true } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
    ...(only ? { only: only as ScreeningBenchPart[] } : {}),
    ...(days !== undefined ? { days } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(syntheticCount !== undefined ? { syntheticCount } : {}),
  };
}

export async function runScreeningBench(opts: ScreeningBenchOptions = {}): Promise<BenchReport> {
  const threads = opts.threads ?? os.availableParallelism();
  const days = opts.days ?? 7;
  const lines: string[] = [];
  const say = (l: string): void => {
    lines.push(l);
    opts.onLine?.(l);
  };
  // 'sweep-ratio' (issue #18 target) runs only when asked for: it is single-threaded and long.
  const wants = (part: ScreeningBenchPart): boolean => (opts.only === undefined ? part !== 'sweep-ratio' : opts.only.includes(part));
  say(`machine: ${machineDescription()}; threads ${threads}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const catalog = latestElementSets(readElementSets(readCatalogText(), { format: 'auto', timeScales: ts }).elementSets);

  // Peer: brute-force reference vs fast screener, 300 objects × 1 day, both single-threaded.
  let perPairRefMs: number | null = null;
  if (wants('peer')) {
    const dense = catalog.filter((s) => s.meanMotionRevPerDay >= 14.9 && s.meanMotionRevPerDay <= 15.5 && s.eccentricity < 0.01).slice(0, 300);
    const fastSmall = await timed(() => screenConjunctions(dense, { start: START, durationS: 86400, volume, timeScales: ts }));
    const refSmall = await timed(() =>
      referenceScreen(dense.map((s) => sgp4InputFrom(s, ts)), { startUtc: ts.toUtcDaySeconds(START), durationS: 86400, thresholdKm: 5 }),
    );
    say(
      `peer (300 LEO objects × 1 day, 1 thread): brute-force reference ${(refSmall.ms / 1000).toFixed(2)} s, fast ${(fastSmall.ms / 1000).toFixed(2)} s → ` +
        `fast is ${(refSmall.ms / fastSmall.ms).toFixed(1)}× the reference; events ${fastSmall.value.events.length} vs ${refSmall.value.events.length}`,
    );
    perPairRefMs = refSmall.ms / ((dense.length * (dense.length - 1)) / 2);
  }

  // Issue #18 ratio: the fast all-vs-all run against a plain per-minute satellite.js sgp4() sweep of the same
  // catalog over the same window, both single-threaded, alternated (sweep, fast, sweep, fast) in one process.
  if (wants('sweep-ratio')) {
    const inputs = catalog.map((s) => sgp4InputFrom(s, ts));
    const startUtc = ts.toUtcDaySeconds(START);
    const minutes = days * 1440;
    const sweep = (): number => {
      let sink = 0;
      for (const input of inputs) {
        let satrec: SatRec;
        try {
          Sgp4Satellite.create(input); // refuses invalid elements, as the screening's planning does
          satrec = satelliteJsRecordFor(input);
        } catch {
          continue;
        }
        const t0 = minutesSinceEpoch(input, startUtc);
        for (let j = 0; j <= minutes; j++) {
          const pv = satelliteSgp4(satrec, t0 + j);
          if (pv) sink += pv.position.x;
        }
      }
      return sink;
    };
    const fastRun = (): ScreeningResult => screenConjunctions(catalog, { start: START, durationS: days * 86400, volume, timeScales: ts });
    // The product's form: the same screening on N worker threads (N = --threads when given and > 1).
    const parThreads = opts.threads !== undefined && opts.threads > 1 ? opts.threads : 0;
    const parRun = (): Promise<ScreeningResult> =>
      screenConjunctionsParallel(catalog, { start: START, durationS: days * 86400, volume, timeScales: ts }, { threads: parThreads });
    const rounds = Math.max(1, opts.rounds ?? 2);
    let parMs = 0;
    let parCpu = 0;
    let parEvents = 0;
    let sweepMs = 0;
    let fastMs = 0;
    let sweepCpu = 0;
    let fastCpu = 0;
    let events = 0;
    // Process CPU time (one thread: this one) as well as wall: on a machine shared with other sessions the CPU ratio
    // is the steadier figure.
    const cpuS = (since: NodeJS.CpuUsage): number => {
      const c = process.cpuUsage(since);
      return (c.user + c.system) / 1e6;
    };
    for (let k = 0; k < rounds; k++) {
      let c = process.cpuUsage();
      sweepMs += (await timed(sweep)).ms;
      sweepCpu += cpuS(c);
      c = process.cpuUsage();
      const f = await timed(fastRun);
      fastCpu += cpuS(c);
      fastMs += f.ms;
      events = f.value.events.length;
      if (parThreads > 0) {
        c = process.cpuUsage();
        const p = await timed(parRun);
        parCpu += cpuS(c);
        parMs += p.ms;
        parEvents = p.value.events.length;
        if (parEvents !== events) throw new Error(`sweep-ratio: ${parThreads}-thread run found ${parEvents} events, 1-thread run ${events}`);
      }
    }
    say(
      `issue #18 ratio, same-thread form, ${catalog.length} objects × ${days} d, 1 thread each, ${rounds} alternated rounds: per-minute satellite.js sweep ` +
        `${(sweepMs / rounds / 1000).toFixed(1)} s (${minutes + 1} instants), fast all-vs-all 5 km ${(fastMs / rounds / 1000).toFixed(1)} s ` +
        `(${events} events) → ratio ${(fastMs / sweepMs).toFixed(3)} (wall), CPU ${(sweepCpu / rounds).toFixed(1)} s vs ${(fastCpu / rounds).toFixed(1)} s → ` +
        `ratio ${(fastCpu / sweepCpu).toFixed(3)} (CPU); load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    if (parThreads > 0) {
      say(
        `issue #18 ratio on ${parThreads} cores, ${catalog.length} objects × ${days} d, same rounds: fast all-vs-all on ${parThreads} worker threads ` +
          `${(parMs / rounds / 1000).toFixed(1)} s wall (process CPU ${(parCpu / rounds).toFixed(1)} s, ${parEvents} events, identical count) vs the ` +
          `single-loop sweep ${(sweepMs / rounds / 1000).toFixed(1)} s → ratio ${(parMs / sweepMs).toFixed(3)} (${parThreads}-core wall); ` +
          `load average ${os.loadavg()[0]!.toFixed(2)}`,
      );
    }
  }

  // Main: all-vs-all, full catalog.
  let cpu0 = process.cpuUsage();
  const main = wants('all-vs-all')
    ? await timed(() => screenConjunctionsParallel(catalog, { start: START, durationS: days * 86400, volume, timeScales: ts }, { threads }))
    : null;
  if (main) {
    say(`all-vs-all ${catalog.length} objects, ${days} d, 5 km: wall ${(main.ms / 1000).toFixed(1)} s, ${cpuAndRss(cpu0)}`);
    say(`  filter chain: ${chain(main.value)}`);
    if (perPairRefMs !== null) {
      const refEstimateS = (perPairRefMs * main.value.stats.pairsTotal * days) / 1000;
      say(`  brute-force reference extrapolated from the peer run (per pair-day): ~${(refEstimateS / 3600).toFixed(0)} h single-threaded, ${(refEstimateS / (main.ms / 1000)).toFixed(0)}× the fast run`);
    }
  }

  // Fleet: 1,000 primaries (spread over the catalog) vs the whole catalog.
  if (wants('fleet')) {
    const primaries = spread(catalog, 1000).map((s) => s.catalogNumber);
    cpu0 = process.cpuUsage();
    const fleet = await timed(() => screenConjunctionsParallel(catalog, { start: START, durationS: days * 86400, volume, primaries, timeScales: ts }, { threads }));
    say(`fleet 1,000 primaries vs ${catalog.length}, ${days} d, 5 km: wall ${(fleet.ms / 1000).toFixed(1)} s, ${cpuAndRss(cpu0)}`);
    say(`  filter chain: ${chain(fleet.value)}`);
  }
  if (!wants('scaling')) return { name: 'Screening', lines };

  // Scaling table.
  say('scaling (all-vs-all, 5 km):');
  say('  objects | days | wall s | events | grid pair-windows | refined brackets | peak RSS MiB (process)');
  const row = (n: number, d: number, ms: number, r: { readonly stats: ScreeningStats }): void =>
    say(`  ${n} | ${d} | ${(ms / 1000).toFixed(1)} | ${r.stats.events} | ${r.stats.pairWindowsAfterGrid} | ${r.stats.intervalsRefined} | ${peakRssMiB().toFixed(0)}`);
  if (!opts.skipScaling) {
    for (const n of [5000, 10000]) {
      const sub = spread(catalog, n);
      const r = await timed(() => screenConjunctionsParallel(sub, { start: START, durationS: days * 86400, volume, timeScales: ts }, { threads }));
      row(n, days, r.ms, r.value);
    }
  }
  if (main) row(catalog.length, days, main.ms, main.value);
  const nSyn = opts.syntheticCount ?? 100_000;
  if (nSyn > 0) {
    const syn = syntheticCatalog(nSyn, START);
    // A long run: progress on stderr (blocks done, elapsed, events so far) about once a minute.
    const t0 = performance.now();
    let lastReport = t0;
    const onProgress = (p: { blocksDone: number; blocksTotal: number; eventsSoFar: number }): void => {
      const now = performance.now();
      if (now - lastReport < 60_000 && p.blocksDone < p.blocksTotal) return;
      lastReport = now;
      process.stderr.write(`  synthetic ${nSyn}: block ${p.blocksDone}/${p.blocksTotal}, ${((now - t0) / 1000).toFixed(0)} s, ${p.eventsSoFar} events\n`);
    };
    // Columns end to end (workers → merge), as the service stores them: no event object is built (18.7 M events in a
    // 7-day run are ~1.35 GB as columns, ~5.6 GB as objects).
    const plan = planScreening(syn, { start: START, durationS: days * 86400, volume, timeScales: ts });
    const r = await timed(() => runScreeningPlanParallelColumnar(plan, { threads, onProgress }));
    row(nSyn, days, r.ms, r.value);
    say(`  synthetic ${nSyn}: ${chain(r.value)}`);
  }
  return { name: 'Screening', lines };
}
