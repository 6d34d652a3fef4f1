/**
 * The TT&C contact-scheduling problem: contact opportunities (usable visibility windows), station antennas and
 * per-satellite requirements, and the objective both the exact MILP and the heuristic maximise.
 *
 * A contact takes a whole opportunity: the pass above the station threshold, minus station unavailable periods
 * (each remaining piece is its own opportunity), optionally trimmed to `maxContactDurationS` centred on the
 * culmination; pieces shorter than the satellite's minimum contact duration are dropped.
 *
 * Objective (maximise), with w_s the satellite's priority weight:
 *   Σ_contacts w_s · duration_min  −  Σ_s w_s · (P_count · missing_s + P_gap · gaps_s)
 * missing_s = max(0, N_s − contacts_s), N_s = ⌈minContactsPerDay · horizon/1 day⌉;
 * gaps_s = number of gap violations: the horizon start, and the end of every contact of s, each count one
 * violation when the next contact of s starts more than maxGapS later (only where that point + maxGapS lies
 * inside the horizon). P_count = P_gap = 1000 contact-minutes: requirements come first, contact time second.
 */
import type { Pass } from '../events/passes.ts';
import type { GroundStation } from '../events/station.ts';
import type { PassWindow } from '../events/track.ts';
import type { TimeScales } from '../time/index.ts';

/** Requirement of one satellite (JSON edge: seconds and counts). */
export interface SatelliteRequirement {
  readonly catalogNumber: number;
  /** At least this many contacts per day (scaled to the horizon, rounded up). Default 0. */
  readonly minContactsPerDay?: number;
  /** Largest allowed gap between contacts, s. Default: none. */
  readonly maxGapS?: number;
  /** Priority weight (> 0). Default 1. */
  readonly priority?: number;
  /** Shortest usable contact, s. Default: the problem default. */
  readonly minContactDurationS?: number;
}

export interface SchedulingOptions {
  /** Default minimum contact duration, s (default 120). */
  readonly minContactDurationS?: number;
  /** Longest contact, s: longer passes are trimmed around culmination (default: none). */
  readonly maxContactDurationS?: number;
  /** Requirement applied to satellites without their own (default: none). */
  readonly defaultRequirement?: Omit<SatelliteRequirement, 'catalogNumber'>;
}

export interface ContactOpportunity {
  /** Index in `SchedulingProblem.opportunities`. */
  readonly index: number;
  readonly catalogNumber: number;
  /** Index of the station in `SchedulingProblem.stations`. */
  readonly station: number;
  /** Start and end, UTC-clock seconds from the horizon start. */
  readonly startS: number;
  readonly endS: number;
  readonly maxElevationRad: number;
}

export interface ProblemStation {
  readonly id: string;
  readonly antennaCount: number;
  readonly setupTimeS: number;
}

export interface ProblemSatellite {
  readonly catalogNumber: number;
  readonly weight: number;
  /** Required number of contacts over the horizon. */
  readonly requiredContacts: number;
  /** Maximum gap, s (Infinity when none). */
  readonly maxGapS: number;
  /** Opportunity indices of this satellite, by start time. */
  readonly opportunities: readonly number[];
}

export interface SchedulingProblem {
  readonly horizonS: number;
  readonly stations: readonly ProblemStation[];
  readonly satellites: readonly ProblemSatellite[];
  readonly opportunities: readonly ContactOpportunity[];
}

/** Penalty per missing contact, in weighted contact-minutes. */
export const MISSING_CONTACT_PENALTY = 1000;
/** Penalty per gap violation, in weighted contact-minutes. */
export const GAP_VIOLATION_PENALTY = 1000;

/**
 * Builds the problem from predicted passes. Satellites are those in `catalogNumbers` (so that one with no
 * pass at all still shows up as unmet); stations those given.
 */
export function buildSchedulingProblem(
  passes: readonly Pass[],
  catalogNumbers: readonly number[],
  stations: readonly GroundStation[],
  window: PassWindow,
  ts: TimeScales,
  requirements: readonly SatelliteRequirement[] = [],
  options: SchedulingOptions = {},
): SchedulingProblem {
  const horizonS = ts.utcClockSecondsBetween(window.start, window.stop);
  const reqById = new Map(requirements.map((r) => [r.catalogNumber, r]));
  const stationIndex = new Map(stations.map((s, i) => [s.id, i]));
  const blocked = stations.map((s) =>
    s.unavailable
      .map((u) => [ts.utcClockSecondsBetween(window.start, u.start), ts.utcClockSecondsBetween(window.start, u.stop)] as const)
      .sort((a, b) => a[0] - b[0]),
  );
  const sats = [...new Set(catalogNumbers)];
  const minDurOf = (id: number): number =>
    reqById.get(id)?.minContactDurationS ?? options.defaultRequirement?.minContactDurationS ?? options.minContactDurationS ?? 120;
  const raw: Omit<ContactOpportunity, 'index'>[] = [];
  const satSet = new Set(sats);
  for (const p of passes) {
    const st = stationIndex.get(p.stationId);
    if (st === undefined || !satSet.has(p.catalogNumber)) continue;
    let a = p.aosS;
    let b = p.losS;
    const maxDur = options.maxContactDurationS;
    if (maxDur !== undefined && b - a > maxDur) {
      a = Math.min(Math.max(p.tcaS - maxDur / 2, a), b - maxDur);
      b = a + maxDur;
    }
    // Cut out unavailable periods.
    let pieces: [number, number][] = [[a, b]];
    for (const [u0, u1] of blocked[st]!) {
      const next: [number, number][] = [];
      for (const [x, y] of pieces) {
        if (u1 <= x || u0 >= y) next.push([x, y]);
        else {
          if (u0 > x) next.push([x, u0]);
          if (u1 < y) next.push([u1, y]);
        }
      }
      pieces = next;
    }
    const minDur = minDurOf(p.catalogNumber);
    for (const [x, y] of pieces) {
      if (y - x >= minDur) raw.push({ catalogNumber: p.catalogNumber, station: st, startS: x, endS: y, maxElevationRad: p.maxElevationRad });
    }
  }
  raw.sort((u, v) => u.startS - v.startS || u.catalogNumber - v.catalogNumber || u.station - v.station);
  const opportunities: ContactOpportunity[] = raw.map((o, index) => ({ ...o, index }));
  const bySat = new Map<number, number[]>(sats.map((s) => [s, []]));
  for (const o of opportunities) bySat.get(o.catalogNumber)!.push(o.index);
  const satellites: ProblemSatellite[] = sats.map((id) => {
    const r = reqById.get(id);
    const d = options.defaultRequirement;
    const perDay = r?.minContactsPerDay ?? d?.minContactsPerDay ?? 0;
    const weight = r?.priority ?? d?.priority ?? 1;
    return {
      catalogNumber: id,
      weight: weight > 0 ? weight : 1,
      requiredContacts: Math.ceil((perDay * horizonS) / 86400 - 1e-9),
      maxGapS: r?.maxGapS ?? d?.maxGapS ?? Number.POSITIVE_INFINITY,
      opportunities: bySat.get(id)!,
    };
  });
  return {
    horizonS,
    stations: stations.map((s) => ({ id: s.id, antennaCount: s.antennaCount, setupTimeS: s.setupTimeS })),
    satellites,
    opportunities,
  };
}

/** Objective terms of one satellite for a set of its contacts (given as [start, end] sorted by start). */
export function satelliteObjective(sat: ProblemSatellite, horizonS: number, contacts: readonly (readonly [number, number])[]): {
  value: number;
  missing: number;
  gaps: number;
} {
  let minutes = 0;
  for (const [a, b] of contacts) minutes += (b - a) / 60;
  const missing = Math.max(0, sat.requiredContacts - contacts.length);
  const gaps = gapViolations(sat.maxGapS, horizonS, contacts);
  return {
    value: sat.weight * (minutes - MISSING_CONTACT_PENALTY * missing - GAP_VIOLATION_PENALTY * gaps),
    missing,
    gaps,
  };
}

/** Number of gap violations (see module header) of sorted contacts. */
export function gapViolations(maxGapS: number, horizonS: number, contacts: readonly (readonly [number, number])[]): number {
  if (!Number.isFinite(maxGapS)) return 0;
  let count = 0;
  let from = 0;
  for (let i = 0; i <= contacts.length; i++) {
    if (from + maxGapS < horizonS) {
      const next = i < contacts.length ? contacts[i]![0] : Number.POSITIVE_INFINITY;
      if (next > from + maxGapS) count++;
    }
    if (i < contacts.length) from = contacts[i]![1];
  }
  return count;
}
