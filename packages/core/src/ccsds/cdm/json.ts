/**
 * CDMs as JSON, in the two forms Space-Track serves:
 * - the full CDM (class `cdm`): one flat object per message, header and relative keywords bare (TCA, MISS_DISTANCE,
 *   ...), object keywords prefixed `SAT1_` / `SAT2_`, values usually strings, units in companion `*_UNIT` keys,
 *   `SATn_REFERENCE_FRAME` for REF_FRAME; read into the full model and written back in the same shape. The flat
 *   form has one key per keyword, so the CDM 2.0 draft's alternate covariance blocks (XYZ, CSIG3EIGVEC3 and its
 *   metadata, whose CDRG_DRG/CSRP_SRP/... would collide with the RTN rows) and comments are not written;
 * - the public summary (class `cdm_public`: CDM_ID, CREATED, EMERGENCY_REPORTABLE, TCA, MIN_RNG, PC, SAT_1_ID,
 *   SAT_1_NAME, SAT1_OBJECT_TYPE, SAT1_RCS, SAT_1_EXCL_VOL, ...): read into `CdmPublicSummary` (no states, no
 *   covariance, so not a CDM). MIN_RNG and SAT_n_EXCL_VOL are taken as metres (assumption: Space-Track's public
 *   table labels them so; check against a current download).
 * JSON has no lines: errors and warnings give the 1-based record number as the line.
 */
import { parseJsonText } from '../json/parse.ts';
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { buildCdm, classifyCdmKeyword, type RawCdmItem, type ReadCdmOptions } from './build.ts';
import type { CdmReadResult } from './kvn.ts';
import { ADDITIONAL_FIELDS, METADATA_FIELDS, OD_FIELDS, STATE_FIELDS, type Cdm } from './model.ts';
import { flatItems, planCdm } from './plan.ts';

/** One row of Space-Track's `cdm_public` class. */
export interface CdmPublicSummary {
  readonly cdmId: string;
  readonly created?: Instant;
  readonly emergencyReportable?: boolean;
  readonly tca: Instant;
  readonly minRangeKm?: number;
  readonly pc?: number;
  readonly sat1: CdmPublicObject;
  readonly sat2: CdmPublicObject;
}
export interface CdmPublicObject {
  readonly id: string;
  readonly name?: string;
  readonly objectType?: string;
  readonly rcs?: string;
  readonly exclusionVolumeKm?: number;
}

export interface CdmJsonReadResult extends CdmReadResult {
  readonly summaries: CdmPublicSummary[];
}

const ORDER = new Map<string, number>();
[METADATA_FIELDS, OD_FIELDS, ADDITIONAL_FIELDS, STATE_FIELDS].flat().forEach((s, i) => ORDER.set(s.keyword, i));

function textOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function sortKey(keyword: string, jsonIndex: number): number {
  const w = classifyCdmKeyword(keyword);
  if (keyword === 'OBJECT') return -1;
  if (!w) return 1e6 + jsonIndex;
  const rank: Record<string, number> = { metadata: 0, od: 1, additional: 2, stateVector: 3, cov: 4, covXyz: 5, covSig3: 6, covMeta: 7, userDefined: 8 };
  const part = w.part === 'ext' ? w.section : w.part;
  const r = rank[part] ?? 9;
  const within = w.part === 'cov' ? ['rtn', 'drag', 'srp', 'thrust'].indexOf(w.row) * 100 + w.index : w.part === 'ext' ? 500 + jsonIndex : (ORDER.get(keyword) ?? 0);
  return r * 10000 + within;
}

/** Reads Space-Track CDM JSON (an object or an array of them). */
export function readCdmJson(text: string, options: ReadCdmOptions): CdmJsonReadResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ParseError('PARSE_ERROR', `not valid JSON: ${parsed.message}`, { line: parsed.line, field: 'json' });
  const doc = parsed.value;
  const records = Array.isArray(doc) ? doc : [doc];
  const warnings: ReadWarning[] = [];
  const cdms: Cdm[] = [];
  const summaries: CdmPublicSummary[] = [];
  records.forEach((rec, i) => {
    const line = i + 1;
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new ParseError('PARSE_ERROR', `record ${line} is not a JSON object.`, { line, field: 'json' });
    }
    const r = Object.fromEntries(Object.entries(rec as Record<string, unknown>).map(([k, v]) => [k.toUpperCase(), v]));
    if ('SAT_1_ID' in r || 'MIN_RNG' in r) summaries.push(readSummary(r, line, options.timeScales));
    else cdms.push(readFullCdm(r, line, options, warnings));
  });
  return { cdms, warnings, summaries };
}

function readSummary(r: Record<string, unknown>, line: number, ts: TimeScales): CdmPublicSummary {
  const time = (k: string): Instant | undefined => {
    const t = textOf(r[k]);
    if (t === undefined) return undefined;
    try {
      return ts.parseUtcIso(t);
    } catch {
      throw new ParseError('TIME_INVALID', `${k} = "${t}" is not a UTC time.`, { line, field: k }, t);
    }
  };
  const num = (k: string): number | undefined => {
    const t = textOf(r[k]);
    if (t === undefined) return undefined;
    const n = Number(t);
    if (!Number.isFinite(n)) throw new ParseError('FIELD_INVALID', `${k} = "${t}" is not a number.`, { line, field: k }, t);
    return n;
  };
  const tca = time('TCA');
  if (!tca) throw new ParseError('FIELD_MISSING', 'TCA is missing from this cdm_public record.', { line, field: 'TCA' });
  const obj = (n: 1 | 2): CdmPublicObject => {
    const id = textOf(r[`SAT_${n}_ID`]);
    if (id === undefined) throw new ParseError('FIELD_MISSING', `SAT_${n}_ID is missing.`, { line, field: `SAT_${n}_ID` });
    const name = textOf(r[`SAT_${n}_NAME`]);
    const type = textOf(r[`SAT${n}_OBJECT_TYPE`]);
    const rcs = textOf(r[`SAT${n}_RCS`]);
    const excl = num(`SAT_${n}_EXCL_VOL`);
    return { id, ...(name ? { name } : {}), ...(type ? { objectType: type } : {}), ...(rcs ? { rcs } : {}), ...(excl !== undefined ? { exclusionVolumeKm: excl / 1000 } : {}) };
  };
  const created = time('CREATED');
  const er = textOf(r['EMERGENCY_REPORTABLE']);
  const minRng = num('MIN_RNG');
  const pc = num('PC');
  return {
    cdmId: textOf(r['CDM_ID']) ?? '',
    ...(created ? { created } : {}),
    ...(er !== undefined ? { emergencyReportable: /^(Y|YES|TRUE|1)$/i.test(er) } : {}),
    tca,
    ...(minRng !== undefined ? { minRangeKm: minRng / 1000 } : {}),
    ...(pc !== undefined ? { pc } : {}),
    sat1: obj(1),
    sat2: obj(2),
  };
}

function readFullCdm(r: Record<string, unknown>, line: number, options: ReadCdmOptions, warnings: ReadWarning[]): Cdm {
  const version = textOf(r['CCSDS_CDM_VERS']) ?? '1.0';
  const top: RawCdmItem[] = [];
  const objs: { keyword: string; item: RawCdmItem; key: number }[][] = [[], []];
  const unitOf = (k: string): string | undefined => textOf(r[`${k}_UNIT`]);
  Object.entries(r).forEach(([key, v], jsonIndex) => {
    if (key === 'CCSDS_CDM_VERS' || key.endsWith('_UNIT')) return;
    const value = textOf(v);
    if (value === undefined) return;
    const sat = /^SAT([12])_(.+)$/.exec(key);
    if (sat) {
      const n = Number(sat[1]) - 1;
      let kw = sat[2]!;
      if (kw === 'REFERENCE_FRAME') kw = 'REF_FRAME';
      if (kw.startsWith('COMMENT')) {
        objs[n]!.push({ keyword: kw, item: { kind: 'comment', text: `${kw.replace(/^COMMENT_?/, '')} = ${value}`, line }, key: -2 });
        return;
      }
      if (!classifyCdmKeyword(kw) || ['header', 'relative'].includes((classifyCdmKeyword(kw) as { part: string }).part)) {
        warnings.push({ code: 'FIELD_IGNORED', line, field: key, message: `${key} is not a CDM object keyword; ignored.` });
        return;
      }
      const unit = unitOf(key);
      objs[n]!.push({ keyword: kw, item: { kind: 'field', keyword: kw, value, ...(unit !== undefined ? { unit } : {}), line }, key: sortKey(kw, jsonIndex) });
      return;
    }
    if (key.startsWith('COMMENT')) {
      top.push({ kind: 'comment', text: `${key.replace(/^COMMENT_?/, '')} = ${value}`, line, section: 'relative' });
      return;
    }
    const w = classifyCdmKeyword(key);
    if (!w || !(w.part === 'header' || w.part === 'relative' || (w.part === 'ext' && (w.section === 'header' || w.section === 'relative')))) {
      warnings.push({ code: 'FIELD_IGNORED', line, field: key, message: `${key} is not a CDM header or relative keyword; ignored.` });
      return;
    }
    const unit = unitOf(key);
    top.push({ kind: 'field', keyword: key, value, ...(unit !== undefined ? { unit } : {}), line });
  });
  const isHeader = (i: RawCdmItem): boolean => {
    if (i.kind !== 'field') return false;
    const w = classifyCdmKeyword(i.keyword);
    return w !== undefined && (w.part === 'header' || (w.part === 'ext' && w.section === 'header'));
  };
  const items: RawCdmItem[] = [...top.filter(isHeader), ...top.filter((i) => !isHeader(i))];
  objs.forEach((list, n) => {
    if (!list.some((e) => e.keyword === 'OBJECT') && list.length > 0) {
      warnings.push({ code: 'FIELD_DEFAULTED', line, field: `SAT${n + 1}_OBJECT`, message: `SAT${n + 1}_OBJECT is missing; OBJECT${n + 1} assumed.` });
      list.push({ keyword: 'OBJECT', item: { kind: 'field', keyword: 'OBJECT', value: `OBJECT${n + 1}`, line }, key: -1 });
    }
    list.sort((a, b) => a.key - b.key);
    items.push(...list.map((e) => e.item));
  });
  return buildCdm({ version, line, items }, options, warnings);
}

/** Writes CDMs as Space-Track-style flat JSON (an array), values as strings in CDM units with `*_UNIT` keys. */
export function writeCdmJson(cdms: Cdm | readonly Cdm[], timeScales: TimeScales): string {
  const list = Array.isArray(cdms) ? (cdms as readonly Cdm[]) : [cdms as Cdm];
  const out = list.map((cdm) => {
    const plan = planCdm(cdm, timeScales);
    const rec: Record<string, string> = { CCSDS_CDM_VERS: plan.version };
    const put = (prefix: string, items: Parameters<typeof flatItems>[0]): void => {
      for (const f of flatItems(items)) {
        const k = prefix + (prefix !== '' && f.keyword === 'REF_FRAME' ? 'REFERENCE_FRAME' : f.keyword);
        rec[k] = f.value;
        if (f.unit !== undefined) rec[`${k}_UNIT`] = f.unit;
      }
    };
    put('', plan.header.items);
    put('', plan.relative.items);
    plan.objects.forEach((o, i) => {
      let covSeen = false;
      put(`SAT${i + 1}_`, o.metadata.items);
      for (const b of o.data) {
        // Only the first covarianceMatrix (RTN 6x6..9x9) has a flat form; later ones are CDM 2.0 alternates.
        if (b.element === 'covarianceMatrix' && covSeen) continue;
        if (b.element === 'covarianceMatrix') covSeen = true;
        put(`SAT${i + 1}_`, b.items);
      }
    });
    return rec;
  });
  return JSON.stringify(out, null, 2) + '\n';
}
