/**
 * Oracle: SGP4's own failure codes (decay, invalid elements) and properties of the merge. Objects that cannot be
 * propagated over the window are listed in `skipped` with a reason and never produce events; the other
 * objects' events are exactly those of a run without them. Results are deterministic and independent of the
 * order in which blocks are merged.
 */
import { describe, expect, it } from 'vitest';
import type { ElementSet } from '../src/index.ts';
import { createScreeningContext, mergeScreeningBlocks, planScreening, screenBlock, screenConjunctions } from '../src/screening/index.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const all = loadCatalog();

describe('screening: failures and determinism', () => {
  const base = denseLeoSubset(all, 300);
  const template = base[0]!;
  // Invalid: eccentricity ≥ 1. Decaying: a very low, very draggy orbit that SGP4 gives up on within the window.
  const invalid: ElementSet = { ...template, catalogNumber: 900000001, eccentricity: 1.2 };
  const decaying: ElementSet = { ...template, catalogNumber: 900000002, meanMotionRevPerDay: 16.4, bstarPerEarthRadii: 0.9, meanMotionDotRevPerDay2: 0.05 };
  // Put the decaying object on top of a real one so that it would otherwise produce events.
  const shadow: ElementSet = { ...base[1]!, catalogNumber: 900000003, meanAnomalyDeg: (base[1]!.meanAnomalyDeg + 0.001) % 360, bstarPerEarthRadii: 0.9, meanMotionDotRevPerDay2: 0.5, meanMotionDdotRevPerDay3: 0.1 };
  const options = { start, durationS: 2 * 86400, volume: { kind: 'sphere' as const, radiusKm: 5 }, timeScales: ts, tuning: { blockLengthS: 6 * 3600 } };

  it('lists decayed and invalid objects in skipped, completes, and never reports their events', () => {
    const clean = screenConjunctions(base, options);
    const dirty = screenConjunctions([...base, invalid, decaying, shadow], options);
    const ids = dirty.skipped.map((s) => s.catalogNumber);
    expect(ids).toContain(900000001);
    expect(ids).toContain(900000002);
    const inv = dirty.skipped.find((s) => s.catalogNumber === 900000001)!;
    expect(inv.code).toBe('ELEMENTS_INVALID');
    expect(inv.atOffsetS).toBe(-1);
    const dec = dirty.skipped.find((s) => s.catalogNumber === 900000002)!;
    expect(['OBJECT_DECAYED', 'PROPAGATION_FAILED']).toContain(dec.code);
    expect(dec.reason.length).toBeGreaterThan(20);
    for (const e of dirty.events) {
      expect(ids).not.toContain(e.object1);
      expect(ids).not.toContain(e.object2);
    }
    const cleanKeys = clean.events.map((e) => `${e.object1}/${e.object2}/${e.tcaOffsetS}`);
    const dirtyKeys = dirty.events.filter((e) => e.object2 < 900000000).map((e) => `${e.object1}/${e.object2}/${e.tcaOffsetS}`);
    expect(dirtyKeys).toEqual(cleanKeys);
    expect(clean.events.length).toBeGreaterThan(10);
    if (!ids.includes(900000003)) expect(dirty.events.some((e) => e.object2 === 900000003)).toBe(true);
  }, 300_000);

  it('is deterministic and independent of the block merge order', () => {
    const plan = planScreening(base, options);
    expect(plan.blocks.length).toBe(8);
    const ctx = createScreeningContext(plan);
    const forward = plan.blocks.map((_, b) => screenBlock(plan, b, ctx));
    const backward = plan.blocks.map((_, b) => plan.blocks.length - 1 - b).map((b) => screenBlock(plan, b, createScreeningContext(plan)));
    const a = mergeScreeningBlocks(plan, forward, ts);
    const b = mergeScreeningBlocks(plan, backward, ts);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = screenConjunctions(base, { ...options, tuning: { blockLengthS: 5 * 3600 } });
    expect(c.events.map((e) => [e.object1, e.object2, e.tcaOffsetS, e.missDistanceKm])).toEqual(a.events.map((e) => [e.object1, e.object2, e.tcaOffsetS, e.missDistanceKm]));
  }, 300_000);

  it('refuses duplicate catalog numbers and unknown primaries with a teaching error', () => {
    expect(() => planScreening([base[0]!, base[0]!], options)).toThrow(/appears twice/);
    expect(() => planScreening(base, { ...options, primaries: [1] })).toThrow(/Primaries not in the catalog: 1/);
    expect(() => planScreening(base, { ...options, volume: { kind: 'sphere', radiusKm: -1 } })).toThrow(/volume/);
  });
});
