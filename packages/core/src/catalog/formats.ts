/**
 * One entry point for every GP element-set format: `detectFormat`, `readElementSets` (never throws for string
 * input: every problem is a RecordFailure or a ReadWarning) and `writeElementSets` (strict; throws typed errors).
 */
import { ParseError, SkylaneError, tallyOf, type ReadWarning, type RecordFailure, type RecordTally } from '../errors/index.ts';
import type { ElementSet, ElementSetFormat } from './model.ts';
import { readCsv, writeCsv } from './csv.ts';
import type { ReadElementSetOptions, WriteElementSetOptions } from './gpRecord.ts';
import { readOmmJson, writeOmmJson } from './ommJson.ts';
import { readOmmKvn, writeOmmKvn } from './ommKvn.ts';
import { readOmmXml, writeOmmXml } from './ommXml.ts';
import { readTle, writeTle } from './tle.ts';

/** Every format name `readElementSets` and `writeElementSets` accept. */
export const ELEMENT_SET_FORMATS: readonly ElementSetFormat[] = ['tle', 'omm-kvn', 'omm-xml', 'omm-json', 'csv'];

/**
 * Guesses the format from the first meaningful characters: `<` → OMM XML, `[`/`{` → JSON, a KVN keyword line
 * (CCSDS_OMM_VERS or COMMENT) → OMM KVN, a header row naming OMM columns → CSV, a line starting "1 " or "2 " → TLE,
 * any other first line followed by such lines → 3-line TLE. Throws ParseError FORMAT_UNKNOWN otherwise.
 */
export function detectFormat(text: string): ElementSetFormat {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const head = body.trimStart();
  if (head.startsWith('<')) return 'omm-xml';
  if (head.startsWith('[') || head.startsWith('{')) return 'omm-json';
  const lines = head.split(/\r\n|\r|\n/, 50).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const first = lines[0] ?? '';
  if (/^\s*(CCSDS_OMM_VERS|COMMENT)\b/.test(first)) return 'omm-kvn';
  if (/^\s*"?[A-Z_]+"?\s*,/i.test(first) && /NORAD_CAT_ID|OBJECT_NAME|EPOCH/i.test(first)) return 'csv';
  if (lines.slice(0, 3).some((l) => /^[12] /.test(l))) return 'tle';
  if (/^[A-Z_][A-Z0-9_]*\s*=/.test(first)) return 'omm-kvn';
  throw new ParseError(
    'FORMAT_UNKNOWN',
    'cannot tell the element-set format: expected TLE lines, OMM KVN (CCSDS_OMM_VERS = …), OMM XML, OMM JSON or CelesTrak CSV; pass the format explicitly.',
    { line: 1 },
    first.slice(0, 80),
  );
}

export interface ReadElementSetsOptions extends ReadElementSetOptions {
  /** The format, or 'auto' (default) to detect it. */
  readonly format?: ElementSetFormat | 'auto';
}

export interface ReadElementSetsOutput {
  readonly elementSets: ElementSet[];
  readonly failures: RecordFailure[];
  readonly warnings: ReadWarning[];
  /** The format read, or 'unknown' when detection failed (then `failures` says why). */
  readonly format: ElementSetFormat | 'unknown';
  /** Every failure by code, including those beyond `maxFailures` (then `failures` holds only the first ones). */
  readonly failureTally: RecordTally;
  /** Every warning by code, including those beyond `maxWarnings`. */
  readonly warningTally: RecordTally;
}

const READERS = {
  tle: readTle,
  'omm-kvn': readOmmKvn,
  'omm-xml': readOmmXml,
  'omm-json': readOmmJson,
  csv: readCsv,
} as const;

/**
 * Reads element sets in any supported format. Never throws for string input: one bad record never sinks the
 * file, and every rejected record is reported with its line, field and reason.
 */
export function readElementSets(text: string, options: ReadElementSetsOptions): ReadElementSetsOutput {
  const r = readAny(text, options);
  return { ...r, failureTally: tallyOf(r.failures), warningTally: tallyOf(r.warnings) };
}

function readAny(text: string, options: ReadElementSetsOptions): Omit<ReadElementSetsOutput, 'failureTally' | 'warningTally'> {
  if (typeof text !== 'string') {
    return { elementSets: [], failures: [{ line: 1, code: 'ARGUMENT_INVALID', reason: 'readElementSets needs the file contents as a string.' }], warnings: [], format: 'unknown' };
  }
  if (text.trim() === '' || text.trim() === '\ufeff') {
    return { elementSets: [], failures: [], warnings: [{ code: 'EMPTY_INPUT', line: 1, message: 'the input is empty: no element sets.' }], format: options.format === undefined || options.format === 'auto' ? 'unknown' : options.format };
  }
  let format: ElementSetFormat;
  try {
    format = options.format === undefined || options.format === 'auto' ? detectFormat(text) : options.format;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const code = e instanceof SkylaneError ? e.code : 'FORMAT_UNKNOWN';
    return { elementSets: [], failures: [{ line: 1, code, reason }], warnings: [], format: 'unknown' };
  }
  const reader = READERS[format] as (typeof READERS)[ElementSetFormat] | undefined;
  if (reader === undefined) {
    return { elementSets: [], failures: [{ line: 1, code: 'ARGUMENT_INVALID', reason: `unknown format "${String(format)}": use one of ${ELEMENT_SET_FORMATS.join(', ')}.` }], warnings: [], format: 'unknown' };
  }
  try {
    return { ...reader(text, options), format };
  } catch (e) {
    // Readers report per-record problems as data; anything escaping is a bug, still reported, never thrown.
    const reason = e instanceof Error ? `internal reader error: ${e.message}` : `internal reader error: ${String(e)}`;
    return { elementSets: [], failures: [{ line: 1, code: e instanceof SkylaneError ? e.code : 'PARSE_ERROR', reason }], warnings: [], format };
  }
}

/**
 * Writes element sets in one format. Strict: throws a typed SkylaneError (ID_OUT_OF_RANGE, ELEMENTS_INVALID,
 * TIME_OUT_OF_RANGE, ARGUMENT_INVALID) for any set the format cannot hold exactly as the standard demands.
 */
export function writeElementSets(sets: readonly ElementSet[], format: ElementSetFormat, options: WriteElementSetOptions): string {
  switch (format) {
    case 'tle':
      return writeTle(sets, options);
    case 'omm-kvn':
      return writeOmmKvn(sets, options);
    case 'omm-xml':
      return writeOmmXml(sets, options);
    case 'omm-json':
      return writeOmmJson(sets, options);
    case 'csv':
      return writeCsv(sets, options);
    default:
      throw new SkylaneError('ARGUMENT_INVALID', `unknown format "${String(format)}": use one of ${ELEMENT_SET_FORMATS.join(', ')}.`, format);
  }
}
