/** `skylane passes`: AOS/TCA/LOS passes of catalog objects over ground stations, as JSON or CSV. */
import type { Command } from 'commander';
import {
  passRecord,
  readStationNetwork,
  sgp4InputFrom,
  type GroundStation,
  type GroundStationSpec,
  type Pass,
  type PassRecord,
  type PassWindow,
  type Sgp4Input,
  type TimeScales,
} from '@skylane/core';
import { predictPassesParallel } from '@skylane/server/passes';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, parseIdList, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';
import { parseQueueUrl, parseShards } from './worker.ts';

const FORMATS = ['json', 'csv'] as const;
/** Below this many satellite × station pairs, worker start-up costs more than it saves. */
const PARALLEL_FROM_PAIRS = 2000;

interface PassesOptions {
  catalog: string;
  ids?: string;
  station?: string;
  stations?: string;
  minEl?: string;
  start: string;
  stop: string;
  format: string;
  queue?: string;
  shards?: string;
}

/** Parses "LAT,LON,ALT_M" into a station spec. */
export function parseStationFlag(text: string, minElevationDeg: number | undefined): GroundStationSpec {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || !parts.every(Number.isFinite)) {
    throw new UsageError(`--station: "${text}" is not LAT,LON,ALT_M (degrees, degrees, metres), e.g. --station 67.857,20.964,402`);
  }
  return { id: 'STATION', latDeg: parts[0]!, lonDeg: parts[1]!, altM: parts[2]!, ...(minElevationDeg !== undefined ? { minElevationDeg } : {}) };
}

/** Reads a station file (JSON array or { "stations": [...] }); bad stations are reported on stderr. */
export function loadStations(path: string, ts: TimeScales, minElevationDeg?: number): GroundStation[] {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--stations: ${path} is not valid JSON (${(err as Error).message}).`);
  }
  if (minElevationDeg !== undefined) {
    const list = Array.isArray(json) ? json : (json as { stations?: unknown }).stations;
    if (Array.isArray(list)) json = list.map((s: unknown) => (typeof s === 'object' && s !== null ? { ...s, minElevationDeg } : s));
  }
  const { stations, failures } = readStationNetwork(json, ts);
  for (const f of failures) log.warn(`${path}: station #${f.line} rejected: ${f.reason}`);
  if (stations.length === 0) throw new UsageError(`--stations: no usable station in ${path}.`);
  return stations;
}

export function parseMinEl(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v < -90 || v > 90) throw new UsageError(`--min-el: "${text}" must be an elevation in degrees between -90 and 90.`);
  return v;
}

export function parseWindow(startText: string, stopText: string, ts: TimeScales): PassWindow {
  const parse = (t: string, flag: string) => {
    try {
      return ts.parseUtcIso(t);
    } catch (err) {
      throw new UsageError(`${flag}: ${(err as Error).message}`);
    }
  };
  const start = parse(startText, '--start');
  const stop = parse(stopText, '--stop');
  if (!stop.isAfter(start)) throw new UsageError('--stop must be after --start.');
  if (stop.secondsSince(start) > 31 * 86400) throw new UsageError('The window is longer than 31 days: split it into shorter runs.');
  return { start, stop };
}

const CSV_COLUMNS: (keyof PassRecord)[] = [
  'object',
  'objectName',
  'station',
  'aos',
  'tca',
  'los',
  'durationS',
  'maxElevationDeg',
  'aosAzimuthDeg',
  'tcaAzimuthDeg',
  'losAzimuthDeg',
  'tcaRangeKm',
  'illumination',
  'aosClipped',
  'losClipped',
];

export function csvField(v: unknown): string {
  const s = v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function registerPassesCommand(program: Command): void {
  program
    .command('passes')
    .description('predict passes (AOS, culmination, LOS, max elevation, azimuths, sunlit/eclipse) of catalog objects over ground stations')
    .requiredOption('--catalog <file>', 'catalog file: TLE, OMM KVN/XML/JSON or CelesTrak CSV (.gz accepted)')
    .option('--ids <list>', 'comma-separated catalog numbers (default: every object)')
    .option('--station <lat,lon,alt_m>', 'one station: geodetic latitude and longitude (degrees, WGS-84) and height (m)')
    .option('--stations <file>', 'station network JSON (array of stations or { "stations": [...] }), e.g. packages/core/src/events/stations/sample-network.json')
    .option('--min-el <deg>', 'minimum elevation in degrees (default 5; overrides the stations file when given)')
    .requiredOption('--start <iso>', 'window start, ISO-8601 UTC')
    .requiredOption('--stop <iso>', 'window end, ISO-8601 UTC')
    .option('--format <format>', `output format: ${FORMATS.join('|')}`, 'json')
    .option('--queue <url>', 'run on the workers of this Redis queue (redis://HOST:PORT; see `skylane worker`): same output as a local run')
    .option('--shards <n>', 'with --queue: number of satellite blocks (default one per 200 satellites)')
    .addHelpText(
      'after',
      `
JSON: an array of passes {object, objectName, station, aos, tca, los, durationS, maxElevationDeg, aosAzimuthDeg,
tcaAzimuthDeg, losAzimuthDeg, tcaRangeKm, illumination, aosClipped, losClipped}, times ISO-8601 UTC (ms), sorted by AOS.
CSV: the same fields as columns. Passes are found by root finding (no pass is skipped however short), elevation is
geometric (no refraction); aosClipped/losClipped mark passes cut by the window.

Examples:
  $ skylane passes --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --ids 25544 \\
      --station 67.857,20.964,402 --min-el 10 --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z
  $ skylane passes --catalog qianfan.json --stations packages/core/src/events/stations/sample-network.json \\
      --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z --format csv > passes.csv
  $ skylane passes --catalog qianfan.json --stations network.json --start 2026-03-10T00:00:00Z \\
      --stop 2026-03-11T00:00:00Z --queue redis://127.0.0.1:6379 --shards 8 > passes.json`,
    )
    .action(async (opts: PassesOptions) => {
      const ts = cliTimeScales();
      if ((opts.station === undefined) === (opts.stations === undefined)) throw new UsageError('Give exactly one of --station LAT,LON,ALT_M or --stations FILE.');
      const format = parseChoice(opts.format, '--format', FORMATS);
      const queueUrl = opts.queue !== undefined ? parseQueueUrl(opts.queue) : undefined;
      const objectBlocks = parseShards(opts.shards, queueUrl);
      const minEl = parseMinEl(opts.minEl);
      const window = parseWindow(opts.start, opts.stop, ts);
      const stations =
        opts.station !== undefined ? readStationNetwork([parseStationFlag(opts.station, minEl)], ts).stations : loadStations(opts.stations!, ts, minEl);
      if (stations.length === 0) throw new UsageError(`--station: "${opts.station}" is not a valid station (latitude −90..90, longitude −180..360, height in metres).`);
      const ids = opts.ids !== undefined ? parseIdList(opts.ids, '--ids') : undefined;
      const sets = selectObjects(loadCatalog([opts.catalog], 'auto', ts).elementSets, ids);
      if (sets.length === 0) throw new UsageError('No object to predict: the catalog is empty or none of --ids is in it.');
      const inputs = sets.map((s) => sgp4InputFrom(s, ts));
      const passes = queueUrl === undefined ? await predictAll(inputs, stations, opts.start, opts.stop) : await predictOnQueue(queueUrl, objectBlocks, inputs, stations, opts.start, opts.stop);
      const names = new Map(sets.map((s) => [s.catalogNumber, s.objectName]));
      const records = sortPasses(passes).map((p) => passRecord(p, window, ts, names.get(p.catalogNumber)));
      const out = openOutput(undefined);
      if (format === 'json') out.write(JSON.stringify(records, null, 1) + '\n');
      else {
        out.write(CSV_COLUMNS.join(',') + '\n');
        for (const r of records) out.write(CSV_COLUMNS.map((c) => csvField(r[c])).join(',') + '\n');
      }
      await out.close();
      log.info(`${records.length} passes of ${sets.length} objects over ${stations.length} stations`);
    });
}

/** Passes of every input over the stations, on worker threads when the job is large enough. */
export async function predictAll(inputs: Sgp4Input[], stations: readonly GroundStation[], startIso: string, stopIso: string): Promise<Pass[]> {
  const threads = inputs.length * stations.length >= PARALLEL_FROM_PAIRS ? undefined : 0;
  const r = await predictPassesParallel({ inputs, stations: stations.map((s) => s.spec), startIso, stopIso }, threads === undefined ? {} : { threads });
  for (const f of r.failures) log.warn(`object ${f.catalogNumber}: ${f.message}`);
  return r.passes;
}

/** The passes of `predictAll` computed by the queue's workers (the `passes` run kind: satellite blocks, merged in order). */
async function predictOnQueue(url: string, objectBlocks: number | undefined, inputs: Sgp4Input[], stations: readonly GroundStation[], startIso: string, stopIso: string): Promise<Pass[]> {
  const { passesKind, runKindDistributed } = await import('@skylane/server/distributed');
  const r = await runKindDistributed(passesKind, { inputs, stations: stations.map((s) => s.spec), startIso, stopIso }, {
    url,
    ...(objectBlocks !== undefined ? { sharding: { objectBlocks } } : {}),
    onSubmitted: (s) => log.info(`run ${s.runId.slice(0, 12)} queued on ${url}: ${s.shards} shards, input snapshot ${s.snapshotHash.slice(0, 12)} (${s.snapshotBytes} bytes)`),
    onProgress: (p) => log.info(`progress: ${p.shardsDone}/${p.shardsTotal} shards, ${p.itemsSoFar} passes`),
  });
  for (const f of r.failures) log.warn(`object ${f.catalogNumber}: ${f.message}`);
  return r.passes;
}

export function sortPasses(passes: readonly Pass[]): Pass[] {
  return [...passes].sort((a, b) => a.aosS - b.aosS || a.catalogNumber - b.catalogNumber || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0));
}
