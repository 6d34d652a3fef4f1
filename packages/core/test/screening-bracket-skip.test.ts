/**
 * The refinement's bracket skip (block.ts `refineCandidates`): brackets (t_j, t_{j+1}] that the knot interpolant
 * proves rootless (f_H(t_j) − β ≥ 0 or f_H(t_{j+1}) + β < 0, f = Δr·Δv) are not evaluated with SGP4.
 * 1. Property of the bound on the March 2026 catalog: at random samples, each object's Hermite state from its knots
 *    lies within ε (km) and ε' (km/s) of exact SGP4, and for random pairs the exact f lies in [f_H − β, f_H + β]
 *    (knotSlots.ts `rangeRateBound`); for close pairs (events of a dense shell and of the geostationary belt) the
 *    exact f at t₀ + τ, |τ| ≤ 40 s, lies within the prediction from the exact states at t₀ ± β
 *    (`predictedRangeRateBound`). Oracle: exact SGP4 (satellite.js) at the same instants.
 * 2. Skip on and off give identical event columns on the catalog and a dense LEO shell (every bracket with a root
 *    inside the volume is still refined, with the same exact values and the same Brent call), with fewer SGP4 calls.
 */
import { describe, expect, it } from 'vitest';
import { createScreeningContext, planScreening, screenBlock, screenConjunctions, type ScreeningPlan } from '../src/screening/index.ts';
import { knotState, predictedRangeRateBound, rangeRateBound, type KnotTable } from '../src/screening/knotSlots.ts';
import { createTrajectory } from '../src/propagation/trajectory.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

/** Knots of every object every m·Δt over the plan (knotFirst 0), as a block covering the whole window builds them; null where SGP4 fails. */
function wholeWindowKnots(plan: ScreeningPlan): { table: KnotTable; good: Uint8Array } {
  const n = plan.objects.length;
  const dt = plan.sampleStepS;
  const knotOffset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) knotOffset[i + 1] = knotOffset[i]! + (Math.ceil(plan.intervalsCount / plan.knotMultiple[i]!) + 1) * 6;
  const knots = new Float64Array(knotOffset[n]!);
  const good = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const sat = createTrajectory(plan.objects[i]!);
    const m = plan.knotMultiple[i]!;
    for (let o = knotOffset[i]!, q = 0; o < knotOffset[i + 1]!; o += 6, q++) {
      if (sat.propagateInto(plan.startMinutes[i]! + (q * m * dt) / 60, knots, o) !== 0) good[i] = 0;
    }
  }
  return { table: { knots, knotOffset, knotFirst: new Int32Array(n), speedMaxKmS: new Float64Array(n) }, good };
}

/** Deterministic pseudo-random numbers in [0, 1) (LCG; no Math.random in tests). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('screening bracket skip (interpolated range-rate bound)', () => {
  const catalog = loadCatalog();

  it('March 2026 catalog, 3,068 objects × 6 h: Hermite states within ε, ε′ and exact Δr·Δv within f_H ± β at random samples', () => {
    const sets = catalog.filter((_, i) => i % 6 === 0);
    const plan = planScreening(sets, { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts });
    const { table, good } = wholeWindowKnots(plan);
    const n = plan.objects.length;
    const dt = plan.sampleStepS;
    const sats = plan.objects.map((o) => createTrajectory(o));
    const rand = lcg(18);
    const exact = new Float64Array(12);
    const interp = new Float64Array(12);
    const exactAt = (i: number, k: number, o: number): boolean => sats[i]!.propagateInto(plan.startMinutes[i]! + (k * dt) / 60, exact, o) === 0;

    // Per object: position and velocity errors against ε, ε′ (the assumptions of the bound), 20 samples each.
    let worstPos = 0;
    let worstVel = 0;
    let checkedStates = 0;
    for (let i = 0; i < n; i++) {
      if (!good[i]) continue;
      for (let s = 0; s < 20; s++) {
        const k = Math.floor(rand() * (plan.intervalsCount + 1));
        if (!exactAt(i, k, 0) || !knotState(table, plan.knotMultiple[i]!, dt, i, k, interp, 0)) continue;
        const ep = Math.hypot(interp[0]! - exact[0]!, interp[1]! - exact[1]!, interp[2]! - exact[2]!);
        const ev = Math.hypot(interp[3]! - exact[3]!, interp[4]! - exact[4]!, interp[5]! - exact[5]!);
        worstPos = Math.max(worstPos, ep / plan.interpErrorKm[i]!);
        worstVel = Math.max(worstVel, ev / plan.interpVelErrorKmS[i]!);
        checkedStates++;
      }
    }

    // Pairs: random pairs at random samples, and each object with its catalog neighbour (often co-planar, close).
    let worstF = 0;
    let checkedPairs = 0;
    let decisive = 0;
    for (let t = 0; t < 30000; t++) {
      const i1 = Math.floor(rand() * n);
      const i2 = t % 2 === 0 ? Math.floor(rand() * n) : (i1 + 1) % n;
      const k = Math.floor(rand() * (plan.intervalsCount + 1));
      if (i1 === i2 || !good[i1] || !good[i2]) continue;
      if (!exactAt(i1, k, 0) || !exactAt(i2, k, 6)) continue;
      expect(knotState(table, plan.knotMultiple[i1]!, dt, i1, k, interp, 0)).toBe(true);
      expect(knotState(table, plan.knotMultiple[i2]!, dt, i2, k, interp, 6)).toBe(true);
      const f = (exact[6]! - exact[0]!) * (exact[9]! - exact[3]!) + (exact[7]! - exact[1]!) * (exact[10]! - exact[4]!) + (exact[8]! - exact[2]!) * (exact[11]! - exact[5]!);
      const errSum = plan.interpErrorKm[i1]! + plan.interpErrorKm[i2]!;
      const vErrSum = plan.interpVelErrorKmS[i1]! + plan.interpVelErrorKmS[i2]!;
      const lo = rangeRateBound(interp, errSum, vErrSum, -1);
      const hi = rangeRateBound(interp, errSum, vErrSum, 1);
      const fH = 0.5 * (lo + hi);
      worstF = Math.max(worstF, Math.abs(f - fH) / (0.5 * (hi - lo)));
      if (lo >= 0 || hi < 0) decisive++;
      expect(f, `pair ${plan.objects[i1]!.catalogNumber}/${plan.objects[i2]!.catalogNumber} at sample ${k}`).toBeGreaterThanOrEqual(lo);
      expect(f).toBeLessThanOrEqual(hi);
      checkedPairs++;
    }
    console.info(
      `Hermite bound, catalog 6 h: ${checkedStates} states, worst |r_H − r|/ε ${worstPos.toFixed(3)}, |v_H − v|/ε′ ${worstVel.toFixed(3)}; ` +
        `${checkedPairs} pair-samples, worst |f − f_H|/β ${worstF.toFixed(3)}, sign decided by the bound in ${decisive}`,
    );
    expect(checkedStates).toBeGreaterThan(50000);
    expect(checkedPairs).toBeGreaterThan(25000);
    expect(worstPos, 'worst |r_H − r|/ε').toBeLessThan(1);
    expect(worstVel, 'worst |v_H − v|/ε′').toBeLessThan(1);
    expect(worstF, 'worst |f − f_H|/β').toBeLessThan(1);
  });

  it('close pairs (dense LEO shell at 50 km, geostationary belt at 500 km): exact Δr·Δv within the relative-motion prediction ± β up to 2Δt away', () => {
    const shell = denseLeoSubset(catalog, 1500);
    const geo = catalog.filter((s) => s.meanMotionRevPerDay > 0.98 && s.meanMotionRevPerDay < 1.02 && s.eccentricity < 0.01);
    let worst = 0;
    let checked = 0;
    let decisive = 0;
    let slowest = Infinity;
    const rand = lcg(7);
    const S = new Float64Array(12);
    const P = new Float64Array(12);
    for (const [sets, radiusKm, hours] of [
      [shell, 50, 3],
      [geo, 500, 24],
    ] as const) {
      const opts = { start, durationS: hours * 3600, volume: { kind: 'sphere' as const, radiusKm }, timeScales: ts };
      const plan = planScreening(sets, opts);
      const index = new Map(plan.objects.map((o, i) => [o.catalogNumber, i]));
      const sats = plan.objects.map((o) => createTrajectory(o));
      const r = screenConjunctions(sets, opts);
      expect(r.events.length, `events at ${radiusKm} km`).toBeGreaterThan(20);
      const at = (i1: number, i2: number, t: number): boolean =>
        sats[i1]!.propagateInto(plan.startMinutes[i1]! + t / 60, S, 0) === 0 && sats[i2]!.propagateInto(plan.startMinutes[i2]! + t / 60, S, 6) === 0;
      for (const e of r.events.slice(0, 400)) {
        const i1 = index.get(e.object1)!;
        const i2 = index.get(e.object2)!;
        slowest = Math.min(slowest, e.relativeSpeedKmPerS);
        for (const tau of [-40, -20, -5, 5, 20, 40]) {
          const t0 = e.tcaOffsetS + (rand() - 0.5) * 80;
          if (!at(i1, i2, t0 + tau)) continue;
          const f = (S[6]! - S[0]!) * (S[9]! - S[3]!) + (S[7]! - S[1]!) * (S[10]! - S[4]!) + (S[8]! - S[2]!) * (S[11]! - S[5]!);
          if (!at(i1, i2, t0)) continue;
          const lo = predictedRangeRateBound(S, 0, tau, -1, P);
          const hi = predictedRangeRateBound(S, 0, tau, 1, P);
          worst = Math.max(worst, Math.abs(f - 0.5 * (lo + hi)) / (0.5 * (hi - lo)));
          if (lo >= 0 || hi < 0) decisive++;
          expect(f, `${e.object1}/${e.object2} t0 ${t0} τ ${tau}`).toBeGreaterThanOrEqual(lo);
          expect(f).toBeLessThanOrEqual(hi);
          checked++;
        }
      }
    }
    console.info(`relative-motion prediction bound: ${checked} checks on close pairs (slowest ${(slowest * 1000).toFixed(1)} m/s), worst |f − f_p|/β ${worst.toFixed(3)}, sign decided in ${decisive}`);
    expect(checked).toBeGreaterThan(1000);
    expect(worst, 'worst |f − f_p|/β').toBeLessThan(1);
  });

  const compare = (label: string, plan: ScreeningPlan): { events: number; on: number; off: number; skipped: number } => {
    const ctxOn = createScreeningContext(plan);
    const ctxOff = { ...createScreeningContext(plan), bracketSkip: false };
    let events = 0;
    let on = 0;
    let off = 0;
    let skipped = 0;
    for (let b = 0; b < plan.blocks.length; b++) {
      const rOn = screenBlock(plan, b, ctxOn);
      const rOff = screenBlock(plan, b, ctxOff);
      expect(rOn.events, `${label}, block ${b}`).toEqual(rOff.events);
      expect(rOn.failures).toEqual(rOff.failures);
      expect(rOn.stats.intervalsRefined).toBe(rOff.stats.intervalsRefined);
      expect(rOff.stats.bracketsSkipped).toBe(0);
      events += rOn.events.length;
      on += rOn.stats.sgp4Calls;
      off += rOff.stats.sgp4Calls;
      skipped += rOn.stats.bracketsSkipped;
    }
    console.info(`bracket skip, ${label}: ${events} events identical; SGP4 calls ${off} → ${on}; ${skipped} brackets skipped`);
    return { events, on, off, skipped };
  };

  it('March 2026 catalog, 18,407 objects × 30 min at 5 km: skip on and off give identical events', () => {
    const plan = planScreening(catalog, { start, durationS: 1800, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts });
    const r = compare('catalog 30 min', plan);
    expect(r.events).toBeGreaterThan(400);
    expect(r.skipped).toBeGreaterThan(0);
    expect(r.on).toBeLessThan(r.off);
  });

  it('dense LEO shell, 1,500 objects × 6 h at 50 km (all-vs-all) and 20 primaries × 6 h at 50 km: skip on and off give identical events', () => {
    const sets = denseLeoSubset(catalog, 1500);
    const all = compare('dense shell 6 h', planScreening(sets, { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 50 }, timeScales: ts }));
    expect(all.events).toBeGreaterThan(100);
    expect(all.on).toBeLessThan(all.off);
    const prim = compare(
      'dense shell 20 primaries 6 h',
      planScreening(sets, { start, durationS: 6 * 3600, volume: { kind: 'sphere', radiusKm: 50 }, primaries: sets.slice(0, 20).map((s) => s.catalogNumber), timeScales: ts }),
    );
    expect(prim.events).toBeGreaterThan(0);
  });
});
