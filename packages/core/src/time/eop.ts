/**
 * Earth orientation parameters (IERS Bulletin A / finals2000A style): polar motion, UT1−UTC, LOD and the
 * IAU-1980 nutation corrections dPsi/dEps. Passed in as data; without it, all values are zero, which is
 * the usual choice for SGP4-grade work (errors ~ 10 m from polar motion, ~ 400 m along-track per second of UT1−UTC).
 */

export interface EopValues {
  /** Polar motion x, arcsec. */
  readonly xpArcsec: number;
  /** Polar motion y, arcsec. */
  readonly ypArcsec: number;
  /** UT1 − UTC, s. */
  readonly dut1S: number;
  /** Excess length of day, s. */
  readonly lodS: number;
  /** Correction to IAU-1980 nutation in longitude, arcsec. */
  readonly dPsiArcsec: number;
  /** Correction to IAU-1980 nutation in obliquity, arcsec. */
  readonly dEpsArcsec: number;
}

export const ZERO_EOP: EopValues = { xpArcsec: 0, ypArcsec: 0, dut1S: 0, lodS: 0, dPsiArcsec: 0, dEpsArcsec: 0 };

/** Returns EOP values at a UTC MJD (day + fraction). */
export type EopProvider = (utcMjd: number) => EopValues;

export interface EopRow extends EopValues {
  /** UTC MJD of the row (usually integer, 0h UTC). */
  readonly mjd: number;
}

/**
 * An EopProvider that interpolates linearly between daily rows and holds the end values outside them.
 * UT1−UTC is not interpolated across a leap-second jump (the row after a leap second differs by ~1 s):
 * the jump is removed before interpolating.
 */
export function tabulatedEop(rows: readonly EopRow[]): EopProvider {
  const sorted = [...rows].sort((a, b) => a.mjd - b.mjd);
  if (sorted.length === 0) return () => ZERO_EOP;
  return (mjd: number): EopValues => {
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    if (mjd <= first.mjd) return first;
    if (mjd >= last.mjd) return last;
    let lo = 0;
    let hi = sorted.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.mjd <= mjd) lo = mid;
      else hi = mid;
    }
    const a = sorted[lo]!;
    const b = sorted[hi]!;
    const t = (mjd - a.mjd) / (b.mjd - a.mjd);
    const lerp = (x: number, y: number): number => x + (y - x) * t;
    let dut1B = b.dut1S;
    if (Math.abs(dut1B - a.dut1S) > 0.5) dut1B -= Math.round(dut1B - a.dut1S);
    return {
      xpArcsec: lerp(a.xpArcsec, b.xpArcsec),
      ypArcsec: lerp(a.ypArcsec, b.ypArcsec),
      dut1S: lerp(a.dut1S, dut1B),
      lodS: lerp(a.lodS, b.lodS),
      dPsiArcsec: lerp(a.dPsiArcsec, b.dPsiArcsec),
      dEpsArcsec: lerp(a.dEpsArcsec, b.dEpsArcsec),
    };
  };
}
