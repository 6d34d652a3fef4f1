/**
 * Launch windows to a target orbit plane: the instantaneous launch times per day from a site (the site's position
 * vector lies in the plane), ascending and descending, the launch azimuth with Earth-rotation correction, and the
 * dog-leg / plane-change cost when the site cannot reach the plane directly.
 *
 * Plane. RAAN Ω and inclination i in TEME of date (the convention of TLE/OMM mean elements: right ascension from the
 * mean equinox along the true equator), optionally drifting at a nodal rate Ω̇ (e.g. J2, `j2NodalRateRadS` of orbits/).
 * Site. Its geocentric position from WGS-84 (geocentric latitude φ', longitude λ); its right ascension is
 * α(t) = θ_GMST(t) + λ with GMST 1982 of UT1 (Vallado eq. 3-45, as in the TEME → PEF rotation; polar motion ignored).
 *
 * In-plane condition: r̂·ĥ = 0 with ĥ = (sin i sin Ω, −sin i cos Ω, cos i), which gives
 *   sin(α − Ω) = tan φ' / tan i   (Vallado 2013 §6.4; Chobotov "Orbital Mechanics" §14).
 * Ascending pass (the site on the northbound half of the orbit): α − Ω = β = asin(tan φ'/tan i); descending:
 * α − Ω = π − β. A solution exists only when |tan φ'| ≤ |tan i|, i.e. |φ'| ≤ i ≤ 180° − |φ'|.
 * Each is found by Newton iteration on θ_GMST(t) + λ − Ω(t) − target = 0 (rate ω⊕ − Ω̇), once per sidereal day.
 *
 * Azimuth (computed by vectors, independently of the closed form the tests check it against): the inertial orbital
 * velocity at the site, V = √(μ/(R⊕+h))·(ĥ × r̂), minus the Earth's rotation velocity ω⊕ × r, resolved in the site's
 * east/north axes. It equals the textbook form: sin β_I = cos i / cos φ, tan β_R = (V sin β_I − ω⊕ R cos φ)/(V cos β_I).
 *
 * Dog-leg. When i < |φ'| (or > 180° − |φ'|) the site cannot reach the plane: it launches due east (west) into
 * i' = |φ'| when the site passes under the plane's highest point (α = Ω + 90°, so the node is shared) and changes
 * plane by Δi = |φ'| − i at a node: Δv = 2V sin(Δi/2). When the direct azimuth falls outside the site's sectors, the
 * ascent flies the nearest sector edge and the cost is the inclination difference of that azimuth (an upper bound;
 * real dog-legs yaw during ascent at lower cost, see ascent.ts).
 */
import { ArgumentError } from '../errors/index.ts';
import { gmst1982 } from '../frames/fk5.ts';
import { geodeticToItrf } from '../frames/geodetic.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, RAD_TO_DEG, WGS84 } from '../units/index.ts';
import { wrapPi, wrapTwoPi } from './geo.ts';
import { azimuthAllowed, type NetworkSite } from './sites/index.ts';


/** A target orbit plane. */
export interface TargetPlane {
  /** RAAN at `epoch` (rad, TEME of date). */
  readonly raanRad: number;
  readonly inclinationRad: number;
  /** Epoch of `raanRad`; default the start of the searched day. */
  readonly epoch?: Instant;
  /** Nodal rate (rad/s); default 0 (a fixed plane over the day). */
  readonly raanRateRadS?: number;
}

/** Branch of an opportunity: direct ascending/descending, or a dog-leg from the site's own latitude. */
export type LaunchBranch = 'ascending' | 'descending' | 'dogleg-ascending' | 'dogleg-descending';

export interface LaunchOpportunity {
  /** Instantaneous launch time (the site in the plane, or under the plane's extreme latitude for a dog-leg). */
  readonly time: Instant;
  readonly branch: LaunchBranch;
  /** Launch azimuth relative to the rotating Earth (rad, clockwise from north). */
  readonly azimuthRad: number;
  /** Azimuth of the inertial velocity (rad). */
  readonly inertialAzimuthRad: number;
  /** Inclination the ascent reaches before any plane change (rad). */
  readonly insertionInclinationRad: number;
  /** Plane change still needed after insertion (rad); 0 for a direct ascent. */
  readonly planeChangeRad: number;
  /** Δv of that plane change at the insertion orbit (km/s). */
  readonly planeChangeDeltaVKmS: number;
  /** Whether the direct azimuth lies inside the site's allowed sectors. */
  readonly inSector: boolean;
}

/** Geocentric latitude (rad) and longitude of a network site, and its distance from the Earth's centre (km). */
export function siteGeocentric(site: NetworkSite): { latRad: number; lonRad: number; radiusKm: number } {
  const r = geodeticToItrf({ latRad: site.latDeg * DEG_TO_RAD, lonRad: site.lonDeg * DEG_TO_RAD, heightKm: site.heightKm });
  const rho = Math.hypot(r[0], r[1]);
  return { latRad: Math.atan2(r[2], rho), lonRad: Math.atan2(r[1], r[0]), radiusKm: Math.hypot(rho, r[2]) };
}


/**
 * Earth-relative and inertial launch azimuth (rad) from a site at geocentric latitude `latRad` (radius `radiusKm`)
 * into inclination `inclinationRad`, ascending or descending branch, for a circular orbit at `altitudeKm`.
 * Vector form (see the module header). Throws ArgumentError when the inclination is unreachable directly.
 */
export function launchAzimuth(latRad: number, radiusKm: number, inclinationRad: number, altitudeKm: number, branch: 'ascending' | 'descending'): { azimuthRad: number; inertialAzimuthRad: number } {
  const s = Math.tan(latRad) / Math.tan(inclinationRad);
  if (!(Math.abs(s) <= 1 + 1e-12) || Math.abs(inclinationRad - Math.PI / 2) < 1e-12 && Math.abs(latRad) > Math.PI / 2) {
    throw new ArgumentError(`Inclination ${(inclinationRad * RAD_TO_DEG).toFixed(3)}° is not reachable directly from latitude ${(latRad * RAD_TO_DEG).toFixed(3)}°: it must lie between |latitude| and 180° − |latitude|. Use a dog-leg (launchOpportunities reports its cost).`, inclinationRad);
  }
  const beta = Math.asin(Math.max(-1, Math.min(1, s)));
  // Frame with the node on the x axis: Ω = 0, site at right ascension α = β or π − β.
  const alpha = branch === 'ascending' ? beta : Math.PI - beta;
  const h = [0, -Math.sin(inclinationRad), Math.cos(inclinationRad)] as const;
  const r = [Math.cos(latRad) * Math.cos(alpha), Math.cos(latRad) * Math.sin(alpha), Math.sin(latRad)] as const;
  const vDir = [h[1] * r[2] - h[2] * r[1], h[2] * r[0] - h[0] * r[2], h[0] * r[1] - h[1] * r[0]];
  const vOrb = Math.sqrt(EARTH_MU_KM3S2 / (WGS84.aKm + altitudeKm));
  const east = [-Math.sin(alpha), Math.cos(alpha), 0] as const;
  const north = [-Math.sin(latRad) * Math.cos(alpha), -Math.sin(latRad) * Math.sin(alpha), Math.cos(latRad)] as const;
  const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const vE = vOrb * dot(vDir, east);
  const vN = vOrb * dot(vDir, north);
  const rot = EARTH_ROTATION_RAD_S * radiusKm * Math.cos(latRad);
  return { inertialAzimuthRad: wrapTwoPi(Math.atan2(vE, vN)), azimuthRad: wrapTwoPi(Math.atan2(vE - rot, vN)) };
}

/** Options of a window search. */
export interface WindowOptions {
  /** Start of the searched span (e.g. 00:00 UTC of the day). */
  readonly start: Instant;
  /** Length of the span (s); default 86400. */
  readonly durationS?: number;
  /** Insertion altitude for the azimuth and plane-change Δv (km); default 500. */
  readonly altitudeKm?: number;
}

/**
 * All instantaneous launch opportunities from `site` to `plane` in [start, start + duration), sorted by time. Direct
 * ascending and descending passes when the plane is reachable; otherwise one dog-leg opportunity per sidereal day on
 * each side (north-most and south-most point of the plane for a northern/southern site).
 */
export function launchOpportunities(site: NetworkSite, plane: TargetPlane, options: WindowOptions, ts: TimeScales): LaunchOpportunity[] {
  const durationS = options.durationS ?? 86400;
  const altitudeKm = options.altitudeKm ?? 500;
  const i = plane.inclinationRad;
  if (!(Number.isFinite(i) && i >= 0 && i <= Math.PI)) throw new ArgumentError(`Inclination must lie in [0°, 180°]; got ${i * RAD_TO_DEG}°.`, i);
  if (!(Number.isFinite(altitudeKm) && altitudeKm >= 100 && altitudeKm <= 50000)) throw new ArgumentError(`Insertion altitude must lie in [100, 50000] km; got ${altitudeKm}.`, altitudeKm);
  const g = siteGeocentric(site);
  const epoch = plane.epoch ?? options.start;
  const rate = plane.raanRateRadS ?? 0;
  const vOrb = Math.sqrt(EARTH_MU_KM3S2 / (WGS84.aKm + altitudeKm));
  const gmst = (t: Instant): number => {
    const ut1 = ts.ut1JulianDate(t);
    return gmst1982(ut1.jd1, ut1.jd2);
  };
  /** Phase error (rad, wrapped) of the site's right ascension relative to Ω(t) + target. */
  const phase = (t: Instant, target: number): number => wrapPi(gmst(t) + g.lonRad - (plane.raanRad + rate * t.secondsSince(epoch)) - target);
  const solve = (target: number): Instant[] => {
    const w = EARTH_ROTATION_RAD_S - rate;
    let t = options.start.plusSeconds(wrapTwoPi(-phase(options.start, target)) / w);
    for (let k = 0; k < 4; k++) t = t.plusSeconds(-phase(t, target) / w);
    const out: Instant[] = [];
    for (let tk = t; tk.secondsSince(options.start) < durationS; tk = refine(tk.plusSeconds((2 * Math.PI) / w), target, w)) out.push(tk);
    return out.filter((x) => x.secondsSince(options.start) >= 0 && x.secondsSince(options.start) < durationS);
  };
  const refine = (t0: Instant, target: number, w: number): Instant => {
    let t = t0;
    for (let k = 0; k < 3; k++) t = t.plusSeconds(-phase(t, target) / w);
    return t;
  };
  const out: LaunchOpportunity[] = [];
  const s = Math.tan(g.latRad) / Math.tan(i);
  if (Math.abs(s) <= 1) {
    const beta = Math.asin(s);
    for (const branch of ['ascending', 'descending'] as const) {
      const az = launchAzimuth(g.latRad, g.radiusKm, i, altitudeKm, branch);
      const inSector = azimuthAllowed(site, az.azimuthRad * RAD_TO_DEG);
      let planeChange = 0;
      let insertionI = i;
      if (!inSector) {
        // Fly the nearest sector edge (Earth-relative), and price the inclination difference.
        const edge = nearestSectorEdgeRad(site, az.azimuthRad);
        if (edge !== undefined) {
          insertionI = inclinationFromRelativeAzimuth(g.latRad, g.radiusKm, edge, vOrb);
          planeChange = Math.abs(insertionI - i);
        }
      }
      for (const t of solve(branch === 'ascending' ? beta : Math.PI - beta)) {
        out.push({ time: t, branch, ...az, insertionInclinationRad: insertionI, planeChangeRad: planeChange, planeChangeDeltaVKmS: 2 * vOrb * Math.sin(planeChange / 2), inSector });
      }
    }
  } else {
    // Unreachable: the site is nearer the pole than the plane's extreme latitude. Launch due east (prograde) or west
    // (retrograde) into |φ'| when the site passes under the plane's extreme point, then change plane at the node.
    const prograde = i < Math.PI / 2;
    const iReach = prograde ? Math.abs(g.latRad) : Math.PI - Math.abs(g.latRad);
    const dI = Math.abs(iReach - i);
    const inertialAz = prograde ? Math.PI / 2 : (3 * Math.PI) / 2;
    const rot = EARTH_ROTATION_RAD_S * g.radiusKm * Math.cos(g.latRad);
    const relAz = wrapTwoPi(Math.atan2(vOrb * Math.sin(inertialAz) - rot, vOrb * Math.cos(inertialAz)));
    // Highest point of a prograde orbit is at α − Ω = +90° (u = 90°); for a southern site the lowest at −90°.
    const north = g.latRad >= 0;
    const target = (north ? 1 : -1) * (prograde ? Math.PI / 2 : -Math.PI / 2);
    const branch: LaunchBranch = north === prograde ? 'dogleg-ascending' : 'dogleg-descending';
    for (const t of solve(target)) {
      out.push({ time: t, branch, azimuthRad: relAz, inertialAzimuthRad: inertialAz, insertionInclinationRad: iReach, planeChangeRad: dI, planeChangeDeltaVKmS: 2 * vOrb * Math.sin(dI / 2), inSector: azimuthAllowed(site, relAz * RAD_TO_DEG) });
    }
  }
  return out.sort((a, b) => a.time.compare(b.time));
}

/** Inclination reached by flying an Earth-relative azimuth from geocentric latitude φ (circular speed vOrb). */
export function inclinationFromRelativeAzimuth(latRad: number, radiusKm: number, azimuthRad: number, vOrbKmS: number): number {
  // Relative ground speed that gives inertial speed vOrb along some azimuth: solve |v_rel + rot·east| = vOrb.
  const rot = EARTH_ROTATION_RAD_S * radiusKm * Math.cos(latRad);
  const se = Math.sin(azimuthRad);
  const ce = Math.cos(azimuthRad);
  // |v ê + rot x̂|² = vOrb² → v² + 2 v rot se + rot² − vOrb² = 0.
  const v = -rot * se + Math.sqrt(rot * rot * se * se - rot * rot + vOrbKmS * vOrbKmS);
  const inertialAz = Math.atan2(v * se + rot, v * ce);
  return Math.acos(Math.max(-1, Math.min(1, Math.cos(latRad) * Math.sin(inertialAz))));
}

/** The sector edge nearest to an azimuth (rad), or undefined when the site has no sectors. */
export function nearestSectorEdgeRad(site: NetworkSite, azimuthRad: number): number | undefined {
  let best: number | undefined;
  let bestD = Infinity;
  for (const s of site.azimuthSectors) {
    for (const e of [s.fromDeg, s.toDeg]) {
      const d = Math.abs(wrapPi(e * DEG_TO_RAD - azimuthRad));
      if (d < bestD) {
        bestD = d;
        best = wrapTwoPi(e * DEG_TO_RAD);
      }
    }
  }
  return best;
}
