/**
 * Linearised relative motion for avoidance design: the primary's state transition matrix from each candidate
 * execution time to TCA, mapped into the encounter (B-)plane.
 *
 * A Δv applied at t_m moves the primary at TCA by δr = Φ_rv(TCA, t_m) Δv (Montenbruck & Gill §7.2; Φ integrated with
 * the variational equations by the numerical propagator, backwards from TCA, and inverted). The new relative position
 * is r_rel − δr; its projection on the encounter plane (⟂ v_rel, axes of `buildEncounterPlane`) is the new miss,
 * which absorbs the small TCA shift of a rectilinear encounter. For a near-circular orbit Φ_rv reduces to the
 * Clohessy–Wiltshire solution, whose secular along-track term is δs_T = −3 Δv_T Δt.
 */
import type { ForceModel } from '../propagation/numerical/forceModel.ts';
import { NumericalPropagator } from '../propagation/numerical/propagator.ts';
import type { Instant, TimeScales } from '../time/index.ts';

/** Inverse of a row-major n×n matrix by Gauss–Jordan elimination with partial pivoting. */
export function invertMatrix(a: ArrayLike<number>, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) {
        [m[c * n + j], m[p * n + j]] = [m[p * n + j]!, m[c * n + j]!];
        [inv[c * n + j], inv[p * n + j]] = [inv[p * n + j]!, inv[c * n + j]!];
      }
    }
    const d = m[c * n + c]!;
    for (let j = 0; j < n; j++) {
      m[c * n + j] = m[c * n + j]! / d;
      inv[c * n + j] = inv[c * n + j]! / d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] = m[r * n + j]! - f * m[c * n + j]!;
        inv[r * n + j] = inv[r * n + j]! - f * inv[c * n + j]!;
      }
    }
  }
  return inv;
}

/** RTN basis rows (R, T, N) of a state, flat 3×3 row-major. */
export function rtnRows(s: ArrayLike<number>): Float64Array {
  const rx = s[0]!, ry = s[1]!, rz = s[2]!;
  const vx = s[3]!, vy = s[4]!, vz = s[5]!;
  const rn = Math.hypot(rx, ry, rz);
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const hn = Math.hypot(hx, hy, hz);
  const R = [rx / rn, ry / rn, rz / rn];
  const N = [hx / hn, hy / hn, hz / hn];
  const T = [N[1]! * R[2]! - N[2]! * R[1]!, N[2]! * R[0]! - N[0]! * R[2]!, N[0]! * R[1]! - N[1]! * R[0]!];
  return Float64Array.from([...R, ...T, ...N]);
}

/** The primary along its pre-maneuver orbit at the sample times, with the map of a Δv there to TCA. */
export interface SensitivitySamples {
  /** TAI seconds from TCA (≤ 0), in decreasing order. */
  readonly timesS: Float64Array;
  /** Six state values per sample (GCRF km, km/s). */
  readonly states: Float64Array;
  /** 3×3 per sample: δr(TCA) = D · Δv_RTN (km per km/s), D = Φ_rv(TCA, t) Rᵀ. */
  readonly dvToTca: Float64Array;
  /** Φ(t, TCA) (6×6 per sample) for mapping the TCA covariance back to t. */
  readonly stmBack: Float64Array;
}

/**
 * Propagates the primary's TCA state backwards to every sample time (TAI seconds from TCA, ≤ 0, decreasing) with the
 * STM, and builds the Δv → δr(TCA) maps.
 */
export function sensitivitySamples(tca: Instant, stateAtTca: ArrayLike<number>, timesS: ArrayLike<number>, forces: readonly ForceModel[], ts: TimeScales): SensitivitySamples {
  const n = timesS.length;
  const last = timesS[n - 1]!;
  const prop = new NumericalPropagator({ timeScales: ts, forces, rtol: 1e-10, atol: [1e-6, 1e-6, 1e-6, 1e-9, 1e-9, 1e-9], earthOrientationNodeS: 3600 });
  const res = prop.propagate({ epoch: tca, state: stateAtTca, stop: last === 0 ? -1 : last, outputTimesS: timesS, stm: true });
  const stmAll = res.outputStm!;
  const dvToTca = new Float64Array(9 * n);
  for (let k = 0; k < n; k++) {
    const phiBack = stmAll.subarray(36 * k, 36 * k + 36);
    const fwd = invertMatrix(phiBack, 6);
    const R = rtnRows(res.outputStates.subarray(6 * k, 6 * k + 6));
    // D = Φ_rv · Rᵀ: column j of D is Φ_rv times the j-th RTN unit vector.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let l = 0; l < 3; l++) s += fwd[i * 6 + 3 + l]! * R[j * 3 + l]!;
        dvToTca[9 * k + 3 * i + j] = s;
      }
    }
  }
  return { timesS: Float64Array.from(timesS), states: res.outputStates, dvToTca, stmBack: stmAll };
}
