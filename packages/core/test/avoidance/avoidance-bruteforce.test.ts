/**
 * Minimum Δv by root finding (doubling bracket + Brent) against a dense brute-force search on the same execution-time
 * grid: for each time and direction, Δv is stepped in increments of 1/4000 of the search range until the linear Pc
 * first reaches the target; the brute-force minimum over the grid must match the root-found one within 1 %.
 */
import { describe, expect, it } from 'vitest';
import { avoidanceModel, type AvoidanceDirection } from '../../src/index.ts';
import { diagCov, syntheticConjunction, ts } from './synthetic.ts';

describe('minimum Δv: root finding vs dense brute force', () => {
  for (const target of [1e-6, 1e-7]) {
    it(`target Pc ${target}: along-track and radial, 8 execution times`, () => {
      const input = syntheticConjunction({ primaryCov: diagCov(0.05, 0.15, 0.05), secondaryCov: diagCov(0.06, 0.2, 0.06) });
      const model = avoidanceModel(input, { timeScales: ts, executionTimes: 8, targetPc: target });
      let worst = 0;
      for (const dir of ['t', 'r'] as AvoidanceDirection[]) {
        const roots: number[] = [];
        for (let c = 0; c < model.timesS.length; c++) for (const sign of model.signs(c, dir)) {
          const r = model.minimumDv(c, dir, sign);
          if (r !== null) roots.push(r);
        }
        const rootMin = Math.min(...roots);
        const hi = 2 * Math.max(...roots);
        const step = hi / 4000;
        let bruteMin = Infinity;
        for (let c = 0; c < model.timesS.length; c++) {
          for (const sign of [1, -1]) {
            for (let j = 1; j * step < Math.min(hi, bruteMin); j++) {
              const { dm } = model.shift(c, dir, sign, j * step);
              if (model.pcOfMiss([model.missKm[0] - dm[0], model.missKm[1] - dm[1]]) <= target) {
                bruteMin = Math.min(bruteMin, j * step);
                break;
              }
            }
          }
        }
        const rel = Math.abs(rootMin - bruteMin) / bruteMin;
        worst = Math.max(worst, rel);
        expect(rel, `${dir}: root ${rootMin * 1000} m/s vs brute force ${bruteMin * 1000} m/s`).toBeLessThan(0.01);
        expect(rootMin).toBeLessThanOrEqual(bruteMin * (1 + 1e-9));
      }
      console.info(`min Δv, target ${target}: root finding vs brute force worst ${(100 * worst).toFixed(3)} %`);
    }, 60_000);
  }
});
