/**
 * Types of conjunction screening: the screening volume, options, events, skipped objects and statistics.
 *
 * Conventions. Times inside a screening run are seconds of UTC clock (leap seconds not counted, the time axis
 * SGP4's "minutes since epoch" uses) from the window start. Positions and velocities are SGP4 TEME (km, km/s).
 * The RTN frame of an object is built from its TEME state (R = r/|r|, N = r×v/|r×v|, T = N×R); the miss
 * vector is `r2 − r1` (object2 relative to object1) in object1's RTN frame.
 */

/**
 * The screening volume. A sphere around the primary, or an ellipsoid / box aligned with the primary's RTN frame.
 * The RTN sizes are **half-extents** (semi-axes): `{ radialKm: 0.4, transverseKm: 25, normalKm: 25 }` accepts
 * |r| ≤ 0.4 km, |t| ≤ 25 km, |n| ≤ 25 km (box) or (r/0.4)² + (t/25)² + (n/25)² ≤ 1 (ellipsoid).
 * An encounter is a local minimum of the range; it is reported when the relative position at that TCA lies
 * inside the volume.
 */
export type ScreeningVolume =
  | { readonly kind: 'sphere'; readonly radiusKm: number }
  | { readonly kind: 'rtn-ellipsoid'; readonly radialKm: number; readonly transverseKm: number; readonly normalKm: number }
  | { readonly kind: 'rtn-box'; readonly radialKm: number; readonly transverseKm: number; readonly normalKm: number };

/** Tuning of the fast screener. Defaults are chosen for LEO-dominated catalogs; results do not depend on them. */
export interface ScreeningTuning {
  /** Broad-phase sample step (s). Default 20. */
  readonly sampleStepS?: number;
  /**
   * Target bound of the cubic-Hermite interpolation error of the knot ephemerides (km). Default 1 (all-vs-all), 2 in
   * primaries mode (fewer SGP4 knots for the many secondaries; the larger error only pads the filters).
   */
  readonly interpolationToleranceKm?: number;
  /** Largest knot step (s). Default 1800. */
  readonly maxKnotStepS?: number;
  /** Length of one work block (s), rounded to whole sample steps. Default 10800 (3 h). */
  readonly blockLengthS?: number;
  /**
   * Length of one broad-phase window (s), rounded to whole sample steps (at least one). Default 60 (all-vs-all,
   * where every object scans its neighbours: the compiled sweep's band prefilter makes longer windows pay) or 80
   * (primaries mode, where only the primaries are binned).
   */
  readonly broadPhaseWindowS?: number;
  /**
   * All-vs-all radial bands before the grid test (cellSweep.ts): 'auto' (default) uses them on blocks whose first
   * window has at least 6 objects per occupied cell on average (dense catalogs such as the synthetic 100,000), and
   * from 20 sorts by (cell, radial bin) ('binned', the synthetic 300,000 and denser); 'on', 'binned' and 'off' force a
   * sweep. Speed only: the bands are a necessary condition like the grid test.
   */
  readonly radialBands?: 'auto' | 'on' | 'off' | 'binned';
  /**
   * All-vs-all: run the slow objects' sweep compiled to WebAssembly with SIMD (wasm/cellSweep.c; default true where
   * the runtime supports it) or in JavaScript (false). Speed only: the pairs, hence the events, are the same.
   */
  readonly compiledSweep?: boolean;
}

/** One close approach: a local minimum of the range between two objects, inside the screening volume. */
export interface ScreeningEventData {
  /** Catalog number of object 1 (the smaller). */
  readonly object1: number;
  /** Catalog number of object 2 (the larger). */
  readonly object2: number;
  /** Time of closest approach, seconds of UTC clock from the window start. */
  readonly tcaOffsetS: number;
  /** Range at TCA (km). */
  readonly missDistanceKm: number;
  /** |v2 − v1| at TCA (km/s). */
  readonly relativeSpeedKmPerS: number;
  /** r2 − r1 at TCA in object1's RTN frame [r, t, n] (km). */
  readonly missRtnKm: readonly [number, number, number];
  /** Age of object1's element set at TCA (days, negative when TCA precedes the epoch); for an ephemeris object, days from its first state. */
  readonly tcaAgeDays1: number;
  /** Age of object2's element set at TCA (days). */
  readonly tcaAgeDays2: number;
}

/** An object left out of the screening because it could not be propagated somewhere in the window. */
export interface SkippedObject {
  readonly catalogNumber: number;
  /** Stable error code: ELEMENTS_INVALID, OBJECT_DECAYED, PROPAGATION_FAILED, or EPHEMERIS_COVERAGE (an ephemeris that does not cover the window). */
  readonly code: string;
  readonly reason: string;
  /** Seconds from the window start of the first failure seen (−1 when the elements themselves are invalid). */
  readonly atOffsetS: number;
}

/** Counts of the filter chain, summed over all work blocks (deterministic for a given input and tuning). */
export interface ScreeningStats {
  readonly objects: number;
  readonly objectsScreened: number;
  /** Unordered pairs the mode asks for (all-vs-all: n(n−1)/2; primaries: pairs with at least one primary). */
  readonly pairsTotal: number;
  /** Pairs whose radial ranges over the window (from the knot ephemerides, padded) overlap within the volume's reach. */
  readonly pairsAfterApogeePerigee: number;
  /**
   * Pair-windows (a pair with at least one primary × a broad-phase window of `broadPhaseWindowS`) found by the
   * spatial grid within the per-pair reach at the window centre (and, where the radial bands are used, whose radial
   * bands over the window come within the reach: fewer pair-windows, same events).
   */
  readonly pairWindowsAfterGrid: number;
  /** Pair-windows whose linearised relative motion over the window comes within the padded volume reach. */
  readonly pairWindowsAfterLinear: number;
  /** Pair-samples (of those windows) whose linearised relative motion over ±Δt/2 comes within the padded reach. */
  readonly pairSamplesAfterLinear: number;
  /** Distinct (pair, sample interval) brackets refined with exact SGP4. */
  readonly intervalsRefined: number;
  /** Distinct pairs among the refined brackets. */
  readonly pairsRefined: number;
  readonly events: number;
  /** SGP4 calls at the knots and during refinement. */
  readonly sgp4Calls: number;
}
