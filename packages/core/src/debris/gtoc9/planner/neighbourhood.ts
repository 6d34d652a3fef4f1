/**
 * Large-neighbourhood search on a GTOC9 campaign: removes 1-3 missions adjacent in time and re-plans their debris plus
 * the left-over debris (with a must-take beam bonus) in the same time slot with the campaign planner; the missions
 * before and after stay untouched, so the campaign stays within the rules. Accepted when the campaign improves (more
 * debris, then fewer missions, then lower cost). Exchanging debris between missions is the move on two missions.
 */
import { GTOC9, type Gtoc9Debris, type Gtoc9Mission } from '../rules.ts';
import type { State, Vec } from './ephemeris.ts';
import { estimateLegDv, type EstimateTable } from './beam.ts';
import type { ExactLeg } from './legs.ts';
import { assemble, better, DV_BUDGET_KMS, planCampaign, repairInsert, type Building, type Params, type PlanResult } from './search.ts';

export interface NeighbourhoodOptions {
  /** Milliseconds on `clock` when the search stops. */
  readonly deadline: number;
  readonly clock: () => number;
  readonly window: { readonly start: number; readonly end: number };
  readonly maxMissions: number;
  /** Largest number of adjacent missions re-planned together (default 3). */
  readonly maxSpan?: number;
  /** Stop after this many moves (default: until the deadline or no left-over debris). */
  readonly maxMoves?: number;
  readonly onProgress?: (message: string) => void;
  readonly onImproved?: (plan: PlanResult) => void;
}

/** Cost differences below this (MEUR) are rounding: such a campaign is not better. */
const COST_TOL_MEUR = 1e-9;

/** Table indices of the debris that no mission of `plan` removes, in index order. */
function leftOver(T: EstimateTable, plan: PlanResult): number[] {
  const inPlan = new Uint8Array(T.ids.length);
  for (const m of plan.missions) for (const id of m.debris) inPlan[T.index.get(id)!] = 1;
  const left: number[] = [];
  inPlan.forEach((x, a) => {
    if (!x) left.push(a);
  });
  return left;
}

/** Beam parameters of move k (varied like the restarts of planGtoc9), with a must-take bonus weight. */
function moveParams(k: number): { params: Params; mustTake: number } {
  return {
    params: {
      beam: {
        width: [32, 48, 24, 64][k % 4]!,
        children: 6,
        maxExtraWaitDays: [90, 60, 120, 45][(k >> 1) % 4]!,
        stepDays: 1,
        dvBudgetKms: DV_BUDGET_KMS - 0.15,
        timeWeight: [0.15, 0.25, 0.1, 0.4, 0.3][k % 5]!,
        transferDays: 1.5,
      },
      starts: [6, 4, 8][k % 3]!,
      flex: [1.1, 1.25, 1.0, 1.4][k % 4]!,
      isolation: 0,
      // The moves re-plan with the beam alone (no seeding, wide legs or look-ahead: search.ts's restarts use those).
      seed: 0,
      wideLegs: false,
      lookaheadLeft: 0,
      endGame: false,
    },
    mustTake: [0.3, 0.15, 0.6][k % 3]!,
  };
}

interface Slot {
  readonly first: number;
  readonly span: number;
  readonly start: number;
  readonly end: number;
  /** Cheapest estimated leg (km/s) between a debris of the slot's missions and a left-over debris during the slot. */
  readonly access: number;
}

/** The slots of 1..maxSpan adjacent missions, cheapest access to a left-over debris first. */
function slots(T: EstimateTable, plan: PlanResult, left: readonly number[], o: NeighbourhoodOptions): Slot[] {
  const ms = plan.missions;
  const out: Slot[] = [];
  for (let span = 1; span <= Math.min(o.maxSpan ?? 3, ms.length); span++) {
    for (let i = 0; i + span <= ms.length; i++) {
      const start = i > 0 ? ms[i - 1]!.endMjd2000 + GTOC9.minMissionGapDays : o.window.start;
      const end = i + span < ms.length ? ms[i + span]!.startMjd2000 - GTOC9.minMissionGapDays : o.window.end;
      let access = Infinity;
      for (let k = i; k < i + span; k++) {
        for (const id of ms[k]!.debris) {
          const a = T.index.get(id)!;
          for (const c of left) {
            for (let t = start; t <= end; t += 2) access = Math.min(access, estimateLegDv(T, a, c, t), estimateLegDv(T, c, a, t));
          }
        }
      }
      out.push({ first: i, span, start, end, access });
    }
  }
  return out.sort((x, y) => x.access - y.access);
}

/**
 * Σ over the left-over debris of the cheapest estimated leg (km/s) between it and a debris of a mission during that
 * mission (2-day grid): how far the campaign is from taking them.
 */
function difficulty(T: EstimateTable, plan: PlanResult): number {
  let sum = 0;
  for (const c of leftOver(T, plan)) {
    let best = Infinity;
    for (const m of plan.missions) {
      for (const id of m.debris) {
        const a = T.index.get(id)!;
        for (let t = m.startMjd2000; t <= m.endMjd2000; t += 2) best = Math.min(best, estimateLegDv(T, a, c, t), estimateLegDv(T, c, a, t));
      }
    }
    sum += best;
  }
  return sum;
}

const toBuilding = (byId: ReadonlyMap<number, Gtoc9Debris>, m: PlanResult['missions'][number]): Building => ({ first: byId.get(m.debris[0]!)!, start: m.startMjd2000, legs: [...m.legs] });

/**
 * Improves `plan` until the deadline: each move re-plans one slot of 1-3 adjacent missions (chosen by the cheapest
 * estimated access to a left-over debris, each slot tried with varied beam parameters) with the slot's debris and all
 * left-over debris; an accepted move is followed by repair by insertion of the remaining left-over debris.
 */
export function improveByNeighbourhood(debrisList: readonly Gtoc9Debris[], T: EstimateTable, plan: PlanResult, o: NeighbourhoodOptions): PlanResult {
  const byId = new Map(debrisList.map((d) => [d.id, d]));
  const n = debrisList.length;
  // `cur`: the campaign the moves start from (it may walk sideways); `best`: the best one reported.
  let cur = plan;
  let best = plan;
  // The left-over debris of `cur` and how hard they are to reach (changed only when `cur` does).
  let left = leftOver(T, cur);
  let dCur = difficulty(T, cur);
  const tries = new Map<string, number>();
  let moves = 0;
  for (let k = 0; o.clock() < o.deadline && (o.maxMoves === undefined || moves < o.maxMoves); k++) {
    if (left.length === 0) break;
    // The slot with the cheapest access, penalised by how often it was tried (0.1 km/s a try) and by its span.
    const cands = slots(T, cur, left, o).map((s) => {
      const key = `${s.first}:${s.span}:${cur.missions[s.first]!.startMjd2000}`;
      return { s, key, score: s.access + 0.1 * (tries.get(key) ?? 0) + 0.03 * (s.span - 1) };
    });
    cands.sort((x, y) => x.score - y.score);
    const pick = cands[0];
    if (!pick) break;
    tries.set(pick.key, (tries.get(pick.key) ?? 0) + 1);
    const { s } = pick;
    const available = new Uint8Array(n);
    const mustTake = new Float64Array(n);
    for (let j = s.first; j < s.first + s.span; j++) for (const id of cur.missions[j]!.debris) available[T.index.get(id)!] = 1;
    const { params, mustTake: weight } = moveParams(tries.get(pick.key)! + k);
    for (const c of left) {
      available[c] = 1;
      mustTake[c] = weight;
    }
    const spare = o.maxMissions - cur.missions.length;
    const sub = planCampaign(debrisList, T, s.span + Math.min(spare, 1), params, o.deadline, o.clock, undefined, 1, { start: s.start, end: s.end }, undefined, { available, mustTake });
    moves++;
    const before = cur.missions.slice(0, s.first).map((m) => toBuilding(byId, m));
    const after = cur.missions.slice(s.first + s.span).map((m) => toBuilding(byId, m));
    const built = [...before, ...sub.missions.map((m) => toBuilding(byId, m)), ...after];
    let cand = assemble(built, byId);
    const oldCount = cur.missions.slice(s.first, s.first + s.span).reduce((a, m) => a + m.debris.length, 0);
    const gained = sub.debrisRemoved - oldCount;
    o.onProgress?.(`neighbourhood move ${moves}: missions ${s.first + 1}-${s.first + s.span} (access ${(s.access * 1000).toFixed(0)} m/s) re-planned with ${left.length} left-over debris: ${oldCount} → ${sub.debrisRemoved} debris in ${sub.missions.length} missions`);
    // Sideways move: the same number of debris with left-over debris that the campaign's missions reach more cheaply,
    // or other left-over debris not more than 15% harder to reach (a walk on the plateau).
    let candLeft = leftOver(T, cand);
    const dCand = cand.debrisRemoved === cur.debrisRemoved ? difficulty(T, cand) : Infinity;
    const sideways = cand.missions.length <= cur.missions.length && (dCand < dCur - 1e-9 || (dCand <= 1.15 * dCur && candLeft.join(',') !== left.join(',')));
    if (!better(cand, cur, COST_TOL_MEUR) && !sideways) continue;
    if ((gained > 0 || sideways) && candLeft.length > 0) {
      const avail = new Uint8Array(n);
      for (const c of candLeft) avail[c] = 1;
      repairInsert(debrisList, T, built, avail, o.window, () => o.clock() > o.deadline);
      cand = assemble(built, byId);
      candLeft = leftOver(T, cand);
    }
    const dNext = difficulty(T, cand);
    if (!better(cand, cur, COST_TOL_MEUR)) o.onProgress?.(`neighbourhood move ${moves}: sideways (${cand.debrisRemoved} debris, left-over access ${(dCur * 1000).toFixed(0)} → ${(dNext * 1000).toFixed(0)} m/s in sum)`);
    cur = cand;
    left = candLeft;
    dCur = dNext;
    if (better(cur, best, COST_TOL_MEUR)) {
      best = cur;
      o.onProgress?.(`neighbourhood move ${moves}: ${best.debrisRemoved} debris in ${best.missions.length} missions, J ${best.costMeur.toFixed(2)} MEUR (best so far)`);
      o.onImproved?.(best);
    }
  }
  return best;
}

const add3 = (a: readonly number[], b: readonly number[]): Vec => [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];
const norm3 = (a: readonly number[]): number => Math.hypot(a[0]!, a[1]!, a[2]!);

/**
 * A campaign read back from solution events (the layout `missionEvents` writes: start, then departure and arrival per
 * leg, then end): lets the neighbourhood search continue from a saved solution. Events must be two-impulse legs.
 */
export function planFromSolution(debrisList: readonly Gtoc9Debris[], missions: readonly Gtoc9Mission[]): PlanResult {
  const byId = new Map(debrisList.map((d) => [d.id, d]));
  const built: Building[] = missions.map((m) => {
    const ev = m.events;
    const legs: ExactLeg[] = [];
    for (let k = 1; k + 1 <= ev.length - 2; k += 2) {
      const dep = ev[k]!, arr = ev[k + 1]!;
      const depart: State = { r: [...dep.rKm] as Vec, v: [...dep.vKms] as Vec };
      const arrive: State = { r: [...arr.rKm] as Vec, v: add3(arr.vKms, arr.dvKms) };
      const dv1 = norm3(dep.dvKms), dv2 = norm3(arr.dvKms);
      legs.push({ from: dep.id, to: arr.id, departMjd2000: dep.epochMjd2000, arriveMjd2000: arr.epochMjd2000, depart, v1: add3(dep.vKms, dep.dvKms), v2: [...arr.vKms] as Vec, arrive, dv1Kms: dv1, dv2Kms: dv2, dvKms: dv1 + dv2 });
    }
    return { first: byId.get(ev[0]!.id)!, start: ev[0]!.epochMjd2000, legs };
  });
  return assemble(built, byId);
}
