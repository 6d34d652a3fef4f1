/**
 * The deployment-campaign planner: which launch fills which plane, when, from which site on which vehicle; how
 * each batch reaches its slots (in-plane phasing by altitude drift, or differential J2 nodal drift from a common
 * parking orbit, then a low-thrust raise), what it costs in Δv and propellant, and when the constellation is in
 * service. Optional deployment-safety screening (safety.ts) moves a launch whose batch would meet an object.
 *
 * Launch epoch (direct plane insertion). A site at latitude φ, longitude λ lies in a plane of inclination i at
 * argument of latitude u_s = asin(sin φ / sin i) on an ascending pass (north-going azimuth) or 180° − u_s on a
 * descending one; its angle east of the ascending node is Δ = atan2(cos i sin u_s, cos u_s). Launching when
 * GMST(t) + λ − Δ = Ω_L puts the vehicle into the plane of RAAN Ω_L (GMST 1982 of UT1; launch taken as
 * instantaneous, the insertion point `ascentDownrangeDeg` further along the plane).
 * The RAAN needed at launch makes the batch arrive in its target plane: with Ω̇ the J2 nodal rates (j2.ts) at the
 * insertion and the operational altitudes and R the nodal drift accumulated during the raise (propulsion.ts),
 *   Ω_L = Ω_target(t_L) + Ω̇_op (τ_d + τ_r) − Ω̇_ins τ_d − R,   Ω_target(t) = Ω_design + Ω̇_op (t − t_design),
 * solved by fixed-point iteration together with the phasing wait τ_d (it converges: Ω̇ ≪ ω⊕).
 * In-plane phasing: a satellite waits w at the insertion altitude, where its argument of latitude runs faster by
 * Δu̇ = u̇_ins − u̇_op (u̇ = n [1 + ¾ J2 (R/a)² (8 cos² i − 2)], the secular rate of ω + M, circular orbit), so that
 * it reaches its slot: w = wrap₃₆₀(u_slot(t_L + τ_r) − u_ins − U_raise)/Δu̇ (U_raise the angle travelled while
 * raising). The batch's driftDays is the wait of its last satellite.
 * J2 nodal drift: with a parking orbit common to several planes, a batch whose plane is ΔΩ away waits
 *   τ_d = (ΔΩ(t_L) − (R − Ω̇_op τ_r)) / (Ω̇_ins − Ω̇_op)
 * before raising (the numerator wrapped to the sign of the denominator); its in-plane phasing is then absorbed in
 * the staggered start of each satellite's raise (within one phasing period, Δu̇⁻¹·360°).
 * Choice (strategy 'auto', per shell): when a vehicle carries no more satellites than a plane holds, each launch
 * fills one plane and planes come from launch timing. When it carries more, a launch can serve several planes:
 * either by RAAN changes with the satellites' propulsion (Δv = 2 v sin i sin(ΔΩ/2) per plane spacing ΔΩ) or by
 * differential J2 drift from the parking orbit (no extra Δv, ΔΩ/|Ω̇_ins − Ω̇_op| days). Drift is used when the
 * farthest batch of a launch arrives within `maxDriftDays`; otherwise launches carry one plane each (launch timing).
 */
import type { Instant, TimeScales } from '../../time/index.ts';
import type { ElementSet } from '../../catalog/model.ts';
import { ArgumentError } from '../../errors/index.ts';
import { gmst1982 } from '../../frames/fk5.ts';
import { DEG_TO_RAD, RAD_TO_DEG, SECONDS_PER_DAY } from '../../units/index.ts';
import type { ConstellationDesign, DesignShell } from '../design.ts';
import { wrapDeg } from '../design.ts';
import { J2_EARTH, J2_MODEL_RADIUS_KM, j2NodalRateDegPerDay, meanMotionRadS } from '../../orbits/index.ts';
import { DeploymentConstraintError } from './errors.ts';
import { DEFAULT_SATELLITE, lowThrustRaise, raanChangeDvMps, type RaiseResult, type SatellitePropulsion } from './propulsion.ts';
import { LAUNCH_SITES, requireSiteAzimuths, type LaunchAzimuth, type LaunchSite } from './sites.ts';
import { LAUNCH_VEHICLES, requireVehicleSatellites, type LaunchVehicle } from './vehicles.ts';
import { createBroadPhaseScratch } from '../../screening/index.ts';
import { screenLaunchBatches, type BatchTrajectory, type DeploymentConjunction, type SafetyOptions } from './safety.ts';

export type DeploymentStrategy = 'launch-timing' | 'j2-drift';

export interface DeploymentOptions {
  readonly start: Instant;
  readonly timeScales: TimeScales;
  /** Epoch of the design's elements (slot phases and RAANs refer to it); default `start`. */
  readonly designEpoch?: Instant;
  readonly vehicles?: readonly LaunchVehicle[];
  readonly sites?: readonly LaunchSite[];
  readonly satellite?: SatellitePropulsion;
  /** Insertion (parking) altitude per shell, km; default the design altitude × 0.75 rounded to 50 km (at least 300 km, at most the design altitude). */
  readonly insertionAltitudeKm?: number;
  /** Most satellites one launch may carry (dispenser limit); default: the vehicle's capacity. */
  readonly satellitesPerLaunch?: number;
  readonly strategy?: 'auto' | DeploymentStrategy;
  /** Longest acceptable J2 drift of a batch (days) in 'auto'; default 180. */
  readonly maxDriftDays?: number;
  /** Angle from the site to the insertion point along the plane, deg (default 20). */
  readonly ascentDownrangeDeg?: number;
  /** Deployment-safety screening; absent: no screening. */
  readonly safety?: SafetyOptions;
  /** Called after each launch is committed: launches planned, satellites placed, satellites in the design. */
  readonly onLaunch?: (launches: number, satellitesPlaced: number, satellitesTotal: number) => void;
}

/** One batch on one launch (a launch carrying batches for several planes appears once per batch, with the same launchIndex). */
export interface PlannedLaunch {
  readonly launchIndex: number;
  readonly epoch: string;
  readonly site: string;
  readonly vehicle: string;
  readonly shell: number;
  readonly plane: number;
  /** RAAN of the insertion orbit at launch, deg. */
  readonly raanDeg: number;
  /** RAAN of the target plane at arrival, deg. */
  readonly targetRaanDeg: number;
  readonly insertionAltitudeKm: number;
  readonly inclinationDeg: number;
  readonly azimuthDeg: number;
  readonly satellites: number;
  readonly slots: readonly number[];
  readonly catalogNumbers: readonly number[];
  readonly strategy: DeploymentStrategy;
  /** Time at the insertion altitude before raising (the last satellite's), days. */
  readonly driftDays: number;
  /** RAAN opened relative to the target plane during the drift, deg (J2; 0 for launch timing up to phasing). */
  readonly nodalDriftDeg: number;
  readonly raiseDays: number;
  /** RAAN opened relative to the target plane while raising, deg. */
  readonly raiseNodalDriftDeg: number;
  /** Raise Δv per satellite (Edelbaum), m/s. */
  readonly dvMps: number;
  readonly hohmannDvMps: number;
  /** Propellant per satellite, kg. */
  readonly propellantKg: number;
  /** Δv per satellite that a RAAN change would have cost instead of the J2 drift, m/s (0 for launch timing). */
  readonly planeChangeDvAvoidedMps: number;
  readonly arrivalEpoch: string;
  readonly conjunctions: readonly DeploymentConjunction[];
  readonly rephased?: { readonly fromEpoch: string; readonly shifts: number; readonly reason: string };
}

export interface ShellStrategy {
  readonly shell: number;
  readonly strategy: DeploymentStrategy;
  readonly reason: string;
  readonly insertionAltitudeKm: number;
  readonly differentialNodalRateDegPerDay: number;
  readonly planeSpacingDeg: number;
  readonly driftDaysPerPlaneSpacing: number;
  readonly planeChangeDvPerPlaneSpacingMps: number;
  readonly satellitesPerLaunch: number;
  /** Occupied shells the raise passes through: from the raise start, and for how long the spiral stays within the report distance (10 km default) of each. */
  readonly raiseCrossings: readonly { readonly altitudeKm: number; readonly startOffsetDays: number; readonly durationDays: number }[];
}

export interface DeploymentPlan {
  readonly launches: PlannedLaunch[];
  readonly launchCount: number;
  readonly initialServiceEpoch: string;
  readonly fullServiceEpoch: string;
  readonly totalDvMps: number;
  readonly totalPropellantKg: number;
  readonly launchesPerSite: Record<string, number>;
  readonly shells: ShellStrategy[];
  /** Satellites in their slots over time (one entry per arrival). */
  readonly timeline: { readonly epoch: string; readonly satellitesInService: number }[];
  readonly conjunctionsFlagged: number;
  readonly launchesRephased: number;
}

/** Secular rate of the argument of latitude (ω̇ + Ṁ) of a circular orbit, deg/s. */
export function argLatRateDegS(altitudeKm: number, inclinationDeg: number): number {
  const a = J2_MODEL_RADIUS_KM + altitudeKm;
  const c = Math.cos(inclinationDeg * DEG_TO_RAD);
  const q = J2_MODEL_RADIUS_KM / a;
  return meanMotionRadS(a) * (1 + 0.75 * J2_EARTH * q * q * (8 * c * c - 2)) * RAD_TO_DEG;
}

function wrap180(x: number): number {
  const w = wrapDeg(x + 180) - 180;
  return w;
}

/** Default insertion altitude of a shell (see DeploymentOptions.insertionAltitudeKm). */
export function defaultInsertionAltitudeKm(altitudeKm: number): number {
  return Math.min(altitudeKm, Math.max(300, Math.round((0.75 * altitudeKm) / 50) * 50));
}

interface Candidate {
  readonly vehicle: LaunchVehicle;
  readonly site: LaunchSite;
  readonly azimuths: LaunchAzimuth[];
  readonly perLaunch: number;
}

/** Site geometry of a pass: the site's argument of latitude and its angle east of the node (deg). */
function passGeometry(site: LaunchSite, inclinationDeg: number, pass: 'ascending' | 'descending'): { uSiteDeg: number; nodeAngleDeg: number } {
  const i = inclinationDeg * DEG_TO_RAD;
  const s = Math.max(-1, Math.min(1, Math.sin(site.latDeg * DEG_TO_RAD) / Math.sin(i)));
  const u0 = Math.asin(s);
  const u = pass === 'ascending' ? u0 : Math.PI - u0;
  return { uSiteDeg: u * RAD_TO_DEG, nodeAngleDeg: Math.atan2(Math.cos(i) * Math.sin(u), Math.cos(u)) * RAD_TO_DEG };
}

/** GMST (deg) at an instant. */
function gmstDeg(t: Instant, ts: TimeScales): number {
  const jd = ts.ut1JulianDate(t);
  return gmst1982(jd.jd1, jd.jd2) * RAD_TO_DEG;
}

const SIDEREAL_RATE_DEG_S = 360.98564736629 / SECONDS_PER_DAY;

/**
 * First instant ≥ t0 when a launch from `site` on `pass` enters the plane of RAAN `raanAt(t)` (deg), a function
 * of the launch time (the target drifts).
 */
export function nextLaunchWindow(site: LaunchSite, inclinationDeg: number, pass: 'ascending' | 'descending', t0: Instant, ts: TimeScales, raanAt: (t: Instant) => number): Instant {
  const g = passGeometry(site, inclinationDeg, pass);
  const f = (t: Instant): number => gmstDeg(t, ts) + site.lonDeg - g.nodeAngleDeg - raanAt(t);
  let t = t0.plusSeconds(wrapDeg(-f(t0)) / SIDEREAL_RATE_DEG_S);
  for (let k = 0; k < 4; k++) t = t.plusSeconds(-wrap180(f(t)) / SIDEREAL_RATE_DEG_S);
  if (t.isBefore(t0)) t = t.plusSeconds(360 / SIDEREAL_RATE_DEG_S);
  return t;
}

interface ShellContext {
  readonly shell: DesignShell;
  readonly hIns: number;
  readonly rateIns: number; // deg/day
  readonly rateOp: number; // deg/day
  readonly raise: RaiseResult;
  readonly candidates: Candidate[];
  readonly strategy: ShellStrategy;
  /** Per plane: the slots still to fill, in deployment order (even slots first, then odd). */
  readonly remaining: number[][];
  readonly argLatOf: Map<number, number>;
  /** Other shells' altitudes the raise passes through (deployment safety). */
  readonly crossings: { altitudeKm: number; startOffsetS: number; durationS: number }[];
}

function interleavedSlots(list: readonly number[], slotOf: (id: number) => number): number[] {
  const sorted = [...list].sort((a, b) => slotOf(a) - slotOf(b));
  return [...sorted.filter((id) => slotOf(id) % 2 === 0), ...sorted.filter((id) => slotOf(id) % 2 === 1)];
}

function shellContext(design: ConstellationDesign, shell: DesignShell, o: DeploymentOptions, vehicles: readonly LaunchVehicle[], sites: readonly LaunchSite[], sat: SatellitePropulsion): ShellContext {
  const hIns = Math.min(o.insertionAltitudeKm ?? defaultInsertionAltitudeKm(shell.altitudeKm), shell.altitudeKm);
  const i = shell.inclinationDeg;
  const errors: DeploymentConstraintError[] = [];
  const candidates: Candidate[] = [];
  for (const v of vehicles) {
    const vSites = sites.filter((s) => v.sites.includes(s.id));
    if (vSites.length === 0) {
      errors.push(new DeploymentConstraintError('VEHICLE_SITE', `vehicle ${v.id} flies from ${v.sites.join(', ')}, none of which is in the site network.`, v.id));
      continue;
    }
    for (const site of vSites) {
      try {
        const azimuths = requireSiteAzimuths(site, i);
        const n = requireVehicleSatellites(v, hIns, i, site.latDeg, sat.massKg);
        candidates.push({ vehicle: v, site, azimuths, perLaunch: Math.min(n, o.satellitesPerLaunch ?? n) });
      } catch (e) {
        if (e instanceof DeploymentConstraintError) errors.push(e);
        else throw e;
      }
    }
  }
  if (candidates.length === 0) {
    // Report the constraint that failed, preferring the most specific (site geometry before capacity).
    const order = ['SITE_LATITUDE', 'SITE_AZIMUTH', 'VEHICLE_ALTITUDE', 'VEHICLE_CAPACITY', 'VEHICLE_SITE'];
    errors.sort((a, b) => order.indexOf(a.constraint) - order.indexOf(b.constraint));
    const first = errors[0];
    if (first !== undefined && errors.every((e) => e.constraint === first.constraint)) throw first;
    throw new DeploymentConstraintError(
      'NO_LAUNCH_OPTION',
      `no vehicle and site of the fleet can put shell ${shell.name} (${shell.altitudeKm} km, ${i}°, insertion ${hIns} km) into orbit: ${errors.map((e) => e.message).join(' | ')}`,
      { shell: shell.index },
    );
  }
  const raise = lowThrustRaise(sat, hIns, shell.altitudeKm, i);
  const rateIns = j2NodalRateDegPerDay(hIns, i);
  const rateOp = j2NodalRateDegPerDay(shell.altitudeKm, i);
  const diff = rateIns - rateOp;
  const P = shell.planes.length;
  const spacing = P > 1 ? Math.min(...shell.planes.map((p, k) => wrapDeg(shell.planes[(k + 1) % P]!.raanDeg - p.raanDeg)).filter((x) => x > 0)) : 360;
  const perLaunch = Math.max(...candidates.map((c) => c.perLaunch));
  const maxPlaneSlots = Math.max(...shell.planes.map((p) => p.satellites.length));
  const driftPerSpacing = diff === 0 ? Number.POSITIVE_INFINITY : spacing / Math.abs(diff);
  const planeChangeDv = raanChangeDvMps(shell.altitudeKm, i, spacing);
  let strategy: DeploymentStrategy;
  let reason: string;
  const planesPerLaunch = Math.ceil(perLaunch / Math.max(1, maxPlaneSlots));
  const maxDrift = o.maxDriftDays ?? 180;
  const reachable = Math.min(planesPerLaunch, P, 1 + Math.floor(maxDrift / driftPerSpacing));
  if (o.strategy !== undefined && o.strategy !== 'auto') {
    strategy = o.strategy;
    reason = `forced by the request (differential J2 drift ${Math.abs(diff).toFixed(4)}°/day: ${driftPerSpacing.toFixed(1)} days per ${spacing.toFixed(2)}° plane spacing)`;
  } else if (P === 1 || planesPerLaunch <= 1) {
    strategy = 'launch-timing';
    reason = `a launch carries at most ${perLaunch} satellites, no more than a plane's ${maxPlaneSlots} slots: each launch fills one plane, placed by launch timing`;
  } else if (reachable >= 2) {
    strategy = 'j2-drift';
    reason = `a launch carries ${perLaunch} satellites (${planesPerLaunch} planes' worth); differential J2 drift ${Math.abs(diff).toFixed(4)}°/day opens the ${spacing.toFixed(2)}° plane spacing in ${driftPerSpacing.toFixed(1)} days, so one launch serves ${reachable} planes within ${maxDrift} days, saving ${planeChangeDv.toFixed(0)} m/s per satellite per plane spacing that a RAAN change would cost`;
  } else {
    strategy = 'launch-timing';
    reason = `differential J2 drift is only ${Math.abs(diff).toFixed(4)}°/day: ${driftPerSpacing.toFixed(0)} days per ${spacing.toFixed(2)}° plane spacing (> ${maxDrift} days), and a RAAN change costs ${planeChangeDv.toFixed(0)} m/s per satellite: planes come from launch timing, one plane per launch`;
  }
  const argLatOf = new Map(design.satellites.map((s) => [s.catalogNumber, s.argLatDeg]));
  const slotOf = new Map(design.satellites.map((s) => [s.catalogNumber, s.slot]));
  const crossings = design.shells
    .filter((s) => s.index !== shell.index && s.altitudeKm > hIns && s.altitudeKm < shell.altitudeKm)
    .map((s) => {
      const band = o.safety?.reportDistanceKm ?? 10;
      const from = lowThrustRaise(sat, hIns, Math.max(hIns, s.altitudeKm - band), i).durationS;
      const to = lowThrustRaise(sat, hIns, Math.min(shell.altitudeKm, s.altitudeKm + band), i).durationS;
      return { altitudeKm: s.altitudeKm, startOffsetS: from, durationS: to - from };
    });
  return {
    shell,
    hIns,
    rateIns,
    rateOp,
    raise,
    candidates,
    strategy: {
      shell: shell.index,
      strategy,
      reason,
      insertionAltitudeKm: hIns,
      differentialNodalRateDegPerDay: diff,
      planeSpacingDeg: spacing,
      driftDaysPerPlaneSpacing: driftPerSpacing,
      planeChangeDvPerPlaneSpacingMps: planeChangeDv,
      satellitesPerLaunch: perLaunch,
      raiseCrossings: crossings.map((c) => ({ altitudeKm: c.altitudeKm, startOffsetDays: c.startOffsetS / SECONDS_PER_DAY, durationDays: c.durationS / SECONDS_PER_DAY })),
    },
    remaining: shell.planes.map((p) => interleavedSlots(p.satellites, (id) => slotOf.get(id)!)),
    argLatOf,
    crossings,
  };
}

interface DraftBatch {
  plane: number;
  ids: number[];
}

interface DraftLaunch {
  t: Instant;
  candidate: Candidate;
  azimuth: LaunchAzimuth;
  raanL: number;
  uIns: number;
  batches: {
    plane: number;
    ids: number[];
    driftS: number;
    nodalDriftDeg: number;
    targetRaanDeg: number;
    arrivalsS: number[];
  }[];
}

/** Plans a deployment campaign for a design. Throws DeploymentConstraintError naming the constraint when the fleet or sites cannot do it. */
export function planDeployment(design: ConstellationDesign, o: DeploymentOptions): DeploymentPlan {
  const ts = o.timeScales;
  const vehicles = o.vehicles ?? LAUNCH_VEHICLES;
  const sites = o.sites ?? LAUNCH_SITES;
  const sat = o.satellite ?? DEFAULT_SATELLITE;
  const tDesign = o.designEpoch ?? o.start;
  const downrange = o.ascentDownrangeDeg ?? 20;
  if (o.satellitesPerLaunch !== undefined && !(Number.isInteger(o.satellitesPerLaunch) && o.satellitesPerLaunch >= 1)) {
    throw new ArgumentError(`satellitesPerLaunch must be a positive integer; got ${o.satellitesPerLaunch}.`, o.satellitesPerLaunch);
  }
  const contexts = design.shells.map((s) => shellContext(design, s, o, vehicles, sites, sat));
  const vehicleFree = new Map<string, Instant[]>(vehicles.map((v) => [v.id, Array.from({ length: Math.max(1, v.units) }, () => o.start)]));
  const padFree = new Map<string, Instant>();
  const launches: PlannedLaunch[] = [];
  const inTransit: BatchTrajectory[] = [];
  const inService: { id: number; t: Instant }[] = [];
  const arrivals: { t: Instant; n: number }[] = [];
  // One broad-phase scratch for the hundreds of small screenings of a campaign (its grid is allocated once).
  const broadPhase = createBroadPhaseScratch();
  let launchIndex = 0;
  let flagged = 0;
  let rephasedCount = 0;

  for (const ctx of contexts) {
    const { shell } = ctx;
    const i = shell.inclinationDeg;
    const P = shell.planes.length;
    const diff = ctx.rateIns - ctx.rateOp; // deg/day
    const dir = diff < 0 ? -1 : 1;
    const dUdot = argLatRateDegS(ctx.hIns, i) - argLatRateDegS(shell.altitudeKm, i); // deg/s
    const uDotOp = argLatRateDegS(shell.altitudeKm, i);
    const raiseS = ctx.raise.durationS;
    const raiseDiffDeg = ctx.raise.nodalDriftDeg - (ctx.rateOp * raiseS) / SECONDS_PER_DAY;
    const uRaise = ctx.raise.argLatTravelDeg;
    const targetRaan = (plane: number, t: Instant): number => shell.planes[plane]!.raanDeg + (ctx.rateOp * t.secondsSince(tDesign)) / SECONDS_PER_DAY;
    // Plane order: round robin over planes so that every plane gets its first batch early.
    // With J2 drift a launch serves the primary plane and its neighbours in the drift direction, so walk the planes that way.
    const walk = ctx.strategy.strategy === 'j2-drift' ? dir : 1;
    const order = shell.planes.map((_, k) => (((walk * k) % P) + P) % P);
    let cursor = 0;
    const nextPlane = (): number | undefined => {
      for (let s = 0; s < P; s++) {
        const k = order[(cursor + s) % P]!;
        if (ctx.remaining[k]!.length > 0) {
          cursor = (cursor + s + 1) % P;
          return k;
        }
      }
      return undefined;
    };
    for (let primary = nextPlane(); primary !== undefined; primary = nextPlane()) {
      const plan = (earliest: Instant): DraftLaunch => {
        let best: DraftLaunch | undefined;
        for (const c of ctx.candidates) {
          const units = vehicleFree.get(c.vehicle.id)!;
          const unitFree = units.reduce((a, b) => (b.isBefore(a) ? b : a));
          const pad = padFree.get(`${c.site.id}|${c.vehicle.id}`) ?? o.start;
          let t0 = earliest;
          if (unitFree.isAfter(t0)) t0 = unitFree;
          if (pad.isAfter(t0)) t0 = pad;
          for (const az of c.azimuths) {
            const draft = draftLaunch(c, az, t0);
            if (best === undefined || draft.t.isBefore(best.t) || (draft.t.equals(best.t) && draft.batches.reduce((a, b) => a + b.ids.length, 0) > best.batches.reduce((a, b) => a + b.ids.length, 0))) best = draft;
          }
        }
        return best!;
      };
      const draftLaunch = (c: Candidate, az: LaunchAzimuth, t0: Instant): DraftLaunch => {
        // Batches: the primary plane first, then (J2 drift) further planes in the drift direction.
        const batches: DraftBatch[] = [];
        let room = c.perLaunch;
        const take = (plane: number): void => {
          const ids = ctx.remaining[plane]!.slice(0, room);
          if (ids.length > 0) {
            batches.push({ plane, ids });
            room -= ids.length;
          }
        };
        take(primary);
        if (ctx.strategy.strategy === 'j2-drift') {
          const limit = o.strategy === 'j2-drift' ? Number.POSITIVE_INFINITY : (o.maxDriftDays ?? 180);
          for (let s = 1; s < P && room > 0 && (s - 1) * ctx.strategy.driftDaysPerPlaneSpacing <= limit; s++) {
            if (s * ctx.strategy.driftDaysPerPlaneSpacing > limit + ctx.strategy.driftDaysPerPlaneSpacing) break;
            take((((primary + dir * s) % P) + P) % P);
          }
        }
        const g = passGeometry(c.site, i, az.pass);
        const uIns = g.uSiteDeg + downrange;
        // Fixed point on the primary batch's phasing wait.
        let tau = 0;
        let t = t0;
        const waitsFor = (ids: readonly number[], tl: Instant): number[] =>
          ids.map((id) => {
            const uSlot = ctx.argLatOf.get(id)! + uDotOp * (tl.secondsSince(tDesign) + raiseS);
            return wrapDeg(uSlot - uIns - uRaise) / (dUdot === 0 ? Number.POSITIVE_INFINITY : dUdot);
          });
        for (let it = 0; it < 6; it++) {
          const tauFixed = tau;
          t = nextLaunchWindow(c.site, i, az.pass, t0, ts, (tl) => targetRaan(primary, tl) + ((ctx.rateOp * (tauFixed + raiseS)) / SECONDS_PER_DAY) - (ctx.rateIns * tauFixed) / SECONDS_PER_DAY - ctx.raise.nodalDriftDeg);
          const w = waitsFor(batches[0]!.ids, t);
          tau = dUdot === 0 ? 0 : Math.max(...w);
        }
        const raanL = wrapDeg(gmstDeg(t, ts) + c.site.lonDeg - g.nodeAngleDeg);
        const out: DraftLaunch['batches'] = [];
        for (const b of batches) {
          if (b.plane === primary || ctx.strategy.strategy === 'launch-timing') {
            const w = waitsFor(b.ids, t);
            const driftS = dUdot === 0 ? 0 : Math.max(...w);
            out.push({ plane: b.plane, ids: b.ids, driftS, nodalDriftDeg: (diff * driftS) / SECONDS_PER_DAY, targetRaanDeg: wrapDeg(targetRaan(b.plane, t.plusSeconds(driftS + raiseS))), arrivalsS: w.map((x) => x + raiseS) });
          } else {
            // Nodal drift: ΔΩ(t_L) − raise differential, to the sign of the differential rate.
            const need = targetRaan(b.plane, t) - raanL - raiseDiffDeg;
            const signed = dir < 0 ? -wrapDeg(-need) : wrapDeg(need);
            const driftS = (signed / diff) * SECONDS_PER_DAY;
            out.push({ plane: b.plane, ids: b.ids, driftS, nodalDriftDeg: signed, targetRaanDeg: wrapDeg(targetRaan(b.plane, t.plusSeconds(driftS + raiseS))), arrivalsS: b.ids.map(() => driftS + raiseS) });
          }
        }
        return { t, candidate: c, azimuth: az, raanL, uIns, batches: out };
      };

      let earliest = o.start;
      let draft = plan(earliest);
      let conj: DeploymentConjunction[] = [];
      let rephased: PlannedLaunch['rephased'];
      const firstEpoch = draft.t;
      const safety = o.safety;
      if (safety !== undefined) {
        const alertKm = safety.alertDistanceKm ?? 1;
        const maxShifts = safety.maxRephase ?? 5;
        for (let shift = 0; ; shift++) {
          const trajectories = draftTrajectories(draft, launchIndex, ctx);
          const inServiceNow = inService.filter((s) => !s.t.isAfter(draft.t)).map((s) => s.id);
          conj = screenLaunchBatches(trajectories, { design, designEpoch: tDesign, inServiceIds: inServiceNow, inTransit, timeScales: ts, safety, broadPhase });
          const alert = conj.filter((x) => x.missDistanceKm < alertKm);
          if (alert.length === 0) break;
          flagged += alert.length;
          if (shift >= maxShifts) break;
          rephased = { fromEpoch: ts.formatUtcIso(firstEpoch, 3), shifts: shift + 1, reason: `${alert.length} conjunction(s) below the ${alertKm} km alert level, closest ${Math.min(...alert.map((a) => a.missDistanceKm)).toFixed(3)} km with object ${alert[0]!.object}` };
          earliest = draft.t.plusSeconds(3600);
          draft = plan(earliest);
        }
        if (rephased !== undefined) rephasedCount++;
      }
      // Commit.
      const c = draft.candidate;
      const units = vehicleFree.get(c.vehicle.id)!;
      let u = 0;
      for (let k = 1; k < units.length; k++) if (units[k]!.isBefore(units[u]!)) u = k;
      units[u] = draft.t.plusSeconds(c.vehicle.turnaroundDays * SECONDS_PER_DAY);
      padFree.set(`${c.site.id}|${c.vehicle.id}`, draft.t.plusSeconds(c.vehicle.padTurnaroundDays * SECONDS_PER_DAY));
      for (const tr of draftTrajectories(draft, launchIndex, ctx)) inTransit.push(tr);
      for (const b of draft.batches) {
        ctx.remaining[b.plane] = ctx.remaining[b.plane]!.filter((id) => !b.ids.includes(id));
        b.ids.forEach((id, k) => {
          const at = draft.t.plusSeconds(b.arrivalsS[k]!);
          inService.push({ id, t: at });
          arrivals.push({ t: at, n: 1 });
        });
        const planeChange = b.plane === primary ? 0 : raanChangeDvMps(shell.altitudeKm, i, Math.abs(b.nodalDriftDeg));
        launches.push({
          launchIndex,
          epoch: ts.formatUtcIso(draft.t, 3),
          site: c.site.id,
          vehicle: c.vehicle.id,
          shell: shell.index,
          plane: b.plane,
          raanDeg: draft.raanL,
          targetRaanDeg: b.targetRaanDeg,
          insertionAltitudeKm: ctx.hIns,
          inclinationDeg: i,
          azimuthDeg: draft.azimuth.azimuthDeg,
          satellites: b.ids.length,
          slots: b.ids.map((id) => design.satellites.find((s) => s.catalogNumber === id)?.slot ?? -1),
          catalogNumbers: b.ids,
          strategy: b.plane === primary ? 'launch-timing' : 'j2-drift',
          driftDays: b.driftS / SECONDS_PER_DAY,
          nodalDriftDeg: b.nodalDriftDeg,
          raiseDays: raiseS / SECONDS_PER_DAY,
          raiseNodalDriftDeg: raiseDiffDeg,
          dvMps: ctx.raise.dvMps,
          hohmannDvMps: ctx.raise.hohmannDvMps,
          propellantKg: ctx.raise.propellantKg,
          planeChangeDvAvoidedMps: planeChange,
          arrivalEpoch: ts.formatUtcIso(draft.t.plusSeconds(b.driftS + raiseS), 3),
          conjunctions: conj.filter((x) => x.batchPlane === b.plane),
          ...(rephased !== undefined ? { rephased } : {}),
        });
      }
      launchIndex++;
      o.onLaunch?.(launchIndex, arrivals.length, design.satellites.length);
    }
  }
  // Timeline and service epochs.
  arrivals.sort((a, b) => a.t.compare(b.t));
  let count = 0;
  const timeline = arrivals.map((a) => ({ epoch: ts.formatUtcIso(a.t, 3), satellitesInService: (count += a.n) }));
  const firstOfPlane = new Map<string, Instant>();
  for (const l of launches) {
    const key = `${l.shell}|${l.plane}`;
    const at = ts.parseUtcIso(l.arrivalEpoch);
    const prev = firstOfPlane.get(key);
    if (prev === undefined || at.isBefore(prev)) firstOfPlane.set(key, at);
  }
  const initial = [...firstOfPlane.values()].reduce((a, b) => (b.isAfter(a) ? b : a));
  const full = arrivals.length > 0 ? arrivals[arrivals.length - 1]!.t : o.start;
  const perSite: Record<string, number> = {};
  const seen = new Set<number>();
  for (const l of launches) {
    if (seen.has(l.launchIndex)) continue;
    seen.add(l.launchIndex);
    perSite[l.site] = (perSite[l.site] ?? 0) + 1;
  }
  launches.sort((a, b) => (a.epoch < b.epoch ? -1 : a.epoch > b.epoch ? 1 : a.launchIndex - b.launchIndex || a.plane - b.plane));
  return {
    launches,
    launchCount: launchIndex,
    initialServiceEpoch: ts.formatUtcIso(initial, 3),
    fullServiceEpoch: ts.formatUtcIso(full, 3),
    totalDvMps: launches.reduce((a, l) => a + l.dvMps * l.satellites, 0),
    totalPropellantKg: launches.reduce((a, l) => a + l.propellantKg * l.satellites, 0),
    launchesPerSite: perSite,
    shells: contexts.map((c) => c.strategy),
    timeline,
    conjunctionsFlagged: flagged,
    launchesRephased: rephasedCount,
  };

  function draftTrajectories(draft: DraftLaunch, index: number, ctx: ShellContext): BatchTrajectory[] {
    return draft.batches.map((b, k) => ({
      id: 990_000_000 + index * 10 + k,
      launchIndex: index,
      plane: b.plane,
      start: draft.t,
      driftS: b.driftS,
      raiseS: ctx.raise.durationS,
      insertionAltitudeKm: ctx.hIns,
      targetAltitudeKm: ctx.shell.altitudeKm,
      inclinationDeg: ctx.shell.inclinationDeg,
      raanDeg: draft.raanL,
      argLatDeg: draft.uIns,
      rateInsDegPerDay: ctx.rateIns,
      crossings: ctx.crossings,
    }));
  }
}

/** The design's nominal element sets helper type, re-exported for safety screening callers. */
export type DesignElementSets = readonly ElementSet[];
