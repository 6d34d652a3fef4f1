/** Test windows for the all-vs-all cell sweeps (screening-cell-sweep.test.ts, screening-compiled-sweep.test.ts). */
import type { Slots } from '../src/screening/knotSlots.ts';
import type { WindowObjects } from '../src/screening/windowObjects.ts';

/** Deterministic uniform numbers in [0, 1) (32-bit LCG). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export interface Window {
  sl: Slots;
  S: Float64Array;
}

/**
 * n objects in a cube of `sideKm` around (7,000, 0, 0) km moving along a few streams (so that many pairs pass the
 * linear filter); every 40th object is fast (speed bound 10.5 km/s, ρ above the slow objects' cell).
 */
export function makeWindow(n: number, sideKm: number, seed: number): Window {
  const rnd = lcg(seed);
  const S = new Float64Array(8 * n);
  const speed = new Float64Array(n);
  const streams = [
    [0, 7.5, 0],
    [0, 5.3, 5.3],
    [0, -5.3, 5.3],
    [1.0, 0.5, -7.4],
  ] as const;
  for (let s = 0; s < n; s++) {
    const o = 8 * s;
    S[o] = 7000 + (rnd() - 0.5) * sideKm;
    S[o + 1] = (rnd() - 0.5) * sideKm;
    S[o + 2] = (rnd() - 0.5) * sideKm;
    const fast = s % 40 === 0;
    const v = streams[Math.floor(rnd() * streams.length)]!;
    const scale = fast ? 10 / 7.5 : 1;
    S[o + 3] = v[0] * scale + (rnd() - 0.5) * 0.02;
    S[o + 4] = v[1] * scale + (rnd() - 0.5) * 0.02;
    S[o + 5] = v[2] * scale + (rnd() - 0.5) * 0.02;
    speed[s] = fast ? 10.5 : 7.8;
  }
  const sl: Slots = {
    ns: n,
    obj: Int32Array.from({ length: n }, (_, s) => s),
    m: new Float64Array(n),
    h: new Float64Array(n),
    speed,
    rho: new Float64Array(n),
    fast: new Uint8Array(n),
    err: new Float64Array(n).fill(0.2),
    vErr: new Float64Array(n).fill(1e-4),
    prim: new Uint8Array(n).fill(1),
    qFirst: new Float64Array(n),
    qLast: new Int32Array(n),
    base: new Int32Array(n),
    coef: new Float64Array(12 * n),
    coefInterval: new Int32Array(n).fill(-1),
    errMax: 0.2,
    vErrMax: 1e-4,
    speedMax: 10.5,
  };
  return { sl, S };
}

/** Slot pairs "a-b" (a < b) of a window's output. */
export function slotPairs(wo: WindowObjects): string[] {
  const out: string[] = [];
  for (let k = 0; k < wo.pairs; k++) {
    const a = wo.order[wo.out[2 * k]!]!;
    const b = wo.order[wo.out[2 * k + 1]!]!;
    out.push(a < b ? `${a}-${b}` : `${b}-${a}`);
  }
  return out.sort();
}

