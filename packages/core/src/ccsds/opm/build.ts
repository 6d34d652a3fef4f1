/**
 * Builds an `Opm` from the keyword items that both the KVN and the XML reader produce (keyword, value, optional
 * unit, line), so that validation, unit conversion and error reporting are the same for both forms.
 *
 * Lenient where real files deviate (units spelled differently or in SI, unknown keywords: structured warnings),
 * strict where the data would be wrong: a missing mandatory keyword, a value that is not a finite number, a unit of
 * the wrong dimension, an unsupported TIME_SYSTEM, or a partial covariance throw ParseError with line and keyword.
 */
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { ndmUnitFactor, NDM_STANDARD_UNIT, type NdmQuantity } from '../units.ts';
import { isNdmTimeSystem, parseNdmEpoch, type NdmTimeSystem } from '../timeSystems.ts';
import { COVARIANCE_KEYWORDS, type Opm, type OpmManeuver } from './model.ts';

/** One keyword item or comment of an OPM, in file order. */
export type OpmItem =
  | { readonly kind: 'field'; readonly keyword: string; readonly value: string; readonly unit?: string; readonly line: number }
  | { readonly kind: 'comment'; readonly text: string; readonly line: number };

export interface ReadOpmOptions {
  readonly timeScales: TimeScales;
}

export interface OpmReadResult {
  readonly opm: Opm;
  readonly warnings: ReadWarning[];
}

type Section = 'header' | 'metadata' | 'state' | 'keplerian' | 'spacecraft' | 'covariance' | 'maneuver' | 'user';

const SECTION_OF: Readonly<Record<string, Section>> = {
  CCSDS_OPM_VERS: 'header', CLASSIFICATION: 'header', CREATION_DATE: 'header', ORIGINATOR: 'header', MESSAGE_ID: 'header',
  OBJECT_NAME: 'metadata', OBJECT_ID: 'metadata', CENTER_NAME: 'metadata', REF_FRAME: 'metadata', REF_FRAME_EPOCH: 'metadata', TIME_SYSTEM: 'metadata',
  EPOCH: 'state', X: 'state', Y: 'state', Z: 'state', X_DOT: 'state', Y_DOT: 'state', Z_DOT: 'state',
  SEMI_MAJOR_AXIS: 'keplerian', ECCENTRICITY: 'keplerian', INCLINATION: 'keplerian', RA_OF_ASC_NODE: 'keplerian', ARG_OF_PERICENTER: 'keplerian', TRUE_ANOMALY: 'keplerian', MEAN_ANOMALY: 'keplerian', GM: 'keplerian',
  MASS: 'spacecraft', SOLAR_RAD_AREA: 'spacecraft', SOLAR_RAD_COEFF: 'spacecraft', DRAG_AREA: 'spacecraft', DRAG_COEFF: 'spacecraft',
  COV_REF_FRAME: 'covariance',
  MAN_EPOCH_IGNITION: 'maneuver', MAN_DURATION: 'maneuver', MAN_DELTA_MASS: 'maneuver', MAN_REF_FRAME: 'maneuver', MAN_DV_1: 'maneuver', MAN_DV_2: 'maneuver', MAN_DV_3: 'maneuver',
};
for (const k of COVARIANCE_KEYWORDS) (SECTION_OF as Record<string, Section>)[k] = 'covariance';

const QUANTITY: Readonly<Record<string, NdmQuantity>> = {
  X: 'length', Y: 'length', Z: 'length', X_DOT: 'velocity', Y_DOT: 'velocity', Z_DOT: 'velocity',
  SEMI_MAJOR_AXIS: 'length', ECCENTRICITY: 'dimensionless', INCLINATION: 'angle', RA_OF_ASC_NODE: 'angle', ARG_OF_PERICENTER: 'angle', TRUE_ANOMALY: 'angle', MEAN_ANOMALY: 'angle', GM: 'gm',
  MASS: 'mass', SOLAR_RAD_AREA: 'area', SOLAR_RAD_COEFF: 'dimensionless', DRAG_AREA: 'area', DRAG_COEFF: 'dimensionless',
  MAN_DURATION: 'duration', MAN_DELTA_MASS: 'mass', MAN_DV_1: 'velocity', MAN_DV_2: 'velocity', MAN_DV_3: 'velocity',
};
COVARIANCE_KEYWORDS.forEach((k, n) => {
  const row = Math.floor((Math.sqrt(8 * n + 1) - 1) / 2);
  const col = n - (row * (row + 1)) / 2;
  (QUANTITY as Record<string, NdmQuantity>)[k] = row < 3 ? 'positionCovariance' : col < 3 ? 'positionVelocityCovariance' : 'velocityCovariance';
});

interface Field {
  readonly value: string;
  readonly unit: string | undefined;
  readonly line: number;
}

/** Builds an OPM from its items; throws ParseError naming the line and keyword of the first fatal problem. */
export function buildOpm(items: readonly OpmItem[], options: ReadOpmOptions, warnings: ReadWarning[] = []): OpmReadResult {
  const ts = options.timeScales;
  const fields = new Map<string, Field>();
  const comments: Record<Exclude<Section, 'maneuver' | 'user'>, string[]> = { header: [], metadata: [], state: [], keplerian: [], spacecraft: [], covariance: [] };
  const userDefined: [string, string][] = [];
  const maneuverFields: { fields: Map<string, Field>; comments: string[]; line: number }[] = [];
  let pending: string[] = [];
  let lastSection: Section = 'header';
  const firstLine = items[0]?.line ?? 1;

  for (const item of items) {
    if (item.kind === 'comment') {
      pending.push(item.text);
      continue;
    }
    const k = item.keyword;
    let section: Section | undefined = SECTION_OF[k];
    if (section === undefined && k.startsWith('USER_DEFINED_')) section = 'user';
    if (section === undefined) {
      warnings.push({ code: 'KEYWORD_UNKNOWN', line: item.line, field: k, message: `${k} is not an OPM keyword; ignored.` });
      continue;
    }
    const f: Field = { value: item.value.trim(), unit: item.unit, line: item.line };
    if (section === 'maneuver') {
      if (k === 'MAN_EPOCH_IGNITION' || maneuverFields.length === 0 || maneuverFields[maneuverFields.length - 1]!.fields.has(k)) {
        if (k !== 'MAN_EPOCH_IGNITION') throw new ParseError('FIELD_MISSING', `${k} comes before its maneuver's MAN_EPOCH_IGNITION: each maneuver starts with MAN_EPOCH_IGNITION.`, { line: item.line, field: 'MAN_EPOCH_IGNITION' });
        maneuverFields.push({ fields: new Map(), comments: pending, line: item.line });
        pending = [];
      }
      maneuverFields[maneuverFields.length - 1]!.fields.set(k, f);
    } else if (section === 'user') {
      userDefined.push([k.slice('USER_DEFINED_'.length), f.value]);
    } else {
      if (fields.has(k)) throw new ParseError('PARSE_ERROR', `${k} appears twice (first on line ${fields.get(k)!.line}); an OPM has one state.`, { line: item.line, field: k });
      fields.set(k, f);
      if (pending.length > 0) {
        // A comment belongs to the logical block whose first keyword follows it (ODM §7.8).
        comments[section].push(...pending);
        pending = [];
      }
    }
    lastSection = section;
  }
  if (pending.length > 0) comments[lastSection === 'maneuver' || lastSection === 'user' ? 'covariance' : lastSection].push(...pending);

  const need = (k: string): Field => {
    const f = fields.get(k);
    if (f === undefined || f.value === '') throw new ParseError('FIELD_MISSING', `the OPM has no ${k}, which is mandatory.`, { line: firstLine, field: k });
    return f;
  };
  const text = (k: string): string => need(k).value;
  const optText = (k: string): string | undefined => (fields.get(k)?.value !== undefined && fields.get(k)!.value !== '' ? fields.get(k)!.value : undefined);
  const num = (k: string, f: Field): number => {
    const x = Number(f.value);
    if (f.value === '' || !Number.isFinite(x)) throw new ParseError('FIELD_INVALID', `"${f.value}" is not a finite number.`, { line: f.line, field: k }, f.value);
    const q = QUANTITY[k] ?? 'dimensionless';
    const factor = ndmUnitFactor(f.unit, q);
    if (factor === undefined) {
      const std = NDM_STANDARD_UNIT[q];
      throw new ParseError('FIELD_INVALID', `unit [${f.unit}] is not a unit of ${k}${std !== undefined ? ` (expected [${std}] or an SI equivalent)` : ' (dimensionless)'}.`, { line: f.line, field: k }, f.unit);
    }
    return x * factor;
  };
  const reqNum = (k: string): number => num(k, need(k));
  const optNum = (k: string): number | undefined => (fields.has(k) && fields.get(k)!.value !== '' ? num(k, fields.get(k)!) : undefined);

  const version = text('CCSDS_OPM_VERS');
  if (!['1.0', '2.0', '3.0'].includes(version)) warnings.push({ code: 'VERSION_UNKNOWN', line: need('CCSDS_OPM_VERS').line, field: 'CCSDS_OPM_VERS', message: `OPM version ${version} is not 1.0, 2.0 or 3.0; read as 3.0.` });
  const tsField = need('TIME_SYSTEM');
  const system = tsField.value.toUpperCase();
  if (!isNdmTimeSystem(system)) {
    throw new ParseError('UNSUPPORTED', `TIME_SYSTEM ${system} is not supported: Skylane reads OPM times in UTC, TAI, TT or GPS; convert the message to one of them.`, { line: tsField.line, field: 'TIME_SYSTEM' }, system);
  }
  const timeSystem: NdmTimeSystem = system;
  const epochOf = (k: string, f: Field, sys: NdmTimeSystem): Instant => {
    try {
      return parseNdmEpoch(f.value, sys, ts);
    } catch {
      throw new ParseError('TIME_INVALID', `"${f.value}" is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss[.f]).`, { line: f.line, field: k }, f.value);
    }
  };
  // CREATION_DATE is always UTC (ODM §3.2.2).
  const creationDate = epochOf('CREATION_DATE', need('CREATION_DATE'), 'UTC');
  const refFrameEpoch = fields.has('REF_FRAME_EPOCH') ? epochOf('REF_FRAME_EPOCH', fields.get('REF_FRAME_EPOCH')!, timeSystem) : undefined;
  const classification = optText('CLASSIFICATION');
  const messageId = optText('MESSAGE_ID');

  const kepPresent = ['SEMI_MAJOR_AXIS', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'TRUE_ANOMALY', 'MEAN_ANOMALY', 'GM'].some((k) => fields.has(k));
  let keplerian: Opm['keplerian'];
  if (kepPresent) {
    const hasTrue = fields.has('TRUE_ANOMALY');
    const hasMean = fields.has('MEAN_ANOMALY');
    if (hasTrue === hasMean) {
      throw new ParseError(hasTrue ? 'PARSE_ERROR' : 'FIELD_MISSING', 'Keplerian elements need exactly one of TRUE_ANOMALY and MEAN_ANOMALY.', { line: (fields.get('TRUE_ANOMALY') ?? fields.get('SEMI_MAJOR_AXIS') ?? { line: firstLine }).line, field: 'TRUE_ANOMALY' });
    }
    keplerian = {
      comments: comments.keplerian,
      semiMajorAxisKm: reqNum('SEMI_MAJOR_AXIS'),
      eccentricity: reqNum('ECCENTRICITY'),
      inclinationDeg: reqNum('INCLINATION'),
      raanDeg: reqNum('RA_OF_ASC_NODE'),
      argPericenterDeg: reqNum('ARG_OF_PERICENTER'),
      anomaly: hasTrue ? { kind: 'true', deg: reqNum('TRUE_ANOMALY') } : { kind: 'mean', deg: reqNum('MEAN_ANOMALY') },
      gmKm3PerS2: reqNum('GM'),
    };
  }

  const scKeys = ['MASS', 'SOLAR_RAD_AREA', 'SOLAR_RAD_COEFF', 'DRAG_AREA', 'DRAG_COEFF'];
  let spacecraft: Opm['spacecraft'];
  if (scKeys.some((k) => fields.has(k))) {
    const mass = optNum('MASS');
    const sra = optNum('SOLAR_RAD_AREA');
    const src = optNum('SOLAR_RAD_COEFF');
    const da = optNum('DRAG_AREA');
    const dc = optNum('DRAG_COEFF');
    for (const [k, v] of [['MASS', mass], ['SOLAR_RAD_AREA', sra], ['SOLAR_RAD_COEFF', src], ['DRAG_AREA', da], ['DRAG_COEFF', dc]] as const) {
      if (v !== undefined && v < 0) throw new ParseError('FIELD_INVALID', `${k} must not be negative; got ${v}.`, { line: fields.get(k)!.line, field: k }, v);
    }
    spacecraft = {
      comments: comments.spacecraft,
      ...(mass !== undefined ? { massKg: mass } : {}),
      ...(sra !== undefined ? { solarRadAreaM2: sra } : {}),
      ...(src !== undefined ? { solarRadCoeff: src } : {}),
      ...(da !== undefined ? { dragAreaM2: da } : {}),
      ...(dc !== undefined ? { dragCoeff: dc } : {}),
    };
  }

  let covariance: Opm['covariance'];
  const covPresent = COVARIANCE_KEYWORDS.filter((k) => fields.has(k));
  if (covPresent.length > 0 || fields.has('COV_REF_FRAME')) {
    const missing = COVARIANCE_KEYWORDS.filter((k) => !fields.has(k));
    if (missing.length > 0) throw new ParseError('FIELD_MISSING', `the covariance has ${covPresent.length} of its 21 terms; ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''} missing.`, { line: fields.get(covPresent[0] ?? 'COV_REF_FRAME')!.line, field: missing[0]! });
    const frame = optText('COV_REF_FRAME');
    covariance = { comments: comments.covariance, ...(frame !== undefined ? { refFrame: frame.toUpperCase() } : {}), lowerTriangle: COVARIANCE_KEYWORDS.map((k) => reqNum(k)) };
  }

  const maneuvers: OpmManeuver[] = maneuverFields.map((m) => {
    const get = (k: string): Field => {
      const f = m.fields.get(k);
      if (f === undefined || f.value === '') throw new ParseError('FIELD_MISSING', `the maneuver that starts on line ${m.line} has no ${k}.`, { line: m.line, field: k });
      return f;
    };
    const optional = (k: string, fallback: number): number => (m.fields.has(k) ? num(k, m.fields.get(k)!) : fallback);
    return {
      comments: m.comments,
      epochIgnition: epochOf('MAN_EPOCH_IGNITION', get('MAN_EPOCH_IGNITION'), timeSystem),
      // OPM 3.0 makes duration and mass change optional: absent means impulsive and no mass change.
      durationS: optional('MAN_DURATION', 0),
      deltaMassKg: optional('MAN_DELTA_MASS', 0),
      refFrame: get('MAN_REF_FRAME').value.toUpperCase(),
      deltaVKmPerS: [num('MAN_DV_1', get('MAN_DV_1')), num('MAN_DV_2', get('MAN_DV_2')), num('MAN_DV_3', get('MAN_DV_3'))],
    };
  });

  const opm: Opm = {
    version,
    header: { comments: comments.header, ...(classification !== undefined ? { classification } : {}), creationDate, originator: text('ORIGINATOR'), ...(messageId !== undefined ? { messageId } : {}) },
    metadata: {
      comments: comments.metadata,
      objectName: text('OBJECT_NAME'),
      objectId: text('OBJECT_ID'),
      centerName: text('CENTER_NAME').toUpperCase(),
      refFrame: text('REF_FRAME').toUpperCase(),
      ...(refFrameEpoch !== undefined ? { refFrameEpoch } : {}),
      timeSystem,
    },
    stateVector: {
      comments: comments.state,
      epoch: epochOf('EPOCH', need('EPOCH'), timeSystem),
      positionKm: [reqNum('X'), reqNum('Y'), reqNum('Z')],
      velocityKmPerS: [reqNum('X_DOT'), reqNum('Y_DOT'), reqNum('Z_DOT')],
    },
    ...(keplerian !== undefined ? { keplerian } : {}),
    ...(spacecraft !== undefined ? { spacecraft } : {}),
    ...(covariance !== undefined ? { covariance } : {}),
    maneuvers,
    userDefined,
  };
  return { opm, warnings };
}
