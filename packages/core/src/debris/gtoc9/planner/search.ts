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
import { alignmentProfile, seedBonus, simulateRest, wideExactLeg, type AlignmentProfile, type MissionSetup } from './seeding.ts';
import { improveByNeighbourhood } from './neighbourhood.ts';

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
  /**
   * Restarts with outlier seeding, campaign look-ahead, end game and wide exact legs (seeding.ts), their settings varied
   * by attempt; default off: on the full problem they make a better first campaign (121 vs 118) but the
   * neighbourhood search then finished at 121, against 123 without them (one run each, docs/benchmarks.md).
   * `seedWeight`, `wideLegs` and `lookaheadLeft` set one of them for every attempt.
   */
  readonly outlierSeeding?: boolean;
  /** Outlier seeding weight (seeding.ts; 0: off); default varies by attempt with `outlierSeeding`, else 0. */
  readonly seedWeight?: number;
  /** Retry a rejected rollout leg with the wide exact-leg search (seeding.ts); default varies by attempt. */
  readonly wideLegs?: boolean;
  /** Campaign look-ahead (seeding.ts) once at most this many debris are left (0: off); default varies by attempt with `outlierSeeding`, else 0. */
  readonly lookaheadLeft?: number;
  /**
   * Fraction of the time limit given to restarts before the large-neighbourhood search (neighbourhood.ts) improves
   * the best campaign for the rest of the budget (default 0.25; 1: restarts only).
   */
  readonly neighbourhoodAfter?: number;
  /**
   * The restarts also end after this many attempts (default 8), so that the neighbourhood search starts from the same
   * campaign on any machine that runs that many attempts within `neighbourhoodAfter` of the budget (the plan is then
   * the same, only found sooner or later in wall time); 0: no cap.
   */
  readonly restartAttempts?: number;
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

export interface Params {
  readonly beam: BeamOptions;
  /** Start debris searched per mission. */
  readonly starts: number;
  /** The mission may use this multiple of its equal share of the remaining window. */
  readonly flex: number;
  /** Beam bonus (score units) of the most isolated debris after the mission (0: none). */
  readonly isolation: number;
  /** Outlier seeding: beam bonus of the most urgent outliers (seeding.ts; 0: none). */
  readonly seed: number;
  /** Retry rejected rollout legs with the wide exact-leg search. */
  readonly wideLegs: boolean;
  /** Campaign look-ahead once at most this many debris are left (0: off). */
  readonly lookaheadLeft: number;
  /** End game: with the look-ahead, every debris is a start candidate once at most 25 are left. */
  readonly endGame: boolean;
}

/** Σ Δv (km/s) a mission of about ten debris can afford with the full propellant load (rocket equation). */
export const DV_BUDGET_KMS = ve * Math.log((GTOC9.dryMassKg + GTOC9.maxPropellantKg + 10 * GTOC9.deorbitKitKg) / (GTOC9.dryMassKg + 10 * GTOC9.deorbitKitKg));

/** Outlier-seeding weights cycled over the attempts (seeding.ts). */
const SEED_WEIGHTS = [0.3, 0.15, 0, 0.5];
/** Campaign look-ahead thresholds (debris left) cycled over the attempts. */
const LOOKAHEAD_LEFT = [50, 35, 70, 45, 90, 60];

/** Whether campaign `a` is better than `b`: more debris, then fewer missions, then a cost lower by more than `tolMeur`. */
export const better = (a: PlanResult, b: PlanResult | undefined, tolMeur = 0): boolean =>
  !b || a.debrisRemoved > b.debrisRemoved || (a.debrisRemoved === b.debrisRemoved && (a.missions.length < b.missions.length || (a.missions.length === b.missions.length && a.costMeur < b.costMeur - tolMeur)));

/** Plans a campaign removing as many of `debris` as possible within the rules. */
export function planGtoc9(debrisList: readonly Gtoc9Debris[], options: PlanOptions): PlanResult {
  const clock = options.clockMs ?? (() => performance.now());
  const t0 = clock();
  const deadline = t0 + options.timeLimitS * 1000;
  const table = estimateTable(debrisList);
  const maxMissions = options.maxMissions ?? 14;
  const window = { start: options.windowStartMjd2000 ?? GTOC9.campaignStartMjd2000, end: options.windowEndMjd2000 ?? GTOC9_CAMPAIGN_END_MJD2000 };
  const seeding = options.outlierSeeding === true;
  let best: PlanResult | undefined;
  let profile: AlignmentProfile | undefined;
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
      isolation: [0, 0.04, 0.08, 0.02, 0.12, 0.06][k % 6]!,
      seed: options.seedWeight ?? (seeding ? SEED_WEIGHTS[k % SEED_WEIGHTS.length]! : 0),
      wideLegs: options.wideLegs ?? (seeding && k % 2 === 0),
      lookaheadLeft: options.lookaheadLeft ?? (seeding ? LOOKAHEAD_LEFT[k % LOOKAHEAD_LEFT.length]! : 0),
      endGame: k % 2 === 1,
    };
    if (params.seed > 0 && !profile) profile = alignmentProfile(table, window);
    const plan = planCampaign(debrisList, table, maxMissions, params, deadline, clock, options.onProgress, attempt, window, profile);
    if (better(plan, best)) {
      best = plan;
      options.onProgress?.(`attempt ${attempt + 1}: ${plan.debrisRemoved} debris in ${plan.missions.length} missions, J ${plan.costMeur.toFixed(2)} MEUR (best so far)`);
      options.onImproved?.(plan);
    }
    attempt++;
    if (best && best.debrisRemoved === debrisList.length && best.missions.length <= 10) break;
    const after = options.neighbourhoodAfter ?? 0.25;
    const cap = options.restartAttempts ?? 8;
    const restartsOver = after < 1 && ((cap > 0 && attempt >= cap) || clock() - t0 >= after * options.timeLimitS * 1000);
    if (best && best.debrisRemoved < debrisList.length && restartsOver) {
      best = improveByNeighbourhood(debrisList, table, best, { deadline, clock, window, maxMissions, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.onImproved ? { onImproved: options.onImproved } : {}) });
      break;
    }
  }
  return best!;
}

export interface Building {
  first: Gtoc9Debris;
  start: number;
  legs: ExactLeg[];
}

/** Propellant (kg) a mission with these legs needs. */
function propellantKg(legs: readonly ExactLeg[]): number {
  return initialMassKg(legs) - GTOC9.dryMassKg - (legs.length + 1) * GTOC9.deorbitKitKg;
}

/** Large-neighbourhood hook: plan only the debris marked in `available`, with a beam bonus for `mustTake` debris (which also start missions). */
export interface CampaignSubset {
  readonly available: Uint8Array;
  readonly mustTake?: Float64Array;
}

export function planCampaign(
  debrisList: readonly Gtoc9Debris[],
  T: EstimateTable,
  maxMissions: number,
  p: Params,
  deadline: number,
  clock: () => number,
  progress: ((m: string) => void) | undefined,
  attempt: number,
  window: { readonly start: number; readonly end: number },
  profile?: AlignmentProfile,
  subset?: CampaignSubset,
): PlanResult {
  const n = debrisList.length;
  const available = subset ? subset.available.slice() : new Uint8Array(n).fill(1);
  const built: Building[] = [];
  let left = available.reduce((s, a) => s + a, 0);
  let t: number = window.start;
  const timeUp = (): boolean => attempt > 0 && clock() > deadline;
  // A mission's time span and beam settings (also used by the look-ahead's simulated missions).
  const setup = (tm: number, missionsLeft: number): MissionSetup => {
    const daysLeft = window.end - tm;
    const share = missionsLeft === 1 ? daysLeft : Math.max(40, (daysLeft - (missionsLeft - 1) * GTOC9.minMissionGapDays) / missionsLeft);
    const end = Math.min(window.end, tm + share * (missionsLeft === 1 ? 1 : p.flex));
    // Long waits are cheap once few debris are left: the waiting window grows with the mission's time share.
    const wait = Math.max(p.beam.maxExtraWaitDays, Math.min(240, (end - tm) / 3));
    return { endMjd2000: end, beam: { ...p.beam, maxExtraWaitDays: wait, stepDays: Math.max(p.beam.stepDays, Math.round(wait / 60)) } };
  };
  const lookStarts = (avail: Uint8Array, ts: number): number[] => startCandidates(T, avail, ts, 3);
  while (left > 0 && built.length < maxMissions && t + GTOC9.minWaitDays <= window.end && !timeUp()) {
    const missionsLeft = maxMissions - built.length;
    const su = setup(t, missionsLeft);
    const missionEnd = su.endMjd2000;
    const lookahead = left <= p.lookaheadLeft && missionsLeft > 1;
    const isolated = p.isolation > 0 ? isolationBonus(T, available, missionEnd, window.end, p.isolation) : undefined;
    const seeding = p.seed > 0 && profile ? seedBonus(profile, available, t, missionEnd, window.end, p.seed) : undefined;
    const bonus = sumBonus(isolated, seeding?.bonus, subset?.mustTake);
    const beamOpts: BeamOptions = { ...su.beam, ...(bonus ? { bonus } : {}) };
    // Start debris and start delay: the beam from each of the few debris with the most cheap neighbours, at the
    // earliest start and later ones (waiting for a RAAN alignment); the deepest mission wins (ties: earlier, cheaper).
    let bestStart: { first: number; start: number; depth: number; dv: number } | undefined;
    // End game (look-ahead on, few debris left): every debris is a start candidate; the last mission, which has the
    // rest of the window, also tries later starts.
    const endGame = p.endGame && p.lookaheadLeft > 0 && left <= 25;
    const delays = p.lookaheadLeft > 0 && missionsLeft === 1 ? [0, 0.2, 0.4, 0.6, 0.75] : [0, 0.2, 0.4];
    for (const delay of delays.map((f) => f * (missionEnd - t))) {
      const ts = t + delay;
      const firsts = startCandidates(T, available, ts, endGame ? left : p.starts, subset?.mustTake);
      // Outlier seeding: missions built around the two most urgent outliers are also tried.
      for (const s of seeding?.seeds.slice(0, 2) ?? []) if (!firsts.includes(s)) firsts.push(s);
      for (const first of firsts) {
        const bm = beamMission(T, first, available, ts, missionEnd, beamOpts);
        // An urgent outlier (seed) in the mission counts half a debris more: its alignment will not come again.
        let depth = bm.legs.length + 0.5 * (seeding ? [first, ...bm.legs.map((l) => l.to)].filter((d) => seeding.seeds.includes(d)).length : 0);
        if (lookahead) {
          // Look-ahead: this mission's debris plus those the rest of the campaign then covers (estimate only).
          const rest = available.slice();
          rest[first] = 0;
          for (const l of bm.legs) rest[l.to] = 0;
          depth += simulateRest(T, rest, bm.endMjd2000 + GTOC9.minMissionGapDays, missionsLeft - 1, window.end, setup, lookStarts);
        }
        if (!bestStart || depth > bestStart.depth || (depth === bestStart.depth && ts === bestStart.start && bm.estDvKms < bestStart.dv)) {
          bestStart = { first, start: ts, depth, dv: bm.estDvKms };
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
      const fits = (l: ExactLeg | undefined): boolean =>
        l !== undefined &&
        l.arriveMjd2000 - l.departMjd2000 <= GTOC9.maxTransferDays &&
        l.arriveMjd2000 + GTOC9.minWaitDays <= missionEnd &&
        propellantKg([...legs, l]) <= GTOC9.maxPropellantKg - 1 &&
        l.dvKms <= step.estDvKms + 0.35;
      let leg = plannerLeg(debrisList[cur]!, b, step.departMjd2000);
      // Hard leg: the wide exact-leg search (seeding.ts) often finds a cheaper phase.
      if (!fits(leg) && p.wideLegs) {
        const wide = wideExactLeg(debrisList[cur]!, b, step.departMjd2000);
        if (wide && (!leg || wide.dvKms < leg.dvKms)) leg = wide;
      }
      if (!leg || !fits(leg)) {
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
  if (available.some((a) => a === 1)) {
    const before = available.reduce((s, a) => s + a, 0);
    repairInsert(debrisList, T, built, available, window, timeUp);
    const after = available.reduce((s, a) => s + a, 0);
    progress?.(`attempt ${attempt + 1} repair by insertion: ${before - after} of ${before} left-over debris inserted`);
  }
  return assemble(built, new Map(debrisList.map((d) => [d.id, d])));
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

/**
 * Inserts the debris of `leftIds` into the missions of `plan` (repair by insertion, below) and returns the new plan;
 * the debris already in `plan` stay where they are. `debrisList` holds every debris of the problem.
 */
export function insertLeftovers(debrisList: readonly Gtoc9Debris[], plan: PlanResult, leftIds: readonly number[], options: Pick<PlanOptions, 'windowStartMjd2000' | 'windowEndMjd2000'> = {}): PlanResult {
  const T = estimateTable(debrisList);
  const byId = new Map(debrisList.map((d) => [d.id, d]));
  const built: Building[] = plan.missions.map((m) => ({ first: byId.get(m.debris[0]!)!, start: m.startMjd2000, legs: [...m.legs] }));
  const available = new Uint8Array(debrisList.length);
  for (const id of leftIds) available[T.index.get(id)!] = 1;
  const window = { start: options.windowStartMjd2000 ?? GTOC9.campaignStartMjd2000, end: options.windowEndMjd2000 ?? GTOC9_CAMPAIGN_END_MJD2000 };
  repairInsert(debrisList, T, built, available, window, () => false);
  return assemble(built, byId);
}

/**
 * Repair by insertion: each left-over debris c is tried inside every mission, between two consecutive debris X → Y
 * (the leg X → Y is replaced by X → c → Y within the time between the arrival at X and the departure from Y) and
 * before the first debris (c becomes the first debris, the mission starts earlier if the gap to the previous mission
 * allows). The departure epochs come from the estimate on a 1-day grid (best X → c epoch, then the best c → Y epoch
 * after it); the options are tried as exact legs in order of their estimated extra Δv, and the first one within the
 * propellant and the timing rules is kept. Repeats until no left-over debris fits.
 */
export function repairInsert(
  debrisList: readonly Gtoc9Debris[],
  T: EstimateTable,
  built: Building[],
  available: Uint8Array,
  window: { readonly start: number; readonly end: number },
  timeUp: () => boolean,
): void {
  const W = GTOC9.minWaitDays;
  const missionEnd = (m: Building): number => (m.legs.length > 0 ? m.legs[m.legs.length - 1]!.arriveMjd2000 : m.start) + W;
  const idx = (id: number): number => T.index.get(id)!;
  for (let inserted = true; inserted && !timeUp(); ) {
    inserted = false;
    const options: { c: number; k: number; pos: number; t1: number; t2: number; extra: number }[] = [];
    for (let c = 0; c < available.length; c++) {
      if (!available[c]) continue;
      built.forEach((m, k) => {
        const limit = k + 1 < built.length ? built[k + 1]!.start - GTOC9.minMissionGapDays : window.end;
        const lower = k > 0 ? missionEnd(built[k - 1]!) + GTOC9.minMissionGapDays : window.start;
        // pos 0: c before the first debris (start at t1 ≥ lower, depart c at t2 ≥ t1 + W).
        {
          const latestArrive = (m.legs.length > 0 ? m.legs[0]!.departMjd2000 : limit) - W;
          let best = { t: 0, dv: Infinity };
          for (let t2 = lower + W; t2 <= latestArrive - 5; t2 += 1) {
            const dv = estimateLegDv(T, c, idx(m.first.id), t2);
            if (dv < best.dv) best = { t: t2, dv };
          }
          if (best.dv < 1) options.push({ c, k, pos: 0, t1: best.t - W, t2: best.t, extra: best.dv });
        }
        // pos i + 1: c between legs[i].from and legs[i].to.
        m.legs.forEach((leg, i) => {
          const earliest = (i === 0 ? m.start : m.legs[i - 1]!.arriveMjd2000) + W;
          const latestArrive = (i + 1 < m.legs.length ? m.legs[i + 1]!.departMjd2000 : limit) - W;
          const x = idx(leg.from), y = idx(leg.to);
          const lastT2 = latestArrive - 5;
          const n1 = Math.floor(lastT2 - (W + 5) - earliest);
          if (n1 < 0) return;
          // Suffix minimum of the c → Y estimate over the departure grid.
          const nB = Math.floor(lastT2 - earliest) + 1;
          const sufDv = new Float64Array(nB + 1).fill(Infinity);
          const sufT = new Float64Array(nB + 1);
          for (let j = nB - 1; j >= 0; j--) {
            const t2 = earliest + j;
            const dv = t2 <= lastT2 ? estimateLegDv(T, c, y, t2) : Infinity;
            if (dv < sufDv[j + 1]!) {
              sufDv[j] = dv;
              sufT[j] = t2;
            } else {
              sufDv[j] = sufDv[j + 1]!;
              sufT[j] = sufT[j + 1]!;
            }
          }
          let best = { t1: 0, t2: 0, dv: Infinity };
          for (let j = 0; j <= n1; j++) {
            const t1 = earliest + j;
            const jb = j + W + 5;
            if (jb >= nB) break;
            const dv = estimateLegDv(T, x, c, t1) + sufDv[jb]!;
            if (dv < best.dv) best = { t1, t2: sufT[jb]!, dv };
          }
          if (best.dv - leg.dvKms < 1) options.push({ c, k, pos: i + 1, t1: best.t1, t2: best.t2, extra: best.dv - leg.dvKms });
        });
      });
    }
    options.sort((a, b) => a.extra - b.extra);
    const tried = new Map<number, number>();
    for (const o of options) {
      if (timeUp() || !available[o.c]) continue;
      const n = tried.get(o.c) ?? 0;
      if (n >= 8) continue;
      tried.set(o.c, n + 1);
      const m = built[o.k]!;
      const limit = o.k + 1 < built.length ? built[o.k + 1]!.start - GTOC9.minMissionGapDays : window.end;
      const c = debrisList[o.c]!;
      if (o.pos === 0) {
        const leg = plannerLeg(c, m.first, o.t2);
        const latestArrive = (m.legs.length > 0 ? m.legs[0]!.departMjd2000 : limit) - W;
        if (!leg || leg.arriveMjd2000 - leg.departMjd2000 > GTOC9.maxTransferDays || leg.arriveMjd2000 > latestArrive) continue;
        const legs = [leg, ...m.legs];
        if (propellantKg(legs) > GTOC9.maxPropellantKg - 1) continue;
        m.first = c;
        m.start = o.t1;
        m.legs = legs;
      } else {
        const i = o.pos - 1;
        const old = m.legs[i]!;
        const latestArrive = (i + 1 < m.legs.length ? m.legs[i + 1]!.departMjd2000 : limit) - W;
        const a = plannerLeg(debrisList[idx(old.from)]!, c, o.t1);
        if (!a || a.arriveMjd2000 - a.departMjd2000 > GTOC9.maxTransferDays) continue;
        const b = plannerLeg(c, debrisList[idx(old.to)]!, Math.max(o.t2, a.arriveMjd2000 + W));
        if (!b || b.arriveMjd2000 - b.departMjd2000 > GTOC9.maxTransferDays || b.arriveMjd2000 > latestArrive) continue;
        const legs = [...m.legs.slice(0, i), a, b, ...m.legs.slice(i + 1)];
        if (propellantKg(legs) > GTOC9.maxPropellantKg - 1) continue;
        m.legs = legs;
      }
      available[o.c] = 0;
      inserted = true;
      break;
    }
  }
}

export function assemble(built: readonly Building[], byId: ReadonlyMap<number, Gtoc9Debris>): PlanResult {
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

/**
 * Isolation bonus: for each available debris, the number of other available debris it can reach cheaply (estimate
 * ≤ 0.3 km/s at some epoch of a 10-day grid) between the end of this mission and the end of the window. The debris with
 * the fewest such neighbours will be hard to reach later; the bonus is `weight` × (1 − neighbours / most neighbours).
 */
function isolationBonus(T: EstimateTable, available: Uint8Array, fromMjd2000: number, toMjd2000: number, weight: number): Float64Array {
  const n = available.length;
  const count = new Float64Array(n);
  const step = Math.max(10, (toMjd2000 - fromMjd2000) / 80);
  for (let a = 0; a < n; a++) {
    if (!available[a]) continue;
    for (let b = a + 1; b < n; b++) {
      if (!available[b]) continue;
      for (let t = fromMjd2000; t <= toMjd2000; t += step) {
        if (estimateLegDv(T, a, b, t) <= 0.3) {
          count[a]!++;
          count[b]!++;
          break;
        }
      }
    }
  }
  let most = 1;
  for (let a = 0; a < n; a++) if (available[a]) most = Math.max(most, count[a]!);
  const bonus = new Float64Array(n);
  for (let a = 0; a < n; a++) if (available[a]) bonus[a] = weight * (1 - count[a]! / most);
  return bonus;
}

/** The element-wise sum of the bonuses given (undefined when none is). */
function sumBonus(...bonuses: (Float64Array | undefined)[]): Float64Array | undefined {
  return bonuses.reduce<Float64Array | undefined>((sum, b) => (b === undefined ? sum : sum === undefined ? b : sum.map((x, k) => x + b[k]!)), undefined);
}

/** Start debris candidates: the `count` available debris with the most cheap neighbours (estimate ≤ 250 m/s within 40 days), then the available `mustTake` ones. */
function startCandidates(T: EstimateTable, available: Uint8Array, t: number, count: number, mustTake?: Float64Array): number[] {
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
  const starts = scored.slice(0, count).map((x) => x.a);
  if (mustTake) for (const a of pool) if (mustTake[a]! > 0 && !starts.includes(a)) starts.push(a);
  return starts;
}
