/**
 * CCSDS Conjunction Data Message (CDM, CCSDS 508.0-B-1) model and its keyword tables.
 *
 * Units: the model holds Skylane core units, converted at the edge by the readers and writers:
 * - lengths in km (the CDM text has MISS_DISTANCE, RELATIVE_POSITION_*, SCREEN_VOLUME_* in m);
 * - speeds in km/s (CDM: RELATIVE_SPEED, RELATIVE_VELOCITY_* in m/s);
 * - areas in km² (AREA_PC, AREA_DRG, AREA_SRP: m**2), area-to-mass in km²/kg (m**2/kg), thrust acceleration in km/s²;
 * - the state vector X..Z_DOT is already km and km/s in the CDM, so it is not scaled;
 * - covariance in km-based units: CR_R..CN_N km², CRDOT_R.. km²/s, CRDOT_RDOT.. km²/s², drag/SRP rows km³/kg,
 *   km³/(kg s), km⁴/kg², thrust rows km²/s², km²/s³, km³/(kg s²), km²/s⁴ (CDM: the same with m);
 * - MASS kg, SEDR W/kg, OD spans in days, RESIDUALS_ACCEPTED in percent: unchanged.
 * All times are UTC `Instant`s (the CDM's time system is UTC).
 *
 * Draft CDM 2.0 keywords (CCSDS 508.0-P-1.0.2, e.g. CONJUNCTION_ID, HBR, OEB_*, the XYZ covariance) are kept
 * verbatim in `extensions`, in order, so that they survive a round trip; USER_DEFINED_* too.
 */
import type { Instant } from '../../time/index.ts';

export type Triple = readonly [number, number, number];

export interface CdmHeader {
  readonly comments: readonly string[];
  readonly creationDate: Instant;
  readonly originator: string;
  readonly messageFor?: string;
  readonly messageId: string;
}

/** Relative metadata/data: the encounter as seen from object 1 (RTN of object 1). */
export interface CdmRelativeData {
  readonly comments: readonly string[];
  readonly tca: Instant;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS?: number;
  /** RELATIVE_POSITION_R/T/N (object 2 − object 1 in object 1's RTN), km. */
  readonly relativePositionRtnKm?: Triple;
  /** RELATIVE_VELOCITY_R/T/N, km/s. */
  readonly relativeVelocityRtnKmPerS?: Triple;
  readonly startScreenPeriod?: Instant;
  readonly stopScreenPeriod?: Instant;
  readonly screenVolumeFrame?: string;
  readonly screenVolumeShape?: string;
  readonly screenVolumeXKm?: number;
  readonly screenVolumeYKm?: number;
  readonly screenVolumeZKm?: number;
  readonly screenEntryTime?: Instant;
  readonly screenExitTime?: Instant;
  readonly collisionProbability?: number;
  readonly collisionProbabilityMethod?: string;
}

export interface CdmObjectMetadata {
  readonly comments: readonly string[];
  /** OBJECT1 or OBJECT2 (as written). */
  readonly object: string;
  readonly objectDesignator: string;
  readonly catalogName: string;
  readonly objectName: string;
  readonly internationalDesignator: string;
  readonly objectType?: string;
  readonly operatorContactPosition?: string;
  readonly operatorOrganization?: string;
  readonly operatorPhone?: string;
  readonly operatorEmail?: string;
  readonly ephemerisName: string;
  /** CALCULATED or DEFAULT. */
  readonly covarianceMethod: string;
  /** YES, NO or N/A. */
  readonly maneuverable: string;
  /** Absent means Earth (CCSDS 508.0-B-1 §3.5.2). */
  readonly orbitCenter?: string;
  /** EME2000, GCRF or ITRF. */
  readonly refFrame: string;
  readonly gravityModel?: string;
  readonly atmosphericModel?: string;
  readonly nBodyPerturbations?: string;
  readonly solarRadPressure?: string;
  readonly earthTides?: string;
  readonly intrackThrust?: string;
}

export interface CdmOdParameters {
  readonly comments: readonly string[];
  readonly timeLastObStart?: Instant;
  readonly timeLastObEnd?: Instant;
  readonly recommendedOdSpanDays?: number;
  readonly actualOdSpanDays?: number;
  readonly obsAvailable?: number;
  readonly obsUsed?: number;
  readonly tracksAvailable?: number;
  readonly tracksUsed?: number;
  readonly residualsAcceptedPercent?: number;
  readonly weightedRms?: number;
}

export interface CdmAdditionalParameters {
  readonly comments: readonly string[];
  readonly areaPcKm2?: number;
  readonly areaDrgKm2?: number;
  readonly areaSrpKm2?: number;
  readonly massKg?: number;
  readonly cdAreaOverMassKm2PerKg?: number;
  readonly crAreaOverMassKm2PerKg?: number;
  readonly thrustAccelerationKmPerS2?: number;
  readonly sedrWPerKg?: number;
}

export interface CdmStateVector {
  readonly comments: readonly string[];
  /** X, Y, Z in km, in the object's REF_FRAME. */
  readonly positionKm: Triple;
  /** X_DOT, Y_DOT, Z_DOT in km/s. */
  readonly velocityKmPerS: Triple;
}

/**
 * RTN covariance of one object, lower triangle by rows (CR_R; CT_R CT_T; CN_R CN_T CN_N; CRDOT_R ..; ...),
 * in km-based units (see the module header). `drag`, `srp` and `thrust` are the optional rows 7, 8, 9 of the
 * 9x9 matrix (CDRG_R..CDRG_DRG: 7 values; CSRP_R..CSRP_SRP: 8; CTHR_R..CTHR_THR: 9).
 */
export interface CdmCovariance {
  readonly comments: readonly string[];
  readonly rtnLowerTriangle: readonly number[];
  readonly drag?: readonly number[];
  readonly srp?: readonly number[];
  readonly thrust?: readonly number[];
}

/** A keyword this model has no typed field for (CDM 2.0 draft, USER_DEFINED_*), kept verbatim in CDM units. */
export interface CdmExtensionField {
  readonly keyword: string;
  readonly value: string;
  readonly unit?: string;
  /** Section it belongs to (see EXTENSION_SECTIONS). */
  readonly section: CdmExtensionSection;
}

export type CdmExtensionSection =
  | 'header'
  | 'relative'
  | 'metadata'
  | 'od'
  | 'additional'
  | 'covXyz'
  | 'covSig3'
  | 'covMeta'
  | 'userDefined';

export interface CdmObject {
  readonly metadata: CdmObjectMetadata;
  /** Comments that open the data block before any sub-block (XML `<data><COMMENT>`). */
  readonly dataComments: readonly string[];
  readonly odParameters?: CdmOdParameters;
  readonly additionalParameters?: CdmAdditionalParameters;
  readonly stateVector: CdmStateVector;
  readonly covariance: CdmCovariance;
  readonly extensions: readonly CdmExtensionField[];
}

export interface Cdm {
  /** CCSDS_CDM_VERS, e.g. "1.0". */
  readonly version: string;
  readonly header: CdmHeader;
  readonly headerExtensions: readonly CdmExtensionField[];
  readonly relative: CdmRelativeData;
  readonly relativeExtensions: readonly CdmExtensionField[];
  readonly object1: CdmObject;
  readonly object2: CdmObject;
}

// ---------------------------------------------------------------------------------------------------------
// Keyword tables (order = the standard's order, used by the writers).

export type FieldKind = 'text' | 'time' | 'number' | 'integer';

/** One keyword: model property, value kind, CDM unit and the factor model = text × scale. */
export interface FieldSpec {
  readonly keyword: string;
  readonly prop: string;
  readonly kind: FieldKind;
  readonly unit?: string;
  readonly scale?: number;
  readonly required?: boolean;
  /** For vector components: index into a Triple-valued prop. */
  readonly index?: 0 | 1 | 2;
  /** Allowed values (upper case) for enumerated text fields; checked leniently (warning) by readers. */
  readonly choices?: readonly string[];
  /** XML: a sub-element holding the field (relativeStateVector). */
  readonly xmlGroup?: string;
}

const M = 1e-3;
const M2 = 1e-6;
const M3 = 1e-9;
const M4 = 1e-12;

export const HEADER_FIELDS: readonly FieldSpec[] = [
  { keyword: 'CREATION_DATE', prop: 'creationDate', kind: 'time', required: true },
  { keyword: 'ORIGINATOR', prop: 'originator', kind: 'text', required: true },
  { keyword: 'MESSAGE_FOR', prop: 'messageFor', kind: 'text' },
  { keyword: 'MESSAGE_ID', prop: 'messageId', kind: 'text', required: true },
];

export const RELATIVE_FIELDS: readonly FieldSpec[] = [
  { keyword: 'TCA', prop: 'tca', kind: 'time', required: true },
  { keyword: 'MISS_DISTANCE', prop: 'missDistanceKm', kind: 'number', unit: 'm', scale: M, required: true },
  { keyword: 'RELATIVE_SPEED', prop: 'relativeSpeedKmPerS', kind: 'number', unit: 'm/s', scale: M },
  { keyword: 'RELATIVE_POSITION_R', prop: 'relativePositionRtnKm', index: 0, kind: 'number', unit: 'm', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'RELATIVE_POSITION_T', prop: 'relativePositionRtnKm', index: 1, kind: 'number', unit: 'm', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'RELATIVE_POSITION_N', prop: 'relativePositionRtnKm', index: 2, kind: 'number', unit: 'm', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'RELATIVE_VELOCITY_R', prop: 'relativeVelocityRtnKmPerS', index: 0, kind: 'number', unit: 'm/s', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'RELATIVE_VELOCITY_T', prop: 'relativeVelocityRtnKmPerS', index: 1, kind: 'number', unit: 'm/s', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'RELATIVE_VELOCITY_N', prop: 'relativeVelocityRtnKmPerS', index: 2, kind: 'number', unit: 'm/s', scale: M, xmlGroup: 'relativeStateVector' },
  { keyword: 'START_SCREEN_PERIOD', prop: 'startScreenPeriod', kind: 'time' },
  { keyword: 'STOP_SCREEN_PERIOD', prop: 'stopScreenPeriod', kind: 'time' },
  { keyword: 'SCREEN_VOLUME_FRAME', prop: 'screenVolumeFrame', kind: 'text', choices: ['RTN', 'TVN'] },
  { keyword: 'SCREEN_VOLUME_SHAPE', prop: 'screenVolumeShape', kind: 'text', choices: ['ELLIPSOID', 'BOX'] },
  { keyword: 'SCREEN_VOLUME_X', prop: 'screenVolumeXKm', kind: 'number', unit: 'm', scale: M },
  { keyword: 'SCREEN_VOLUME_Y', prop: 'screenVolumeYKm', kind: 'number', unit: 'm', scale: M },
  { keyword: 'SCREEN_VOLUME_Z', prop: 'screenVolumeZKm', kind: 'number', unit: 'm', scale: M },
  { keyword: 'SCREEN_ENTRY_TIME', prop: 'screenEntryTime', kind: 'time' },
  { keyword: 'SCREEN_EXIT_TIME', prop: 'screenExitTime', kind: 'time' },
  { keyword: 'COLLISION_PROBABILITY', prop: 'collisionProbability', kind: 'number' },
  { keyword: 'COLLISION_PROBABILITY_METHOD', prop: 'collisionProbabilityMethod', kind: 'text' },
];

export const METADATA_FIELDS: readonly FieldSpec[] = [
  { keyword: 'OBJECT', prop: 'object', kind: 'text', required: true, choices: ['OBJECT1', 'OBJECT2'] },
  { keyword: 'OBJECT_DESIGNATOR', prop: 'objectDesignator', kind: 'text', required: true },
  { keyword: 'CATALOG_NAME', prop: 'catalogName', kind: 'text', required: true },
  { keyword: 'OBJECT_NAME', prop: 'objectName', kind: 'text', required: true },
  { keyword: 'INTERNATIONAL_DESIGNATOR', prop: 'internationalDesignator', kind: 'text', required: true },
  { keyword: 'OBJECT_TYPE', prop: 'objectType', kind: 'text', choices: ['PAYLOAD', 'ROCKET BODY', 'DEBRIS', 'UNKNOWN', 'OTHER'] },
  { keyword: 'OPERATOR_CONTACT_POSITION', prop: 'operatorContactPosition', kind: 'text' },
  { keyword: 'OPERATOR_ORGANIZATION', prop: 'operatorOrganization', kind: 'text' },
  { keyword: 'OPERATOR_PHONE', prop: 'operatorPhone', kind: 'text' },
  { keyword: 'OPERATOR_EMAIL', prop: 'operatorEmail', kind: 'text' },
  { keyword: 'EPHEMERIS_NAME', prop: 'ephemerisName', kind: 'text', required: true },
  { keyword: 'COVARIANCE_METHOD', prop: 'covarianceMethod', kind: 'text', required: true, choices: ['CALCULATED', 'DEFAULT'] },
  { keyword: 'MANEUVERABLE', prop: 'maneuverable', kind: 'text', required: true, choices: ['YES', 'NO', 'N/A'] },
  { keyword: 'ORBIT_CENTER', prop: 'orbitCenter', kind: 'text' },
  { keyword: 'REF_FRAME', prop: 'refFrame', kind: 'text', required: true, choices: ['EME2000', 'GCRF', 'ITRF'] },
  { keyword: 'GRAVITY_MODEL', prop: 'gravityModel', kind: 'text' },
  { keyword: 'ATMOSPHERIC_MODEL', prop: 'atmosphericModel', kind: 'text' },
  { keyword: 'N_BODY_PERTURBATIONS', prop: 'nBodyPerturbations', kind: 'text' },
  { keyword: 'SOLAR_RAD_PRESSURE', prop: 'solarRadPressure', kind: 'text', choices: ['YES', 'NO'] },
  { keyword: 'EARTH_TIDES', prop: 'earthTides', kind: 'text', choices: ['YES', 'NO'] },
  { keyword: 'INTRACK_THRUST', prop: 'intrackThrust', kind: 'text', choices: ['YES', 'NO'] },
];

export const OD_FIELDS: readonly FieldSpec[] = [
  { keyword: 'TIME_LASTOB_START', prop: 'timeLastObStart', kind: 'time' },
  { keyword: 'TIME_LASTOB_END', prop: 'timeLastObEnd', kind: 'time' },
  { keyword: 'RECOMMENDED_OD_SPAN', prop: 'recommendedOdSpanDays', kind: 'number', unit: 'd' },
  { keyword: 'ACTUAL_OD_SPAN', prop: 'actualOdSpanDays', kind: 'number', unit: 'd' },
  { keyword: 'OBS_AVAILABLE', prop: 'obsAvailable', kind: 'integer' },
  { keyword: 'OBS_USED', prop: 'obsUsed', kind: 'integer' },
  { keyword: 'TRACKS_AVAILABLE', prop: 'tracksAvailable', kind: 'integer' },
  { keyword: 'TRACKS_USED', prop: 'tracksUsed', kind: 'integer' },
  { keyword: 'RESIDUALS_ACCEPTED', prop: 'residualsAcceptedPercent', kind: 'number', unit: '%' },
  { keyword: 'WEIGHTED_RMS', prop: 'weightedRms', kind: 'number' },
];

export const ADDITIONAL_FIELDS: readonly FieldSpec[] = [
  { keyword: 'AREA_PC', prop: 'areaPcKm2', kind: 'number', unit: 'm**2', scale: M2 },
  { keyword: 'AREA_DRG', prop: 'areaDrgKm2', kind: 'number', unit: 'm**2', scale: M2 },
  { keyword: 'AREA_SRP', prop: 'areaSrpKm2', kind: 'number', unit: 'm**2', scale: M2 },
  { keyword: 'MASS', prop: 'massKg', kind: 'number', unit: 'kg' },
  { keyword: 'CD_AREA_OVER_MASS', prop: 'cdAreaOverMassKm2PerKg', kind: 'number', unit: 'm**2/kg', scale: M2 },
  { keyword: 'CR_AREA_OVER_MASS', prop: 'crAreaOverMassKm2PerKg', kind: 'number', unit: 'm**2/kg', scale: M2 },
  { keyword: 'THRUST_ACCELERATION', prop: 'thrustAccelerationKmPerS2', kind: 'number', unit: 'm/s**2', scale: M },
  { keyword: 'SEDR', prop: 'sedrWPerKg', kind: 'number', unit: 'W/kg' },
];

export const STATE_FIELDS: readonly FieldSpec[] = [
  { keyword: 'X', prop: 'positionKm', index: 0, kind: 'number', unit: 'km', required: true },
  { keyword: 'Y', prop: 'positionKm', index: 1, kind: 'number', unit: 'km', required: true },
  { keyword: 'Z', prop: 'positionKm', index: 2, kind: 'number', unit: 'km', required: true },
  { keyword: 'X_DOT', prop: 'velocityKmPerS', index: 0, kind: 'number', unit: 'km/s', required: true },
  { keyword: 'Y_DOT', prop: 'velocityKmPerS', index: 1, kind: 'number', unit: 'km/s', required: true },
  { keyword: 'Z_DOT', prop: 'velocityKmPerS', index: 2, kind: 'number', unit: 'km/s', required: true },
];

/** One covariance entry: keyword, CDM unit and scale to the model's km-based unit. */
export interface CovarianceSpec {
  readonly keyword: string;
  readonly unit: string;
  readonly scale: number;
}

const rtnNames = ['R', 'T', 'N', 'RDOT', 'TDOT', 'NDOT'] as const;
const rowPrefix = ['CR', 'CT', 'CN', 'CRDOT', 'CTDOT', 'CNDOT'] as const;

/** The 21 RTN entries CR_R .. CNDOT_NDOT in row order (m**2, m**2/s, m**2/s**2). */
export const RTN_COVARIANCE: readonly CovarianceSpec[] = (() => {
  const out: CovarianceSpec[] = [];
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j <= i; j++) {
      const vel = (i >= 3 ? 1 : 0) + (j >= 3 ? 1 : 0);
      out.push({ keyword: `${rowPrefix[i]!}_${rtnNames[j]!}`, unit: vel === 0 ? 'm**2' : vel === 1 ? 'm**2/s' : 'm**2/s**2', scale: M2 });
    }
  }
  return out;
})();

function extraRow(prefix: string, diag: readonly [string, string, number][]): CovarianceSpec[] {
  const isThr = prefix === 'CTHR';
  const out: CovarianceSpec[] = rtnNames.map((n, j) => {
    const vel = j >= 3;
    if (isThr) return { keyword: `${prefix}_${n}`, unit: vel ? 'm**2/s**3' : 'm**2/s**2', scale: M2 };
    return { keyword: `${prefix}_${n}`, unit: vel ? 'm**3/(kg*s)' : 'm**3/kg', scale: M3 };
  });
  for (const [k, u, s] of diag) out.push({ keyword: `${prefix}_${k}`, unit: u, scale: s });
  return out;
}

/** Row 7 of the 9x9 covariance: CDRG_R .. CDRG_DRG. */
export const DRAG_COVARIANCE: readonly CovarianceSpec[] = extraRow('CDRG', [['DRG', 'm**4/kg**2', M4]]);
/** Row 8: CSRP_R .. CSRP_SRP. */
export const SRP_COVARIANCE: readonly CovarianceSpec[] = extraRow('CSRP', [
  ['DRG', 'm**4/kg**2', M4],
  ['SRP', 'm**4/kg**2', M4],
]);
/** Row 9: CTHR_R .. CTHR_THR. */
export const THRUST_COVARIANCE: readonly CovarianceSpec[] = extraRow('CTHR', [
  ['DRG', 'm**3/(kg*s**2)', M3],
  ['SRP', 'm**3/(kg*s**2)', M3],
  ['THR', 'm**2/s**4', M2],
]);

/** CDM 2.0 draft (CCSDS 508.0-P-1.0.2) keywords accepted and kept verbatim, by section. */
export const EXTENSION_SECTIONS: ReadonlyMap<string, CdmExtensionSection> = (() => {
  const m = new Map<string, CdmExtensionSection>();
  const put = (s: CdmExtensionSection, ks: readonly string[]): void => {
    for (const k of ks) m.set(k, s);
  };
  put('header', ['CLASSIFICATION']);
  put('relative', [
    'CONJUNCTION_ID',
    'MAHALANOBIS_DISTANCE',
    'APPROACH_ANGLE',
    'SCREEN_TYPE',
    'SCREEN_PC_THRESHOLD',
    'COLLISION_PERCENTILE',
    'COLLISION_MAX_PROBABILITY',
    'COLLISION_MAX_PC_METHOD',
    'SEFI_COLLISION_PROBABILITY',
    'SEFI_COLLISION_PROBABILITY_METHOD',
    'SEFI_FRAGMENTATION_MODEL',
    'PREVIOUS_MESSAGE_ID',
    'PREVIOUS_MESSAGE_EPOCH',
    'NEXT_MESSAGE_EPOCH',
  ]);
  put('metadata', ['ODM_MSG_LINK', 'ADM_MSG_LINK', 'OBS_BEFORE_NEXT_MESSAGE', 'COVARIANCE_SOURCE', 'ALT_COV_TYPE', 'ALT_COV_REF_FRAME']);
  put('od', ['OD_EPOCH']);
  put('additional', [
    'AREA_PC_MIN',
    'AREA_PC_MAX',
    'OEB_PARENT_FRAME',
    'OEB_PARENT_FRAME_EPOCH',
    'OEB_Q1',
    'OEB_Q2',
    'OEB_Q3',
    'OEB_QC',
    'OEB_MAX',
    'OEB_INT',
    'OEB_MIN',
    'AREA_ALONG_OEB_MAX',
    'AREA_ALONG_OEB_INT',
    'AREA_ALONG_OEB_MIN',
    'RCS',
    'RCS_MIN',
    'RCS_MAX',
    'VM_ABSOLUTE',
    'VM_APPARENT_MIN',
    'VM_APPARENT',
    'VM_APPARENT_MAX',
    'REFLECTANCE',
    'HBR',
    'APOAPSIS_ALTITUDE',
    'PERIAPSIS_ALTITUDE',
    'INCLINATION',
    'COV_CONFIDENCE',
    'COV_CONFIDENCE_METHOD',
  ]);
  const xyz = ['X', 'Y', 'Z', 'XDOT', 'YDOT', 'ZDOT'];
  const xyzRows = ['CX', 'CY', 'CZ', 'CXDOT', 'CYDOT', 'CZDOT'];
  const cov: string[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) cov.push(`${xyzRows[i]!}_${xyz[j]!}`);
  for (const p of ['CDRG', 'CSRP', 'CTHR']) for (const n of xyz) cov.push(`${p}_${n}`);
  put('covXyz', cov);
  put('covSig3', ['CSIG3EIGVEC3']);
  put('covMeta', [
    'DENSITY_FORECAST_UNCERTAINTY',
    'CSCALE_FACTOR_MIN',
    'CSCALE_FACTOR',
    'CSCALE_FACTOR_MAX',
    'SCREENING_DATA_SOURCE',
    'DCP_SENSITIVITY_VECTOR_POSITION',
    'DCP_SENSITIVITY_VECTOR_VELOCITY',
  ]);
  return m;
})();

/** The keywords shared by the RTN extra rows and the XYZ draft block (CDRG_DRG, CSRP_DRG, ...): context decides. */
export const SHARED_DIAGONAL_KEYWORDS: ReadonlySet<string> = new Set(['CDRG_DRG', 'CSRP_DRG', 'CSRP_SRP', 'CTHR_DRG', 'CTHR_SRP', 'CTHR_THR']);

/** Full symmetric 6x6 matrix (row-major, 36 values) from a 21-value lower triangle. */
export function symmetricFromLowerTriangle(lower: readonly number[], n = 6): number[] {
  const out = new Array<number>(n * n).fill(0);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = lower[k++] ?? Number.NaN;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** Lower triangle (row by row) of a symmetric n x n row-major matrix. */
export function lowerTriangleOf(full: readonly number[], n = 6): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) out.push(full[i * n + j] ?? Number.NaN);
  return out;
}
