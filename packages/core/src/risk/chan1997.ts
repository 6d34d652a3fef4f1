/**
 * Chan's series for the 2D Pc (equivalent-area circle, Rician / non-central chi-square form).
 *
 * F. K. Chan, "Collision Probability Analyses for Earth-Orbiting Satellites", Advances in the
 * Astronautical Sciences 96 (AAS 97-xxx), 1997; and F. K. Chan, Spacecraft Collision Probability,
 * Aerospace Press, 2008, ch. 4. The elliptical Gaussian over the hard-body circle is replaced by an
 * isotropic Gaussian over a circle of equal "Mahalanobis area", giving
 *
 *   Pc = e^{−v/2} Σ_{m=0}^{N−1} (v/2)^m/m! · [1 − e^{−u/2} Σ_{k=0}^{m} (u/2)^k/k!],
 *   u = R²/(σx σy),   v = xm²/σx² + ym²/σy²,
 *
 * with σx, σy the principal standard deviations and (xm, ym) the miss along them. Accurate when the
 * covariance is not too elongated relative to R (roughly R ≲ σy); it degrades badly for very thin
 * ellipses (Orekit's "Alfano test case 5": ~1e-202 against an exact 0.0445). N defaults to 20 terms.
 */
import type { FrameName } from '../math/vec3.ts';
import { buildEncounterPlane, toPrincipalAxes, type ConjunctionAtTca, type PrincipalEncounter } from './encounter.ts';
import type { Pc2DResult, Pc2DStateOptions } from './foster1992.ts';

/** Default number of series terms N in {@link pcChan1997Principal}. */
export const CHAN1997_DEFAULT_TERMS = 20;

/** Chan (1997) series Pc in principal axes (km). `terms` is N, the number of outer-series terms. */
export function pcChan1997Principal(enc: PrincipalEncounter, hbrKm: number, terms = CHAN1997_DEFAULT_TERMS): number {
  const { xmKm: xm, ymKm: ym, sigmaXKm: sx, sigmaYKm: sy } = enc;
  if (!(hbrKm > 0)) return 0;
  if (!(sx > 0 && sy > 0)) return NaN;
  const u = (hbrKm * hbrKm) / (sx * sy);
  const v = (xm * xm) / (sx * sx) + (ym * ym) / (sy * sy);
  const hu = 0.5 * u, hv = 0.5 * v;
  const eu = Math.exp(-hu);
  let outerTerm = Math.exp(-hv); // e^{−v/2}(v/2)^m/m!
  let innerTerm = 1; // (u/2)^k/k!
  let innerSum = 1; // Σ_{k≤m}
  let pc = 0;
  for (let m = 0; m < terms; m++) {
    if (m > 0) {
      outerTerm *= hv / m;
      innerTerm *= hu / m;
      innerSum += innerTerm;
    }
    // 1 − e^{−u/2} Σ_{k≤m} (u/2)^k/k!: for small u use the complementary tail to avoid cancellation.
    const bracket = hu < 1 ? poissonUpperTail(hu, m) : 1 - eu * innerSum;
    pc += outerTerm * bracket;
  }
  return pc;
}

/** P(K > m) for K ~ Poisson(λ), summed from the tail: Σ_{k>m} e^{−λ} λ^k/k! (accurate for small λ). */
function poissonUpperTail(lambda: number, m: number): number {
  let term = Math.exp(-lambda);
  for (let k = 1; k <= m + 1; k++) term *= lambda / k;
  let sum = 0;
  for (let k = m + 1; k < m + 200; k++) {
    sum += term;
    term *= lambda / (k + 1);
    if (term < 1e-18 * sum) break;
  }
  return sum;
}

/** Chan (1997) Pc from states at TCA (same conventions as {@link pcFoster1992}). */
export function pcChan1997<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, options: Pc2DStateOptions & { readonly terms?: number } = {}): Pc2DResult {
  const plane = buildEncounterPlane(conj, options.missConvention ?? 'fullDistance', options.clipFloorKm2 ?? 0);
  const principal = toPrincipalAxes(plane.missKm, plane.cov2Km2);
  return { pc: pcChan1997Principal(principal, hbrKm, options.terms), method: 'chan1997', plane, principal, covariance: plane.covariance };
}
