/**
 * GTOC9 campaign planner: missions are built one after the other in time (they may not overlap: Δt_M), each by a
 * greedy sequence search with a beam of exact legs: from the current debris, every remaining debris is scored by its
 * Edelbaum estimate at the best departure epoch of a waiting window (J2 RAAN drift makes waiting a lever), the best
 * `candidates` are solved as exact J2 legs, and the cheapest (Δv plus a waiting penalty) is taken while the propellant
 * (rocket equation, backwards from the dry mass) and the mission's time share allow. Restarts with varied parameters
 * run until the time limit; the best campaign (most debris, then fewest missions, then lowest cost) is reported through
 * `onImproved` as soon as it is found.
 */
import { GTOC9, GTOC9_CAMPAIGN_END_MJD2000, gtoc9MissionCostMeur, type Gtoc9Debris, type Gtoc9Event, type Gtoc9Mission } from '../rules.ts';
import { debrisState, type Vec } from './ephemeris.ts';
import { bestDepartureByEdelbaum, exactLeg, type ExactLeg } from './legs.ts';

export interface PlanOptions {
  /** Wall-clock budget, seconds. */
  readonly timeLimitS: number;
  /** Milliseconds clock (injected: the core reads no clock of its own); defaults to performance.now. */
  readonly clockMs?: () => number;
  readonly maxMissions?: number;
  /** Exact legs solved per step (beam width). */
  readonly candidates?: number;
  /** Longest wait at a debris considered, days (beyond t_w). */
  readonly maxExtraWaitDays?: number;
  /** Penalty of waiting, km/s per day, in the choice between legs. */
  readonly waitPenaltyKmsPerDay?: number;
  /** Progress messages (the CLI writes them on stderr). */
  readonly onProgress?: (message: string) => void;
  /** Called with each better campaign. */
  readonly onImproved?: (plan: PlanResult) => void;
  /** Campaign window (MJD2000 days); default GTOC9's [23467, 23467 + 8 × 365.25]. */
  readonly windowStartMjd2000?: number;
  readonly windowEndMjd2000?: number;
}

export interface PlannedMission {
  readonly debris: number[];
  readonly legs: ExactLeg[];
  readonly startMjd2000: number;
  readonly endMjd2000: number;
  readonly m0Kg: number;
  readonly deltaVKms: number;
  readonly costMeur: number;
}

export interface PlanResult {
  readonly missions: PlannedMission[];
  readonly debrisRemoved: number;
  readonly costMeur: number;
  /** The missions as solution-file events. */
  readonly solution: Gtoc9Mission[];
}

const ve = GTOC9.ispS * GTOC9.g0Kms2;
const sub = (a: readonly number[], b: readonly number[]): Vec => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
const zero: Vec = [0, 0, 0];

/** Initial mass (kg) so that the mission ends at the dry mass: backwards through the impulses and kit releases. */
export function initialMassKg(legs: readonly ExactLeg[]): number {
  let m = GTOC9.dryMassKg;
  for (let k = legs.length - 1; k >= 0; k--) {
    m += GTOC9.deorbitKitKg; // the kit released at the debris after leg k's arrival
    m *= Math.exp(legs[k]!.dv2Kms / ve);
    m *= Math.exp(legs[k]!.dv1Kms / ve);
  }
  return m + GTOC9.deorbitKitKg; // the first debris's kit
}

/** Turns a mission's legs into solution events (mass just before each impulse). */
export function missionEvents(first: Gtoc9Debris, startMjd2000: number, legs: readonly ExactLeg[], byId: ReadonlyMap<number, Gtoc9Debris>, endMjd2000: number): { events: Gtoc9Event[]; m0: number } {
  const m0 = initialMassKg(legs) + 1e-6;
  const events: Gtoc9Event[] = [];
  let m = m0;
  const s0 = debrisState(first, startMjd2000);
  events.push({ line: 0, epochMjd2000: startMjd2000, rKm: s0.r, vKms: s0.v, massKg: m, dvKms: zero, id: first.id });
  for (const leg of legs) {
    m -= GTOC9.deorbitKitKg;
    const dv1 = sub(leg.v1, leg.depart.v);
    events.push({ line: 0, epochMjd2000: leg.departMjd2000, rKm: leg.depart.r, vKms: leg.depart.v, massKg: m, dvKms: dv1, id: leg.from });
    m *= Math.exp(-leg.dv1Kms / ve);
    const dv2 = sub(leg.arrive.v, leg.v2);
    events.push({ line: 0, epochMjd2000: leg.arriveMjd2000, rKm: leg.arrive.r, vKms: leg.v2, massKg: m, dvKms: dv2, id: leg.to });
    m *= Math.exp(-leg.dv2Kms / ve);
  }
  m -= GTOC9.deorbitKitKg;
  const lastId = legs.length > 0 ? legs[legs.length - 1]!.to : first.id;
  const sEnd = debrisState(byId.get(lastId)!, endMjd2000);
  events.push({ line: 0, epochMjd2000: endMjd2000, rKm: sEnd.r, vKms: sEnd.v, massKg: m, dvKms: zero, id: lastId });
  return { events, m0 };
}

interface Params {
  readonly candidates: number;
  readonly maxExtraWaitDays: number;
  readonly waitPenalty: number;
  readonly startRank: number;
}

/** Plans a campaign removing as many of `debris` as possible within the rules. */
export function planGtoc9(debrisList: readonly Gtoc9Debris[], options: PlanOptions): PlanResult {
  const clock = options.clockMs ?? (() => performance.now());
  const t0 = clock();
  const deadline = t0 + options.timeLimitS * 1000;
  const byId = new Map(debrisList.map((d) => [d.id, d]));
  const maxMissions = options.maxMissions ?? 14;
  let best: PlanResult | undefined;
  const better = (a: PlanResult, b: PlanResult | undefined): boolean =>
    !b || a.debrisRemoved > b.debrisRemoved || (a.debrisRemoved === b.debrisRemoved && (a.missions.length < b.missions.length || (a.missions.length === b.missions.length && a.costMeur < b.costMeur)));
  let attempt = 0;
  while (attempt === 0 || clock() < deadline) {
    const params: Params = {
      candidates: options.candidates ?? (attempt === 0 ? 3 : 2 + (attempt % 4)),
      maxExtraWaitDays: options.maxExtraWaitDays ?? (attempt === 0 ? 60 : 20 + ((attempt * 13) % 80)),
      waitPenalty: options.waitPenaltyKmsPerDay ?? (attempt === 0 ? 0.012 : 0.004 + 0.003 * (attempt % 8)),
      startRank: attempt === 0 ? 0 : attempt % 3,
    };
    const window = { start: options.windowStartMjd2000 ?? GTOC9.campaignStartMjd2000, end: options.windowEndMjd2000 ?? GTOC9_CAMPAIGN_END_MJD2000 };
    const plan = planCampaign(debrisList, byId, maxMissions, params, deadline, clock, options.onProgress, attempt, window);
    if (better(plan, best)) {
      best = plan;
      options.onProgress?.(`attempt ${attempt + 1}: ${plan.debrisRemoved} debris in ${plan.missions.length} missions, J ${plan.costMeur.toFixed(2)} MEUR (best so far)`);
      options.onImproved?.(plan);
    }
    attempt++;
    if (best && best.debrisRemoved === debrisList.length && best.missions.length <= 10) break;
  }
  return best!;
}

function planCampaign(
  debrisList: readonly Gtoc9Debris[],
  byId: ReadonlyMap<number, Gtoc9Debris>,
  maxMissions: number,
  p: Params,
  deadline: number,
  clock: () => number,
  progress: ((m: string) => void) | undefined,
  attempt: number,
  window: { readonly start: number; readonly end: number },
): PlanResult {
  const remaining = new Set(debrisList.map((d) => d.id));
  const missions: PlannedMission[] = [];
  const solution: Gtoc9Mission[] = [];
  let t: number = window.start;
  while (remaining.size > 0 && missions.length < maxMissions && t + GTOC9.minWaitDays <= window.end) {
    const missionsLeft = maxMissions - missions.length;
    const daysLeft = window.end - t;
    const share = missionsLeft === 1 ? daysLeft : Math.max(40, (daysLeft - (missionsLeft - 1) * GTOC9.minMissionGapDays) / missionsLeft);
    const missionEnd = Math.min(window.end, t + share);
    const first = chooseStart(debrisList, remaining, t, p.startRank);
    remaining.delete(first.id);
    const legs: ExactLeg[] = [];
    let cur = first;
    let arrive = t;
    for (;;) {
      if (clock() > deadline && attempt > 0) break;
      const earliest = arrive + GTOC9.minWaitDays;
      const latest = Math.min(earliest + p.maxExtraWaitDays, missionEnd - GTOC9.minWaitDays - 4);
      if (latest < earliest || remaining.size === 0) break;
      const scored = [...remaining]
        .map((id) => {
          const b = byId.get(id)!;
          const bd = bestDepartureByEdelbaum(cur, b, earliest, latest, 1);
          return { b, t: bd.t, est: bd.dv + p.waitPenalty * (bd.t - earliest) };
        })
        .sort((x, y) => x.est - y.est)
        .slice(0, p.candidates);
      let chosen: { leg: ExactLeg; score: number } | undefined;
      for (const c of scored) {
        const leg = exactLeg(cur, c.b, c.t);
        if (!leg || leg.arriveMjd2000 - leg.departMjd2000 > GTOC9.maxTransferDays) continue;
        const score = leg.dvKms + p.waitPenalty * (c.t - earliest);
        if (!chosen || score < chosen.score) chosen = { leg, score };
      }
      if (!chosen) break;
      const trial = [...legs, chosen.leg];
      const prop = initialMassKg(trial) - GTOC9.dryMassKg - (trial.length + 1) * GTOC9.deorbitKitKg;
      if (prop > GTOC9.maxPropellantKg - 1 || chosen.leg.arriveMjd2000 + GTOC9.minWaitDays > missionEnd) break;
      legs.push(chosen.leg);
      remaining.delete(chosen.leg.to);
      cur = byId.get(chosen.leg.to)!;
      arrive = chosen.leg.arriveMjd2000;
    }
    const end = arrive + GTOC9.minWaitDays;
    const { events, m0 } = missionEvents(first, t, legs, byId, end);
    const dv = legs.reduce((s, l) => s + l.dvKms, 0);
    missions.push({ debris: [first.id, ...legs.map((l) => l.to)], legs, startMjd2000: t, endMjd2000: end, m0Kg: m0, deltaVKms: dv, costMeur: gtoc9MissionCostMeur(m0) });
    solution.push({ events });
    progress?.(`attempt ${attempt + 1} mission ${missions.length}: ${legs.length + 1} debris, Δv ${(dv * 1000).toFixed(0)} m/s, m0 ${m0.toFixed(1)} kg, MJD2000 ${t.toFixed(1)}-${end.toFixed(1)}, ${remaining.size} left`);
    t = end + GTOC9.minMissionGapDays;
  }
  const removed = missions.reduce((s, m) => s + m.debris.length, 0);
  return { missions, debrisRemoved: removed, costMeur: missions.reduce((s, m) => s + m.costMeur, 0), solution };
}

/** Start debris: the one with the most cheap neighbours (Edelbaum ≤ 200 m/s within 30 days); `rank` picks among the best. */
function chooseStart(all: readonly Gtoc9Debris[], remaining: ReadonlySet<number>, t: number, rank: number): Gtoc9Debris {
  const pool = all.filter((d) => remaining.has(d.id));
  const scored = pool.map((a) => {
    let n = 0;
    for (const b of pool) if (b !== a && bestDepartureByEdelbaum(a, b, t + 5, t + 35, 5).dv < 0.2) n++;
    return { a, n };
  });
  scored.sort((x, y) => y.n - x.n || x.a.id - y.a.id);
  return scored[Math.min(rank, scored.length - 1)]!.a;
}
