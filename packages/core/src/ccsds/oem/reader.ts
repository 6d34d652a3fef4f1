/**
 * CCSDS Orbit Ephemeris Message reader, KVN form (CCSDS 502.0-B-2 §5; versions 1.0 and 2.0), over the shared KVN
 * lexer. Lenient where real files deviate (keyword order, unknown optional keywords, units in brackets, extra
 * blank lines: structured warnings), strict where the data would be wrong: a segment whose metadata, ephemeris
 * rows or covariance blocks cannot be read is returned as a per-segment failure (line, keyword, reason) and the
 * other segments are kept. A broken header (no CCSDS_OEM_VERS, CREATION_DATE or ORIGINATOR) throws ParseError.
 *
 * Units: positions km, velocities km/s, accelerations km/s², covariances km², km²/s, km²/s² (the standard's own
 * units, which are the core's). Times: TIME_SYSTEM UTC only; other time systems are refused per segment with the
 * reason (convert the file to UTC first). REF_FRAME is kept as written (EME2000, GCRF, ICRF, TEME, ITRF…): the
 * caller decides which frames it can use.
 */
import { ParseError, toRecordFailure, type ReadWarning, type RecordFailure } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { geocentricPositionViolation } from '../../catalog/sanity.ts';
import { lexKvn, type KvnToken } from '../kvn/index.ts';

export interface OemReadHeader {
  /** CCSDS_OEM_VERS, e.g. "2.0". */
  readonly version: string;
  readonly comments: readonly string[];
  readonly creationDate: Instant;
  readonly originator: string;
}

export interface OemReadMetadata {
  readonly comments: readonly string[];
  readonly objectName: string;
  readonly objectId: string;
  readonly centerName: string;
  readonly refFrame: string;
  readonly timeSystem: string;
  readonly startTime: Instant;
  readonly stopTime: Instant;
  readonly useableStartTime?: Instant;
  readonly useableStopTime?: Instant;
  readonly interpolation?: string;
  readonly interpolationDegree?: number;
}

export interface OemReadState {
  readonly epoch: Instant;
  /** x, y, z (km), vx, vy, vz (km/s). */
  readonly state: readonly [number, number, number, number, number, number];
  /** ax, ay, az (km/s²) when the row has them. */
  readonly acceleration?: readonly [number, number, number];
}

export interface OemReadCovariance {
  readonly epoch: Instant;
  /** COV_REF_FRAME when given (else the segment's REF_FRAME applies). */
  readonly refFrame?: string;
  /** Lower triangle of the 6x6 covariance by rows (21 values: km², km²/s, km²/s²). */
  readonly lowerTriangle: readonly number[];
}

export interface OemReadSegment {
  /** 1-based line of the segment's META_START. */
  readonly line: number;
  readonly metadata: OemReadMetadata;
  readonly dataComments: readonly string[];
  readonly states: readonly OemReadState[];
  readonly covariances: readonly OemReadCovariance[];
}

export interface OemReadResult {
  readonly header: OemReadHeader;
  readonly segments: OemReadSegment[];
  /** Segments that could not be read (line of the offending row or keyword, reason); the others are kept. */
  readonly failures: RecordFailure[];
  readonly warnings: ReadWarning[];
}

export interface ReadOemOptions {
  readonly timeScales: TimeScales;
}

const REQUIRED_META = ['OBJECT_NAME', 'OBJECT_ID', 'CENTER_NAME', 'REF_FRAME', 'TIME_SYSTEM', 'START_TIME', 'STOP_TIME'] as const;
const OPTIONAL_META = new Set(['REF_FRAME_EPOCH', 'USEABLE_START_TIME', 'USEABLE_STOP_TIME', 'INTERPOLATION', 'INTERPOLATION_DEGREE']);

/** Whether a text looks like an OEM in KVN form (its first keyword is CCSDS_OEM_VERS). */
export function isOemKvn(text: string): boolean {
  return /^\s*(?:\uFEFF)?\s*CCSDS_OEM_VERS\s*=/.test(text);
}

/** Reads every segment of an OEM in KVN form. */
export function readOemKvn(text: string, options: ReadOemOptions): OemReadResult {
  const ts = options.timeScales;
  const tokens = lexKvn(text);
  const warnings: ReadWarning[] = [];
  const failures: RecordFailure[] = [];
  const segments: OemReadSegment[] = [];
  const time = (value: string, line: number, field: string): Instant => {
    try {
      return ts.parseUtcIso(value);
    } catch {
      throw new ParseError('TIME_INVALID', `"${value}" is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss[.f]).`, { line, field }, value);
    }
  };

  // Header: keywords up to the first META_START.
  let i = 0;
  const header: Record<string, { value: string; line: number }> = {};
  const headerComments: string[] = [];
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'blockStart' && t.block === 'META') break;
    if (t.kind === 'comment') headerComments.push(t.text);
    else if (t.kind === 'keyValue') header[t.keyword] = { value: t.rawValue, line: t.line };
    else throw new ParseError('PARSE_ERROR', `unexpected ${t.kind === 'raw' ? `text "${t.text.slice(0, 40)}"` : t.block} in the OEM header: an OEM starts with CCSDS_OEM_VERS, CREATION_DATE and ORIGINATOR, then META_START.`, { line: t.line });
  }
  const first = tokens[0];
  if (first === undefined || first.kind !== 'keyValue' || first.keyword !== 'CCSDS_OEM_VERS') {
    throw new ParseError('FORMAT_UNKNOWN', 'this is not an OEM in KVN form: its first keyword must be CCSDS_OEM_VERS.', { line: first?.line ?? 1, field: 'CCSDS_OEM_VERS' });
  }
  for (const k of ['CREATION_DATE', 'ORIGINATOR'] as const) {
    if (header[k] === undefined) throw new ParseError('FIELD_MISSING', `the OEM header has no ${k}: add it after CCSDS_OEM_VERS.`, { line: first.line, field: k });
  }
  const version = first.value;
  if (version !== '1.0' && version !== '2.0') warnings.push({ code: 'VERSION_UNKNOWN', line: first.line, field: 'CCSDS_OEM_VERS', message: `OEM version ${version} is not 1.0 or 2.0; read as 2.0.` });
  for (const k of Object.keys(header)) {
    if (!['CCSDS_OEM_VERS', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID', 'CLASSIFICATION'].includes(k)) warnings.push({ code: 'KEYWORD_UNKNOWN', line: header[k]!.line, field: k, message: `header keyword ${k} is not an OEM keyword; ignored.` });
  }
  const hdr: OemReadHeader = {
    version,
    comments: headerComments,
    creationDate: time(header['CREATION_DATE']!.value, header['CREATION_DATE']!.line, 'CREATION_DATE'),
    originator: header['ORIGINATOR']!.value,
  };

  // Segments: META_START … META_STOP, data rows and comments, optional COVARIANCE_START … COVARIANCE_STOP.
  while (i < tokens.length) {
    const start = tokens[i]!;
    // Find the end of this segment: the next META_START (or the end).
    let end = i + 1;
    while (end < tokens.length && !(tokens[end]!.kind === 'blockStart' && (tokens[end] as { block: string }).block === 'META')) end++;
    try {
      segments.push(readSegment(tokens.slice(i, end), ts, time, warnings));
    } catch (e) {
      failures.push(toRecordFailure(e, start.line));
    }
    i = end;
  }
  if (segments.length === 0 && failures.length === 0) {
    throw new ParseError('FIELD_MISSING', 'the OEM has no segment: add META_START … META_STOP and its ephemeris rows.', { line: tokens[tokens.length - 1]?.line ?? 1 });
  }
  return { header: hdr, segments, failures, warnings };
}

function readSegment(tokens: readonly KvnToken[], ts: TimeScales, time: (v: string, line: number, field: string) => Instant, warnings: ReadWarning[]): OemReadSegment {
  const startLine = tokens[0]!.line;
  const meta: Record<string, { value: string; line: number }> = {};
  const metaComments: string[] = [];
  let i = 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'blockEnd' && t.block === 'META') break;
    if (t.kind === 'comment') metaComments.push(t.text);
    else if (t.kind === 'keyValue') {
      if (!(REQUIRED_META as readonly string[]).includes(t.keyword) && !OPTIONAL_META.has(t.keyword)) {
        warnings.push({ code: 'KEYWORD_UNKNOWN', line: t.line, field: t.keyword, message: `metadata keyword ${t.keyword} is not an OEM keyword; ignored.` });
      }
      meta[t.keyword] = { value: t.rawValue, line: t.line };
    } else throw new ParseError('PARSE_ERROR', `unexpected ${t.kind === 'raw' ? `text "${t.text.slice(0, 40)}"` : t.block} inside META_START … META_STOP.`, { line: t.line });
  }
  if (i >= tokens.length) throw new ParseError('FIELD_MISSING', 'META_START has no matching META_STOP.', { line: startLine, field: 'META_STOP' });
  for (const k of REQUIRED_META) {
    if (meta[k] === undefined || meta[k].value === '') throw new ParseError('FIELD_MISSING', `segment metadata has no ${k}: every OEM segment needs ${REQUIRED_META.join(', ')}.`, { line: startLine, field: k });
  }
  const timeSystem = meta['TIME_SYSTEM']!.value.toUpperCase();
  if (timeSystem !== 'UTC') {
    throw new ParseError('UNSUPPORTED', `TIME_SYSTEM ${timeSystem} is not supported: Skylane reads OEM times in UTC; convert the segment to UTC.`, { line: meta['TIME_SYSTEM']!.line, field: 'TIME_SYSTEM' }, timeSystem);
  }
  const opt = (k: string): Instant | undefined => (meta[k] !== undefined ? time(meta[k].value, meta[k].line, k) : undefined);
  const degree = meta['INTERPOLATION_DEGREE'];
  const metadata: OemReadMetadata = {
    comments: metaComments,
    objectName: meta['OBJECT_NAME']!.value,
    objectId: meta['OBJECT_ID']!.value,
    centerName: meta['CENTER_NAME']!.value,
    refFrame: meta['REF_FRAME']!.value.toUpperCase(),
    timeSystem,
    startTime: time(meta['START_TIME']!.value, meta['START_TIME']!.line, 'START_TIME'),
    stopTime: time(meta['STOP_TIME']!.value, meta['STOP_TIME']!.line, 'STOP_TIME'),
    ...(opt('USEABLE_START_TIME') !== undefined ? { useableStartTime: opt('USEABLE_START_TIME')! } : {}),
    ...(opt('USEABLE_STOP_TIME') !== undefined ? { useableStopTime: opt('USEABLE_STOP_TIME')! } : {}),
    ...(meta['INTERPOLATION'] !== undefined ? { interpolation: meta['INTERPOLATION'].value } : {}),
    ...(degree !== undefined ? { interpolationDegree: integerOf(degree.value, degree.line, 'INTERPOLATION_DEGREE') } : {}),
  };
  if (metadata.stopTime.isBefore(metadata.startTime)) throw new ParseError('FIELD_INVALID', 'STOP_TIME is before START_TIME.', { line: meta['STOP_TIME']!.line, field: 'STOP_TIME' });

  const states: OemReadState[] = [];
  const earthCentred = metadata.centerName.trim().toUpperCase() === 'EARTH';
  const covariances: OemReadCovariance[] = [];
  const dataComments: string[] = [];
  for (i = i + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'comment') {
      if (states.length === 0) dataComments.push(t.text);
      continue;
    }
    if (t.kind === 'blockStart' && t.block === 'COVARIANCE') {
      i = readCovariances(tokens, i, time, covariances);
      continue;
    }
    if (t.kind !== 'raw') throw new ParseError('PARSE_ERROR', `unexpected ${t.kind === 'keyValue' ? `keyword ${t.keyword}` : t.block} among the ephemeris rows: rows are "epoch x y z vx vy vz [ax ay az]".`, { line: t.line });
    const f = t.text.split(/\s+/);
    if (f.length !== 7 && f.length !== 10) throw new ParseError('PARSE_ERROR', `an ephemeris row has ${f.length} fields: it needs 7 (epoch x y z vx vy vz) or 10 (with ax ay az).`, { line: t.line }, t.text);
    const epoch = time(f[0]!, t.line, 'EPOCH');
    const v = f.slice(1).map((s, k) => numberOf(s, t.line, ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT', 'X_DDOT', 'Y_DDOT', 'Z_DDOT'][k]!));
    const prev = states[states.length - 1];
    if (prev !== undefined && !epoch.isAfter(prev.epoch)) throw new ParseError('FIELD_INVALID', 'ephemeris epochs must increase; this row is not later than the one before.', { line: t.line, field: 'EPOCH' }, f[0]);
    if (earthCentred) {
      const bad = geocentricPositionViolation([v[0]!, v[1]!, v[2]!]);
      if (bad !== undefined) throw new ParseError(bad.code, `the state at ${f[0] ?? ''}: ${bad.reason}`, { line: t.line, field: bad.field }, bad.value);
    }
    states.push({
      epoch,
      state: [v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!],
      ...(v.length === 9 ? { acceleration: [v[6]!, v[7]!, v[8]!] as const } : {}),
    });
  }
  if (states.length === 0) throw new ParseError('FIELD_MISSING', `segment of ${metadata.objectName} has no ephemeris rows.`, { line: startLine });
  const firstEpoch = states[0]!.epoch;
  const lastEpoch = states[states.length - 1]!.epoch;
  const slack = 1e-6;
  if (firstEpoch.secondsSince(metadata.startTime) < -slack || lastEpoch.secondsSince(metadata.stopTime) > slack) {
    warnings.push({ code: 'EPHEMERIS_OUTSIDE_SPAN', line: startLine, message: `segment of ${metadata.objectName}: rows run ${ts.formatUtcIso(firstEpoch, 3)} to ${ts.formatUtcIso(lastEpoch, 3)}, outside START_TIME/STOP_TIME.` });
  }
  return { line: startLine, metadata, dataComments, states, covariances };
}

/** Reads COVARIANCE_START … COVARIANCE_STOP from index `i` (the start token); returns the index of the stop token. */
function readCovariances(tokens: readonly KvnToken[], i: number, time: (v: string, line: number, field: string) => Instant, out: OemReadCovariance[]): number {
  const startLine = tokens[i]!.line;
  let epoch: Instant | undefined;
  let frame: string | undefined;
  let values: number[] = [];
  let epochLine = startLine;
  const flush = (): void => {
    if (epoch === undefined) return;
    if (values.length !== 21) throw new ParseError('FIELD_INVALID', `covariance at EPOCH line ${epochLine} has ${values.length} values; a 6x6 lower triangle has 21 (rows of 1…6 values).`, { line: epochLine, field: 'COVARIANCE' });
    out.push({ epoch, ...(frame !== undefined ? { refFrame: frame.toUpperCase() } : {}), lowerTriangle: values });
  };
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'blockEnd' && t.block === 'COVARIANCE') {
      flush();
      return k;
    }
    if (t.kind === 'comment') continue;
    if (t.kind === 'keyValue' && t.keyword === 'EPOCH') {
      flush();
      epoch = time(t.value, t.line, 'EPOCH');
      epochLine = t.line;
      frame = undefined;
      values = [];
    } else if (t.kind === 'keyValue' && t.keyword === 'COV_REF_FRAME') frame = t.value;
    else if (t.kind === 'raw' && epoch !== undefined) values.push(...t.text.split(/\s+/).map((s) => numberOf(s, t.line, 'COVARIANCE')));
    else throw new ParseError('PARSE_ERROR', 'unexpected content in a covariance block: each matrix is EPOCH = …, optional COV_REF_FRAME = …, then 6 rows of its lower triangle.', { line: t.line });
  }
  throw new ParseError('FIELD_MISSING', 'COVARIANCE_START has no matching COVARIANCE_STOP.', { line: startLine, field: 'COVARIANCE_STOP' });
}

function numberOf(s: string, line: number, field: string): number {
  const x = Number(s);
  if (s === '' || !Number.isFinite(x)) throw new ParseError('FIELD_INVALID', `"${s}" is not a finite number.`, { line, field }, s);
  return x;
}

function integerOf(s: string, line: number, field: string): number {
  const x = numberOf(s, line, field);
  if (!Number.isInteger(x)) throw new ParseError('FIELD_INVALID', `"${s}" is not an integer.`, { line, field }, s);
  return x;
}
