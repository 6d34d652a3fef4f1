// Monte Carlo Pc (two-body, entry-count hits) on the Alfano 2009 cases against NASA CARA's 1e8-trial Monte Carlo.
import { describe, expect, it } from 'vitest';
import { Xoshiro128, pcMonteCarlo, wilsonInterval } from '../src/index.ts';
import { alfanoConjunction } from './helpers/pcCases.ts';

// Cases 7-12 run in risk-montecarlo-alfano7to12.test.ts, so that the two halves run on separate workers.
describe('Monte Carlo on Alfano 2009 cases 1-6 (20 000 trials, seed 7)', () => {
  for (let n = 1; n <= 6; n++) {
    it(`Alfano 2009 case ${n}: CARA's Monte Carlo Pc lies in our Wilson 95% interval`, () => {
      const a = alfanoConjunction(n);
      const r = pcMonteCarlo(a.conj, a.hbrKm, { trials: 20_000, windowS: a.windowS, seed: 7 });
      const ref = a.expected.cara_monte_carlo_Pc as number;
      expect(r.hits).toBe(Math.round(r.pc * r.trials));
      expect(ref).toBeGreaterThanOrEqual(r.ci95[0]);
      expect(ref).toBeLessThanOrEqual(r.ci95[1]);
    });
  }
});

describe('PRNG and interval', () => {
  it('is deterministic and roughly standard normal', () => {
    const a = new Xoshiro128(123), b = new Xoshiro128(123);
    let s = 0, s2 = 0, mismatches = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = a.nextNormal();
      if (x !== b.nextNormal()) mismatches++;
      s += x;
      s2 += x * x;
    }
    expect(mismatches).toBe(0);
    expect(Math.abs(s / 1e5)).toBeLessThan(0.02);
    expect(Math.abs(s2 / 1e5 - 1)).toBeLessThan(0.02);
  });
  it('Wilson interval brackets the estimate', () => {
    const [lo, hi] = wilsonInterval(10, 1000);
    expect(lo).toBeLessThan(0.01);
    expect(hi).toBeGreaterThan(0.01);
  });
});
