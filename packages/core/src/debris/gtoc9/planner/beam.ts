/**
 * Beam search of one GTOC9 mission over debris sequences with a cheap transfer estimate (no exact legs). The estimate
 * of a leg a → b departing at t: an impulsive combined plane change and semi-major-axis change
 * √(Δv_plane² + Δv_a²), Δv_plane = 2 v̄ sin(θ/2) with θ the angle between the planes at t (J2 RAAN drift makes θ a
 * function of t: waiting at a debris is the RAAN-matching lever), Δv_a = |v_a − v_b| (small-Δa Hohmann), plus the
 * eccentricity-vector change v̄ |Δe|/2 and a constant phasing overhead. The beam keeps, at each depth (number of debris),
 * the nodes that used the least of the mission's two resources: propellant (the estimated Σ Δv against the budget of the
 * rocket equation) and time (against the mission's time share).
 */
import { GTOC9, type Gtoc9Debris } from '../rules.ts';
import { j2Rates } from './ephemeris.ts';

/** Per-debris constants of the estimate (precomputed once: the beam evaluates millions of legs). */
export interface EstimateTable {
  readonly ids: readonly number[];
  readonly index: ReadonlyMap<number, number>;
  readonly epoch: Float64Array;
  readonly raan0: Float64Array;
  readonly raanDotPerDay: Float64Array;
  readonly argp0: Float64Array;
  readonly argpDotPerDay: Float64Array;
  readonly cosI: Float64Array;
  readonly sinI: Float64Array;
  readonly v: Float64Array;
  readonly e: Float64Array;
}

export function estimateTable(debris: readonly Gtoc9Debris[]): EstimateTable {
  const n = debris.length;
  const t: EstimateTable = {
    ids: debris.map((d) => d.id),
    index: new Map(debris.map((d, k) => [d.id, k])),
    epoch: new Float64Array(n),
    raan0: new Float64Array(n),
    raanDotPerDay: new Float64Array(n),
    argp0: new Float64Array(n),
    argpDotPerDay: new Float64Array(n),
    cosI: new Float64Array(n),
    sinI: new Float64Array(n),
    v: new Float64Array(n),
    e: new Float64Array(n),
  };
  debris.forEach((d, k) => {
    const r = j2Rates(d.aKm, d.e, d.iRad);
    t.epoch[k] = d.epochMjd2000;
    t.raan0[k] = d.raanRad;
    t.raanDotPerDay[k] = r.raanDot * GTOC9.dayS;
    t.argp0[k] = d.argpRad;
    t.argpDotPerDay[k] = r.argpDot * GTOC9.dayS;
    t.cosI[k] = Math.cos(d.iRad);
    t.sinI[k] = Math.sin(d.iRad);
    t.v[k] = Math.sqrt(GTOC9.muKm3s2 / d.aKm);
    t.e[k] = d.e;
  });
  return t;
}

/** Constant phasing overhead of an exact two-impulse leg over the estimate, km/s (calibrated on exact legs). */
export const ESTIMATE_OVERHEAD_KMS = 0.06;

/** Estimated Δv (km/s) of the leg between table entries a and b departing at tMjd2000. */
export function estimateLegDv(T: EstimateTable, a: number, b: number, tMjd2000: number): number {
  const oa = T.raan0[a]! + T.raanDotPerDay[a]! * (tMjd2000 - T.epoch[a]!);
  const ob = T.raan0[b]! + T.raanDotPerDay[b]! * (tMjd2000 - T.epoch[b]!);
  const c = T.cosI[a]! * T.cosI[b]! + T.sinI[a]! * T.sinI[b]! * Math.cos(oa - ob);
  // 2 sin(θ/2) = √(2 − 2 cos θ)
  const va = T.v[a]!, vb = T.v[b]!;
  const vm = 0.5 * (va + vb);
  const dPlane = vm * Math.sqrt(Math.max(0, 2 - 2 * c));
  const dA = va - vb;
  const wa = T.argp0[a]! + T.argpDotPerDay[a]! * (tMjd2000 - T.epoch[a]!);
  const wb = T.argp0[b]! + T.argpDotPerDay[b]! * (tMjd2000 - T.epoch[b]!);
  const ex = T.e[a]! * Math.cos(wa) - T.e[b]! * Math.cos(wb);
  const ey = T.e[a]! * Math.sin(wa) - T.e[b]! * Math.sin(wb);
  return Math.sqrt(dPlane * dPlane + dA * dA) + 0.5 * vm * Math.sqrt(ex * ex + ey * ey) + ESTIMATE_OVERHEAD_KMS;
}

export interface BeamOptions {
  /** Nodes kept per depth. */
  readonly width: number;
  /** Children kept per node (its cheapest next debris). */
  readonly children: number;
  /** Longest extra wait at a debris beyond t_w, days, and the grid step of the departure search, days. */
  readonly maxExtraWaitDays: number;
  readonly stepDays: number;
  /** Estimated Σ Δv a mission may use, km/s (below the rocket-equation budget: the exact legs cost more). */
  readonly dvBudgetKms: number;
  /** Weight of the time fraction used against the propellant fraction used in the ranking of nodes. */
  readonly timeWeight: number;
  /** Transfer duration assumed by the estimate, days. */
  readonly transferDays: number;
  /**
   * Optional score bonus per debris (table index, in the score's units: fractions of the mission's resources) for
   * visiting it: isolated debris, which later missions will hardly reach, are then taken while they are cheap.
   */
  readonly bonus?: Float64Array;
}

export interface BeamLeg {
  readonly to: number;
  readonly departMjd2000: number;
  readonly estDvKms: number;
}

export interface BeamMission {
  readonly first: number;
  readonly legs: BeamLeg[];
  readonly estDvKms: number;
  readonly endMjd2000: number;
}

interface Node {
  readonly cur: number;
  readonly arrive: number;
  readonly dv: number;
  readonly used: Uint8Array;
  readonly legs: BeamLeg[];
  readonly score: number;
  /** Σ bonus of the visited debris. */
  readonly bonus: number;
}

/**
 * Beam search of one mission starting at debris `first` (table index) at `startMjd2000`, over the table entries marked
 * in `available`, ending before `endMjd2000` (last arrival + t_w). Returns the deepest sequence (ties: least resources).
 */
export function beamMission(T: EstimateTable, first: number, available: Uint8Array, startMjd2000: number, endMjd2000: number, o: BeamOptions): BeamMission {
  const n = T.ids.length;
  const span = Math.max(1, endMjd2000 - startMjd2000);
  const root: Node = { cur: first, arrive: startMjd2000, dv: 0, used: new Uint8Array(n), legs: [], score: 0, bonus: 0 };
  root.used[first] = 1;
  let level: Node[] = [root];
  let best: Node = root;
  const scoreOf = (dv: number, arrive: number): number => dv / o.dvBudgetKms + (o.timeWeight * (arrive - startMjd2000)) / span;
  while (level.length > 0) {
    const next: Node[] = [];
    for (const node of level) {
      const earliest = node.arrive + GTOC9.minWaitDays;
      const latest = Math.min(earliest + o.maxExtraWaitDays, endMjd2000 - GTOC9.minWaitDays - o.transferDays);
      if (latest < earliest) continue;
      const kids: { b: number; t: number; dv: number; s: number }[] = [];
      for (let b = 0; b < n; b++) {
        if (!available[b] || node.used[b]) continue;
        let bt = earliest, bdv = Infinity, bs = Infinity;
        for (let t = earliest; t <= latest + 1e-9; t += o.stepDays) {
          const dv = estimateLegDv(T, node.cur, b, t);
          if (node.dv + dv > o.dvBudgetKms) continue;
          const s = scoreOf(node.dv + dv, t + o.transferDays) - node.bonus - (o.bonus?.[b] ?? 0);
          if (s < bs) {
            bs = s;
            bdv = dv;
            bt = t;
          }
        }
        if (bs < Infinity) kids.push({ b, t: bt, dv: bdv, s: bs });
      }
      kids.sort((x, y) => x.s - y.s);
      for (const k of kids.slice(0, o.children)) {
        const used = node.used.slice();
        used[k.b] = 1;
        const arrive = k.t + o.transferDays;
        next.push({ cur: k.b, arrive, dv: node.dv + k.dv, used, legs: [...node.legs, { to: k.b, departMjd2000: k.t, estDvKms: k.dv }], score: k.s, bonus: node.bonus + (o.bonus?.[k.b] ?? 0) });
      }
    }
    next.sort((x, y) => x.score - y.score);
    // Keep distinct (current debris, visited set) states only.
    const seen = new Set<string>();
    level = [];
    for (const c of next) {
      const key = `${c.cur}:${[...c.legs.map((l) => l.to)].sort((x, y) => x - y).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      level.push(c);
      if (level.length >= o.width) break;
    }
    if (level.length > 0) best = level[0]!;
  }
  return { first, legs: best.legs, estDvKms: best.dv, endMjd2000: best.arrive + GTOC9.minWaitDays };
}
