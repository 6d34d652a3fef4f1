/**
 * The observation model shared by every orbit-determination module: one scalar measurement of one object from one
 * station at one instant, in core units (km, km/s, rad), and the WGS-84 station that made it.
 *
 * Conventions (docs/design/orbit-determination.md):
 * - `range` is the one-way geometric range (km) for `twoWay: false`, and HALF the round-trip light path for
 *   `twoWay: true` (the usual "two-way range" of radar and laser ranging, ILRS normal points, Orekit's Range).
 * - `rangeRate` is the one-way range rate (km/s), or half the round-trip path rate for `twoWay: true`.
 * - `azimuth` is measured from north towards east in [0, 2π), `elevation` above the local WGS-84 horizon (rad).
 * - `rightAscension`/`declination` are topocentric, GCRF-aligned (rad).
 * - `timeTag` says which event the epoch marks: 'receive' (default: reception at the station) or 'transmit'.
 *   For two-way measurements 'receive' is the instant the signal comes back.
 */
import type { Instant } from '../time/instant.ts';

/** Kinds of scalar measurement. */
export type ObservationType = 'range' | 'rangeRate' | 'azimuth' | 'elevation' | 'rightAscension' | 'declination';

/** Every ObservationType, in a stable order (for reports). */
export const OBSERVATION_TYPES: readonly ObservationType[] = ['range', 'rangeRate', 'azimuth', 'elevation', 'rightAscension', 'declination'];

/** Which event of the signal path the epoch marks. */
export type TimeTagReference = 'receive' | 'transmit';

/** One scalar measurement. */
export interface Observation {
  /** Time tag of the measurement (see `timeTag`). */
  readonly epoch: Instant;
  /** Station name, matched to `StationSpec.name`. */
  readonly station: string;
  readonly type: ObservationType;
  /** Measured value: km (range), km/s (rangeRate) or rad (angles). */
  readonly value: number;
  /** One-sigma noise in the same unit as `value` (must be > 0 to be used by an estimator). */
  readonly sigma: number;
  /** True for a round-trip (two-way) range or range rate; default false (one-way). */
  readonly twoWay?: boolean;
  /** Default 'receive'. */
  readonly timeTag?: TimeTagReference;
  /** Catalog number of the observed object, when the source names one. */
  readonly objectId?: number;
  /** Where the value came from (file and 1-based line), for error messages and residual files. */
  readonly source?: { readonly file?: string; readonly line?: number };
}

/** Which media corrections to apply to a station's measurements (default: none, geometric + light time). */
export interface MediaCorrections {
  /** Marini–Murray (laser) or Saastamoinen (radio) tropospheric delay on range; 'none' by default. */
  readonly troposphere?: 'none' | 'marini-murray' | 'saastamoinen';
  /** Add atmospheric refraction to modelled elevations (default false). */
  readonly refraction?: boolean;
  /** Refraction model: 'saemundsson' (optical, default) or 'itu-r-p834' (radio). */
  readonly refractionModel?: 'saemundsson' | 'itu-r-p834';
  /** Annual + diurnal aberration on right ascension/declination (default false). */
  readonly aberration?: boolean;
  /** Laser wavelength (µm) for Marini–Murray; default 0.532. */
  readonly wavelengthMicrometres?: number;
  /** Surface pressure (hPa), temperature (K), relative humidity (0..1): default standard atmosphere at the site height. */
  readonly pressureHPa?: number;
  readonly temperatureK?: number;
  readonly relativeHumidity?: number;
}

/** A constant bias per measurement type, in the type's unit (km, km/s, rad); subtracted from nothing: model = geometric + bias. */
export type StationBiases = Readonly<Partial<Record<ObservationType, number>>>;

/** A ground station (WGS-84). JSON form on the CLI edge: `{"name","latDeg","lonDeg","altitudeM"}`. */
export interface StationSpec {
  readonly name: string;
  /** Geodetic latitude (deg, WGS-84). */
  readonly latDeg: number;
  /** Geodetic longitude (deg, east positive). */
  readonly lonDeg: number;
  /** Height above the WGS-84 ellipsoid (m). */
  readonly altitudeM: number;
  /** A priori biases added to the modelled measurement (km, km/s, rad). */
  readonly biases?: StationBiases;
  /** Media corrections for this station (default: geometric). */
  readonly corrections?: MediaCorrections;
}

/** The observations of one object: those that name `objectId`, and those that name no object (single-object files). */
export function selectObservationsForObject(observations: readonly Observation[], objectId: number): Observation[] {
  return observations.filter((o) => o.objectId === undefined || o.objectId === objectId);
}
