/**
 * `skylane od`: orbit determination from tracking data — weighted batch least squares on CCSDS TDM files (--tdm) or
 * Orekit tutorial measurement files (--measurements, with --orekit-config for stations and the initial guess), from an
 * OPM (--initial) or a catalog element set (--catalog --ids), with the numerical propagator's force models. Prints the
 * estimate as JSON (GCRF, km, km/s, 6×6 covariance), writes it as an OPM (--out) and the residuals as CSV (--residuals).
 */
import type { Command } from 'commander';
import {
  batchLeastSquares,
  buildForceModels,
  DEFAULT_SPACECRAFT,
  extendedKalmanFilter,
  fitElementSet,
  initialStateFromSgp4,
  odResidualCsv,
  elementSetFitJson,
  odResultJson,
  opmInitialState,
  type OdSummary,
  RAD_TO_DEG,
  readOrekitMeasurements,
  readOrekitOdConfiguration,
  readTdm,
  selectObservationsForObject,
  sgp4InputFrom,
  tdmToObservations,
  writeOmmKvn,
  writeOpmKvn,
  writeTle,
  type Instant,
  type Observation,
  type SpacecraftProperties,
  type StationSpec,
  type TimeScales,
} from '@skylane/core';
import { loadCatalog, selectObjects } from '../catalogInput.ts';
import { checkOutputFile, fileLabel, log, readTextFile, writeFileAtomically } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';
import { nowInstant } from '../context.ts';
import { asUsage, forceSelectionFromFlags, parseForceChoices, timeScalesFromFlags, type ForceFlags } from '../forceFlags.ts';

interface OdOptions extends ForceFlags {
  tdm?: string[];
  measurements?: string[];
  orekitConfig?: string;
  stations?: string;
  initial?: string;
  catalog?: string[];
  ids?: string;
  dynamics: string;
  estimate: string;
  json?: boolean;
  out?: string;
  residuals?: string;
  troposphere?: string;
  refraction?: boolean;
  sigmaRangeM: string;
  sigmaRangeRateMps: string;
  sigmaAngleDeg: string;
  outlierSigma: string;
  maxIterations: string;
  rtol: string;
  partialsDegree: string;
  estimator: string;
  processNoiseKm2PerS3: string;
  initialSigmaKm: string;
  initialSigmaKmPerS: string;
}

const ESTIMATES = ['state', 'cd', 'cr', 'biases', 'empirical', 'bstar'] as const;

/** Reads the stations JSON file: `[{"name","latDeg","lonDeg","altitudeM"}]` (WGS-84), optional `biases`. */
export function readStations(path: string): StationSpec[] {
  const source = fileLabel(path);
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(path));
  } catch (e) {
    throw new UsageError(`--stations: ${source} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`--stations: ${source} must be a JSON array of {"name","latDeg","lonDeg","altitudeM"}.`);
  return data.map((s: unknown, i) => {
    const o = s as Record<string, unknown>;
    for (const k of ['latDeg', 'lonDeg', 'altitudeM']) {
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new UsageError(`--stations: ${source} entry ${i}: "${k}" must be a number (got ${JSON.stringify(o[k])}).`);
    }
    if (typeof o.name !== 'string' || o.name === '') throw new UsageError(`--stations: ${source} entry ${i}: "name" must be a non-empty string (the TDM participant name).`);
    return { name: o.name, latDeg: o.latDeg as number, lonDeg: o.lonDeg as number, altitudeM: o.altitudeM as number };
  });
}

export function registerOdCommand(program: Command): void {
  program
    .command('od')
    .description('orbit determination: weighted batch least squares on tracking data (CCSDS TDM or Orekit measurement files) with numerical dynamics')
    .option('--tdm <files...>', 'CCSDS TDM file(s), KVN or XML (RANGE, DOPPLER, ANGLE_1/2 AZEL or RADEC)')
    .option('--measurements <files...>', 'Orekit tutorial measurement file(s) (.aer: RANGE and AZ_EL lines)')
    .option('--orekit-config <file>', 'Orekit orbit-determination .in file: stations, sigmas, biases, initial orbit (EME2000)')
    .option('--stations <file>', 'stations JSON: [{"name","latDeg","lonDeg","altitudeM"}] (WGS-84), matched to TDM participants by name')
    .option('--initial <file>', 'initial guess: a CCSDS OPM (KVN or XML); its epoch is the estimation epoch')
    .option('--catalog <files...>', 'initial guess from a catalog element set (TLE/OMM; with --ids): SGP4 state at its epoch')
    .option('--ids <n>', 'catalog number of the object (initial guess from --catalog; selects the TDM object participant)')
    .option('--dynamics <name>', 'numerical (Cowell, force-model flags) or sgp4 (element-set fitting from the --catalog --ids template)', 'numerical')
    .option('--estimate <list>', `comma-separated: ${ESTIMATES.join(',')}`, 'state')
    .option('--json', 'print the estimate as JSON on stdout (default: a one-line summary)')
    .option('--out <file>', 'write the estimate: .opm (state, covariance, C_D, C_R); with --dynamics sgp4 also .tle or .omm (the fitted element set)')
    .option('--residuals <file.csv>', 'write every residual: time_utc,station,type,unit,residual,sigma,edited')
    .option('--troposphere <model>', 'tropospheric range correction for every station: none|saastamoinen|marini-murray', undefined)
    .option('--refraction', 'add atmospheric refraction to modelled elevations (Saemundsson)')
    .option('--sigma-range-m <m>', 'TDM range σ (m)', '10')
    .option('--sigma-range-rate-mps <m/s>', 'TDM range-rate σ (m/s)', '0.01')
    .option('--sigma-angle-deg <deg>', 'TDM angle σ (deg)', '0.01')
    .option('--outlier-sigma <k>', 'edit residuals above k σ once the fit has settled (0 = no editing)', '6')
    .option('--max-iterations <n>', 'most Gauss–Newton iterations', '20')
    .option('--gravity-field <file|egm2008>', 'ICGEM .gfc (or EGM) file, or egm2008 (bundled); default point mass')
    .option('--degree <n>', 'gravity degree')
    .option('--order <m>', 'gravity order (≤ degree)')
    .option('--third-body <list>', 'sun,moon (default none)')
    .option('--drag <model>', 'none|exponential|nrlmsise00|jb2008', 'none')
    .option('--srp <model>', 'none|cannonball', 'none')
    .option('--space-weather <file>', 'CelesTrak SW file, for --drag nrlmsise00')
    .option('--sw-convention <name>', 'gmat|orekit', 'gmat')
    .option('--solfsmy <file>', 'SET SOLFSMY.TXT, for --drag jb2008')
    .option('--dtc <file>', 'SET DTCFILE.TXT, for --drag jb2008')
    .option('--eop <file>', 'IERS finals2000A file; default none (UT1 = UTC)')
    .option('--rtol <x>', 'integrator relative tolerance', '1e-11')
    .option('--estimator <name>', 'batch (weighted least squares at the initial epoch) or ekf (extended Kalman filter: estimate at the last measurement)', 'batch')
    .option('--process-noise-km2-per-s3 <q>', 'ekf: white-acceleration spectral density', '1e-15')
    .option('--initial-sigma-km <s>', 'ekf: a priori position σ (km)', '1')
    .option('--initial-sigma-km-per-s <s>', 'ekf: a priori velocity σ (km/s)', '0.001')
    .option('--partials-degree <n>', 'gravity degree/order of the partial derivatives (STM) when the field is larger; the residuals always use the full field', '8')
    .addHelpText(
      'after',
      `
Measurements are geometric with light time unless a station file, the Orekit configuration or --troposphere /
--refraction ask for media corrections. TDM RANGE with PATH = 2,1 is one-way, tagged at reception unless TIMETAG_REF
says otherwise; PATH = 1,2,1 is two-way (the value is halved to the one-way-equivalent range).
JSON: epoch, positionKm, velocityKmPerS (GCRF), covariance (6×6, km and km/s), iterations, converged, weightedRms,
parameters, residuals {count, edited, statistics per station and type (meanM/rmsM, meanDeg/rmsDeg, …)}.

Examples:
  $ skylane od --measurements W3B.aer --orekit-config od_test_W3.in --gravity-field eigen-6s-truncated --degree 20 \\
      --third-body sun,moon --srp cannonball --estimate state,biases,empirical --json
  $ skylane od --tdm track.tdm --stations stations.json --initial guess.opm --dynamics numerical \\
      --gravity-field egm2008 --degree 70 --drag exponential --estimate state,cd --json --out fit.opm --residuals res.csv
  $ skylane od --tdm radar1.tdm radar2.tdm --stations stations.json --catalog gp.tle --ids 25544 --dynamics numerical --json
  $ skylane od --tdm radar.tdm --stations stations.json --catalog gp.tle --ids 25544 --dynamics sgp4 --estimate state,bstar \
      --json --out fitted.tle`,
    )
    .action((opts: OdOptions) => {
      runOd(opts);
    });
}

function runOd(opts: OdOptions): void {
  const dynamics = parseChoice(opts.dynamics, '--dynamics', ['numerical', 'sgp4'] as const);
  if ((opts.tdm === undefined) === (opts.measurements === undefined)) throw new UsageError('Give --tdm FILE... (CCSDS TDM) or --measurements FILE... (Orekit .aer), not both and not neither.');
  if (opts.measurements !== undefined && opts.orekitConfig === undefined) throw new UsageError('--measurements needs --orekit-config FILE.in (stations and sigmas).');
  if (opts.tdm !== undefined && opts.stations === undefined) throw new UsageError('--tdm needs --stations FILE.json: [{"name","latDeg","lonDeg","altitudeM"}] matched to TDM participants by name.');
  const estimates = opts.estimate.split(',').map((e) => parseChoice(e.trim(), '--estimate', ESTIMATES));
  const choices = parseForceChoices(opts);
  const troposphere = opts.troposphere !== undefined ? parseChoice(opts.troposphere, '--troposphere', ['none', 'saastamoinen', 'marini-murray'] as const) : undefined;
  const rtol = parseNumberInRange(opts.rtol, '--rtol', { min: 1e-15, max: 1e-3, unit: '(relative)' });
  const outlier = parseNumberInRange(opts.outlierSigma, '--outlier-sigma', { min: 0, max: 1e6, unit: 'σ' });
  const maxIterations = parseNumberInRange(opts.maxIterations, '--max-iterations', { min: 1, max: 200, integer: true, unit: '' });
  const sigmaRangeKm = parseNumberInRange(opts.sigmaRangeM, '--sigma-range-m', { min: 0, max: 1e6, minExclusive: true, unit: 'm' }) / 1000;
  const sigmaRangeRate = parseNumberInRange(opts.sigmaRangeRateMps, '--sigma-range-rate-mps', { min: 0, max: 1e4, minExclusive: true, unit: 'm/s' }) / 1000;
  const sigmaAngle = parseNumberInRange(opts.sigmaAngleDeg, '--sigma-angle-deg', { min: 0, max: 90, minExclusive: true, unit: 'deg' }) / RAD_TO_DEG;
  const ids = opts.ids !== undefined ? parseIdList(opts.ids, '--ids') : undefined;
  if (ids !== undefined && ids.length !== 1) throw new UsageError('--ids takes one catalog number for od.');
  checkOutputFile(opts.out, '--out');
  checkOutputFile(opts.residuals, '--residuals');

  const ts = timeScalesFromFlags(opts);

  // Stations and observations.
  let stations: StationSpec[] = [];
  let observations: Observation[] = [];
  let configEpoch: Instant | undefined;
  let configState: Float64Array | undefined;
  let massKg: number | undefined;
  if (opts.measurements !== undefined) {
    const cfg = asUsage(() => readOrekitOdConfiguration(readTextFile(opts.orekitConfig!), fileLabel(opts.orekitConfig!), ts));
    stations = cfg.stations;
    configEpoch = cfg.epoch;
    configState = cfg.stateEme2000;
    massKg = cfg.massKg;
    for (const f of opts.measurements) {
      const r = readOrekitMeasurements(readTextFile(f), fileLabel(f), ts, { perStation: cfg.sigmas });
      for (const e of r.errors) log.warn(`${fileLabel(f)}: ${e.code}: ${e.message} (measurement skipped)`);
      observations.push(...r.observations);
    }
  }
  if (opts.stations !== undefined) stations = [...stations, ...readStations(opts.stations)];
  if (troposphere !== undefined || opts.refraction === true) {
    stations = stations.map((s) => ({ ...s, corrections: { ...s.corrections, ...(troposphere !== undefined ? { troposphere } : {}), ...(opts.refraction === true ? { refraction: true } : {}) } }));
  }
  if (opts.tdm !== undefined) {
    for (const f of opts.tdm) {
      const text = readTextFile(f);
      const read = asUsage(() => readTdm(text));
      for (const p of read.problems) log.warn(`${fileLabel(f)}: line ${p.line}${p.field !== undefined ? `, field ${p.field}` : ''}: ${p.code}: ${p.message}`);
      const conv = tdmToObservations(read.tdm, { stations, timeScales: ts, sigmaRangeKm, sigmaRangeRateKmPerS: sigmaRangeRate, sigmaAngleRad: sigmaAngle, file: fileLabel(f), ...(ids !== undefined ? { objectId: ids[0]! } : {}) });
      for (const p of conv.problems) log.warn(`${fileLabel(f)}: line ${p.line}${p.field !== undefined ? `, field ${p.field}` : ''}: ${p.code}: ${p.message}`);
      observations.push(...conv.observations);
    }
  }
  if (ids !== undefined) observations = selectObservationsForObject(observations, ids[0]!);
  if (observations.length === 0) throw new UsageError('No usable measurement was read: check the files and the stations (see the warnings above).');

  if (dynamics === 'sgp4') {
    runElementSetFit(opts, ts, observations, stations, ids, estimates, outlier, maxIterations);
    return;
  }
  // Initial guess.
  let epoch: Instant;
  let state: Float64Array;
  let spacecraft: SpacecraftProperties = { ...DEFAULT_SPACECRAFT, ...(massKg !== undefined ? { massKg } : {}) };
  let objectName = 'OBJECT';
  let objectId = ids !== undefined ? String(ids[0]) : 'UNKNOWN';
  if (opts.initial !== undefined) {
    const src = fileLabel(opts.initial);
    const init = asUsage(() => opmInitialState(readTextFile(opts.initial!), src, ts));
    epoch = init.epoch;
    state = Float64Array.from(init.stateGcrf);
    spacecraft = init.spacecraft;
    objectName = init.opm.metadata.objectName;
    objectId = init.opm.metadata.objectId;
  } else if (opts.catalog !== undefined) {
    if (ids === undefined) throw new UsageError('--catalog needs --ids N (the object to start from).');
    const cat = loadCatalog(opts.catalog, 'auto', ts, { quiet: true });
    const sets = selectObjects(cat.elementSets, ids);
    const set = sets[0];
    if (set === undefined) throw new UsageError(`--ids ${ids[0]}: not in the catalog.`);
    const init = asUsage(() => initialStateFromSgp4(sgp4InputFrom(set, ts), ts));
    epoch = init.epoch;
    state = init.state;
    objectName = set.objectName ?? objectName;
  } else if (configEpoch !== undefined && configState !== undefined) {
    epoch = configEpoch;
    state = configState;
  } else {
    throw new UsageError('Give an initial guess: --initial FILE.opm or --catalog FILE --ids N (or an Orekit configuration with orbit.cartesian.*).');
  }

  // Forces.
  const sel = forceSelectionFromFlags(opts, choices);
  const { degree, order } = sel;

  const forces = asUsage(() => buildForceModels(sel, epoch, ts, spacecraft, { source: opts.initial ?? 'defaults', keywordLines: {} }));
  const partialsDegree = parseNumberInRange(opts.partialsDegree, '--partials-degree', { min: 0, max: 360, integer: true, unit: '' });
  const stmForces = degree > partialsDegree ? asUsage(() => buildForceModels({ ...sel, degree: partialsDegree, order: Math.min(order, partialsDegree) }, epoch, ts, spacecraft, { source: opts.initial ?? 'defaults', keywordLines: {} })) : undefined;
  log.info(`od: ${observations.length} measurements from ${new Set(observations.map((o) => o.station)).size} station(s); forces ${forces.map((f) => f.name).join(', ')}; estimating ${estimates.join(',')}`);

  const estimator = parseChoice(opts.estimator, '--estimator', ['batch', 'ekf'] as const);
  if (estimator === 'ekf') {
    if (estimates.includes('empirical')) throw new UsageError('--estimate empirical is a batch parameter: drop it with --estimator ekf.');
    if (opts.out !== undefined) throw new UsageError('--out is written by the batch estimator only for now: drop --out with --estimator ekf.');
    const f = asUsage(() =>
      extendedKalmanFilter({
        timeScales: ts,
        forces,
        spacecraft,
        epoch,
        initialState: state,
        initialSigmaKm: parseNumberInRange(opts.initialSigmaKm, '--initial-sigma-km', { min: 0, max: 1e5, minExclusive: true, unit: 'km' }),
        initialSigmaKmPerS: parseNumberInRange(opts.initialSigmaKmPerS, '--initial-sigma-km-per-s', { min: 0, max: 10, minExclusive: true, unit: 'km/s' }),
        processNoiseKm2PerS3: parseNumberInRange(opts.processNoiseKm2PerS3, '--process-noise-km2-per-s3', { min: 0, max: 1, unit: 'km²/s³' }),
        observations,
        stations,
        estimate: { dragCoefficient: estimates.includes('cd'), reflectivityCoefficient: estimates.includes('cr'), biases: estimates.includes('biases') },
        ...(outlier > 0 ? { outlierSigma: outlier } : { outlierSigma: Number.POSITIVE_INFINITY }),
        rtol,
      }),
    );
    log.info(`od (ekf): ${f.processed} measurements processed, ${f.edited} rejected; estimate at the last measurement ${ts.formatUtcIso(f.epoch, 3)}`);
    let chi2 = 0;
    let used = 0;
    for (const r of f.residuals) if (!r.edited) {
      chi2 += (r.residual / r.observation.sigma) ** 2;
      used++;
    }
    const summary: OdSummary = { epoch: f.epoch, state: f.state, covariance: f.covariance, iterations: 1, converged: true, weightedRms: Math.sqrt(chi2 / Math.max(used, 1)), parameters: f.parameters.map((p) => ({ ...p, unit: '' })), residuals: f.residuals, statistics: f.statistics, edited: f.edited };
    if (opts.residuals !== undefined) writeFileAtomically(opts.residuals, odResidualCsv(summary, ts), '--residuals');
    if (opts.json === true) process.stdout.write(JSON.stringify({ ...odResultJson(summary, ts), estimator: 'ekf' }, null, 1) + '\n');
    else process.stdout.write(`${ts.formatUtcIso(f.epoch, 3)} GCRF r ${Array.from(f.state.subarray(0, 3), (x) => x.toFixed(4)).join(' ')} km (EKF, ${f.processed} measurements, ${f.edited} rejected)\n`);
    return;
  }
  const t0 = performance.now();
  const result = asUsage(() =>
    batchLeastSquares({
      timeScales: ts,
      forces,
      spacecraft,
      epoch,
      initialState: state,
      observations,
      stations,
      estimate: { dragCoefficient: estimates.includes('cd'), reflectivityCoefficient: estimates.includes('cr'), biases: estimates.includes('biases'), empirical: estimates.includes('empirical') },
      outlierSigma: outlier === 0 ? Number.POSITIVE_INFINITY : outlier,
      maxIterations,
      rtol,
      ...(stmForces !== undefined ? { stmForces } : {}),
      onIteration: (it) => log.info(`iteration ${it.iteration}: weighted RMS ${it.weightedRms.toPrecision(4)}, ${it.used} used, ${it.edited} edited, position correction ${(it.positionCorrectionKm * 1000).toPrecision(4)} m`),
    }),
  );
  log.info(`od: ${result.converged ? 'converged' : 'NOT converged'} after ${result.iterations} iteration(s), weighted RMS ${result.weightedRms.toPrecision(4)}, ${result.edited} edited, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (!result.converged) log.warn('od: the fit did not converge: the estimate below is the last iterate.');
  if (result.weightedRms > 3) log.warn(`od: the weighted RMS ${result.weightedRms.toPrecision(3)} is far above 1: the measurement σ or the model do not fit the data.`);

  if (opts.out !== undefined) {
    const lower: number[] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) lower.push(result.covariance[i * 6 + j]!);
    const opm = {
      version: '2.0',
      header: { comments: [`Skylane od: weighted batch least squares, ${result.iterations} iterations, weighted RMS ${result.weightedRms.toPrecision(4)}`], creationDate: nowInstant(ts), originator: 'SKYLANE' },
      metadata: { comments: [], objectName, objectId, centerName: 'EARTH', refFrame: 'GCRF', timeSystem: 'UTC' as const },
      stateVector: { comments: [], epoch, positionKm: [result.state[0]!, result.state[1]!, result.state[2]!] as const, velocityKmPerS: [result.state[3]!, result.state[4]!, result.state[5]!] as const },
      spacecraft: { comments: [], massKg: result.spacecraft.massKg, solarRadAreaM2: result.spacecraft.srpAreaM2, solarRadCoeff: result.spacecraft.reflectivityCoefficient, dragAreaM2: result.spacecraft.dragAreaM2, dragCoeff: result.spacecraft.dragCoefficient },
      covariance: { comments: [], refFrame: 'GCRF', lowerTriangle: lower },
      maneuvers: [],
      userDefined: [],
    };
    writeFileAtomically(opts.out, asUsage(() => writeOpmKvn(opm, ts)), '--out');
  }
  if (opts.residuals !== undefined) writeFileAtomically(opts.residuals, odResidualCsv(result, ts), '--residuals');
  if (opts.json === true) process.stdout.write(JSON.stringify(odResultJson(result, ts), null, 1) + '\n');
  else process.stdout.write(`${ts.formatUtcIso(result.epoch, 3)} GCRF r ${Array.from(result.state.subarray(0, 3), (x) => x.toFixed(4)).join(' ')} km v ${Array.from(result.state.subarray(3, 6), (x) => x.toFixed(7)).join(' ')} km/s; ${result.converged ? 'converged' : 'not converged'} in ${result.iterations}; weighted RMS ${result.weightedRms.toPrecision(4)}\n`);
}

/** `--dynamics sgp4`: SGP4 element-set fitting from the catalog template (--catalog --ids). */
function runElementSetFit(opts: OdOptions, ts: TimeScales, observations: Observation[], stations: StationSpec[], ids: number[] | undefined, estimates: readonly string[], outlier: number, maxIterations: number): void {
  if (opts.catalog === undefined || ids === undefined) throw new UsageError('--dynamics sgp4 fits an element set: give the template with --catalog FILE --ids N.');
  for (const e of estimates) if (e !== 'state' && e !== 'bstar') throw new UsageError(`--estimate ${e} is not an SGP4 parameter: with --dynamics sgp4 use state and bstar.`);
  const cat = loadCatalog(opts.catalog, 'auto', ts, { quiet: true });
  const template = selectObjects(cat.elementSets, ids)[0];
  if (template === undefined) throw new UsageError(`--ids ${ids[0]}: not in the catalog.`);
  const t0 = performance.now();
  const fit = asUsage(() => fitElementSet({ timeScales: ts, template, observations, stations, estimateBstar: estimates.includes('bstar'), maxIterations, outlierSigma: outlier === 0 ? Number.POSITIVE_INFINITY : outlier }));
  log.info(`od (sgp4): ${fit.converged ? 'converged' : 'NOT converged'} after ${fit.iterations} iteration(s), weighted RMS ${fit.weightedRms.toPrecision(4)}, ${fit.edited} edited, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (!fit.converged) log.warn('od: the fit did not converge: the element set below is the last iterate.');
  const el = fit.elementSet;
  if (opts.out !== undefined) {
    const lower = opts.out.toLowerCase();
    let text: string;
    if (lower.endsWith('.tle') || lower.endsWith('.txt')) text = asUsage(() => writeTle([el], { timeScales: ts }));
    else if (lower.endsWith('.omm')) text = asUsage(() => writeOmmKvn([el], { timeScales: ts, creationDate: nowInstant(ts) }));
    else throw new UsageError(`--out ${opts.out}: with --dynamics sgp4 write .tle or .omm (the fitted element set).`);
    writeFileAtomically(opts.out, text, '--out');
  }
  if (opts.residuals !== undefined) writeFileAtomically(opts.residuals, odResidualCsv(fit, ts), '--residuals');
  if (opts.json === true) process.stdout.write(JSON.stringify(elementSetFitJson(fit, ts), null, 1) + '\n');
  else process.stdout.write(`${ts.formatUtcIso(el.epoch, 3)} n ${el.meanMotionRevPerDay.toFixed(8)} rev/day e ${el.eccentricity.toFixed(7)} i ${el.inclinationDeg.toFixed(4)}°; ${fit.converged ? 'converged' : 'not converged'} in ${fit.iterations}; weighted RMS ${fit.weightedRms.toPrecision(4)}\n`);
}
