/**
 * NASA standard breakup model (Johnson, Krisko, Liou & Anz-Meador 2001, "NASA's new breakup model of EVOLVE 4.0",
 * Adv. Space Res. 28(9) 1377-1384; Krisko 2011, "Proper implementation of the 1998 NASA breakup model", Orbital
 * Debris Quarterly News 15(4)): fragment sizes, area-to-mass ratios and ejection speeds of an explosion or a
 * collision, sampled with a seeded generator.
 *
 * - Characteristic length Lc (m), power laws of the cumulative number:
 *   explosion N(>Lc) = 6 S Lc^-1.6 (S: unitless scaling, 1 by default);
 *   collision N(>Lc) = 0.1 M^0.75 Lc^-1.71 with M (kg) = m_target + m_projectile when the collision is catastrophic
 *   (specific energy ½ m_p v² / m_target ≥ 40 J/g), otherwise M = m_p v² (v in km/s).
 *   Sizes are drawn by inverse transform of the truncated Pareto law between `minLcM` and `maxLcM`; the count is
 *   round(N(>minLc) − N(>maxLc)) (mass conservation is not enforced, as in most published uses of the model).
 * - χ = log10(A/m) (m²/kg) given λc = log10(Lc): Lc > 11 cm bimodal α N(μ1, σ1) + (1 − α) N(μ2, σ2) with the
 *   spacecraft or rocket-body coefficients (Johnson 2001, eqs. 6-7 and their tables); Lc < 8 cm one normal
 *   N(μ_soc, σ_soc); between 8 and 11 cm the large-fragment law with probability (Lc − 0.08)/0.03, else the small one
 *   (Krisko 2011's bridge).
 * - Average cross-section A (m²) = 0.540424 Lc² for Lc < 1.67 mm, 0.556945 Lc^2.0047077 otherwise; mass m = A / (A/m).
 * - Ejection speed Δv (m/s): log10 Δv ~ N(μ, 0.4) with μ = 0.2 χ + 1.85 (explosion) or 0.9 χ + 2.9 (collision);
 *   directions isotropic (uniform on the sphere).
 */
import { ArgumentError } from '../../errors/index.ts';
import { SeededNormal } from '../../propagation/numerical/covariance.ts';

export type BreakupType = 'explosion' | 'collision';
/** Which area-to-mass law applies to fragments larger than 11 cm. */
export type BreakupObjectClass = 'spacecraft' | 'rocketBody';

export interface BreakupModelOptions {
  readonly type: BreakupType;
  readonly objectClass?: BreakupObjectClass;
  /** Smallest characteristic length generated, m (default 0.1). */
  readonly minLcM?: number;
  /** Largest characteristic length generated, m (default 1). */
  readonly maxLcM?: number;
  /** Explosion scaling factor S (default 1). */
  readonly explosionScale?: number;
  /** Collision: target mass (kg), projectile mass (kg) and impact speed (km/s). */
  readonly targetMassKg?: number;
  readonly projectileMassKg?: number;
  readonly impactSpeedKmPerS?: number;
  readonly seed?: number;
  /** Cap on the number of fragments (default 100,000): an ArgumentError when the model asks for more. */
  readonly maxFragments?: number;
}

export interface BreakupFragmentSample {
  readonly lcM: number;
  readonly areaToMassM2PerKg: number;
  readonly areaM2: number;
  readonly massKg: number;
  /** Ejection velocity relative to the parent (km/s, in the caller's frame). */
  readonly deltaVKmPerS: readonly [number, number, number];
  readonly deltaVMps: number;
}

/** Power-law exponent β and coefficient k of N(>Lc) = k Lc^-β for the options. */
export function breakupSizeLaw(o: BreakupModelOptions): { coefficient: number; exponent: number; catastrophic?: boolean; massKg?: number } {
  if (o.type === 'explosion') return { coefficient: 6 * (o.explosionScale ?? 1), exponent: 1.6 };
  const mt = o.targetMassKg, mp = o.projectileMassKg, v = o.impactSpeedKmPerS;
  if (!(mt !== undefined && mt > 0 && mp !== undefined && mp > 0 && v !== undefined && v > 0)) {
    throw new ArgumentError('A collision needs targetMassKg, projectileMassKg and impactSpeedKmPerS (all > 0).', { mt, mp, v });
  }
  const specificJPerG = (0.5 * mp * (v * 1000) ** 2) / (mt * 1000);
  const catastrophic = specificJPerG >= 40;
  const m = catastrophic ? mt + mp : mp * v * v;
  return { coefficient: 0.1 * m ** 0.75, exponent: 1.71, catastrophic, massKg: m };
}

/** Cumulative number of fragments larger than lcM (the model's size law). */
export function cumulativeFragmentCount(o: BreakupModelOptions, lcM: number): number {
  const law = breakupSizeLaw(o);
  return law.coefficient * lcM ** -law.exponent;
}

const piecewise = (x: number, x0: number, y0: number, x1: number, y1: number): number => (x <= x0 ? y0 : x >= x1 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0));

/** Parameters of the large-fragment (Lc > 11 cm) bimodal χ law at λc = log10(Lc). */
export function largeFragmentAreaToMassLaw(lambda: number, cls: BreakupObjectClass): { alpha: number; mu1: number; sigma1: number; mu2: number; sigma2: number } {
  if (cls === 'spacecraft') {
    return {
      alpha: piecewise(lambda, -1.95, 0, 0.55, 1),
      mu1: piecewise(lambda, -1.1, -0.6, 0, -0.95),
      sigma1: piecewise(lambda, -1.3, 0.1, -0.3, 0.3),
      mu2: piecewise(lambda, -0.7, -1.2, -0.1, -2.0),
      sigma2: piecewise(lambda, -0.5, 0.5, -0.3, 0.3),
    };
  }
  return {
    alpha: piecewise(lambda, -1.4, 1, 0, 0.5),
    mu1: piecewise(lambda, -0.5, -0.45, 0, -0.9),
    sigma1: 0.55,
    mu2: -0.9,
    sigma2: piecewise(lambda, -1.0, 0.28, 0.1, 0.1),
  };
}

/** Parameters of the small-fragment (Lc < 8 cm) χ law at λc. */
export function smallFragmentAreaToMassLaw(lambda: number): { mu: number; sigma: number } {
  return { mu: piecewise(lambda, -1.75, -0.3, -1.25, -1.0), sigma: lambda <= -3.5 ? 0.2 : 0.2 + 0.1333 * (lambda + 3.5) };
}

/** Average cross-sectional area (m²) of a fragment of characteristic length lcM (m). */
export function fragmentAreaM2(lcM: number): number {
  return lcM < 0.00167 ? 0.540424 * lcM * lcM : 0.556945 * lcM ** 2.0047077;
}

/** Mean of log10(Δv / (m/s)) for χ = log10(A/m). */
export function meanLog10DeltaVMps(type: BreakupType, chi: number): number {
  return type === 'explosion' ? 0.2 * chi + 1.85 : 0.9 * chi + 2.9;
}

export const LOG10_DELTA_V_SIGMA = 0.4;

/** Samples the fragments of one breakup (see the module header). */
export function sampleBreakupFragments(o: BreakupModelOptions): BreakupFragmentSample[] {
  const minLc = o.minLcM ?? 0.1;
  const maxLc = o.maxLcM ?? 1;
  if (!(minLc > 0 && maxLc > minLc)) throw new ArgumentError(`Breakup model needs 0 < minLcM < maxLcM, got ${minLc} and ${maxLc}.`, { minLc, maxLc });
  const law = breakupSizeLaw(o);
  const count = Math.round(law.coefficient * (minLc ** -law.exponent - maxLc ** -law.exponent));
  const cap = o.maxFragments ?? 100_000;
  if (count > cap) throw new ArgumentError(`The breakup model gives ${count} fragments above ${minLc} m, more than maxFragments = ${cap}: raise minLcM or maxFragments.`, count);
  const cls = o.objectClass ?? 'spacecraft';
  const rng = new SeededNormal(o.seed ?? 1);
  const ratio = (minLc / maxLc) ** law.exponent;
  const out: BreakupFragmentSample[] = [];
  for (let k = 0; k < count; k++) {
    // Truncated Pareto: P(>L) = ((L/minLc)^-β − ratio)/(1 − ratio).
    const u = rng.uniform();
    const lc = minLc * (ratio + u * (1 - ratio)) ** (-1 / law.exponent);
    const lambda = Math.log10(lc);
    const useLarge = lc >= 0.11 || (lc > 0.08 && rng.uniform() < (lc - 0.08) / 0.03);
    let chi: number;
    if (useLarge) {
      const p = largeFragmentAreaToMassLaw(lambda, cls);
      chi = rng.uniform() < p.alpha ? p.mu1 + p.sigma1 * rng.normal() : p.mu2 + p.sigma2 * rng.normal();
    } else {
      const p = smallFragmentAreaToMassLaw(lambda);
      chi = p.mu + p.sigma * rng.normal();
    }
    const am = 10 ** chi;
    const area = fragmentAreaM2(lc);
    const dvMps = 10 ** (meanLog10DeltaVMps(o.type, chi) + LOG10_DELTA_V_SIGMA * rng.normal());
    const z = 2 * rng.uniform() - 1;
    const phi = 2 * Math.PI * rng.uniform();
    const s = Math.sqrt(1 - z * z);
    const dv = dvMps / 1000;
    out.push({ lcM: lc, areaToMassM2PerKg: am, areaM2: area, massKg: area / am, deltaVKmPerS: [dv * s * Math.cos(phi), dv * s * Math.sin(phi), dv * z], deltaVMps: dvMps });
  }
  return out;
}
