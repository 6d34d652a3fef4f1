/**
 * Post-Newtonian (Schwarzschild) correction of the Earth's gravity, IERS Conventions (2010) eq. 10.12 without the
 * Lense–Thirring and de Sitter terms, PPN β = γ = 1:
 *   Δa = GM/(c² r³) · [ (4 GM/r − v²) r + 4 (r·v) v ]   (GCRF, km/s²; r km, v km/s).
 * About 3e-10 of the central acceleration for LEO: a few cm to a few dm over a day (SLR and GNSS orbits).
 */
import type { ForceEvaluation, ForceModel } from '../propagation/numerical/forceModel.ts';

const C_KM_S = 299792.458;

export class SchwarzschildRelativity implements ForceModel {
  readonly name = 'relativity-schwarzschild';
  private readonly gm: number;

  /** `gmKm3S2`: the Earth's GM (default 398600.4415 km³/s²). */
  constructor(gmKm3S2 = 398600.4415) {
    this.gm = gmKm3S2;
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const r = e.position, v = e.velocity;
    const rn = Math.hypot(r[0]!, r[1]!, r[2]!);
    const v2 = v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!;
    const rv = r[0]! * v[0]! + r[1]! * v[1]! + r[2]! * v[2]!;
    const k = this.gm / (C_KM_S * C_KM_S * rn * rn * rn);
    const a = 4 * this.gm / rn - v2;
    for (let i = 0; i < 3; i++) out[i] = out[i]! + k * (a * r[i]! + 4 * rv * v[i]!);
  }
}
