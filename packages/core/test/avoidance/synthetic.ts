/** A synthetic LEO conjunction for the avoidance tests: circular 700 km, 98° primary; a secondary crossing it at TCA. */
import { createTimeScales, type AvoidanceInput, type Instant } from '../../src/index.ts';

export const ts = createTimeScales();
export const MU = 398600.4415;

/** Diagonal 6x6 RTN covariance (σ in km, km/s), row-major. */
export function diagCov(sr: number, st: number, sn: number, sv = 1e-6): number[] {
  const m = new Array<number>(36).fill(0);
  [sr, st, sn, sv, sv, sv].forEach((s, i) => (m[i * 7] = s * s));
  return m;
}

/** State (km, km/s) of a circular orbit of radius a, inclination i, RAAN Ω, argument of latitude u. */
export function circular(a: number, i: number, raan: number, u: number): [number, number, number, number, number, number] {
  const v = Math.sqrt(MU / a);
  const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(i), si = Math.sin(i), cO = Math.cos(raan), sO = Math.sin(raan);
  const r = [a * (cO * cu - sO * su * ci), a * (sO * cu + cO * su * ci), a * su * si];
  const w = [v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
  return [r[0]!, r[1]!, r[2]!, w[0]!, w[1]!, w[2]!];
}

export interface SyntheticOptions {
  readonly tca?: Instant;
  /** Radial offset of the secondary at TCA (km). */
  readonly radialMissKm?: number;
  readonly knownAtDaysBefore?: number;
  readonly hbrM?: number;
  readonly primaryCov?: number[];
  readonly secondaryCov?: number[];
}

/** The conjunction: primary at argument of latitude 40°, secondary in a plane 90° away in RAAN, through the same point (+ radial offset). */
export function syntheticConjunction(o: SyntheticOptions = {}): AvoidanceInput {
  const tca = o.tca ?? ts.fromUtc(2026, 3, 11, 12, 0, 0);
  const a = 6378.137 + 700;
  const p = circular(a, (98 * Math.PI) / 180, 0, (40 * Math.PI) / 180);
  // Secondary: a circular orbit of a different plane through the same point, then moved radially.
  const rHat = [p[0] / a, p[1] / a, p[2] / a];
  const d = o.radialMissKm ?? 0.2;
  const hP = [p[1] * p[5] - p[2] * p[4], p[2] * p[3] - p[0] * p[5], p[0] * p[4] - p[1] * p[3]];
  const hn = Math.hypot(hP[0]!, hP[1]!, hP[2]!);
  const nHat = hP.map((x) => x / hn);
  const tHat = [nHat[1]! * rHat[2]! - nHat[2]! * rHat[1]!, nHat[2]! * rHat[0]! - nHat[0]! * rHat[2]!, nHat[0]! * rHat[1]! - nHat[1]! * rHat[0]!];
  const v = Math.sqrt(MU / a);
  // Secondary velocity: 60° away from the primary's in the local horizontal plane.
  const ang = (60 * Math.PI) / 180;
  const vs = [0, 1, 2].map((k) => v * (Math.cos(ang) * tHat[k]! + Math.sin(ang) * nHat[k]!));
  const rs = [0, 1, 2].map((k) => (a + d) * rHat[k]!);
  return {
    tca,
    primary: { catalogNumber: 90001, name: 'SYNTH-PRIMARY', r: [p[0], p[1], p[2]], v: [p[3], p[4], p[5]], covarianceRtn: o.primaryCov ?? diagCov(0.03, 0.2, 0.03) },
    secondary: { catalogNumber: 90002, name: 'SYNTH-SECONDARY', r: [rs[0]!, rs[1]!, rs[2]!], v: [vs[0]!, vs[1]!, vs[2]!], covarianceRtn: o.secondaryCov ?? diagCov(0.05, 0.3, 0.05) },
    hbrM: o.hbrM ?? 20,
    knownAt: tca.plusSeconds(-(o.knownAtDaysBefore ?? 3) * 86400),
    sourceId: 'SYNTHETIC',
  };
}
