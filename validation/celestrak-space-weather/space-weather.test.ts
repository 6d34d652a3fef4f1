/**
 * CelesTrak space-weather file (SW-All, CSSI format 1.2; data credited to CelesTrak): reader, NRLMSISE-00 input
 * conventions (GMAT and Orekit), persistence after the observed record, the as-of (no look-ahead) mode and the gap
 * error. Expected numbers are read by hand from the file's text (columns per CelesTrak's format page).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  celestrakNrlmsiseInputs,
  parseCelestrakSpaceWeather,
  SpaceWeatherError,
  type NrlmsiseSpaceWeather,
} from '../../packages/core/src/atmosphere/index.ts';
import { mjdFromCalendar } from '../../packages/core/src/time/calendar.ts';
import { SkylaneError } from '../../packages/core/src/errors/index.ts';

const FILE = 'SW-window-2026.txt';
const text = readFileSync(join(__dirname, FILE), 'utf8');
const sw = parseCelestrakSpaceWeather(text, FILE);
const at = (y: number, m: number, d: number, hours: number): { mjd: number; seconds: number } => ({
  mjd: mjdFromCalendar(y, m, d),
  seconds: hours * 3600,
});
const near = (a: number, b: number): void => {
  expect(Math.abs(a - b)).toBeLessThan(1e-9);
};
function expectInputs(got: NrlmsiseSpaceWeather, f107: number, avg: number, ap: number, hist?: number[]): void {
  near(got.f107Daily, f107);
  near(got.f107Average, avg);
  near(got.apDaily, ap);
  if (hist !== undefined) got.apHistory.forEach((v, i) => near(v, hist[i]!));
}

describe('CelesTrak SW reader', () => {
  it('reads the three sections of the 2026 window', () => {
    expect(sw.daily.filter((r) => r.section === 'observed')).toHaveLength(143);
    expect(sw.daily.filter((r) => r.section === 'daily-predicted')).toHaveLength(45);
    expect(sw.monthly).toHaveLength(24);
    expect(sw.lastObservedMjd).toBe(mjdFromCalendar(2026, 8, 21));
    expect(sw.lastDailyMjd).toBe(mjdFromCalendar(2026, 10, 5));
  });
  it('CelesTrak row 2026-08-21: Kp, ap, Ap and the six F10.7 columns', () => {
    const r = sw.daily[sw.lastObservedMjd - sw.firstMjd]!;
    expect(r.date).toBe('2026-08-21');
    expect(r.kp).toEqual([3.0, 2.3, 1.3, 1.0, 1.7, 0.7, 1.0, 1.7]);
    expect(r.ap).toEqual([15, 9, 5, 4, 6, 3, 4, 6]);
    expect(r.apDaily).toBe(6);
    expect([r.f107Adjusted, r.f107AdjustedCentred81, r.f107AdjustedLast81]).toEqual([128.5, 117.7, 135.3]);
    expect([r.f107Observed, r.f107ObservedCentred81, r.f107ObservedLast81]).toEqual([125.6, 115.1, 131.3]);
  });
  it('CelesTrak daily-predicted row without the quality flag and monthly row without Kp/ap', () => {
    const p = sw.daily[sw.lastObservedMjd - sw.firstMjd + 1]!;
    expect(p.section).toBe('daily-predicted');
    expect(p.ap).toEqual([3, 10, 10, 10, 10, 10, 10, 10]);
    expect(p.f107Observed).toBe(117.3);
    const m = sw.monthly[0]!;
    expect(m.date).toBe('2026-11-01');
    expect(m.ap).toBeUndefined();
    expect([m.f107Adjusted, m.f107AdjustedCentred81, m.f107Observed, m.f107ObservedCentred81]).toEqual([119.3, 116.8, 121.1, 118.4]);
  });
  const shared = join(__dirname, '../../../shared/data/propagation/celestrak-space-weather/SW-All.from2000.txt');
  it.skipIf(!existsSync(shared))('the whole CelesTrak file from 2000 (shared data) reads without a gap', () => {
    const all = parseCelestrakSpaceWeather(readFileSync(shared, 'utf8'), 'SW-All.from2000.txt');
    expect(all.daily.filter((r) => r.section === 'observed')).toHaveLength(9730);
    expect(all.daily[0]!.date).toBe('2000-01-01');
    expect(all.monthly).toHaveLength(180);
    // 2000-01-01: adjusted 125.6, Ctr81 adj 161.1; observed 129.9, Ctr81 obs 166.2; Ap 30.
    expect([all.daily[0]!.f107Adjusted, all.daily[0]!.f107AdjustedCentred81, all.daily[0]!.f107Observed, all.daily[0]!.apDaily]).toEqual([
      125.6, 161.1, 129.9, 30,
    ]);
  });
  it('a gap inside the observed record is a typed error naming the file, line and date', () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('2026 06 15'));
    lines.splice(i, 1);
    let err: unknown;
    try {
      parseCelestrakSpaceWeather(lines.join('\n'), 'SW-gap.txt');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpaceWeatherError);
    const e = err as SpaceWeatherError;
    expect(e.source).toBe('SW-gap.txt');
    expect(e.line).toBe(i + 1);
    expect(e.date).toBe('2026-06-16');
    expect(e.message).toContain('SW-gap.txt');
    expect(e.message).toContain('2026-06-14');
    expect(e.code).toBe('PARSE_ERROR');
  });
  it('a corrupt F10.7 field names the line and field', () => {
    const bad = text.replace('2026 08 10 2632  5 20  7 13 13  3  0  0 13  70   7   3   5   5   2   0   0   5   3 0.1 0  40  98.0', '2026 08 10 2632  5 20  7 13 13  3  0  0 13  70   7   3   5   5   2   0   0   5   3 0.1 0  40  9x.0');
    expect(() => parseCelestrakSpaceWeather(bad, 'SW-bad.txt')).toThrow(/SW-bad\.txt.*F10\.7 adjusted/);
  });
});

describe('NRLMSISE-00 inputs from the CelesTrak file', () => {
  const gmat = celestrakNrlmsiseInputs(sw);
  const orekit = celestrakNrlmsiseInputs(sw, { convention: 'orekit' });

  it('GMAT convention at 2026-08-21 12:00 UTC: observed F10.7 of 08-20, observed centred mean of 08-21, ap bins', () => {
    // ap of 08-19: 12 39 32 27 7 6 12 15; 08-20: 12 7 7 6 18 7 22 9; 08-21: 15 9 5 4 6 3 4 6. 12:00 is bin 4.
    const mean1 = (15 + 9 + 22 + 7 + 18 + 6 + 7 + 7) / 8;
    const mean2 = (12 + 15 + 12 + 6 + 7 + 27 + 32 + 39) / 8;
    expectInputs(gmat.nrlmsiseInputs(at(2026, 8, 21, 12)), 124.7, 115.1, 6, [6, 6, 4, 5, 9, mean1, mean2]);
  });
  it('GMAT convention before the 20:00 UTC measurement (06:00): the F10.7 day is the day before', () => {
    expectInputs(gmat.nrlmsiseInputs(at(2026, 8, 21, 6)), 126.1, 115.3, 6);
  });
  it('Orekit convention at 06:00: adjusted F10.7 of the UTC day before, adjusted centred mean of the day', () => {
    expectInputs(orekit.nrlmsiseInputs(at(2026, 8, 21, 6)), 127.7, 117.7, 6);
  });
  it('persistence 1: daily predictions after the last observed day', () => {
    expectInputs(gmat.nrlmsiseInputs(at(2026, 8, 23, 12)), 117.3, 114.9, 8);
  });
  it('persistence 2: between the daily and monthly predictions the last daily prediction is held', () => {
    expectInputs(gmat.nrlmsiseInputs(at(2026, 10, 20, 12)), 95.0, 113.9, 5);
  });
  it('persistence 3: monthly predictions (GMAT: month held; Ap held at the last daily prediction)', () => {
    expectInputs(gmat.nrlmsiseInputs(at(2026, 11, 15, 12)), 121.1, 118.4, 5, [5, 5, 5, 5, 5, 5, 5]);
  });
  it('persistence 3: monthly predictions (Orekit: linear in time between months)', () => {
    const got = orekit.nrlmsiseInputs(at(2026, 11, 16, 0));
    near(got.f107Daily, 119.3 + (14 / 30) * (117.3 - 119.3));
    near(got.f107Average, 116.8 + (15 / 30) * (118.3 - 116.8));
  });
  it('persistence 4: after the last monthly prediction the last value is held', () => {
    expectInputs(gmat.nrlmsiseInputs(at(2030, 1, 1, 12)), 85.2, 85.9, 5);
  });
  it('as-of 2026-08-10: later days hold the as-of day (observed 95.4, trailing mean 134.1, Ap 3)', () => {
    const asOf = celestrakNrlmsiseInputs(sw, { asOfMjd: mjdFromCalendar(2026, 8, 10) });
    expectInputs(asOf.nrlmsiseInputs(at(2026, 8, 15, 12)), 95.4, 134.1, 3, [3, 3, 3, 3, 3, 3, 3]);
    // Before the as-of day, a centred mean whose window reaches past it is replaced by the trailing mean.
    expectInputs(asOf.nrlmsiseInputs(at(2026, 8, 5, 12)), 118.0, 134.9, 2);
  });
  it('as-of never looks ahead: identical inputs from the full file and from the file cut at the as-of day', () => {
    const asOfMjd = mjdFromCalendar(2026, 7, 1);
    const cut = text
      .split('\n')
      .filter((l) => !/^\d{4} \d\d \d\d/.test(l) || l.slice(0, 10) <= '2026 07 01')
      .join('\n');
    const full = celestrakNrlmsiseInputs(sw, { asOfMjd });
    const truncated = celestrakNrlmsiseInputs(parseCelestrakSpaceWeather(cut, 'cut.txt'), { asOfMjd });
    let compared = 0;
    for (let d = mjdFromCalendar(2026, 4, 5); d < mjdFromCalendar(2027, 3, 1); d += 3) {
      for (const h of [0.5, 7.9, 8.1, 13, 23.9]) {
        const u = { mjd: d, seconds: h * 3600 };
        expect(full.nrlmsiseInputs(u)).toEqual(truncated.nrlmsiseInputs(u));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(400);
  });
  it('a time whose history starts before the file is a typed error', () => {
    expect(() => gmat.nrlmsiseInputs(at(2026, 4, 2, 1))).toThrow(SkylaneError);
  });
});
