/**
 * Jacchia–Bowman 2008 (JB2008) thermospheric density: the model itself, over explicit inputs.
 *
 * Sources: Bowman, Tobiska, Marcos, Huang, Lin & Burke (2008), "A New Empirical Thermospheric Density Model
 * JB2008 Using New Solar and Geomagnetic Indices", AIAA 2008-6438 (the Tc equation with S10/M10/Y10, the Dst-based
 * ΔTc, the semiannual F(z)·G(t)); Bowman et al. (2008), "The JB2006 empirical thermospheric density model",
 * JASTP 70, 774-793 (the latitude/local-time ΔTc correction, the > 1500 km correction); Jacchia (1970), SAO
 * Special Report 313 (the temperature profile and the integration form, equations numbered as in the code of the
 * model: (1) mean molecular mass 90-105 km, (2)-(4) composition at 105 km, (5) barometric equation, (6) diffusion
 * equation, (7) hydrogen at 500 km, (9)-(13) temperature profile, (14)-(17) exospheric temperature, (23)
 * semiannual, (24) seasonal-latitudinal). The numerical choices (Newton–Cotes five-point rule on geometric height
 * steps with ratios 0.010/0.025/0.075, the constants and coefficient tables) follow Space Environment
 * Technologies' reference Fortran `JB2008.for` (Bowman 2008, SET release), so that its published test outputs
 * can be reproduced; coefficients below are transcribed from that release (public model coefficients, SET).
 *
 * Units: heights km, angles rad, temperatures K, solar indices sfu (10⁻²² W m⁻² Hz⁻¹), density kg/m³.
 * Validity: 90 km and above (the integration starts at 90 km; lower heights are refused); the indices are those
 * of SET's SOLFSMY/DTCFILE (see `indices.ts` for the lags). The time is UTC as a Modified Julian Date.
 */
import { ArgumentError } from '../../errors/index.ts';
import { calendarFromMjd, mjdFromCalendar } from '../../time/calendar.ts';

/** The eight JB2008 solar indices (sfu), already lagged as the model expects (see `indices.ts`). */
export interface Jb2008SolarIndices {
  /** F10.7 daily (1-day lag). */
  readonly f10: number;
  /** F10.7 81-day centred average (1-day lag). */
  readonly f10b: number;
  /** S10 (EUV 26-34 nm, scaled to F10) daily (1-day lag). */
  readonly s10: number;
  /** S10 81-day centred average (1-day lag). */
  readonly s10b: number;
  /** M10 (Mg II core-to-wing, scaled to F10) daily (2-day lag). */
  readonly m10: number;
  /** M10 81-day centred average (2-day lag). */
  readonly m10b: number;
  /** Y10 (X-ray / Lyman-α, scaled to F10) daily (5-day lag). */
  readonly y10: number;
  /** Y10 81-day centred average (5-day lag). */
  readonly y10b: number;
}

/** Everything one JB2008 evaluation reads. */
export interface Jb2008Input {
  /** UTC Modified Julian Date with fraction (the model's AMJD). */
  readonly mjdUtc: number;
  /** Right ascension of the Sun (rad). Only the difference `pointRaRad − sunRaRad` (the hour angle) enters. */
  readonly sunRaRad: number;
  /** Declination of the Sun (rad). */
  readonly sunDecRad: number;
  /** Right ascension of the point (rad), in the same equinox as `sunRaRad` (an Earth-fixed longitude pair works too). */
  readonly pointRaRad: number;
  /** Latitude of the point (rad). The reference Fortran documents geocentric latitude; Orekit feeds geodetic. */
  readonly latRad: number;
  /** Height of the point (km), 90 km or more. */
  readonly heightKm: number;
  readonly indices: Jb2008SolarIndices;
  /** Exospheric temperature change from the Dst index, ΔT_c (K), from DTCFILE. */
  readonly dstDtcK: number;
}

export interface Jb2008Output {
  /** Total mass density (kg/m³). */
  readonly densityKgPerM3: number;
  /** Exospheric temperature above the point, before the latitude/local-time ΔTc correction (the model's TEMP(1), K). */
  readonly exosphericTemperatureK: number;
  /** Local temperature at the point (the model's TEMP(2), K). */
  readonly temperatureK: number;
}

/** Lowest height of the model (km): the lower boundary of the integration. */
export const JB2008_MIN_HEIGHT_KM = 90;

// --- Physical constants of the model (JB2008.for) ------------------------------------------------------------------
/** Avogadro's number (molecules/kmol), the value of the model. */
const AVOGADRO = 6.02257e26;
/** Universal gas constant (J/(K·kmol)), the value of the model. */
const R_STAR = 8314.32;
/** Density at 90 km (kg/m³), Jacchia 1970 boundary condition. */
const RHO_90_KG_M3 = 3.46e-6;
/** Sea-level mean molecular mass (kg/kmol). */
const M_SEA_LEVEL = 28.96;
/** Sea-level volume fractions of N2, O2, Ar, He. */
const FRAC_N2 = 0.7811;
const FRAC_O2 = 0.20955;
const FRAC_AR = 9.34e-3;
const FRAC_HE = 1.289e-5;
/** Molecular masses (kg/kmol) in the order N2, O2, O, Ar, He, H. */
const MOLAR_MASS = [28.0134, 31.9988, 15.9994, 39.948, 4.0026, 1.00797] as const;
/** Thermal diffusion coefficients α of equation (6) for N2, O2, O, Ar, He. */
const THERMAL_DIFFUSION = [0, 0, 0, 0, -0.38] as const;
/** Geometric step ratios of the integration: 90-105 km, 105-500 km, above 500 km. */
const STEP_90_105 = 0.01;
const STEP_105_500 = 0.025;
const STEP_ABOVE_500 = 0.075;
/** Standard gravity (m/s²) and the radius (km) of the gravity law g(z) = g0/(1 + z/R)² (equation 8). */
const G0 = 9.80665;
const GRAVITY_RADIUS_KM = 6356.766;

// --- Coefficient tables (transcribed from SET's JB2008.for, Bowman 2008) -------------------------------------------
/** Mean molecular mass polynomial in (z − 100 km), equation (1), 90-105 km. */
const MBAR = [28.15204, -8.5586e-2, 1.284e-4, -1.0056e-5, -1.021e-5, 1.5044e-6, 9.9826e-8] as const;
/** High-altitude (> 1000 km) density correction coefficients (JB2006 §6.2). */
const CHT = [0.22, -0.2e-2, 0.115e-2, -0.211e-5] as const;
/** Semiannual amplitude F(z), 1997-2006 fit (JB2008 eq. 5). */
const FZM = [0.2689, -0.1176e-1, 0.2782e-1, -0.2782e-1, 0.347e-3] as const;
/** Semiannual phase G(t), 1997-2006 fit (JB2008 eq. 7). */
const GTM = [-0.3633, 0.8506e-1, 0.2401, -0.1897, -0.2554, -0.179e-1, 0.565e-3, -0.6407e-3, -0.3418e-2, -0.1252e-2] as const;
/** ΔTc latitude/local-time correction above 300 km ("B" table of DTSUB), 1-based in the comments. */
const DTC_B = [
  -0.457512297e1, -0.512114909e1, -0.693003609e2, 0.203716701e3, 0.703316291e3, -0.194349234e4, 0.110651308e4,
  -0.174378996e3, 0.188594601e4, -0.709371517e4, 0.922454523e4, -0.384508073e4, -0.645841789e1, 0.409703319e2,
  -0.48200656e3, 0.181870931e4, -0.237389204e4, 0.996703815e3, 0.361416936e2,
] as const;
/** ΔTc latitude/local-time correction 120-300 km ("C" table of DTSUB). */
const DTC_C = [
  -0.155986211e2, -0.512114909e1, -0.693003609e2, 0.203716701e3, 0.703316291e3, -0.194349234e4, 0.110651308e4,
  -0.220835117e3, 0.143256989e4, -0.318481844e4, 0.328981513e4, -0.135332119e4, 0.199956489e2, -0.127093998e2,
  0.212825156e2, -0.275555432e1, 0.110234982e2, 0.148881951e3, -0.751640284e3, 0.637876542e3, 0.127093998e2,
  -0.212825156e2, 0.275555432e1,
] as const;

/** Newton–Cotes five-point (Boole) weights × 45/... as used by the model: 14/45, 64/45, 24/45, 64/45, 14/45. */
const NC_W0 = 14 / 45;
const NC_W1 = 64 / 45;
const NC_W2 = 24 / 45;

/**
 * JB2008 total density at one point.
 *
 * Exospheric temperature (equations 14-17 with the JB2008 Tc):
 *   T_c = 392.4 + 3.227·F̄s + 0.298·ΔF10 + 2.259·ΔS10 + 0.312·ΔM10 + 0.178·ΔY10,
 *   F̄s = F10B·w + S10B·(1 − w), w = min(1, (F10B/240)^¼), ΔX = X − XB;
 *   T_l = T_c·(1 + 0.31·(S + (C − S)·|cos(τ/2)|³)), C = cos^2.5 η, S = sin^2.5 θ,
 *   η = |φ − δ⊙|/2, θ = |φ + δ⊙|/2, τ = H − 0.64577182 + 0.10471976·sin(H + 0.75049158), H = α − α⊙;
 *   T∞ = T_l + ΔT_c(Dst) + ΔT_c(latitude, local solar time, height, F10).
 * Temperature profile (Jacchia 1970, eq. 9-13): T_x = 444.3807 + 0.02385·T∞ − 392.8292·exp(−0.0021357·T∞) at
 * 125 km, gradient G_x = 1.9·(T_x − 183)/35; a quartic below 125 km and T_x + A·atan(G_x/A·Δz·(1 + 4.5e-6·Δz^2.5))
 * above, A = 2(T∞ − T_x)/π. Density: barometric equation (5) from 90 to 105 km with the mean molecular mass (1),
 * split into N2, O2, O, Ar, He at 105 km (2-4), diffusion equation (6) for each species above, hydrogen from its
 * 500 km value (7); then the seasonal-latitudinal (24) and semiannual (23) Δlog₁₀ρ and the > 1000 km factor.
 */
export function jb2008(input: Jb2008Input): Jb2008Output {
  const { indices: ix, heightKm: z, latRad: lat } = input;
  if (!(z >= JB2008_MIN_HEIGHT_KM)) {
    throw new ArgumentError(
      `JB2008 is defined from ${JB2008_MIN_HEIGHT_KM} km upward; height ${z} km is below it (stop the propagation with an altitude event, or use another model below 90 km).`,
      z,
    );
  }
  if (![input.mjdUtc, input.sunRaRad, input.sunDecRad, input.pointRaRad, lat, input.dstDtcK].every(Number.isFinite)) {
    throw new ArgumentError('JB2008 inputs must be finite numbers (time, Sun and point angles, ΔTc).', input);
  }

  // Equation (14): nighttime minimum global exospheric temperature with the JB2008 solar indices.
  const w = Math.min(1, Math.pow(ix.f10b / 240, 0.25));
  const fsb = ix.f10b * w + ix.s10b * (1 - w);
  const tc =
    392.4 + 3.227 * fsb + 0.298 * (ix.f10 - ix.f10b) + 2.259 * (ix.s10 - ix.s10b) + 0.312 * (ix.m10 - ix.m10b) + 0.178 * (ix.y10 - ix.y10b);

  // Equations (15)-(17): diurnal and latitudinal distribution.
  const eta = 0.5 * Math.abs(lat - input.sunDecRad);
  const theta = 0.5 * Math.abs(lat + input.sunDecRad);
  const hourAngle = input.pointRaRad - input.sunRaRad;
  const tau = hourAngle - 0.64577182 + 0.10471976 * Math.sin(hourAngle + 0.75049158);
  const c = Math.pow(Math.cos(eta), 2.5);
  const s = Math.pow(Math.sin(theta), 2.5);
  const cosHalfTau = Math.abs(Math.cos(0.5 * tau));
  const tl = tc * (1 + 0.31 * (s + (c - s) * cosHalfTau * cosHalfTau * cosHalfTau));

  // Local solar time (hours, [0, 24)) for the latitude/local-time correction.
  let lstH = ((hourAngle + Math.PI) * 12) / Math.PI;
  lstH -= 24 * Math.floor(lstH / 24);
  const dtcLst = latitudeLocalTimeDtc(ix.f10, lstH, lat, z);

  const exosphericTemperatureK = tl + input.dstDtcK;
  const tInf = exosphericTemperatureK + dtcLst;

  // Equations (9), (11), (13): temperature profile constants.
  const tx = 444.3807 + 0.02385 * tInf - 392.8292 * Math.exp(-0.0021357 * tInf);
  const gx = 0.054285714 * (tx - 183);
  const profile: Profile = { tx, gx, a: (2 * (tInf - tx)) / Math.PI, gOverA: 0 };
  profile.gOverA = gx / profile.a;

  // Equation (5): barometric equation from 90 km to min(z, 105 km), integrand M̄·g/T.
  const z1 = JB2008_MIN_HEIGHT_KM;
  const mb1 = meanMolecularMass(z1);
  const t1 = localTemperature(z1, profile);
  const seg1 = integrate(z1, Math.min(z, 105), STEP_90_105, profile, true);
  const zBase = seg1.zEnd;
  const mb2 = meanMolecularMass(zBase);
  const t2 = localTemperature(zBase, profile);
  const rho105 = (RHO_90_KG_M3 * mb2 * t1 * Math.exp((-1000 * seg1.sum) / R_STAR)) / (mb1 * t2);

  // Equations (2)-(4): number densities (per m³, natural logs) at the top of the mixed region.
  const nm = AVOGADRO * rho105;
  const n = nm / mb2;
  const f = nm / M_SEA_LEVEL;
  const ln = [Math.log(FRAC_N2 * f), Math.log(f * (1 + FRAC_O2) - n), Math.log(2 * (n - f)), Math.log(FRAC_AR * f), Math.log(FRAC_HE * f), 0];

  let temperatureK: number;
  let zLast = zBase;
  if (z <= 105) {
    temperatureK = t2;
    ln[5] = ln[4]! - 25; // negligible hydrogen
  } else {
    // Equation (6): diffusion from 105 km to min(z, 500 km), and on to max(z, 500 km) (hydrogen needs 500 km).
    const seg2 = integrate(zBase, Math.min(z, 500), STEP_105_500, profile, false);
    const seg3 = integrate(seg2.zEnd, Math.max(z, 500), z > 500 ? STEP_ABOVE_500 : STEP_105_500, profile, false);
    zLast = seg3.zEnd;
    const t3 = localTemperature(seg2.zEnd, profile);
    const t4 = localTemperature(seg3.zEnd, profile);
    const below500 = z <= 500;
    temperatureK = below500 ? t3 : t4;
    const lnTRatio = Math.log((below500 ? t3 : t4) / t2);
    const gInt = (1000 * (below500 ? seg2.sum : seg2.sum + seg3.sum)) / R_STAR;
    for (let i = 0; i < 5; i++) ln[i] = ln[i]! - (1 + THERMAL_DIFFUSION[i]!) * lnTRatio - gInt * MOLAR_MASS[i]!;
    // Equation (7): log10 n_H(500 km) [cm⁻³] = 73.13 − 39.40·log10 T∞ + 5.5·(log10 T∞)², moved to z by diffusion.
    const l = Math.log10(tInf);
    const log10NH500 = (5.5 * l - 39.4) * l + 73.13;
    const sign = below500 ? 1 : -1;
    ln[5] = Math.LN10 * (log10NH500 + 6) + sign * (Math.log(t4 / t3) + ((1000 * seg3.sum) / R_STAR) * MOLAR_MASS[5]);
  }

  // Equation (24): Jacchia 1970 seasonal-latitudinal variation, Δlog10 ρ.
  const yearPhase = (input.mjdUtc - 36204) / 365.2422;
  const capPhi = yearPhase - Math.floor(yearPhase);
  const sinLat = Math.sin(lat);
  const dz90 = z - 90;
  const dlrSl = 0.02 * dz90 * Math.exp(-0.045 * dz90) * (lat >= 0 ? 1 : -1) * Math.sin(2 * Math.PI * capPhi + 1.72) * sinLat * sinLat;

  // Equation (23): JB2008 semiannual variation F(z)·G(t), below 2000 km (tested on the last integration node).
  const dlrSa = zLast < 2000 ? semiannual(dayOfYear(input.mjdUtc), z, ix.f10b, ix.s10b, ix.m10b) : 0;

  const dlr = Math.LN10 * (dlrSl + dlrSa);
  let sumNm = 0;
  for (let i = 0; i < 6; i++) sumNm += Math.exp(ln[i]! + dlr) * MOLAR_MASS[i]!;
  let rho = sumNm / AVOGADRO;

  // High-altitude exospheric correction factor (JB2006 §6.2): cubic blend 1000-1500 km, linear above.
  if (z >= 1000 && z < 1500) {
    const zeta = (z - 1000) * 0.002;
    const f1500 = CHT[0] + CHT[1] * ix.f10b + (CHT[2] + CHT[3] * ix.f10b) * 1500;
    const dF1500 = (CHT[2] + CHT[3] * ix.f10b) * 500;
    rho *= 1 + (3 * f1500 - dF1500 - 3) * zeta * zeta + (dF1500 - 2 * f1500 + 2) * zeta * zeta * zeta;
  } else if (z >= 1500) {
    rho *= CHT[0] + CHT[1] * ix.f10b + CHT[2] * z + CHT[3] * ix.f10b * z;
  }

  return { densityKgPerM3: rho, exosphericTemperatureK, temperatureK };
}

interface Profile {
  readonly tx: number;
  readonly gx: number;
  readonly a: number;
  gOverA: number;
}

/** Equation (1): mean molecular mass (kg/kmol), 90-105 km. */
function meanMolecularMass(z: number): number {
  const dz = z - 100;
  let m = MBAR[6];
  for (let i = 5; i >= 0; i--) m = m * dz + MBAR[i]!;
  return m;
}

/** Equation (8): gravity (m/s²) at height z (km). */
function gravity(z: number): number {
  const q = 1 + z / GRAVITY_RADIUS_KM;
  return G0 / (q * q);
}

/**
 * Equations (10) and (13): temperature (K) at height z (km). Below 125 km the quartic
 * T = T_x + G_x·Δz·(1 − 7.3039742e-4·Δz² − 9.8204695e-6·Δz³) (i.e. −5.1/(5.7·35²) and 0.8/(1.9·35³) × G_x);
 * above, T = T_x + A·atan(G_x/A·Δz·(1 + 4.5e-6·Δz^2.5)), Δz = z − 125 km.
 */
function localTemperature(z: number, p: Profile): number {
  const dz = z - 125;
  if (dz <= 0) return ((-9.8204695e-6 * dz - 7.3039742e-4) * dz * dz + 1) * dz * p.gx + p.tx;
  return p.tx + p.a * Math.atan(p.gOverA * dz * (1 + 4.5e-6 * dz * dz * Math.sqrt(dz)));
}

/** Integrand of the barometric equation (5), M̄·g/T (withMass), or of the diffusion equation (6), g/T. */
function integrand(z: number, p: Profile, withMass: boolean): number {
  const gt = gravity(z) / localTemperature(z, p);
  return withMass ? meanMolecularMass(z) * gt : gt;
}

/**
 * ∫ integrand dz from `from` to `to` (km) with the model's quadrature: n = ⌊ln(to/from)/ratio⌋ + 1 geometric
 * sub-intervals (each `to/from`^(1/n) times the previous), the five-point Newton–Cotes rule on each.
 * Returns the sum and the last node (the end height as the Fortran accumulates it).
 */
function integrate(from: number, to: number, ratio: number, p: Profile, withMass: boolean): { sum: number; zEnd: number } {
  const al = Math.log(to / from);
  const n = Math.floor(al / ratio) + 1;
  const zr = Math.exp(al / n);
  let zStart = from;
  let fStart = integrand(from, p, withMass);
  let sum = 0;
  let z = from;
  for (let i = 0; i < n; i++) {
    const zNext = zr * zStart;
    const dz = 0.25 * (zNext - zStart);
    z = zStart + dz;
    const f1 = integrand(z, p, withMass);
    z += dz;
    const f2 = integrand(z, p, withMass);
    z += dz;
    const f3 = integrand(z, p, withMass);
    z += dz;
    const f4 = integrand(z, p, withMass);
    sum += dz * (NC_W0 * (fStart + f4) + NC_W1 * (f1 + f3) + NC_W2 * f2);
    fStart = f4;
    zStart = zNext;
  }
  return { sum, zEnd: z };
}

/** Day of the year with fraction (1.0 at 0 h UTC on 1 January), the model's TMOUTD. */
function dayOfYear(mjdUtc: number): number {
  const day = Math.floor(mjdUtc);
  const { year } = calendarFromMjd(day);
  return day - mjdFromCalendar(year, 1, 1) + 1 + (mjdUtc - day);
}

/**
 * JB2008 semiannual variation Δlog10 ρ = F(z)·G(t) (Bowman et al. 2008, eq. 4-7):
 * F(z) = B1 + B2·F̄smj + B3·z·F̄smj + B4·z²·F̄smj + B5·z·F̄smj², z in 1000 km, F̄smj = F10B − 0.70·S10B − 0.04·M10B,
 * floored at 1e-6; G(t) = Σ (C_k + C_{k+5}·F̄sm)·{1, sin ω, cos ω, sin 2ω, cos 2ω}, F̄sm = F10B − 0.75·S10B − 0.37·M10B,
 * ω = 2π(doy − 1)/365.
 */
function semiannual(doy: number, heightKm: number, f10b: number, s10b: number, m10b: number): number {
  const htz = heightKm / 1000;
  const fsmj = f10b - 0.7 * s10b - 0.04 * m10b;
  const fz = FZM[0] + FZM[1] * fsmj + FZM[2] * fsmj * htz + FZM[3] * fsmj * htz * htz + FZM[4] * fsmj * fsmj * htz;
  const fsm = f10b - 0.75 * s10b - 0.37 * m10b;
  const w = (2 * Math.PI * (doy - 1)) / 365;
  const s1 = Math.sin(w);
  const c1 = Math.cos(w);
  const s2 = Math.sin(2 * w);
  const c2 = Math.cos(2 * w);
  const gt =
    GTM[0] + GTM[1] * s1 + GTM[2] * c1 + GTM[3] * s2 + GTM[4] * c2 + fsm * (GTM[5] + GTM[6] * s1 + GTM[7] * c1 + GTM[8] * s2 + GTM[9] * c2);
  return Math.max(fz, 1e-6) * gt;
}

/** Σ_{k=0..4} coef[off + k]·st^(k+1), a polynomial in local solar time without constant term. */
function stPoly5(coef: readonly number[], off: number, st: number): number {
  return st * (coef[off]! + st * (coef[off + 1]! + st * (coef[off + 2]! + st * (coef[off + 3]! + st * coef[off + 4]!))));
}

/** C-table ΔTc height gradient term of DTSUB (the value at 200 km of d(ΔTc)/d(z/50 km)). */
function cGradient(fs: number, st: number, cs: number): number {
  return (
    DTC_C[0] +
    fs * (DTC_B[1] + stPoly5(DTC_C, 2, st)) +
    cs * stPoly5(DTC_C, 7, st) +
    cs * (DTC_C[12] + fs * (DTC_C[13] + st * (DTC_C[14] + st * DTC_C[15])))
  );
}

/** C-table ΔTc at 200 km. */
function cAt200(fs: number, st: number, cs: number): number {
  return DTC_C[16] + cs * st * (DTC_C[17] + st * (DTC_C[18] + st * DTC_C[19])) + fs * cs * (DTC_C[20] + st * (DTC_C[21] + st * DTC_C[22]));
}

/** B-table height-gradient term: cos φ·Σ_{k=0..5} B13+k·st^k (per 100 km). */
function bGradient(st: number, cs: number): number {
  return cs * (DTC_B[12] + stPoly5(DTC_B, 13, st));
}

/** B-table ΔTc at height 100·h km (300-600 km band). */
function bValue(fs: number, st: number, cs: number, h: number): number {
  return DTC_B[0] + fs * (DTC_B[1] + stPoly5(DTC_B, 2, st)) + cs * stPoly5(DTC_B, 7, st) + h * bGradient(st, cs) + DTC_B[18] * cs;
}

/**
 * Latitude / local-solar-time ΔTc correction (K) of JB2006 rev. A / JB2008 (DTSUB): polynomials in local solar
 * time/24, cos(latitude) and (F10 − 100)/100 fitted in height bands, with cubic blends 120-200 km (from 0 at 120 km),
 * 240-300 km and 600-800 km (to 0 at 800 km); zero below 120 km and above 800 km.
 */
function latitudeLocalTimeDtc(f10: number, lstH: number, lat: number, z: number): number {
  const st = lstH / 24;
  const cs = Math.cos(lat);
  const fs = (f10 - 100) / 100;
  if (z >= 120 && z <= 200) {
    const d200 = cAt200(fs, st, cs);
    const dd200 = cGradient(fs, st, cs);
    const zp = (z - 120) / 80;
    return (3 * d200 - dd200) * zp * zp + (dd200 - 2 * d200) * zp * zp * zp;
  }
  if (z > 200 && z <= 240) return cGradient(fs, st, cs) * ((z - 200) / 50) + cAt200(fs, st, cs);
  if (z > 240 && z <= 300) {
    const bb = cGradient(fs, st, cs);
    const aa = bb * 0.8 + cAt200(fs, st, cs);
    const d300 = bValue(fs, st, cs, 3);
    const dd300 = bGradient(st, cs);
    const cc = 3 * d300 - dd300 - 3 * aa - 2 * bb;
    const dd = d300 - aa - bb - cc;
    const zp = (z - 240) / 60;
    return aa + zp * (bb + zp * (cc + zp * dd));
  }
  if (z > 300 && z <= 600) return bValue(fs, st, cs, z / 100);
  if (z > 600 && z <= 800) {
    const aa = bValue(fs, st, cs, 6);
    const bb = bGradient(st, cs);
    const cc = -(3 * aa + 4 * bb) / 4;
    const dd = (aa + bb) / 4;
    const zp = (z - 600) / 100;
    return aa + zp * (bb + zp * (cc + zp * dd));
  }
  return 0;
}
