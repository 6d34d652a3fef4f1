/**
 * CCSDS OMM in NDM/XML (CCSDS 505.0-B-2, NDM/XML 2.0 `omm-2.0.xsd`): reader for a single `<omm>` or an `<ndm>`
 * holding several, and a strict writer of schema-shaped output
 * (`omm/header/body/segment/metadata/data/{meanElements,tleParameters,userDefinedParameters}`).
 *
 * Each `<omm>` element is located in the text and parsed on its own (fast-xml-parser with `parseTagValue:false`
 * so numbers keep their text), so one malformed OMM never sinks the others and every failure has a line.
 * Structure is checked: one header, body, segment, metadata and data each; unknown elements inside metadata,
 * meanElements and tleParameters reject the OMM. covarianceMatrix and spacecraftParameters are ignored with a warning.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError, recordList, type ReadWarning, type RecordFailure } from '../errors/index.ts';
import type { ElementSet } from './model.ts';
import {
  assertWritable,
  collectRecord,
  elementSetFromOmmFields,
  OMM_HEADER_KEYWORDS,
  OMM_MEAN_ELEMENT_KEYWORDS,
  OMM_METADATA_KEYWORDS,
  OMM_TLE_KEYWORDS,
  type FieldText,
  type ReadElementSetOptions,
  type ReadElementSetsResult,
  type WriteElementSetOptions,
} from './gpRecord.ts';
import { ommFieldGroups, ommHeader } from './ommKvn.ts';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  alwaysCreateTextNode: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

const OPEN_RE = /<(?:[A-Za-z_][\w.-]*:)?omm(?=[\s/>])[^>]*>/g;

/** Reads every `<omm>` in an XML text (a bare OMM or an NDM container). */
export function readOmmXml(text: string, options: ReadElementSetOptions): ReadElementSetsResult {
  const elementSets: ElementSet[] = [];
  const failures = recordList<RecordFailure>(options.maxFailures);
  const warnings = recordList<ReadWarning>(options.maxWarnings);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  let found = 0;
  let sliceFailed = false;
  OPEN_RE.lastIndex = 0;
  for (let m = OPEN_RE.exec(text); m !== null; m = OPEN_RE.exec(text)) {
    found++;
    const start = m.index;
    const line = lineAt(start);
    const openTag = m[0];
    const prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(openTag)?.[1] ?? '';
    let slice: string;
    if (openTag.endsWith('/>')) {
      slice = openTag;
    } else {
      const closeRe = new RegExp(`</${prefix.replace(/[.]/g, '\\.')}omm\\s*>`, 'g');
      closeRe.lastIndex = start + openTag.length;
      const close = closeRe.exec(text);
      if (!close) {
        failures.push({ line, code: 'PARSE_ERROR', reason: `line ${line}: <omm> is never closed.`, raw: openTag });
        sliceFailed = true;
        break;
      }
      slice = text.slice(start, close.index + close[0].length);
      OPEN_RE.lastIndex = close.index + close[0].length;
    }
    const set = collectRecord(() => parseOmmElement(slice, start, lineAt, options, warnings), line, undefined, failures);
    if (set) elementSets.push(set);
    else sliceFailed = true;
  }
  if (found === 0) {
    failures.push({ line: 1, code: 'PARSE_ERROR', reason: 'line 1: no <omm> element in this XML: expected an OMM or an NDM holding OMMs.' });
  } else if (!sliceFailed) {
    const v = XMLValidator.validate(text);
    if (v !== true) {
      warnings.push({ code: 'XML_NOT_WELL_FORMED', line: v.err.line, message: `the XML around the OMMs is not well-formed (${v.err.msg}); the OMMs themselves were read.` });
    }
  }
  return { elementSets, failures, warnings };
}

function children(node: XmlNode): [string, XmlNode[]][] {
  return Object.entries(node)
    .filter(([k]) => k !== '#text' && !k.startsWith('@_'))
    .map(([k, v]) => [k, (Array.isArray(v) ? v : [v]) as XmlNode[]]);
}

function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  const t = node['#text'];
  return typeof t === 'string' ? t : typeof t === 'number' ? String(t) : '';
}

function parseOmmElement(
  slice: string,
  offset: number,
  lineAt: (offset: number) => number,
  options: ReadElementSetOptions,
  warnings: ReadWarning[],
): ElementSet {
  const startLine = lineAt(offset);
  const valid = XMLValidator.validate(slice);
  if (valid !== true) {
    throw new ParseError('PARSE_ERROR', `this <omm> is not well-formed XML: ${valid.err.msg}`, { line: startLine + valid.err.line - 1 });
  }
  // Line of the first occurrence of an element inside this OMM (for messages).
  const lineOfTag = (tag: string): number => {
    const i = slice.search(new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}[\\s/>]`));
    return i < 0 ? startLine : lineAt(offset + i);
  };
  const doc = parser.parse(slice) as XmlNode;
  const omm = (doc['omm'] as XmlNode[] | undefined)?.[0];
  if (!omm) throw new ParseError('PARSE_ERROR', 'empty <omm>.', { line: startLine });
  const one = (parent: XmlNode, tag: string, required: boolean): XmlNode | undefined => {
    const v = parent[tag] as XmlNode[] | undefined;
    if (v === undefined || v.length === 0) {
      if (required) throw new ParseError('FIELD_MISSING', `<${tag}> is missing: an OMM needs header, body, segment, metadata and data.`, { line: startLine, field: tag });
      return undefined;
    }
    if (v.length > 1) {
      const second = slice.indexOf(`<${tag}`, slice.indexOf(`<${tag}`) + 1);
      throw new ParseError('PARSE_ERROR', `<${tag}> appears ${v.length} times; an OMM has exactly one.`, { line: second >= 0 ? lineAt(offset + second) : startLine, field: tag });
    }
    return v[0]!;
  };

  const fields = new Map<string, FieldText>();
  const version = omm['@_version'];
  if (typeof version === 'string') fields.set('CCSDS_OMM_VERS', { value: version, line: startLine });
  const take = (parent: XmlNode, allowed: ReadonlySet<string>, where: string): void => {
    for (const [tag, nodes] of children(parent)) {
      if (tag === 'COMMENT') continue;
      if (!allowed.has(tag)) {
        throw new ParseError('PARSE_ERROR', `<${tag}> is not an OMM ${where} element.`, { line: lineOfTag(tag), field: tag });
      }
      if (nodes.length > 1) throw new ParseError('PARSE_ERROR', `<${tag}> appears ${nodes.length} times.`, { line: lineOfTag(tag), field: tag });
      fields.set(tag, { value: textOf(nodes[0]), line: lineOfTag(tag) });
    }
  };
  take(one(omm, 'header', true)!, new Set(OMM_HEADER_KEYWORDS), 'header');
  const body = one(omm, 'body', true)!;
  const segment = one(body, 'segment', true)!;
  const metadata = one(segment, 'metadata', true)!;
  take(metadata, new Set(OMM_METADATA_KEYWORDS), 'metadata');
  const data = one(segment, 'data', true)!;
  for (const [tag, nodes] of children(data)) {
    const node = nodes[0]!;
    if (nodes.length > 1) throw new ParseError('PARSE_ERROR', `<${tag}> appears ${nodes.length} times.`, { line: lineOfTag(tag), field: tag });
    if (tag === 'COMMENT') continue;
    if (tag === 'meanElements') take(node, new Set(OMM_MEAN_ELEMENT_KEYWORDS), 'meanElements');
    else if (tag === 'tleParameters') take(node, new Set(OMM_TLE_KEYWORDS), 'tleParameters');
    else if (tag === 'userDefinedParameters') {
      for (const [t, list] of children(node)) {
        if (t !== 'USER_DEFINED') continue;
        for (const u of list) {
          const p = u['@_parameter'];
          if (typeof p === 'string') fields.set(`USER_DEFINED_${p}`, { value: textOf(u), line: lineOfTag('USER_DEFINED') });
        }
      }
    } else if (tag === 'covarianceMatrix' || tag === 'spacecraftParameters') {
      warnings.push({ code: 'FIELD_IGNORED', line: lineOfTag(tag), field: tag, message: `<${tag}> is not part of a GP element set; ignored.` });
    } else {
      throw new ParseError('PARSE_ERROR', `<${tag}> is not an OMM data element.`, { line: lineOfTag(tag), field: tag });
    }
  }
  // Space-Track puts OBJECT_TYPE among the user-defined parameters.
  const ut = fields.get('USER_DEFINED_OBJECT_TYPE');
  if (ut) fields.set('OBJECT_TYPE', ut);
  return elementSetFromOmmFields(fields, startLine, 'omm-xml', options, warnings);
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Writes an NDM/XML 2.0 `<ndm>` holding one `<omm>` per element set (units as `units` attributes, as the XSD allows). */
export function writeOmmXml(sets: readonly ElementSet[], options: WriteElementSetOptions): string {
  const header = ommHeader(options);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd">',
  ];
  const leaf = (indent: string, tag: string, value: string, unit?: string): string =>
    `${indent}<${tag}${unit !== undefined ? ` units="${escapeXml(unit)}"` : ''}>${escapeXml(value)}</${tag}>`;
  sets.forEach((s, i) => {
    assertWritable(s, i);
    const g = ommFieldGroups(s, options);
    out.push('  <omm id="CCSDS_OMM_VERS" version="2.0">');
    out.push('    <header>', leaf('      ', 'CREATION_DATE', header.creationDate), leaf('      ', 'ORIGINATOR', header.originator), '    </header>');
    out.push('    <body>', '      <segment>', '        <metadata>');
    for (const [k, v] of g.metadata) out.push(leaf('          ', k, v));
    out.push('        </metadata>', '        <data>', '          <meanElements>');
    for (const [k, v, u] of g.meanElements) out.push(leaf('            ', k, v, u));
    out.push('          </meanElements>', '          <tleParameters>');
    for (const [k, v, u] of g.tleParameters) out.push(leaf('            ', k, v, u));
    out.push('          </tleParameters>');
    if (g.userDefined.length > 0) {
      out.push('          <userDefinedParameters>');
      for (const [k, v] of g.userDefined) out.push(`            <USER_DEFINED parameter="${escapeXml(k)}">${escapeXml(v)}</USER_DEFINED>`);
      out.push('          </userDefinedParameters>');
    }
    out.push('        </data>', '      </segment>', '    </body>', '  </omm>');
  });
  out.push('</ndm>');
  return out.join('\n') + '\n';
}
