/**
 * `skylane propagate`: SGP4 ephemerides of catalog objects (`--catalog`), or a numerical (Cowell) propagation of one
 * CCSDS OPM state (`--state`) with selectable force models; in TEME, GCRF, EME2000 or ITRF, as CSV, JSON or CCSDS OEM.
 */
import type { Command } from 'commander';
import {
  evenlySpacedTimes,
  propagateBatch,
  rotateTemeStateInto,
  sgp4InputFrom,
  temeStateRotation,
  writeOemKvn,
  type ElementSet,
  type Instant,
  type TemeStateRotation,
  type TemeTarget,
} from '@skylane/core';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { propagateState, STATE_HELP, type StateOptions } from './propagateState.ts';
import { checkOutputFile, log, openOutput, startProgress } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';
import { cliTimeScales, nowInstant } from '../context.ts';
import { parseQueueUrl } from './worker.ts';

const FRAMES = ['TEME', 'GCRF', 'EME2000', 'ITRF'] as const;
const FORMATS = ['csv', 'json', 'oem'] as const;
/** Objects propagated per batch: bounds memory whatever the catalog size. */
const OBJECTS_PER_BATCH = 256;
/** Most output instants one run may ask for per object (a week at 1 s). */
const MAX_TIMES = 604_801;

interface PropagateOptions extends StateOptions {
  catalog?: string[];
  state?: string;
  ids?: string;
  start?: string;
  stop: string;
  stepS: string;
  frame?: string;
  format: string;
  out?: string;
  queue?: string;
  shards?: string;
  timeWindows?: string;
}

export function registerPropagateCommand(program: Command): void {
  program
    .command('propagate')
    .description('propagate catalog objects with SGP4 (--catalog), or one OPM state numerically (--state), and print states (km, km/s) in the chosen frame')
    .option('--catalog <files...>', 'SGP4 mode: catalog file(s): TLE, OMM KVN/XML/JSON or CelesTrak CSV (.gz accepted)')
    .option('--state <file>', 'numerical mode: a CCSDS OPM (KVN or XML) with the initial state')
    .option('--ids <list>', 'SGP4 mode: comma-separated catalog numbers (default: every object)')
    .option('--start <iso>', 'SGP4 mode: first instant, ISO-8601 UTC (numerical mode starts at the OPM epoch)')
    .requiredOption('--stop <iso>', 'last instant, ISO-8601 UTC (included when on the step grid; before the OPM epoch propagates backwards)')
    .option('--step-s <seconds>', 'step in seconds', '60')
    .option('--frame <frame>', `output frame: ${FRAMES.join('|')} (default TEME with --catalog, GCRF with --state)`)
    .option('--format <format>', `output format: ${FORMATS.join('|')}`, 'csv')
    .option('--out <file>', 'write to a file instead of stdout (written whole at the end: nothing half-written on error)')
    .option('--queue <url>', 'SGP4 mode: run on the workers of this Redis queue (redis://HOST:PORT; see `skylane worker`): same output as a local run')
    .option('--shards <n>', 'with --queue: object blocks (default one per 1000 objects)')
    .option('--time-windows <n>', 'with --queue: time windows per object block (default 1)')
    .option('--gravity-field <file|egm2008>', 'numerical: ICGEM .gfc (or EGM) coefficient file, or egm2008 (bundled, to 120×120); default point mass')
    .option('--degree <n>', 'numerical: gravity degree (0 = point mass; default 0 without a field, the field\'s maximum with one)')
    .option('--order <m>', 'numerical: gravity order (≤ degree; default the degree)')
    .option('--third-body <list>', 'numerical: sun,moon (default none)')
    .option('--drag <model>', 'numerical: none|exponential|nrlmsise00|jb2008', 'none')
    .option('--srp <model>', 'numerical: none|cannonball', 'none')
    .option('--space-weather <file>', 'numerical: CelesTrak SW file (SW-All.txt), required by --drag nrlmsise00')
    .option('--sw-convention <name>', 'numerical: F10.7 convention for NRLMSISE-00: gmat|orekit', 'gmat')
    .option('--solfsmy <file>', 'numerical: SET SOLFSMY.TXT, required by --drag jb2008')
    .option('--dtc <file>', 'numerical: SET DTCFILE.TXT, required by --drag jb2008')
    .option('--eop <file>', 'numerical: IERS finals2000A file (UT1−UTC, polar motion, LOD, nutation corrections); default none (UT1 = UTC)')
    .option('--integrator <name>', 'numerical: dp54|dp853', 'dp853')
    .option('--rtol <x>', 'numerical: relative tolerance', '1e-11')
    .option('--atol <x>', 'numerical: absolute tolerance in km and km/s', '1e-9')
    .option('--covariance', 'numerical: propagate the OPM covariance (STM) and write COVARIANCE blocks (oem) or covariance_lower (json)')
    .addHelpText(
      'after',
      `
CSV columns: id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s
Objects that fail (decayed, invalid elements) are reported on stderr and in JSON "failures"; they produce no rows.

Examples:
  $ skylane propagate --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --ids 25544 \\
      --start 2026-03-10T00:00:00Z --stop 2026-03-10T01:30:00Z --step-s 60 --frame ITRF
  $ skylane propagate --catalog stations.tle --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z \\
      --step-s 300 --frame GCRF --format oem --out stations.oem
  $ skylane propagate --catalog catalog.json --start 2026-03-10T00:00:00Z --stop 2026-03-10T06:00:00Z \
      --queue redis://127.0.0.1:6379 --shards 4 --time-windows 3 --out states.csv
${STATE_HELP}`,
    )
    .action(async (opts: PropagateOptions) => {
      if ((opts.catalog === undefined) === (opts.state === undefined)) throw new UsageError('Give exactly one of --catalog (SGP4) or --state FILE.opm (numerical).');
      if (opts.state !== undefined) {
        if (opts.queue !== undefined) throw new UsageError('--queue runs SGP4 catalog propagations (--catalog), not --state.');
        if (opts.ids !== undefined || opts.start !== undefined) throw new UsageError('--ids and --start belong to --catalog: with --state the run starts at the OPM epoch.');
        await propagateState(opts.state, opts);
        return;
      }
      for (const [flag, set] of [['--gravity-field', opts.gravityField], ['--degree', opts.degree], ['--order', opts.order], ['--third-body', opts.thirdBody], ['--space-weather', opts.spaceWeather], ['--solfsmy', opts.solfsmy], ['--dtc', opts.dtc], ['--eop', opts.eop], ['--covariance', opts.covariance]] as const) {
        if (set !== undefined) throw new UsageError(`${flag} belongs to --state (numerical propagation), not to --catalog (SGP4).`);
      }
      if (opts.drag !== 'none' || opts.srp !== 'none') throw new UsageError('--drag and --srp belong to --state (numerical propagation), not to --catalog (SGP4).');
      if (opts.start === undefined) throw new UsageError('--start is required with --catalog.');
      const catalog = opts.catalog!;
      const ts = cliTimeScales();
      const frame: TemeTarget = parseChoice((opts.frame ?? 'TEME').toUpperCase(), '--frame', FRAMES);
      const format = parseChoice(opts.format, '--format', FORMATS);
      const stepS = parseNumberInRange(opts.stepS, '--step-s', { min: 0, max: 366 * 86400, minExclusive: true, unit: 'seconds' });
      checkOutputFile(opts.out, '--out');
      const start = parseTime(opts.start, '--start');
      const stop = parseTime(opts.stop, '--stop');
      const spanS = ts.utcClockSecondsBetween(start, stop);
      if (spanS < 0) throw new UsageError('--stop is before --start.');
      const count = Math.floor(spanS / stepS + 1e-9) + 1;
      if (count > MAX_TIMES) throw new UsageError(`${count} instants per object is too many (limit ${MAX_TIMES}): use a larger --step-s or a shorter span.`);
      const ids = opts.ids !== undefined ? parseIdList(opts.ids, '--ids') : undefined;
      const queueUrl = opts.queue !== undefined ? parseQueueUrl(opts.queue) : undefined;
      const countFlag = (text: string | undefined, flag: string): number | undefined => {
        if (text === undefined) return undefined;
        if (queueUrl === undefined) throw new UsageError(`${flag} needs --queue.`);
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`${flag}: "${text}" must be an integer 1..100000.`);
        return n;
      };
      const objectBlocks = countFlag(opts.shards, '--shards');
      const timeWindows = countFlag(opts.timeWindows, '--time-windows');

      const loaded = loadCatalog(catalog, 'auto', ts);
      const sets = selectObjects(loaded.elementSets, ids);
      if (sets.length === 0) throw new UsageError('No object to propagate: the catalog is empty or none of --ids is in it.');

      const anchor = ts.toUtcDaySeconds(start);
      const times = evenlySpacedTimes(anchor, stepS, count);
      const instants: Instant[] = [];
      const labels: string[] = [];
      const rotations: TemeStateRotation[] = [];
      for (let j = 0; j < count; j++) {
        const t = ts.fromUtcDaySeconds(anchor.mjd, anchor.seconds + times.offsetsS[j]!);
        instants.push(t);
        labels.push(ts.formatUtcIso(t, 6));
        rotations.push(temeStateRotation(frame, t, ts));
      }

      // With --queue the TEME states come from the workers (kinds.ts propagationKind: propagateBatch's result bit for
      // bit); the rotation and the writer below are the local run's.
      // BullMQ and ioredis load only for a queued run (start-up of a local run stays fast).
      const distributed = queueUrl === undefined ? undefined : await import('@skylane/server/distributed');
      const queued =
        queueUrl === undefined || distributed === undefined
          ? undefined
          : await distributed.runKindDistributed(
              distributed.propagationKind,
              { inputs: sets.map((s) => sgp4InputFrom(s, ts)), times },
              {
                url: queueUrl,
                sharding: { ...(objectBlocks !== undefined ? { objectBlocks } : {}), ...(timeWindows !== undefined ? { timeWindows } : {}) },
                onSubmitted: (r) => log.info(`run ${r.runId.slice(0, 12)} queued on ${queueUrl}: ${r.shards} shards, input snapshot ${r.snapshotHash.slice(0, 12)} (${r.snapshotBytes} bytes)`),
                onProgress: (p) => log.info(`progress: ${p.shardsDone}/${p.shardsTotal} shards, ${p.itemsSoFar} states`),
              },
            );
      const out = openOutput(opts.out);
      const writer = createWriter(format, out.write.bind(out), { frame, instants, ts });
      const progress = startProgress('propagating', sets.length);
      const failures: { id: number; code: string; reason: string }[] = [];
      const row = new Float64Array(6);
      for (let b = 0; b < sets.length; b += OBJECTS_PER_BATCH) {
        const chunk = sets.slice(b, b + OBJECTS_PER_BATCH);
        const result =
          queued !== undefined
            ? {
                states: queued.states.subarray(b * count * 6, (b + chunk.length) * count * 6),
                failures: queued.failures.filter((f) => f.index >= b && f.index < b + chunk.length).map((f) => ({ ...f, index: f.index - b })),
              }
            : propagateBatch(
                chunk.map((s) => sgp4InputFrom(s, ts)),
                times,
              );
        const failedAt = new Map(result.failures.map((f) => [f.index, f]));
        for (let i = 0; i < chunk.length; i++) {
          const set = chunk[i]!;
          const failure = failedAt.get(i);
          if (failure) {
            failures.push({ id: set.catalogNumber, code: failure.code, reason: failure.message });
            log.warn(failure.message);
            continue;
          }
          writer.beginObject(set);
          for (let j = 0; j < count; j++) {
            rotateTemeStateInto(rotations[j]!, result.states, (i * count + j) * 6, row, 0);
            writer.state(set, j, labels[j]!, row);
          }
          writer.endObject(set);
        }
        progress.update(Math.min(b + OBJECTS_PER_BATCH, sets.length));
      }
      progress.stop();
      writer.finish(failures, nowInstant(ts));
      await out.close();
      log.info(`${sets.length - failures.length} object(s) × ${count} instant(s) in ${frame}${failures.length ? `; ${failures.length} object(s) failed` : ''}`);
      if (failures.length === sets.length) process.exitCode = 1;
    });

  function parseTime(text: string, flag: string): Instant {
    try {
      return cliTimeScales().parseUtcIso(text);
    } catch (err) {
      throw new UsageError(`${flag}: ${(err as Error).message}`);
    }
  }
}

interface StateWriter {
  beginObject(set: ElementSet): void;
  state(set: ElementSet, timeIndex: number, timeLabel: string, s: Float64Array): void;
  endObject(set: ElementSet): void;
  finish(failures: { id: number; code: string; reason: string }[], now: Instant): void;
}

function createWriter(
  format: (typeof FORMATS)[number],
  write: (chunk: string) => void,
  ctx: { frame: TemeTarget; instants: Instant[]; ts: ReturnType<typeof cliTimeScales> },
): StateWriter {
  const fmt = (x: number, digits: number): string => x.toFixed(digits);
  if (format === 'csv') {
    write('id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s\n');
    return {
      beginObject: () => {},
      state: (set, _j, label, s) => {
        write(`${set.catalogNumber},${label},${fmt(s[0]!, 9)},${fmt(s[1]!, 9)},${fmt(s[2]!, 9)},${fmt(s[3]!, 12)},${fmt(s[4]!, 12)},${fmt(s[5]!, 12)}\n`);
      },
      endObject: () => {},
      finish: () => {},
    };
  }
  if (format === 'json') {
    let firstObject = true;
    let firstState = true;
    write(`{"frame":"${ctx.frame}","units":{"position":"km","velocity":"km/s"},"objects":[`);
    return {
      beginObject: (set) => {
        write(
          `${firstObject ? '' : ','}\n{"id":${set.catalogNumber},"name":${JSON.stringify(set.objectName ?? null)},"objectId":${JSON.stringify(set.objectId ?? null)},"epoch":"${ctx.ts.formatUtcIso(set.epoch, 6)}","states":[`,
        );
        firstObject = false;
        firstState = true;
      },
      state: (_set, _j, label, s) => {
        write(
          `${firstState ? '' : ','}{"time_utc":"${label}","x_km":${fmt(s[0]!, 9)},"y_km":${fmt(s[1]!, 9)},"z_km":${fmt(s[2]!, 9)},"vx_km_s":${fmt(s[3]!, 12)},"vy_km_s":${fmt(s[4]!, 12)},"vz_km_s":${fmt(s[5]!, 12)}}`,
        );
        firstState = false;
      },
      endObject: () => write(']}'),
      finish: (failures) => write(`\n],"failures":${JSON.stringify(failures)}}\n`),
    };
  }
  // OEM: collect segments (one per object) and write once, so the header's CREATION_DATE is known.
  const segments: { set: ElementSet; states: { epoch: Instant; state: [number, number, number, number, number, number] }[] }[] = [];
  return {
    beginObject: (set) => segments.push({ set, states: [] }),
    state: (_set, j, _label, s) => {
      segments[segments.length - 1]!.states.push({ epoch: ctx.instants[j]!, state: [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!] });
    },
    endObject: () => {},
    finish: (_failures, now) => {
      write(
        writeOemKvn(
          { creationDate: now, originator: 'SKYLANE', comments: ['SGP4 (WGS-72) ephemeris generated by Skylane from GP element sets'] },
          segments.map((seg) => ({
            objectName: seg.set.objectName ?? String(seg.set.catalogNumber),
            objectId: seg.set.objectId ?? String(seg.set.catalogNumber),
            frame: ctx.frame,
            comments: [`NORAD catalog number ${seg.set.catalogNumber}, element set epoch ${ctx.ts.formatUtcIso(seg.set.epoch, 6)}`],
            states: seg.states,
          })),
          ctx.ts,
        ),
      );
    },
  };
}
