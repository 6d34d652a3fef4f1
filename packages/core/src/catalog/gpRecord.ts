/**
 * What every GP reader and writer shares: the read options and result, the OMM field dictionary (CCSDS
 * 502.0-B-3 §4 OMM keywords, the same names in KVN, XML, CelesTrak/Space-Track JSON and CelesTrak CSV), the
 * conversion of one record's fields (all as text, each with its line) into a validated `ElementSet`, and the
 * strict checks and number/epoch formatting used by the writers.
 *
 * Units at this edge are the OMM's: degrees, rev/day, rev/day², rev/day³, 1/earth radii (B*), UTC epochs.
 */
import { ParseError, SkylaneError, TimeError, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import {
  MAX_CATALOG_NUMBER,
  objectTypeFromName,
  objectTypeFromText,
  type ElementSet,
  type ElementSetFormat,
  type ObjectType,
} from './model.ts';
import { elementSetViolation } from './sanity.ts';

/** Options of every GP reader. */
export interface ReadElementSetOptions {
  /** Leap-second aware time scales used to turn UTC epochs into Instants. */
  readonly timeScales: TimeScales;
  /** File name or label stored in each set's `source.name`. */
  readonly sourceName?: string;
  /**
   * What a TLE checksum mismatch does: `'reject'` (default) reports the record as a failure; `'warn'` keeps it
   * with a CHECKSUM_MISMATCH warning (Vallado's SGP4-VER.TLE holds deliberately bad checksums in its error cases).
   */
  readonly tleChecksum?: 'reject' | 'warn';
  /**
   * Keep at most this many failures (default: all). Every failure is still counted by code (`tallyOf` the list):
   * a file of millions of bad lines then costs bounded memory.
   */
  readonly maxFailures?: number;
  /** Keep at most this many warnings (default: all); every warning is still counted (`tallyOf`). */
  readonly maxWarnings?: number;
}

/** Result of a batch read: what could be read, what could not (with line, field and reason), and warnings. */
export interface ReadElementSetsResult {
  readonly elementSets: ElementSet[];
  readonly failures: RecordFailure[];
  readonly warnings: ReadWarning[];
}

/** One field of a record as text with the 1-based line it came from. */
export interface FieldText {
  readonly value: string;
  readonly line: number;
}

/** Keywords an OMM record may carry that Skylane understands (header, metadata, mean elements, TLE parameters). */
export const OMM_HEADER_KEYWORDS = ['CCSDS_OMM_VERS', 'CLASSIFICATION', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID'] as const;
export const OMM_METADATA_KEYWORDS = [
  'OBJECT_NAME',
  'OBJECT_ID',
  'CENTER_NAME',
  'REF_FRAME',
  'REF_FRAME_EPOCH',
  'TIME_SYSTEM',
  'MEAN_ELEMENT_THEORY',
] as const;
export const OMM_MEAN_ELEMENT_KEYWORDS = [
  'EPOCH',
  'SEMI_MAJOR_AXIS',
  'MEAN_MOTION',
  'ECCENTRICITY',
  'INCLINATION',
  'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER',
  'MEAN_ANOMALY',
  'GM',
] as const;
export const OMM_TLE_KEYWORDS = [
  'EPHEMERIS_TYPE',
  'CLASSIFICATION_TYPE',
  'NORAD_CAT_ID',
  'ELEMENT_SET_NO',
  'REV_AT_EPOCH',
  'BSTAR',
  'BTERM',
  'MEAN_MOTION_DOT',
  'MEAN_MOTION_DDOT',
  'AGOM',
] as const;
/** Spacecraft parameters and covariance keywords: legal in an OMM, not part of a GP element set (ignored with a warning). */
export const OMM_IGNORED_KEYWORDS = new Set<string>([
  'MASS',
  'SOLAR_RAD_AREA',
  'SOLAR_RAD_COEFF',
  'DRAG_AREA',
  'DRAG_COEFF',
  'COV_REF_FRAME',
  ...['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'].flatMap((a, i, all) => all.slice(0, i + 1).map((b) => `C${a}_${b}`)),
]);

/** Key under which the object type travels: Space-Track's OBJECT_TYPE, or the OMM user-defined parameter. */
export const OBJECT_TYPE_KEYS = ['OBJECT_TYPE', 'USER_DEFINED_OBJECT_TYPE'] as const;

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_RE = /^[+-]?\d+$/;

/** Parses a decimal number in OMM syntax (`.0013363`, `-.47102E-5`, `1e-7`); throws ParseError FIELD_INVALID otherwise. */
export function parseDecimal(text: string, field: string, line: number): number {
  const t = text.trim();
  if (!DECIMAL_RE.test(t)) {
    throw new ParseError('FIELD_INVALID', `"${clip(t)}" is not a decimal number; write e.g. 15.4855 or .76643197E-3.`, { line, field }, t);
  }
  const n = Number(t);
  if (!Number.isFinite(n)) throw new ParseError('FIELD_INVALID', `"${clip(t)}" is out of the range of a double.`, { line, field }, t);
  return n;
}

/** Parses an integer (leading zeros allowed, e.g. ELEMENT_SET_NO 0925); throws ParseError FIELD_INVALID otherwise. */
export function parseInteger(text: string, field: string, line: number): number {
  const t = text.trim();
  // Space-Track and some writers print integers as "5327.0": accept an all-zero fraction.
  const m = /^([+-]?\d+)(?:\.0*)?$/.exec(t);
  if (!m || !INTEGER_RE.test(m[1]!)) {
    throw new ParseError('FIELD_INVALID', `"${clip(t)}" is not an integer.`, { line, field }, t);
  }
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n)) throw new ParseError('FIELD_INVALID', `"${clip(t)}" is too large for an integer field.`, { line, field }, t);
  return n;
}

/** Validates a catalog number: an integer 1..999999999 (9 digits, see GUIDE §3 IDs). */
export function checkCatalogNumber(n: number, field: string, line: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CATALOG_NUMBER) {
    throw new ParseError(
      'ID_OUT_OF_RANGE',
      `catalog number ${n} is outside 1..${MAX_CATALOG_NUMBER}: NORAD catalog numbers are integers of at most 9 digits.`,
      { line, field },
      n,
    );
  }
  return n;
}

/** Cuts a value for messages. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Builds one validated ElementSet from an OMM record's fields (KVN, XML, JSON and CSV all come here).
 * Throws ParseError (with line and field) for a record that cannot be a SGP4 GP element set.
 * Lenient: missing CLASSIFICATION_TYPE → 'U', missing EPHEMERIS_TYPE → 0 (CCSDS defaults); missing ELEMENT_SET_NO or
 * REV_AT_EPOCH → 0 with a warning; an empty or `UNKNOWN` OBJECT_ID → none, with a warning when empty.
 */
export function elementSetFromOmmFields(
  fields: ReadonlyMap<string, FieldText>,
  recordLine: number,
  format: ElementSetFormat,
  options: ReadElementSetOptions,
  warnings: ReadWarning[],
): ElementSet {
  const get = (k: string): FieldText | undefined => {
    const f = fields.get(k);
    return f === undefined || f.value.trim() === '' ? undefined : f;
  };
  const lineOf = (k: string): number => fields.get(k)?.line ?? recordLine;
  const need = (k: string): FieldText => {
    const f = get(k);
    if (f === undefined) {
      throw new ParseError('FIELD_MISSING', `${k} is required for a SGP4 element set and is missing or empty.`, { line: lineOf(k), field: k });
    }
    return f;
  };
  const num = (k: string): number => {
    const f = need(k);
    return parseDecimal(f.value, k, f.line);
  };

  checkEnum(get('CENTER_NAME'), 'CENTER_NAME', ['EARTH'], 'GP element sets are geocentric');
  checkEnum(get('REF_FRAME'), 'REF_FRAME', ['TEME'], 'SGP4 mean elements are in TEME');
  checkEnum(get('TIME_SYSTEM'), 'TIME_SYSTEM', ['UTC'], 'GP epochs are UTC');
  const theory = get('MEAN_ELEMENT_THEORY');
  if (theory && !/^(SGP4|SGP\/SGP4|SGP4-XP|SDP4|SGP4\/SDP4|TLE)$/i.test(theory.value.trim())) {
    throw new ParseError(
      'UNSUPPORTED',
      `MEAN_ELEMENT_THEORY "${clip(theory.value)}" is not SGP4 (or "TLE", as 502.0-B-2 figure 4-2 writes it): only SGP4 (or SGP4-XP with B*) mean elements can be read as GP element sets.`,
      { line: theory.line, field: 'MEAN_ELEMENT_THEORY' },
      theory.value,
    );
  }
  for (const k of ['BTERM', 'AGOM']) {
    const f = get(k);
    if (f) {
      throw new ParseError(
        'UNSUPPORTED',
        `${k} belongs to SGP4-XP's extended drag/SRP model, which Skylane's SGP4 cannot use; ask the provider for SGP4 (EPHEMERIS_TYPE 0) elements with BSTAR.`,
        { line: f.line, field: k },
        f.value,
      );
    }
  }
  if (get('MEAN_MOTION') === undefined && get('SEMI_MAJOR_AXIS') !== undefined) {
    throw new ParseError(
      'UNSUPPORTED',
      'this OMM gives SEMI_MAJOR_AXIS, not MEAN_MOTION: it is not a SGP4/TLE-compatible element set.',
      { line: lineOf('SEMI_MAJOR_AXIS'), field: 'SEMI_MAJOR_AXIS' },
    );
  }

  const catField = need('NORAD_CAT_ID');
  const catalogNumber = checkCatalogNumber(parseInteger(catField.value, 'NORAD_CAT_ID', catField.line), 'NORAD_CAT_ID', catField.line);

  const epochField = need('EPOCH');
  const epoch = parseEpoch(epochField.value, epochField.line, options.timeScales);

  const meanMotionRevPerDay = num('MEAN_MOTION');
  if (!(meanMotionRevPerDay > 0)) {
    throw new ParseError('ELEMENTS_INVALID', `MEAN_MOTION ${meanMotionRevPerDay} rev/day must be positive.`, { line: lineOf('MEAN_MOTION'), field: 'MEAN_MOTION' }, meanMotionRevPerDay);
  }
  const eccentricity = num('ECCENTRICITY');
  if (!(eccentricity >= 0 && eccentricity < 1)) {
    throw new ParseError('ELEMENTS_INVALID', `ECCENTRICITY ${eccentricity} must be in [0, 1) for a closed orbit.`, { line: lineOf('ECCENTRICITY'), field: 'ECCENTRICITY' }, eccentricity);
  }
  const inclinationDeg = num('INCLINATION');
  if (!(inclinationDeg >= 0 && inclinationDeg <= 180)) {
    throw new ParseError('ELEMENTS_INVALID', `INCLINATION ${inclinationDeg}° must be in [0, 180].`, { line: lineOf('INCLINATION'), field: 'INCLINATION' }, inclinationDeg);
  }
  const raanDeg = num('RA_OF_ASC_NODE');
  const argOfPericenterDeg = num('ARG_OF_PERICENTER');
  const meanAnomalyDeg = num('MEAN_ANOMALY');
  const bstarPerEarthRadii = num('BSTAR');
  const meanMotionDotRevPerDay2 = num('MEAN_MOTION_DOT');
  const meanMotionDdotRevPerDay3 = num('MEAN_MOTION_DDOT');

  const ephField = get('EPHEMERIS_TYPE');
  const ephemerisType = ephField ? parseInteger(ephField.value, 'EPHEMERIS_TYPE', ephField.line) : 0;
  const clsField = get('CLASSIFICATION_TYPE');
  const classification = clsField ? clsField.value.trim().toUpperCase() : 'U';
  if (!/^[A-Z]$/.test(classification)) {
    throw new ParseError('FIELD_INVALID', `CLASSIFICATION_TYPE "${clip(classification)}" must be one letter (U for public data).`, { line: lineOf('CLASSIFICATION_TYPE'), field: 'CLASSIFICATION_TYPE' }, classification);
  }
  const intOrZero = (k: string): number => {
    const f = get(k);
    if (!f) {
      warnings.push({ code: 'FIELD_DEFAULTED', line: recordLine, field: k, message: `${k} is missing; 0 assumed.` });
      return 0;
    }
    const n = parseInteger(f.value, k, f.line);
    if (n < 0) throw new ParseError('FIELD_INVALID', `${k} ${n} must not be negative.`, { line: f.line, field: k }, n);
    return n;
  };
  const elementSetNo = intOrZero('ELEMENT_SET_NO');
  const revAtEpoch = intOrZero('REV_AT_EPOCH');

  const nameField = fields.get('OBJECT_NAME');
  const objectName = nameField && nameField.value.trim() !== '' ? nameField.value.trim() : undefined;
  const idField = fields.get('OBJECT_ID');
  let objectId: string | undefined;
  if (idField) {
    const v = idField.value.trim();
    if (v === '') warnings.push({ code: 'EMPTY_VALUE', line: idField.line, field: 'OBJECT_ID', message: 'OBJECT_ID is empty (CelesTrak does this for analyst objects); read as unknown.' });
    else if (v.toUpperCase() !== 'UNKNOWN') objectId = v;
  }

  let objectType: ObjectType | undefined;
  for (const k of OBJECT_TYPE_KEYS) {
    const f = get(k);
    if (!f) continue;
    objectType = objectTypeFromText(f.value);
    if (objectType === undefined) {
      warnings.push({ code: 'FIELD_IGNORED', line: f.line, field: k, message: `object type "${clip(f.value)}" is not one of PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN; guessed from the name.` });
    }
    break;
  }
  objectType ??= objectTypeFromName(objectName);

  const bad = elementSetViolation({ epoch, meanMotionRevPerDay, bstarPerEarthRadii }, options.timeScales);
  if (bad !== undefined) throw new ParseError(bad.code, bad.reason, { line: lineOf(bad.field), field: bad.field }, bad.value);

  return {
    catalogNumber,
    ...(objectName !== undefined ? { objectName } : {}),
    ...(objectId !== undefined ? { objectId } : {}),
    objectType,
    classification,
    epoch,
    meanMotionRevPerDay,
    eccentricity,
    inclinationDeg,
    raanDeg,
    argOfPericenterDeg,
    meanAnomalyDeg,
    bstarPerEarthRadii,
    meanMotionDotRevPerDay2,
    meanMotionDdotRevPerDay3,
    ephemerisType,
    elementSetNo,
    revAtEpoch,
    source: { format, ...(options.sourceName !== undefined ? { name: options.sourceName } : {}), line: recordLine },
  };
}

function checkEnum(f: FieldText | undefined, field: string, allowed: readonly string[], why: string): void {
  if (!f) return;
  const v = f.value.trim().toUpperCase();
  if (!allowed.includes(v)) {
    throw new ParseError('UNSUPPORTED', `${field} "${clip(f.value)}" is not supported: ${why} (expected ${allowed.join(' or ')}).`, { line: f.line, field }, f.value);
  }
}

/** Parses an OMM epoch (ISO calendar or day-of-year form, with or without Z, any number of fraction digits). */
export function parseEpoch(text: string, line: number, ts: TimeScales, field = 'EPOCH'): Instant {
  try {
    return ts.parseUtcIso(text);
  } catch (e) {
    if (e instanceof TimeError) throw new ParseError(e.code, e.message, { line, field }, text);
    throw e;
  }
}

/** Runs `fn` for one record, turning a thrown SkylaneError into a RecordFailure. Non-Skylane errors are bugs and propagate. */
export function collectRecord<T>(fn: () => T, line: number, raw: string | undefined, failures: RecordFailure[]): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SkylaneError) {
      failures.push(toFailure(e, line, raw));
      return undefined;
    }
    throw e;
  }
}

function toFailure(e: SkylaneError, line: number, raw: string | undefined): RecordFailure {
  const r = raw !== undefined ? { raw: clip(raw, 200) } : {};
  if (e instanceof ParseError) {
    return { line: e.line, ...(e.field !== undefined ? { field: e.field } : {}), code: e.code, reason: e.message, ...r };
  }
  return { line, code: e.code, reason: e.message, ...r };
}

// ---------------------------------------------------------------------------------------------------------
// Writers

/** Options of every GP writer. */
export interface WriteElementSetOptions {
  readonly timeScales: TimeScales;
  /** CREATION_DATE of KVN/XML OMMs. Required for those formats (the core reads no clock). */
  readonly creationDate?: Instant;
  /** ORIGINATOR of KVN/XML OMMs; default "SKYLANE". */
  readonly originator?: string;
  /** Decimals of the seconds of epochs in OMM formats (0-9, default 6 = microseconds). */
  readonly epochFractionDigits?: number;
  /** TLE: write the title line (OBJECT_NAME) before each set when the name is known (default true). */
  readonly tleTitleLines?: boolean;
}

/** Checks what every writer needs and throws ParseError-free typed errors (SkylaneError ELEMENTS_INVALID / ID_OUT_OF_RANGE). */
export function assertWritable(s: ElementSet, index: number): void {
  const where = `element set #${index + 1} (catalog number ${s.catalogNumber})`;
  if (!Number.isInteger(s.catalogNumber) || s.catalogNumber < 1 || s.catalogNumber > MAX_CATALOG_NUMBER) {
    throw new SkylaneError('ID_OUT_OF_RANGE', `${where}: catalog numbers are integers 1..${MAX_CATALOG_NUMBER}.`, s.catalogNumber);
  }
  const finite: [string, number][] = [
    ['meanMotionRevPerDay', s.meanMotionRevPerDay],
    ['eccentricity', s.eccentricity],
    ['inclinationDeg', s.inclinationDeg],
    ['raanDeg', s.raanDeg],
    ['argOfPericenterDeg', s.argOfPericenterDeg],
    ['meanAnomalyDeg', s.meanAnomalyDeg],
    ['bstarPerEarthRadii', s.bstarPerEarthRadii],
    ['meanMotionDotRevPerDay2', s.meanMotionDotRevPerDay2],
    ['meanMotionDdotRevPerDay3', s.meanMotionDdotRevPerDay3],
  ];
  for (const [k, v] of finite) {
    if (!Number.isFinite(v)) throw new SkylaneError('ELEMENTS_INVALID', `${where}: ${k} is ${v}; every element must be a finite number.`, v);
  }
  if (!(s.meanMotionRevPerDay > 0)) throw new SkylaneError('ELEMENTS_INVALID', `${where}: mean motion must be positive.`, s.meanMotionRevPerDay);
  if (!(s.eccentricity >= 0 && s.eccentricity < 1)) throw new SkylaneError('ELEMENTS_INVALID', `${where}: eccentricity must be in [0, 1).`, s.eccentricity);
  if (!(s.inclinationDeg >= 0 && s.inclinationDeg <= 180)) throw new SkylaneError('ELEMENTS_INVALID', `${where}: inclination must be in [0, 180] degrees.`, s.inclinationDeg);
  for (const [k, v] of [
    ['ephemerisType', s.ephemerisType],
    ['elementSetNo', s.elementSetNo],
    ['revAtEpoch', s.revAtEpoch],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new SkylaneError('ELEMENTS_INVALID', `${where}: ${k} must be a non-negative integer.`, v);
  }
  if (!/^[A-Z]$/.test(s.classification)) {
    throw new SkylaneError('ELEMENTS_INVALID', `${where}: classification must be one upper-case letter (U for public data).`, s.classification);
  }
}

/** Shortest decimal text that reads back to the same double (ECMAScript Number→String), e.g. 1e-7, 0.00079716. */
export function formatOmmNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** OMM epoch text: ISO-8601 UTC with `fractionDigits` decimals; with `Z` for CCSDS KVN/XML, without for the CelesTrak dialects. */
export function formatOmmEpoch(epoch: Instant, options: WriteElementSetOptions, withZ: boolean): string {
  const text = options.timeScales.formatUtcIso(epoch, options.epochFractionDigits ?? 6);
  return withZ ? text : text.slice(0, -1);
}

/** Whether the object type must be written explicitly (it cannot be re-derived from the name). */
export function explicitObjectType(s: ElementSet): ObjectType | undefined {
  if (s.objectType === undefined) return undefined;
  return s.objectType === objectTypeFromName(s.objectName) ? undefined : s.objectType;
}
