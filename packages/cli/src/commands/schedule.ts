/** `skylane schedule`: a conflict-free TT&C contact plan for catalog objects over a station network, with its metrics. */
import type { Command } from 'commander';
import {
  buildSchedulingProblem,
  scheduleExact,
  scheduleHeuristic,
  sgp4InputFrom,
  validateSchedule,
  type SatelliteRequirement,
  type ScheduleResult,
  type SchedulingOptions,
  type TimeScales,
} from '@skylane/core';
import { highsMilpSolver } from '@skylane/server/planning/highs';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, parseIdList, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';
import { csvField, loadStations, parseWindow, predictAll } from './passes.ts';

const FORMATS = ['json', 'csv'] as const;
/** Instances up to this many opportunities are solved exactly (HiGHS); larger ones by the heuristic. */
const EXACT_UP_TO_OPPORTUNITIES = 1500;
/** Time limit of the exact solver, s; on expiry the better of its incumbent and the heuristic is kept. */
const EXACT_TIME_LIMIT_S = 60;

interface ScheduleOptions {
  catalog: string;
  ids?: string;
  stations: string;
  start: string;
  stop: string;
  requirements?: string;
  format: string;
}

interface RequirementsFile {
  readonly default?: Omit<SatelliteRequirement, 'catalogNumber'>;
  readonly satellites?: readonly SatelliteRequirement[];
  readonly minContactDurationS?: number;
  readonly maxContactDurationS?: number;
}

function loadRequirements(path: string | undefined): { reqs: SatelliteRequirement[]; options: SchedulingOptions } {
  if (path === undefined) return { reqs: [], options: {} };
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--requirements: ${path} is not valid JSON (${(err as Error).message}).`);
  }
  const doc: RequirementsFile = Array.isArray(json) ? { satellites: json as SatelliteRequirement[] } : (json as RequirementsFile);
  const reqs = [...(doc.satellites ?? [])];
  reqs.forEach((r, i) => {
    if (!Number.isInteger(r.catalogNumber)) throw new UsageError(`--requirements: satellites[${i}] needs an integer "catalogNumber".`);
    for (const k of ['minContactsPerDay', 'maxGapS', 'priority', 'minContactDurationS'] as const) {
      const v = r[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new UsageError(`--requirements: satellites[${i}].${k} must be a number ≥ 0.`);
    }
  });
  return {
    reqs,
    options: {
      ...(doc.default !== undefined ? { defaultRequirement: doc.default } : {}),
      ...(doc.minContactDurationS !== undefined ? { minContactDurationS: doc.minContactDurationS } : {}),
      ...(doc.maxContactDurationS !== undefined ? { maxContactDurationS: doc.maxContactDurationS } : {}),
    },
  };
}

export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description('plan conflict-free TT&C contacts (one satellite per antenna, setup times, requirements, unavailability) and print the plan and its metrics')
    .requiredOption('--catalog <file>', 'catalog file: TLE, OMM KVN/XML/JSON or CelesTrak CSV (.gz accepted)')
    .option('--ids <list>', 'comma-separated catalog numbers (default: every object)')
    .requiredOption('--stations <file>', 'station network JSON with antennas {count, setupTimeS} and unavailable periods')
    .requiredOption('--start <iso>', 'planning horizon start, ISO-8601 UTC')
    .requiredOption('--stop <iso>', 'planning horizon end, ISO-8601 UTC')
    .option('--requirements <file>', 'requirements JSON: { "default": {...}, "satellites": [{catalogNumber, minContactsPerDay, maxGapS, priority, minContactDurationS}], "minContactDurationS", "maxContactDurationS" }')
    .option('--format <format>', `output format: ${FORMATS.join('|')}`, 'json')
    .addHelpText(
      'after',
      `
Method: instances up to ${EXACT_UP_TO_OPPORTUNITIES} contact opportunities are solved exactly (MILP, HiGHS), larger ones by the
greedy + local-search heuristic. Objective: weighted contact minutes, minus 1000 per missing contact and per gap
longer than maxGapS. Every plan is re-checked by an independent validator before it is printed.
JSON: {method, status, objective, metrics {contacts, totalContactS, satellitesWithUnmetRequirements, stations[]},
unmet[], contacts[{object, station, antenna, start, stop, durationS}]}.
CSV: one row per contact (object,station,antenna,start,stop,durationS); the metrics go to stderr.

Examples:
  $ skylane schedule --catalog qianfan.json --stations packages/core/src/events/stations/sample-network.json \\
      --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z
  $ echo '{"default":{"minContactsPerDay":4,"maxGapS":21600},"minContactDurationS":180}' > req.json
  $ skylane schedule --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --ids 60379,60380,60381 \\
      --stations stations.json --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z --requirements req.json --format csv`,
    )
    .action(async (opts: ScheduleOptions) => {
      const ts: TimeScales = cliTimeScales();
      const format = parseChoice(opts.format, '--format', FORMATS);
      const window = parseWindow(opts.start, opts.stop, ts);
      const stations = loadStations(opts.stations, ts);
      const { reqs, options } = loadRequirements(opts.requirements);
      const ids = opts.ids !== undefined ? parseIdList(opts.ids, '--ids') : undefined;
      const sets = selectObjects(loadCatalog([opts.catalog], 'auto', ts).elementSets, ids);
      if (sets.length === 0) throw new UsageError('No object to schedule: the catalog is empty or none of --ids is in it.');
      const passes = await predictAll(
        sets.map((s) => sgp4InputFrom(s, ts)),
        stations,
        opts.start,
        opts.stop,
      );
      const problem = buildSchedulingProblem(
        passes,
        sets.map((s) => s.catalogNumber),
        stations,
        window,
        ts,
        reqs,
        options,
      );
      let result: ScheduleResult;
      if (problem.opportunities.length <= EXACT_UP_TO_OPPORTUNITIES) {
        const exact = await scheduleExact(problem, highsMilpSolver, { timeLimitS: EXACT_TIME_LIMIT_S });
        if (exact.status === 'optimal') result = exact;
        else {
          const heur = scheduleHeuristic(problem);
          result = heur.objective > exact.objective ? heur : exact;
        }
      } else result = scheduleHeuristic(problem);
      const minDur = Math.min(options.minContactDurationS ?? 120, ...reqs.map((r) => r.minContactDurationS ?? Number.POSITIVE_INFINITY), options.defaultRequirement?.minContactDurationS ?? Number.POSITIVE_INFINITY);
      const violations = validateSchedule(result.contacts, passes, stations, window, ts, minDur);
      if (violations.length > 0) {
        for (const v of violations.slice(0, 20)) log.error(`plan check: ${v.kind}: ${v.message}`);
        throw new Error(`The plan failed ${violations.length} validation check(s); this is a bug, please report it with the inputs.`);
      }
      const at = (s: number): string => ts.formatUtcIso(ts.plusUtcClockSeconds(window.start, s), 3);
      const contacts = result.contacts.map((c) => ({
        object: c.catalogNumber,
        station: c.stationId,
        antenna: c.antenna,
        start: at(c.startS),
        stop: at(c.endS),
        durationS: Number((c.endS - c.startS).toFixed(3)),
      }));
      const metrics = {
        contacts: result.metrics.contacts,
        totalContactS: Number(result.metrics.totalContactS.toFixed(3)),
        satellites: result.metrics.satellites,
        satellitesWithUnmetRequirements: result.metrics.satellitesWithUnmetRequirements,
        stations: result.metrics.stations.map((s) => ({ station: s.stationId, contacts: s.contacts, utilisation: Number(s.utilisation.toFixed(6)) })),
      };
      const unmet = result.unmet.map((u) => ({ ...u, object: u.catalogNumber, largestGapS: Number(u.largestGapS.toFixed(3)) }));
      const out = openOutput(undefined);
      if (format === 'json') {
        out.write(
          JSON.stringify(
            { method: result.method, status: result.status, objective: Number(result.objective.toFixed(6)), opportunities: problem.opportunities.length, metrics, unmet, contacts },
            null,
            1,
          ) + '\n',
        );
      } else {
        out.write('object,station,antenna,start,stop,durationS\n');
        for (const c of contacts) out.write([c.object, c.station, c.antenna, c.start, c.stop, c.durationS].map(csvField).join(',') + '\n');
      }
      await out.close();
      log.info(
        `${result.method} (${result.status}): ${metrics.contacts} contacts, ${(metrics.totalContactS / 3600).toFixed(2)} h total, ` +
          `${metrics.satellitesWithUnmetRequirements} of ${metrics.satellites} satellites with unmet requirements; utilisation ` +
          metrics.stations.map((s) => `${s.station} ${(s.utilisation * 100).toFixed(1)}%`).join(', '),
      );
      for (const u of result.unmet) log.warn(`object ${u.catalogNumber}: ${u.reason}`);
    });
}
