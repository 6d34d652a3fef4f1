/**
 * Free-flying stay and return of a crewed capsule: the orbit over the stay, landing opportunities at a site over the
 * following days, the deorbit burn, entry interface (120 km) and an approximate ballistic landing point.
 *
 * Method (documented assumptions):
 * - Stay and coast: numerical propagator (default zonal gravity to J2; drag above 120 km neglected over the stay).
 * - Landing opportunities: passes whose ground track comes within `maxCrossRangeKm` of the site (the closest approach
 *   of the sub-satellite point, refined by a parabola through the three samples around the minimum). The capsule
 *   flies in the orbit plane, so the cross-range of the pass is the landing's cross-range (no lift, no
 *   out-of-plane burn: a ballistic entry, as the Soyuz/Shenzhou ballistic back-up mode).
 * - Deorbit burn: retrograde, tangential, sized to lower the perigee to `deorbitPerigeeAltitudeKm` (default 30 km):
 *   v⁺ = √(2μ r_p / (r (r + r_p))) at the burn radius r. The burn time is solved by the secant method so that the
 *   landing point's along-track offset from the site is below 0.5 km.
 * - Entry and landing: launch/ascent.ts `fallToImpact` (J2 gravity, drag ½ρv²/β with the Vallado exponential
 *   atmosphere below 200 km in the rotating atmosphere, RK4) from the post-burn state, in its frame "L" whose axes
 *   are the ITRF axes at the burn (the Earth turns under it at ω⊕; precession over the ~1 h of descent is
 *   neglected). Capsule β = m/(C_D A) default 350 kg/m² (Soyuz descent module ≈ 2,900 kg, C_D ≈ 1.3, 2.2 m diameter
 *   maximum cross-section 3.8 m² ≈ 590 kg/m²; with the ballistic back-up mode's tumbling 300–400 kg/m² is commonly
 *   used; an assumption). Parachutes are not modelled (they add ≤ 5 km of drift in wind).
 * - Entry interface: the numerical propagator with an altitude-crossing event at 120 km.
 * GCRF, km, km/s; outputs in degrees and m/s where the name says so.
 */
import { ArgumentError } from '../../errors/index.ts';
import { itrfToGeodetic } from '../../frames/geodetic.ts';
import { vec3 } from '../../math/vec3.ts';
import { fallToImpact } from '../../launch/ascent.ts';
import { crossAlongTrackKm, distanceKm, initialBearing, type LatLon } from '../../launch/geo.ts';
import { EarthOrientation } from '../../propagation/numerical/earthOrientation.ts';
import { altitudeCrossingEvent } from '../../propagation/numerical/events.ts';
import type { ForceModel } from '../../propagation/numerical/forceModel.ts';
import { NumericalPropagator } from '../../propagation/numerical/propagator.ts';
import { ZonalGravity } from '../../propagation/numerical/zonalGravity.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { MU_KM3S2 } from './phasing.ts';
import { SegmentPropagator, type OrbitState, type TrajectorySample } from './rendezvous.ts';
import { dot, fromRtnComponents, norm, pos, toRtnComponents, unit, vel, type V3 } from './vec.ts';

/** A landing site: id, name and WGS-84 geodetic position (deg). */
export interface LandingSite {
  readonly id: string;
  readonly name: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly source: string;
}

/** Landing sites of crewed capsules (public positions, rounded to 0.01°). */
export const CREWED_LANDING_SITES: readonly LandingSite[] = [
  { id: 'dongfeng', name: 'Dongfeng landing site (Shenzhou, Inner Mongolia)', latDeg: 41.63, lonDeg: 100.08, source: 'Shenzhou-12 to -17 landings reported at ~41.6°N 100.1°E (Xinhua; Wikipedia "Dongfeng landing site")' },
  { id: 'siziwang', name: 'Siziwang Banner landing site (Shenzhou 1–11)', latDeg: 42.3, lonDeg: 111.4, source: 'Shenzhou 1–11 primary landing area, Inner Mongolia (Wikipedia "Siziwang Banner")' },
  { id: 'dzhezkazgan', name: 'Soyuz landing zone south-east of Dzhezkazgan (Kazakhstan)', latDeg: 47.36, lonDeg: 69.59, source: 'typical Soyuz MS landing point ~148 km SE of Dzhezkazgan (NASA/Roscosmos landing reports)' },
];

/** A landing site by id: the crewed sites above, or a network landing zone given as lat/lon by the caller. */
export function findLandingSite(id: string): LandingSite {
  const s = CREWED_LANDING_SITES.find((x) => x.id === id);
  if (s === undefined) throw new ArgumentError(`Unknown landing site ${id}: use ${CREWED_LANDING_SITES.map((x) => x.id).join(', ')}, or give lat,lon.`, id);
  return s;
}

export interface ReturnRequest {
  /** The vehicle at the start of the free-flying stay (e.g. just after undocking). */
  readonly start: OrbitState;
  /** Free-flying stay before the first possible deorbit (days), default 0. */
  readonly stayDays?: number;
  /** Days searched for landing opportunities after the stay, default 2. */
  readonly searchDays?: number;
  readonly site: LandingSite;
  /** Largest cross-range of a usable pass (km), default 50. */
  readonly maxCrossRangeKm?: number;
  readonly deorbitPerigeeAltitudeKm?: number;
  readonly ballisticCoefficientKgPerM2?: number;
  readonly forces?: readonly ForceModel[];
  /** At most this many opportunities are solved (earliest first), default 3. */
  readonly maxOpportunities?: number;
}

export interface LandingOpportunity {
  /** Closest approach of the ground track to the site. */
  readonly passEpoch: Instant;
  readonly crossRangeKm: number;
  readonly deorbitEpoch: Instant;
  readonly deorbitDeltaVMps: number;
  readonly deorbitRtnMps: V3;
  readonly entryInterface: { readonly epoch: Instant; readonly latDeg: number; readonly lonDeg: number; readonly speedKmS: number; readonly flightPathDeg: number };
  readonly landing: { readonly epoch: Instant; readonly latDeg: number; readonly lonDeg: number };
  /** Distance of the landing point from the site (km). */
  readonly missKm: number;
  /** Along-track part of the miss (km, positive downrange). */
  readonly alongTrackMissKm: number;
  /** GCRF samples from the deorbit burn to entry interface (seconds from the start epoch), for screening. */
  readonly descent: TrajectorySample[];
}

export interface ReturnPlan {
  readonly site: LandingSite;
  readonly stay: { readonly startEpoch: Instant; readonly endEpoch: Instant; readonly perigeeAltitudeKm: number; readonly apogeeAltitudeKm: number };
  readonly opportunities: LandingOpportunity[];
  /** Samples of the free flight (stay + search span), GCRF, for screening. */
  readonly trajectory: TrajectorySample[];
}

const D = Math.PI / 180;
const W_EARTH = 7.2921159e-5;

function groundPoint(orient: EarthOrientation, tS: number, s: ArrayLike<number>, m: Float64Array): LatLon & { heightKm: number } {
  orient.gcrfToItrfInto(tS, m);
  const x = s[0]!, y = s[1]!, z = s[2]!;
  const g = itrfToGeodetic(vec3<'ITRF'>(m[0]! * x + m[1]! * y + m[2]! * z, m[3]! * x + m[4]! * y + m[5]! * z, m[6]! * x + m[7]! * y + m[8]! * z));
  return { latRad: g.latRad, lonRad: g.lonRad, heightKm: g.heightKm };
}

/** Plans the stay and the return (module header). */
export function planReturn(req: ReturnRequest, ts: TimeScales): ReturnPlan {
  const forces = req.forces ?? [new ZonalGravity({ maxDegree: 2 })];
  const ref = req.start.epoch;
  const stayS = (req.stayDays ?? 0) * 86400;
  const searchS = (req.searchDays ?? 2) * 86400;
  if (!(stayS >= 0 && stayS <= 30 * 86400 && searchS > 0 && searchS <= 7 * 86400)) throw new ArgumentError(`The stay must be 0–30 days and the search 0–7 days; got ${req.stayDays} and ${req.searchDays}.`, [req.stayDays, req.searchDays]);
  const maxCross = req.maxCrossRangeKm ?? 50;
  const perigeeAlt = req.deorbitPerigeeAltitudeKm ?? 30;
  const beta = req.ballisticCoefficientKgPerM2 ?? 350;
  const p = new SegmentPropagator(ts, ref, forces);
  const step = 30;
  const samples = p.sample(0, req.start.stateGcrf, stayS + searchS, step);
  let rMin = Number.POSITIVE_INFINITY, rMax = 0;
  for (const s of samples) {
    const r = norm(pos(s.state));
    rMin = Math.min(rMin, r);
    rMax = Math.max(rMax, r);
  }
  const orient = new EarthOrientation(ref, ts, 600);
  const m = new Float64Array(9);
  const site: LatLon = { latRad: req.site.latDeg * D, lonRad: req.site.lonDeg * D };
  const dist = samples.map((s) => distanceKm(groundPoint(orient, s.tS, s.state, m), site));
  const passes: { tS: number; crossKm: number; idx: number }[] = [];
  for (let i = 1; i + 1 < samples.length; i++) {
    if (samples[i]!.tS < stayS) continue;
    if (!(dist[i]! <= dist[i - 1]! && dist[i]! < dist[i + 1]!)) continue;
    const a = dist[i - 1]!, b = dist[i]!, c = dist[i + 1]!;
    const den = a - 2 * b + c;
    const off = den > 0 ? (0.5 * (a - c)) / den : 0;
    const crossKm = den > 0 ? b - (0.25 * (a - c) * off) : b;
    if (crossKm <= maxCross) passes.push({ tS: samples[i]!.tS + off * step, crossKm: Math.max(0, crossKm), idx: i });
  }
  const opportunities: LandingOpportunity[] = [];
  for (const pass of passes.slice(0, req.maxOpportunities ?? 3)) {
    const s0 = samples[pass.idx]!;
    const period = 2 * Math.PI * Math.sqrt(norm(pos(s0.state)) ** 3 / MU_KM3S2);
    const g0 = groundPoint(orient, samples[pass.idx - 1]!.tS, samples[pass.idx - 1]!.state, m);
    const g1 = groundPoint(orient, samples[pass.idx + 1]!.tS, samples[pass.idx + 1]!.state, m);
    const bearing = initialBearing(g0, g1);
    // Landing along-track offset for a burn at tb (seconds from ref).
    const attempt = (tb: number): { along: number; impact: ReturnType<typeof fallToImpact>; pre: number[]; dv: V3; post: number[] } => {
      const pre = p.run(0, req.start.stateGcrf, tb);
      const r = norm(pos(pre));
      const rp = 6378.137 + perigeeAlt;
      const vNew = Math.sqrt((2 * MU_KM3S2 * rp) / (r * (r + rp)));
      const rtnV = toRtnComponents(pre, vel(pre));
      const dvRtn: V3 = [0, vNew - rtnV[1], 0];
      const dv = fromRtnComponents(pre, dvRtn);
      const post = [...pos(pre), pre[3]! + dv[0], pre[4]! + dv[1], pre[5]! + dv[2]];
      orient.gcrfToItrfInto(tb, m);
      const rot = (v: readonly number[]): [number, number, number] => [m[0]! * v[0]! + m[1]! * v[1]! + m[2]! * v[2]!, m[3]! * v[0]! + m[4]! * v[1]! + m[5]! * v[2]!, m[6]! * v[0]! + m[7]! * v[1]! + m[8]! * v[2]!];
      const impact = fallToImpact({ element: 'capsule', count: 1, tS: 0, r: rot(pos(post)), v: rot(vel(post)), massKg: 3000, ballisticCoefficientKgPerM2: beta });
      const along = crossAlongTrackKm(site, bearing, { latRad: impact.latRad, lonRad: impact.lonRad }).alongKm;
      return { along, impact, pre, dv: dvRtn, post };
    };
    let tb0 = pass.tS - 0.55 * period;
    if (tb0 < stayS) continue;
    let a0 = attempt(tb0);
    let tb1 = tb0 - a0.along / 7;
    let a1 = attempt(tb1);
    for (let k = 0; k < 20 && Math.abs(a1.along) > 0.5; k++) {
      const slope = (a1.along - a0.along) / (tb1 - tb0);
      const next = tb1 - a1.along / (Math.abs(slope) > 1e-3 ? slope : 7);
      tb0 = tb1;
      a0 = a1;
      tb1 = next;
      a1 = attempt(tb1);
    }
    if (Math.abs(a1.along) > 5 || tb1 < stayS) continue;
    // Entry interface on the numerical propagator.
    const ei = new NumericalPropagator({ timeScales: ts, forces, rtol: 1e-10, atol: 1e-6 }).propagate({ epoch: ref.plusSeconds(tb1), state: a1.post, stop: 2 * period, events: [altitudeCrossingEvent(120, { terminal: true, direction: -1 })] });
    const occ = ei.events[0];
    if (occ === undefined) continue;
    const eiT = tb1 + occ.tSeconds;
    const eiG = groundPoint(orient, eiT, occ.state, m);
    const rh = unit(pos(occ.state));
    const wv: V3 = [-W_EARTH * occ.state[1]!, W_EARTH * occ.state[0]!, 0];
    const vRel: V3 = [occ.state[3]! - wv[0], occ.state[4]! - wv[1], occ.state[5]! - wv[2]];
    const fpa = Math.asin(dot(rh, vRel) / norm(vRel));

    const landing = { latRad: a1.impact.latRad, lonRad: a1.impact.lonRad };
    const descent = p.sample(tb1, a1.post, eiT, step);
    opportunities.push({
      passEpoch: ref.plusSeconds(pass.tS),
      crossRangeKm: pass.crossKm,
      deorbitEpoch: ref.plusSeconds(tb1),
      deorbitDeltaVMps: Math.abs(a1.dv[1]) * 1000,
      deorbitRtnMps: a1.dv.map((x) => x * 1000) as V3,
      entryInterface: { epoch: ref.plusSeconds(eiT), latDeg: eiG.latRad / D, lonDeg: eiG.lonRad / D, speedKmS: norm(vRel), flightPathDeg: fpa / D },
      landing: { epoch: ref.plusSeconds(tb1 + a1.impact.tS), latDeg: landing.latRad / D, lonDeg: landing.lonRad / D },
      missKm: distanceKm(landing, site),
      alongTrackMissKm: a1.along,
      descent,
    });
  }
  return {
    site: req.site,
    stay: { startEpoch: ref, endEpoch: ref.plusSeconds(stayS), perigeeAltitudeKm: rMin - 6378.137, apogeeAltitudeKm: rMax - 6378.137 },
    opportunities,
    trajectory: samples,
  };
}
