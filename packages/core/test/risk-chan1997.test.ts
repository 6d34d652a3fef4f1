// Chan (1997) series against Orekit's Chan1997 expected values, and Foster vs Chan agreement where Chan is valid.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHAN1997_DEFAULT_TERMS, pcChan1997Principal, pcFoster1992Principal } from '../src/index.ts';
import { pcCases } from './helpers/pcCases.ts';

describe(`Chan 1997 (${CHAN1997_DEFAULT_TERMS} terms) on Orekit encounter-plane cases`, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (const c of pcCases.encounter_plane_2d_cases.cases as any[]) {
    it(c.name, () => {
      const i = c.inputs_m;
      const pc = pcChan1997Principal({ xmKm: i.xm, ymKm: i.ym, sigmaXKm: i.sigmaX, sigmaYKm: i.sigmaY }, i.radius);
      const ref = c.expected_by_method.Chan1997.getValue;
      expect(Math.abs(pc - ref.value)).toBeLessThanOrEqual(ref.abs_tol);
    });
  }
});

describe('property: Foster and Chan agree where Chan is valid (near-isotropic, R < σ)', () => {
  it('relative difference below 5% for aspect ratio ≤ 2 and R ≤ 0.3σy', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (aspect, rOverSigma, ax, ay) => {
          const sy = 1, sx = aspect;
          const enc = { xmKm: ax * sx, ymKm: ay * sy, sigmaXKm: sx, sigmaYKm: sy };
          const f = pcFoster1992Principal(enc, rOverSigma);
          const c = pcChan1997Principal(enc, rOverSigma);
          expect(Math.abs(c - f) / f).toBeLessThan(0.05);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
