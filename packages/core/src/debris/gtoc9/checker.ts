/**
 * Independent checker of a GTOC9 solution. It shares only the constants and the file reader with the planner: its
 * debris ephemeris, Kepler solver and integrator (classical RK4 with a fixed step of at most 2 s, J2 equations of
 * the Kelvins equations page) are written separately, so that a planner bug cannot hide itself.
 *
 * Rules checked (Kelvins problem page; Skylane's reading where noted in docs/design/active-debris-removal.md):
 *  structure         each visit is an arrival line then a departure line for the same debris; DSMs (id −1) only in transfers;
 *                    a mission starts with the arrival at its first debris (launch delivery: zero ΔV) and ends with a departure;
 *  rendezvous        after the arrival impulse, |r − r_d| ≤ ε_r = 100 m and |v + ΔV − v_d| ≤ ε_v = 1 m/s; the departure line's
 *                    state coincides with the debris (co-orbiting) within the same tolerances;
 *  continuity        each coast arc re-propagated with J2 reaches the next line's state within ε_r, ε_v;
 *  wait              departure − arrival ≥ t_w = 5 days;
 *  transfer-duration departure → next arrival ≤ Δt_R = 30 days;
 *  perigee           osculating perigee radius of every coast arc ≥ r_pm = 6600 km;
 *  mass              each line's mass follows the rocket equation (Isp 340 s, g0 9.80665) and the 30-kg kit release at
 *                    departures within ε_m = 1e−8 kg (relative 1e−12 allowed for rounding); final mass ≥ m_dry;
 *                    propellant m0 − m_dry − N m_de ≤ m_p = 5000 kg;
 *  window            every epoch within [23467, 23467 + 8 × 365.25] MJD2000;
 *  mission-gap       next mission start ≥ previous mission end + Δt_M = 30 days;
 *  duplicate-debris  each debris removed once over the whole campaign;
 *  unknown-debris    ids must exist in the debris file;
 *  malformed         a line that could not be read (typed ParseError code).
 */
import type { RecordFailure } from '../../errors/index.ts';
import { GTOC9, GTOC9_CAMPAIGN_END_MJD2000, gtoc9MissionCostMeur, type Gtoc9Debris, type Gtoc9Mission, type ReadSolutionResult } from './rules.ts';

export type Gtoc9ViolationKind =
  | 'malformed'
  | 'structure'
  | 'rendezvous'
  | 'continuity'
  | 'wait'
  | 'transfer-duration'
  | 'perigee'
  | 'mass'
  | 'window'
  | 'mission-gap'
  | 'duplicate-debris'
  | 'unknown-debris';

export interface Gtoc9Violation {
  readonly kind: Gtoc9ViolationKind;
  /** 1-based mission number (file order), 0 for file-level problems. */
  readonly mission: number;
  /** 1-based leg: the debris visit (for rendezvous, wait, mass at a visit) or the transfer ending at that visit. */
  readonly leg: number;
  readonly line: number;
  /** The offending value, in the unit named by `unit`. */
  readonly value: number;
  readonly limit?: number;
  readonly unit: string;
  readonly message: string;
}

export interface Gtoc9MissionSummary {
  readonly mission: number;
  readonly debris: number[];
  readonly startMjd2000: number;
  readonly endMjd2000: number;
  readonly m0Kg: number;
  readonly deltaVKms: number;
  readonly costMeur: number;
}

export interface Gtoc9CheckResult {
  readonly valid: boolean;
  readonly violations: Gtoc9Violation[];
  readonly missions: Gtoc9MissionSummary[];
  readonly debrisRemoved: number;
  /** Σ c_i + α (m0_i − m_dry)² with c_i = 45 MEUR (the earliest-submission base cost). */
  readonly costMeur: number;
}

type V3 = [number, number, number];

/** The checker's own debris ephemeris (Kelvins equations page), km and km/s. */

export function debrisStateChecker(d: Gtoc9Debris, t: number): { r: V3; v: V3 } {
  const mu = GTOC9.muKm3s2;
  const n = Math.sqrt(mu / d.aKm ** 3);
  const p = d.aKm * (1 - d.e * d.e);
  const k = GTOC9.j2 * (GTOC9.reqKm / p) ** 2 * n;
  const dt = (t - d.epochMjd2000) * GTOC9.dayS;
  const raan = d.raanRad - 1.5 * k * Math.cos(d.iRad) * dt;
  const argp = d.argpRad + 0.75 * k * (5 * Math.cos(d.iRad) ** 2 - 1) * dt;
  const M = d.meanAnomalyRad + n * dt;
  // Kepler's equation by fixed-point-then-Newton (written independently of the planner's solver).
  const Mw = M - 2 * Math.PI * Math.floor(M / (2 * Math.PI));
  let E = Mw + d.e * Math.sin(Mw);
  for (let it = 0; it < 50; it++) {
    const f = E - d.e * Math.sin(E) - Mw;
    E -= f / (1 - d.e * Math.cos(E));
    if (Math.abs(f) < 1e-15) break;
  }
  const cosE = Math.cos(E);
  const sinE = Math.sin(E);
  const b = d.aKm * Math.sqrt(1 - d.e * d.e);
  // Perifocal position and velocity.
  const xp = d.aKm * (cosE - d.e);
  const yp = b * sinE;
  const rmag = d.aKm * (1 - d.e * cosE);
  const vxp = (-d.aKm * n * d.aKm * sinE) / rmag;
  const vyp = (n * d.aKm * b * cosE) / rmag;
  const cO = Math.cos(raan), sO = Math.sin(raan), cw = Math.cos(argp), sw = Math.sin(argp), ci = Math.cos(d.iRad), si = Math.sin(d.iRad);
  const P: V3 = [cO * cw - sO * sw * ci, sO * cw + cO * sw * ci, sw * si];
  const Q: V3 = [-cO * sw - sO * cw * ci, -sO * sw + cO * cw * ci, cw * si];
  return {
    r: [P[0] * xp + Q[0] * yp, P[1] * xp + Q[1] * yp, P[2] * xp + Q[2] * yp],
    v: [P[0] * vxp + Q[0] * vyp, P[1] * vxp + Q[1] * vyp, P[2] * vxp + Q[2] * vyp],
  };
}

// ---- checker's own J2 integrator: classical RK4, fixed step ≤ 2 s ------------------------------------------------

function accel(x: Float64Array, o: Float64Array, off: number): void {
  const [rx, ry, rz] = [x[0]!, x[1]!, x[2]!];
  const r2 = rx * rx + ry * ry + rz * rz;
  const r = Math.sqrt(r2);
  const k = (1.5 * GTOC9.j2 * GTOC9.reqKm * GTOC9.reqKm) / r2;
  const z2 = (5 * rz * rz) / r2;
  const m = -GTOC9.muKm3s2 / (r2 * r);
  o[off] = m * rx * (1 + k * (1 - z2));
  o[off + 1] = m * ry * (1 + k * (1 - z2));
  o[off + 2] = m * rz * (1 + k * (3 - z2));
}

/** Propagates (r, v) over dtS seconds; returns the final state and the lowest osculating perigee radius seen (sampled every step). */
export function checkerPropagateJ2(r0: readonly number[], v0: readonly number[], dtS: number): { r: V3; v: V3; minPerigeeKm: number } {
  const steps = Math.max(1, Math.ceil(Math.abs(dtS) / 2));
  const h = dtS / steps;
  const y = Float64Array.from([...r0, ...v0]);
  const k = new Float64Array(24);
  const tmp = new Float64Array(6);
  const a = new Float64Array(3);
  let minRp = perigeeRadius(y);
  const deriv = (s: Float64Array, out: number): void => {
    k[out] = s[3]!;
    k[out + 1] = s[4]!;
    k[out + 2] = s[5]!;
    accel(s, a, 0);
    k[out + 3] = a[0]!;
    k[out + 4] = a[1]!;
    k[out + 5] = a[2]!;
  };
  for (let s = 0; s < steps; s++) {
    deriv(y, 0);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + 0.5 * h * k[j]!;
    deriv(tmp, 6);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + 0.5 * h * k[6 + j]!;
    deriv(tmp, 12);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + h * k[12 + j]!;
    deriv(tmp, 18);
    for (let j = 0; j < 6; j++) y[j] = y[j]! + (h / 6) * (k[j]! + 2 * k[6 + j]! + 2 * k[12 + j]! + k[18 + j]!);
    if (s % 64 === 63) minRp = Math.min(minRp, perigeeRadius(y));
  }
  minRp = Math.min(minRp, perigeeRadius(y));
  return { r: [y[0]!, y[1]!, y[2]!], v: [y[3]!, y[4]!, y[5]!], minPerigeeKm: minRp };
}

/** Osculating (Keplerian) perigee radius of a state, km. */
function perigeeRadius(y: ArrayLike<number>): number {
  const r = [y[0]!, y[1]!, y[2]!];
  const v = [y[3]!, y[4]!, y[5]!];
  const h = [r[1]! * v[2]! - r[2]! * v[1]!, r[2]! * v[0]! - r[0]! * v[2]!, r[0]! * v[1]! - r[1]! * v[0]!];
  const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
  const v2 = v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
  const energy = v2 / 2 - GTOC9.muKm3s2 / rn;
  const a = -GTOC9.muKm3s2 / (2 * energy);
  const h2 = h[0]! ** 2 + h[1]! ** 2 + h[2]! ** 2;
  const e = Math.sqrt(Math.max(0, 1 - h2 / (GTOC9.muKm3s2 * a)));
  return a * (1 - e);
}

const dist = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
const norm = (a: readonly number[]): number => Math.hypot(a[0]!, a[1]!, a[2]!);
const add = (a: readonly number[], b: readonly number[]): V3 => [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];

/** Checks a whole solution (all missions) against the rules; every violation is reported with mission, leg, line and value. */
export function checkGtoc9Solution(
  solution: ReadSolutionResult,
  debrisList: readonly Gtoc9Debris[],
  window: { readonly startMjd2000: number; readonly endMjd2000: number } = { startMjd2000: GTOC9.campaignStartMjd2000, endMjd2000: GTOC9_CAMPAIGN_END_MJD2000 },
): Gtoc9CheckResult {
  const violations: Gtoc9Violation[] = [];
  const debris = new Map(debrisList.map((d) => [d.id, d]));
  const seen = new Map<number, number>();
  const summaries: Gtoc9MissionSummary[] = [];
  const ve = GTOC9.ispS * GTOC9.g0Kms2;
  const massTol = (m: number): number => Math.max(GTOC9.epsMassKg, 1e-12 * m);
  for (const f of solution.failures as RecordFailure[]) {
    violations.push({ kind: 'malformed', mission: 0, leg: 0, line: f.line, value: Number.NaN, unit: '-', message: `${f.code}: ${f.reason}` });
  }
  solution.missions.forEach((mission: Gtoc9Mission, mi) => {
    const m = mi + 1;
    const ev = mission.events;
    const push = (kind: Gtoc9ViolationKind, leg: number, line: number, value: number, unit: string, message: string, limit?: number): void => {
      violations.push({ kind, mission: m, leg, line, value, unit, message, ...(limit !== undefined ? { limit } : {}) });
    };
    const visited: number[] = [];
    let leg = 0;
    let prevT = Number.NEGATIVE_INFINITY;
    let afterR: V3 = [0, 0, 0];
    let afterV: V3 = [0, 0, 0];
    let afterM = 0;
    let lastDeparture = Number.NaN;
    let arrivalT = Number.NaN;
    let inVisit = false;
    let dvTotal = 0;
    ev.forEach((e, k) => {
      if (e.epochMjd2000 < window.startMjd2000 || e.epochMjd2000 > window.endMjd2000) {
        push('window', leg, e.line, e.epochMjd2000, 'MJD2000', `epoch outside the campaign window [${window.startMjd2000}, ${window.endMjd2000}].`);
      }
      if (e.epochMjd2000 < prevT) push('structure', leg, e.line, e.epochMjd2000, 'MJD2000', 'epochs must not decrease within a mission.');
      const dvMag = norm(e.dvKms);
      const d = e.id >= 0 ? debris.get(e.id) : undefined;
      if (e.id >= 0 && !d) push('unknown-debris', leg, e.line, e.id, 'id', `debris ${e.id} is not in the debris file.`);
      const isDeparture = inVisit && e.id >= 0 && e.id === visited[visited.length - 1];
      if (k === 0) {
        if (e.id < 0) push('structure', 0, e.line, e.id, 'id', 'a mission starts with the arrival (launch delivery) at its first debris.');
        if (dvMag > 0) push('structure', 1, e.line, dvMag * 1000, 'm/s', 'the launch delivers the spacecraft at the first debris: its ΔV must be zero.', 0);
      } else {
        const dtS = (e.epochMjd2000 - prevT) * GTOC9.dayS;
        if (isDeparture) {
          // Co-orbiting with the debris: mass drops by the kit.
          const expected = afterM - GTOC9.deorbitKitKg;
          if (Math.abs(e.massKg - expected) > massTol(expected)) push('mass', leg, e.line, e.massKg, 'kg', `departure mass must be the arrival mass minus the ${GTOC9.deorbitKitKg}-kg kit (${expected} kg).`, expected);
          const wait = e.epochMjd2000 - arrivalT;
          if (wait < GTOC9.minWaitDays - 1e-9) push('wait', leg, e.line, wait, 'days', `stay at debris ${e.id} is shorter than t_w = ${GTOC9.minWaitDays} days.`, GTOC9.minWaitDays);
        } else if (inVisit) {
          push('structure', leg, e.line, e.id, 'id', `debris ${visited[visited.length - 1]} needs a departure line (same id) before any other event.`);
        } else if (dtS > (GTOC9.maxTransferDays + 1) * GTOC9.dayS) {
          push('transfer-duration', leg + 1, e.line, dtS / GTOC9.dayS, 'days', `coast arc of ${(dtS / GTOC9.dayS).toFixed(1)} days is longer than any transfer may last; not re-propagated.`, GTOC9.maxTransferDays);
        } else {
          const p = checkerPropagateJ2(afterR, afterV, dtS);
          const dr = dist(p.r, e.rKm);
          const dv = dist(p.v, e.vKms);
          if (dr > GTOC9.epsPositionKm || dv > GTOC9.epsVelocityKms) {
            push('continuity', leg + (e.id >= 0 ? 1 : 0), e.line, dr * 1000, 'm', `re-propagated state misses this line by ${(dr * 1000).toFixed(1)} m and ${(dv * 1000).toFixed(3)} m/s.`, GTOC9.epsPositionKm * 1000);
          }
          if (p.minPerigeeKm < GTOC9.minPerigeeRadiusKm) push('perigee', leg + 1, e.line, p.minPerigeeKm, 'km', 'osculating perigee radius below r_pm.', GTOC9.minPerigeeRadiusKm);
          if (Math.abs(e.massKg - afterM) > massTol(afterM)) push('mass', leg + 1, e.line, e.massKg, 'kg', `mass must follow the rocket equation from the previous impulse (${afterM} kg).`, afterM);
        }
      }
      if (e.id >= 0 && d) {
        const s = debrisStateChecker(d, e.epochMjd2000);
        if (!isDeparture) {
          // Arrival: the state after the impulse must coincide with the debris.
          leg += 1;
          visited.push(e.id);
          const prior = seen.get(e.id);
          if (prior !== undefined) push('duplicate-debris', leg, e.line, e.id, 'id', `debris ${e.id} is already removed by mission ${prior}.`);
          else seen.set(e.id, m);
          const dr = dist(e.rKm, s.r);
          const dv = dist(add(e.vKms, e.dvKms), s.v);
          if (dr > GTOC9.epsPositionKm || dv > GTOC9.epsVelocityKms) {
            push('rendezvous', leg, e.line, dr * 1000, 'm', `after the arrival impulse the spacecraft is ${(dr * 1000).toFixed(1)} m and ${(dv * 1000).toFixed(3)} m/s from debris ${e.id} (tolerances 100 m, 1 m/s).`, GTOC9.epsPositionKm * 1000);
          }
          if (k > 0 && Number.isFinite(lastDeparture) && e.epochMjd2000 - lastDeparture > GTOC9.maxTransferDays + 1e-9) {
            push('transfer-duration', leg, e.line, e.epochMjd2000 - lastDeparture, 'days', `transfer to debris ${e.id} lasts more than Δt_R = ${GTOC9.maxTransferDays} days.`, GTOC9.maxTransferDays);
          }
          arrivalT = e.epochMjd2000;
          inVisit = true;
        } else {
          const dr = dist(e.rKm, s.r);
          const dv = dist(e.vKms, s.v);
          if (dr > GTOC9.epsPositionKm || dv > GTOC9.epsVelocityKms) {
            push('rendezvous', leg, e.line, dr * 1000, 'm', `at departure the spacecraft is ${(dr * 1000).toFixed(1)} m and ${(dv * 1000).toFixed(3)} m/s from debris ${e.id}: it must co-orbit during the stay.`, GTOC9.epsPositionKm * 1000);
          }
          lastDeparture = e.epochMjd2000;
          inVisit = false;
        }
      }
      dvTotal += dvMag;
      prevT = e.epochMjd2000;
      afterR = [...e.rKm] as V3;
      afterV = add(e.vKms, e.dvKms);
      afterM = e.massKg * Math.exp(-dvMag / ve);
    });
    const last = ev[ev.length - 1]!;
    if (inVisit) push('structure', leg, last.line, last.id, 'id', 'a mission ends with the departure from its last debris (the kit is activated during the stay).');
    if (afterM < GTOC9.dryMassKg - GTOC9.epsMassKg) push('mass', leg, last.line, afterM, 'kg', `final mass below the dry mass ${GTOC9.dryMassKg} kg.`, GTOC9.dryMassKg);
    const m0 = ev[0]!.massKg;
    const propellant = m0 - GTOC9.dryMassKg - visited.length * GTOC9.deorbitKitKg;
    if (propellant > GTOC9.maxPropellantKg + GTOC9.epsMassKg) push('mass', 1, ev[0]!.line, propellant, 'kg', `propellant m0 − m_dry − N·m_de = ${propellant.toFixed(3)} kg exceeds m_p.`, GTOC9.maxPropellantKg);
    summaries.push({ mission: m, debris: visited, startMjd2000: ev[0]!.epochMjd2000, endMjd2000: last.epochMjd2000, m0Kg: m0, deltaVKms: dvTotal, costMeur: gtoc9MissionCostMeur(m0) });
  });
  const order = [...summaries].sort((a, b) => a.startMjd2000 - b.startMjd2000);
  for (let k = 1; k < order.length; k++) {
    const gap = order[k]!.startMjd2000 - order[k - 1]!.endMjd2000;
    if (gap < GTOC9.minMissionGapDays - 1e-9) {
      const first = solution.missions[order[k]!.mission - 1]!.events[0]!;
      violations.push({ kind: 'mission-gap', mission: order[k]!.mission, leg: 0, line: first.line, value: gap, limit: GTOC9.minMissionGapDays, unit: 'days', message: `mission ${order[k]!.mission} starts ${gap.toFixed(3)} days after mission ${order[k - 1]!.mission} ends (Δt_M = ${GTOC9.minMissionGapDays} days).` });
    }
  }
  return {
    valid: violations.length === 0,
    violations,
    missions: summaries,
    debrisRemoved: seen.size,
    costMeur: summaries.reduce((s, x) => s + x.costMeur, 0),
  };
}
