/**
 * GCRF ↔ TEME ↔ ITRF rotations for the numerical propagator, on TAI seconds from a propagation epoch, by the
 * existing IAU-76/FK5 chain (frames/transforms.ts): r_ITRF = W · R3(θ_GMST82) · Mᵀ · r_GCRF, where M is the
 * TEME→GCRF matrix (precession, nutation, equation of the equinoxes, EOP δΔψ/δΔε), θ is GMST 1982 from UT1 and W is
 * polar motion.
 *
 * Speed-up (documented approximation): M, θ (unwrapped) and the pole coordinates are computed exactly at nodes every
 * `nodeSpacingS` seconds (default 3,600 s) of TAI from the epoch and interpolated linearly in between. The largest
 * short-period nutation terms (13.66 d, 0.23") give a linear-interpolation error of about 1e-5" over one hour
 * (≈ 0.3 mm at LEO radius); GMST is linear in UT1 up to a 1e-13 rad curvature over an hour, and the EOP values are
 * themselves interpolated linearly between daily points. `nodeSpacingS = 0` computes every rotation exactly.
 */
import { ARCSEC_TO_RAD, TWO_PI } from '../../units/index.ts';
import { gmst1982 } from '../../frames/fk5.ts';
import { temeToGcrfMatrix } from '../../frames/transforms.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';

interface Node {
  readonly index: number;
  /** TEME→GCRF, row-major. */
  readonly m: Float64Array;
  readonly gmst: number;
  readonly xp: number;
  readonly yp: number;
  /** Polar motion W = R1(−y_p)·R2(−x_p), row-major. */
  readonly w: Float64Array;
}

function polarMotion(xp: number, yp: number, out: Float64Array): Float64Array {
  const cx = Math.cos(xp), sx = Math.sin(xp), cy = Math.cos(yp), sy = Math.sin(yp);
  // R2(−xp) = [cx 0 sx; 0 1 0; −sx 0 cx], R1(−yp) = [1 0 0; 0 cy −sy; 0 sy cy]
  out[0] = cx;
  out[1] = 0;
  out[2] = sx;
  out[3] = sy * sx;
  out[4] = cy;
  out[5] = -sy * cx;
  out[6] = -cy * sx;
  out[7] = sy;
  out[8] = cy * cx;
  return out;
}

/** Earth orientation at TAI seconds from an epoch, with node interpolation (see the module header). */
export class EarthOrientation {
  readonly epoch: Instant;
  readonly timeScales: TimeScales;
  readonly nodeSpacingS: number;
  private nodeA: Node | undefined;
  private nodeB: Node | undefined;
  private readonly cache = new Map<number, Node>();
  private readonly tmp = new Float64Array(9);
  private readonly wTmp = new Float64Array(9);

  constructor(epoch: Instant, timeScales: TimeScales, nodeSpacingS = 3600) {
    this.epoch = epoch;
    this.timeScales = timeScales;
    this.nodeSpacingS = nodeSpacingS;
  }

  private exact(tSeconds: number, index: number): Node {
    const t = this.epoch.plusSeconds(tSeconds);
    const m = Float64Array.from(temeToGcrfMatrix(t, this.timeScales));
    const ut1 = this.timeScales.ut1JulianDate(t);
    const e = this.timeScales.eopAt(t);
    const xp = e.xpArcsec * ARCSEC_TO_RAD;
    const yp = e.ypArcsec * ARCSEC_TO_RAD;
    return { index, m, gmst: gmst1982(ut1.jd1, ut1.jd2), xp, yp, w: polarMotion(xp, yp, new Float64Array(9)) };
  }

  private node(index: number): Node {
    const a = this.nodeA;
    if (a !== undefined && a.index === index) return a;
    const b = this.nodeB;
    if (b !== undefined && b.index === index) return b;
    let n = this.cache.get(index);
    if (n === undefined) {
      n = this.exact(index * this.nodeSpacingS, index);
      if (this.cache.size > 4096) this.cache.clear();
      this.cache.set(index, n);
    }
    return n;
  }

  /**
   * Writes the TEME→GCRF matrix (row-major) at `tSeconds` into `m9` and returns GMST (rad); `pole` (optional, length
   * 2) receives x_p, y_p (rad).
   */
  private evaluate(tSeconds: number, m9: Float64Array, pole?: Float64Array, w9?: Float64Array): number {
    if (this.nodeSpacingS <= 0) {
      const e = this.exact(tSeconds, 0);
      m9.set(e.m);
      if (pole !== undefined) {
        pole[0] = e.xp;
        pole[1] = e.yp;
      }
      if (w9 !== undefined) w9.set(e.w);
      return e.gmst;
    }
    const x = tSeconds / this.nodeSpacingS;
    const i = Math.floor(x);
    const f = x - i;
    const a = this.node(i);
    const b = this.node(i + 1);
    this.nodeA = a;
    this.nodeB = b;
    for (let j = 0; j < 9; j++) m9[j] = a.m[j]! + f * (b.m[j]! - a.m[j]!);
    if (pole !== undefined) {
      pole[0] = a.xp + f * (b.xp - a.xp);
      pole[1] = a.yp + f * (b.yp - a.yp);
    }
    if (w9 !== undefined) for (let j = 0; j < 9; j++) w9[j] = a.w[j]! + f * (b.w[j]! - a.w[j]!);
    let d = b.gmst - a.gmst;
    // Unwrap: the nominal advance over one node interval (Earth rate × spacing) decides the whole turns.
    const nominal = 7.292115146706979e-5 * this.nodeSpacingS;
    d += TWO_PI * Math.round((nominal - d) / TWO_PI);
    return a.gmst + f * d;
  }

  /** The TEME→GCRF rotation (row-major, r_GCRF = M r_TEME) at `tSeconds` TAI from the epoch, into out9. */
  temeToGcrfInto(tSeconds: number, out9: Float64Array): void {
    this.evaluate(tSeconds, out9);
  }

  /** The GCRF→ITRF rotation (row-major, r_ITRF = M r_GCRF) at `tSeconds` TAI from the epoch, into out9. */
  gcrfToItrfInto(tSeconds: number, out9: Float64Array, pole = new Float64Array(2)): void {
    const m = this.tmp;
    const w = this.wTmp;
    const th = this.evaluate(tSeconds, m, pole, w);
    const c = Math.cos(th);
    const s = Math.sin(th);
    // P = R3(θ) · Mᵀ : rows of R3(θ) = [c s 0; −s c 0; 0 0 1]; Mᵀ[i][j] = M[j][i].
    // (R3 Mᵀ)[0][j] = c·M[j][0] + s·M[j][1], (R3 Mᵀ)[1][j] = −s·M[j][0] + c·M[j][1], (R3 Mᵀ)[2][j] = M[j][2].
    const p0 = c * m[0]! + s * m[1]!, p1 = c * m[3]! + s * m[4]!, p2 = c * m[6]! + s * m[7]!;
    const p3 = -s * m[0]! + c * m[1]!, p4 = -s * m[3]! + c * m[4]!, p5 = -s * m[6]! + c * m[7]!;
    const p6 = m[2]!, p7 = m[5]!, p8 = m[8]!;
    // W = R1(−y_p) · R2(−x_p) (interpolated between nodes like the rest).
    const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!, w7 = w[7]!, w8 = w[8]!;
    out9[0] = w0 * p0 + w1 * p3 + w2 * p6;
    out9[1] = w0 * p1 + w1 * p4 + w2 * p7;
    out9[2] = w0 * p2 + w1 * p5 + w2 * p8;
    out9[3] = w3 * p0 + w4 * p3 + w5 * p6;
    out9[4] = w3 * p1 + w4 * p4 + w5 * p7;
    out9[5] = w3 * p2 + w4 * p5 + w5 * p8;
    out9[6] = w6 * p0 + w7 * p3 + w8 * p6;
    out9[7] = w6 * p1 + w7 * p4 + w8 * p7;
    out9[8] = w6 * p2 + w7 * p5 + w8 * p8;
  }
}
