/** `skylane screen`: conjunction screening of a catalog, all-vs-all or primaries vs catalog, as JSON, CSV, NDJSON or binary columns. */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import {
  COLUMNAR_CHUNK_ROWS,
  encodeColumnarChunk,
  encodeColumnarEnd,
  encodeColumnarHeader,
  tcaIsoFrom,
  latestElementSets,
  ndjsonRows,
  planScreening,
  screeningResultFromColumns,
  type ElementSet,
  type ScreeningColumnsResult,
  type ScreeningResult,
  type ScreeningStats,
  type ScreeningVolume,
  type SkippedObject,
  type TimeScales,
} from '@skylane/core';
import { runScreeningPlanParallel, runScreeningPlanParallelColumnar } from '@skylane/server/screening';
import { parseQueueUrl, parseShards } from './worker.ts';
import { loadCatalog } from '../catalogInput.ts';
import { checkOutputFile, log, openOutput, prepareOutputDir, readTextFile, startProgress } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';
import { cliTimeScales, nowInstant } from '../context.ts';
import { BUNDLED_HBR_TABLE, writeScreeningCdms } from '../screeningCdms.ts';

const FORMATS = ['json', 'csv', 'ndjson', 'columnar'] as const;
const SHAPES = ['ellipsoid', 'box'] as const;
/** Screening distances: beyond 1,000 km every LEO pair is "close" and the output is the whole catalog squared. */
export const DISTANCE_RANGE = { min: 0, max: 1000, minExclusive: true, unit: 'km' } as const;
export const DAYS_RANGE = { min: 0, max: 60, minExclusive: true, unit: 'days' } as const;
/** Below this many objects worker start-up costs more than it saves. */
const PARALLEL_FROM_OBJECTS = 300;

interface ScreenOptions {
  catalog: string;
  primaries?: string;
  start: string;
  days: string;
  thresholdKm?: string;
  volumeRtnKm?: string;
  volumeShape: string;
  threads?: string;
  format: string;
  out?: string;
  cdmDir?: string;
  hbrTable: string;
  queue?: string;
  shards?: string;
  queueWindow?: string;
}

/** One output record per close approach (JSON object / CSV row). */
export interface ScreenEventRecord {
  object1: number;
  object2: number;
  object1Name: string;
  object2Name: string;
  /** ISO-8601 UTC with Z, microseconds. */
  tca: string;
  missDistanceKm: number;
  relativeSpeedKmPerS: number;
  /** r2 − r1 in object1's RTN frame (TEME-based), km. */
  missRtnKm: [number, number, number];
  epoch1: string;
  epoch2: string;
  tcaAgeDays1: number;
  tcaAgeDays2: number;
}

const CSV_COLUMNS: (keyof ScreenEventRecord)[] = [
  'object1',
  'object2',
  'tca',
  'missDistanceKm',
  'relativeSpeedKmPerS',
  'missRtnKm',
  'object1Name',
  'object2Name',
  'epoch1',
  'epoch2',
  'tcaAgeDays1',
  'tcaAgeDays2',
];

/** Parses --volume-rtn-km "R,T,N" (half-extents in km). */
export function parseRtnVolume(text: string, shape: (typeof SHAPES)[number]): ScreeningVolume {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || !parts.every((v) => Number.isFinite(v) && v > 0 && v <= DISTANCE_RANGE.max)) {
    throw new UsageError(`--volume-rtn-km: "${text}" is not R,T,N (three half-extents in km, each in (0, ${DISTANCE_RANGE.max}]), e.g. --volume-rtn-km 0.4,25,25`);
  }
  const [radialKm, transverseKm, normalKm] = parts as [number, number, number];
  return shape === 'box' ? { kind: 'rtn-box', radialKm, transverseKm, normalKm } : { kind: 'rtn-ellipsoid', radialKm, transverseKm, normalKm };
}

/**
 * --primaries: a comma-separated list of catalog numbers, or a file holding either such a list or element sets
 * (any catalog format). Element sets from a file replace the catalog's for the same objects.
 */
export function parsePrimaries(text: string, ts: TimeScales): { ids: number[]; sets: ElementSet[] } {
  if (!existsSync(text)) return { ids: parseIdList(text, '--primaries'), sets: [] };
  const body = readTextFile(text);
  if (/^[\s,0-9]+$/.test(body)) return { ids: parseIdList(body, '--primaries'), sets: [] };
  const sets = latestElementSets(loadCatalog([text], 'auto', ts).elementSets);
  if (sets.length === 0) throw new UsageError(`--primaries: ${text} holds neither catalog numbers nor element sets.`);
  return { ids: sets.map((s) => s.catalogNumber), sets };
}

export function csvField(v: unknown): string {
  const s = v === undefined ? '' : Array.isArray(v) ? `[${v.join(',')}]` : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Output records of a screening result. */
export function screenRecords(result: ScreeningResult, sets: readonly ElementSet[], ts: TimeScales): ScreenEventRecord[] {
  const byId = new Map(sets.map((s) => [s.catalogNumber, s]));
  return result.events.map((e) => {
    const s1 = byId.get(e.object1);
    const s2 = byId.get(e.object2);
    return {
      object1: e.object1,
      object2: e.object2,
      object1Name: s1?.objectName ?? '',
      object2Name: s2?.objectName ?? '',
      tca: ts.formatUtcIso(e.tca, 6),
      missDistanceKm: e.missDistanceKm,
      relativeSpeedKmPerS: e.relativeSpeedKmPerS,
      missRtnKm: [e.missRtnKm[0], e.missRtnKm[1], e.missRtnKm[2]],
      epoch1: s1 ? ts.formatUtcIso(s1.epoch, 6) : '',
      epoch2: s2 ? ts.formatUtcIso(s2.epoch, 6) : '',
      tcaAgeDays1: e.tcaAgeDays1,
      tcaAgeDays2: e.tcaAgeDays2,
    };
  });
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('screen a catalog for close approaches (conjunctions): all-vs-all, or primaries vs the whole catalog')
    .requiredOption('--catalog <file>', 'catalog file: TLE, OMM KVN/XML/JSON or CelesTrak CSV (.gz accepted); the latest element set per object is used')
    .option('--primaries <ids|file>', 'comma-separated catalog numbers, or a file of numbers or of element sets (default: all-vs-all)')
    .requiredOption('--start <iso>', 'window start, ISO-8601 UTC')
    .option('--days <days>', 'window length in days', '7')
    .option('--threshold-km <km>', 'spherical screening volume radius in km (default 5)')
    .option('--volume-rtn-km <r,t,n>', "screening volume in the primary's RTN frame: radial, transverse, normal half-extents in km")
    .option('--volume-shape <shape>', `shape of the RTN volume: ${SHAPES.join('|')}`, 'ellipsoid')
    .option('--threads <n>', 'worker threads (default: available cores; 0 = in-process)')
    .option('--format <format>', `output format: ${FORMATS.join('|')} (ndjson: one event a line; columnar: the binary SKYCONJ1 columns, needs --out; both streamed from typed-array columns)`, 'json')
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--cdm-dir <dir>', 'also write one CCSDS CDM (KVN) per event into this folder, with default TLE covariances, CARA hard-body radii and Foster Pc')
    .option('--hbr-table <file>', 'NASA CARA HBR/mass table (CSV, .gz accepted) for --cdm-dir', BUNDLED_HBR_TABLE)
    .option('--queue <url>', 'submit the run to the workers of this Redis queue (redis://HOST:PORT; see `skylane worker`) instead of screening here; with --format ndjson|columnar each shard is merged and written as soon as the shards before it are in (memory of one shard)')
    .option('--shards <n>', 'with --queue: number of shards (default: one per 3-hour block)')
    .option(
      '--queue-window <n>',
      'with --queue and --format ndjson|columnar: the most shards queued ahead of the merge (default 32); Redis then holds at most N shard results however slow an early shard is; keep N >= the workers\' threads (workers × concurrency), better twice that',
    )
    .addHelpText(
      'after',
      `
An event is a local minimum of the range between two objects (SGP4, TEME) inside the screening volume, its TCA
refined on exact SGP4 to better than 1 ms. JSON: {"events": [...], "skipped": [...], "stats": {...}}; each event has
object1 < object2 (catalog numbers), object1Name, object2Name, tca (ISO-8601 UTC, µs, Z), missDistanceKm,
relativeSpeedKmPerS, missRtnKm ([r, t, n] of r2 − r1 in object1's TEME-based RTN frame), epoch1, epoch2 and
tcaAgeDays1/2 (element-set age at TCA). Events are sorted by TCA, then object1, object2. Objects SGP4 cannot
propagate over the window (decayed, invalid elements) are listed in "skipped" with the reason. CSV: the event
fields as columns (missRtnKm as "[r,t,n]"); skipped objects are reported on stderr.
The RTN volume is tested in the primary's frame (object1 in all-vs-all mode) at TCA.

Examples:
  $ skylane screen --catalog ../shared/data/catalog/socrates-catalog-gp-2026-03-10.json \\
      --start 2026-03-10T00:00:00Z --days 7 --threshold-km 5 --out events.json
  $ skylane screen --catalog catalog.json --primaries 25544,48274 --start 2026-03-10T00:00:00Z \\
      --volume-rtn-km 0.4,25,25 --format csv > iss-css.csv
  $ skylane screen --catalog catalog.json --primaries 25544 --start 2026-03-10T00:00:00Z --days 1 --cdm-dir cdms/
  $ skylane screen --catalog catalog.json --start 2026-03-10T00:00:00Z --queue redis://127.0.0.1:6379 --out events.json
  $ skylane screen --catalog catalog.json --start 2026-03-10T00:00:00Z --days 1 --format columnar --out events.skyconj
  $ skylane screen --catalog catalog.json --start 2026-03-10T00:00:00Z --days 1 --queue redis://127.0.0.1:6379 \\
      --shards 96 --queue-window 16 --format columnar --out events.skyconj

--queue-window bounds Redis in a streamed queued run: shards are queued in merge order, one more each time the next
is merged and written, so Redis holds at most N shard results (N × one shard's result: ≈ 72 bytes an event) besides
the catalog snapshot. Too small a window idles worker threads behind a slow shard.`,
    )
    .action(async (opts: ScreenOptions) => {
      const ts = cliTimeScales();
      const format = parseChoice(opts.format, '--format', FORMATS);
      const shape = parseChoice(opts.volumeShape, '--volume-shape', SHAPES);
      if (opts.thresholdKm !== undefined && opts.volumeRtnKm !== undefined) throw new UsageError('Give either --threshold-km or --volume-rtn-km, not both.');
      const volume: ScreeningVolume =
        opts.volumeRtnKm !== undefined ? parseRtnVolume(opts.volumeRtnKm, shape) : { kind: 'sphere', radiusKm: parseNumberInRange(opts.thresholdKm ?? '5', '--threshold-km', DISTANCE_RANGE) };
      const days = parseNumberInRange(opts.days, '--days', DAYS_RANGE);
      let start;
      try {
        start = ts.parseUtcIso(opts.start);
      } catch (err) {
        throw new UsageError(`--start: ${(err as Error).message}`);
      }
      let threads: number | undefined;
      if (opts.threads !== undefined) {
        threads = Number(opts.threads);
        if (!Number.isInteger(threads) || threads < 0 || threads > 256) throw new UsageError(`--threads: "${opts.threads}" must be an integer 0..256.`);
      }
      const queueUrl = opts.queue !== undefined ? parseQueueUrl(opts.queue) : undefined;
      const shardCount = parseShards(opts.shards, queueUrl);
      const windowShards = parseQueueWindow(opts.queueWindow, queueUrl, format, opts.cdmDir);
      // Outputs are checked before the catalog is read and the screening runs.
      if (format === 'columnar' && (opts.out === undefined || opts.out === '-')) throw new UsageError('--format columnar writes binary: give --out FILE.');
      checkOutputFile(opts.out, '--out');
      if (opts.cdmDir !== undefined) {
        prepareOutputDir(opts.cdmDir, '--cdm-dir');
        readTextFile(opts.hbrTable);
      }
      let sets = latestElementSets(loadCatalog([opts.catalog], 'auto', ts).elementSets);
      let primaries: number[] | undefined;
      if (opts.primaries !== undefined) {
        const p = parsePrimaries(opts.primaries, ts);
        if (p.sets.length > 0) {
          const replaced = new Set(p.sets.map((s) => s.catalogNumber));
          sets = [...sets.filter((s) => !replaced.has(s.catalogNumber)), ...p.sets];
        }
        const known = new Set(sets.map((s) => s.catalogNumber));
        const missing = p.ids.filter((id) => !known.has(id));
        for (const id of missing) log.warn(`primary ${id} is not in the catalog: left out`);
        primaries = [...new Set(p.ids.filter((id) => known.has(id)))];
        if (primaries.length === 0) throw new UsageError('--primaries: none of the primaries is in the catalog.');
      }
      if (sets.length < 2) throw new UsageError('The catalog holds fewer than two objects: nothing to screen.');
      const progress = startProgress('screening', 1);
      const screenOptions = { start, durationS: days * 86400, volume, timeScales: ts, ...(primaries !== undefined ? { primaries } : {}) };
      const plan = planScreening(sets, screenOptions);
      const streamed = format === 'ndjson' || format === 'columnar';
      let result: ScreeningResult | null = null;
      let columnar: ScreeningColumnsResult | null = null;
      if (queueUrl !== undefined) {
        const queued = {
          url: queueUrl,
          ...(shardCount !== undefined ? { sharding: { shards: shardCount } } : {}),
          ...(windowShards !== undefined ? { windowShards } : {}),
          onSubmitted: (r: { runId: string; shards: number; snapshotHash: string; snapshotBytes: number }) =>
            log.info(`run ${r.runId.slice(0, 12)} queued on ${queueUrl}: ${r.shards} shards, catalog snapshot ${r.snapshotHash.slice(0, 12)} (${r.snapshotBytes} bytes)`),
          onProgress: (p: { shardsDone: number; shardsTotal: number; eventsSoFar: number; shardsMerged?: number; eventsWritten?: number }) => {
            progress.update(p.shardsDone, p.shardsTotal);
            const written = p.shardsMerged !== undefined ? `; ${p.shardsMerged}/${p.shardsTotal} merged, ${p.eventsWritten ?? 0} events written` : '';
            if (!process.stderr.isTTY) log.info(`progress: ${p.shardsDone}/${p.shardsTotal} shards, ${p.eventsSoFar} events so far${written}`);
          },
        };
        // BullMQ and ioredis load only for a queued run.
        const { runScreeningPlanDistributed, runScreeningPlanDistributedColumnar, runScreeningPlanDistributedStreamed } = await import('@skylane/server/distributed');
        if (streamed && opts.cdmDir === undefined) {
          // Streamed merge: each shard written as it comes in (shard order), never the whole run in memory.
          const toStdout = opts.out === undefined || opts.out === '-';
          const tcaIso = tcaIsoFrom(ts, plan.startUtc);
          const r = await runScreeningPlanDistributedStreamed(plan, queued, {
            format: format as 'ndjson' | 'columnar',
            ...(toStdout ? { write: (b: Uint8Array | string) => process.stdout.write(b) } : { path: opts.out! }),
            tcaIso,
            header: (end) => columnarHeader(tcaIso, { days, volume }, end),
          });
          progress.stop();
          for (const s of r.skipped) log.warn(`object ${s.catalogNumber} skipped: ${s.reason}`);
          log.info(runSummary(r.events, r.stats, r.skipped.length, days, ts.formatUtcIso(start, 0)));
          return;
        }
        if (streamed) columnar = await runScreeningPlanDistributedColumnar(plan, queued);
        else result = await runScreeningPlanDistributed(plan, ts, queued);
      } else {
        const parallel = {
          threads: threads ?? (sets.length < PARALLEL_FROM_OBJECTS ? 0 : availableParallelism()),
          onProgress: (p: { blocksDone: number; blocksTotal: number }) => progress.update(p.blocksDone, p.blocksTotal),
        };
        // Streamed formats stay columnar end to end (worker threads → merge → file): no event object is created.
        if (streamed) columnar = await runScreeningPlanParallelColumnar(plan, parallel);
        else result = await runScreeningPlanParallel(plan, ts, parallel);
      }
      progress.stop();
      let eventCount: number;
      let skipped;
      let stats;
      if (columnar !== null) {
        ({ skipped, stats } = columnar);
        eventCount = columnar.columns.length;
        writeStreamed(opts.out, format as 'ndjson' | 'columnar', columnar, plan.startUtc, ts, { days, volume });
        for (const s of skipped) log.warn(`object ${s.catalogNumber} skipped: ${s.reason}`);
        if (opts.cdmDir !== undefined) result = screeningResultFromColumns(plan, columnar, ts);
      } else {
        const r = result!;
        ({ skipped, stats } = r);
        const records = screenRecords(r, sets, ts);
        eventCount = records.length;
        const out = openOutput(opts.out);
        if (format === 'json') {
          out.write(JSON.stringify({ events: records, skipped: r.skipped, stats: r.stats }, null, 1) + '\n');
        } else {
          out.write(CSV_COLUMNS.join(',') + '\n');
          for (const rec of records) out.write(CSV_COLUMNS.map((c) => csvField(rec[c])).join(',') + '\n');
          for (const s of r.skipped) log.warn(`object ${s.catalogNumber} skipped: ${s.reason}`);
        }
        await out.close();
      }
      if (opts.cdmDir !== undefined) {
        const cdms = writeScreeningCdms(opts.cdmDir, result!, sets, {
          ts,
          now: nowInstant(ts),
          hbrTablePath: opts.hbrTable,
          screenPeriod: [start, start.plusSeconds(days * 86400)],
        });
        log.info(`${cdms.length} CDM(s) written to ${opts.cdmDir}`);
      }
      log.info(runSummary(eventCount, stats, skipped.length, days, ts.formatUtcIso(start, 0)));
    });
}

/** The run's one-line summary on stderr. */
function runSummary(events: number, stats: { objectsScreened: number }, skipped: number, days: number, startIso: string): string {
  return `${events} close approaches among ${stats.objectsScreened} objects (${skipped} skipped), ${days} days from ${startIso}`;
}

/** `--queue-window`: a positive integer, for the streamed queued run only (the whole-run merge holds every result). */
export function parseQueueWindow(text: string | undefined, queueUrl: string | undefined, format: string, cdmDir: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (queueUrl === undefined) throw new UsageError('--queue-window needs --queue (it bounds the shards a queued run keeps in Redis).');
  if ((format !== 'ndjson' && format !== 'columnar') || cdmDir !== undefined) {
    throw new UsageError('--queue-window needs --format ndjson|columnar without --cdm-dir: only the streamed merge deletes each shard from Redis as it goes; the other outputs merge the whole run at the end.');
  }
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--queue-window: "${text}" must be an integer 1..100000 (shards queued ahead of the merge), e.g. --queue-window 32`);
  return n;
}

/** The SKYCONJ1 header of a run (its window start, length, volume, skipped objects and statistics). */
function columnarHeader(tcaIso: (tcaOffsetS: number) => string, meta: { days: number; volume: ScreeningVolume }, end: { skipped: SkippedObject[]; stats: ScreeningStats }): Uint8Array {
  return encodeColumnarHeader({ windowStartUtc: tcaIso(0), metadata: { days: meta.days, volume: meta.volume, skipped: end.skipped, stats: end.stats } });
}

/**
 * Writes a columnar result as NDJSON (one event a line, fields named with their units) or as the binary SKYCONJ1
 * columns (docs/design/columnar-results.md), chunk by chunk with synchronous writes: at most one chunk of text or
 * bytes is held beside the columns.
 */
function writeStreamed(
  outPath: string | undefined,
  format: 'ndjson' | 'columnar',
  r: ScreeningColumnsResult,
  startUtc: { mjd: number; seconds: number },
  ts: TimeScales,
  meta: { days: number; volume: ScreeningVolume },
): void {
  const toStdout = outPath === undefined || outPath === '-';
  let fd = -1;
  try {
    if (!toStdout) fd = openSync(outPath, 'w');
  } catch (e) {
    throw new UsageError(`--out: cannot write ${outPath}: ${(e as Error).message}.`);
  }
  // Standard output goes through process.stdout (captured in-process by the CLI tests); a file through write(2).
  const write = (chunk: string | Uint8Array): void => {
    if (toStdout) process.stdout.write(chunk);
    else {
      // write(2) may write part of a large buffer: loop until all of it is out.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  };
  const tcaIso = tcaIsoFrom(ts, startUtc);
  const cols = r.columns;
  try {
    if (format === 'columnar') {
      write(columnarHeader(tcaIso, meta, r));
      for (let from = 0; from < cols.length; from += COLUMNAR_CHUNK_ROWS) write(encodeColumnarChunk(cols, from, Math.min(cols.length, from + COLUMNAR_CHUNK_ROWS)));
      write(encodeColumnarEnd(cols.length));
    } else {
      for (let from = 0; from < cols.length; from += 4096) write(ndjsonRows(cols, tcaIso, from, Math.min(cols.length, from + 4096)));
    }
  } catch (e) {
    throw new UsageError(`--out: writing ${toStdout ? 'stdout' : outPath} failed: ${(e as Error).message}.`);
  } finally {
    if (!toStdout) closeSync(fd);
  }
}
