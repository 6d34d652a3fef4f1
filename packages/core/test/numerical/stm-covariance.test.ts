// Variational equations and covariance: zonal gravity (J2–J6) acceleration and gradient against independent
// formulas, the STM against central finite differences of the propagator, the 6×8 extension with C_D and C_R, and the
// STM-propagated covariance against a 10,000-sample Monte Carlo over one day.
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  covariance6InertialToRtn,
  EGM2008_ZONALS,
  monteCarloCovariance,
  NumericalPropagator,
  PointMassGravity,
  ZonalGravity,
  type ForceEvaluation,
  type ForceModel,
  type NumericalPropagatorOptions,
} from '@skylane/core';

const ts = createTimeScales();
const epoch = ts.parseUtcIso('2023-01-01T00:00:00Z');
const MU = 398600.4415;
const RE = 6378.1363;
// A 400 km, 51.6° orbit.
const S0 = [6778.137, 0, 0, 0, 7.6686 * Math.cos(0.9006), 7.6686 * Math.sin(0.9006)];

/** A ForceEvaluation at a fixed position with a given GCRF→ITRF matrix (test fixture). */
function fixedEvaluation(r: number[], m: number[]): ForceEvaluation {
  return {
    tSeconds: 0,
    instant: epoch,
    timeScales: ts,
    position: Float64Array.from(r),
    velocity: new Float64Array(3),
    spacecraft: { massKg: 1, dragAreaM2: 1, dragCoefficient: 2, srpAreaM2: 1, reflectivityCoefficient: 1 },
    gcrfToItrf: () => Float64Array.from(m),
  };
}

/** Zonal (perturbing) potential written out with explicit Legendre polynomials (independent of the model's recursion). */
function zonalPotential(r: number[], pole: number[]): number {
  const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
  const u = (r[0]! * pole[0]! + r[1]! * pole[1]! + r[2]! * pole[2]!) / rn;
  const P = [1, u, (3 * u * u - 1) / 2, (5 * u ** 3 - 3 * u) / 2, (35 * u ** 4 - 30 * u * u + 3) / 8, (63 * u ** 5 - 70 * u ** 3 + 15 * u) / 8, (231 * u ** 6 - 315 * u ** 4 + 105 * u * u - 5) / 16];
  let s = 0;
  for (let n = 2; n <= 6; n++) s -= EGM2008_ZONALS[n]! * (RE / rn) ** n * P[n]!;
  return (MU / rn) * s;
}

function rotation(a: number, b: number, c: number): number[] {
  // R = R3(c) R1(b) R3(a), row-major.
  const r3 = (x: number): number[] => [Math.cos(x), Math.sin(x), 0, -Math.sin(x), Math.cos(x), 0, 0, 0, 1];
  const r1 = (x: number): number[] => [1, 0, 0, 0, Math.cos(x), Math.sin(x), 0, -Math.sin(x), Math.cos(x)];
  const mul = (p: number[], q: number[]): number[] => Array.from({ length: 9 }, (_, k) => p[3 * Math.floor(k / 3)]! * q[k % 3]! + p[3 * Math.floor(k / 3) + 1]! * q[3 + (k % 3)]! + p[3 * Math.floor(k / 3) + 2]! * q[6 + (k % 3)]!);
  return mul(r3(c), mul(r1(b), r3(a)));
}

describe('zonal gravity J2–J6 (EGM2008 zonals)', () => {
  const M = rotation(0.3, 0.002, 1.1); // a tilted pole, as precession gives
  const pole = [M[6]!, M[7]!, M[8]!];
  const points = [
    [6778, 120, -340],
    [-3000, 4100, 4300],
    [100, -200, 6900],
    [26000, 1000, -12000],
  ];

  it('acceleration = gradient of the explicitly written potential (central differences), within 1e-13 km/s²', () => {
    // The zonal part only (the central term's differences would be round-off limited at 1e-11 km/s²).
    const model = new ZonalGravity({ includeCentral: false });
    let worst = 0;
    for (const r of points) {
      const a = new Float64Array(3);
      model.addAcceleration(fixedEvaluation(r, M), a);
      const h = 1e-3;
      for (let i = 0; i < 3; i++) {
        const rp = [...r];
        const rm = [...r];
        rp[i]! += h;
        rm[i]! -= h;
        const g = (zonalPotential(rp, pole) - zonalPotential(rm, pole)) / (2 * h);
        worst = Math.max(worst, Math.abs(a[i]! - g));
      }
    }
    expect(worst, `worst ${worst} km/s²`).toBeLessThan(1e-13);
  });

  it('J2 alone matches the textbook closed form (Vallado eq. 8-30) with the pole along z', () => {
    const model = new ZonalGravity({ maxDegree: 2, includeCentral: false });
    const J2 = EGM2008_ZONALS[2]!;
    for (const r of points) {
      const a = new Float64Array(3);
      model.addAcceleration(fixedEvaluation(r, [1, 0, 0, 0, 1, 0, 0, 0, 1]), a);
      const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
      const k = (-1.5 * J2 * MU * RE * RE) / rn ** 5;
      const z2 = (r[2]! / rn) ** 2;
      const ref = [k * r[0]! * (1 - 5 * z2), k * r[1]! * (1 - 5 * z2), k * r[2]! * (3 - 5 * z2)];
      for (let i = 0; i < 3; i++) expect(Math.abs(a[i]! - ref[i]!)).toBeLessThan(1e-15 + 1e-12 * Math.abs(ref[i]!));
    }
  });

  it('analytic gradient ∂a/∂r against central differences of the acceleration (1e-7 relative)', () => {
    for (const model of [new ZonalGravity(), new PointMassGravity(MU)]) {
      for (const r of points) {
        const G = new Float64Array(9);
        model.addAccelerationAndGradient(fixedEvaluation(r, M), new Float64Array(3), G);
        const h = 1e-2;
        let scale = 0;
        for (const g of G) scale = Math.max(scale, Math.abs(g));
        for (let j = 0; j < 3; j++) {
          const ap = new Float64Array(3);
          const am = new Float64Array(3);
          const rp = [...r];
          const rm = [...r];
          rp[j]! += h;
          rm[j]! -= h;
          model.addAcceleration(fixedEvaluation(rp, M), ap);
          model.addAcceleration(fixedEvaluation(rm, M), am);
          for (let i = 0; i < 3; i++) expect(Math.abs(G[i * 3 + j]! - (ap[i]! - am[i]!) / (2 * h))).toBeLessThan(1e-7 * scale);
        }
      }
    }
  });
});

/** A drag-like test force (exponential atmosphere, non-rotating): a = −½ ρ C_D A/m |v| v, ρ in kg/m³ (fixture). */
class TestDrag implements ForceModel {
  readonly name = 'test-drag';
  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const r = Math.hypot(e.position[0]!, e.position[1]!, e.position[2]!);
    const rho = 3e-12 * Math.exp(-(r - 6778) / 60); // kg/m³
    const v = Math.hypot(e.velocity[0]!, e.velocity[1]!, e.velocity[2]!);
    const k = -0.5 * rho * ((e.spacecraft.dragCoefficient * e.spacecraft.dragAreaM2) / e.spacecraft.massKg) * v * 1e3; // km/s²
    for (let i = 0; i < 3; i++) out[i]! += k * e.velocity[i]!;
  }
}
/** A radiation-pressure-like test force along a fixed direction, linear in C_R (fixture). */
class TestSrp implements ForceModel {
  readonly name = 'test-srp';
  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const k = (-4.56e-6 * e.spacecraft.reflectivityCoefficient * e.spacecraft.srpAreaM2) / e.spacecraft.massKg / 1e3;
    out[0]! += k * 0.6;
    out[1]! += k * 0.8;
  }
}

describe('state transition matrix against central finite differences', () => {
  const spacecraft = { massKg: 100, dragAreaM2: 2, dragCoefficient: 2.2, srpAreaM2: 2, reflectivityCoefficient: 1.3 };
  const options: NumericalPropagatorOptions = { timeScales: ts, forces: [new ZonalGravity(), new TestDrag(), new TestSrp()], spacecraft, integrator: 'dp853', fixedStepS: 20 };
  const T = 6 * 3600;

  it('6×8 STM (J2–J6 analytic, drag/SRP by differences, C_D and C_R columns) within 1e-6 relative per block, 6 h', () => {
    const prop = new NumericalPropagator(options);
    const res = prop.propagate({ epoch, state: S0, stop: T, stmParameters: ['dragCoefficient', 'reflectivityCoefficient'] });
    const phi = res.finalStm!;
    // Finite differences of the propagator itself (same fixed steps: a smooth map of the initial state).
    const steps = [1e-2, 1e-2, 1e-2, 1e-5, 1e-5, 1e-5];
    const fd = new Float64Array(48);
    for (let j = 0; j < 8; j++) {
      const run = (sign: number): Float64Array => {
        const s = [...S0];
        let sc = spacecraft;
        if (j < 6) s[j]! += sign * steps[j]!;
        else if (j === 6) sc = { ...spacecraft, dragCoefficient: spacecraft.dragCoefficient + sign * 0.01 };
        else sc = { ...spacecraft, reflectivityCoefficient: spacecraft.reflectivityCoefficient + sign * 0.01 };
        return new NumericalPropagator({ ...options, spacecraft: sc }).propagate({ epoch, state: s, stop: T }).finalState;
      };
      const p = run(1);
      const m = run(-1);
      const h = j < 6 ? steps[j]! : 0.01;
      for (let i = 0; i < 6; i++) fd[i * 8 + j] = (p[i]! - m[i]!) / (2 * h);
    }
    // Compare per block (rr, rv, vr, vv, r-param, v-param) relative to the block's largest entry.
    let worst = 0;
    for (const [r0, c0, nc] of [[0, 0, 3], [0, 3, 3], [3, 0, 3], [3, 3, 3], [0, 6, 2], [3, 6, 2]] as const) {
      let scale = 0;
      let err = 0;
      for (let i = r0; i < r0 + 3; i++) for (let j = c0; j < c0 + nc; j++) {
        scale = Math.max(scale, Math.abs(fd[i * 8 + j]!));
        err = Math.max(err, Math.abs(phi[i * 8 + j]! - fd[i * 8 + j]!));
      }
      worst = Math.max(worst, err / scale);
    }
    console.info(`STM vs central differences (6 h, J2–J6 + drag + SRP, 6×8): worst block-relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-6);
  });

  it('adaptive DP853 STM (rtol 1e-12) agrees with the fixed-step one to 1e-6 relative', () => {
    const fixed = new NumericalPropagator({ ...options, forces: [new ZonalGravity()] }).propagate({ epoch, state: S0, stop: T, stm: true }).finalStm!;
    const adaptive = new NumericalPropagator({ timeScales: ts, forces: [new ZonalGravity()], rtol: 1e-12, atol: 1e-12 }).propagate({ epoch, state: S0, stop: T, stm: true }).finalStm!;
    let scale = 0;
    let err = 0;
    for (let k = 0; k < 36; k++) {
      scale = Math.max(scale, Math.abs(fixed[k]!));
      err = Math.max(err, Math.abs(fixed[k]! - adaptive[k]!));
    }
    expect(err / scale).toBeLessThan(1e-6);
  });
});

describe('covariance propagation against a 10,000-sample Monte Carlo (point mass + J2, one day)', () => {
  it('every diagonal term within 5 % (GCRF and RTN); within 1 % with the same initial samples', () => {
    const options: NumericalPropagatorOptions = { timeScales: ts, forces: [new ZonalGravity({ maxDegree: 2 })], integrator: 'dp853', rtol: 1e-7, atol: 1e-7 };
    // σ = 10 m per position axis, 1 cm/s per velocity axis, some correlation.
    const P0 = new Float64Array(36);
    for (let i = 0; i < 3; i++) {
      P0[i * 7] = 1e-4;
      P0[(i + 3) * 7] = 1e-10;
    }
    P0[1] = P0[6] = 3e-5;
    P0[3] = P0[18] = -5e-8;
    const T = 86400;
    const prop = new NumericalPropagator({ ...options, rtol: 1e-11, atol: 1e-11 });
    const lin = prop.propagate({ epoch, state: S0, stop: T, outputTimesS: [T], covariance: P0 });
    const P = lin.finalCovariance!;
    const mc = monteCarloCovariance(options, { epoch, state: S0, covariance: P0, stop: T, outputTimesS: [T], samples: 10_000, seed: 7, batchSize: 1000 });
    const C = mc.covariance;
    // The same comparison free of sampling error: Φ S0 Φᵀ with S0 the sample covariance of the drawn initial states.
    const dev = mc.initialDeviations;
    const S = new Float64Array(36);
    for (let s = 0; s < mc.samples; s++) for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) S[i * 6 + j]! += (dev[s * 6 + i]! * dev[s * 6 + j]!) / (mc.samples - 1);
    const phi = lin.finalStm!;
    const PS = new Float64Array(36);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      let v = 0;
      for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) v += phi[i * 6 + a]! * S[a * 6 + b]! * phi[j * 6 + b]!;
      PS[i * 6 + j] = v;
    }
    const ref = { r: Array.from(lin.finalState.subarray(0, 3)), v: Array.from(lin.finalState.subarray(3, 6)) } as unknown as Parameters<typeof covariance6InertialToRtn>[1];
    const Prtn = covariance6InertialToRtn({ m: P }, ref).m;
    const Crtn = covariance6InertialToRtn({ m: C }, ref).m;
    let worst = 0;
    let worstRtn = 0;
    let worstSame = 0;
    for (let i = 0; i < 6; i++) {
      worst = Math.max(worst, Math.abs(P[i * 7]! / C[i * 7]! - 1));
      worstRtn = Math.max(worstRtn, Math.abs(Prtn[i * 7]! / Crtn[i * 7]! - 1));
      worstSame = Math.max(worstSame, Math.abs(PS[i * 7]! / C[i * 7]! - 1));
    }
    const msg = `STM covariance vs 10,000-sample MC after 1 day: worst diagonal ${(worst * 100).toFixed(2)} % (GCRF), ${(worstRtn * 100).toFixed(2)} % (RTN), ${(worstSame * 100).toFixed(3)} % with the samples' own initial covariance; sampling error of a variance √(2/9999) = 1.41 %; along-track σ ${(Math.sqrt(Crtn[7]!) * 1e3).toFixed(0)} m`;
    console.info(msg);
    expect(worst, msg).toBeLessThan(0.05);
    expect(worstRtn, msg).toBeLessThan(0.05);
    expect(worstSame, msg).toBeLessThan(0.01);
  });
});
