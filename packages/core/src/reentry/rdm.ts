/**
 * CCSDS Re-entry Data Message (RDM, CCSDS 508.1-B-1, 2019) for a reentry prediction: KVN and XML writers (the XML
 * follows the NDM/XML 2.0.0 `ndmxml-2.0.0-rdm-1.0.xsd` sequence) and readers of the same subset (header, metadata,
 * atmospheric reentry parameters, ground impact nominal point, spacecraft BALLISTIC_COEFF).
 *
 * Units as the standard: ORBIT_LIFETIME* in days [d], REENTRY_ALTITUDE in km, BALLISTIC_COEFF = m/(C_D·A) in kg/m²
 * (the inverse of Skylane's B = C_D·A/m), confidence in %.
 */
import { ParseError } from '../errors/index.ts';
import { formatKvnLine, lexKvn } from '../ccsds/kvn/index.ts';
import { parseXmlTree, type XmlElement } from '../ccsds/xml/index.ts';
import type { ReentryPrediction } from './predict.ts';
import type { TimeScales } from '../time/index.ts';

export interface RdmMessage {
  readonly header: { readonly creationDate: string; readonly originator: string; readonly messageId: string; readonly comments?: readonly string[] };
  readonly metadata: {
    readonly objectName: string;
    readonly internationalDesignator: string;
    readonly catalogName?: string;
    readonly objectDesignator?: string;
    readonly controlledReentry: 'YES' | 'NO' | 'UNKNOWN';
    readonly centerName: string;
    readonly timeSystem: string;
    readonly epochTzero: string;
    readonly atmosphericModel?: string;
    readonly solarFluxPrediction?: string;
    readonly dragParametersSource?: string;
    readonly reentryUncertaintyMethod?: 'NONE' | 'ANALYTICAL' | 'STOCHASTIC' | 'EMPIRICAL';
  };
  readonly data: {
    readonly comments?: readonly string[];
    readonly orbitLifetimeDays: number;
    readonly reentryAltitudeKm: number;
    readonly orbitLifetimeWindowStartDays?: number;
    readonly orbitLifetimeWindowEndDays?: number;
    readonly nominalReentryEpoch?: string;
    readonly reentryWindowStart?: string;
    readonly reentryWindowEnd?: string;
    readonly orbitLifetimeConfidencePercent?: number;
    readonly nominalImpactLonDeg?: number;
    readonly nominalImpactLatDeg?: number;
    /** m/(C_D·A), kg/m². */
    readonly ballisticCoeffKgPerM2?: number;
  };
}

/** Builds the RDM of a prediction (EPOCH_TZERO = the prediction time). `creationDate` is passed in: the core reads no clock. */
export function rdmFromPrediction(p: ReentryPrediction, o: { creationDate: string; originator: string; messageId: string; timeScales: TimeScales }): RdmMessage {
  const ts = o.timeScales;
  const t0 = ts.parseUtcIso(p.asOf);
  const days = (iso: string | null): number | undefined => (iso === null ? undefined : Math.max(1e-6, ts.parseUtcIso(iso).secondsSince(t0) / 86400));
  const lifetime = days(p.predictedEpoch) ?? p.horizonDays;
  const ws = days(p.windowStart);
  const we = days(p.windowEnd);
  return {
    header: { creationDate: o.creationDate, originator: o.originator, messageId: o.messageId },
    metadata: {
      objectName: p.object.objectName ?? `NORAD ${p.object.catalogNumber}`,
      internationalDesignator: p.object.objectId ?? 'UNKNOWN',
      catalogName: 'SATCAT',
      objectDesignator: String(p.object.catalogNumber),
      controlledReentry: p.controlledReentrySuspected ? 'YES' : 'NO',
      centerName: 'EARTH',
      timeSystem: 'UTC',
      epochTzero: p.asOf,
      atmosphericModel: p.atmosphere === 'jb2008' ? 'JB2008' : 'NRLMSISE-00',
      solarFluxPrediction: p.spaceWeatherRule,
      dragParametersSource: `fitted to ${p.ballisticCoefficient.fitSets} element sets ${p.ballisticCoefficient.fitStart} .. ${p.ballisticCoefficient.fitEnd}`,
      reentryUncertaintyMethod: 'STOCHASTIC',
    },
    data: {
      ...(p.predictedEpoch === null ? { comments: [`no reentry within the ${p.horizonDays}-day horizon: ORBIT_LIFETIME is a lower bound`] } : {}),
      orbitLifetimeDays: lifetime,
      reentryAltitudeKm: p.interfaceAltitudeKm,
      ...(ws !== undefined ? { orbitLifetimeWindowStartDays: ws } : {}),
      ...(we !== undefined ? { orbitLifetimeWindowEndDays: we } : {}),
      ...(p.predictedEpoch !== null ? { nominalReentryEpoch: p.predictedEpoch } : {}),
      ...(p.windowStart !== null ? { reentryWindowStart: p.windowStart } : {}),
      ...(p.windowEnd !== null ? { reentryWindowEnd: p.windowEnd } : {}),
      orbitLifetimeConfidencePercent: p.confidence * 100,
      ...(p.nominalReentryPoint !== null ? { nominalImpactLonDeg: p.nominalReentryPoint.lonDeg, nominalImpactLatDeg: p.nominalReentryPoint.latDeg } : {}),
      ballisticCoeffKgPerM2: 1 / p.ballisticCoefficient.valueM2PerKg,
    },
  };
}

/** Shortest text that reads back to the same double (round trips exactly). */
const num = (x: number): string => String(x);

/** Ordered (keyword, value, unit) of an RDM. */
function fields(m: RdmMessage): { header: [string, string, string?][]; meta: [string, string, string?][]; atm: [string, string, string?][]; impact: [string, string, string?][]; sc: [string, string, string?][] } {
  const md = m.metadata;
  const d = m.data;
  const opt = (k: string, v: string | number | undefined, unit?: string): [string, string, string?][] =>
    v === undefined ? [] : [unit !== undefined ? [k, typeof v === 'number' ? num(v) : v, unit] : [k, typeof v === 'number' ? num(v) : v]];
  return {
    header: [['CREATION_DATE', m.header.creationDate], ['ORIGINATOR', m.header.originator], ['MESSAGE_ID', m.header.messageId]],
    meta: [
      ['OBJECT_NAME', md.objectName],
      ['INTERNATIONAL_DESIGNATOR', md.internationalDesignator],
      ...opt('CATALOG_NAME', md.catalogName),
      ...opt('OBJECT_DESIGNATOR', md.objectDesignator),
      ['CONTROLLED_REENTRY', md.controlledReentry],
      ['CENTER_NAME', md.centerName],
      ['TIME_SYSTEM', md.timeSystem],
      ['EPOCH_TZERO', md.epochTzero],
      ...opt('ATMOSPHERIC_MODEL', md.atmosphericModel),
      ...opt('SOLAR_FLUX_PREDICTION', md.solarFluxPrediction),
      ...opt('DRAG_PARAMETERS_SOURCE', md.dragParametersSource),
      ...opt('REENTRY_UNCERTAINTY_METHOD', md.reentryUncertaintyMethod),
    ],
    atm: [
      ['ORBIT_LIFETIME', num(d.orbitLifetimeDays), 'd'],
      ['REENTRY_ALTITUDE', num(d.reentryAltitudeKm), 'km'],
      ...opt('ORBIT_LIFETIME_WINDOW_START', d.orbitLifetimeWindowStartDays, 'd'),
      ...opt('ORBIT_LIFETIME_WINDOW_END', d.orbitLifetimeWindowEndDays, 'd'),
      ...opt('NOMINAL_REENTRY_EPOCH', d.nominalReentryEpoch),
      ...opt('REENTRY_WINDOW_START', d.reentryWindowStart),
      ...opt('REENTRY_WINDOW_END', d.reentryWindowEnd),
      ...opt('ORBIT_LIFETIME_CONFIDENCE_LEVEL', d.orbitLifetimeConfidencePercent, '%'),
    ],
    impact: [...opt('NOMINAL_IMPACT_LON', d.nominalImpactLonDeg, 'deg'), ...opt('NOMINAL_IMPACT_LAT', d.nominalImpactLatDeg, 'deg')],
    sc: [...opt('BALLISTIC_COEFF', d.ballisticCoeffKgPerM2, 'kg/m**2')],
  };
}

/** Writes an RDM in KVN. */
export function writeRdmKvn(m: RdmMessage): string {
  const f = fields(m);
  const lines = [formatKvnLine('CCSDS_RDM_VERS', '1.0', undefined, 32)];
  for (const c of m.header.comments ?? []) lines.push(`COMMENT ${c}`);
  for (const [k, v, u] of [...f.header, ...f.meta]) lines.push(formatKvnLine(k, v, u, 32));
  lines.push('');
  for (const c of m.data.comments ?? []) lines.push(`COMMENT ${c}`);
  for (const [k, v, u] of [...f.atm, ...f.impact, ...f.sc]) lines.push(formatKvnLine(k, v, u, 32));
  return lines.join('\n') + '\n';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes an RDM in NDM/XML 2.0 (root `rdm`, children in `urn:ccsds:schema:ndmxml`). */
export function writeRdmXml(m: RdmMessage): string {
  const f = fields(m);
  const el = (ind: string, [k, v, u]: [string, string, string?]): string => `${ind}<${k}${u !== undefined ? ` units="${esc(u)}"` : ''}>${esc(v)}</${k}>`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rdm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="CCSDS_RDM_VERS" version="1.0">',
    '  <header xmlns="urn:ccsds:schema:ndmxml">',
    ...(m.header.comments ?? []).map((c) => `    <COMMENT>${esc(c)}</COMMENT>`),
    ...f.header.map((x) => el('    ', x)),
    '  </header>',
    '  <body xmlns="urn:ccsds:schema:ndmxml">',
    '    <segment>',
    '      <metadata>',
    ...f.meta.map((x) => el('        ', x)),
    '      </metadata>',
    '      <data>',
    ...(m.data.comments ?? []).map((c) => `        <COMMENT>${esc(c)}</COMMENT>`),
    '        <atmosphericReentryParameters>',
    ...f.atm.map((x) => el('          ', x)),
    '        </atmosphericReentryParameters>',
    ...(f.impact.length > 0 ? ['        <groundImpactParameters>', ...f.impact.map((x) => el('          ', x)), '        </groundImpactParameters>'] : []),
    ...(f.sc.length > 0 ? ['        <spacecraftParameters>', ...f.sc.map((x) => el('          ', x)), '        </spacecraftParameters>'] : []),
    '      </data>',
    '    </segment>',
    '  </body>',
    '</rdm>',
  ];
  return out.join('\n') + '\n';
}

function build(get: (k: string) => { value: string; line: number } | undefined, comments: { header: string[]; data: string[] }): RdmMessage {
  const req = (k: string): string => {
    const v = get(k);
    if (v === undefined) throw new ParseError('FIELD_MISSING', `RDM without ${k}: CCSDS 508.1-B-1 requires it.`, { line: 1, field: k });
    return v.value;
  };
  const optS = (k: string): string | undefined => get(k)?.value;
  const optN = (k: string): number | undefined => {
    const v = get(k);
    if (v === undefined) return undefined;
    const x = Number(v.value);
    if (!Number.isFinite(x)) throw new ParseError('FIELD_INVALID', `${k} must be a number, not "${v.value}".`, { line: v.line, field: k }, v.value);
    return x;
  };
  const reqN = (k: string): number => {
    req(k);
    return optN(k)!;
  };
  const ctl = req('CONTROLLED_REENTRY').toUpperCase();
  if (ctl !== 'YES' && ctl !== 'NO' && ctl !== 'UNKNOWN') throw new ParseError('FIELD_INVALID', `CONTROLLED_REENTRY must be YES, NO or UNKNOWN, not "${ctl}".`, { line: get('CONTROLLED_REENTRY')!.line, field: 'CONTROLLED_REENTRY' }, ctl);
  const method = optS('REENTRY_UNCERTAINTY_METHOD') as RdmMessage['metadata']['reentryUncertaintyMethod'];
  const o = <T>(k: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [k]: v });
  return {
    header: { creationDate: req('CREATION_DATE'), originator: req('ORIGINATOR'), messageId: req('MESSAGE_ID'), ...(comments.header.length > 0 ? { comments: comments.header } : {}) },
    metadata: {
      objectName: req('OBJECT_NAME'),
      internationalDesignator: req('INTERNATIONAL_DESIGNATOR'),
      ...o('catalogName', optS('CATALOG_NAME')),
      ...o('objectDesignator', optS('OBJECT_DESIGNATOR')),
      controlledReentry: ctl,
      centerName: req('CENTER_NAME'),
      timeSystem: req('TIME_SYSTEM'),
      epochTzero: req('EPOCH_TZERO'),
      ...o('atmosphericModel', optS('ATMOSPHERIC_MODEL')),
      ...o('solarFluxPrediction', optS('SOLAR_FLUX_PREDICTION')),
      ...o('dragParametersSource', optS('DRAG_PARAMETERS_SOURCE')),
      ...o('reentryUncertaintyMethod', method),
    },
    data: {
      ...(comments.data.length > 0 ? { comments: comments.data } : {}),
      orbitLifetimeDays: reqN('ORBIT_LIFETIME'),
      reentryAltitudeKm: reqN('REENTRY_ALTITUDE'),
      ...o('orbitLifetimeWindowStartDays', optN('ORBIT_LIFETIME_WINDOW_START')),
      ...o('orbitLifetimeWindowEndDays', optN('ORBIT_LIFETIME_WINDOW_END')),
      ...o('nominalReentryEpoch', optS('NOMINAL_REENTRY_EPOCH')),
      ...o('reentryWindowStart', optS('REENTRY_WINDOW_START')),
      ...o('reentryWindowEnd', optS('REENTRY_WINDOW_END')),
      ...o('orbitLifetimeConfidencePercent', optN('ORBIT_LIFETIME_CONFIDENCE_LEVEL')),
      ...o('nominalImpactLonDeg', optN('NOMINAL_IMPACT_LON')),
      ...o('nominalImpactLatDeg', optN('NOMINAL_IMPACT_LAT')),
      ...o('ballisticCoeffKgPerM2', optN('BALLISTIC_COEFF')),
    },
  };
}

/** Reads an RDM in KVN (the subset written by `writeRdmKvn`; other keywords are ignored). */
export function readRdmKvn(text: string): RdmMessage {
  const values = new Map<string, { value: string; line: number }>();
  const comments = { header: [] as string[], data: [] as string[] };
  let inData = false;
  const tokens = lexKvn(text);
  const first = tokens.find((t) => t.kind === 'keyValue');
  if (first === undefined || first.kind !== 'keyValue' || first.keyword !== 'CCSDS_RDM_VERS') {
    throw new ParseError('FORMAT_UNKNOWN', 'Not an RDM: the first keyword must be CCSDS_RDM_VERS.', { line: first?.line ?? 1, field: 'CCSDS_RDM_VERS' });
  }
  for (const t of tokens) {
    if (t.kind === 'keyValue') {
      if (t.keyword === 'ORBIT_LIFETIME') inData = true;
      values.set(t.keyword, { value: t.value, line: t.line });
    } else if (t.kind === 'comment') (inData || values.has('EPOCH_TZERO') ? comments.data : comments.header).push(t.text);
  }
  return build((k) => values.get(k), comments);
}

/** Reads an RDM in NDM/XML (namespace prefixes ignored). */
export function readRdmXml(text: string): RdmMessage {
  const root = parseXmlTree(text).children.find((c) => c.name === 'rdm');
  if (root === undefined) throw new ParseError('FORMAT_UNKNOWN', 'Not an RDM: the XML root element must be <rdm>.', { line: 1 });
  const values = new Map<string, { value: string; line: number }>();
  const comments = { header: [] as string[], data: [] as string[] };
  const walk = (e: XmlElement, where: 'header' | 'data' | 'other'): void => {
    for (const c of e.children) {
      if (c.children.length > 0) walk(c, c.name === 'header' ? 'header' : c.name === 'data' ? 'data' : where);
      else if (c.name === 'COMMENT') {
        if (where !== 'other') comments[where].push(c.text.trim());
      } else values.set(c.name, { value: c.text.trim(), line: c.line });
    }
  };
  walk(root, 'other');
  return build((k) => values.get(k), comments);
}
