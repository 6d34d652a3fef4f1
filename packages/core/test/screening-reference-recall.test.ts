/**
 * Oracle: the brute-force reference screener (packages/core/src/screening/reference), written separately from
 * the fast path. On 1,600 real LEO objects over one day every reference event must be found by the fast
 * screener (same pair, TCA within 1 ms, miss within 1 m) and every fast event must be confirmed by the reference.
 * Smaller subsets check the RTN ellipsoid and box volumes and the primaries mode against the reference events
 * filtered by the same rule.
 */
import { describe, expect, it } from 'vitest';
import { Sgp4Satellite, sgp4InputFrom, toRtn, vec3, type ElementSet, type StateVector } from '../src/index.ts';
import { insideVolume, screenConjunctions, type ScreeningEvent, type ScreeningVolume } from '../src/screening/index.ts';
import { referenceScreen, type ReferenceEvent } from '../src/screening/reference/index.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const startUtc = ts.toUtcDaySeconds(start);
const day = 86400;
const all = loadCatalog();

interface Comparison {
  missing: ReferenceEvent[];
  unconfirmed: ScreeningEvent[];
  worstTcaS: number;
  worstMissKm: number;
  worstSpeedKmS: number;
}

function compare(fast: readonly ScreeningEvent[], ref: readonly ReferenceEvent[], durationS: number): Comparison {
  const edge = (t: number): boolean => t < 1e-3 || t > durationS - 1e-3;
  const key = (a: number, b: number): string => `${a}/${b}`;
  const fastByPair = new Map<string, ScreeningEvent[]>();
  for (const e of fast) fastByPair.set(key(e.object1, e.object2), [...(fastByPair.get(key(e.object1, e.object2)) ?? []), e]);
  const refByPair = new Map<string, ReferenceEvent[]>();
  for (const e of ref) refByPair.set(key(e.object1, e.object2), [...(refByPair.get(key(e.object1, e.object2)) ?? []), e]);
  const out: Comparison = { missing: [], unconfirmed: [], worstTcaS: 0, worstMissKm: 0, worstSpeedKmS: 0 };
  for (const r of ref) {
    if (edge(r.tcaOffsetS)) continue;
    const m = (fastByPair.get(key(r.object1, r.object2)) ?? []).find((f) => Math.abs(f.tcaOffsetS - r.tcaOffsetS) <= 1e-3 && Math.abs(f.missDistanceKm - r.missDistanceKm) <= 1e-3);
    if (!m) {
      out.missing.push(r);
      continue;
    }
    out.worstTcaS = Math.max(out.worstTcaS, Math.abs(m.tcaOffsetS - r.tcaOffsetS));
    out.worstMissKm = Math.max(out.worstMissKm, Math.abs(m.missDistanceKm - r.missDistanceKm));
    out.worstSpeedKmS = Math.max(out.worstSpeedKmS, Math.abs(m.relativeSpeedKmPerS - r.relativeSpeedKmPerS));
  }
  for (const f of fast) {
    if (edge(f.tcaOffsetS)) continue;
    const m = (refByPair.get(key(f.object1, f.object2)) ?? []).find((r) => Math.abs(f.tcaOffsetS - r.tcaOffsetS) <= 1e-3);
    if (!m) out.unconfirmed.push(f);
  }
  return out;
}

/** Relative position of the secondary at the reference TCA, in the primary's TEME-based RTN frame. */
function rtnOf(sets: readonly ElementSet[], primary: number, secondary: number, tcaOffsetS: number): [number, number, number] {
  const state = (id: number): StateVector<'TEME'> => {
    const input = sgp4InputFrom(sets.find((s) => s.catalogNumber === id)!, ts);
    return Sgp4Satellite.create(input).propagateAt({ mjd: startUtc.mjd, seconds: startUtc.seconds + tcaOffsetS });
  };
  const p = state(primary);
  const s = state(secondary);
  const d = toRtn(p, vec3<'TEME'>(s.r[0] - p.r[0], s.r[1] - p.r[1], s.r[2] - p.r[2]));
  return [d[0], d[1], d[2]];
}

describe('fast screener vs brute-force reference', () => {
  it('finds every reference event on 1,600 LEO objects over one day and reports none the reference does not confirm', () => {
    const sets = denseLeoSubset(all, 1600);
    expect(sets.length).toBe(1600);
    const fast = screenConjunctions(sets, { start, durationS: day, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts });
    const ref = referenceScreen(sets.map((s) => sgp4InputFrom(s, ts)), { startUtc, durationS: day, thresholdKm: 5 });
    expect(ref.pairs).toBe((1600 * 1599) / 2);
    expect(ref.events.length).toBeGreaterThan(300);
    const c = compare(fast.events, ref.events, day);
    console.log(
      `recall: reference ${ref.events.length} events, fast ${fast.events.length}; missing ${c.missing.length}, unconfirmed ${c.unconfirmed.length}; ` +
        `worst |ΔTCA| ${(c.worstTcaS * 1e3).toExponential(2)} ms, worst |Δmiss| ${(c.worstMissKm * 1e3).toExponential(2)} m, worst |Δspeed| ${(c.worstSpeedKmS * 1e3).toExponential(2)} m/s`,
    );
    console.log(`filter chain: ${JSON.stringify(fast.stats)}`);
    expect(c.missing).toEqual([]);
    expect(c.unconfirmed).toEqual([]);
    expect(c.worstTcaS).toBeLessThanOrEqual(1e-3);
    expect(c.worstMissKm).toBeLessThanOrEqual(1e-3);
    for (let k = 1; k < fast.events.length; k++) {
      const a = fast.events[k - 1]!;
      const b = fast.events[k]!;
      expect(a.tcaOffsetS < b.tcaOffsetS || (a.tcaOffsetS === b.tcaOffsetS && (a.object1 < b.object1 || (a.object1 === b.object1 && a.object2 < b.object2)))).toBe(true);
      expect(b.object1).toBeLessThan(b.object2);
    }
  }, 900_000);

  it('RTN ellipsoid and box volumes and the primaries mode select exactly the reference events inside them', () => {
    const sets = denseLeoSubset(all, 400);
    const inputs = sets.map((s) => sgp4InputFrom(s, ts));
    const ref = referenceScreen(inputs, { startUtc, durationS: day, thresholdKm: Math.hypot(2, 20, 20) });
    const volumes: ScreeningVolume[] = [
      { kind: 'rtn-ellipsoid', radialKm: 2, transverseKm: 20, normalKm: 20 },
      { kind: 'rtn-box', radialKm: 2, transverseKm: 20, normalKm: 20 },
    ];
    for (const volume of volumes) {
      const fast = screenConjunctions(sets, { start, durationS: day, volume, timeScales: ts });
      const expected = ref.events.filter((e) => {
        const [r, t, n] = rtnOf(sets, e.object1, e.object2, e.tcaOffsetS);
        return insideVolume(volume, r, t, n);
      });
      expect(expected.length).toBeGreaterThan(5);
      const c = compare(fast.events, expected, day);
      expect(c.missing, volume.kind).toEqual([]);
      expect(c.unconfirmed, volume.kind).toEqual([]);
    }
    // Primaries mode: every tenth object is a primary; events are the reference's with at least one primary.
    const primaries = sets.filter((_, k) => k % 10 === 0).map((s) => s.catalogNumber);
    const isPrimary = new Set(primaries);
    const fleet = screenConjunctions(sets, { start, durationS: day, volume: { kind: 'sphere', radiusKm: 10 }, primaries, timeScales: ts });
    const expected = ref.events.filter((e) => e.missDistanceKm <= 10 && (isPrimary.has(e.object1) || isPrimary.has(e.object2)));
    expect(expected.length).toBeGreaterThan(5);
    const c = compare(fleet.events, expected, day);
    expect(c.missing).toEqual([]);
    expect(c.unconfirmed).toEqual([]);
    expect(fleet.stats.pairsTotal).toBe((40 * 39) / 2 + 40 * 360);
  }, 900_000);
});
