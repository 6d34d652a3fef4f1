/**
 * Launch collision avoidance (LCOLA): screens the ascent and the first orbits of a launch (the vehicle through
 * cut-off, then the parking orbit shared by the upper stage and every released payload) against the catalog for each
 * candidate launch time of a window, and returns the blackout intervals.
 *
 * Method. Each candidate launch time L_k = start + k·Δ (Δ = `launchStepS`) becomes one primary of the existing
 * screening engine (screening/): an ephemeris (ITRF states, Hermite cubic) that lifts off at L_k, flies the
 * nominal ascent (the Earth-fixed ascent is the same for every L_k) and then coasts (two-body + J2) to the end of the
 * screened span. Before liftoff a candidate waits at its own point deep inside the Earth and moves smoothly to the pad
 * in the last 600 s (so candidates never meet each other or the catalog on the ground, and the table interpolates well). Conflicts are screening events of a primary after its liftoff and before L_k + cut-off + the parking
 * duration. A candidate with a conflict blacks out [L_k − Δ/2, L_k + Δ/2]; adjacent ones merge.
 *
 * Stand-offs (documented, after US range practice for launch COLA): 200 km from crewed or crew-capable objects
 * (US ranges' spherical stand-off for the ISS; the ISS-to-CSS practice is the same), 25 km from every other catalogued
 * object. Probability-based screening (Pc ≥ 1e-6 for crewed, 1e-5 otherwise) is not implemented: the
 * stand-offs are the conservative alternative ranges also accept. Crewed objects are recognised by name (ISS, CSS,
 * TIANHE, WENTIAN, MENGTIAN, SHENZHOU, TIANZHOU docked stacks are treated as crewed, CREW DRAGON, SOYUZ MS, STARLINER)
 * or listed explicitly. Jettisoned suborbital elements (boosters, stages, fairing) are not screened: below ~250 km,
 * where they fly, the catalog is nearly empty, and their own hazard is the drop zones.
 */
import { ArgumentError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import { createEphemerisInput } from '../propagation/ephemeris/input.ts';
import { sgp4InputFrom } from '../propagation/sgp4/index.ts';
import type { TrajectoryInput } from '../propagation/trajectory.ts';
import { planScreeningInputs, type ScreeningOptions } from '../screening/plan.ts';
import { runScreeningPlan } from '../screening/screen.ts';
import type { SkippedObject } from '../screening/types.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { coast, inertialToEarthFixed, type AscentResult } from './ascent.ts';

/** Catalog numbers given to the candidate launches (never a real object: above the 9-digit catalog in use). */
export const LCOLA_PRIMARY_BASE = 999000000;

export interface LcolaOptions {
  readonly windowStart: Instant;
  readonly windowEnd: Instant;
  /** Spacing of candidate launch times (s); default 60. */
  readonly launchStepS?: number;
  /** Screened time in the parking orbit after cut-off (s); default 10800 (about two revolutions). */
  readonly parkingDurationS?: number;
  /** Stand-off from uncrewed objects (km); default 25. */
  readonly standOffKm?: number;
  /** Stand-off from crewed objects (km); default 200. */
  readonly crewedStandOffKm?: number;
  /** Catalog numbers to treat as crewed, in addition to the name rule. */
  readonly crewedIds?: readonly number[];
  /** Candidate launch times per screening run (bounds memory); default 64. */
  readonly batchSize?: number;
}

export interface LcolaConflict {
  readonly objectId: number;
  readonly objectName?: string;
  readonly crewed: boolean;
  readonly tca: Instant;
  readonly missDistanceKm: number;
  /** `ascent` before cut-off, `parking` after. */
  readonly phase: 'ascent' | 'parking';
}

export interface LcolaCandidate {
  readonly launch: Instant;
  readonly conflicts: LcolaConflict[];
}

export interface LcolaBlackout {
  readonly from: Instant;
  readonly to: Instant;
  readonly conflicts: LcolaConflict[];
}

export interface LcolaResult {
  readonly candidates: LcolaCandidate[];
  readonly blackouts: LcolaBlackout[];
  readonly skipped: SkippedObject[];
  readonly objectsScreened: number;
}

const CREWED_NAME = /\b(ISS|CSS|TIANHE|WENTIAN|MENGTIAN|SHENZHOU|TIANZHOU|CREW DRAGON|DRAGON C2\d\d|SOYUZ[- ]MS|STARLINER|TIANGONG)\b/i;

/** Whether an element set belongs to a crewed object (name rule of the module header, or listed). */
export function isCrewed(el: Pick<ElementSet, 'catalogNumber' | 'objectName'>, extra: readonly number[] = []): boolean {
  if (extra.includes(el.catalogNumber)) return true;
  return el.objectName !== undefined && CREWED_NAME.test(el.objectName) && !/\bDEB\b|R\/B/.test(el.objectName);
}

/** Parking point of candidate k before liftoff: a 10×10×10 grid, 300 km apart, centred on the Earth's centre. */
function parkingPoint(k: number): [number, number, number] {
  return [((k % 10) - 4.5) * 300, ((Math.floor(k / 10) % 10) - 4.5) * 300, ((Math.floor(k / 100) % 10) - 4.5) * 300];
}

/** Earth-fixed (ITRF) states of the vehicle against seconds from liftoff: the ascent track then the coast. */
function earthFixedProfile(ascent: AscentResult, coastS: number): { tS: number; s: [number, number, number, number, number, number] }[] {
  const out: { tS: number; s: [number, number, number, number, number, number] }[] = [];
  for (const p of ascent.track) {
    if (out.length > 0 && p.tS <= out[out.length - 1]!.tS + 1e-6) continue;
    const e = inertialToEarthFixed(p.r, p.v, p.tS);
    out.push({ tS: p.tS, s: [...e.r, ...e.v] });
  }
  const c = ascent.cutoff;
  for (const q of coast(c.r, c.v, c.tS, Math.max(60, coastS), 30)) {
    if (q.tS <= out[out.length - 1]!.tS + 1e-6) continue;
    const e = inertialToEarthFixed(q.r, q.v, q.tS);
    out.push({ tS: q.tS, s: [...e.r, ...e.v] });
  }
  return out;
}

/**
 * Screens a launch window. `ascent` is the nominal ascent of the plan (frame L, liftoff at t = 0); `catalog` holds
 * the catalog's element sets (one per object) and optionally extra trajectories (e.g. operator ephemerides).
 */
export function screenLaunchWindow(ascent: AscentResult, catalog: readonly ElementSet[], options: LcolaOptions, ts: TimeScales, extra: readonly TrajectoryInput[] = []): LcolaResult {
  const stepS = options.launchStepS ?? 60;
  const parkingS = options.parkingDurationS ?? 10800;
  const standOff = options.standOffKm ?? 25;
  const crewedStandOff = options.crewedStandOffKm ?? 200;
  const windowS = ts.utcClockSecondsBetween(options.windowStart, options.windowEnd);
  if (!(windowS >= 0 && windowS <= 86400)) throw new ArgumentError(`The launch window must end after it starts and last at most 24 h; got ${windowS} s.`, windowS);
  if (!(stepS >= 1 && stepS <= 3600)) throw new ArgumentError(`--launch-step must lie in [1, 3600] s; got ${stepS}.`, stepS);
  if (!(standOff > 0 && standOff <= crewedStandOff && crewedStandOff <= 1000)) throw new ArgumentError(`Stand-offs must satisfy 0 < uncrewed ≤ crewed ≤ 1000 km; got ${standOff} and ${crewedStandOff}.`, [standOff, crewedStandOff]);
  const nCand = Math.floor(windowS / stepS + 1e-9) + 1;
  if (nCand > 1000) throw new ArgumentError(`At most 1,000 candidate launch times per run; the window and step give ${nCand}. Use a longer --launch-step-s or a shorter window.`, nCand);
  const cutoffS = ascent.cutoff.tS;
  const spanS = windowS + cutoffS + parkingS;
  const start = options.windowStart;
  // The Earth-fixed profile long enough for the earliest candidate.
  const profile = earthFixedProfile(ascent, spanS - cutoffS + 60);
  const padState = profile[0]!.s;
  const primaries: TrajectoryInput[] = [];
  const launches: Instant[] = [];
  for (let k = 0; k < nCand; k++) {
    const offset = k * stepS;
    const launch = ts.plusUtcClockSeconds(start, offset);
    launches.push(launch);
    const epochs: Instant[] = [];
    const states: [number, number, number, number, number, number][] = [];
    // Before liftoff the candidate is parked at its own point deep inside the Earth (a grid 300 km apart), so that
    // candidates are never near the catalog or each other; it reaches the pad 300 s before liftoff.
    if (offset > 0) {
      // Parked at p_k, then a smooth (quintic smootherstep) move to the pad over the last T ≤ 600 s, sampled every
      // 10 s with its exact velocity, so that the Hermite table interpolates it with a small error.
      const g = parkingPoint(k);
      const T = Math.min(600, offset);
      const t0 = offset - T;
      if (t0 > 0) {
        epochs.push(start);
        states.push([g[0], g[1], g[2], 0, 0, 0]);
      }
      const d = [padState[0] - g[0], padState[1] - g[1], padState[2] - g[2]];
      const nSeg = Math.max(1, Math.ceil(T / 10));
      for (let j = 0; j < nSeg; j++) {
        const sF = j / nSeg;
        const S = sF * sF * sF * (10 - 15 * sF + 6 * sF * sF);
        const dS = (30 * sF * sF * (1 - sF) * (1 - sF)) / T;
        epochs.push(ts.plusUtcClockSeconds(start, t0 + sF * T));
        states.push([g[0] + d[0]! * S, g[1] + d[1]! * S, g[2] + d[2]! * S, d[0]! * dS, d[1]! * dS, d[2]! * dS]);
      }
    }
    for (const p of profile) {
      if (offset + p.tS > spanS + 60) break;
      epochs.push(ts.plusUtcClockSeconds(launch, p.tS));
      states.push(p.s);
    }
    primaries.push(createEphemerisInput({ catalogNumber: LCOLA_PRIMARY_BASE + k, frame: 'ITRF', epochs, states, interpolation: 'HERMITE', interpolationDegree: 3, source: `launch candidate ${ts.formatUtcIso(launch, 0)}` }, ts));
  }
  const crewedSet = new Set(catalog.filter((e) => isCrewed(e, options.crewedIds ?? [])).map((e) => e.catalogNumber));
  const names = new Map(catalog.map((e) => [e.catalogNumber, e.objectName]));
  const secondaries: TrajectoryInput[] = [...catalog.map((e) => sgp4InputFrom(e, ts)), ...extra];
  for (const id of options.crewedIds ?? []) crewedSet.add(id);
  // Candidates are screened in batches (memory of the broad phase grows with primaries × objects × time).
  const batch = Math.max(1, Math.floor(options.batchSize ?? 64));
  const screen = (inputs: TrajectoryInput[], radiusKm: number): { events: ReturnType<typeof runScreeningPlan>['events']; skipped: SkippedObject[]; objectsScreened: number } => {
    const events: ReturnType<typeof runScreeningPlan>['events'] = [];
    const skippedAll = new Map<number, SkippedObject>();
    let objectsScreened = 0;
    for (let b = 0; b < primaries.length; b += batch) {
      const group = primaries.slice(b, b + batch);
      const opts: ScreeningOptions = { start, durationS: spanS, volume: { kind: 'sphere', radiusKm }, primaries: group.map((p) => p.catalogNumber), timeScales: ts };
      const r = runScreeningPlan(planScreeningInputs([...group, ...inputs], opts), ts);
      events.push(...r.events);
      for (const sk of r.skipped) skippedAll.set(sk.catalogNumber, sk);
      objectsScreened = Math.max(objectsScreened, r.stats.objectsScreened - group.length);
    }
    return { events, skipped: [...skippedAll.values()], objectsScreened };
  };
  const all = screen(secondaries, standOff);
  const crewedInputs = secondaries.filter((s) => crewedSet.has(s.catalogNumber));
  const crewedRun = crewedInputs.length > 0 ? screen(crewedInputs, crewedStandOff) : undefined;
  const conflicts: LcolaConflict[][] = launches.map(() => []);
  for (const ev of [...all.events, ...(crewedRun?.events ?? [])]) {
    const pIsFirst = ev.object1 >= LCOLA_PRIMARY_BASE && ev.object1 < LCOLA_PRIMARY_BASE + nCand;
    const pIsSecond = ev.object2 >= LCOLA_PRIMARY_BASE && ev.object2 < LCOLA_PRIMARY_BASE + nCand;
    if (pIsFirst === pIsSecond) continue; // candidate vs candidate (the same pad), or neither
    const k = (pIsFirst ? ev.object1 : ev.object2) - LCOLA_PRIMARY_BASE;
    const other = pIsFirst ? ev.object2 : ev.object1;
    const sinceLiftoff = ev.tcaOffsetS - k * stepS;
    if (sinceLiftoff < 0 || sinceLiftoff > cutoffS + parkingS) continue;
    const crewed = crewedSet.has(other);
    if (!crewed && ev.missDistanceKm > standOff) continue;
    const list = conflicts[k]!;
    if (list.some((c) => c.objectId === other && Math.abs(c.tca.secondsSince(ev.tca)) < 1)) continue;
    const name = names.get(other);
    list.push({ objectId: other, ...(name !== undefined ? { objectName: name } : {}), crewed, tca: ev.tca, missDistanceKm: ev.missDistanceKm, phase: sinceLiftoff <= cutoffS ? 'ascent' : 'parking' });
  }
  const candidates = launches.map((launch, k) => ({ launch, conflicts: conflicts[k]!.sort((a, b) => a.tca.compare(b.tca)) }));
  const blackouts: LcolaBlackout[] = [];
  for (let k = 0; k < nCand; k++) {
    if (conflicts[k]!.length === 0) continue;
    const from = ts.plusUtcClockSeconds(start, Math.max(0, k * stepS - stepS / 2));
    const to = ts.plusUtcClockSeconds(start, Math.min(windowS, k * stepS + stepS / 2));
    const last = blackouts[blackouts.length - 1];
    if (last !== undefined && !last.to.isBefore(from)) blackouts[blackouts.length - 1] = { from: last.from, to, conflicts: [...last.conflicts, ...conflicts[k]!] };
    else blackouts.push({ from, to, conflicts: [...conflicts[k]!] });
  }
  const skipped = [...all.skipped, ...(crewedRun?.skipped ?? [])].filter((s) => s.catalogNumber < LCOLA_PRIMARY_BASE);
  const candSkipped = all.skipped.filter((s) => s.catalogNumber >= LCOLA_PRIMARY_BASE);
  if (candSkipped.length > 0) throw new ArgumentError(`Launch candidate trajectories could not be screened: ${candSkipped[0]!.reason}`, candSkipped[0]);
  return { candidates, blackouts, skipped, objectsScreened: all.objectsScreened };
}
