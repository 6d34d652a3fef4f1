/** Process-level context of the CLI: the time scales (bundled IERS leap seconds) and the wall clock, read only here. */
import { createTimeScales, IERS_LEAP_SECONDS, type Instant, type TimeScales } from '@skylane/core';

let scales: TimeScales | undefined;

export function cliTimeScales(): TimeScales {
  scales ??= createTimeScales(IERS_LEAP_SECONDS);
  return scales;
}

/** The current time as an Instant (the CLI is allowed to read the clock; the core never does). */
export function nowInstant(ts: TimeScales): Instant {
  const ms = Date.now();
  const mjd = Math.floor(ms / 86_400_000) + 40587;
  return ts.fromUtcDaySeconds(mjd, (ms % 86_400_000) / 1000);
}
