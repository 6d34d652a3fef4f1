/**
 * GTOC9 large-neighbourhood search (planner/neighbourhood.ts) on a small subset: a planted left-over debris is taken
 * back by re-planning the missions around it; the independent checker accepts the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, checkGtoc9Solution, debrisRaan, improveByNeighbourhood, planFromSolution, planGtoc9, readGtoc9Debris, readGtoc9Solution, writeGtoc9Solution, GTOC9, GTOC9_CAMPAIGN_END_MJD2000 } from '../../src/index.ts';
import { estimateTable } from '../../src/debris/gtoc9/planner/beam.ts';
import { sharedData } from '../catalog-helpers.ts';

const path = sharedData('gtoc9', 'gtoc9_debris.csv');
const present = existsSync(path);

describe.skipIf(!present)(`GTOC9 large-neighbourhood search${present ? '' : ' (SKIPPED: ../shared/data/gtoc9/gtoc9_debris.csv is absent)'}`, () => {
  it('GTOC9 12-debris cluster (nearest in RAAN to debris 50): a planted left-over debris is re-covered by a neighbourhood move, checker valid', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const c = debrisRaan(all[50]!, 23467);
    const dist = (d: (typeof all)[number]): number => Math.abs(Math.atan2(Math.sin(debrisRaan(d, 23467) - c), Math.cos(debrisRaan(d, 23467) - c)));
    const subset = [...all].sort((a, b) => dist(a) - dist(b) || a.id - b.id).slice(0, 12);
    const full = planGtoc9(subset, { timeLimitS: 1, maxMissions: 2, neighbourhoodAfter: 1 });
    expect(full.debrisRemoved).toBe(12);
    // Planted: the last debris of the longest mission is dropped (the mission ends after its previous debris).
    const byId = new Map(subset.map((d) => [d.id, d]));
    const k = full.missions.reduce((b, m, j) => (m.debris.length > full.missions[b]!.debris.length ? j : b), 0);
    const dropped = full.missions[k]!.debris[full.missions[k]!.debris.length - 1]!;
    const base = assemble(
      full.missions.map((m, j) => ({ first: byId.get(m.debris[0]!)!, start: m.startMjd2000, legs: j === k ? m.legs.slice(0, -1) : [...m.legs] })),
      byId,
    );
    expect(base.debrisRemoved).toBe(11);
    // The solution file round trip (planFromSolution) gives back the same campaign.
    const again = planFromSolution(subset, readGtoc9Solution(writeGtoc9Solution(base.solution)).missions);
    expect(again.debrisRemoved).toBe(11);
    expect(again.costMeur).toBeCloseTo(base.costMeur, 6);
    const messages: string[] = [];
    const t0 = performance.now();
    const plan = improveByNeighbourhood(subset, estimateTable(subset), again, {
      deadline: performance.now() + 60_000,
      clock: () => performance.now(),
      window: { start: GTOC9.campaignStartMjd2000, end: GTOC9_CAMPAIGN_END_MJD2000 },
      maxMissions: 2,
      maxMoves: 6,
      onProgress: (m) => messages.push(m),
    });
    const seconds = (performance.now() - t0) / 1000;
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.solution)), all);
    console.info(`neighbourhood: dropped debris ${dropped}; ${base.debrisRemoved} → ${check.debrisRemoved} debris in ${plan.missions.length} missions, J ${check.costMeur.toFixed(2)} MEUR, valid ${check.valid}, ${seconds.toFixed(1)} s\n  ${messages.join('\n  ')}`);
    expect(messages.some((m) => /neighbourhood move \d+: missions/.test(m))).toBe(true);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.debrisRemoved).toBe(12);
    expect(plan.missions.length).toBeLessThanOrEqual(2);
    expect(plan.missions.some((m) => m.debris.includes(dropped))).toBe(true);
  }, 120_000);
});
