/**
 * The CCSDS Orbit Parameter Message (ODM, CCSDS 502.0-B-3 §3; versions 1.0, 2.0 and 3.0 read, 2.0 written) as data:
 * one object's Cartesian state at an epoch, with optional osculating Keplerian elements, spacecraft parameters,
 * a 6×6 covariance and maneuvers. Units are the core's (km, km/s, km², km²/s, km²/s², s) except where the standard
 * and the force models use SI at the boundary (mass kg, areas m²) and angles, which OPM gives in degrees: every
 * field name carries its unit.
 */
import type { Instant } from '../../time/index.ts';
import type { NdmTimeSystem } from '../timeSystems.ts';

export interface OpmHeader {
  readonly comments: readonly string[];
  readonly classification?: string;
  readonly creationDate: Instant;
  readonly originator: string;
  readonly messageId?: string;
}

export interface OpmMetadata {
  readonly comments: readonly string[];
  readonly objectName: string;
  readonly objectId: string;
  /** CENTER_NAME as written (upper case), e.g. EARTH. */
  readonly centerName: string;
  /** REF_FRAME as written (upper case), e.g. GCRF, EME2000, ITRF2000, TEME, TOD. */
  readonly refFrame: string;
  readonly refFrameEpoch?: Instant;
  readonly timeSystem: NdmTimeSystem;
}

export interface OpmStateVector {
  readonly comments: readonly string[];
  readonly epoch: Instant;
  readonly positionKm: readonly [number, number, number];
  readonly velocityKmPerS: readonly [number, number, number];
}

export interface OpmKeplerianElements {
  readonly comments: readonly string[];
  readonly semiMajorAxisKm: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argPericenterDeg: number;
  /** Exactly one of the two anomalies. */
  readonly anomaly: { readonly kind: 'true' | 'mean'; readonly deg: number };
  readonly gmKm3PerS2: number;
}

/** Spacecraft parameters: each optional when read (OPM 3.0 makes them so); the writer needs all five. */
export interface OpmSpacecraftParameters {
  readonly comments: readonly string[];
  readonly massKg?: number;
  readonly solarRadAreaM2?: number;
  readonly solarRadCoeff?: number;
  readonly dragAreaM2?: number;
  readonly dragCoeff?: number;
}

export interface OpmCovariance {
  readonly comments: readonly string[];
  /** COV_REF_FRAME when given (RTN, TNW, or an inertial frame); else the metadata's REF_FRAME applies. */
  readonly refFrame?: string;
  /** Lower triangle of the 6×6 covariance of (x, y, z, ẋ, ẏ, ż) by rows, 21 values (km², km²/s, km²/s²). */
  readonly lowerTriangle: readonly number[];
}

export interface OpmManeuver {
  readonly comments: readonly string[];
  readonly epochIgnition: Instant;
  /** 0 for an impulsive maneuver. */
  readonly durationS: number;
  /** Mass change (kg, ≤ 0 for a burn). */
  readonly deltaMassKg: number;
  /** MAN_REF_FRAME as written (RTN, TNW, EME2000, GCRF, …). */
  readonly refFrame: string;
  readonly deltaVKmPerS: readonly [number, number, number];
}

export interface Opm {
  /** CCSDS_OPM_VERS as read (the writer emits 2.0). */
  readonly version: string;
  readonly header: OpmHeader;
  readonly metadata: OpmMetadata;
  readonly stateVector: OpmStateVector;
  readonly keplerian?: OpmKeplerianElements;
  readonly spacecraft?: OpmSpacecraftParameters;
  readonly covariance?: OpmCovariance;
  readonly maneuvers: readonly OpmManeuver[];
  /** USER_DEFINED_x = value pairs, x without the prefix. */
  readonly userDefined: readonly (readonly [string, string])[];
}

/** The covariance keywords of an OPM/OEM lower triangle, in order (CX_X, CY_X, CY_Y, …, CZ_DOT_Z_DOT). */
export const COVARIANCE_KEYWORDS: readonly string[] = (() => {
  const axes = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
  const out: string[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) out.push(`C${axes[i]}_${axes[j]}`);
  return out;
})();
