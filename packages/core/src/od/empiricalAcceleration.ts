/**
 * Empirical acceleration in GCRF axes, a(t) = a0 + a1·t (km/s², km/s³; t in TAI seconds from the propagation epoch),
 * estimated by the batch least squares: Orekit's degree-1 "polynomial acceleration" along X, Y and Z (e.g. a leak).
 */
import type { ForceEvaluation, ForceModel } from '../propagation/numerical/forceModel.ts';

export class EmpiricalAcceleration implements ForceModel {
  readonly name = 'empirical-polynomial-gcrf';
  /** a0 (X, Y, Z, km/s²) then a1 (X, Y, Z, km/s³); mutable: the estimator updates them. */
  readonly coefficients = new Float64Array(6);

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const c = this.coefficients;
    const t = e.tSeconds;
    out[0] = out[0]! + c[0]! + c[3]! * t;
    out[1] = out[1]! + c[1]! + c[4]! * t;
    out[2] = out[2]! + c[2]! + c[5]! * t;
  }
}
