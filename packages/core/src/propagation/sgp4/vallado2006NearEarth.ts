/**
 * Skylane's own allocation-free near-earth SGP4 step (orbital period < 225 min): Hoots & Roehrich, Spacetrack
 * Report #3 (1980), as revised by Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3"
 * (AIAA 2006-6753), WGS-72 constants. It reads the secular and periodic coefficients of an element set already
 * initialised by `sgp4init` (copied once into a compact Float64Array record) and writes x, y, z, vx, vy, vz
 * (TEME, km, km/s) into a Float64Array at an offset. Deep-space objects (SDP4) are not handled here.
 *
 * The operations follow the published equations term by term and in the published order of evaluation (see
 * docs/design/0002-sgp4-initialisation.md, "Near-earth propagation step"), so that results agree with the
 * reference implementations to the last bits of the double precision arithmetic.
 */
import type { SatRec } from 'satellite.js';

/** WGS-72 constants of SGP4 (Vallado 2006, getgravconst 'wgs72'): equatorial radius (km), μ (km³/s²), J2. */
const RADIUS_EARTH_KM = 6378.135;
const MU_KM3_PER_S2 = 398600.8;
const J2 = 0.001082616;
/** √(μ/Rₑ³) in 1/min (SGP4's "xke", Earth radii^1.5 per minute). */
const XKE = 60.0 / Math.sqrt((RADIUS_EARTH_KM * RADIUS_EARTH_KM * RADIUS_EARTH_KM) / MU_KM3_PER_S2);
/** Velocity unit: Earth radii per minute to km/s. */
const VKM_PER_S = (RADIUS_EARTH_KM * XKE) / 60.0;
const TWO_PI = Math.PI * 2;
const TWO_THIRDS = 2.0 / 3.0;
const HALF_J2 = 0.5 * J2;

// Record layout (indices into the Float64Array built by nearEarthRecordFrom).
const MO = 0;
const MDOT = 1;
const ARGPO = 2;
const ARGPDOT = 3;
const NODEO = 4;
const NODEDOT = 5;
const NODECF = 6;
const CC1 = 7;
const BSTAR_CC4 = 8;
const T2COF = 9;
const ISIMP = 10;
const OMGCOF = 11;
const ETA = 12;
const XMCOF = 13;
const DELMO = 14;
const D2 = 15;
const D3 = 16;
const D4 = 17;
const BSTAR_CC5 = 18;
const SINMAO = 19;
const T3COF = 20;
const T4COF = 21;
const T5COF = 22;
const NO = 23;
/** (xke / n₀)^(2/3): the mean motion is constant for near-earth objects, so the power is taken once. */
const A_BASE = 24;
const ECCO = 25;
const INCLO = 26;
const SIN_INCLO = 27;
const COS_INCLO = 28;
const AYCOF = 29;
const XLCOF = 30;
const CON41 = 31;
const X1MTH2 = 32;
const X7THM1 = 33;
const CON41_1_5 = 34;

/** Length of a near-earth record (Float64Array elements). */
export const NEAR_EARTH_RECORD_LENGTH = 35;

/** Status for a state that is not a physical orbit (the same meaning as Sgp4Satellite.propagateInto's 7). */
const NOT_PHYSICAL = 7;
/** Positions beyond this distance (km) are not an Earth orbit (the bound of Sgp4Satellite, squared). */
const MAX_RADIUS_SQ_KM2 = 2.0e6 * 2.0e6;

/**
 * The compact record of an initialised near-earth satrec (`method === 'n'`), or undefined for a deep-space
 * one. Products that the step always evaluates left to right with constant leading factors (B*·C4, B*·C5,
 * (xke/n₀)^(2/3), 1.5·(3cos²i−1)) are formed here once, which leaves every rounding of the step unchanged.
 */
export function nearEarthRecordFrom(satrec: SatRec): Float64Array | undefined {
  if (satrec.method !== 'n') return undefined;
  const r = new Float64Array(NEAR_EARTH_RECORD_LENGTH);
  r[MO] = satrec.mo;
  r[MDOT] = satrec.mdot;
  r[ARGPO] = satrec.argpo;
  r[ARGPDOT] = satrec.argpdot;
  r[NODEO] = satrec.nodeo;
  r[NODEDOT] = satrec.nodedot;
  r[NODECF] = satrec.nodecf;
  r[CC1] = satrec.cc1;
  r[BSTAR_CC4] = satrec.bstar * satrec.cc4;
  r[T2COF] = satrec.t2cof;
  r[ISIMP] = satrec.isimp === 1 ? 1 : 0;
  r[OMGCOF] = satrec.omgcof;
  r[ETA] = satrec.eta;
  r[XMCOF] = satrec.xmcof;
  r[DELMO] = satrec.delmo;
  r[D2] = satrec.d2;
  r[D3] = satrec.d3;
  r[D4] = satrec.d4;
  r[BSTAR_CC5] = satrec.bstar * satrec.cc5;
  r[SINMAO] = satrec.sinmao;
  r[T3COF] = satrec.t3cof;
  r[T4COF] = satrec.t4cof;
  r[T5COF] = satrec.t5cof;
  r[NO] = satrec.no;
  r[A_BASE] = Math.pow(XKE / satrec.no, TWO_THIRDS);
  r[ECCO] = satrec.ecco;
  r[INCLO] = satrec.inclo;
  r[SIN_INCLO] = Math.sin(satrec.inclo);
  r[COS_INCLO] = Math.cos(satrec.inclo);
  r[AYCOF] = satrec.aycof;
  r[XLCOF] = satrec.xlcof;
  r[CON41] = satrec.con41;
  r[X1MTH2] = satrec.x1mth2;
  r[X7THM1] = satrec.x7thm1;
  r[CON41_1_5] = 1.5 * satrec.con41;
  return r;
}

/**
 * One near-earth SGP4 evaluation at `t` minutes from epoch. Writes x, y, z (km) and vx, vy, vz (km/s), TEME, into
 * `out[offset..offset+5]` and returns 0; on failure writes NaN there and returns SGP4's code (1 mean eccentricity
 * outside [−0.001, 1), 2 mean motion ≤ 0, 4 semi-latus rectum < 0, 6 radius below one Earth radius) or 7 (the
 * drag polynomial 1 − C1·t − D2·t² − … has crossed zero, so the semi-major axis is no longer defined; radius
 * beyond 2e6 km; non-finite output). Allocates nothing.
 */
export function propagateNearEarthInto(rec: Float64Array, t: number, out: Float64Array, offset: number): number {
  // Secular effects of gravity (Spacetrack #3 eqs. for M_DF, ω_DF, Ω_DF) and atmospheric drag.
  const xmdf = rec[MO]! + rec[MDOT]! * t;
  const argpdf = rec[ARGPO]! + rec[ARGPDOT]! * t;
  const nodedf = rec[NODEO]! + rec[NODEDOT]! * t;
  let argpm = argpdf;
  let mm = xmdf;
  const t2 = t * t;
  let nodem = nodedf + rec[NODECF]! * t2;
  let tempa = 1.0 - rec[CC1]! * t;
  let tempe = rec[BSTAR_CC4]! * t;
  let templ = rec[T2COF]! * t2;
  if (rec[ISIMP] !== 1) {
    const delomg = rec[OMGCOF]! * t;
    const delmtemp = 1.0 + rec[ETA]! * Math.cos(xmdf);
    const delm = rec[XMCOF]! * (delmtemp * delmtemp * delmtemp - rec[DELMO]!);
    const temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    const t3 = t2 * t;
    const t4 = t3 * t;
    tempa = tempa - rec[D2]! * t2 - rec[D3]! * t3 - rec[D4]! * t4;
    tempe += rec[BSTAR_CC5]! * (Math.sin(mm) - rec[SINMAO]!);
    templ = templ + rec[T3COF]! * t3 + t4 * (rec[T4COF]! + t * rec[T5COF]!);
  }
  const no = rec[NO]!;
  if (!(no > 0.0)) return fail(out, offset, 2);
  const am = rec[A_BASE]! * tempa * tempa;
  const nm = XKE / Math.pow(am, 1.5);
  let em = rec[ECCO]! - tempe;
  if (em >= 1.0 || em < -0.001) return fail(out, offset, 1);
  if (em < 1.0e-6) em = 1.0e-6;
  mm += no * templ;
  const xlm = (mm + argpm + nodem) % TWO_PI;
  nodem %= TWO_PI;
  argpm %= TWO_PI;
  mm = (xlm - argpm - nodem) % TWO_PI;

  // Long-period periodics (J3), in the Lyddane-style variables a_xN, a_yN.
  const axnl = em * Math.cos(argpm);
  let temp = 1.0 / (am * (1.0 - em * em));
  const aynl = em * Math.sin(argpm) + temp * rec[AYCOF]!;
  const xl = mm + argpm + nodem + temp * rec[XLCOF]! * axnl;

  // Kepler's equation for E + ω, Newton-Raphson with the step limited to 0.95 rad, at most 10 iterations.
  const u = (xl - nodem) % TWO_PI;
  let eo1 = u;
  let tem5 = 9999.9;
  let sineo1 = 0;
  let coseo1 = 0;
  for (let ktr = 1; ktr <= 10 && Math.abs(tem5) >= 1.0e-12; ktr++) {
    sineo1 = Math.sin(eo1);
    coseo1 = Math.cos(eo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 += tem5;
  }

  // Short-period preliminary quantities.
  const ecose = axnl * coseo1 + aynl * sineo1;
  const esine = axnl * sineo1 - aynl * coseo1;
  const el2 = axnl * axnl + aynl * aynl;
  const pl = am * (1.0 - el2);
  if (pl < 0.0) return fail(out, offset, 4);
  const rl = am * (1.0 - ecose);
  const rdotl = (Math.sqrt(am) * esine) / rl;
  const rvdotl = Math.sqrt(pl) / rl;
  const betal = Math.sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const sinu = (am / rl) * (sineo1 - aynl - axnl * temp);
  const cosu = (am / rl) * (coseo1 - axnl + aynl * temp);
  let su = Math.atan2(sinu, cosu);
  const sin2u = (cosu + cosu) * sinu;
  const cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const temp1 = HALF_J2 * temp;
  const temp2 = temp1 * temp;

  // Short-period periodics (J2) and the osculating radius, argument of latitude, node, inclination, rates.
  const x1mth2 = rec[X1MTH2]!;
  const mrt = rl * (1.0 - 1.5 * temp2 * betal * rec[CON41]!) + 0.5 * temp1 * x1mth2 * cos2u;
  if (mrt < 1.0) return fail(out, offset, 6);
  const cosip = rec[COS_INCLO]!;
  su -= 0.25 * temp2 * rec[X7THM1]! * sin2u;
  const xnode = nodem + 1.5 * temp2 * cosip * sin2u;
  const xinc = rec[INCLO]! + 1.5 * temp2 * cosip * rec[SIN_INCLO]! * cos2u;
  const mvt = rdotl - (nm * temp1 * x1mth2 * sin2u) / XKE;
  const rvdot = rvdotl + (nm * temp1 * (x1mth2 * cos2u + rec[CON41_1_5]!)) / XKE;

  // Orientation vectors U (radial) and V (along-track), then position (km) and velocity (km/s).
  const sinsu = Math.sin(su);
  const cossu = Math.cos(su);
  const snod = Math.sin(xnode);
  const cnod = Math.cos(xnode);
  const sini = Math.sin(xinc);
  const cosi = Math.cos(xinc);
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  const vx = xmx * cossu - cnod * sinsu;
  const vy = xmy * cossu - snod * sinsu;
  const vz = sini * cossu;
  // The drag polynomial's root: past it a = a₀·tempa² grows again and SGP4 returns a fictitious orbit.
  if (tempa <= 0) return fail(out, offset, NOT_PHYSICAL);
  const x = mrt * ux * RADIUS_EARTH_KM;
  const y = mrt * uy * RADIUS_EARTH_KM;
  const z = mrt * uz * RADIUS_EARTH_KM;
  const xd = (mvt * ux + rvdot * vx) * VKM_PER_S;
  const yd = (mvt * uy + rvdot * vy) * VKM_PER_S;
  const zd = (mvt * uz + rvdot * vz) * VKM_PER_S;
  if (!(x * x + y * y + z * z < MAX_RADIUS_SQ_KM2) || !Number.isFinite(xd + yd + zd)) return fail(out, offset, NOT_PHYSICAL);
  out[offset] = x;
  out[offset + 1] = y;
  out[offset + 2] = z;
  out[offset + 3] = xd;
  out[offset + 4] = yd;
  out[offset + 5] = zd;
  return 0;
}

function fail(out: Float64Array, offset: number, status: number): number {
  out.fill(Number.NaN, offset, offset + 6);
  return status;
}
