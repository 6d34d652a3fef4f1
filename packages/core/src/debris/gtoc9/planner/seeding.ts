/**
 * Outlier seeding of the GTOC9 campaign: a time-slot view of when each debris is cheap to reach (J2 RAAN alignment
 * with other debris), computed once before the campaign, so that each mission takes the debris whose remaining
 * alignment opportunities lie mostly in its own time slot (RAAN outliers while they are still near a group), and
 * builds a mission around such a debris when one is due; plus a wider exact-leg search for the legs that the
 * standard search prices above the estimate, and a campaign look-ahead (the rest of the campaign simulated on the
 * estimate) to choose each mission by the debris the whole campaign then covers.
 */
import { GTOC9, type Gtoc9Debris } from '../rules.ts';
import { beamMission, estimateLegDv, type BeamMission, type BeamOptions, type EstimateTable } from './beam.ts';
import { exactLeg, type ExactLeg } from './legs.ts';

/**
 * Alignment profile: `reach[(a · n + b) · bins + k]` = 1 when the estimated leg a → b costs at most `thresholdKms` at
 * some epoch (grid `stepDays`) of time bin k (`binDays` wide from the window start). Symmetric in a, b is not assumed.
 */
export interface AlignmentProfile {
  readonly n: number;
  readonly bins: number;
  readonly startMjd2000: number;
  readonly binDays: number;
  readonly reach: Uint8Array;
}

export function alignmentProfile(
  T: EstimateTable,
  window: { readonly start: number; readonly end: number },
  binDays = 20,
  thresholdKms = 0.3,
  stepDays = 5,
): AlignmentProfile {
  const n = T.ids.length;
  const bins = Math.max(1, Math.ceil((window.end - window.start) / binDays));
  const reach = new Uint8Array(n * n * bins);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const base = (a * n + b) * bins;
      for (let k = 0; k < bins; k++) {
        const t0 = window.start + k * binDays;
        for (let t = t0; t < t0 + binDays; t += stepDays) {
          if (estimateLegDv(T, a, b, t) <= thresholdKms) {
            reach[base + k] = 1;
            break;
          }
        }
      }
    }
  }
  return { n, bins, startMjd2000: window.start, binDays, reach };
}

/** Bin index of an epoch, clamped to the profile. */
const binOf = (P: AlignmentProfile, t: number): number => Math.max(0, Math.min(P.bins, Math.floor((t - P.startMjd2000) / P.binDays)));

/**
 * Opportunities of each available debris within [fromMjd2000, toMjd2000): the number of (available neighbour, time
 * bin) pairs at which the two are within the threshold of each other (either direction).
 */
export function opportunities(P: AlignmentProfile, available: Uint8Array, fromMjd2000: number, toMjd2000: number): Float64Array {
  const { n, bins, reach } = P;
  const k0 = binOf(P, fromMjd2000), k1 = binOf(P, toMjd2000);
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    if (!available[a]) continue;
    let s = 0;
    for (let b = 0; b < n; b++) {
      if (b === a || !available[b]) continue;
      const ab = (a * n + b) * bins, ba = (b * n + a) * bins;
      for (let k = k0; k < k1; k++) s += reach[ab + k]! | reach[ba + k]!;
    }
    out[a] = s;
  }
  return out;
}

/**
 * Urgency of each available debris for a mission flying [startMjd2000, endMjd2000): the share of its remaining
 * alignment opportunities (from the mission start to the window end) that fall within the mission's slot, above the
 * share a debris with evenly spread opportunities would have there (the slot's share of the remaining time). A RAAN
 * outlier whose only alignments with the remaining debris fall in this slot scores near 1; a debris of a dense group
 * scores near 0. Debris without any remaining opportunity score 1 (no later slot is better). `all`: the opportunities
 * from the mission start to the window end, when the caller has them.
 */
export function urgency(
  P: AlignmentProfile,
  available: Uint8Array,
  startMjd2000: number,
  endMjd2000: number,
  windowEndMjd2000: number,
  all = opportunities(P, available, startMjd2000, windowEndMjd2000),
): Float64Array {
  const now = opportunities(P, available, startMjd2000, endMjd2000);
  const slotShare = Math.min(1, (endMjd2000 - startMjd2000) / Math.max(1, windowEndMjd2000 - startMjd2000));
  const out = new Float64Array(P.n);
  for (let a = 0; a < P.n; a++) {
    if (!available[a]) continue;
    out[a] = all[a]! === 0 ? 1 : Math.max(0, now[a]! / all[a]! - slotShare) / (1 - slotShare + 1e-9);
  }
  return out;
}

/**
 * Seed bonus for the beam (score units: fractions of the mission's resources): `weight` × urgency for the debris that
 * are also outliers (fewer remaining opportunities than the `outlierFraction` quantile of the available debris); the
 * others get none. Also returns the seeds (urgency ≥ `seedUrgency`, most urgent first), around which a mission may be
 * built (start debris).
 */
export function seedBonus(
  P: AlignmentProfile,
  available: Uint8Array,
  startMjd2000: number,
  endMjd2000: number,
  windowEndMjd2000: number,
  weight: number,
  outlierFraction = 0.35,
  seedUrgency = 0.5,
): { bonus: Float64Array; seeds: number[] } {
  const all = opportunities(P, available, startMjd2000, windowEndMjd2000);
  const u = urgency(P, available, startMjd2000, endMjd2000, windowEndMjd2000, all);
  const pool: number[] = [];
  available.forEach((a, k) => {
    if (a) pool.push(k);
  });
  const sorted = pool.map((a) => all[a]!).sort((x, y) => x - y);
  const cut = sorted[Math.min(sorted.length - 1, Math.floor(outlierFraction * sorted.length))] ?? 0;
  const bonus = new Float64Array(P.n);
  const seeds: number[] = [];
  for (const a of pool) {
    if (all[a]! > cut) continue;
    bonus[a] = weight * u[a]!;
    if (u[a]! >= seedUrgency && all[a]! > 0) seeds.push(a);
  }
  seeds.sort((x, y) => u[y]! - u[x]! || x - y);
  return { bonus, seeds };
}

/** Flight times (hours) and departure offsets (days) of the wide exact-leg search for hard legs. */
const WIDE_TOF_HOURS = [3, 4, 5, 6, 8, 10, 12, 15, 18, 21, 24, 27, 30, 36, 42, 48, 54, 60, 72, 84, 96, 120, 144];
const WIDE_OFFSETS_DAYS = Array.from({ length: 25 }, (_, k) => k * 0.08);

/**
 * Cheaper exact leg for a leg that the standard search prices too high: departure offsets over two days (0.08-day
 * steps, so the relative phase sweeps several times), flight times 3-144 h, the best 6 shot through J2.
 */
export function wideExactLeg(a: Gtoc9Debris, b: Gtoc9Debris, departMjd2000: number): ExactLeg | undefined {
  return exactLeg(a, b, departMjd2000, WIDE_TOF_HOURS, 6, WIDE_OFFSETS_DAYS);
}

/** Time span and beam settings of a mission starting at an epoch with a number of missions left (the campaign's rule). */
export interface MissionSetup {
  readonly endMjd2000: number;
  readonly beam: BeamOptions;
}

/**
 * Campaign look-ahead on the estimate alone: the rest of the campaign from `startMjd2000` with `missionsLeft` missions,
 * each the deepest beam mission over the given start debris and start delays (fractions of the mission's span), in
 * time order with Δt_M between missions. Returns the number of debris it covers. Choosing a mission by its own debris
 * plus this count (instead of its depth alone) keeps the greedy campaign from leaving stragglers that no later
 * mission can reach.
 */
export function simulateRest(
  T: EstimateTable,
  available: Uint8Array,
  startMjd2000: number,
  missionsLeft: number,
  windowEndMjd2000: number,
  setup: (tMjd2000: number, missionsLeft: number) => MissionSetup,
  starts: (available: Uint8Array, tMjd2000: number) => number[],
  delays: readonly number[] = [0, 0.25],
): number {
  const avail = available.slice();
  let t = startMjd2000;
  let covered = 0;
  for (let k = missionsLeft; k > 0 && t + GTOC9.minWaitDays <= windowEndMjd2000; k--) {
    const s = setup(t, k);
    let best: BeamMission | undefined;
    for (const f of delays) {
      const ts = t + f * (s.endMjd2000 - t);
      for (const first of starts(avail, ts)) {
        const bm = beamMission(T, first, avail, ts, s.endMjd2000, s.beam);
        if (!best || bm.legs.length > best.legs.length || (bm.legs.length === best.legs.length && bm.endMjd2000 < best.endMjd2000)) best = bm;
      }
    }
    if (!best) break;
    avail[best.first] = 0;
    for (const l of best.legs) avail[l.to] = 0;
    covered += best.legs.length + 1;
    t = best.endMjd2000 + GTOC9.minMissionGapDays;
  }
  return covered;
}
