/**
 * Ascent of a multi-stage vehicle (3-DOF point mass) and the ballistic fall of its jettisoned elements.
 *
 * Frame "L": Earth-centred inertial axes that coincide with the Earth-fixed axes (ITRF, polar motion ignored) at
 * liftoff; the Earth turns under it at ω⊕, so an Earth-fixed vector at time t is R3(ω⊕t)·r_L. Forces: central gravity
 * with J2 (EGM-96 J2, μ and R⊕ of WGS-84), thrust (vehicles.ts: T(h) = T_vac − (T_vac − T_sl)·p/p₀ with p/p₀ = e^(−h/7 km)),
 * drag ½ρ|v_rel|²C_D A on the largest cross-section (ρ from the Vallado exponential table, v_rel = v − ω⊕×r, i.e. an
 * atmosphere turning with the Earth). RK4 with a fixed step inside each burn (events fall on step ends).
 *
 * Guidance (documented assumptions, not any operator's flight software):
 * - Vertical rise for `verticalRiseS` and until the Earth-relative speed reaches 50 m/s (low thrust-to-weight vehicles
 *   rise longer), then a linear pitch-over to `kickDeg` from the vertical over `kickDurationS`.
 * - While boosters or a non-final first stage burn: gravity turn (thrust along the Earth-relative velocity's flight-path
 *   angle; after booster separation only while the dynamic pressure there exceeded 0.1 kPa, i.e. the core is still in the
 *   atmosphere; the kick is solved for the burn-out angle at the end of this phase, flattened so that the coasting apex
 *   stays below the target) with the heading commanded by the corridor: the Earth-relative azimuth of the nodes, linear in great-circle
 *   distance from the pad (the dog-leg); without a corridor the direct launch azimuth (windows.ts) is the single node.
 * - Past the corridor and on upper stages: yaw steering into the target plane (inertial azimuth sin A = cos i / cos φ on
 *   the chosen branch, plus a proportional correction of the velocity's azimuth error, ≤ 30°: the dog-leg), and pitch by
 *   guidance (cancel gravity less centrifugal, plus the vertical acceleration a = 6Δh/τ² − 4ṙ/τ that reaches the injection
 *   height with ṙ = 0 when the horizontal speed reaches circular speed, τ the time to go at the current acceleration).
 * - Cut-off when the osculating orbit has its apogee at h_target and a perigee of at least max(120, min(h_inj, 200) − 60)
 *   km, h_inj = min(h_target, max(200 km, coasting apex when the closed loop takes over)) (a transfer orbit; the
 *   circularisation at apogee is not flown), or at depletion.
 * - Boosters separate at burn-out, each stage at its burn-out (a recoverable stage keeps its landing reserve), the
 *   fairing when ½ρv³ falls below its jettison threshold (1135 W/m²).
 *
 * Fall: gravity (J2) and drag with β = m/(C_D A) of the element, in the rotating atmosphere plus an optional
 * horizontal wind below 20 km, until the height above the ellipsoid reaches 0 (linear interpolation in the last step).
 */
import { EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, WGS84 } from '../units/index.ts';
import { exponentialDensityKgPerM3 } from '../atmosphere/exponential.ts';
import { DEG_TO_RAD } from '../units/index.ts';
import { geodeticToItrf } from '../frames/geodetic.ts';
import { ArgumentError } from '../errors/index.ts';
import { centralAngle, wrapPi, wrapTwoPi, type LatLon } from './geo.ts';
import type { AscentCorridor, NetworkSite } from './sites/index.ts';
import { burnTimeS, G0_MPS2, type PropulsiveElement, type Vehicle } from './vehicles.ts';
import { launchAzimuth, siteGeocentric } from './windows.ts';

const MU = EARTH_MU_KM3S2;
const RE = WGS84.aKm;
const J2 = 1.08262668e-3;
const W = EARTH_ROTATION_RAD_S;
const E2 = WGS84.f * (2 - WGS84.f);
/** Earth-relative speed at which the pitch-over may begin (km/s): low-thrust vehicles rise vertically longer. */
const PITCH_OVER_SPEED_KMS = 0.05;
/** Dynamic pressure (Pa) above which the gravity turn continues after booster separation: 0.1 kPa, ~1/300 of max-Q (ours). */
const TURN_Q_PA = 100;

/** Random or deliberate departures from the nominal vehicle and flight (Monte Carlo dispersion). */
export interface AscentPerturbation {
  /** Thrust multipliers: index 0 boosters (when the vehicle has them), then the stages in order. */
  readonly thrustScale?: readonly number[];
  /** Specific-impulse multipliers, same indexing. */
  readonly ispScale?: readonly number[];
  /** Heading error added to every commanded heading (rad). */
  readonly headingBiasRad?: number;
  /** Error of the pitch-over angle (deg). */
  readonly kickBiasDeg?: number;
  /** Separation velocity of each event (east, north, up; km/s), by event index. */
  readonly separationDvKmS?: readonly (readonly [number, number, number])[];
  /** Ballistic-coefficient multipliers, by event index. */
  readonly ballisticScale?: readonly number[];
  /** Horizontal wind below 20 km (km/s). */
  readonly windEastKmS?: number;
  readonly windNorthKmS?: number;
}

export interface AscentRequest {
  readonly site: NetworkSite;
  readonly vehicle: Vehicle;
  readonly payloadKg: number;
  readonly inclinationRad: number;
  /** Target (insertion) altitude (km). */
  readonly altitudeKm: number;
  readonly branch: 'ascending' | 'descending';
  /** Dog-leg corridor; absent for a direct ascent. */
  readonly corridor?: AscentCorridor;
  readonly perturbation?: AscentPerturbation;
  /** Integration step in powered flight (s); default 0.5. */
  readonly stepS?: number;
  /** Ground-track sampling (s); default 10. */
  readonly trackStepS?: number;
  /**
   * Altitude the closed-loop ascent flies to before the cut-off into a transfer orbit whose apogee is the target
   * altitude (km); default min(target, 200). Circularisation at apogee is not flown (an upper-stage restart).
   */
  readonly injectionAltitudeKm?: number;
  /**
   * Open-loop pitch programme (elevation of the thrust above the local horizontal, rad, against seconds from liftoff),
   * as recorded by a nominal flight (`AscentResult.pitchProgramme`). When given, the gravity-turn phase flies it
   * instead of following the velocity: dispersed flights fly the nominal programme, as real vehicles do.
   */
  readonly pitchProgramme?: { readonly tS: readonly number[]; readonly elevationRad: readonly number[] };
  /** Commanded fairing jettison time (s from liftoff); default: the heat-flux rule. */
  readonly fairingJettisonS?: number;
  /** Pitch-over angle (deg); default: solved by `solveKickDeg` for the vehicle's burn-out flight-path angle. */
  readonly kickDeg?: number;
}

/** A jettisoned element at separation (state in frame L). */
export interface SeparationEvent {
  /** `boosters`, `first-stage`, `fairing`, … */
  readonly element: string;
  readonly count: number;
  /** Seconds from liftoff. */
  readonly tS: number;
  readonly r: readonly [number, number, number];
  readonly v: readonly [number, number, number];
  /** Mass of one unit (kg). */
  readonly massKg: number;
  readonly ballisticCoefficientKgPerM2: number;
  readonly recovery?: PropulsiveElement['recovery'];
}

export interface TrackPoint {
  readonly tS: number;
  readonly latRad: number;
  readonly lonRad: number;
  readonly altKm: number;
  /** Earth-relative speed (km/s). */
  readonly speedKmS: number;
  /** Inertial state (frame L). */
  readonly r: readonly [number, number, number];
  readonly v: readonly [number, number, number];
}

export interface AscentResult {
  readonly events: SeparationEvent[];
  readonly track: TrackPoint[];
  /** State at cut-off (frame L), seconds from liftoff, and its osculating orbit. */
  readonly cutoff: { readonly tS: number; readonly r: readonly [number, number, number]; readonly v: readonly [number, number, number]; readonly perigeeAltKm: number; readonly apogeeAltKm: number; readonly inclinationRad: number; readonly reachedOrbit: boolean };
  /** Earth-relative heading commanded at liftoff (rad). */
  readonly liftoffAzimuthRad: number;
  /** Mass left in orbit with the payload (last stage dry + unused propellant, kg). */
  readonly upperStageMassKg: number;
  /** The open-loop pitch programme flown (gravity-turn phase), for dispersed flights. */
  readonly pitchProgramme: { readonly tS: number[]; readonly elevationRad: number[] };
  /** Fairing jettison time (s from liftoff), or −1 when the fairing stayed on. */
  readonly fairingJettisonS: number;
}

type V3 = [number, number, number];

/** Geodetic latitude, longitude and height of a frame-L position at t seconds after liftoff (closed-form approximation, ≤ 10 m in height). */
export function subPoint(r: readonly number[], tS: number): { latRad: number; lonRad: number; altKm: number } {
  const th = W * tS;
  const x = Math.cos(th) * r[0]! + Math.sin(th) * r[1]!;
  const y = -Math.sin(th) * r[0]! + Math.cos(th) * r[1]!;
  const z = r[2]!;
  const rho = Math.hypot(x, y);
  const rr = Math.hypot(rho, z);
  const latGc = Math.atan2(z, rho);
  const s = Math.sin(latGc);
  const rEll = RE * Math.sqrt((1 - E2) / (1 - E2 * (1 - s * s)));
  const latGd = Math.atan2(z, rho * (1 - E2));
  return { latRad: latGd, lonRad: Math.atan2(y, x), altKm: rr - rEll };
}

/** Height above the ellipsoid (km), cheap form. */
function heightKm(x: number, y: number, z: number): number {
  const rho2 = x * x + y * y;
  const r2 = rho2 + z * z;
  const s2 = (z * z) / r2;
  return Math.sqrt(r2) - RE * Math.sqrt((1 - E2) / (1 - E2 * (1 - s2)));
}

/** Frame-L state → Earth-fixed (ITRF-like) position and velocity at t seconds after liftoff. */
export function inertialToEarthFixed(r: readonly number[], v: readonly number[], tS: number): { r: V3; v: V3 } {
  const c = Math.cos(W * tS);
  const s = Math.sin(W * tS);
  const re: V3 = [c * r[0]! + s * r[1]!, -s * r[0]! + c * r[1]!, r[2]!];
  const vi: V3 = [c * v[0]! + s * v[1]!, -s * v[0]! + c * v[1]!, v[2]!];
  return { r: re, v: [vi[0] + W * re[1], vi[1] - W * re[0], vi[2]] };
}

function gravity(x: number, y: number, z: number, out: V3): void {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const k = -MU / (r2 * r);
  const f = 1.5 * J2 * (RE * RE) / r2;
  const zz = (5 * z * z) / r2;
  out[0] = k * x * (1 + f * (1 - zz));
  out[1] = k * y * (1 + f * (1 - zz));
  out[2] = k * z * (1 + f * (3 - zz));
}

/** Local east, north, up unit vectors at a frame-L position (geocentric). */
function enu(r: readonly number[]): { e: V3; n: V3; u: V3 } {
  const rr = Math.hypot(r[0]!, r[1]!, r[2]!);
  const u: V3 = [r[0]! / rr, r[1]! / rr, r[2]! / rr];
  const rho = Math.hypot(u[0], u[1]);
  const e: V3 = rho > 1e-12 ? [-u[1] / rho, u[0] / rho, 0] : [0, 1, 0];
  const n: V3 = [u[1] * e[2] - u[2] * e[1], u[2] * e[0] - u[0] * e[2], u[0] * e[1] - u[1] * e[0]];
  return { e, n, u };
}

function orbitOf(r: readonly number[], v: readonly number[]): { a: number; perigeeAltKm: number; apogeeAltKm: number; inclinationRad: number } {
  const rr = Math.hypot(r[0]!, r[1]!, r[2]!);
  const v2 = v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
  const a = 1 / (2 / rr - v2 / MU);
  const h: V3 = [r[1]! * v[2]! - r[2]! * v[1]!, r[2]! * v[0]! - r[0]! * v[2]!, r[0]! * v[1]! - r[1]! * v[0]!];
  const hn = Math.hypot(...h);
  const p = (hn * hn) / MU;
  const e = Math.sqrt(Math.max(0, 1 - p / a));
  return { a, perigeeAltKm: a * (1 - e) - RE, apogeeAltKm: a > 0 ? a * (1 + e) - RE : Infinity, inclinationRad: Math.acos(h[2] / hn) };
}

/** Linear interpolation in a table (clamped at its ends). */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]!) return ys[0]!;
  const n = xs.length;
  if (x >= xs[n - 1]!) return ys[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const f = (x - xs[lo]!) / (xs[hi]! - xs[lo]!);
  return ys[lo]! + f * (ys[hi]! - ys[lo]!);
}

/** Speed of sound (km/s) of the US Standard Atmosphere 1976, piecewise linear in height (km). */
export function speedOfSoundKmS(hKm: number): number {
  if (hKm < 11) return 0.3403 - 0.00405 * Math.max(0, hKm);
  if (hKm < 20) return 0.2951;
  if (hKm < 47) return 0.2951 + 0.00112 * (hKm - 20);
  if (hKm < 51) return 0.3293;
  if (hKm < 86) return 0.3293 - 0.00124 * (hKm - 51);
  return 0.2747;
}

/**
 * Drag-coefficient factor against Mach number of a slender launch vehicle, normalised to 1 in the subsonic range:
 * the transonic rise to ~1.9× near Mach 1.2 and the supersonic decay (a generic curve of the shape of published
 * V-2 / Saturn wind-tunnel data; Sutton & Biblarz, Rocket Propulsion Elements, ch. 4). An engineering assumption.
 */
export function machDragFactor(mach: number): number {
  if (mach >= 10) return 0.8;
  for (let k = 1; k < MACH_DRAG_TABLE.length; k++) {
    const [m1, f1] = MACH_DRAG_TABLE[k]!;
    const [m0, f0] = MACH_DRAG_TABLE[k - 1]!;
    if (mach <= m1) return f0 + ((f1 - f0) * (mach - m0)) / (m1 - m0);
  }
  return 0.8;
}
const MACH_DRAG_TABLE: readonly (readonly [number, number])[] = [[0, 1], [0.8, 1.1], [1.0, 1.7], [1.2, 1.9], [1.5, 1.75], [2, 1.5], [3, 1.15], [5, 0.9], [10, 0.8]];

/** Heading (rad) from the corridor nodes at a downrange distance. */
function corridorHeading(c: AscentCorridor, downrangeKm: number): number {
  const nodes = c.nodes;
  if (downrangeKm <= nodes[0]!.downrangeKm) return nodes[0]!.azimuthDeg * DEG_TO_RAD;
  for (let k = 1; k < nodes.length; k++) {
    const a = nodes[k - 1]!;
    const b = nodes[k]!;
    if (downrangeKm <= b.downrangeKm) {
      const f = (downrangeKm - a.downrangeKm) / (b.downrangeKm - a.downrangeKm);
      return (a.azimuthDeg + f * wrapPi((b.azimuthDeg - a.azimuthDeg) * DEG_TO_RAD) / DEG_TO_RAD) * DEG_TO_RAD;
    }
  }
  return nodes[nodes.length - 1]!.azimuthDeg * DEG_TO_RAD;
}

interface Burn {
  /** Index into the perturbation arrays. */
  readonly index: number;
  readonly el: PropulsiveElement;
  readonly units: number;
}

/**
 * The pitch-over angle (deg) that makes the Earth-relative flight-path angle at first-stage burn-out equal the
 * vehicle's `burnoutFlightPathDeg` (bisection on the gravity turn, which is monotonic in the kick). For a single-stage-
 * to-orbit core (CZ-5B) the end of the booster burn is used.
 */
export function solveKickDeg(req: AscentRequest): number {
  const target = req.vehicle.pitch.burnoutFlightPathDeg * DEG_TO_RAD;
  let lo = 0.05;
  let hi = 45;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    const st = flyAscentInternal({ ...req, kickDeg: mid, perturbation: {} }, true);
    // Too lofted: steeper than the burn-out angle, or a coasting apex above the target orbit (a low target is flown flatter).
    if (st.gammaAtStagingRad > target || st.apexAtStagingKm > req.altitudeKm) lo = mid;
    else hi = mid;
    if (hi - lo < 0.005) break;
  }
  return (lo + hi) / 2;
}

/** Flies the ascent. Throws ArgumentError for a request the model cannot fly. */
export function flyAscent(req: AscentRequest): AscentResult {
  return flyAscentInternal(req, false).result;
}

function flyAscentInternal(req: AscentRequest, stopAtStaging: boolean): { result: AscentResult; gammaAtStagingRad: number; apexAtStagingKm: number } {
  const { vehicle, site } = req;
  if (!(req.payloadKg >= 0 && Number.isFinite(req.payloadKg))) throw new ArgumentError(`Payload mass must be ≥ 0 kg; got ${req.payloadKg}.`, req.payloadKg);
  if (!(req.altitudeKm >= 150 && req.altitudeKm <= 2000)) throw new ArgumentError(`Insertion altitude must lie in [150, 2000] km for the ascent model; got ${req.altitudeKm}.`, req.altitudeKm);
  const p = req.perturbation ?? {};
  const dt = req.stepS ?? 0.5;
  const trackStep = req.trackStepS ?? 10;
  const g = siteGeocentric(site);
  const siteLL: LatLon = { latRad: site.latDeg * DEG_TO_RAD, lonRad: site.lonDeg * DEG_TO_RAD };
  const r0 = geodeticToItrf({ latRad: siteLL.latRad, lonRad: siteLL.lonRad, heightKm: site.heightKm });
  const r: V3 = [r0[0], r0[1], r0[2]];
  const v: V3 = [-W * r0[1], W * r0[0], 0];
  const hasBoosters = vehicle.boosters !== undefined;
  const idx = (stageIndex: number): number => stageIndex + (hasBoosters ? 1 : 0);
  const thrustScale = (i: number): number => p.thrustScale?.[i] ?? 1;
  const ispScale = (i: number): number => p.ispScale?.[i] ?? 1;
  const headingBias = p.headingBiasRad ?? 0;
  const kickRad = ((req.kickDeg ?? solveKickDeg(req)) + (p.kickBiasDeg ?? 0)) * DEG_TO_RAD;
  const ci = Math.cos(req.inclinationRad);
  const direct = launchAzimuth(g.latRad, g.radiusKm, req.inclinationRad, req.altitudeKm, req.branch).azimuthRad;
  const corridor: AscentCorridor = req.corridor ?? { id: 'direct', nodes: [{ downrangeKm: 0, azimuthDeg: direct / DEG_TO_RAD }], note: 'direct ascent' };
  const corridorEndKm = req.corridor ? corridor.nodes[corridor.nodes.length - 1]!.downrangeKm : Infinity;
  const liftoffAz = corridorHeading(corridor, 0);
  // Injection altitude of the closed loop; without a request it is raised, when the upper stage takes over, to the apex
  // the coasting trajectory would reach (a lofted first stage hands over above 200 km of apex: the weak upper stage
  // cannot dive back, and aiming below the apex only overshoots the apogee).
  let injectionKm = Math.min(req.altitudeKm, req.injectionAltitudeKm ?? 200);
  let injectionSet = req.injectionAltitudeKm !== undefined;
  const areaM2 = Math.PI * (Math.max(vehicle.fairing.diameterM, ...vehicle.stages.map((s) => s.diameterM)) / 2) ** 2;
  const boosterAreaM2 = hasBoosters ? vehicle.boosters!.count * Math.PI * (vehicle.boosters!.diameterM / 2) ** 2 : 0;

  // Masses.
  const stageMass = vehicle.stages.map((s) => s.dryMassKg + s.propellantMassKg);
  let boosterMass = hasBoosters ? vehicle.boosters!.count * (vehicle.boosters!.dryMassKg + vehicle.boosters!.propellantMassKg) : 0;
  let fairingOn = true;
  const events: SeparationEvent[] = [];
  const track: TrackPoint[] = [];
  let t = 0;
  let nextTrack = 0;
  const massNow = (stage: number): number => {
    let m = boosterMass + req.payloadKg + (fairingOn ? vehicle.fairing.massKg : 0);
    for (let k = stage; k < vehicle.stages.length; k++) m += stageMass[k]!;
    return m;
  };
  const pushTrack = (): void => {
    const sp = subPoint(r, t);
    const vr = Math.hypot(v[0] + W * r[1], v[1] - W * r[0], v[2]);
    track.push({ tS: t, latRad: sp.latRad, lonRad: sp.lonRad, altKm: sp.altKm, speedKmS: vr, r: [...r], v: [...v] });
  };
  const downrange = (): number => {
    const sp = subPoint(r, t);
    return centralAngle(siteLL, sp) * 6371.0088;
  };

  /** Cut-off: apogee at the target altitude and a perigee that survives (≥ max(120, injection − 60) km): a transfer orbit. */
  const reached = (): boolean => {
    const o = orbitOf(r, v);
    return o.apogeeAltKm >= req.altitudeKm && o.perigeeAltKm >= Math.max(120, Math.min(injectionKm, 200) - 60);
  };
  let kickStart = -1;
  const progT: number[] = [];
  const progE: number[] = [];
  let fairingT = -1;
  const relGamma = (): number => {
    const rr = Math.hypot(...r);
    const vx = v[0] + W * r[1];
    const vy = v[1] - W * r[0];
    return Math.asin((vx * r[0] + vy * r[1] + v[2] * r[2]) / rr / Math.hypot(vx, vy, v[2]));
  };
  /** Height (km) the coasting vehicle would reach: h + ṙ²/(2g) (flat-Earth estimate, for the pitch-over solve). */
  const apexKm = (): number => {
    const rr = Math.hypot(...r);
    const vu = (v[0] * r[0] + v[1] * r[1] + v[2] * r[2]) / rr;
    return rr - RE + (vu > 0 ? (vu * vu * rr * rr) / (2 * MU) : 0);
  };
  const gv: V3 = [0, 0, 0];
  /** Derivative of (r, v, m) with the thrust direction fixed over the step. */
  const deriv = (x: number, y: number, z: number, vx: number, vy: number, vz: number, m: number, thrustN: number, dir: V3, out: number[]): void => {
    gravity(x, y, z, gv);
    const h = heightKm(x, y, z);
    const rho = h < 1000 ? exponentialDensityKgPerM3(Math.max(0, h)) : 0;
    const ax = vx + W * y;
    const ay = vy - W * x;
    const az = vz;
    const sp = Math.hypot(ax, ay, az);
    // Drag (km/s²): ½ρ v² C_D A / m with v in m/s → 500·ρ·v_km²·C_D·A/m; C_D(Mach) scaled to the vehicle's value.
    const cdA = rho > 0 ? vehicle.ascentDragCoefficient * machDragFactor(sp / speedOfSoundKmS(h)) * (areaM2 + (boosterMass > 0 ? boosterAreaM2 : 0)) : 0;
    const d = sp > 0 ? (500 * rho * sp * cdA) / m : 0;
    const ta = thrustN / m / 1000;
    out[0] = vx;
    out[1] = vy;
    out[2] = vz;
    out[3] = gv[0] - d * ax + ta * dir[0];
    out[4] = gv[1] - d * ay + ta * dir[1];
    out[5] = gv[2] - d * az + ta * dir[2];
  };

  /** Thrust direction for the current state. */
  const steer = (phase: 'first' | 'upper', aT: number): V3 => {
    const { e, n, u } = enu(r);
    const vrx = v[0] + W * r[1];
    const vry = v[1] - W * r[0];
    const vrz = v[2];
    if (kickStart < 0) {
      if (t < vehicle.pitch.verticalRiseS || Math.hypot(vrx, vry, vrz) < PITCH_OVER_SPEED_KMS) return u;
      kickStart = t;
    }
    const dr = req.corridor !== undefined || phase === 'first' ? downrange() : Infinity;
    const inCorridor = dr < corridorEndKm;
    let heading: number;
    const fromCorridor = req.corridor === undefined ? phase === 'first' : inCorridor;
    if (fromCorridor) {
      const want = corridorHeading(corridor, dr);
      const vE = vrx * e[0] + vry * e[1] + vrz * e[2];
      const vN = vrx * n[0] + vry * n[1] + vrz * n[2];
      const have = Math.hypot(vE, vN) > 0.05 ? Math.atan2(vE, vN) : want;
      heading = want + Math.max(-0.17, Math.min(0.17, wrapPi(want - have)));
    } else {
      const lat = Math.asin(u[2]);
      const s = Math.max(-1, Math.min(1, ci / Math.cos(lat)));
      const want = req.branch === 'ascending' ? Math.asin(s) : Math.PI - Math.asin(s);
      const vE = v[0] * e[0] + v[1] * e[1] + v[2] * e[2];
      const vN = v[0] * n[0] + v[1] * n[1] + v[2] * n[2];
      heading = want + Math.max(-0.52, Math.min(0.52, wrapPi(want - Math.atan2(vE, vN))));
    }
    heading += headingBias;
    let elev: number;
    if (t < kickStart + vehicle.pitch.kickDurationS) {
      elev = Math.PI / 2 - (kickRad * (t - kickStart)) / vehicle.pitch.kickDurationS;
    } else if (phase === 'first') {
      const prog = req.pitchProgramme;
      if (prog !== undefined && prog.tS.length > 1) {
        elev = interpolate(prog.tS, prog.elevationRad, t);
      } else {
        const vu = vrx * u[0] + vry * u[1] + vrz * u[2];
        const sp = Math.hypot(vrx, vry, vrz);
        elev = Math.min(Math.PI / 2 - kickRad, Math.asin(Math.max(-1, Math.min(1, vu / sp))));
      }
      progT.push(t);
      progE.push(elev);
    } else {
      const rr = Math.hypot(...r);
      const vu = v[0] * u[0] + v[1] * u[1] + v[2] * u[2];
      if (!injectionSet) {
        injectionSet = true;
        injectionKm = Math.min(req.altitudeKm, Math.max(injectionKm, apexKm()));
      }
      const vh2 = v[0] ** 2 + v[1] ** 2 + v[2] ** 2 - vu * vu;
      const h = rr - RE;
      // Time to go: the horizontal speed still missing at the thrust acceleration, at least 15 s.
      const vCirc = Math.sqrt(MU / (RE + injectionKm));
      const tau = Math.max(15, (vCirc - Math.sqrt(vh2)) / aT);
      // Vertical acceleration that brings the height to h_inj with zero vertical speed at τ (linear acceleration profile).
      const aUp = (6 * (injectionKm - h)) / (tau * tau) - (4 * vu) / tau;
      const need = MU / (rr * rr) - vh2 / rr + aUp;
      elev = Math.asin(Math.max(-0.6, Math.min(0.9, need / aT)));
    }
    const ce = Math.cos(elev);
    const se = Math.sin(elev);
    const ch = Math.cos(heading);
    const sh = Math.sin(heading);
    return [ce * (sh * e[0] + ch * n[0]) + se * u[0], ce * (sh * e[1] + ch * n[1]) + se * u[1], ce * (sh * e[2] + ch * n[2]) + se * u[2]];
  };

  const k1 = new Array<number>(6);
  const k2 = new Array<number>(6);
  const k3 = new Array<number>(6);
  const k4 = new Array<number>(6);
  let cutoff = false;

  /** Burns a set of engines for `duration` s; returns the time actually burned (cut-off may end it early). */
  const burn = (stageIndex: number, burns: readonly Burn[], duration: number, phase: 'first' | 'upper', canCutoff: boolean, onProp: (used: readonly number[]) => void): void => {
    const nSteps = Math.max(1, Math.ceil(duration / dt));
    const h = duration / nSteps;
    const used = burns.map(() => 0);
    for (let s = 0; s < nSteps; s++) {
      if (t >= nextTrack) {
        pushTrack();
        nextTrack += trackStep;
      }
      const m = massNow(stageIndex) - used.reduce((a, b) => a + b, 0);
      const alt = heightKm(r[0], r[1], r[2]);
      const pr = Math.exp(-Math.max(0, alt) / 7);
      let thrust = 0;
      let mdot = 0;
      for (const b of burns) {
        const ts = thrustScale(b.index);
        const tv = b.el.thrustVacKn * 1000 * ts * b.units;
        const tsl = b.el.thrustSlKn * 1000 * ts * b.units;
        thrust += tv - (tv - tsl) * pr;
        mdot += tv / (G0_MPS2 * b.el.ispVacS * ispScale(b.index));
      }
      const dir = steer(phase, thrust / m / 1000);
      // RK4 on (r, v) with the mass at the step's start, mid and end.
      const mid = m - (mdot * h) / 2;
      const end = m - mdot * h;
      deriv(r[0], r[1], r[2], v[0], v[1], v[2], m, thrust, dir, k1);
      deriv(r[0] + (h / 2) * k1[0]!, r[1] + (h / 2) * k1[1]!, r[2] + (h / 2) * k1[2]!, v[0] + (h / 2) * k1[3]!, v[1] + (h / 2) * k1[4]!, v[2] + (h / 2) * k1[5]!, mid, thrust, dir, k2);
      deriv(r[0] + (h / 2) * k2[0]!, r[1] + (h / 2) * k2[1]!, r[2] + (h / 2) * k2[2]!, v[0] + (h / 2) * k2[3]!, v[1] + (h / 2) * k2[4]!, v[2] + (h / 2) * k2[5]!, mid, thrust, dir, k3);
      deriv(r[0] + h * k3[0]!, r[1] + h * k3[1]!, r[2] + h * k3[2]!, v[0] + h * k3[3]!, v[1] + h * k3[4]!, v[2] + h * k3[5]!, end, thrust, dir, k4);
      for (let k = 0; k < 3; k++) {
        r[k] = r[k]! + (h / 6) * (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!);
        v[k] = v[k]! + (h / 6) * (k1[k + 3]! + 2 * k2[k + 3]! + 2 * k3[k + 3]! + k4[k + 3]!);
      }
      for (let k = 0; k < burns.length; k++) {
        const b = burns[k]!;
        used[k] = used[k]! + ((b.el.thrustVacKn * 1000 * thrustScale(b.index) * b.units) / (G0_MPS2 * b.el.ispVacS * ispScale(b.index))) * h;
      }
      t += h;
      // Fairing jettison on the heat-flux rule.
      if (fairingOn) {
        const alt2 = heightKm(r[0], r[1], r[2]);
        const sp = Math.hypot(v[0] + W * r[1], v[1] - W * r[0], v[2]) * 1000;
        const q = 0.5 * (alt2 < 1000 ? exponentialDensityKgPerM3(Math.max(0, alt2)) : 0) * sp ** 3;
        const due = req.fairingJettisonS !== undefined ? t >= req.fairingJettisonS - 1e-9 : alt2 > 60 && q < vehicle.fairing.jettisonHeatFluxWPerM2;
        if (due) {
          fairingOn = false;
          fairingT = t;
          events.push({ element: 'fairing', count: 2, tS: t, r: [...r], v: [...v], massKg: vehicle.fairing.massKg / 2, ballisticCoefficientKgPerM2: vehicle.fairing.ballisticCoefficientKgPerM2 });
        }
      }
      if (canCutoff && reached()) {
        cutoff = true;
        break;
      }
    }
    onProp(used);
  };

  // Phase 1: boosters with the first stage, from liftoff.
  const s0 = vehicle.stages[0]!;
  const reserve0 = s0.recovery?.reservePropellantFraction ?? 0;
  const tStage0 = (burnTimeS(s0) * (1 - reserve0) * ispScale(idx(0))) / thrustScale(idx(0));
  const onlyStage = vehicle.stages.length === 1;
  // After the boosters, the zero-angle-of-attack gravity turn goes on through the first stage while the vehicle is still
  // in the sensible atmosphere (dynamic pressure at booster separation above TURN_Q_PA: CZ-6A's boosters burn out at
  // ~60 km); above it (CZ-7, CZ-8 at ~90 km) or on a single-stage core the closed loop takes over at separation.
  let turnThroughCore = false;
  if (hasBoosters) {
    const b = vehicle.boosters!;
    const tB = (burnTimeS(b) * ispScale(0)) / thrustScale(0);
    const dur = Math.min(tB, tStage0);
    burn(0, [{ index: 0, el: b, units: b.count }, { index: idx(0), el: s0, units: 1 }], dur, 'first', false, (used) => {
      boosterMass -= used[0]!;
      stageMass[0] = stageMass[0]! - used[1]!;
    });
    const rhoSep = exponentialDensityKgPerM3(Math.max(0, heightKm(r[0], r[1], r[2])));
    const vSep = Math.hypot(v[0] + W * r[1], v[1] - W * r[0], v[2]) * 1000;
    turnThroughCore = !onlyStage && 0.5 * rhoSep * vSep * vSep > TURN_Q_PA;
    if (stopAtStaging && !turnThroughCore) return { result: undefined as unknown as AscentResult, gammaAtStagingRad: relGamma(), apexAtStagingKm: apexKm() };
    events.push({ element: 'boosters', count: b.count, tS: t, r: [...r], v: [...v], massKg: boosterMass / b.count, ballisticCoefficientKgPerM2: b.ballisticCoefficientKgPerM2 });
    boosterMass = 0;
  }
  // Remaining stages in series.
  for (let k = 0; k < vehicle.stages.length && !cutoff; k++) {
    const st = vehicle.stages[k]!;
    const reserve = st.recovery?.reservePropellantFraction ?? 0;
    const usable = stageMass[k]! - st.dryMassKg - reserve * st.propellantMassKg;
    const mdot = (st.thrustVacKn * 1000 * thrustScale(idx(k))) / (G0_MPS2 * st.ispVacS * ispScale(idx(k)));
    const dur = Math.max(0, usable / mdot);
    const last = k === vehicle.stages.length - 1;
    // Open-loop gravity turn through the whole first stage (after the boosters too when it is not a sustainer, see
    // turnThroughCore); closed loop on the upper stages and on a sustainer core after its boosters.
    const phase: 'first' | 'upper' = k === 0 && !onlyStage && (!hasBoosters || turnThroughCore) ? 'first' : 'upper';
    if (dur > 0) {
      burn(k, [{ index: idx(k), el: st, units: 1 }], dur, phase, last, (used) => {
        stageMass[k] = stageMass[k]! - used[0]!;
      });
    }
    if (stopAtStaging && k === 0) return { result: undefined as unknown as AscentResult, gammaAtStagingRad: relGamma(), apexAtStagingKm: apexKm() };
    if (!last && !cutoff) {
      events.push({ element: st.name, count: 1, tS: t, r: [...r], v: [...v], massKg: stageMass[k]!, ballisticCoefficientKgPerM2: st.ballisticCoefficientKgPerM2 * (stageMass[k]! / st.dryMassKg), ...(st.recovery ? { recovery: st.recovery } : {}) });
      stageMass[k] = 0;
    }
  }
  pushTrack();
  const o = orbitOf(r, v);
  const lastIdx = stageMass.findLastIndex((m) => m > 0);
  return {
    gammaAtStagingRad: relGamma(),
    apexAtStagingKm: apexKm(),
    result: {
    events,
    track,
    cutoff: { tS: t, r: [...r], v: [...v], perigeeAltKm: o.perigeeAltKm, apogeeAltKm: o.apogeeAltKm, inclinationRad: o.inclinationRad, reachedOrbit: o.perigeeAltKm > 120 },
    liftoffAzimuthRad: wrapTwoPi(liftoffAz),
    upperStageMassKg: lastIdx >= 0 ? stageMass[lastIdx]! : 0,
    pitchProgramme: { tS: progT, elevationRad: progE },
    fairingJettisonS: fairingT,
    },
  };
}

/** Where a jettisoned element lands. */
export interface Impact {
  readonly element: string;
  /** Seconds from liftoff at impact. */
  readonly tS: number;
  readonly latRad: number;
  readonly lonRad: number;
}

/**
 * Ballistic fall of one element from its separation state to the ground (height 0 above the ellipsoid).
 * `dv` is an extra separation velocity (east, north, up; km/s); `bcScale` multiplies β.
 */
export function fallToImpact(ev: SeparationEvent, opts: { dv?: readonly [number, number, number]; bcScale?: number; windEastKmS?: number; windNorthKmS?: number } = {}): Impact {
  const r: V3 = [ev.r[0], ev.r[1], ev.r[2]];
  const v: V3 = [ev.v[0], ev.v[1], ev.v[2]];
  if (opts.dv) {
    const { e, n, u } = enu(r);
    for (let k = 0; k < 3; k++) v[k] = v[k]! + opts.dv[0] * e[k]! + opts.dv[1] * n[k]! + opts.dv[2] * u[k]!;
  }
  const beta = ev.ballisticCoefficientKgPerM2 * (opts.bcScale ?? 1);
  const we = opts.windEastKmS ?? 0;
  const wn = opts.windNorthKmS ?? 0;
  let t = ev.tS;
  const gv: V3 = [0, 0, 0];
  const f = (x: number, y: number, z: number, vx: number, vy: number, vz: number, out: number[]): void => {
    gravity(x, y, z, gv);
    const h = heightKm(x, y, z);
    let ax = vx + W * y;
    let ay = vy - W * x;
    let az = vz;
    if (h < 20 && (we !== 0 || wn !== 0)) {
      const b = enu([x, y, z]);
      ax -= we * b.e[0] + wn * b.n[0];
      ay -= we * b.e[1] + wn * b.n[1];
      az -= we * b.e[2] + wn * b.n[2];
    }
    const rho = h < 200 ? exponentialDensityKgPerM3(Math.max(0, h)) : 0;
    const d = (500 * rho * Math.hypot(ax, ay, az)) / beta;
    out[0] = vx;
    out[1] = vy;
    out[2] = vz;
    out[3] = gv[0] - d * ax;
    out[4] = gv[1] - d * ay;
    out[5] = gv[2] - d * az;
  };
  const k1 = new Array<number>(6);
  const k2 = new Array<number>(6);
  const k3 = new Array<number>(6);
  const k4 = new Array<number>(6);
  let hPrev = heightKm(r[0], r[1], r[2]);
  for (let iter = 0; iter < 200000; iter++) {
    const h = hPrev > 120 ? 5 : hPrev > 15 ? 0.5 : 1;
    f(r[0], r[1], r[2], v[0], v[1], v[2], k1);
    f(r[0] + (h / 2) * k1[0]!, r[1] + (h / 2) * k1[1]!, r[2] + (h / 2) * k1[2]!, v[0] + (h / 2) * k1[3]!, v[1] + (h / 2) * k1[4]!, v[2] + (h / 2) * k1[5]!, k2);
    f(r[0] + (h / 2) * k2[0]!, r[1] + (h / 2) * k2[1]!, r[2] + (h / 2) * k2[2]!, v[0] + (h / 2) * k2[3]!, v[1] + (h / 2) * k2[4]!, v[2] + (h / 2) * k2[5]!, k3);
    f(r[0] + h * k3[0]!, r[1] + h * k3[1]!, r[2] + h * k3[2]!, v[0] + h * k3[3]!, v[1] + h * k3[4]!, v[2] + h * k3[5]!, k4);
    const nr: V3 = [0, 0, 0];
    const nv: V3 = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      nr[k] = r[k]! + (h / 6) * (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!);
      nv[k] = v[k]! + (h / 6) * (k1[k + 3]! + 2 * k2[k + 3]! + 2 * k3[k + 3]! + k4[k + 3]!);
    }
    const hNew = heightKm(nr[0], nr[1], nr[2]);
    if (hNew <= 0) {
      const frac = hPrev / (hPrev - hNew);
      const ri: V3 = [r[0] + frac * (nr[0] - r[0]), r[1] + frac * (nr[1] - r[1]), r[2] + frac * (nr[2] - r[2])];
      const ti = t + frac * h;
      const sp = subPoint(ri, ti);
      return { element: ev.element, tS: ti, latRad: sp.latRad, lonRad: sp.lonRad };
    }
    r[0] = nr[0];
    r[1] = nr[1];
    r[2] = nr[2];
    v[0] = nv[0];
    v[1] = nv[1];
    v[2] = nv[2];
    t += h;
    hPrev = hNew;
    if (t - ev.tS > 4 * 3600) break;
  }
  throw new ArgumentError(`Element ${ev.element} does not come down within 4 h of separation: it reached orbit (not a drop-zone element).`, ev.element);
}

/**
 * Coasts a frame-L state (two-body + J2, no drag) from `t0S` for `durationS`, sampling every `stepS`: the parking
 * orbit of the upper stage and payloads until the first burn. Returns the samples including both ends.
 */
export function coast(r0: readonly number[], v0: readonly number[], t0S: number, durationS: number, stepS = 30): { tS: number; r: V3; v: V3 }[] {
  const r: V3 = [r0[0]!, r0[1]!, r0[2]!];
  const v: V3 = [v0[0]!, v0[1]!, v0[2]!];
  const out: { tS: number; r: V3; v: V3 }[] = [{ tS: t0S, r: [...r], v: [...v] }];
  const n = Math.max(1, Math.ceil(durationS / stepS));
  const h = durationS / n;
  const sub = Math.max(1, Math.ceil(h / 10));
  const hh = h / sub;
  const a: V3 = [0, 0, 0];
  const f = (x: readonly number[], out6: number[]): void => {
    gravity(x[0]!, x[1]!, x[2]!, a);
    out6[0] = x[3]!;
    out6[1] = x[4]!;
    out6[2] = x[5]!;
    out6[3] = a[0];
    out6[4] = a[1];
    out6[5] = a[2];
  };
  const s = [...r, ...v];
  const k1 = new Array<number>(6);
  const k2 = new Array<number>(6);
  const k3 = new Array<number>(6);
  const k4 = new Array<number>(6);
  const tmp = new Array<number>(6);
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < sub; j++) {
      f(s, k1);
      for (let q = 0; q < 6; q++) tmp[q] = s[q]! + (hh / 2) * k1[q]!;
      f(tmp, k2);
      for (let q = 0; q < 6; q++) tmp[q] = s[q]! + (hh / 2) * k2[q]!;
      f(tmp, k3);
      for (let q = 0; q < 6; q++) tmp[q] = s[q]! + hh * k3[q]!;
      f(tmp, k4);
      for (let q = 0; q < 6; q++) s[q] = s[q]! + (hh / 6) * (k1[q]! + 2 * k2[q]! + 2 * k3[q]! + k4[q]!);
    }
    out.push({ tS: t0S + i * h, r: [s[0]!, s[1]!, s[2]!], v: [s[3]!, s[4]!, s[5]!] });
  }
  return out;
}
