/**
 * UCT linking across uploads: arcs of uncorrelated observations (one station, one pass, any upload) are linked into
 * provisional objects by an orbit that explains every linked arc within its noise.
 *
 * For each new arc, in time order:
 * 1. Attach: against every known object (an element set and its arcs), a pre-gate (the set's SGP4 position at the
 *    arc's fix within `preGateKm`, default 100 km) and then a fit (od/elementSetFit: SGP4 mean elements, no B*, no
 *    outlier editing) to all the object's arcs plus this one; accepted when it converges with weighted RMS ≤
 *    `maxWeightedRms` (default 3: residuals at the level of the stated σ). The best accepted object takes the arc.
 * 2. Pair: otherwise, against every pending (unlinked) arc `maxSpanS` (default 3 days) or closer, both with a
 *    radar position fix and Herrick–Gibbs velocity (tracks.ts), whose Herrick–Gibbs orbits are similar (semi-major
 *    axes within 3 %, planes within 1° + 7°/day × Δt): Lambert (orbits/lambert, transfer sense
 *    from the Herrick–Gibbs angular momentum) between the two fixes for
 *    revolutions N−1, N, N+1 (N from the earlier fix's period) and both branches, kept when the departure velocity is
 *    within `lambertVelocityGateKmPerS` (default 0.3) of the Herrick–Gibbs one, plus the Herrick–Gibbs state itself; each kept conic → SGP4 mean elements
 *    (state → mean-elements iteration) → the same fit to both arcs and the same acceptance. The best accepted pair
 *    becomes a new object. Angles-only arcs never start an object (no range: no fix), but they attach.
 * 3. Else the arc stays pending.
 * A wrong pair cannot pass: the fit is over-determined (two arcs of tens of measurements each for six elements), so an
 * orbit through two different objects' positions misses at least one arc's shape by far more than its noise.
 * The fitted set's epoch is the last arc's fix; its state and 6×6 covariance (TEME, km and km/s) come from the fit.
 */
import type { ElementSet } from '../../catalog/model.ts';
import { temeToGcrfMatrix } from '../../frames/transforms.ts';
import { norm, sub, vec3, type Vec3 } from '../../math/vec3.ts';
import { lambertUniversal } from '../../orbits/lambert.ts';
import { sgp4InputFrom } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';
import { meanElementsFromTemeState } from '../breakup/simulateBreakup.ts';
import { fitElementSet } from '../elementSetFit.ts';
import type { Observation, StationSpec } from '../observation.ts';
import { tracksFromObservations, type PositionFix, type Track } from './tracks.ts';

/** One pass of one station: its observations (same station, minutes long). */
export interface UctArc {
  readonly id: string;
  readonly station: StationSpec;
  readonly observations: readonly Observation[];
}

/** An object known before this call: its arcs and current element set. */
export interface KnownUctObject {
  readonly key: string;
  readonly elementSet: ElementSet;
  readonly arcs: readonly UctArc[];
}

export interface LinkArcsOptions {
  readonly timeScales: TimeScales;
  readonly maxWeightedRms?: number;
  readonly preGateKm?: number;
  readonly maxSpanS?: number;
  readonly lambertVelocityGateKmPerS?: number;
  /** Catalog number written into new objects' element sets (default 0: the caller assigns analyst numbers). */
  readonly catalogNumber?: number;
}

export interface LinkedUctObject {
  /** The known object's key, or undefined for an object made in this call. */
  readonly key: string | undefined;
  readonly elementSet: ElementSet;
  readonly arcIds: readonly string[];
  /** Arcs linked in this call (new arcs, and pending ones that a new arc paired with). */
  readonly newArcIds: readonly string[];
  readonly weightedRms: number;
  readonly observationCount: number;
  /** TEME state at the element set's epoch (km, km/s) and its 6×6 row-major covariance. */
  readonly stateTeme: readonly number[];
  readonly covarianceTeme: readonly number[];
}

export interface LinkArcsResult {
  /** Objects made or extended by this call. */
  readonly objects: readonly LinkedUctObject[];
  /** Arc ids (new and pending) left unlinked. */
  readonly pendingArcIds: readonly string[];
}

interface Prepared {
  readonly arc: UctArc;
  readonly epoch: Instant;
  readonly fix: PositionFix | undefined;
}

interface Working {
  key: string | undefined;
  elementSet: ElementSet;
  arcs: Prepared[];
  newArcIds: string[];
  weightedRms: number;
  stateTeme: number[];
  covarianceTeme: number[];
  touched: boolean;
}

function prepare(arc: UctArc, ts: TimeScales): Prepared {
  const obs = [...arc.observations].sort((a, b) => a.epoch.compare(b.epoch));
  const t: Track | undefined = tracksFromObservations(obs, [arc.station], { timeScales: ts, maxGapS: Number.POSITIVE_INFINITY }).tracks[0];
  const fix = t?.fix.kind === 'position' && t.fix.velocityKmPerS !== undefined ? t.fix : undefined;
  return { arc, epoch: fix?.epoch ?? obs[Math.floor(obs.length / 2)]!.epoch, fix };
}

const TEMPLATE: Omit<ElementSet, 'epoch' | 'catalogNumber'> = {
  classification: 'U',
  meanMotionRevPerDay: 15,
  eccentricity: 0,
  inclinationDeg: 0,
  raanDeg: 0,
  argOfPericenterDeg: 0,
  meanAnomalyDeg: 0,
  bstarPerEarthRadii: 0,
  meanMotionDotRevPerDay2: 0,
  meanMotionDdotRevPerDay3: 0,
  ephemerisType: 0,
  elementSetNo: 999,
  revAtEpoch: 0,
};

function temeState(set: ElementSet, t: Instant, ts: TimeScales): Float64Array {
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const out = new Float64Array(6);
  const min = ts.utcClockSecondsBetween(set.epoch, t) / 60;
  const code = sat.propagateInto(min, out, 0);
  if (code !== 0) throw sat.errorFor(code, min);
  return out;
}

/** Fits SGP4 mean elements (epoch: the template's) to the arcs; undefined when it fails or does not converge. */
function fit(template: ElementSet, arcs: readonly Prepared[], ts: TimeScales, maxRms: number): { elementSet: ElementSet; weightedRms: number; stateTeme: number[]; covarianceTeme: number[] } | undefined {
  const stations = new Map<string, StationSpec>();
  for (const a of arcs) stations.set(a.arc.station.name, a.arc.station);
  try {
    const r = fitElementSet({ timeScales: ts, template, observations: arcs.flatMap((a) => a.arc.observations), stations: [...stations.values()], outlierSigma: Number.POSITIVE_INFINITY, maxIterations: 20 });
    if (!r.converged || !(r.weightedRms <= maxRms)) return undefined;
    // GCRF → TEME: x_T = Mᵀ x_G, P_T = Mᵀ P_G M (M = TEME → GCRF at the epoch).
    const m = temeToGcrfMatrix(template.epoch, ts);
    const rot = (i: number, j: number): number => (i < 3 === j < 3 ? m[(j % 3) * 3 + (i % 3)]! : 0); // (Mᵀ ⊕ Mᵀ)[i][j]
    const x = r.stateGcrf;
    const stateTeme = [0, 1, 2, 3, 4, 5].map((i) => [0, 1, 2, 3, 4, 5].reduce((s, j) => s + rot(i, j) * x[j]!, 0));
    const p = r.stateCovarianceGcrf;
    const tmp = new Array<number>(36).fill(0);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) for (let k = 0; k < 6; k++) tmp[i * 6 + j] = tmp[i * 6 + j]! + rot(i, k) * p[k * 6 + j]!;
    const cov = new Array<number>(36).fill(0);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) for (let k = 0; k < 6; k++) cov[i * 6 + j] = cov[i * 6 + j]! + tmp[i * 6 + k]! * rot(j, k);
    return { elementSet: r.elementSet, weightedRms: r.weightedRms, stateTeme, covarianceTeme: cov };
  } catch {
    return undefined;
  }
}

/** Re-epochs a set to `epoch` (its own SGP4 state there → mean elements); the set itself when that fails. */
function atEpoch(set: ElementSet, epoch: Instant, ts: TimeScales): ElementSet {
  try {
    return meanElementsFromTemeState(temeState(set, epoch, ts), epoch, set, ts).elementSet;
  } catch {
    return set;
  }
}

/** Links new arcs to known objects, to pending arcs, or leaves them pending (see the module header). */
export function linkUctArcs(newArcs: readonly UctArc[], known: readonly KnownUctObject[], pendingArcs: readonly UctArc[], options: LinkArcsOptions): LinkArcsResult {
  const ts = options.timeScales;
  const maxRms = options.maxWeightedRms ?? 3;
  const preGate = options.preGateKm ?? 100;
  const maxSpan = options.maxSpanS ?? 3 * 86400;
  const vGate = options.lambertVelocityGateKmPerS ?? 0.3;
  const objects: Working[] = known.map((k) => ({ key: k.key, elementSet: k.elementSet, arcs: k.arcs.map((a) => prepare(a, ts)), newArcIds: [], weightedRms: Number.NaN, stateTeme: [], covarianceTeme: [], touched: false }));
  const pending: Prepared[] = pendingArcs.map((a) => prepare(a, ts));
  const incoming = newArcs.map((a) => prepare(a, ts)).sort((a, b) => a.epoch.compare(b.epoch));
  for (const arc of incoming) {
    // 1. Attach to a known or new object.
    let best: { obj: Working; f: NonNullable<ReturnType<typeof fit>> } | undefined;
    for (const obj of objects) {
      try {
        const x = temeState(obj.elementSet, arc.epoch, ts);
        if (arc.fix !== undefined && Math.hypot(x[0]! - arc.fix.positionKm[0], x[1]! - arc.fix.positionKm[1], x[2]! - arc.fix.positionKm[2]) > preGate) continue;
      } catch {
        continue;
      }
      const arcs = [...obj.arcs, arc];
      const lastEpoch = arcs.reduce((m, a) => (a.epoch.compare(m) > 0 ? a.epoch : m), arcs[0]!.epoch);
      const f = fit(atEpoch(obj.elementSet, lastEpoch, ts), arcs, ts, maxRms);
      if (f !== undefined && (best === undefined || f.weightedRms < best.f.weightedRms)) best = { obj, f };
    }
    if (best !== undefined) {
      Object.assign(best.obj, { elementSet: best.f.elementSet, weightedRms: best.f.weightedRms, stateTeme: best.f.stateTeme, covarianceTeme: best.f.covarianceTeme, touched: true });
      best.obj.arcs.push(arc);
      best.obj.newArcIds.push(arc.arc.id);
      continue;
    }
    // 2. Pair with a pending arc.
    let pair: { other: Prepared; f: NonNullable<ReturnType<typeof fit>> } | undefined;
    if (arc.fix !== undefined) {
      for (const other of pending) {
        if (other.fix === undefined) continue;
        const [a, b] = other.epoch.compare(arc.epoch) <= 0 ? [other, arc] : [arc, other];
        const dt = b.epoch.secondsSince(a.epoch);
        if (!(dt > 0) || dt > maxSpan || !similarOrbits(a.fix!, b.fix!, dt)) continue;
        for (const v1 of lambertCandidates(a.fix!, b.fix!, dt, vGate)) {
          let set: ElementSet;
          try {
            set = meanElementsFromTemeState([...a.fix!.positionKm, ...v1], a.epoch, { ...TEMPLATE, catalogNumber: options.catalogNumber ?? 0, epoch: a.epoch }, ts).elementSet;
          } catch {
            continue;
          }
          const f = fit(atEpoch(set, b.epoch, ts), [a, b], ts, maxRms);
          if (f !== undefined && (pair === undefined || f.weightedRms < pair.f.weightedRms)) pair = { other, f };
        }
      }
    }
    if (pair !== undefined) {
      const o = pair.other;
      pending.splice(pending.indexOf(o), 1);
      objects.push({ key: undefined, elementSet: pair.f.elementSet, arcs: [o, arc], newArcIds: [o.arc.id, arc.arc.id], weightedRms: pair.f.weightedRms, stateTeme: pair.f.stateTeme, covarianceTeme: pair.f.covarianceTeme, touched: true });
      continue;
    }
    pending.push(arc);
  }
  return {
    objects: objects
      .filter((o) => o.touched)
      .map((o) => ({ key: o.key, elementSet: o.elementSet, arcIds: o.arcs.map((a) => a.arc.id), newArcIds: o.newArcIds, weightedRms: o.weightedRms, observationCount: o.arcs.reduce((s, a) => s + a.arc.observations.length, 0), stateTeme: o.stateTeme, covarianceTeme: o.covarianceTeme })),
    pendingArcIds: pending.map((p) => p.arc.id),
  };
}

/**
 * Cheap pre-gate of a pair from the two Herrick–Gibbs states: semi-major axes within 3 % and orbit normals within
 * 1° + 7°/day × Δt (J2 nodal regression stays below 7°/day above 200 km).
 */
function similarOrbits(a: PositionFix, b: PositionFix, dt: number): boolean {
  const el = (f: PositionFix): { sma: number; h: number[] } => {
    const r = f.positionKm;
    const v = f.velocityKmPerS!;
    const h = [r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2], r[0] * v[1] - r[1] * v[0]];
    return { sma: 1 / (2 / norm(r) - (v[0] ** 2 + v[1] ** 2 + v[2] ** 2) / EARTH_MU_KM3S2), h };
  };
  const ea = el(a);
  const eb = el(b);
  if (!(ea.sma > 0 && eb.sma > 0) || Math.abs(ea.sma - eb.sma) > 0.03 * ea.sma) return false;
  const cos = (ea.h[0]! * eb.h[0]! + ea.h[1]! * eb.h[1]! + ea.h[2]! * eb.h[2]!) / (Math.hypot(...ea.h) * Math.hypot(...eb.h));
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI <= 1 + (7 * dt) / 86400;
}

/** Lambert departure velocities between two fixes near the first fix's Herrick–Gibbs velocity. */
function lambertCandidates(a: PositionFix, b: PositionFix, dt: number, vGate: number): Vec3<'TEME'>[] {
  const va = a.velocityKmPerS!;
  const r = norm(a.positionKm);
  const v2 = va[0] ** 2 + va[1] ** 2 + va[2] ** 2;
  const sma = 1 / (2 / r - v2 / EARTH_MU_KM3S2);
  if (!(sma > 0)) return [];
  const period = 2 * Math.PI * Math.sqrt((sma * sma * sma) / EARTH_MU_KM3S2);
  const nRev = Math.floor(dt / period);
  // Transfer direction from the Herrick–Gibbs angular momentum (works for polar and retrograde orbits alike).
  const h: [number, number, number] = [a.positionKm[1] * va[2] - a.positionKm[2] * va[1], a.positionKm[2] * va[0] - a.positionKm[0] * va[2], a.positionKm[0] * va[1] - a.positionKm[1] * va[0]];
  // The Herrick–Gibbs velocity itself is always a candidate (the Lambert solver finds no 0-revolution conic for some
  // transfers longer than half a revolution).
  const out: Vec3<'TEME'>[] = [va];
  for (const revs of [nRev - 1, nRev, nRev + 1]) {
    if (revs < 0) continue;
    for (const branch of revs === 0 ? (['left'] as const) : (['left', 'right'] as const)) {
      const s = lambertUniversal(a.positionKm, b.positionKm, dt, EARTH_MU_KM3S2, h, revs, branch);
      if (s === undefined) continue;
      const v1 = vec3<'TEME'>(s.v1[0], s.v1[1], s.v1[2]);
      if (norm(sub(v1, va)) <= vGate) out.push(v1);
    }
  }
  return out;
}
