/**
 * The OPM writer's plan: the logical blocks of an OPM (ODM 502.0-B-3 §3.2, element order of
 * `ndmxml-2.0.0-opm-2.0.xsd`) with each keyword's formatted value and standard unit, shared by the KVN and XML
 * writers so that both emit the same content. The plan is OPM 2.0, which the NDM/XML 2.0.0 schema validates, unless
 * the message holds what only OPM 3.0 can say (MESSAGE_ID, CLASSIFICATION, a partial spacecraft block): then it is
 * 3.0, so that nothing is dropped. Strict: non-finite numbers, empty mandatory text and a covariance that is not 21
 * values are refused with an ArgumentError that names the field.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { formatNdmEpoch } from '../timeSystems.ts';
import { COVARIANCE_KEYWORDS, type Opm } from './model.ts';

export interface PlannedOpmField {
  readonly keyword: string;
  readonly value: string;
  readonly unit?: string;
}

export interface PlannedOpmBlock {
  /** The XML element of the block (`header`, `metadata`, `stateVector`, …). */
  readonly element: string;
  readonly comments: readonly string[];
  readonly fields: readonly PlannedOpmField[];
}

export interface OpmPlan {
  /** CCSDS_OPM_VERS to write: 2.0, or 3.0 when the content needs it. */
  readonly version: '2.0' | '3.0';
  readonly header: PlannedOpmBlock;
  readonly metadata: PlannedOpmBlock;
  /** stateVector, keplerianElements, spacecraftParameters, covarianceMatrix, maneuverParameters…, userDefinedParameters. */
  readonly data: readonly PlannedOpmBlock[];
}

/** A finite number in its shortest round-trip form (JavaScript's, e.g. `6655.9942`, `3.331349476038534e-4`). */
const num = (field: string, x: number): string => {
  if (!Number.isFinite(x)) throw new ArgumentError(`OPM ${field} must be a finite number; got ${x}.`, x);
  return String(x);
};

/** Lays out an OPM for writing. */
export function planOpm(opm: Opm, ts: TimeScales): OpmPlan {
  const sys = opm.metadata.timeSystem;
  const time = (t: Parameters<typeof formatNdmEpoch>[0]): string => formatNdmEpoch(t, sys, ts, 6);
  const f = (keyword: string, value: string, unit?: string): PlannedOpmField => ({ keyword, value, ...(unit !== undefined ? { unit } : {}) });
  const h = opm.header;
  if (h.originator.trim() === '') throw new ArgumentError('OPM ORIGINATOR must not be empty.', h.originator);
  const sc = opm.spacecraft;
  const partialSpacecraft = sc !== undefined && [sc.massKg, sc.solarRadAreaM2, sc.solarRadCoeff, sc.dragAreaM2, sc.dragCoeff].some((v) => v === undefined);
  const version = h.messageId !== undefined || h.classification !== undefined || partialSpacecraft ? '3.0' : '2.0';
  const header: PlannedOpmBlock = {
    element: 'header',
    comments: h.comments,
    fields: [
      ...(h.classification !== undefined ? [f('CLASSIFICATION', h.classification)] : []),
      f('CREATION_DATE', formatNdmEpoch(h.creationDate, 'UTC', ts, 3)),
      f('ORIGINATOR', h.originator),
      ...(h.messageId !== undefined ? [f('MESSAGE_ID', h.messageId)] : []),
    ],
  };
  const m = opm.metadata;
  for (const [k, v] of [['OBJECT_NAME', m.objectName], ['OBJECT_ID', m.objectId], ['CENTER_NAME', m.centerName], ['REF_FRAME', m.refFrame]] as const) {
    if (v.trim() === '') throw new ArgumentError(`OPM ${k} must not be empty.`, v);
  }
  const metadata: PlannedOpmBlock = {
    element: 'metadata',
    comments: m.comments,
    fields: [
      f('OBJECT_NAME', m.objectName),
      f('OBJECT_ID', m.objectId),
      f('CENTER_NAME', m.centerName),
      f('REF_FRAME', m.refFrame),
      ...(m.refFrameEpoch !== undefined ? [f('REF_FRAME_EPOCH', time(m.refFrameEpoch))] : []),
      f('TIME_SYSTEM', sys),
    ],
  };
  const sv = opm.stateVector;
  const data: PlannedOpmBlock[] = [
    {
      element: 'stateVector',
      comments: sv.comments,
      fields: [
        f('EPOCH', time(sv.epoch)),
        ...(['X', 'Y', 'Z'] as const).map((k, i) => f(k, num(k, sv.positionKm[i]!), 'km')),
        ...(['X_DOT', 'Y_DOT', 'Z_DOT'] as const).map((k, i) => f(k, num(k, sv.velocityKmPerS[i]!), 'km/s')),
      ],
    },
  ];
  const k = opm.keplerian;
  if (k !== undefined) {
    data.push({
      element: 'keplerianElements',
      comments: k.comments,
      fields: [
        f('SEMI_MAJOR_AXIS', num('SEMI_MAJOR_AXIS', k.semiMajorAxisKm), 'km'),
        f('ECCENTRICITY', num('ECCENTRICITY', k.eccentricity)),
        f('INCLINATION', num('INCLINATION', k.inclinationDeg), 'deg'),
        f('RA_OF_ASC_NODE', num('RA_OF_ASC_NODE', k.raanDeg), 'deg'),
        f('ARG_OF_PERICENTER', num('ARG_OF_PERICENTER', k.argPericenterDeg), 'deg'),
        f(k.anomaly.kind === 'true' ? 'TRUE_ANOMALY' : 'MEAN_ANOMALY', num('anomaly', k.anomaly.deg), 'deg'),
        f('GM', num('GM', k.gmKm3PerS2), 'km**3/s**2'),
      ],
    });
  }
  if (sc !== undefined) {
    const fields: PlannedOpmField[] = [];
    for (const [key, v, unit] of [
      ['MASS', sc.massKg, 'kg'],
      ['SOLAR_RAD_AREA', sc.solarRadAreaM2, 'm**2'],
      ['SOLAR_RAD_COEFF', sc.solarRadCoeff, undefined],
      ['DRAG_AREA', sc.dragAreaM2, 'm**2'],
      ['DRAG_COEFF', sc.dragCoeff, undefined],
    ] as const) {
      if (v !== undefined) fields.push(f(key, num(key, v), unit));
    }
    data.push({ element: 'spacecraftParameters', comments: sc.comments, fields });
  }
  const c = opm.covariance;
  if (c !== undefined) {
    if (c.lowerTriangle.length !== 21) throw new ArgumentError(`an OPM covariance has 21 lower-triangle terms; got ${c.lowerTriangle.length}.`, c.lowerTriangle.length);
    data.push({
      element: 'covarianceMatrix',
      comments: c.comments,
      fields: [
        ...(c.refFrame !== undefined ? [f('COV_REF_FRAME', c.refFrame)] : []),
        ...COVARIANCE_KEYWORDS.map((key, n) => f(key, num(key, c.lowerTriangle[n]!), covarianceUnit(n))),
      ],
    });
  }
  for (const man of opm.maneuvers) {
    data.push({
      element: 'maneuverParameters',
      comments: man.comments,
      fields: [
        f('MAN_EPOCH_IGNITION', time(man.epochIgnition)),
        f('MAN_DURATION', num('MAN_DURATION', man.durationS), 's'),
        f('MAN_DELTA_MASS', num('MAN_DELTA_MASS', man.deltaMassKg), 'kg'),
        f('MAN_REF_FRAME', man.refFrame),
        ...(['MAN_DV_1', 'MAN_DV_2', 'MAN_DV_3'] as const).map((key, i) => f(key, num(key, man.deltaVKmPerS[i]!), 'km/s')),
      ],
    });
  }
  if (opm.userDefined.length > 0) {
    data.push({ element: 'userDefinedParameters', comments: [], fields: opm.userDefined.map(([key, v]) => f(`USER_DEFINED_${key}`, v)) });
  }
  return { version, header, metadata, data };
}

/** Standard unit of the n-th lower-triangle covariance term. */
export function covarianceUnit(n: number): string {
  const row = Math.floor((Math.sqrt(8 * n + 1) - 1) / 2);
  const col = n - (row * (row + 1)) / 2;
  return row < 3 ? 'km**2' : col < 3 ? 'km**2/s' : 'km**2/s**2';
}
