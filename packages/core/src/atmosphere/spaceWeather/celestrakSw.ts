/**
 * Reader for CelesTrak's space-weather file (CSSI format, `SW-All.txt` / `SW-Last5Years.txt`, version 1.2).
 *
 * Format (https://celestrak.org/SpaceData/SpaceWx-format.php), one UTC day per line, fixed columns
 * FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1): year, month, day, Bartels solar rotation number and
 * day, eight 3-hourly Kp (×10), Kp sum, eight 3-hourly ap, daily Ap, Cp, C9, international sunspot number, adjusted
 * (1 AU) F10.7 and its data-quality flag, adjusted 81-day centred and last-81-day means, observed F10.7 and its
 * centred and last 81-day means. Sections: `BEGIN OBSERVED` … `END OBSERVED`, `BEGIN DAILY_PREDICTED` …,
 * `BEGIN MONTHLY_PREDICTED` … (monthly rows carry only the sunspot number and the F10.7 columns).
 *
 * Pure: parses a string; the caller passes a `source` name (file name) used in every error. A gap or a repeated day
 * inside the observed or daily-predicted record is a `SpaceWeatherError` naming the source, line and date.
 */
import { ParseError } from '../../errors/index.ts';
import { calendarFromMjd, mjdFromCalendar } from '../../time/calendar.ts';

/** A rejected line of a space-weather file: carries the file name, the line and (when known) the UTC date. */
export class SpaceWeatherError extends ParseError {
  override readonly name: string = 'SpaceWeatherError';
  /** The file (source name) the line came from. */
  readonly source: string;
  /** The UTC date of the offending record (YYYY-MM-DD), when known. */
  readonly date: string | undefined;
  constructor(source: string, line: number, field: string, message: string, date?: string, value?: unknown) {
    super('PARSE_ERROR', `${source}: ${message}`, { line, field }, value);
    this.source = source;
    this.date = date;
  }
}

/** Which part of the file a record comes from. */
export type SpaceWeatherSection = 'observed' | 'daily-predicted' | 'monthly-predicted';

/** One row of the file. Kp values are real Kp (the file's tenths divided by 10). */
export interface SpaceWeatherDay {
  /** UTC modified Julian day of the row's date (00:00 UTC). */
  readonly mjd: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly section: SpaceWeatherSection;
  /** 1-based line in the file. */
  readonly line: number;
  /** Eight 3-hourly Kp (00-03 h … 21-24 h UTC); undefined on monthly rows. */
  readonly kp: readonly number[] | undefined;
  /** Eight 3-hourly ap; undefined on monthly rows. */
  readonly ap: readonly number[] | undefined;
  /** Daily Ap (mean of the eight ap); undefined on monthly rows. */
  readonly apDaily: number | undefined;
  /** Adjusted (to 1 AU) F10.7, solar flux units. */
  readonly f107Adjusted: number;
  readonly f107AdjustedCentred81: number;
  readonly f107AdjustedLast81: number;
  /** Observed F10.7 (as measured at Penticton/Ottawa), solar flux units. */
  readonly f107Observed: number;
  readonly f107ObservedCentred81: number;
  readonly f107ObservedLast81: number;
}

/** A parsed file: the daily rows (observed then daily predicted, contiguous) and the monthly predictions. */
export interface CelestrakSpaceWeather {
  readonly source: string;
  /** Observed followed by daily-predicted rows, one per consecutive UTC day. */
  readonly daily: readonly SpaceWeatherDay[];
  readonly monthly: readonly SpaceWeatherDay[];
  readonly firstMjd: number;
  readonly lastObservedMjd: number;
  /** Last day of the daily-predicted section (= lastObservedMjd when there is none). */
  readonly lastDailyMjd: number;
}

function isoDate(mjd: number): string {
  const c = calendarFromMjd(mjd);
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

interface Field {
  readonly name: string;
  readonly start: number;
  readonly width: number;
}

const F = (name: string, start: number, width: number): Field => ({ name, start, width });
const YEAR = F('year', 0, 4);
const MONTH = F('month', 4, 3);
const DAY = F('day', 7, 3);
const KP = Array.from({ length: 8 }, (_, i) => F(`Kp${i + 1}`, 18 + 3 * i, 3));
const AP = Array.from({ length: 8 }, (_, i) => F(`ap${i + 1}`, 46 + 4 * i, 4));
const AP_AVG = F('Ap', 78, 4);
const F107_ADJ = F('F10.7 adjusted', 92, 6);
const ADJ_CTR81 = F('Ctr81 adjusted', 100, 6);
const ADJ_LST81 = F('Lst81 adjusted', 106, 6);
const F107_OBS = F('F10.7 observed', 112, 6);
const OBS_CTR81 = F('Ctr81 observed', 118, 6);
const OBS_LST81 = F('Lst81 observed', 124, 6);

/**
 * Parses a CelesTrak space-weather file. Lines outside the BEGIN/END sections (header, comments, counts) are ignored.
 * Every observed and daily-predicted row must follow the previous one by exactly one day.
 */
export function parseCelestrakSpaceWeather(text: string, source: string): CelestrakSpaceWeather {
  const lines = text.split(/\r?\n/);
  const daily: SpaceWeatherDay[] = [];
  const monthly: SpaceWeatherDay[] = [];
  let section: SpaceWeatherSection | undefined;
  let lastObservedMjd = Number.NaN;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const t = raw.trim();
    if (t.startsWith('BEGIN ')) {
      const name = t.slice(6).trim();
      section =
        name === 'OBSERVED' ? 'observed' : name === 'DAILY_PREDICTED' ? 'daily-predicted' : name === 'MONTHLY_PREDICTED' ? 'monthly-predicted' : undefined;
      continue;
    }
    if (t.startsWith('END ')) {
      section = undefined;
      continue;
    }
    if (section === undefined || t === '' || t.startsWith('#')) continue;

    const num = (f: Field, required: boolean, date?: string): number | undefined => {
      const s = raw.slice(f.start, f.start + f.width).trim();
      if (s === '') {
        if (required) throw new SpaceWeatherError(source, lineNo, f.name, `missing ${f.name}${date !== undefined ? ` on ${date}` : ''}.`, date, raw);
        return undefined;
      }
      const v = Number(s);
      if (!Number.isFinite(v)) {
        throw new SpaceWeatherError(source, lineNo, f.name, `${f.name} "${s}" is not a number${date !== undefined ? ` on ${date}` : ''}.`, date, s);
      }
      return v;
    };
    const year = num(YEAR, true)!;
    const month = num(MONTH, true)!;
    const day = num(DAY, true)!;
    if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 31) {
      throw new SpaceWeatherError(source, lineNo, 'date', `invalid date ${year}-${month}-${day}.`, undefined, raw);
    }
    const mjd = mjdFromCalendar(year, month, day);
    const date = isoDate(mjd);
    if (date !== `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`) {
      throw new SpaceWeatherError(source, lineNo, 'date', `invalid date ${year}-${month}-${day}.`, undefined, raw);
    }
    const isMonthly = section === 'monthly-predicted';
    const kp = isMonthly ? undefined : KP.map((f) => num(f, true, date)! / 10);
    const ap = isMonthly ? undefined : AP.map((f) => num(f, true, date)!);
    const apDaily = isMonthly ? undefined : num(AP_AVG, true, date)!;
    const rec: SpaceWeatherDay = {
      mjd,
      date,
      section,
      line: lineNo,
      kp,
      ap,
      apDaily,
      f107Adjusted: num(F107_ADJ, true, date)!,
      f107AdjustedCentred81: num(ADJ_CTR81, true, date)!,
      f107AdjustedLast81: num(ADJ_LST81, true, date)!,
      f107Observed: num(F107_OBS, true, date)!,
      f107ObservedCentred81: num(OBS_CTR81, true, date)!,
      f107ObservedLast81: num(OBS_LST81, true, date)!,
    };
    if (isMonthly) {
      const prev = monthly[monthly.length - 1];
      if (prev !== undefined && mjd <= prev.mjd) {
        throw new SpaceWeatherError(source, lineNo, 'date', `monthly prediction ${date} does not follow ${prev.date} (line ${prev.line}).`, date);
      }
      monthly.push(rec);
      continue;
    }
    const prev = daily[daily.length - 1];
    if (prev !== undefined && mjd !== prev.mjd + 1) {
      const what = mjd <= prev.mjd ? 'repeats or goes back before' : `leaves a gap of ${mjd - prev.mjd - 1} day(s) after`;
      throw new SpaceWeatherError(
        source,
        lineNo,
        'date',
        `gap in the ${section} record: ${date} ${what} ${prev.date} (line ${prev.line}); use a complete file (CelesTrak SW-All.txt).`,
        date,
      );
    }
    if (section === 'observed') {
      if (daily.length > 0 && prev!.section !== 'observed') {
        throw new SpaceWeatherError(source, lineNo, 'date', `observed row ${date} after the daily predictions.`, date);
      }
      lastObservedMjd = mjd;
    }
    daily.push(rec);
  }
  const first = daily[0];
  if (first === undefined || first.section !== 'observed') {
    throw new SpaceWeatherError(source, 1, 'OBSERVED', 'no observed rows (BEGIN OBSERVED … END OBSERVED): is this a CelesTrak SW file?');
  }
  return {
    source,
    daily,
    monthly,
    firstMjd: first.mjd,
    lastObservedMjd,
    lastDailyMjd: daily[daily.length - 1]!.mjd,
  };
}
