/**
 * Frame transformations between TEME (SGP4 output), PEF, ITRF and GCRF/EME2000 by the IAU-76/FK5 chain
 * (Vallado et al. 2006, AIAA 2006-6753, §"TEME" and Appendix C):
 *
 *   r_PEF  = R3(θ_GMST82) · r_TEME                         v_PEF  = R3(θ) · v_TEME − ω⊕ × r_PEF
 *   r_ITRF = R1(−y_p) · R2(−x_p) · r_PEF                  (polar motion, s' neglected)
 *   r_TOD  = R3(−Eq_e) · r_TEME,   Eq_e = Δψ·cos ε̄ + 0.00264"·sin Ω + 0.000063"·sin 2Ω
 *            (IAU 1994 equation of the equinoxes; the kinematic terms apply from 1997-02-27 on. The published
 *            TOD/GCRF states of Vallado's example reproduce to 0.05 mm only with them.)
 *   r_MOD  = Nᵀ · r_TOD,   N = R1(−ε) · R3(−Δψ) · R1(ε̄)
 *   r_GCRF = Pᵀ · r_MOD,   P = R3(−z) · R2(θ) · R3(−ζ)
 *
 * With the EOP corrections δΔψ, δΔε the last frame is GCRF; without them it is the FK5 J2000 (EME2000)
 * frame. The two differ by tens of milliarcseconds (~1 m at LEO radius), below SGP4's own accuracy.
 * Rotation matrices use the passive convention of Vallado and SOFA (math/mat3.ts).
 */
import { apply3, IDENTITY3, mul3, rot1, rot2, rot3, transpose3, type Mat3 } from '../math/mat3.ts';
import { cross, sub, add, vec3, type StateVector, type Vec3 } from '../math/vec3.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { ARCSEC_TO_RAD, EARTH_ROTATION_RAD_S, SECONDS_PER_DAY } from '../units/index.ts';
import { gmst1982, nutation1980, precession1976, type Nutation1980 } from './fk5.ts';

/** Earth rotation vector in PEF (rad/s), reduced by the excess length of day. */
function earthRotation(lodS: number): Vec3<'PEF'> {
  return vec3<'PEF'>(0, 0, EARTH_ROTATION_RAD_S * (1 - lodS / SECONDS_PER_DAY));
}

/** Rotation TEME → PEF at an instant (R3 of GMST 1982 from UT1). */
export function temeToPefMatrix(t: Instant, ts: TimeScales): Mat3 {
  const ut1 = ts.ut1JulianDate(t);
  return rot3(gmst1982(ut1.jd1, ut1.jd2));
}

/** Polar-motion rotation PEF → ITRF. */
export function pefToItrfMatrix(t: Instant, ts: TimeScales): Mat3 {
  const e = ts.eopAt(t);
  return mul3(rot1(-e.ypArcsec * ARCSEC_TO_RAD), rot2(-e.xpArcsec * ARCSEC_TO_RAD));
}

/** MJD (TT) from which the IAU 1994 kinematic terms enter the equation of the equinoxes (1997-02-27). */
const KINEMATIC_TERMS_FROM_MJD = 50506;

/** Equation of the equinoxes, IAU 1994 form (rad). */
export function equationOfEquinoxes1994(nut: Nutation1980, t: Instant): number {
  const geometric = nut.dPsi * Math.cos(nut.meanEps);
  if (t.taiDay < KINEMATIC_TERMS_FROM_MJD) return geometric;
  return geometric + (0.00264 * Math.sin(nut.omega) + 0.000063 * Math.sin(2 * nut.omega)) * ARCSEC_TO_RAD;
}

/** Rotation TEME → GCRF (or EME2000 when `withEopCorrections` is false or no EOP is given). */
export function temeToGcrfMatrix(t: Instant, ts: TimeScales, withEopCorrections = true): Mat3 {
  const T = t.ttCenturiesSinceJ2000();
  const e = ts.eopAt(t);
  const nut = withEopCorrections ? nutation1980(T, e.dPsiArcsec, e.dEpsArcsec) : nutation1980(T);
  const eqe = equationOfEquinoxes1994(nut, t);
  const p = precession1976(T);
  const P = mul3(rot3(-p.z), mul3(rot2(p.theta), rot3(-p.zeta)));
  const N = mul3(rot1(-nut.trueEps), mul3(rot3(-nut.dPsi), rot1(nut.meanEps)));
  // r_GCRF = Pᵀ Nᵀ R3(−Eq_e) r_TEME
  return mul3(transpose3(P), mul3(transpose3(N), rot3(-eqe)));
}

/** TEME → PEF state (position and velocity, km and km/s). */
export function temeToPef(sv: StateVector<'TEME'>, t: Instant, ts: TimeScales): StateVector<'PEF'> {
  const m = temeToPefMatrix(t, ts);
  const r = apply3<'TEME', 'PEF'>(m, sv.r);
  const w = earthRotation(ts.eopAt(t).lodS);
  const v = sub(apply3<'TEME', 'PEF'>(m, sv.v), cross(w, r));
  return { r, v };
}

/** PEF → TEME state. */
export function pefToTeme(sv: StateVector<'PEF'>, t: Instant, ts: TimeScales): StateVector<'TEME'> {
  const mt = transpose3(temeToPefMatrix(t, ts));
  const w = earthRotation(ts.eopAt(t).lodS);
  return { r: apply3<'PEF', 'TEME'>(mt, sv.r), v: apply3<'PEF', 'TEME'>(mt, add(sv.v, cross(w, sv.r))) };
}

/** TEME → ITRF state (Earth-fixed velocity). */
export function temeToItrf(sv: StateVector<'TEME'>, t: Instant, ts: TimeScales): StateVector<'ITRF'> {
  const pef = temeToPef(sv, t, ts);
  const w = pefToItrfMatrix(t, ts);
  return { r: apply3<'PEF', 'ITRF'>(w, pef.r), v: apply3<'PEF', 'ITRF'>(w, pef.v) };
}

/** ITRF → TEME state. */
export function itrfToTeme(sv: StateVector<'ITRF'>, t: Instant, ts: TimeScales): StateVector<'TEME'> {
  const wt = transpose3(pefToItrfMatrix(t, ts));
  return pefToTeme({ r: apply3<'ITRF', 'PEF'>(wt, sv.r), v: apply3<'ITRF', 'PEF'>(wt, sv.v) }, t, ts);
}

/** TEME → GCRF state (EOP nutation corrections applied when the TimeScales carry EOP). */
export function temeToGcrf(sv: StateVector<'TEME'>, t: Instant, ts: TimeScales): StateVector<'GCRF'> {
  const m = temeToGcrfMatrix(t, ts);
  return { r: apply3<'TEME', 'GCRF'>(m, sv.r), v: apply3<'TEME', 'GCRF'>(m, sv.v) };
}

/** GCRF → TEME state. */
export function gcrfToTeme(sv: StateVector<'GCRF'>, t: Instant, ts: TimeScales): StateVector<'TEME'> {
  const m = transpose3(temeToGcrfMatrix(t, ts));
  return { r: apply3<'GCRF', 'TEME'>(m, sv.r), v: apply3<'GCRF', 'TEME'>(m, sv.v) };
}

/** TEME → EME2000 (FK5 J2000, no EOP nutation corrections). */
export function temeToEme2000(sv: StateVector<'TEME'>, t: Instant, ts: TimeScales): StateVector<'EME2000'> {
  const m = temeToGcrfMatrix(t, ts, false);
  return { r: apply3<'TEME', 'EME2000'>(m, sv.r), v: apply3<'TEME', 'EME2000'>(m, sv.v) };
}

/** EME2000 (FK5 J2000) → TEME. */
export function eme2000ToTeme(sv: StateVector<'EME2000'>, t: Instant, ts: TimeScales): StateVector<'TEME'> {
  const m = transpose3(temeToGcrfMatrix(t, ts, false));
  return { r: apply3<'EME2000', 'TEME'>(m, sv.r), v: apply3<'EME2000', 'TEME'>(m, sv.v) };
}

/** Frames a TEME state can be rotated into in bulk. */
export type TemeTarget = 'TEME' | 'GCRF' | 'EME2000' | 'ITRF';

/**
 * The rotation of TEME states into `target` at one instant, precomputed so that many states at that instant
 * (a catalog) cost one matrix product each: r' = W·R·r, v' = W·(R·v − ω × R·r), with ω = 0 and W = I for the
 * inertial targets.
 */
export interface TemeStateRotation {
  readonly target: TemeTarget;
  readonly r: Mat3;
  readonly w: Mat3;
  /** Earth rotation rate about PEF z (rad/s), 0 for inertial targets. */
  readonly omega: number;
}

export function temeStateRotation(target: TemeTarget, t: Instant, ts: TimeScales): TemeStateRotation {
  switch (target) {
    case 'TEME':
      return { target, r: IDENTITY3, w: IDENTITY3, omega: 0 };
    case 'GCRF':
      return { target, r: temeToGcrfMatrix(t, ts, true), w: IDENTITY3, omega: 0 };
    case 'EME2000':
      return { target, r: temeToGcrfMatrix(t, ts, false), w: IDENTITY3, omega: 0 };
    case 'ITRF':
      return { target, r: temeToPefMatrix(t, ts), w: pefToItrfMatrix(t, ts), omega: earthRotation(ts.eopAt(t).lodS)[2] };
  }
}

/** Applies a TemeStateRotation to the 6-vector at `src[srcOffset]`, writing `dst[dstOffset]` (may alias). */
export function rotateTemeStateInto(rot: TemeStateRotation, src: Float64Array, srcOffset: number, dst: Float64Array, dstOffset: number): void {
  const m = rot.r;
  const x = src[srcOffset]!, y = src[srcOffset + 1]!, z = src[srcOffset + 2]!;
  const vx = src[srcOffset + 3]!, vy = src[srcOffset + 4]!, vz = src[srcOffset + 5]!;
  const rx = m[0] * x + m[1] * y + m[2] * z;
  const ry = m[3] * x + m[4] * y + m[5] * z;
  const rz = m[6] * x + m[7] * y + m[8] * z;
  // v − ω × r with ω = (0, 0, omega)
  const ux = m[0] * vx + m[1] * vy + m[2] * vz + rot.omega * ry;
  const uy = m[3] * vx + m[4] * vy + m[5] * vz - rot.omega * rx;
  const uz = m[6] * vx + m[7] * vy + m[8] * vz;
  const w = rot.w;
  dst[dstOffset] = w[0] * rx + w[1] * ry + w[2] * rz;
  dst[dstOffset + 1] = w[3] * rx + w[4] * ry + w[5] * rz;
  dst[dstOffset + 2] = w[6] * rx + w[7] * ry + w[8] * rz;
  dst[dstOffset + 3] = w[0] * ux + w[1] * uy + w[2] * uz;
  dst[dstOffset + 4] = w[3] * ux + w[4] * uy + w[5] * uz;
  dst[dstOffset + 5] = w[6] * ux + w[7] * uy + w[8] * uz;
}
