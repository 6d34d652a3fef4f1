// Orekit / Vallado (AAS 03-526) covariance frame-rotation cases: GCRF → RSW (RTN) and NTW, inertial-rotation and
// rotating-frame versions, and GCRF → MOD.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { congruence, covariance6InertialToNtw, covariance6InertialToRtn, createTimeScales, precession1976, vec3, type StateVector } from '@skylane/core';

const dir = fileURLToPath(new URL('.', import.meta.url));
interface Case {
  epoch_utc: string;
  mu_m3_s2: number;
  position_m: number[];
  velocity_mps: number[];
  P0_cartesian_GCRF: number[][];
  expected: Record<string, { threshold_rel: number; matrix: number[][] }>;
}
const data = JSON.parse(readFileSync(`${dir}covariance-cases.json`, 'utf8')) as { vallado_case: Case };
const c = data.vallado_case;
const P0 = Float64Array.from(c.P0_cartesian_GCRF.flat());
const r = c.position_m;
const v = c.velocity_mps;
const ref: StateVector<'GCRF'> = { r: vec3<'GCRF'>(r[0]!, r[1]!, r[2]!), v: vec3<'GCRF'>(v[0]!, v[1]!, v[2]!) };
const expected = (prefix: string): { threshold_rel: number; matrix: number[][] } => {
  const k = Object.keys(c.expected).find((x) => x.startsWith(prefix));
  if (k === undefined) throw new Error(`no case ${prefix}`);
  return c.expected[k]!;
};

function worstRelative(got: Float64Array, want: number[][]): number {
  let worst = 0;
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
    const w = want[i]![j]!;
    const e = Math.abs(got[i * 6 + j]! - w) / (w === 0 ? 1 : Math.abs(w));
    worst = Math.max(worst, e);
  }
  return worst;
}

describe('Vallado AAS 03-526 covariance rotations (as in Orekit StateCovarianceTest)', () => {
  const cases: [string, () => Float64Array][] = [
    ['RSW_rotation_only', () => covariance6InertialToRtn({ m: P0 }, ref, 'rotation').m],
    ['RSW_full_rotating_frame', () => covariance6InertialToRtn({ m: P0 }, ref, 'transport').m],
    ['NTW_rotation_only', () => covariance6InertialToNtw(P0, r, v, 'rotation', c.mu_m3_s2)],
    ['NTW_full_rotating_frame', () => covariance6InertialToNtw(P0, r, v, 'transport', c.mu_m3_s2)],
  ];
  for (const [name, compute] of cases) {
    it(`${name}: element-wise within Orekit's relative tolerance`, () => {
      const e = expected(name);
      const worst = worstRelative(compute(), e.matrix);
      console.info(`${name}: worst element-wise relative error ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(e.threshold_rel);
    });
  }

  it('GCRF → MOD (IAU-76 precession; Orekit uses IERS-2010 MOD): within 1e-5 relative', () => {
    const ts = createTimeScales();
    const t = ts.parseUtcIso(`${c.epoch_utc}Z`);
    const p = precession1976(t.ttCenturiesSinceJ2000());
    // r_MOD = P r_GCRF with P = R3(−z) R2(θ) R3(−ζ).
    const R3 = (a: number): number[] => [Math.cos(a), Math.sin(a), 0, -Math.sin(a), Math.cos(a), 0, 0, 0, 1];
    const R2 = (a: number): number[] => [Math.cos(a), 0, -Math.sin(a), 0, 1, 0, Math.sin(a), 0, Math.cos(a)];
    const mul = (a: number[], b: number[]): number[] => Array.from({ length: 9 }, (_, k) => {
      const i = Math.floor(k / 3), j = k % 3;
      return a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
    });
    const P = mul(R3(-p.z), mul(R2(p.theta), R3(-p.zeta)));
    const J = new Float64Array(36);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      J[i * 6 + j] = P[i * 3 + j]!;
      J[(i + 3) * 6 + j + 3] = P[i * 3 + j]!;
    }
    const worst = worstRelative(congruence(J, P0, 6), expected('MOD').matrix);
    console.info(`MOD: worst element-wise relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
  });
});
