/**
 * Maximum probability of collision over a covariance scale factor, and the dilution-region flag.
 *
 * S. Alfano, "Relating Position Uncertainty to Maximum Conjunction Probability", Journal of the
 * Astronautical Sciences 53(2), 2005 (the SOCRATES "maximum probability" used by CelesTrak): the
 * encounter-plane covariance is scaled as C(k) = k²·C and the Foster 2D Pc is maximised over k > 0.
 * When the maximising k is below 1 the actual covariance is larger than the one that maximises Pc: the
 * conjunction is in the *dilution region*, where a low Pc reflects poor knowledge rather than safety
 * (shrinking the uncertainty would raise Pc).
 * Small-HBR closed form: Pc(k) ≈ R²/(2k²σxσy)·exp(−v/(2k²)), v = xm²/σx² + ym²/σy², maximal at
 * k² = v/2 with Pc_max ≈ R²/(e·σxσy·v).
 */
import type { FrameName } from '../math/vec3.ts';
import { buildEncounterPlane, toPrincipalAxes, type ConjunctionAtTca, type PrincipalEncounter } from './encounter.ts';
import { pcFoster1992Principal } from './foster1992.ts';
import type { Pc2DStateOptions } from './foster1992.ts';

/** Result of {@link pcMaxAlfano2005Principal}. */
export interface Alfano2005Result {
  /** Maximum Foster Pc over the scale factor. */
  readonly pcMax: number;
  /** Sigma scale factor k at the maximum (covariance scaled by k²). */
  readonly scaleFactor: number;
  /** Pc at k = 1 (the actual covariance). */
  readonly pcActual: number;
  /** True when k < 1: the actual covariance lies in the dilution region. */
  readonly dilutionRegion: boolean;
  /** Small-HBR closed-form maximum R²/(e σx σy v). */
  readonly pcMaxClosedForm: number;
  readonly method: 'alfano2005';
}

/** Alfano (2005) maximum Pc in principal axes (km). */
export function pcMaxAlfano2005Principal(enc: PrincipalEncounter, hbrKm: number): Alfano2005Result {
  const { xmKm: xm, ymKm: ym, sigmaXKm: sx, sigmaYKm: sy } = enc;
  const v = (xm * xm) / (sx * sx) + (ym * ym) / (sy * sy);
  const pcAt = (k: number): number => pcFoster1992Principal({ xmKm: xm, ymKm: ym, sigmaXKm: k * sx, sigmaYKm: k * sy }, hbrKm, { relTol: 1e-10 });
  const pcActual = pcAt(1);
  const closed = (hbrKm * hbrKm) / (Math.E * sx * sy * v);
  // Golden-section search on ln k around the closed-form optimum (Pc(k) is unimodal in k).
  const kGuess = v > 0 ? Math.sqrt(v / 2) : 0;
  if (!(kGuess > 0)) {
    // Zero miss: Pc grows without bound as k → 0 (→ 1).
    return { pcMax: 1, scaleFactor: 0, pcActual, dilutionRegion: true, pcMaxClosedForm: Infinity, method: 'alfano2005' };
  }
  let lo = Math.log(kGuess) - 3, hi = Math.log(kGuess) + 3;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = hi - g * (hi - lo), d = lo + g * (hi - lo);
  let fc = pcAt(Math.exp(c)), fd = pcAt(Math.exp(d));
  for (let it = 0; it < 80 && hi - lo > 1e-9; it++) {
    if (fc > fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - g * (hi - lo);
      fc = pcAt(Math.exp(c));
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + g * (hi - lo);
      fd = pcAt(Math.exp(d));
    }
  }
  const k = Math.exp(0.5 * (lo + hi));
  const pcMax = Math.max(pcAt(k), pcActual);
  return { pcMax, scaleFactor: k, pcActual, dilutionRegion: k < 1, pcMaxClosedForm: closed, method: 'alfano2005' };
}

/** Alfano (2005) maximum Pc from states at TCA (same conventions as {@link pcFoster1992}). */
export function pcMaxAlfano2005<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, options: Pc2DStateOptions = {}): Alfano2005Result {
  const plane = buildEncounterPlane(conj, options.missConvention ?? 'fullDistance', options.clipFloorKm2 ?? 0);
  return pcMaxAlfano2005Principal(toPrincipalAxes(plane.missKm, plane.cov2Km2), hbrKm);
}
