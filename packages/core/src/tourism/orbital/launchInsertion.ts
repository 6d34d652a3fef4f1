/**
 * Insertion state from a launch into the station's plane: the next direct launch opportunities from a network site
 * (launch/windows.ts, the station's plane with its J2 nodal drift), the nominal ascent of a library vehicle
 * (launch/plan.ts, `flyAscent`) to the insertion apogee, and the cut-off state turned from the ascent's frame "L"
 * (inertial axes = ITRF axes at liftoff) to GCRF: r_GCRF = Mᵀ r_L, v_GCRF = Mᵀ v_L with M = GCRF→ITRF at liftoff
 * (polar motion and the precession over the ~10 min of ascent neglected).
 */
import { ArgumentError } from '../../errors/index.ts';
import { gcrfToTeme } from '../../frames/transforms.ts';
import { findLaunchSite } from '../../launch/sites/network.ts';
import { planLaunch } from '../../launch/plan.ts';
import { launchOpportunities } from '../../launch/windows.ts';
import { vec3 } from '../../math/vec3.ts';
import { j2NodalRateRadS } from '../../orbits/j2Secular.ts';
import { EarthOrientation } from '../../propagation/numerical/earthOrientation.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { MU_KM3S2 } from './phasing.ts';
import type { OrbitState } from './rendezvous.ts';
import { cross, norm, unit } from './vec.ts';

export interface LaunchInsertionRequest {
  readonly siteId: string;
  readonly vehicleId: string;
  readonly station: OrbitState;
  /** Start of the searched span. */
  readonly start: Instant;
  /** Searched span (h), default 24. */
  readonly searchHours?: number;
  /** Insertion apogee altitude (km), default 240. */
  readonly apogeeAltitudeKm?: number;
  /** Which in-sector direct opportunity (0 = the first), default 0. */
  readonly opportunity?: number;
  readonly payloadKg?: number;
}

export interface LaunchInsertion {
  readonly launch: Instant;
  readonly branch: 'ascending' | 'descending';
  readonly insertion: OrbitState;
  readonly cutoffAfterLiftoffS: number;
  readonly perigeeAltitudeKm: number;
  readonly apogeeAltitudeKm: number;
  readonly inclinationDeg: number;
}

/** The insertion state of a launch into the station's plane (module header). */
export function insertionFromLaunch(req: LaunchInsertionRequest, ts: TimeScales): LaunchInsertion {
  const site = findLaunchSite(req.siteId);
  const s = Array.from(req.station.stateGcrf);
  const teme = gcrfToTeme({ r: vec3<'GCRF'>(s[0]!, s[1]!, s[2]!), v: vec3<'GCRF'>(s[3]!, s[4]!, s[5]!) }, req.station.epoch, ts);
  const h = unit(cross(teme.r, teme.v));
  const inclinationRad = Math.acos(h[2]);
  const raanRad = Math.atan2(h[0], -h[1]);
  const rKm = norm(teme.r);
  const a = 1 / (2 / rKm - (teme.v[0] ** 2 + teme.v[1] ** 2 + teme.v[2] ** 2) / MU_KM3S2);
  const apogee = req.apogeeAltitudeKm ?? 240;
  const opps = launchOpportunities(site, { raanRad, inclinationRad, epoch: req.station.epoch, raanRateRadS: j2NodalRateRadS(a, inclinationRad) }, { start: req.start, durationS: (req.searchHours ?? 24) * 3600, altitudeKm: apogee }, ts)
    .filter((o) => o.inSector);
  const direct = opps.flatMap((o) => (o.branch === 'ascending' || o.branch === 'descending' ? [{ ...o, branch: o.branch }] : []));
  const o = direct[req.opportunity ?? 0];
  if (o === undefined) throw new ArgumentError(`No direct in-sector launch opportunity from ${site.id} into the station's plane (i = ${((inclinationRad * 180) / Math.PI).toFixed(2)}°) in the searched span (${direct.length} found): search longer or choose another site.`, req.opportunity ?? 0);
  const plan = planLaunch({ siteId: site.id, vehicleId: req.vehicleId, inclinationRad, altitudeKm: apogee, launch: o.time, branch: o.branch, samples: 0, ...(req.payloadKg !== undefined ? { payloadKg: req.payloadKg } : {}) }, ts);
  const c = plan.ascent.cutoff;
  if (!c.reachedOrbit) throw new ArgumentError(`The ${req.vehicleId} ascent from ${site.id} does not reach orbit with this payload: lower --payload-kg.`, req.vehicleId);
  const m = new Float64Array(9);
  new EarthOrientation(o.time, ts, 0).gcrfToItrfInto(0, m);
  const back = (x: readonly number[]): number[] => [0, 1, 2].map((i) => m[i]! * x[0]! + m[3 + i]! * x[1]! + m[6 + i]! * x[2]!);
  return {
    launch: o.time,
    branch: o.branch,
    insertion: { epoch: o.time.plusSeconds(c.tS), stateGcrf: [...back(c.r), ...back(c.v)] },
    cutoffAfterLiftoffS: c.tS,
    perigeeAltitudeKm: c.perigeeAltKm,
    apogeeAltitudeKm: c.apogeeAltKm,
    inclinationDeg: (c.inclinationRad * 180) / Math.PI,
  };
}
