/**
 * Time scales: conversions between the scale-free `Instant` (TAI inside) and UTC, TT and UT1 calendar
 * or Julian-date forms, using a leap-second table and optional EOP passed in as data.
 *
 * UTC conventions: a UTC day that holds a leap second has 86401 s and its last second prints as 23:59:60.
 * UTC Julian dates follow SOFA (iauUtctai): the fraction is seconds-of-day / 86400 except on a leap day.
 */
import { TimeError } from '../errors/index.ts';
import { SECONDS_PER_DAY } from '../units/index.ts';
import { calendarFromMjd, daysInMonth, mjdFromCalendar, mjdFromDayOfYear, MJD_OFFSET } from './calendar.ts';
import { ZERO_EOP, type EopProvider, type EopValues } from './eop.ts';
import { Instant } from './instant.ts';
import { IERS_LEAP_SECONDS, taiMinusUtcAt, type LeapSecondTable } from './leapSeconds.ts';

/** A UTC time as an integer MJD and seconds into that UTC day (up to 86401 on a leap-second day). */
export interface UtcDaySeconds {
  readonly mjd: number;
  readonly seconds: number;
}

/** Broken-down UTC calendar time. `second` may be 60.x inside a leap second. */
export interface UtcCalendar {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const ISO_RE =
  /^\s*([+-]?\d{4,6})-(?:(\d{2})-(\d{2})|(\d{3}))(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]00:?00)?\s*$/i;

export class TimeScales {
  readonly leapSeconds: LeapSecondTable;
  readonly eop: EopProvider;

  constructor(leapSeconds: LeapSecondTable, eop?: EopProvider) {
    this.leapSeconds = leapSeconds;
    this.eop = eop ?? (() => ZERO_EOP);
  }

  /** TAI − UTC (s) at an instant. */
  taiMinusUtc(t: Instant): number {
    const u = this.toUtcDaySeconds(t);
    return taiMinusUtcAt(this.leapSeconds, u.mjd, Math.min(u.seconds, SECONDS_PER_DAY) / SECONDS_PER_DAY);
  }

  /** Instant from UTC MJD day and seconds of that day (seconds may reach 86401 on a leap-second day). */
  fromUtcDaySeconds(mjd: number, seconds: number): Instant {
    const dayFloor = Math.floor(mjd);
    const secs = seconds + (mjd - dayFloor) * SECONDS_PER_DAY;
    // Offset evaluated on the UTC day the time belongs to (for the drift era: at that moment).
    const carry = Math.floor(secs / SECONDS_PER_DAY);
    const inLeap = carry === 1 && secs - SECONDS_PER_DAY < this.leapSecondLengthOn(dayFloor);
    const day = inLeap ? dayFloor : dayFloor + carry;
    const sec = inLeap ? secs : secs - carry * SECONDS_PER_DAY;
    const off = taiMinusUtcAt(this.leapSeconds, day, Math.min(sec, SECONDS_PER_DAY) / SECONDS_PER_DAY);
    return Instant.fromTai(day, sec + off);
  }

  /** Whole seconds inserted at the end of UTC day `mjd` (0 or 1; negative never happened). */
  private leapSecondLengthOn(mjd: number): number {
    const end = taiMinusUtcAt(this.leapSeconds, mjd, 1);
    const next = taiMinusUtcAt(this.leapSeconds, mjd + 1, 0);
    const step = next - end;
    return step > 0.5 ? Math.round(step) : 0;
  }

  /** UTC MJD day and seconds of day of an instant; inside a leap second the seconds exceed 86400. */
  toUtcDaySeconds(t: Instant): UtcDaySeconds {
    let off = taiMinusUtcAt(this.leapSeconds, t.taiDay, t.taiSeconds / SECONDS_PER_DAY);
    let u = normalise(t.taiDay, t.taiSeconds - off);
    for (let i = 0; i < 3; i++) {
      const next = taiMinusUtcAt(this.leapSeconds, u.mjd, u.seconds / SECONDS_PER_DAY);
      if (Math.abs(next - off) < 1e-12) break;
      if (next - off > 0.5) {
        // The offset of the day we landed on is larger than the one used: this instant lies inside the
        // leap second at the end of the previous UTC day.
        const prev = normalise(t.taiDay, t.taiSeconds - off);
        return { mjd: prev.mjd - 1, seconds: prev.seconds + SECONDS_PER_DAY };
      }
      off = next;
      u = normalise(t.taiDay, t.taiSeconds - off);
    }
    return u;
  }

  /** Instant from UTC calendar fields. Validates ranges (second < 61 only on a leap-second day). */
  fromUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Instant {
    if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      throw new TimeError('TIME_INVALID', `Invalid calendar date ${year}-${month}-${day}: use a real Gregorian date.`, { year, month, day });
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || !(second >= 0) || second >= 61) {
      throw new TimeError('TIME_INVALID', `Invalid time of day ${hour}:${minute}:${second}: hours 0-23, minutes 0-59, seconds 0-60.999.`, {
        hour,
        minute,
        second,
      });
    }
    const mjd = mjdFromCalendar(year, month, day);
    if (second >= 60 && !(hour === 23 && minute === 59 && this.leapSecondLengthOn(mjd) > 0)) {
      throw new TimeError('TIME_INVALID', `Second ${second} is only valid at 23:59 on a day that ends with a leap second.`, second);
    }
    return this.fromUtcDaySeconds(mjd, hour * 3600 + minute * 60 + second);
  }

  /** UTC calendar fields of an instant. */
  toUtc(t: Instant): UtcCalendar {
    const u = this.toUtcDaySeconds(t);
    return splitDay(u.mjd, u.seconds);
  }

  /**
   * Parses ISO-8601 UTC: `YYYY-MM-DDThh:mm:ss[.ffffff][Z]`, the CCSDS day-of-year form `YYYY-DDDThh:mm:ss`,
   * a space instead of `T`, or a date alone. Fractions keep full precision (nanoseconds and finer).
   * A zone other than Z/+00:00 is refused: Skylane times are UTC.
   */
  parseUtcIso(text: string): Instant {
    const m = ISO_RE.exec(text);
    if (!m) {
      throw new TimeError(
        'TIME_INVALID',
        `Cannot read "${text}" as an ISO-8601 UTC time: use YYYY-MM-DDThh:mm:ss[.ffffff]Z (or YYYY-DDDThh:mm:ss).`,
        text,
      );
    }
    const year = Number(m[1]);
    const hour = m[5] !== undefined ? Number(m[5]) : 0;
    const minute = m[6] !== undefined ? Number(m[6]) : 0;
    const whole = m[7] !== undefined ? Number(m[7]) : 0;
    const frac = m[8] !== undefined ? Number(`0.${m[8]}`) : 0;
    if (m[4] !== undefined) {
      const doy = Number(m[4]);
      const daysInYear = mjdFromCalendar(year + 1, 1, 1) - mjdFromCalendar(year, 1, 1);
      if (doy < 1 || doy > daysInYear) throw new TimeError('TIME_INVALID', `Day of year ${doy} is outside 1-${daysInYear} in "${text}".`, text);
      const mjd = mjdFromDayOfYear(year, doy);
      const c = calendarFromMjd(mjd);
      return this.fromUtc(c.year, c.month, c.day, hour, minute, whole + frac);
    }
    return this.fromUtc(year, Number(m[2]), Number(m[3]), hour, minute, whole + frac);
  }

  /** ISO-8601 UTC with `Z` and `fractionDigits` decimals (0-9), rounded; leap seconds print as :60. */
  formatUtcIso(t: Instant, fractionDigits = 6): string {
    const digits = Math.max(0, Math.min(9, Math.floor(fractionDigits)));
    const u = this.toUtcDaySeconds(t);
    const scaleF = 10 ** digits;
    let units = Math.round(u.seconds * scaleF);
    let mjd = u.mjd;
    const dayUnits = (SECONDS_PER_DAY + this.leapSecondLengthOn(mjd)) * scaleF;
    if (units >= dayUnits) {
      units -= dayUnits;
      mjd += 1;
    }
    const whole = Math.floor(units / scaleF);
    const c = splitDay(mjd, whole);
    const fracText = digits > 0 ? '.' + String(units - whole * scaleF).padStart(digits, '0') : '';
    return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}T${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(Math.round(c.second), 2)}${fracText}Z`;
  }

  /** UTC Julian date in two parts {jd1: MJD + 2400000.5, jd2: fraction of the UTC day}. */
  utcJulianDate(t: Instant): { jd1: number; jd2: number } {
    const u = this.toUtcDaySeconds(t);
    const len = SECONDS_PER_DAY + this.leapSecondLengthOn(u.mjd);
    return { jd1: u.mjd + MJD_OFFSET, jd2: u.seconds / len };
  }

  /** Instant from a two-part UTC Julian date (the parts may be split any way). */
  fromUtcJulianDate(jd1: number, jd2: number): Instant {
    const mjdA = jd1 - MJD_OFFSET;
    const dayA = Math.floor(mjdA);
    const frac = mjdA - dayA + jd2;
    const dayB = Math.floor(frac);
    return this.fromUtcDaySeconds(dayA + dayB, (frac - dayB) * SECONDS_PER_DAY);
  }

  /** UT1 Julian date in two parts, UT1 = UTC + (UT1−UTC) from the EOP provider. */
  ut1JulianDate(t: Instant): { jd1: number; jd2: number } {
    const utc = this.utcJulianDate(t);
    const e = this.eop(utc.jd1 - MJD_OFFSET + utc.jd2);
    return { jd1: utc.jd1, jd2: utc.jd2 + e.dut1S / SECONDS_PER_DAY };
  }

  /** EOP values at an instant. */
  eopAt(t: Instant): EopValues {
    const utc = this.utcJulianDate(t);
    return this.eop(utc.jd1 - MJD_OFFSET + utc.jd2);
  }

  /** Seconds of UTC "clock" between two instants ignoring leap seconds (the convention SGP4's tsince uses). */
  utcClockSecondsBetween(from: Instant, to: Instant): number {
    const a = this.toUtcDaySeconds(from);
    const b = this.toUtcDaySeconds(to);
    return (b.mjd - a.mjd) * SECONDS_PER_DAY + (b.seconds - a.seconds);
  }

  /** The instant `seconds` of UTC clock after `from` (leap seconds not counted), inverse of utcClockSecondsBetween. */
  plusUtcClockSeconds(from: Instant, seconds: number): Instant {
    const a = this.toUtcDaySeconds(from);
    return this.fromUtcDaySeconds(a.mjd, a.seconds + seconds);
  }
}

/** TimeScales with the bundled IERS table and no EOP: the default for tools. */
export function createTimeScales(leapSeconds: LeapSecondTable = IERS_LEAP_SECONDS, eop?: EopProvider): TimeScales {
  return new TimeScales(leapSeconds, eop);
}

function normalise(day: number, seconds: number): UtcDaySeconds {
  const carry = Math.floor(seconds / SECONDS_PER_DAY);
  return { mjd: day + carry, seconds: seconds - carry * SECONDS_PER_DAY };
}

function splitDay(mjd: number, seconds: number): UtcCalendar {
  const c = calendarFromMjd(mjd);
  const s = Math.min(seconds, SECONDS_PER_DAY + 1);
  const hour = s >= SECONDS_PER_DAY ? 23 : Math.floor(s / 3600);
  const minute = s >= SECONDS_PER_DAY ? 59 : Math.floor((s - hour * 3600) / 60);
  const second = s - hour * 3600 - minute * 60;
  return { year: c.year, month: c.month, day: c.day, hour, minute, second };
}

function pad(n: number, width: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).padStart(width, '0');
}
