/**
 * The all-vs-all broad phase's per-window inner loop compiled to WebAssembly with 128-bit SIMD (wasm/cellSweep.c),
 * and the memory it works in: the window states of the block's slots (hosted here with a copy of its knot table), the
 * cell sort, the packing and the slow objects' sweep with its single-precision prefilter. The window records, packed
 * records, bands, flags, keys and occupied cells live in the kernel's linear memory, so nothing is copied into it per
 * window. The sweep returns the pairs that pass testLinear's quick rejection; `run` sends each through the full
 * linear filter (`testLinearFull`, the same call the JavaScript sweep makes), so the window's output, its order and
 * the grid counter are those of `sweepSlow` (cellSweep.ts). Where WebAssembly (or its SIMD) is not available,
 * `CompiledSweep.create` returns undefined and the JavaScript code runs. docs/design/conjunction-screening.md,
 * "Compiled sweep".
 */
import { FAST_SPEED_KMS, MAX_ACCEL_KMS2, windowCells, type Slots, type WindowCells } from './knotSlots.ts';
import { CELL_SWEEP_WASM } from './wasm/cellSweepWasm.ts';
import { bandPad, createWindowObjects, testLinearFull, type WindowObjects } from './windowObjects.ts';

interface SweepExports {
  windowStates(ns: number, kk: number, H: number, reach: number, maxAccel: number, fastSpeed: number, knots: number, base: number, m: number, qFirst: number, qLast: number, coefInterval: number, h: number, coef: number, speed: number, vErr: number, err: number, rho: number, fast: number, S: number, maxima: number): void;
  sortCells(S: number, n: number, inv: number, keysA: number, idxA: number, keysB: number, ord: number, count: number, U: number, CS: number): number;
  pack(S: number, ord: number, n: number, banded: number, H: number, pad: number, E: number, D: number, B: number, X: number, Y: number, Z: number, R: number, BL: number, BH: number): void;
  sweep(D: number, B: number, F: number, U: number, CS: number, nc: number, banded: number, H: number, lq2: number, out: number, cap: number, st: number, X: number, Y: number, Z: number, R: number, BL: number, BH: number): number;
  __heap_base: WebAssembly.Global;
}

/** The compiled module, once per thread; null when this runtime cannot compile it. */
let compiled: WebAssembly.Module | null | undefined;

function sweepModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(CELL_SWEEP_WASM.base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this runtime runs the compiled sweep (WebAssembly with SIMD). */
export function compiledSweepAvailable(): boolean {
  return sweepModule() !== null;
}

const PAGE = 65536;
/** First byte of the arrays: above the kernel's stack and data (__heap_base is 66,560 with clang's default 64-KiB stack). */
const HEAP_START = 2 * PAGE;

/** The kernel's memory for windows of up to ns objects, and the views the sweep and the packing use. */
export class CompiledSweep {
  /** Occupied cells (cellSweep.ts `occupiedCells`), in the kernel's memory. */
  readonly U: Int32Array;
  readonly CS: Int32Array;
  /** The slots' window records (knotSlots.ts `windowStates` writes them here) and the packing order. */
  readonly S: Float64Array;
  readonly order: Int32Array;
  /** The cell keys (keysB sorted, in the packing order) and the sort's scratch (cellSweep.ts). */
  readonly keysA: Int32Array;
  readonly keysB: Int32Array;
  readonly idxA: Int32Array;
  readonly count: Int32Array;
  private readonly exports: SweepExports;
  private readonly D: Float64Array;
  private readonly B: Float64Array;
  private readonly F: Uint8Array;
  private readonly E: Float64Array;
  private readonly out: Int32Array;
  private readonly st: Int32Array;
  /** Byte offsets of the arrays. */
  private readonly slots: { base: Int32Array; m: Float64Array; qFirst: Float64Array; h: Float64Array; speed: Float64Array; vErr: Float64Array; err: Float64Array; rho: Float64Array; qLast: Int32Array; coefInterval: Int32Array; coef: Float64Array; fast: Uint8Array };
  /** The block's knot table (hostKnots), which the window states read. */
  readonly knots: Float64Array;
  private readonly maxima: Float64Array;
  private readonly at: { knots: number; base: number; m: number; qFirst: number; h: number; speed: number; vErr: number; err: number; rho: number; qLast: number; coefInterval: number; coef: number; fast: number; maxima: number; keysA: number; keysB: number; idxA: number; count: number; S: number; order: number; D: number; B: number; E: number; F: number; U: number; CS: number; out: number; st: number; X: number; f32: number };
  /** Pairs the output holds (≥ ns, so that a member's candidates always fit). */
  private readonly cap: number;

  private constructor(mod: WebAssembly.Module, ns: number, knotsLength: number) {
    const align = (x: number): number => Math.ceil(x / 64) * 64;
    const cap = (this.cap = Math.max(ns, 1 << 16));
    const f32 = align(4 * (ns + 4));
    // The kernel's own data and stack lie below __heap_base (checked below); the arrays start at HEAP_START.
    const keysA = HEAP_START;
    const keysB = align(keysA + 4 * ns);
    const idxA = align(keysB + 4 * ns);
    const count = align(idxA + 4 * ns);
    const S = align(count + 4 * 1024);
    const order = align(S + 64 * ns);
    const D = align(order + 4 * ns);
    const B = align(D + 64 * ns);
    const E = align(B + 16 * ns);
    const U = align(E + 8 * ns);
    const CS = align(U + 4 * (ns + 1));
    const F = align(CS + 4 * (ns + 1));
    const out = align(F + ns);
    const st = align(out + 8 * cap);
    const X = align(st + 32);
    // The slots' arrays that the window states read and write (hostSlots), the stale list and the ρ maxima.
    const f64 = align(8 * ns);
    const m = align(X + 6 * f32);
    const qFirst = m + f64;
    const h = qFirst + f64;
    const speed = h + f64;
    const vErr = speed + f64;
    const err = vErr + f64;
    const rho = err + f64;
    const coef = rho + f64;
    const qLast = align(coef + 12 * 8 * ns);
    const coefInterval = align(qLast + 4 * ns);
    const base = align(coefInterval + 4 * ns);
    const fast = align(base + 4 * ns);
    const maxima = align(fast + ns);
    const knots = align(maxima + 16);
    const end = knots + 8 * knotsLength;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) });
    const instance = new WebAssembly.Instance(mod, { env: { memory } });
    this.exports = instance.exports as unknown as SweepExports;
    if ((this.exports.__heap_base.value as number) > HEAP_START) throw new Error('sweepKernel: the compiled kernel needs more than HEAP_START bytes of its own');
    const buf = memory.buffer;
    this.at = { knots, base, m, qFirst, h, speed, vErr, err, rho, qLast, coefInterval, coef, fast, maxima, keysA, keysB, idxA, count, S, order, D, B, E, F, U, CS, out, st, X, f32 };
    this.slots = {
      m: new Float64Array(buf, m, ns),
      qFirst: new Float64Array(buf, qFirst, ns),
      h: new Float64Array(buf, h, ns),
      speed: new Float64Array(buf, speed, ns),
      vErr: new Float64Array(buf, vErr, ns),
      err: new Float64Array(buf, err, ns),
      rho: new Float64Array(buf, rho, ns),
      qLast: new Int32Array(buf, qLast, ns),
      coefInterval: new Int32Array(buf, coefInterval, ns),
      coef: new Float64Array(buf, coef, 12 * ns),
      fast: new Uint8Array(buf, fast, ns),
      base: new Int32Array(buf, base, ns),
    };
    this.knots = new Float64Array(buf, knots, knotsLength);
    this.maxima = new Float64Array(buf, maxima, 2);
    this.keysA = new Int32Array(buf, keysA, ns);
    this.keysB = new Int32Array(buf, keysB, ns);
    this.idxA = new Int32Array(buf, idxA, ns);
    this.count = new Int32Array(buf, count, 1024);
    this.S = new Float64Array(buf, S, 8 * ns);
    this.order = new Int32Array(buf, order, ns);
    this.E = new Float64Array(buf, E, ns);
    this.D = new Float64Array(buf, D, 8 * ns);
    this.B = new Float64Array(buf, B, 2 * ns);
    this.F = new Uint8Array(buf, F, ns);
    this.U = new Int32Array(buf, U, ns + 1);
    this.CS = new Int32Array(buf, CS, ns + 1);
    this.out = new Int32Array(buf, out, 2 * cap);
    this.st = new Int32Array(buf, st, 8);
  }

  /**
   * A kernel for windows of up to ns objects and a knot table of knotsLength values, or undefined when the runtime
   * cannot compile it.
   */
  static create(ns: number, knotsLength: number): CompiledSweep | undefined {
    const mod = sweepModule();
    return mod ? new CompiledSweep(mod, ns, knotsLength) : undefined;
  }

  /** Window objects whose records, bands and fast flags are the kernel's (the rest as `createWindowObjects`). */
  windowObjects(ns: number, reach: number): WindowObjects {
    return { ...createWindowObjects(ns, reach), D: this.D, B: this.B, E: this.E, F: this.F };
  }

  /** Whether `wo` packs into this kernel's memory (made by `windowObjects`). */
  owns(wo: WindowObjects): boolean {
    return wo.D === this.D && wo.B === this.B && wo.E === this.E && wo.F === this.F;
  }

  /**
   * The slots `sl` with the arrays the window states read and write moved into the kernel's memory, and the block's
   * knot table copied there (the values are unchanged; the JavaScript code that reads the slots reads the same
   * memory, and reads its own knot table).
   */
  hostSlots(sl: Slots, knots: Float64Array): Slots {
    const k = this.slots;
    for (const key of ['base', 'm', 'qFirst', 'h', 'speed', 'vErr', 'err', 'rho', 'qLast', 'coefInterval', 'coef', 'fast'] as const) k[key].set(sl[key]);
    this.knots.set(knots.subarray(0, this.knots.length));
    return { ...sl, ...k };
  }

  /**
   * knotSlots.ts `windowStates` for the slots of `hostSlots`, compiled: the records into S, ρ, the fast flags and the
   * cached interval coefficients are those `windowStates` writes, and so are the cells.
   */
  windowStates(sl: Slots, kk: number, H: number, reach: number): WindowCells {
    if (sl.coef !== this.slots.coef) throw new RangeError('CompiledSweep.windowStates: the slots must come from this kernel\'s hostSlots()');
    const a = this.at;
    this.exports.windowStates(sl.ns, kk, H, reach, MAX_ACCEL_KMS2, FAST_SPEED_KMS, a.knots, a.base, a.m, a.qFirst, a.qLast, a.coefInterval, a.h, a.coef, a.speed, a.vErr, a.err, a.rho, a.fast, a.S, a.maxima);
    return windowCells(this.maxima[0]!, this.maxima[1]!, reach);
  }

  /**
   * Cell keys of the n window records S for cells of 1/inv km, sorted into keysB with the packing order in `order`,
   * and the occupied cells in U, CS (cellSweep.ts `cellKeys`, three `radixPass`es, `occupiedCells`); returns their
   * number.
   */
  sortCells(n: number, inv: number): number {
    const a = this.at;
    return this.exports.sortCells(a.S, n, inv, a.keysA, a.idxA, a.keysB, a.order, a.count, a.U, a.CS);
  }

  /**
   * Packs the window records S in `order` into wo (made by `windowObjects`; its ε', primary and fast flags and order
   * already packed by windowObjects.ts `packFlags`), with the radial bands when `banded` (the values of `packBands`),
   * and the single-precision copies the sweep's prefilter reads.
   */
  pack(wo: WindowObjects, banded: boolean): void {
    const a = this.at;
    const f = a.f32;
    this.exports.pack(a.S, a.order, wo.n, banded ? 1 : 0, wo.H, bandPad(wo.H, wo.reach), a.E, a.D, a.B, a.X, a.X + f, a.X + 2 * f, a.X + 3 * f, a.X + 4 * f, a.X + 5 * f);
  }

  /**
   * The slow objects' sweep of the window `wo` packed by `pack` over its nc occupied cells (in U, CS);
   * returns the write position in wo.out, or −1 when it is full (as `sweepSlow`).
   */
  run(wo: WindowObjects, nc: number, banded: boolean): number {
    const k = this.exports;
    const a = this.at;
    const { st, out } = this;
    const D = wo.D;
    const E = wo.E;
    const f = a.f32;
    const bandedFlag = banded ? 1 : 0;
    const lq2 = wo.limQuick * wo.limQuick;
    st.fill(0);
    let w = 0;
    for (;;) {
      const np = 2 * k.sweep(a.D, a.B, a.F, a.U, a.CS, nc, bandedFlag, wo.H, lq2, a.out, this.cap, a.st, a.X, a.X + f, a.X + 2 * f, a.X + 3 * f, a.X + 4 * f, a.X + 5 * f);
      for (let j = 0; j < np; j += 2) {
        const m = out[j]!;
        const q = out[j + 1]!;
        const o = 8 * m;
        const b = 8 * q;
        w = testLinearFull(wo, m, q, w, D[b]! - D[o]!, D[b + 1]! - D[o + 1]!, D[b + 2]! - D[o + 2]!, D[b + 3]! - D[o + 3]!, D[b + 4]! - D[o + 4]!, D[b + 5]! - D[o + 5]!, D[o + 7]! + D[b + 7]!, E[m]! + E[q]!);
        if (w < 0) return -1;
      }
      if (st[7] === 1) break;
    }
    wo.grid += st[6]!;
    return w;
  }
}
