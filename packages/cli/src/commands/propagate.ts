/** `skylane propagate`: SGP4 ephemerides of catalog objects in TEME, GCRF, EME2000 or ITRF, as CSV, JSON or CCSDS OEM. */
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
import { checkOutputFile, log, openOutput, startProgress } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';
import { cliTimeScales, nowInstant } from '../context.ts';

const FRAMES = ['TEME', 'GCRF', 'EME2000', 'ITRF'] as const;
const FORMATS = ['csv', 'json', 'oem'] as const;
/** Objects propagated per batch: bounds memory whatever the catalog size. */
const OBJECTS_PER_BATCH = 256;
/** Most output instants one run may ask for per object (a week at 1 s). */
const MAX_TIMES = 604_801;

interface PropagateOptions {
  catalog: string[];
  ids?: string;
  start: string;
  stop: string;
  stepS: string;
  frame: string;
  format: string;
  out?: string;
}

export function registerPropagateCommand(program: Command): void {
  program
    .command('propagate')
    .description('propagate catalog objects with SGP4 and print their states (km, km/s) in the chosen frame')
    .requiredOption('--catalog <files...>', 'catalog file(s): TLE, OMM KVN/XML/JSON or CelesTrak CSV (.gz accepted)')
    .option('--ids <list>', 'comma-separated catalog numbers (default: every object)')
    .requiredOption('--start <iso>', 'first instant, ISO-8601 UTC')
    .requiredOption('--stop <iso>', 'last instant, ISO-8601 UTC (included when on the step grid)')
    .option('--step-s <seconds>', 'step in seconds', '60')
    .option('--frame <frame>', `output frame: ${FRAMES.join('|')}`, 'TEME')
    .option('--format <format>', `output format: ${FORMATS.join('|')}`, 'csv')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
CSV columns: id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s
Objects that fail (decayed, invalid elements) are reported on stderr and in JSON "failures"; they produce no rows.

Examples:
  $ skylane propagate --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --ids 25544 \\
      --start 2026-03-10T00:00:00Z --stop 2026-03-10T01:30:00Z --step-s 60 --frame ITRF
  $ skylane propagate --catalog stations.tle --start 2026-03-10T00:00:00Z --stop 2026-03-11T00:00:00Z \\
      --step-s 300 --frame GCRF --format oem --out stations.oem`,
    )
    .action(async (opts: PropagateOptions) => {
      const ts = cliTimeScales();
      const frame: TemeTarget = parseChoice(opts.frame.toUpperCase(), '--frame', FRAMES);
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

      const loaded = loadCatalog(opts.catalog, 'auto', ts);
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

      const out = openOutput(opts.out);
      const writer = createWriter(format, out.write.bind(out), { frame, instants, ts });
      const progress = startProgress('propagating', sets.length);
      const failures: { id: number; code: string; reason: string }[] = [];
      const row = new Float64Array(6);
      for (let b = 0; b < sets.length; b += OBJECTS_PER_BATCH) {
        const chunk = sets.slice(b, b + OBJECTS_PER_BATCH);
        const result = propagateBatch(
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
