/**
 * SGP4/SDP4 through satellite.js 7.1 (Vallado et al. 2006, "Revisiting Spacetrack Report #3", AIAA 2006-6753;
 * WGS-72 constants, improved "i" operation mode). Output is TEME, km and km/s. Near-earth objects propagate through
 * Skylane's own allocation-free step (vallado2006NearEarth.ts, bit-identical to satellite.js's sgp4); the
 * initialisation and the deep-space objects stay with satellite.js.
 *
 * Every failure is a typed PropagationError, never a position: SGP4's own error codes 1-6, satellite.js
 * silently returning garbage for long-decayed objects (caught with the negative-semimajor-axis check
 * `tempa <= 0` and a position-magnitude bound), and non-finite output.
 */
import { jday, sgp4 as satelliteSgp4, type SatRec } from 'satellite.js';
import { DEG_TO_RAD } from '../../units/index.ts';
import { initSatrec } from './satelliteJsInit.ts';
import { NEAR_EARTH_RECORD_LENGTH, nearEarthRecordFrom, propagateNearEarthInto } from './vallado2006NearEarth.ts';
import { PropagationError } from '../../errors/index.ts';
import { calendarFromMjd, mjdFromCalendar } from '../../time/calendar.ts';
import { vec3, type StateVector } from '../../math/vec3.ts';
import { minutesSinceEpoch, type Sgp4Input, type UtcClock } from './input.ts';
import type { Trajectory } from '../trajectory.ts';

/**
 * The SGP4 epoch argument (days since 1949-12-31T00:00 UTC) computed the way Vallado's reference code does it:
 * a single-double Julian date from calendar fields (jday), minus 2433281.5. Its ~4e-10-day quantisation only
 * enters SDP4's luni-solar initialisation; matching it reproduces tcppver.out to the printed digits, while the
 * time since epoch is always computed exactly by Skylane.
 */
function vallado1950Epoch(year: number, month: number, day: number, seconds: number): number {
  const hr = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds - hr * 3600) / 60);
  const sec = seconds - hr * 3600 - minute * 60;
  return jday(year, month, day, hr, minute, sec) - 2433281.5;
}

/** Positions beyond this distance (km) are not an Earth orbit: beyond the Earth's Hill sphere (~1.5e6 km). */
export const MAX_SGP4_RADIUS_KM = 2.0e6;

/** Meaning of SGP4's error codes (Vallado 2006, sgp4 routine). */
export const SGP4_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  1: 'mean eccentricity is outside 0 ≤ e < 1',
  2: 'mean motion has fallen below zero',
  3: 'perturbed eccentricity is outside 0 ≤ e < 1',
  4: 'semi-latus rectum has fallen below zero',
  5: 'epoch elements are sub-orbital',
  6: 'the satellite has decayed (radius below one Earth radius)',
};

/**
 * satellite.js's initialised record for valid elements (Vallado's sgp4init through satelliteJsInit.ts), as
 * `Sgp4Satellite` builds it: for peers that call satellite.js's `sgp4` directly (benchmarks, comparisons).
 */
export function satelliteJsRecordFor(input: Sgp4Input): SatRec {
  const c = calendarFromMjd(input.epochUtcMjd);
  const xpdotp = 1440 / (2 * Math.PI); // rev/day per rad/min
  return initSatrec({
    satnum: String(input.catalogNumber),
    epochDays1950: vallado1950Epoch(c.year, c.month, c.day, input.epochUtcSeconds),
    yearTwoDigits: c.year % 100,
    dayOfYear: input.epochUtcMjd - mjdFromCalendar(c.year, 1, 1) + 1 + input.epochUtcSeconds / 86400,
    inclo: input.inclinationDeg * DEG_TO_RAD,
    nodeo: input.raanDeg * DEG_TO_RAD,
    ecco: input.eccentricity,
    argpo: input.argOfPericenterDeg * DEG_TO_RAD,
    mo: input.meanAnomalyDeg * DEG_TO_RAD,
    no: input.meanMotionRevPerDay / xpdotp,
    ndot: input.meanMotionDotRevPerDay2 / (xpdotp * 1440),
    nddot: input.meanMotionDdotRevPerDay3 / (xpdotp * 1440 * 1440),
    bstar: input.bstarPerEarthRadii,
  });
}

/** An initialised SGP4 satellite. Not thread-safe across calls that interleave times (deep-space state is cached). */
export class Sgp4Satellite implements Trajectory {
  readonly input: Sgp4Input;
  /**
   * satellite.js's record: kept for deep-space objects; for near-earth ones it is dropped once the compact record
   * is copied (~1 kB less per object, garbage that dies young) and rebuilt only if propagateSatelliteJsInto is used.
   */
  private satrec: SatRec | undefined;
  /** Near-earth objects: the compact record of Skylane's own allocation-free step; undefined for deep space. */
  private readonly nearEarth: Float64Array | undefined;

  private constructor(input: Sgp4Input, satrec: SatRec | undefined, nearEarth?: Float64Array) {
    this.input = input;
    this.nearEarth = nearEarth ?? (satrec ? nearEarthRecordFrom(satrec) : undefined);
    this.satrec = this.nearEarth === undefined ? satrec : undefined;
  }

  /**
   * A near-earth satellite from the compact record another `Sgp4Satellite` of the same input produced
   * (`nearEarthRecord`), without running the initialisation again: the screening's worker threads receive the
   * records their plan computed once. The record must be the one of this input (not checked) and is not copied.
   */
  static fromNearEarthRecord(input: Sgp4Input, record: Float64Array): Sgp4Satellite {
    if (record.length !== NEAR_EARTH_RECORD_LENGTH) throw new RangeError(`A near-earth record has ${NEAR_EARTH_RECORD_LENGTH} values; got ${record.length}.`);
    return new Sgp4Satellite(input, undefined, record);
  }

  /** The compact near-earth record (read only: shared, not copied); undefined for a deep-space object. */
  get nearEarthRecord(): Float64Array | undefined {
    return this.nearEarth;
  }

  /**
   * Initialises SGP4 for an element set. Invalid elements (e ≥ 1, mean motion ≤ 0, non-finite values)
   * give a PropagationError with code ELEMENTS_INVALID.
   */
  static create(input: Sgp4Input): Sgp4Satellite {
    const values = [
      input.meanMotionRevPerDay,
      input.eccentricity,
      input.inclinationDeg,
      input.raanDeg,
      input.argOfPericenterDeg,
      input.meanAnomalyDeg,
      input.bstarPerEarthRadii,
      input.meanMotionDotRevPerDay2,
      input.meanMotionDdotRevPerDay3,
    ];
    if (!values.every(Number.isFinite) || !(input.meanMotionRevPerDay > 0) || !(input.eccentricity >= 0 && input.eccentricity < 1)) {
      throw new PropagationError(
        'ELEMENTS_INVALID',
        `Object ${input.catalogNumber}: elements cannot be used by SGP4 (need finite values, mean motion > 0, 0 ≤ e < 1; got n=${input.meanMotionRevPerDay} rev/day, e=${input.eccentricity}).`,
        { objectId: input.catalogNumber, value: input },
      );
    }
    const satrec = satelliteJsRecordFor(input);
    if (satrec.error !== 0) {
      const code = satrec.error as number;
      throw new PropagationError('ELEMENTS_INVALID', `Object ${input.catalogNumber}: SGP4 initialisation failed: ${SGP4_ERROR_MESSAGES[code] ?? `error ${code}`}.`, {
        objectId: input.catalogNumber,
        tsinceMin: 0,
        sgp4Code: code,
      });
    }
    return new Sgp4Satellite(input, satrec);
  }

  /** True where propagateInto runs Skylane's own near-earth step (SGP4 "method n", period < 225 min). */
  get usesNearEarthStep(): boolean {
    return this.nearEarth !== undefined;
  }

  get catalogNumber(): number {
    return this.input.catalogNumber;
  }

  /**
   * TEME state at `tsinceMin` minutes from epoch; throws PropagationError (OBJECT_DECAYED for SGP4 error 6
   * and for decay that SGP4 misses, PROPAGATION_FAILED for the other codes and for non-physical output).
   */
  propagateMinutes(tsinceMin: number): StateVector<'TEME'> {
    const out = new Float64Array(6);
    const code = this.propagateInto(tsinceMin, out, 0);
    if (code !== 0) throw this.errorFor(code, tsinceMin);
    return { r: vec3<'TEME'>(out[0]!, out[1]!, out[2]!), v: vec3<'TEME'>(out[3]!, out[4]!, out[5]!) };
  }

  /** TEME state at a UTC clock time. */
  propagateAt(t: UtcClock): StateVector<'TEME'> {
    return this.propagateMinutes(minutesSinceEpoch(this.input, t));
  }

  /**
   * Hot-loop form: writes x,y,z,vx,vy,vz (km, km/s, TEME) into `out` at `offset` and returns 0, or returns a
   * non-zero status (SGP4 code 1-6, or 7 for decay missed by SGP4 / non-physical output) and writes NaN.
   * Near-earth objects (period < 225 min) run Skylane's allocation-free step (vallado2006NearEarth.ts, the same
   * arithmetic as satellite.js's sgp4); deep-space objects run satellite.js.
   */
  propagateInto(tsinceMin: number, out: Float64Array, offset: number): number {
    if (this.nearEarth !== undefined) return propagateNearEarthInto(this.nearEarth, tsinceMin, out, offset);
    return this.propagateSatelliteJsInto(tsinceMin, out, offset);
  }

  /**
   * propagateInto through satellite.js's sgp4 for every object (the peer of the near-earth step, kept for the
   * deep-space objects and for comparisons).
   */
  propagateSatelliteJsInto(tsinceMin: number, out: Float64Array, offset: number): number {
    const satrec = (this.satrec ??= satelliteJsRecordFor(this.input));
    const pv = satelliteSgp4(satrec, tsinceMin);
    let status = 0;
    if (!pv || satrec.error !== 0) status = (satrec.error as number) || 7;
    else if ((satrec as unknown as { tempa: number }).tempa <= 0) status = 7;
    else {
      const p = pv.position;
      const v = pv.velocity;
      // Squared radius (Math.hypot is several times slower in V8's hot loops); NaN fails the comparison.
      const r2 = p.x * p.x + p.y * p.y + p.z * p.z;
      if (!(r2 < MAX_SGP4_RADIUS_KM * MAX_SGP4_RADIUS_KM) || !Number.isFinite(v.x + v.y + v.z)) status = 7;
      else {
        out[offset] = p.x;
        out[offset + 1] = p.y;
        out[offset + 2] = p.z;
        out[offset + 3] = v.x;
        out[offset + 4] = v.y;
        out[offset + 5] = v.z;
        return 0;
      }
    }
    out.fill(Number.NaN, offset, offset + 6);
    return status;
  }

  /** The PropagationError for a status returned by propagateInto. */
  errorFor(status: number, tsinceMin: number): PropagationError {
    const id = this.input.catalogNumber;
    if (status === 6 || status === 7) {
      const why = status === 6 ? SGP4_ERROR_MESSAGES[6]! : 'SGP4 output is not a physical orbit (semi-major axis ≤ 0 or radius beyond 2e6 km): the object has most likely decayed';
      return new PropagationError('OBJECT_DECAYED', `Object ${id} at ${tsinceMin.toFixed(3)} min from epoch: ${why}. Use a newer element set or drop the object.`, {
        objectId: id,
        tsinceMin,
        ...(status === 6 ? { sgp4Code: 6 } : {}),
      });
    }
    return new PropagationError(
      'PROPAGATION_FAILED',
      `Object ${id} at ${tsinceMin.toFixed(3)} min from epoch: SGP4 error ${status}, ${SGP4_ERROR_MESSAGES[status] ?? 'unknown'}. The elements are not usable this far from epoch.`,
      { objectId: id, tsinceMin, sgp4Code: status },
    );
  }
}
