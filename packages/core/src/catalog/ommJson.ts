/**
 * OMM as JSON: the CelesTrak dialect (numbers as JSON numbers, no header) and the Space-Track GP dialect (every
 * value a string, header keys, SATCAT extras such as OBJECT_TYPE, DECAY_DATE, TLE_LINE1/2). Keys are the CCSDS OMM
 * keywords. Both are read; the writer emits the CelesTrak dialect (plus OBJECT_TYPE only when the object type
 * cannot be re-derived from the name). Unknown keys are ignored: the Space-Track schema carries many.
 */
import { parseJsonText } from '../ccsds/json/parse.ts';
import { ParseError, recordList, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import type { ElementSet } from './model.ts';
import {
  assertWritable,
  collectRecord,
  elementSetFromOmmFields,
  explicitObjectType,
  formatOmmEpoch,
  type FieldText,
  type ReadElementSetOptions,
  type ReadElementSetsResult,
  type WriteElementSetOptions,
} from './gpRecord.ts';

/** 1-based lines where each top-level record starts: objects inside a top-level array, or the single top-level object. */
export function jsonRecordLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let topIsArray: boolean | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) topIsArray = c === '[';
      if (c === '{' && ((topIsArray === true && depth === 1) || (topIsArray === false && depth === 0))) out.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
  }
  return out;
}

/** Reads CelesTrak or Space-Track OMM JSON: an array of records or one record. */
export function readOmmJson(text: string, options: ReadElementSetOptions): ReadElementSetsResult {
  const elementSets: ElementSet[] = [];
  const failures = recordList<RecordFailure>(options.maxFailures);
  const warnings = recordList<ReadWarning>(options.maxWarnings);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    failures.push({ line: parsed.line, code: 'PARSE_ERROR', reason: `line ${parsed.line}: the JSON is not well-formed (${parsed.message}); no record could be read.` });
    return { elementSets, failures, warnings };
  }
  const doc = parsed.value;
  const records = Array.isArray(doc) ? doc : [doc];
  const lines = jsonRecordLines(text);
  records.forEach((rec, i) => {
    const line = lines[i] ?? i + 1;
    const set = collectRecord(() => recordToSet(rec, line, options, warnings), line, undefined, failures);
    if (set) elementSets.push(set);
  });
  return { elementSets, failures, warnings };
}

function recordToSet(rec: unknown, line: number, options: ReadElementSetOptions, warnings: ReadWarning[]): ElementSet {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    throw new ParseError('PARSE_ERROR', 'this JSON record is not an object of OMM keywords.', { line });
  }
  const fields = new Map<string, FieldText>();
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') fields.set(k, { value: v, line });
    else if (typeof v === 'number') fields.set(k, { value: Object.is(v, -0) ? '0' : String(v), line });
    else if (typeof v === 'boolean') fields.set(k, { value: String(v), line });
    // Nested objects/arrays are not OMM fields: ignored.
  }
  return elementSetFromOmmFields(fields, line, 'omm-json', options, warnings);
}

/** The CelesTrak OMM JSON record of one element set (EPOCH without 'Z', as CelesTrak writes it). */
export function celestrakRecord(s: ElementSet, options: WriteElementSetOptions): Record<string, string | number> {
  const objectType = explicitObjectType(s);
  return {
    OBJECT_NAME: s.objectName ?? 'UNKNOWN',
    OBJECT_ID: s.objectId ?? 'UNKNOWN',
    EPOCH: formatOmmEpoch(s.epoch, options, false),
    MEAN_MOTION: s.meanMotionRevPerDay,
    ECCENTRICITY: s.eccentricity,
    INCLINATION: s.inclinationDeg,
    RA_OF_ASC_NODE: s.raanDeg,
    ARG_OF_PERICENTER: s.argOfPericenterDeg,
    MEAN_ANOMALY: s.meanAnomalyDeg,
    EPHEMERIS_TYPE: s.ephemerisType,
    CLASSIFICATION_TYPE: s.classification,
    NORAD_CAT_ID: s.catalogNumber,
    ELEMENT_SET_NO: s.elementSetNo,
    REV_AT_EPOCH: s.revAtEpoch,
    BSTAR: s.bstarPerEarthRadii,
    MEAN_MOTION_DOT: s.meanMotionDotRevPerDay2,
    MEAN_MOTION_DDOT: s.meanMotionDdotRevPerDay3,
    ...(objectType !== undefined ? { OBJECT_TYPE: objectType } : {}),
  };
}

/** Writes CelesTrak-style OMM JSON: an array of records, numbers as shortest round-trip JSON numbers. */
export function writeOmmJson(sets: readonly ElementSet[], options: WriteElementSetOptions): string {
  const records = sets.map((s, i) => {
    assertWritable(s, i);
    return celestrakRecord(s, options);
  });
  return `[${records.map((r) => JSON.stringify(r)).join(',\n')}]\n`;
}
