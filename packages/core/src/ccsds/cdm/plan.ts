/**
 * The writers' common plan: the CDM as ordered blocks of COMMENTs and KEYWORD/value/unit lines, in the order of
 * CCSDS 508.0-B-1 (and of the NDM/XML `cdm-1.0.xsd` sequences), with every value checked and converted to CDM
 * units. The KVN writer flattens it; the XML writer nests it.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { cdmFieldText, formatCdmNumber } from './format.ts';
import {
  ADDITIONAL_FIELDS,
  DRAG_COVARIANCE,
  HEADER_FIELDS,
  METADATA_FIELDS,
  OD_FIELDS,
  RELATIVE_FIELDS,
  RTN_COVARIANCE,
  SRP_COVARIANCE,
  STATE_FIELDS,
  THRUST_COVARIANCE,
  type Cdm,
  type CdmExtensionField,
  type CdmExtensionSection,
  type CdmObject,
  type CovarianceSpec,
  type FieldSpec,
} from './model.ts';

export interface PlannedField {
  readonly keyword: string;
  readonly value: string;
  readonly unit?: string;
}
export type PlannedItem = PlannedField | { readonly group: string; readonly fields: readonly PlannedField[] };

export interface PlannedBlock {
  /** XML element name of the block. */
  readonly element: string;
  readonly comments: readonly string[];
  readonly items: readonly PlannedItem[];
}

export interface PlannedObject {
  readonly metadata: PlannedBlock;
  readonly dataComments: readonly string[];
  readonly data: readonly PlannedBlock[];
}

export interface CdmPlan {
  readonly version: string;
  readonly header: PlannedBlock;
  readonly relative: PlannedBlock;
  readonly objects: readonly [PlannedObject, PlannedObject];
}

function fieldsOf(specs: readonly FieldSpec[], target: object, ts: TimeScales, where: string): PlannedItem[] {
  const out: PlannedItem[] = [];
  let group: { group: string; fields: PlannedField[] } | undefined;
  for (const s of specs) {
    const text = cdmFieldText(s, target as Record<string, unknown>, ts, where);
    if (text === undefined) continue;
    const f: PlannedField = { keyword: s.keyword, value: text, ...(s.unit !== undefined ? { unit: s.unit } : {}) };
    if (s.xmlGroup !== undefined) {
      if (!group || group.group !== s.xmlGroup) {
        group = { group: s.xmlGroup, fields: [] };
        out.push(group);
      }
      group.fields.push(f);
    } else out.push(f);
  }
  // A partial vector (e.g. only RELATIVE_POSITION_R) is refused by cdmFieldText through NaN checks below.
  for (const item of out) {
    if ('group' in item && item.fields.length !== 6) {
      throw new ArgumentError(`${where} the relative state vector needs all six RELATIVE_POSITION/VELOCITY components.`);
    }
  }
  return out;
}

function extensionFields(exts: readonly CdmExtensionField[], section: CdmExtensionSection): PlannedField[] {
  return exts
    .filter((e) => e.section === section)
    .map((e) => {
      if (e.value.trim() === '' || /[\r\n]/.test(e.value)) throw new ArgumentError(`${e.keyword}: an extension value must be one non-empty line.`, e.value);
      return { keyword: e.keyword, value: e.value, ...(e.unit !== undefined ? { unit: e.unit } : {}) };
    });
}

function covFields(values: readonly number[] | undefined, specs: readonly CovarianceSpec[], where: string): PlannedField[] {
  if (values === undefined) return [];
  if (values.length !== specs.length) {
    throw new ArgumentError(`${where} covariance row ${specs[0]!.keyword}.. needs ${specs.length} values, got ${values.length}.`, values.length);
  }
  return specs.map((c, k) => ({ keyword: c.keyword, value: formatCdmNumber(values[k]!, c.scale, c.keyword), unit: c.unit }));
}

function planObject(o: CdmObject, label: string, ts: TimeScales): PlannedObject {
  const where = `${label}:`;
  if (o.metadata.object.toUpperCase() !== label) throw new ArgumentError(`${where} OBJECT must be ${label}, not ${o.metadata.object}.`, o.metadata.object);
  const metadata: PlannedBlock = {
    element: 'metadata',
    comments: o.metadata.comments,
    items: [...fieldsOf(METADATA_FIELDS, o.metadata, ts, where), ...extensionFields(o.extensions, 'metadata')],
  };
  const data: PlannedBlock[] = [];
  const od = [...(o.odParameters ? fieldsOf(OD_FIELDS, o.odParameters, ts, where) : []), ...extensionFields(o.extensions, 'od')];
  if (od.length > 0 || (o.odParameters?.comments.length ?? 0) > 0) data.push({ element: 'odParameters', comments: o.odParameters?.comments ?? [], items: od });
  const add = [
    ...(o.additionalParameters ? fieldsOf(ADDITIONAL_FIELDS, o.additionalParameters, ts, where) : []),
    ...extensionFields(o.extensions, 'additional'),
  ];
  if (add.length > 0 || (o.additionalParameters?.comments.length ?? 0) > 0) data.push({ element: 'additionalParameters', comments: o.additionalParameters?.comments ?? [], items: add });
  data.push({ element: 'stateVector', comments: o.stateVector.comments, items: fieldsOf(STATE_FIELDS, o.stateVector, ts, where) });
  const cov = o.covariance;
  if (cov.srp && !cov.drag) throw new ArgumentError(`${where} a covariance SRP row needs the drag row.`);
  if (cov.thrust && !cov.srp) throw new ArgumentError(`${where} a covariance thrust row needs the SRP row.`);
  data.push({
    element: 'covarianceMatrix',
    comments: cov.comments,
    items: [
      ...covFields(cov.rtnLowerTriangle, RTN_COVARIANCE, where),
      ...covFields(cov.drag, DRAG_COVARIANCE, where),
      ...covFields(cov.srp, SRP_COVARIANCE, where),
      ...covFields(cov.thrust, THRUST_COVARIANCE, where),
    ],
  });
  for (const s of ['covXyz', 'covSig3', 'covMeta'] as const) {
    const f = extensionFields(o.extensions, s);
    if (f.length > 0) data.push({ element: 'covarianceMatrix', comments: [], items: f });
  }
  const ud = extensionFields(o.extensions, 'userDefined');
  if (ud.length > 0) data.push({ element: 'userDefinedParameters', comments: [], items: ud });
  return { metadata, dataComments: o.dataComments, data };
}

/** Plans a CDM for writing; throws ArgumentError for anything a conformant CDM cannot carry. */
export function planCdm(cdm: Cdm, ts: TimeScales): CdmPlan {
  if (!/^\d+\.\d+$/.test(cdm.version)) throw new ArgumentError(`CCSDS_CDM_VERS "${cdm.version}" must look like 1.0.`, cdm.version);
  const header: PlannedBlock = {
    element: 'header',
    comments: cdm.header.comments,
    items: [...fieldsOf(HEADER_FIELDS, cdm.header, ts, 'header:'), ...extensionFields(cdm.headerExtensions, 'header')],
  };
  const p = cdm.relative.collisionProbability;
  if (p !== undefined && !(p >= 0 && p <= 1)) throw new ArgumentError(`COLLISION_PROBABILITY = ${p} must lie in [0, 1].`, p);
  const relative: PlannedBlock = {
    element: 'relativeMetadataData',
    comments: cdm.relative.comments,
    items: [...fieldsOf(RELATIVE_FIELDS, cdm.relative, ts, 'relative metadata:'), ...extensionFields(cdm.relativeExtensions, 'relative')],
  };
  return { version: cdm.version, header, relative, objects: [planObject(cdm.object1, 'OBJECT1', ts), planObject(cdm.object2, 'OBJECT2', ts)] };
}

/** Flattens a planned block's items (relativeStateVector inline). */
export function flatItems(items: readonly PlannedItem[]): PlannedField[] {
  const out: PlannedField[] = [];
  for (const i of items) {
    if ('group' in i) out.push(...i.fields);
    else out.push(i);
  }
  return out;
}
