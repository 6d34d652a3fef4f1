/**
 * Builds the CDM model from a neutral, format-free list of keyword/value items (what the KVN, XML and JSON
 * readers produce), so that validation, unit conversion and error reporting are the same for all three.
 *
 * Rules (CCSDS 508.0-B-1 §3 and §7): header, then relative metadata/data, then OBJECT1 metadata and data, then
 * OBJECT2. An unknown keyword, a repeated keyword, metadata after data, a missing mandatory keyword, a value that
 * is not a number or not a time reject the message with a ParseError naming the keyword and the line. Lenient:
 * a unit in brackets that differs from the standard's (warning, value read in the standard unit), `NaN` in an
 * optional field (warning, field left out), an empty optional field, enumerations in any letter case.
 */
import { ParseError, TimeError, type ReadWarning } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { hbrViolation, missDistanceViolation, type SanityViolation } from '../../catalog/sanity.ts';
import { cdmHardBodyRadiusM } from './hbr.ts';
import {
  ADDITIONAL_FIELDS,
  DRAG_COVARIANCE,
  EXTENSION_SECTIONS,
  HEADER_FIELDS,
  METADATA_FIELDS,
  OD_FIELDS,
  RELATIVE_FIELDS,
  RTN_COVARIANCE,
  SHARED_DIAGONAL_KEYWORDS,
  SRP_COVARIANCE,
  STATE_FIELDS,
  THRUST_COVARIANCE,
  type Cdm,
  type CdmExtensionField,
  type CdmExtensionSection,
  type CdmObject,
  type CovarianceSpec,
  type FieldSpec,
} from './model.ts';

/** Sections a comment can belong to. */
export type CdmCommentSection = 'header' | 'relative' | 'metadata' | 'data' | 'od' | 'additional' | 'stateVector' | 'covariance';

export type RawCdmItem =
  | { readonly kind: 'field'; readonly keyword: string; readonly value: string; readonly unit?: string; readonly line: number; readonly container?: string }
  | { readonly kind: 'comment'; readonly text: string; readonly line: number; readonly section?: CdmCommentSection };

/** A message in neutral form: its version and items in document order. */
export interface RawCdm {
  readonly version: string;
  readonly line: number;
  readonly items: readonly RawCdmItem[];
}

export interface ReadCdmOptions {
  readonly timeScales: TimeScales;
}

type DataSection = 'od' | 'additional' | 'stateVector' | 'covariance';
type Where =
  | { readonly part: 'header'; readonly spec: FieldSpec }
  | { readonly part: 'relative'; readonly spec: FieldSpec }
  | { readonly part: 'metadata'; readonly spec: FieldSpec }
  | { readonly part: DataSection; readonly spec: FieldSpec }
  | { readonly part: 'cov'; readonly row: 'rtn' | 'drag' | 'srp' | 'thrust'; readonly index: number; readonly cov: CovarianceSpec }
  | { readonly part: 'ext'; readonly section: CdmExtensionSection };

const SPEC_INDEX = new Map<string, Where>();
for (const s of HEADER_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'header', spec: s });
for (const s of RELATIVE_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'relative', spec: s });
for (const s of METADATA_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'metadata', spec: s });
for (const s of OD_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'od', spec: s });
for (const s of ADDITIONAL_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'additional', spec: s });
for (const s of STATE_FIELDS) SPEC_INDEX.set(s.keyword, { part: 'stateVector', spec: s });
const covRows = [
  ['rtn', RTN_COVARIANCE],
  ['drag', DRAG_COVARIANCE],
  ['srp', SRP_COVARIANCE],
  ['thrust', THRUST_COVARIANCE],
] as const;
for (const [row, specs] of covRows) specs.forEach((cov, index) => SPEC_INDEX.set(cov.keyword, { part: 'cov', row, index, cov }));

/** Where a keyword belongs, or undefined for an unknown keyword. */
export function classifyCdmKeyword(keyword: string): Where | undefined {
  const w = SPEC_INDEX.get(keyword);
  if (w) return w;
  const ext = EXTENSION_SECTIONS.get(keyword);
  if (ext) return { part: 'ext', section: ext };
  if (/^USER_DEFINED_[A-Z0-9_]+$/.test(keyword)) return { part: 'ext', section: 'userDefined' };
  return undefined;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;

function normUnit(u: string): string {
  return u.replace(/\s+/g, '').toLowerCase();
}

interface ObjectState {
  readonly line: number;
  phase: 'metadata' | 'data';
  readonly seen: Set<string>;
  readonly metadata: Record<string, unknown>;
  readonly od: Record<string, unknown>;
  readonly additional: Record<string, unknown>;
  readonly stateVector: Record<string, unknown>;
  readonly cov: { rtn: (number | undefined)[]; drag: (number | undefined)[]; srp: (number | undefined)[]; thrust: (number | undefined)[] };
  readonly comments: Record<'metadata' | 'data' | DataSection, string[]>;
  readonly extensions: CdmExtensionField[];
  lastCovFamily: 'rtn' | 'xyz';
}

function newObject(line: number): ObjectState {
  return {
    line,
    phase: 'metadata',
    seen: new Set(),
    metadata: {},
    od: {},
    additional: {},
    stateVector: {},
    cov: { rtn: [], drag: [], srp: [], thrust: [] },
    comments: { metadata: [], data: [], od: [], additional: [], stateVector: [], covariance: [] },
    extensions: [],
    lastCovFamily: 'rtn',
  };
}

/** Converts one neutral message into the model; throws ParseError naming keyword and line. */
export function buildCdm(raw: RawCdm, options: ReadCdmOptions, warnings: ReadWarning[]): Cdm {
  const ts = options.timeScales;
  const header: Record<string, unknown> = {};
  const relative: Record<string, unknown> = {};
  const headerComments: string[] = [];
  const relativeComments: string[] = [];
  const headerExt: CdmExtensionField[] = [];
  const relativeExt: CdmExtensionField[] = [];
  const topSeen = new Set<string>();
  let phase: 'header' | 'relative' | 'object' = 'header';
  let relativeLine: number | undefined;
  const objects: ObjectState[] = [];
  let pending: { text: string; line: number }[] = [];
  let lastTarget: string[] = headerComments;

  const flush = (target: string[]): void => {
    for (const c of pending) target.push(c.text);
    pending = [];
    lastTarget = target;
  };
  const fail = (code: 'PARSE_ERROR' | 'FIELD_INVALID' | 'FIELD_MISSING' | 'TIME_INVALID', msg: string, line: number, field: string, value?: unknown): never => {
    throw new ParseError(code, msg, { line, field }, value);
  };

  const convert = (spec: FieldSpec, value: string, unit: string | undefined, line: number): unknown => {
    const v = value.trim();
    if (v === '') {
      if (spec.required) fail('FIELD_MISSING', `${spec.keyword} is mandatory but has no value.`, line, spec.keyword);
      warnings.push({ code: 'EMPTY_VALUE', line, field: spec.keyword, message: `${spec.keyword} has no value; left out.` });
      return undefined;
    }
    if (unit !== undefined && spec.unit !== undefined && normUnit(unit) !== normUnit(spec.unit)) {
      warnings.push({
        code: 'UNIT_MISMATCH',
        line,
        field: spec.keyword,
        message: `${spec.keyword} is given in [${unit}]; the CDM unit is [${spec.unit}], and the value was read as ${spec.unit}.`,
      });
    }
    switch (spec.kind) {
      case 'text': {
        if (spec.choices) {
          const hit = spec.choices.find((c) => c === v.toUpperCase());
          if (hit !== undefined) return hit;
          if (spec.required && spec.keyword === 'OBJECT') fail('FIELD_INVALID', `OBJECT must be OBJECT1 or OBJECT2, not "${v}".`, line, spec.keyword, v);
          warnings.push({ code: 'VALUE_NOT_STANDARD', line, field: spec.keyword, message: `${spec.keyword} = "${v}" is not one of ${spec.choices.join(', ')}; kept as written.` });
        }
        return v;
      }
      case 'time': {
        try {
          return ts.parseUtcIso(v);
        } catch (e) {
          if (e instanceof TimeError) fail('TIME_INVALID', `${spec.keyword} = "${v}" is not a valid UTC time (${e.message})`, line, spec.keyword, v);
          throw e;
        }
      }
      case 'number':
      case 'integer': {
        if (/^[+-]?nan$/i.test(v)) {
          if (spec.required) fail('FIELD_INVALID', `${spec.keyword} is mandatory and cannot be NaN.`, line, spec.keyword, v);
          warnings.push({ code: 'NAN_VALUE', line, field: spec.keyword, message: `${spec.keyword} = NaN; left out.` });
          return undefined;
        }
        if (!NUMBER_RE.test(v)) fail('FIELD_INVALID', `${spec.keyword} = "${v}" is not a number.`, line, spec.keyword, v);
        const n = Number(v.replace(/[dD]/, 'e'));
        if (!Number.isFinite(n)) fail('FIELD_INVALID', `${spec.keyword} = "${v}" is not a finite number.`, line, spec.keyword, v);
        if (spec.kind === 'integer' && !Number.isInteger(n)) fail('FIELD_INVALID', `${spec.keyword} = "${v}" is not an integer.`, line, spec.keyword, v);
        // Divide by the exact integer 1/scale (1000, 1e6, ...): correctly rounded, so "-7.2" m/s gives -0.0072 km/s.
        return spec.scale !== undefined ? n / Math.round(1 / spec.scale) : n;
      }
    }
  };

  const assign = (target: Record<string, unknown>, spec: FieldSpec, value: unknown): void => {
    if (value === undefined) return;
    if (spec.index !== undefined) {
      const arr = (target[spec.prop] as number[] | undefined) ?? [Number.NaN, Number.NaN, Number.NaN];
      arr[spec.index] = value as number;
      target[spec.prop] = arr;
    } else target[spec.prop] = value;
  };

  const checkContainer = (item: { keyword: string; line: number; container?: string }, expected: readonly string[]): void => {
    if (item.container !== undefined && !expected.includes(item.container)) {
      fail('PARSE_ERROR', `<${item.keyword}> does not belong in <${item.container}>; it belongs in <${expected[0]!}>.`, item.line, item.keyword);
    }
  };

  for (const item of raw.items) {
    if (item.kind === 'comment') {
      if (item.section === undefined) {
        pending.push({ text: item.text, line: item.line });
        continue;
      }
      const obj = objects[objects.length - 1];
      const s = item.section;
      if (s === 'header') headerComments.push(item.text);
      else if (s === 'relative') relativeComments.push(item.text);
      else if (obj) obj.comments[s].push(item.text);
      else fail('PARSE_ERROR', 'a comment of an object block appears before OBJECT.', item.line, 'COMMENT');
      continue;
    }
    const { keyword, line } = item;
    const where = classifyCdmKeyword(keyword);
    if (!where) {
      fail('PARSE_ERROR', `${keyword} is not a CDM keyword (CCSDS 508.0-B-1); check its spelling.`, line, keyword, item.value);
      continue;
    }
    if (keyword === 'OBJECT') {
      if (objects.length >= 2) fail('PARSE_ERROR', 'a third OBJECT: a CDM describes exactly two objects.', line, keyword);
      checkContainer(item, ['metadata']);
      if (relativeLine === undefined) relativeLine = line;
      objects.push(newObject(line));
      phase = 'object';
    }
    const section: CdmExtensionSection | 'header' | 'relative' | 'metadata' | DataSection =
      where.part === 'ext' ? where.section : where.part === 'cov' ? 'covariance' : where.part;
    // Top-level parts.
    if (section === 'header' || section === 'relative') {
      if (section === 'header' && phase !== 'header') {
        fail('PARSE_ERROR', `${keyword} is a header keyword and must come before the relative metadata (TCA, MISS_DISTANCE, ...).`, line, keyword);
      }
      if (section === 'relative') {
        if (phase === 'object') fail('PARSE_ERROR', `${keyword} is relative metadata and must come before OBJECT1.`, line, keyword);
        if (phase === 'header') relativeLine = line;
        phase = 'relative';
      }
      if (topSeen.has(keyword)) fail('PARSE_ERROR', `${keyword} appears twice.`, line, keyword);
      topSeen.add(keyword);
      if (where.part === 'ext') {
        if (section === 'header') checkContainer(item, ['header']);
        else checkContainer(item, ['relativeMetadataData']);
        (section === 'header' ? headerExt : relativeExt).push({ keyword, value: item.value.trim(), ...(item.unit !== undefined ? { unit: item.unit } : {}), section });
        flush(section === 'header' ? headerComments : relativeComments);
        continue;
      }
      const spec = (where as { spec: FieldSpec }).spec;
      if (section === 'header') checkContainer(item, ['header']);
      else checkContainer(item, spec.xmlGroup !== undefined ? [spec.xmlGroup] : ['relativeMetadataData']);
      assign(section === 'header' ? header : relative, spec, convert(spec, item.value, item.unit, line));
      flush(section === 'header' ? headerComments : relativeComments);
      continue;
    }
    const obj = objects[objects.length - 1];
    if (!obj) {
      fail('PARSE_ERROR', `${keyword} belongs to an object block, but no OBJECT = OBJECT1 line comes before it.`, line, keyword);
      continue;
    }
    if (obj.seen.has(keyword) && !(SHARED_DIAGONAL_KEYWORDS.has(keyword) && obj.lastCovFamily === 'xyz')) {
      fail('PARSE_ERROR', `${keyword} appears twice in ${String(obj.metadata['object'] ?? 'this object')}.`, line, keyword);
    }
    obj.seen.add(keyword);
    if (section === 'metadata') {
      if (obj.phase === 'data') fail('PARSE_ERROR', `${keyword} is object metadata and cannot follow the object's data.`, line, keyword);
      checkContainer(item, ['metadata']);
      if (where.part === 'ext') obj.extensions.push({ keyword, value: item.value.trim(), ...(item.unit !== undefined ? { unit: item.unit } : {}), section: 'metadata' });
      else assign(obj.metadata, (where as { spec: FieldSpec }).spec, convert((where as { spec: FieldSpec }).spec, item.value, item.unit, line));
      flush(obj.comments.metadata);
      continue;
    }
    obj.phase = 'data';
    if (where.part === 'cov') {
      const isXyzDiag = SHARED_DIAGONAL_KEYWORDS.has(keyword) && obj.lastCovFamily === 'xyz';
      if (!isXyzDiag) {
        checkContainer(item, ['covarianceMatrix']);
        const spec: FieldSpec = { keyword, prop: keyword, kind: 'number', unit: where.cov.unit, scale: where.cov.scale, required: where.row === 'rtn' };
        const v = convert(spec, item.value, item.unit, line) as number | undefined;
        if (v !== undefined) obj.cov[where.row][where.index] = v;
        obj.lastCovFamily = 'rtn';
        flush(obj.comments.covariance);
        continue;
      }
      obj.extensions.push({ keyword, value: item.value.trim(), ...(item.unit !== undefined ? { unit: item.unit } : {}), section: 'covXyz' });
      flush(obj.comments.covariance);
      continue;
    }
    if (where.part === 'ext') {
      const s = where.section;
      if (s === 'covXyz') obj.lastCovFamily = 'xyz';
      const commentTarget =
        s === 'od' ? obj.comments.od : s === 'additional' ? obj.comments.additional : obj.comments.covariance;
      obj.extensions.push({ keyword, value: item.value.trim(), ...(item.unit !== undefined ? { unit: item.unit } : {}), section: s });
      flush(commentTarget);
      continue;
    }
    const part = where.part as DataSection;
    checkContainer(item, [part === 'od' ? 'odParameters' : part === 'additional' ? 'additionalParameters' : 'stateVector']);
    const spec = (where as { spec: FieldSpec }).spec;
    const target = part === 'od' ? obj.od : part === 'additional' ? obj.additional : obj.stateVector;
    assign(target, spec, convert(spec, item.value, item.unit, line));
    flush(obj.comments[part]);
  }
  for (const c of pending) lastTarget.push(c.text);

  // Mandatory fields.
  const need = (target: Record<string, unknown>, specs: readonly FieldSpec[], line: number, where: string): void => {
    for (const s of specs) {
      if (!s.required) continue;
      const v = target[s.prop];
      const missing = v === undefined || (s.index !== undefined && Number.isNaN((v as number[])[s.index]));
      if (missing) fail('FIELD_MISSING', `${s.keyword} is mandatory in ${where} and is missing.`, line, s.keyword);
    }
  };
  need(header, HEADER_FIELDS, raw.line, 'the CDM header');
  const relLine = relativeLine ?? raw.line;
  need(relative, RELATIVE_FIELDS, relLine, 'the relative metadata/data');
  for (const vec of ['relativePositionRtnKm', 'relativeVelocityRtnKmPerS']) {
    const arr = relative[vec] as number[] | undefined;
    if (arr) {
      const specs = RELATIVE_FIELDS.filter((s) => s.prop === vec);
      const miss = specs.find((s) => Number.isNaN(arr[s.index!]));
      if (miss) fail('FIELD_MISSING', `${miss.keyword} is missing: the relative state vector needs all three components.`, relLine, miss.keyword);
    }
  }
  if (objects.length < 2) {
    fail('FIELD_MISSING', `a CDM needs two object blocks (OBJECT = OBJECT1 and OBJECT = OBJECT2); found ${objects.length}.`, objects[0]?.line ?? relLine, 'OBJECT');
  }
  const built = objects.map((o, i): CdmObject => {
    const label = `OBJECT${i + 1}`;
    need(o.metadata, METADATA_FIELDS, o.line, label);
    if (o.metadata['object'] !== label) {
      fail('FIELD_INVALID', `the ${i === 0 ? 'first' : 'second'} object block must be ${label}, not ${String(o.metadata['object'])}.`, o.line, 'OBJECT', o.metadata['object']);
    }
    need(o.stateVector, STATE_FIELDS, o.line, `the state vector of ${label}`);
    const rtn = o.cov.rtn;
    RTN_COVARIANCE.forEach((c, k) => {
      if (rtn[k] === undefined) fail('FIELD_MISSING', `${c.keyword} is mandatory in the covariance of ${label} and is missing.`, o.line, c.keyword);
    });
    const row = (vals: (number | undefined)[], specs: readonly CovarianceSpec[]): number[] | undefined => {
      if (vals.every((v) => v === undefined)) return undefined;
      specs.forEach((c, k) => {
        if (vals[k] === undefined) fail('FIELD_MISSING', `${c.keyword} is missing: covariance row ${specs[0]!.keyword}..${specs[specs.length - 1]!.keyword} of ${label} must be complete.`, o.line, c.keyword);
      });
      return vals as number[];
    };
    const drag = row(o.cov.drag, DRAG_COVARIANCE);
    const srp = row(o.cov.srp, SRP_COVARIANCE);
    const thrust = row(o.cov.thrust, THRUST_COVARIANCE);
    if (thrust && !srp) fail('FIELD_MISSING', `CSRP_R is missing: the thrust row of ${label} needs the SRP row.`, o.line, 'CSRP_R');
    if (srp && !drag) fail('FIELD_MISSING', `CDRG_R is missing: the SRP row of ${label} needs the drag row.`, o.line, 'CDRG_R');
    const sv = o.stateVector as { positionKm: [number, number, number]; velocityKmPerS: [number, number, number] };
    return {
      metadata: { ...(o.metadata as unknown as CdmObject['metadata']), comments: o.comments.metadata },
      dataComments: o.comments.data,
      ...(Object.keys(o.od).length > 0 || o.extensions.some((e) => e.section === 'od') || o.comments.od.length > 0 ? { odParameters: { ...(o.od as unknown as CdmObject['odParameters']), comments: o.comments.od } } : {}),
      ...(Object.keys(o.additional).length > 0 || o.extensions.some((e) => e.section === 'additional') || o.comments.additional.length > 0
        ? { additionalParameters: { ...(o.additional as unknown as CdmObject['additionalParameters']), comments: o.comments.additional } }
        : {}),
      stateVector: { comments: o.comments.stateVector, positionKm: sv.positionKm, velocityKmPerS: sv.velocityKmPerS },
      covariance: {
        comments: o.comments.covariance,
        rtnLowerTriangle: rtn as number[],
        ...(drag ? { drag } : {}),
        ...(srp ? { srp } : {}),
        ...(thrust ? { thrust } : {}),
      },
      extensions: o.extensions,
    };
  });
  const cdm: Cdm = {
    version: raw.version,
    header: { ...(header as unknown as Cdm['header']), comments: headerComments },
    headerExtensions: headerExt,
    relative: { ...(relative as unknown as Cdm['relative']), comments: relativeComments },
    relativeExtensions: relativeExt,
    object1: built[0]!,
    object2: built[1]!,
  };
  // Physical sanity (catalog/sanity.ts): the same rules for the server and the CLI.
  const bad = missDistanceViolation(cdm.relative.missDistanceKm) ?? hbrOf(cdm);
  if (bad !== undefined) throw new ParseError('FIELD_INVALID', bad.reason, { line: relLine, field: bad.field }, bad.value);
  return cdm;
}

function hbrOf(cdm: Cdm): SanityViolation | undefined {
  const hbrM = cdmHardBodyRadiusM(cdm);
  return hbrM === undefined ? undefined : hbrViolation(hbrM);
}
