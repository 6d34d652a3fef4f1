/** Gauss–Legendre rules (nodes computed by Newton iteration on Pₙ) and a globally adaptive integrator built on them. */

/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Abramowitz & Stegun 25.4.29). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  return { nodes, weights };
}

const RULES = new Map<number, { nodes: Float64Array; weights: Float64Array }>();
function rule(n: number): { nodes: Float64Array; weights: Float64Array } {
  let r = RULES.get(n);
  if (r === undefined) {
    r = gaussLegendre(n);
    RULES.set(n, r);
  }
  return r;
}

/** Options of {@link integrateAdaptive}. */
export interface AdaptiveOptions {
  /** Relative tolerance on the whole integral. Default 1e-12. */
  readonly relTol?: number;
  /** Absolute tolerance. Default 0. */
  readonly absTol?: number;
  /** Maximum number of panel bisections. Default 4000. */
  readonly maxSplits?: number;
  /** Points of the Gauss–Legendre rule per panel. Default 16. */
  readonly order?: number;
}

/** Result of {@link integrateAdaptive}: the value, an error estimate and the evaluations used. */
export interface AdaptiveResult {
  readonly value: number;
  readonly errorEstimate: number;
  readonly evaluations: number;
}

/** One panel of a globally adaptive quadrature: its interval, integral estimate and error estimate. */
interface QuadPanel {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly err: number;
}

/**
 * The globally adaptive driver shared by the rules below: panels start at `a`, the sorted interior `breaks` and
 * `b`; the panel with the largest error estimate is bisected (`make(lo, hi, parent, half)`) until the summed
 * estimate is below max(absTol, relTol·|I|), `maxSplits` is reached, the sum is not finite, or a panel can no
 * longer be split in floating point.
 */
function refineGlobally<P extends QuadPanel>(
  a: number,
  b: number,
  breaks: readonly number[],
  relTol: number,
  absTol: number,
  maxSplits: number,
  make: (lo: number, hi: number, parent?: P, half?: 0 | 1) => P,
): { value: number; errorEstimate: number } {
  const pts = [a, ...breaks.filter((x) => x > a && x < b).sort((x, y) => x - y), b];
  const panels: P[] = [];
  for (let i = 0; i + 1 < pts.length; i++) if (pts[i + 1]! > pts[i]!) panels.push(make(pts[i]!, pts[i + 1]!));
  let splits = 0;
  for (;;) {
    let total = 0, err = 0, worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i]!;
      total += p.value;
      err += p.err;
      if (p.err > panels[worst]!.err) worst = i;
    }
    if (err <= Math.max(absTol, relTol * Math.abs(total)) || splits >= maxSplits || !Number.isFinite(total)) {
      return { value: total, errorEstimate: err };
    }
    const p = panels[worst]!;
    const m = 0.5 * (p.a + p.b);
    if (!(m > p.a && m < p.b)) return { value: total, errorEstimate: err };
    panels[worst] = make(p.a, m, p, 0);
    panels.push(make(m, p.b, p, 1));
    splits++;
  }
}

/**
 * Globally adaptive quadrature: each panel is integrated by n-point Gauss–Legendre (default 16) and by the same rule
 * on its two halves; the difference is the panel's error estimate. The worst panel is bisected until the
 * summed error is below max(absTol, relTol·|I|). `breaks` are sorted interior points where the integrand
 * changes character (peaks, kinks): the initial panels start from them.
 */
export function integrateAdaptive(
  f: (x: number) => number,
  a: number,
  b: number,
  breaks: readonly number[] = [],
  options: AdaptiveOptions = {},
): AdaptiveResult {
  const relTol = options.relTol ?? 1e-12;
  const absTol = options.absTol ?? 0;
  const maxSplits = options.maxSplits ?? 4000;
  const { nodes, weights } = rule(options.order ?? 16);
  const np = nodes.length;
  const glPanel = (lo: number, hi: number): number => {
    const c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
    let s = 0;
    for (let i = 0; i < np; i++) s += weights[i]! * f(c + h * nodes[i]!);
    return s * h;
  };
  if (!(b > a)) return { value: 0, errorEstimate: 0, evaluations: 0 };
  interface Panel extends QuadPanel { left: number; right: number }
  let evaluations = 0;
  const make = (lo: number, hi: number, parent?: Panel, half?: 0 | 1): Panel => {
    const m = 0.5 * (lo + hi);
    const whole = parent === undefined ? undefined : half === 0 ? parent.left : parent.right;
    const w = whole ?? glPanel(lo, hi);
    const l = glPanel(lo, m), r = glPanel(m, hi);
    evaluations += (whole === undefined ? 3 : 2) * np;
    const halves = l + r;
    return { a: lo, b: hi, left: l, right: r, value: halves, err: Math.abs(halves - w) };
  };
  const r = refineGlobally(a, b, breaks, relTol, absTol, maxSplits, make);
  return { ...r, evaluations };
}

/** Gauss–Kronrod 7–15 nodes (non-negative half, descending) and weights (Piessens et al., QUADPACK, 1983). */
const GK15_X = [0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0];
const GK15_WK = [0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782];
const GK15_WG = [0, 0.1294849661688697, 0, 0.27970539148927664, 0, 0.3818300505051189, 0, 0.4179591836734694];

/**
 * Globally adaptive Gauss–Kronrod 7–15 quadrature: each panel costs 15 evaluations and its error estimate is
 * |K15 − G7|; the worst panel is bisected until the summed estimate is below max(absTol, relTol·|I|). `breaks`
 * seed the initial panels. Cheaper per panel than {@link integrateAdaptive} for smooth integrands.
 */
export function integrateGK15(
  f: (x: number) => number,
  a: number,
  b: number,
  breaks: readonly number[] = [],
  options: AdaptiveOptions = {},
): AdaptiveResult {
  const relTol = options.relTol ?? 1e-12;
  const absTol = options.absTol ?? 0;
  const maxSplits = options.maxSplits ?? 4000;
  if (!(b > a)) return { value: 0, errorEstimate: 0, evaluations: 0 };
  let evaluations = 0;
  const panel = (lo: number, hi: number): QuadPanel => {
    const c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
    const fc = f(c);
    let k = GK15_WK[7]! * fc, g = GK15_WG[7]! * fc;
    for (let i = 0; i < 7; i++) {
      const dx = h * GK15_X[i]!;
      const s = f(c - dx) + f(c + dx);
      k += GK15_WK[i]! * s;
      g += GK15_WG[i]! * s;
    }
    evaluations += 15;
    return { a: lo, b: hi, value: k * h, err: Math.abs((k - g) * h) };
  };
  const r = refineGlobally(a, b, breaks, relTol, absTol, maxSplits, panel);
  return { ...r, evaluations };
}
