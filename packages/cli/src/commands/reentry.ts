/** `skylane reentry predict`: reentry epoch, Monte Carlo window, manoeuvres, ground track and CCSDS RDM from an element-set history. */
import type { Command } from 'commander';
import {
  parseCelestrakSpaceWeather,
  predictReentry,
  rdmFromPrediction,
  readDtcFile,
  readSolfsmy,
  ReentryInputError,
  SkylaneError,
  writeRdmKvn,
  writeRdmXml,
  type PredictReentryOptions,
} from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { cliTimeScales, nowInstant } from '../context.ts';
import { checkOutputFile, fileLabel, log, readTextFile, startProgress, writeFileAtomically } from '../io.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';

interface PredictOptions {
  history: string;
  id: string;
  asOf?: string;
  spaceWeather?: string;
  atmosphere: string;
  solfsmy?: string;
  dtc?: string;
  samples: string;
  seed: string;
  interfaceKm: string;
  confidence: string;
  fitWindowDays: string;
  stormRate?: string;
  json?: boolean;
  rdm?: string;
  rdmFormat?: string;
  geojson?: string;
}

export function registerReentryCommand(program: Command): void {
  const reentry = program.command('reentry').description('reentry prediction from element-set histories');
  reentry
    .command('predict')
    .description('predict when and where an object reenters: ballistic-coefficient fit to its decay, Monte Carlo window, manoeuvre detection')
    .requiredOption('--history <file>', "the object's element-set history (TLE, OMM KVN/XML/JSON, CSV), oldest first")
    .requiredOption('--id <n>', 'NORAD catalog number of the object')
    .option('--as-of <iso>', 'predict as of this UTC time: only element sets with epoch ≤ it and space weather known then')
    .option('--space-weather <file>', 'CelesTrak space-weather file (SW-All.txt) for NRLMSISE-00 (without it: constant F10.7 150, Ap 15)')
    .option('--atmosphere <model>', 'nrlmsise00|jb2008', 'nrlmsise00')
    .option('--solfsmy <file>', 'JB2008: SET SOLFSMY.TXT')
    .option('--dtc <file>', 'JB2008: SET DTCFILE.TXT')
    .option('--samples <n>', 'Monte Carlo samples', '200')
    .option('--seed <n>', 'Monte Carlo seed', '1')
    .option('--interface-km <km>', 'reentry interface height above the WGS-84 ellipsoid, km', '80')
    .option('--confidence <p>', 'central probability of the window (0-1)', '0.9')
    .option('--fit-window-days <days>', 'fit the decay over the last this-many days after the last manoeuvre', '10')
    .option('--storm-rate <per-day>', 'geomagnetic storm episodes per day sampled in the Monte Carlo (default 0.0757: Kp >= 7, NOAA G3+; 0: none)')
    .option('--json', 'print the prediction as JSON')
    .option('--rdm <file>', 'write a CCSDS RDM (KVN, or XML when the name ends in .xml or --rdm-format xml)')
    .option('--rdm-format <format>', 'kvn|xml')
    .option('--geojson <file>', 'write the ground track over the window (GeoJSON, RFC 7946)')
    .addHelpText(
      'after',
      `
JSON fields: object, predictedEpoch, windowStart, windowEnd, confidence, lastElementEpoch, ballisticCoefficient
{valueM2PerKg, sigmaM2PerKg, fitStart, fitEnd, fitSets, fitRmsKm}, maneuversDetected, maneuvers[], controlledReentrySuspected,
decayStatus, timeToGoHours, nominalReentryPoint, notes, spaceWeatherRule, samples, seed. Bad histories (two objects mixed,
epochs out of order, a set already below the interface) exit with 2 and one line naming the problem.

Examples:
  $ skylane reentry predict --history 41868.tle --id 41868 --space-weather SW-All.txt --json
  $ skylane reentry predict --history 41868.tle --id 41868 --as-of 2020-10-05T13:42:00Z --space-weather SW-All.txt --samples 1000 --json --rdm 41868.rdm.xml --geojson 41868-track.geojson`,
    )
    .action(async (opts: PredictOptions) => {
      const ts = cliTimeScales();
      const id = parseNumberInRange(opts.id, '--id', { min: 1, max: 999_999_999, integer: true, unit: '(NORAD catalog number)' });
      const atmosphere = parseChoice(opts.atmosphere, '--atmosphere', ['nrlmsise00', 'jb2008'] as const);
      const samples = parseNumberInRange(opts.samples, '--samples', { min: 1, max: 100_000, integer: true, unit: 'samples' });
      const seed = parseNumberInRange(opts.seed, '--seed', { min: 0, max: 4294967295, integer: true, unit: '(uint32 seed)' });
      const interfaceAltitudeKm = parseNumberInRange(opts.interfaceKm, '--interface-km', { min: 0, max: 200, unit: 'km' });
      const confidence = parseNumberInRange(opts.confidence, '--confidence', { min: 0, max: 0.9999, minExclusive: true, unit: '' });
      const fitWindowDays = parseNumberInRange(opts.fitWindowDays, '--fit-window-days', { min: 0.5, max: 365, unit: 'days' });
      const stormRatePerDay = opts.stormRate !== undefined ? parseNumberInRange(opts.stormRate, '--storm-rate', { min: 0, max: 10, unit: 'per day' }) : undefined;
      const rdmFormat = opts.rdmFormat !== undefined ? parseChoice(opts.rdmFormat, '--rdm-format', ['kvn', 'xml'] as const) : opts.rdm?.toLowerCase().endsWith('.xml') ? 'xml' : 'kvn';
      if (atmosphere === 'jb2008' && (opts.solfsmy === undefined || opts.dtc === undefined)) throw new UsageError("--atmosphere jb2008 needs --solfsmy FILE and --dtc FILE (SET's SOLFSMY.TXT and DTCFILE.TXT).");
      if (atmosphere === 'nrlmsise00' && (opts.solfsmy !== undefined || opts.dtc !== undefined)) throw new UsageError('--solfsmy and --dtc are read only with --atmosphere jb2008.');
      checkOutputFile(opts.rdm, '--rdm');
      checkOutputFile(opts.geojson, '--geojson');
      let asOf;
      if (opts.asOf !== undefined) {
        try {
          asOf = ts.parseUtcIso(opts.asOf);
        } catch (err) {
          throw new UsageError(`--as-of: ${(err as Error).message}`);
        }
      }
      const loaded = loadCatalog([opts.history], 'auto', ts);
      const sets = loaded.elementSets;
      if (sets.length === 0) throw new UsageError(`--history: ${fileLabel(opts.history)} holds no readable element set.`);
      const ids = new Set(sets.map((s) => s.catalogNumber));
      if (ids.size === 1 && !ids.has(id)) throw new UsageError(`--id ${id}: ${fileLabel(opts.history)} holds the history of ${[...ids][0]!}, not ${id}.`);
      const options: PredictReentryOptions = {
        timeScales: ts,
        atmosphere,
        samples,
        seed,
        interfaceAltitudeKm,
        confidence,
        fitWindowDays,
        ...(stormRatePerDay !== undefined ? { stormRatePerDay } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
        ...(opts.spaceWeather !== undefined ? { spaceWeather: usage(() => parseCelestrakSpaceWeather(readTextFile(opts.spaceWeather!), fileLabel(opts.spaceWeather!))) } : {}),
        ...(opts.solfsmy !== undefined && opts.dtc !== undefined
          ? { jb2008Indices: usage(() => ({ solfsmy: readSolfsmy(readTextFile(opts.solfsmy!), fileLabel(opts.solfsmy!)), dtc: readDtcFile(readTextFile(opts.dtc!), fileLabel(opts.dtc!)) })) }
          : {}),
      };
      const progress = startProgress('Monte Carlo', samples);
      let prediction;
      try {
        prediction = usage(() => predictReentry(sets, { ...options, onProgress: (d) => progress.update(d) }));
      } finally {
        progress.stop();
      }
      if (prediction.atmosphere === 'constant') log.warn('no --space-weather: NRLMSISE-00 ran with constant F10.7 = 150 sfu and Ap = 15.');
      if (opts.rdm !== undefined) {
        const created = ts.formatUtcIso(nowInstant(ts), 3);
        const rdm = rdmFromPrediction(prediction, { creationDate: created, originator: 'SKYLANE', messageId: `RDM-${id}-${prediction.asOf.replace(/[^0-9]/g, '').slice(0, 14)}`, timeScales: ts });
        writeFileAtomically(opts.rdm, rdmFormat === 'xml' ? writeRdmXml(rdm) : writeRdmKvn(rdm), '--rdm');
      }
      if (opts.geojson !== undefined) writeFileAtomically(opts.geojson, `${JSON.stringify(prediction.groundTrack)}\n`, '--geojson');
      const { groundTrack: _omit, ...json } = prediction;
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const p = prediction;
      const lines = [
        `${p.object.objectName ?? 'NORAD'} ${p.object.catalogNumber}: as of ${p.asOf} (last element set ${p.lastElementEpoch})`,
        p.predictedEpoch !== null
          ? `  reentry (${p.interfaceAltitudeKm} km): ${p.predictedEpoch}, ${(p.timeToGoHours ?? 0).toFixed(1)} h to go; ${Math.round(p.confidence * 100)} % window ${p.windowStart ?? '-'} .. ${p.windowEnd ?? 'beyond horizon'}`
          : `  no natural reentry within ${p.horizonDays} days`,
        `  ballistic coefficient C_D·A/m ${p.ballisticCoefficient.valueM2PerKg.toFixed(5)} ± ${p.ballisticCoefficient.sigmaM2PerKg.toFixed(5)} m²/kg (${p.ballisticCoefficient.fitSets} sets, rms ${(p.ballisticCoefficient.fitRmsKm * 1000).toFixed(0)} m)`,
        `  manoeuvres: ${p.maneuversDetected ? p.maneuvers.map((m) => `${m.kind} ${m.beforeEpoch.slice(0, 10)} (${m.deltaAKm.toFixed(1)} km)`).join(', ') : 'none detected'}`,
        ...p.notes.map((n) => `  note: ${n}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** Runs core work, turning the typed reentry-input errors and read errors into one-line usage errors (exit 2). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ReentryInputError) throw new UsageError(`${err.reason}: ${err.message}`);
    if (err instanceof SkylaneError && (err.code === 'PARSE_ERROR' || err.code === 'FIELD_INVALID' || err.code === 'FIELD_MISSING')) throw new UsageError(`${err.code}: ${err.message}`);
    throw err;
  }
}
