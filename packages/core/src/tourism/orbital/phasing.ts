/**
 * Phasing design of a crewed rendezvous: Hohmann transfers, secular J2 rates of the argument of latitude, the
 * rendezvous profiles and the phase-closure equation solved for the height of the phasing orbit.
 *
 * Hohmann transfer between circular radii r1 and r2 (Vallado 2013 §6.3, Algorithm 36; Curtis 2014 §6.3):
 *   a_t = (r1 + r2)/2,  Δv1 = |√(μ(2/r1 − 1/a_t)) − √(μ/r1)|,  Δv2 = |√(μ/r2) − √(μ(2/r2 − 1/a_t))|,
 *   t_transfer = π √(a_t³/μ).
 * Secular J2 rates (Vallado 2013 eqs. 9-41 to 9-43; Fehse 2003 §4.2.2), p = a(1 − e²):
 *   Ṁ = n [1 + (3/4) J2 (R⊕/p)² √(1−e²) (3cos²i − 1)],  ω̇ = (3/4) n J2 (R⊕/p)² (5cos²i − 1),  u̇ = Ṁ + ω̇.
 * Phase closure (Fehse 2003 §2.2 "phasing"; the Soyuz/Progress fast profiles of Murtazin & Budylov 2010): with θ1 the
 * target's lead over the chaser at the first burn, a transfer of half a revolution (angle π, time T_H1) to the phasing
 * orbit of radius r_p, a coast T_c on it, and a terminal transfer of angle Δθ_T in time T_T ending at the target,
 *   θ1 + u̇_t (T_H1 + T_c) − π − u̇_p T_c = Δθ_T − u̇_t T_T + 2πk,   T_c = T_total − T_H1 − T_T − t1,
 * solved for r_p (one unknown; T_total fixed by the profile). Units km, s, rad.
 */
import { J2_EARTH, J2_MODEL_MU_KM3S2, J2_MODEL_RADIUS_KM, meanMotionRadS } from '../../orbits/j2Secular.ts';

export const MU_KM3S2 = J2_MODEL_MU_KM3S2;

/** Δv of both burns (km/s) and transfer time (s) of a Hohmann transfer between circular radii r1 → r2 (km). */
export function hohmannTransfer(r1Km: number, r2Km: number, mu = MU_KM3S2): { dv1KmS: number; dv2KmS: number; totalKmS: number; transferS: number; transferSmaKm: number } {
  const at = (r1Km + r2Km) / 2;
  const dv1 = Math.abs(Math.sqrt(mu * (2 / r1Km - 1 / at)) - Math.sqrt(mu / r1Km));
  const dv2 = Math.abs(Math.sqrt(mu / r2Km) - Math.sqrt(mu * (2 / r2Km - 1 / at)));
  return { dv1KmS: dv1, dv2KmS: dv2, totalKmS: dv1 + dv2, transferS: Math.PI * Math.sqrt((at * at * at) / mu), transferSmaKm: at };
}

/**
 * Synodic period of two circular orbits (s): 2π / |n1 − n2| (Vallado 2013 eq. 6-40), the time for the phase angle to
 * change by one revolution.
 */
export function synodicPeriodS(r1Km: number, r2Km: number, mu = MU_KM3S2): number {
  return (2 * Math.PI) / Math.abs(meanMotionRadS(r1Km, mu) - meanMotionRadS(r2Km, mu));
}

/** Secular rate of the argument of latitude u = ω + M under J2 (rad/s), module header. */
export function j2ArgumentOfLatitudeRateRadS(aKm: number, inclinationRad: number, eccentricity = 0): number {
  const n = meanMotionRadS(aKm);
  const p = aKm * (1 - eccentricity * eccentricity);
  const q = J2_MODEL_RADIUS_KM / p;
  const c2 = Math.cos(inclinationRad) ** 2;
  const k = 0.75 * J2_EARTH * q * q;
  return n * (1 + k * Math.sqrt(1 - eccentricity * eccentricity) * (3 * c2 - 1)) + n * k * (5 * c2 - 1);
}

/** Rendezvous profiles: `fast` (2 revolutions, ~3 h, Soyuz MS / Progress MS since 2020), `4-orbit` (~6 h, 2012–2020), `2-day` (~34 revolutions, the classic profile). */
export type RendezvousProfile = 'fast' | '4-orbit' | '2-day';

export interface ProfileSpec {
  readonly id: RendezvousProfile;
  /** Insertion to docking, in revolutions of the target. */
  readonly revolutions: number;
  readonly description: string;
}

export const RENDEZVOUS_PROFILES: Readonly<Record<RendezvousProfile, ProfileSpec>> = {
  fast: { id: 'fast', revolutions: 2, description: 'two-orbit fast rendezvous (~3 h; Progress MS-15 2020, Soyuz MS-17 2020)' },
  '4-orbit': { id: '4-orbit', revolutions: 4, description: 'four-orbit rendezvous (~6 h; Progress M-16M 2012, Soyuz TMA-08M 2013)' },
  '2-day': { id: '2-day', revolutions: 34, description: 'standard two-day (34-orbit) rendezvous of Soyuz/Shenzhou' },
};

export interface PhasingInput {
  /** Radius of the chaser at the first burn (km). */
  readonly r1Km: number;
  /** Target's mean orbital radius (km). */
  readonly targetRadiusKm: number;
  /** Target's argument-of-latitude rate (rad/s). */
  readonly targetRateRadS: number;
  readonly inclinationRad: number;
  /** Target's lead over the chaser at the first burn (rad). */
  readonly theta1Rad: number;
  /** Time from the first burn to docking (s). */
  readonly remainingS: number;
  /** Terminal transfer angle Δθ_T (rad). */
  readonly terminalAngleRad: number;
  /** Lowest allowed phasing radius (km). */
  readonly minRadiusKm: number;
  /** Highest allowed phasing radius (km). */
  readonly maxRadiusKm: number;
  /** Keep-out band around the target's radius (km): the phasing orbit is at least this far below/above it. */
  readonly minSeparationKm: number;
}

export interface PhasingSolution {
  readonly phasingRadiusKm: number;
  /** Transfer from the first burn to the phasing orbit (s). */
  readonly transfer1S: number;
  /** Coast on the phasing orbit (s). */
  readonly coastS: number;
  /** Terminal transfer time (s). */
  readonly terminalS: number;
  /** Estimated Hohmann-type Δv (km/s). */
  readonly estimatedDeltaVKmS: number;
  /** Revolutions of phase gained (k). */
  readonly wraps: number;
}

/** Terminal transfer time for the angle Δθ_T between r_p and r_t: the Hohmann time scaled by Δθ_T/π. */
export function terminalTransferS(rpKm: number, rtKm: number, angleRad: number): number {
  return (hohmannTransfer(rpKm, rtKm).transferS * angleRad) / Math.PI;
}

/** The phase residual g(r_p) − (Δθ_T − u̇_t T_T) of the module header (rad, unwrapped), and the times. */
export function phaseResidual(inp: PhasingInput, rpKm: number): { residualRad: number; transfer1S: number; coastS: number; terminalS: number } {
  const h1 = hohmannTransfer(inp.r1Km, rpKm).transferS;
  const tT = terminalTransferS(rpKm, inp.targetRadiusKm, inp.terminalAngleRad);
  const tc = inp.remainingS - h1 - tT;
  const up = j2ArgumentOfLatitudeRateRadS(rpKm, inp.inclinationRad);
  const lhs = inp.theta1Rad + inp.targetRateRadS * (h1 + tc) - Math.PI - up * tc;
  const rhs = inp.terminalAngleRad - inp.targetRateRadS * tT;
  return { residualRad: lhs - rhs, transfer1S: h1, coastS: tc, terminalS: tT };
}

/**
 * Solves the phase closure for the phasing radius: scans r_p over [min, r_t − sep] ∪ [r_t + sep, max] for roots
 * residual = 2πk (bisection refines each), keeps those with a non-negative coast and returns the one of least
 * estimated Δv; undefined when the phase cannot close within the profile's time.
 */
export function solvePhasing(inp: PhasingInput): PhasingSolution | undefined {
  const candidates: PhasingSolution[] = [];
  const ranges: [number, number][] = [
    [inp.minRadiusKm, inp.targetRadiusKm - inp.minSeparationKm],
    [inp.targetRadiusKm + inp.minSeparationKm, inp.maxRadiusKm],
  ];
  for (const [lo, hi] of ranges) {
    if (!(hi > lo)) continue;
    const n = Math.max(8, Math.ceil((hi - lo) / 0.5));
    let prevR = lo;
    let prev = phaseResidual(inp, lo).residualRad;
    for (let i = 1; i <= n; i++) {
      const r = lo + ((hi - lo) * i) / n;
      const cur = phaseResidual(inp, r).residualRad;
      const k0 = Math.ceil(Math.min(prev, cur) / (2 * Math.PI));
      const k1 = Math.floor(Math.max(prev, cur) / (2 * Math.PI));
      for (let k = k0; k <= k1; k++) {
        const target = 2 * Math.PI * k;
        let a = prevR, b = r;
        let fa = prev - target;
        for (let it = 0; it < 60; it++) {
          const m = 0.5 * (a + b);
          const fm = phaseResidual(inp, m).residualRad - target;
          if (fm === 0) { a = m; b = m; break; }
          if (Math.sign(fm) === Math.sign(fa)) { a = m; fa = fm; } else b = m;
        }
        const rp = 0.5 * (a + b);
        const res = phaseResidual(inp, rp);
        if (res.coastS < 0) continue;
        const dv = hohmannTransfer(inp.r1Km, rp).totalKmS + hohmannTransfer(rp, inp.targetRadiusKm).totalKmS;
        candidates.push({ phasingRadiusKm: rp, transfer1S: res.transfer1S, coastS: res.coastS, terminalS: res.terminalS, estimatedDeltaVKmS: dv, wraps: k });
      }
      prev = cur;
      prevR = r;
    }
  }
  candidates.sort((x, y) => x.estimatedDeltaVKmS - y.estimatedDeltaVKmS);
  return candidates[0];
}
