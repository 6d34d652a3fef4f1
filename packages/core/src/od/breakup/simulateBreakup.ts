/**
 * A simulated fragmentation of a catalog object: the NASA standard breakup model (nasaStandardBreakupModel.ts) applied
 * at the parent's SGP4 state at the breakup epoch, each fragment written as an SGP4 element set at that epoch.
 *
 * Mean elements of a fragment: the SGP4 mean elements at the breakup epoch whose SGP4 position at that epoch is the
 * fragment's (parent state + Δv) to 1 m (meanElementsFromTemeState: fixed-point state → mean-elements iteration).
 * B* of a fragment: B* = ρ₀ C_D (A/m) / 2 with C_D = 2.2 and ρ₀ = 0.15696615 kg m⁻² R⊕ (SGP4's reference density,
 * Vallado, Fundamentals 4th ed., §9.7).
 * Fragments whose osculating perigee is below `minPerigeeAltitudeKm` (default 100 km) re-enter within a revolution and are
 * left out (`dropped`), as are the rare states the mean-element iteration cannot represent.
 * Catalog numbers: `firstCatalogNumber` onwards (default 300000: Skylane's range for simulated fragments, 300000-339999,
 * which TLE writes as Alpha-5; provisional objects from tracking use 800000-899999).
 */
import type { ElementSet } from '../../catalog/model.ts';
import { ArgumentError } from '../../errors/index.ts';
import { WGS84 } from '../../units/index.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { sampleBreakupFragments, type BreakupFragmentSample, type BreakupModelOptions } from './nasaStandardBreakupModel.ts';
import { meanMotionRevPerDayOf, osculatingElements, wrapDeg180 } from './orbitElements.ts';

export const SIMULATED_FRAGMENT_FIRST = 300000;
export const SIMULATED_FRAGMENT_LAST = 339999;
/** SGP4 reference density × Earth radius, kg/(m²·R⊕). */
export const SGP4_RHO0_KG_M2_ER = 0.15696615;

export interface SimulateBreakupOptions extends BreakupModelOptions {
  readonly parent: ElementSet;
  readonly epoch: Instant;
  readonly timeScales: TimeScales;
  readonly firstCatalogNumber?: number;
  /** Drag coefficient for the fragments' B* (default 2.2). */
  readonly dragCoefficient?: number;
  /** Fragments whose osculating perigee at the breakup is below this altitude (km, default 100) re-enter: left out. */
  readonly minPerigeeAltitudeKm?: number;
}

export interface SimulatedFragment extends BreakupFragmentSample {
  readonly elementSet: ElementSet;
}

export interface SimulatedBreakup {
  readonly parent: ElementSet;
  /** The parent's mean elements re-fitted at the breakup epoch. */
  readonly parentAtEpoch: ElementSet;
  readonly epoch: Instant;
  /** Parent TEME state at the epoch (km, km/s). */
  readonly parentStateTeme: readonly number[];
  readonly fragments: readonly SimulatedFragment[];
  /** Samples left out: perigee below `minPerigeeAltitudeKm` at the breakup (re-enter within a revolution) or no SGP4 mean elements. */
  readonly dropped: readonly { readonly lcM: number; readonly deltaVMps: number; readonly reason: 'reentry' | 'not-converted' }[];
}

const DEG = 180 / Math.PI;

function temeState(set: ElementSet, t: Instant, ts: TimeScales): Float64Array {
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const out = new Float64Array(6);
  const min = ts.utcClockSecondsBetween(set.epoch, t) / 60;
  const code = sat.propagateInto(min, out, 0);
  if (code !== 0) throw sat.errorFor(code, min);
  return out;
}

/** Result of the state → mean-elements iteration. */
export interface MeanElementsFromState {
  readonly elementSet: ElementSet;
  /** SGP4 position of the result at its epoch minus the target position, km. */
  readonly positionErrorKm: number;
  readonly iterations: number;
}

type Params = [number, number, number, number, number, number];
function paramsOfOsc(x: ArrayLike<number>): Params {
  const o = osculatingElements(x);
  return [meanMotionRevPerDayOf(o.aKm), o.e * Math.cos(o.argpRad), o.e * Math.sin(o.argpRad), o.iRad * DEG, o.raanRad * DEG, (o.argpRad + o.meanAnomalyRad) * DEG];
}
function setOfParams(template: ElementSet, p: Params): ElementSet {
  const e = Math.hypot(p[1], p[2]);
  const w = ((Math.atan2(p[2], p[1]) * DEG) % 360 + 360) % 360;
  return { ...template, meanMotionRevPerDay: p[0], eccentricity: e, inclinationDeg: p[3], raanDeg: ((p[4] % 360) + 360) % 360, argOfPericenterDeg: w, meanAnomalyDeg: (((p[5] - w) % 360) + 360) % 360 };
}

/**
 * SGP4 mean elements at `epoch` whose SGP4 state at that epoch reproduces a TEME state: fixed-point iteration on the
 * non-singular elements (n, eˣ, eʸ, i, Ω, λ), P ← P + (osc(target) − osc(SGP4(P) at epoch)), started from the
 * osculating elements (the usual state → TLE iteration, e.g. Vallado, Fundamentals 4th ed., §9.7 discussion). B*
 * and identifiers come from `template`. Throws ArgumentError when it does not converge to 1 m in `maxIterations`.
 */
export function meanElementsFromTemeState(state: ArrayLike<number>, epoch: Instant, template: ElementSet, ts: TimeScales, maxIterations = 30): MeanElementsFromState {
  const target = paramsOfOsc(state);
  const base: ElementSet = { ...template, epoch, meanMotionDotRevPerDay2: 0, meanMotionDdotRevPerDay3: 0 };
  let p: Params = [...target];
  let err = Number.POSITIVE_INFINITY;
  for (let it = 1; it <= maxIterations; it++) {
    const set = setOfParams(base, p);
    if (!(set.eccentricity < 0.99) || !(set.meanMotionRevPerDay > 0)) break;
    const x = temeState(set, epoch, ts);
    err = Math.hypot(x[0]! - state[0]!, x[1]! - state[1]!, x[2]! - state[2]!);
    if (err < 1e-3) return { elementSet: set, positionErrorKm: err, iterations: it };
    const got = paramsOfOsc(x);
    const next = p.map((v, i) => v + (i >= 3 ? wrapDeg180(target[i]! - got[i]!) : target[i]! - got[i]!)) as Params;
    p = next;
  }
  throw new ArgumentError(`The state → SGP4 mean elements iteration did not converge (last position error ${err.toFixed(4)} km): the orbit may be too eccentric or too low for SGP4.`, err);
}

/** The element set's mean elements at another epoch (state → mean elements of its own SGP4 state there). */
export function reEpochElementSet(set: ElementSet, epoch: Instant, ts: TimeScales): ElementSet {
  return meanElementsFromTemeState(temeState(set, epoch, ts), epoch, set, ts).elementSet;
}

/** Fragments of a parent at an epoch as SGP4 element sets (see the module header). */
export function simulateBreakup(o: SimulateBreakupOptions): SimulatedBreakup {
  const ts = o.timeScales;
  const first = o.firstCatalogNumber ?? SIMULATED_FRAGMENT_FIRST;
  const samples = sampleBreakupFragments(o);
  if (first + samples.length - 1 > 999_999_999) throw new ArgumentError('Fragment catalog numbers would exceed 999999999.', first);
  const xp = temeState(o.parent, o.epoch, ts);
  const parentAtEpoch = meanElementsFromTemeState(xp, o.epoch, o.parent, ts).elementSet;
  const cd = o.dragCoefficient ?? 2.2;
  const minPerigee = o.minPerigeeAltitudeKm ?? 100;
  const fragments: SimulatedFragment[] = [];
  const dropped: { lcM: number; deltaVMps: number; reason: 'reentry' | 'not-converted' }[] = [];
  const { source: _source, ...parentClean } = parentAtEpoch;
  for (const s of samples) {
    const xf = Float64Array.from(xp);
    for (let i = 0; i < 3; i++) xf[3 + i] = xf[3 + i]! + s.deltaVKmPerS[i]!;
    const osc = osculatingElements(xf);
    if (!(osc.e < 1) || !(osc.aKm > 0) || osc.aKm * (1 - osc.e) - WGS84.aKm < minPerigee) {
      dropped.push({ lcM: s.lcM, deltaVMps: s.deltaVMps, reason: 'reentry' });
      continue;
    }
    const template: ElementSet = {
      ...parentClean,
      catalogNumber: first + fragments.length,
      objectName: `${o.parent.objectName ?? String(o.parent.catalogNumber)} DEB (SIM)`,
      objectType: 'DEBRIS',
      bstarPerEarthRadii: (SGP4_RHO0_KG_M2_ER * cd * s.areaToMassM2PerKg) / 2,
      elementSetNo: 1,
      revAtEpoch: 0,
    };
    try {
      fragments.push({ ...s, elementSet: meanElementsFromTemeState(xf, o.epoch, template, ts).elementSet });
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      dropped.push({ lcM: s.lcM, deltaVMps: s.deltaVMps, reason: 'not-converted' });
    }
  }
  return { parent: o.parent, parentAtEpoch, epoch: o.epoch, parentStateTeme: [...xp], fragments, dropped };
}
