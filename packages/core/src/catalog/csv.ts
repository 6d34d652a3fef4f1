/**
 * CelesTrak GP CSV: a header row of OMM keywords (OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,...) then one element set
 * per row, numbers as CelesTrak prints them (".00237643", ".76643197E-3"). Columns are found by header name, so
 * other column orders and extra columns (Space-Track CSV) read too. Fields may be double-quoted (RFC 4180, "" for a
 * quote). The writer emits CelesTrak's 17 columns, quoting only where needed.
 */
import { ParseError, recordList, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import { splitLines } from '../ccsds/kvn/index.ts';
import type { ElementSet } from './model.ts';
import {
  assertWritable,
  collectRecord,
  elementSetFromOmmFields,
  formatOmmNumber,
  type FieldText,
  type ReadElementSetOptions,
  type ReadElementSetsResult,
  type WriteElementSetOptions,
} from './gpRecord.ts';
import { celestrakRecord } from './ommJson.ts';

/** CelesTrak's CSV columns, in its order. */
export const CELESTRAK_CSV_COLUMNS = [
  'OBJECT_NAME',
  'OBJECT_ID',
  'EPOCH',
  'MEAN_MOTION',
  'ECCENTRICITY',
  'INCLINATION',
  'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER',
  'MEAN_ANOMALY',
  'EPHEMERIS_TYPE',
  'CLASSIFICATION_TYPE',
  'NORAD_CAT_ID',
  'ELEMENT_SET_NO',
  'REV_AT_EPOCH',
  'BSTAR',
  'MEAN_MOTION_DOT',
  'MEAN_MOTION_DDOT',
] as const;

/** Splits one CSV line into fields (RFC 4180 quoting within the line). Throws ParseError on an unterminated quote. */
export function splitCsvLine(text: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ParseError('PARSE_ERROR', 'a quoted CSV field is not closed on this line.', { line, column: i + 1 }, text);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += text[i];
        i++;
      }
      out.push(v);
      if (i < text.length && text[i] !== ',') {
        throw new ParseError('PARSE_ERROR', 'text after a closing quote: quote the whole field.', { line, column: i + 1 }, text);
      }
    } else {
      const j = text.indexOf(',', i);
      out.push(j < 0 ? text.slice(i) : text.slice(i, j));
      i = j < 0 ? text.length : j;
    }
    if (i >= text.length) break;
    i++; // skip ','
    if (i === text.length) {
      out.push('');
      break;
    }
  }
  return out;
}

/** Reads CelesTrak (or Space-Track) GP CSV with a header row. */
export function readCsv(text: string, options: ReadElementSetOptions): ReadElementSetsResult {
  const elementSets: ElementSet[] = [];
  const failures = recordList<RecordFailure>(options.maxFailures);
  const warnings = recordList<ReadWarning>(options.maxWarnings);
  const lines = splitLines(text);
  let header: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.trim() === '') continue;
    if (!header) {
      try {
        header = splitCsvLine(raw, line).map((h) => h.trim().toUpperCase());
      } catch (e) {
        if (e instanceof ParseError) {
          failures.push({ line, code: e.code, reason: e.message });
          return { elementSets, failures, warnings };
        }
        throw e;
      }
      if (!header.includes('NORAD_CAT_ID') || !header.includes('EPOCH')) {
        failures.push({ line, field: 'header', code: 'FIELD_MISSING', reason: `line ${line}: the CSV header must name the OMM columns (at least NORAD_CAT_ID and EPOCH).`, raw: raw.slice(0, 200) });
        return { elementSets, failures, warnings };
      }
      continue;
    }
    const h = header;
    const set = collectRecord(
      () => {
        const values = splitCsvLine(raw, line);
        if (values.length !== h.length) {
          throw new ParseError('PARSE_ERROR', `${values.length} fields where the header has ${h.length}: quote fields that contain commas.`, { line }, raw);
        }
        const fields = new Map<string, FieldText>();
        h.forEach((k, j) => fields.set(k, { value: values[j]!, line }));
        return elementSetFromOmmFields(fields, line, 'csv', options, warnings);
      },
      line,
      raw,
      failures,
    );
    if (set) elementSets.push(set);
  }
  return { elementSets, failures, warnings };
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A text cell that a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or CR: OWASP "CSV
 * injection") gets a leading apostrophe, which spreadsheets show as text. Only text fields (names, designators)
 * pass here; numbers are written by `formatOmmNumber` and keep their sign.
 */
export function neutraliseCsvFormula(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Writes CelesTrak's 17-column GP CSV (header row, LF line ends); text cells that would run as spreadsheet formulas are neutralised. */
export function writeCsv(sets: readonly ElementSet[], options: WriteElementSetOptions): string {
  const rows = [CELESTRAK_CSV_COLUMNS.join(',')];
  sets.forEach((s, i) => {
    assertWritable(s, i);
    const r = celestrakRecord(s, options);
    rows.push(CELESTRAK_CSV_COLUMNS.map((k) => {
      const v = r[k]!;
      return csvField(typeof v === 'number' ? formatOmmNumber(v) : neutraliseCsvFormula(v));
    }).join(','));
  });
  return rows.join('\n') + '\n';
}
