/**
 * Property: a broad-phase scratch shared by consecutive screenings (as the deployment planner does for its hundreds
 * of small runs) gives exactly the events of fresh runs, whatever ran before with it (bigger or smaller problems,
 * primaries mode or all-vs-all).
 */
import { describe, expect, it } from 'vitest';
import { createBroadPhaseScratch, screenConjunctions, type ScreeningOptions } from '../src/screening/index.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

describe('screening with a reused broad-phase scratch', () => {
  it('gives the events of fresh runs for a sequence of different problems (400 and 60 LEO objects, primaries and all-vs-all)', () => {
    const objects = denseLeoSubset(loadCatalog(), 400);
    const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const problems: { sets: typeof objects; options: ScreeningOptions }[] = [
      { sets: objects, options: { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts } },
      { sets: objects.slice(0, 60), options: { start: start.plusSeconds(3600), durationS: 3 * 3600, volume: { kind: 'sphere', radiusKm: 50 }, primaries: [objects[0]!.catalogNumber, objects[7]!.catalogNumber], timeScales: ts } },
      { sets: objects.slice(100, 400), options: { start, durationS: 4 * 3600, volume: { kind: 'sphere', radiusKm: 30 }, primaries: objects.slice(100, 110).map((o) => o.catalogNumber), timeScales: ts } },
      { sets: objects.slice(0, 60), options: { start, durationS: 3 * 3600, volume: { kind: 'sphere', radiusKm: 50 }, timeScales: ts } },
    ];
    const scratch = createBroadPhaseScratch();
    let events = 0;
    for (const p of problems) {
      const fresh = screenConjunctions(p.sets, p.options).events;
      const reused = screenConjunctions(p.sets, p.options, undefined, scratch).events;
      expect(reused).toEqual(fresh);
      events += fresh.length;
    }
    expect(events).toBeGreaterThan(0);
  });
});
