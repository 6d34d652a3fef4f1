/** Proleptic Gregorian calendar ↔ Modified Julian Day number, exact integer arithmetic for any year (before 1970 too). */

/** MJD of 1970-01-01. */
export const MJD_UNIX_EPOCH = 40587;
/** JD − MJD. */
export const MJD_OFFSET = 2400000.5;
/** MJD of J2000.0 (2000-01-01T12:00:00 TT is MJD 51544.5). */
export const MJD_J2000 = 51544.5;

/** Days from 1970-01-01 of a civil date (H. Hinnant's days_from_civil algorithm, public domain description). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Integer MJD of a Gregorian calendar date. */
export function mjdFromCalendar(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) + MJD_UNIX_EPOCH;
}

/** Gregorian calendar date of an integer MJD. */
export function calendarFromMjd(mjd: number): { year: number; month: number; day: number } {
  const z = mjd - MJD_UNIX_EPOCH + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? y + 1 : y, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Integer MJD of day-of-year `doy` (1-based) of `year`. */
export function mjdFromDayOfYear(year: number, doy: number): number {
  return mjdFromCalendar(year, 1, 1) + doy - 1;
}
