/**
 * CCSDS OMM in KVN (CCSDS 502.0-B-3 §4 and §7): reader for files holding one or many OMMs (each starts with
 * CCSDS_OMM_VERS) and a strict writer. Built on the generic KVN lexer in ccsds/kvn.
 *
 * Reader rules: keywords are the OMM's (header, metadata, mean elements, TLE parameters), USER_DEFINED_* and the
 * spacecraft/covariance keywords (read and ignored with a warning, since a GP element set carries neither). An
 * unknown keyword, a repeated keyword, metadata after data (a second metadata block) or a line that is not
 * `KEYWORD = value` rejects that message (as Orekit does), and only that message.
 */
import { ArgumentError, ParseError, recordList, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import { formatKvnLine, lexKvn, type KvnToken } from '../ccsds/kvn/index.ts';
import type { ElementSet } from './model.ts';
import {
  assertWritable,
  clip,
  collectRecord,
  elementSetFromOmmFields,
  explicitObjectType,
  formatOmmEpoch,
  formatOmmNumber,
  OMM_HEADER_KEYWORDS,
  OMM_IGNORED_KEYWORDS,
  OMM_MEAN_ELEMENT_KEYWORDS,
  OMM_METADATA_KEYWORDS,
  OMM_TLE_KEYWORDS,
  type FieldText,
  type ReadElementSetOptions,
  type ReadElementSetsResult,
  type WriteElementSetOptions,
} from './gpRecord.ts';

type Section = 'header' | 'metadata' | 'data';
const SECTION_OF = new Map<string, Section>([
  ...OMM_HEADER_KEYWORDS.map((k) => [k, 'header'] as const),
  ...OMM_METADATA_KEYWORDS.map((k) => [k, 'metadata'] as const),
  ...OMM_MEAN_ELEMENT_KEYWORDS.map((k) => [k, 'data'] as const),
  ...OMM_TLE_KEYWORDS.map((k) => [k, 'data'] as const),
]);
const FREE_TEXT = new Set(['OBJECT_NAME', 'OBJECT_ID', 'ORIGINATOR', 'MESSAGE_ID', 'CENTER_NAME', 'MEAN_ELEMENT_THEORY']);
const ORDER: Record<Section, number> = { header: 0, metadata: 1, data: 2 };

/** Reads every OMM in a KVN text. */
export function readOmmKvn(text: string, options: ReadElementSetOptions): ReadElementSetsResult {
  const elementSets: ElementSet[] = [];
  const failures = recordList<RecordFailure>(options.maxFailures);
  const warnings = recordList<ReadWarning>(options.maxWarnings);
  const tokens = lexKvn(text);
  // Split into messages at each CCSDS_OMM_VERS.
  const messages: KvnToken[][] = [];
  let current: KvnToken[] | undefined;
  const stray: KvnToken[] = [];
  for (const t of tokens) {
    if (t.kind === 'keyValue' && t.keyword === 'CCSDS_OMM_VERS') {
      current = [t];
      messages.push(current);
    } else if (current) current.push(t);
    else if (t.kind !== 'comment') stray.push(t);
  }
  if (stray.length > 0) {
    const t = stray[0]!;
    failures.push({
      line: t.line,
      code: 'PARSE_ERROR',
      reason: `line ${t.line}: ${stray.length} line(s) before the first CCSDS_OMM_VERS are not part of any OMM; every OMM must start with CCSDS_OMM_VERS.`,
    });
  }
  for (const msg of messages) {
    const start = msg[0]!.line;
    const set = collectRecord(() => parseMessage(msg, options, warnings), start, undefined, failures);
    if (set) elementSets.push(set);
  }
  return { elementSets, failures, warnings };
}

function parseMessage(msg: readonly KvnToken[], options: ReadElementSetOptions, warnings: ReadWarning[]): ElementSet {
  const fields = new Map<string, FieldText>();
  let section: Section = 'header';
  let ignoredReported = false;
  const start = msg[0]!.line;
  for (const t of msg) {
    if (t.kind === 'comment') continue;
    if (t.kind === 'raw') {
      throw new ParseError('PARSE_ERROR', `"${clip(t.text)}" is not a KEYWORD = value line.`, { line: t.line }, t.text);
    }
    if (t.kind === 'blockStart' || t.kind === 'blockEnd') {
      throw new ParseError('PARSE_ERROR', `${t.block}_${t.kind === 'blockStart' ? 'START' : 'STOP'} has no place in an OMM.`, { line: t.line, field: t.block });
    }
    const k = t.keyword;
    if (fields.has(k)) {
      throw new ParseError(
        'PARSE_ERROR',
        `${k} appears twice (first on line ${fields.get(k)!.line}): start each OMM with CCSDS_OMM_VERS.`,
        { line: t.line, field: k },
        t.value,
      );
    }
    const sec = SECTION_OF.get(k);
    if (sec !== undefined) {
      if (ORDER[sec] < ORDER[section]) {
        throw new ParseError('PARSE_ERROR', `${k} (${sec}) after the ${section} section: an OMM holds one header, one metadata and one data section, in that order.`, {
          line: t.line,
          field: k,
        });
      }
      section = sec;
    } else if (k.startsWith('USER_DEFINED_')) {
      section = 'data';
    } else if (OMM_IGNORED_KEYWORDS.has(k)) {
      section = 'data';
      if (!ignoredReported) {
        warnings.push({ code: 'FIELD_IGNORED', line: t.line, field: k, message: 'spacecraft parameters and covariance are not part of a GP element set; ignored.' });
        ignoredReported = true;
      }
    } else {
      throw new ParseError('PARSE_ERROR', `unknown OMM keyword ${k}: use the CCSDS 502.0-B-3 keywords, or USER_DEFINED_${k} for your own.`, { line: t.line, field: k }, t.value);
    }
    // Free-text values keep any bracketed tail ("IRIDIUM 33 [-]"): only numbers carry units.
    fields.set(k, { value: FREE_TEXT.has(k) || k.startsWith('USER_DEFINED_') ? t.rawValue : t.value, line: t.line });
  }
  return elementSetFromOmmFields(fields, start, 'omm-kvn', options, warnings);
}

/** The OMM fields of an element set in CCSDS order, as text (shared by the KVN and XML writers). */
export function ommFieldGroups(s: ElementSet, options: WriteElementSetOptions): {
  metadata: [string, string][];
  meanElements: [string, string, string?][];
  tleParameters: [string, string, string?][];
  userDefined: [string, string][];
} {
  const theory = s.ephemerisType === 4 ? 'SGP4-XP' : 'SGP4';
  const objectType = explicitObjectType(s);
  return {
    metadata: [
      ['OBJECT_NAME', s.objectName ?? 'UNKNOWN'],
      ['OBJECT_ID', s.objectId ?? 'UNKNOWN'],
      ['CENTER_NAME', 'EARTH'],
      ['REF_FRAME', 'TEME'],
      ['TIME_SYSTEM', 'UTC'],
      ['MEAN_ELEMENT_THEORY', theory],
    ],
    meanElements: [
      ['EPOCH', formatOmmEpoch(s.epoch, options, true)],
      ['MEAN_MOTION', formatOmmNumber(s.meanMotionRevPerDay), 'rev/day'],
      ['ECCENTRICITY', formatOmmNumber(s.eccentricity)],
      ['INCLINATION', formatOmmNumber(s.inclinationDeg), 'deg'],
      ['RA_OF_ASC_NODE', formatOmmNumber(s.raanDeg), 'deg'],
      ['ARG_OF_PERICENTER', formatOmmNumber(s.argOfPericenterDeg), 'deg'],
      ['MEAN_ANOMALY', formatOmmNumber(s.meanAnomalyDeg), 'deg'],
    ],
    tleParameters: [
      ['EPHEMERIS_TYPE', String(s.ephemerisType)],
      ['CLASSIFICATION_TYPE', s.classification],
      ['NORAD_CAT_ID', String(s.catalogNumber)],
      ['ELEMENT_SET_NO', String(s.elementSetNo)],
      ['REV_AT_EPOCH', String(s.revAtEpoch)],
      ['BSTAR', formatOmmNumber(s.bstarPerEarthRadii), '1/ER'],
      ['MEAN_MOTION_DOT', formatOmmNumber(s.meanMotionDotRevPerDay2), 'rev/day**2'],
      ['MEAN_MOTION_DDOT', formatOmmNumber(s.meanMotionDdotRevPerDay3), 'rev/day**3'],
    ],
    userDefined: objectType !== undefined ? [['OBJECT_TYPE', objectType]] : [],
  };
}

/** Header values shared by the KVN and XML writers; throws ArgumentError without a creation date. */
export function ommHeader(options: WriteElementSetOptions): { creationDate: string; originator: string } {
  if (options.creationDate === undefined) {
    throw new ArgumentError('writing OMM KVN or XML needs options.creationDate (CREATION_DATE is mandatory; the core reads no clock).');
  }
  const originator = (options.originator ?? 'SKYLANE').replace(/[\r\n<>&]+/g, ' ').trim();
  return { creationDate: formatOmmEpoch(options.creationDate, { ...options, epochFractionDigits: 3 }, true), originator: originator === '' ? 'SKYLANE' : originator };
}

/** Writes element sets as consecutive OMM 2.0 KVN messages, with units in brackets. */
export function writeOmmKvn(sets: readonly ElementSet[], options: WriteElementSetOptions): string {
  const header = ommHeader(options);
  const out: string[] = [];
  sets.forEach((s, i) => {
    assertWritable(s, i);
    const g = ommFieldGroups(s, options);
    if (i > 0) out.push('');
    out.push(formatKvnLine('CCSDS_OMM_VERS', '2.0'), formatKvnLine('CREATION_DATE', header.creationDate), formatKvnLine('ORIGINATOR', header.originator), '');
    for (const [k, v] of g.metadata) out.push(formatKvnLine(k, v));
    out.push('');
    for (const [k, v, u] of g.meanElements) out.push(formatKvnLine(k, v, u));
    out.push('');
    for (const [k, v, u] of g.tleParameters) out.push(formatKvnLine(k, v, u));
    for (const [k, v] of g.userDefined) out.push(formatKvnLine(`USER_DEFINED_${k}`, v));
  });
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}
