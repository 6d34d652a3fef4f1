/**
 * A numerical initial state from an SGP4 element set: SGP4's osculating TEME state at the element-set epoch, rotated
 * to GCRF (IAU-76/FK5, EOP corrections when the TimeScales carry EOP).
 *
 * Caveat (see docs/design/numerical-propagation.md): GP element sets are SGP4 *mean* elements fitted to observations
 * over days; the osculating state SGP4 gives at epoch carries SGP4's own error (typically 1 km at epoch for LEO,
 * growing along-track by km/day) and an unknown drag/SRP ballistic coefficient (B* is not C_D·A/m). A numerical
 * propagation from it is no more accurate than SGP4 over days; it is a starting point (e.g. for differential
 * correction against the SGP4 trajectory or tracking data), not a precise orbit.
 */
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { temeToGcrfMatrix } from '../../frames/transforms.ts';
import type { Sgp4Input } from '../sgp4/input.ts';
import { Sgp4Satellite } from '../sgp4/sgp4.ts';

export interface InitialState {
  readonly epoch: Instant;
  /** GCRF x, y, z, vx, vy, vz (km, km/s). */
  readonly state: Float64Array;
}

/** The GCRF state at the element set's epoch; throws PropagationError when SGP4 cannot initialise the elements. */
export function initialStateFromSgp4(input: Sgp4Input, timeScales: TimeScales): InitialState {
  const sat = Sgp4Satellite.create(input);
  const teme = new Float64Array(6);
  const status = sat.propagateInto(0, teme, 0);
  if (status !== 0) throw sat.errorFor(status, 0);
  const epoch = timeScales.fromUtcDaySeconds(input.epochUtcMjd, input.epochUtcSeconds);
  const m = temeToGcrfMatrix(epoch, timeScales);
  const state = new Float64Array(6);
  for (let i = 0; i < 3; i++) {
    state[i] = m[i * 3]! * teme[0]! + m[i * 3 + 1]! * teme[1]! + m[i * 3 + 2]! * teme[2]!;
    state[3 + i] = m[i * 3]! * teme[3]! + m[i * 3 + 1]! * teme[4]! + m[i * 3 + 2]! * teme[5]!;
  }
  return { epoch, state };
}
