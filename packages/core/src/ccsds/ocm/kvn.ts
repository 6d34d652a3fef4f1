/**
 * CCSDS OCM in KVN form (ODM 502.0-B-3 §6 and §7): reader over the shared KVN lexer and a strict writer.
 *
 * Reading: the header, META block and each logical block; a keyword value that ends with `,` (or the Blue Book
 * transcription's `<cont.>`) continues on the next line (MAN_COMPOSITION lists). Row times are absolute CCSDS times
 * or seconds relative to EPOCH_TZERO. Unknown blocks are refused with their line; rows whose count of values does
 * not fit the block's type are refused with the line and the expected count. TIME_SYSTEM must be UTC, TAI, TT or GPS.
 */
import { ArgumentError, ParseError, type ReadWarning } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { formatKvnLine, lexKvn, type KvnToken } from '../kvn/index.ts';
import { formatNdmEpoch, isNdmTimeSystem, parseNdmEpoch, type NdmTimeSystem } from '../timeSystems.ts';
import type { Ocm, OcmBlock, OcmCovariance, OcmKeyword, OcmManeuver, OcmRow, OcmTrajectory } from './model.ts';

export interface ReadOcmOptions {
  readonly timeScales: TimeScales;
}

export interface OcmReadResult {
  readonly ocm: Ocm;
  readonly warnings: ReadWarning[];
}

/** Number of values of a trajectory row by TRAJ_TYPE (ODM 502.0-B-3 Table 6-4, SANA orbit element sets). */
const TRAJ_SIZE: Readonly<Record<string, number>> = {
  CARTP: 3, CARTPV: 6, CARTPVA: 9, KEPLERIAN: 6, KEPLERIAN_MEAN: 6, EQUINOCTIAL: 6, EQUINOCTIAL_MEAN: 6, ADBARV: 6, GEODETIC: 3, LDBARV: 6, ONSTATION: 6, POINCARE: 6, DELAUNAY: 6, DELAUNAYMOD: 6, CYLINDRICAL: 6, SPHERICAL: 6,
};
/** Dimension of a covariance state by COV_TYPE (same element sets). */
const COV_DIM = (type: string): number | undefined => TRAJ_SIZE[type];

/** Numeric metadata keywords (checked when present; the others are text or times). */
const NUMERIC_META = new Set(['TIME_SPAN', 'TAIMUTC_AT_TZERO', 'UT1MUTC_AT_TZERO', 'NEXT_LEAP_TAIMUTC', 'SCLK_OFFSET_AT_EPOCH', 'SCLK_SEC_PER_SI_SEC']);

const BLOCKS = new Set(['TRAJ', 'PHYS', 'COV', 'MAN', 'PERT', 'OD', 'USER']);

/** Whether a text looks like an OCM in KVN form (its first keyword is CCSDS_OCM_VERS). */
export function isOcmKvn(text: string): boolean {
  return /^\s*(?:\uFEFF)?\s*CCSDS_OCM_VERS\s*=/.test(text);
}

/** A block as read, before interpretation: its name (META, TRAJ, …; HEADER for the header), keywords, comments and data rows. */
export interface RawOcmBlock {
  readonly name: string;
  readonly line: number;
  readonly comments: string[];
  readonly keywords: (OcmKeyword & { line: number })[];
  readonly rows: { text: string; line: number }[];
}

/** Groups tokens into header keywords and named blocks, joining continued keyword values. */
function groupBlocks(tokens: readonly KvnToken[]): { header: RawOcmBlock; blocks: RawOcmBlock[] } {
  const header: RawOcmBlock = { name: 'HEADER', line: 1, comments: [], keywords: [], rows: [] };
  const blocks: RawOcmBlock[] = [];
  let current: RawOcmBlock | undefined;
  for (const t of tokens) {
    const target = current ?? header;
    if (t.kind === 'blockStart') {
      if (current !== undefined) throw new ParseError('PARSE_ERROR', `${t.block}_START inside ${current.name}_START … ${current.name}_STOP (opened on line ${current.line}).`, { line: t.line, field: `${current.name}_STOP` });
      if (t.block !== 'META' && !BLOCKS.has(t.block)) throw new ParseError('PARSE_ERROR', `${t.block}_START is not an OCM block (META, TRAJ, PHYS, COV, MAN, PERT, OD, USER).`, { line: t.line, field: t.block });
      current = { name: t.block, line: t.line, comments: [], keywords: [], rows: [] };
    } else if (t.kind === 'blockEnd') {
      if (current === undefined || current.name !== t.block) throw new ParseError('PARSE_ERROR', `${t.block}_STOP without a matching ${t.block}_START.`, { line: t.line, field: t.block });
      blocks.push(current);
      current = undefined;
    } else if (t.kind === 'comment') target.comments.push(t.text);
    else if (t.kind === 'keyValue') {
      // Unit lists (TRAJ_UNITS = [km, km, …]) are values, not a unit of the keyword.
      if (t.keyword.endsWith('_UNITS')) target.keywords.push({ keyword: t.keyword, value: t.rawValue, line: t.line });
      else target.keywords.push({ keyword: t.keyword, value: t.value, ...(t.unit !== undefined ? { unit: t.unit } : {}), line: t.line });
    }
    else {
      const last = target.keywords[target.keywords.length - 1];
      const continues = last !== undefined && target.rows.length === 0 && /(,|<cont\.>)\s*$/.test(last.value);
      if (continues) target.keywords[target.keywords.length - 1] = { ...last, value: `${last.value.replace(/\s*<cont\.>\s*$/, ',').replace(/,\s*$/, ',')} ${t.text}`.replace(/,\s*,/g, ',') };
      else if (current === undefined) throw new ParseError('PARSE_ERROR', `"${t.text.slice(0, 40)}" outside any block: the OCM header holds KEYWORD = value lines only.`, { line: t.line });
      else target.rows.push({ text: t.text, line: t.line });
    }
  }
  if (current !== undefined) throw new ParseError('FIELD_MISSING', `${current.name}_START on line ${current.line} has no ${current.name}_STOP.`, { line: current.line, field: `${current.name}_STOP` });
  return { header, blocks };
}

/** Reads an OCM in KVN form; throws ParseError (line, keyword, reason) when it cannot be used. */
export function readOcmKvn(text: string, options: ReadOcmOptions): OcmReadResult {
  const tokens = lexKvn(text);
  const first = tokens[0];
  if (first === undefined || first.kind !== 'keyValue' || first.keyword !== 'CCSDS_OCM_VERS') {
    throw new ParseError('FORMAT_UNKNOWN', 'this is not an OCM in KVN form: its first keyword must be CCSDS_OCM_VERS.', { line: first?.line ?? 1, field: 'CCSDS_OCM_VERS' });
  }
  const { header, blocks } = groupBlocks(tokens);
  return buildOcm(header, blocks, options);
}

/** Builds an OCM from its header and blocks (from KVN or XML); throws ParseError with line and keyword. */
export function buildOcm(header: RawOcmBlock, blocks: readonly RawOcmBlock[], options: ReadOcmOptions): OcmReadResult {
  const ts = options.timeScales;
  const first = header.keywords[0] ?? { line: header.line };
  const warnings: ReadWarning[] = [];
  const kw = (b: RawOcmBlock, k: string): (OcmKeyword & { line: number }) | undefined => b.keywords.find((x) => x.keyword === k);
  const need = (b: RawOcmBlock, k: string): OcmKeyword & { line: number } => {
    const f = kw(b, k);
    if (f === undefined || f.value === '') throw new ParseError('FIELD_MISSING', `${b.name === 'HEADER' ? 'the OCM header' : `the ${b.name} block`} has no ${k}, which is mandatory.`, { line: b.line, field: k });
    return f;
  };
  const meta = blocks[0];
  if (meta === undefined || meta.name !== 'META') throw new ParseError('FIELD_MISSING', 'an OCM needs META_START … META_STOP right after its header.', { line: blocks[0]?.line ?? first.line, field: 'META_START' });
  const tsField = need(meta, 'TIME_SYSTEM');
  const system = tsField.value.toUpperCase();
  if (!isNdmTimeSystem(system)) throw new ParseError('UNSUPPORTED', `TIME_SYSTEM ${system} is not supported: Skylane reads OCM times in UTC, TAI, TT or GPS; convert the message to one of them.`, { line: tsField.line, field: 'TIME_SYSTEM' }, system);
  const timeSystem: NdmTimeSystem = system;
  const epochOf = (value: string, line: number, field: string, sys: NdmTimeSystem = timeSystem): Instant => {
    try {
      return parseNdmEpoch(value.replace(/Z$/, ''), sys, ts);
    } catch {
      throw new ParseError('TIME_INVALID', `"${value}" is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss[.f]).`, { line, field }, value);
    }
  };
  for (const k of meta.keywords) {
    if (NUMERIC_META.has(k.keyword) && !Number.isFinite(Number(k.value))) throw new ParseError('FIELD_INVALID', `${k.keyword} must be a number; got "${k.value}".`, { line: k.line, field: k.keyword }, k.value);
  }
  const tz = need(meta, 'EPOCH_TZERO');
  const epochTzero = epochOf(tz.value, tz.line, 'EPOCH_TZERO');
  const rowTime = (tok: string, line: number): Instant => {
    if (/^\d{4}-/.test(tok)) return epochOf(tok, line, 'EPOCH');
    const s = Number(tok);
    if (!Number.isFinite(s)) throw new ParseError('FIELD_INVALID', `"${tok}" is neither a CCSDS time nor seconds since EPOCH_TZERO.`, { line, field: 'EPOCH' }, tok);
    return epochTzero.plusSeconds(s);
  };
  const numberRow = (r: { text: string; line: number }, expected: number | undefined, block: string): OcmRow => {
    const f = r.text.split(/\s+/);
    const values = f.slice(1).map((s) => {
      const x = Number(s);
      if (s === '' || !Number.isFinite(x)) throw new ParseError('FIELD_INVALID', `"${s}" is not a finite number.`, { line: r.line, field: block }, s);
      return x;
    });
    if (expected !== undefined && values.length !== expected) throw new ParseError('FIELD_INVALID', `this ${block} row has ${values.length} values after its time; ${expected} expected.`, { line: r.line, field: block }, r.text);
    return { epoch: rowTime(f[0]!, r.line), values };
  };
  const plain = (b: RawOcmBlock): OcmBlock => ({ comments: b.comments, keywords: b.keywords.map(({ line: _l, ...k }) => k) });
  const single = (name: string): OcmBlock | undefined => {
    const found = blocks.filter((b) => b.name === name);
    if (found.length > 1) throw new ParseError('PARSE_ERROR', `an OCM has at most one ${name} block; another starts on line ${found[1]!.line}.`, { line: found[1]!.line, field: name });
    return found[0] !== undefined ? plain(found[0]) : undefined;
  };

  const trajectories: OcmTrajectory[] = blocks.filter((b) => b.name === 'TRAJ').map((b) => {
    const type = (kw(b, 'TRAJ_TYPE')?.value ?? 'CARTPV').toUpperCase();
    if (TRAJ_SIZE[type] === undefined) warnings.push({ code: 'TRAJ_TYPE_UNKNOWN', line: kw(b, 'TRAJ_TYPE')!.line, field: 'TRAJ_TYPE', message: `TRAJ_TYPE ${type} is not a known element set; its rows are kept without a size check.` });
    return { ...plain(b), type, rows: b.rows.map((r) => numberRow(r, TRAJ_SIZE[type], 'TRAJ')) };
  });
  const covariances: OcmCovariance[] = blocks.filter((b) => b.name === 'COV').map((b) => {
    const type = (kw(b, 'COV_TYPE')?.value ?? 'CARTPV').toUpperCase();
    const ordering = (kw(b, 'COV_ORDERING')?.value ?? 'LTM').toUpperCase();
    const n = COV_DIM(type);
    // LTMWCC/UTMWCC rows are read as written: the Blue Book gives them n(n+1)/2 terms, Orekit's fixture n² terms.
    const expected = n === undefined || ordering.endsWith('WCC') ? undefined : ordering === 'FULL' ? n * n : (n * (n + 1)) / 2;
    return { ...plain(b), type, ordering, rows: b.rows.map((r) => numberRow(r, expected, 'COV')) };
  });
  const maneuvers: OcmManeuver[] = blocks.filter((b) => b.name === 'MAN').map((b) => {
    const comp = need(b, 'MAN_COMPOSITION');
    // Column names hold no spaces: a missing comma ("ISP THR_MAG_SIGMA" in the Blue Book's G-17) still separates them.
    const composition = comp.value.split(/[,\s]+/).filter((s) => s !== '');
    if (composition[0] !== 'TIME_ABSOLUTE' && composition[0] !== 'TIME_RELATIVE') {
      throw new ParseError('FIELD_INVALID', `MAN_COMPOSITION must start with TIME_ABSOLUTE or TIME_RELATIVE; it starts with ${composition[0] ?? 'nothing'}.`, { line: comp.line, field: 'MAN_COMPOSITION' }, comp.value);
    }
    return {
      ...plain(b),
      composition,
      rows: b.rows.map((r) => {
        const f = r.text.split(/\s+/);
        if (f.length !== composition.length) throw new ParseError('FIELD_INVALID', `this maneuver row has ${f.length} fields; MAN_COMPOSITION lists ${composition.length}.`, { line: r.line, field: 'MAN' }, r.text);
        return { epoch: rowTime(f[0]!, r.line), fields: f.slice(1) };
      }),
    };
  });
  for (const b of blocks.slice(1)) {
    if (b.name === 'META') throw new ParseError('PARSE_ERROR', 'an OCM has one META block.', { line: b.line, field: 'META_START' });
    if (!['TRAJ', 'COV', 'MAN'].includes(b.name) && b.rows.length > 0) throw new ParseError('PARSE_ERROR', `"${b.rows[0]!.text.slice(0, 40)}" is not a KVN line; the ${b.name} block holds KEYWORD = value lines only.`, { line: b.rows[0]!.line, field: b.name });
  }
  const version = need(header, 'CCSDS_OCM_VERS').value;
  if (version !== '3.0') warnings.push({ code: 'VERSION_UNKNOWN', line: first.line, field: 'CCSDS_OCM_VERS', message: `OCM version ${version} is not 3.0; read as 3.0.` });
  const cd = need(header, 'CREATION_DATE');
  const optHeader = (k: string): string | undefined => kw(header, k)?.value;
  const classification = optHeader('CLASSIFICATION');
  const messageId = optHeader('MESSAGE_ID');
  const physical = single('PHYS');
  const perturbations = single('PERT');
  const orbitDetermination = single('OD');
  const userDefined = single('USER');
  const ocm: Ocm = {
    version,
    header: {
      comments: header.comments,
      ...(classification !== undefined ? { classification } : {}),
      creationDate: epochOf(cd.value, cd.line, 'CREATION_DATE', 'UTC'),
      originator: need(header, 'ORIGINATOR').value,
      ...(messageId !== undefined ? { messageId } : {}),
    },
    metadata: { ...plain(meta), timeSystem, epochTzero },
    trajectories,
    ...(physical !== undefined ? { physical } : {}),
    covariances,
    maneuvers,
    ...(perturbations !== undefined ? { perturbations } : {}),
    ...(orbitDetermination !== undefined ? { orbitDetermination } : {}),
    ...(userDefined !== undefined ? { userDefined } : {}),
  };
  return { ocm, warnings };
}

/** An OCM laid out for writing: header keywords and blocks with their keywords and formatted data rows. */
export interface OcmPlan {
  readonly header: { readonly comments: readonly string[]; readonly keywords: readonly OcmKeyword[] };
  readonly blocks: readonly { readonly name: string; readonly comments: readonly string[]; readonly keywords: readonly OcmKeyword[]; readonly rows: readonly string[] }[];
}

/**
 * Lays out an OCM 3.0 for writing (KVN or XML): each block's keywords as given (TIME_SYSTEM and EPOCH_TZERO from the
 * metadata's typed fields), rows with absolute times in the message's time system. Strict: non-finite numbers and
 * rows of the wrong length are refused with an ArgumentError.
 */
export function planOcm(ocm: Ocm, ts: TimeScales): OcmPlan {
  const sys = ocm.metadata.timeSystem;
  const time = (t: Instant): string => formatNdmEpoch(t, sys, ts, 6);
  const num = (x: number, where: string): string => {
    if (!Number.isFinite(x)) throw new ArgumentError(`OCM ${where} values must be finite numbers; got ${x}.`, x);
    return String(x);
  };
  const h = ocm.header;
  const header = {
    comments: h.comments,
    keywords: [
      ...(h.classification !== undefined ? [{ keyword: 'CLASSIFICATION', value: h.classification }] : []),
      { keyword: 'CREATION_DATE', value: formatNdmEpoch(h.creationDate, 'UTC', ts, 3) },
      { keyword: 'ORIGINATOR', value: h.originator },
      ...(h.messageId !== undefined ? [{ keyword: 'MESSAGE_ID', value: h.messageId }] : []),
    ],
  };
  const blocks: OcmPlan['blocks'][number][] = [];
  const block = (name: string, b: OcmBlock, fixed: readonly OcmKeyword[], rows: readonly string[]): void => {
    const fixedNames = new Set(fixed.map((k) => k.keyword));
    blocks.push({ name, comments: b.comments, keywords: [...b.keywords.filter((k) => !fixedNames.has(k.keyword)), ...fixed], rows });
  };
  block('META', ocm.metadata, [{ keyword: 'TIME_SYSTEM', value: sys }, { keyword: 'EPOCH_TZERO', value: time(ocm.metadata.epochTzero) }], []);
  for (const t of ocm.trajectories) {
    const n = TRAJ_SIZE[t.type];
    block('TRAJ', t, [{ keyword: 'TRAJ_TYPE', value: t.type }], t.rows.map((r) => {
      if (n !== undefined && r.values.length !== n) throw new ArgumentError(`a ${t.type} trajectory row has ${n} values; got ${r.values.length}.`, r.values.length);
      return `${time(r.epoch)} ${r.values.map((v) => num(v, 'TRAJ')).join(' ')}`;
    }));
  }
  if (ocm.physical !== undefined) block('PHYS', ocm.physical, [], []);
  for (const c of ocm.covariances) {
    block('COV', c, [{ keyword: 'COV_TYPE', value: c.type }, { keyword: 'COV_ORDERING', value: c.ordering }], c.rows.map((r) => `${time(r.epoch)} ${r.values.map((v) => num(v, 'COV')).join(' ')}`));
  }
  for (const m of ocm.maneuvers) {
    // Times are written absolute, so a TIME_RELATIVE composition is relabelled TIME_ABSOLUTE.
    block('MAN', m, [{ keyword: 'MAN_COMPOSITION', value: ['TIME_ABSOLUTE', ...m.composition.slice(1)].join(', ') }], m.rows.map((r) => {
      if (r.fields.length !== m.composition.length - 1) throw new ArgumentError(`a maneuver row has ${m.composition.length - 1} fields after its time (MAN_COMPOSITION); got ${r.fields.length}.`, r.fields.length);
      return `${time(r.epoch)} ${r.fields.join(' ')}`;
    }));
  }
  if (ocm.perturbations !== undefined) block('PERT', ocm.perturbations, [], []);
  if (ocm.orbitDetermination !== undefined) block('OD', ocm.orbitDetermination, [], []);
  if (ocm.userDefined !== undefined) block('USER', ocm.userDefined, [], []);
  return { header, blocks };
}

/** Writes an OCM 3.0 in KVN form (see planOcm). */
export function writeOcmKvn(ocm: Ocm, ts: TimeScales): string {
  const plan = planOcm(ocm, ts);
  const out: string[] = [formatKvnLine('CCSDS_OCM_VERS', '3.0')];
  for (const c of plan.header.comments) out.push(`COMMENT ${c}`);
  for (const k of plan.header.keywords) out.push(formatKvnLine(k.keyword, k.value, k.unit));
  for (const b of plan.blocks) {
    out.push('', `${b.name}_START`);
    for (const c of b.comments) out.push(`COMMENT ${c}`);
    for (const k of b.keywords) out.push(formatKvnLine(k.keyword, k.value, k.unit));
    out.push(...b.rows, `${b.name}_STOP`);
  }
  return out.join('\n') + '\n';
}
