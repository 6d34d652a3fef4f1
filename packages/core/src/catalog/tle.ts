/**
 * Two-line element sets (TLE), 2-line and 3-line (title) forms: a lenient reader and a strict writer.
 *
 * Column layout (1-based, inclusive), after the NORAD/Space-Track "Two-Line Element Set Format" and
 * Vallado et al. 2006 (AIAA 2006-6753, "Revisiting Spacetrack Report #3") appendix:
 *   line 1: 1 | 3-7 catalog number | 8 classification | 10-11 launch year | 12-14 launch number | 15-17 piece |
 *           19-20 epoch year | 21-32 epoch day of year with fraction | 34-43 ṅ/2 [rev/day²] |
 *           45-52 n̈/6 [rev/day³] implied decimal & exponent | 54-61 B* [1/ER] implied decimal & exponent |
 *           63 ephemeris type | 65-68 element set number | 69 checksum
 *   line 2: 2 | 3-7 catalog number | 9-16 inclination [deg] | 18-25 RAAN [deg] | 27-33 eccentricity, implied
 *           leading decimal point | 35-42 argument of perigee [deg] | 44-51 mean anomaly [deg] |
 *           53-63 mean motion [rev/day] | 64-68 revolution number at epoch | 69 checksum
 * Checksum: the sum of the digits of columns 1-68, plus 1 for each '-', modulo 10.
 * Epoch year: 57-99 → 1957-1999, 00-56 → 2000-2056. The day fraction is a fraction of an 86400 s UTC day.
 * Alpha-5 catalog numbers: a letter then four digits, A=10 … Z=33 skipping I and O, so A0000 = 100000 and
 * Z9999 = 339999 (Space Force's extension of the 5-column field).
 *
 * Lenient reader: title lines optional (a "0 " prefix is removed), `#` comment lines skipped, CR/CRLF line ends,
 * trailing whitespace, a missing checksum, text after column 69 (SGP4-VER.TLE puts start/stop/step there) and
 * CelesTrak's 70-column line 2 with an 8-digit eccentricity are accepted with warnings. Strict writer: exact
 * 69-column lines with correct checksums, values rounded to the columns, Alpha-5 for 100000..339999 and a typed
 * ID_OUT_OF_RANGE error above 339999 (write OMM instead).
 */
import { ParseError, SkylaneError, recordList, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import { calendarFromMjd, mjdFromCalendar, mjdFromDayOfYear } from '../time/index.ts';
import { MAX_TLE_CATALOG_NUMBER, objectTypeFromName, type ElementSet } from './model.ts';
import {
  assertWritable,
  checkCatalogNumber,
  collectRecord,
  type ReadElementSetOptions,
  type ReadElementSetsResult,
  type WriteElementSetOptions,
} from './gpRecord.ts';
import { elementSetViolation } from './sanity.ts';

const ALPHA5_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // A=10 … Z=33, without I and O

/** Decodes a 5-column TLE catalog number: digits (leading blanks or zeros allowed) or Alpha-5 (A0000..Z9999). */
export function decodeAlpha5(text: string): number {
  const t = text.trim();
  if (/^\d{1,5}$/.test(t)) return Number(t);
  const m = /^([A-Z])(\d{4})$/.exec(t);
  if (m) {
    const idx = ALPHA5_LETTERS.indexOf(m[1]!);
    if (idx >= 0) return (idx + 10) * 10000 + Number(m[2]);
    throw new SkylaneError('FIELD_INVALID', `"${t}" is not Alpha-5: the letters I and O are not used (A=10 … Z=33).`, t);
  }
  throw new SkylaneError('FIELD_INVALID', `"${t}" is not a TLE catalog number: expected up to 5 digits or Alpha-5 like A0001.`, t);
}

/** Encodes a catalog number in the 5 TLE columns: zero-padded digits up to 99999, Alpha-5 for 100000..339999. */
export function encodeAlpha5(catalogNumber: number): string {
  if (!Number.isInteger(catalogNumber) || catalogNumber < 0 || catalogNumber > MAX_TLE_CATALOG_NUMBER) {
    throw new SkylaneError(
      'ID_OUT_OF_RANGE',
      `catalog number ${catalogNumber} cannot be written in a TLE: the 5 TLE columns hold at most ${MAX_TLE_CATALOG_NUMBER} (Alpha-5 Z9999). Write this object as OMM (KVN, XML, JSON or CSV) instead.`,
      catalogNumber,
    );
  }
  if (catalogNumber < 100000) return String(catalogNumber).padStart(5, '0');
  const lead = Math.floor(catalogNumber / 10000);
  return ALPHA5_LETTERS[lead - 10]! + String(catalogNumber % 10000).padStart(4, '0');
}

/** TLE checksum of a line: digits of its first 68 columns summed, '-' counting 1, modulo 10. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const n = Math.min(68, line.length);
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

/** Reads the implied-decimal, implied-exponent form of columns 45-52 / 54-61: " 28098-4" = 0.28098e-4, "-11606-4". */
export function parseImpliedExponent(text: string, field: string, line: number, column: number): number {
  const t = text.trim();
  if (t === '') return 0;
  const m = /^([+-]?)\s*(\.?\d{1,6})\s*([+-])\s*(\d)$/.exec(t) ?? /^([+-]?)(\.?\d{1,6})()()$/.exec(t);
  if (!m) {
    throw new ParseError('FIELD_INVALID', `"${t}" is not a TLE implied-decimal number like " 28098-4" (= 0.28098e-4).`, { line, column, field }, t);
  }
  const mant = m[2]!.startsWith('.') ? Number(`0${m[2]}`) : Number(`0.${m[2]}`);
  const exp = m[4] === '' ? 0 : Number(`${m[3]}${m[4]}`);
  const v = mant * 10 ** exp;
  return m[1] === '-' ? -v : v;
}

/** Formats a value in the 8 columns of the implied-decimal, implied-exponent form (5 significant digits). */
export function formatImpliedExponent(v: number, field: string): string {
  if (!Number.isFinite(v)) throw new SkylaneError('ELEMENTS_INVALID', `${field} ${v} is not finite.`, v);
  if (v === 0) return ' 00000+0';
  const sign = v < 0 ? '-' : ' ';
  const [mant, expText] = Math.abs(v).toExponential(4).split('e') as [string, string];
  let digits = mant.replace('.', '');
  let e = Number(expText) + 1;
  if (e > 9) throw new SkylaneError('ELEMENTS_INVALID', `${field} ${v} is too large for the TLE's one-digit exponent (|value| < 1e9).`, v);
  if (e < -9) {
    // Below 0.1e-9: keep exponent -9 and let the mantissa lose digits (rounding to zero at < 0.5e-14).
    const units = Math.round(Math.abs(v) * 1e9 * 1e5);
    if (units === 0) return ' 00000+0';
    digits = String(units).padStart(5, '0');
    e = -9;
  }
  return `${sign}${digits}${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

interface LineText {
  readonly text: string;
  readonly line: number;
}

/**
 * Parses one TLE (two lines and an optional title) into an ElementSet. Throws ParseError (with line, column and
 * OMM field name) when the set cannot be read; pushes warnings for accepted deviations.
 */
export function parseTle(
  l1: LineText,
  l2: LineText,
  title: LineText | undefined,
  options: ReadElementSetOptions,
  warnings: ReadWarning[],
): ElementSet {
  const checksumMode = options.tleChecksum ?? 'reject';
  const checkChecksum = (raw: string, body: string, ln: number, which: string): void => {
    const c = body[68];
    if (c === undefined || c === ' ') {
      warnings.push({ code: 'CHECKSUM_MISSING', line: ln, field: 'checksum', message: `TLE ${which} has no checksum in column 69; not verified.` });
      return;
    }
    const expected = tleChecksum(raw);
    if (c !== String(expected)) {
      const msg = `TLE ${which} checksum is "${c}" but the line sums to ${expected}: the line is corrupt (or hand-edited); re-download it.`;
      if (checksumMode === 'warn') warnings.push({ code: 'CHECKSUM_MISMATCH', line: ln, field: 'checksum', message: msg });
      else throw new ParseError('CHECKSUM_MISMATCH', msg, { line: ln, column: 69, field: 'checksum' }, raw);
    }
  };

  // Line 1 ------------------------------------------------------------------------------------------
  const a = l1.text;
  if (a.length < 64) {
    throw new ParseError('FIELD_MISSING', `TLE line 1 has ${a.length} columns, fewer than the 68 that hold its fields.`, { line: l1.line, field: 'line1' }, a);
  }
  if (a.length > 69) {
    warnings.push({ code: 'TLE_EXTRA_COLUMNS', line: l1.line, message: `TLE line 1 has ${a.length - 69} characters after column 69; ignored.` });
  }
  const A = a.padEnd(69, ' ');
  checkChecksum(a.slice(0, 69), A, l1.line, 'line 1');

  // Line 2 ------------------------------------------------------------------------------------------
  let b = l2.text;
  let wideEcc: number | undefined;
  let checksumSource = '';
  if (b.length >= 70 && /^\d{8}$/.test(b.slice(26, 34)) && b[34] === ' ') {
    // CelesTrak's 70-column line 2: an 8-digit eccentricity shifts the rest one column right; the checksum
    // (column 70) covers columns 1-69.
    wideEcc = Number(`0.${b.slice(26, 34)}`);
    checksumSource = b.slice(0, 69);
    warnings.push({
      code: 'TLE_WIDE_ECCENTRICITY',
      line: l2.line,
      field: 'ECCENTRICITY',
      message: 'TLE line 2 has an 8-digit eccentricity (70 columns, as CelesTrak sometimes emits); read with all 8 digits.',
    });
    b = b.slice(0, 33) + b.slice(34);
  }
  if (b.length < 63) {
    throw new ParseError('FIELD_MISSING', `TLE line 2 has ${b.length} columns, fewer than the 68 that hold its fields.`, { line: l2.line, field: 'line2' }, l2.text);
  }
  if (b.length > 69) {
    warnings.push({ code: 'TLE_EXTRA_COLUMNS', line: l2.line, message: `TLE line 2 has ${b.length - 69} characters after column 69 (e.g. SGP4-VER start/stop/step); ignored.` });
  }
  const B = b.padEnd(69, ' ');
  if (wideEcc !== undefined) {
    // The checksum of a 70-column line sits in column 70 and covers columns 1-69.
    const c = B[68];
    const expected = sumDigits(checksumSource);
    if (c !== undefined && c !== ' ' && c !== String(expected)) {
      const msg = `TLE line 2 checksum is "${c}" but the line sums to ${expected}: the line is corrupt; re-download it.`;
      if (checksumMode === 'warn') warnings.push({ code: 'CHECKSUM_MISMATCH', line: l2.line, field: 'checksum', message: msg });
      else throw new ParseError('CHECKSUM_MISMATCH', msg, { line: l2.line, column: 70, field: 'checksum' }, l2.text);
    }
  } else {
    checkChecksum(b.slice(0, 69), B, l2.line, 'line 2');
  }

  const f1 = (s: number, e: number): string => A.slice(s - 1, e);
  const f2 = (s: number, e: number): string => B.slice(s - 1, e);
  const at1 = (field: string, column: number): { line: number; column: number; field: string } => ({ line: l1.line, column, field });
  const at2 = (field: string, column: number): { line: number; column: number; field: string } => ({ line: l2.line, column, field });

  const cat1 = catalogField(f1(3, 7), at1('NORAD_CAT_ID', 3));
  const cat2 = catalogField(f2(3, 7), at2('NORAD_CAT_ID', 3));
  if (cat1 !== cat2) {
    throw new ParseError('FIELD_INVALID', `line 1 is for catalog number ${cat1} but line 2 is for ${cat2}: the lines belong to different objects.`, at2('NORAD_CAT_ID', 3), cat2);
  }
  const classification = f1(8, 8).trim() === '' ? 'U' : f1(8, 8).toUpperCase();
  if (!/^[A-Z]$/.test(classification)) {
    throw new ParseError('FIELD_INVALID', `classification "${f1(8, 8)}" must be a letter (U, C or S).`, at1('CLASSIFICATION_TYPE', 8), f1(8, 8));
  }
  const objectId = intlDesignator(f1(10, 17), l1.line, warnings);

  // Epoch yyddd.dddddddd → Instant, exactly: day-of-year MJD plus (fraction digits as an integer) × 86400 / 10^n s.
  const yy = f1(19, 20);
  const dayText = f1(21, 32).trim();
  const em = /^(\d{1,3})(?:\.(\d*))?$/.exec(dayText);
  if (!/^\d\d$/.test(yy) || !em) {
    throw new ParseError('TIME_INVALID', `epoch "${f1(19, 32)}" is not yyddd.dddddddd.`, at1('EPOCH', 19), f1(19, 32));
  }
  const y2 = Number(yy);
  const year = y2 < 57 ? 2000 + y2 : 1900 + y2;
  const doy = Number(em[1]);
  const daysInYear = mjdFromCalendar(year + 1, 1, 1) - mjdFromCalendar(year, 1, 1);
  if (doy < 1 || doy > daysInYear) {
    throw new ParseError('TIME_INVALID', `epoch day of year ${doy} is outside 1..${daysInYear} for ${year}.`, at1('EPOCH', 21), dayText);
  }
  const fracDigits = em[2] ?? '';
  const fracSeconds = fracDigits === '' ? 0 : (Number(fracDigits) * 86400) / 10 ** fracDigits.length;
  const epoch = options.timeScales.fromUtcDaySeconds(mjdFromDayOfYear(year, doy), fracSeconds);

  const meanMotionDotRevPerDay2 = decimalField(f1(34, 43), at1('MEAN_MOTION_DOT', 34));
  const meanMotionDdotRevPerDay3 = parseImpliedExponent(f1(45, 52), 'MEAN_MOTION_DDOT', l1.line, 45);
  const bstarPerEarthRadii = parseImpliedExponent(f1(54, 61), 'BSTAR', l1.line, 54);
  const ephText = f1(63, 63).trim();
  if (ephText !== '' && !/^\d$/.test(ephText)) {
    throw new ParseError('FIELD_INVALID', `ephemeris type "${ephText}" must be a digit (0 for SGP4).`, at1('EPHEMERIS_TYPE', 63), ephText);
  }
  const ephemerisType = ephText === '' ? 0 : Number(ephText);
  const elementSetNo = intField(f1(65, 68), at1('ELEMENT_SET_NO', 65), true);

  const inclinationDeg = decimalField(f2(9, 16), at2('INCLINATION', 9));
  if (!(inclinationDeg >= 0 && inclinationDeg <= 180)) {
    throw new ParseError('ELEMENTS_INVALID', `inclination ${inclinationDeg}° must be in [0, 180].`, at2('INCLINATION', 9), inclinationDeg);
  }
  const raanDeg = decimalField(f2(18, 25), at2('RA_OF_ASC_NODE', 18));
  const eccText = f2(27, 33);
  if (eccText.trim() === '' || !/^\d{7}$/.test(eccText.replace(/ /g, '0'))) {
    throw new ParseError('FIELD_INVALID', `eccentricity "${eccText}" must be 7 digits with an implied leading decimal point.`, at2('ECCENTRICITY', 27), eccText);
  }
  const eccentricity = wideEcc ?? Number(`0.${eccText.replace(/ /g, '0')}`);
  const argOfPericenterDeg = decimalField(f2(35, 42), at2('ARG_OF_PERICENTER', 35));
  const meanAnomalyDeg = decimalField(f2(44, 51), at2('MEAN_ANOMALY', 44));
  const meanMotionRevPerDay = decimalField(f2(53, 63), at2('MEAN_MOTION', 53));
  if (!(meanMotionRevPerDay > 0)) {
    throw new ParseError('ELEMENTS_INVALID', `mean motion ${meanMotionRevPerDay} rev/day must be positive.`, at2('MEAN_MOTION', 53), meanMotionRevPerDay);
  }
  const revAtEpoch = intField(f2(64, 68), at2('REV_AT_EPOCH', 64), true);

  const bad = elementSetViolation({ epoch, meanMotionRevPerDay, bstarPerEarthRadii }, options.timeScales);
  if (bad !== undefined) {
    const where = bad.field === 'MEAN_MOTION' ? at2('MEAN_MOTION', 53) : bad.field === 'BSTAR' ? at1('BSTAR', 54) : at1('EPOCH', 19);
    throw new ParseError(bad.code, bad.reason, where, bad.value);
  }

  let objectName: string | undefined;
  if (title) {
    const t = title.text.replace(/^0 /, '').trim();
    if (t !== '') objectName = t;
  }
  return {
    catalogNumber: cat1,
    ...(objectName !== undefined ? { objectName } : {}),
    ...(objectId !== undefined ? { objectId } : {}),
    objectType: objectTypeFromName(objectName),
    classification,
    epoch,
    meanMotionRevPerDay,
    eccentricity,
    inclinationDeg,
    raanDeg,
    argOfPericenterDeg,
    meanAnomalyDeg,
    bstarPerEarthRadii,
    meanMotionDotRevPerDay2,
    meanMotionDdotRevPerDay3,
    ephemerisType,
    elementSetNo,
    revAtEpoch,
    source: { format: 'tle', ...(options.sourceName !== undefined ? { name: options.sourceName } : {}), line: title?.line ?? l1.line },
  };
}

function sumDigits(s: string): number {
  let sum = 0;
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') sum += ch.charCodeAt(0) - 48;
    else if (ch === '-') sum += 1;
  }
  return sum % 10;
}

function catalogField(text: string, where: { line: number; column: number; field: string }): number {
  try {
    return checkCatalogNumber(decodeAlpha5(text), where.field, where.line);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    if (e instanceof SkylaneError) throw new ParseError(e.code, e.message, where, text);
    throw e;
  }
}

function decimalField(text: string, where: { line: number; column: number; field: string }): number {
  const t = text.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(t)) {
    throw new ParseError('FIELD_INVALID', `"${t}" in columns ${where.column}-… is not a decimal number.`, where, t);
  }
  return Number(t);
}

function intField(text: string, where: { line: number; column: number; field: string }, blankIsZero: boolean): number {
  const t = text.trim();
  if (t === '' && blankIsZero) return 0;
  if (!/^\d+$/.test(t)) throw new ParseError('FIELD_INVALID', `"${t}" is not a non-negative integer.`, where, t);
  return Number(t);
}

function intlDesignator(text: string, line: number, warnings: ReadWarning[]): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d\d)(\d{3})([A-Z]{1,3})$/.exec(t);
  if (!m) {
    // Some producers write non-COSPAR text here (analyst objects): keep the set, drop the designator.
    warnings.push({ code: 'FIELD_IGNORED', line, field: 'OBJECT_ID', message: `international designator "${t}" is not yynnnppp (e.g. 98067A); ignored.` });
    return undefined;
  }
  const y2 = Number(m[1]);
  return `${y2 < 57 ? 2000 + y2 : 1900 + y2}-${m[2]}${m[3]}`;
}

/**
 * The meaningful lines of a TLE text one at a time (blank lines and `#` comments skipped, trailing whitespace
 * removed with a warning on TLE lines), split at LF, CRLF or CR like `splitLines`.
 */
function tleLines(text: string, warnings: ReadWarning[]): { next(): LineText | undefined } {
  const eol = /\r\n|\r|\n/g;
  let pos = 0;
  let lineNo = 0;
  return {
    next(): LineText | undefined {
      while (pos <= text.length) {
        eol.lastIndex = pos;
        const m = eol.exec(text);
        const end = m === null ? text.length : m.index;
        const r = text.slice(pos, end);
        pos = m === null ? text.length + 1 : end + m[0].length;
        lineNo++;
        const t = r.trimEnd();
        if (t === '' || t.startsWith('#')) continue;
        if (t.length !== r.length && /^[12] /.test(t)) {
          // Whitespace after a TLE line: harmless unless it hid a missing checksum (reported separately).
          warnings.push({ code: 'TRAILING_WHITESPACE', line: lineNo, message: 'trailing whitespace after the TLE line removed.' });
        }
        return { text: t, line: lineNo };
      }
      return undefined;
    },
  };
}

/**
 * Reads every TLE in a text (2-line or 3-line, mixed). One bad set never sinks the file: each is reported as a
 * RecordFailure with its line, column and field.
 */
export function readTle(text: string, options: ReadElementSetOptions): ReadElementSetsResult {
  const elementSets: ElementSet[] = [];
  const failures = recordList<RecordFailure>(options.maxFailures);
  const warnings = recordList<ReadWarning>(options.maxWarnings);
  if (/\r/.test(text)) warnings.push({ code: 'CRLF_LINE_ENDINGS', line: 1, message: 'the input has CR or CRLF line ends; read as LF.' });
  // Lines are read one at a time (no array of every line): a file of millions of bad lines costs bounded memory.
  const lines = tleLines(text, warnings);
  let title: LineText | undefined;
  const orphan = (l: LineText, reason: string): void => {
    failures.push({ line: l.line, field: 'line', code: 'PARSE_ERROR', reason: `line ${l.line}: ${reason}`, raw: l.text.slice(0, 200) });
  };
  let l = lines.next();
  while (l !== undefined) {
    if (/^1 /.test(l.text)) {
      const next = lines.next();
      if (next && /^2 /.test(next.text)) {
        const t = title;
        const l1 = l;
        const set = collectRecord(() => parseTle(l1, next, t, options, warnings), t?.line ?? l1.line, `${l1.text}\n${next.text}`, failures);
        if (set) elementSets.push(set);
        l = lines.next();
      } else {
        failures.push({ line: l.line, field: 'line2', code: 'FIELD_MISSING', reason: `line ${l.line}: TLE line 1 is not followed by its line 2.`, raw: l.text.slice(0, 200) });
        l = next;
      }
      title = undefined;
      continue;
    }
    if (/^2 /.test(l.text)) {
      if (title) orphan(title, 'this title line is not followed by a TLE line 1.');
      failures.push({ line: l.line, field: 'line1', code: 'FIELD_MISSING', reason: `line ${l.line}: TLE line 2 has no line 1 before it.`, raw: l.text.slice(0, 200) });
      title = undefined;
    } else {
      if (title) orphan(title, 'this line is neither a TLE line nor a title followed by one.');
      title = l;
    }
    l = lines.next();
  }
  if (title) orphan(title, 'this line is neither a TLE line nor a title followed by one.');
  return { elementSets, failures, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Writer

function fixed(v: number, width: number, decimals: number, field: string): string {
  const s = v.toFixed(decimals);
  if (s.length > width) throw new SkylaneError('ELEMENTS_INVALID', `${field} ${v} does not fit the TLE's ${width} columns.`, v);
  return s.padStart(width, ' ');
}

function angle(v: number, field: string): string {
  let a = v % 360;
  if (a < 0) a += 360;
  let s = a.toFixed(4);
  if (s === '360.0000') s = '0.0000';
  return fixed(Number(s), 8, 4, field);
}

/** Formats one element set as TLE lines ([title,] line 1, line 2). Throws typed SkylaneErrors for what a TLE cannot hold. */
export function formatTle(s: ElementSet, options: WriteElementSetOptions, index = 0): string[] {
  assertWritable(s, index);
  const cat = encodeAlpha5(s.catalogNumber);
  if (s.ephemerisType > 9) throw new SkylaneError('ELEMENTS_INVALID', `ephemeris type ${s.ephemerisType} does not fit TLE column 63 (0-9).`, s.ephemerisType);
  if (s.elementSetNo > 9999) throw new SkylaneError('ELEMENTS_INVALID', `element set number ${s.elementSetNo} does not fit TLE columns 65-68 (0-9999).`, s.elementSetNo);

  let intl = '        ';
  const m = s.objectId !== undefined ? /^(\d{4})-(\d{3})([A-Z]{1,3})$/.exec(s.objectId) : null;
  if (m && Number(m[1]) >= 1957 && Number(m[1]) <= 2056) intl = `${m[1]!.slice(2)}${m[2]}${m[3]!.padEnd(3, ' ')}`;

  // Epoch: UTC day of year and the fraction of an 86400 s day to 8 decimals (column width).
  const u = options.timeScales.toUtcDaySeconds(s.epoch);
  let mjd = u.mjd;
  let units = Math.round((u.seconds / 86400) * 1e8);
  if (units >= 1e8) {
    units -= 1e8;
    mjd += 1;
  }
  const year = calendarFromMjd(mjd).year;
  if (year < 1957 || year > 2056) {
    throw new SkylaneError('TIME_OUT_OF_RANGE', `epoch year ${year} cannot be written in a TLE (two-digit years cover 1957-2056); write OMM instead.`, year);
  }
  const doy = mjd - mjdFromCalendar(year, 1, 1) + 1;
  const epoch = `${String(year % 100).padStart(2, '0')}${String(doy).padStart(3, '0')}.${String(units).padStart(8, '0')}`;

  const ndotUnits = Math.round(Math.abs(s.meanMotionDotRevPerDay2) * 1e8);
  if (ndotUnits >= 1e8) throw new SkylaneError('ELEMENTS_INVALID', `mean motion dot ${s.meanMotionDotRevPerDay2} rev/day² does not fit TLE columns 34-43 (|value| < 1).`, s.meanMotionDotRevPerDay2);
  const ndot = `${s.meanMotionDotRevPerDay2 < 0 && ndotUnits > 0 ? '-' : ' '}.${String(ndotUnits).padStart(8, '0')}`;

  const eccUnits = Math.round(s.eccentricity * 1e7);
  if (eccUnits >= 1e7) throw new SkylaneError('ELEMENTS_INVALID', `eccentricity ${s.eccentricity} rounds to 1 in the TLE's 7 digits.`, s.eccentricity);

  const body1 =
    `1 ${cat}${s.classification} ${intl} ${epoch} ${ndot} ${formatImpliedExponent(s.meanMotionDdotRevPerDay3, 'mean motion ddot')} ` +
    `${formatImpliedExponent(s.bstarPerEarthRadii, 'B*')} ${s.ephemerisType} ${String(s.elementSetNo).padStart(4, ' ')}`;
  const body2 =
    `2 ${cat} ${fixed(s.inclinationDeg, 8, 4, 'inclination')} ${angle(s.raanDeg, 'RAAN')} ${String(eccUnits).padStart(7, '0')} ` +
    `${angle(s.argOfPericenterDeg, 'argument of perigee')} ${angle(s.meanAnomalyDeg, 'mean anomaly')} ` +
    `${fixed(s.meanMotionRevPerDay, 11, 8, 'mean motion')}${String(s.revAtEpoch % 100000).padStart(5, ' ')}`;
  const line1 = body1 + String(tleChecksum(body1));
  const line2 = body2 + String(tleChecksum(body2));
  const out: string[] = [];
  if ((options.tleTitleLines ?? true) && s.objectName !== undefined) {
    // A name that would read as a TLE line, a "0 " prefix or a comment gets the explicit "0 " title prefix.
    const name = s.objectName.replace(/[\r\n]+/g, ' ');
    out.push(/^([012] |#)/.test(name) ? `0 ${name}` : name);
  }
  out.push(line1, line2);
  return out;
}

/** Writes element sets as TLEs (LF line ends, one trailing newline). */
export function writeTle(sets: readonly ElementSet[], options: WriteElementSetOptions): string {
  return sets.flatMap((s, i) => formatTle(s, options, i)).join('\n') + (sets.length > 0 ? '\n' : '');
}
