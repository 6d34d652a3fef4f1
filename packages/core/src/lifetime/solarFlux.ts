/**
 * Solar flux for long-term lifetime work: a documented mean solar cycle for F10.7 and, where a CelesTrak space-weather
 * file is given, its observed and predicted 81-day means first (observed values only up to `asOfMjd`: no look-ahead).
 *
 * Mean cycle (engineering model, not a forecast): the 81-day mean F10.7 follows an asymmetric cosine between a minimum
 * of 70 sfu and a maximum of 180 sfu, rising for 4.6 years and falling for 6.4 years (an 11.0-year cycle), phased on
 * the cycle-25 minimum of December 2019 (MJD 58818, SIDC/NOAA SWPC). 70 and 180 sfu are rounded means of the
 * 13-month-smoothed F10.7 at the minima and maxima of cycles 20-24; a real cycle may differ by ±30 % in amplitude.
 */
import type { CelestrakSpaceWeather } from '../atmosphere/spaceWeather/celestrakSw.ts';

/** 81-day mean F10.7 (sfu) at a UTC MJD. */
export interface SolarFluxModel {
  readonly name: string;
  f107AverageAt(mjd: number): number;
  /** An upper bound of every value this model returns (sfu), when known: lets lifetimes skip objects that cannot decay. */
  readonly maxF107Average?: number;
}

/** Mean-cycle constants (see the module header). */
export const MEAN_SOLAR_CYCLE = {
  minimumF107: 70,
  maximumF107: 180,
  periodYears: 11.0,
  riseYears: 4.6,
  /** Cycle-25 minimum, December 2019. */
  referenceMinimumMjd: 58818,
} as const;

const DAYS_PER_YEAR = 365.25;

/** The mean solar cycle's 81-day F10.7 (sfu) at a UTC MJD. */
export function meanCycleF107(mjd: number): number {
  const c = MEAN_SOLAR_CYCLE;
  const yearsSinceMin = (mjd - c.referenceMinimumMjd) / DAYS_PER_YEAR;
  const phase = ((yearsSinceMin % c.periodYears) + c.periodYears) % c.periodYears;
  // 0 at minimum, π at maximum, 2π at the next minimum.
  const angle = phase < c.riseYears ? (Math.PI * phase) / c.riseYears : Math.PI + (Math.PI * (phase - c.riseYears)) / (c.periodYears - c.riseYears);
  return c.minimumF107 + ((c.maximumF107 - c.minimumF107) * (1 - Math.cos(angle))) / 2;
}

/** The mean solar cycle alone. */
export const meanSolarCycle: SolarFluxModel = { name: 'mean-solar-cycle', f107AverageAt: meanCycleF107, maxF107Average: MEAN_SOLAR_CYCLE.maximumF107 };

/** A constant 81-day F10.7 (tests, what-if runs). */
export function constantSolarFlux(f107: number): SolarFluxModel {
  return { name: `constant-f107-${f107}`, f107AverageAt: () => f107, maxF107Average: f107 };
}

/**
 * F10.7 from a CelesTrak file, then the mean cycle. Uses the observed centred 81-day mean of the observed rows with
 * date ≤ `asOfMjd` (default: every observed row), the file's daily and monthly predictions only when the file itself
 * was issued by `asOfMjd` (its last observed day ≤ asOf), and the mean cycle elsewhere. A centred 81-day mean is known
 * only 40 days after its date, so observed rows later than asOf − 40 days use their last-81-day mean instead.
 */
export function spaceWeatherSolarFlux(sw: CelestrakSpaceWeather, options: { readonly asOfMjd?: number } = {}): SolarFluxModel {
  const asOf = options.asOfMjd ?? Number.POSITIVE_INFINITY;
  const byDay = new Map<number, number>();
  const filePredictionsUsable = sw.lastObservedMjd <= asOf;
  for (const d of sw.daily) {
    if (d.section === 'observed') {
      if (d.mjd > asOf) continue;
      const v = d.mjd + 40 <= asOf ? d.f107ObservedCentred81 : d.f107ObservedLast81;
      if (v > 0) byDay.set(d.mjd, v);
    } else if (filePredictionsUsable && d.f107ObservedCentred81 > 0) byDay.set(d.mjd, d.f107ObservedCentred81);
  }
  const monthly = filePredictionsUsable ? sw.monthly.filter((m) => m.f107ObservedCentred81 > 0).map((m) => ({ mjd: m.mjd, f: m.f107ObservedCentred81 })) : [];
  const lastMonthly = monthly.length > 0 ? monthly[monthly.length - 1]!.mjd + 31 : Number.NEGATIVE_INFINITY;
  let max: number = MEAN_SOLAR_CYCLE.maximumF107;
  for (const v of byDay.values()) max = Math.max(max, v);
  for (const m of monthly) max = Math.max(max, m.f);
  return {
    name: `space-weather:${sw.source}`,
    maxF107Average: max,
    f107AverageAt(mjd: number): number {
      const v = byDay.get(Math.floor(mjd));
      if (v !== undefined) return v;
      if (mjd < lastMonthly && monthly.length > 0 && mjd >= monthly[0]!.mjd) {
        let i = monthly.length - 1;
        while (i > 0 && monthly[i]!.mjd > mjd) i--;
        return monthly[i]!.f;
      }
      return meanCycleF107(mjd);
    },
  };
}
