/**
 * Readers for Space Environment Technologies' JB2008 index files, pure functions over the file text:
 * `SOLFSMY.TXT` (daily F10, S10, M10, Y10 and their 81-day centred averages) and `DTCFILE.TXT` (hourly ΔT_c from
 * the Dst index). Both records must be continuous: a missing day (or an out-of-order or repeated one) inside the
 * record is an error naming the file, the line and the field, never something to interpolate across.
 *
 * SOLFSMY data line (SET release 5_4g; whitespace-separated, as the header `# YYYY DDD JulianDay F10 F81c S10 S81c
 * M10 M81c Y10 Y81c Ssrc` says): year, day of year, Julian day of 12 UT of that day, eight indices in sfu, a 4-character
 * source flag. Lines starting with `#` are headers. The reference driver (`JB08DRVY2K.for`) treats an index below 40
 * sfu as missing; so does this reader (an error at that line, not a silent zero).
 *
 * DTCFILE data line: `DTC YYYY DDD` then 24 integer ΔT_c values (K) for hours 0..23 UTC, in the driver's fixed columns
 * (4X,I4,1X,I3,1X,24I4; read by column when the line has its 109 characters, by whitespace otherwise). The driver stops on a
 * value above 2000 (its missing-data marker); so does this reader.
 */
import { ParseError } from '../../errors/index.ts';
import { calendarFromMjd, mjdFromDayOfYear, mjdFromCalendar } from '../../time/calendar.ts';

/** One SOLFSMY day. `mjd` is the UTC MJD of 0 h of that day; the indices are in sfu, as published (not lagged). */
export interface SolfsmyRecord {
  readonly mjd: number;
  readonly f10: number;
  readonly f81c: number;
  readonly s10: number;
  readonly s81c: number;
  readonly m10: number;
  readonly m81c: number;
  readonly y10: number;
  readonly y81c: number;
  /** 1-based line of the record in its file. */
  readonly line: number;
}

/** A continuous run of SOLFSMY days (records[i].mjd = firstMjd + i). */
export interface SolfsmyData {
  readonly source: string;
  readonly firstMjd: number;
  readonly records: readonly SolfsmyRecord[];
}

/** A continuous hourly ΔT_c record: `valuesK[i]` holds hour `firstMjd + i/24` (UTC). */
export interface DtcData {
  readonly source: string;
  readonly firstMjd: number;
  readonly valuesK: Float64Array;
  /** 1-based line of each day (index = day since firstMjd). */
  readonly dayLines: readonly number[];
}

/** Smallest index value the reference driver accepts (sfu); smaller values mark missing data there. */
export const SOLFSMY_MIN_VALID_SFU = 40;
/** Largest ΔT_c the reference driver accepts (K); larger values are its missing-data marker. */
export const DTC_MAX_VALID_K = 2000;

const SOLFSMY_FIELDS = ['F10', 'F81c', 'S10', 'S81c', 'M10', 'M81c', 'Y10', 'Y81c'] as const;

function fail(source: string, line: number, field: string, message: string, value?: unknown): never {
  throw new ParseError('FIELD_INVALID', `${source}: ${message}`, { line, field }, value);
}

function readYearDay(source: string, line: number, yearText: string | undefined, dayText: string | undefined): number {
  if (yearText === undefined || !/^\d{4}$/.test(yearText)) fail(source, line, 'YYYY', `year "${yearText ?? ''}" is not a 4-digit year.`, yearText);
  const year = Number(yearText);
  if (dayText === undefined || !/^\d{1,3}$/.test(dayText)) fail(source, line, 'DDD', `day of year "${dayText ?? ''}" is not an integer.`, dayText);
  const doy = Number(dayText);
  const daysInYear = mjdFromCalendar(year + 1, 1, 1) - mjdFromCalendar(year, 1, 1);
  if (doy < 1 || doy > daysInYear) fail(source, line, 'DDD', `day of year ${doy} is outside 1-${daysInYear} for ${year}.`, doy);
  return mjdFromDayOfYear(year, doy);
}

function dayLabel(mjd: number): string {
  const c = calendarFromMjd(mjd);
  const doy = mjd - mjdFromCalendar(c.year, 1, 1) + 1;
  return `${c.year} ${String(doy).padStart(3, '0')}`;
}

function checkContinuity(source: string, line: number, previousMjd: number | undefined, mjd: number): void {
  if (previousMjd === undefined || mjd === previousMjd + 1) return;
  if (mjd <= previousMjd) fail(source, line, 'DDD', `day ${dayLabel(mjd)} is out of order or repeated (previous record is ${dayLabel(previousMjd)}).`, mjd);
  fail(
    source,
    line,
    'DDD',
    `gap in the record: day ${dayLabel(mjd)} follows ${dayLabel(previousMjd)} (${mjd - previousMjd - 1} day(s) missing); use a complete file from SET.`,
    mjd,
  );
}

/**
 * Reads a SOLFSMY file. `source` names the file in errors. Throws `ParseError` (FIELD_INVALID) naming the file,
 * the 1-based line and the field for an unreadable field, an index below 40 sfu, a Julian day that disagrees with
 * the year/day, or a gap, repeat or reversal in the days; FIELD_MISSING when the file holds no data line.
 */
export function readSolfsmy(text: string, source = 'SOLFSMY.TXT'): SolfsmyData {
  const records: SolfsmyRecord[] = [];
  const lines = text.split(/\r?\n/);
  let previous: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const tok = t.split(/\s+/);
    const mjd = readYearDay(source, lineNo, tok[0], tok[1]);
    const jd = Number(tok[2]);
    if (tok[2] === undefined || !Number.isFinite(jd)) fail(source, lineNo, 'JulianDay', `Julian day "${tok[2] ?? ''}" is not a number.`, tok[2]);
    if (Math.abs(jd - (mjd + 2400001)) > 1e-6) {
      fail(source, lineNo, 'JulianDay', `Julian day ${jd} is not 12 UT of ${tok[0]} day ${tok[1]} (expected ${mjd + 2400001}.0).`, jd);
    }
    const v: number[] = [];
    for (let k = 0; k < 8; k++) {
      const text_ = tok[3 + k];
      const x = text_ === undefined ? NaN : Number(text_);
      const field = SOLFSMY_FIELDS[k]!;
      if (!Number.isFinite(x)) fail(source, lineNo, field, `${field} "${text_ ?? ''}" is not a number.`, text_);
      if (x < SOLFSMY_MIN_VALID_SFU) {
        fail(source, lineNo, field, `${field} = ${x} sfu is below ${SOLFSMY_MIN_VALID_SFU} sfu, the missing-data marker of the JB2008 driver.`, x);
      }
      v.push(x);
    }
    checkContinuity(source, lineNo, previous, mjd);
    previous = mjd;
    records.push({ mjd, f10: v[0]!, f81c: v[1]!, s10: v[2]!, s81c: v[3]!, m10: v[4]!, m81c: v[5]!, y10: v[6]!, y81c: v[7]!, line: lineNo });
  }
  if (records.length === 0) throw new ParseError('FIELD_MISSING', `${source}: no SOLFSMY data line found.`, { line: lines.length });
  return { source, firstMjd: records[0]!.mjd, records };
}

/**
 * Reads a DTCFILE. `source` names the file in errors. Throws `ParseError` naming the file, the line and the field
 * (`DTC`, `YYYY`, `DDD`, `H00`..`H23`) for a malformed line, a non-integer value, a value above 2000 K, or a gap,
 * repeat or reversal in the days; FIELD_MISSING when the file holds no data line.
 */
export function readDtcFile(text: string, source = 'DTCFILE.TXT'): DtcData {
  const lines = text.split(/\r?\n/);
  const values: number[] = [];
  const dayLines: number[] = [];
  let first: number | undefined;
  let previous: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const t = lines[i]!.trim();
    if (t === '' || t.startsWith('#')) continue;
    const tok = dtcTokens(lines[i]!.trimEnd());
    if (tok[0] !== 'DTC') fail(source, lineNo, 'DTC', `a DTCFILE data line starts with "DTC", not "${tok[0] ?? ''}".`, tok[0]);
    const mjd = readYearDay(source, lineNo, tok[1], tok[2]);
    if (tok.length !== 27) fail(source, lineNo, 'H00-H23', `expected 24 hourly values after the date, found ${tok.length - 3}.`, tok.length - 3);
    const day: number[] = [];
    for (let h = 0; h < 24; h++) {
      const s = tok[3 + h]!;
      const field = `H${String(h).padStart(2, '0')}`;
      if (!/^[+-]?\d+$/.test(s)) fail(source, lineNo, field, `hourly ΔTc "${s}" is not an integer (K).`, s);
      const x = Number(s);
      if (x > DTC_MAX_VALID_K) fail(source, lineNo, field, `ΔTc = ${x} K exceeds ${DTC_MAX_VALID_K} K, the missing-data marker of the JB2008 driver.`, x);
      day.push(x);
    }
    checkContinuity(source, lineNo, previous, mjd);
    first ??= mjd;
    previous = mjd;
    values.push(...day);
    dayLines.push(lineNo);
  }
  if (first === undefined) throw new ParseError('FIELD_MISSING', `${source}: no DTC data line found.`, { line: lines.length });
  return { source, firstMjd: first, valuesK: Float64Array.from(values), dayLines };
}

/** DTCFILE line length in the driver's fixed format (4X,I4,1X,I3,1X,24I4). */
const DTC_FIXED_LENGTH = 109;

/**
 * Tokens of a DTCFILE line: by the fixed columns of the driver's format when the line has its 109 characters (so
 * that a 4-digit value touching its neighbour still reads), otherwise split on whitespace (lenient).
 */
function dtcTokens(line: string): string[] {
  if (line.length === DTC_FIXED_LENGTH) {
    const tok = [line.slice(0, 4).trim(), line.slice(4, 8).trim(), line.slice(9, 12).trim()];
    for (let h = 0; h < 24; h++) tok.push(line.slice(13 + 4 * h, 17 + 4 * h).trim());
    return tok;
  }
  return line.trim().split(/\s+/);
}
