/** A constant empirical acceleration in GCRF axes (km/s²), estimated by the batch least squares (Orekit's degree-0 "leak" polynomial). */
import type { ForceEvaluation, ForceModel } from '../propagation/numerical/forceModel.ts';

export class ConstantEmpiricalAcceleration implements ForceModel {
  readonly name = 'empirical-constant-gcrf';
  /** Acceleration components, GCRF, km/s² (mutable: the estimator updates them). */
  readonly accelerationKmS2 = new Float64Array(3);

  addAcceleration(_e: ForceEvaluation, out: Float64Array): void {
    out[0] = out[0]! + this.accelerationKmS2[0]!;
    out[1] = out[1]! + this.accelerationKmS2[1]!;
    out[2] = out[2]! + this.accelerationKmS2[2]!;
  }
}
