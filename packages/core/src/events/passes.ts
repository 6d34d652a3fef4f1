/**
 * Pass prediction by root finding: AOS/LOS at the station threshold, culmination (TCA, maximum elevation),
 * azimuths, duration and the satellite's sunlit/eclipse state.
 *
 * Method (per satellite, shared by all stations):
 * 1. Earth-fixed states on a coarse grid (step h, default min(60 s, period/40)).
 * 2. Per station, f(t) = sin el(t) − sin el_low (el_low: the lowest threshold at any azimuth) and its exact
 *    derivative ḟ(t) = (ρ̇·u)/|ρ| − (ρ·u)(ρ·ρ̇)/|ρ|³ from the Earth-fixed velocity.
 * 3. Each grid step is split at the zeros of ḟ (Brent on ḟ), so that f is monotonic on every piece; a piece
 *    whose ends differ in sign holds exactly one AOS or LOS (Brent on f to 1 ms).
 *    A pass cannot be skipped however short it is: its culmination is a zero of ḟ, found from the sign
 *    change of ḟ across the step. This relies only on ḟ changing sign at most once per step, i.e. on two
 *    elevation extrema never being closer than h. For an Earth orbit the elevation maximum and the next
 *    minimum are ~ a quarter to a half period apart (≥ 20 min in LEO), so h = min(60 s, P/40) is safe.
 * 4. With an azimuth-dependent mask, each pass above el_low is rescanned at `maskStepS` with
 *    g(t) = el(t) − threshold(az(t)) and split into the intervals where g ≥ 0 (Brent on g).
 * Culmination is the zero of ḟ inside the pass (to 1 ms), or the pass end with the larger elevation when the
 * pass is clipped by the window or the mask.
 */
import type { Sgp4Satellite } from '../propagation/sgp4/sgp4.ts';
import type { TimeScales } from '../time/index.ts';
import { TWO_PI } from '../units/index.ts';
import { brentRoot } from '../math/rootFinding.ts';
import { thresholdAt, type GroundStation } from './station.ts';
import { SunDirectionTable, isSunlitCylindrical } from './sun.ts';
import { EarthFixedTrack, type PassWindow } from './track.ts';

/** Illumination of the satellite during a pass (cylindrical Earth shadow). */
export type PassIllumination = 'sunlit' | 'eclipse' | 'partial';

/** One pass of a satellite over a station. Times are UTC-clock seconds from the search window start. */
export interface Pass {
  readonly catalogNumber: number;
  readonly stationId: string;
  readonly aosS: number;
  readonly tcaS: number;
  readonly losS: number;
  readonly durationS: number;
  readonly maxElevationRad: number;
  readonly aosAzimuthRad: number;
  readonly tcaAzimuthRad: number;
  readonly losAzimuthRad: number;
  /** Range at culmination, km. */
  readonly tcaRangeKm: number;
  /** The pass was already in progress at the window start (AOS = start). */
  readonly aosClipped: boolean;
  /** The pass was still in progress at the window end (LOS = stop). */
  readonly losClipped: boolean;
  readonly sunlitAtAos: boolean;
  readonly sunlitAtTca: boolean;
  readonly sunlitAtLos: boolean;
  /** From samples at most 30 s apart between AOS and LOS. */
  readonly illumination: PassIllumination;
}

export interface PassSearchOptions {
  /** Coarse bracketing step, s (default min(60, period/40)). */
  readonly stepS?: number;
  /** Time tolerance of AOS/LOS/TCA, s (default 1e-3). */
  readonly toleranceS?: number;
  /** Rescan step inside a pass for azimuth-dependent masks, s (default 2). */
  readonly maskStepS?: number;
  /** Compute the sunlit/eclipse state (default true). */
  readonly illumination?: boolean;
}

/** A satellite whose search stopped early (propagation failure): the passes found before it are kept. */
export interface PassSearchFailure {
  readonly catalogNumber: number;
  readonly code: string;
  readonly message: string;
  /** Seconds from window start where the search stopped (0 when nothing could be computed). */
  readonly atS: number;
}

export interface SatellitePasses {
  readonly passes: Pass[];
  readonly failure?: PassSearchFailure;
}

/** Default coarse step for a mean motion (rev/day): min(60 s, period/40). */
export function defaultPassStepS(meanMotionRevPerDay: number): number {
  return Math.min(60, 86400 / meanMotionRevPerDay / 40);
}

interface StationEval {
  f: number;
  d: number;
}

/** sin(el) − sinThr and its time derivative from an ITRF state at `o` in `s`. */
function evalSinEl(st: GroundStation, s: Float64Array, o: number, sinThr: number, out: StationEval): void {
  const p = st.itrfKm;
  const rx = s[o]! - p[0];
  const ry = s[o + 1]! - p[1];
  const rz = s[o + 2]! - p[2];
  const vx = s[o + 3]!;
  const vy = s[o + 4]!;
  const vz = s[o + 5]!;
  const m = st.enu;
  const up = m[6]! * rx + m[7]! * ry + m[8]! * rz;
  const upDot = m[6]! * vx + m[7]! * vy + m[8]! * vz;
  const r2 = rx * rx + ry * ry + rz * rz;
  const r = Math.sqrt(r2);
  const rrDot = rx * vx + ry * vy + rz * vz;
  out.f = up / r - sinThr;
  out.d = upDot / r - (up * rrDot) / (r2 * r);
}

/** Azimuth, elevation and range from an ITRF position at `o` in `s`. */
function azElRange(st: GroundStation, s: Float64Array, o: number): { az: number; el: number; range: number } {
  const p = st.itrfKm;
  const rx = s[o]! - p[0];
  const ry = s[o + 1]! - p[1];
  const rz = s[o + 2]! - p[2];
  const m = st.enu;
  const e = m[0]! * rx + m[1]! * ry + m[2]! * rz;
  const n = m[3]! * rx + m[4]! * ry + m[5]! * rz;
  const u = m[6]! * rx + m[7]! * ry + m[8]! * rz;
  const range = Math.sqrt(e * e + n * n + u * u);
  let az = Math.atan2(e, n);
  if (az < 0) az += TWO_PI;
  return { az, el: Math.asin(u / range), range };
}

/**
 * Finds the passes of one satellite over several stations in a window. Stations are searched in the order
 * given; passes come out per station in time order, stations in input order.
 */
export function findPasses(
  sat: Sgp4Satellite,
  stations: readonly GroundStation[],
  window: PassWindow,
  ts: TimeScales,
  options: PassSearchOptions = {},
  sunTable?: SunDirectionTable,
): SatellitePasses {
  const track = EarthFixedTrack.create(sat, window, ts);
  return findPassesOnTrack(track, stations, options, sunTable);
}

/** As `findPasses`, on a prepared track (the batch form shares the Sun table across satellites). */
export function findPassesOnTrack(
  track: EarthFixedTrack,
  stations: readonly GroundStation[],
  options: PassSearchOptions = {},
  sunTable?: SunDirectionTable,
): SatellitePasses {
  const duration = track.durationS;
  const catalogNumber = track.sat.catalogNumber;
  const step = options.stepS ?? defaultPassStepS(track.sat.input.meanMotionRevPerDay);
  const tol = options.toleranceS ?? 1e-3;
  const maskStep = options.maskStepS ?? 2;
  const withSun = options.illumination ?? true;
  if (!(duration > 0) || !(step > 0)) return { passes: [] };

  // 1. Coarse grid of ITRF states, cut at the first propagation failure.
  const n = Math.ceil(duration / step);
  const times = new Float64Array(n + 1);
  const grid = new Float64Array((n + 1) * 6);
  let last = n;
  let failure: PassSearchFailure | undefined;
  for (let i = 0; i <= n; i++) {
    const t = Math.min(i * step, duration);
    times[i] = t;
    const status = track.itrfInto(t, grid, i * 6);
    if (status !== 0) {
      const e = track.sat.errorFor(status, track.tsinceMin(t));
      failure = { catalogNumber, code: e.code, message: e.message, atS: t };
      last = i - 1;
      break;
    }
  }
  if (last < 1) return { passes: [], ...(failure !== undefined ? { failure } : {}) };
  const end = times[last]!;

  const scratch = new Float64Array(6);
  const ev: StationEval = { f: 0, d: 0 };
  const sun = withSun ? (sunTable ?? new SunDirectionTable(track.anchor, duration)) : undefined;
  const passes: Pass[] = [];

  for (const st of stations) {
    const sinThr = Math.sin(st.lowestThresholdRad);
    const fAt = (t: number): number => {
      track.itrfInto(t, scratch, 0);
      evalSinEl(st, scratch, 0, sinThr, ev);
      return ev.f;
    };
    const dAt = (t: number): number => {
      track.itrfInto(t, scratch, 0);
      evalSinEl(st, scratch, 0, sinThr, ev);
      return ev.d;
    };
    // 2-3. Events: crossings of the lowest threshold and maxima of elevation.
    const crossings: { t: number; rising: boolean }[] = [];
    const maxima: number[] = [];
    evalSinEl(st, grid, 0, sinThr, ev);
    let fa = ev.f;
    let da = ev.d;
    const startsInside = fa >= 0;
    for (let i = 0; i < last; i++) {
      const ta = times[i]!;
      const tb = times[i + 1]!;
      evalSinEl(st, grid, (i + 1) * 6, sinThr, ev);
      const fb = ev.f;
      const db = ev.d;
      if (da > 0 !== db > 0) {
        const tm = brentRoot(dAt, ta, tb, tol, da, db);
        const fm = fAt(tm);
        if (da > 0) maxima.push(tm);
        if (fa < 0 !== fm < 0) crossings.push({ t: brentRoot(fAt, ta, tm, tol, fa, fm), rising: fa < 0 });
        if (fm < 0 !== fb < 0) crossings.push({ t: brentRoot(fAt, tm, tb, tol, fm, fb), rising: fm < 0 });
      } else if (fa < 0 !== fb < 0) {
        crossings.push({ t: brentRoot(fAt, ta, tb, tol, fa, fb), rising: fa < 0 });
      }
      fa = fb;
      da = db;
    }
    // Geometric passes above the lowest threshold.
    const spans: [number, number][] = [];
    let open: number | undefined = startsInside ? 0 : undefined;
    for (const c of crossings) {
      if (c.rising) open = c.t;
      else if (open !== undefined) {
        spans.push([open, c.t]);
        open = undefined;
      }
    }
    if (open !== undefined) spans.push([open, end]);

    for (const [a, b] of spans) {
      const elAt = (t: number): number => {
        track.itrfInto(t, scratch, 0);
        return azElRange(st, scratch, 0).el;
      };
      // 4. Azimuth mask: split the span where el < threshold(az).
      let pieces: [number, number][] = [[a, b]];
      if (st.mask !== undefined && maskAbove(st)) {
        const gAt = (t: number): number => {
          track.itrfInto(t, scratch, 0);
          const l = azElRange(st, scratch, 0);
          return l.el - thresholdAt(st, l.az);
        };
        pieces = [];
        const k = Math.max(1, Math.ceil((b - a) / maskStep));
        let ga = gAt(a);
        let ta = a;
        let openAt: number | undefined = ga >= 0 ? a : undefined;
        for (let j = 1; j <= k; j++) {
          const tb = j === k ? b : a + ((b - a) * j) / k;
          const gb = gAt(tb);
          if (ga < 0 !== gb < 0) {
            const root = brentRoot(gAt, ta, tb, tol, ga, gb);
            if (ga < 0) openAt = root;
            else if (openAt !== undefined) {
              pieces.push([openAt, root]);
              openAt = undefined;
            }
          }
          ga = gb;
          ta = tb;
        }
        if (openAt !== undefined) pieces.push([openAt, b]);
      }
      for (const [p, q] of pieces) {
        if (!(q > p)) continue;
        let tca: number | undefined;
        let best = -Infinity;
        for (const tm of maxima) {
          if (tm >= p && tm <= q) {
            const e = elAt(tm);
            if (e > best) {
              best = e;
              tca = tm;
            }
          }
        }
        if (tca === undefined) {
          const ep = elAt(p);
          const eq = elAt(q);
          tca = ep >= eq ? p : q;
        }
        passes.push(makePass(track, st, catalogNumber, p, tca, q, p === 0 && startsInside, q === end && end === duration, scratch, sun));
      }
    }
  }
  return { passes, ...(failure !== undefined ? { failure } : {}) };
}

/** True when the mask rises above the flat threshold somewhere (otherwise it changes nothing). */
function maskAbove(st: GroundStation): boolean {
  if (st.mask === undefined) return false;
  for (const e of st.mask.elevationRad) if (e > st.lowestThresholdRad) return true;
  return false;
}

function makePass(
  track: EarthFixedTrack,
  st: GroundStation,
  catalogNumber: number,
  aos: number,
  tca: number,
  los: number,
  aosClipped: boolean,
  losClipped: boolean,
  scratch: Float64Array,
  sun: SunDirectionTable | undefined,
): Pass {
  track.itrfInto(aos, scratch, 0);
  const la = azElRange(st, scratch, 0);
  track.itrfInto(tca, scratch, 0);
  const lm = azElRange(st, scratch, 0);
  track.itrfInto(los, scratch, 0);
  const ll = azElRange(st, scratch, 0);
  let sa = true;
  let sm = true;
  let sl = true;
  let illumination: PassIllumination = 'sunlit';
  if (sun !== undefined) {
    const lit = (t: number): boolean => {
      track.temeInto(t, scratch, 0);
      return isSunlitCylindrical(scratch[0]!, scratch[1]!, scratch[2]!, sun.at(t));
    };
    sa = lit(aos);
    sm = lit(tca);
    sl = lit(los);
    let anyLit = sa || sm || sl;
    let anyDark = !sa || !sm || !sl;
    const k = Math.ceil((los - aos) / 30);
    for (let j = 1; j < k && !(anyLit && anyDark); j++) {
      if (lit(aos + ((los - aos) * j) / k)) anyLit = true;
      else anyDark = true;
    }
    illumination = anyLit && anyDark ? 'partial' : anyLit ? 'sunlit' : 'eclipse';
  }
  return {
    catalogNumber,
    stationId: st.id,
    aosS: aos,
    tcaS: tca,
    losS: los,
    durationS: los - aos,
    maxElevationRad: lm.el,
    aosAzimuthRad: la.az,
    tcaAzimuthRad: lm.az,
    losAzimuthRad: ll.az,
    tcaRangeKm: lm.range,
    aosClipped,
    losClipped,
    sunlitAtAos: sa,
    sunlitAtTca: sm,
    sunlitAtLos: sl,
    illumination,
  };
}
