/**
 * The plain, structured-clone-safe description of one SGP4 element set: what a worker thread receives.
 * The epoch is a UTC clock time (integer MJD + seconds of day), the time scale SGP4's "minutes since
 * epoch" is counted in (UTC clock, leap seconds not counted, as in Vallado's and CelesTrak's SGP4 use).
 */
import type { ElementSet } from '../../catalog/model.ts';
import type { TimeScales } from '../../time/index.ts';

/** The SGP4 mean elements of an ElementSet (same names and units) plus its epoch as a UTC clock time. */
export type Sgp4Input = Pick<
  ElementSet,
  | 'catalogNumber'
  | 'meanMotionRevPerDay'
  | 'eccentricity'
  | 'inclinationDeg'
  | 'raanDeg'
  | 'argOfPericenterDeg'
  | 'meanAnomalyDeg'
  | 'bstarPerEarthRadii'
  | 'meanMotionDotRevPerDay2'
  | 'meanMotionDdotRevPerDay3'
> & {
  readonly epochUtcMjd: number;
  readonly epochUtcSeconds: number;
};

/** Converts a catalog element set into an Sgp4Input. */
export function sgp4InputFrom(el: ElementSet, ts: TimeScales): Sgp4Input {
  const epoch = ts.toUtcDaySeconds(el.epoch);
  return {
    catalogNumber: el.catalogNumber,
    epochUtcMjd: epoch.mjd,
    epochUtcSeconds: epoch.seconds,
    meanMotionRevPerDay: el.meanMotionRevPerDay,
    eccentricity: el.eccentricity,
    inclinationDeg: el.inclinationDeg,
    raanDeg: el.raanDeg,
    argOfPericenterDeg: el.argOfPericenterDeg,
    meanAnomalyDeg: el.meanAnomalyDeg,
    bstarPerEarthRadii: el.bstarPerEarthRadii,
    meanMotionDotRevPerDay2: el.meanMotionDotRevPerDay2,
    meanMotionDdotRevPerDay3: el.meanMotionDdotRevPerDay3,
  };
}

/** A UTC clock time as integer MJD + seconds of day: the time axis SGP4 batches are expressed on. */
export interface UtcClock {
  readonly mjd: number;
  readonly seconds: number;
}

/** Minutes from the epoch of an input (element set, or an ephemeris's reference epoch) to a UTC clock time. */
export function minutesSinceEpoch(input: Pick<Sgp4Input, 'epochUtcMjd' | 'epochUtcSeconds'>, t: UtcClock): number {
  return ((t.mjd - input.epochUtcMjd) * 86400 + (t.seconds - input.epochUtcSeconds)) / 60;
}
