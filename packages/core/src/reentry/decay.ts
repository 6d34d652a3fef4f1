/**
 * Orbit-averaged drag decay of the mean semi-major axis and eccentricity (King-Hele 1987, "Satellite Orbits in an
 * Atmosphere", eqs. 3.11-3.12), with the density from a real atmosphere model (NRLMSISE-00 or JB2008) averaged
 * around the orbit:
 *
 *   da/dt = −B·F·a²·n · ⟨ρ(r(E))·(1 + e cosE)^{3/2}/(1 − e cosE)^{1/2}⟩_E
 *   de/dt = −B·F·a·n·(1 − e²) · ⟨ρ(r(E))·((1 + e cosE)/(1 − e cosE))^{1/2}·cosE⟩_E
 *
 * with B = C_D·A/m (m²/kg; × ρ in kg/m³ × 1000 → 1/km), n = √(μ/a³), r(E) = a(1 − e cosE), ⟨⟩_E the mean over the
 * eccentric anomaly (trapezoid rule, exact for these periodic integrands to the order used), and F = (1 − r ω⊕ cos i
 * / v)² the co-rotating-atmosphere factor. ρ(r) is the orbit-averaged density at radius r: the mean of the model's
 * density over 8 points of argument of latitude on the orbit plane (inclination and the node precessing with J2),
 * Earth-fixed through GMST 1982, at the geodetic height of each point. It is tabulated lazily (cell by cell, when first read) on a grid of
 * time (6 h) × radial height (2.5 km below 200 km, 5 km to 320 km, 10 km above) and interpolated linearly in time and in log ρ over height.
 *
 * Units: km, s, kg/m³ (atmosphere), m²/kg (B).
 */
import type { AtmosphereModel } from '../propagation/numerical/forceModel.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { gmst1982 } from '../frames/fk5.ts';
import { EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, WGS72, WGS84 } from '../units/index.ts';

const TABLE_STEP_S = 6 * 3600;
const HEIGHT_STEP_KM = 2.5;
const NODES = 8;
const E_NODES = 16;

export interface OrbitPlane {
  readonly inclinationRad: number;
  /** RAAN at the table's reference instant (rad, TEME). */
  readonly raanRad: number;
  /** Secular J2 node rate (rad/s). */
  readonly raanRateRadPerS: number;
}

/** J2 secular node rate (rad/s) of a mean orbit. */
export function raanRateRadPerS(aKm: number, e: number, inclinationRad: number): number {
  const p = aKm * (1 - e * e);
  const n = Math.sqrt(EARTH_MU_KM3S2 / (aKm * aKm * aKm));
  return -1.5 * n * WGS72.j2 * (WGS84.aKm / p) ** 2 * Math.cos(inclinationRad);
}

/** Height grid: 2.5 km steps below 200 km, 5 km to 320 km, 10 km above (log-density is smooth where the scale height grows). */
const GRID_A_TOP_KM = 200;
const GRID_B_TOP_KM = 320;
const GRID_B_STEP_KM = 5;
const GRID_C_STEP_KM = 10;

interface Slice {
  readonly instant: Instant;
  readonly cg: number;
  readonly sg: number;
  readonly co: number;
  readonly so: number;
  /** ln ρ̄ per height index, NaN until computed. */
  readonly values: Float64Array;
  /** ln(ρ_raised/ρ) per height index (flux sensitivity for a relative F10.7 step), 0 before the flux is uncertain. */
  readonly fluxSensitivity: Float64Array;
  readonly fluxUncertain: boolean;
}

/** A second atmosphere with the F10.7 raised by `step` (relative) after `fromS`, for the flux sensitivity. */
export interface FluxSensitivityOptions {
  readonly raisedAtmosphere: AtmosphereModel;
  readonly step: number;
  readonly fromS: number;
}

/**
 * Orbit-averaged density ρ̄(t, h) on a lazily filled grid (each time slice × height cell is computed when first
 * read); h is r − R_eq (WGS-84), t in s from `reference`.
 */
export class OrbitAveragedDensity {
  private readonly slices = new Map<number, Slice>();
  private readonly heights: number;
  private readonly minHeightKm: number;
  private readonly nA: number;
  private readonly nB: number;
  private readonly pos = new Float64Array(3);
  /** Number of model evaluations so far (for the benchmark). */
  evaluations = 0;

  constructor(
    private readonly atmosphere: AtmosphereModel,
    private readonly timeScales: TimeScales,
    private readonly reference: Instant,
    private readonly plane: OrbitPlane,
    minHeightKm: number,
    maxHeightKm: number,
    private readonly flux?: FluxSensitivityOptions,
    /** Lowest height the model accepts, km (JB2008: 90); the table extrapolates ln ρ below it. */
    private readonly modelFloorKm = -Infinity,
  ) {
    const lowest = Math.min(minHeightKm, GRID_A_TOP_KM - HEIGHT_STEP_KM);
    this.nA = Math.ceil((GRID_A_TOP_KM - lowest) / HEIGHT_STEP_KM);
    this.minHeightKm = GRID_A_TOP_KM - this.nA * HEIGHT_STEP_KM;
    this.nB = (GRID_B_TOP_KM - GRID_A_TOP_KM) / GRID_B_STEP_KM;
    this.heights = Math.max(this.nA + 2, Math.ceil(this.indexOf(Math.max(maxHeightKm, minHeightKm + 10))) + 2);
  }

  /** Continuous grid index of a height. */
  private indexOf(h: number): number {
    if (h < GRID_A_TOP_KM) return (h - this.minHeightKm) / HEIGHT_STEP_KM;
    if (h < GRID_B_TOP_KM) return this.nA + (h - GRID_A_TOP_KM) / GRID_B_STEP_KM;
    return this.nA + this.nB + (h - GRID_B_TOP_KM) / GRID_C_STEP_KM;
  }

  private heightOf(j: number): number {
    if (j <= this.nA) return this.minHeightKm + j * HEIGHT_STEP_KM;
    if (j <= this.nA + this.nB) return GRID_A_TOP_KM + (j - this.nA) * GRID_B_STEP_KM;
    return GRID_B_TOP_KM + (j - this.nA - this.nB) * GRID_C_STEP_KM;
  }

  private slice(index: number): Slice {
    const hit = this.slices.get(index);
    if (hit !== undefined) return hit;
    const tS = index * TABLE_STEP_S;
    const instant = this.reference.plusSeconds(tS);
    const ut1 = this.timeScales.ut1JulianDate(instant);
    const g = gmst1982(ut1.jd1, ut1.jd2);
    const raan = this.plane.raanRad + this.plane.raanRateRadPerS * tS;
    const s: Slice = {
      instant,
      cg: Math.cos(g),
      sg: Math.sin(g),
      co: Math.cos(raan),
      so: Math.sin(raan),
      values: new Float64Array(this.heights).fill(NaN),
      fluxSensitivity: new Float64Array(this.heights),
      fluxUncertain: this.flux !== undefined && tS > this.flux.fromS - TABLE_STEP_S,
    };
    this.slices.set(index, s);
    return s;
  }

  private cell(s: Slice, j: number): number {
    const v = s.values[j]!;
    if (!Number.isNaN(v)) return v;
    if (j + 2 < this.heights && this.heightOf(j) < this.modelFloorKm) {
      // Below the model's lower limit (JB2008: 90 km): ln ρ extrapolated linearly from the two cells above.
      const out = 2 * this.cell(s, j + 1) - this.cell(s, j + 2);
      s.values[j] = out;
      s.fluxSensitivity[j] = s.fluxSensitivity[j + 1]!;
      return out;
    }
    const ci = Math.cos(this.plane.inclinationRad);
    const si = Math.sin(this.plane.inclinationRad);
    const r = WGS84.aKm + this.heightOf(j);
    const pos = this.pos;
    let sum = 0;
    let raised = 0;
    let first = 0;
    for (let k = 0; k < NODES; k++) {
      const u = (2 * Math.PI * (k + 0.5)) / NODES;
      const cu = Math.cos(u);
      const su = Math.sin(u);
      const x = r * (s.co * cu - s.so * su * ci);
      const y = r * (s.so * cu + s.co * su * ci);
      pos[0] = s.cg * x + s.sg * y;
      pos[1] = -s.sg * x + s.cg * y;
      pos[2] = r * su * si;
      const rho = this.atmosphere.densityKgPerM3(s.instant, this.timeScales, pos);
      sum += rho;
      this.evaluations++;
      if (k === 0 && s.fluxUncertain) {
        // Flux sensitivity from one point of the orbit (it varies little around it).
        first = rho;
        raised = this.flux!.raisedAtmosphere.densityKgPerM3(s.instant, this.timeScales, pos);
        this.evaluations++;
      }
    }
    const out = Math.log(Math.max(sum / NODES, 1e-30));
    s.values[j] = out;
    if (s.fluxUncertain && first > 0 && raised > 0) s.fluxSensitivity[j] = Math.log(raised / first) / this.flux!.step;
    return out;
  }

  /**
   * ln ρ̄ (kg/m³) at t (s from the reference) and radial height h (km), with F10.7 changed by `fluxRelative` after the
   * flux becomes uncertain (ln ρ + fluxRelative · ∂lnρ/∂(ΔF/F)).
   */
  lnDensity(tS: number, hKm: number, fluxRelative = 0): number {
    const x = tS / TABLE_STEP_S;
    const i0 = Math.floor(x);
    const w = x - i0;
    let y = this.indexOf(hKm);
    const last = this.heights - 1;
    let j0 = Math.floor(y);
    if (j0 < 0) j0 = 0;
    else if (j0 > last - 1) j0 = last - 1;
    y -= j0;
    const s0 = this.slice(i0);
    const b0 = this.cell(s0, j0);
    let a0 = b0 + y * (this.cell(s0, j0 + 1) - b0);
    if (fluxRelative !== 0 && s0.fluxUncertain && tS > this.flux!.fromS) {
      a0 += fluxRelative * (s0.fluxSensitivity[j0]! + y * (s0.fluxSensitivity[j0 + 1]! - s0.fluxSensitivity[j0]!));
    }
    if (w === 0) return a0;
    const s1 = this.slice(i0 + 1);
    const b1 = this.cell(s1, j0);
    let a1 = b1 + y * (this.cell(s1, j0 + 1) - b1);
    if (fluxRelative !== 0 && s1.fluxUncertain && tS > this.flux!.fromS) {
      a1 += fluxRelative * (s1.fluxSensitivity[j0]! + y * (s1.fluxSensitivity[j0 + 1]! - s1.fluxSensitivity[j0]!));
    }
    return a0 + w * (a1 - a0);
  }
}

/** The density a decay run reads. */
export type DecayDensity = OrbitAveragedDensity;

/** Perturbation of one decay run. */
export interface DecayParameters {
  /** C_D·A/m, m²/kg. */
  readonly ballisticCoefficientM2PerKg: number;
  /** Multiplier on the model density (1 nominal). */
  readonly densityFactor?: number;
  /** Relative F10.7 change (0 nominal), applied through the flux-raised table's log-density sensitivity. */
  readonly fluxRelative?: number;
  /** Geomagnetic storm episodes: the density is multiplied by `densityFactor` over [startS, endS) (s from the reference). */
  readonly storms?: readonly StormEpisode[];
}

/** One geomagnetic storm episode of a Monte Carlo sample (docs/design/reentry-prediction.md, "Storms"). */
export interface StormEpisode {
  readonly startS: number;
  readonly endS: number;
  readonly densityFactor: number;
}

/** The product of the density factors of the storms in progress at `tS`. */
export function stormFactorAt(storms: readonly StormEpisode[] | undefined, tS: number): number {
  if (storms === undefined) return 1;
  let f = 1;
  for (const s of storms) if (tS >= s.startS && tS < s.endS) f *= s.densityFactor;
  return f;
}

export interface DecayState {
  tS: number;
  aKm: number;
  e: number;
}

/**
 * Mean radial offset of an orbit from its SGP4 (Brouwer) mean elements, km: SGP4's short-period radius correction
 * r_k = r·(1 − (3/2)·k₂·√(1 − e²)·(3cos²i − 1)/p²) + …cos 2u (Hoots & Roehrich 1980, eq. for r_k; k₂ = J₂/2, p in
 * earth radii) averaged over the orbit: Δr ≈ −(3/4)·J₂·(R/p)²·(3cos²i − 1)·a. About −3 km at 43°, −0.8 km at 51.6°:
 * the density is read at the mean radius the object actually flies, not at the mean semi-major axis.
 */
export function meanRadialOffsetKm(aKm: number, e: number, inclinationRad: number): number {
  const p = aKm * (1 - e * e);
  const c = Math.cos(inclinationRad);
  return -0.75 * WGS72.j2 * (WGS84.aKm / p) ** 2 * Math.sqrt(1 - e * e) * (3 * c * c - 1) * aKm;
}

/** Rates (da/dt km/s, de/dt 1/s) at a state. */
export function decayRates(d: DecayDensity, p: DecayParameters, inclinationRad: number, s: DecayState, out: Float64Array): void {
  const { aKm: a, tS: t } = s;
  const e = Math.max(0, s.e);
  const n = Math.sqrt(EARTH_MU_KM3S2 / (a * a * a));
  const v = Math.sqrt(EARTH_MU_KM3S2 / a);
  const wind = 1 - (a * EARTH_ROTATION_RAD_S * Math.cos(inclinationRad)) / v;
  const bf = p.ballisticCoefficientM2PerKg * 1000 * wind * wind * (p.densityFactor ?? 1) * stormFactorAt(p.storms, t);
  const flux = p.fluxRelative ?? 0;
  const dr = meanRadialOffsetKm(a, e, inclinationRad);
  let sa = 0;
  let se = 0;
  for (let k = 0; k < E_NODES; k++) {
    const c = Math.cos((2 * Math.PI * (k + 0.5)) / E_NODES);
    const h = a * (1 - e * c) + dr - WGS84.aKm;
    const rho = Math.exp(d.lnDensity(t, h, flux));
    const w = Math.sqrt((1 + e * c) / (1 - e * c));
    sa += rho * (1 + e * c) * w;
    se += rho * w * c;
  }
  out[0] = (-bf * a * a * n * sa) / E_NODES;
  out[1] = (-bf * a * n * (1 - e * e) * se) / E_NODES;
}

export interface DecayRunOptions {
  readonly inclinationRad: number;
  /** Stop when the mean perigee radial height reaches this (km). */
  readonly stopPerigeeHeightKm: number;
  /** Give up after this time (s from the reference). */
  readonly maxTS: number;
  /** Times (s, increasing, ≥ start) at which to record a (km). */
  readonly recordAtS?: readonly number[];
}

export interface DecayRunResult {
  /** Time the stop height was reached (s), or undefined when maxTS came first. */
  readonly reentryTS: number | undefined;
  readonly recordedAKm: Float64Array;
  readonly final: DecayState;
  readonly steps: number;
}

/** Integrates the averaged decay (RK4, step ≤ 6 h and ≤ what changes a by 0.4 km or 2 % of the perigee height above the stop). */
export function runDecay(d: DecayDensity, p: DecayParameters, start: DecayState, o: DecayRunOptions): DecayRunResult {
  const s: DecayState = { ...start };
  const rec = o.recordAtS ?? [];
  const recorded = new Float64Array(rec.length);
  let ri = 0;
  while (ri < rec.length && rec[ri]! <= s.tS) recorded[ri++] = s.aKm;
  const k1 = new Float64Array(2);
  const k2 = new Float64Array(2);
  const k3 = new Float64Array(2);
  const k4 = new Float64Array(2);
  const tmp: DecayState = { tS: 0, aKm: 0, e: 0 };
  let steps = 0;
  const hp = (st: DecayState): number => st.aKm * (1 - Math.max(0, st.e)) + meanRadialOffsetKm(st.aKm, st.e, o.inclinationRad) - WGS84.aKm;
  while (s.tS < o.maxTS) {
    decayRates(d, p, o.inclinationRad, s, k1);
    const room = Math.max(0.05, hp(s) - o.stopPerigeeHeightKm);
    let h = Math.min(6 * 3600, Math.min(0.4, 0.02 * room + 0.02) / Math.max(1e-12, Math.abs(k1[0]!)), o.maxTS - s.tS);
    if (ri < rec.length) h = Math.min(h, rec[ri]! - s.tS);
    // Steps end on storm boundaries (the density jumps there).
    for (const st of p.storms ?? []) {
      if (st.startS > s.tS + 1e-3) h = Math.min(h, st.startS - s.tS);
      else if (st.endS > s.tS + 1e-3) h = Math.min(h, st.endS - s.tS);
    }
    h = Math.max(h, 1e-3);
    tmp.tS = s.tS + h / 2;
    tmp.aKm = s.aKm + (h / 2) * k1[0]!;
    tmp.e = s.e + (h / 2) * k1[1]!;
    decayRates(d, p, o.inclinationRad, tmp, k2);
    tmp.aKm = s.aKm + (h / 2) * k2[0]!;
    tmp.e = s.e + (h / 2) * k2[1]!;
    decayRates(d, p, o.inclinationRad, tmp, k3);
    tmp.tS = s.tS + h;
    tmp.aKm = s.aKm + h * k3[0]!;
    tmp.e = s.e + h * k3[1]!;
    decayRates(d, p, o.inclinationRad, tmp, k4);
    const prev: DecayState = { ...s };
    s.aKm += (h / 6) * (k1[0]! + 2 * k2[0]! + 2 * k3[0]! + k4[0]!);
    s.e = Math.max(0, s.e + (h / 6) * (k1[1]! + 2 * k2[1]! + 2 * k3[1]! + k4[1]!));
    s.tS += h;
    steps++;
    while (ri < rec.length && rec[ri]! <= s.tS + 1e-6) recorded[ri++] = s.aKm;
    if (hp(s) <= o.stopPerigeeHeightKm) {
      const h0 = hp(prev) - o.stopPerigeeHeightKm;
      const h1 = hp(s) - o.stopPerigeeHeightKm;
      const f = h0 / (h0 - h1);
      return { reentryTS: prev.tS + f * (s.tS - prev.tS), recordedAKm: recorded, final: s, steps };
    }
  }
  return { reentryTS: undefined, recordedAKm: recorded, final: s, steps };
}
