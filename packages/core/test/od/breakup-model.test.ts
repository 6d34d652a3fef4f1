/**
 * NASA standard breakup model (Johnson et al. 2001, Krisko 2011): the sampled fragments against the model's own
 * published laws (cumulative size distribution, area-to-mass laws, Δv law, isotropy), within sampling error.
 * Oracle: the published formulas, evaluated here independently of the sampler.
 */
import { describe, expect, it } from 'vitest';
import { sampleBreakupFragments, type BreakupFragmentSample } from '../../src/index.ts';

const cumulative = (f: readonly BreakupFragmentSample[], lc: number): number => f.filter((x) => x.lcM > lc).length;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]): number => { const m = mean(xs); return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)); };

describe('NASA standard breakup model (Johnson 2001)', () => {
  it('explosion: N(>Lc) = 6 S Lc^-1.6 within 4 sampling σ, Δv law log10 Δv ~ N(0.2 χ + 1.85, 0.4)', () => {
    const minLc = 0.02, maxLc = 1;
    const f = sampleBreakupFragments({ type: 'explosion', minLcM: minLc, maxLcM: maxLc, seed: 7, objectClass: 'rocketBody' });
    const expectedTotal = 6 * (minLc ** -1.6 - maxLc ** -1.6);
    expect(Math.abs(f.length - expectedTotal)).toBeLessThanOrEqual(1);
    let worst = 0;
    for (const lc of [0.03, 0.05, 0.1, 0.2, 0.5]) {
      const expected = 6 * (lc ** -1.6 - maxLc ** -1.6);
      const got = cumulative(f, lc);
      const z = Math.abs(got - expected) / Math.sqrt(expected);
      worst = Math.max(worst, z);
      expect(z, `N(>${lc} m): ${got} vs ${expected.toFixed(1)}`).toBeLessThan(4);
    }
    const dev = f.map((x) => Math.log10(x.deltaVMps) - (0.2 * Math.log10(x.areaToMassM2PerKg) + 1.85));
    expect(Math.abs(mean(dev))).toBeLessThan((4 * 0.4) / Math.sqrt(f.length));
    expect(Math.abs(std(dev) - 0.4)).toBeLessThan(0.04);
    console.info(`explosion: ${f.length} fragments (model ${expectedTotal.toFixed(1)}), worst cumulative-count z ${worst.toFixed(2)}, mean log10 Δv offset ${mean(dev).toFixed(4)}, σ ${std(dev).toFixed(3)}`);
  });

  it('catastrophic collision: N(>Lc) = 0.1 (mt + mp)^0.75 Lc^-1.71; Δv mean 0.9 χ + 2.9; isotropic directions', () => {
    const o = { type: 'collision' as const, targetMassKg: 1000, projectileMassKg: 10, impactSpeedKmPerS: 10, minLcM: 0.05, maxLcM: 2, seed: 3 };
    const f = sampleBreakupFragments(o);
    const k = 0.1 * 1010 ** 0.75;
    for (const lc of [0.08, 0.1, 0.3, 1]) {
      const expected = k * (lc ** -1.71 - 2 ** -1.71);
      expect(Math.abs(cumulative(f, lc) - expected) / Math.sqrt(expected), `N(>${lc})`).toBeLessThan(4);
    }
    const dev = f.map((x) => Math.log10(x.deltaVMps) - (0.9 * Math.log10(x.areaToMassM2PerKg) + 2.9));
    expect(Math.abs(mean(dev))).toBeLessThan((4 * 0.4) / Math.sqrt(f.length));
    const u = [0, 1, 2].map((c) => mean(f.map((x) => x.deltaVKmPerS[c]! / Math.hypot(...x.deltaVKmPerS))));
    for (const c of u) expect(Math.abs(c)).toBeLessThan(4 / Math.sqrt(3 * f.length));
  });

  it('non-catastrophic collision uses M = mp v² (Johnson 2001 eq. 4)', () => {
    // 0.1 kg at 1 km/s on 1000 kg: 50 J / 1e6 g = 5e-5 J/g < 40 J/g; M = 0.1 × 1² = 0.1 kg.
    const f = sampleBreakupFragments({ type: 'collision', targetMassKg: 1000, projectileMassKg: 0.1, impactSpeedKmPerS: 1, minLcM: 0.001, maxLcM: 1, seed: 5 });
    expect(Math.abs(f.length - 0.1 * 0.1 ** 0.75 * (0.001 ** -1.71 - 1))).toBeLessThanOrEqual(1);
  });

  it('area-to-mass: small fragments follow N(μ_soc, σ_soc), large spacecraft fragments the bimodal mean α μ1 + (1 − α) μ2', () => {
    const f = sampleBreakupFragments({ type: 'explosion', minLcM: 0.01, maxLcM: 2, seed: 11, objectClass: 'spacecraft' });
    // Small: 1.0-1.6 cm (λc ∈ [-2, -1.8]): μ_soc = -0.3, σ_soc = 0.2 + 0.1333 (λc + 3.5).
    const small = f.filter((x) => x.lcM < 0.016);
    const dSmall = small.map((x) => Math.log10(x.areaToMassM2PerKg) + 0.3);
    const sSoc = mean(small.map((x) => 0.2 + 0.1333 * (Math.log10(x.lcM) + 3.5)));
    expect(Math.abs(mean(dSmall))).toBeLessThan((4 * sSoc) / Math.sqrt(small.length));
    expect(Math.abs(std(dSmall) - sSoc) / sSoc).toBeLessThan(0.05);
    // Large, λc ≥ 0.55 (Lc ≥ 3.55 m) has α = 1 — out of range here; use 0.2-0.5 m (λc ∈ [-0.7, -0.3]) with the published
    // spacecraft coefficients evaluated here: α = 0.3 + 0.4 (λ + 1.2), μ1 = -0.6 - 0.318 (λ + 1.1), μ2 = -1.2 - 1.333 (λ + 0.7).
    const large = f.filter((x) => x.lcM >= 0.2 && x.lcM < 0.5);
    const expectedMean = mean(large.map((x) => {
      const l = Math.log10(x.lcM);
      const a = 0.3 + 0.4 * (l + 1.2), m1 = -0.6 - 0.318 * (l + 1.1), m2 = Math.max(-2, -1.2 - 1.333 * (l + 0.7));
      return a * m1 + (1 - a) * m2;
    }));
    const got = mean(large.map((x) => Math.log10(x.areaToMassM2PerKg)));
    expect(Math.abs(got - expectedMean), `${large.length} fragments 20-50 cm`).toBeLessThan(4 * 0.5 / Math.sqrt(large.length));
  });

  it('is reproducible for a seed and refuses impossible inputs', () => {
    const a = sampleBreakupFragments({ type: 'explosion', minLcM: 0.2, seed: 9 });
    const b = sampleBreakupFragments({ type: 'explosion', minLcM: 0.2, seed: 9 });
    expect(a).toEqual(b);
    expect(() => sampleBreakupFragments({ type: 'collision', minLcM: 0.1 })).toThrow(/targetMassKg/);
    expect(() => sampleBreakupFragments({ type: 'explosion', minLcM: 0.0001, maxFragments: 1000 })).toThrow(/maxFragments/);
  });
});
