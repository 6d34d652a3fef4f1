/**
 * JB2008 index look-up over SOLFSMY and DTCFILE data: the lags, the interpolation convention, the persistence rule
 * after the last known value and an "as of" cut-off that never looks ahead.
 *
 * Lags (JB2008.for input description, SOLFSMY header, and the reference driver JB08DRVY2K.for): F10, F81c, S10, S81c
 * are taken 1 day before the time, M10, M81c 2 days before, Y10, Y81c 5 days before; ΔT_c (DTCFILE) has no lag.
 *
 * Conventions (`convention` option):
 * - `'jb2008-driver'` (default; SET's reference driver JB08DRVY2K.for, and the SOLFSMY header: "values should be
 *   used as a daily value between 0-24 UT"): the solar indices are the record of the UTC day ⌊MJD − lag⌋, held
 *   constant over that day; ΔT_c is interpolated linearly between the hourly values at hh:00 and rounded to the
 *   nearest integer kelvin, as the driver does (`IDTCVAL = V1 + FAC·(V2 − V1) + 0.5`, with its 1e-7-day offset).
 * - `'orekit'` (Orekit 12's JB2008SpaceEnvironmentData): each SOLFSMY record is stamped at 12 UT of its day (its
 *   Julian-day column) and the indices are interpolated linearly between records at MJD − lag; ΔT_c is interpolated
 *   linearly between hh:00 values, without rounding.
 * Both agree at 12:00 UTC for the solar indices and at whole hours for ΔT_c.
 *
 * Persistence: at a time whose lagged day (or hour) lies after the last known record, the last known record's
 * values are used (all eight solar indices together; ΔT_c alone) and the result says so (`persisted`). Before the
 * first record there is nothing to persist: a `TimeError` (TIME_OUT_OF_RANGE) names the file and the day needed.
 *
 * As of (`asOfUtcMjd`): only what was known at that UTC time is used. A SOLFSMY day is known once it has ended
 * (day + 1 ≤ as-of); an hourly ΔT_c value stamped hh:00 is known once its hour has ended (hh:00 + 1 h ≤ as-of).
 * Later records are ignored and persistence applies after the last known one. With the driver convention the 1-day
 * lag means the solar indices never reach past the as-of time for any time up to it; its ΔT_c interpolation does (it
 * needs the next hour), so at the as-of time itself ΔT_c is the last complete hour's value. Caveat: the 81-day
 * centred averages of a published file already contain SET's own estimates for its last 40 days; an as-of cut-off
 * cannot undo that (use the file as published at that date for a strict hindcast).
 */
import { TimeError } from '../../errors/index.ts';
import { calendarFromMjd, mjdFromCalendar } from '../../time/calendar.ts';
import type { Jb2008SolarIndices } from './model.ts';
import type { DtcData, SolfsmyData, SolfsmyRecord } from './readers.ts';

/** Lag of F10/S10 (and their averages) in days. */
export const JB2008_LAG_F10_S10_DAYS = 1;
/** Lag of M10 (and its average) in days. */
export const JB2008_LAG_M10_DAYS = 2;
/** Lag of Y10 (and its average) in days. */
export const JB2008_LAG_Y10_DAYS = 5;

export type Jb2008IndexConvention = 'jb2008-driver' | 'orekit';

export interface Jb2008SpaceWeatherOptions {
  /** Default `'jb2008-driver'`. */
  readonly convention?: Jb2008IndexConvention;
  /** Use only data known at this UTC MJD (with fraction). Default: everything in the files. */
  readonly asOfUtcMjd?: number;
}

export interface Jb2008IndicesAt {
  readonly indices: Jb2008SolarIndices;
  /** ΔT_c from Dst (K). */
  readonly dstDtcK: number;
  /** True when any value came from the persistence rule (after the last known record). */
  readonly persisted: boolean;
}

/** The driver's offset added before taking the hour index (days). */
const DRIVER_DTC_EPS_DAYS = 1e-7;

function dayLabel(mjd: number): string {
  const c = calendarFromMjd(mjd);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')} (day ${mjd - mjdFromCalendar(c.year, 1, 1) + 1})`;
}

/** JB2008 inputs from SET's SOLFSMY and DTCFILE data, with a documented lag, interpolation and persistence rule. */
export class Jb2008SpaceWeather {
  readonly solfsmy: SolfsmyData;
  readonly dtc: DtcData;
  readonly convention: Jb2008IndexConvention;
  readonly asOfUtcMjd: number | undefined;
  /** Index in `solfsmy.records` of the last day usable (−1: none). */
  private readonly lastSol: number;
  /** Index in `dtc.valuesK` of the last hourly value usable (−1: none). */
  private readonly lastDtc: number;

  constructor(solfsmy: SolfsmyData, dtc: DtcData, options: Jb2008SpaceWeatherOptions = {}) {
    this.solfsmy = solfsmy;
    this.dtc = dtc;
    this.convention = options.convention ?? 'jb2008-driver';
    this.asOfUtcMjd = options.asOfUtcMjd;
    let lastSol = solfsmy.records.length - 1;
    let lastDtc = dtc.valuesK.length - 1;
    if (options.asOfUtcMjd !== undefined) {
      const asOf = options.asOfUtcMjd;
      if (!Number.isFinite(asOf)) throw new TimeError('TIME_INVALID', `The as-of time must be a finite UTC MJD, not ${asOf}.`, asOf);
      // A day is known once it has ended: day + 1 <= asOf.
      lastSol = Math.min(lastSol, Math.floor(asOf) - 1 - solfsmy.firstMjd);
      // An hour stamped hh:00 is known once it has ended: k/24 + 1/24 <= asOf − first (1e-9 h tolerance).
      lastDtc = Math.min(lastDtc, Math.floor((asOf - dtc.firstMjd) * 24 + 1e-9) - 1);
    }
    this.lastSol = Math.max(-1, lastSol);
    this.lastDtc = Math.max(-1, lastDtc);
  }

  /** UTC MJD of the last SOLFSMY day in use (after the as-of cut-off), or undefined when none is known. */
  get lastKnownSolfsmyMjd(): number | undefined {
    return this.lastSol >= 0 ? this.solfsmy.firstMjd + this.lastSol : undefined;
  }

  /** UTC MJD of the last hourly ΔT_c value in use, or undefined when none is known. */
  get lastKnownDtcMjd(): number | undefined {
    return this.lastDtc >= 0 ? this.dtc.firstMjd + this.lastDtc / 24 : undefined;
  }

  /** The JB2008 inputs at a UTC MJD (with fraction), lags applied. */
  at(mjdUtc: number): Jb2008IndicesAt {
    if (!Number.isFinite(mjdUtc)) throw new TimeError('TIME_INVALID', `JB2008 indices need a finite UTC MJD, not ${mjdUtc}.`, mjdUtc);
    const a = this.solar(mjdUtc - JB2008_LAG_F10_S10_DAYS, 'F10/S10 (1-day lag)');
    const m = this.solar(mjdUtc - JB2008_LAG_M10_DAYS, 'M10 (2-day lag)');
    const y = this.solar(mjdUtc - JB2008_LAG_Y10_DAYS, 'Y10 (5-day lag)');
    const d = this.dtcAt(mjdUtc);
    return {
      indices: {
        f10: a.get((r) => r.f10),
        f10b: a.get((r) => r.f81c),
        s10: a.get((r) => r.s10),
        s10b: a.get((r) => r.s81c),
        m10: m.get((r) => r.m10),
        m10b: m.get((r) => r.m81c),
        y10: y.get((r) => r.y10),
        y10b: y.get((r) => r.y81c),
      },
      dstDtcK: d.value,
      persisted: a.persisted || m.persisted || y.persisted || d.persisted,
    };
  }

  private noData(what: string, mjd: number, source: string, first: number): never {
    const known = this.asOfUtcMjd !== undefined ? ` known as of MJD ${this.asOfUtcMjd}` : '';
    throw new TimeError(
      'TIME_OUT_OF_RANGE',
      `${source}: JB2008 ${what} needs data for ${dayLabel(Math.floor(mjd))}, before the first record${known} (${dayLabel(first)}); use a file that starts earlier.`,
      mjd,
    );
  }

  private solar(lagged: number, what: string): { get: (f: (r: SolfsmyRecord) => number) => number; persisted: boolean } {
    const recs = this.solfsmy.records;
    const first = this.solfsmy.firstMjd;
    const last = this.lastSol;
    if (this.convention === 'jb2008-driver') {
      const i = Math.floor(lagged) - first;
      if (i < 0 || last < 0) this.noData(what, lagged, this.solfsmy.source, first);
      const k = Math.min(i, last);
      const r = recs[k]!;
      return { get: (f) => f(r), persisted: i > last };
    }
    // Orekit: records stamped at 12 UT, linear interpolation.
    const u = lagged - first - 0.5;
    if (u < 0 || last < 0) this.noData(what, lagged, this.solfsmy.source, first);
    const i0 = Math.floor(u);
    if (i0 >= last) {
      const r = recs[last]!;
      return { get: (f) => f(r), persisted: u > last };
    }
    const frac = u - i0;
    const r0 = recs[i0]!;
    const r1 = recs[i0 + 1]!;
    return { get: (f) => f(r0) + frac * (f(r1) - f(r0)), persisted: false };
  }

  private dtcAt(mjdUtc: number): { value: number; persisted: boolean } {
    const v = this.dtc.valuesK;
    const last = this.lastDtc;
    const driver = this.convention === 'jb2008-driver';
    const x = (mjdUtc - this.dtc.firstMjd + (driver ? DRIVER_DTC_EPS_DAYS : 0)) * 24;
    if (x < 0 || last < 0) this.noData('ΔTc (DTCFILE)', mjdUtc, this.dtc.source, this.dtc.firstMjd);
    const k = Math.floor(x);
    if (k >= last) return { value: v[last]!, persisted: x > last };
    const fac = x - k;
    const interpolated = v[k]! + fac * (v[k + 1]! - v[k]!);
    // The driver assigns V1 + FAC·(V2 − V1) + 0.5 to an INTEGER (truncation toward zero).
    return { value: driver ? Math.trunc(interpolated + 0.5) : interpolated, persisted: false };
  }
}
