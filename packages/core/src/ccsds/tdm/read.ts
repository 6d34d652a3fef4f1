/**
 * Lenient TDM readers (CCSDS 503.0-B-2 KVN §3-4, NDM/XML 505.0-B-2 with ndmxml-2.0.0-tdm-2.0.xsd).
 *
 * "Readers lenient, writers strict": a problem inside a segment (unknown keyword, bad number or epoch, a path naming
 * a participant that is not declared, a measurement with no path/station, time tags out of order) is reported as a
 * `TdmProblem` with its line and field, and the rest of the message is kept. Unreadable data lines and unknown
 * keywords are dropped (and reported); out-of-order lines are kept and reported. Only a text that is not a TDM at all
 * (wrong first keyword, no segment, broken structure) throws a ParseError.
 */
import { ParseError, type SkylaneErrorCode } from '../../errors/index.ts';
import { lexKvn } from '../kvn/index.ts';
import { parseXmlTree, type XmlElement } from '../xml/index.ts';
import {
  TDM_DATA_KEYWORDS, TDM_ENUMERATIONS, TDM_EPOCH_METADATA, TDM_METADATA_KEYWORDS, TDM_NUMERIC_METADATA, TDM_PATH_DATA, TDM_REFERENCE_FRAMES,
  type Tdm, type TdmDataLine, type TdmField, type TdmHeader, type TdmProblem, type TdmReadResult, type TdmSegment,
} from './model.ts';

const EPOCH_RE = /^[+-]?\d{4}-(?:\d{2}-\d{2}|\d{3})T\d{2}:\d{2}:\d{2}(?:\.\d*)?Z?$/;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;

/** Whether a text is a CCSDS epoch `YYYY-MM-DDThh:mm:ss[.f]` or `YYYY-DDDThh:mm:ss[.f]`. */
export function isCcsdsEpoch(text: string): boolean {
  return EPOCH_RE.test(text);
}

/** Parses a TDM number (Fortran `D` exponents accepted); NaN when it is not one. */
export function parseTdmNumber(text: string): number {
  return NUMBER_RE.test(text) ? Number(text.replace(/[dD]/, 'e')) : Number.NaN;
}

class Collector {
  readonly problems: TdmProblem[] = [];
  add(severity: 'error' | 'warning', code: SkylaneErrorCode, line: number, field: string, message: string, segment?: number): void {
    this.problems.push({ severity, code, line, field, message, ...(segment !== undefined ? { segment } : {}) });
  }
}

interface RawSegment {
  line: number;
  metadataComments: string[];
  metadata: TdmField[];
  dataComments: string[];
  data: { keyword: string; text: string; epoch?: string; value?: string; line: number }[];
}

/** Path participants from a PATH value (`2,1` → [2, 1]), or undefined when it is not a list of 1..5. */
export function parseTdmPath(value: string): number[] | undefined {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length < 2 || parts.some((p) => !/^[1-5]$/.test(p))) return undefined;
  return parts.map(Number);
}

function checkSegment(raw: RawSegment, index: number, c: Collector): TdmSegment {
  const metadata: TdmField[] = [];
  const seen = new Set<string>();
  for (const f of raw.metadata) {
    if (!TDM_METADATA_KEYWORDS.includes(f.keyword)) {
      c.add('error', 'PARSE_ERROR', f.line, f.keyword, `${f.keyword} is not a TDM metadata keyword (CCSDS 503.0-B-2 table 3-3); the line was ignored.`, index);
      continue;
    }
    if (seen.has(f.keyword)) c.add('warning', 'FIELD_INVALID', f.line, f.keyword, `${f.keyword} appears twice in this metadata block; the last value is used.`, index);
    seen.add(f.keyword);
    const allowed = TDM_ENUMERATIONS[f.keyword];
    if (allowed && !allowed.includes(f.value.toUpperCase())) {
      const code = f.keyword === 'TIME_SYSTEM' ? 'UNSUPPORTED' : 'FIELD_INVALID';
      c.add('error', code, f.line, f.keyword, `"${f.value}" is not a valid ${f.keyword}; use one of ${allowed.join(', ')}.`, index);
      continue;
    }
    if (TDM_NUMERIC_METADATA.has(f.keyword) && !Number.isFinite(parseTdmNumber(f.value))) {
      c.add('error', 'FIELD_INVALID', f.line, f.keyword, `"${f.value}" is not a number.`, index);
      continue;
    }
    if (TDM_EPOCH_METADATA.has(f.keyword) && !isCcsdsEpoch(f.value)) {
      c.add('error', 'TIME_INVALID', f.line, f.keyword, `"${f.value}" is not a CCSDS epoch (YYYY-MM-DDThh:mm:ss or YYYY-DDDThh:mm:ss).`, index);
      continue;
    }
    if (f.keyword === 'REFERENCE_FRAME' && !TDM_REFERENCE_FRAMES.includes(f.value.toUpperCase())) {
      c.add('warning', 'FIELD_INVALID', f.line, f.keyword, `REFERENCE_FRAME "${f.value}" is not a TDM frame (${TDM_REFERENCE_FRAMES.join(', ')}); kept, but the writers refuse it.`, index);
    }
    if (/^PATH(_[12])?$/.test(f.keyword)) {
      const path = parseTdmPath(f.value);
      if (!path) {
        c.add('error', 'FIELD_INVALID', f.line, f.keyword, `"${f.value}" is not a signal path: write participant numbers 1-5 separated by commas, e.g. "2,1" (one-way down) or "1,2,1" (two-way).`, index);
        continue;
      }
      const missing = path.find((p) => !raw.metadata.some((m) => m.keyword === `PARTICIPANT_${p}`));
      if (missing !== undefined) {
        c.add('error', 'NOT_FOUND', f.line, f.keyword, `${f.keyword} names participant ${missing}, but PARTICIPANT_${missing} is not declared in this metadata block (unknown participant).`, index);
        continue;
      }
    }
    metadata.push(f);
  }
  const has = (k: string): boolean => metadata.some((f) => f.keyword === k);
  if (!has('TIME_SYSTEM') && !raw.metadata.some((f) => f.keyword === 'TIME_SYSTEM')) c.add('error', 'FIELD_MISSING', raw.line, 'TIME_SYSTEM', 'the metadata has no TIME_SYSTEM (mandatory); add e.g. TIME_SYSTEM = UTC.', index);
  if (!raw.metadata.some((f) => f.keyword === 'PARTICIPANT_1')) c.add('error', 'FIELD_MISSING', raw.line, 'PARTICIPANT_1', 'the metadata has no PARTICIPANT_1 (mandatory): name the station or spacecraft.', index);
  const hasPath = has('PATH') || has('PATH_1');
  const data: TdmDataLine[] = [];
  const lastEpoch = new Map<string, string>();
  for (const d of raw.data) {
    if (!TDM_DATA_KEYWORDS.includes(d.keyword)) {
      c.add('error', 'PARSE_ERROR', d.line, d.keyword, `${d.keyword} is not a TDM data keyword (CCSDS 503.0-B-2 table 3-5); the line was ignored.`, index);
      continue;
    }
    let epoch = d.epoch;
    let value = d.value;
    if (epoch === undefined || value === undefined) {
      const parts = d.text.trim().split(/\s+/);
      if (parts.length !== 2) {
        c.add('error', 'PARSE_ERROR', d.line, d.keyword, `a data line is "KEYWORD = epoch value"; "${d.text.trim()}" has ${parts.length} item(s); the line was ignored.`, index);
        continue;
      }
      [epoch, value] = parts as [string, string];
    }
    if (!isCcsdsEpoch(epoch)) {
      c.add('error', 'TIME_INVALID', d.line, d.keyword, `"${epoch}" is not a CCSDS epoch; the line was ignored.`, index);
      continue;
    }
    const number = parseTdmNumber(value);
    if (!Number.isFinite(number)) {
      c.add('error', 'FIELD_INVALID', d.line, d.keyword, `"${value}" is not a number; the line was ignored.`, index);
      continue;
    }
    if (TDM_PATH_DATA.has(d.keyword) && !hasPath) {
      c.add('error', 'FIELD_MISSING', d.line, d.keyword, `${d.keyword} is a measurement along a signal path, but the segment has no PATH: it has no station. Add PATH (e.g. "2,1"); the line was kept.`, index);
    }
    const previous = lastEpoch.get(d.keyword);
    if (previous !== undefined && compareEpochText(epoch, previous) < 0) {
      c.add('error', 'TIME_INVALID', d.line, d.keyword, `time tag ${epoch} is earlier than the previous ${d.keyword} (${previous}): time tags out of order; the line was kept.`, index);
    }
    if (previous === undefined || compareEpochText(epoch, previous) >= 0) lastEpoch.set(d.keyword, epoch);
    data.push({ keyword: d.keyword, epoch, value, number, line: d.line });
  }
  return { metadataComments: raw.metadataComments, metadata, dataComments: raw.dataComments, data, line: raw.line };
}

/** Orders two CCSDS epoch texts of the same segment (calendar or day-of-year form) by their value. */
export function compareEpochText(a: string, b: string): number {
  const ka = tdmEpochKey(a);
  const kb = tdmEpochKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A sortable key of a CCSDS epoch text: calendar and day-of-year forms of the same instant give the same key. */
export function tdmEpochKey(t: string): string {
  const m = /^([+-]?\d{4})-(?:(\d{2})-(\d{2})|(\d{3}))T(\d{2}):(\d{2}):(\d{2})(\.\d*)?/.exec(t);
  if (!m) return t;
  let doy: number;
  if (m[4] !== undefined) doy = Number(m[4]);
  else {
    const y = Number(m[1]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    const month = Number(m[2]);
    doy = (cum[month - 1] ?? 0) + Number(m[3]) + (leap && month > 2 ? 1 : 0);
  }
  const frac = (m[8] ?? '.').padEnd(16, '0');
  return `${m[1]}-${String(doy).padStart(3, '0')}T${m[5]}:${m[6]}:${m[7]}${frac}`;
}

function finishHeader(fields: TdmField[], comments: string[], versionLine: number, version: string, c: Collector): TdmHeader {
  if (version !== '1.0' && version !== '2.0') c.add('warning', 'UNSUPPORTED', versionLine, 'CCSDS_TDM_VERS', `version ${version} is neither 1.0 nor 2.0; read as 2.0.`);
  let creationDate = '';
  let originator = '';
  let messageId: string | undefined;
  for (const f of fields) {
    if (f.keyword === 'CREATION_DATE') {
      if (!isCcsdsEpoch(f.value)) c.add('error', 'TIME_INVALID', f.line, f.keyword, `"${f.value}" is not a CCSDS epoch.`);
      creationDate = f.value;
    } else if (f.keyword === 'ORIGINATOR') originator = f.value;
    else if (f.keyword === 'MESSAGE_ID') messageId = f.value;
    else c.add('error', 'PARSE_ERROR', f.line, f.keyword, `${f.keyword} has no place in the TDM header (COMMENT, CREATION_DATE, ORIGINATOR, MESSAGE_ID).`);
  }
  if (creationDate === '') c.add('error', 'FIELD_MISSING', versionLine, 'CREATION_DATE', 'the header has no CREATION_DATE (mandatory).');
  if (originator === '') c.add('error', 'FIELD_MISSING', versionLine, 'ORIGINATOR', 'the header has no ORIGINATOR (mandatory).');
  return { version, comments, creationDate, originator, ...(messageId !== undefined ? { messageId } : {}) };
}

/** Whether a text looks like a TDM in KVN form. */
export function isTdmKvn(text: string): boolean {
  return /^\s*(?:\uFEFF)?\s*CCSDS_TDM_VERS\s*=/.test(text);
}

/** Whether a text looks like a TDM in XML form. */
export function isTdmXml(text: string): boolean {
  return /^\s*(?:\uFEFF)?\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:\w+:)?tdm[\s>]/.test(text);
}

/** Reads a TDM in KVN form, leniently (see the module header). Throws ParseError only when it is not a TDM. */
export function readTdmKvn(text: string): TdmReadResult {
  const tokens = lexKvn(text);
  const first = tokens[0];
  if (first === undefined || first.kind !== 'keyValue' || first.keyword !== 'CCSDS_TDM_VERS') {
    throw new ParseError('FORMAT_UNKNOWN', 'this is not a TDM in KVN form: its first keyword must be CCSDS_TDM_VERS.', { line: first?.line ?? 1, field: 'CCSDS_TDM_VERS' });
  }
  const c = new Collector();
  const headerFields: TdmField[] = [];
  const headerComments: string[] = [];
  const raws: RawSegment[] = [];
  let state: 'header' | 'meta' | 'afterMeta' | 'data' | 'between' = 'header';
  let cur: RawSegment | undefined;
  for (const t of tokens.slice(1)) {
    if (t.kind === 'blockStart' || t.kind === 'blockEnd') {
      const word = `${t.block}_${t.kind === 'blockStart' ? 'START' : 'STOP'}`;
      if (word === 'META_START' && (state === 'header' || state === 'between')) {
        cur = { line: t.line, metadataComments: [], metadata: [], dataComments: [], data: [] };
        raws.push(cur);
        state = 'meta';
      } else if (word === 'META_STOP' && state === 'meta') state = 'afterMeta';
      else if (word === 'DATA_START' && state === 'afterMeta') state = 'data';
      else if (word === 'DATA_STOP' && state === 'data') state = 'between';
      else {
        const expected = { header: 'META_START', between: 'META_START', meta: 'META_STOP', afterMeta: 'DATA_START', data: 'DATA_STOP' }[state];
        throw new ParseError('PARSE_ERROR', `${word} is out of place here (expected ${expected}).`, { line: t.line, field: word });
      }
      continue;
    }
    if (t.kind === 'raw') {
      c.add('error', 'PARSE_ERROR', t.line, 'line', `"${t.text.slice(0, 40)}" is not a KVN line (KEYWORD = value or COMMENT text); it was ignored.`, raws.length > 0 ? raws.length - 1 : undefined);
      continue;
    }
    if (state === 'header') {
      if (t.kind === 'comment') headerComments.push(t.text);
      else headerFields.push({ keyword: t.keyword, value: t.rawValue, line: t.line });
    } else if (state === 'meta' && cur) {
      if (t.kind === 'comment') cur.metadataComments.push(t.text);
      else cur.metadata.push({ keyword: t.keyword, value: t.rawValue, line: t.line });
    } else if (state === 'data' && cur) {
      if (t.kind === 'comment') cur.dataComments.push(t.text);
      else cur.data.push({ keyword: t.keyword, text: t.rawValue, line: t.line });
    } else {
      const field = t.kind === 'comment' ? 'COMMENT' : t.keyword;
      c.add('error', 'PARSE_ERROR', t.line, field, `${field} is outside any META or DATA block; it was ignored.`);
    }
  }
  if (state === 'meta' || state === 'data' || state === 'afterMeta') {
    const field = { meta: 'META_STOP', afterMeta: 'DATA_START', data: 'DATA_STOP' }[state];
    throw new ParseError('PARSE_ERROR', `the last segment is not complete: ${field} is missing.`, { line: tokens[tokens.length - 1]?.line ?? 1, field });
  }
  if (raws.length === 0) throw new ParseError('PARSE_ERROR', 'the TDM has no segment (META_START ... DATA_STOP).', { line: first.line, field: 'META_START' });
  const header = finishHeader(headerFields, headerComments, first.line, first.value, c);
  const segments = raws.map((r, i) => checkSegment(r, i, c));
  return { tdm: { header, segments }, problems: c.problems };
}

/** Reads a TDM in NDM/XML form (a `<tdm>` root, or an `<ndm>` holding one), leniently. */
export function readTdmXml(text: string): TdmReadResult {
  const doc = parseXmlTree(text);
  let root = doc.children[0];
  if (root?.name === 'ndm') root = root.children.find((e) => e.name === 'tdm');
  if (!root || root.name !== 'tdm') throw new ParseError('FORMAT_UNKNOWN', 'this is not a TDM in XML: the root element must be <tdm>.', { line: root?.line ?? 1, field: root?.name ?? 'tdm' });
  const c = new Collector();
  const version = root.attrs['version'] ?? '';
  if (version === '') c.add('error', 'FIELD_MISSING', root.line, 'version', 'the <tdm> element needs version="2.0" (and id="CCSDS_TDM_VERS").');
  const header = root.children.find((e) => e.name === 'header');
  const body = root.children.find((e) => e.name === 'body');
  if (!header) throw new ParseError('FIELD_MISSING', 'the TDM has no <header>.', { line: root.line, field: 'header' });
  if (!body) throw new ParseError('FIELD_MISSING', 'the TDM has no <body>.', { line: root.line, field: 'body' });
  const headerComments = header.children.filter((e) => e.name === 'COMMENT').map((e) => e.text.trim());
  const headerFields = header.children.filter((e) => e.name !== 'COMMENT').map((e) => ({ keyword: e.name, value: e.text.trim(), line: e.line }));
  const raws: RawSegment[] = [];
  for (const seg of body.children) {
    if (seg.name !== 'segment') {
      c.add('error', 'PARSE_ERROR', seg.line, seg.name, `<${seg.name}> has no place in <body>; only <segment>.`);
      continue;
    }
    const meta = seg.children.find((e) => e.name === 'metadata');
    const data = seg.children.find((e) => e.name === 'data');
    if (!meta || !data) throw new ParseError('FIELD_MISSING', `a <segment> needs <metadata> and <data>.`, { line: seg.line, field: meta ? 'data' : 'metadata' });
    const raw: RawSegment = { line: seg.line, metadataComments: [], metadata: [], dataComments: [], data: [] };
    for (const e of meta.children) {
      if (e.name === 'COMMENT') raw.metadataComments.push(e.text.trim());
      else raw.metadata.push({ keyword: e.name, value: e.text.trim(), line: e.line });
    }
    for (const e of data.children) {
      if (e.name === 'COMMENT') raw.dataComments.push(e.text.trim());
      else if (e.name === 'observation') readObservation(e, raw, c, raws.length);
      else c.add('error', 'PARSE_ERROR', e.line, e.name, `<${e.name}> has no place in <data>; data lines are <observation><EPOCH/><KEYWORD/></observation>.`, raws.length);
    }
    raws.push(raw);
  }
  if (raws.length === 0) throw new ParseError('PARSE_ERROR', 'the TDM has no <segment>.', { line: body.line, field: 'segment' });
  const h = finishHeader(headerFields, headerComments, root.line, version === '' ? '2.0' : version, c);
  const segments = raws.map((r, i) => checkSegment(r, i, c));
  return { tdm: { header: h, segments }, problems: c.problems };
}

function readObservation(e: XmlElement, raw: RawSegment, c: Collector, segment: number): void {
  const epoch = e.children.find((x) => x.name === 'EPOCH');
  const values = e.children.filter((x) => x.name !== 'EPOCH' && x.name !== 'COMMENT');
  if (!epoch || values.length !== 1) {
    c.add('error', 'PARSE_ERROR', e.line, values[0]?.name ?? 'observation', `an <observation> holds one <EPOCH> and one measurement element (it has ${epoch ? 1 : 0} and ${values.length}); it was ignored.`, segment);
    return;
  }
  const v = values[0]!;
  raw.data.push({ keyword: v.name, text: `${epoch.text.trim()} ${v.text.trim()}`, epoch: epoch.text.trim(), value: v.text.trim(), line: v.line });
}

/** Reads a TDM in KVN or XML form (detected from the text). */
export function readTdm(text: string): TdmReadResult {
  if (isTdmKvn(text)) return readTdmKvn(text);
  if (isTdmXml(text)) return readTdmXml(text);
  throw new ParseError('FORMAT_UNKNOWN', 'this is neither a TDM in KVN form (first keyword CCSDS_TDM_VERS) nor in XML (root <tdm>).', { line: 1, field: 'CCSDS_TDM_VERS' });
}

/** Reads a TDM and throws the first error-severity problem as a ParseError (for callers that want strictness). */
export function readTdmStrict(text: string): Tdm {
  const r = readTdm(text);
  const e = r.problems.find((p) => p.severity === 'error');
  if (e) throw new ParseError(e.code, e.message, { line: e.line, field: e.field });
  return r.tdm;
}

export type { Tdm };
