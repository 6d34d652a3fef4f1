/**
 * A schedule: the chosen opportunities with an antenna each, its objective, unmet requirements (reported
 * explicitly, never hidden) and metrics. Antennas are assigned by interval colouring: contacts sorted by start,
 * each given the free antenna that became free last (an antenna is free at t when its previous contact ended
 * at least setupTimeS before t). If at most `antennaCount` padded intervals overlap anywhere, this never fails.
 */
import { ArgumentError } from '../errors/index.ts';
import { satelliteObjective, type SchedulingProblem } from './problem.ts';

export interface ScheduledContact {
  readonly opportunity: number;
  readonly catalogNumber: number;
  readonly stationId: string;
  /** Antenna index at the station, 0-based. */
  readonly antenna: number;
  readonly startS: number;
  readonly endS: number;
}

export interface UnmetRequirement {
  readonly catalogNumber: number;
  readonly requiredContacts: number;
  readonly scheduledContacts: number;
  readonly missingContacts: number;
  /** Maximum gap asked for, s (absent when none). */
  readonly maxGapS?: number;
  readonly gapViolations: number;
  /** Largest gap in the schedule (horizon start and end included), s. */
  readonly largestGapS: number;
  /** Number of usable opportunities the satellite had. */
  readonly opportunities: number;
  readonly reason: string;
}

export interface StationUtilisation {
  readonly stationId: string;
  readonly contacts: number;
  /** Contact time / (antennas × horizon). */
  readonly utilisation: number;
}

export interface ScheduleMetrics {
  readonly contacts: number;
  readonly totalContactS: number;
  readonly satellites: number;
  readonly satellitesWithUnmetRequirements: number;
  readonly stations: readonly StationUtilisation[];
}

export interface ScheduleResult {
  readonly method: 'milp' | 'heuristic';
  /** 'optimal' (MILP proven), 'feasible' (MILP stopped early, or heuristic). */
  readonly status: 'optimal' | 'feasible';
  readonly objective: number;
  /** Best proven upper bound on the objective (MILP only). */
  readonly bound?: number;
  readonly contacts: readonly ScheduledContact[];
  readonly unmet: readonly UnmetRequirement[];
  readonly metrics: ScheduleMetrics;
  readonly wallTimeS?: number;
}

/** Objective of a selection of opportunities (the value the scheduler maximises). */
export function scheduleObjective(problem: SchedulingProblem, selected: readonly number[]): number {
  const bySat = new Map<number, [number, number][]>();
  for (const i of selected) {
    const o = problem.opportunities[i]!;
    const list = bySat.get(o.catalogNumber);
    if (list) list.push([o.startS, o.endS]);
    else bySat.set(o.catalogNumber, [[o.startS, o.endS]]);
  }
  let total = 0;
  for (const s of problem.satellites) {
    const list = (bySat.get(s.catalogNumber) ?? []).sort((a, b) => a[0] - b[0]);
    total += satelliteObjective(s, problem.horizonS, list).value;
  }
  return total;
}

/** Builds the result of a selection: antennas, objective, unmet requirements, metrics. */
export function assembleSchedule(
  problem: SchedulingProblem,
  selected: readonly number[],
  method: 'milp' | 'heuristic',
  status: 'optimal' | 'feasible',
  extra: { bound?: number; wallTimeS?: number } = {},
): ScheduleResult {
  const chosen = [...selected].sort((a, b) => problem.opportunities[a]!.startS - problem.opportunities[b]!.startS || a - b);
  const freeAt = problem.stations.map((s) => new Array<number>(s.antennaCount).fill(Number.NEGATIVE_INFINITY));
  const contacts: ScheduledContact[] = [];
  for (const i of chosen) {
    const o = problem.opportunities[i]!;
    const st = problem.stations[o.station]!;
    const free = freeAt[o.station]!;
    let best = -1;
    for (let a = 0; a < free.length; a++) {
      if (free[a]! <= o.startS + 1e-9 && (best < 0 || free[a]! > free[best]!)) best = a;
    }
    if (best < 0) {
      throw new ArgumentError(`Selection is infeasible: no antenna of ${st.id} is free for opportunity ${i} at +${o.startS.toFixed(1)} s.`, i);
    }
    free[best] = o.endS + st.setupTimeS;
    contacts.push({ opportunity: i, catalogNumber: o.catalogNumber, stationId: st.id, antenna: best, startS: o.startS, endS: o.endS });
  }
  const bySat = new Map<number, [number, number][]>();
  for (const c of contacts) {
    const list = bySat.get(c.catalogNumber);
    if (list) list.push([c.startS, c.endS]);
    else bySat.set(c.catalogNumber, [[c.startS, c.endS]]);
  }
  let objective = 0;
  const unmet: UnmetRequirement[] = [];
  for (const s of problem.satellites) {
    const list = bySat.get(s.catalogNumber) ?? [];
    const t = satelliteObjective(s, problem.horizonS, list);
    objective += t.value;
    if (t.missing > 0 || t.gaps > 0) {
      let largest = 0;
      let from = 0;
      for (const [a, b] of list) {
        largest = Math.max(largest, a - from);
        from = b;
      }
      largest = Math.max(largest, problem.horizonS - from);
      const why: string[] = [];
      if (t.missing > 0) {
        why.push(
          s.opportunities.length < s.requiredContacts
            ? `only ${s.opportunities.length} usable opportunities for ${s.requiredContacts} required contacts`
            : `${t.missing} of ${s.requiredContacts} required contacts lost to antenna conflicts`,
        );
      }
      if (t.gaps > 0) why.push(`${t.gaps} gap(s) longer than ${s.maxGapS} s`);
      unmet.push({
        catalogNumber: s.catalogNumber,
        requiredContacts: s.requiredContacts,
        scheduledContacts: list.length,
        missingContacts: t.missing,
        ...(Number.isFinite(s.maxGapS) ? { maxGapS: s.maxGapS } : {}),
        gapViolations: t.gaps,
        largestGapS: largest,
        opportunities: s.opportunities.length,
        reason: why.join('; '),
      });
    }
  }
  const perStation = problem.stations.map(() => ({ n: 0, s: 0 }));
  let total = 0;
  for (const c of contacts) {
    const k = problem.opportunities[c.opportunity]!.station;
    perStation[k]!.n++;
    perStation[k]!.s += c.endS - c.startS;
    total += c.endS - c.startS;
  }
  return {
    method,
    status,
    objective,
    ...(extra.bound !== undefined ? { bound: extra.bound } : {}),
    contacts,
    unmet,
    metrics: {
      contacts: contacts.length,
      totalContactS: total,
      satellites: problem.satellites.length,
      satellitesWithUnmetRequirements: unmet.length,
      stations: problem.stations.map((st, k) => ({
        stationId: st.id,
        contacts: perStation[k]!.n,
        utilisation: problem.horizonS > 0 ? perStation[k]!.s / (st.antennaCount * problem.horizonS) : 0,
      })),
    },
    ...(extra.wallTimeS !== undefined ? { wallTimeS: extra.wallTimeS } : {}),
  };
}
