/**
 * Earth-fixed track of one SGP4 satellite over a search window: the hot path of pass prediction.
 * Times are UTC-clock seconds from the window start (the axis SGP4's minutes-since-epoch is counted on).
 *
 * TEME → ITRF as in frames/transforms.ts (Vallado et al. 2006): r_PEF = R3(GMST82(UT1)) r_TEME,
 * v_PEF = R3 v_TEME − ω⊕ × r_PEF, then polar motion W (taken once at the window start: it changes by
 * < 1 mas/day, under a millimetre on the ground). UT1 = UTC + (UT1−UTC) from the TimeScales' EOP, also
 * taken at the window start (it drifts ~2 ms/day, i.e. ~1 m along-track). The test suite checks this
 * against `temeToItrf` at every sample of a day.
 */
import { gmst1982 } from '../frames/fk5.ts';
import { pefToItrfMatrix } from '../frames/transforms.ts';
import type { Mat3 } from '../math/mat3.ts';
import { minutesSinceEpoch, type UtcClock } from '../propagation/sgp4/input.ts';
import type { Sgp4Satellite } from '../propagation/sgp4/sgp4.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { EARTH_ROTATION_RAD_S, SECONDS_PER_DAY } from '../units/index.ts';

/** A search window [start, stop] (UTC). */
export interface PassWindow {
  readonly start: Instant;
  readonly stop: Instant;
}

export class EarthFixedTrack {
  readonly sat: Sgp4Satellite;
  /** UTC clock time of the window start. */
  readonly anchor: UtcClock;
  /** UTC-clock length of the window, s. */
  readonly durationS: number;
  private readonly t0Min: number;
  private readonly ut1Jd1: number;
  private readonly ut1Jd2: number;
  private readonly w: Mat3 | undefined;
  private readonly omega: number;
  private readonly scratch = new Float64Array(6);

  private constructor(sat: Sgp4Satellite, anchor: UtcClock, durationS: number, ut1: { jd1: number; jd2: number }, w: Mat3 | undefined, omega: number) {
    this.sat = sat;
    this.anchor = anchor;
    this.durationS = durationS;
    this.t0Min = minutesSinceEpoch(sat.input, anchor);
    this.ut1Jd1 = ut1.jd1;
    this.ut1Jd2 = ut1.jd2;
    this.w = w;
    this.omega = omega;
  }

  static create(sat: Sgp4Satellite, window: PassWindow, ts: TimeScales): EarthFixedTrack {
    const anchor = ts.toUtcDaySeconds(window.start);
    const durationS = ts.utcClockSecondsBetween(window.start, window.stop);
    const w = pefToItrfMatrix(window.start, ts);
    const identity = w[0] === 1 && w[4] === 1 && w[8] === 1;
    const lod = ts.eopAt(window.start).lodS;
    return new EarthFixedTrack(sat, anchor, durationS, ts.ut1JulianDate(window.start), identity ? undefined : w, EARTH_ROTATION_RAD_S * (1 - lod / SECONDS_PER_DAY));
  }

  /** Minutes since the element epoch at t seconds into the window. */
  tsinceMin(tS: number): number {
    return this.t0Min + tS / 60;
  }

  /** TEME state at t (km, km/s) into out[offset..offset+5]; returns the SGP4 status (0 = ok). */
  temeInto(tS: number, out: Float64Array, offset: number): number {
    return this.sat.propagateInto(this.t0Min + tS / 60, out, offset);
  }

  /** ITRF state at t (km, km/s) into out[offset..offset+5]; returns the SGP4 status (0 = ok). */
  itrfInto(tS: number, out: Float64Array, offset: number): number {
    const s = this.scratch;
    const status = this.sat.propagateInto(this.t0Min + tS / 60, s, 0);
    if (status !== 0) {
      out.fill(Number.NaN, offset, offset + 6);
      return status;
    }
    const theta = gmst1982(this.ut1Jd1, this.ut1Jd2 + tS / SECONDS_PER_DAY);
    const c = Math.cos(theta);
    const sn = Math.sin(theta);
    const x = c * s[0]! + sn * s[1]!;
    const y = -sn * s[0]! + c * s[1]!;
    const z = s[2]!;
    const vx = c * s[3]! + sn * s[4]! + this.omega * y;
    const vy = -sn * s[3]! + c * s[4]! - this.omega * x;
    const vz = s[5]!;
    const w = this.w;
    if (w === undefined) {
      out[offset] = x;
      out[offset + 1] = y;
      out[offset + 2] = z;
      out[offset + 3] = vx;
      out[offset + 4] = vy;
      out[offset + 5] = vz;
    } else {
      out[offset] = w[0] * x + w[1] * y + w[2] * z;
      out[offset + 1] = w[3] * x + w[4] * y + w[5] * z;
      out[offset + 2] = w[6] * x + w[7] * y + w[8] * z;
      out[offset + 3] = w[0] * vx + w[1] * vy + w[2] * vz;
      out[offset + 4] = w[3] * vx + w[4] * vy + w[5] * vz;
      out[offset + 5] = w[6] * vx + w[7] * vy + w[8] * vz;
    }
    return 0;
  }
}
