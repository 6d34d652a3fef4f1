/**
 * NRLMSISE-00 empirical model of the neutral atmosphere, 0 to ~1000 km (Picone, Hedin, Drob, Aikin 2002).
 *
 * Reference: J. M. Picone, A. E. Hedin, D. P. Drob, A. C. Aikin, "NRLMSISE-00 empirical model of the atmosphere:
 * statistical comparisons and scientific issues", J. Geophys. Res. 107(A12), 1468, 2002, doi:10.1029/2002JA009430,
 * and the model's public-domain FORTRAN distribution (subroutines GTD7, GTD7D, GTS7, GLOBE7, GLB7S, DENSU, DENSM,
 * with the MSIS-86/MSISE-90 formulation of Hedin, J. Geophys. Res. 92(A5), 4649, 1987 and 96(A2), 1159, 1991).
 *
 * Structure (written for Skylane; the numerics follow the published model exactly):
 * - above 72.5 km (thermosphere, `thermosphere()` = GTS7): each species' density at the lower boundary
 *   z_lb = 120 km is a spherical-harmonic/local-time/solar/magnetic expansion G(L) (`globalVariation` = GLOBE7);
 *   above z_lb the temperature is the Bates profile T(z) = T∞ − (T∞ − T_lb)·exp(−σ ζ) and the diffusive density
 *   follows hydrostatic equilibrium (`diffusiveProfile` = DENSU); below z_lb the temperature is a cubic spline in
 *   1/T over geopotential height through nodes at 120, 110, 100, 90 and 72.5 km. A turbopause blends diffusive and
 *   mixed profiles (`netDensity` = DNET) and chemistry/flux corrections multiply some species (CCOR, CCOR2).
 * - below 72.5 km (`lowerAtmosphere` in `nrlmsise00` = GTD7): temperatures are splines through nodes at 72.5, 55,
 *   45, 32.5 km and 32.5, 20, 15, 10, 0 km (`mesosphereProfile` = DENSM), with N2, He, O2 and Ar scaled from N2.
 *
 * Units at this boundary follow the model's own: number densities cm⁻³, mass density g/cm³ (also given in kg/m³),
 * temperatures K, altitude km (geodetic, above the WGS-84-like reference of the model), angles in degrees, local
 * solar time in hours, UT in seconds of the day. The model's switch 0 (metric output) is replaced by giving both.
 */
import { PAVGM, PD, PDL, PDM, PMA, PS, PT, PTL, PTM } from './coefficients.ts';

/** Inputs of one NRLMSISE-00 evaluation (the model's own parameters). */
export interface Nrlmsise00Input {
  /** Day of year, 1..366 (the year itself is ignored by the model). */
  readonly dayOfYear: number;
  /** Universal time, seconds of the day. */
  readonly utSeconds: number;
  /** Geodetic altitude, km. */
  readonly altitudeKm: number;
  /** Geodetic latitude, degrees. */
  readonly latitudeDeg: number;
  /** Geodetic longitude, degrees east. */
  readonly longitudeDeg: number;
  /** Local apparent solar time, hours (the model's definition is UT/3600 + longitude/15). */
  readonly localSolarTimeHours: number;
  /** 81-day average of F10.7 centred on the day, solar flux units. */
  readonly f107Average: number;
  /** Daily F10.7 of the previous day, solar flux units. */
  readonly f107Daily: number;
  /** Daily magnetic index Ap. */
  readonly apDaily: number;
  /**
   * The 7-element ap history used when switch 9 is −1: [daily Ap, 3-h ap now, 3 h before, 6 h before, 9 h before,
   * mean of the eight 3-h ap from 12 to 33 h before, mean of the eight from 36 to 57 h before].
   */
  readonly apHistory?: readonly number[];
}

/** Number densities (cm⁻³) of the model's species. */
export interface Nrlmsise00Densities {
  readonly he: number;
  readonly o: number;
  readonly n2: number;
  readonly o2: number;
  readonly ar: number;
  readonly h: number;
  readonly n: number;
  /** Anomalous (hot) oxygen, important above ~500 km in drag. */
  readonly anomalousO: number;
}

/** Output of one evaluation. */
export interface Nrlmsise00Output {
  readonly numberDensityPerCm3: Nrlmsise00Densities;
  /** Total mass density, g/cm³ (GTD7: without anomalous oxygen; GTD7D: with it). */
  readonly totalMassDensityGPerCm3: number;
  /** The same in kg/m³. */
  readonly totalMassDensityKgPerM3: number;
  /** Exospheric temperature, K. */
  readonly exosphericTemperatureK: number;
  /** Temperature at the altitude, K. */
  readonly temperatureK: number;
}

/** Evaluation options. */
export interface Nrlmsise00Options {
  /**
   * The model's 24 switches (index 0..23; index 0, metric output, is ignored: both unit systems are returned).
   * 0 turns an effect off, 1 on, 2 main effect off but cross terms on; switch 9 = −1 uses the ap history array.
   * Default: all 1.
   */
  readonly switches?: readonly number[];
  /** Include anomalous oxygen in the total mass density (GTD7D, recommended for drag). Default false (GTD7). */
  readonly includeAnomalousOxygen?: boolean;
}

const DGTR = 1.74533e-2; // the model's degrees→radians constant (kept as published)
const DR = 1.72142e-2; // 2π/365 per day, as published
const HR = 0.2618; // radians per hour of local time, as published
const SR = 7.2722e-5; // radians per second of UT, as published
const RGAS = 831.4; // gas constant in the model's units
const AMU_G = 1.66e-24; // atomic mass unit as used by the model, g

/** Per-evaluation state shared between the expansion routines (the model's COMMON blocks, made local). */
interface Context {
  readonly sw: Float64Array;
  readonly swc: Float64Array;
  /** plg[m][n]: associated Legendre functions of sin(latitude). */
  readonly plg: Float64Array[];
  ctloc: number;
  stloc: number;
  c2tloc: number;
  s2tloc: number;
  c3tloc: number;
  s3tloc: number;
  /** Last magnetic-activity factors computed by `globalVariation` (read by `globalVariationSmall`, as in the model). */
  apdf: number;
  apt0: number;
  dfa: number;
  gsurf: number;
  re: number;
  /** Lower-thermosphere temperature nodes (TN1) and end gradients (TGN1), updated during the evaluation. */
  readonly tn1: Float64Array;
  readonly tgn1: Float64Array;
  readonly tn2: Float64Array;
  readonly tgn2: Float64Array;
  readonly tn3: Float64Array;
  readonly tgn3: Float64Array;
  /** Mixed N2 density at the altitude from the thermosphere part (DM28), for the lower-atmosphere blend. */
  dm28: number;
  /** Exospheric temperature, lower-boundary temperature and temperature-profile shape σ of this evaluation. */
  tinf: number;
  tlb: number;
  s: number;
  /** Scratch for the expansion terms and the node splines. */
  readonly t: Float64Array;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly y2: Float64Array;
  readonly u: Float64Array;
  input: Nrlmsise00Input;
  /** Altitude the thermosphere part is evaluated at (max(alt, 72.5 km)). */
  alt: number;
}

/** Scratch state reused across evaluations (single-threaded and never re-entered: no callbacks run inside). */
let scratch: Context | undefined;

function makeContext(input: Nrlmsise00Input, switches: readonly number[]): Context {
  const ctx = scratch ?? newContext(input);
  scratch = ctx;
  const { sw, swc } = ctx;
  for (let i = 0; i < 24; i++) {
    const v = switches[i] ?? 1;
    if (i === 9) {
      sw[i] = v;
      swc[i] = v;
    } else {
      sw[i] = v === 1 ? 1 : 0;
      swc[i] = v > 0 ? 1 : 0;
    }
  }
  ctx.input = input;
  ctx.alt = input.altitudeKm;
  ctx.apdf = 0;
  ctx.apt0 = 0;
  ctx.dm28 = 0;
  ctx.tn1.fill(0);
  ctx.tgn1.fill(0);
  ctx.tn2.fill(0);
  ctx.tgn2.fill(0);
  ctx.tn3.fill(0);
  ctx.tgn3.fill(0);
  return ctx;
}

function newContext(input: Nrlmsise00Input): Context {
  return {
    sw: new Float64Array(24),
    swc: new Float64Array(24),
    t: new Float64Array(14),
    xs: new Float64Array(5),
    ys: new Float64Array(5),
    y2: new Float64Array(5),
    u: new Float64Array(5),
    plg: [new Float64Array(9), new Float64Array(9), new Float64Array(9), new Float64Array(9)],
    ctloc: 0,
    stloc: 0,
    c2tloc: 0,
    s2tloc: 0,
    c3tloc: 0,
    s3tloc: 0,
    apdf: 0,
    apt0: 0,
    dfa: 0,
    gsurf: 0,
    re: 0,
    tn1: new Float64Array(5),
    tgn1: new Float64Array(2),
    tn2: new Float64Array(4),
    tgn2: new Float64Array(2),
    tn3: new Float64Array(5),
    tgn3: new Float64Array(2),
    dm28: 0,
    tinf: 0,
    tlb: 0,
    s: 0,
    input,
    alt: input.altitudeKm,
  };
}

/** Latitude-dependent surface gravity (cm/s²) and effective Earth radius (km) of the model (GLATF). */
function setGravity(ctx: Context, latDeg: number): void {
  const c2 = Math.cos(2 * DGTR * latDeg);
  ctx.gsurf = 980.616 * (1 - 0.0026373 * c2);
  ctx.re = ((2 * ctx.gsurf) / (3.085462e-6 + 2.27e-9 * c2)) * 1e-5;
}

/** Geopotential height difference ζ(z, zl) = (z − zl)(R + zl)/(R + z). */
function zeta(ctx: Context, zz: number, zl: number): number {
  return ((zz - zl) * (ctx.re + zl)) / (ctx.re + zz);
}

/** Chemistry/dissociation correction exp(r / (1 + e^((z − zh)/h1))) (CCOR). */
function ccor(alt: number, r: number, h1: number, zh: number): number {
  const e = (alt - zh) / h1;
  if (e > 70) return 1;
  if (e < -70) return Math.exp(r);
  return Math.exp(r / (1 + Math.exp(e)));
}

/** Two-scale-height variant of `ccor` (CCOR2). */
function ccor2(alt: number, r: number, h1: number, zh: number, h2: number): number {
  const e1 = (alt - zh) / h1;
  const e2 = (alt - zh) / h2;
  if (e1 > 70 || e2 > 70) return 1;
  if (e1 < -70 && e2 < -70) return Math.exp(r);
  return Math.exp(r / (1 + 0.5 * (Math.exp(e1) + Math.exp(e2))));
}

/** Scale height (km) for molecular mass `xm` at temperature `temp` (SCALH). */
function scaleHeight(ctx: Context, alt: number, xm: number, temp: number): number {
  const g = ctx.gsurf / (1 + alt / ctx.re) ** 2;
  return (RGAS * temp) / (g * xm);
}

/** Turbopause blend of diffusive `dd` and mixed `dm` densities (DNET). */
function netDensity(dd: number, dm: number, zhm: number, xmm: number, xm: number): number {
  const a = zhm / (xmm - xm);
  if (!(dm > 0 && dd > 0)) {
    if (dd === 0 && dm === 0) dd = 1;
    if (dm === 0) return dd;
    if (dd === 0) return dm;
  }
  const ylog = a * Math.log(dm / dd);
  if (ylog < -10) return dd;
  if (ylog > 10) return dm;
  return dd * (1 + Math.exp(ylog)) ** (1 / a);
}

/** Second derivatives of the interpolating cubic spline with end slopes yp1, ypn (> 0.99e30: natural end). */
function splineSecondDerivatives(
  xa: Float64Array,
  ya: Float64Array,
  n: number,
  yp1: number,
  ypn: number,
  y2: Float64Array,
  u: Float64Array,
): void {
  if (yp1 > 0.99e30) {
    y2[0] = 0;
    u[0] = 0;
  } else {
    y2[0] = -0.5;
    u[0] = (3 / (xa[1]! - xa[0]!)) * ((ya[1]! - ya[0]!) / (xa[1]! - xa[0]!) - yp1);
  }
  for (let i = 1; i < n - 1; i++) {
    const sig = (xa[i]! - xa[i - 1]!) / (xa[i + 1]! - xa[i - 1]!);
    const p = sig * y2[i - 1]! + 2;
    y2[i] = (sig - 1) / p;
    u[i] =
      ((6 * ((ya[i + 1]! - ya[i]!) / (xa[i + 1]! - xa[i]!) - (ya[i]! - ya[i - 1]!) / (xa[i]! - xa[i - 1]!))) /
        (xa[i + 1]! - xa[i - 1]!) -
        sig * u[i - 1]!) /
      p;
  }
  let qn = 0;
  let un = 0;
  if (!(ypn > 0.99e30)) {
    qn = 0.5;
    un = (3 / (xa[n - 1]! - xa[n - 2]!)) * (ypn - (ya[n - 1]! - ya[n - 2]!) / (xa[n - 1]! - xa[n - 2]!));
  }
  y2[n - 1] = (un - qn * u[n - 2]!) / (qn * y2[n - 2]! + 1);
  for (let k = n - 2; k >= 0; k--) y2[k] = y2[k]! * y2[k + 1]! + u[k]!;
}

/** Cubic-spline value at x (SPLINT). */
function splineValue(xa: Float64Array, ya: Float64Array, y2a: Float64Array, n: number, x: number): number {
  let klo = 0;
  let khi = n - 1;
  while (khi - klo > 1) {
    const k = (khi + klo) >> 1;
    if (xa[k]! > x) khi = k;
    else klo = k;
  }
  const h = xa[khi]! - xa[klo]!;
  const a = (xa[khi]! - x) / h;
  const b = (x - xa[klo]!) / h;
  return a * ya[klo]! + b * ya[khi]! + (((a * a * a - a) * y2a[klo]! + (b * b * b - b) * y2a[khi]!) * h * h) / 6;
}

/** Integral of the cubic spline from xa[0] to x (SPLINI). */
function splineIntegral(xa: Float64Array, ya: Float64Array, y2a: Float64Array, n: number, x: number): number {
  let yi = 0;
  let klo = 0;
  let khi = 1;
  while (x > xa[klo]! && khi < n) {
    let xx = x;
    if (khi < n - 1) xx = x < xa[khi]! ? x : xa[khi]!;
    const h = xa[khi]! - xa[klo]!;
    const a = (xa[khi]! - xx) / h;
    const b = (xx - xa[klo]!) / h;
    const a2 = a * a;
    const b2 = b * b;
    yi +=
      ((1 - a2) * ya[klo]! / 2 +
        (b2 * ya[khi]!) / 2 +
        (((-(1 + a2 * a2) / 4 + a2 / 2) * y2a[klo]! + (b2 * b2 / 4 - b2 / 2) * y2a[khi]!) * h * h) / 6) *
      h;
    klo++;
    khi++;
  }
  return yi;
}

/** A spline in 1/T over normalised geopotential height through temperature nodes (shared by DENSU and DENSM). */
interface NodeSpline {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly y2: Float64Array;
  readonly n: number;
  readonly zgdif: number;
  readonly z1: number;
  readonly t1: number;
}

function nodeSpline(ctx: Context, zn: readonly number[], tn: Float64Array, tgn: Float64Array): NodeSpline {
  const n = zn.length;
  const z1 = zn[0]!;
  const z2 = zn[n - 1]!;
  const t1 = tn[0]!;
  const t2 = tn[n - 1]!;
  const zgdif = zeta(ctx, z2, z1);
  const { xs, ys, y2 } = ctx;
  for (let k = 0; k < n; k++) {
    xs[k] = zeta(ctx, zn[k]!, z1) / zgdif;
    ys[k] = 1 / tn[k]!;
  }
  const yd1 = (-tgn[0]! / (t1 * t1)) * zgdif;
  const yd2 = (-tgn[1]! / (t2 * t2)) * zgdif * ((ctx.re + z2) / (ctx.re + z1)) ** 2;
  splineSecondDerivatives(xs, ys, n, yd1, yd2, y2, ctx.u);
  return { xs, ys, y2, n, zgdif, z1, t1 };
}

/** Lower-thermosphere spline nodes (km): the top node is the model's z_a = PDL(16, 2) ≈ 123.4 km, replacing 120. */
const ZN1: readonly number[] = [PDL[1]![15]!, 110, 100, 90, 72.5];
const ZN2 = [72.5, 55, 45, 32.5];
const ZN3 = [32.5, 20, 15, 10, 0];
const ZMIX = 62.5;

/** Result of a DENSU/DENSM call: the density (or temperature when xm = 0) and the temperature at the altitude. */
interface Profile {
  value: number;
  tz: number;
}

/**
 * Thermospheric profile (DENSU): Bates temperature above z_a = ZN1[0], spline below; density by hydrostatic
 * integration with thermal-diffusion exponent `alpha`. With xm = 0 returns the temperature.
 */
function diffusiveProfile(
  ctx: Context,
  alt: number,
  dlb: number,
  tinf: number,
  tlb: number,
  xm: number,
  alpha: number,
  zlb: number,
  s2: number,
): Profile {
  const za = ZN1[0]!;
  let z = alt > za ? alt : za;
  const zg2 = zeta(ctx, z, zlb);
  const tt = tinf - (tinf - tlb) * Math.exp(-s2 * zg2);
  const ta = tt;
  let tz = tt;
  let spl: NodeSpline | undefined;
  let x = 0;
  if (alt < za) {
    // Temperature gradient at z_a from the Bates profile fixes the spline's upper end.
    ctx.tgn1[0] = (tinf - ta) * s2 * ((ctx.re + zlb) / (ctx.re + za)) ** 2;
    ctx.tn1[0] = ta;
    z = alt > ZN1[4]! ? alt : ZN1[4]!;
    spl = nodeSpline(ctx, ZN1, ctx.tn1, ctx.tgn1);
    x = zeta(ctx, z, spl.z1) / spl.zgdif;
    tz = 1 / splineValue(spl.xs, spl.ys, spl.y2, spl.n, x);
  }
  if (xm === 0) return { value: tz, tz };
  // Density above z_a.
  const glb = ctx.gsurf / (1 + zlb / ctx.re) ** 2;
  const gamma = (xm * glb) / (s2 * RGAS * tinf);
  let expl = Math.exp(-s2 * gamma * zg2);
  if (expl > 50) expl = 50;
  if (tt <= 0) expl = 50;
  let dens = dlb * (tlb / tt) ** (1 + alpha + gamma) * expl;
  if (alt >= za || spl === undefined) return { value: dens, tz };
  // Density below z_a: integrate the spline of 1/T.
  const glb1 = ctx.gsurf / (1 + spl.z1 / ctx.re) ** 2;
  const gamm = (xm * glb1 * spl.zgdif) / RGAS;
  let expl2 = gamm * splineIntegral(spl.xs, spl.ys, spl.y2, spl.n, x);
  if (expl2 > 50) expl2 = 50;
  if (tz <= 0) expl2 = 50;
  dens = dens * (spl.t1 / tz) ** (1 + alpha) * Math.exp(-expl2);
  return { value: dens, tz };
}

/** Middle- and lower-atmosphere profile (DENSM) below ZN2[0]; with xm = 0 returns the temperature. */
function mesosphereProfile(ctx: Context, alt: number, d0: number, xm: number): Profile {
  let dens = d0;
  let tz = 0;
  if (alt > ZN2[0]!) return { value: xm === 0 ? tz : d0, tz };
  // Stratosphere/mesosphere temperature.
  let z = alt > ZN2[ZN2.length - 1]! ? alt : ZN2[ZN2.length - 1]!;
  let spl = nodeSpline(ctx, ZN2, ctx.tn2, ctx.tgn2);
  let x = zeta(ctx, z, spl.z1) / spl.zgdif;
  tz = 1 / splineValue(spl.xs, spl.ys, spl.y2, spl.n, x);
  if (xm !== 0) {
    const glb = ctx.gsurf / (1 + spl.z1 / ctx.re) ** 2;
    const gamm = (xm * glb * spl.zgdif) / RGAS;
    let expl = gamm * splineIntegral(spl.xs, spl.ys, spl.y2, spl.n, x);
    if (expl > 50) expl = 50;
    dens = dens * (spl.t1 / tz) * Math.exp(-expl);
  }
  if (alt > ZN3[0]!) return { value: xm === 0 ? tz : dens, tz };
  // Troposphere/stratosphere temperature.
  z = alt;
  spl = nodeSpline(ctx, ZN3, ctx.tn3, ctx.tgn3);
  x = zeta(ctx, z, spl.z1) / spl.zgdif;
  tz = 1 / splineValue(spl.xs, spl.ys, spl.y2, spl.n, x);
  if (xm !== 0) {
    const glb = ctx.gsurf / (1 + spl.z1 / ctx.re) ** 2;
    const gamm = (xm * glb * spl.zgdif) / RGAS;
    let expl = gamm * splineIntegral(spl.xs, spl.ys, spl.y2, spl.n, x);
    if (expl > 50) expl = 50;
    dens = dens * (spl.t1 / tz) * Math.exp(-expl);
  }
  return { value: xm === 0 ? tz : dens, tz };
}

/** Legendre functions of sin(lat) and local-time harmonics, computed once per evaluation. */
function setHarmonics(ctx: Context): void {
  const { input, plg } = ctx;
  const c = Math.sin(input.latitudeDeg * DGTR);
  const s = Math.cos(input.latitudeDeg * DGTR);
  const c2 = c * c;
  const c4 = c2 * c2;
  const s2 = s * s;
  const [p0, p1, p2, p3] = plg as [Float64Array, Float64Array, Float64Array, Float64Array];
  p0[1] = c;
  p0[2] = 0.5 * (3 * c2 - 1);
  p0[3] = 0.5 * (5 * c * c2 - 3 * c);
  p0[4] = (35 * c4 - 30 * c2 + 3) / 8;
  p0[5] = (63 * c2 * c2 * c - 70 * c2 * c + 15 * c) / 8;
  p0[6] = (11 * c * p0[5] - 5 * p0[4]) / 6;
  p1[1] = s;
  p1[2] = 3 * c * s;
  p1[3] = 1.5 * (5 * c2 - 1) * s;
  p1[4] = 2.5 * (7 * c2 * c - 3 * c) * s;
  p1[5] = 1.875 * (21 * c4 - 14 * c2 + 1) * s;
  p1[6] = (11 * c * p1[5] - 6 * p1[4]) / 5;
  p2[2] = 3 * s2;
  p2[3] = 15 * s2 * c;
  p2[4] = 7.5 * (7 * c2 - 1) * s2;
  p2[5] = 3 * c * p2[4] - 2 * p2[3];
  p2[6] = (11 * c * p2[5] - 7 * p2[4]) / 4;
  p2[7] = (13 * c * p2[6] - 8 * p2[5]) / 5;
  p3[3] = 15 * s2 * s;
  p3[4] = 105 * s2 * s * c;
  p3[5] = (9 * c * p3[4] - 7 * p3[3]) / 2;
  p3[6] = (11 * c * p3[5] - 8 * p3[4]) / 3;
  const tloc = input.localSolarTimeHours;
  ctx.stloc = Math.sin(HR * tloc);
  ctx.ctloc = Math.cos(HR * tloc);
  ctx.s2tloc = Math.sin(2 * HR * tloc);
  ctx.c2tloc = Math.cos(2 * HR * tloc);
  ctx.s3tloc = Math.sin(3 * HR * tloc);
  ctx.c3tloc = Math.cos(3 * HR * tloc);
  ctx.dfa = input.f107Average - 150;
}

/** Magnetic-activity function g0 of the 3-hour ap history (Hedin 1987). */
function g0(a: number, p: readonly number[], p24: number): number {
  const k = Math.abs(p24);
  return a - 4 + (p[25]! - 1) * (a - 4 + (Math.exp(-k * (a - 4)) - 1) / k);
}

/** Weighted sum of the ap history with exponential decay `ex` (SG0, with SUMEX normalisation). */
function apHistoryFactor(ex: number, p: readonly number[], p24: number, ap: readonly number[]): number {
  const g1 = g0(ap[1] ?? 0, p, p24);
  const g2 = g0(ap[2] ?? 0, p, p24);
  const g3 = g0(ap[3] ?? 0, p, p24);
  const g4 = g0(ap[4] ?? 0, p, p24);
  const g5 = g0(ap[5] ?? 0, p, p24);
  const g6 = g0(ap[6] ?? 0, p, p24);
  const sumex = 1 + ((1 - ex ** 19) / (1 - ex)) * Math.sqrt(ex);
  return (g1 + (g2 * ex + g3 * ex * ex + g4 * ex ** 3 + (g5 * ex ** 4 + g6 * ex ** 12) * ((1 - ex ** 8) / (1 - ex)))) / sumex;
}

/** The G(L) expansion for the thermosphere (GLOBE7): returns the relative variation about the mean. */
function globalVariation(ctx: Context, p: readonly number[]): number {
  const { sw, swc, input } = ctx;
  const [p0, p1, p2, p3] = ctx.plg as [Float64Array, Float64Array, Float64Array, Float64Array];
  const t = ctx.t;
  t.fill(0);
  const tloc = input.localSolarTimeHours;
  const doy = input.dayOfYear;
  const cd32 = Math.cos(DR * (doy - p[31]!));
  const cd18 = Math.cos(2 * DR * (doy - p[17]!));
  const cd14 = Math.cos(DR * (doy - p[13]!));
  const cd39 = Math.cos(2 * DR * (doy - p[38]!));

  // F10.7 effect.
  const df = input.f107Daily - input.f107Average;
  const dfa = ctx.dfa;
  t[0] = p[19]! * df * (1 + p[59]! * dfa) + p[20]! * df * df + p[21]! * dfa + p[29]! * dfa ** 2;
  const f1 = 1 + (p[47]! * dfa + p[19]! * df + p[20]! * df * df) * swc[1]!;
  const f2 = 1 + (p[49]! * dfa + p[19]! * df + p[20]! * df * df) * swc[1]!;
  // Time independent.
  t[1] = p[1]! * p0[2]! + p[2]! * p0[4]! + p[22]! * p0[6]! + p[14]! * p0[2]! * dfa * swc[1]! + p[26]! * p0[1]!;
  // Symmetrical annual and semiannual.
  t[2] = p[18]! * cd32;
  t[3] = (p[15]! + p[16]! * p0[2]!) * cd18;
  // Asymmetrical annual and semiannual.
  t[4] = f1 * (p[9]! * p0[1]! + p[10]! * p0[3]!) * cd14;
  t[5] = p[37]! * p0[1]! * cd39;
  // Diurnal.
  if (sw[7]) {
    const t71 = p[11]! * p1[2]! * cd14 * swc[5]!;
    const t72 = p[12]! * p1[2]! * cd14 * swc[5]!;
    t[6] =
      f2 *
      ((p[3]! * p1[1]! + p[4]! * p1[3]! + p[27]! * p1[5]! + t71) * ctx.ctloc +
        (p[6]! * p1[1]! + p[7]! * p1[3]! + p[28]! * p1[5]! + t72) * ctx.stloc);
  }
  // Semidiurnal.
  if (sw[8]) {
    const t81 = (p[23]! * p2[3]! + p[35]! * p2[5]!) * cd14 * swc[5]!;
    const t82 = (p[33]! * p2[3]! + p[36]! * p2[5]!) * cd14 * swc[5]!;
    t[7] =
      f2 *
      ((p[5]! * p2[2]! + p[41]! * p2[4]! + t81) * ctx.c2tloc + (p[8]! * p2[2]! + p[42]! * p2[4]! + t82) * ctx.s2tloc);
  }
  // Terdiurnal.
  if (sw[14]) {
    t[13] =
      f2 *
      ((p[39]! * p3[3]! + (p[93]! * p3[4]! + p[46]! * p3[6]!) * cd14 * swc[5]!) * ctx.s3tloc +
        (p[40]! * p3[3]! + (p[94]! * p3[4]! + p[48]! * p3[6]!) * cd14 * swc[5]!) * ctx.c3tloc);
  }
  // Magnetic activity: 3-hour ap history (switch 9 = −1) or daily Ap.
  if (sw[9] === -1) {
    if (p[51] !== 0) {
      const p24 = p[24]! < 1e-4 ? 1e-4 : p[24]!;
      let exp1 = Math.exp((-10800 * Math.abs(p[51]!)) / (1 + p[138]! * (45 - Math.abs(input.latitudeDeg))));
      if (exp1 > 0.99999) exp1 = 0.99999;
      ctx.apt0 = apHistoryFactor(exp1, p, p24, input.apHistory ?? []);
      t[8] =
        ctx.apt0 *
        (p[50]! +
          p[96]! * p0[2]! +
          p[54]! * p0[4]! +
          (p[125]! * p0[1]! + p[126]! * p0[3]! + p[127]! * p0[5]!) * cd14 * swc[5]! +
          (p[128]! * p1[1]! + p[129]! * p1[3]! + p[130]! * p1[5]!) * swc[7]! * Math.cos(HR * (tloc - p[131]!)));
    }
  } else {
    const apd = input.apDaily - 4;
    const p44 = p[43]! < 0 ? 1e-5 : p[43]!;
    const p45 = p[44]!;
    ctx.apdf = apd + (p45 - 1) * (apd + (Math.exp(-p44 * apd) - 1) / p44);
    if (sw[9]) {
      t[8] =
        ctx.apdf *
        (p[32]! +
          p[45]! * p0[2]! +
          p[34]! * p0[4]! +
          (p[100]! * p0[1]! + p[101]! * p0[3]! + p[102]! * p0[5]!) * cd14 * swc[5]! +
          (p[121]! * p1[1]! + p[122]! * p1[3]! + p[123]! * p1[5]!) * swc[7]! * Math.cos(HR * (tloc - p[124]!)));
    }
  }
  if (sw[10] && input.longitudeDeg > -1000) {
    const lon = input.longitudeDeg;
    // Longitudinal.
    if (sw[11]) {
      t[10] =
        (1 + p[80]! * dfa * swc[1]!) *
        ((p[64]! * p1[2]! +
          p[65]! * p1[4]! +
          p[66]! * p1[6]! +
          p[103]! * p1[1]! +
          p[104]! * p1[3]! +
          p[105]! * p1[5]! +
          swc[5]! * (p[109]! * p1[1]! + p[110]! * p1[3]! + p[111]! * p1[5]!) * cd14) *
          Math.cos(DGTR * lon) +
          (p[90]! * p1[2]! +
            p[91]! * p1[4]! +
            p[92]! * p1[6]! +
            p[106]! * p1[1]! +
            p[107]! * p1[3]! +
            p[108]! * p1[5]! +
            swc[5]! * (p[112]! * p1[1]! + p[113]! * p1[3]! + p[114]! * p1[5]!) * cd14) *
            Math.sin(DGTR * lon));
    }
    // UT and mixed UT/longitude.
    if (sw[12]) {
      t[11] =
        (1 + p[95]! * p0[1]!) *
        (1 + p[81]! * dfa * swc[1]!) *
        (1 + p[119]! * p0[1]! * swc[5]! * cd14) *
        ((p[68]! * p0[1]! + p[69]! * p0[3]! + p[70]! * p0[5]!) * Math.cos(SR * (input.utSeconds - p[71]!)));
      t[11] +=
        swc[11]! *
        (p[76]! * p2[3]! + p[77]! * p2[5]! + p[78]! * p2[7]!) *
        Math.cos(SR * (input.utSeconds - p[79]!) + 2 * DGTR * lon) *
        (1 + p[137]! * dfa * swc[1]!);
    }
    // UT/longitude magnetic activity.
    if (sw[13]) {
      if (sw[9] === -1) {
        if (p[51] !== 0) {
          t[12] =
            ctx.apt0 *
              swc[11]! *
              (1 + p[132]! * p0[1]!) *
              ((p[52]! * p1[2]! + p[98]! * p1[4]! + p[67]! * p1[6]!) * Math.cos(DGTR * (lon - p[97]!))) +
            ctx.apt0 *
              swc[11]! *
              swc[5]! *
              (p[133]! * p1[1]! + p[134]! * p1[3]! + p[135]! * p1[5]!) *
              cd14 *
              Math.cos(DGTR * (lon - p[136]!)) +
            ctx.apt0 *
              swc[12]! *
              (p[55]! * p0[1]! + p[56]! * p0[3]! + p[57]! * p0[5]!) *
              Math.cos(SR * (input.utSeconds - p[58]!));
        }
      } else {
        t[12] =
          ctx.apdf *
            swc[11]! *
            (1 + p[120]! * p0[1]!) *
            ((p[60]! * p1[2]! + p[61]! * p1[4]! + p[62]! * p1[6]!) * Math.cos(DGTR * (lon - p[63]!))) +
          ctx.apdf *
            swc[11]! *
            swc[5]! *
            (p[115]! * p1[1]! + p[116]! * p1[3]! + p[117]! * p1[5]!) *
            cd14 *
            Math.cos(DGTR * (lon - p[118]!)) +
          ctx.apdf *
            swc[12]! *
            (p[83]! * p0[1]! + p[84]! * p0[3]! + p[85]! * p0[5]!) *
            Math.cos(SR * (input.utSeconds - p[75]!));
      }
    }
  }
  let tinf = p[30]!;
  for (let i = 0; i < 14; i++) tinf += Math.abs(sw[i + 1]!) * t[i]!;
  return tinf;
}

/** The reduced expansion for the lower thermosphere and middle atmosphere (GLB7S). */
function globalVariationSmall(ctx: Context, p: readonly number[]): number {
  const { sw, swc, input } = ctx;
  const [p0, p1, p2, p3] = ctx.plg as [Float64Array, Float64Array, Float64Array, Float64Array];
  const t = ctx.t;
  t.fill(0);
  const doy = input.dayOfYear;
  const cd32 = Math.cos(DR * (doy - p[31]!));
  const cd18 = Math.cos(2 * DR * (doy - p[17]!));
  const cd14 = Math.cos(DR * (doy - p[13]!));
  const cd39 = Math.cos(2 * DR * (doy - p[38]!));
  t[0] = p[21]! * ctx.dfa;
  t[1] = p[1]! * p0[2]! + p[2]! * p0[4]! + p[22]! * p0[6]! + p[26]! * p0[1]! + p[14]! * p0[3]! + p[59]! * p0[5]!;
  t[2] = (p[18]! + p[47]! * p0[2]! + p[29]! * p0[4]!) * cd32;
  t[3] = (p[15]! + p[16]! * p0[2]! + p[30]! * p0[4]!) * cd18;
  t[4] = (p[9]! * p0[1]! + p[10]! * p0[3]! + p[20]! * p0[5]!) * cd14;
  t[5] = p[37]! * p0[1]! * cd39;
  if (sw[7]) {
    const t71 = p[11]! * p1[2]! * cd14 * swc[5]!;
    const t72 = p[12]! * p1[2]! * cd14 * swc[5]!;
    t[6] = (p[3]! * p1[1]! + p[4]! * p1[3]! + t71) * ctx.ctloc + (p[6]! * p1[1]! + p[7]! * p1[3]! + t72) * ctx.stloc;
  }
  if (sw[8]) {
    const t81 = (p[23]! * p2[3]! + p[35]! * p2[5]!) * cd14 * swc[5]!;
    const t82 = (p[33]! * p2[3]! + p[36]! * p2[5]!) * cd14 * swc[5]!;
    t[7] =
      (p[5]! * p2[2]! + p[41]! * p2[4]! + t81) * ctx.c2tloc + (p[8]! * p2[2]! + p[42]! * p2[4]! + t82) * ctx.s2tloc;
  }
  if (sw[14]) t[13] = p[39]! * p3[3]! * ctx.s3tloc + p[40]! * p3[3]! * ctx.c3tloc;
  if (sw[9]) {
    // The model reads the magnetic factor left by the latest GLOBE7 call (a COMMON-block value); kept as published.
    if (sw[9] === 1) t[8] = ctx.apdf * (p[32]! + p[45]! * p0[2]! * swc[2]!);
    if (sw[9] === -1) t[8] = p[50]! * ctx.apt0 + p[96]! * p0[2]! * ctx.apt0 * swc[2]!;
  }
  if (!(sw[10] === 0 || sw[11] === 0 || input.longitudeDeg <= -1000)) {
    const lon = input.longitudeDeg;
    t[10] =
      (1 +
        p0[1]! *
          (p[80]! * swc[5]! * Math.cos(DR * (doy - p[81]!)) + p[85]! * swc[6]! * Math.cos(2 * DR * (doy - p[86]!))) +
        p[83]! * swc[3]! * Math.cos(DR * (doy - p[84]!)) +
        p[87]! * swc[4]! * Math.cos(2 * DR * (doy - p[88]!))) *
      ((p[64]! * p1[2]! + p[65]! * p1[4]! + p[66]! * p1[6]! + p[74]! * p1[1]! + p[75]! * p1[3]! + p[76]! * p1[5]!) *
        Math.cos(DGTR * lon) +
        (p[90]! * p1[2]! + p[91]! * p1[4]! + p[92]! * p1[6]! + p[77]! * p1[1]! + p[78]! * p1[3]! + p[79]! * p1[5]!) *
          Math.sin(DGTR * lon));
  }
  let tt = 0;
  for (let i = 0; i < 14; i++) tt += Math.abs(sw[i + 1]!) * t[i]!;
  return tt;
}

const ALPHA = [-0.38, 0, 0, 0, 0.17, 0, -0.38, 0, 0];
const ALTL = [200, 300, 160, 250, 240, 450, 320, 450];

interface Thermosphere {
  /** He, O, N2, O2, Ar, (mass), H, N, anomalous O — the model's d[0..8] order, cm⁻³ and g/cm³. */
  readonly d: Float64Array;
  readonly tinf: number;
  readonly tz: number;
}

/** DENSU with the current evaluation's T∞, T_lb, z_lb and σ (set by `thermosphere`). */
function profile(ctx: Context, alt: number, dlb: number, xm: number, alpha: number): number {
  return diffusiveProfile(ctx, alt, dlb, ctx.tinf, ctx.tlb, xm, alpha, PTM[5]!, ctx.s).value;
}

/** Thermospheric densities and temperatures at ctx.alt ≥ 72.5 km (GTS7). */
function thermosphere(ctx: Context): Thermosphere {
  const { sw } = ctx;
  const pdl0 = PDL[0]!;
  const pdl1 = PDL[1]!;
  const pdm = PDM as readonly (readonly number[])[];
  const pd = PD as readonly (readonly number[])[];
  const z = ctx.alt;
  const d = new Float64Array(9);
  const tinf = z > ZN1[0]! ? PTM[0]! * PT[0]! * (1 + sw[16]! * globalVariation(ctx, PT)) : PTM[0]! * PT[0]!;
  const g0v = z > ZN1[4]! ? PTM[3]! * PS[0]! * (1 + sw[19]! * globalVariation(ctx, PS)) : PTM[3]! * PS[0]!;
  const tlb = PTM[1]! * (1 + sw[17]! * globalVariation(ctx, pd[3]!)) * pd[3]![0]!;
  const s = g0v / (tinf - tlb);
  const [ptl0, ptl1, ptl2, ptl3] = PTL as [readonly number[], readonly number[], readonly number[], readonly number[]];
  const pma8 = PMA[8]!;
  if (z < 300) {
    ctx.tn1[1] = (PTM[6]! * ptl0[0]!) / (1 - sw[18]! * globalVariationSmall(ctx, ptl0));
    ctx.tn1[2] = (PTM[2]! * ptl1[0]!) / (1 - sw[18]! * globalVariationSmall(ctx, ptl1));
    ctx.tn1[3] = (PTM[7]! * ptl2[0]!) / (1 - sw[18]! * globalVariationSmall(ctx, ptl2));
    ctx.tn1[4] = (PTM[4]! * ptl3[0]!) / (1 - sw[18]! * sw[20]! * globalVariationSmall(ctx, ptl3));
    ctx.tgn1[1] =
      (PTM[8]! * pma8[0]! * (1 + sw[18]! * sw[20]! * globalVariationSmall(ctx, pma8)) * ctx.tn1[4]! * ctx.tn1[4]!) /
      (PTM[4]! * ptl3[0]!) ** 2;
  } else {
    ctx.tn1[1] = PTM[6]! * ptl0[0]!;
    ctx.tn1[2] = PTM[2]! * ptl1[0]!;
    ctx.tn1[3] = PTM[7]! * ptl2[0]!;
    ctx.tn1[4] = PTM[4]! * ptl3[0]!;
    ctx.tgn1[1] = (PTM[8]! * pma8[0]! * ctx.tn1[4]! * ctx.tn1[4]!) / (PTM[4]! * ptl3[0]!) ** 2;
  }
  const zlb = PTM[5]!;
  ctx.tinf = tinf;
  ctx.tlb = tlb;
  ctx.s = s;

  // N2: variation at z_lb, turbopause height variation.
  const g28 = sw[21]! * globalVariation(ctx, pd[2]!);
  const zhf = pdl1[24]! * (1 + sw[5]! * pdl0[24]! * Math.sin(DGTR * ctx.input.latitudeDeg) * Math.cos(DR * (ctx.input.dayOfYear - PT[13]!)));
  const xmm = pdm[2]![4]!;
  const db28 = pdm[2]![0]! * Math.exp(g28) * pd[2]![0]!;
  d[2] = profile(ctx, z, db28, 28, ALPHA[2]!);
  const zh28 = pdm[2]![2]! * zhf;
  const zhm28 = pdm[2]![3]! * pdl1[5]!;
  const xmd = 28 - xmm;
  const b28 = profile(ctx, zh28, db28, xmd, ALPHA[2]! - 1);
  if (sw[15] && z <= ALTL[2]!) {
    ctx.dm28 = profile(ctx, z, b28, xmm, ALPHA[2]!);
    d[2] = netDensity(d[2], ctx.dm28, zhm28, xmm, 28);
  }

  // He.
  const g4 = sw[21]! * globalVariation(ctx, pd[0]!);
  const db04 = pdm[0]![0]! * Math.exp(g4) * pd[0]![0]!;
  d[0] = profile(ctx, z, db04, 4, ALPHA[0]!);
  if (sw[15] && z < ALTL[0]!) {
    const b04 = profile(ctx, pdm[0]![2]!, db04, 4 - xmm, ALPHA[0]! - 1);
    const dm04 = profile(ctx, z, b04, xmm, 0);
    d[0] = netDensity(d[0], dm04, zhm28, xmm, 4);
    const rl = Math.log((b28 * pdm[0]![1]!) / b04);
    d[0] = d[0] * ccor(z, rl, pdm[0]![5]! * pdl1[1]!, pdm[0]![4]! * pdl1[0]!);
  }

  // O.
  const g16 = sw[21]! * globalVariation(ctx, pd[1]!);
  const db16 = pdm[1]![0]! * Math.exp(g16) * pd[1]![0]!;
  d[1] = profile(ctx, z, db16, 16, ALPHA[1]!);
  if (sw[15] && z <= ALTL[1]!) {
    const b16 = profile(ctx, pdm[1]![2]!, db16, 16 - xmm, ALPHA[1]! - 1);
    const dm16 = profile(ctx, z, b16, xmm, 0);
    d[1] = netDensity(d[1], dm16, zhm28, xmm, 16);
    const rl = pdm[1]![1]! * pdl1[16]! * (1 + sw[1]! * pdl0[23]! * (ctx.input.f107Average - 150));
    d[1] = d[1] * ccor2(z, rl, pdm[1]![5]! * pdl1[3]!, pdm[1]![4]! * pdl1[2]!, pdm[1]![5]! * pdl1[4]!);
    // Chemistry correction.
    d[1] = d[1] * ccor(z, pdm[1]![3]! * pdl1[14]!, pdm[1]![7]! * pdl1[13]!, pdm[1]![6]! * pdl1[12]!);
  }

  // O2.
  const g32 = sw[21]! * globalVariation(ctx, pd[4]!);
  const db32 = pdm[3]![0]! * Math.exp(g32) * pd[4]![0]!;
  d[3] = profile(ctx, z, db32, 32, ALPHA[3]!);
  if (sw[15]) {
    if (z <= ALTL[3]!) {
      const b32 = profile(ctx, pdm[3]![2]!, db32, 32 - xmm, ALPHA[3]! - 1);
      const dm32 = profile(ctx, z, b32, xmm, 0);
      d[3] = netDensity(d[3], dm32, zhm28, xmm, 32);
      const rl = Math.log((b28 * pdm[3]![1]!) / b32);
      d[3] = d[3] * ccor(z, rl, pdm[3]![5]! * pdl1[7]!, pdm[3]![4]! * pdl1[6]!);
    }
    // Departure from diffusive equilibrium above z_lb.
    const rc32 = pdm[3]![3]! * pdl1[23]! * (1 + sw[1]! * pdl0[23]! * (ctx.input.f107Average - 150));
    d[3] = d[3] * ccor2(z, rc32, pdm[3]![7]! * pdl1[22]!, pdm[3]![6]! * pdl1[21]!, pdm[3]![7]! * pdl0[22]!);
  }

  // Ar.
  const g40 = sw[21]! * globalVariation(ctx, pd[5]!);
  const db40 = pdm[4]![0]! * Math.exp(g40) * pd[5]![0]!;
  d[4] = profile(ctx, z, db40, 40, ALPHA[4]!);
  if (sw[15] && z <= ALTL[4]!) {
    const b40 = profile(ctx, pdm[4]![2]!, db40, 40 - xmm, ALPHA[4]! - 1);
    const dm40 = profile(ctx, z, b40, xmm, 0);
    d[4] = netDensity(d[4], dm40, zhm28, xmm, 40);
    const rl = Math.log((b28 * pdm[4]![1]!) / b40);
    d[4] = d[4] * ccor(z, rl, pdm[4]![5]! * pdl1[9]!, pdm[4]![4]! * pdl1[8]!);
  }

  // H.
  const g1 = sw[21]! * globalVariation(ctx, pd[6]!);
  const db01 = pdm[5]![0]! * Math.exp(g1) * pd[6]![0]!;
  d[6] = profile(ctx, z, db01, 1, ALPHA[6]!);
  if (sw[15] && z <= ALTL[6]!) {
    const b01 = profile(ctx, pdm[5]![2]!, db01, 1 - xmm, ALPHA[6]! - 1);
    const dm01 = profile(ctx, z, b01, xmm, 0);
    d[6] = netDensity(d[6], dm01, zhm28, xmm, 1);
    const rl = Math.log((b28 * pdm[5]![1]! * Math.abs(pdl1[17]!)) / b01);
    d[6] = d[6] * ccor(z, rl, pdm[5]![5]! * pdl1[11]!, pdm[5]![4]! * pdl1[10]!);
    d[6] = d[6] * ccor(z, pdm[5]![3]! * pdl1[20]!, pdm[5]![7]! * pdl1[19]!, pdm[5]![6]! * pdl1[18]!);
  }

  // N.
  const g14 = sw[21]! * globalVariation(ctx, pd[7]!);
  const db14 = pdm[6]![0]! * Math.exp(g14) * pd[7]![0]!;
  d[7] = profile(ctx, z, db14, 14, ALPHA[7]!);
  if (sw[15] && z <= ALTL[7]!) {
    const b14 = profile(ctx, pdm[6]![2]!, db14, 14 - xmm, ALPHA[7]! - 1);
    const dm14 = profile(ctx, z, b14, xmm, 0);
    d[7] = netDensity(d[7], dm14, zhm28, xmm, 14);
    const rl = Math.log((b28 * pdm[6]![1]! * Math.abs(pdl0[2]!)) / b14);
    d[7] = d[7] * ccor(z, rl, pdm[6]![5]! * pdl0[1]!, pdm[6]![4]! * pdl0[0]!);
    d[7] = d[7] * ccor(z, pdm[6]![3]! * pdl0[5]!, pdm[6]![7]! * pdl0[4]!, pdm[6]![6]! * pdl0[3]!);
  }

  // Anomalous oxygen: isothermal at T_ho with a scale-height change around z_mho.
  const g16h = sw[21]! * globalVariation(ctx, pd[8]!);
  const db16h = pdm[7]![0]! * Math.exp(g16h) * pd[8]![0]!;
  const tho = pdm[7]![9]! * pdl0[6]!;
  const dd = diffusiveProfile(ctx, z, db16h, tho, tho, 16, ALPHA[8]!, zlb, s).value;
  const zsht = pdm[7]![5]!;
  const zmho = pdm[7]![4]!;
  const zsho = scaleHeight(ctx, zmho, 16, tho);
  d[8] = dd * Math.exp((-zsht / zsho) * (Math.exp(-(z - zmho) / zsht) - 1));

  // Total mass density without anomalous oxygen (GTD7), g/cm³.
  d[5] = AMU_G * (4 * d[0] + 16 * d[1] + 28 * d[2] + 32 * d[3] + 40 * d[4] + d[6] + 14 * d[7]);

  // Temperature at the altitude.
  const tz = diffusiveProfile(ctx, Math.abs(z), 1, tinf, tlb, 0, 0, zlb, s).tz;
  return { d, tinf, tz };
}

/** Switches with every effect on (the model's usual setting; index 9 = 1: daily Ap). */
export const NRLMSISE00_DEFAULT_SWITCHES: readonly number[] = Object.freeze(new Array<number>(24).fill(1));

/**
 * Evaluates NRLMSISE-00 (GTD7, or GTD7D when `includeAnomalousOxygen`): species number densities, total mass
 * density and temperatures at one point. Pure: the same inputs always give the same numbers.
 */
export function nrlmsise00(input: Nrlmsise00Input, options: Nrlmsise00Options = {}): Nrlmsise00Output {
  const ctx = makeContext(input, options.switches ?? NRLMSISE00_DEFAULT_SWITCHES);
  const { sw } = ctx;
  setGravity(ctx, sw[2] === 0 ? 45 : input.latitudeDeg);
  setHarmonics(ctx);
  const xmm = PDM[2]![4]!;
  const alt = input.altitudeKm;
  ctx.alt = alt > ZN2[0]! ? alt : ZN2[0]!;
  const th = thermosphere(ctx);
  const d = new Float64Array(9);
  let tz = th.tz;
  if (alt >= ZN2[0]!) {
    d.set(th.d);
  } else {
    // Lower mesosphere / upper stratosphere: node temperatures from the reduced expansion.
    const pma = PMA as readonly (readonly number[])[];
    const pav = PAVGM;
    ctx.tgn2[0] = ctx.tgn1[1]!;
    ctx.tn2[0] = ctx.tn1[4]!;
    ctx.tn2[1] = (pma[0]![0]! * pav[0]!) / (1 - sw[20]! * globalVariationSmall(ctx, pma[0]!));
    ctx.tn2[2] = (pma[1]![0]! * pav[1]!) / (1 - sw[20]! * globalVariationSmall(ctx, pma[1]!));
    ctx.tn2[3] = (pma[2]![0]! * pav[2]!) / (1 - sw[20]! * sw[22]! * globalVariationSmall(ctx, pma[2]!));
    ctx.tgn2[1] =
      (pav[8]! * pma[9]![0]! * (1 + sw[20]! * sw[22]! * globalVariationSmall(ctx, pma[9]!)) * ctx.tn2[3]! * ctx.tn2[3]!) /
      (pma[2]![0]! * pav[2]!) ** 2;
    ctx.tn3[0] = ctx.tn2[3]!;
    if (alt < ZN3[0]!) {
      // Lower stratosphere and troposphere.
      ctx.tgn3[0] = ctx.tgn2[1]!;
      ctx.tn3[1] = (pma[3]![0]! * pav[3]!) / (1 - sw[22]! * globalVariationSmall(ctx, pma[3]!));
      ctx.tn3[2] = (pma[4]![0]! * pav[4]!) / (1 - sw[22]! * globalVariationSmall(ctx, pma[4]!));
      ctx.tn3[3] = (pma[5]![0]! * pav[5]!) / (1 - sw[22]! * globalVariationSmall(ctx, pma[5]!));
      ctx.tn3[4] = (pma[6]![0]! * pav[6]!) / (1 - sw[22]! * globalVariationSmall(ctx, pma[6]!));
      ctx.tgn3[1] =
        (pma[7]![0]! * pav[7]! * (1 + sw[22]! * globalVariationSmall(ctx, pma[7]!)) * ctx.tn3[4]! * ctx.tn3[4]!) /
        (pma[6]![0]! * pav[6]!) ** 2;
    }
    // Linear transition to full mixing below ZN2[0].
    const dmc = alt > ZMIX ? 1 - (ZN2[0]! - alt) / (ZN2[0]! - ZMIX) : 0;
    const dz28 = th.d[2]!;
    const pdm = PDM as readonly (readonly number[])[];
    let dmr = th.d[2]! / ctx.dm28 - 1;
    d[2] = mesosphereProfile(ctx, alt, ctx.dm28, xmm).value * (1 + dmr * dmc);
    dmr = th.d[0]! / (dz28 * pdm[0]![1]!) - 1;
    d[0] = d[2] * pdm[0]![1]! * (1 + dmr * dmc);
    d[1] = 0;
    d[8] = 0;
    dmr = th.d[3]! / (dz28 * pdm[3]![1]!) - 1;
    d[3] = d[2] * pdm[3]![1]! * (1 + dmr * dmc);
    dmr = th.d[4]! / (dz28 * pdm[4]![1]!) - 1;
    d[4] = d[2] * pdm[4]![1]! * (1 + dmr * dmc);
    d[6] = 0;
    d[7] = 0;
    d[5] = AMU_G * (4 * d[0] + 16 * d[1] + 28 * d[2] + 32 * d[3] + 40 * d[4] + d[6] + 14 * d[7]);
    tz = mesosphereProfile(ctx, alt, 1, 0).tz;
  }
  if (options.includeAnomalousOxygen === true) {
    d[5] = AMU_G * (4 * d[0]! + 16 * d[1]! + 28 * d[2]! + 32 * d[3]! + 40 * d[4]! + d[6]! + 14 * d[7]! + 16 * d[8]!);
  }
  const rho = d[5]!;
  return {
    numberDensityPerCm3: { he: d[0]!, o: d[1]!, n2: d[2]!, o2: d[3]!, ar: d[4]!, h: d[6]!, n: d[7]!, anomalousO: d[8]! },
    totalMassDensityGPerCm3: rho,
    totalMassDensityKgPerM3: rho * 1000,
    exosphericTemperatureK: th.tinf,
    temperatureK: tz,
  };
}
