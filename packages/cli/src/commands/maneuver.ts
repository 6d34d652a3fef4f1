/** `skylane maneuver plan`: Pc-targeted collision-avoidance maneuver for the conjunction in a CDM (core/avoidance). */
import type { Command } from 'commander';
import {
  AvoidanceError,
  ParseError,
  assessCdm,
  avoidanceInputFromCdm,
  avoidanceOemKvn,
  avoidanceOpmKvn,
  avoidancePostCdmKvn,
  latestElementSets,
  planAvoidanceDetailed,
  readCdm,
  type AvoidanceDirection,
  type AvoidanceOptions,
  type AvoidancePcMethod,
  type Instant,
  type TimeScales,
} from '@skylane/core';
import { tradeSpaceSvg } from '../avoidanceSvg.ts';
import { loadCatalog } from '../catalogInput.ts';
import { cliTimeScales } from '../context.ts';
import { checkOutputFile, log, openOutput, readTextFile, writeFileAtomically } from '../io.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';
import { HBR_RANGE } from './pc.ts';

interface ManeuverPlanOptions {
  cdm: string;
  hbrM?: string;
  targetPc?: string;
  targetMissKm?: string;
  massKg?: string;
  ispS?: string;
  thrustN?: string;
  earliest?: string;
  latest?: string;
  blackout: string[];
  minLeadS: string;
  directions: string;
  method: string;
  object: string;
  times: string;
  dvValues: string;
  maxDvMps: string;
  catalog: string[];
  rescreenDays: string;
  json?: boolean;
  outOpm?: string;
  outOem?: string;
  postCdm?: string;
  plot?: string;
}

const DIRECTIONS = ['t', 'r', 'n', 'opt'] as const;
const METHODS = ['foster', 'chan', '3d'] as const;

function parseTime(text: string, flag: string, ts: TimeScales): Instant {
  try {
    return ts.parseUtcIso(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not an ISO-8601 UTC time such as 2026-03-10T12:00:00Z.`);
  }
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerManeuverCommand(program: Command): void {
  const maneuver = program.command('maneuver').description('collision-avoidance maneuver planning');
  maneuver
    .command('plan')
    .description('the smallest Δv bringing a CDM conjunction below a target Pc (or above a miss distance), verified numerically and re-screened')
    .requiredOption('--cdm <file>', 'CDM file (KVN, XML or Space-Track JSON) with both covariances')
    .option('--hbr-m <metres>', "combined hard-body radius (default: the CDM's HBR, else the CARA/fallback radii)")
    .option('--target-pc <pc>', 'target Pc (default 1e-6)')
    .option('--target-miss-km <km>', 'target miss distance instead of a target Pc')
    .option('--mass-kg <kg>', 'spacecraft mass, for the propellant (with --isp-s) and finite burns')
    .option('--isp-s <s>', 'specific impulse, for the propellant')
    .option('--thrust-n <N>', 'low-thrust variant: continuous tangential burn at this thrust (needs --mass-kg)')
    .option('--earliest <iso>', "earliest execution time (default: the CDM's CREATION_DATE)")
    .option('--latest <iso>', 'latest execution time (default and cap: TCA − --min-lead-s)')
    .option('--blackout <from/to>', 'blackout window FROM/TO (ISO times), repeatable', collect, [])
    .option('--min-lead-s <s>', 'minimum lead time before TCA', '3600')
    .option('--directions <list>', 'directions to try: t (along-track), r (radial), n (cross-track), opt', 't,r,n,opt')
    .option('--method <method>', `Pc method: ${METHODS.join('|')}`, 'foster')
    .option('--object <1|2>', 'the maneuvering object of the CDM', '1')
    .option('--times <n>', 'candidate execution times', '50')
    .option('--dv-values <n>', 'Δv values of the trade-space grid', '50')
    .option('--max-dv-mps <mps>', 'largest Δv searched', '10')
    .option('--catalog <file>', 'catalog for the 7-day re-screening (TLE/OMM/CSV; repeatable)', collect, [])
    .option('--rescreen-days <days>', 're-screening span from the execution time', '7')
    .option('--json', 'print the plan as JSON')
    .option('--out-opm <file>', 'write the maneuver as a CCSDS OPM (KVN) with a MAN block')
    .option('--out-oem <file>', 'write the maneuvered trajectory as a CCSDS OEM (KVN) with covariance')
    .option('--post-cdm <file>', 'write the post-maneuver CDM (KVN)')
    .option('--plot <file.svg>', 'write the trade space (Pc over execution time × Δv) as SVG')
    .addHelpText(
      'after',
      `
JSON fields: maneuver {epoch, dvRtnMps [r,t,n], dvMps, direction, kind, burnDurationS?, thrustN?}, prePc, postPc, preMissKm,
postMissKm, pre/postMahalanobis, leadTimeS, propellantKg, targetPc|targetMissKm, verification, candidates (best per
execution time), tradeSpace {direction, epochs, leadTimesS, dvMps, pc[time][dv], missKm, minDvMps}, rescreening
{performed, events, newAlerts, rejected}, warnings. Bad input (no covariance, blackouts over the whole window, a target
already met) exits with status 2 and one line saying why.

Examples:
  $ skylane maneuver plan --cdm conj.cdm --json
  $ skylane maneuver plan --cdm conj.cdm --target-pc 1e-7 --mass-kg 260 --isp-s 1500 --directions t,opt --plot trade.svg
  $ skylane maneuver plan --cdm conj.cdm --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz \\
      --out-opm man.opm --out-oem man.oem --post-cdm post.cdm --json
  $ skylane maneuver plan --cdm conj.cdm --mass-kg 300 --thrust-n 0.05 --blackout 2026-03-10T00:00:00Z/2026-03-10T06:00:00Z`,
    )
    .action(async (opts: ManeuverPlanOptions) => {
      const ts = cliTimeScales();
      // Every flag is checked before any work starts.
      if (opts.targetPc !== undefined && opts.targetMissKm !== undefined) throw new UsageError('--target-pc and --target-miss-km exclude each other: give one.');
      const hbrFlag = opts.hbrM !== undefined ? parseNumberInRange(opts.hbrM, '--hbr-m', HBR_RANGE) : undefined;
      const targetPc = opts.targetPc !== undefined ? parseNumberInRange(opts.targetPc, '--target-pc', { min: 0, max: 1, minExclusive: true, unit: '' }) : undefined;
      const targetMissKm = opts.targetMissKm !== undefined ? parseNumberInRange(opts.targetMissKm, '--target-miss-km', { min: 0, max: 1000, minExclusive: true, unit: 'km' }) : undefined;
      const massKg = opts.massKg !== undefined ? parseNumberInRange(opts.massKg, '--mass-kg', { min: 0, max: 1e6, minExclusive: true, unit: 'kg' }) : undefined;
      const ispS = opts.ispS !== undefined ? parseNumberInRange(opts.ispS, '--isp-s', { min: 0, max: 1e5, minExclusive: true, unit: 's' }) : undefined;
      const thrustN = opts.thrustN !== undefined ? parseNumberInRange(opts.thrustN, '--thrust-n', { min: 0, max: 1e5, minExclusive: true, unit: 'N' }) : undefined;
      if (thrustN !== undefined && massKg === undefined) throw new UsageError('--thrust-n needs --mass-kg (the acceleration is thrust / mass).');
      const minLeadTimeS = parseNumberInRange(opts.minLeadS, '--min-lead-s', { min: 0, max: 30 * 86400, unit: 's' });
      const executionTimes = parseNumberInRange(opts.times, '--times', { min: 1, max: 500, integer: true, unit: '' });
      const dvValues = parseNumberInRange(opts.dvValues, '--dv-values', { min: 2, max: 500, integer: true, unit: '' });
      const maxDvMps = parseNumberInRange(opts.maxDvMps, '--max-dv-mps', { min: 0, max: 1000, minExclusive: true, unit: 'm/s' });
      const rescreenDays = parseNumberInRange(opts.rescreenDays, '--rescreen-days', { min: 0, max: 14, unit: 'days' });
      const method: AvoidancePcMethod = parseChoice(opts.method, '--method', METHODS);
      const object = parseChoice(opts.object, '--object', ['1', '2'] as const);
      const directions = opts.directions.split(',').map((d) => parseChoice(d.trim(), '--directions', DIRECTIONS)) as AvoidanceDirection[];
      const earliest = opts.earliest !== undefined ? parseTime(opts.earliest, '--earliest', ts) : undefined;
      const latest = opts.latest !== undefined ? parseTime(opts.latest, '--latest', ts) : undefined;
      const blackouts = opts.blackout.map((b) => {
        const [from, to, ...rest] = b.split('/');
        if (from === undefined || to === undefined || rest.length > 0) throw new UsageError(`--blackout: "${b}" is not FROM/TO (two ISO times separated by a slash).`);
        const start = parseTime(from, '--blackout', ts);
        const end = parseTime(to, '--blackout', ts);
        if (end.isBefore(start)) throw new UsageError(`--blackout: "${b}" ends before it starts.`);
        return { start, end };
      });
      for (const [flag, path] of [['--out-opm', opts.outOpm], ['--out-oem', opts.outOem], ['--post-cdm', opts.postCdm], ['--plot', opts.plot]] as const) checkOutputFile(path, flag);
      let cdm;
      try {
        const read = readCdm(readTextFile(opts.cdm), { timeScales: ts });
        for (const w of read.warnings) log.warn(`${opts.cdm}:${w.line}: ${w.message}`);
        cdm = read.cdms[0];
      } catch (e) {
        if (e instanceof ParseError && e.field !== undefined && /^C[A-Z_]+_[A-Z_]+$/.test(e.field) && e.code === 'FIELD_MISSING') {
          throw new UsageError(`NO_COVARIANCE: ${opts.cdm} has no covariance (${e.message}); Pc-targeted planning needs both objects' covariances.`);
        }
        throw e;
      }
      if (!cdm) throw new UsageError(`${opts.cdm} holds no full CDM (a cdm_public summary has no states or covariances).`);
      const hbrM = hbrFlag ?? assessCdm(cdm).hbrM;
      const catalog = opts.catalog.length > 0 ? latestElementSets(loadCatalog(opts.catalog, 'auto', ts, { quiet: true }).elementSets) : undefined;
      const input = avoidanceInputFromCdm(cdm, { hbrM, maneuverObject: object === '2' ? 2 : 1, pcMethod: method });
      const options: AvoidanceOptions = {
        timeScales: ts,
        ...(targetPc !== undefined ? { targetPc } : {}),
        ...(targetMissKm !== undefined ? { targetMissKm } : {}),
        ...(massKg !== undefined ? { massKg } : {}),
        ...(ispS !== undefined ? { ispS } : {}),
        ...(thrustN !== undefined ? { finiteBurn: { thrustN } } : {}),
        ...(earliest !== undefined ? { earliest } : {}),
        ...(latest !== undefined ? { latest } : {}),
        ...(catalog !== undefined ? { catalog } : {}),
        blackouts,
        minLeadTimeS,
        directions,
        executionTimes,
        dvValues,
        maxDvMps,
        rescreenDays,
        creationDate: cdm.header.creationDate,
      };
      let result;
      try {
        result = planAvoidanceDetailed(input, options);
      } catch (e) {
        if (e instanceof AvoidanceError) throw new UsageError(`${e.reason}: ${e.message}`);
        throw e;
      }
      const { plan, artifacts } = result;
      const outOpts = { timeScales: ts, creationDate: cdm.header.creationDate, ...(massKg !== undefined ? { massKg } : {}) };
      if (opts.outOpm) writeFileAtomically(opts.outOpm, avoidanceOpmKvn(plan, artifacts, input, outOpts), '--out-opm');
      if (opts.outOem) writeFileAtomically(opts.outOem, avoidanceOemKvn(plan, artifacts, input, outOpts), '--out-oem');
      if (opts.postCdm) writeFileAtomically(opts.postCdm, avoidancePostCdmKvn(artifacts, ts), '--post-cdm');
      if (opts.plot) writeFileAtomically(opts.plot, tradeSpaceSvg(plan), '--plot');
      for (const w of plan.warnings) log.warn(w);
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(plan, null, 2) + '\n');
      else {
        const m = plan.maneuver;
        o.write(`maneuver ${m.epoch}: ${m.dvMps.toFixed(4)} m/s ${m.direction} (RTN ${m.dvRtnMps.map((x) => x.toFixed(4)).join(', ')} m/s)${m.kind === 'finite' ? `, ${m.burnDurationS!.toFixed(0)} s burn` : ''}, lead ${(plan.leadTimeS / 3600).toFixed(1)} h\n`);
        o.write(`Pc ${plan.prePc.toExponential(3)} → ${plan.postPc.toExponential(3)} (${plan.pcMethod}), miss ${plan.preMissKm.toFixed(3)} → ${plan.postMissKm.toFixed(3)} km${plan.propellantKg !== null ? `, propellant ${plan.propellantKg.toFixed(4)} kg` : ''}\n`);
        o.write(plan.rescreening.performed ? `re-screening: ${plan.rescreening.events.length} events, ${plan.rescreening.newAlerts} new alert(s)${plan.rescreening.rejected ? ': PLAN REJECTED' : ''}\n` : `re-screening skipped: ${plan.rescreening.reason ?? ''}\n`);
      }
      await o.close();
    });
}
