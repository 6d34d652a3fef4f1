/**
 * Geomagnetic storm episodes in the reentry Monte Carlo (docs/design/reentry-prediction.md, "Storms"). Oracles: the
 * Poisson process's expectation (mean episodes per sample = rate × span, each one day long, factors inside the
 * documented log-uniform range with the log-mean of the range), and construction: storms only raise the density
 * after the prediction time, so with the same seed a higher storm rate never delays a sample: every order statistic,
 * hence the window start and end, moves earlier or stays; the nominal (stormless) epoch is unchanged; the window's
 * early side (nominal − start) widens monotonically with the rate, and over the realistic rates (0 to twice the
 * default) the whole window is wider than without storms. (Far above them every sample has storms and the whole
 * window shifts earlier instead: see the design note.)
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, kozaiMeanMotionRevPerDay, predictReentry, sampleStorms, STORM_DENSITY_FACTOR, STORM_DURATION_S, STORM_RATE_PER_DAY, type ElementSet } from '../../src/index.ts';

const ts = createTimeScales();
const epoch0 = ts.fromUtc(2026, 5, 1, 0, 0, 0);
/** 8 element sets over 3.5 days from 200 km, decaying faster each day (constant space weather: no file). */
const sets: ElementSet[] = Array.from({ length: 8 }, (_, k) => {
  const hKm = 200 - 1.2 * k * 0.5 - 0.05 * k * k;
  return {
    catalogNumber: 3004,
    classification: 'U',
    epoch: epoch0.plusSeconds(k * 0.5 * 86400),
    meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + hKm, 0.0005, 51.6),
    eccentricity: 0.0005,
    inclinationDeg: 51.6,
    raanDeg: 10,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 1e-4,
    meanMotionDotRevPerDay2: 1e-3,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 0,
  };
});

describe('reentry Monte Carlo: geomagnetic storm episodes', () => {
  it('sampling: Poisson count (rate × span), one-day episodes, factors in the documented log-uniform range', () => {
    const rate = 0.2;
    const spanS = 30 * 86400;
    let count = 0;
    let sumLn = 0;
    const n = 4000;
    for (let j = 0; j < n; j++) {
      const storms = sampleStorms(7, j, rate, 1000, 1000 + spanS);
      count += storms.length;
      for (const s of storms) {
        expect(s.startS).toBeGreaterThanOrEqual(1000);
        expect(s.startS).toBeLessThan(1000 + spanS);
        expect(s.endS - s.startS).toBeCloseTo(STORM_DURATION_S, 6);
        expect(s.densityFactor).toBeGreaterThanOrEqual(STORM_DENSITY_FACTOR[0]);
        expect(s.densityFactor).toBeLessThanOrEqual(STORM_DENSITY_FACTOR[1]);
        sumLn += Math.log(s.densityFactor);
      }
    }
    const mean = count / n;
    const expected = rate * 30;
    // Standard error of the mean count: sqrt(6 / 4000) ≈ 0.039; 4σ.
    expect(Math.abs(mean - expected), `mean episodes per sample ${mean} vs ${expected}`).toBeLessThan(0.16);
    const lnMid = 0.5 * (Math.log(STORM_DENSITY_FACTOR[0]) + Math.log(STORM_DENSITY_FACTOR[1]));
    expect(Math.abs(sumLn / count - lnMid)).toBeLessThan(0.01);
    expect(sampleStorms(7, 0, 0, 0, spanS)).toEqual([]);
    // The default rate: about 304 Kp ≥ 7 episodes per 11-year cycle.
    expect(STORM_RATE_PER_DAY * 365.25 * 11).toBeCloseTo(304, 6);
  });

  it('the window widens monotonically (early side) with the storm rate; nominal unchanged; no quantile later', () => {
    const rates = [0, 0.03, STORM_RATE_PER_DAY, 0.15];
    const rows = rates.map((r) => {
      const p = predictReentry(sets, { timeScales: ts, samples: 60, seed: 3, stormRatePerDay: r });
      return { r, p, start: Date.parse(p.windowStart!), end: Date.parse(p.windowEnd!), nominal: p.predictedEpoch, nominalMs: Date.parse(p.predictedEpoch!) };
    });
    const lines = rows.map((x) => `rate ${x.r.toFixed(4)}/day: window ${x.p.windowStart} .. ${x.p.windowEnd} (${((x.end - x.start) / 3.6e6).toFixed(2)} h; early side ${((x.nominalMs - x.start) / 3.6e6).toFixed(2)} h), nominal ${x.nominal}`);
    console.info(`storms, synthetic decay from 200 km:\n  ${lines.join('\n  ')}`);
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1]!;
      const b = rows[k]!;
      expect(b.p.stormRatePerDay).toBe(b.r);
      expect(b.nominal).toBe(a.nominal);
      expect(b.start, lines[k]).toBeLessThanOrEqual(a.start);
      expect(b.end, lines[k]).toBeLessThanOrEqual(a.end);
      expect(b.nominalMs - b.start, lines[k]).toBeGreaterThanOrEqual(a.nominalMs - a.start);
    }
    expect(rows.at(-1)!.nominalMs - rows.at(-1)!.start).toBeGreaterThan(rows[0]!.nominalMs - rows[0]!.start);
    for (const x of rows.slice(2)) expect(x.end - x.start, lines.join('; ')).toBeGreaterThan(rows[0]!.end - rows[0]!.start);
    expect(() => predictReentry(sets, { timeScales: ts, samples: 2, stormRatePerDay: -1 })).toThrow(/stormRatePerDay/);
  }, 60_000);
});
