/**
 * Co-located pairs and per-pair merging (docs/design/conjunction-screening.md, "Co-located pairs").
 *
 * Oracles: the catalog itself (the bundled CelesTrak snapshot carries the ISS's element set on its modules Unity
 * 25575, Zvezda 26400, Destiny 26700 and the docked Crew Dragon 12, 67796: the objects the rule must find), SGP4 (an
 * OEM made by sampling the ISS's SGP4 every 60 s is the same trajectory as its modules' to interpolation noise, so
 * without the rule it yields a train of sub-millimetre "encounters": the reported bug), and geometry built on
 * purpose: a module 47 m behind along track (co-moving), a drifting neighbour and a formation-like pair whose range
 * oscillates (not co-located), and a crossing orbit inclined 1° to the ISS's on the same node line, which meets it at
 * both nodes of every revolution when phased to (several passes of one pair in one run).
 */
import { describe, expect, it } from 'vitest';
import {
  ephemerisInputFromOem,
  readOemKvn,
  sgp4InputFrom,
  Sgp4Satellite,
  temeToEme2000,
  writeOemKvn,
  type ElementSet,
  type Instant,
  type TrajectoryInput,
} from '../src/index.ts';
import { DEFAULT_CO_LOCATION_THRESHOLDS, findCoLocatedPairs, identicalElementPairs, mergeApproachesByPair, planScreeningInputs, runScreeningPlan, sameMeanElements, type ScreeningOptions } from '../src/screening/index.ts';
import { loadCatalog, timeScales as ts } from './screening-helpers.ts';

const all = loadCatalog();
const byId = new Map(all.map((s) => [s.catalogNumber, s]));
const ISS = byId.get(25544)!;
const MODULES = [25575, 26400, 26700, 67796];
const start = ts.parseUtcIso('2026-03-10T12:00:00Z');
const durationS = 3 * 3600;
const options: ScreeningOptions = { start, durationS, volume: { kind: 'sphere', radiusKm: 10 }, primaries: [25544], timeScales: ts };

/** The ISS's SGP4 sampled every 60 s as an OEM (EME2000 KVN text) and read back as an ephemeris input. */
function issOem(from: Instant, spanS: number): TrajectoryInput {
  const sat = Sgp4Satellite.create(sgp4InputFrom(ISS, ts));
  const states = Array.from({ length: spanS / 60 + 1 }, (_, k) => {
    const epoch = ts.plusUtcClockSeconds(from, k * 60);
    const sv = temeToEme2000(sat.propagateAt(ts.toUtcDaySeconds(epoch)), epoch, ts);
    return { epoch, state: [...sv.r, ...sv.v] as [number, number, number, number, number, number] };
  });
  const kvn = writeOemKvn({ creationDate: from, originator: 'TEST' }, [{ objectName: 'ISS', objectId: '25544', frame: 'EME2000', states }], ts);
  return ephemerisInputFromOem(readOemKvn(kvn, { timeScales: ts }).segments[0]!, { catalogNumber: 25544, timeScales: ts, originator: 'TEST' });
}

const variant = (s: ElementSet, id: number, d: Partial<ElementSet>): ElementSet => ({ ...s, catalogNumber: id, ...d });

describe('co-located pairs', () => {
  it('identical element sets: the bundled catalog links the ISS to exactly its four docked modules', () => {
    const pairs = identicalElementPairs(all, [25544]);
    expect(pairs).toEqual(MODULES.map((m) => [25544, m]));
    expect(sameMeanElements(ISS, byId.get(25575)!)).toBe(true);
    expect(sameMeanElements(ISS, variant(ISS, 1, { bstarPerEarthRadii: ISS.bstarPerEarthRadii * 1.0001 }))).toBe(false);
    // All-vs-all: every pair within the group of five.
    expect(identicalElementPairs(all).filter(([a]) => [25544, ...MODULES].includes(a)).length).toBe(10);
  });

  it('an SGP4-sampled OEM of the ISS against its modules: the noise "encounters" are all co-located, with the rule and the separation', () => {
    const others = all.filter((s) => s.meanMotionRevPerDay > 15.3 && s.meanMotionRevPerDay < 15.6 && s.eccentricity < 0.005).slice(0, 150);
    const sets = [...new Map([...others, ...MODULES.map((m) => byId.get(m)!), ISS].map((s) => [s.catalogNumber, s])).values()];
    const inputs = sets.map((s) => (s.catalogNumber === 25544 ? issOem(ts.plusUtcClockSeconds(start, -600), durationS + 1800) : sgp4InputFrom(s, ts)));
    const plan = planScreeningInputs(inputs, options);
    const result = runScreeningPlan(plan, ts);
    const moduleEvents = result.events.filter((e) => MODULES.includes(e.object2));
    console.info(`ISS OEM vs its modules, 3 h: ${moduleEvents.length} noise "encounters" (the bug), worst miss ${Math.max(...moduleEvents.map((e) => e.missDistanceKm)).toExponential(2)} km`);
    expect(moduleEvents.length).toBeGreaterThan(4);
    const co = findCoLocatedPairs(plan, result.events, sets);
    expect(co.map((c) => [c.object1, c.object2, c.rule])).toEqual(MODULES.map((m) => [25544, m, 'identical-elements']));
    const worst = Math.max(...co.map((c) => c.maxSeparationKm));
    console.info(`co-located: worst sampled separation ISS OEM vs module element set ${(worst * 1e6).toExponential(2)} mm`);
    expect(worst).toBeLessThan(1e-6);
    // Every remaining event is a real crossing (relative speed of a conjunction, not noise).
    const keys = new Set(co.map((c) => `${c.object1}-${c.object2}`));
    for (const e of result.events.filter((x) => !keys.has(`${x.object1}-${x.object2}`))) expect(e.relativeSpeedKmPerS).toBeGreaterThan(0.01);
  });

  it('co-moving: a module 47 m behind is co-located; a drifting neighbour and an oscillating formation are not', () => {
    // δM = 0.0004° ≈ 6.98e-6 rad → 6,790 km × 6.98e-6 ≈ 47 m along track, same secular rates: constant separation.
    const behind = variant(ISS, 900001, { meanAnomalyDeg: ISS.meanAnomalyDeg - 0.0004 });
    // Mean motion 2e-4 rev/day higher (1.45e-8 rad/s): drifts along track at ~0.1 m/s, ~1 km in 3 h: spread > 0.1 km.
    const drifting = variant(ISS, 900002, { meanAnomalyDeg: ISS.meanAnomalyDeg - 0.0004, meanMotionRevPerDay: ISS.meanMotionRevPerDay + 2e-4 });
    // Eccentricity +1e-4 (radial oscillation ±0.68 km at orbital period): range oscillates, relative speed ~1.5 m/s.
    const formation = variant(ISS, 900003, { eccentricity: ISS.eccentricity + 1e-4 });
    const sets = [ISS, behind, drifting, formation];
    const plan = planScreeningInputs(sets.map((s) => sgp4InputFrom(s, ts)), { ...options, volume: { kind: 'sphere', radiusKm: 5 } });
    const result = runScreeningPlan(plan, ts);
    // Feed every pair as a suspect (events at ≤ 1 km and ≤ 1 m/s): the kinematic test alone decides.
    const suspects = [900001, 900002, 900003].map((id) => ({ object1: 25544, object2: id, tcaOffsetS: 0, missDistanceKm: 0, relativeSpeedKmPerS: 0, missRtnKm: [0, 0, 0] as const, tcaAgeDays1: 0, tcaAgeDays2: 0 }));
    const co = findCoLocatedPairs(plan, [...result.events, ...suspects], []);
    expect(co.map((c) => [c.object2, c.rule])).toEqual([[900001, 'co-moving']]);
    expect(co[0]!.minSeparationKm).toBeGreaterThan(0.03);
    expect(co[0]!.maxSeparationKm).toBeLessThan(0.06);
    expect(co[0]!.maxSeparationKm - co[0]!.minSeparationKm).toBeLessThan(DEFAULT_CO_LOCATION_THRESHOLDS.maxSeparationSpreadKm);
    expect(co[0]!.maxRelativeSpeedKmPerS).toBeLessThan(1e-3);
  });
});

describe('merging the approaches of one pair within a run', () => {
  it('a crossing orbit meets the ISS at both nodes of every revolution: one entry, the closest, with the others', () => {
    // +1° inclination on the same node line; +0.21° mean anomaly phases it to meet the ISS at the nodes (measured:
    // misses of ~0.5 km growing by ~0.7 km per pass as the J2 rates of the two inclinations part).
    const crossing = variant(ISS, 900010, { inclinationDeg: ISS.inclinationDeg + 1, meanAnomalyDeg: ISS.meanAnomalyDeg + 0.21 });
    const plan = planScreeningInputs([ISS, crossing].map((s) => sgp4InputFrom(s, ts)), { ...options, durationS: 6 * 3600 });
    const events = runScreeningPlan(plan, ts).events;
    // Nodes every half period (46 min): 6 h holds 7 or 8 passes.
    expect(events.length).toBeGreaterThanOrEqual(7);
    for (const e of events) expect(e.relativeSpeedKmPerS).toBeGreaterThan(0.1);
    const merged = mergeApproachesByPair(events);
    expect(merged).toHaveLength(1);
    const m = merged[0]!;
    expect(m.others).toHaveLength(events.length - 1);
    expect(m.closest.missDistanceKm).toBe(Math.min(...events.map((e) => e.missDistanceKm)));
    expect(m.others.map((o) => o.tcaOffsetS)).toEqual([...m.others.map((o) => o.tcaOffsetS)].sort((a, b) => a - b));
    // Two pairs: two entries, ordered by the TCA of their closest approach.
    const two = mergeApproachesByPair([...events, { ...events[0]!, object2: 900011, tcaOffsetS: 1, missDistanceKm: 9 }]);
    expect(m.closest.tcaOffsetS).toBeGreaterThan(1);
    expect(two.map((x) => x.closest.object2)).toEqual([900011, 900010]);
  });
});
