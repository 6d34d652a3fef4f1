/**
 * Oracle: SGP4 initialised per context (satellite.js `sgp4init`, the path before). The near-earth records that
 * planning keeps (screening/sgp4Records.ts) and that the worker threads receive with the plan must give bit-identical
 * states at every time, and a screening context built from them the same block results (events as columns, counters).
 */
import { describe, expect, it } from 'vitest';
import { createScreeningContext, createTrajectory, planScreening, planSgp4Records, screenBlock, type Sgp4Satellite, type ScreeningPlan } from '../src/index.ts';
import { denseLeoSubset, loadCatalog, timeScales } from './screening-helpers.ts';

describe('near-earth SGP4 records kept by planning (sgp4Records.ts)', () => {
  const all = loadCatalog();
  // Every 12th object (all regimes: LEO, MEO, GEO, HEO; deep-space ones have no record) plus a dense LEO shell.
  const picked = new Map<number, (typeof all)[number]>();
  for (let i = 0; i < all.length; i += 12) picked.set(all[i]!.catalogNumber, all[i]!);
  for (const s of denseLeoSubset(all, 600)) picked.set(s.catalogNumber, s);
  const sets = [...picked.values()];
  const start = timeScales.parseUtcIso('2026-03-10T00:00:00Z');
  const plan: ScreeningPlan = planScreening(sets, { start, durationS: 2 * 3600, volume: { kind: 'sphere', radiusKm: 10 }, timeScales, tuning: { blockLengthS: 3600 } });

  it('planning keeps one record per near-earth object; a structured clone (a worker thread) carries none', () => {
    const rec = planSgp4Records(plan);
    expect(rec, 'records kept with the plan').toBeDefined();
    let nearEarth = 0;
    for (const o of plan.objects) if ((createTrajectory(o) as Sgp4Satellite).usesNearEarthStep) nearEarth++;
    const kept = rec!.has.reduce((a, b) => a + b, 0);
    console.info(`records: ${kept} of ${plan.objects.length} objects (near-earth by a fresh initialisation: ${nearEarth})`);
    expect(kept).toBe(nearEarth);
    expect(kept).toBeLessThan(plan.objects.length); // deep-space objects are in the sample
    expect(planSgp4Records(structuredClone(plan))).toBeUndefined();
  });

  it('states from the records are bit-identical to a fresh initialisation at 0-10 days from the window start', () => {
    const rec = structuredClone(planSgp4Records(plan)!); // as a worker thread receives it
    const fromRecords = createScreeningContext(structuredClone(plan), undefined, rec).sats;
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let compared = 0;
    let differing = 0;
    for (let i = 0; i < plan.objects.length; i++) {
      const fresh = createTrajectory(plan.objects[i]!);
      for (const tMin of [0, 37.25, 1440, 5000.5, 14400]) {
        const t = plan.startMinutes[i]! + tMin;
        const ca = fresh.propagateInto(t, a, 0);
        const cb = fromRecords[i]!.propagateInto(t, b, 0);
        compared++;
        if (ca !== cb || a.some((v, k) => !Object.is(v, b[k]))) differing++;
      }
    }
    expect(differing, `states differing of ${compared}`).toBe(0);
  });

  it('screenBlock with a context from the records gives the same events and counters as one initialised per context', () => {
    const fresh = createScreeningContext(plan, undefined, undefined);
    const reused = createScreeningContext(structuredClone(plan), undefined, structuredClone(planSgp4Records(plan)!));
    let events = 0;
    for (let b = 0; b < plan.blocks.length; b++) {
      const x = screenBlock(plan, b, fresh);
      const y = screenBlock(plan, b, reused);
      expect(y.stats).toEqual(x.stats);
      expect(y.events).toEqual(x.events);
      expect(y.failures).toEqual(x.failures);
      events += x.events.length;
    }
    console.info(`screenBlock on ${plan.objects.length} objects × 2 h (10 km): ${events} events, identical`);
    expect(events).toBeGreaterThan(0);
  });
});
