/**
 * A launch plan: the ascent from a site to an orbit at a launch time, its drop zones (3σ hazard polygons with
 * activation times), the booster landing (for a recoverable stage) and the ground track; and the comparison of
 * predicted drop zones with published hazard areas.
 *
 * Choices (documented): the branch (ascending/descending) is the one whose direct azimuth lies in the site's sectors
 * (ties: descending, the southbound polar/SSO case); the corridor is the site's corridor whose first heading lies within
 * 25° of the direct azimuth (else a direct ascent). Activation of a hazard area: from the earliest separation of the
 * element over the samples, minus 2 min, to the latest impact plus 5 min, widened by the launch-window length.
 * Landing of a recoverable stage on a sea platform: the platform stands at the nominal ballistic impact of the stage
 * (with its landing reserve aboard); the guided landing dispersion is the vehicle's 3σ radius; the unguided (failed
 * landing) area is the Monte Carlo ellipse.
 */
import { ArgumentError } from '../errors/index.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG } from '../units/index.ts';
import type { AscentRequest, AscentResult } from './ascent.ts';
import { disperse, impactEllipse, type DispersionModel } from './dispersion.ts';
import { crossAlongTrackKm, destination, distanceKm, initialBearing, wrapPi, type LatLon } from './geo.ts';
import { polygonCentroid, type HazardArea } from './notam.ts';
import { azimuthAllowed, findLaunchSite, sitesOfKind, type AscentCorridor, type NetworkSite } from './sites/index.ts';
import { findVehicle, type Vehicle } from './vehicles.ts';
import { assignRecovery, networkRecoveryAssets, type RecoveryAssignment } from './recovery.ts';
import { launchAzimuth, siteGeocentric } from './windows.ts';

export interface LaunchPlanRequest {
  readonly siteId: string;
  readonly vehicleId: string;
  readonly inclinationRad: number;
  readonly altitudeKm: number;
  readonly launch: Instant;
  /** Default: the vehicle's reference payload. */
  readonly payloadKg?: number;
  readonly branch?: 'ascending' | 'descending' | 'auto';
  /** A corridor id of the site, `none` for a direct ascent, or `auto` (default). */
  readonly corridorId?: string;
  /** Monte Carlo samples for the hazard areas; default 200. */
  readonly samples?: number;
  readonly seed?: number;
  /** Length of the launch window (s): hazard areas stay active over it; default 0. */
  readonly windowLengthS?: number;
  readonly dispersion?: DispersionModel;
}

export interface DropZone extends HazardArea {
  readonly element: string;
  readonly units: number;
  readonly center: LatLon;
  readonly downrangeKm: number;
  readonly semiMajorKm: number;
  readonly semiMinorKm: number;
  /** Nominal impact time after liftoff (s). */
  readonly impactAfterLiftoffS: number;
}

export interface LandingPlan {
  readonly mode: 'none' | 'sea-platform' | 'land';
  readonly element?: string;
  readonly center?: LatLon;
  readonly downrangeKm?: number;
  /** Guided landing dispersion radius (3σ, km). */
  readonly dispersion3SigmaKm?: number;
  /** Area of an unguided fall (failed landing), Monte Carlo 3σ ellipse. */
  readonly failureArea?: HazardArea;
  readonly landingAfterLiftoffS?: number;
  /** Nearest network recovery area or landing zone, with its distance (km). */
  readonly nearestZone?: { readonly id: string; readonly distanceKm: number };
  readonly note: string;
}

export interface LaunchPlan {
  readonly site: NetworkSite;
  readonly vehicle: Vehicle;
  readonly launch: Instant;
  readonly payloadKg: number;
  readonly branch: 'ascending' | 'descending';
  readonly corridor: AscentCorridor | undefined;
  /** Direct launch azimuth with Earth rotation (rad) and the heading actually flown at liftoff. */
  readonly directAzimuthRad: number;
  readonly azimuthRad: number;
  readonly dropZones: DropZone[];
  readonly landing: LandingPlan;
  readonly ascent: AscentResult;
  readonly kickDeg: number;
  readonly samples: number;
  /** Recovery assets of the network assigned to the landing and the drop zones (times from liftoff). */
  readonly recovery: RecoveryAssignment[];
}

/** Picks the branch and corridor for a request (see the module header). */
export function chooseBranchAndCorridor(site: NetworkSite, inclinationRad: number, altitudeKm: number, branch: LaunchPlanRequest['branch'], corridorId: string | undefined): { branch: 'ascending' | 'descending'; directAzimuthRad: number; corridor: AscentCorridor | undefined } {
  const g = siteGeocentric(site);
  const s = Math.tan(g.latRad) / Math.tan(inclinationRad);
  if (!(Math.abs(s) <= 1)) {
    throw new ArgumentError(
      `Inclination ${(inclinationRad * RAD_TO_DEG).toFixed(2)}° cannot be reached from ${site.id} (geocentric latitude ${(g.latRad * RAD_TO_DEG).toFixed(2)}°): a direct ascent needs ${Math.abs(g.latRad * RAD_TO_DEG).toFixed(2)}° ≤ i ≤ ${(180 - Math.abs(g.latRad * RAD_TO_DEG)).toFixed(2)}°. Use 'skylane launch window' for the dog-leg cost, or another site.`,
      inclinationRad * RAD_TO_DEG,
    );
  }
  const asc = launchAzimuth(g.latRad, g.radiusKm, inclinationRad, altitudeKm, 'ascending').azimuthRad;
  const desc = launchAzimuth(g.latRad, g.radiusKm, inclinationRad, altitudeKm, 'descending').azimuthRad;
  let b: 'ascending' | 'descending';
  if (branch === 'ascending' || branch === 'descending') b = branch;
  else {
    const okA = azimuthAllowed(site, asc * RAD_TO_DEG);
    const okD = azimuthAllowed(site, desc * RAD_TO_DEG);
    b = okD || !okA ? 'descending' : 'ascending';
  }
  const direct = b === 'ascending' ? asc : desc;
  let corridor: AscentCorridor | undefined;
  if (corridorId === undefined || corridorId === 'auto') {
    corridor = site.corridors.find((c) => Math.abs(wrapPi(c.nodes[0]!.azimuthDeg * DEG_TO_RAD - direct)) <= 25 * DEG_TO_RAD);
  } else if (corridorId !== 'none') {
    corridor = site.corridors.find((c) => c.id === corridorId);
    if (corridor === undefined) throw new ArgumentError(`Unknown corridor "${corridorId}" for ${site.id}. Corridors: ${site.corridors.map((c) => c.id).join(', ') || '(none)'}; or none/auto.`, corridorId);
  }
  const flown = corridor ? corridor.nodes[0]!.azimuthDeg : direct * RAD_TO_DEG;
  if (corridor === undefined && site.azimuthSectors.length > 0 && !azimuthAllowed(site, flown)) {
    throw new ArgumentError(
      `The direct azimuth ${flown.toFixed(1)}° from ${site.id} to i = ${(inclinationRad * RAD_TO_DEG).toFixed(2)}° (${b}) lies outside the site's allowed sectors (${site.azimuthSectors.map((x) => `${x.fromDeg}–${x.toDeg}°`).join(', ')}). Choose the other branch, another site, or a corridor.`,
      flown,
    );
  }
  return { branch: b, directAzimuthRad: direct, corridor };
}

/** Plans a launch: ascent, Monte Carlo drop zones and landing. */
export function planLaunch(req: LaunchPlanRequest, _ts: TimeScales): LaunchPlan {
  const site = findLaunchSite(req.siteId);
  const vehicle = findVehicle(req.vehicleId);
  if (!(Number.isFinite(req.inclinationRad) && req.inclinationRad > 0 && req.inclinationRad < Math.PI)) throw new ArgumentError(`Inclination must lie in (0°, 180°); got ${req.inclinationRad * RAD_TO_DEG}°.`, req.inclinationRad);
  const choice = chooseBranchAndCorridor(site, req.inclinationRad, req.altitudeKm, req.branch, req.corridorId);
  const payloadKg = req.payloadKg ?? vehicle.referencePayloadKg;
  const areq: AscentRequest = { site, vehicle, payloadKg, inclinationRad: req.inclinationRad, altitudeKm: req.altitudeKm, branch: choice.branch, ...(choice.corridor ? { corridor: choice.corridor } : {}) };
  const samples = req.samples ?? 200;
  const d = disperse(areq, samples, req.seed, req.dispersion);
  const siteLL: LatLon = { latRad: site.latDeg * DEG_TO_RAD, lonRad: site.lonDeg * DEG_TO_RAD };
  const windowS = req.windowLengthS ?? 0;
  const zoneOf = (element: string, units: number, k: number): DropZone => {
    const nominalImpact = d.nominalImpacts[k]!;
    const pts = d.impacts.get(element)!;
    const ell = impactEllipse(pts.length > 1 ? pts : [nominalImpact], nominalImpact);
    const latest = Math.max(nominalImpact.tS, ...pts.map((p) => p.tS));
    return {
      id: element,
      element,
      units,
      polygon: ell.polygon,
      center: ell.center,
      downrangeKm: distanceKm(siteLL, ell.center),
      semiMajorKm: ell.semiMajorKm,
      semiMinorKm: ell.semiMinorKm,
      impactAfterLiftoffS: nominalImpact.tS,
      activeFrom: req.launch.plusSeconds(d.earliestSeparationS.get(element)! - 120),
      activeTo: req.launch.plusSeconds(latest + 300 + windowS),
      note: `${units} × ${element} of ${vehicle.id}, 3σ impact ellipse of ${d.samples} samples`,
    };
  };
  const dropZones: DropZone[] = [];
  let landing: LandingPlan = { mode: 'none', note: `${vehicle.id} has no recoverable stage` };
  d.nominal.events.forEach((ev, k) => {
    const z = zoneOf(ev.element, ev.count, k);
    if (ev.recovery === undefined) {
      dropZones.push(z);
      return;
    }
    const imp = d.nominalImpacts[k]!;
    const center: LatLon = { latRad: imp.latRad, lonRad: imp.lonRad };
    const zones = [...sitesOfKind(ev.recovery.mode === 'land' ? 'landing-zone-land' : 'recovery-area-sea'), ...(ev.recovery.mode === 'land' ? [] : sitesOfKind('landing-zone-land'))];
    const nearest = zones
      .map((zn) => ({ id: zn.id, distanceKm: distanceKm(center, { latRad: zn.latDeg * DEG_TO_RAD, lonRad: zn.lonDeg * DEG_TO_RAD }) }))
      .sort((a, b) => a.distanceKm - b.distanceKm)[0];
    landing = {
      mode: ev.recovery.mode,
      element: ev.element,
      center,
      downrangeKm: distanceKm(siteLL, center),
      dispersion3SigmaKm: ev.recovery.landingDispersion3SigmaKm,
      failureArea: { id: `${ev.element}-failed-landing`, polygon: z.polygon, activeFrom: z.activeFrom, activeTo: z.activeTo, note: 'unguided fall of the recoverable stage (failed landing)' },
      landingAfterLiftoffS: imp.tS,
      ...(nearest ? { nearestZone: nearest } : {}),
      note:
        ev.recovery.mode === 'sea-platform'
          ? 'platform stationed at the nominal ballistic impact of the stage with its landing reserve; the landing burn is not flown'
          : 'land landing: the boost-back to the zone is not flown; the distance to the nearest land zone is reported',
    };
  });
  const recoveryZones = [
    ...(landing.center ? [{ id: `landing-${landing.element}`, center: landing.center, eventS: landing.landingAfterLiftoffS!, dispersion3SigmaKm: landing.dispersion3SigmaKm! }] : []),
    ...dropZones.map((z) => ({ id: z.element, center: z.center, eventS: z.impactAfterLiftoffS, dispersion3SigmaKm: z.semiMajorKm })),
  ];
  const recovery = assignRecovery(recoveryZones, networkRecoveryAssets());
  return {
    site,
    vehicle,
    recovery,
    launch: req.launch,
    payloadKg,
    branch: choice.branch,
    corridor: choice.corridor,
    directAzimuthRad: choice.directAzimuthRad,
    azimuthRad: d.nominal.liftoffAzimuthRad,
    dropZones,
    landing,
    ascent: d.nominal,
    kickDeg: d.kickDeg,
    samples,
  };
}

/** Circle polygon (open ring) of radius `radiusKm` around a point. */
export function circlePolygon(center: LatLon, radiusKm: number, vertices = 24): LatLon[] {
  return Array.from({ length: vertices }, (_, i) => destination(center, (2 * Math.PI * i) / vertices, radiusKm));
}

/** JSON form of a plan (the CLI contract): degrees, ISO UTC, names with units. */
export function launchPlanJson(plan: LaunchPlan, ts: TimeScales): Record<string, unknown> {
  const deg = (x: number): number => Math.round(x * RAD_TO_DEG * 1e6) / 1e6;
  const ring = (p: readonly LatLon[]): number[][] => p.map((q) => [deg(q.lonRad), deg(q.latRad)]);
  const iso = (t: Instant): string => ts.formatUtcIso(t, 0);
  const c = plan.ascent.cutoff;
  return {
    site: plan.site.id,
    vehicle: plan.vehicle.id,
    launch: iso(plan.launch),
    payloadKg: plan.payloadKg,
    branch: plan.branch,
    corridor: plan.corridor?.id ?? 'direct',
    azimuthDeg: deg(plan.azimuthRad),
    directAzimuthDeg: deg(plan.directAzimuthRad),
    kickDeg: Math.round(plan.kickDeg * 1000) / 1000,
    samples: plan.samples,
    dropZones: plan.dropZones.map((z) => ({
      element: z.element,
      units: z.units,
      centerLat: deg(z.center.latRad),
      centerLon: deg(z.center.lonRad),
      downrangeKm: Math.round(z.downrangeKm * 10) / 10,
      semiMajorKm: Math.round(z.semiMajorKm * 10) / 10,
      semiMinorKm: Math.round(z.semiMinorKm * 10) / 10,
      polygon: ring(z.polygon),
      activeFrom: iso(z.activeFrom),
      activeTo: iso(z.activeTo),
    })),
    landing:
      plan.landing.mode === 'none'
        ? { mode: 'none', note: plan.landing.note }
        : {
            mode: plan.landing.mode,
            element: plan.landing.element,
            centerLat: deg(plan.landing.center!.latRad),
            centerLon: deg(plan.landing.center!.lonRad),
            downrangeKm: Math.round(plan.landing.downrangeKm! * 10) / 10,
            dispersion3SigmaKm: plan.landing.dispersion3SigmaKm,
            landingTime: iso(plan.launch.plusSeconds(plan.landing.landingAfterLiftoffS!)),
            failureAreaPolygon: ring(plan.landing.failureArea!.polygon),
            ...(plan.landing.nearestZone ? { nearestZone: plan.landing.nearestZone.id, nearestZoneDistanceKm: Math.round(plan.landing.nearestZone.distanceKm * 10) / 10 } : {}),
            note: plan.landing.note,
          },
    cutoff: {
      time: iso(plan.launch.plusSeconds(c.tS)),
      perigeeAltKm: Math.round(c.perigeeAltKm * 10) / 10,
      apogeeAltKm: Math.round(c.apogeeAltKm * 10) / 10,
      inclinationDeg: deg(c.inclinationRad),
      reachedOrbit: c.reachedOrbit,
    },
    recovery: plan.recovery.map((r) => ({
      zone: r.zone,
      asset: r.asset,
      ...(r.arrivalS !== null ? { arrivalTime: iso(plan.launch.plusSeconds(r.arrivalS)), transitKm: Math.round(r.transitKm! * 10) / 10, searchRadiusKm: Math.round(r.searchRadiusKm! * 100) / 100 } : { reason: r.reason }),
    })),
    groundTrack: plan.ascent.track.map((p) => ({ tS: Math.round(p.tS * 10) / 10, lat: deg(p.latRad), lon: deg(p.lonRad), altKm: Math.round(p.altKm * 10) / 10 })),
  };
}

/** Predicted vs published hazard area: downrange error and cross-track offset. */
export interface HazardComparison {
  readonly published: string;
  readonly element: string;
  readonly publishedDownrangeKm: number;
  readonly predictedDownrangeKm: number;
  /** (predicted − published)/published. */
  readonly downrangeRelativeError: number;
  /** Offset of the predicted centre from the great circle through the site and the published centroid (km, + right). */
  readonly crossTrackKm: number;
}

/**
 * Pairs published areas with predicted drop zones by downrange order (both sorted by distance from the site; the
 * shorter list sets the count) and measures each pair.
 */
export function compareHazardAreas(site: NetworkSite, predicted: readonly DropZone[], published: readonly HazardArea[]): HazardComparison[] {
  const s: LatLon = { latRad: site.latDeg * DEG_TO_RAD, lonRad: site.lonDeg * DEG_TO_RAD };
  const pub = published.map((a) => ({ a, c: polygonCentroid(a.polygon) })).map((x) => ({ ...x, d: distanceKm(s, x.c) })).sort((x, y) => x.d - y.d);
  const pre = [...predicted].sort((x, y) => x.downrangeKm - y.downrangeKm);
  const n = Math.min(pub.length, pre.length);
  const out: HazardComparison[] = [];
  for (let k = 0; k < n; k++) {
    const p = pub[k]!;
    const z = pre[k]!;
    const brg = initialBearing(s, p.c);
    out.push({
      published: p.a.id,
      element: z.element,
      publishedDownrangeKm: p.d,
      predictedDownrangeKm: z.downrangeKm,
      downrangeRelativeError: (z.downrangeKm - p.d) / p.d,
      crossTrackKm: crossAlongTrackKm(s, brg, z.center).crossKm,
    });
  }
  return out;
}
