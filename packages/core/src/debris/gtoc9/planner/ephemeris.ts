/**
 * Planner-side GTOC9 debris ephemeris and J2 dynamics (separate from the checker's code). Debris: osculating elements
 * advanced with the mean motion and the J2 secular rates Ω̇ = −3/2 J2 (r_eq/p)² n cos i, ω̇ = 3/4 J2 (r_eq/p)² n (5 cos² i − 1)
 * (Kelvins equations page), converted through the true anomaly. Spacecraft: Dormand-Prince 5(4) adaptive integration
 * of the J2 equations of motion.
 */
import { GTOC9, type Gtoc9Debris } from '../rules.ts';
import { RungeKuttaIntegrator, type OdeFunction } from '../../../propagation/numerical/integrator.ts';

export type Vec = [number, number, number];
export interface State {
  r: Vec;
  v: Vec;
}

/** Secular rates of a debris (rad/s): node and perigee. */
export function j2Rates(aKm: number, e: number, iRad: number): { n: number; raanDot: number; argpDot: number } {
  const n = Math.sqrt(GTOC9.muKm3s2 / aKm ** 3);
  const p = aKm * (1 - e * e);
  const k = GTOC9.j2 * (GTOC9.reqKm / p) ** 2 * n;
  return { n, raanDot: -1.5 * k * Math.cos(iRad), argpDot: 0.75 * k * (5 * Math.cos(iRad) ** 2 - 1) };
}

/** RAAN of a debris at an epoch (rad, unwrapped). */
export function debrisRaan(d: Gtoc9Debris, tMjd2000: number): number {
  return d.raanRad + j2Rates(d.aKm, d.e, d.iRad).raanDot * (tMjd2000 - d.epochMjd2000) * GTOC9.dayS;
}

export function elementsToState(aKm: number, e: number, iRad: number, raan: number, argp: number, M: number): State {
  let E = M;
  for (let k = 0; k < 40; k++) {
    const dE = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= dE;
    if (Math.abs(dE) < 1e-14) break;
  }
  const nu = 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(E / 2), Math.sqrt(1 - e) * Math.cos(E / 2));
  const p = aKm * (1 - e * e);
  const r = p / (1 + e * Math.cos(nu));
  const u = argp + nu;
  const sq = Math.sqrt(GTOC9.muKm3s2 / p);
  const cu = Math.cos(u), su = Math.sin(u), cO = Math.cos(raan), sO = Math.sin(raan), ci = Math.cos(iRad), si = Math.sin(iRad);
  const rv: Vec = [r * (cO * cu - sO * su * ci), r * (sO * cu + cO * su * ci), r * su * si];
  // v = sqrt(mu/p) [ -(sin u + e sin w) * ê1 + (cos u + e cos w) * ê2 ] in the node frame.
  const a1 = -(su + e * Math.sin(argp));
  const a2 = cu + e * Math.cos(argp);
  const vv: Vec = [sq * (a1 * cO - a2 * sO * ci), sq * (a1 * sO + a2 * cO * ci), sq * a2 * si];
  return { r: rv, v: vv };
}

/** Debris state at an epoch (km, km/s). */
export function debrisState(d: Gtoc9Debris, tMjd2000: number): State {
  const rates = j2Rates(d.aKm, d.e, d.iRad);
  const dt = (tMjd2000 - d.epochMjd2000) * GTOC9.dayS;
  const M = (d.meanAnomalyRad + rates.n * dt) % (2 * Math.PI);
  return elementsToState(d.aKm, d.e, d.iRad, d.raanRad + rates.raanDot * dt, d.argpRad + rates.argpDot * dt, M);
}

function deriv(y: Float64Array, out: Float64Array): void {
  const x = y[0]!, yy = y[1]!, z = y[2]!;
  const r2 = x * x + yy * yy + z * z;
  const r = Math.sqrt(r2);
  const f = (1.5 * GTOC9.j2 * GTOC9.reqKm * GTOC9.reqKm) / r2;
  const zz = (5 * z * z) / r2;
  const m = -GTOC9.muKm3s2 / (r2 * r);
  out[0] = y[3]!;
  out[1] = y[4]!;
  out[2] = y[5]!;
  out[3] = m * x * (1 + f * (1 - zz));
  out[4] = m * yy * (1 + f * (1 - zz));
  out[5] = m * z * (1 + f * (3 - zz));
}

const j2Ode: OdeFunction = (_t, y, dydt) => deriv(y, dydt);

/**
 * Propagates a spacecraft state with J2 over dtS seconds: the core's Dormand–Prince 5(4) (propagation/numerical) with
 * the error of each component measured against 7,000 km and 7.5 km/s times `tol` (default 1e-12). A state that leaves
 * the physical domain (NaN, below 2,000 km from the centre, a runaway step count) comes back as NaN.
 */
export function propagateJ2(s: State, dtS: number, tol = 1e-12): State {
  if (dtS === 0) return { r: [...s.r] as Vec, v: [...s.v] as Vec };
  const failed: State = { r: [NaN, NaN, NaN], v: [NaN, NaN, NaN] };
  const integrator = new RungeKuttaIntegrator(6, j2Ode, {
    method: 'dp54',
    rtol: 0,
    atol: [7000 * tol, 7000 * tol, 7000 * tol, 7.5 * tol, 7.5 * tol, 7.5 * tol],
    initialStepS: Math.min(30, Math.abs(dtS)),
    maxSteps: 2_000_000,
  });
  let y: Float64Array;
  try {
    y = integrator.integrate(0, [...s.r, ...s.v], dtS, (step) => (step.yEnd[0]! ** 2 + step.yEnd[1]! ** 2 + step.yEnd[2]! ** 2 < 4e6 ? step.tEnd : undefined)).y;
  } catch {
    return failed;
  }
  if (!(y[0]! ** 2 + y[1]! ** 2 + y[2]! ** 2 >= 4e6) || !y.every(Number.isFinite)) return failed;
  return { r: [y[0]!, y[1]!, y[2]!], v: [y[3]!, y[4]!, y[5]!] };
}
