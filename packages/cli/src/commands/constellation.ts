/** `skylane constellation design|coverage`: Walker/custom-plane designs written as catalogs, and coverage statistics with an SVG map. */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import {
  bestWalkerPhasing,
  checkDesign,
  designConstellation,
  designElementSets,
  parseWalker,
  sgp4InputFrom,
  writeElementSets,
  type ElementSetFormat,
  type ShellSpec,
} from '@skylane/core';
import { computeCoverageParallel } from '@skylane/server/constellation';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { log, readTextFile } from '../io.ts';
import { parseChoice, parseFiniteNumber, parsePositive, UsageError } from '../usage.ts';
import { cliTimeScales, nowInstant } from '../context.ts';
import { parseMinEl } from './passes.ts';
import { coveragePng, coverageSvg, type CoverageMetric } from '../constellationSvg.ts';

interface DesignOptions {
  walker?: string;
  altitudeKm?: string;
  inclinationDeg?: string;
  epoch: string;
  shells?: string;
  star?: boolean;
  raanOffsetDeg?: string;
  firstId?: string;
  bestPhasing?: boolean;
  out: string;
  format?: string;
}

interface CoverageOptions {
  catalog: string;
  minEl: string;
  start: string;
  hours: string;
  stepS: string;
  gridDeg: string;
  json?: boolean;
  svg?: string;
  map?: string;
  svgMetric: string;
  cells?: boolean;
  threads?: string;
}

const EXTENSIONS: Record<string, ElementSetFormat> = { '.json': 'omm-json', '.kvn': 'omm-kvn', '.xml': 'omm-xml', '.tle': 'tle', '.txt': 'tle', '.3le': 'tle', '.csv': 'csv' };

function formatForPath(path: string, explicit: string | undefined): ElementSetFormat {
  if (explicit !== undefined) return parseChoice(explicit, '--format', ['omm-json', 'omm-kvn', 'omm-xml', 'tle', 'csv'] as const);
  const f = EXTENSIONS[extname(path).toLowerCase()];
  if (f === undefined) throw new UsageError(`--out: cannot tell the format from "${path}": use .json (OMM JSON), .kvn, .xml, .tle or .csv, or pass --format.`);
  return f;
}

function number(text: string | undefined, flag: string): number {
  if (text === undefined) throw new UsageError(`${flag} is required with --walker.`);
  return parseFiniteNumber(text, flag);
}

/** Reads a shells file: an array of shell specs or { shells: [...] } (see docs/design/constellation-deployment.md). */
function loadShells(path: string): ShellSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--shells: ${path} is not valid JSON (${(err as Error).message}).`);
  }
  const list = Array.isArray(json) ? json : (json as { shells?: unknown }).shells;
  if (!Array.isArray(list) || list.length === 0) throw new UsageError(`--shells: ${path} must hold a non-empty array of shells (or { "shells": [...] }).`);
  return list as ShellSpec[];
}

export function registerConstellationCommand(program: Command): void {
  const cmd = program.command('constellation').description('design constellations (Walker Delta/Star, custom planes) and compute their coverage');
  cmd
    .command('design')
    .description('write a Walker T/P/F shell (and/or the shells of a file) as a catalog of nominal mean elements; checks inter-plane close approaches')
    .option('--walker <T/P/F>', 'Walker pattern: total satellites / planes / phasing, e.g. 1296/36/1')
    .option('--altitude-km <km>', 'altitude of the Walker shell above 6378.135 km (SGP4 WGS-72 radius)')
    .option('--inclination-deg <deg>', 'inclination of the Walker shell')
    .option('--star', 'Walker Star (planes over 180° of RAAN) instead of Walker Delta')
    .option('--raan-offset-deg <deg>', 'RAAN of the first plane (default 0)')
    .option('--best-phasing', 'replace F by the phasing that maximises the closest inter-plane approach')
    .option('--shells <file>', 'JSON file of shells: [{kind: "walker-delta"|"walker-star", totalSatellites, planes, phasing, altitudeKm, inclinationDeg} | {kind: "planes", altitudeKm, inclinationDeg, slotsPerPlane, planes: [{raanDeg, phaseOffsetDeg?, occupiedSlots?}]}]')
    .requiredOption('--epoch <iso>', 'epoch of the element sets, ISO-8601 UTC')
    .option('--first-id <n>', 'catalog number of the first satellite (default 300001, inside the TLE Alpha-5 range)')
    .requiredOption('--out <file>', 'output file: .json writes OMM JSON (CelesTrak field names), .kvn/.xml OMM, .tle TLE, .csv CelesTrak CSV')
    .option('--format <format>', 'output format, overriding the extension: omm-json|omm-kvn|omm-xml|tle|csv')
    .addHelpText(
      'after',
      `
Elements are the nominal mean elements exactly as designed: circular, inclination and RAAN as given, mean motion of
the altitude with SGP4's constants (a = 6378.135 + h km, mu = 398600.8), B* = 0. stderr reports, per shell, the
closest approach between satellites of different planes (exact for circular orbits) and the best Walker phasing.

Examples:
  $ skylane constellation design --walker 1296/36/1 --altitude-km 1068.5 --inclination-deg 89 \\
      --epoch 2026-09-22T12:00:00Z --out qianfan-shell.json
  $ skylane constellation design --shells shells.json --epoch 2026-09-22T12:00:00Z --out design.tle`,
    )
    .action(async (opts: DesignOptions) => {
      const ts = cliTimeScales();
      let epoch;
      try {
        epoch = ts.parseUtcIso(opts.epoch);
      } catch (err) {
        throw new UsageError(`--epoch: ${(err as Error).message}`);
      }
      const shells: ShellSpec[] = opts.shells !== undefined ? loadShells(opts.shells) : [];
      if (opts.walker !== undefined) {
        const w = parseWalker(opts.walker);
        const altitudeKm = number(opts.altitudeKm, '--altitude-km');
        const inclinationDeg = number(opts.inclinationDeg, '--inclination-deg');
        const kind = opts.star === true ? 'walker-star' : 'walker-delta';
        const phasing = opts.bestPhasing === true ? bestWalkerPhasing(w.totalSatellites, w.planes, altitudeKm, inclinationDeg, kind).phasing : w.phasing;
        shells.unshift({ kind, ...w, phasing, altitudeKm, inclinationDeg, ...(opts.raanOffsetDeg !== undefined ? { raanOffsetDeg: number(opts.raanOffsetDeg, '--raan-offset-deg') } : {}) });
      } else if (opts.shells === undefined) {
        throw new UsageError('Give --walker T/P/F with --altitude-km and --inclination-deg, or --shells FILE (or both).');
      }
      const firstId = opts.firstId !== undefined ? parsePositive(opts.firstId, '--first-id') : undefined;
      const design = designConstellation({ shells, ...(firstId !== undefined ? { firstCatalogNumber: firstId } : {}) });
      const format = formatForPath(opts.out, opts.format);
      const text = writeElementSets(designElementSets(design, epoch), format, { timeScales: ts, creationDate: nowInstant(ts) });
      writeFileSync(opts.out, text);
      for (const c of checkDesign(design, 10)) {
        const s = design.shells[c.shell]!;
        log.info(`shell ${c.name}: ${s.planes.length} planes × ${s.slotsPerPlane} slots at ${s.altitudeKm} km, ${s.inclinationDeg}°; closest inter-plane approach ${Number.isFinite(c.minDistanceKm) ? c.minDistanceKm.toFixed(1) : '—'} km (${c.pairsBelowThreshold} plane pairs under 10 km)`);
      }
      log.info(`${design.satellites.length} satellites written to ${opts.out} (${format})`);
    });

  cmd
    .command('coverage')
    .description('coverage fraction, satellites in view and revisit gaps over a global latitude/longitude grid')
    .requiredOption('--catalog <file>', 'catalog file (TLE, OMM KVN/XML/JSON, CSV; .gz accepted), e.g. the output of constellation design')
    .requiredOption('--min-el <deg>', 'minimum elevation, degrees (0 … 89)')
    .requiredOption('--start <iso>', 'start, ISO-8601 UTC')
    .requiredOption('--hours <h>', 'span in hours')
    .option('--step-s <s>', 'sample step in seconds', '60')
    .option('--grid-deg <deg>', 'grid spacing in degrees (divides 180)', '1')
    .option('--json', 'print the statistics as JSON on stdout (default: a text summary)')
    .option('--cells', 'include per-cell arrays in the JSON (row-major from the south-west cell)')
    .option('--svg <file>', 'write a coverage map as SVG')
    .option('--map <file.png>', 'write a coverage map as PNG (2 px per degree, same colours as --svg)')
    .option('--svg-metric <metric>', 'map metric (SVG and PNG): coverage|max-gap|in-view', 'coverage')
    .option('--threads <n>', 'worker threads (default: all cores; 0 = in process)')
    .addHelpText(
      'after',
      `
JSON: {coverageFraction, alwaysCoveredAreaFraction, meanSatellitesInView, minSatellitesInView, maxSatellitesInView,
maxRevisitGapS, meanRevisitGapS, perLatitude: [{latDeg, coverageFraction, meanSatellitesInView, min/max, maxRevisitGapS,
meanRevisitGapS, gaps, cellsAlwaysCovered}], samples, satellites, ...}. Cells are weighted by the cosine of latitude;
elevation is geometric above the WGS-84 ellipsoid; a revisit gap is a run of samples with no satellite in view.

Examples:
  $ skylane constellation coverage --catalog qianfan-shell.json --min-el 10 --start 2026-09-22T12:00:00Z --hours 24 --json
  $ skylane constellation coverage --catalog design.tle --min-el 25 --start 2026-09-22T12:00:00Z --hours 6 \\
      --grid-deg 2 --svg coverage.svg --svg-metric max-gap
  $ skylane constellation coverage --catalog design.json --min-el 10 --start 2026-09-22T12:00:00Z --hours 2 --map coverage.png`,
    )
    .action(async (opts: CoverageOptions) => {
      const ts = cliTimeScales();
      const minEl = parseMinEl(opts.minEl)!;
      if (minEl < 0) throw new UsageError(`--min-el: "${opts.minEl}" must be between 0 and 89 degrees for coverage.`);
      try {
        ts.parseUtcIso(opts.start);
      } catch (err) {
        throw new UsageError(`--start: ${(err as Error).message}`);
      }
      const hours = parsePositive(opts.hours, '--hours');
      if (hours > 24 * 31) throw new UsageError('--hours: at most 744 (31 days); split longer spans.');
      const step = parsePositive(opts.stepS, '--step-s');
      const grid = parsePositive(opts.gridDeg, '--grid-deg');
      if (Math.abs(Math.round(180 / grid) * grid - 180) > 1e-9) throw new UsageError(`--grid-deg: ${grid} must divide 180 (e.g. 0.5, 1, 2, 5).`);
      const metric = parseChoice(opts.svgMetric, '--svg-metric', ['coverage', 'max-gap', 'in-view'] as const) as CoverageMetric;
      const sets = selectObjects(loadCatalog([opts.catalog], 'auto', ts).elementSets, undefined);
      if (sets.length === 0) throw new UsageError(`--catalog: no usable element set in ${opts.catalog}.`);
      const threads = opts.threads !== undefined ? Math.floor(Number(opts.threads)) : undefined;
      if (threads !== undefined && !(threads >= 0)) throw new UsageError(`--threads: "${opts.threads}" must be a non-negative integer.`);
      if (opts.map !== undefined && extname(opts.map).toLowerCase() !== '.png') throw new UsageError(`--map: "${opts.map}" must end in .png (use --svg for an SVG map).`);
      const wantCells = opts.cells === true || opts.svg !== undefined || opts.map !== undefined;
      const result = await computeCoverageParallel(
        { inputs: sets.map((s) => sgp4InputFrom(s, ts)), startIso: opts.start, durationS: hours * 3600, stepS: step, minElevationDeg: minEl, latStepDeg: grid, lonStepDeg: grid, cells: wantCells },
        threads !== undefined ? { threads } : sets.length * (hours * 3600) / step < 20_000 ? { threads: 0 } : {},
      );
      for (const f of result.failures) log.warn(`object ${f.catalogNumber} left out: ${f.message}`);
      if (opts.svg !== undefined) {
        writeFileSync(opts.svg, coverageSvg(result, metric));
        log.info(`coverage map written to ${opts.svg}`);
      }
      if (opts.map !== undefined) {
        writeFileSync(opts.map, coveragePng(result, metric));
        log.info(`coverage map written to ${opts.map}`);
      }
      const shown = opts.cells === true ? result : { ...result, cells: undefined };
      if (opts.json === true) process.stdout.write(JSON.stringify(shown, null, 1) + '\n');
      else {
        process.stdout.write(
          `satellites ${result.satellites}, ${result.samples} samples, grid ${grid}°, min elevation ${minEl}°\n` +
            `coverage ${(result.coverageFraction * 100).toFixed(3)} % (always covered: ${(result.alwaysCoveredAreaFraction * 100).toFixed(2)} % of the area)\n` +
            `satellites in view: mean ${result.meanSatellitesInView.toFixed(2)}, min ${result.minSatellitesInView}, max ${result.maxSatellitesInView}\n` +
            `revisit gap: max ${result.maxRevisitGapS} s, mean ${result.meanRevisitGapS.toFixed(1)} s\n`,
        );
      }
    });
}
