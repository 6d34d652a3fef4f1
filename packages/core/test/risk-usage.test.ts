// Usage check (CARA multistep spirit) against NASA CARA's published Pc2D usage-violation flags on the 27 test CDMs,
// a CARA unit case where 2D and 3D agree, CARA's non-positive-definite unit case, and Alfano 2009 GEO cases.
import { afterAll, describe, expect, it } from 'vitest';
import { assessPcUsage, covariance6, vec3 } from '../src/index.ts';
import { alfanoConjunction, caraCdmCases, caraConjunction, conj3, pcCases } from './helpers/pcCases.ts';

describe('assessPcUsage vs CARA violationsPc2D on every CARA test CDM', () => {
  let agree = 0;
  afterAll(() => console.log(`usage check: ${agree}/${caraCdmCases.length} agree with CARA's Pc2D usage-violation flag`));
  for (const c of caraCdmCases) {
    it(`${c.id}: CARA flag ${c.violationsPc2D} (${c.comment})`, () => {
      const u = assessPcUsage(caraConjunction(c), c.hbrM / 1e3);
      const caraViolated = c.violationsPc2D > 0;
      expect(u.twoDimensionalValid).toBe(!caraViolated);
      expect(u.method).toBe(caraViolated ? 'hall2021' : 'foster1992');
      expect(u.reasons.length).toBeGreaterThan(0);
      // CARA's 111 flags (its 2D-Nc/3D-Nc usage violations) are the very slow, repeating encounters.
      expect(u.monteCarloAdvised).toBe(c.violationsPc2D === 111);
      if (caraViolated && !u.covarianceRemediated) {
        // The violation is confirmed by the 2D/3D comparison, not by a screen alone.
        expect(u.pc2d).toBeDefined();
        expect(Math.abs(u.pc2d! - u.nc3d!) / u.nc3d!).toBeGreaterThan(0.15);
      }
      if (!caraViolated && u.screens.length > 0) expect(Math.abs(u.pc2d! - u.nc3d!) / u.nc3d!).toBeLessThan(0.15);
      agree++;
    });
  }
});

describe('assessPcUsage on reference cases', () => {
  it('CARA unit case "2D and 3D agree" (fast LEO encounter): 2D valid, Foster chosen', () => {
    const c = pcCases.cara_unit_test_cases[4];
    const k = 1e-3;
    const obj = (r: number[], v: number[], m: number[][]) => ({
      r: vec3<'EME2000'>(r[0]! * k, r[1]! * k, r[2]! * k),
      v: vec3<'EME2000'>(v[0]! * k, v[1]! * k, v[2]! * k),
      cov: covariance6<'EME2000'>(m.map((row) => row.map((x) => x * 1e-6))),
    });
    const u = assessPcUsage({ primary: obj(c.r1, c.v1, c.cov1_6x6), secondary: obj(c.r2, c.v2, c.cov2_6x6) }, c.hbr * 1e-3);
    expect(u.twoDimensionalValid).toBe(true);
    expect(u.method).toBe('foster1992');
    expect(u.covarianceRemediated).toBe(false);
    expect(u.monteCarloAdvised).toBe(false);
  });
  it('CARA unit case "non-positive-definite combined covariance": flagged, remediated, 2D not trusted', () => {
    const c = pcCases.cara_unit_test_cases[2];
    const u = assessPcUsage(conj3(c.r1, c.v1, c.cov1, c.r2, c.v2, c.cov2, 1e-3), c.hbr * 1e-3);
    expect(u.covarianceRemediated).toBe(true);
    expect(u.twoDimensionalValid).toBe(false);
    expect(u.reasons.join(' ')).toMatch(/positive/);
  });
  for (const n of [1, 4]) {
    it(`Alfano 2009 case ${n} (GEO, slow): 2D violated (CARA: Pc2D ${(alfanoConjunction(n).expected.cara_Pc2D_PcCircle as number).toExponential(3)} vs Nc3D ${(alfanoConjunction(n).expected.cara_Pc3D_Hall_Nc as number).toExponential(3)})`, () => {
      const a = alfanoConjunction(n);
      const u = assessPcUsage(a.conj, a.hbrKm);
      expect(u.twoDimensionalValid).toBe(false);
      expect(u.method).toBe('hall2021');
      expect(u.screens.length).toBeGreaterThan(0);
      expect(u.pc2d).toBeDefined();
      expect(Math.abs(u.pc2d! - (a.expected.cara_Pc2D_PcCircle as number)) / u.pc2d!).toBeLessThan(1e-3);
    });
  }
});
