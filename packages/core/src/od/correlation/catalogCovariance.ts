/**
 * The catalog covariance Skylane assumes for a GP element set when none is published (TLE/OMM carry none): a
 * diagonal covariance in the object's RTN frame whose standard deviations grow linearly with the element-set age,
 *   σ_R = 0.5 km + 0.2 km/day·|age|, σ_T = 2 km + 2 km/day·|age|, σ_N = 0.5 km + 0.2 km/day·|age|  (each ≤ 100 km).
 * These are round values of the accuracy reported for SGP4 predictions of LEO objects from public GP data (about
 * 1 km radial and a few km in-track at epoch, in-track error growing by 1-3 km a day: Vallado & Crawford 2008,
 * AIAA 2008-6770; Kelso 2007, "Validation of SGP4 and IS-GPS-200D"). They are an assumption, not a measurement:
 * callers may pass their own model (`CatalogCovarianceModel`). Documented in docs/design/tracking-data-and-correlation.md.
 */
export interface CatalogCovarianceModel {
  /** One-sigma radial, transverse and normal position errors (km) for an element set `ageDays` old. */
  sigmasKm(ageDays: number): readonly [number, number, number];
}

/** The default model of the module header. */
export const DEFAULT_CATALOG_COVARIANCE: CatalogCovarianceModel = {
  sigmasKm(ageDays: number): readonly [number, number, number] {
    const a = Math.abs(ageDays);
    return [Math.min(100, 0.5 + 0.2 * a), Math.min(100, 2 + 2 * a), Math.min(100, 0.5 + 0.2 * a)];
  },
};
