/**
 * Planner-side GTOC9 debris ephemeris and J2 dynamics (separate from the checker's code). Debris: osculating elements
 * advanced with the mean motion and the J2 secular rates Ω̇ = −3/2 J2 (r_eq/p)² n cos i, ω̇ = 3/4 J2 (r_eq/p)² n (5 cos² i − 1)
 * (Kelvins equations page), converted through the true anomaly. Spacecraft: Dormand-Prince 5(4) adaptive integration
 * of the J2 equations of motion.
 */
import { GTOC9, type Gtoc9Debris } from '../rules.ts';

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

// Dormand-Prince 5(4) tableau.
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/** Propagates a spacecraft state with J2 over dtS seconds (Dormand-Prince 5(4), relative tolerance 1e-12). */
export function propagateJ2(s: State, dtS: number, tol = 1e-12): State {
  const y = Float64Array.from([...s.r, ...s.v]);
  if (dtS === 0) return { r: [...s.r] as Vec, v: [...s.v] as Vec };
  const sign = Math.sign(dtS);
  let h = sign * Math.min(30, Math.abs(dtS));
  let t = 0;
  const k = Array.from({ length: 7 }, () => new Float64Array(6));
  const tmp = new Float64Array(6);
  const y5 = new Float64Array(6);
  void C;
  let steps = 0;
  while (sign * (dtS - t) > 1e-9) {
    // A state that left the physical domain (NaN, collision with the Earth, runaway step count): report NaN.
    if (++steps > 2_000_000 || !(Math.abs(h) > 1e-6) || y[0]! * y[0]! + y[1]! * y[1]! + y[2]! * y[2]! < 4e6) {
      return { r: [NaN, NaN, NaN], v: [NaN, NaN, NaN] };
    }
    if (sign * (t + h - dtS) > 0) h = dtS - t;
    deriv(y, k[0]!);
    for (let st = 1; st < 7; st++) {
      const row = A[st]!;
      for (let j = 0; j < 6; j++) {
        let acc = y[j]!;
        for (let q = 0; q < st; q++) acc += h * row[q]! * k[q]![j]!;
        tmp[j] = acc;
      }
      deriv(tmp, k[st]!);
    }
    let err = 0;
    for (let j = 0; j < 6; j++) {
      let s5 = y[j]!;
      let s4 = y[j]!;
      for (let q = 0; q < 7; q++) {
        s5 += h * B5[q]! * k[q]![j]!;
        s4 += h * B4[q]! * k[q]![j]!;
      }
      y5[j] = s5;
      const scale = j < 3 ? 7000 : 7.5;
      err = Math.max(err, Math.abs(s5 - s4) / scale);
    }
    if (!Number.isFinite(err)) return { r: [NaN, NaN, NaN], v: [NaN, NaN, NaN] };
    if (err <= tol) {
      t += h;
      y.set(y5);
    }
    const fac = err === 0 ? 4 : Math.min(4, Math.max(0.2, 0.9 * (tol / err) ** 0.2));
    h *= fac;
  }
  return { r: [y[0]!, y[1]!, y[2]!], v: [y[3]!, y[4]!, y[5]!] };
}
