/**
 * Reader for ICGEM `.gfc` gravity-field files (Barthelmes & Förste, "The ICGEM-format", GFZ Potsdam, 2011;
 * format 1.0 and 2.0). Pure function over the text; the caller passes the file name as `source` for errors.
 *
 * Header (everything before `end_of_head`; prose before `begin_of_head` is ignored): `earth_gravity_constant` (m³/s²)
 * and `radius` (m) are converted once to km³/s² and km; `max_degree`, `norm` (`fully_normalized` or `unnormalized`),
 * `tide_system` (`tide_free`, `zero_tide`, `mean_tide`), `modelname` and `errors` (ignored: sigmas are not kept).
 * Data: `gfc L M C S [σC σS]`; ICGEM 2.0 time-variable records `gfct L M C S σC σS t0`, `trnd L M C S σC σS`,
 * `asin|acos L M C S σC σS period` (years) are kept as terms (see `fieldAtEpoch`). Numbers may use a Fortran
 * `d` exponent (`1.0d0`). A missing C̄00 is set to 1.
 */
import { mjdFromCalendar } from '../../time/calendar.ts';
import {
  checkComplete,
  coefficientIndex,
  GravityFileError,
  normalisationFactor,
  parseFortranNumber,
  triangleSize,
  type GravityField,
  type TideSystem,
  type TimeVariableTerm,
} from './field.ts';

export interface GravityReadOptions {
  /** Keep only degrees ≤ this (faster for big files); default: the file's `max_degree`. */
  readonly maxDegree?: number;
  /** Tide system to assume when the header does not say (JGM-3's ICGEM file does not); default `unknown`. */
  readonly tideSystem?: TideSystem;
  /** Name used in the field (`modelname` otherwise). */
  readonly name?: string;
  /** Accept a file where some (n, m), n ≥ 2, has no record (treated as zero). Default false: a hole is an error. */
  readonly allowMissingCoefficients?: boolean;
}

const TIDE_SYSTEMS: Record<string, TideSystem> = {
  tide_free: 'tide-free',
  zero_tide: 'zero-tide',
  mean_tide: 'mean-tide',
  unknown: 'unknown',
};

/** ICGEM t0 `yyyymmdd` or `yyyymmdd.hhmm` → MJD. */
function t0ToMjd(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:\.(\d{2})(\d{2})?)?$/.exec(text);
  if (!m) return Number.NaN;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  return mjdFromCalendar(Number(m[1]), month, day) + (Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) / 1440;
}

/** Reads an ICGEM `.gfc` file. Throws `GravityFileError` naming `source`, the line and the field on a corrupt line. */
export function readIcgemGravityField(text: string, source: string, options: GravityReadOptions = {}): GravityField {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, { value: string; line: number }>();
  let i = 0;
  let inHead = false;
  let sawBegin = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('end_of_head')) break;
    if (line.startsWith('begin_of_head')) {
      sawBegin = true;
      inHead = true;
      header.clear();
      continue;
    }
    if (sawBegin && !inHead) continue;
    const parts = line.split(/\s+/);
    if (parts.length >= 2) header.set(parts[0]!.toLowerCase(), { value: parts[1]!, line: i + 1 });
  }
  if (i >= lines.length) {
    throw new GravityFileError(source, 'FORMAT_UNKNOWN', 'no `end_of_head` line: this is not an ICGEM .gfc file.', { line: lines.length });
  }
  const num = (key: string, unitScale: number): number => {
    const h = header.get(key);
    if (h === undefined) throw new GravityFileError(source, 'FIELD_MISSING', `the header has no \`${key}\`.`, { line: i + 1, field: key });
    const v = parseFortranNumber(h.value);
    if (!Number.isFinite(v) || v <= 0) throw new GravityFileError(source, 'FIELD_INVALID', `\`${key}\` must be a positive number, got "${h.value}".`, { line: h.line, field: key }, h.value);
    return v * unitScale;
  };
  const gm = num('earth_gravity_constant', 1e-9);
  const radius = num('radius', 1e-3);
  const fileMax = num('max_degree', 1);
  if (!Number.isInteger(fileMax)) {
    throw new GravityFileError(source, 'FIELD_INVALID', '`max_degree` must be an integer.', { line: header.get('max_degree')!.line, field: 'max_degree' }, fileMax);
  }
  const norm = header.get('norm')?.value ?? 'fully_normalized';
  if (norm !== 'fully_normalized' && norm !== 'unnormalized') {
    throw new GravityFileError(source, 'UNSUPPORTED', `norm "${norm}" is not supported (fully_normalized or unnormalized).`, { line: header.get('norm')!.line, field: 'norm' }, norm);
  }
  const tideText = header.get('tide_system');
  let tideSystem: TideSystem = options.tideSystem ?? 'unknown';
  if (tideText !== undefined) {
    const t = TIDE_SYSTEMS[tideText.value.toLowerCase()];
    if (t === undefined) throw new GravityFileError(source, 'FIELD_INVALID', `unknown tide_system "${tideText.value}" (tide_free, zero_tide or mean_tide).`, { line: tideText.line, field: 'tide_system' }, tideText.value);
    tideSystem = t;
  }
  const maxDegree = Math.min(options.maxDegree ?? fileMax, fileMax);
  const size = triangleSize(maxDegree);
  const c = new Float64Array(size);
  const s = new Float64Array(size);
  const seen = new Uint8Array(size);
  const terms: TimeVariableTerm[] = [];
  const t0ByIndex = new Map<number, number>();
  for (i = i + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const f = line.split(/\s+/);
    const key = f[0]!.toLowerCase();
    const where = (field: string): { line: number; field: string } => ({ line: i + 1, field });
    if (key !== 'gfc' && key !== 'gfct' && key !== 'trnd' && key !== 'asin' && key !== 'acos') {
      throw new GravityFileError(source, 'PARSE_ERROR', `unknown record key "${f[0]}" (gfc, gfct, trnd, asin, acos).`, where('key'), f[0]);
    }
    if (f.length < 5) throw new GravityFileError(source, 'PARSE_ERROR', `a ${key} record needs at least L M C S, got ${f.length - 1} values.`, where(f.length < 3 ? 'M' : 'S'), line);
    const n = Number(f[1]);
    const m = Number(f[2]);
    if (!Number.isInteger(n) || n < 0 || n > fileMax) throw new GravityFileError(source, 'FIELD_INVALID', `degree L must be an integer 0..${fileMax}, got "${f[1]}".`, where('L'), f[1]);
    if (!Number.isInteger(m) || m < 0 || m > n) throw new GravityFileError(source, 'FIELD_INVALID', `order M must be an integer 0..L, got "${f[2]}".`, where('M'), f[2]);
    let cv = parseFortranNumber(f[3]!);
    if (!Number.isFinite(cv)) throw new GravityFileError(source, 'FIELD_INVALID', `C is not a number: "${f[3]}".`, where('C'), f[3]);
    let sv = parseFortranNumber(f[4]!);
    if (!Number.isFinite(sv)) throw new GravityFileError(source, 'FIELD_INVALID', `S is not a number: "${f[4]}".`, where('S'), f[4]);
    for (let k = 5; k < Math.min(f.length, 7); k++) {
      if (!Number.isFinite(parseFortranNumber(f[k]!))) throw new GravityFileError(source, 'FIELD_INVALID', `sigma ${k === 5 ? 'C' : 'S'} is not a number: "${f[k]}".`, where(k === 5 ? 'sigmaC' : 'sigmaS'), f[k]);
    }
    if (n > maxDegree) continue;
    if (norm === 'unnormalized') {
      const nf = normalisationFactor(n, m);
      cv /= nf;
      sv /= nf;
    }
    const idx = coefficientIndex(n, m);
    if (key === 'gfc' || key === 'gfct') {
      c[idx] = cv;
      s[idx] = sv;
      seen[idx] = 1;
      if (key === 'gfct') {
        const t0 = f[7] === undefined ? Number.NaN : t0ToMjd(f[7]);
        if (!Number.isFinite(t0)) throw new GravityFileError(source, 'FIELD_INVALID', `gfct needs a reference epoch t0 as yyyymmdd[.hhmm] in column 8, got "${f[7] ?? ''}".`, where('t0'), f[7]);
        t0ByIndex.set(idx, t0);
      }
      continue;
    }
    const t0 = t0ByIndex.get(idx);
    if (t0 === undefined) throw new GravityFileError(source, 'PARSE_ERROR', `a ${key} record for L=${n} M=${m} must follow that coefficient's gfct record (which holds t0).`, where('key'), line);
    let periodYears = Number.NaN;
    if (key !== 'trnd') {
      periodYears = f[7] === undefined ? Number.NaN : parseFortranNumber(f[7]);
      if (!(periodYears > 0)) throw new GravityFileError(source, 'FIELD_INVALID', `${key} needs a positive period in years in column 8, got "${f[7] ?? ''}".`, where('period'), f[7]);
    }
    terms.push({ n, m, kind: key === 'trnd' ? 'trend' : key === 'asin' ? 'sin' : 'cos', c: cv, s: sv, periodYears, t0Mjd: t0 });
  }
  checkComplete(seen, maxDegree, source, lines.length, options.allowMissingCoefficients === true);
  if (seen[0] === 0) c[0] = 1;
  return { name: options.name ?? header.get('modelname')?.value ?? source, gmKm3PerS2: gm, radiusKm: radius, maxDegree, tideSystem, c, s, timeVariable: terms };
}
