// Monte Carlo Pc on Alfano 2009 cases 7-12 against NASA CARA's 1e8-trial Monte Carlo (cases 1-6 and the PRNG tests:
// risk-montecarlo.test.ts; split so that the two halves run on separate workers).
import { describe, expect, it } from 'vitest';
import { pcMonteCarlo } from '../src/index.ts';
import { alfanoConjunction } from './helpers/pcCases.ts';

describe('Monte Carlo on Alfano 2009 cases 7-12 (20 000 trials, seed 7)', () => {
  for (let n = 7; n <= 12; n++) {
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
