/**
 * NRLMSISE-00 space-weather inputs from a CelesTrak file: daily F10.7 of the previous day, the 81-day average,
 * daily Ap and the 7-element ap history (switch 9 = −1), at a UTC time.
 *
 * Conventions (see docs/design/atmosphere-and-drag.md):
 * - `gmat` (default; GMAT R2022a+ SolarFluxReader with a CSSI file): OBSERVED F10.7 of the previous day and the
 *   OBSERVED 81-day centred mean of the current day, where "current day" switches at the F10.7 measurement time
 *   (20:00 UTC, 17:00 before 1991-05-31: GMAT shifts by 8 h / 5 h, so before 08:00 UTC the day before counts as
 *   current); daily Ap of the UTC day; ap history from the 3-hour bins.
 * - `orekit` (Orekit CssiSpaceWeatherData): ADJUSTED F10.7 of the UTC day before, ADJUSTED centred 81-day mean of
 *   the UTC day, no measurement-time shift, monthly predictions linearly interpolated.
 * Each part can be overridden (`f107`, `f107Average`, `measurementTimeShift`, `monthlyInterpolation`).
 *
 * Persistence after the last observed day: the file's daily predictions (their F10.7, 81-day means, Ap and eight
 * ap), then its monthly predictions (F10.7 and means; Ap/ap held at the last daily-predicted value), then the last
 * value held. With `asOfMjd` (a prediction made as of that UTC day) only observed rows up to that day are read: later
 * days hold the as-of day's F10.7, its trailing 81-day mean and its daily Ap (as all eight ap); a centred 81-day mean
 * whose window reaches past the as-of day is replaced by the trailing mean of min(day, as-of day). No look-ahead.
 */
import { ArgumentError, TimeError } from '../../errors/index.ts';
import type { UtcDaySeconds } from '../../time/scales.ts';
import type { CelestrakSpaceWeather, SpaceWeatherDay } from './celestrakSw.ts';

/** What NRLMSISE-00 reads from space weather at one time. */
export interface NrlmsiseSpaceWeather {
  /** Daily F10.7 of the previous day (sfu). */
  readonly f107Daily: number;
  /** 81-day average F10.7 (sfu). */
  readonly f107Average: number;
  /** Daily Ap of the current day. */
  readonly apDaily: number;
  /** [Ap, ap now, ap −3 h, ap −6 h, ap −9 h, mean ap −12…−33 h, mean ap −36…−57 h]. */
  readonly apHistory: readonly number[];
}

/** A source of NRLMSISE-00 space-weather inputs at a UTC time. */
export interface NrlmsiseSpaceWeatherProvider {
  readonly name: string;
  nrlmsiseInputs(utc: UtcDaySeconds): NrlmsiseSpaceWeather;
}

export type SpaceWeatherConvention = 'gmat' | 'orekit';

export interface CelestrakNrlmsiseOptions {
  /** Preset (default `gmat`). */
  readonly convention?: SpaceWeatherConvention;
  /** Observed or adjusted (1 AU) daily F10.7. */
  readonly f107?: 'observed' | 'adjusted';
  /** Observed or adjusted centred 81-day mean. */
  readonly f107Average?: 'observed' | 'adjusted';
  /** Shift the F10.7 day by the measurement time (GMAT: 8 h, 5 h before 1991-05-31). */
  readonly measurementTimeShift?: boolean;
  /** Interpolate the monthly predictions linearly in time (Orekit) instead of holding each month's value (GMAT). */
  readonly monthlyInterpolation?: boolean;
  /** Use only observed rows up to this UTC MJD (inclusive), persistence after it. Must be an observed day. */
  readonly asOfMjd?: number;
}

const PRESETS: Record<SpaceWeatherConvention, Required<Omit<CelestrakNrlmsiseOptions, 'convention' | 'asOfMjd'>>> = {
  gmat: { f107: 'observed', f107Average: 'observed', measurementTimeShift: true, monthlyInterpolation: false },
  orekit: { f107: 'adjusted', f107Average: 'adjusted', measurementTimeShift: false, monthlyInterpolation: true },
};

/** MJD of 1991-05-31 12:00 UTC, when the F10.7 measurement moved from 17:00 to 20:00 UTC (GMAT's reference). */
const F107_MEASUREMENT_CHANGE_MJD = 48407.5;

/** Values of one UTC day after the section / persistence rules. */
interface DayValues {
  readonly f107: number;
  readonly f107Average: number;
  readonly apDaily: number;
  readonly ap: readonly number[];
}

/** Builds an NRLMSISE-00 input provider over a parsed CelesTrak file. */
export function celestrakNrlmsiseInputs(sw: CelestrakSpaceWeather, options: CelestrakNrlmsiseOptions = {}): NrlmsiseSpaceWeatherProvider {
  const preset = PRESETS[options.convention ?? 'gmat'];
  const f107Kind = options.f107 ?? preset.f107;
  const avgKind = options.f107Average ?? preset.f107Average;
  const shift = options.measurementTimeShift ?? preset.measurementTimeShift;
  const interpolateMonthly = options.monthlyInterpolation ?? preset.monthlyInterpolation;
  const asOf = options.asOfMjd;
  if (asOf !== undefined && (!Number.isInteger(asOf) || asOf < sw.firstMjd || asOf > sw.lastObservedMjd)) {
    throw new ArgumentError(
      `as-of day MJD ${asOf} is not an observed day of ${sw.source} (${sw.daily[0]!.date} … MJD ${sw.lastObservedMjd}): pick a day inside the observed record.`,
      asOf,
    );
  }
  const lastDaily = asOf ?? sw.lastDailyMjd;
  const f107Of = (r: SpaceWeatherDay): number => (f107Kind === 'observed' ? r.f107Observed : r.f107Adjusted);
  const ctrOf = (r: SpaceWeatherDay): number => (avgKind === 'observed' ? r.f107ObservedCentred81 : r.f107AdjustedCentred81);
  const lstOf = (r: SpaceWeatherDay): number => (avgKind === 'observed' ? r.f107ObservedLast81 : r.f107AdjustedLast81);
  const row = (mjd: number): SpaceWeatherDay => sw.daily[mjd - sw.firstMjd]!;
  const lastApRow = row(lastDaily);

  function monthlyValue(mjdTime: number, pick: (r: SpaceWeatherDay) => number, fallback: number): number {
    const m = sw.monthly;
    let k = -1;
    for (let i = 0; i < m.length; i++) if (m[i]!.mjd <= mjdTime) k = i;
    if (k < 0) return fallback; // between the last daily prediction and the first month: hold
    const a = m[k]!;
    const b = m[k + 1];
    if (!interpolateMonthly || b === undefined) return pick(a);
    const w = (mjdTime - a.mjd) / (b.mjd - a.mjd);
    return pick(a) + w * (pick(b) - pick(a));
  }

  /** Day values for UTC day `mjd` (time `mjdTime` within it, for monthly interpolation). */
  function day(mjd: number, mjdTime: number): DayValues {
    if (mjd < sw.firstMjd) {
      throw new TimeError(
        'TIME_OUT_OF_RANGE',
        `${sw.source} starts on ${sw.daily[0]!.date}; NRLMSISE-00 needs space weather from 3 days before the epoch (MJD ${mjd} requested): use a file that covers it.`,
        mjd,
      );
    }
    if (mjd <= lastDaily) {
      const r = row(mjd);
      // A centred mean whose window reaches beyond the as-of day was not known then: use the trailing mean.
      const avg = asOf !== undefined && mjd + 40 > asOf ? lstOf(r) : ctrOf(r);
      return { f107: f107Of(r), f107Average: avg, apDaily: r.apDaily!, ap: r.ap! };
    }
    const last = row(lastDaily);
    const heldAp = lastApRow.apDaily!;
    const heldAps = [heldAp, heldAp, heldAp, heldAp, heldAp, heldAp, heldAp, heldAp];
    if (asOf !== undefined) {
      return { f107: f107Of(last), f107Average: lstOf(last), apDaily: heldAp, ap: heldAps };
    }
    return {
      f107: monthlyValue(mjdTime, f107Of, f107Of(last)),
      f107Average: monthlyValue(mjdTime, ctrOf, ctrOf(last)),
      apDaily: heldAp,
      ap: heldAps,
    };
  }

  /** 3-hourly ap `back` bins before bin `bin` of day `mjd`. */
  function apBinBefore(mjd: number, bin: number, back: number): number {
    let b = bin - back;
    let d = mjd;
    while (b < 0) {
      b += 8;
      d -= 1;
    }
    return day(d, d).ap[b]!;
  }

  // The inputs are constant over a 3-hour ap bin (and F10.7 day); cache the last one (pure: same key, same values).
  let cacheKey = '';
  let cached: NrlmsiseSpaceWeather | undefined;

  return {
    name: `celestrak-sw(${sw.source}, ${f107Kind} F10.7, ${avgKind} 81-day)`,
    nrlmsiseInputs(utc: UtcDaySeconds): NrlmsiseSpaceWeather {
      const mjd = utc.mjd;
      const mjdTime = mjd + Math.min(utc.seconds, 86400) / 86400;
      // F10.7 "current day": the UTC day, or the day before until the measurement time has passed (GMAT).
      let fluxDay = mjd;
      if (shift) {
        const offsetH = mjdTime < F107_MEASUREMENT_CHANGE_MJD ? 5 : 8;
        if (utc.seconds < offsetH * 3600) fluxDay = mjd - 1;
      }
      const bin = Math.min(Math.floor(utc.seconds / 10800), 7);
      const timeDependent = interpolateMonthly && asOf === undefined && fluxDay > sw.lastDailyMjd;
      const key = `${mjd}:${bin}:${fluxDay}`;
      if (!timeDependent && key === cacheKey && cached !== undefined) return cached;
      const previous = day(fluxDay - 1, mjdTime - 1);
      const current = day(fluxDay, mjdTime);
      const today = fluxDay === mjd ? current : day(mjd, mjdTime);
      let mean1 = 0;
      let mean2 = 0;
      for (let k = 0; k < 8; k++) {
        mean1 += apBinBefore(mjd, bin, 4 + k);
        mean2 += apBinBefore(mjd, bin, 12 + k);
      }
      const result: NrlmsiseSpaceWeather = {
        f107Daily: previous.f107,
        f107Average: current.f107Average,
        apDaily: today.apDaily,
        apHistory: [
          today.apDaily,
          apBinBefore(mjd, bin, 0),
          apBinBefore(mjd, bin, 1),
          apBinBefore(mjd, bin, 2),
          apBinBefore(mjd, bin, 3),
          mean1 / 8,
          mean2 / 8,
        ],
      };
      if (!timeDependent) {
        cacheKey = key;
        cached = result;
      }
      return result;
    },
  };
}
