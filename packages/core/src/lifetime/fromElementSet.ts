/**
 * Lifetime inputs from a GP element set: the mean semi-major axis (SGP4's un-Kozai step, Hoots & Roehrich 1980 /
 * Vallado et al. 2006 `initl`, WGS-72 constants as the elements were fitted with) and the ballistic coefficient.
 *
 * Ballistic coefficient, first choice: the decay the element set itself shows. MEAN_MOTION_DOT is ṅ/2 (rev/day²), so
 * the observed da/dt = −(2/3) a ṅ / n, and C_D A/m = (da/dt)_observed / (da/dt per unit C_D A/m of this model at the
 * epoch): a fit of B to the observed decay with the lifetime model's own atmosphere and flux, which removes the model's
 * density bias at that height and time. Used for perigees below 650 km, e < 0.05 and a result within 0.0005-1 m²/kg.
 *
 * Second choice, B* → C_D A/m: SGP4 defines B* = ½ (C_D A/m) ρ0 with ρ0 = 2.461 × 10⁻⁵ kg/m³ · R⊕ = 0.15696615 kg/m² per Earth
 * radius (Vallado 2013, eq. 9-33), so C_D A/m [m²/kg] = 12.741621 · B* [1/R⊕]. B* is a fitted drag term that
 * absorbs SGP4's static atmosphere, so it is used only where it is positive, within 0.0005-1 m²/kg after conversion,
 * and the perigee is below 1,500 km (above, it is poorly observed); otherwise the mass and radius of the CARA table
 * (when given) or the documented defaults of `debris/massDefaults.ts` give C_D A/m = 2.2 · π r² / m.
 */
import type { ElementSet } from '../catalog/model.ts';
import { estimateMassAndRadius } from '../debris/massDefaults.ts';
import { DEG_TO_RAD, WGS72 } from '../units/index.ts';
import { LifetimeError, decayRate, type LifetimeOptions, type LifetimeOrbit } from './averagedDecay.ts';

/** 2 / 0.15696615 (kg/m² per Earth radius): C_D A/m in m²/kg per unit B* in 1/R⊕. */
export const BSTAR_TO_BALLISTIC_M2_PER_KG = 12.741621;
/** Drag coefficient used with mass and area. */
export const LIFETIME_DRAG_COEFFICIENT_DEFAULT = 2.2;

const XKE = 60 / Math.sqrt((WGS72.aKm ** 3) / WGS72.muKm3s2);
const K2 = 0.5 * WGS72.j2;

/** SGP4 mean ("un-Kozai'd") semi-major axis, km, from the element set's mean motion, eccentricity and inclination. */
export function sgp4MeanSemiMajorAxisKm(meanMotionRevPerDay: number, eccentricity: number, inclinationDeg: number): number {
  const n = (meanMotionRevPerDay * 2 * Math.PI) / 1440; // rad/min
  const cosi = Math.cos(inclinationDeg * DEG_TO_RAD);
  const x3thm1 = 3 * cosi * cosi - 1;
  const beta2 = 1 - eccentricity * eccentricity;
  const beta3 = beta2 * Math.sqrt(beta2);
  const a1 = (XKE / n) ** (2 / 3);
  const d1 = (1.5 * K2 * x3thm1) / (a1 * a1 * beta3);
  const a0 = a1 * (1 - d1 * (1 / 3 + d1 * (1 + (134 / 81) * d1)));
  const d0 = (1.5 * K2 * x3thm1) / (a0 * a0 * beta3);
  const nUnKozai = n / (1 + d0);
  return (XKE / nUnKozai) ** (2 / 3) * WGS72.aKm;
}

/** Where the ballistic coefficient came from. */
export type BallisticSource = 'observed-decay' | 'bstar' | 'cara-mass-radius' | 'default-mass-radius' | 'given';

export interface BallisticEstimate {
  readonly ballisticCoefficientM2PerKg: number;
  readonly source: BallisticSource;
  /** A sentence: which value, why. */
  readonly detail: string;
}

/** Mass (kg) and hard-body radius (m) for one object, e.g. from the CARA table. */
export interface MassRadius {
  readonly massKg?: number;
  readonly hbrM?: number;
}

/**
 * C_D A/m from the observed decay where usable, else from B*, else from mass and radius (see the module header).
 * `decayRateToBallistic` (from `orbitalDecayCalibration`) turns an observed da/dt (km/s) into C_D A/m for the
 * lifetime model's own atmosphere at the epoch.
 */
export function ballisticFromElementSet(set: ElementSet, perigeeAltKm: number, cara?: MassRadius, decayRateToBallistic?: (dadtKmPerS: number) => number): BallisticEstimate {
  if (decayRateToBallistic && set.meanMotionDotRevPerDay2 > 0 && perigeeAltKm < NDOT_TOP_KM && set.eccentricity < 0.05) {
    const n = set.meanMotionRevPerDay;
    const a = sgp4MeanSemiMajorAxisKm(n, set.eccentricity, set.inclinationDeg);
    // ṅ = 2 × MEAN_MOTION_DOT (rev/day²); da/dt = −(2/3) a ṅ / n (km/day → km/s).
    const dadt = (-(2 / 3) * a * (2 * set.meanMotionDotRevPerDay2)) / n / 86400;
    const b = decayRateToBallistic(dadt);
    if (b >= 0.0005 && b <= 1) {
      return { ballisticCoefficientM2PerKg: b, source: 'observed-decay', detail: `fitted to the element set's decay rate: MEAN_MOTION_DOT ${set.meanMotionDotRevPerDay2.toExponential(4)} rev/day², da/dt ${(dadt * 86400 * 1000).toFixed(1)} m/day` };
    }
  }
  const fromBstar = BSTAR_TO_BALLISTIC_M2_PER_KG * set.bstarPerEarthRadii;
  if (fromBstar >= 0.0005 && fromBstar <= 1 && perigeeAltKm < 1500) {
    return { ballisticCoefficientM2PerKg: fromBstar, source: 'bstar', detail: `B* ${set.bstarPerEarthRadii.toExponential(4)} /ER × 12.741621` };
  }
  const m = estimateMassAndRadius(set.objectName, set.objectType ?? 'UNKNOWN', cara);
  const b = (LIFETIME_DRAG_COEFFICIENT_DEFAULT * Math.PI * m.radiusM * m.radiusM) / m.massKg;
  const why = perigeeAltKm >= 1500 ? 'perigee above 1,500 km' : `B* ${set.bstarPerEarthRadii.toExponential(3)} unusable`;
  const source: BallisticSource = m.massSource.startsWith('CARA') ? 'cara-mass-radius' : 'default-mass-radius';
  return { ballisticCoefficientM2PerKg: b, source, detail: `${why}: 2.2·π r²/m with m ${m.massKg} kg (${m.massSource}), r ${m.radiusM} m (${m.radiusSource})` };
}

/** Above this perigee height the element set's MEAN_MOTION_DOT is too small to be a decay measurement. */
export const NDOT_TOP_KM = 650;

/** Modified Julian Day (fractional) of an element set's epoch (TAI day count: within a minute of UTC, ample here). */
export function elementSetEpochMjd(set: ElementSet): number {
  return set.epoch.taiDay + set.epoch.taiSeconds / 86400;
}

/** The lifetime orbit of an element set, with its ballistic estimate. Throws LifetimeError for unusable elements. */
export function lifetimeOrbitFromElementSet(
  set: ElementSet,
  cara?: MassRadius,
  ballisticOverrideM2PerKg?: number,
  options: LifetimeOptions = {},
): { orbit: LifetimeOrbit; ballistic: BallisticEstimate } {
  if (!(set.meanMotionRevPerDay > 0) || !(set.eccentricity >= 0 && set.eccentricity < 1)) {
    throw new LifetimeError('ELEMENTS_INVALID', `Object ${set.catalogNumber}: mean motion ${set.meanMotionRevPerDay} rev/day and eccentricity ${set.eccentricity} do not describe a closed orbit.`, set.catalogNumber);
  }
  const a = sgp4MeanSemiMajorAxisKm(set.meanMotionRevPerDay, set.eccentricity, set.inclinationDeg);
  const perigeeAltKm = a * (1 - set.eccentricity) - WGS72.aKm;
  const inclinationRad = set.inclinationDeg * DEG_TO_RAD;
  const epochMjd = elementSetEpochMjd(set);
  const shape = { semiMajorAxisKm: a, eccentricity: set.eccentricity, inclinationRad, epochMjd };
  const ballistic: BallisticEstimate =
    ballisticOverrideM2PerKg !== undefined
      ? { ballisticCoefficientM2PerKg: ballisticOverrideM2PerKg, source: 'given', detail: 'given by the caller' }
      : ballisticFromElementSet(set, perigeeAltKm, cara, (dadt) => {
          const unit = decayRate({ ...shape, ballisticCoefficientM2PerKg: 1 }, options);
          return unit < 0 ? dadt / unit : Number.NaN;
        });
  return { orbit: { ...shape, ballisticCoefficientM2PerKg: ballistic.ballisticCoefficientM2PerKg }, ballistic };
}
