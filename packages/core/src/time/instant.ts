/**
 * A scale-free instant of time. Internally TAI as a two-part value: an integer MJD day number and the
 * seconds into that TAI day (0 ≤ s < 86400). Two parts keep sub-microsecond resolution over millennia;
 * conversion to and from UTC, TT and UT1 goes through `TimeScales`, which holds the leap-second table.
 * Never a single float of seconds since 1970, never a `Date`.
 */
import { SECONDS_PER_DAY } from '../units/index.ts';

export class Instant {
  /** Integer TAI Modified Julian Day. */
  readonly taiDay: number;
  /** Seconds into the TAI day, 0 ≤ s < 86400. */
  readonly taiSeconds: number;

  private constructor(taiDay: number, taiSeconds: number) {
    this.taiDay = taiDay;
    this.taiSeconds = taiSeconds;
  }

  /** Builds an instant from TAI MJD day and seconds; seconds may be any finite value and are normalised. */
  static fromTai(taiDay: number, taiSeconds: number): Instant {
    const carry = Math.floor(taiSeconds / SECONDS_PER_DAY);
    let d = Math.floor(taiDay) + carry;
    let s = taiSeconds - carry * SECONDS_PER_DAY + (taiDay - Math.floor(taiDay)) * SECONDS_PER_DAY;
    if (s >= SECONDS_PER_DAY) {
      s -= SECONDS_PER_DAY;
      d += 1;
    } else if (s < 0) {
      s += SECONDS_PER_DAY;
      d -= 1;
    }
    return new Instant(d, s);
  }

  /** This instant shifted by `seconds` SI seconds. */
  plusSeconds(seconds: number): Instant {
    return Instant.fromTai(this.taiDay, this.taiSeconds + seconds);
  }

  /** SI seconds from `other` to this instant (positive when this is later). */
  secondsSince(other: Instant): number {
    return (this.taiDay - other.taiDay) * SECONDS_PER_DAY + (this.taiSeconds - other.taiSeconds);
  }

  /** −1, 0 or 1. */
  compare(other: Instant): number {
    if (this.taiDay !== other.taiDay) return this.taiDay < other.taiDay ? -1 : 1;
    if (this.taiSeconds !== other.taiSeconds) return this.taiSeconds < other.taiSeconds ? -1 : 1;
    return 0;
  }

  isBefore(other: Instant): boolean {
    return this.compare(other) < 0;
  }

  isAfter(other: Instant): boolean {
    return this.compare(other) > 0;
  }

  equals(other: Instant): boolean {
    return this.compare(other) === 0;
  }

  /** TT Julian date as two parts (jd1 integer+0.5 style, jd2 fraction), TT = TAI + 32.184 s. */
  ttJulianDate(): { jd1: number; jd2: number } {
    return { jd1: this.taiDay + 2400000.5, jd2: (this.taiSeconds + 32.184) / SECONDS_PER_DAY };
  }

  /** Julian centuries of TT since J2000.0. */
  ttCenturiesSinceJ2000(): number {
    return (this.taiDay - 51544.5 + (this.taiSeconds + 32.184) / SECONDS_PER_DAY) / 36525;
  }
}
