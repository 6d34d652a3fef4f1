/**
 * IAU-76/FK5 reduction (Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., §3.7; Vallado et al.
 * 2006, AIAA 2006-6753, Appendix): IAU 1976 precession, IAU 1980 nutation, GMST 1982 and polar motion.
 * All angles in radians; T is Julian centuries of TT since J2000.0 unless stated otherwise.
 */
import { ARCSEC_TO_RAD, DEG_TO_RAD, TWO_PI } from '../units/index.ts';
import { IAU1980_NUTATION_TERMS, IAU1980_TERM_STRIDE } from './iau1980NutationTable.ts';

/** Delaunay arguments of the IAU 1980 theory (Vallado fundarg, "80" option), rad. */
export function delaunay1980(T: number): { l: number; lp: number; F: number; D: number; omega: number } {
  const deg = (c0: number, c1: number, c2: number, c3: number): number =>
    ((((c3 * T + c2) * T + c1) * T) / 3600 + c0) * DEG_TO_RAD;
  return {
    l: deg(134.96298139, 1717915922.633, 31.31, 0.064),
    lp: deg(357.52772333, 129596581.224, -0.577, -0.012),
    F: deg(93.27191028, 1739527263.137, -13.257, 0.011),
    D: deg(297.85036306, 1602961601.328, -6.891, 0.019),
    omega: deg(125.04452222, -6962890.539, 7.455, 0.008),
  };
}

/** Mean obliquity of the ecliptic, IAU 1980: 84381.448" − 46.8150"T − 0.00059"T² + 0.001813"T³. */
export function meanObliquity1980(T: number): number {
  return (84381.448 + T * (-46.815 + T * (-0.00059 + T * 0.001813))) * ARCSEC_TO_RAD;
}

export interface Nutation1980 {
  /** Nutation in longitude Δψ including the EOP correction δΔψ, rad. */
  readonly dPsi: number;
  /** Nutation in obliquity Δε including δΔε, rad. */
  readonly dEps: number;
  /** Mean obliquity ε̄, rad. */
  readonly meanEps: number;
  /** True obliquity ε = ε̄ + Δε, rad. */
  readonly trueEps: number;
  /** Mean longitude of the Moon's ascending node Ω, rad (for the kinematic terms of the equation of equinoxes). */
  readonly omega: number;
}

/** IAU 1980 nutation, all 106 terms, plus optional EOP corrections δΔψ, δΔε (arcsec). */
export function nutation1980(T: number, ddPsiArcsec = 0, ddEpsArcsec = 0): Nutation1980 {
  const a = delaunay1980(T);
  let dPsi = 0;
  let dEps = 0;
  const k = IAU1980_NUTATION_TERMS;
  for (let i = k.length - IAU1980_TERM_STRIDE; i >= 0; i -= IAU1980_TERM_STRIDE) {
    const arg = k[i]! * a.l + k[i + 1]! * a.lp + k[i + 2]! * a.F + k[i + 3]! * a.D + k[i + 4]! * a.omega;
    dPsi += (k[i + 5]! + k[i + 6]! * T) * Math.sin(arg);
    dEps += (k[i + 7]! + k[i + 8]! * T) * Math.cos(arg);
  }
  dPsi = (dPsi * 1e-4 + ddPsiArcsec) * ARCSEC_TO_RAD;
  dEps = (dEps * 1e-4 + ddEpsArcsec) * ARCSEC_TO_RAD;
  const meanEps = meanObliquity1980(T);
  return { dPsi, dEps, meanEps, trueEps: meanEps + dEps, omega: a.omega };
}

/** IAU 1976 precession angles ζ, θ, z (Lieske et al. 1977), rad. */
export function precession1976(T: number): { zeta: number; theta: number; z: number } {
  const T2 = T * T;
  const T3 = T2 * T;
  return {
    zeta: (2306.2181 * T + 0.30188 * T2 + 0.017998 * T3) * ARCSEC_TO_RAD,
    theta: (2004.3109 * T - 0.42665 * T2 - 0.041833 * T3) * ARCSEC_TO_RAD,
    z: (2306.2181 * T + 1.09468 * T2 + 0.018203 * T3) * ARCSEC_TO_RAD,
  };
}

/**
 * Greenwich mean sidereal time, IAU 1982 (Aoki et al. 1982; Vallado eq. 3-47), from a two-part UT1 Julian date.
 * GMST(s) = 67310.54841 + (876600·3600 + 8640184.812866)·Tu + 0.093104·Tu² − 6.2e-6·Tu³.
 */
export function gmst1982(jdUt1Part1: number, jdUt1Part2: number): number {
  const tu = (jdUt1Part1 - 2451545.0 + jdUt1Part2) / 36525;
  // Split the large linear term: 876600 h·3600 s/h per century is whole days (0 mod 86400) → use the day fraction.
  const daysSinceJ2000 = jdUt1Part1 - 2451545.0 + jdUt1Part2;
  const dayFraction = daysSinceJ2000 - Math.floor(daysSinceJ2000);
  const seconds = 67310.54841 + 8640184.812866 * tu + 0.093104 * tu * tu - 6.2e-6 * tu * tu * tu + dayFraction * 86400;
  const rad = ((seconds % 86400) / 86400) * TWO_PI;
  return ((rad % TWO_PI) + TWO_PI) % TWO_PI;
}
