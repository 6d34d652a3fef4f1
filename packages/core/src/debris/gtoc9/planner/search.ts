/**
 * GTOC9 campaign planner: missions are built one after the other in time (they may not overlap: Δt_M), each given an
 * adaptive share of the remaining window (the full 8 years are used). For each mission, the start debris with the most
 * cheap neighbours are each searched by a beam search over sequences with the cheap estimate of beam.ts (J2 RAAN drift
 * and waiting exploited: the departure epoch of each leg is searched over a waiting window); the mission that removes
 * most debris is flown with exact J2 legs, re-planning by beam search from the current debris after every exact leg
 * (rollout), while the propellant (rocket equation, backwards from the dry mass) and the time share allow. A repair pass
 * then appends left-over debris to the end of missions that still have propellant and time before the next one.
 * Restarts with varied parameters run until the time limit; the best campaign (most debris, then fewest missions, then
 * lowest cost) is reported through `onImproved` as soon as it is found.
 */
import { GTOC9, GTOC9_CAMPAIGN_END_MJD2000, gtoc9MissionCostMeur, type Gtoc9Debris, type Gtoc9Event, type Gtoc9Mission } from '../rules.ts';
import { debrisState, type Vec } from './ephemeris.ts';
import { exactLeg, type ExactLeg } from './legs.ts';
import { beamMission, estimateLegDv, estimateTable, type BeamOptions, type EstimateTable } from './beam.ts';

export interface PlanOptions {
  /** Wall-clock budget, seconds. */
  readonly timeLimitS: number;
  /** Milliseconds clock (injected: the core reads no clock of its own); defaults to performance.now. */
  readonly clockMs?: () => number;
  readonly maxMissions?: number;
  /** Beam width: sequences kept per depth by the mission beam search (default varies by attempt, 24 to 64). */
  readonly candidates?: number;
  /** Longest wait at a debris considered, days (beyond t_w). */
  readonly maxExtraWaitDays?: number;
  /** Weight of the mission time used against the propellant used when the beam ranks sequences. */
  readonly timeWeight?: number;
  /** Start debris tried per mission (each gets its own beam search). */
  readonly startCandidates?: number;
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


/** Flight times (hours) and departure offsets (days) searched by the planner's exact legs (Kepler Lambert first, the best 3 shot through J2). */
const TOF_GRID_HOURS = [4, 6, 8, 10, 12, 15, 18, 21, 24, 30, 36, 42, 48, 60, 72, 84, 96];
const DEPART_OFFSETS_DAYS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const plannerLeg = (a: Gtoc9Debris, b: Gtoc9Debris, t: number): ExactLeg | undefined => exactLeg(a, b, t, TOF_GRID_HOURS, 3, DEPART_OFFSETS_DAYS);

interface Params {
  readonly beam: BeamOptions;
  /** Start debris searched per mission. */
  readonly starts: number;
  /** The mission may use this multiple of its equal share of the remaining window. */
  readonly flex: number;
}

/** Σ Δv (km/s) a mission of about ten debris can afford with the full propellant load (rocket equation). */
const DV_BUDGET_KMS = ve * Math.log((GTOC9.dryMassKg + GTOC9.maxPropellantKg + 10 * GTOC9.deorbitKitKg) / (GTOC9.dryMassKg + 10 * GTOC9.deorbitKitKg));

const better = (a: PlanResult, b: PlanResult | undefined): boolean =>
  !b || a.debrisRemoved > b.debrisRemoved || (a.debrisRemoved === b.debrisRemoved && (a.missions.length < b.missions.length || (a.missions.length === b.missions.length && a.costMeur < b.costMeur)));

/** Plans a campaign removing as many of `debris` as possible within the rules. */
export function planGtoc9(debrisList: readonly Gtoc9Debris[], options: PlanOptions): PlanResult {
  const clock = options.clockMs ?? (() => performance.now());
  const t0 = clock();
  const deadline = t0 + options.timeLimitS * 1000;
  const table = estimateTable(debrisList);
  const maxMissions = options.maxMissions ?? 14;
  const window = { start: options.windowStartMjd2000 ?? GTOC9.campaignStartMjd2000, end: options.windowEndMjd2000 ?? GTOC9_CAMPAIGN_END_MJD2000 };
  let best: PlanResult | undefined;
  let attempt = 0;
  while (attempt === 0 || clock() < deadline) {
    const k = attempt;
    const params: Params = {
      beam: {
        width: options.candidates ?? [32, 48, 24, 64][k % 4]!,
        children: 6,
        maxExtraWaitDays: options.maxExtraWaitDays ?? [60, 90, 45, 120][(k >> 1) % 4]!,
        stepDays: 1,
        dvBudgetKms: DV_BUDGET_KMS - 0.15,
        timeWeight: options.timeWeight ?? [0.25, 0.15, 0.4, 0.1, 0.3][k % 5]!,
        transferDays: 1.5,
      },
      starts: options.startCandidates ?? [6, 4, 8][k % 3]!,
      flex: [1.1, 1.25, 1.0, 1.4][k % 4]!,
    };
    const plan = planCampaign(debrisList, table, maxMissions, params, deadline, clock, options.onProgress, attempt, window);
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

interface Building {
  readonly first: Gtoc9Debris;
  readonly start: number;
  readonly legs: ExactLeg[];
}

/** Propellant (kg) a mission with these legs needs. */
function propellantKg(legs: readonly ExactLeg[]): number {
  return initialMassKg(legs) - GTOC9.dryMassKg - (legs.length + 1) * GTOC9.deorbitKitKg;
}

function planCampaign(
  debrisList: readonly Gtoc9Debris[],
  T: EstimateTable,
  maxMissions: number,
  p: Params,
  deadline: number,
  clock: () => number,
  progress: ((m: string) => void) | undefined,
  attempt: number,
  window: { readonly start: number; readonly end: number },
): PlanResult {
  const n = debrisList.length;
  const available = new Uint8Array(n).fill(1);
  const built: Building[] = [];
  let left = n;
  let t: number = window.start;
  const timeUp = (): boolean => attempt > 0 && clock() > deadline;
  while (left > 0 && built.length < maxMissions && t + GTOC9.minWaitDays <= window.end && !timeUp()) {
    const missionsLeft = maxMissions - built.length;
    const daysLeft = window.end - t;
    const share = missionsLeft === 1 ? daysLeft : Math.max(40, (daysLeft - (missionsLeft - 1) * GTOC9.minMissionGapDays) / missionsLeft);
    const missionEnd = Math.min(window.end, t + share * (missionsLeft === 1 ? 1 : p.flex));
    // Long waits are cheap once few debris are left: the waiting window grows with the mission's time share.
    const wait = Math.max(p.beam.maxExtraWaitDays, Math.min(240, (missionEnd - t) / 3));
    const beamOpts: BeamOptions = { ...p.beam, maxExtraWaitDays: wait, stepDays: Math.max(p.beam.stepDays, Math.round(wait / 60)) };
    // Start debris and start delay: the beam from each of the few debris with the most cheap neighbours, at the
    // earliest start and later ones (waiting for a RAAN alignment); the deepest mission wins (ties: earlier, cheaper).
    let bestStart: { first: number; start: number; depth: number; dv: number } | undefined;
    for (const delay of [0, 0.2, 0.4].map((f) => f * (missionEnd - t))) {
      const ts = t + delay;
      for (const first of startCandidates(T, available, ts, p.starts)) {
        const bm = beamMission(T, first, available, ts, missionEnd, beamOpts);
        if (!bestStart || bm.legs.length > bestStart.depth || (bm.legs.length === bestStart.depth && ts === bestStart.start && bm.estDvKms < bestStart.dv)) {
          bestStart = { first, start: ts, depth: bm.legs.length, dv: bm.estDvKms };
        }
      }
      if (left > 60) break;
    }
    if (!bestStart) break;
    t = bestStart.start;
    const firstIdx = bestStart.first;
    available[firstIdx] = 0;
    left--;
    const first = debrisList[firstIdx]!;
    const legs: ExactLeg[] = [];
    let cur = firstIdx;
    let arrive = t;
    let usedDv = 0;
    const excluded = new Uint8Array(n);
    for (let guard = 0; guard < 4 * n && left > 0 && !timeUp(); guard++) {
      const pool = available.map((a, k) => (a && !excluded[k] ? 1 : 0));
      const bm = beamMission(T, cur, pool, arrive, missionEnd, { ...beamOpts, dvBudgetKms: p.beam.dvBudgetKms - usedDv });
      const step = bm.legs[0];
      if (!step) break;
      const b = debrisList[step.to]!;
      const leg = plannerLeg(debrisList[cur]!, b, step.departMjd2000);
      const ok =
        leg !== undefined &&
        leg.arriveMjd2000 - leg.departMjd2000 <= GTOC9.maxTransferDays &&
        leg.arriveMjd2000 + GTOC9.minWaitDays <= missionEnd &&
        propellantKg([...legs, leg]) <= GTOC9.maxPropellantKg - 1 &&
        leg.dvKms <= step.estDvKms + 0.35;
      if (!ok) {
        excluded[step.to] = 1;
        continue;
      }
      legs.push(leg);
      available[step.to] = 0;
      left--;
      usedDv += leg.dvKms;
      cur = step.to;
      arrive = leg.arriveMjd2000;
      excluded.fill(0);
    }
    built.push({ first, start: t, legs });
    const m = built[built.length - 1]!;
    const end = (legs.length > 0 ? legs[legs.length - 1]!.arriveMjd2000 : m.start) + GTOC9.minWaitDays;
    progress?.(`attempt ${attempt + 1} mission ${built.length}: ${legs.length + 1} debris, Δv ${(usedDv * 1000).toFixed(0)} m/s, MJD2000 ${t.toFixed(1)}-${end.toFixed(1)}, ${left} left`);
    t = end + GTOC9.minMissionGapDays;
  }
  if (left > 0) repairAppend(debrisList, T, built, available, window.end, timeUp);
  return assemble(built, new Map(debrisList.map((d) => [d.id, d])), window.end);
}

/**
 * Repair: appends left-over debris to the end of existing missions (latest missions first) while the propellant and the
 * gap to the next mission (Δt_M) allow, choosing the departure epoch by the estimate over the free time.
 */
function repairAppend(debrisList: readonly Gtoc9Debris[], T: EstimateTable, built: Building[], available: Uint8Array, windowEnd: number, timeUp: () => boolean): void {
  for (let k = built.length - 1; k >= 0 && !timeUp(); k--) {
    const m = built[k]!;
    const limit = k + 1 < built.length ? built[k + 1]!.start - GTOC9.minMissionGapDays : windowEnd;
    for (;;) {
      const lastIdx = m.legs.length > 0 ? T.index.get(m.legs[m.legs.length - 1]!.to)! : T.index.get(m.first.id)!;
      const arrive = m.legs.length > 0 ? m.legs[m.legs.length - 1]!.arriveMjd2000 : m.start;
      const earliest = arrive + GTOC9.minWaitDays;
      const latest = limit - GTOC9.minWaitDays - 2;
      if (latest < earliest) break;
      const cands: { b: number; t: number; dv: number }[] = [];
      for (let b = 0; b < available.length; b++) {
        if (!available[b]) continue;
        let bt = earliest, bdv = Infinity;
        for (let t = earliest; t <= latest; t += 1) {
          const dv = estimateLegDv(T, lastIdx, b, t);
          if (dv < bdv) {
            bdv = dv;
            bt = t;
          }
        }
        cands.push({ b, t: bt, dv: bdv });
      }
      cands.sort((x, y) => x.dv - y.dv);
      let added = false;
      for (const c of cands.slice(0, 3)) {
        const leg = plannerLeg(debrisList[lastIdx]!, debrisList[c.b]!, c.t);
        if (!leg || leg.arriveMjd2000 - leg.departMjd2000 > GTOC9.maxTransferDays || leg.arriveMjd2000 + GTOC9.minWaitDays > limit) continue;
        if (propellantKg([...m.legs, leg]) > GTOC9.maxPropellantKg - 1) continue;
        m.legs.push(leg);
        available[c.b] = 0;
        added = true;
        break;
      }
      if (!added) break;
    }
  }
}

function assemble(built: readonly Building[], byId: ReadonlyMap<number, Gtoc9Debris>, _windowEnd: number): PlanResult {
  const missions: PlannedMission[] = [];
  const solution: Gtoc9Mission[] = [];
  for (const b of built) {
    const end = (b.legs.length > 0 ? b.legs[b.legs.length - 1]!.arriveMjd2000 : b.start) + GTOC9.minWaitDays;
    const { events, m0 } = missionEvents(b.first, b.start, b.legs, byId, end);
    const dv = b.legs.reduce((s, l) => s + l.dvKms, 0);
    missions.push({ debris: [b.first.id, ...b.legs.map((l) => l.to)], legs: b.legs, startMjd2000: b.start, endMjd2000: end, m0Kg: m0, deltaVKms: dv, costMeur: gtoc9MissionCostMeur(m0) });
    solution.push({ events });
  }
  const removed = missions.reduce((s, m) => s + m.debris.length, 0);
  return { missions, debrisRemoved: removed, costMeur: missions.reduce((s, m) => s + m.costMeur, 0), solution };
}

/** Start debris candidates: the `count` available debris with the most cheap neighbours (estimate ≤ 250 m/s within 40 days). */
function startCandidates(T: EstimateTable, available: Uint8Array, t: number, count: number): number[] {
  const pool: number[] = [];
  available.forEach((a, k) => {
    if (a) pool.push(k);
  });
  const scored = pool.map((a) => {
    let s = 0;
    for (const b of pool) {
      if (b === a) continue;
      let m = Infinity;
      for (let d = 5; d <= 45; d += 5) m = Math.min(m, estimateLegDv(T, a, b, t + d));
      if (m < 0.25) s++;
    }
    return { a, s };
  });
  scored.sort((x, y) => y.s - x.s || x.a - y.a);
  return scored.slice(0, count).map((x) => x.a);
}
