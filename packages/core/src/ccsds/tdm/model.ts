/** CCSDS Tracking Data Message (TDM, 503.0-B-2) model: header, segments of metadata and data lines, kept as written. */
import type { SkylaneErrorCode } from '../../errors/index.ts';

/**
 * A TDM as read or to be written. Values are kept as the text that was read (epochs and numbers), so that a
 * KVN→XML→KVN round trip is exact; `number` holds the parsed value of numeric data lines.
 */
export interface Tdm {
  readonly header: TdmHeader;
  readonly segments: readonly TdmSegment[];
}

export interface TdmHeader {
  /** CCSDS_TDM_VERS as read (`1.0` or `2.0`); writers always emit 2.0. */
  readonly version: string;
  readonly comments: readonly string[];
  readonly creationDate: string;
  readonly originator: string;
  readonly messageId?: string;
}

/** One metadata keyword and its value, in file order (writers reorder into the standard's order). */
export interface TdmField {
  readonly keyword: string;
  readonly value: string;
  /** 1-based line where it was read (0 for built data). */
  readonly line: number;
}

/** One tracking data line: `KEYWORD = epoch value`. */
export interface TdmDataLine {
  readonly keyword: string;
  /** Epoch text as written, in the segment's TIME_SYSTEM. */
  readonly epoch: string;
  /** Value text as written. */
  readonly value: string;
  /** Parsed value (units of the TDM keyword: km or s or RU for RANGE, deg for angles, km/s for Doppler, Hz ...). */
  readonly number: number;
  readonly line: number;
}

export interface TdmSegment {
  readonly metadataComments: readonly string[];
  readonly metadata: readonly TdmField[];
  readonly dataComments: readonly string[];
  readonly data: readonly TdmDataLine[];
  /** 1-based line of META_START (or <segment>). */
  readonly line: number;
}

/** A problem found while reading or validating a TDM: typed code, where it is, and whether the reader dropped it. */
export interface TdmProblem {
  readonly severity: 'error' | 'warning';
  readonly code: SkylaneErrorCode;
  readonly line: number;
  readonly field: string;
  readonly message: string;
  /** 0-based segment index, when the problem is inside a segment. */
  readonly segment?: number;
}

/** Result of the lenient readers: the usable message and every problem (errors name the dropped line or field). */
export interface TdmReadResult {
  readonly tdm: Tdm;
  readonly problems: readonly TdmProblem[];
}

/** Metadata keywords in the order of the TDM 2.0 XSD (`tdmMetadata` in ndmxml-2.0.0-tdm-2.0.xsd). */
export const TDM_METADATA_KEYWORDS: readonly string[] = [
  'TRACK_ID', 'DATA_TYPES', 'TIME_SYSTEM', 'START_TIME', 'STOP_TIME',
  'PARTICIPANT_1', 'PARTICIPANT_2', 'PARTICIPANT_3', 'PARTICIPANT_4', 'PARTICIPANT_5',
  'MODE', 'PATH', 'PATH_1', 'PATH_2',
  'EPHEMERIS_NAME_1', 'EPHEMERIS_NAME_2', 'EPHEMERIS_NAME_3', 'EPHEMERIS_NAME_4', 'EPHEMERIS_NAME_5',
  'TRANSMIT_BAND', 'RECEIVE_BAND', 'TURNAROUND_NUMERATOR', 'TURNAROUND_DENOMINATOR', 'TIMETAG_REF',
  'INTEGRATION_INTERVAL', 'INTEGRATION_REF', 'FREQ_OFFSET', 'RANGE_MODE', 'RANGE_MODULUS', 'RANGE_UNITS',
  'ANGLE_TYPE', 'REFERENCE_FRAME', 'INTERPOLATION', 'INTERPOLATION_DEGREE',
  'DOPPLER_COUNT_BIAS', 'DOPPLER_COUNT_SCALE', 'DOPPLER_COUNT_ROLLOVER',
  'TRANSMIT_DELAY_1', 'TRANSMIT_DELAY_2', 'TRANSMIT_DELAY_3', 'TRANSMIT_DELAY_4', 'TRANSMIT_DELAY_5',
  'RECEIVE_DELAY_1', 'RECEIVE_DELAY_2', 'RECEIVE_DELAY_3', 'RECEIVE_DELAY_4', 'RECEIVE_DELAY_5',
  'DATA_QUALITY',
  'CORRECTION_ANGLE_1', 'CORRECTION_ANGLE_2', 'CORRECTION_DOPPLER', 'CORRECTION_MAG', 'CORRECTION_RANGE',
  'CORRECTION_RCS', 'CORRECTION_RECEIVE', 'CORRECTION_TRANSMIT', 'CORRECTION_ABERRATION_YEARLY',
  'CORRECTION_ABERRATION_DIURNAL', 'CORRECTIONS_APPLIED',
];

/** Tracking data keywords (the `trackingDataObservationType` choice of the TDM 2.0 XSD). */
export const TDM_DATA_KEYWORDS: readonly string[] = [
  'ANGLE_1', 'ANGLE_2', 'CARRIER_POWER', 'CLOCK_BIAS', 'CLOCK_DRIFT', 'DOPPLER_COUNT', 'DOPPLER_INSTANTANEOUS',
  'DOPPLER_INTEGRATED', 'DOR', 'MAG', 'PC_N0', 'PR_N0', 'PRESSURE', 'RANGE', 'RCS', 'RECEIVE_FREQ',
  'RECEIVE_FREQ_1', 'RECEIVE_FREQ_2', 'RECEIVE_FREQ_3', 'RECEIVE_FREQ_4', 'RECEIVE_FREQ_5',
  'RECEIVE_PHASE_CT_1', 'RECEIVE_PHASE_CT_2', 'RECEIVE_PHASE_CT_3', 'RECEIVE_PHASE_CT_4', 'RECEIVE_PHASE_CT_5',
  'RHUMIDITY', 'STEC', 'TEMPERATURE',
  'TRANSMIT_FREQ_1', 'TRANSMIT_FREQ_2', 'TRANSMIT_FREQ_3', 'TRANSMIT_FREQ_4', 'TRANSMIT_FREQ_5',
  'TRANSMIT_FREQ_RATE_1', 'TRANSMIT_FREQ_RATE_2', 'TRANSMIT_FREQ_RATE_3', 'TRANSMIT_FREQ_RATE_4', 'TRANSMIT_FREQ_RATE_5',
  'TRANSMIT_PHASE_CT_1', 'TRANSMIT_PHASE_CT_2', 'TRANSMIT_PHASE_CT_3', 'TRANSMIT_PHASE_CT_4', 'TRANSMIT_PHASE_CT_5',
  'TROPO_DRY', 'TROPO_WET', 'VLBI_DELAY',
];

/** TIME_SYSTEM values of the NDM/XML `timeSystemType` (SANA time systems). */
export const TDM_TIME_SYSTEMS: readonly string[] = ['GMST', 'GPS', 'MET', 'MRT', 'SCLK', 'TAI', 'TCB', 'TDB', 'TCG', 'TOD', 'TT', 'UT1', 'UTC'];

/** Enumerated metadata values (upper case; the XSD also accepts the lower-case spellings). */
export const TDM_ENUMERATIONS: Readonly<Record<string, readonly string[]>> = {
  TIME_SYSTEM: TDM_TIME_SYSTEMS,
  MODE: ['SEQUENTIAL', 'SINGLE_DIFF'],
  TIMETAG_REF: ['TRANSMIT', 'RECEIVE'],
  INTEGRATION_REF: ['START', 'MIDDLE', 'END'],
  RANGE_MODE: ['COHERENT', 'CONSTANT', 'ONE_WAY'],
  RANGE_UNITS: ['KM', 'S', 'RU'],
  ANGLE_TYPE: ['AZEL', 'RADEC', 'XEYN', 'XSYE'],
  DATA_QUALITY: ['RAW', 'VALIDATED', 'DEGRADED'],
  DOPPLER_COUNT_ROLLOVER: ['YES', 'NO'],
  CORRECTIONS_APPLIED: ['YES', 'NO'],
};

/** TIME_SYSTEM values of the NDM/XML 2.0 `timeSystemType` (TCG, MET and MRT are SANA systems the XSD lacks). */
export const TDM_XML_TIME_SYSTEMS: readonly string[] = ['GMST', 'GPS', 'SCLK', 'TAI', 'TCB', 'TDB', 'TOD', 'TT', 'UT1', 'UTC'];

/** REFERENCE_FRAME values of the NDM/XML `refFrameType` (upper case). */
export const TDM_REFERENCE_FRAMES: readonly string[] = ['EME2000', 'ICRF', 'ITRF2000', 'ITRF-93', 'ITRF-97', 'TOD'];

/** Metadata keywords whose value is a number. */
export const TDM_NUMERIC_METADATA: ReadonlySet<string> = new Set([
  'TURNAROUND_NUMERATOR', 'TURNAROUND_DENOMINATOR', 'INTEGRATION_INTERVAL', 'FREQ_OFFSET', 'RANGE_MODULUS',
  'INTERPOLATION_DEGREE', 'DOPPLER_COUNT_BIAS', 'DOPPLER_COUNT_SCALE',
  ...TDM_METADATA_KEYWORDS.filter((k) => k.startsWith('TRANSMIT_DELAY_') || k.startsWith('RECEIVE_DELAY_') || k.startsWith('CORRECTION_')),
]);

/** Metadata keywords holding an epoch. */
export const TDM_EPOCH_METADATA: ReadonlySet<string> = new Set(['START_TIME', 'STOP_TIME']);

/** Data keywords that are measurements along a signal path (they need PATH, or PATH_1/PATH_2 in SINGLE_DIFF mode). */
export const TDM_PATH_DATA: ReadonlySet<string> = new Set([
  'ANGLE_1', 'ANGLE_2', 'DOPPLER_COUNT', 'DOPPLER_INSTANTANEOUS', 'DOPPLER_INTEGRATED', 'RANGE', 'DOR', 'VLBI_DELAY',
  'RECEIVE_FREQ', 'RECEIVE_FREQ_1', 'RECEIVE_FREQ_2', 'RECEIVE_FREQ_3', 'RECEIVE_FREQ_4', 'RECEIVE_FREQ_5',
]);

/** Value of a metadata keyword in a segment (last occurrence), or undefined. */
export function tdmMeta(segment: TdmSegment, keyword: string): string | undefined {
  let v: string | undefined;
  for (const f of segment.metadata) if (f.keyword === keyword) v = f.value;
  return v;
}

/** Number of data lines in a message. */
export function tdmDataCount(tdm: Tdm): number {
  return tdm.segments.reduce((n, s) => n + s.data.length, 0);
}
