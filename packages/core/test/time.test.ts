import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTimeScales, Instant, mjdFromCalendar, calendarFromMjd, IERS_LEAP_SECONDS } from '../src/time/index.ts';
import { TimeError } from '../src/errors/index.ts';

const ts = createTimeScales();

describe('calendar (proleptic Gregorian, checked against published MJDs)', () => {
  it('known MJDs: 1858-11-17 is 0, J2000 day is 51544, 1957-10-04 (Sputnik) is 36115', () => {
    expect(mjdFromCalendar(1858, 11, 17)).toBe(0);
    expect(mjdFromCalendar(2000, 1, 1)).toBe(51544);
    expect(mjdFromCalendar(1957, 10, 4)).toBe(36115);
    expect(mjdFromCalendar(1970, 1, 1)).toBe(40587);
  });
  it('round-trips every day from year 1600 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: mjdFromCalendar(1600, 1, 1), max: mjdFromCalendar(2400, 1, 1) }), (mjd) => {
        const c = calendarFromMjd(mjd);
        return mjdFromCalendar(c.year, c.month, c.day) === mjd;
      }),
    );
  });
});

describe('UTC ↔ TAI with the IERS leap-second table', () => {
  it('TAI−UTC is 37 s in 2026, 32 s in 2004, 10 s in 1972 (IERS Bulletin C)', () => {
    expect(ts.taiMinusUtc(ts.parseUtcIso('2026-03-10T00:00:00Z'))).toBe(37);
    expect(ts.taiMinusUtc(ts.parseUtcIso('2004-04-06T07:51:28.386009Z'))).toBe(32);
    expect(ts.taiMinusUtc(ts.parseUtcIso('1972-01-01T00:00:00Z'))).toBe(10);
  });
  it('the 2016-12-31 leap second: 23:59:60.5 exists, is one second long and formats back', () => {
    const before = ts.parseUtcIso('2016-12-31T23:59:59.5Z');
    const leap = ts.parseUtcIso('2016-12-31T23:59:60.5Z');
    const after = ts.parseUtcIso('2017-01-01T00:00:00.5Z');
    expect(leap.secondsSince(before)).toBeCloseTo(1, 9);
    expect(after.secondsSince(leap)).toBeCloseTo(1, 9);
    expect(ts.formatUtcIso(leap, 3)).toBe('2016-12-31T23:59:60.500Z');
    expect(ts.formatUtcIso(after, 3)).toBe('2017-01-01T00:00:00.500Z');
  });
  it('refuses :60 on a day without a leap second', () => {
    expect(() => ts.parseUtcIso('2026-03-10T23:59:60Z')).toThrow(TimeError);
  });
  it('rubber-second era (1961-1971): TAI−UTC follows the USNO drift formula', () => {
    // 1965-01-01: 3.5401300 + (38761 - 38761) * 0.001296
    expect(ts.taiMinusUtc(ts.parseUtcIso('1965-01-01T00:00:00Z'))).toBeCloseTo(3.54013, 6);
    // 1968-03-01 (MJD 39916): 4.2131700 + (39916 - 39126) * 0.002592 = 6.26085
    expect(ts.taiMinusUtc(ts.parseUtcIso('1968-03-01T00:00:00Z'))).toBeCloseTo(6.26085, 5);
  });
  it('ISO round trip to the microsecond, before and after 1970 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: mjdFromCalendar(1950, 1, 1), max: mjdFromCalendar(2100, 1, 1) }),
        fc.integer({ min: 0, max: 86_399_999_999 }),
        (mjd, micros) => {
          const t = ts.fromUtcDaySeconds(mjd, micros / 1e6);
          const text = ts.formatUtcIso(t, 6);
          const back = ts.parseUtcIso(text);
          return Math.abs(back.secondsSince(t)) < 1e-9 && ts.formatUtcIso(back, 6) === text;
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('parses the CCSDS day-of-year form and keeps nanoseconds', () => {
    const a = ts.parseUtcIso('2026-069T12:00:00.000000001');
    expect(ts.formatUtcIso(a, 9)).toBe('2026-03-10T12:00:00.000000001Z');
  });
  it('Julian dates: J2000.0 TT is 2451545.0; UTC JD two parts round-trip', () => {
    const j2000 = ts.parseUtcIso('2000-01-01T11:58:55.816Z');
    const tt = j2000.ttJulianDate();
    expect(tt.jd1 + tt.jd2).toBeCloseTo(2451545.0, 9);
    const jd = ts.utcJulianDate(j2000);
    expect(ts.fromUtcJulianDate(jd.jd1, jd.jd2).secondsSince(j2000)).toBeCloseTo(0, 6);
  });
  it('rejects malformed times with a TimeError that names the expected form', () => {
    for (const bad of ['2026-13-01T00:00:00Z', '2026-02-30', 'yesterday', '2026-03-10T25:00:00Z', '2026-03-10T12:00:00+02:00']) {
      expect(() => ts.parseUtcIso(bad)).toThrow(TimeError);
    }
  });
  it('Instant arithmetic keeps sub-nanosecond resolution over centuries', () => {
    const a = Instant.fromTai(-50000, 0.5);
    const b = a.plusSeconds(1e-10);
    expect(b.secondsSince(a)).toBeCloseTo(1e-10, 15);
    expect(IERS_LEAP_SECONDS.entries.length).toBeGreaterThan(30);
  });
});
