/**
 * Uncorrelated tracks (UCTs) → provisional objects.
 *
 * Linking: two UCT position fixes with velocities (radar arcs of ≥ 3 points give a Herrick–Gibbs velocity) are linked
 * when the earlier one, propagated two-body (orbits/kepler.ts) to the later one's instant, lands within
 * `linkGateKm + linkGrowthKmPerHour × Δt` of it (defaults 25 km + 40 km/h: two-body ignores J2, whose along-track
 * effect reaches tens of km within hours in LEO) and Δt ≤ `maxLinkSpanS` (default 6 h). Linked fixes form clusters
 * (union-find).
 * IOD + fit: for a cluster of ≥ `minTracks` (default 2) tracks, Lambert (od/iod, N revolutions estimated from the first
 * fix's period, the branch whose departure velocity is nearest the Herrick–Gibbs one) between the first and last
 * positions gives the orbit; the state is reported at the last fix, two-body propagated.
 * Covariance (6×6, TEME, km and km/s): diagonal; position variance that of the last fix's largest axis, velocity
 * variance (√2 σ_pos / Δt)² from the Lambert baseline. A first guess for the orbit-determination engine, not a fit.
 * Analyst numbers: `firstAnalystNumber`..`lastAnalystNumber` (default 800000-899999, the range Skylane reserves for
 * provisional objects; docs/design/tracking-data-and-correlation.md), allocated in order.
 */
import { ArgumentError } from '../../errors/index.ts';
import { norm, sub, vec3, type Vec3 } from '../../math/vec3.ts';
import { keplerUniversal } from '../../orbits/kepler.ts';
import type { Instant } from '../../time/index.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';
import { lambertIod } from '../iod/lambert.ts';
import type { PositionFix, Track } from './tracks.ts';

export const ANALYST_NUMBER_FIRST = 800000;
export const ANALYST_NUMBER_LAST = 899999;

export interface ProvisionalObject {
  readonly analystNumber: number;
  readonly epoch: Instant;
  readonly positionKm: Vec3<'TEME'>;
  readonly velocityKmPerS: Vec3<'TEME'>;
  /** 6×6 row-major covariance (km², km²/s, km²/s²), TEME. */
  readonly covariance: readonly number[];
  readonly trackIds: readonly string[];
  /** How the velocity was obtained. */
  readonly method: 'lambert' | 'herrick-gibbs';
}

export interface LinkOptions {
  readonly mu?: number;
  readonly linkGateKm?: number;
  readonly linkGrowthKmPerHour?: number;
  readonly maxLinkSpanS?: number;
  readonly minTracks?: number;
  readonly firstAnalystNumber?: number;
  readonly lastAnalystNumber?: number;
}

type Fixed = Track & { fix: PositionFix & { velocityKmPerS: Vec3<'TEME'> } };

/** Links UCT tracks and turns each cluster into a provisional object (see the module header). */
export function linkUncorrelatedTracks(ucts: readonly Track[], options: LinkOptions = {}): { provisionalObjects: ProvisionalObject[]; unlinkedTrackIds: string[] } {
  const mu = options.mu ?? EARTH_MU_KM3S2;
  const gate0 = options.linkGateKm ?? 25;
  const growth = options.linkGrowthKmPerHour ?? 40;
  const maxSpan = options.maxLinkSpanS ?? 6 * 3600;
  const minTracks = options.minTracks ?? 2;
  let next = options.firstAnalystNumber ?? ANALYST_NUMBER_FIRST;
  const last = options.lastAnalystNumber ?? ANALYST_NUMBER_LAST;
  const usable = ucts.filter((t): t is Fixed => t.fix.kind === 'position' && t.fix.velocityKmPerS !== undefined).sort((a, b) => a.fix.epoch.compare(b.fix.epoch));
  const unlinked = new Set(ucts.filter((t) => !usable.includes(t as Fixed)).map((t) => t.id));
  const parent = usable.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < usable.length; i++) {
    const a = usable[i]!.fix;
    for (let j = i + 1; j < usable.length; j++) {
      const b = usable[j]!.fix;
      const dt = b.epoch.secondsSince(a.epoch);
      if (dt > maxSpan) break;
      if (dt <= 0) continue;
      const k = keplerUniversal(a.positionKm, a.velocityKmPerS, dt, mu);
      const miss = Math.hypot(k.r[0] - b.positionKm[0], k.r[1] - b.positionKm[1], k.r[2] - b.positionKm[2]);
      if (miss <= gate0 + (growth * dt) / 3600) parent[find(j)] = find(i);
    }
  }
  const clusters = new Map<number, Fixed[]>();
  usable.forEach((t, i) => {
    const r = find(i);
    const c = clusters.get(r);
    if (c) c.push(t);
    else clusters.set(r, [t]);
  });
  const provisionalObjects: ProvisionalObject[] = [];
  for (const c of clusters.values()) {
    if (c.length < minTracks) {
      for (const t of c) unlinked.add(t.id);
      continue;
    }
    if (next > last) throw new ArgumentError(`the analyst number range ${options.firstAnalystNumber ?? ANALYST_NUMBER_FIRST}-${last} is exhausted; give a larger range.`, next);
    provisionalObjects.push(provisional(c, next++, mu));
  }
  return { provisionalObjects, unlinkedTrackIds: [...unlinked] };
}

function provisional(c: readonly Fixed[], analystNumber: number, mu: number): ProvisionalObject {
  const first = c[0]!.fix;
  const lastFix = c[c.length - 1]!.fix;
  const dt = lastFix.epoch.secondsSince(first.epoch);
  const sigmaPos = Math.sqrt(Math.max(lastFix.covarianceKm2[0]!, lastFix.covarianceKm2[4]!, lastFix.covarianceKm2[8]!));
  let best: { v1: Vec3<'TEME'>; err: number } | undefined;
  if (dt > 0) {
    const r = norm(first.positionKm);
    const v2 = first.velocityKmPerS[0] ** 2 + first.velocityKmPerS[1] ** 2 + first.velocityKmPerS[2] ** 2;
    const a = 1 / (2 / r - v2 / mu);
    const period = a > 0 ? 2 * Math.PI * Math.sqrt((a * a * a) / mu) : Number.POSITIVE_INFINITY;
    const nRev = Math.floor(dt / period);
    const h = [first.positionKm[1] * first.velocityKmPerS[2] - first.positionKm[2] * first.velocityKmPerS[1], first.positionKm[2] * first.velocityKmPerS[0] - first.positionKm[0] * first.velocityKmPerS[2], first.positionKm[0] * first.velocityKmPerS[1] - first.positionKm[1] * first.velocityKmPerS[0]];
    const direction = h[2]! >= 0 ? 'prograde' : 'retrograde';
    for (const revs of [nRev - 1, nRev, nRev + 1]) {
      if (revs < 0) continue;
      for (const branch of revs === 0 ? (['left'] as const) : (['left', 'right'] as const)) {
        try {
          const s = lambertIod(first.positionKm, lastFix.positionKm, dt, { mu, direction, revolutions: revs, branch });
          const err = norm(sub(s.v1, first.velocityKmPerS));
          if (!best || err < best.err) best = { v1: s.v1, err };
        } catch {
          // no solution for this (revs, branch)
        }
      }
    }
  }
  const method = best && best.err < 0.5 ? 'lambert' : 'herrick-gibbs';
  let position = lastFix.positionKm;
  let velocity = lastFix.velocityKmPerS;
  let sigmaVel = lastFix.velocitySigmaKmPerS ?? 0.01;
  if (method === 'lambert' && best) {
    const k = keplerUniversal(first.positionKm, best.v1, dt, mu);
    position = vec3<'TEME'>(...k.r);
    velocity = vec3<'TEME'>(...k.v);
    sigmaVel = (Math.SQRT2 * sigmaPos) / dt;
  }
  const cov = new Array<number>(36).fill(0);
  for (let i = 0; i < 3; i++) {
    cov[i * 7] = sigmaPos * sigmaPos;
    cov[(i + 3) * 7] = sigmaVel * sigmaVel;
  }
  return { analystNumber, epoch: lastFix.epoch, positionKm: position, velocityKmPerS: velocity, covariance: cov, trackIds: c.map((t) => t.id), method };
}
