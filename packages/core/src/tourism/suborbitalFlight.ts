/**
 * A suborbital flight (3-DOF point mass): powered near-vertical ascent of a capsule on its booster, main-engine
 * cut-off (MECO), capsule separation, coast through apogee, ballistic reentry with drag, drogue and main parachutes,
 * touchdown; the booster's ballistic return; or an abort with the capsule's escape motor at a given time.
 *
 * Frame "L" of launch/ascent.ts (Earth-centred inertial axes equal to the Earth-fixed ones at liftoff). Forces:
 * - gravity: `j2` (central + J2, as launch/ascent.ts), `inverse-square` (μ/r²) or `uniform` (g₀ = 9.80665 m/s² along
 *   the launch site's geodetic vertical: the closed-form test case);
 * - thrust T(h) = T_vac − (T_vac − T_sl)·e^(−h/7 km) with ṁ = T_vac/(g₀·Isp_vac) (launch/vehicles.ts' model), along the
 *   vehicle axis held at `pitchFromVerticalDeg` from the local geodetic vertical towards `headingDeg`;
 * - drag ½ρ|v_rel|v_rel·C_D·A with ρ of the exponential atmosphere (Vallado table, as launch/ascent.ts), v_rel relative
 *   to the atmosphere turning with the Earth plus an optional horizontal wind below 20 km. On ascent the stack's C_D is
 *   scaled by `machDragFactor` with `speedOfSoundKmS` (launch/ascent.ts); the capsule's blunt-body C_D is constant;
 *   parachutes add their C_D·A, growing linearly over their fill time (the main set replaces the drogues).
 * Integration: RK4, steps of 0.2 s under thrust, 0.5 s in the atmosphere and 2 s above 100 km, shortened so that the
 * drag relaxation |a_drag|/|v_rel|·h stays ≤ 0.3 and to 0.1 s while a canopy fills; phase changes fall on step ends.
 *
 * Sensed acceleration (what passengers feel) is the non-gravitational specific force f = (thrust + drag)/m, in g₀,
 * resolved on the occupant's axes: the vehicle axis is the thrust axis until separation and the capsule's symmetry
 * axis (heat shield into the relative wind, i.e. −v_rel) afterwards; for `supine` seats the vehicle axis is +Gx
 * (eyeballs in), the horizontal flight heading projected normal to it is +Gz (headward) and Gy completes the triad;
 * for `upright` seats the axis is +Gz. Times above the Kármán line (100 km) and in microgravity (|f| below a residual,
 * 0.01 g by default) are integrated with linear interpolation of the crossings inside a step.
 */
import { ArgumentError } from '../errors/index.ts';
import { exponentialDensityKgPerM3 } from '../atmosphere/exponential.ts';
import { geodeticToItrf } from '../frames/geodetic.ts';
import { DEG_TO_RAD, EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, STANDARD_GRAVITY_MPS2, WGS84 } from '../units/index.ts';
import { fallToImpact, machDragFactor, speedOfSoundKmS, subPoint } from '../launch/ascent.ts';
import type { NetworkSite } from '../launch/sites/index.ts';
import type { SuborbitalVehicle } from './suborbitalVehicles.ts';

const RE = WGS84.aKm;
const E2 = WGS84.f * (2 - WGS84.f);
const J2 = 1.08262668e-3;
const G0_KMS2 = STANDARD_GRAVITY_MPS2 / 1000;
/** The Kármán line (km). */
export const KARMAN_LINE_KM = 100;
/** Default microgravity residual (g₀): |f| below it counts as weightlessness. */
export const DEFAULT_MICROGRAVITY_THRESHOLD_G = 0.01;

export interface SuborbitalOptions {
  readonly gravity?: 'j2' | 'inverse-square' | 'uniform';
  /** Earth rotation (pad velocity, turning atmosphere, ground track); default true. */
  readonly earthRotation?: boolean;
  /** Atmosphere (drag, parachutes); default true. */
  readonly atmosphere?: boolean;
  /** Microgravity residual (g₀); default 0.01. */
  readonly microgravityThresholdG?: number;
  /** Horizontal wind below 20 km (m/s, towards east / north). */
  readonly windEastMps?: number;
  readonly windNorthMps?: number;
}

/** Departures from the nominal vehicle and flight (Monte Carlo); all default to none. */
export interface SuborbitalPerturbation {
  readonly thrustScale?: number;
  readonly ispScale?: number;
  /** Added to the ascent tilt (deg) and heading (deg). */
  readonly pitchBiasDeg?: number;
  readonly headingBiasDeg?: number;
  /** Multipliers of the capsule C_D, the parachutes' C_D·A, the booster's return β and the escape-motor thrust. */
  readonly capsuleCdScale?: number;
  readonly parachuteScale?: number;
  readonly boosterBallisticScale?: number;
  readonly escapeThrustScale?: number;
  /** Wind added to the options' wind (m/s). */
  readonly windEastMps?: number;
  readonly windNorthMps?: number;
}

export interface SuborbitalFlightRequest {
  readonly site: NetworkSite;
  readonly vehicle: SuborbitalVehicle;
  readonly options?: SuborbitalOptions;
  readonly perturbation?: SuborbitalPerturbation;
  /** Abort at this time (s from liftoff, before separation): booster cut-off and escape-motor firing. */
  readonly abortAtS?: number;
  /** Keep the step-by-step series (default true); Monte Carlo samples turn it off. */
  readonly record?: boolean;
}

/** The step-by-step record of the occupants' vehicle (parallel arrays, one entry per integration step end). */
export interface FlightSeries {
  readonly tS: number[];
  readonly altKm: number[];
  /** Earth-relative speed (km/s). */
  readonly speedKmS: number[];
  /** Sensed acceleration on the occupant's axes (g₀). */
  readonly gx: number[];
  readonly gy: number[];
  readonly gz: number[];
}

export interface FlightEvent {
  readonly name: 'liftoff' | 'max-q' | 'meco' | 'abort' | 'escape-burnout' | 'separation' | 'karman-up' | 'apogee' | 'karman-down' | 'drogue' | 'main' | 'touchdown';
  readonly tS: number;
  readonly altKm: number;
}

export interface GroundPoint {
  readonly latRad: number;
  readonly lonRad: number;
  /** Seconds from liftoff. */
  readonly tS: number;
}

export interface SuborbitalFlight {
  readonly series: FlightSeries;
  readonly events: FlightEvent[];
  readonly apogeeKm: number;
  readonly apogeeTS: number;
  readonly mecoTS: number;
  readonly mecoAltKm: number;
  /** Earth-relative speed at MECO (km/s). */
  readonly mecoSpeedKmS: number;
  readonly timeAboveKarmanS: number;
  readonly microgravityS: number;
  readonly microgravityThresholdG: number;
  /** Peak |f| (g₀) from liftoff to apogee, from apogee to drogue deployment, and under the parachutes. */
  readonly maxAscentG: number;
  readonly maxReentryG: number;
  readonly maxParachuteG: number;
  readonly maxDynamicPressureKpa: number;
  /** Capsule touchdown. */
  readonly landing: GroundPoint;
  /** Vertical speed at touchdown (m/s, positive down). */
  readonly touchdownSpeedMps: number;
  /** Booster ballistic return (absent for an abort or outside the standard model). */
  readonly booster?: GroundPoint;
  readonly aborted: boolean;
}

type V3 = [number, number, number];

/** Height above the ellipsoid (km), closed form (≤ 10 m below 200 km). */
function heightKm(r: readonly number[]): number {
  return heightXyz(r[0]!, r[1]!, r[2]!);
}

function heightXyz(x: number, y: number, z: number): number {
  const rho2 = x * x + y * y;
  const r2 = rho2 + z * z;
  return Math.sqrt(r2) - RE * Math.sqrt((1 - E2) / (1 - (E2 * rho2) / r2));
}

/** Local geodetic east, north, up at a frame-L position, written into the module buffers ENU_E, ENU_N, ENU_U. */
const ENU_E: V3 = [0, 0, 0];
const ENU_N: V3 = [0, 0, 0];
const ENU_U: V3 = [0, 0, 0];
function enuAt(x: number, y: number, z: number): void {
  const rho = Math.hypot(x, y);
  const lat = Math.atan2(z, rho * (1 - E2));
  const cl = Math.cos(lat);
  const sl = Math.sin(lat);
  const co = rho > 0 ? x / rho : 1;
  const so = rho > 0 ? y / rho : 0;
  ENU_E[0] = -so;
  ENU_E[1] = co;
  ENU_E[2] = 0;
  ENU_N[0] = -sl * co;
  ENU_N[1] = -sl * so;
  ENU_N[2] = cl;
  ENU_U[0] = cl * co;
  ENU_U[1] = cl * so;
  ENU_U[2] = sl;
}

function unit(a: readonly number[]): V3 {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return n > 0 ? [a[0]! / n, a[1]! / n, a[2]! / n] : [0, 0, 0];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

type Phase = 'powered' | 'stack-coast' | 'escape' | 'capsule';

/** Flies one suborbital flight. Throws ArgumentError for a request the model cannot fly. */
export function flySuborbital(req: SuborbitalFlightRequest): SuborbitalFlight {
  const { vehicle, site } = req;
  const o = req.options ?? {};
  const p = req.perturbation ?? {};
  const record = req.record ?? true;
  const gravityModel = o.gravity ?? 'j2';
  const W = (o.earthRotation ?? true) ? EARTH_ROTATION_RAD_S : 0;
  const air = o.atmosphere ?? true;
  const thr = o.microgravityThresholdG ?? DEFAULT_MICROGRAVITY_THRESHOLD_G;
  if (!(thr > 0 && thr < 1)) throw new ArgumentError(`The microgravity threshold must lie in (0, 1) g; got ${thr}.`, thr);
  const windE = ((o.windEastMps ?? 0) + (p.windEastMps ?? 0)) / 1000;
  const windN = ((o.windNorthMps ?? 0) + (p.windNorthMps ?? 0)) / 1000;
  const b = vehicle.booster;
  const c = vehicle.capsule;
  const thrustScale = p.thrustScale ?? 1;
  const mdot = (b.thrustVacKn * 1000 * thrustScale) / (STANDARD_GRAVITY_MPS2 * b.ispVacS * (p.ispScale ?? 1));
  const tMeco = b.propellantMassKg / mdot;
  const tSep = tMeco + vehicle.separationDelayS;
  if (req.abortAtS !== undefined && !(req.abortAtS >= 0 && req.abortAtS <= tSep + 60)) throw new ArgumentError(`An abort time must lie in [0, ${tSep.toFixed(1)}] s (liftoff to capsule separation); got ${req.abortAtS}.`, req.abortAtS);
  // A dispersed flight separates a little earlier or later: an abort asked for after its separation happens at it.
  const abortAt = req.abortAtS === undefined ? undefined : Math.min(req.abortAtS, tSep);
  const m0 = b.dryMassKg + b.propellantMassKg + c.massKg;
  if ((b.thrustSlKn * 1000 * thrustScale) / (m0 * STANDARD_GRAVITY_MPS2) <= 1) {
    throw new ArgumentError(`Vehicle ${vehicle.id} cannot lift off: sea-level thrust ${b.thrustSlKn} kN does not exceed its weight (${((m0 * STANDARD_GRAVITY_MPS2) / 1000).toFixed(0)} kN).`, vehicle.id);
  }
  const areaStackM2 = (Math.PI * b.diameterM ** 2) / 4;
  const capsuleCdA = c.dragCoefficient * (p.capsuleCdScale ?? 1) * ((Math.PI * c.diameterM ** 2) / 4);
  const chuteScale = p.parachuteScale ?? 1;
  const pitch = (vehicle.pitchFromVerticalDeg + (p.pitchBiasDeg ?? 0)) * DEG_TO_RAD;
  const heading = (vehicle.headingDeg + (p.headingBiasDeg ?? 0)) * DEG_TO_RAD;
  const escThrustN = c.escapeMotor.thrustKn * 1000 * (p.escapeThrustScale ?? 1);
  const escMdot = c.escapeMotor.burnTimeS > 0 ? c.escapeMotor.propellantMassKg / c.escapeMotor.burnTimeS : 0;

  const r0 = geodeticToItrf({ latRad: site.latDeg * DEG_TO_RAD, lonRad: site.lonDeg * DEG_TO_RAD, heightKm: site.heightKm });
  const r: V3 = [r0[0], r0[1], r0[2]];
  const v: V3 = [-W * r[1], W * r[0], 0];
  const groundKm = heightKm(r);
  enuAt(r[0], r[1], r[2]);
  const siteUp: V3 = [...ENU_U];

  // Mutable flight state.
  let phase: Phase = 'powered';
  let t = 0;
  let axis: V3 = [...siteUp];
  let tAbort = -1;
  let escapeUsed = false;
  let tDrogue = -1;
  let tMain = -1;

  const mass = (tt: number): number => {
    switch (phase) {
      case 'powered':
        return m0 - mdot * tt;
      case 'stack-coast':
        return b.dryMassKg + c.massKg + Math.max(0, b.propellantMassKg - mdot * (tAbort >= 0 ? tAbort : tMeco));
      case 'escape':
        return c.massKg - escMdot * (tt - tAbort);
      default:
        return c.massKg - (escapeUsed ? c.escapeMotor.propellantMassKg : 0);
    }
  };

  /** Thrust axis on ascent: tilt from the local vertical towards the heading (written into `out`). */
  const sp = Math.sin(pitch);
  const cp = Math.cos(pitch);
  const sh = Math.sin(heading);
  const ch = Math.cos(heading);
  const ascentAxisInto = (x: number, y: number, z: number, out: V3): V3 => {
    enuAt(x, y, z);
    for (let k = 0; k < 3; k++) out[k] = cp * ENU_U[k]! + sp * (sh * ENU_E[k]! + ch * ENU_N[k]!);
    return out;
  };
  const ascentAxis = (rr: readonly number[]): V3 => ascentAxisInto(rr[0]!, rr[1]!, rr[2]!, [0, 0, 0]);
  const axBuf: V3 = [0, 0, 0];

  const gv: V3 = [0, 0, 0];
  const gravity = (x: number, y: number, z: number): void => {
    if (gravityModel === 'uniform') {
      gv[0] = -G0_KMS2 * siteUp[0];
      gv[1] = -G0_KMS2 * siteUp[1];
      gv[2] = -G0_KMS2 * siteUp[2];
      return;
    }
    const r2 = x * x + y * y + z * z;
    const rn = Math.sqrt(r2);
    const k = -EARTH_MU_KM3S2 / (r2 * rn);
    if (gravityModel === 'inverse-square') {
      gv[0] = k * x;
      gv[1] = k * y;
      gv[2] = k * z;
      return;
    }
    const f = (1.5 * J2 * RE * RE) / r2;
    const zz = (5 * z * z) / r2;
    gv[0] = k * x * (1 + f * (1 - zz));
    gv[1] = k * y * (1 + f * (1 - zz));
    gv[2] = k * z * (1 + f * (3 - zz));
  };

  /** Sensed specific force (km/s²) and the drag relaxation rate (1/s), written by `accel`. */
  const sensed: V3 = [0, 0, 0];
  let dragRate = 0;
  let qPa = 0;
  const vRel: V3 = [0, 0, 0];

  /** Total acceleration at (t, r, v): writes out[0..2] = v, out[3..5] = a. */
  const accel = (tt: number, x: number, y: number, z: number, vx: number, vy: number, vz: number, out: number[]): void => {
    gravity(x, y, z);
    const h = heightXyz(x, y, z);
    const m = mass(tt);
    let tx = 0;
    let ty = 0;
    let tz = 0;
    if (phase === 'powered') {
      const tv = b.thrustVacKn * 1000 * thrustScale;
      const ts = b.thrustSlKn * 1000 * thrustScale;
      const tN = tv - (tv - ts) * Math.exp(-Math.max(0, h) / 7);
      const ax = ascentAxisInto(x, y, z, axBuf);
      const k = tN / m / 1000;
      tx = k * ax[0];
      ty = k * ax[1];
      tz = k * ax[2];
    } else if (phase === 'escape') {
      const k = escThrustN / m / 1000;
      tx = k * axis[0];
      ty = k * axis[1];
      tz = k * axis[2];
    }
    let dx = 0;
    let dy = 0;
    let dz = 0;
    dragRate = 0;
    qPa = 0;
    if (air && h < 200) {
      vRel[0] = vx + W * y;
      vRel[1] = vy - W * x;
      vRel[2] = vz;
      if (h < 20 && (windE !== 0 || windN !== 0)) {
        enuAt(x, y, z);
        for (let k = 0; k < 3; k++) vRel[k] = vRel[k]! - windE * ENU_E[k]! - windN * ENU_N[k]!;
      }
      const sp = Math.hypot(vRel[0], vRel[1], vRel[2]);
      const rho = exponentialDensityKgPerM3(Math.max(0, h));
      let cdA: number;
      if (phase === 'powered' || phase === 'stack-coast') {
        cdA = b.ascentDragCoefficient * machDragFactor(sp / speedOfSoundKmS(h)) * areaStackM2;
      } else {
        cdA = capsuleCdA;
        if (tMain >= 0) cdA += c.main.cdAreaM2 * chuteScale * (c.main.fillTimeS > 0 ? Math.min(1, (tt - tMain) / c.main.fillTimeS) : 1);
        else if (tDrogue >= 0) cdA += c.drogue.cdAreaM2 * chuteScale * (c.drogue.fillTimeS > 0 ? Math.min(1, (tt - tDrogue) / c.drogue.fillTimeS) : 1);
      }
      const d = (500 * rho * sp * cdA) / m;
      dx = -d * vRel[0];
      dy = -d * vRel[1];
      dz = -d * vRel[2];
      dragRate = d;
      qPa = 0.5 * rho * (sp * 1000) ** 2;
    }
    sensed[0] = tx + dx;
    sensed[1] = ty + dy;
    sensed[2] = tz + dz;
    out[0] = vx;
    out[1] = vy;
    out[2] = vz;
    out[3] = gv[0] + sensed[0];
    out[4] = gv[1] + sensed[1];
    out[5] = gv[2] + sensed[2];
  };

  const series: FlightSeries = { tS: [], altKm: [], speedKmS: [], gx: [], gy: [], gz: [] };
  const events: FlightEvent[] = [{ name: 'liftoff', tS: 0, altKm: 0 }];
  const k1 = new Array<number>(6);
  const k2 = new Array<number>(6);
  const k3 = new Array<number>(6);
  const k4 = new Array<number>(6);
  const tmp = new Array<number>(6);
  const x = new Array<number>(6);
  const nx = new Array<number>(6);

  // Per-step sampled quantities and accumulators.
  let prevAlt = groundKm;
  let prevG = 0;
  let apogee = -Infinity;
  let apogeeT = 0;
  let beforeApoT = 0;
  let beforeApoH = 0;
  let karman = 0;
  let micro = 0;
  let maxAscent = 0;
  let maxReentry = 0;
  let maxChute = 0;
  let maxQ = 0;
  let maxQT = 0;
  let pastApogee = false;
  let mecoAlt = 0;
  let mecoSpeed = 0;
  let boosterState: { r: V3; v: V3; t: number } | undefined;
  let landing: GroundPoint | undefined;
  let touchdownSpeed = 0;

  const zb: V3 = [0, 0, 0];
  const yb: V3 = [0, 0, 0];
  /** Occupant-axis components of the sensed force at the current state (g₀), and its magnitude. */
  const sample = (): { gx: number; gy: number; gz: number; g: number; alt: number; speed: number } => {
    accel(t, r[0], r[1], r[2], v[0], v[1], v[2], tmp);
    const g = Math.hypot(sensed[0], sensed[1], sensed[2]) / G0_KMS2;
    if (!record) return { gx: 0, gy: 0, gz: 0, g, alt: heightKm(r), speed: 0 };
    let ax: V3;
    if (phase === 'capsule') {
      const vr: V3 = [v[0] + W * r[1], v[1] - W * r[0], v[2]];
      ax = Math.hypot(...vr) > 1e-6 ? unit([-vr[0], -vr[1], -vr[2]]) : axis;
      axis = ax;
    } else if (phase === 'powered') {
      ax = ascentAxis(r);
      axis = ax;
    } else {
      ax = axis;
    }
    enuAt(r[0], r[1], r[2]);
    const hd0 = sh * ENU_E[0] + ch * ENU_N[0];
    const hd1 = sh * ENU_E[1] + ch * ENU_N[1];
    const hd2 = sh * ENU_E[2] + ch * ENU_N[2];
    const kk = hd0 * ax[0] + hd1 * ax[1] + hd2 * ax[2];
    let z0 = hd0 - kk * ax[0];
    let z1 = hd1 - kk * ax[1];
    let z2 = hd2 - kk * ax[2];
    let zn = Math.hypot(z0, z1, z2);
    if (zn < 1e-9) {
      z0 = ENU_U[0];
      z1 = ENU_U[1];
      z2 = ENU_U[2];
      zn = 1;
    }
    zb[0] = z0 / zn;
    zb[1] = z1 / zn;
    zb[2] = z2 / zn;
    yb[0] = zb[1] * ax[2] - zb[2] * ax[1];
    yb[1] = zb[2] * ax[0] - zb[0] * ax[2];
    yb[2] = zb[0] * ax[1] - zb[1] * ax[0];
    const fa = dot(sensed, ax) / G0_KMS2;
    const fz = dot(sensed, zb) / G0_KMS2;
    const fy = dot(sensed, yb) / G0_KMS2;
    const supine = c.seating === 'supine';
    return { gx: supine ? fa : fz, gy: fy, gz: supine ? fz : fa, g, alt: heightKm(r), speed: Math.hypot(v[0] + W * r[1], v[1] - W * r[0], v[2]) };
  };

  const push = (s: ReturnType<typeof sample>): void => {
    if (!record) return;
    series.tS.push(t);
    series.altKm.push(s.alt - groundKm);
    series.speedKmS.push(s.speed);
    series.gx.push(s.gx);
    series.gy.push(s.gy);
    series.gz.push(s.gz);
  };

  if (abortAt === 0) {
    tAbort = 0;
    axis = ascentAxis(r);
    phase = c.escapeMotor.burnTimeS > 0 ? 'escape' : 'capsule';
    escapeUsed = c.escapeMotor.burnTimeS > 0;
    events.push({ name: 'abort', tS: 0, altKm: 0 });
  }
  const s0 = sample();
  push(s0);
  prevG = s0.g;
  maxAscent = s0.g;

  for (let iter = 0; iter < 200_000; iter++) {
    // Next phase boundary.
    let boundary = Infinity;
    if (phase === 'powered') boundary = Math.min(tMeco, abortAt ?? Infinity);
    else if (phase === 'stack-coast') boundary = Math.min(tSep, abortAt ?? Infinity);
    else if (phase === 'escape') boundary = tAbort + c.escapeMotor.burnTimeS;
    const alt = prevAlt;
    let dt = phase === 'powered' || phase === 'escape' ? 0.5 : alt > 100 ? 4 : 1;
    if (dragRate > 0) dt = Math.min(dt, 1 / dragRate);
    const filling = (tMain >= 0 && t - tMain < c.main.fillTimeS + 1) || (tDrogue >= 0 && tMain < 0 && t - tDrogue < c.drogue.fillTimeS + 1);
    if (filling) dt = Math.min(dt, 0.2);
    dt = Math.max(dt, 1e-3);
    const hStep = boundary - t > 1e-9 ? Math.min(dt, boundary - t) : dt;
    // RK4.
    x[0] = r[0];
    x[1] = r[1];
    x[2] = r[2];
    x[3] = v[0];
    x[4] = v[1];
    x[5] = v[2];
    accel(t, x[0]!, x[1]!, x[2]!, x[3]!, x[4]!, x[5]!, k1);
    for (let q = 0; q < 6; q++) tmp[q] = x[q]! + (hStep / 2) * k1[q]!;
    accel(t + hStep / 2, tmp[0]!, tmp[1]!, tmp[2]!, tmp[3]!, tmp[4]!, tmp[5]!, k2);
    for (let q = 0; q < 6; q++) tmp[q] = x[q]! + (hStep / 2) * k2[q]!;
    accel(t + hStep / 2, tmp[0]!, tmp[1]!, tmp[2]!, tmp[3]!, tmp[4]!, tmp[5]!, k3);
    for (let q = 0; q < 6; q++) tmp[q] = x[q]! + hStep * k3[q]!;
    accel(t + hStep, tmp[0]!, tmp[1]!, tmp[2]!, tmp[3]!, tmp[4]!, tmp[5]!, k4);
    for (let q = 0; q < 6; q++) nx[q] = x[q]! + (hStep / 6) * (k1[q]! + 2 * k2[q]! + 2 * k3[q]! + k4[q]!);
    const newAlt = heightKm(nx);
    if (newAlt <= groundKm && t + hStep > 1) {
      const f = (prevAlt - groundKm) / (prevAlt - newAlt);
      const ri: V3 = [x[0]! + f * (nx[0]! - x[0]!), x[1]! + f * (nx[1]! - x[1]!), x[2]! + f * (nx[2]! - x[2]!)];
      const tl = t + f * hStep;
      const sp = subPoint(ri, W === 0 ? 0 : tl);
      landing = { latRad: sp.latRad, lonRad: sp.lonRad, tS: tl };
      // The last partial step: weightless until the ground when it was at the step's start (free fall in vacuum).
      if (prevG < thr) micro += f * hStep;
      enuAt(ri[0], ri[1], ri[2]);
      touchdownSpeed = -dot([nx[3]!, nx[4]!, nx[5]!], ENU_U) * 1000;
      events.push({ name: 'touchdown', tS: tl, altKm: 0 });
      break;
    }
    for (let q = 0; q < 3; q++) {
      r[q] = nx[q]!;
      v[q] = nx[q + 3]!;
    }
    t += hStep;

    // Phase changes at the boundary.
    if (phase === 'powered' && abortAt !== undefined && t >= abortAt - 1e-9) {
      tAbort = t;
      axis = ascentAxis(r);
      phase = c.escapeMotor.burnTimeS > 0 ? 'escape' : 'capsule';
      escapeUsed = c.escapeMotor.burnTimeS > 0;
      events.push({ name: 'abort', tS: t, altKm: heightKm(r) - groundKm });
    } else if (phase === 'powered' && t >= tMeco - 1e-9) {
      phase = 'stack-coast';
      axis = ascentAxis(r);
      mecoAlt = heightKm(r) - groundKm;
      mecoSpeed = Math.hypot(v[0] + W * r[1], v[1] - W * r[0], v[2]);
      events.push({ name: 'meco', tS: t, altKm: mecoAlt });
    } else if (phase === 'stack-coast' && abortAt !== undefined && t >= abortAt - 1e-9) {
      tAbort = t;
      phase = c.escapeMotor.burnTimeS > 0 ? 'escape' : 'capsule';
      escapeUsed = c.escapeMotor.burnTimeS > 0;
      events.push({ name: 'abort', tS: t, altKm: heightKm(r) - groundKm });
    } else if (phase === 'stack-coast' && t >= tSep - 1e-9) {
      boosterState = { r: [...r], v: [...v], t };
      const ds = vehicle.separationSpeedMps / 1000;
      for (let q = 0; q < 3; q++) v[q] = v[q]! + ds * axis[q]!;
      phase = 'capsule';
      events.push({ name: 'separation', tS: t, altKm: heightKm(r) - groundKm });
    } else if (phase === 'escape' && t >= tAbort + c.escapeMotor.burnTimeS - 1e-9) {
      phase = 'capsule';
      events.push({ name: 'escape-burnout', tS: t, altKm: heightKm(r) - groundKm });
    }
    // Parachutes: deploy on the way down.
    enuAt(r[0], r[1], r[2]);
    const vUp = dot(v, ENU_U);
    if (phase === 'capsule' && vUp < 0 && air) {
      const hh = heightKm(r) - groundKm;
      if (tMain < 0 && hh <= c.main.deployAltitudeKm) {
        tMain = t;
        events.push({ name: 'main', tS: t, altKm: hh });
      } else if (tDrogue < 0 && tMain < 0 && hh <= c.drogue.deployAltitudeKm) {
        tDrogue = t;
        events.push({ name: 'drogue', tS: t, altKm: hh });
      }
    }

    const s = sample();
    push(s);
    const altAgl = s.alt - groundKm;
    const prevAgl = prevAlt - groundKm;
    // Kármán line.
    if (altAgl > KARMAN_LINE_KM || prevAgl > KARMAN_LINE_KM) {
      if (altAgl > KARMAN_LINE_KM && prevAgl > KARMAN_LINE_KM) karman += hStep;
      else {
        const f = (Math.max(altAgl, prevAgl) - KARMAN_LINE_KM) / Math.abs(altAgl - prevAgl);
        karman += f * hStep;
        events.push({ name: altAgl > prevAgl ? 'karman-up' : 'karman-down', tS: altAgl > prevAgl ? t - f * hStep : t - hStep + f * hStep, altKm: KARMAN_LINE_KM });
      }
    }
    // Microgravity.
    if (s.g < thr || prevG < thr) {
      if (s.g < thr && prevG < thr) micro += hStep;
      else micro += (hStep * (thr - Math.min(s.g, prevG))) / Math.abs(s.g - prevG);
    }
    if (altAgl > apogee) {
      beforeApoT = t - hStep;
      beforeApoH = prevAgl;
      apogee = altAgl;
      apogeeT = t;
    } else if (!pastApogee && altAgl < apogee - 1e-6 && t > 1) {
      pastApogee = true;
      // Vertex of the parabola through the samples before, at and after the highest one.
      const [t0, h0, t1, h1, t2, h2] = [beforeApoT, beforeApoH, apogeeT, apogee, t, altAgl];
      const d1 = (h1 - h0) / (t1 - t0);
      const d2 = (h2 - h1) / (t2 - t1);
      const a2 = (d2 - d1) / (t2 - t0);
      if (a2 < 0) {
        const tVertex = (t0 + t1) / 2 - d1 / (2 * a2);
        const hv = h1 + d1 * (tVertex - t1) + a2 * (tVertex - t0) * (tVertex - t1);
        if (tVertex > t0 && tVertex < t2 && hv >= h1) {
          apogeeT = tVertex;
          apogee = hv;
        }
      }
      events.push({ name: 'apogee', tS: apogeeT, altKm: apogee });
    }
    if (!pastApogee) maxAscent = Math.max(maxAscent, s.g);
    else if (tDrogue < 0 && tMain < 0) maxReentry = Math.max(maxReentry, s.g);
    else maxChute = Math.max(maxChute, s.g);
    if (qPa > maxQ) {
      maxQ = qPa;
      maxQT = t;
    }
    prevAlt = s.alt;
    prevG = s.g;
    if (t > 4 * 3600) break;
  }

  if (landing === undefined) throw new ArgumentError(`Vehicle ${vehicle.id} did not come down within 4 h: it reached orbit or the model diverged (not a suborbital flight).`, vehicle.id);
  if (maxQ > 0) events.push({ name: 'max-q', tS: maxQT, altKm: Number.NaN });
  events.sort((a, b2) => a.tS - b2.tS);
  let booster: GroundPoint | undefined;
  if (boosterState !== undefined && gravityModel === 'j2' && W !== 0 && air) {
    const imp = fallToImpact(
      { element: 'booster', count: 1, tS: boosterState.t, r: boosterState.r, v: boosterState.v, massKg: b.dryMassKg, ballisticCoefficientKgPerM2: b.returnBallisticCoefficientKgPerM2 },
      { bcScale: p.boosterBallisticScale ?? 1, windEastKmS: windE, windNorthKmS: windN },
    );
    booster = { latRad: imp.latRad, lonRad: imp.lonRad, tS: imp.tS };
  }
  // max-q altitude from the record (NaN placeholder above keeps the event list cheap when not recording).
  const evs = events.map((e) => (e.name === 'max-q' ? { ...e, altKm: record ? interpolateAlt(series, e.tS) : 0 } : e));
  return {
    series,
    events: evs,
    apogeeKm: apogee,
    apogeeTS: apogeeT,
    mecoTS: abortAt !== undefined && abortAt < tMeco ? abortAt : tMeco,
    mecoAltKm: mecoAlt,
    mecoSpeedKmS: mecoSpeed,
    timeAboveKarmanS: karman,
    microgravityS: micro,
    microgravityThresholdG: thr,
    maxAscentG: maxAscent,
    maxReentryG: maxReentry,
    maxParachuteG: maxChute,
    maxDynamicPressureKpa: maxQ / 1000,
    landing,
    touchdownSpeedMps: touchdownSpeed,
    ...(booster !== undefined ? { booster } : {}),
    aborted: abortAt !== undefined,
  };
}

function interpolateAlt(s: FlightSeries, tS: number): number {
  const i = s.tS.findIndex((x) => x >= tS);
  return i < 0 ? 0 : s.altKm[i]!;
}
