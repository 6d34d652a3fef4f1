/**
 * GTOC9 planner on a small subset (CI stays fast): the independent checker accepts the planner's own solution, which
 * removes every debris of the subset it plans for. The full 123-debris solve belongs in the benchmark (`npm run bench -- adr --gtoc9-s=1500`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGtoc9Solution, debrisRaan, insertLeftovers, planGtoc9, readGtoc9Debris, readGtoc9Solution, writeGtoc9Solution, type PlanResult } from '../../src/index.ts';
import { sharedData } from '../catalog-helpers.ts';

const path = sharedData('gtoc9', 'gtoc9_debris.csv');
const present = existsSync(path);

describe.skipIf(!present)(`GTOC9 planner on a 6-debris subset${present ? '' : ' (SKIPPED: ../shared/data/gtoc9/gtoc9_debris.csv is absent)'}`, () => {
  it('plans a campaign that the independent checker accepts, best-so-far reported as it improves', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const subset = [0, 115, 19, 12, 7, 30].map((id) => all[id]!);
    const improved: PlanResult[] = [];
    const messages: string[] = [];
    const plan = planGtoc9(subset, { timeLimitS: 1, maxMissions: 3, candidates: 2, onImproved: (p) => improved.push(p), onProgress: (m) => messages.push(m) });
    expect(improved.length).toBeGreaterThan(0);
    expect(improved[improved.length - 1]).toBe(plan);
    expect(messages.some((m) => /best so far/.test(m))).toBe(true);
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.solution)), all);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.debrisRemoved).toBe(plan.debrisRemoved);
    expect(plan.debrisRemoved).toBe(6);
    expect(plan.missions.length).toBeLessThanOrEqual(3);
    // Propellant within m_p for every mission, and the reported cost is the checker's.
    for (const m of check.missions) expect(m.m0Kg - 2000 - 30 * m.debris.length).toBeLessThanOrEqual(5000);
    expect(plan.costMeur).toBeCloseTo(check.costMeur, 6);
    console.info(`subset plan: ${plan.debrisRemoved} debris, ${plan.missions.length} missions, J ${plan.costMeur.toFixed(2)} MEUR, Δv ${plan.missions.map((m) => (m.deltaVKms * 1000).toFixed(0)).join('/')} m/s`);
  });

  it('GTOC9 20-debris cluster (nearest in RAAN to debris 50 at the campaign start): all removed in 3 missions, checker valid', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const c = debrisRaan(all[50]!, 23467);
    const dist = (d: (typeof all)[number]): number => Math.abs(Math.atan2(Math.sin(debrisRaan(d, 23467) - c), Math.cos(debrisRaan(d, 23467) - c)));
    const subset = [...all].sort((a, b) => dist(a) - dist(b) || a.id - b.id).slice(0, 20);
    const t0 = performance.now();
    // A 1-s limit: only the first campaign (always completed, deterministic parameters) runs.
    const plan = planGtoc9(subset, { timeLimitS: 1, maxMissions: 3 });
    const seconds = (performance.now() - t0) / 1000;
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.solution)), all);
    console.info(`GTOC9 20-debris cluster: ${check.debrisRemoved}/20 debris in ${plan.missions.length} missions (${plan.missions.map((m) => m.debris.length).join('+')}), J ${check.costMeur.toFixed(2)} MEUR, valid ${check.valid}, ${seconds.toFixed(1)} s`);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.debrisRemoved).toBe(20);
    expect(plan.missions.length).toBeLessThanOrEqual(3);
  }, 120_000);

  it('GTOC9 repair by insertion: a 5-debris mission takes the 6th subset debris inside or before it, checker valid', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const five = [0, 115, 19, 7, 30].map((id) => all[id]!);
    const base = planGtoc9(five, { timeLimitS: 1, maxMissions: 1, candidates: 2 });
    expect(base.debrisRemoved).toBe(5);
    const six = [...five, all[12]!];
    const plan = insertLeftovers(six, base, [12]);
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.solution)), all);
    const order = plan.missions[0]!.debris;
    console.info(`insertion: ${base.missions[0]!.debris.join('-')} → ${order.join('-')}, Δv ${(base.missions[0]!.deltaVKms * 1000).toFixed(0)} → ${(plan.missions[0]!.deltaVKms * 1000).toFixed(0)} m/s, valid ${check.valid}`);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(plan.missions.length).toBe(1);
    expect(plan.debrisRemoved).toBe(6);
    // Inserted, not appended: debris 12 is not the last one, and the other debris keep their order.
    expect(order[order.length - 1]).not.toBe(12);
    expect(order.filter((id) => id !== 12)).toEqual(base.missions[0]!.debris);
  }, 60_000);
});
