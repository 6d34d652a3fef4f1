/**
 * TAI−UTC table (leap seconds), bundled as data with provenance.
 *
 * Source: IERS Earth Orientation Centre, Bulletin C (leap seconds 1972–2017) and the USNO file `tai-utc.dat`
 * for the 1961–1971 "rubber second" era, where TAI−UTC = offset + (MJD − mjdRef) · rate seconds.
 * Bulletins C 55 to 71 announced no new leap second, so TAI−UTC = 37 s from 2017-01-01 through at least
 * 2026-06-30; `validUntilMjd` marks the end of what the table can vouch for (callers may warn past it).
 *
 * The table is plain data: pass it to `createTimeScales()`; nothing in the core reads it from a global.
 */

/** One row: from UTC MJD `mjd` (00:00 UTC of that day) on, TAI−UTC = offsetS + (MJD − mjdRef)·rateSPerDay. */
export interface LeapSecondEntry {
  readonly mjd: number;
  readonly offsetS: number;
  readonly mjdRef: number;
  readonly rateSPerDay: number;
}

export interface LeapSecondTable {
  readonly entries: readonly LeapSecondEntry[];
  /** Last UTC MJD for which the source guarantees no further leap second. */
  readonly validUntilMjd: number;
  /** Where the numbers come from. */
  readonly provenance: string;
}

const rubber = (mjd: number, offsetS: number, mjdRef: number, rateSPerDay: number): LeapSecondEntry => ({ mjd, offsetS, mjdRef, rateSPerDay });
const step = (mjd: number, offsetS: number): LeapSecondEntry => ({ mjd, offsetS, mjdRef: 0, rateSPerDay: 0 });

/** IERS/USNO TAI−UTC, 1961-01-01 to the latest Bulletin C. */
export const IERS_LEAP_SECONDS: LeapSecondTable = {
  provenance:
    'IERS Bulletin C (1972-2017 leap seconds; C 55-71 announce none after 2017-01-01) and USNO tai-utc.dat (1961-1971 drift terms)',
  validUntilMjd: 61402, // 2026-12-28, the expiry of the IERS file that follows Bulletin C 71
  entries: [
    rubber(37300, 1.422818, 37300, 0.001296),
    rubber(37512, 1.372818, 37300, 0.001296),
    rubber(37665, 1.845858, 37665, 0.0011232),
    rubber(38334, 1.945858, 37665, 0.0011232),
    rubber(38395, 3.24013, 38761, 0.001296),
    rubber(38486, 3.34013, 38761, 0.001296),
    rubber(38639, 3.44013, 38761, 0.001296),
    rubber(38761, 3.54013, 38761, 0.001296),
    rubber(38820, 3.64013, 38761, 0.001296),
    rubber(38942, 3.74013, 38761, 0.001296),
    rubber(39004, 3.84013, 38761, 0.001296),
    rubber(39126, 4.31317, 39126, 0.002592),
    rubber(39887, 4.21317, 39126, 0.002592),
    step(41317, 10), // 1972-01-01
    step(41499, 11), // 1972-07-01
    step(41683, 12), // 1973-01-01
    step(42048, 13), // 1974-01-01
    step(42413, 14), // 1975-01-01
    step(42778, 15), // 1976-01-01
    step(43144, 16), // 1977-01-01
    step(43509, 17), // 1978-01-01
    step(43874, 18), // 1979-01-01
    step(44239, 19), // 1980-01-01
    step(44786, 20), // 1981-07-01
    step(45151, 21), // 1982-07-01
    step(45516, 22), // 1983-07-01
    step(46247, 23), // 1985-07-01
    step(47161, 24), // 1988-01-01
    step(47892, 25), // 1990-01-01
    step(48257, 26), // 1991-01-01
    step(48804, 27), // 1992-07-01
    step(49169, 28), // 1993-07-01
    step(49534, 29), // 1994-07-01
    step(50083, 30), // 1996-01-01
    step(50630, 31), // 1997-07-01
    step(51179, 32), // 1999-01-01
    step(53736, 33), // 2006-01-01
    step(54832, 34), // 2009-01-01
    step(56109, 35), // 2012-07-01
    step(57204, 36), // 2015-07-01
    step(57754, 37), // 2017-01-01
  ],
};

/**
 * TAI−UTC in seconds at a UTC instant given as MJD (integer day + fraction of that UTC day).
 * Before 1961-01-01 UTC did not exist; the 1961 value is extrapolated with its drift term and so
 * stays continuous (documented in docs/conventions.md).
 */
export function taiMinusUtcAt(table: LeapSecondTable, utcMjdDay: number, utcDayFraction = 0): number {
  const entries = table.entries;
  let lo = 0;
  let hi = entries.length - 1;
  if (utcMjdDay < entries[0]!.mjd) {
    const e = entries[0]!;
    return e.offsetS + (utcMjdDay + utcDayFraction - e.mjdRef) * e.rateSPerDay;
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (entries[mid]!.mjd <= utcMjdDay) lo = mid;
    else hi = mid - 1;
  }
  const e = entries[lo]!;
  return e.offsetS + (utcMjdDay + utcDayFraction - e.mjdRef) * e.rateSPerDay;
}

/** Length of the UTC day starting at integer MJD `utcMjdDay`, in SI seconds (86401 on a leap-second day). */
export function utcDayLengthS(table: LeapSecondTable, utcMjdDay: number): number {
  const thisDay = taiMinusUtcAt(table, utcMjdDay, 0);
  const nextDay = taiMinusUtcAt(table, utcMjdDay + 1, 0);
  // In the drift era both terms change smoothly; only whole-second steps make a 86401-s day.
  const stepS = nextDay - taiMinusUtcAt(table, utcMjdDay, 1);
  return 86400 + (Math.abs(stepS) > 1e-9 && thisDay >= 10 ? stepS : 0);
}
