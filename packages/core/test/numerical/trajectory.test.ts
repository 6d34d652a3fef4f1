// Numerical trajectories from public data: SGP4-initialised state (TEME → GCRF at epoch), the propagated dense
// ephemeris as a Trajectory (TEME on the UTC clock, leap seconds), its ephemeris-input tabulation, and the
// interpolated Earth orientation against the exact IAU-76/FK5 chain.
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  createTrajectory,
  EarthOrientation,
  gcrfToTeme,
  initialStateFromSgp4,
  IERS_LEAP_SECONDS,
  minutesSinceEpoch,
  numericalEphemerisInput,
  NumericalPropagator,
  numericalToEphemerisInput,
  NumericalTrajectory,
  pefToItrfMatrix,
  Sgp4Satellite,
  tabulatedEop,
  temeToGcrfMatrix,
  temeToPefMatrix,
  vec3,
  ZonalGravity,
  type Sgp4Input,
} from '@skylane/core';

// Synthetic but realistic EOP (polar motion, UT1−UTC, nutation corrections) so every term of the chain is exercised.
const eop = tabulatedEop(
  Array.from({ length: 4000 }, (_, i) => ({
    mjd: 57000 + i,
    xpArcsec: 0.1 + 0.15 * Math.sin(i / 70),
    ypArcsec: 0.35 + 0.12 * Math.cos(i / 70),
    dut1S: -0.2 + 0.0005 * Math.sin(i / 30),
    lodS: 0.001,
    dPsiArcsec: -0.05,
    dEpsArcsec: -0.004,
  })),
);
const ts = createTimeScales(IERS_LEAP_SECONDS, eop);

// An ISS-like element set (mean elements; epoch 2023-01-01T12:00:00Z).
const iss: Sgp4Input = {
  catalogNumber: 25544,
  epochUtcMjd: 59945,
  epochUtcSeconds: 43200,
  meanMotionRevPerDay: 15.5,
  eccentricity: 0.0005,
  inclinationDeg: 51.64,
  raanDeg: 120,
  argOfPericenterDeg: 80,
  meanAnomalyDeg: 30,
  bstarPerEarthRadii: 0,
  meanMotionDotRevPerDay2: 0,
  meanMotionDdotRevPerDay3: 0,
};

function mul(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return Array.from({ length: 9 }, (_, k) => {
    const i = Math.floor(k / 3), j = k % 3;
    return a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
  });
}
const tr = (m: ArrayLike<number>): number[] => [m[0]!, m[3]!, m[6]!, m[1]!, m[4]!, m[7]!, m[2]!, m[5]!, m[8]!];

describe('Earth orientation for the propagator', () => {
  const epoch = ts.parseUtcIso('2023-01-01T00:00:00Z');
  it('exact mode equals W·R3(GMST)·(TEME→GCRF)ᵀ from frames/transforms to 1e-14', () => {
    const eo = new EarthOrientation(epoch, ts, 0);
    const m = new Float64Array(9);
    for (const t of [0, 1234.5, 40000, 86400]) {
      eo.gcrfToItrfInto(t, m);
      const at = epoch.plusSeconds(t);
      const ref = mul(pefToItrfMatrix(at, ts), mul(temeToPefMatrix(at, ts), tr(temeToGcrfMatrix(at, ts))));
      for (let k = 0; k < 9; k++) expect(Math.abs(m[k]! - ref[k]!)).toBeLessThan(1e-14);
    }
  });
  it('hourly-node interpolation stays within 2e-11 rad of the exact rotation over 3 days (≈ 0.15 mm at 7,000 km)', () => {
    const fast = new EarthOrientation(epoch, ts, 3600);
    const exact = new EarthOrientation(epoch, ts, 0);
    const a = new Float64Array(9);
    const b = new Float64Array(9);
    let worst = 0;
    for (let t = 0; t <= 3 * 86400; t += 617) {
      fast.gcrfToItrfInto(t, a);
      exact.gcrfToItrfInto(t, b);
      for (let k = 0; k < 9; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
    }
    console.info(`interpolated GCRF→ITRF: worst element error ${worst.toExponential(2)} rad`);
    expect(worst).toBeLessThan(2e-11);
  });
});

describe('a numerical trajectory initialised from an SGP4 element set', () => {
  const init = initialStateFromSgp4(iss, ts);
  const sat = Sgp4Satellite.create(iss);
  const teme0 = new Float64Array(6);
  sat.propagateInto(0, teme0, 0);
  const prop = new NumericalPropagator({ timeScales: ts, forces: [new ZonalGravity()], rtol: 1e-12, atol: 1e-10 });
  const res = prop.propagate({ epoch: init.epoch, state: init.state, stop: 86400, keepEphemeris: true });
  const input = numericalEphemerisInput(res.ephemeris!, ts, { catalogNumber: 25544, source: 'test' });
  const traj = NumericalTrajectory.create(input);

  it('the GCRF initial state rotates back to SGP4’s TEME state at epoch (round trip < 1 µm)', () => {
    const back = gcrfToTeme({ r: vec3<'GCRF'>(init.state[0]!, init.state[1]!, init.state[2]!), v: vec3<'GCRF'>(init.state[3]!, init.state[4]!, init.state[5]!) }, init.epoch, ts);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(back.r[i]! - teme0[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(back.v[i]! - teme0[3 + i]!)).toBeLessThan(1e-12);
    }
  });

  it('the Trajectory gives TEME states on the UTC clock that match exact rotations of the propagated states (< 1 mm)', () => {
    const times = [0, 377.7, 3600, 43210.5, 86400];
    const check = prop.propagate({ epoch: init.epoch, state: init.state, stop: 86400, outputTimesS: times });
    const out = new Float64Array(6);
    let worst = 0;
    for (let k = 0; k < times.length; k++) {
      expect(traj.propagateInto(times[k]! / 60, out, 0)).toBe(0);
      const at = init.epoch.plusSeconds(times[k]!);
      const s = check.outputStates;
      const ref = gcrfToTeme({ r: vec3<'GCRF'>(s[6 * k]!, s[6 * k + 1]!, s[6 * k + 2]!), v: vec3<'GCRF'>(s[6 * k + 3]!, s[6 * k + 4]!, s[6 * k + 5]!) }, at, ts);
      worst = Math.max(worst, Math.hypot(out[0]! - ref.r[0], out[1]! - ref.r[1], out[2]! - ref.r[2]));
    }
    expect(worst, `worst ${worst} km`).toBeLessThan(1e-6);
    // At epoch: SGP4's own TEME state.
    traj.propagateInto(0, out, 0);
    expect(Math.hypot(out[0]! - teme0[0]!, out[1]! - teme0[1]!, out[2]! - teme0[2]!)).toBeLessThan(1e-6);
  });

  it('outside the propagated span: coverage status and a typed EPHEMERIS_COVERAGE error', () => {
    const out = new Float64Array(6);
    const status = traj.propagateInto(-1, out, 0);
    expect(status).not.toBe(0);
    expect(Number.isNaN(out[0]!)).toBe(true);
    expect(traj.errorFor(status, -1).code).toBe('EPHEMERIS_COVERAGE');
  });

  it('SGP4 vs the numerical J2–J6 orbit from its osculating epoch state: kilometre-level after one day (mean-vs-osculating caveat)', () => {
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let worst = 0;
    for (let m = 0; m <= 1440; m += 10) {
      traj.propagateInto(m, a, 0);
      sat.propagateInto(m, b, 0);
      worst = Math.max(worst, Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!));
    }
    console.info(`SGP4 vs numerical (J2–J6, no drag) over 1 day from the SGP4 epoch state: worst ${worst.toFixed(2)} km`);
    expect(worst).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(50);
  });

  it('as an ephemeris input (Hermite, 60 s nodes) it plugs into createTrajectory within 1 mm', () => {
    const e = numericalToEphemerisInput(traj);
    const t2 = createTrajectory(e);
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let worst = 0;
    for (let m = 1; m < 1430; m += 7.3) {
      const clock = { mjd: e.epochUtcMjd, seconds: e.epochUtcSeconds + m * 60 };
      t2.propagateInto(minutesSinceEpoch(e, clock), a, 0);
      traj.propagateInto(minutesSinceEpoch(input, clock), b, 0);
      const d = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
      worst = Math.max(worst, d);
    }
    expect(worst, `worst ${worst} km`).toBeLessThan(1e-6);
  });
});

describe('UTC clock across a leap second (2016-12-31T23:59:60)', () => {
  it('the trajectory maps UTC clock minutes to TAI seconds with the extra second', () => {
    const epoch = ts.parseUtcIso('2016-12-31T12:00:00Z');
    const state = [6778, 0, 0, 0, 5, 5.8];
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new ZonalGravity()], rtol: 1e-12, atol: 1e-10 });
    const res = prop.propagate({ epoch, state, stop: 86400, keepEphemeris: true });
    const input = numericalEphemerisInput(res.ephemeris!, ts, { catalogNumber: 1 });
    const traj = NumericalTrajectory.create(input);
    const after = ts.parseUtcIso('2017-01-01T06:00:00Z');
    const taiS = after.secondsSince(epoch);
    expect(taiS).toBe(18 * 3600 + 1);
    const ref = prop.propagate({ epoch, state, stop: taiS, outputTimesS: [taiS] });
    const out = new Float64Array(6);
    const utc = ts.toUtcDaySeconds(after);
    traj.propagateInto(minutesSinceEpoch(input, utc), out, 0);
    const g = gcrfToTeme({ r: vec3<'GCRF'>(ref.outputStates[0]!, ref.outputStates[1]!, ref.outputStates[2]!), v: vec3<'GCRF'>(0, 0, 0) }, after, ts);
    expect(Math.hypot(out[0]! - g.r[0], out[1]! - g.r[1], out[2]! - g.r[2])).toBeLessThan(1e-6);
  });
});
