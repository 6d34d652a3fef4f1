// Runge–Kutta integrators (DP54, DP853, RK4): accuracy against the analytic Kepler orbit, order of the dense output,
// backward integration, output grids that never force steps, and event location.
import { describe, expect, it } from 'vitest';
import {
  RungeKuttaIntegrator,
  createTimeScales,
  eclipseEvent,
  nodeCrossingEvent,
  altitudeCrossingEvent,
  EarthOrientation,
  NumericalPropagator,
  PointMassGravity,
  type DenseStep,
  type IntegratorMethod,
  type OdeFunction,
} from '@skylane/core';
import { keplerState, posErr, velErr } from './kepler.ts';

const MU = 398600.4415;
const twoBody: OdeFunction = (_t, y, dy) => {
  const r2 = y[0]! ** 2 + y[1]! ** 2 + y[2]! ** 2;
  const k = -MU / (r2 * Math.sqrt(r2));
  dy[0] = y[3]!;
  dy[1] = y[4]!;
  dy[2] = y[5]!;
  dy[3] = k * y[0]!;
  dy[4] = k * y[1]!;
  dy[5] = k * y[2]!;
};
// An eccentric LEO-to-MEO orbit (e ≈ 0.3) to exercise step-size control.
const S0 = [7000, 0, 0, 0, 8.6, 3.0];

describe('Runge–Kutta integrators against the analytic Kepler orbit', () => {
  for (const [method, rtol, tolKm] of [
    ['dp54', 1e-11, 2e-4],
    ['dp853', 1e-12, 2e-5],
  ] as [IntegratorMethod, number, number][]) {
    it(`${method} at rtol ${rtol}: one day within ${tolKm * 1e3} m`, () => {
      const integ = new RungeKuttaIntegrator(6, twoBody, { method, rtol, atol: rtol * 1e-1 });
      const r = integ.integrate(0, S0, 86400);
      const ref = keplerState(MU, S0, 86400);
      const e = posErr(r.y, ref);
      expect(e, `${method} worst position error ${e} km after ${r.acceptedSteps} steps`).toBeLessThan(tolKm);
      expect(velErr(r.y, ref)).toBeLessThan(tolKm * 1e-3);
    });
  }

  it('rk4 fixed step converges at 4th order (error ratio ≈ 16 when the step halves)', () => {
    const err = (h: number): number => {
      const r = new RungeKuttaIntegrator(6, twoBody, { method: 'rk4', fixedStepS: h }).integrate(0, S0, 6000);
      return posErr(r.y, keplerState(MU, S0, 6000));
    };
    const ratio = err(20) / err(10);
    expect(ratio).toBeGreaterThan(13);
    expect(ratio).toBeLessThan(19);
  });

  it('backward integration returns to the initial state (dp853, one day forward then back)', () => {
    const integ = new RungeKuttaIntegrator(6, twoBody, { method: 'dp853', rtol: 1e-13, atol: 1e-12 });
    const fwd = integ.integrate(0, S0, 86400);
    const back = integ.integrate(86400, fwd.y, 0);
    expect(posErr(back.y, S0)).toBeLessThan(1e-5);
    // And backwards from t = 0 to −1 day against Kepler.
    const neg = integ.integrate(0, S0, -86400);
    expect(posErr(neg.y, keplerState(MU, S0, -86400))).toBeLessThan(2e-5);
  });
});

describe('dense output', () => {
  // y'' = −y: y = sin t. The interpolation error at mid-step scales as h^(p+1): p = 4 (dp54), 7 (dp853), 3 (rk4 Hermite).
  const osc: OdeFunction = (_t, y, dy) => {
    dy[0] = y[1]!;
    dy[1] = -y[0]!;
  };
  const midError = (method: IntegratorMethod, h: number): number => {
    let worst = 0;
    const out = new Float64Array(2);
    new RungeKuttaIntegrator(2, osc, { method, fixedStepS: h }).integrate(0, [0, 1], 4 * h, (s: DenseStep) => {
      // Compare the interpolant against the exact solution shifted by the step's own end error (isolates interpolation).
      const tm = s.tStart + 0.37 * s.h;
      s.interpolate(tm, out);
      const e0 = s.yStart[0]! - Math.sin(s.tStart);
      worst = Math.max(worst, Math.abs(out[0]! - Math.sin(tm) - e0));
      return undefined;
    });
    return worst;
  };
  for (const [method, order, minRatio] of [
    ['dp54', 5, 20],
    ['dp853', 8, 150],
    ['rk4', 4, 10],
  ] as [IntegratorMethod, number, number][]) {
    it(`${method} interpolant error scales as h^${order}`, () => {
      const ratio = midError(method, 0.4) / midError(method, 0.2);
      expect(ratio, `ratio ${ratio}`).toBeGreaterThan(minRatio);
    });
  }

  it('output grids never force steps and match the end-of-step accuracy (dp853, 60 s grid over one day)', () => {
    const ts = createTimeScales();
    const epoch = ts.parseUtcIso('2023-01-01T00:00:00Z');
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(MU)], rtol: 1e-12, atol: 1e-13 });
    const grid = Array.from({ length: 1441 }, (_, i) => i * 60);
    const a = prop.propagate({ epoch, state: S0, stop: 86400 });
    const b = prop.propagate({ epoch, state: S0, stop: 86400, outputTimesS: grid });
    expect(b.acceptedSteps).toBe(a.acceptedSteps);
    let worst = 0;
    for (let i = 0; i < grid.length; i++) worst = Math.max(worst, posErr(b.outputStates, keplerState(MU, S0, grid[i]!), 6 * i));
    expect(worst, `worst grid error ${worst} km`).toBeLessThan(1e-5);
  });
});

describe('events on the dense output', () => {
  const ts = createTimeScales();
  const epoch = ts.parseUtcIso('2023-01-01T00:00:00Z');
  const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(MU)], rtol: 1e-12, atol: 1e-13, earthOrientationNodeS: 0 });

  it('node crossings: k·r = 0 at every event, alternating ascending/descending, at the orbital period', () => {
    const res = prop.propagate({ epoch, state: S0, stop: 43200, events: [nodeCrossingEvent({ toleranceS: 1e-7 })] });
    expect(res.events.length).toBeGreaterThan(4);
    const eo = new EarthOrientation(epoch, ts, 0);
    const m = new Float64Array(9);
    for (let i = 0; i < res.events.length; i++) {
      const e = res.events[i]!;
      eo.gcrfToItrfInto(e.tSeconds, m);
      // ITRF z of the event position (the equator of date): zero to within velocity × time tolerance.
      expect(Math.abs(m[6]! * e.state[0]! + m[7]! * e.state[1]! + m[8]! * e.state[2]!)).toBeLessThan(1e-5);
      // Independent check of the event state: Kepler at the event time.
      const ref = keplerState(MU, S0, e.tSeconds);
      expect(posErr(e.state, ref)).toBeLessThan(1e-5);
      if (i > 0) expect(e.increasing).toBe(!res.events[i - 1]!.increasing);
    }
    const r0 = Math.hypot(S0[0]!, S0[1]!, S0[2]!);
    const v2 = S0[3]! ** 2 + S0[4]! ** 2 + S0[5]! ** 2;
    const a = 1 / (2 / r0 - v2 / MU);
    const period = 2 * Math.PI * Math.sqrt(a ** 3 / MU);
    const asc = res.events.filter((e) => e.increasing);
    for (let i = 1; i < asc.length; i++) expect(Math.abs(asc[i]!.tSeconds - asc[i - 1]!.tSeconds - period)).toBeLessThan(1); // nodes of date move slowly
  });

  it('eclipse entry/exit from a supplied cylindrical shadow match the analytic crossing times', () => {
    // Circular equatorial orbit, Sun fixed along +x: shadow when x < 0 and |y| < R. Lit fraction as a smooth step in
    // the signed distance to the cylinder edge (1 km ramp), so the 0.5 crossing is the cylinder boundary.
    const R = 6378.137;
    const rc = 7000;
    const v = Math.sqrt(MU / rc);
    const s0 = [rc, 0, 0, 0, v, 0];
    const shadow = (_t: number, p: Float64Array): number => {
      if (p[0]! > 0) return 1;
      const d = Math.abs(p[1]!) - R;
      return Math.min(1, Math.max(0, 0.5 + d));
    };
    const res = prop.propagate({ epoch, state: s0, stop: 2 * Math.PI * Math.sqrt(rc ** 3 / MU), events: [eclipseEvent(shadow, { maxCheckS: 10, toleranceS: 1e-6 })] });
    expect(res.events.length).toBe(2);
    const n = Math.sqrt(MU / rc ** 3);
    const entry = (Math.PI - Math.asin(R / rc)) / n;
    const exit = (Math.PI + Math.asin(R / rc)) / n;
    expect(res.events[0]!.increasing).toBe(false);
    expect(Math.abs(res.events[0]!.tSeconds - entry)).toBeLessThan(1e-3);
    expect(Math.abs(res.events[1]!.tSeconds - exit)).toBeLessThan(1e-3);
  });

  it('a terminal altitude event stops the propagation at the crossing (geodetic altitude = 1500 km)', () => {
    const res = prop.propagate({ epoch, state: S0, stop: 86400, events: [altitudeCrossingEvent(1500, { terminal: true, direction: 1 })] });
    expect(res.finalTimeS).toBeLessThan(86400);
    expect(res.events.length).toBe(1);
    expect(res.events[0]!.tSeconds).toBe(res.finalTimeS);
    expect(posErr(res.finalState, keplerState(MU, S0, res.finalTimeS))).toBeLessThan(1e-5);
  });
});

describe('typed failures', () => {
  it('bad options and inputs are ArgumentErrors; a collision with the centre is PROPAGATION_FAILED', () => {
    expect(() => new RungeKuttaIntegrator(6, twoBody, { method: 'rk4' })).toThrow(/fixedStepS/);
    expect(() => new RungeKuttaIntegrator(6, twoBody, { rtol: -1 })).toThrow(/rtol/);
    expect(() => new RungeKuttaIntegrator(6, twoBody, { atol: [1, 2] })).toThrow(/atol/);
    const ts = createTimeScales();
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(MU)] });
    const epoch = ts.parseUtcIso('2023-01-01T00:00:00Z');
    expect(() => prop.propagate({ epoch, state: [7000, 0, 0], stop: 10 })).toThrow(expect.objectContaining({ code: 'ARGUMENT_INVALID' }));
    expect(() => prop.propagate({ epoch, state: S0, stop: 10, outputTimesS: [5, 20] })).toThrow(expect.objectContaining({ code: 'ARGUMENT_INVALID' }));
    // Radial fall from rest: r → 0 in finite time (≈ 1,300 s from 7,000 km); the step size collapses.
    expect(() => prop.propagate({ epoch, state: [7000, 0, 0, 0, 0, 0], stop: 5000 })).toThrow(expect.objectContaining({ code: 'PROPAGATION_FAILED' }));
  });
});
