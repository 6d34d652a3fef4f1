/** `skylane tdm convert|validate` (CCSDS Tracking Data Messages) and `skylane correlate` (tracks → catalog objects, UCTs). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  correlateTracks, linkUncorrelatedTracks, readTdm, tdmDataCount, tdmToObservations, tracksFromObservations, validateNdmXml, writeTdmKvn, writeTdmXml,
  type Observation, type SchemaFile, type StationSpec, type TdmProblem,
} from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { cliTimeScales } from '../context.ts';
import { checkOutputFile, log, openOutput, readTextFile } from '../io.ts';
import { UsageError } from '../usage.ts';

function loadSchemas(): SchemaFile[] {
  const d = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../validation/ccsds-schemas');
  return readdirSync(d).filter((f) => f.endsWith('.xsd')).map((f) => ({ fileName: f, contents: readFileSync(path.join(d, f), 'utf8') }));
}

const problemJson = (file: string, p: TdmProblem): Record<string, unknown> => ({ file, line: p.line, field: p.field, code: p.code, severity: p.severity, message: p.message, ...(p.segment !== undefined ? { segment: p.segment } : {}) });

/** Reads a stations file `[{"name","latDeg","lonDeg","altitudeM"}]` (WGS-84). */
export function readStationsFile(file: string): StationSpec[] {
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(file));
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message}); the stations file is [{"name","latDeg","lonDeg","altitudeM"}].`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file}: the stations file is a JSON array [{"name","latDeg","lonDeg","altitudeM"}].`);
  return data.map((s: unknown, i) => {
    const o = s as Record<string, unknown>;
    const ok = typeof o['name'] === 'string' && [o['latDeg'], o['lonDeg'], o['altitudeM']].every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!ok || Math.abs(o['latDeg'] as number) > 90) throw new UsageError(`${file}: station ${i + 1} needs "name" (string), "latDeg" (-90..90), "lonDeg" and "altitudeM" (numbers).`);
    return { name: o['name'] as string, latDeg: o['latDeg'] as number, lonDeg: o['lonDeg'] as number, altitudeM: o['altitudeM'] as number };
  });
}

export function registerTdmCommands(program: Command): void {
  const tdm = program.command('tdm').description('CCSDS Tracking Data Messages (503.0-B-2): convert KVN↔XML and validate');
  tdm
    .command('convert')
    .description('convert a TDM between KVN and NDM/XML; the output form follows --out\'s extension (.xml → XML, anything else → KVN)')
    .argument('<in>', 'TDM file (KVN or XML)')
    .requiredOption('--out <file>', 'output file: .xml for NDM/XML, .kvn/.txt/.tdm for KVN')
    .addHelpText('after', '\nExamples:\n  skylane tdm convert pass.kvn --out pass.xml\n  skylane tdm convert pass.xml --out pass.kvn\n\nLines the reader cannot use are reported on stderr with line and field; the writer refuses a message that is not a valid TDM.')
    .action(async (file: string, opts: { out: string }) => {
      checkOutputFile(opts.out, '--out');
      const r = readTdm(readTextFile(file));
      for (const p of r.problems) log.warn(`${file}:${p.line}: ${p.field}: ${p.message}`);
      const text = opts.out.toLowerCase().endsWith('.xml') ? writeTdmXml(r.tdm) : writeTdmKvn(r.tdm);
      const o = openOutput(opts.out);
      o.write(text);
      await o.close();
      log.info(`${tdmDataCount(r.tdm)} data lines in ${r.tdm.segments.length} segment(s) written to ${opts.out}.`);
    });
  tdm
    .command('validate')
    .description('check a TDM: CCSDS keywords, values, participants, paths and time-tag order (KVN and XML), plus the NDM/XML 2.0 XSD for XML; exit 0 valid, 1 invalid')
    .argument('<file>', 'TDM file (KVN or XML)')
    .option('--json', 'print {valid, dataLines, segments, problems: [{line, field, code, severity, message}]}')
    .addHelpText('after', '\nExamples:\n  skylane tdm validate pass.kvn\n  skylane tdm validate pass.xml --json')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = readTextFile(file);
      const problems: Record<string, unknown>[] = [];
      let dataLines = 0;
      let segments = 0;
      try {
        const r = readTdm(text);
        dataLines = tdmDataCount(r.tdm);
        segments = r.tdm.segments.length;
        problems.push(...r.problems.map((p) => problemJson(file, p)));
      } catch (e) {
        const err = e as { line?: number; field?: string; code?: string; message: string };
        problems.push({ file, line: err.line ?? 1, field: err.field ?? '', code: err.code ?? 'PARSE_ERROR', severity: 'error', message: err.message });
      }
      if (/^\s*(?:\uFEFF)?\s*</.test(text)) {
        const v = await validateNdmXml(text, loadSchemas());
        for (const e of v.errors) problems.push({ file, line: e.line ?? 0, field: 'xsd', code: 'XSD_INVALID', severity: 'error', message: e.message });
      }
      const valid = !problems.some((p) => p['severity'] === 'error');
      if (opts.json) process.stdout.write(JSON.stringify({ file, valid, segments, dataLines, problems }, null, 2) + '\n');
      else {
        for (const p of problems) process.stdout.write(`${file}:${String(p['line'])}: ${String(p['severity'])} ${String(p['code'])} ${String(p['field'])}: ${String(p['message'])}\n`);
        process.stdout.write(`${file}: ${valid ? 'valid' : 'invalid'} (${segments} segment(s), ${dataLines} data lines)\n`);
      }
      if (!valid) process.exitCode = 1;
    });

  program
    .command('correlate')
    .description('associate the tracks of TDM files with catalog objects (SGP4, Mahalanobis gate on an assumed catalog covariance); unmatched tracks are UCTs, linked into provisional objects (analyst numbers 800000-899999)')
    .requiredOption('--tdm <files...>', 'TDM files (KVN or XML) with RANGE + ANGLE_1/ANGLE_2 (AZEL) or angles-only data')
    .requiredOption('--catalog <files...>', 'catalog files (TLE, OMM KVN/XML/JSON/CSV)')
    .requiredOption('--stations <file>', 'stations JSON [{"name","latDeg","lonDeg","altitudeM"}] matched to TDM participants by name')
    .option('--json', 'print the result as JSON')
    .option('--sigma-range-km <km>', 'range noise (km)', '0.03')
    .option('--sigma-angle-deg <deg>', 'angle noise (deg)', '0.02')
    .addHelpText('after', '\nExamples:\n  skylane correlate --tdm passes.kvn --catalog catalog.json --stations stations.json --json\n\nJSON: {tracks, correlated, ambiguous, ucts, results: [{trackId, station, status, catalogNumber, mahalanobis2, candidates}], provisionalObjects, problems}')
    .action((opts: { tdm: string[]; catalog: string[]; stations: string; json?: boolean; sigmaRangeKm: string; sigmaAngleDeg: string }) => {
      const ts = cliTimeScales();
      const stations = readStationsFile(opts.stations);
      const sigmaRange = Number(opts.sigmaRangeKm);
      const sigmaAngle = (Number(opts.sigmaAngleDeg) * Math.PI) / 180;
      if (!(sigmaRange > 0) || !(sigmaAngle > 0)) throw new UsageError('--sigma-range-km and --sigma-angle-deg must be positive numbers.');
      const observations: Observation[] = [];
      const problems: Record<string, unknown>[] = [];
      for (const f of opts.tdm) {
        const r = readTdm(readTextFile(f));
        problems.push(...r.problems.map((p) => problemJson(f, p)));
        const c = tdmToObservations(r.tdm, { stations, timeScales: ts, sigmaRangeKm: sigmaRange, sigmaAngleRad: sigmaAngle, file: f });
        problems.push(...c.problems.map((p) => problemJson(f, p)));
        observations.push(...c.observations);
      }
      const catalog = loadCatalog(opts.catalog, 'auto', ts, { quiet: true });
      const { tracks, unusable } = tracksFromObservations(observations, stations, { timeScales: ts });
      for (const u of unusable) problems.push({ file: u.observation.source?.file, line: u.observation.source?.line, field: u.observation.type, code: 'NOT_FOUND', severity: 'error', message: u.reason });
      const { results, catalogFailures } = correlateTracks(tracks, catalog.elementSets, { timeScales: ts });
      const ucts = tracks.filter((_, i) => results[i]!.status === 'uct');
      const { provisionalObjects } = linkUncorrelatedTracks(ucts);
      const out = {
        tracks: tracks.length,
        correlated: results.filter((r) => r.status === 'correlated').length,
        ambiguous: results.filter((r) => r.status === 'ambiguous').length,
        ucts: ucts.length,
        results: results.map((r, i) => ({ ...r, station: tracks[i]!.station, epoch: ts.formatUtcIso(tracks[i]!.fix.epoch, 3), observations: tracks[i]!.observationCount })),
        provisionalObjects: provisionalObjects.map((p) => ({ analystNumber: p.analystNumber, epoch: ts.formatUtcIso(p.epoch, 3), frame: 'TEME', positionKm: [...p.positionKm], velocityKmPerS: [...p.velocityKmPerS], covariance: p.covariance, trackIds: p.trackIds, method: p.method })),
        catalogFailures: catalogFailures.length,
        problems,
      };
      if (opts.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      else {
        for (const p of problems) log.warn(`${String(p['file'])}:${String(p['line'])}: ${String(p['field'])}: ${String(p['message'])}`);
        for (const r of out.results) process.stdout.write(`${r.trackId}\t${r.epoch}\t${r.status}\t${r.catalogNumber ?? ''}\t${r.mahalanobis2?.toFixed(2) ?? ''}\n`);
        process.stdout.write(`${out.tracks} tracks: ${out.correlated} correlated, ${out.ambiguous} ambiguous, ${out.ucts} UCTs, ${provisionalObjects.length} provisional objects\n`);
      }
    });
}
