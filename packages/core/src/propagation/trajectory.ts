/**
 * The trajectory abstraction: a source of TEME states (km, km/s) on the UTC clock axis, counted in minutes from the
 * source's own reference epoch, with failure as a status (hot loops) or a typed PropagationError. Implemented by
 * SGP4 element sets (`Sgp4Satellite`) and by operator ephemerides (`EphemerisTrajectory`), so that the screener and
 * the assessor treat both alike. Inputs are plain, structured-clone-safe data (what worker threads receive).
 */
import type { PropagationError } from '../errors/index.ts';
import type { StateVector } from '../math/vec3.ts';
import { EphemerisTrajectory, type EphemerisInput } from './ephemeris/trajectory.ts';
import { Sgp4Satellite } from './sgp4/sgp4.ts';
import type { Sgp4Input, UtcClock } from './sgp4/input.ts';

/** A state-at-time provider in TEME. */
export interface Trajectory {
  readonly catalogNumber: number;
  /**
   * Writes x, y, z, vx, vy, vz (TEME, km, km/s) at `minutes` from the reference epoch into `out` at `offset` and
   * returns 0, or writes NaN and returns a non-zero status that `errorFor` explains.
   */
  propagateInto(minutes: number, out: Float64Array, offset: number): number;
  /** The typed error for a non-zero status of propagateInto. */
  errorFor(status: number, minutes: number): PropagationError;
  /** TEME state at a UTC clock time; throws PropagationError. */
  propagateAt(t: UtcClock): StateVector<'TEME'>;
}

/** What a trajectory is made from: an SGP4 element set or an ephemeris (both carry their reference epoch). */
export type TrajectoryInput = Sgp4Input | EphemerisInput;

/** Whether an input is an ephemeris (else SGP4 elements). */
export function isEphemerisInput(input: TrajectoryInput): input is EphemerisInput {
  return (input as Partial<EphemerisInput>).kind === 'ephemeris';
}

/** Initialises the trajectory of an input; throws PropagationError (ELEMENTS_INVALID) when it cannot be used. */
export function createTrajectory(input: TrajectoryInput): Trajectory {
  return isEphemerisInput(input) ? EphemerisTrajectory.create(input) : Sgp4Satellite.create(input);
}
