/** `skylane simulate tracking|breakup` (sensor simulator, NASA standard breakup model) and `skylane breakup detect`. */
import type { Command } from 'commander';
import {
  correlateTracks, detectBreakup, gabbardDiagram, linkUncorrelatedTracks, meanElementsFromTemeState, observationsToTdm, readTdm, simulateBreakup, simulateTracking,
  tdmToObservations, tracksFromObservations, writeElementSets, writeTdmKvn, writeTdmXml,
  type BreakupObjectClass, type ElementSet, type Instant, type Observation, type SimulatedSite, type StationSpec, type TimeScales,
} from '@skylane/core';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { cliTimeScales } from '../context.ts';
import { gabbardSvg } from '../gabbardSvg.ts';
import { checkOutputFile, log, readTextFile, writeFileAtomically } from '../io.ts';
import { parseChoice, parseIdList, parsePositive, UsageError } from '../usage.ts';
import { readStationsFile } from './tdm.ts';

function parseIso(text: string, flag: string, ts: TimeScales): Instant {
  try {
    return ts.parseUtcIso(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not an ISO-8601 UTC time such as 2026-03-10T00:00:00Z.`);
  }
}

const NUMERIC_SITE_FIELDS = ['minElevationDeg', 'maxRangeKm', 'referenceRcsM2', 'referenceRangeKm', 'referenceSnrDb', 'minSnrDb', 'sigmaRangeKm', 'sigmaRangeRateKmPerS', 'sigmaAngleDeg', 'maxSunElevationDeg', 'limitingMagnitude', 'sigmaAngleArcsec'];

/** Reads a sensor-sites file: the stations file plus "type": "radar"|"optical" and optional sensor fields. */
export function readSitesFile(file: string): SimulatedSite[] {
  const base = readStationsFile(file);
  const raw = JSON.parse(readTextFile(file)) as Record<string, unknown>[];
  return base.map((s, i) => {
    const o = raw[i]!;
    const type = o['type'] ?? 'radar';
    if (type !== 'radar' && type !== 'optical') throw new UsageError(`${file}: station ${i + 1} ("${s.name}"): "type" must be "radar" or "optical", got ${JSON.stringify(type)}.`);
    const extra: Record<string, unknown> = {};
    for (const k of NUMERIC_SITE_FIELDS) {
      if (o[k] === undefined) continue;
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new UsageError(`${file}: station ${i + 1} ("${s.name}"): "${k}" must be a number.`);
      extra[k] = o[k];
    }
    if (o['rangeRate'] !== undefined) extra['rangeRate'] = o['rangeRate'] === true;
    if (o['azimuthSectorsDeg'] !== undefined) {
      const sec = o['azimuthSectorsDeg'];
      if (!Array.isArray(sec) || !sec.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number'))) throw new UsageError(`${file}: station ${i + 1}: "azimuthSectorsDeg" is [[fromDeg, toDeg], ...].`);
      extra['azimuthSectorsDeg'] = sec;
    }
    return { ...s, type, ...extra } as SimulatedSite;
  });
}

function writeSets(file: string, sets: readonly ElementSet[], ts: TimeScales, creationDate: Instant): void {
  const lower = file.toLowerCase();
  const format = lower.endsWith('.tle') || lower.endsWith('.txt') ? 'tle' : lower.endsWith('.json') ? 'omm-json' : lower.endsWith('.xml') ? 'omm-xml' : lower.endsWith('.csv') ? 'csv' : undefined;
  if (!format) throw new UsageError(`--out ${file}: use .json (OMM JSON), .tle, .xml (OMM XML) or .csv.`);
  writeFileAtomically(file, writeElementSets(sets, format, { timeScales: ts, creationDate }));
}

export function registerBreakupCommands(program: Command): void {
  const simulate = program.command('simulate').description('simulate tracking data (radar and optical sites) or a fragmentation (NASA standard breakup model)');
  simulate
    .command('tracking')
    .description('simulate radar (range, az/el, optional range rate) and optical (RA/Dec) measurements of catalog objects, with fields of regard, detection limits and seeded noise; written as a CCSDS TDM')
    .requiredOption('--catalog <files...>', 'catalog files (TLE, OMM KVN/XML/JSON/CSV)')
    .requiredOption('--ids <ids...>', 'catalog numbers of the objects to observe')
    .requiredOption('--stations <file>', 'sites JSON [{"name","latDeg","lonDeg","altitudeM","type":"radar"|"optical", ...sensor fields}]')
    .requiredOption('--start <iso>', 'first instant, ISO-8601 UTC')
    .requiredOption('--hours <h>', 'span in hours')
    .requiredOption('--out <file>', 'TDM file: .xml for NDM/XML, anything else KVN')
    .option('--step-s <s>', 'time step between measurements (s)', '20')
    .option('--seed <n>', 'noise seed', '1')
    .option('--size-m <m>', 'object size for the radar RCS and optical magnitude (m)', '1')
    .option('--no-noise', 'noiseless (geometric + light time) values')
    .addHelpText('after', `
Examples:
  skylane simulate tracking --catalog catalog.json --ids 25544 815 --stations sites.json --start 2026-03-10T00:00:00Z --hours 48 --out passes.tdm
Sites file: [{"name":"FYLINGDALES","latDeg":54.36,"lonDeg":-0.67,"altitudeM":340,"type":"radar","maxRangeKm":4000,"rangeRate":true},
             {"name":"TEIDE","latDeg":28.3,"lonDeg":-16.51,"altitudeM":2390,"type":"optical","limitingMagnitude":17}]
Radar fields: minElevationDeg (10), azimuthSectorsDeg, maxRangeKm (3000), referenceRcsM2 (0.01) / referenceRangeKm (1000) /
referenceSnrDb (13), minSnrDb (13), sigmaRangeKm (0.015), sigmaAngleDeg (0.02), rangeRate, sigmaRangeRateKmPerS (1e-4).
Optical fields: minElevationDeg (20), maxSunElevationDeg (-12), limitingMagnitude (16), sigmaAngleArcsec (2).`)
    .action((opts: { catalog: string[]; ids: string[]; stations: string; start: string; hours: string; out: string; stepS: string; seed: string; sizeM: string; noise: boolean }) => {
      const ts = cliTimeScales();
      checkOutputFile(opts.out, '--out');
      const sites = readSitesFile(opts.stations);
      const start = parseIso(opts.start, '--start', ts);
      const hours = parsePositive(opts.hours, '--hours');
      const stepS = parsePositive(opts.stepS, '--step-s');
      const sizeM = parsePositive(opts.sizeM, '--size-m');
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: "${opts.seed}" is not an integer.`);
      const ids = parseIdList(opts.ids.join(','), '--ids');
      const sets = selectObjects(loadCatalog(opts.catalog, 'auto', ts, { quiet: true }).elementSets, ids);
      if (sets.length === 0) throw new UsageError('--ids: none of these catalog numbers is in the catalog.');
      const r = simulateTracking(sets.map((elementSet) => ({ elementSet, sizeM })), sites, { timeScales: ts, start, durationS: hours * 3600, stepS, seed, noise: opts.noise });
      for (const f of r.failures) log.warn(`object ${f.catalogNumber}: ${f.reason}`);
      if (r.observations.length === 0) throw new UsageError('No site saw any object in the span: widen the span, the sites\' fields of regard or the detection limits.');
      const tdm = observationsToTdm(r.observations, ts, { creationDate: start });
      writeFileAtomically(opts.out, opts.out.toLowerCase().endsWith('.xml') ? writeTdmXml(tdm) : writeTdmKvn(tdm));
      log.info(`${r.observations.length} measurements (${Object.entries(r.detections).map(([k, v]) => `${k} ${v}`).join(', ')}) written to ${opts.out}.`);
    });

  simulate
    .command('breakup')
    .description('fragment a catalog object with the NASA standard breakup model (Johnson et al. 2001): fragments as SGP4 element sets at the breakup epoch (catalog numbers 300000+)')
    .requiredOption('--catalog <files...>', 'catalog files (TLE, OMM KVN/XML/JSON/CSV)')
    .requiredOption('--id <n>', 'catalog number of the parent')
    .requiredOption('--epoch <iso>', 'breakup epoch, ISO-8601 UTC')
    .requiredOption('--out <file>', 'fragments: .json (OMM JSON), .tle, .xml (OMM XML) or .csv')
    .option('--type <t>', 'explosion or collision', 'explosion')
    .option('--seed <n>', 'random seed', '1')
    .option('--min-lc-m <m>', 'smallest characteristic length (m)', '0.1')
    .option('--max-lc-m <m>', 'largest characteristic length (m)', '1')
    .option('--object-class <c>', 'area-to-mass law of fragments > 11 cm: spacecraft or rocketBody', 'spacecraft')
    .option('--scale <s>', 'explosion scaling factor S', '1')
    .option('--target-mass-kg <kg>', 'collision: parent mass (kg)')
    .option('--projectile-mass-kg <kg>', 'collision: projectile mass (kg)')
    .option('--impact-speed-km-s <v>', 'collision: impact speed (km/s)')
    .option('--first-number <n>', 'first fragment catalog number', '300000')
    .option('--gabbard <file>', 'write the fragments\' Gabbard diagram as SVG')
    .option('--json', 'print a summary as JSON (fragments with Lc, A/m, mass, Δv)')
    .addHelpText('after', `
Examples:
  skylane simulate breakup --catalog catalog.json --id 815 --epoch 2026-03-10T06:00:00Z --seed 7 --out fragments.json --gabbard gabbard.svg
  skylane simulate breakup --catalog catalog.json --id 7434 --epoch 2026-03-10T06:00:00Z --type collision \\
      --target-mass-kg 1400 --projectile-mass-kg 5 --impact-speed-km-s 11 --min-lc-m 0.2 --out fragments.tle`)
    .action((opts: Record<string, string | boolean | undefined>) => {
      const ts = cliTimeScales();
      const out = opts['out'] as string;
      checkOutputFile(out, '--out');
      if (opts['gabbard'] !== undefined) checkOutputFile(opts['gabbard'] as string, '--gabbard');
      const id = parseIdList(opts['id'] as string, '--id')[0]!;
      const epoch = parseIso(opts['epoch'] as string, '--epoch', ts);
      const type = parseChoice(opts['type'] as string, '--type', ['explosion', 'collision'] as const);
      const objectClass = parseChoice(opts['objectClass'] as string, '--object-class', ['spacecraft', 'rocketBody'] as const) as BreakupObjectClass;
      const seed = Number(opts['seed']);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: "${String(opts['seed'])}" is not an integer.`);
      const first = Number(opts['firstNumber']);
      if (!Number.isInteger(first) || first < 1) throw new UsageError(`--first-number: "${String(opts['firstNumber'])}" is not a catalog number.`);
      const num = (k: string, flag: string): number | undefined => (opts[k] === undefined ? undefined : parsePositive(opts[k] as string, flag));
      const collision = { targetMassKg: num('targetMassKg', '--target-mass-kg'), projectileMassKg: num('projectileMassKg', '--projectile-mass-kg'), impactSpeedKmPerS: num('impactSpeedKmS', '--impact-speed-km-s') };
      if (type === 'collision' && Object.values(collision).some((v) => v === undefined)) throw new UsageError('--type collision needs --target-mass-kg, --projectile-mass-kg and --impact-speed-km-s.');
      const [parent] = selectObjects(loadCatalog(opts['catalog'] as unknown as string[], 'auto', ts, { quiet: true }).elementSets, [id]);
      if (!parent) throw new UsageError(`--id ${id}: not in the catalog.`);
      const sim = simulateBreakup({
        parent, epoch, timeScales: ts, type, objectClass, seed, firstCatalogNumber: first,
        minLcM: parsePositive(opts['minLcM'] as string, '--min-lc-m'), maxLcM: parsePositive(opts['maxLcM'] as string, '--max-lc-m'), explosionScale: parsePositive(opts['scale'] as string, '--scale'),
        ...Object.fromEntries(Object.entries(collision).filter(([, v]) => v !== undefined)),
      });
      writeSets(out, sim.fragments.map((f) => f.elementSet), ts, epoch);
      if (opts['gabbard'] !== undefined) {
        writeFileAtomically(opts['gabbard'] as string, gabbardSvg(gabbardDiagram(sim.fragments.map((f) => f.elementSet)), `Gabbard diagram: simulated ${type} of ${id}`, gabbardDiagram([sim.parentAtEpoch])[0]), '--gabbard');
      }
      if (opts['json'] === true) {
        process.stdout.write(JSON.stringify({
          parent: id, epoch: ts.formatUtcIso(epoch, 3), type, fragmentCount: sim.fragments.length, dropped: sim.dropped,
          fragments: sim.fragments.map((f) => ({ catalogNumber: f.elementSet.catalogNumber, lcM: f.lcM, areaToMassM2PerKg: f.areaToMassM2PerKg, massKg: f.massKg, areaM2: f.areaM2, deltaVMps: f.deltaVMps, bstarPerEarthRadii: f.elementSet.bstarPerEarthRadii })),
        }, null, 2) + '\n');
      }
      log.info(`${sim.fragments.length} fragments of ${id} written to ${out}${sim.dropped.length > 0 ? ` (${sim.dropped.length} more re-enter at once or have no SGP4 elements: left out)` : ''}.`);
    });

  program
    .command('breakup')
    .description('fragmentation events')
    .command('detect')
    .description('detect a breakup in new element sets (--elements) or in the UCTs of tracking data (--tdm): cluster near one orbit, epoch of minimum dispersion by backward SGP4 propagation, parent = nearest catalog object at that epoch')
    .requiredOption('--catalog <files...>', 'catalog files to find the parent in (TLE, OMM KVN/XML/JSON/CSV)')
    .option('--elements <files...>', 'new element sets (fragments, provisional objects)')
    .option('--tdm <files...>', 'TDM files: tracks that correlate with no catalog object (UCTs) are linked and turned into element sets')
    .option('--stations <file>', 'stations JSON for --tdm [{"name","latDeg","lonDeg","altitudeM"}]')
    .option('--min-fragments <n>', 'smallest cluster reported as a breakup', '3')
    .option('--search-back-hours <h>', 'how far before the earliest element set to search', '72')
    .option('--plane-tolerance-deg <deg>', 'orbit-plane clustering tolerance', '2')
    .option('--gabbard <file>', 'write the Gabbard diagram of the new sets as SVG')
    .option('--json', 'print {detected, parent, epoch, epochUncertaintyS, dispersionKm, fragments, fragmentCount, unclustered, failed, gabbard}')
    .addHelpText('after', `
Examples:
  skylane breakup detect --elements fragments.json --catalog catalog.json --json
  skylane breakup detect --tdm passes.tdm --stations stations.json --catalog catalog.json --json --gabbard gabbard.svg`)
    .action((opts: { catalog: string[]; elements?: string[]; tdm?: string[]; stations?: string; minFragments: string; searchBackHours: string; planeToleranceDeg: string; gabbard?: string; json?: boolean }) => {
      const ts = cliTimeScales();
      if (!opts.elements && !opts.tdm) throw new UsageError('Give new element sets (--elements) or tracking data (--tdm with --stations).');
      if (opts.tdm && !opts.stations) throw new UsageError('--tdm needs --stations (the sites of the TDM participants).');
      if (opts.gabbard !== undefined) checkOutputFile(opts.gabbard, '--gabbard');
      const minFragments = Number(opts.minFragments);
      if (!Number.isInteger(minFragments) || minFragments < 2) throw new UsageError(`--min-fragments: "${opts.minFragments}" must be an integer ≥ 2.`);
      const searchBackS = parsePositive(opts.searchBackHours, '--search-back-hours') * 3600;
      const planeToleranceDeg = parsePositive(opts.planeToleranceDeg, '--plane-tolerance-deg');
      const catalog = loadCatalog(opts.catalog, 'auto', ts, { quiet: true }).elementSets;
      const sets: ElementSet[] = opts.elements ? loadCatalog(opts.elements, 'auto', ts).elementSets : [];
      const problems: Record<string, unknown>[] = [];
      if (opts.tdm) {
        const stations: StationSpec[] = readStationsFile(opts.stations!);
        const observations: Observation[] = [];
        for (const f of opts.tdm) {
          const r = readTdm(readTextFile(f));
          const c = tdmToObservations(r.tdm, { stations, timeScales: ts, file: f });
          for (const p of [...r.problems, ...c.problems]) problems.push({ file: f, line: p.line, field: p.field, code: p.code, severity: p.severity, message: p.message });
          observations.push(...c.observations);
        }
        const { tracks } = tracksFromObservations(observations, stations, { timeScales: ts });
        const { results } = correlateTracks(tracks, catalog, { timeScales: ts });
        const ucts = tracks.filter((_, i) => results[i]!.status === 'uct');
        const { provisionalObjects } = linkUncorrelatedTracks(ucts);
        const template = catalog[0];
        for (const p of provisionalObjects) {
          if (!template) break;
          try {
            const x = [...p.positionKm, ...p.velocityKmPerS];
            const { source: _s, ...t } = template;
            sets.push(meanElementsFromTemeState(x, p.epoch, { ...t, catalogNumber: p.analystNumber, objectName: `UCT ${p.analystNumber}`, objectType: 'UNKNOWN', bstarPerEarthRadii: 0 }, ts).elementSet);
          } catch (e) {
            problems.push({ analystNumber: p.analystNumber, severity: 'warning', message: `provisional object not usable: ${(e as Error).message}` });
          }
        }
        log.info(`${tracks.length} tracks, ${ucts.length} UCTs, ${provisionalObjects.length} provisional objects.`);
      }
      const det = detectBreakup(sets, catalog, { timeScales: ts, minFragments, searchBackS, planeToleranceDeg });
      if (opts.gabbard !== undefined) {
        const parentSet = det.parent ? catalog.find((s) => s.catalogNumber === det.parent!.catalogNumber) : undefined;
        const inCluster = new Set(det.fragments);
        writeFileAtomically(opts.gabbard, gabbardSvg(det.gabbard.filter((g) => inCluster.size === 0 || inCluster.has(g.catalogNumber)), det.detected ? `Gabbard diagram: breakup of ${det.parent?.catalogNumber ?? '?'}` : 'Gabbard diagram: new element sets', parentSet ? gabbardDiagram([parentSet])[0] : undefined), '--gabbard');
      }
      const out = {
        detected: det.detected,
        ...(det.reason !== undefined ? { reason: det.reason } : {}),
        parent: det.parent ?? null,
        epoch: det.epoch ? ts.formatUtcIso(det.epoch, 3) : null,
        epochUncertaintyS: det.epochUncertaintyS ?? null,
        dispersionKm: det.dispersionKm ?? null,
        fragmentCount: det.fragments.length,
        fragments: det.fragments,
        unclustered: det.unclustered,
        failed: det.failed,
        gabbard: det.gabbard,
        problems,
      };
      if (opts.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      else if (det.detected) process.stdout.write(`breakup of ${det.parent?.catalogNumber ?? 'unknown parent'} at ${out.epoch} (±${Math.round(det.epochUncertaintyS ?? 0)} s), ${det.fragments.length} fragments, dispersion ${det.dispersionKm!.toFixed(2)} km\n`);
      else process.stdout.write(`no breakup detected: ${det.reason ?? ''}\n`);
    });
}
