/**
 * CDM in NDM/XML (CCSDS 505.0-B-2 with `ndmxml-2.0.0-cdm-1.0.xsd`): reader for a bare `<cdm>` or an `<ndm>`
 * holding CDMs (namespace-qualified or not), and a strict writer of schema-valid, namespace-qualified output.
 *
 * Well-formedness is checked with fast-xml-parser's validator (which reports the line); the document is then
 * walked by a small tokenizer that keeps the line of every element, so that each error names element and line.
 */
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { escapeXml } from '../../catalog/ommXml.ts';
import { parseXmlTree, type XmlElement } from '../xml/index.ts';
import { buildCdm, type CdmCommentSection, type RawCdmItem, type ReadCdmOptions } from './build.ts';
import type { CdmReadResult } from './kvn.ts';
import type { Cdm } from './model.ts';
import { planCdm, type PlannedBlock, type PlannedField } from './plan.ts';

/** The NDM/XML namespace of the qualified 2.0.0 schemas. */
export const NDM_XML_NAMESPACE = 'urn:ccsds:schema:ndmxml';

/** Reads every CDM in an XML text (a `<cdm>` or an `<ndm>` holding CDMs). Throws ParseError with element and line. */
export function readCdmXml(text: string, options: ReadCdmOptions): CdmReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseXmlTree(body);
  const warnings: ReadWarning[] = [];
  const top = doc.children[0];
  if (!top) throw new ParseError('PARSE_ERROR', 'empty XML document.', { line: 1, field: 'cdm' });
  let cdmElements: XmlElement[];
  if (top.name === 'cdm') cdmElements = [top];
  else if (top.name === 'ndm') {
    cdmElements = top.children.filter((c) => c.name === 'cdm');
    for (const c of top.children) {
      if (c.name !== 'cdm' && c.name !== 'COMMENT' && c.name !== 'MESSAGE_ID') {
        warnings.push({ code: 'MESSAGE_IGNORED', line: c.line, field: c.name, message: `<${c.name}> in this NDM is not a CDM; ignored.` });
      }
    }
    if (cdmElements.length === 0) throw new ParseError('PARSE_ERROR', 'this <ndm> holds no <cdm>.', { line: top.line, field: 'cdm' });
  } else throw new ParseError('PARSE_ERROR', `root element <${top.name}> is not <cdm> or <ndm>.`, { line: top.line, field: top.name });
  const cdms = cdmElements.map((el) => readCdmElement(el, options, warnings));
  return { cdms, warnings };
}

function readCdmElement(cdm: XmlElement, options: ReadCdmOptions, warnings: ReadWarning[]): Cdm {
  const version = cdm.attrs['version'];
  if (version === undefined || !/^\d+\.\d+$/.test(version)) {
    throw new ParseError('FIELD_MISSING', 'the <cdm> element needs version="1.0" (and id="CCSDS_CDM_VERS").', { line: cdm.line, field: 'CCSDS_CDM_VERS' });
  }
  if (version !== '1.0') warnings.push({ code: 'CDM_VERSION', line: cdm.line, field: 'CCSDS_CDM_VERS', message: `CDM version ${version}: read with the 1.0 model; draft keywords are kept verbatim.` });
  const items: RawCdmItem[] = [];
  const leaf = (el: XmlElement, container: string, section: CdmCommentSection | undefined): void => {
    if (el.children.length > 0) {
      throw new ParseError('PARSE_ERROR', `<${el.name}> holds elements (<${el.children[0]!.name}>) but should hold a value.`, { line: el.line, field: el.name });
    }
    if (el.name === 'COMMENT') {
      items.push({ kind: 'comment', text: el.text.trim(), line: el.line, ...(section !== undefined ? { section } : {}) });
      return;
    }
    const keyword = el.name === 'USER_DEFINED' ? `USER_DEFINED_${el.attrs['parameter'] ?? ''}` : el.name;
    const nil = el.attrs['nil'] === 'true';
    const unit = el.attrs['units'];
    items.push({ kind: 'field', keyword, value: nil ? '' : el.text.trim(), ...(unit !== undefined ? { unit } : {}), line: el.line, container });
  };
  const one = (parent: XmlElement, name: string): XmlElement => {
    const found = parent.children.filter((c) => c.name === name);
    if (found.length === 0) throw new ParseError('FIELD_MISSING', `<${parent.name}> needs a <${name}>.`, { line: parent.line, field: name });
    if (found.length > 1) throw new ParseError('PARSE_ERROR', `<${name}> appears ${found.length} times in <${parent.name}>.`, { line: found[1]!.line, field: name });
    return found[0]!;
  };
  const expectOnly = (parent: XmlElement, allowed: readonly string[]): void => {
    for (const c of parent.children) {
      if (!allowed.includes(c.name)) throw new ParseError('PARSE_ERROR', `<${c.name}> is not allowed in <${parent.name}>.`, { line: c.line, field: c.name });
    }
  };
  expectOnly(cdm, ['header', 'body']);
  const header = one(cdm, 'header');
  for (const c of header.children) leaf(c, 'header', 'header');
  const body = one(cdm, 'body');
  expectOnly(body, ['relativeMetadataData', 'segment']);
  const rel = one(body, 'relativeMetadataData');
  for (const c of rel.children) {
    if (c.name === 'relativeStateVector') for (const g of c.children) leaf(g, 'relativeStateVector', 'relative');
    else leaf(c, 'relativeMetadataData', 'relative');
  }
  const segments = body.children.filter((c) => c.name === 'segment');
  for (const seg of segments) {
    expectOnly(seg, ['metadata', 'data']);
    // Metadata comments come before OBJECT: left without a section, they attach to the metadata it opens.
    for (const c of one(seg, 'metadata').children) leaf(c, 'metadata', c.name === 'COMMENT' ? undefined : 'metadata');
    const data = one(seg, 'data');
    for (const c of data.children) {
      if (c.name === 'COMMENT') {
        leaf(c, 'data', 'data');
        continue;
      }
      const section: CdmCommentSection | undefined =
        c.name === 'odParameters'
          ? 'od'
          : c.name === 'additionalParameters'
            ? 'additional'
            : c.name === 'stateVector'
              ? 'stateVector'
              : c.name === 'covarianceMatrix'
                ? 'covariance'
                : c.name === 'userDefinedParameters'
                  ? 'data'
                  : undefined;
      if (section === undefined) throw new ParseError('PARSE_ERROR', `<${c.name}> is not allowed in <data>.`, { line: c.line, field: c.name });
      if (c.children.length === 0 && c.text.trim() !== '') throw new ParseError('PARSE_ERROR', `<${c.name}> holds text but should hold elements.`, { line: c.line, field: c.name });
      for (const g of c.children) leaf(g, c.name, section);
    }
  }
  return buildCdm({ version, line: cdm.line, items }, options, warnings);
}

export interface WriteCdmXmlOptions {
  /** Wrap in `<ndm>` (default false: a bare `<cdm>` root). */
  readonly ndm?: boolean;
}

/**
 * Writes CDMs in NDM/XML 2.0, element order of cdm-1.0.xsd, valid against the qualified 2.0.0 schemas: there the
 * root (`cdm` or `ndm`, declared in the master schema, which has no target namespace) is unqualified and everything
 * below it is in `urn:ccsds:schema:ndmxml`, so the namespace is declared on the root's children.
 */
export function writeCdmXml(cdms: Cdm | readonly Cdm[], timeScales: TimeScales, options: WriteCdmXmlOptions = {}): string {
  const list = Array.isArray(cdms) ? (cdms as readonly Cdm[]) : [cdms as Cdm];
  const wrap = options.ndm === true || list.length > 1;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const ns = `xmlns="${NDM_XML_NAMESPACE}"`;
  if (wrap) out.push('<ndm>');
  const base = wrap ? '  ' : '';
  const leaf = (indent: string, f: PlannedField): string => {
    if (f.keyword.startsWith('USER_DEFINED_')) {
      return `${indent}<USER_DEFINED parameter="${escapeXml(f.keyword.slice('USER_DEFINED_'.length))}">${escapeXml(f.value)}</USER_DEFINED>`;
    }
    return `${indent}<${f.keyword}${f.unit !== undefined ? ` units="${escapeXml(f.unit)}"` : ''}>${escapeXml(f.value)}</${f.keyword}>`;
  };
  const block = (indent: string, b: PlannedBlock, attrs = ''): void => {
    out.push(`${indent}<${b.element}${attrs}>`);
    for (const c of b.comments) out.push(`${indent}  <COMMENT>${escapeXml(c)}</COMMENT>`);
    for (const item of b.items) {
      if ('group' in item) {
        out.push(`${indent}  <${item.group}>`);
        for (const f of item.fields) out.push(leaf(`${indent}    `, f));
        out.push(`${indent}  </${item.group}>`);
      } else out.push(leaf(`${indent}  `, item));
    }
    out.push(`${indent}</${b.element}>`);
  };
  for (const cdm of list) {
    const plan = planCdm(cdm, timeScales);
    out.push(`${base}<cdm ${wrap ? `${ns} ` : ''}id="CCSDS_CDM_VERS" version="${plan.version}">`);
    block(`${base}  `, plan.header, wrap ? '' : ` ${ns}`);
    out.push(`${base}  <body${wrap ? '' : ` ${ns}`}>`);
    block(`${base}    `, plan.relative);
    for (const o of plan.objects) {
      out.push(`${base}    <segment>`);
      block(`${base}      `, o.metadata);
      out.push(`${base}      <data>`);
      for (const c of o.dataComments) out.push(`${base}        <COMMENT>${escapeXml(c)}</COMMENT>`);
      for (const b of o.data) block(`${base}        `, b);
      out.push(`${base}      </data>`, `${base}    </segment>`);
    }
    out.push(`${base}  </body>`, `${base}</cdm>`);
  }
  if (wrap) out.push('</ndm>');
  return out.join('\n') + '\n';
}
