/**
 * Brute-force reference screener, written separately from the fast path and sharing none of its filters: every
 * pair of objects is examined over the whole window. Used only by tests, on subsets.
 *
 * Method. Exact SGP4 positions of every object on a dyadic grid t_k = k·δ (δ = T/2^L, one extra sample on each
 * side). For each pair a branch-and-bound over dyadic time intervals discards an interval [a, b] only when
 * the range at its midpoint m exceeds the threshold by more than (v₁ + v₂)·(b − a)/2, with v the largest
 * sampled speed of each object (+0.1 %): by the triangle inequality the range anywhere in [a, b] is then above
 * the threshold. In the intervals that survive down to one step, every sample that is a discrete local
 * minimum of the range brackets a true minimum in [t_{k−1}, t_{k+1}], which Brent's minimiser (golden section
 * with parabolic steps; Brent 1973, ch. 5) locates on exact SGP4. No apogee/perigee filter, no interpolation,
 * no spatial grid.
 */
import { Sgp4Satellite, type Sgp4Input, type UtcClock, minutesSinceEpoch } from '../../propagation/sgp4/index.ts';
import { PropagationError } from '../../errors/index.ts';

export interface ReferenceOptions {
  readonly startUtc: UtcClock;
  readonly durationS: number;
  readonly thresholdKm: number;
  /** log2 of the number of grid steps over the window (default 12: δ ≈ 21 s for one day). */
  readonly levels?: number;
}

export interface ReferenceEvent {
  readonly object1: number;
  readonly object2: number;
  /** Seconds of UTC clock from the window start. */
  readonly tcaOffsetS: number;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS: number;
}

export interface ReferenceResult {
  readonly events: ReferenceEvent[];
  readonly skipped: { catalogNumber: number; reason: string }[];
  /** Pairs examined (all of them). */
  readonly pairs: number;
}

/** Brent's minimiser of f on [a, b] (Brent 1973, `localmin`), to absolute tolerance tol. Returns [x, f(x)]. */
export function brentMinimize(f: (x: number) => number, a: number, b: number, tol: number): [number, number] {
  const c = 0.5 * (3 - Math.sqrt(5));
  let v = a + c * (b - a);
  let w = v;
  let x = v;
  let e = 0;
  let d = 0;
  let fx = f(x);
  let fv = fx;
  let fw = fx;
  for (let iter = 0; iter < 200; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = 1e-12 * Math.abs(x) + tol / 3;
    const t2 = 2 * tol1;
    if (Math.abs(x - m) <= t2 - 0.5 * (b - a)) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    let u: number;
    if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
      d = p / q;
      u = x + d;
      if (u - a < t2 || b - u < t2) d = x < m ? tol1 : -tol1;
    } else {
      e = (x < m ? b : a) - x;
      d = c * e;
    }
    u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return [x, fx];
}

/** Screens every pair of `inputs` (unique catalog numbers) by brute force. */
export function referenceScreen(inputs: readonly Sgp4Input[], options: ReferenceOptions): ReferenceResult {
  const levels = options.levels ?? 12;
  const steps = 2 ** levels;
  const delta = options.durationS / steps;
  const S = steps + 3; // samples k = −1 .. steps + 1, stored at index k + 1
  const sats: Sgp4Satellite[] = [];
  const ids: number[] = [];
  const t0Min: number[] = [];
  const skipped: { catalogNumber: number; reason: string }[] = [];
  const pos: Float64Array[] = [];
  const vmax: number[] = [];
  const buf = new Float64Array(6);
  for (const input of [...inputs].sort((a, b) => a.catalogNumber - b.catalogNumber)) {
    let sat: Sgp4Satellite;
    try {
      sat = Sgp4Satellite.create(input);
    } catch (err) {
      skipped.push({ catalogNumber: input.catalogNumber, reason: err instanceof PropagationError ? err.message : String(err) });
      continue;
    }
    const base = minutesSinceEpoch(input, options.startUtc);
    const p = new Float64Array(S * 3);
    let vm = 0;
    let bad = '';
    for (let k = -1; k <= steps + 1; k++) {
      const tsince = base + (k * delta) / 60;
      const code = sat.propagateInto(tsince, buf, 0);
      if (code !== 0) {
        bad = sat.errorFor(code, tsince).message;
        break;
      }
      p[(k + 1) * 3] = buf[0]!;
      p[(k + 1) * 3 + 1] = buf[1]!;
      p[(k + 1) * 3 + 2] = buf[2]!;
      vm = Math.max(vm, Math.hypot(buf[3]!, buf[4]!, buf[5]!));
    }
    if (bad !== '') {
      skipped.push({ catalogNumber: input.catalogNumber, reason: bad });
      continue;
    }
    sats.push(sat);
    ids.push(input.catalogNumber);
    t0Min.push(base);
    pos.push(p);
    vmax.push(vm * 1.001);
  }
  const n = sats.length;
  const thr = options.thresholdKm;
  const events: ReferenceEvent[] = [];
  const stack = new Int32Array(4 * (levels + 4));
  const mark = new Uint8Array(S);
  const s1 = new Float64Array(6);
  const s2 = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    const pi = pos[i]!;
    for (let j = i + 1; j < n; j++) {
      const pj = pos[j]!;
      const vrel = vmax[i]! + vmax[j]!;
      if (!branchAndBound(pi, pj, vrel, delta, thr, steps, stack, mark)) continue;
      const satI = sats[i]!;
      const satJ = sats[j]!;
      const tI = t0Min[i]!;
      const tJ = t0Min[j]!;
      const range2 = (t: number): number => {
        satI.propagateInto(tI + t / 60, s1, 0);
        satJ.propagateInto(tJ + t / 60, s2, 0);
        const dx = s2[0]! - s1[0]!;
        const dy = s2[1]! - s1[1]!;
        const dz = s2[2]! - s1[2]!;
        return dx * dx + dy * dy + dz * dz;
      };
      const rangeRate = (t: number): number => {
        satI.propagateInto(tI + t / 60, s1, 0);
        satJ.propagateInto(tJ + t / 60, s2, 0);
        return (s2[0]! - s1[0]!) * (s2[3]! - s1[3]!) + (s2[1]! - s1[1]!) * (s2[4]! - s1[4]!) + (s2[2]! - s1[2]!) * (s2[5]! - s1[5]!);
      };
      for (let k = 0; k <= steps; k++) {
        if (!mark[k + 1]) continue;
        const dk = sampleRange(pi, pj, k);
        const dPrev = sampleRange(pi, pj, k - 1);
        const dNext = sampleRange(pi, pj, k + 1);
        if (!(dPrev >= dk && dk <= dNext)) continue;
        // Identical trajectories (e.g. objects catalogued while docked) have no closest approach.
        if (Math.max(dPrev, dNext) - dk < 1e-9) continue;
        let [tca, d2] = brentMinimize(range2, (k - 1) * delta, (k + 1) * delta, 1e-6);
        // Polish by bisection on the range rate (the minimum of the range is poorly conditioned for slow pairs).
        let lo = (k - 1) * delta;
        let hi = (k + 1) * delta;
        if (rangeRate(lo) < 0 && rangeRate(hi) > 0) {
          for (let it = 0; it < 80 && hi - lo > 1e-8; it++) {
            const mid = 0.5 * (lo + hi);
            if (rangeRate(mid) < 0) lo = mid;
            else hi = mid;
          }
          tca = 0.5 * (lo + hi);
          d2 = range2(tca);
        }
        if (tca <= 0 || tca > options.durationS || Math.sqrt(d2) > thr) continue;
        range2(tca);
        events.push({
          object1: ids[i]!,
          object2: ids[j]!,
          tcaOffsetS: tca,
          missDistanceKm: Math.sqrt(d2),
          relativeSpeedKmPerS: Math.hypot(s2[3]! - s1[3]!, s2[4]! - s1[4]!, s2[5]! - s1[5]!),
        });
      }
      mark.fill(0);
    }
  }
  // Two equal neighbouring samples can bracket the same minimum twice: keep one.
  events.sort((a, b) => a.object1 - b.object1 || a.object2 - b.object2 || a.tcaOffsetS - b.tcaOffsetS);
  const unique = events.filter((e, k) => {
    const p = events[k - 1];
    return !(p && p.object1 === e.object1 && p.object2 === e.object2 && Math.abs(p.tcaOffsetS - e.tcaOffsetS) < 1e-3);
  });
  unique.sort((a, b) => a.tcaOffsetS - b.tcaOffsetS || a.object1 - b.object1 || a.object2 - b.object2);
  return { events: unique, skipped, pairs: (n * (n - 1)) / 2 };
}

/** Range (km) between two sampled objects at grid index k (−1 ≤ k ≤ steps + 1). */
function sampleRange(pi: Float64Array, pj: Float64Array, k: number): number {
  const o = (k + 1) * 3;
  const dx = pj[o]! - pi[o]!;
  const dy = pj[o + 1]! - pi[o + 1]!;
  const dz = pj[o + 2]! - pi[o + 2]!;
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * Marks the grid samples next to every one-step interval whose range may fall to `thr`; true when any.
 * Intervals: [−1, 0], [0, steps] (dyadic), [steps, steps + 1].
 */
function branchAndBound(pi: Float64Array, pj: Float64Array, vrel: number, delta: number, thr: number, steps: number, stack: Int32Array, mark: Uint8Array): boolean {
  let marked = false;
  let top = 0;
  stack[top++] = -1;
  stack[top++] = 0;
  stack[top++] = steps;
  stack[top++] = steps + 1;
  stack[top++] = 0;
  stack[top++] = steps;
  while (top > 0) {
    const b = stack[--top]!;
    const a = stack[--top]!;
    if (b - a === 1) {
      if (Math.min(sampleRange(pi, pj, a), sampleRange(pi, pj, b)) - (vrel * delta) / 2 <= thr) {
        mark[a + 1] = 1;
        mark[b + 1] = 1;
        marked = true;
      }
      continue;
    }
    const m = (a + b) >> 1;
    if (sampleRange(pi, pj, m) - (vrel * (b - a) * delta) / 2 > thr) continue;
    stack[top++] = a;
    stack[top++] = m;
    stack[top++] = m;
    stack[top++] = b;
  }
  return marked;
}
