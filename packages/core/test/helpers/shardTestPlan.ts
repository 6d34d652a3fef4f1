/**
 * The screening plan the shard, columnar and streamed-merge tests share: 400 synthetic objects plus one object with
 * unusable elements (e = 1.5, so a skipped object is always present), 6 h at 20 km, blocks of 20 min (18 blocks).
 */
import { createTimeScales, planScreening, syntheticCatalog, type ScreeningPlan, type TimeScales } from '../../src/index.ts';

export function shardTestPlan(): { readonly ts: TimeScales; readonly plan: ScreeningPlan } {
  const ts = createTimeScales();
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const sets = syntheticCatalog(400, start, 7);
  sets.push({ ...sets[0]!, catalogNumber: 999_999_999, eccentricity: 1.5 });
  const plan = planScreening(sets, { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: 1200 } });
  return { ts, plan };
}
