/**
 * Transfer legs between two GTOC9 debris. Quick estimate: Edelbaum's circular-orbit transfer with plane change,
 * Δv = √(v₁² + v₂² − 2 v₁ v₂ cos(π θ / 2)) with θ the angle between the two orbit planes at the departure epoch
 * (Edelbaum 1961; the J2 drift makes θ depend on the epoch, so waiting is the RAAN-matching lever). Exact leg: a
 * Keplerian multi-revolution Lambert guess corrected by Newton shooting on the departure velocity through the J2
 * dynamics until the spacecraft reaches the debris within 1 cm.
 */
import { GTOC9, type Gtoc9Debris } from '../rules.ts';
import { debrisRaan, debrisState, j2Rates, propagateJ2, type State, type Vec } from './ephemeris.ts';
import { lambertUniversal } from './lambert.ts';

const sub = (a: readonly number[], b: readonly number[]): Vec => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
const norm = (a: readonly number[]): number => Math.hypot(a[0]!, a[1]!, a[2]!);

/** Orbit-plane angle (rad) between two debris at an epoch. */
export function planeAngle(a: Gtoc9Debris, b: Gtoc9Debris, tMjd2000: number): number {
  const dO = debrisRaan(a, tMjd2000) - debrisRaan(b, tMjd2000);
  const c = Math.cos(a.iRad) * Math.cos(b.iRad) + Math.sin(a.iRad) * Math.sin(b.iRad) * Math.cos(dO);
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/** Edelbaum estimate (km/s) of the transfer a → b started at an epoch. */
export function edelbaumDv(a: Gtoc9Debris, b: Gtoc9Debris, tMjd2000: number): number {
  const v1 = Math.sqrt(GTOC9.muKm3s2 / a.aKm);
  const v2 = Math.sqrt(GTOC9.muKm3s2 / b.aKm);
  const th = planeAngle(a, b, tMjd2000);
  return Math.sqrt(Math.max(0, v1 * v1 + v2 * v2 - 2 * v1 * v2 * Math.cos((Math.PI / 2) * th)));
}

/** Epoch in [t0, t1] (grid of `stepDays`, then refined) minimising the Edelbaum estimate. */
export function bestDepartureByEdelbaum(a: Gtoc9Debris, b: Gtoc9Debris, t0: number, t1: number, stepDays = 1): { t: number; dv: number } {
  let best = { t: t0, dv: edelbaumDv(a, b, t0) };
  for (let t = t0 + stepDays; t <= t1 + 1e-9; t += stepDays) {
    const dv = edelbaumDv(a, b, t);
    if (dv < best.dv) best = { t, dv };
  }
  return best;
}

/** Days until the node difference of a and b would close at the current drift rates (Infinity when diverging). */
export function raanClosingDays(a: Gtoc9Debris, b: Gtoc9Debris, tMjd2000: number): number {
  let d = (debrisRaan(b, tMjd2000) - debrisRaan(a, tMjd2000)) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  const rate = j2Rates(a.aKm, a.e, a.iRad).raanDot - j2Rates(b.aKm, b.e, b.iRad).raanDot;
  const days = d / rate / GTOC9.dayS;
  return days >= 0 ? days : Number.POSITIVE_INFINITY;
}

export interface ExactLeg {
  readonly from: number;
  readonly to: number;
  readonly departMjd2000: number;
  readonly arriveMjd2000: number;
  /** Debris state at departure, and the velocity after the departure impulse. */
  readonly depart: State;
  readonly v1: Vec;
  /** Spacecraft velocity on arrival before the impulse, and the debris state at arrival. */
  readonly v2: Vec;
  readonly arrive: State;
  readonly dv1Kms: number;
  readonly dv2Kms: number;
  readonly dvKms: number;
}

/** Newton shooting of the departure velocity so that the J2 arc from r1 reaches r2 after tofS (1-cm tolerance). */
export function shootJ2(r1: Vec, v1Guess: Vec, r2: Vec, tofS: number): { v1: Vec; v2: Vec } | undefined {
  let v: Vec = [...v1Guess];
  for (let it = 0; it < 12; it++) {
    const p = propagateJ2({ r: r1, v }, tofS);
    const F = sub(p.r, r2);
    if (norm(F) < 1e-5) return { v1: v, v2: p.v };
    if (norm(F) > 5000 || !F.every(Number.isFinite)) return undefined;
    const eps = 1e-6;
    const J: number[][] = [[], [], []];
    for (let c = 0; c < 3; c++) {
      const vp: Vec = [...v];
      vp[c] = vp[c]! + eps;
      const q = propagateJ2({ r: r1, v: vp }, tofS);
      for (let row = 0; row < 3; row++) J[row]![c] = (q.r[row]! - p.r[row]!) / eps;
    }
    const dx = solve3(J, F);
    if (!dx) return undefined;
    v = [v[0] - dx[0], v[1] - dx[1], v[2] - dx[2]];
  }
  return undefined;
}

function solve3(M: number[][], b: Vec): Vec | undefined {
  const [a, bb, c] = M as [number[], number[], number[]];
  const det = a[0]! * (bb[1]! * c[2]! - bb[2]! * c[1]!) - a[1]! * (bb[0]! * c[2]! - bb[2]! * c[0]!) + a[2]! * (bb[0]! * c[1]! - bb[1]! * c[0]!);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-30) return undefined;
  const col = (k: number, v: Vec): number[][] => M.map((row, r) => row.map((x, j) => (j === k ? v[r]! : x)));
  const d3 = (m: number[][]): number => m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  return [d3(col(0, b)) / det, d3(col(1, b)) / det, d3(col(2, b)) / det];
}

/**
 * J2-aware initial guess: re-solves the Keplerian Lambert problem (same revolutions and branch) towards a target
 * shifted by the J2 arc's miss, until the miss is under 1 km (fixed-point target shifting).
 */
function retargetLambert(s1: State, r2: Vec, tofS: number, revs: number, branch: 'left' | 'right'): Vec | undefined {
  const h: Vec = [s1.r[1] * s1.v[2] - s1.r[2] * s1.v[1], s1.r[2] * s1.v[0] - s1.r[0] * s1.v[2], s1.r[0] * s1.v[1] - s1.r[1] * s1.v[0]];
  let target: Vec = [...r2];
  for (let it = 0; it < 10; it++) {
    const sol = lambertUniversal(s1.r, target, tofS, GTOC9.muKm3s2, h, revs, branch);
    if (!sol) return undefined;
    const p = propagateJ2({ r: s1.r, v: sol.v1 }, tofS, 1e-10);
    const miss = sub(p.r, r2);
    if (norm(miss) < 1) return sol.v1;
    target = sub(target, miss);
  }
  return undefined;
}

/**
 * Osculating (Keplerian) perigee radius of a state, km. The planner keeps transfer arcs 30 km above GTOC9's r_pm =
 * 6,600 km at both ends (the J2 short-period terms move the osculating perigee by a few km along the arc).
 */
export function perigeeRadiusKm(r: readonly number[], v: readonly number[]): number {
  const rn = norm(r);
  const v2 = v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
  const a = 1 / (2 / rn - v2 / GTOC9.muKm3s2);
  const h = [r[1]! * v[2]! - r[2]! * v[1]!, r[2]! * v[0]! - r[0]! * v[2]!, r[0]! * v[1]! - r[1]! * v[0]!];
  const p = (h[0]! ** 2 + h[1]! ** 2 + h[2]! ** 2) / GTOC9.muKm3s2;
  const e = Math.sqrt(Math.max(0, 1 - p / a));
  return a > 0 ? a * (1 - e) : p / 2;
}
const PERIGEE_FLOOR_KM = GTOC9.minPerigeeRadiusKm + 30;

/** Keplerian Lambert Δv (km/s) of a candidate, best over revolutions and branches, with its initial guess. */
function bestKeplerLambert(s1: State, s2: State, tofS: number): { dv: number; v1: Vec; revs: number; branch: 'left' | 'right' } | undefined {
  const h: Vec = [s1.r[1] * s1.v[2] - s1.r[2] * s1.v[1], s1.r[2] * s1.v[0] - s1.r[0] * s1.v[2], s1.r[0] * s1.v[1] - s1.r[1] * s1.v[0]];
  const period = 2 * Math.PI * Math.sqrt(norm(s1.r) ** 3 / GTOC9.muKm3s2);
  const maxRevs = Math.floor(tofS / period);
  let best: { dv: number; v1: Vec; revs: number; branch: 'left' | 'right' } | undefined;
  for (let N = Math.max(0, maxRevs - 3); N <= maxRevs; N++) {
    for (const br of N === 0 ? (['left'] as const) : (['left', 'right'] as const)) {
      const sol = lambertUniversal(s1.r, s2.r, tofS, GTOC9.muKm3s2, h, N, br);
      if (!sol) continue;
      const dv = norm(sub(sol.v1, s1.v)) + norm(sub(s2.v, sol.v2));
      if (!best || dv < best.dv) best = { dv, v1: sol.v1, revs: N, branch: br };
    }
  }
  return best;
}

/**
 * Best exact impulsive leg a → b departing at `departMjd2000` (or, with `departOffsetsDays`, that many days later:
 * the relative phase at departure changes the phasing cost): Keplerian Lambert over a grid of departure offsets and
 * flight times (hours), the best `keep` corrected through J2 shooting. Returns undefined if none converges.
 */
export function exactLeg(
  a: Gtoc9Debris,
  b: Gtoc9Debris,
  departMjd2000: number,
  tofGridHours: readonly number[] = [4, 8, 12, 18, 24, 30, 36, 48, 60, 72, 84, 96],
  keep = 2,
  departOffsetsDays: readonly number[] = [0],
): ExactLeg | undefined {
  const cands: { t: number; s1: State; tof: number; dv: number; v1: Vec; s2: State; revs: number; branch: 'left' | 'right' }[] = [];
  for (const off of departOffsetsDays) {
    const t = departMjd2000 + off;
    const s1 = debrisState(a, t);
    for (const hours of tofGridHours) {
      const tof = hours * 3600;
      const s2 = debrisState(b, t + tof / GTOC9.dayS);
      const k = bestKeplerLambert(s1, s2, tof);
      if (k && perigeeRadiusKm(s1.r, k.v1) >= PERIGEE_FLOOR_KM) cands.push({ t, s1, tof, dv: k.dv, v1: k.v1, s2, revs: k.revs, branch: k.branch });
    }
  }
  cands.sort((x, y) => x.dv - y.dv);
  let best: ExactLeg | undefined;
  for (const c of cands.slice(0, keep)) {
    const guess = retargetLambert(c.s1, c.s2.r, c.tof, c.revs, c.branch) ?? c.v1;
    const sh = shootJ2(c.s1.r, guess, c.s2.r, c.tof);
    if (!sh || perigeeRadiusKm(c.s1.r, sh.v1) < PERIGEE_FLOOR_KM || perigeeRadiusKm(c.s2.r, sh.v2) < PERIGEE_FLOOR_KM) continue;
    const dv1 = norm(sub(sh.v1, c.s1.v));
    const dv2 = norm(sub(c.s2.v, sh.v2));
    if (!best || dv1 + dv2 < best.dvKms) {
      best = { from: a.id, to: b.id, departMjd2000: c.t, arriveMjd2000: c.t + c.tof / GTOC9.dayS, depart: c.s1, v1: sh.v1, v2: sh.v2, arrive: c.s2, dv1Kms: dv1, dv2Kms: dv2, dvKms: dv1 + dv2 };
    }
  }
  return best;
}
