/**
 * `skylane propagate --state FILE.opm`: numerical (Cowell) propagation of one CCSDS OPM state with the force models
 * the flags ask for (central gravity always; everything else off unless asked). All inputs are read and checked, the
 * whole run is computed and formatted, and only then written (stdout in one write, or --out through a temporary file
 * renamed into place): a bad input or a failure writes nothing. Bad input exits 2 with one line naming the file, line
 * and field.
 */
import { fileURLToPath } from 'node:url';
import {
  buildForceModels,
  createTimeScales,
  DRAG_MODELS,
  finalsEopProvider,
  formatNumericalCsv,
  formatNumericalJson,
  formatNumericalOem,
  IERS_LEAP_SECONDS,
  opmInitialState,
  readFinalsEop,
  readGravityField,
  runNumericalPropagation,
  SkylaneError,
  SRP_MODELS,
  type ForceSelection,
  type GravityField,
  type NumericalFrame,
  type ThirdBody,
} from '@skylane/core';
import { checkOutputFile, fileLabel, log, readTextFile, writeFileAtomically } from '../io.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';
import { nowInstant } from '../context.ts';

/** The bundled EGM2008 (to degree/order 120, tide-free; see data/gravity/PROVENANCE.md). */
export const BUNDLED_EGM2008 = fileURLToPath(new URL('../../../../data/gravity/EGM2008_to120_tidefree.gfc.gz', import.meta.url));

export interface StateOptions {
  stop: string;
  stepS: string;
  frame?: string;
  format: string;
  out?: string;
  gravityField?: string;
  degree?: string;
  order?: string;
  thirdBody?: string;
  drag: string;
  srp: string;
  spaceWeather?: string;
  swConvention: string;
  solfsmy?: string;
  dtc?: string;
  eop?: string;
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

/** Runs `f`, turning a typed input error of the core into a one-line usage error (exit 2). */
function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SkylaneError && e.code !== 'PROPAGATION_FAILED') throw new UsageError(`${e.code}: ${e.message}`);
    throw e;
  }
}

export async function propagateState(statePath: string, opts: StateOptions): Promise<void> {
  const frame: NumericalFrame = parseChoice((opts.frame ?? 'GCRF').toUpperCase(), '--frame', FRAMES);
  const format = parseChoice(opts.format, '--format', FORMATS);
  const stepS = parseNumberInRange(opts.stepS, '--step-s', { min: 0, max: 366 * 86400, minExclusive: true, unit: 'seconds' });
  const drag = parseChoice(opts.drag, '--drag', DRAG_MODELS);
  const srp = parseChoice(opts.srp, '--srp', SRP_MODELS);
  const swConvention = parseChoice(opts.swConvention, '--sw-convention', ['gmat', 'orekit'] as const);
  const integrator = parseChoice(opts.integrator, '--integrator', ['dp54', 'dp853'] as const);
  const rtol = parseNumberInRange(opts.rtol, '--rtol', { min: 1e-15, max: 1e-2, unit: '(relative)' });
  const atol = parseNumberInRange(opts.atol, '--atol', { min: 1e-15, max: 1, unit: 'km and km/s' });
  const thirdBodies: ThirdBody[] = [];
  if (opts.thirdBody !== undefined) {
    for (const b of opts.thirdBody.split(/[\s,]+/).filter((x) => x !== '')) {
      const body = parseChoice(b, '--third-body', ['sun', 'moon', 'none'] as const);
      if (body !== 'none') thirdBodies.push(body);
    }
  }
  if (drag === 'nrlmsise00' && opts.spaceWeather === undefined) throw new UsageError('--drag nrlmsise00 needs --space-weather FILE (a CelesTrak SW file such as SW-All.txt).');
  if (drag === 'jb2008' && (opts.solfsmy === undefined || opts.dtc === undefined)) throw new UsageError('--drag jb2008 needs --solfsmy FILE and --dtc FILE (SET\'s SOLFSMY.TXT and DTCFILE.TXT).');
  for (const [flag, set, need] of [['--space-weather', opts.spaceWeather, 'nrlmsise00'], ['--solfsmy', opts.solfsmy, 'jb2008'], ['--dtc', opts.dtc, 'jb2008']] as const) {
    if (set !== undefined && drag !== need) throw new UsageError(`${flag} is read only with --drag ${need}: drop it or add --drag ${need}.`);
  }
  checkOutputFile(opts.out, '--out');

  // Time scales: leap seconds, and the EOP file when given.
  const ts = asUsage(() => {
    if (opts.eop === undefined) return createTimeScales(IERS_LEAP_SECONDS);
    const eop = readInput(opts.eop);
    return createTimeScales(IERS_LEAP_SECONDS, finalsEopProvider(readFinalsEop(eop.text, eop.source)));
  });
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

  // Gravity field: a file, or the bundled EGM2008.
  let field: GravityField | undefined;
  if (opts.gravityField !== undefined) {
    const isBundled = opts.gravityField.toLowerCase() === 'egm2008';
    const g = isBundled ? { text: readTextFile(BUNDLED_EGM2008), source: 'EGM2008_to120_tidefree.gfc' } : readInput(opts.gravityField);
    const maxDegree = opts.degree !== undefined ? parseNumberInRange(opts.degree, '--degree', { min: 0, max: 360, integer: true, unit: '' }) : undefined;
    field = asUsage(() => readGravityField(g.text, g.source, maxDegree !== undefined ? { maxDegree: Math.max(maxDegree, 2) } : {}));
  }
  const maxDeg = field?.maxDegree ?? 0;
  const degree = opts.degree !== undefined ? parseNumberInRange(opts.degree, '--degree', { min: 0, max: maxDeg, integer: true, unit: field === undefined ? '(give --gravity-field for a degree above 0)' : `(${field.name})` }) : maxDeg;
  const order = opts.order !== undefined ? parseNumberInRange(opts.order, '--order', { min: 0, max: degree, integer: true, unit: '(≤ --degree)' }) : degree;

  const sel: ForceSelection = {
    ...(field !== undefined ? { gravityField: field } : {}),
    degree,
    order,
    thirdBodies,
    drag,
    srp,
    spaceWeatherConvention: swConvention,
    ...(opts.spaceWeather !== undefined ? { spaceWeather: readInput(opts.spaceWeather) } : {}),
    ...(opts.solfsmy !== undefined ? { solfsmy: readInput(opts.solfsmy) } : {}),
    ...(opts.dtc !== undefined ? { dtc: readInput(opts.dtc) } : {}),
  };
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
