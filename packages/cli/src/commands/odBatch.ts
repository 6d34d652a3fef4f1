/**
 * `skylane od-batch`: batch orbit determination: one SGP4 element-set fit (as `skylane od --dynamics sgp4`) per object
 * of the tracking files, each from its catalog element set, in process or on a Redis queue's workers (`--queue`, the
 * `od` run kind: object blocks), with the same JSON output either way.
 */
import type { Command } from 'commander';
import { readFinalsEop, readTdm, RAD_TO_DEG, tdmToObservations, type ElementSet, type Observation, type StationSpec } from '@skylane/core';
import type { OdBatchObject, OdBatchRunInput } from '@skylane/server/distributed';
import { loadCatalog } from '../catalogInput.ts';
import { fileLabel, log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';
import { asUsage } from '../forceFlags.ts';
import { readStations } from './od.ts';
import { parseQueueUrl, parseShards } from './worker.ts';

interface OdBatchOptions {
  tdm: string[];
  stations: string;
  catalog: string[];
  ids?: string;
  estimate: string;
  sigmaRangeM: string;
  sigmaRangeRateMps: string;
  sigmaAngleDeg: string;
  outlierSigma: string;
  maxIterations: string;
  eop?: string;
  queue?: string;
  shards?: string;
}

export function registerOdBatchCommand(program: Command): void {
  program
    .command('od-batch')
    .description('batch orbit determination: an SGP4 element-set fit per object of the tracking files (in process or on a Redis queue)')
    .requiredOption('--tdm <files...>', 'CCSDS TDM file(s), KVN or XML; each measurement belongs to the object named by its digits-only participant')
    .requiredOption('--stations <file>', 'stations JSON: [{"name","latDeg","lonDeg","altitudeM"}] (WGS-84), matched to TDM participants by name')
    .requiredOption('--catalog <files...>', 'template element sets (TLE/OMM): the initial guess of every object')
    .option('--ids <list>', 'comma-separated catalog numbers to fit (default: every object with measurements and an element set)')
    .option('--estimate <list>', 'state or state,bstar', 'state')
    .option('--sigma-range-m <m>', 'TDM range σ (m)', '10')
    .option('--sigma-range-rate-mps <m/s>', 'TDM range-rate σ (m/s)', '0.01')
    .option('--sigma-angle-deg <deg>', 'TDM angle σ (deg)', '0.01')
    .option('--outlier-sigma <k>', 'edit residuals above k σ once the fit has settled (0 = no editing)', '6')
    .option('--max-iterations <n>', 'most Gauss–Newton iterations per object', '20')
    .option('--eop <file>', 'IERS finals2000A file; default none (UT1 = UTC)')
    .option('--queue <url>', 'run the fits on the workers of this Redis queue (redis://HOST:PORT; see `skylane worker`): same output as a local run')
    .option('--shards <n>', 'with --queue: number of object blocks (default one per 20 objects)')
    .addHelpText(
      'after',
      `
JSON on stdout: {fits: [{object, fit}], failures: [{object, code, message}]}, objects in ascending catalog number;
each fit is the document \`skylane od --dynamics sgp4 --json\` prints for that object alone (GCRF state and 6×6
covariance at the fitted epoch, residual statistics per station and type, the fitted element set). An object whose
fit fails is listed in failures and never sinks the batch.

Examples:
  $ skylane od-batch --tdm radar1.tdm radar2.tdm --stations stations.json --catalog gp.tle --estimate state,bstar > fits.json
  $ skylane od-batch --tdm week.tdm --stations stations.json --catalog gp.tle --queue redis://127.0.0.1:6379 --shards 16`,
    )
    .action(async (opts: OdBatchOptions) => {
      const estimates = opts.estimate.split(',').map((e) => parseChoice(e.trim(), '--estimate', ['state', 'bstar'] as const));
      const outlier = parseNumberInRange(opts.outlierSigma, '--outlier-sigma', { min: 0, max: 1e6, unit: 'σ' });
      const maxIterations = parseNumberInRange(opts.maxIterations, '--max-iterations', { min: 1, max: 200, integer: true, unit: '' });
      const sigmaRangeKm = parseNumberInRange(opts.sigmaRangeM, '--sigma-range-m', { min: 0, max: 1e6, minExclusive: true, unit: 'm' }) / 1000;
      const sigmaRangeRate = parseNumberInRange(opts.sigmaRangeRateMps, '--sigma-range-rate-mps', { min: 0, max: 1e4, minExclusive: true, unit: 'm/s' }) / 1000;
      const sigmaAngle = parseNumberInRange(opts.sigmaAngleDeg, '--sigma-angle-deg', { min: 0, max: 90, minExclusive: true, unit: 'deg' }) / RAD_TO_DEG;
      const queueUrl = opts.queue !== undefined ? parseQueueUrl(opts.queue) : undefined;
      const objectBlocks = parseShards(opts.shards, queueUrl);
      const ids = opts.ids !== undefined ? parseIdList(opts.ids, '--ids') : undefined;
      const eop = opts.eop !== undefined ? asUsage(() => readFinalsEop(readTextFile(opts.eop!), fileLabel(opts.eop!))) : null;
      const { odKind, odBatchTimeScales, runKindDistributed, runOdBatchLocal } = await import('@skylane/server/distributed');
      const ts = odBatchTimeScales({ eop });
      const stations: StationSpec[] = readStations(opts.stations);

      const byObject = new Map<number, Observation[]>();
      let anonymous = 0;
      for (const f of opts.tdm) {
        const read = asUsage(() => readTdm(readTextFile(f)));
        for (const p of read.problems) log.warn(`${fileLabel(f)}: line ${p.line}${p.field !== undefined ? `, field ${p.field}` : ''}: ${p.code}: ${p.message}`);
        const conv = tdmToObservations(read.tdm, { stations, timeScales: ts, sigmaRangeKm, sigmaRangeRateKmPerS: sigmaRangeRate, sigmaAngleRad: sigmaAngle, file: fileLabel(f) });
        for (const p of conv.problems) log.warn(`${fileLabel(f)}: line ${p.line}${p.field !== undefined ? `, field ${p.field}` : ''}: ${p.code}: ${p.message}`);
        for (const o of conv.observations) {
          if (o.objectId === undefined) anonymous++;
          else {
            const list = byObject.get(o.objectId);
            if (list === undefined) byObject.set(o.objectId, [o]);
            else list.push(o);
          }
        }
      }
      if (anonymous > 0) log.warn(`${anonymous} measurements name no object (a digits-only TDM participant): skipped; fit them one object at a time with skylane od --ids N.`);
      const templates = new Map<number, ElementSet>();
      for (const s of loadCatalog(opts.catalog, 'auto', ts, { quiet: true }).elementSets) if (!templates.has(s.catalogNumber)) templates.set(s.catalogNumber, s);
      const wanted = ids ?? [...byObject.keys()].sort((a, b) => a - b);
      const objects: OdBatchObject[] = [];
      for (const id of [...new Set(wanted)].sort((a, b) => a - b)) {
        const template = templates.get(id);
        const observations = byObject.get(id);
        if (template === undefined) log.warn(`object ${id}: no element set in --catalog: not fitted.`);
        else if (observations === undefined) log.warn(`object ${id}: no measurement in --tdm: not fitted.`);
        else objects.push({ template, observations });
      }
      if (objects.length === 0) throw new UsageError('No object to fit: no object has both measurements in --tdm and an element set in --catalog.');
      const input: OdBatchRunInput = { objects, stations, estimateBstar: estimates.includes('bstar'), maxIterations, outlierSigma: outlier === 0 ? Number.POSITIVE_INFINITY : outlier, eop };
      log.info(`od-batch: ${objects.length} objects, ${objects.reduce((a, o) => a + o.observations.length, 0)} measurements`);
      const t0 = performance.now();
      const r =
        queueUrl === undefined
          ? runOdBatchLocal(input)
          : await runKindDistributed(odKind, input, {
              url: queueUrl,
              ...(objectBlocks !== undefined ? { sharding: { objectBlocks } } : {}),
              onSubmitted: (s) => log.info(`run ${s.runId.slice(0, 12)} queued on ${queueUrl}: ${s.shards} shards, input snapshot ${s.snapshotHash.slice(0, 12)} (${s.snapshotBytes} bytes)`),
              onProgress: (p) => log.info(`progress: ${p.shardsDone}/${p.shardsTotal} shards, ${p.itemsSoFar} objects`),
            });
      for (const f of r.failures) log.warn(`object ${f.object}: ${f.code}: ${f.message}`);
      const notConverged = r.fits.filter((f) => f.fit.converged !== true).length;
      log.info(`od-batch: ${r.fits.length} fitted (${notConverged} not converged), ${r.failures.length} failed, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const out = openOutput(undefined);
      out.write(JSON.stringify(r, null, 1) + '\n');
      await out.close();
    });
}
