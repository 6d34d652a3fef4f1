/**
 * Which Pc method to trust: a usage check in the spirit of NASA CARA's multistep approach
 * (D. T. Hall, "Implementation Recommendations and Usage Boundaries for the Two-Dimensional Probability of
 * Collision Calculation", AAS 19-632, 2019; CARA PcMultiStep). The 2D (Foster) Pc assumes rectilinear
 * relative motion during a short encounter, no velocity uncertainty and a positive-definite covariance.
 *
 * Steps: (1) a non-positive-definite covariance is a violation outright; (2) cheap geometric screens (slow
 * encounter, encounter duration against the orbital period, position sigma against the orbit radius) pass most
 * conjunctions straight to Foster 2D; (3) when a screen fires, the 2D Pc is checked against Hall's 3D Nc, and
 * the 2D assumptions count as violated only if the two differ by more than `max2D3DRelativeDifference` of Nc
 * (default 15%): on the 27 NASA CARA test CDMs this reproduces CARA's published Pc2D usage-violation flag for
 * every case (agreeing conjunctions differ by < 2%, flagged ones by a factor ≥ 2.5). (4) Where even the 3D
 * assumptions are doubtful (relative speed below 1 m/s, or the encounter window reaching the half-period cap, i.e.
 * repeated encounters) `monteCarloAdvised` is set, as CARA then falls back to its Monte Carlo. Screen
 * thresholds are ours ({@link UsageThresholds}), not CARA's exact ones.
 */
import type { FrameName } from '../math/vec3.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import { remediateSymmetric } from '../covariance/eigen.ts';
import { buildEncounterPlane, positionPart, type ConjunctionAtTca } from './encounter.ts';
import { encounterWindowS } from './hall2021.ts';
import { ellipticOrbit } from './twobody.ts';
import { pcFoster1992 } from './foster1992.ts';
import { pcHall2021 } from './hall2021.ts';

/** Thresholds of {@link assessPcUsage}. */
export interface UsageThresholds {
  /** Encounter duration (default window) above this fraction of the shorter orbital period flags a long encounter. Default 0.01. */
  readonly maxDurationPeriodFraction?: number;
  /** Relative speeds below this (km/s) flag a slow encounter. Default 0.01 (10 m/s). */
  readonly minRelativeSpeedKmS?: number;
  /** Largest position sigma above this fraction of the orbit radius flags a curvilinear covariance. Default 0.001. */
  readonly maxSigmaOverRadius?: number;
  /** When a screen fires, 2D is still accepted if |Pc2D − Nc3D| ≤ this fraction of Nc3D. Default 0.15. */
  readonly max2D3DRelativeDifference?: number;
}

/** Outcome of {@link assessPcUsage}. */
export interface PcUsage {
  readonly method: 'foster1992' | 'hall2021';
  readonly twoDimensionalValid: boolean;
  readonly reasons: readonly string[];
  readonly relativeSpeedKmS: number;
  readonly encounterDurationS: number;
  readonly shorterPeriodS: number;
  readonly covarianceRemediated: boolean;
  /** Geometric screens that fired (empty when none). */
  readonly screens: readonly string[];
  /** Foster 2D Pc and Hall 3D Nc, present when a screen fired and they were compared. */
  readonly pc2d?: number;
  readonly nc3d?: number;
  /** True when the 3D method's own assumptions are doubtful (very slow or repeating encounters): use Monte Carlo. */
  readonly monteCarloAdvised: boolean;
}

/** Checks the 2D Pc assumptions for a conjunction at TCA and recommends Foster 2D or Hall 3D. */
export function assessPcUsage<F extends FrameName>(conj: ConjunctionAtTca<F>, hbrKm: number, thresholds: UsageThresholds = {}): PcUsage {
  const reasons: string[] = [];
  const x1 = [...conj.primary.r, ...conj.primary.v], x2 = [...conj.secondary.r, ...conj.secondary.v];
  const period = Math.min((2 * Math.PI) / ellipticOrbit(x1, EARTH_MU_KM3S2).n, (2 * Math.PI) / ellipticOrbit(x2, EARTH_MU_KM3S2).n);
  const dv = [x2[3]! - x1[3]!, x2[4]! - x1[4]!, x2[5]! - x1[5]!];
  const vrel = Math.hypot(dv[0]!, dv[1]!, dv[2]!);
  let remediated = false;
  for (const o of [conj.primary, conj.secondary]) {
    const r = remediateSymmetric(o.cov.m, o.cov.m.length === 9 ? 3 : 6);
    if (r.flags.remediated) {
      remediated = true;
      reasons.push(`a covariance is not positive semi-definite (clipped eigenvalues ${r.flags.clippedEigenvalues.map((x) => x.toExponential(2)).join(', ')})`);
    }
  }
  const minV = thresholds.minRelativeSpeedKmS ?? 0.01;
  if (!(vrel >= minV)) reasons.push(`slow encounter: relative speed ${(vrel * 1000).toFixed(3)} m/s < ${(minV * 1000).toFixed(1)} m/s`);
  let duration = Infinity;
  if (vrel > 0) {
    const [a, b] = encounterWindowS(conj, hbrKm);
    duration = b - a;
    if (conj.primary.r.length === 3) {
      try {
        const plane = buildEncounterPlane(conj);
        if (plane.covariance.remediated) {
          remediated = true;
          reasons.push('the encounter-plane covariance is not positive definite');
        }
      } catch {
        reasons.push('the encounter plane is undefined');
      }
    }
  }
  const frac = thresholds.maxDurationPeriodFraction ?? 0.01;
  if (duration > frac * period) reasons.push(`long encounter: ${duration.toFixed(1)} s > ${frac} of the ${period.toFixed(0)} s period (curved relative motion)`);
  const c1 = positionPart(conj.primary.cov), c2 = positionPart(conj.secondary.cov);
  const rmin = Math.min(Math.hypot(x1[0]!, x1[1]!, x1[2]!), Math.hypot(x2[0]!, x2[1]!, x2[2]!));
  const sigMax = Math.sqrt(Math.max(c1[0]! + c2[0]!, c1[4]! + c2[4]!, c1[8]! + c2[8]!, 0));
  const maxS = thresholds.maxSigmaOverRadius ?? 0.001;
  if (sigMax > maxS * rmin) reasons.push(`large covariance: σ ≈ ${sigMax.toFixed(3)} km > ${maxS} of the orbit radius (curvilinear uncertainty)`);
  const screens = [...reasons];
  let monteCarloAdvised = false;
  if (vrel < 1e-3) {
    monteCarloAdvised = true;
    reasons.push(`relative speed ${(vrel * 1000).toFixed(3)} m/s < 1 m/s: the encounter is not isolated; Monte Carlo advised`);
  } else if (duration >= 0.999 * period) {
    monteCarloAdvised = true;
    reasons.push('the encounter window reaches the half-period cap on both sides (repeated encounters); Monte Carlo advised');
  }
  let pc2d: number | undefined, nc3d: number | undefined;
  let valid = screens.length === 0;
  if (!valid && !remediated) {
    // Step 3: compare 2D with 3D; the screens are necessary, not sufficient, conditions of 2D inaccuracy.
    nc3d = pcHall2021(conj, hbrKm).nc;
    try {
      pc2d = pcFoster1992(conj, hbrKm).pc;
    } catch (e) {
      reasons.push(`the 2D Pc is undefined (${e instanceof Error ? e.message : String(e)})`);
    }
    const tol = thresholds.max2D3DRelativeDifference ?? 0.15;
    if (pc2d !== undefined) {
      const diff = Math.abs(pc2d - nc3d);
      if (diff <= tol * nc3d || Math.max(pc2d, nc3d) < 1e-15) {
        valid = !monteCarloAdvised;
        if (valid) reasons.splice(0, reasons.length, `screens fired (${screens.join('; ')}) but the 2D Pc ${pc2d.toExponential(3)} agrees with the 3D Nc ${nc3d.toExponential(3)} within ${(tol * 100).toFixed(0)}%; Foster 2D Pc is appropriate`);
      } else {
        reasons.push(`the 2D Pc ${pc2d.toExponential(3)} differs from the 3D Nc ${nc3d.toExponential(3)} by ${((100 * diff) / nc3d).toPrecision(3)}%`);
      }
    }
  }
  return {
    method: valid ? 'foster1992' : 'hall2021',
    twoDimensionalValid: valid,
    reasons: valid && screens.length === 0 ? ['2D assumptions hold: fast, short encounter with a positive-definite covariance; Foster 2D Pc is appropriate'] : reasons,
    relativeSpeedKmS: vrel,
    encounterDurationS: duration,
    shorterPeriodS: period,
    covarianceRemediated: remediated,
    screens,
    ...(pc2d === undefined ? {} : { pc2d }),
    ...(nc3d === undefined ? {} : { nc3d }),
    monteCarloAdvised,
  };
}
