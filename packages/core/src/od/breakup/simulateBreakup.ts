/**
 * A simulated fragmentation of a catalog object: the NASA standard breakup model (nasaStandardBreakupModel.ts) applied
 * at the parent's SGP4 state at the breakup epoch, each fragment written as an SGP4 element set at that epoch.
 *
 * Mean elements of a fragment (a documented first-order approximation): the parent's mean elements at the breakup
 * epoch (an SGP4 element set re-fitted to the parent's own SGP4 ephemeris over ±1 revolution, od/elementSetFit.ts)
 * plus the difference of the osculating elements of the fragment's and the parent's states (n, eˣ, eʸ, i, Ω, λ).
 * SGP4's short-period terms are nearly the same for both, so the fragment's SGP4 state at the epoch matches its true
 * state to well under a kilometre for ejection speeds of metres to hundreds of m/s.
 * B* of a fragment: B* = ρ₀ C_D (A/m) / 2 with C_D = 2.2 and ρ₀ = 0.15696615 kg m⁻² R⊕ (SGP4's reference density,
 * Vallado, Fundamentals 4th ed., §9.7).
 * Catalog numbers: `firstCatalogNumber` onwards (default 300000: Skylane's range for simulated fragments, 300000-339999,
 * which TLE writes as Alpha-5; provisional objects from tracking use 800000-899999).
 */
import type { ElementSet } from '../../catalog/model.ts';
import { ArgumentError } from '../../errors/index.ts';
import { temeToGcrfMatrix } from '../../frames/transforms.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { fitElementSet } from '../elementSetFit.ts';
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

/** The element set's mean elements re-fitted at another epoch (to its own SGP4 ephemeris over ±1 revolution). */
export function reEpochElementSet(set: ElementSet, epoch: Instant, ts: TimeScales): ElementSet {
  const x = temeState(set, epoch, ts);
  const osc = osculatingElements(x);
  const periodS = 86400 / set.meanMotionRevPerDay;
  const ephemeris: { epoch: Instant; positionGcrfKm: [number, number, number] }[] = [];
  for (let k = -12; k <= 12; k++) {
    const t = epoch.plusSeconds((k * periodS) / 12);
    const r = temeState(set, t, ts);
    const m = temeToGcrfMatrix(t, ts);
    ephemeris.push({ epoch: t, positionGcrfKm: [m[0] * r[0]! + m[1] * r[1]! + m[2] * r[2]!, m[3] * r[0]! + m[4] * r[1]! + m[5] * r[2]!, m[6] * r[0]! + m[7] * r[1]! + m[8] * r[2]!] });
  }
  const lambdaDeg = (osc.argpRad + osc.meanAnomalyRad) * DEG;
  const argp = ((set.argOfPericenterDeg % 360) + 360) % 360;
  const template: ElementSet = {
    ...set,
    epoch,
    inclinationDeg: osc.iRad * DEG,
    raanDeg: ((osc.raanRad * DEG) % 360 + 360) % 360,
    argOfPericenterDeg: argp,
    meanAnomalyDeg: (((lambdaDeg - argp) % 360) + 360) % 360,
  };
  const fit = fitElementSet({ timeScales: ts, template, ephemeris, ephemerisSigmaKm: 0.01, maxIterations: 20 });
  return fit.elementSet;
}

/** Fragments of a parent at an epoch as SGP4 element sets (see the module header). */
export function simulateBreakup(o: SimulateBreakupOptions): SimulatedBreakup {
  const ts = o.timeScales;
  const first = o.firstCatalogNumber ?? SIMULATED_FRAGMENT_FIRST;
  const samples = sampleBreakupFragments(o);
  if (first + samples.length - 1 > 999_999_999) throw new ArgumentError('Fragment catalog numbers would exceed 999999999.', first);
  const parentAtEpoch = reEpochElementSet(o.parent, o.epoch, ts);
  const xp = temeState(o.parent, o.epoch, ts);
  const op = osculatingElements(xp);
  const np = meanMotionRevPerDayOf(op.aKm);
  const cd = o.dragCoefficient ?? 2.2;
  const w0 = (parentAtEpoch.argOfPericenterDeg * Math.PI) / 180;
  const ex0 = parentAtEpoch.eccentricity * Math.cos(w0), ey0 = parentAtEpoch.eccentricity * Math.sin(w0);
  const lam0 = parentAtEpoch.argOfPericenterDeg + parentAtEpoch.meanAnomalyDeg;
  const fragments: SimulatedFragment[] = samples.map((s, k) => {
    const xf = Float64Array.from(xp);
    for (let i = 0; i < 3; i++) xf[3 + i] = xf[3 + i]! + s.deltaVKmPerS[i]!;
    const of = osculatingElements(xf);
    const dn = meanMotionRevPerDayOf(of.aKm) - np;
    const dex = of.e * Math.cos(of.argpRad) - op.e * Math.cos(op.argpRad);
    const dey = of.e * Math.sin(of.argpRad) - op.e * Math.sin(op.argpRad);
    const ex = ex0 + dex, ey = ey0 + dey;
    const e = Math.hypot(ex, ey);
    const w = ((Math.atan2(ey, ex) * DEG) % 360 + 360) % 360;
    const lam = lam0 + wrapDeg180((of.argpRad + of.meanAnomalyRad - op.argpRad - op.meanAnomalyRad) * DEG);
    const elementSet: ElementSet = {
      ...parentAtEpoch,
      catalogNumber: first + k,
      objectName: `${o.parent.objectName ?? String(o.parent.catalogNumber)} DEB (SIM)`,
      objectType: 'DEBRIS',
      meanMotionRevPerDay: parentAtEpoch.meanMotionRevPerDay + dn,
      eccentricity: e,
      inclinationDeg: parentAtEpoch.inclinationDeg + (of.iRad - op.iRad) * DEG,
      raanDeg: ((parentAtEpoch.raanDeg + wrapDeg180((of.raanRad - op.raanRad) * DEG)) % 360 + 360) % 360,
      argOfPericenterDeg: w,
      meanAnomalyDeg: (((lam - w) % 360) + 360) % 360,
      bstarPerEarthRadii: (SGP4_RHO0_KG_M2_ER * cd * s.areaToMassM2PerKg) / 2,
      meanMotionDotRevPerDay2: 0,
      meanMotionDdotRevPerDay3: 0,
      elementSetNo: 1,
      revAtEpoch: 0,
    };
    const { source: _source, ...clean } = elementSet;
    return { ...s, elementSet: clean };
  });
  return { parent: o.parent, parentAtEpoch, epoch: o.epoch, parentStateTeme: [...xp], fragments };
}
