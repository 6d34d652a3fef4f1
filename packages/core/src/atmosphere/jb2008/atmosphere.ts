/**
 * JB2008 as an `AtmosphereModel` for drag: converts the instant and the ITRF position into the model's inputs
 * (UTC MJD, Sun right ascension/declination, the point's right ascension, latitude and height), looks the indices up
 * and evaluates `jb2008`.
 *
 * Hour angle: the model reads only α_point − α_Sun. Both are taken as Earth-fixed longitudes in the pseudo
 * Earth-fixed frame (PEF): λ_point from the ITRF position (polar motion, ≤ 0.5″, neglected), λ_Sun = α⊙(TEME) −
 * GMST82(UT1) with α⊙(TEME) = α⊙(true of date) − Eq_e. The geometric geocentric Sun (minus the heliocentric Earth
 * of astronomy-engine 2.1.19 at TT, no light time or aberration, as Orekit's Sun), rotated to the true equator and
 * equinox of date, is tabulated at whole TT hours with Eq_e (IAU 1994) and interpolated linearly (chord error
 * < 1e-7 rad); the Sun's declination is its true-of-date declination. This is what Orekit does (Sun and point
 * longitudes/latitudes in its Earth frame); the reference driver uses its own low-precision SUNPOS and a
 * sidereal-angle fit instead (≈ 0.01°).
 *
 * Latitude: `'geodetic'` (WGS-84, default: Orekit's choice, which its reference values assume) or `'geocentric'`
 * (what the JB2008 Fortran header documents for SAT(2)). Height: above the WGS-84 ellipsoid in both cases.
 */
import { AstroTime, Body, HelioVector, RotateVector, Rotation_EQJ_EQD } from 'astronomy-engine';
import { ArgumentError } from '../../errors/index.ts';
import { gmst1982, nutation1980 } from '../../frames/fk5.ts';
import { itrfToGeodetic } from '../../frames/geodetic.ts';
import { equationOfEquinoxes1994 } from '../../frames/transforms.ts';
import { vec3 } from '../../math/vec3.ts';
import type { AtmosphereModel } from '../../propagation/numerical/forceModel.ts';
import { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { SECONDS_PER_DAY, TWO_PI } from '../../units/index.ts';
import { jb2008, type Jb2008Input, type Jb2008Output, type Jb2008SolarIndices } from './model.ts';

/** Anything that gives the lagged JB2008 indices at a UTC MJD (a `Jb2008SpaceWeather`, or fixed values in tests). */
export interface Jb2008IndexSource {
  at(mjdUtc: number): { readonly indices: Jb2008SolarIndices; readonly dstDtcK: number };
}

export interface Jb2008AtmosphereOptions {
  /** Latitude fed to the model: `'geodetic'` (default, Orekit) or `'geocentric'` (JB2008.for header). */
  readonly latitude?: 'geodetic' | 'geocentric';
}

/** Offset of TT from TAI (s). */
const TT_MINUS_TAI_S = 32.184;
/** Days from MJD 0 to J2000.0 (2000-01-01 12:00 TT). */
const MJD_J2000 = 51544.5;

interface SunNode {
  /** Right ascension of the apparent Sun from the TEME x axis (rad): α(true of date) − Eq_e. */
  readonly raTeme: number;
  readonly dec: number;
}

/** Geometric geocentric Sun at a TT MJD: right ascension from TEME's x axis and true-of-date declination (rad). */
export function sunTemeRaDec(ttMjd: number): { raTemeRad: number; decRad: number } {
  const time = AstroTime.FromTerrestrialTime(ttMjd - MJD_J2000);
  const e = HelioVector(Body.Earth, time);
  e.x = -e.x;
  e.y = -e.y;
  e.z = -e.z;
  const v = RotateVector(Rotation_EQJ_EQD(time), e);
  const T = (ttMjd - MJD_J2000) / 36525;
  const nut = nutation1980(T);
  // equationOfEquinoxes1994 reads only the TAI day to decide on the kinematic terms.
  const eqe = equationOfEquinoxes1994(nut, Instant.fromTai(Math.floor(ttMjd), 0));
  return { raTemeRad: Math.atan2(v.y, v.x) - eqe, decRad: Math.atan2(v.z, Math.hypot(v.x, v.y)) };
}

/** Jacchia–Bowman 2008 atmosphere driven by SOLFSMY/DTCFILE indices (see `indices.ts`). */
export class Jb2008Atmosphere implements AtmosphereModel {
  readonly name = 'jb2008';
  readonly indices: Jb2008IndexSource;
  readonly latitude: 'geodetic' | 'geocentric';
  /** Sun at whole TT hours (key: TT MJD × 24); a cache keyed by time, so results never depend on call order. */
  private readonly sunNodes = new Map<number, SunNode>();

  constructor(indices: Jb2008IndexSource, options: Jb2008AtmosphereOptions = {}) {
    this.indices = indices;
    this.latitude = options.latitude ?? 'geodetic';
  }

  densityKgPerM3(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): number {
    return this.evaluate(instant, timeScales, itrfPositionKm).densityKgPerM3;
  }

  /** The model's full output and the inputs it was given (for diagnostics and tests). */
  evaluate(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): Jb2008Output & { readonly input: Jb2008Input } {
    const input = this.inputs(instant, timeScales, itrfPositionKm);
    return { ...jb2008(input), input };
  }

  /** The model inputs at an instant and ITRF position (km). */
  inputs(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): Jb2008Input {
    const x = itrfPositionKm[0];
    const y = itrfPositionKm[1];
    const z = itrfPositionKm[2];
    if (x === undefined || y === undefined || z === undefined || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      throw new ArgumentError('JB2008 needs a finite ITRF position [x, y, z] in km.', itrfPositionKm);
    }
    const geo = itrfToGeodetic(vec3<'ITRF'>(x, y, z));
    const latRad = this.latitude === 'geodetic' ? geo.latRad : Math.atan2(z, Math.hypot(x, y));
    const utc = timeScales.toUtcDaySeconds(instant);
    const mjdUtc = utc.mjd + utc.seconds / SECONDS_PER_DAY;
    const ut1 = timeScales.ut1JulianDate(instant);
    const gmst = gmst1982(ut1.jd1, ut1.jd2);
    const sun = this.sunAt(instant.taiDay + (instant.taiSeconds + TT_MINUS_TAI_S) / SECONDS_PER_DAY);
    const ix = this.indices.at(mjdUtc);
    return {
      mjdUtc,
      sunRaRad: normaliseAngle(sun.raTeme - gmst),
      sunDecRad: sun.dec,
      pointRaRad: geo.lonRad,
      latRad,
      heightKm: geo.heightKm,
      indices: ix.indices,
      dstDtcK: ix.dstDtcK,
    };
  }

  private sunAt(ttMjd: number): SunNode {
    const h = ttMjd * 24;
    const k = Math.floor(h);
    const a = this.node(k);
    const b = this.node(k + 1);
    const f = h - k;
    let dRa = b.raTeme - a.raTeme;
    dRa -= TWO_PI * Math.round(dRa / TWO_PI);
    return { raTeme: a.raTeme + f * dRa, dec: a.dec + f * (b.dec - a.dec) };
  }

  private node(k: number): SunNode {
    let n = this.sunNodes.get(k);
    if (n === undefined) {
      if (this.sunNodes.size > 512) this.sunNodes.clear();
      const s = sunTemeRaDec(k / 24);
      n = { raTeme: s.raTemeRad, dec: s.decRad };
      this.sunNodes.set(k, n);
    }
    return n;
  }
}

function normaliseAngle(a: number): number {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}
