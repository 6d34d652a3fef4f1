/**
 * GTOC9 outlier seeding (planner/seeding.ts): urgency of a planted RAAN outlier by time slot, the campaign look-ahead
 * on two planted groups of debris, and the wide exact-leg search on a GTOC9 leg checked by the independent checker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGtoc9Solution, exactLeg, missionEvents, readGtoc9Debris, readGtoc9Solution, writeGtoc9Solution, type Gtoc9Debris } from '../../src/index.ts';
import { estimateLegDv, estimateTable, type BeamOptions } from '../../src/debris/gtoc9/planner/beam.ts';
import { seedBonus, simulateRest, urgency, wideExactLeg, type AlignmentProfile } from '../../src/debris/gtoc9/planner/seeding.ts';
import { sharedData } from '../catalog-helpers.ts';

/** Planted profile: 4 debris, 10 bins of 10 days; 1, 2, 3 reach each other in every bin, 0 reaches 1 only in bins 2-3. */
function plantedProfile(): AlignmentProfile {
  const n = 4, bins = 10;
  const reach = new Uint8Array(n * n * bins);
  const set = (a: number, b: number, k: number): void => {
    reach[(a * n + b) * bins + k] = 1;
  };
  for (const a of [1, 2, 3]) for (const b of [1, 2, 3]) if (a !== b) for (let k = 0; k < bins; k++) set(a, b, k);
  set(0, 1, 2);
  set(1, 0, 3);
  return { n, bins, startMjd2000: 0, binDays: 10, reach };
}

describe('GTOC9 outlier seeding (planted alignment profile)', () => {
  it('the outlier is urgent only in the slot of its alignment; the dense debris are not', () => {
    const P = plantedProfile();
    const all = new Uint8Array(4).fill(1);
    // Slot [20, 40) of the remaining [20, 100): slot share 0.25. Debris 0's two opportunities (bins 2 and 3) are both
    // inside → 1.
    const u = urgency(P, all, 20, 40, 100);
    expect(u[0]).toBeCloseTo(1, 6);
    // Debris 1: 6 of its 18 remaining opportunities (2 with debris 0, 8 with each of 2 and 3) → (1/3 − 0.25) / 0.75.
    expect(u[1]).toBeCloseTo((1 / 3 - 0.25) / 0.75, 6);
    // Debris 2: 4 of 16 → exactly the slot share → 0.
    expect(u[2]).toBeCloseTo(0, 6);
    // Before its alignment slot (slot [0, 20)) the outlier is not urgent: a later slot is better.
    expect(urgency(P, all, 0, 20, 100)[0]).toBe(0);
    const s = seedBonus(P, all, 20, 40, 100, 0.5);
    expect(s.seeds).toEqual([0]);
    expect(s.bonus[0]).toBeCloseTo(0.5, 6);
    expect([...s.bonus.slice(1)]).toEqual([0, 0, 0]);
    // Taken out of the pool (removed), debris 1 is no longer counted as a neighbour: debris 0 has no opportunity left.
    const no1 = Uint8Array.from([1, 0, 1, 1]);
    expect(urgency(P, no1, 20, 40, 100)[0]).toBe(1);
    expect(seedBonus(P, no1, 20, 40, 100, 0.5).seeds).toEqual([]);
  });
});

/** Three debris in one plane (RAAN `raan`) 20 km apart in altitude, phased 0.5 rad apart. */
function group(id0: number, raan: number): Gtoc9Debris[] {
  return [0, 1, 2].map((k) => ({ id: id0 + k, epochMjd2000: 23467, aKm: 7100 + 20 * k, e: 0.001, iRad: 1.7, raanRad: raan, argpRad: 0, meanAnomalyRad: 0.5 * k }));
}

describe('GTOC9 campaign look-ahead (two planted groups 90° apart in RAAN)', () => {
  it('covers one group per mission: 3 debris with one mission left, all 6 with two', () => {
    const debris = [...group(0, 0), ...group(3, Math.PI / 2)];
    const T = estimateTable(debris);
    // The two groups: 90° of node difference at i = 1.7 rad is ≈ 7 km/s, far above any mission's budget.
    expect(estimateLegDv(T, 0, 3, 23467)).toBeGreaterThan(5);
    const beam: BeamOptions = { width: 8, children: 4, maxExtraWaitDays: 20, stepDays: 1, dvBudgetKms: 3.7, timeWeight: 0.2, transferDays: 1.5 };
    // Missions of at most 120 days within a window ending at `end`.
    const setup = (end: number) => (t: number): { endMjd2000: number; beam: BeamOptions } => ({ endMjd2000: Math.min(end, t + 120), beam });
    const starts = (avail: Uint8Array): number[] => [0, 3].filter((k) => avail[k]);
    const all = new Uint8Array(6).fill(1);
    expect(simulateRest(T, all, 23467, 1, 23767, setup(23767), starts)).toBe(3);
    expect(simulateRest(T, all, 23467, 2, 23767, setup(23767), starts)).toBe(6);
    // No time left for a second mission (a 40-day window): one group only.
    expect(simulateRest(T, all, 23467, 2, 23507, setup(23507), starts)).toBe(3);
  });
});

const path = sharedData('gtoc9', 'gtoc9_debris.csv');
const present = existsSync(path);

describe.skipIf(!present)(`GTOC9 wide exact-leg search${present ? '' : ' (SKIPPED: ../shared/data/gtoc9/gtoc9_debris.csv is absent)'}`, () => {
  it('GTOC9 leg 0 → 115 at its best estimated epoch: no dearer than the default search, mission valid by the checker', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const a = all[0]!, b = all[115]!;
    const T = estimateTable(all);
    let t = 23472, best = Infinity;
    for (let d = 23472; d <= 23532; d += 1) {
      const dv = estimateLegDv(T, 0, 115, d);
      if (dv < best) [best, t] = [dv, d];
    }
    const std = exactLeg(a, b, t);
    const wide = wideExactLeg(a, b, t);
    expect(std).toBeDefined();
    expect(wide).toBeDefined();
    console.info(`GTOC9 0 → 115 at MJD2000 ${t}: estimate ${(best * 1000).toFixed(0)} m/s, default exact ${(std!.dvKms * 1000).toFixed(0)} m/s, wide ${(wide!.dvKms * 1000).toFixed(0)} m/s`);
    expect(wide!.dvKms).toBeLessThanOrEqual(std!.dvKms + 1e-9);
    const end = wide!.arriveMjd2000 + 5;
    const { events } = missionEvents(a, wide!.departMjd2000 - 5, [wide!], new Map(all.map((d) => [d.id, d])), end);
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution([{ events }])), all);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.debrisRemoved).toBe(2);
  }, 60_000);
});
