/**
 * Orbital lifetime by orbit-averaged drag decay (King-Hele, Theory of Satellite Orbits in an Atmosphere, 1964;
 * Vallado 2013 §9.6.2). Drag is tangential, a_T = −½ (C_D A/m) ρ v² F, with F = (1 − r_p ω⊕ cos i / v_p)² the
 * atmosphere-rotation factor of King-Hele evaluated at perigee. Gauss's equations averaged over the mean anomaly
 * (dM = (1 − e cos E) dE) give, with B = C_D A/m:
 *
 *   ⟨da/dt⟩ = −(a²/μ) B F · (1/2π) ∮ ρ(r) v³ (1 − e cos E) dE
 *   ⟨de/dt⟩ = −B F (1 − e²) · (1/2π) ∮ ρ(r) v cos E dE
 *
 * with r = a(1 − e cos E) and v² = μ(2/r − 1/a). The integrals are computed by the trapezoidal rule on [0, π]
 * (the integrands are even in E); the spacing follows the width √(H/(ae)) of the density peak at perigee, so that
 * highly eccentric orbits are sampled where the drag is. Near-circular orbits (ae < 1 km) use the circular limit
 * ⟨da/dt⟩ = −B F ρ(a) √(μa), ⟨de/dt⟩ = 0. The height fed to the atmosphere is r − R⊕ plus R⊕ f sin² i / 2, the
 * orbit-mean difference between the geodetic and the equatorial height (WGS-84). The 81-day F10.7 is read at the
 * middle of each step.
 *
 * The equations are integrated with Heun's method (explicit trapezoidal, 2nd order) from the epoch to the perigee
 * height reaching the reentry interface (default 80 km), with steps limited so that the perigee moves less than a
 * tenth of its density scale height and the semi-major axis less than a tenth of it plus 2 % of ae per step, and at
 * most `maxStepDays` (default 60 days: the solar cycle is followed). Units: km, s, kg/m³, m²/kg; time in UTC MJD
 * (whole days, leap seconds are irrelevant at this accuracy).
 */
import { SkylaneError, type SkylaneErrorCode } from '../errors/index.ts';
import { EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, WGS84 } from '../units/index.ts';
import type { LifetimeAtmosphere } from './densityTable.ts';
import { MSIS_MEAN_MAX_F107, msisMeanAtmosphere } from './densityTable.ts';
import { meanSolarCycle, type SolarFluxModel } from './solarFlux.ts';

/** A rejected lifetime input: orbit or parameter the model cannot take, with the value and the fix. */
export class LifetimeError extends SkylaneError {
  override readonly name: string = 'LifetimeError';
  constructor(code: SkylaneErrorCode, message: string, value?: unknown) {
    super(code, message, value);
  }
}

/** The orbit whose lifetime is wanted (mean elements, Brouwer-like mean semi-major axis). */
export interface LifetimeOrbit {
  readonly semiMajorAxisKm: number;
  readonly eccentricity: number;
  readonly inclinationRad: number;
  /** Epoch of the elements, UTC MJD (fractional). */
  readonly epochMjd: number;
  /** C_D A/m, m²/kg. */
  readonly ballisticCoefficientM2PerKg: number;
}

export interface LifetimeOptions {
  /** Default: NRLMSISE-00 mean atmosphere (`msisMeanAtmosphere`). */
  readonly atmosphere?: LifetimeAtmosphere;
  /** Default: the mean solar cycle. */
  readonly solarFlux?: SolarFluxModel;
  /** Stop (and report "beyond the horizon") after this many years. Default 200. */
  readonly horizonYears?: number;
  /** Reentry interface height, km. Default 80. */
  readonly reentryAltitudeKm?: number;
  /** King-Hele atmosphere-rotation factor F (default true; false: F = 1). */
  readonly atmosphereRotation?: boolean;
  /** Geodetic-height correction R⊕ f sin² i / 2 (default true). */
  readonly oblatenessHeightCorrection?: boolean;
  /** Largest step, days. Default 60. */
  readonly maxStepDays?: number;
}

export interface LifetimeResult {
  /** Years from the epoch to the perigee reaching the interface; equals the horizon when beyond it. */
  readonly lifetimeYears: number;
  /** True when the object is still in orbit at the horizon (lifetime is then a lower bound). */
  readonly beyondHorizon: boolean;
  /** UTC MJD of reentry (absent beyond the horizon). */
  readonly reentryMjd?: number;
  readonly initialPerigeeAltKm: number;
  readonly initialApogeeAltKm: number;
  readonly steps: number;
}

const RE = WGS84.aKm;
const MU = EARTH_MU_KM3S2;
const DAYS_PER_YEAR = 365.25;
/** R⊕ f (km): the equator-to-pole difference of the WGS-84 ellipsoid. */
const RE_F = WGS84.aKm * WGS84.f;
const LIFETIME_TOP_PERIGEE_KM_INTERNAL = 2500;
/** Above this perigee height the lifetime is not integrated: drag there is negligible for any object (> 10⁴ yr). */
export const LIFETIME_TOP_PERIGEE_KM = LIFETIME_TOP_PERIGEE_KM_INTERNAL;

/**
 * Λ(h) = ∫_{80 km}^{h} dh′ / (ρ_max(h′) √(μ (R⊕ + h′))) on a 1-km grid, with ρ_max the density at the highest
 * 81-day F10.7 the flux model can give (its `maxF107Average`, else 300 sfu). A circular orbit at h with ballistic factor b (1/km)
 * lasts at least Λ(h)/b; an eccentric orbit with perigee h lasts longer than the circular one (King-Hele), so
 * Λ(h_p)/(b F_max) with F_max = 1.15 (retrograde rotation factor) is a lower bound of any lifetime: an orbit whose
 * bound exceeds the horizon is reported beyond it without integration.
 */
const boundTables = new WeakMap<LifetimeAtmosphere, Map<number, Float64Array>>();
const BOUND_TOP_KM = LIFETIME_TOP_PERIGEE_KM_INTERNAL;

function boundTable(atm: LifetimeAtmosphere, maxF107: number): Float64Array {
  let byFlux = boundTables.get(atm);
  if (!byFlux) boundTables.set(atm, (byFlux = new Map()));
  const key = Math.ceil(maxF107 / 10) * 10;
  let t = byFlux.get(key);
  if (t) return t;
  t = new Float64Array(BOUND_TOP_KM - 80 + 1);
  const f = (h: number): number => 1 / (atm.densityKgPerM3(h, key) * Math.sqrt(MU * (RE + h)));
  let prev = f(80);
  for (let i = 1; i < t.length; i++) {
    const cur = f(80 + i);
    // Exact for an exponential integrand between the nodes: (y1 − y0)/ln(y1/y0).
    const seg = cur !== prev ? (cur - prev) / Math.log(cur / prev) : cur;
    t[i] = t[i - 1]! + seg;
    prev = cur;
  }
  byFlux.set(key, t);
  return t;
}

function lambdaAt(t: Float64Array, h: number): number {
  const x = Math.min(t.length - 1, Math.max(0, h - 80));
  const i = Math.min(t.length - 2, Math.floor(x));
  return t[i]! + (t[i + 1]! - t[i]!) * (x - i);
}

/**
 * Height (km) at which a circular orbit with ballistic coefficient B lasts `years` at a constant 125-sfu flux
 * (Λ(h)/b = years): a starting guess for root finding, not a lifetime.
 */
export function circularHeightForLifetimeKm(ballisticCoefficientM2PerKg: number, years: number, interfaceKm: number, options: LifetimeOptions = {}): number {
  const t = boundTable(options.atmosphere ?? msisMeanAtmosphere(), 125);
  const need = years * DAYS_PER_YEAR * 86400 * ballisticCoefficientM2PerKg * 1000 + lambdaAt(t, interfaceKm);
  let lo = 0;
  let hi = t.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < need) lo = mid;
    else hi = mid;
  }
  return 80 + hi;
}

/** Orbits with ae below this fraction of the perigee scale height use the circular limit (error ~ (ae/2H)² < 1 %). */
const CIRCULAR_LIMIT = 0.2;

/** Scratch of one derivative evaluation. */
interface Rates {
  dadt: number;
  dedt: number;
}

class DecayModel {
  readonly atm: LifetimeAtmosphere;
  readonly flux: SolarFluxModel;
  readonly hOffset: number;
  readonly cosI: number;
  readonly rotation: boolean;
  readonly b: number;
  constructor(orbit: LifetimeOrbit, o: LifetimeOptions) {
    this.atm = o.atmosphere ?? msisMeanAtmosphere();
    this.flux = o.solarFlux ?? meanSolarCycle;
    const s = Math.sin(orbit.inclinationRad);
    this.hOffset = o.oblatenessHeightCorrection === false ? 0 : (RE_F * s * s) / 2;
    this.cosI = Math.cos(orbit.inclinationRad);
    this.rotation = o.atmosphereRotation !== false;
    this.b = orbit.ballisticCoefficientM2PerKg * 1000; // m²/kg × kg/m³ → 1/m; ×1000 → 1/km
  }

  density(r: number, f107: number): number {
    return this.atm.densityKgPerM3(r - RE + this.hOffset, f107);
  }

  /** Local density scale height (km) at radius r. */
  scaleHeight(r: number, f107: number): number {
    const d = Math.log(this.density(r, f107)) - Math.log(this.density(r + 1, f107));
    return d > 1e-6 ? 1 / d : 1e6;
  }

  /** Orbit-averaged rates; `hs` is the density scale height at perigee (km). */
  rates(a: number, e: number, f107: number, hs: number, out: Rates): void {
    const rp = a * (1 - e);
    const vp = Math.sqrt((MU * (1 + e)) / rp);
    const windFactor = this.rotation ? (1 - (rp * EARTH_ROTATION_RAD_S * this.cosI) / vp) ** 2 : 1;
    const k = this.b * windFactor;
    const ae = a * e;
    if (ae < CIRCULAR_LIMIT * hs) {
      out.dadt = -k * this.density(a, f107) * Math.sqrt(MU * a);
      out.dedt = 0;
      return;
    }
    // Trapezoid spacing = the width σ = √(H/(ae)) of the perigee peak: error ~ 2 exp(−2π²) ≈ 5e-9 for a Gaussian peak.
    const sigma = Math.sqrt(hs / ae);
    const m = Math.min(600, Math.max(6, Math.ceil(Math.PI / sigma)));
    const invA = 1 / a;
    let sa = 0;
    let se = 0;
    for (let j = 0; j <= m; j++) {
      const cosE = Math.cos((Math.PI * j) / m);
      const x = 1 - e * cosE;
      const r = a * x;
      const rho = this.density(r, f107);
      const v = Math.sqrt(MU * (2 / r - invA));
      const w = j === 0 || j === m ? 0.5 : 1;
      sa += w * rho * v * v * v * x;
      se += w * rho * v * cosE;
    }
    sa /= m;
    se /= m;
    out.dadt = -((a * a) / MU) * k * sa;
    out.dedt = -k * (1 - e * e) * se;
  }
}

function checkOrbit(orbit: LifetimeOrbit): void {
  const { semiMajorAxisKm: a, eccentricity: e, ballisticCoefficientM2PerKg: b } = orbit;
  if (!(Number.isFinite(a) && a > 0)) throw new LifetimeError('ELEMENTS_INVALID', `The semi-major axis must be a positive number of km, got ${a}.`, a);
  if (!(e >= 0 && e < 1)) throw new LifetimeError('ELEMENTS_INVALID', `The eccentricity must be in [0, 1) for a lifetime (a closed orbit), got ${e}.`, e);
  if (!(Number.isFinite(b) && b > 0)) {
    throw new LifetimeError('ARGUMENT_INVALID', `The ballistic coefficient C_D A/m must be a positive number of m²/kg, got ${b}; give the mass and area or a positive B*.`, b);
  }
  if (!Number.isFinite(orbit.epochMjd) || !Number.isFinite(orbit.inclinationRad)) throw new LifetimeError('ELEMENTS_INVALID', 'The epoch and inclination must be finite numbers.', orbit);
}

/**
 * Orbital lifetime of one orbit (see the module header). Throws `LifetimeError` with OBJECT_DECAYED when the perigee
 * is already at or below the reentry interface, ELEMENTS_INVALID for an open or malformed orbit, ARGUMENT_INVALID
 * for a non-positive ballistic coefficient.
 */
export function orbitalLifetime(orbit: LifetimeOrbit, options: LifetimeOptions = {}): LifetimeResult {
  checkOrbit(orbit);
  const horizonYears = options.horizonYears ?? 200;
  if (!(horizonYears > 0)) throw new LifetimeError('ARGUMENT_INVALID', `The horizon must be a positive number of years, got ${horizonYears}.`, horizonYears);
  const interfaceKm = options.reentryAltitudeKm ?? 80;
  const maxStepS = (options.maxStepDays ?? 60) * 86400;
  const model = new DecayModel(orbit, options);
  let a = orbit.semiMajorAxisKm;
  let e = orbit.eccentricity;
  const perigeeAlt = (aa: number, ee: number): number => aa * (1 - ee) - RE + model.hOffset;
  const initialPerigeeAltKm = perigeeAlt(a, e);
  const initialApogeeAltKm = a * (1 + e) - RE + model.hOffset;
  if (initialPerigeeAltKm <= interfaceKm) {
    throw new LifetimeError(
      'OBJECT_DECAYED',
      `The perigee height ${initialPerigeeAltKm.toFixed(1)} km is already at or below the ${interfaceKm}-km reentry interface: the object is reentering now; use a reentry prediction instead of a lifetime.`,
      initialPerigeeAltKm,
    );
  }
  const base = { initialPerigeeAltKm, initialApogeeAltKm };
  if (initialPerigeeAltKm > LIFETIME_TOP_PERIGEE_KM) return { lifetimeYears: horizonYears, beyondHorizon: true, ...base, steps: 0 };
  const horizonS = horizonYears * DAYS_PER_YEAR * 86400;
  const bt = boundTable(model.atm, model.flux.maxF107Average ?? MSIS_MEAN_MAX_F107);
  const hpGeometric = a * (1 - e) - RE;
  const lowerBoundS = (0.9 * (lambdaAt(bt, hpGeometric) - lambdaAt(bt, interfaceKm))) / (model.b * 1.15);
  if (lowerBoundS > horizonS) return { lifetimeYears: horizonYears, beyondHorizon: true, ...base, steps: 0 };
  const r1: Rates = { dadt: 0, dedt: 0 };
  const r2: Rates = { dadt: 0, dedt: 0 };
  let t = 0;
  let steps = 0;
  while (t < horizonS) {
    const mjd = orbit.epochMjd + t / 86400;
    const f107 = model.flux.f107AverageAt(mjd);
    const rp = a * (1 - e);
    const hs = model.scaleHeight(rp, f107);
    model.rates(a, e, f107, hs, r1);
    const dqdt = Math.abs(r1.dadt * (1 - e) - a * r1.dedt);
    let dt = Math.min(maxStepS, horizonS - t);
    if (dqdt > 0) dt = Math.min(dt, (0.1 * hs) / dqdt);
    if (r1.dadt !== 0) dt = Math.min(dt, (0.1 * hs + 0.02 * a * e) / Math.abs(r1.dadt));
    dt = Math.max(dt, 1);
    const fMid = model.flux.f107AverageAt(mjd + dt / 2 / 86400);
    if (fMid !== f107) model.rates(a, e, fMid, hs, r1);
    const aP = a + dt * r1.dadt;
    const eP = Math.max(0, e + dt * r1.dedt);
    const qPred = perigeeAlt(aP, eP);
    if (qPred > interfaceKm) model.rates(aP, eP, fMid, hs, r2);
    else {
      r2.dadt = r1.dadt;
      r2.dedt = r1.dedt;
    }
    const aN = a + (dt * (r1.dadt + r2.dadt)) / 2;
    const eN = Math.max(0, e + (dt * (r1.dedt + r2.dedt)) / 2);
    steps++;
    const q0 = perigeeAlt(a, e);
    const q1 = perigeeAlt(aN, eN);
    if (q1 <= interfaceKm || !(aN > RE)) {
      const frac = q1 < q0 ? Math.min(1, Math.max(0, (q0 - interfaceKm) / (q0 - q1))) : 1;
      const tr = t + frac * dt;
      return { lifetimeYears: tr / (DAYS_PER_YEAR * 86400), beyondHorizon: false, reentryMjd: orbit.epochMjd + tr / 86400, ...base, steps };
    }
    a = aN;
    e = eN;
    t += dt;
    if (steps > 1_000_000) break;
  }
  return { lifetimeYears: horizonYears, beyondHorizon: true, ...base, steps };
}

/** Orbit-averaged da/dt (km/s) of an orbit at its epoch under the model (for fitting B to an observed decay). */
export function decayRate(orbit: LifetimeOrbit, options: LifetimeOptions = {}): number {
  const model = new DecayModel(orbit, options);
  const f107 = model.flux.f107AverageAt(orbit.epochMjd);
  const rp = orbit.semiMajorAxisKm * (1 - orbit.eccentricity);
  const out: Rates = { dadt: 0, dedt: 0 };
  model.rates(orbit.semiMajorAxisKm, orbit.eccentricity, f107, model.scaleHeight(rp, f107), out);
  return out.dadt;
}
