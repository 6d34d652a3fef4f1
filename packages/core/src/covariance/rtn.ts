/** RTN (radial, transverse, normal; also called RIC) ↔ inertial rotation of 3x3 and 6x6 covariances. */
import type { Mat3 } from '../math/mat3.ts';
import type { FrameName, StateVector } from '../math/vec3.ts';
import { ArgumentError } from '../errors/index.ts';
import type { Covariance3, Covariance6 } from './types.ts';

/**
 * Rotation matrix M from inertial frame F to the RTN frame of the reference state (row-major, rows R, T, N):
 * R = r/|r|, N = (r × v)/|r × v|, T = N × R. A vector maps as x_RTN = M · x_F.
 * This is the local-orbital frame of CCSDS 508.0-B-1 (CDM) `RTN` covariances (a.k.a. RIC / UVW).
 */
export function rtnRotationMatrix<F extends FrameName>(ref: StateVector<F>): Mat3 {
  const [rx, ry, rz] = ref.r;
  const [vx, vy, vz] = ref.v;
  const rn = Math.hypot(rx, ry, rz);
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const hn = Math.hypot(hx, hy, hz);
  if (!(rn > 0) || !(hn > 0)) {
    throw new ArgumentError('The RTN frame is undefined for a zero position or for velocity parallel to position (rectilinear state).', ref);
  }
  const Rx = rx / rn, Ry = ry / rn, Rz = rz / rn;
  const Nx = hx / hn, Ny = hy / hn, Nz = hz / hn;
  const Tx = Ny * Rz - Nz * Ry, Ty = Nz * Rx - Nx * Rz, Tz = Nx * Ry - Ny * Rx;
  return [Rx, Ry, Rz, Tx, Ty, Tz, Nx, Ny, Nz];
}

/** B · A · Bᵀ for n x n row-major A and B. */
export function congruence(b: ArrayLike<number>, a: ArrayLike<number>, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * a[k * n + j]!;
      t[i * n + j] = s;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += t[i * n + k]! * b[j * n + k]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

function transposeMat3(m: Mat3): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

/** C_RTN = M C_F Mᵀ for a 3x3 position covariance (km²). */
export function covariance3InertialToRtn<F extends FrameName>(c: Covariance3<F>, ref: StateVector<F>): Covariance3<'RTN'> {
  return { m: congruence(rtnRotationMatrix(ref), c.m, 3) };
}

/** C_F = Mᵀ C_RTN M for a 3x3 position covariance (km²); `ref` is the object's own state in F. */
export function covariance3RtnToInertial<F extends FrameName>(c: Covariance3<'RTN'>, ref: StateVector<F>): Covariance3<F> {
  return { m: congruence(transposeMat3(rtnRotationMatrix(ref)), c.m, 3) };
}

/**
 * How the velocity part of a 6x6 covariance is mapped between RTN and inertial axes.
 * - `'rotation'`: block-diagonal diag(M, M), i.e. velocities are inertial velocity components expressed
 *   along the RTN axes (no transport theorem). This is how NASA CARA's tools read CDM RTN covariances.
 * - `'transport'`: full Jacobian of the rotating-frame state, δρ̇ = M(δv − ω × δr) with ω = (r × v)/|r|²
 *   (two-body angular velocity of the RTN frame), so J = [[M, 0], [−M[ω×], M]].
 */
export type RtnVelocityConvention = 'rotation' | 'transport';

/** Skew matrix [ω×] (row-major) of the RTN frame's two-body angular velocity ω = (r × v)/|r|² (rad/s). */
function rtnAngularVelocitySkew<F extends FrameName>(ref: StateVector<F>): number[] {
  const [rx, ry, rz] = ref.r;
  const [vx, vy, vz] = ref.v;
  const r2 = rx * rx + ry * ry + rz * rz;
  const wx = (ry * vz - rz * vy) / r2, wy = (rz * vx - rx * vz) / r2, wz = (rx * vy - ry * vx) / r2;
  return [0, -wz, wy, wz, 0, -wx, -wy, wx, 0];
}

/**
 * The 6×6 Jacobian of a state change from an inertial frame to a local frame whose axes are the rows of M (row-major
 * 3×3): [[M, 0], [−M·W, M]] where W is the skew matrix of the local frame's angular velocity ('transport' velocity
 * convention), or [[M, 0], [0, M]] when W is undefined ('rotation' convention). Shared by the RTN and NTW rotations.
 */
export function inertialToLocalJacobian(M: ArrayLike<number>, W: ArrayLike<number> | undefined): Float64Array {
  const J = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      J[i * 6 + j] = M[i * 3 + j]!;
      J[(i + 3) * 6 + j + 3] = M[i * 3 + j]!;
    }
  }
  if (W !== undefined) {
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += M[i * 3 + k]! * W[k * 3 + j]!;
        J[(i + 3) * 6 + j] = -s;
      }
    }
  }
  return J;
}

function jacobianInertialToRtn<F extends FrameName>(ref: StateVector<F>, convention: RtnVelocityConvention): Float64Array {
  return inertialToLocalJacobian(rtnRotationMatrix(ref), convention === 'transport' ? rtnAngularVelocitySkew(ref) : undefined);
}

function jacobianRtnToInertial<F extends FrameName>(ref: StateVector<F>, convention: RtnVelocityConvention): Float64Array {
  const M = rtnRotationMatrix(ref);
  const J = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      J[i * 6 + j] = M[j * 3 + i]!;
      J[(i + 3) * 6 + j + 3] = M[j * 3 + i]!;
    }
  }
  if (convention === 'transport') {
    // δv = Mᵀ δρ̇ + ω × (Mᵀ δρ)  ⇒  lower-left block W·Mᵀ.
    const W = rtnAngularVelocitySkew(ref);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += W[i * 3 + k]! * M[j * 3 + k]!;
        J[(i + 3) * 6 + j] = s;
      }
    }
  }
  return J;
}

/** 6x6 covariance from inertial frame F to the RTN frame of `ref` (see {@link RtnVelocityConvention}; default 'rotation'). */
export function covariance6InertialToRtn<F extends FrameName>(
  c: Covariance6<F>,
  ref: StateVector<F>,
  convention: RtnVelocityConvention = 'rotation',
): Covariance6<'RTN'> {
  return { m: congruence(jacobianInertialToRtn(ref, convention), c.m, 6) };
}

/** 6x6 covariance from the RTN frame of `ref` to inertial frame F (default 'rotation', CARA's CDM convention). */
export function covariance6RtnToInertial<F extends FrameName>(
  c: Covariance6<'RTN'>,
  ref: StateVector<F>,
  convention: RtnVelocityConvention = 'rotation',
): Covariance6<F> {
  return { m: congruence(jacobianRtnToInertial(ref, convention), c.m, 6) };
}
