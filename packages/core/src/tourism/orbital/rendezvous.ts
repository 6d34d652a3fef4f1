/**
 * Rendezvous plan of a crewed vehicle with a station, from insertion to docking, flown on the numerical propagator.
 *
 * Burns (Fehse 2003 ch. 2–3; the Soyuz/Progress fast profiles, Murtazin & Budylov 2010):
 * 1. `phasing-1` at the first apogee after insertion (or `firstBurnDelayS` for a near-circular insertion): a
 *    tangential burn that puts the other apse at the phasing radius r_p (Hohmann-type raise, radial velocity zeroed).
 * 2. `phasing-2` half a transfer orbit later: circularisation at r_p (the co-elliptic/phasing orbit).
 * 3. `terminal-initiation` (TI) where the target leads by Δθ_T − u̇_t T_T: a transfer of angle Δθ_T (default 150°)
 *    to the target's position at the docking time.
 * 4. `docking`: the velocity match with the target (the last metres of proximity operations are not modelled).
 * r_p comes from the J2 phase-closure equation (phasing.ts), then a differential correction on the numerical
 * propagator: the phase measured at TI is driven to its required value by Newton steps in r_p (slope from the
 * analytic equation). The TI burn starts from a Keplerian Lambert solution (orbits/lambert.ts) and is corrected by
 * Newton shooting on the numerical propagator (finite-difference Jacobian ∂r(t_dock)/∂v(TI), δv = 1 cm/s) until the
 * miss at docking is below 1 m. The target and chaser use the same force list (default: zonal gravity to J2).
 *
 * Frames and units: GCRF, km, km/s, TAI seconds from the insertion epoch; burns in the chaser's RTN frame, m/s.
 */
import { ArgumentError } from '../../errors/index.ts';
import { lambertUniversal } from '../../orbits/lambert.ts';
import { J2_MODEL_RADIUS_KM, j2NodalRateRadS } from '../../orbits/j2Secular.ts';
import type { ForceModel } from '../../propagation/numerical/forceModel.ts';
import { NumericalPropagator } from '../../propagation/numerical/propagator.ts';
import { ZonalGravity } from '../../propagation/numerical/zonalGravity.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { MU_KM3S2, RENDEZVOUS_PROFILES, phaseResidual, solvePhasing, type RendezvousProfile } from './phasing.ts';
import { cross, dot, fromRtnComponents, norm, phaseAheadRad, pos, sub, toRtnComponents, unit, vel, wrapAngle, type V3 } from './vec.ts';

/** A GCRF state at an epoch (km, km/s). */
export interface OrbitState {
  readonly epoch: Instant;
  readonly stateGcrf: ArrayLike<number>;
}

export interface RendezvousRequest {
  readonly station: OrbitState;
  /** The chaser just after insertion (orbit injection). */
  readonly insertion: OrbitState;
  readonly profile: RendezvousProfile;
  /** Forces of plan and verification (default [ZonalGravity to J2]). */
  readonly forces?: readonly ForceModel[];
  /** Terminal transfer angle (deg), default 150. */
  readonly terminalAngleDeg?: number;
  /** First burn time after insertion for a near-circular insertion (s), default 600. */
  readonly firstBurnDelayS?: number;
  /** Lowest phasing altitude (km above the 6378.137 km radius), default 180. */
  readonly minPhasingAltitudeKm?: number;
  /** Smallest height difference of the phasing orbit from the station (km), default 10. */
  readonly minSeparationKm?: number;
  /** Trajectory sample spacing of the verification (s), default 60. */
  readonly sampleStepS?: number;
}

export type BurnLabel = 'phasing-1' | 'phasing-2' | 'plane-change' | 'terminal-initiation' | 'docking';

export interface PlannedBurn {
  readonly label: BurnLabel;
  readonly epoch: Instant;
  /** TAI seconds from the insertion epoch. */
  readonly tS: number;
  /** Δv in the chaser's RTN frame just before the burn (m/s). */
  readonly dvRtnMps: V3;
  readonly dvMps: number;
}

export interface TrajectorySample {
  /** TAI seconds from the reference epoch of the result. */
  readonly tS: number;
  readonly state: [number, number, number, number, number, number];
}

export interface RendezvousPlan {
  readonly profile: RendezvousProfile;
  readonly insertionEpoch: Instant;
  readonly dockingEpoch: Instant;
  readonly durationS: number;
  readonly burns: PlannedBurn[];
  readonly totalDeltaVMps: number;
  readonly phasing: {
    readonly initialPhaseDeg: number;
    readonly phaseAtFirstBurnDeg: number;
    readonly phasingAltitudeKm: number;
    readonly analyticPhasingAltitudeKm: number;
    readonly stationAltitudeKm: number;
    readonly terminalAngleDeg: number;
    readonly closureIterations: number;
    readonly phaseErrorAtTiDeg: number;
    readonly targetingIterations: number;
  };
  /** Verification: the burns re-executed from insertion on the numerical propagator, compared with the station. */
  readonly finalMissKm: number;
  readonly finalRelSpeedMps: number;
  /** Chaser samples from insertion to docking (GCRF), for screening and plots. */
  readonly trajectory: TrajectorySample[];
  /** Station samples over the same span (GCRF). */
  readonly stationTrajectory: TrajectorySample[];
}

type S6 = [number, number, number, number, number, number];

/** A propagator bound to a reference epoch: states at TAI seconds from it. */
export class SegmentPropagator {
  private readonly prop: NumericalPropagator;
  constructor(readonly ts: TimeScales, readonly reference: Instant, forces: readonly ForceModel[]) {
    this.prop = new NumericalPropagator({ timeScales: ts, forces, rtol: 1e-11, atol: [1e-7, 1e-7, 1e-7, 1e-10, 1e-10, 1e-10], earthOrientationNodeS: 600 });
  }

  /** The state at t1S from the state at t0S (seconds from the reference). */
  run(t0S: number, state: ArrayLike<number>, t1S: number): S6 {
    if (t1S === t0S) return Array.from(state).slice(0, 6) as S6;
    const r = this.prop.propagate({ epoch: this.reference.plusSeconds(t0S), state, stop: t1S - t0S });
    return Array.from(r.finalState) as S6;
  }

  /** Samples every `stepS` (and at both ends) from t0S to t1S. */
  sample(t0S: number, state: ArrayLike<number>, t1S: number, stepS: number): TrajectorySample[] {
    const n = Math.max(1, Math.ceil((t1S - t0S) / stepS));
    const times = Array.from({ length: n + 1 }, (_, i) => (i === n ? t1S - t0S : i * stepS));
    if (t1S === t0S) return [{ tS: t0S, state: Array.from(state).slice(0, 6) as S6 }];
    const r = this.prop.propagate({ epoch: this.reference.plusSeconds(t0S), state, stop: t1S - t0S, outputTimesS: times });
    return times.map((t, i) => ({ tS: t0S + t, state: Array.from(r.outputStates.subarray(i * 6, i * 6 + 6)) as S6 }));
  }
}

const withDv = (s: ArrayLike<number>, dv: ArrayLike<number>): S6 => [s[0]!, s[1]!, s[2]!, s[3]! + dv[0]!, s[4]! + dv[1]!, s[5]! + dv[2]!];

/** Tangential burn that sets the opposite apse at `otherApseKm` (radial velocity zeroed): the inertial Δv (km/s). */
function apseBurn(s: ArrayLike<number>, otherApseKm: number, planeNormal?: ArrayLike<number>): V3 {
  const r = norm(pos(s));
  const vNew = Math.sqrt(MU_KM3S2 * (2 / r - 2 / (r + otherApseKm)));
  const rh = unit(pos(s));
  const want = planeNormal ?? cross(pos(s), vel(s));
  const k = dot(want, rh);
  const n = unit([want[0]! - k * rh[0], want[1]! - k * rh[1], want[2]! - k * rh[2]]);
  const t = cross(n, unit(pos(s)));
  return sub(t.map((x) => x * vNew), vel(s));
}

/** Station rate of the argument of latitude (rad/s) and mean radius (km), measured over one revolution numerically. */
function measureStation(p: SegmentPropagator, s0: ArrayLike<number>): { rateRadS: number; meanRadiusKm: number; inclinationRad: number } {
  const r0 = norm(pos(s0));
  const v2 = dot(vel(s0), vel(s0));
  const a = 1 / (2 / r0 - v2 / MU_KM3S2);
  const period = 2 * Math.PI * Math.sqrt((a * a * a) / MU_KM3S2);
  const samples = p.sample(0, s0, period, 60);
  let angle = 0;
  let rSum = 0;
  for (let i = 1; i < samples.length; i++) {
    const a0 = samples[i - 1]!.state;
    const a1 = samples[i]!.state;
    const h = unit(cross(pos(a0), vel(a0)));
    angle += Math.atan2(dot(h, cross(pos(a0), pos(a1))), dot(pos(a0), pos(a1)));
    rSum += 0.5 * (norm(pos(a0)) + norm(pos(a1))) * (samples[i]!.tS - samples[i - 1]!.tS);
  }
  const h = unit(cross(pos(s0), vel(s0)));
  return { rateRadS: angle / period, meanRadiusKm: rSum / period, inclinationRad: Math.acos(Math.max(-1, Math.min(1, h[2]))) };
}

/** Time (s) from the state to its next apogee (two-body elements). */
function timeToApogeeS(s: ArrayLike<number>): { timeS: number; eccentricity: number } {
  const r = pos(s);
  const v = vel(s);
  const rn = norm(r);
  const a = 1 / (2 / rn - dot(v, v) / MU_KM3S2);
  const rv = dot(r, v);
  const ecosE = 1 - rn / a;
  const esinE = rv / Math.sqrt(MU_KM3S2 * a);
  const e = Math.hypot(ecosE, esinE);
  const E = Math.atan2(esinE, ecosE);
  const M = E - esinE;
  const n = Math.sqrt(MU_KM3S2 / (a * a * a));
  let dM = Math.PI - M;
  dM = ((dM % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return { timeS: dM / n, eccentricity: e };
}

/** Executes impulsive burns (RTN, m/s, at tS from `reference`) from a state at t = 0 to `endS`, sampling every `stepS`. */
export function executeBurns(p: SegmentPropagator, state0: ArrayLike<number>, burns: readonly { tS: number; dvRtnMps: ArrayLike<number> }[], endS: number, stepS: number): { finalState: S6; samples: TrajectorySample[]; preBurnStates: S6[] } {
  let t = 0;
  let s: S6 = Array.from(state0).slice(0, 6) as S6;
  const samples: TrajectorySample[] = [];
  const pre: S6[] = [];
  const sorted = [...burns].sort((a, b) => a.tS - b.tS);
  for (const b of sorted) {
    const seg = p.sample(t, s, b.tS, stepS);
    samples.push(...(samples.length > 0 ? seg.slice(1) : seg));
    s = seg[seg.length - 1]!.state;
    pre.push(s);
    const dv = fromRtnComponents(s, [b.dvRtnMps[0]! / 1000, b.dvRtnMps[1]! / 1000, b.dvRtnMps[2]! / 1000]);
    s = withDv(s, dv);
    t = b.tS;
  }
  if (endS > t) {
    const seg = p.sample(t, s, endS, stepS);
    samples.push(...(samples.length > 0 ? seg.slice(1) : seg));
    s = seg[seg.length - 1]!.state;
  }
  return { finalState: s, samples, preBurnStates: pre };
}

/** Plans the rendezvous and verifies it by re-executing the burns from insertion (module header). */
export function planRendezvous(req: RendezvousRequest, ts: TimeScales): RendezvousPlan {
  const spec = RENDEZVOUS_PROFILES[req.profile];
  if (spec === undefined) throw new ArgumentError(`Unknown rendezvous profile ${String(req.profile)}: use fast, 4-orbit or 2-day.`, req.profile);
  for (const [name, st] of [['station', req.station], ['insertion', req.insertion]] as const) {
    const a = Array.from(st.stateGcrf);
    if (a.length !== 6 || !a.every(Number.isFinite)) throw new ArgumentError(`The ${name} state must be 6 finite GCRF values (km, km/s).`, a);
    if (norm(a) < J2_MODEL_RADIUS_KM + 100) throw new ArgumentError(`The ${name} state is below 100 km altitude (|r| = ${norm(a).toFixed(1)} km): give a GCRF position in km.`, a);
  }
  const forces = req.forces ?? [new ZonalGravity({ maxDegree: 2 })];
  const ref = req.insertion.epoch;
  const p = new SegmentPropagator(ts, ref, forces);
  const stDt = req.station.epoch.secondsSince(ref);
  const station0: S6 = stDt === 0 ? (Array.from(req.station.stateGcrf) as S6) : new SegmentPropagator(ts, req.station.epoch, forces).run(0, req.station.stateGcrf, -stDt);
  const chaser0 = Array.from(req.insertion.stateGcrf) as S6;
  const st = measureStation(p, station0);
  const totalS = (spec.revolutions * 2 * Math.PI) / st.rateRadS;
  const apo = timeToApogeeS(chaser0);
  const t1 = apo.eccentricity > 0.002 ? (apo.timeS < 120 ? apo.timeS + (2 * Math.PI) / Math.sqrt(MU_KM3S2 / norm(pos(chaser0)) ** 3) : apo.timeS) : (req.firstBurnDelayS ?? 600);
  const c1 = p.run(0, chaser0, t1);
  const s1 = p.run(0, station0, t1);
  const theta0 = phaseAheadRad(chaser0, station0);
  const theta1 = phaseAheadRad(c1, s1);
  const angleT = ((req.terminalAngleDeg ?? 150) * Math.PI) / 180;
  if (!(angleT > 0.3 && angleT < 3.0)) throw new ArgumentError(`The terminal transfer angle must lie in (17°, 172°); got ${req.terminalAngleDeg}°.`, req.terminalAngleDeg);
  const r1 = norm(pos(c1));
  const input = {
    r1Km: r1,
    targetRadiusKm: st.meanRadiusKm,
    targetRateRadS: st.rateRadS,
    inclinationRad: st.inclinationRad,
    theta1Rad: theta1,
    remainingS: totalS - t1,
    terminalAngleRad: angleT,
    minRadiusKm: J2_MODEL_RADIUS_KM + (req.minPhasingAltitudeKm ?? 180),
    maxRadiusKm: st.meanRadiusKm + 150,
    minSeparationKm: req.minSeparationKm ?? 10,
  };
  const sol = solvePhasing(input);
  if (sol === undefined) {
    throw new ArgumentError(
      `The ${req.profile} profile cannot close a phase of ${((theta1 * 180) / Math.PI).toFixed(1)}° (station ahead of the chaser at the first burn) in ${(totalS / 3600).toFixed(1)} h with a phasing orbit between ${(input.minRadiusKm - J2_MODEL_RADIUS_KM).toFixed(0)} and ${(input.maxRadiusKm - J2_MODEL_RADIUS_KM).toFixed(0)} km and at least ${input.minSeparationKm} km from the station's ${(st.meanRadiusKm - J2_MODEL_RADIUS_KM).toFixed(0)} km: choose another launch time (the phase at insertion) or a longer profile (4-orbit, 2-day).`,
      theta1,
    );
  }
  // Differential correction of r_p on the numerical propagator: the phase at TI.
  let rp = sol.phasingRadiusKm;
  let iterations = 0;
  let phaseErr = 0;
  let seg!: { t2: number; tTi: number; dv1: V3; dv2: V3; cTi: S6; c2: S6; tT: number; plane?: { tS: number; pre: S6; dv: V3 } };
  const simulate = (rpKm: number): typeof seg => {
    const res = phaseResidual(input, rpKm);
    const dv1 = apseBurn(c1, rpKm);
    const t2 = t1 + res.transfer1S;
    const c2 = p.run(t1, withDv(c1, dv1), t2);
    const dv2 = apseBurn(c2, norm(pos(c2)));
    const tTi = totalS - res.terminalS;
    // Plane correction (pure normal burn) where the chaser crosses the plane it must have then: the station's plane
    // at TI rotated back about the pole by the chaser's own J2 nodal regression over the rest of the coast.
    const sTiPlane = p.run(t1, s1, tTi);
    const hT = unit(cross(pos(sTiPlane), vel(sTiPlane)));
    const nodal = j2NodalRateRadS(norm(pos(c2)), input.inclinationRad);
    const desired = (tS: number): V3 => {
      const a = -nodal * (tTi - tS);
      return [Math.cos(a) * hT[0] - Math.sin(a) * hT[1], Math.sin(a) * hT[0] + Math.cos(a) * hT[1], hT[2]];
    };
    const c2b = withDv(c2, dv2);
    let tPc = t2;
    for (let k = 0; k < 3; k++) {
      const at = k === 0 ? c2b : p.run(t2, c2b, tPc);
      const hc = unit(cross(pos(at), vel(at)));
      const line = unit(cross(hc, desired(tPc)));
      const rh = unit(pos(at));
      let ang = Math.atan2(dot(hc, cross(rh, line)), dot(rh, line));
      ang = ((ang % Math.PI) + Math.PI) % Math.PI; // either crossing of the line
      tPc += ang / Math.sqrt(MU_KM3S2 / norm(pos(at)) ** 3);
    }
    if (tPc > tTi - 120) {
      const cTi = p.run(t2, c2b, tTi);
      return { t2, tTi, dv1, dv2, cTi, c2, tT: res.terminalS };
    }
    const pre = p.run(t2, c2b, tPc);
    const rh = unit(pos(pre));
    const want = desired(tPc);
    const kk = dot(want, rh);
    const nNew = unit([want[0] - kk * rh[0], want[1] - kk * rh[1], want[2] - kk * rh[2]]);
    const vr = dot(vel(pre), rh);
    const vh = norm(sub(vel(pre), rh.map((x) => x * vr)));
    const tNew = cross(nNew, rh);
    const vNew: V3 = [0, 1, 2].map((i) => vr * rh[i]! + vh * tNew[i]!) as V3;
    const dvP = sub(vNew, vel(pre));
    const cTi = p.run(tPc, withDv(pre, dvP), tTi);
    return { t2, tTi, dv1, dv2, cTi, c2, tT: res.terminalS, plane: { tS: tPc, pre, dv: dvP } };
  };
  for (; iterations < 12; iterations++) {
    seg = simulate(rp);
    const sTi = p.run(t1, s1, seg.tTi);
    const required = angleT - st.rateRadS * seg.tT;
    phaseErr = wrapAngle(phaseAheadRad(seg.cTi, sTi) - required);
    if (Math.abs(phaseErr) < 2e-5) break;
    const slope = (phaseResidual(input, rp + 0.05).residualRad - phaseResidual(input, rp - 0.05).residualRad) / 0.1;
    const step = Math.max(-20, Math.min(20, -phaseErr / slope));
    rp += step;
  }
  if (Math.abs(phaseErr) > 0.01) throw new ArgumentError(`The phasing did not converge on the numerical propagator (phase error ${((phaseErr * 180) / Math.PI).toFixed(3)}° at TI): try another profile or terminal angle.`, phaseErr);
  // Terminal transfer: Lambert guess, Newton shooting on the numerical propagator.
  const tDock = totalS;
  const sDock = p.run(0, station0, tDock);
  const rTarget = pos(sDock);
  const normal = cross(pos(seg.cTi), vel(seg.cTi));
  const lam = lambertUniversal(pos(seg.cTi), rTarget, tDock - seg.tTi, MU_KM3S2, normal, 0, 'left');
  let v: V3 = lam !== undefined ? [...lam.v1] : [...vel(seg.cTi)];
  let targeting = 0;
  let miss = Number.POSITIVE_INFINITY;
  let cDock: S6 = seg.cTi;
  for (; targeting < 15; targeting++) {
    const f = (vv: V3): S6 => p.run(seg.tTi, [...pos(seg.cTi), ...vv], tDock);
    cDock = f(v);
    const e = sub(pos(cDock), rTarget);
    miss = norm(e);
    if (miss < 1e-3) break;
    const h = 1e-5;
    const J: number[][] = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (let j = 0; j < 3; j++) {
      const vp: V3 = [...v];
      vp[j] = vp[j]! + h;
      const rp2 = pos(f(vp));
      for (let i = 0; i < 3; i++) J[i]![j] = (rp2[i]! - cDock[i]!) / h;
    }
    const d = solve3(J, e);
    v = [v[0] - d[0], v[1] - d[1], v[2] - d[2]];
  }
  if (!(miss < 0.01)) throw new ArgumentError(`The terminal targeting did not converge (miss ${miss.toFixed(3)} km at docking).`, miss);
  const dvTi = sub(v, vel(seg.cTi));
  const dvDock = sub(vel(sDock), vel(cDock));
  const tiState: S6 = seg.cTi;
  const burnsRaw: { label: BurnLabel; tS: number; pre: ArrayLike<number>; dv: V3 }[] = [
    { label: 'phasing-1', tS: t1, pre: c1, dv: seg.dv1 },
    { label: 'phasing-2', tS: seg.t2, pre: seg.c2, dv: seg.dv2 },
    ...(seg.plane !== undefined ? [{ label: 'plane-change' as const, tS: seg.plane.tS, pre: seg.plane.pre, dv: seg.plane.dv }] : []),
    { label: 'terminal-initiation', tS: seg.tTi, pre: tiState, dv: dvTi },
    { label: 'docking', tS: tDock, pre: cDock, dv: dvDock },
  ];
  const burns: PlannedBurn[] = burnsRaw.map((b) => {
    const rtn = toRtnComponents(b.pre, b.dv).map((x) => x * 1000) as V3;
    return { label: b.label, epoch: ref.plusSeconds(b.tS), tS: b.tS, dvRtnMps: rtn, dvMps: norm(rtn) };
  });
  // Verification: a fresh execution of the burns, as published (RTN, m/s), from insertion.
  const exec = executeBurns(new SegmentPropagator(ts, ref, forces), chaser0, burns, tDock, req.sampleStepS ?? 60);
  const stationTrajectory = new SegmentPropagator(ts, ref, forces).sample(0, station0, tDock, req.sampleStepS ?? 60);
  const stationEnd = stationTrajectory[stationTrajectory.length - 1]!.state;
  const finalMissKm = norm(sub(pos(exec.finalState), pos(stationEnd)));
  const finalRelSpeedMps = norm(sub(vel(exec.finalState), vel(stationEnd))) * 1000;
  return {
    profile: req.profile,
    insertionEpoch: ref,
    dockingEpoch: ref.plusSeconds(tDock),
    durationS: tDock,
    burns,
    totalDeltaVMps: burns.reduce((s, b) => s + b.dvMps, 0),
    phasing: {
      initialPhaseDeg: (theta0 * 180) / Math.PI,
      phaseAtFirstBurnDeg: (theta1 * 180) / Math.PI,
      phasingAltitudeKm: rp - J2_MODEL_RADIUS_KM,
      analyticPhasingAltitudeKm: sol.phasingRadiusKm - J2_MODEL_RADIUS_KM,
      stationAltitudeKm: st.meanRadiusKm - J2_MODEL_RADIUS_KM,
      terminalAngleDeg: (angleT * 180) / Math.PI,
      closureIterations: iterations + 1,
      phaseErrorAtTiDeg: (phaseErr * 180) / Math.PI,
      targetingIterations: targeting + 1,
    },
    finalMissKm,
    finalRelSpeedMps,
    trajectory: exec.samples,
    stationTrajectory,
  };
}

/** Solves the 3×3 system J x = b (Cramer's rule). */
function solve3(J: number[][], b: ArrayLike<number>): V3 {
  const [a, bb, c] = [J[0]!, J[1]!, J[2]!];
  const det = (m0: number[], m1: number[], m2: number[]): number => m0[0]! * (m1[1]! * m2[2]! - m1[2]! * m2[1]!) - m0[1]! * (m1[0]! * m2[2]! - m1[2]! * m2[0]!) + m0[2]! * (m1[0]! * m2[1]! - m1[1]! * m2[0]!);
  const D = det(a, bb, c);
  const col = (m: number[], k: number, val: number): number[] => m.map((x, j) => (j === k ? val : x));
  return [0, 1, 2].map((k) => det(col(a, k, b[0]!), col(bb, k, b[1]!), col(c, k, b[2]!)) / D) as V3;
}

