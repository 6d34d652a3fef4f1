/**
 * `skylane propagate --state FILE.opm`: numerical (Cowell) propagation of one CCSDS OPM state with the force models
 * the flags ask for (central gravity always; everything else off unless asked). All inputs are read and checked, the
 * whole run is computed and formatted, and only then written (stdout in one write, or --out through a temporary file
 * renamed into place): a bad input or a failure writes nothing. Bad input exits 2 with one line naming the file, line
 * and field.
 */
import {
  buildForceModels,
  formatNumericalCsv,
  formatNumericalJson,
  formatNumericalOem,
  opmInitialState,
  runNumericalPropagation,
  type NumericalFrame,
} from '@skylane/core';
import { checkOutputFile, fileLabel, log, readTextFile, writeFileAtomically } from '../io.ts';
import { asUsage, forceSelectionFromFlags, parseForceChoices, timeScalesFromFlags, type ForceFlags } from '../forceFlags.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';
import { nowInstant } from '../context.ts';

export interface StateOptions extends ForceFlags {
  stop: string;
  stepS: string;
  frame?: string;
  format: string;
  out?: string;
  integrator: string;
  rtol: string;
  atol: string;
  covariance?: boolean;
}

const FRAMES = ['GCRF', 'EME2000', 'TEME', 'ITRF'] as const;
const FORMATS = ['csv', 'json', 'oem'] as const;
/** Longest span one run accepts (100 years of simulated time is absurd; 10 years is generous). */
const MAX_SPAN_S = 3653 * 86400;

export const STATE_HELP = `Numerical mode (--state FILE.opm): starts at the OPM epoch; OPM REF_FRAME GCRF, ICRF, EME2000, TEME or ITRF
(converted to GCRF at the epoch), CENTER_NAME EARTH. Central gravity is always on; every other force is off unless
its flag asks for it (the OPM's spacecraft parameters do not switch forces on). MASS, DRAG_AREA, DRAG_COEFF,
SOLAR_RAD_AREA and SOLAR_RAD_COEFF set the spacecraft. --atol is in km and km/s. --drag nrlmsise00 needs
--space-weather (CelesTrak SW file, GMAT's F10.7 convention by default); --drag jb2008 needs --solfsmy and --dtc.
--covariance needs a covariance in the OPM. Without --eop, UT1 = UTC and no polar motion.

  $ skylane propagate --state iss.opm --stop 2026-03-11T00:00:00Z --step-s 60 --frame GCRF --format csv
  $ skylane propagate --state leo.opm --stop 2026-03-11T00:00:00Z --step-s 120 --frame GCRF --format oem \\
      --gravity-field egm2008 --degree 70 --order 70 --third-body sun,moon --drag nrlmsise00 \\
      --space-weather SW-All.txt --srp cannonball --eop finals2000A.all --integrator dp853 --rtol 1e-10 --covariance
  $ skylane propagate --state leo.opm --stop 2026-03-09T00:00:00Z --step-s 600 --frame ITRF   (backwards)`;

function readInput(path: string): { text: string; source: string } {
  return { text: readTextFile(path), source: fileLabel(path) };
}

export async function propagateState(statePath: string, opts: StateOptions): Promise<void> {
  const frame: NumericalFrame = parseChoice((opts.frame ?? 'GCRF').toUpperCase(), '--frame', FRAMES);
  const format = parseChoice(opts.format, '--format', FORMATS);
  const stepS = parseNumberInRange(opts.stepS, '--step-s', { min: 0, max: 366 * 86400, minExclusive: true, unit: 'seconds' });
  const choices = parseForceChoices(opts);
  const integrator = parseChoice(opts.integrator, '--integrator', ['dp54', 'dp853'] as const);
  const rtol = parseNumberInRange(opts.rtol, '--rtol', { min: 1e-15, max: 1e-2, unit: '(relative)' });
  const atol = parseNumberInRange(opts.atol, '--atol', { min: 1e-15, max: 1, unit: 'km and km/s' });
  for (const [flag, set, need] of [['--space-weather', opts.spaceWeather, 'nrlmsise00'], ['--solfsmy', opts.solfsmy, 'jb2008'], ['--dtc', opts.dtc, 'jb2008']] as const) {
    if (set !== undefined && choices.drag !== need) throw new UsageError(`${flag} is read only with --drag ${need}: drop it or add --drag ${need}.`);
  }
  checkOutputFile(opts.out, '--out');

  const ts = timeScalesFromFlags(opts);
  const opmText = readInput(statePath);
  const initial = asUsage(() => opmInitialState(opmText.text, opmText.source, ts));
  for (const w of initial.warnings) log.warn(`${opmText.source}: line ${w.line}${w.field !== undefined ? `, field ${w.field}` : ''}: ${w.message}`);
  if (initial.opm.maneuvers.length > 0) log.warn(`${opmText.source}: its ${initial.opm.maneuvers.length} maneuver block(s) are not applied (coast only).`);
  if (opts.covariance === true && initial.covarianceGcrf === undefined) {
    throw new UsageError(`--covariance: ${opmText.source} has no covariance (CX_X … CZ_DOT_Z_DOT): add one to the OPM or drop --covariance.`);
  }
  let stop;
  try {
    stop = ts.parseUtcIso(opts.stop);
  } catch (err) {
    throw new UsageError(`--stop: ${(err as Error).message}`);
  }
  const spanS = stop.secondsSince(initial.epoch);
  if (Math.abs(spanS) > MAX_SPAN_S) throw new UsageError(`--stop: ${opts.stop} is ${(Math.abs(spanS) / 86400).toFixed(0)} days from the OPM epoch; the limit is ${MAX_SPAN_S / 86400} days.`);

  const sel = forceSelectionFromFlags(opts, choices);

  const forces = asUsage(() => buildForceModels(sel, initial.epoch, ts, initial.spacecraft, { source: opmText.source, keywordLines: initial.keywordLines }));
  log.info(`${initial.opm.metadata.objectName}: ${forces.map((f) => f.name).join(', ')}; ${integrator} rtol ${rtol} atol ${atol}; ${(spanS / 86400).toFixed(3)} day(s) ${spanS < 0 ? 'backwards' : 'forwards'}`);

  const t0 = performance.now();
  const long = Math.abs(spanS) > 86400;
  const run = asUsage(() =>
    runNumericalPropagation({
      timeScales: ts,
      forces,
      spacecraft: initial.spacecraft,
      epoch: initial.epoch,
      stateGcrf: initial.stateGcrf,
      ...(opts.covariance === true && initial.covarianceGcrf !== undefined ? { covarianceGcrf: initial.covarianceGcrf } : {}),
      stop,
      stepS,
      integrator,
      rtol,
      atol,
      ...(long ? { onProgress: (done: number, total: number) => log.info(`propagated ${(done / 86400).toFixed(1)} of ${(total / 86400).toFixed(1)} days (${((performance.now() - t0) / 1000).toFixed(1)} s)`) } : {}),
    }),
  );
  const meta = { objectName: initial.opm.metadata.objectName, objectId: initial.opm.metadata.objectId, frame, forces: forces.map((f) => f.name), creationDate: nowInstant(ts) };
  const text = asUsage(() => (format === 'csv' ? formatNumericalCsv(run, meta, ts) : format === 'oem' ? formatNumericalOem(run, meta, ts) : formatNumericalJson(run, meta, ts) + '\n'));
  writeWhole(text, opts.out);
  log.info(`${run.instants.length} state(s) in ${frame}, ${run.acceptedSteps} steps, ${run.evaluations} evaluations, ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}

/** Writes the whole output at once: stdout, or a temporary file beside --out renamed into place. */
function writeWhole(text: string, out: string | undefined): void {
  if (out === undefined || out === '-') {
    process.stdout.write(text);
    return;
  }
  writeFileAtomically(out, text);
}
