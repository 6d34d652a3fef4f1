// Covariance: RTN rotation round trips, Jacobi eigen-decomposition, clipping remediation (properties), Pc frame invariance.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  covariance3, covariance6, covariance3InertialToRtn, covariance3RtnToInertial, covariance6InertialToRtn, covariance6RtnToInertial,
  combineCovariances, fromEigen, remediateSymmetric, symmetricEigen, rtnRotationMatrix, vec3, pcFoster1992, pcHall2021, rot3, rot1, mul3, type Mat3,
} from '../src/index.ts';
import { conj3, pcCases } from './helpers/pcCases.ts';

const ref = { r: vec3<'EME2000'>(6778, 100, -50), v: vec3<'EME2000'>(0.1, 7.6, 1.2) };

describe('RTN basis and rotation', () => {
  it('is orthonormal with R along r and N along r×v', () => {
    const M = rtnRotationMatrix(ref);
    const MMt = mul3(M, [M[0], M[3], M[6], M[1], M[4], M[7], M[2], M[5], M[8]]);
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((x, k) => expect(MMt[k]).toBeCloseTo(x, 14));
    expect(M[0] * 6778 + M[1] * 100 + M[2] * -50).toBeCloseTo(Math.hypot(6778, 100, 50), 9);
  });
  it('3x3 and 6x6 (both conventions) round trip', () => {
    const c3 = covariance3<'RTN'>([[4, 0.1, 0.2], [0.1, 9, 0.3], [0.2, 0.3, 1]]);
    const back3 = covariance3InertialToRtn(covariance3RtnToInertial(c3, ref), ref);
    c3.m.forEach((x, k) => expect(back3.m[k]).toBeCloseTo(x, 12));
    const rows = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 1 + i : 0.01 * (i + j))));
    const c6 = covariance6<'RTN'>(rows);
    for (const conv of ['rotation', 'transport'] as const) {
      const back = covariance6InertialToRtn(covariance6RtnToInertial(c6, ref, conv), ref, conv);
      c6.m.forEach((x, k) => expect(back.m[k]!).toBeCloseTo(x, 11));
    }
  });
  it('combines by summation', () => {
    const a = covariance3<'EME2000'>([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(combineCovariances(a, a).m)).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
  });
});

const symArb = (n: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((a) => {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
    return m;
  });

describe('Jacobi eigen-decomposition and clipping (properties)', () => {
  it('reconstructs the matrix and gives orthonormal vectors', () => {
    fc.assert(
      fc.property(symArb(6), (m) => {
        const { values, vectors } = symmetricEigen(m, 6);
        const back = fromEigen(values, vectors, 6);
        m.forEach((x, k) => expect(Math.abs(back[k]! - x)).toBeLessThan(1e-11));
        for (let k = 1; k < 6; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
      }),
      { numRuns: 100, seed: 1 },
    );
  });
  it('clipping produces a positive semi-definite matrix and reports what it clipped', () => {
    fc.assert(
      fc.property(symArb(3), (m) => {
        const { m: fixed, flags } = remediateSymmetric(m, 3);
        const ev = symmetricEigen(fixed, 3).values;
        expect(ev[0]!).toBeGreaterThanOrEqual(-1e-12);
        const negatives = Array.from(symmetricEigen(m, 3).values).filter((x) => x < 0).length;
        expect(flags.clippedEigenvalues.length).toBe(negatives);
        expect(flags.remediated).toBe(negatives > 0);
      }),
      { numRuns: 200, seed: 2 },
    );
  });
});

describe('Pc invariance under rotation of the inertial frame (property)', () => {
  const c = pcCases.cara_unit_test_cases[0];
  const base = conj3(c.r1, c.v1, c.cov1, c.r2, c.v2, c.cov2, 1);
  const rot = (M: Mat3, x: readonly number[]) => [0, 1, 2].map((i) => M[i * 3]! * x[0]! + M[i * 3 + 1]! * x[1]! + M[i * 3 + 2]! * x[2]!);
  const rotCov = (M: Mat3, m: Float64Array) => {
    const out = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) { let s = 0; for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) s += M[i * 3 + k]! * m[k * 3 + l]! * M[j * 3 + l]!; out[i * 3 + j] = s; }
    return out;
  };
  const pc0 = pcFoster1992(base, c.hbr).pc;
  it('Foster 2D Pc is unchanged (1e-10 relative) by any rotation', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 6.28, noNaN: true }), fc.double({ min: 0, max: 3.14, noNaN: true }), (a, b) => {
        const M = mul3(rot3(a), rot1(b));
        const o = (x: typeof base.primary) => ({ r: vec3<'EME2000'>(...(rot(M, x.r) as [number, number, number])), v: vec3<'EME2000'>(...(rot(M, x.v) as [number, number, number])), cov: covariance3<'EME2000'>(rotCov(M, x.cov.m)) });
        const pc = pcFoster1992({ primary: o(base.primary), secondary: o(base.secondary) }, c.hbr).pc;
        expect(Math.abs(pc - pc0) / pc0).toBeLessThan(1e-10);
      }),
      { numRuns: 50, seed: 3 },
    );
  });
  // Hall's 3D Nc models each object's uncertainty as a Gaussian in equinoctial elements (as CARA's Pc3D_Hall), and
  // (χ, ψ) are frame-dependent non-linear functions of the state: a rotation changes the model at order σ/r. This case
  // has σ ≈ 12.6 km at r ≈ 7190 km (σ/r = 1.75e-3); with the relative geometry scaled by 1e-3 the model is rotation-invariant.
  // The relative geometry (covariance, miss vector) is scaled by √k about the primary.
  const rotated = (M: Mat3, k: number) => {
    const o = (x: typeof base.primary, r: readonly number[]) => ({ r: vec3<'EME2000'>(...(rot(M, r) as [number, number, number])), v: vec3<'EME2000'>(...(rot(M, x.v) as [number, number, number])), cov: covariance3<'EME2000'>(rotCov(M, x.cov.m.map((y) => y * k))) });
    const r2 = [0, 1, 2].map((i) => base.primary.r[i]! + Math.sqrt(k) * (base.secondary.r[i]! - base.primary.r[i]!));
    return { primary: o(base.primary, base.primary.r), secondary: o(base.secondary, r2) };
  };
  const M = mul3(rot3(1.1), rot1(0.4));
  it('Hall 3D Nc with position-only covariance changes by less than 3σ/r under a rotation', () => {
    const sigmaOverR = Math.sqrt(Math.max(...[0, 4, 8].map((i) => base.primary.cov.m[i]! + base.secondary.cov.m[i]!))) / Math.hypot(...base.primary.r);
    const a = pcHall2021(base, c.hbr).nc;
    const b = pcHall2021(rotated(M, 1), c.hbr).nc;
    expect(Math.abs(a - b) / a).toBeLessThan(3 * sigmaOverR);
  });
  it('Hall 3D Nc is unchanged (2e-5) by a rotation when σ/r is small (covariance × 1e-6, miss and HBR × 1e-3)', () => {
    const I: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const opts = { relTol: 1e-7, sphereRelTol: 1e-7 };
    const a = pcHall2021(rotated(I, 1e-6), c.hbr * 1e-3, opts).nc;
    const b = pcHall2021(rotated(M, 1e-6), c.hbr * 1e-3, opts).nc;
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(a - b) / a).toBeLessThan(2e-5);
  });
});
