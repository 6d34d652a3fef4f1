/**
 * Scalar root finding and minimisation (pass events, time of closest approach).
 * - `brentRoot`: Brent (1973), "Algorithms for Minimization without Derivatives", ch. 4 (zero): bisection,
 *   secant and inverse quadratic interpolation, guaranteed to converge on a sign-changing bracket.
 * - `goldenMax`: golden-section search for the maximum of a unimodal function (Kiefer 1953).
 */

/**
 * A root of f in [a, b] where f(a)·f(b) ≤ 0, to an absolute tolerance `tol` in x.
 * `fa`, `fb` are f(a), f(b) when already known.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, tol: number, fa = f(a), fb = f(b), maxIter = 100): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) return Number.NaN;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return b;
}

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Argument of the maximum of a unimodal f on [a, b], to absolute tolerance `tol`. */
export function goldenMax(f: (x: number) => number, a: number, b: number, tol: number): number {
  let x1 = b - INV_PHI * (b - a);
  let x2 = a + INV_PHI * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  while (b - a > tol) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + INV_PHI * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - INV_PHI * (b - a);
      f1 = f(x1);
    }
  }
  return 0.5 * (a + b);
}
