/*
 * Slow objects' half-neighbourhood sweep of one all-vs-all broad-phase window, compiled to WebAssembly with 128-bit
 * SIMD (`npm run build:wasm` writes cellSweepWasm.ts; docs/design/conjunction-screening.md, "Compiled sweep").
 *
 * The same sweep as `sweepSlow` in ../cellSweep.ts (its JavaScript twin and the tests' oracle): per occupied cell the
 * own column's range and the four forward columns' ranges, then per slow member m one scan over m + 1 .. own end and
 * the forward ranges, in the same order. What differs is a prefilter: four candidates at a time are tested in single
 * precision (f32x4) against a window-wide margin M that makes the test looser than the exact one, and only the lanes
 * that pass go through the exact tests of the JavaScript sweep, in double precision and in the same arithmetic
 * (radial bands when `banded`, grid test, testLinear's quick rejection). The prefilter therefore only skips
 * candidates the exact tests reject, and the pairs written, their order and the grid counter are those of the
 * JavaScript sweep.
 *
 * Margin. With c ≥ every |coordinate| and every |band end| of the window and λ ≥ every record's ρ + reach/2, each
 * single-precision value is within 2⁻²⁴ of its magnitude of the double, so a difference of coordinates is within
 * c·2⁻²², a distance within √3·c·2⁻²² < c·2⁻²¹, and the sums, squares and the limit add relative errors of a few
 * 2⁻²⁴ of (2λ + 2M). M = (c + 2λ)·2⁻¹⁶ + 10⁻³ km exceeds the sum by a factor of more than 30, so any pair that passes
 * an exact test passes its single-precision twin. Comparisons are written as "reject when greater" so that NaN, which
 * the exact tests never reject, is never rejected here either.
 *
 * Memory (all offsets in bytes, chosen by the caller; ../sweepKernel.ts): the window records S (8 doubles a slot)
 * and the packing order, the packed records D (8 doubles a position), bands B (2 doubles), ε' E, fast flags F (bytes), occupied cells U and CS (int32, U with its sentinel), the
 * single-precision copies X, Y, Z, R (ρ + reach/2 + M), BL (band low − M), BH (band high + M) with 4 padding entries
 * each, the output (int32 pairs) and an 8-int32 state that lets a full output be drained and the sweep resumed.
 */
#include <wasm_simd128.h>

typedef int i32;
typedef unsigned char u8;

/* Key offsets, minus one, of the forward columns (dx, dy) = (0, 1), (1, −1), (1, 0), (1, 1) (10 bits per axis). */
#define C0 ((1 << 10) - 1)
#define C1 (((1 << 20) - (1 << 10)) - 1)
#define C2 ((1 << 20) - 1)
#define C3 (((1 << 20) + (1 << 10)) - 1)

static inline double absd(double x) { return __builtin_fabs(x); }

/*
 * knotSlots.ts `windowStates`: each slot's cubic Hermite state at sample coordinate kk (`slotState`: x = kk/m −
 * qFirst, q = ⌊x⌋, u = x − q, clamped to the slot's intervals; the power-form coefficients of interval q recomputed
 * from the knot table when it is not the cached one, `hermiteCoefficients`; `powerState`), then `slotReach` and
 * `finishRecord` (ρ = min(speed, |v| + ε' + G·H)·H + ε, the fast flag above FAST_SPEED·H + 1, ρ + reach/2 and ε after
 * the state), in the same arithmetic (G = maxAccel and FAST_SPEED = fastSpeed are passed in). maxima[0], maxima[1]
 * get the largest slow ρ (≤ FAST_SPEED·H + 1) and the largest ρ.
 */
void windowStates(i32 ns, double kk, double H, double reach, double maxAccel, double fastSpeed, const double *knots,
                  const i32 *base, const double *m, const double *qFirst, const i32 *qLast, i32 *coefInterval,
                  const double *h, double *coef, const double *speed, const double *vErr, const double *err, double *rho,
                  u8 *fast, double *S, double *maxima) {
  const double rhoCut = fastSpeed * H + 1;
  double rhoSlow = 0;
  double rhoMax = 0;
  for (i32 s = 0; s < ns; s++) {
    const double x = kk / m[s] - qFirst[s];
    double q = __builtin_floor(x);
    double u = x - q;
    if (q > qLast[s]) {
      q = qLast[s];
      u = 1;
    } else if (q < 0) {
      q = 0;
      u = 0;
    }
    double *c = coef + 12 * s;
    const double hs = h[s];
    if (q != coefInterval[s]) {
      const i32 qi = (i32)q;
      coefInterval[s] = qi;
      const double *kb = knots + base[s] + qi * 6;
      for (i32 j = 0; j < 3; j++) {
        const double p0 = kb[j];
        const double v0 = hs * kb[3 + j];
        const double p1 = kb[6 + j];
        const double v1 = hs * kb[9 + j];
        c[4 * j] = p0;
        c[4 * j + 1] = v0;
        c[4 * j + 2] = 3 * (p1 - p0) - 2 * v0 - v1;
        c[4 * j + 3] = 2 * (p0 - p1) + v0 + v1;
      }
    }
    double *o = S + 8 * s;
    const double invH = 1 / hs;
    for (i32 j = 0; j < 3; j++) {
      const double c1 = c[4 * j + 1];
      const double c2 = c[4 * j + 2];
      const double c3 = c[4 * j + 3];
      o[j] = c[4 * j] + u * (c1 + u * (c2 + u * c3));
      o[3 + j] = (c1 + u * (2 * c2 + 3 * u * c3)) * invH;
    }
    const double v = __builtin_sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]) + vErr[s] + maxAccel * H;
    const double sp = speed[s];
    const double r = (sp < v ? sp : v) * H + err[s];
    rho[s] = r;
    fast[s] = r > fastSpeed * H + 1 ? 1 : 0;
    o[6] = r + 0.5 * reach;
    o[7] = err[s];
    if (r <= rhoCut && r > rhoSlow) rhoSlow = r;
    if (r > rhoMax) rhoMax = r;
  }
  maxima[0] = rhoSlow;
  maxima[1] = rhoMax;
}

/* Side of the cell grid per axis (10 bits), its centre, and the margin kept for fast objects' scans (MAX_FAST_CELLS). */
#define SIDE 1024
#define CENTRE 512
#define MARGIN 4

/* windowObjects.ts `cellCoordinate`: clamped to [MARGIN, SIDE − 1 − MARGIN], truncated, NaN to 0 (as `f | 0`). */
static inline i32 cellCoordinate(double x, double inv) {
  const double f = x * inv + CENTRE;
  if (f < MARGIN) return MARGIN;
  if (f > SIDE - 1 - MARGIN) return SIDE - 1 - MARGIN;
  return f == f ? (i32)f : 0;
}

/* One stable LSD radix pass on 10 bits of the keys (cellSweep.ts `radixPass`). */
static void radixPass(const i32 *kin, const i32 *iin, i32 *kout, i32 *iout, i32 *count, i32 shift, i32 n) {
  for (i32 b = 0; b < 1024; b++) count[b] = 0;
  for (i32 p = 0; p < n; p++) count[(kin[p] >> shift) & 1023]++;
  i32 sum = 0;
  for (i32 b = 0; b < 1024; b++) {
    const i32 c = count[b];
    count[b] = sum;
    sum += c;
  }
  for (i32 p = 0; p < n; p++) {
    const i32 key = kin[p];
    const i32 at = count[(key >> shift) & 1023]++;
    kout[at] = key;
    iout[at] = iin[p];
  }
}

/*
 * cellSweep.ts `cellKeys`, the three radix passes and `occupiedCells` in one call: the 30-bit cell keys of the n
 * window records S (cells of 1/inv km), sorted into keysB with the packing order in ord (keysA, idxA scratch), and the
 * occupied cells U, CS (U closed by a sentinel above every key). Returns their number.
 */
i32 sortCells(const double *S, i32 n, double inv, i32 *keysA, i32 *idxA, i32 *keysB, i32 *ord, i32 *count, i32 *U, i32 *CS) {
  for (i32 s = 0; s < n; s++) {
    const double *o = S + 8 * s;
    keysA[s] = (cellCoordinate(o[0], inv) << 20) | (cellCoordinate(o[1], inv) << 10) | cellCoordinate(o[2], inv);
    idxA[s] = s;
  }
  radixPass(keysA, idxA, keysB, ord, count, 0, n);
  radixPass(keysB, ord, keysA, idxA, count, 10, n);
  radixPass(keysA, idxA, keysB, ord, count, 20, n);
  i32 nc = 0;
  i32 last = -1;
  for (i32 p = 0; p < n; p++) {
    const i32 key = keysB[p];
    if (key != last) {
      U[nc] = key;
      CS[nc++] = p;
      last = key;
    }
  }
  U[nc] = 0x7fffffff;
  CS[nc] = n;
  return nc;
}

/*
 * Packs the window: position p gets the window record S[8·ord[p] .. + 7] (eight doubles, as knotSlots.ts
 * `windowStates` writes them), its radial band when `banded` (the arithmetic of windowObjects.ts `recordBands`, with
 * its pad computed by the caller: 0.5·reach + 0.5·G·H² + 10⁻³ km; E[p] the position's ε', already packed), then the
 * single-precision copies with the window's margin M folded in; four padding entries after the last position keep
 * the four-wide loads inside the arrays (their lanes are masked as well).
 */
void pack(const double *S, const i32 *ord, i32 n, i32 banded, double H, double pad, const double *E, double *D, double *B,
          float *X, float *Y, float *Z, float *R, float *BL, float *BH) {
  double c = 0;
  double lam = 0;
  for (i32 p = 0; p < n; p++) {
    __builtin_memcpy(D + 8 * p, S + 8 * ord[p], 64);
    const double *o = D + 8 * p;
    const double ax = absd(o[0]);
    const double ay = absd(o[1]);
    const double az = absd(o[2]);
    if (ax > c) c = ax;
    if (ay > c) c = ay;
    if (az > c) c = az;
    if (o[6] > lam) lam = o[6];
  }
  if (banded) {
    const double H2 = H * H;
    for (i32 p = 0; p < n; p++) {
      const double *o = D + 8 * p;
      const double x = o[0];
      const double y = o[1];
      const double z = o[2];
      const double vx = o[3];
      const double vy = o[4];
      const double vz = o[5];
      const double rr = x * x + y * y + z * z;
      const double r = __builtin_sqrt(rr);
      const double b = absd(x * vx + y * vy + z * vz);
      const double vv = vx * vx + vy * vy + vz * vz;
      const double invR = 1 / r;
      const double bH = b * H;
      const double cb = b * b;
      const double cc = cb < 2 * bH * vv ? cb / vv : 2 * bH;
      const double d = o[7] + E[p] * H + pad;
      const double lo = cc >= rr ? 0 : r - cc * invR;
      const double lo2 = lo - d;
      const double hi2 = r + (2 * bH + vv * H2) * 0.5 * invR + d;
      B[2 * p] = lo2;
      B[2 * p + 1] = hi2;
      if (absd(lo2) > c) c = absd(lo2);
      if (absd(hi2) > c) c = absd(hi2);
    }
  }
  const double M = (c + 2 * lam) * (1.0 / 65536.0) + 1e-3;
  for (i32 p = 0; p < n; p++) {
    const double *o = D + 8 * p;
    X[p] = (float)o[0];
    Y[p] = (float)o[1];
    Z[p] = (float)o[2];
    R[p] = (float)(o[6] + M);
  }
  for (i32 p = n; p < n + 4; p++) {
    X[p] = 0;
    Y[p] = 0;
    Z[p] = 0;
    R[p] = 0;
  }
  if (banded) {
    for (i32 p = 0; p < n; p++) {
      BL[p] = (float)(B[2 * p] - M);
      BH[p] = (float)(B[2 * p + 1] + M);
    }
    for (i32 p = n; p < n + 4; p++) {
      BL[p] = 0;
      BH[p] = 0;
    }
  }
}

/*
 * One forward column of a cell (lo = the cell's key + the column's offset − 1): moves the column's pointer *t
 * (monotone over the occupied cells) to the first cell of key ≥ lo and, when cells of keys lo .. lo + 2 are
 * occupied, appends their position range (start, end) to `ranges`.
 */
static inline void forwardRange(const i32 *U, const i32 *CS, i32 lo, i32 *t, i32 *ranges, i32 *n) {
  i32 first = *t;
  while (U[first] < lo) first++;
  *t = first;
  i32 end = first;
  while (U[end] <= lo + 2) end++;
  if (end > first) {
    ranges[(*n)++] = CS[first];
    ranges[(*n)++] = CS[end];
  }
}

/*
 * The sweep over the occupied cells st[0] .. nc − 1 (member st[1] first), writing the positions (m, q) of the pairs
 * that pass the quick rejection to out (at most cap pairs) and returning their number. State st: [0] cell, [1]
 * member, [2..5] the forward columns' pointers, [6] grid-passing pairs so far, [7] 1 when the sweep is complete. When
 * the output fills, the member being scanned is undone (its pairs and grid count) and the state saved, so that the
 * caller drains the pairs and calls again; cap ≥ n guarantees progress (a member has fewer than n candidates).
 */
i32 sweep(const double *D, const double *B, const u8 *F, const i32 *U, const i32 *CS, i32 nc, i32 banded, double H,
          double lq2, i32 *out, i32 cap, i32 *st, const float *X, const float *Y, const float *Z, const float *R,
          const float *BL, const float *BH) {
  const double HH = H * H;
  i32 i = st[0];
  i32 mFirst = st[1];
  i32 t0 = st[2];
  i32 t1 = st[3];
  i32 t2 = st[4];
  i32 t3 = st[5];
  i32 grid = st[6];
  i32 w = 0;
  /* The member's ranges (start, end): its own column's first, then the non-empty forward ranges. */
  i32 ranges[10];
  for (; i < nc; i++) {
    const i32 key = U[i];
    const i32 p = CS[i];
    const i32 e = CS[i + 1];
    const i32 ownEnd = U[i + 1] == key + 1 ? CS[i + 2] : e;
    i32 n = 2;
    forwardRange(U, CS, key + C0, &t0, ranges, &n);
    forwardRange(U, CS, key + C1, &t1, ranges, &n);
    forwardRange(U, CS, key + C2, &t2, ranges, &n);
    forwardRange(U, CS, key + C3, &t3, ranges, &n);
    i32 m = mFirst > p ? mFirst : p;
    mFirst = 0;
    for (; m < e; m++) {
      if (F[m] == 1) continue;
      const double *o = D + 8 * m;
      const double px = o[0];
      const double py = o[1];
      const double pz = o[2];
      const double pr = o[6];
      const double plo = B[2 * m];
      const double phi = B[2 * m + 1];
      const v128_t px4 = wasm_f32x4_splat(X[m]);
      const v128_t py4 = wasm_f32x4_splat(Y[m]);
      const v128_t pz4 = wasm_f32x4_splat(Z[m]);
      const v128_t pr4 = wasm_f32x4_splat(R[m]);
      const v128_t plo4 = wasm_f32x4_splat(banded ? BL[m] : 0.0f);
      const v128_t phi4 = wasm_f32x4_splat(banded ? BH[m] : 0.0f);
      const i32 wMember = w;
      const i32 gridMember = grid;
      ranges[0] = m + 1;
      ranges[1] = ownEnd;
      for (i32 k = 0; k < n; k += 2) {
        const i32 qe = ranges[k + 1];
        for (i32 q0 = ranges[k]; q0 < qe; q0 += 4) {
          const v128_t dx4 = wasm_f32x4_sub(wasm_v128_load(X + q0), px4);
          const v128_t dy4 = wasm_f32x4_sub(wasm_v128_load(Y + q0), py4);
          const v128_t dz4 = wasm_f32x4_sub(wasm_v128_load(Z + q0), pz4);
          const v128_t l4 = wasm_f32x4_add(wasm_v128_load(R + q0), pr4);
          const v128_t rr4 = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(dx4, dx4), wasm_f32x4_mul(dy4, dy4)), wasm_f32x4_mul(dz4, dz4));
          v128_t reject = wasm_f32x4_gt(rr4, wasm_f32x4_mul(l4, l4));
          if (banded) {
            reject = wasm_v128_or(reject, wasm_f32x4_gt(wasm_v128_load(BL + q0), phi4));
            reject = wasm_v128_or(reject, wasm_f32x4_lt(wasm_v128_load(BH + q0), plo4));
          }
          i32 bits = wasm_i32x4_bitmask(reject) ^ 15;
          if (qe - q0 < 4) bits &= (1 << (qe - q0)) - 1;
          while (bits != 0) {
            const i32 q = q0 + __builtin_ctz(bits);
            bits &= bits - 1;
            /* The exact tests of the JavaScript sweep, in its arithmetic. */
            if (banded && (B[2 * q] > phi || B[2 * q + 1] < plo)) continue;
            const double *a = D + 8 * q;
            const double dx = a[0] - px;
            const double dy = a[1] - py;
            const double dz = a[2] - pz;
            const double lim = pr + a[6];
            const double rr = dx * dx + dy * dy + dz * dz;
            if (rr > lim * lim || F[q] == 1) continue;
            grid++;
            const double vx = a[3] - o[3];
            const double vy = a[4] - o[4];
            const double vz = a[5] - o[5];
            const double rv = dx * vx + dy * vy + dz * vz;
            const double vv = vx * vx + vy * vy + vz * vz;
            if (absd(rv) <= H * vv) {
              if (rr * vv - rv * rv > lq2 * vv) continue;
            } else if (rr - 2 * H * absd(rv) + HH * vv > lq2) continue;
            if (w >= cap) {
              st[0] = i;
              st[1] = m;
              st[2] = t0;
              st[3] = t1;
              st[4] = t2;
              st[5] = t3;
              st[6] = gridMember;
              st[7] = 0;
              return wMember;
            }
            out[2 * w] = m;
            out[2 * w + 1] = q;
            w++;
          }
        }
      }
    }
  }
  st[0] = nc;
  st[1] = 0;
  st[6] = grid;
  st[7] = 1;
  return w;
}
