/**
 * Track-to-object correlation against a GP catalog (SGP4, TEME).
 *
 * 1. Tracks are sorted by time and processed in buckets of `bucketS` seconds (default 300). For each bucket that
 *    holds tracks, the whole catalog is propagated once at the bucket's centre and put into a spatial hash (cubes of
 *    `cellKm`); each object's bucket state is moved to the track's instant by a second-order Taylor step
 *    r + v Δt − μ r/(2|r|³) Δt², whose error (the jerk term, ≲ μ v/(6 r³) |Δt|³) is covered by a margin of
 *    2 km + 3·10⁻⁶ km/s³ |Δt|³ (12 km at |Δt| = 150 s).
 * 2. Candidates: objects within the gate radius of a position fix (√gate × (σ_obj,max + σ_track,max) + margin), or, for a
 *    direction fix, objects whose line of sight is within the angular gate (every object is tested: angles-only
 *    tracks cost O(N) each).
 * 3. Each candidate is propagated exactly (SGP4) to the track's instant and scored by the squared Mahalanobis distance
 *    d² = Δᵀ (P_cat + P_track)⁻¹ Δ: Δ the 3-D position difference (position fix) or the 2-D angular difference in the
 *    plane normal to the predicted line of sight (direction fix, P_cat projected and divided by range²). P_cat is the
 *    assumed catalog covariance (catalogCovariance.ts) rotated from the object's RTN frame.
 * 4. Gate: χ² with 3 (position) or 2 (direction) degrees of freedom at 99.99 % (21.108, 18.421). One candidate inside
 *    → 'correlated'; two or more → 'ambiguous' (the best is named, every one inside is listed); none → 'uct'.
 */
import type { ElementSet } from '../../catalog/index.ts';
import { cross, dot, norm, scale, sub, vec3, type Vec3 } from '../../math/vec3.ts';
import { sgp4InputFrom, minutesSinceEpoch, type Sgp4Input, type UtcClock } from '../../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../../propagation/sgp4/sgp4.ts';
import type { TimeScales } from '../../time/index.ts';
import { DEFAULT_CATALOG_COVARIANCE, type CatalogCovarianceModel } from './catalogCovariance.ts';
import { covFromAxes, invert3, quad3 } from './linalg.ts';
import type { DirectionFix, PositionFix, Track } from './tracks.ts';

/** χ² gates at 99.99 %: 3 degrees of freedom (position) and 2 (direction). */
export const GATE_CHI2_3DOF_9999 = 21.108;
export const GATE_CHI2_2DOF_9999 = 18.421;

export interface CorrelationOptions {
  readonly timeScales: TimeScales;
  readonly covarianceModel?: CatalogCovarianceModel;
  readonly gatePosition?: number;
  readonly gateDirection?: number;
  /** Catalog propagation bucket (s); default 300. */
  readonly bucketS?: number;
  /** Spatial hash cell (km); default 250. */
  readonly cellKm?: number;
  /** Candidates kept in each result (best first); default 5. */
  readonly maxCandidates?: number;
}

export interface CorrelationCandidate {
  readonly catalogNumber: number;
  /** Squared Mahalanobis distance. */
  readonly mahalanobis2: number;
  /** Position difference (km) for a position fix, angle (rad) for a direction fix. */
  readonly distanceKm?: number;
  readonly angleRad?: number;
}

export interface TrackCorrelation {
  readonly trackId: string;
  readonly status: 'correlated' | 'ambiguous' | 'uct';
  /** The best candidate inside the gate (absent for a UCT). */
  readonly catalogNumber?: number;
  readonly mahalanobis2?: number;
  /** Every candidate inside the gate, best first (at most maxCandidates). */
  readonly candidates: readonly CorrelationCandidate[];
  /** The nearest candidate examined, inside the gate or not (for reports of UCTs). */
  readonly nearest?: CorrelationCandidate;
}

export interface CorrelationResult {
  readonly results: TrackCorrelation[];
  /** Catalog objects that SGP4 could not use (decayed, invalid elements): catalog number and reason. */
  readonly catalogFailures: { catalogNumber: number; reason: string }[];
}

interface CatalogObject {
  readonly input: Sgp4Input;
  readonly sat: Sgp4Satellite;
}

const buf = new Float64Array(6);
const ex = new Float64Array(3);
const MU_SGP4 = 398600.8; // WGS-72, as SGP4

/** Second-order Taylor step of object k's bucket state by dt seconds, into ex. */
function extrapolate(state: Float64Array, k: number, dt: number, out: Float64Array): void {
  const x = state[k * 6]!, y = state[k * 6 + 1]!, z = state[k * 6 + 2]!;
  const r = Math.hypot(x, y, z);
  const a = (-0.5 * MU_SGP4 * dt * dt) / (r * r * r);
  out[0] = x + state[k * 6 + 3]! * dt + a * x;
  out[1] = y + state[k * 6 + 4]! * dt + a * y;
  out[2] = z + state[k * 6 + 5]! * dt + a * z;
}

/** Correlates tracks with a catalog (see the module header). */
export function correlateTracks(tracks: readonly Track[], catalog: readonly ElementSet[], options: CorrelationOptions): CorrelationResult {
  const ts = options.timeScales;
  const model = options.covarianceModel ?? DEFAULT_CATALOG_COVARIANCE;
  const gateP = options.gatePosition ?? GATE_CHI2_3DOF_9999;
  const gateD = options.gateDirection ?? GATE_CHI2_2DOF_9999;
  const bucketS = options.bucketS ?? 300;
  const cellKm = options.cellKm ?? 250;
  const subS = 10;
  const maxCand = options.maxCandidates ?? 5;
  const objects: CatalogObject[] = [];
  const catalogFailures: { catalogNumber: number; reason: string }[] = [];
  for (const el of catalog) {
    try {
      const input = sgp4InputFrom(el, ts);
      objects.push({ input, sat: Sgp4Satellite.create(input) });
    } catch (e) {
      catalogFailures.push({ catalogNumber: el.catalogNumber, reason: (e as Error).message });
    }
  }
  const n = objects.length;
  const results: TrackCorrelation[] = new Array<TrackCorrelation>(tracks.length);
  if (tracks.length === 0) return { results: [], catalogFailures };
  const ref = ts.toUtcDaySeconds(tracks[0]!.fix.epoch);
  const refClock: UtcClock = { mjd: ref.mjd, seconds: ref.seconds };
  const refMin = objects.map((o) => minutesSinceEpoch(o.input, refClock));
  const tRel = tracks.map((t) => {
    const u = ts.toUtcDaySeconds(t.fix.epoch);
    return (u.mjd - ref.mjd) * 86400 + (u.seconds - ref.seconds);
  });
  const order = tracks.map((_, i) => i).sort((a, b) => tRel[a]! - tRel[b]!);
  const bucketState = new Float64Array(n * 6);
  const grid = new SlotGrid();
  const ok = new Uint8Array(n);
  const maxSigmaObj = new Float64Array(n);
  let i0 = 0;
  while (i0 < order.length) {
    const b = Math.round(tRel[order[i0]!]! / bucketS);
    let i1 = i0;
    while (i1 < order.length && Math.round(tRel[order[i1]!]! / bucketS) === b) i1++;
    const tb = b * bucketS;
    let bucketMaxSigma = 0;
    for (let k = 0; k < n; k++) {
      const o = objects[k]!;
      const code = o.sat.propagateInto(refMin[k]! + tb / 60, bucketState, k * 6);
      ok[k] = code === 0 ? 1 : 0;
      if (code !== 0) continue;
      const ageDays = (refMin[k]! + tb / 60) / 1440;
      const s = model.sigmasKm(ageDays);
      maxSigmaObj[k] = Math.max(s[0], s[1], s[2]);
      bucketMaxSigma = Math.max(bucketMaxSigma, maxSigmaObj[k]!);
    }
    // Spatial hash of the Taylor-extrapolated positions at sub-bucket instants (every subS seconds).
    let gridSub = Number.NaN;
    for (let q = i0; q < i1; q++) {
      const ti = order[q]!;
      const track = tracks[ti]!;
      const dt = tRel[ti]! - tb;
      const margin = 2 + 3e-6 * Math.abs(dt) ** 3;
      const cands: number[] = [];
      const at = (k: number): void => extrapolate(bucketState, k, dt, ex);
      if (track.fix.kind === 'position') {
        const sub = Math.round(dt / subS);
        if (sub !== gridSub) {
          gridSub = sub;
          grid.build(n, (k) => {
            if (!ok[k]) return -1;
            extrapolate(bucketState, k, sub * subS, ex);
            return hashCell(Math.floor(ex[0]! / cellKm), Math.floor(ex[1]! / cellKm), Math.floor(ex[2]! / cellKm));
          });
        }
        const p = track.fix.positionKm;
        const sTrk = Math.sqrt(Math.max(track.fix.covarianceKm2[0]!, track.fix.covarianceKm2[4]!, track.fix.covarianceKm2[8]!));
        const sqrtG = Math.sqrt(gateP);
        const maxR = sqrtG * (bucketMaxSigma + sTrk) + margin + 12 * Math.abs(dt - sub * subS) + 2;
        const span = Math.ceil(maxR / cellKm);
        const cx = Math.floor(p[0] / cellKm), cy = Math.floor(p[1] / cellKm), cz = Math.floor(p[2] / cellKm);
        for (let ix = cx - span; ix <= cx + span; ix++) for (let iy = cy - span; iy <= cy + span; iy++) for (let iz = cz - span; iz <= cz + span; iz++) {
          const h = hashCell(ix, iy, iz);
          for (let m = grid.start[h]!; m < grid.start[h + 1]!; m++) {
            const k = grid.items[m]!;
            at(k);
            if (Math.hypot(ex[0]! - p[0], ex[1]! - p[1], ex[2]! - p[2]) <= sqrtG * (maxSigmaObj[k]! + sTrk) + margin) cands.push(k);
          }
        }
      } else {
        const f = track.fix;
        const sqrtG = Math.sqrt(gateD);
        for (let k = 0; k < n; k++) {
          if (!ok[k]) continue;
          at(k);
          const x = ex[0]! - f.siteKm[0];
          const y = ex[1]! - f.siteKm[1];
          const z = ex[2]! - f.siteKm[2];
          const rho = Math.hypot(x, y, z);
          const c = (x * f.lineOfSight[0] + y * f.lineOfSight[1] + z * f.lineOfSight[2]) / rho;
          if (c <= 0) continue;
          const ang = Math.acos(Math.min(1, c));
          if (ang <= sqrtG * (maxSigmaObj[k]! / rho + f.sigmaRad) + margin / rho) cands.push(k);
        }
      }
      const scored: CorrelationCandidate[] = [];
      for (const k of cands) {
        const o = objects[k]!;
        const tsince = refMin[k]! + tRel[ti]! / 60;
        if (o.sat.propagateInto(tsince, buf, 0) !== 0) continue;
        const r = vec3<'TEME'>(buf[0]!, buf[1]!, buf[2]!);
        const v = vec3<'TEME'>(buf[3]!, buf[4]!, buf[5]!);
        const sig = model.sigmasKm(tsince / 1440);
        const rh = scale(r, 1 / norm(r));
        const h = cross(r, v);
        const nh = scale(h, 1 / norm(h));
        const th = cross(nh, rh);
        const pCat = covFromAxes([rh, th, nh], sig);
        scored.push(track.fix.kind === 'position' ? scorePosition(o.input.catalogNumber, r, pCat, track.fix) : scoreDirection(o.input.catalogNumber, r, pCat, track.fix));
      }
      scored.sort((a, b2) => a.mahalanobis2 - b2.mahalanobis2);
      const gate = track.fix.kind === 'position' ? gateP : gateD;
      const inside = scored.filter((c) => c.mahalanobis2 <= gate);
      const best = inside[0];
      results[ti] = {
        trackId: track.id,
        status: inside.length === 0 ? 'uct' : inside.length === 1 ? 'correlated' : 'ambiguous',
        ...(best ? { catalogNumber: best.catalogNumber, mahalanobis2: best.mahalanobis2 } : {}),
        candidates: inside.slice(0, maxCand),
        ...(scored[0] ? { nearest: scored[0] } : {}),
      };
    }
    i0 = i1;
  }
  return { results, catalogFailures };
}

function scorePosition(catalogNumber: number, r: Vec3<'TEME'>, pCat: number[], fix: PositionFix): CorrelationCandidate {
  const d = sub(fix.positionKm, r);
  const S = pCat.map((x, i) => x + fix.covarianceKm2[i]!);
  const inv = invert3(S);
  const m2 = inv ? quad3(inv, d) : Number.POSITIVE_INFINITY;
  return { catalogNumber, mahalanobis2: m2, distanceKm: norm(d) };
}

function scoreDirection(catalogNumber: number, r: Vec3<'TEME'>, pCat: number[], fix: DirectionFix): CorrelationCandidate {
  const rel = sub(r, fix.siteKm);
  const rho = norm(rel);
  const u = scale(rel, 1 / rho);
  // Two unit vectors normal to the predicted line of sight.
  const ref = Math.abs(u[2]) < 0.9 ? vec3<'TEME'>(0, 0, 1) : vec3<'TEME'>(1, 0, 0);
  const e1 = scale(cross(ref, u), 1 / norm(cross(ref, u)));
  const e2 = cross(u, e1);
  const d1 = dot(fix.lineOfSight, e1);
  const d2 = dot(fix.lineOfSight, e2);
  const P = (a: Vec3<'TEME'>, b: Vec3<'TEME'>): number => {
    let s = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += a[i]! * pCat[i * 3 + j]! * b[j]!;
    return s / (rho * rho);
  };
  const s2 = fix.sigmaRad * fix.sigmaRad;
  const a = P(e1, e1) + s2, b = P(e1, e2), c = P(e2, e2) + s2;
  const det = a * c - b * b;
  const m2 = (c * d1 * d1 - 2 * b * d1 * d2 + a * d2 * d2) / det;
  return { catalogNumber, mahalanobis2: m2, angleRad: Math.acos(Math.min(1, dot(fix.lineOfSight, u))) };
}

const HASH_BITS = 16;
const HASH_SIZE = 1 << HASH_BITS;

/** Hash of an integer cell (x, y, z) into 2¹⁶ slots; collisions only cost extra distance checks. */
function hashCell(ix: number, iy: number, iz: number): number {
  return (Math.imul(ix, 73856093) ^ Math.imul(iy, 19349663) ^ Math.imul(iz, 83492791)) & (HASH_SIZE - 1);
}

/** A spatial hash as a counting sort: items of slot h are items[start[h] .. start[h+1]). No per-build allocation. */
class SlotGrid {
  start = new Int32Array(HASH_SIZE + 1);
  items = new Int32Array(0);
  private slot = new Int32Array(0);
  build(n: number, slotOf: (k: number) => number): void {
    if (this.items.length < n) {
      this.items = new Int32Array(n);
      this.slot = new Int32Array(n);
    }
    this.start.fill(0);
    for (let k = 0; k < n; k++) {
      const h = slotOf(k);
      this.slot[k] = h;
      if (h >= 0) this.start[h + 1]!++;
    }
    for (let h = 0; h < HASH_SIZE; h++) this.start[h + 1]! += this.start[h]!;
    const fill = this.start.slice(0, HASH_SIZE);
    for (let k = 0; k < n; k++) {
      const h = this.slot[k]!;
      if (h >= 0) this.items[fill[h]!++] = k;
    }
  }
}
