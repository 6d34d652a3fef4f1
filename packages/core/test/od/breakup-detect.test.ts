/**
 * Breakup simulate-then-detect (issue 13's criterion): a simulated explosion of a catalog object (the 18,407-object
 * SOCRATES catalog of 2026-03-10) is observed as new element sets a day later (each with a Gaussian state error of
 * σ 200 m and 2 cm/s per axis at its epoch, plus five unrelated objects' sets); detection must name the right parent
 * and the fragmentation epoch within 10 minutes. Oracle: the simulated truth (parent and epoch).
 * Also: the simulated fragments' SGP4 positions at the breakup epoch against the parent's (they start from one point), and the Gabbard diagram against a hand computation.
 */
import { describe, expect, it } from 'vitest';
import { detectBreakup, gabbardDiagram, meanElementsFromTemeState, sgp4InputFrom, Sgp4Satellite, simulateBreakup, type ElementSet } from '../../src/index.ts';
import { loadCatalog, timeScales as ts } from '../screening-helpers.ts';

const catalog = loadCatalog();
const byId = (n: number): ElementSet => catalog.find((s) => s.catalogNumber === n)!;

function temeAt(s: ElementSet, iso: string): Float64Array {
  const sat = Sgp4Satellite.create(sgp4InputFrom(s, ts));
  const out = new Float64Array(6);
  expect(sat.propagateInto(ts.utcClockSecondsBetween(s.epoch, ts.parseUtcIso(iso)) / 60, out, 0)).toBe(0);
  return out;
}

// Seeded standard normal (Park–Miller LCG + Box–Muller), independent of the code under test.
let seed = 12345;
const uniform = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

describe('breakup simulation and detection against the SOCRATES catalog', () => {
  for (const [parentId, type, epochIso] of [[815, 'explosion', '2026-03-10T06:00:00Z'], [7434, 'collision', '2026-03-10T11:17:00Z']] as const) {
    it(`${type} of ${parentId} at ${epochIso}: parent and epoch (within 10 min) recovered from noisy element sets a day later`, () => {
      const parent = byId(parentId);
      const epoch = ts.parseUtcIso(epochIso);
      const sim = simulateBreakup({
        parent, epoch, timeScales: ts, type, seed: 42, objectClass: type === 'explosion' ? 'rocketBody' : 'spacecraft',
        minLcM: type === 'explosion' ? 0.25 : 0.5, targetMassKg: 1400, projectileMassKg: 5, impactSpeedKmPerS: 11,
      });
      expect(sim.fragments.length).toBeGreaterThan(10);
      // Fragment states at the epoch vs parent state + Δv (first-order mean-element mapping).
      let worstKm = 0;
      for (const f of sim.fragments) {
        const x = temeAt(f.elementSet, epochIso);
        const d = Math.hypot(x[0]! - sim.parentStateTeme[0]!, x[1]! - sim.parentStateTeme[1]!, x[2]! - sim.parentStateTeme[2]!);
        worstKm = Math.max(worstKm, d);
        // Kept fragments do not re-enter at once: osculating perigee ≥ 100 km (two-body, computed here from the state).
        const r = Math.hypot(x[0]!, x[1]!, x[2]!), v2 = x[3]! ** 2 + x[4]! ** 2 + x[5]! ** 2;
        const h = Math.hypot(x[1]! * x[5]! - x[2]! * x[4]!, x[2]! * x[3]! - x[0]! * x[5]!, x[0]! * x[4]! - x[1]! * x[3]!);
        const a = 1 / (2 / r - v2 / 398600.4418);
        expect(a * (1 - Math.sqrt(Math.max(0, 1 - (h * h) / (398600.4418 * a)))) - 6378.137).toBeGreaterThan(99);
      }
      expect(sim.dropped.every((d) => d.reason === 'reentry')).toBe(true);
      expect(worstKm, 'fragment SGP4 position at the breakup epoch vs the parent').toBeLessThan(0.002);
      // "Tracking" a day later: each of 16 fragments gets an element set fitted to its own SGP4 ephemeris at its own epoch.
      // Fragments that SGP4 decays (or drives hyperbolic) within the day are not observed.
      const observed: ElementSet[] = [];
      for (const f of sim.fragments) {
        if (observed.length === 16) break;
        try {
          // Element-set error of a tracked fragment: σ 200 m in position, 2 cm/s in velocity (per axis) at its epoch.
          const tObs = epoch.plusSeconds(86400 + observed.length * 1800);
          const x = temeAt(f.elementSet, ts.formatUtcIso(tObs, 6));
          for (let i = 0; i < 6; i++) x[i] = x[i]! + (i < 3 ? 0.2 : 2e-5) * normal();
          observed.push(meanElementsFromTemeState(x, tObs, f.elementSet, ts).elementSet);
        } catch {
          continue;
        }
      }
      expect(observed.length).toBe(16);
      // Distractors: five unrelated catalog objects with fresh element sets.
      const others = [11, 5, 22, 1000, 20000].map((n) => catalog.find((s) => s.catalogNumber >= n)!).map((s) => ({ ...s, epoch: s.epoch }));
      const t0 = performance.now();
      const det = detectBreakup([...observed, ...others], catalog, { timeScales: ts });
      const ms = performance.now() - t0;
      expect(det.detected).toBe(true);
      expect(det.parent?.catalogNumber).toBe(parentId);
      const errS = Math.abs(det.epoch!.secondsSince(epoch));
      expect(errS, 'epoch error (s)').toBeLessThan(600);
      // A fragment with a large Δv may leave the plane/mean-motion gate; every member must be a fragment.
      expect(det.fragments.length).toBeGreaterThanOrEqual(13);
      expect(det.fragments.every((n) => n >= 300000)).toBe(true);
      console.info(`${type} ${parentId}: ${sim.fragments.length} fragments, worst epoch-state offset ${(worstKm * 1000).toFixed(0)} m; ${det.fragments.length}/16 clustered, detection epoch error ${errS.toFixed(1)} s (±${det.epochUncertaintyS!.toFixed(0)} s), dispersion ${det.dispersionKm!.toFixed(2)} km, parent distance ${det.parent!.distanceKm.toFixed(2)} km, ${ms.toFixed(0)} ms`);
    }, 60_000);
  }

  it('no detection from unrelated element sets', () => {
    const sets = [11, 5000, 22000, 40000].map((n) => catalog.find((s) => s.catalogNumber >= n)!);
    const det = detectBreakup(sets, catalog, { timeScales: ts });
    expect(det.detected).toBe(false);
    expect(det.reason).toMatch(/no cluster/);
  });

  it('Gabbard diagram: apogee/perigee altitude and period from the mean motion (Kepler third law by hand)', () => {
    const s = byId(11); // VANGUARD 2: n = 11.90268048 rev/day, e = 0.14456611
    const [g] = gabbardDiagram([s]);
    const n = (11.90268048 * 2 * Math.PI) / 86400;
    const a = (398600.4418 / (n * n)) ** (1 / 3);
    expect(g!.periodMin).toBeCloseTo(1440 / 11.90268048, 9);
    expect(Math.abs(g!.apogeeAltitudeKm - (a * (1 + 0.14456611) - 6378.137))).toBeLessThan(1e-6);
    expect(Math.abs(g!.perigeeAltitudeKm - (a * (1 - 0.14456611) - 6378.137))).toBeLessThan(1e-6);
  });
});
