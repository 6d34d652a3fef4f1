/**
 * Building an EphemerisInput from tabulated states in an Earth-centred frame: each node is rotated to TEME at its
 * own epoch (GCRF/EME2000 by the IAU-76/FK5 chain, ITRF with the Earth-rotation velocity term; frames/transforms.ts)
 * and its epoch is put on the UTC clock axis of the screener. Interpolation then runs in TEME: the TEME ↔ GCRF
 * rotation drifts by ~1e-11 rad/s (precession, nutation), far below any interpolation error, and an Earth-fixed
 * table becomes inertial before it is interpolated (which is also the more accurate order).
 */
import { ArgumentError } from '../../errors/index.ts';
import { vec3, type StateVector } from '../../math/vec3.ts';
import { eme2000ToTeme, gcrfToTeme, itrfToTeme } from '../../frames/transforms.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { nodesForDegree, type EphemerisInterpolation } from './interpolation.ts';
import type { EphemerisInput } from './trajectory.ts';

/** Frames an ephemeris may be given in. */
export type EphemerisFrame = 'TEME' | 'GCRF' | 'EME2000' | 'ITRF';

/** Default interpolation when a table does not say: Lagrange of degree 7 (the CCSDS OEM examples' choice). */
export const DEFAULT_EPHEMERIS_INTERPOLATION: { readonly method: EphemerisInterpolation; readonly degree: number } = { method: 'LAGRANGE', degree: 7 };
/** Default degree of Hermite interpolation when only the method is given (3 nodes with velocities). */
export const DEFAULT_HERMITE_DEGREE = 5;

export interface EphemerisTable {
  readonly catalogNumber: number;
  readonly frame: EphemerisFrame;
  readonly epochs: readonly Instant[];
  /** x, y, z (km), vx, vy, vz (km/s) in `frame` (ITRF: Earth-fixed velocity). */
  readonly states: readonly (readonly [number, number, number, number, number, number])[];
  readonly interpolation?: EphemerisInterpolation;
  readonly interpolationDegree?: number;
  /** The producer's useable span, when narrower than the table. */
  readonly useableStart?: Instant;
  readonly useableStop?: Instant;
  readonly source: string;
}

/**
 * Rotates a table into TEME and puts it on the UTC clock. The degree is reduced to what the number of nodes allows
 * (at least 2 nodes are needed). Throws ArgumentError for fewer than 2 states or epochs that do not increase.
 */
export function createEphemerisInput(table: EphemerisTable, ts: TimeScales): EphemerisInput {
  const n = table.epochs.length;
  if (n < 2 || table.states.length !== n) {
    throw new ArgumentError(`Ephemeris of object ${table.catalogNumber} (${table.source}) has ${n} epochs and ${table.states.length} states: interpolation needs at least 2 states, one per epoch.`, n);
  }
  const method = table.interpolation ?? DEFAULT_EPHEMERIS_INTERPOLATION.method;
  const wanted = table.interpolationDegree ?? (table.interpolation === 'HERMITE' ? DEFAULT_HERMITE_DEGREE : DEFAULT_EPHEMERIS_INTERPOLATION.degree);
  if (!(Number.isInteger(wanted) && wanted >= 1)) throw new ArgumentError(`Ephemeris of object ${table.catalogNumber}: interpolation degree must be an integer ≥ 1; got ${wanted}.`, wanted);
  const maxDegree = method === 'LAGRANGE' ? n - 1 : 2 * n - 1;
  const degree = Math.min(wanted, maxDegree);
  const ref = ts.toUtcDaySeconds(table.epochs[0]!);
  const timesS = new Float64Array(n);
  const statesTeme = new Float64Array(6 * n);
  for (let k = 0; k < n; k++) {
    const t = table.epochs[k]!;
    const u = ts.toUtcDaySeconds(t);
    timesS[k] = (u.mjd - ref.mjd) * 86400 + (u.seconds - ref.seconds);
    if (k > 0 && !(timesS[k]! > timesS[k - 1]!)) {
      throw new ArgumentError(`Ephemeris of object ${table.catalogNumber} (${table.source}): epoch ${k + 1} is not later than the one before on the UTC clock (epochs must increase; a state inside a leap second cannot be placed).`, k);
    }
    const teme = toTeme(table.frame, table.states[k]!, t, ts);
    statesTeme.set([teme.r[0], teme.r[1], teme.r[2], teme.v[0], teme.v[1], teme.v[2]], 6 * k);
  }
  const last = timesS[n - 1]!;
  const at = (i: Instant | undefined, dflt: number): number => (i === undefined ? dflt : Math.min(last, Math.max(0, ts.utcClockSecondsBetween(table.epochs[0]!, i))));
  const input: EphemerisInput = {
    kind: 'ephemeris',
    catalogNumber: table.catalogNumber,
    epochUtcMjd: ref.mjd,
    epochUtcSeconds: ref.seconds,
    timesS,
    statesTeme,
    interpolation: method,
    interpolationDegree: method === 'HERMITE' ? 2 * nodesForDegree('HERMITE', degree) - 1 : degree,
    coverageStartS: at(table.useableStart, 0),
    coverageStopS: at(table.useableStop, last),
    source: table.source,
  };
  return input;
}

function toTeme(frame: EphemerisFrame, s: readonly number[], t: Instant, ts: TimeScales): StateVector<'TEME'> {
  switch (frame) {
    case 'TEME':
      return { r: vec3<'TEME'>(s[0]!, s[1]!, s[2]!), v: vec3<'TEME'>(s[3]!, s[4]!, s[5]!) };
    case 'GCRF':
      return gcrfToTeme({ r: vec3<'GCRF'>(s[0]!, s[1]!, s[2]!), v: vec3<'GCRF'>(s[3]!, s[4]!, s[5]!) }, t, ts);
    case 'EME2000':
      return eme2000ToTeme({ r: vec3<'EME2000'>(s[0]!, s[1]!, s[2]!), v: vec3<'EME2000'>(s[3]!, s[4]!, s[5]!) }, t, ts);
    case 'ITRF':
      return itrfToTeme({ r: vec3<'ITRF'>(s[0]!, s[1]!, s[2]!), v: vec3<'ITRF'>(s[3]!, s[4]!, s[5]!) }, t, ts);
  }
}
