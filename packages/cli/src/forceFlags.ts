/**
 * The numerical force-model flags shared by `skylane propagate --state` and `skylane od`: parsing and checking
 * (--drag, --srp, --third-body, --sw-convention and the files each drag model needs), the time scales with the
 * optional --eop file, and the force selection with the gravity field (--gravity-field FILE|egm2008, --degree,
 * --order) and the space-weather files read.
 */
import {
  createTimeScales,
  DRAG_MODELS,
  finalsEopProvider,
  IERS_LEAP_SECONDS,
  readFinalsEop,
  readGravityField,
  SkylaneError,
  SRP_MODELS,
  type ForceSelection,
  type GravityField,
  type ThirdBody,
  type TimeScales,
} from '@skylane/core';
// The gravity-data entry only (not the whole server: fastify, bullmq, …), so that propagate and od start fast when built.
import { BUNDLED_EGM2008_PATH } from '@skylane/server/gravity-data';
import { fileLabel, readTextFile } from './io.ts';
import { parseChoice, parseNumberInRange, UsageError } from './usage.ts';

/** The flags as commander gives them (strings). */
export interface ForceFlags {
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
}

/** The checked choices of the force flags (files not read yet). */
export interface ForceChoices {
  readonly drag: (typeof DRAG_MODELS)[number];
  readonly srp: (typeof SRP_MODELS)[number];
  readonly swConvention: 'gmat' | 'orekit';
  readonly thirdBodies: ThirdBody[];
}

/** Runs `f`, turning a typed input error of the core into a one-line usage error (exit 2). */
export function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SkylaneError && e.code !== 'PROPAGATION_FAILED') throw new UsageError(`${e.code}: ${e.message}`);
    throw e;
  }
}

/** Parses the model choices and checks that each drag model has its files (before any work). */
export function parseForceChoices(opts: ForceFlags): ForceChoices {
  const drag = parseChoice(opts.drag, '--drag', DRAG_MODELS);
  const srp = parseChoice(opts.srp, '--srp', SRP_MODELS);
  const swConvention = parseChoice(opts.swConvention, '--sw-convention', ['gmat', 'orekit'] as const);
  const thirdBodies: ThirdBody[] = [];
  for (const b of (opts.thirdBody ?? '').split(/[\s,]+/).filter((x) => x !== '')) {
    const body = parseChoice(b, '--third-body', ['sun', 'moon', 'none'] as const);
    if (body !== 'none') thirdBodies.push(body);
  }
  if (drag === 'nrlmsise00' && opts.spaceWeather === undefined) throw new UsageError('--drag nrlmsise00 needs --space-weather FILE (a CelesTrak SW file such as SW-All.txt).');
  if (drag === 'jb2008' && (opts.solfsmy === undefined || opts.dtc === undefined)) throw new UsageError('--drag jb2008 needs --solfsmy FILE and --dtc FILE (SET\'s SOLFSMY.TXT and DTCFILE.TXT).');
  return { drag, srp, swConvention, thirdBodies };
}

/** Time scales with the bundled leap seconds and, with --eop, the IERS finals2000A file. */
export function timeScalesFromFlags(opts: ForceFlags): TimeScales {
  return asUsage(() => {
    if (opts.eop === undefined) return createTimeScales(IERS_LEAP_SECONDS);
    return createTimeScales(IERS_LEAP_SECONDS, finalsEopProvider(readFinalsEop(readTextFile(opts.eop), fileLabel(opts.eop))));
  });
}

function readInput(path: string): { text: string; source: string } {
  return { text: readTextFile(path), source: fileLabel(path) };
}

/** Reads the gravity field and the space-weather files: the selection for `buildForceModels`. */
export function forceSelectionFromFlags(opts: ForceFlags, choices: ForceChoices): ForceSelection & { readonly degree: number; readonly order: number } {
  let field: GravityField | undefined;
  if (opts.gravityField !== undefined) {
    const isBundled = opts.gravityField.toLowerCase() === 'egm2008';
    const g = isBundled ? { text: readTextFile(BUNDLED_EGM2008_PATH), source: 'EGM2008_to120_tidefree.gfc' } : readInput(opts.gravityField);
    const maxDegree = opts.degree !== undefined ? parseNumberInRange(opts.degree, '--degree', { min: 0, max: 360, integer: true, unit: '' }) : undefined;
    field = asUsage(() => readGravityField(g.text, g.source, maxDegree !== undefined ? { maxDegree: Math.max(maxDegree, 2) } : {}));
  }
  const maxDeg = field?.maxDegree ?? 0;
  const degree = opts.degree !== undefined ? parseNumberInRange(opts.degree, '--degree', { min: 0, max: maxDeg, integer: true, unit: field === undefined ? '(give --gravity-field for a degree above 0)' : `(${field.name})` }) : maxDeg;
  const order = opts.order !== undefined ? parseNumberInRange(opts.order, '--order', { min: 0, max: degree, integer: true, unit: '(≤ --degree)' }) : degree;
  return {
    ...(field !== undefined ? { gravityField: field } : {}),
    degree,
    order,
    thirdBodies: choices.thirdBodies,
    drag: choices.drag,
    srp: choices.srp,
    spaceWeatherConvention: choices.swConvention,
    ...(opts.spaceWeather !== undefined ? { spaceWeather: readInput(opts.spaceWeather) } : {}),
    ...(opts.solfsmy !== undefined ? { solfsmy: readInput(opts.solfsmy) } : {}),
    ...(opts.dtc !== undefined ? { dtc: readInput(opts.dtc) } : {}),
  };
}
