/**
 * CCSDS OPM in NDM/XML (`ndmxml-2.0.0-opm-2.0.xsd`; OPM 3.0 documents are read too): reader for a bare `<opm>` or
 * the first `<opm>` of an `<ndm>`, namespace-qualified or not, and a strict writer of namespace-qualified OPM (the
 * namespace sits on the root's children, as in the CDM writer), schema-valid whenever the content fits OPM 2.0.
 */
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { escapeXml } from '../../catalog/ommXml.ts';
import { NDM_XML_NAMESPACE } from '../cdm/xml.ts';
import { parseXmlTree, type XmlElement } from '../xml/index.ts';
import { buildOpm, type OpmItem, type OpmReadResult, type ReadOpmOptions } from './build.ts';
import type { Opm } from './model.ts';
import { planOpm, type PlannedOpmBlock } from './plan.ts';

const DATA_BLOCKS = ['stateVector', 'keplerianElements', 'spacecraftParameters', 'covarianceMatrix', 'maneuverParameters', 'userDefinedParameters'];

/** Reads an OPM in XML; throws ParseError with element and line. */
export function readOpmXml(text: string, options: ReadOpmOptions): OpmReadResult {
  const doc = parseXmlTree(text);
  const warnings: ReadWarning[] = [];
  const top = doc.children[0];
  if (top === undefined) throw new ParseError('PARSE_ERROR', 'empty XML document.', { line: 1, field: 'opm' });
  let opm: XmlElement | undefined = top.name === 'opm' ? top : undefined;
  if (top.name === 'ndm') {
    const found = top.children.filter((c) => c.name === 'opm');
    opm = found[0];
    if (found.length > 1) warnings.push({ code: 'MESSAGE_IGNORED', line: found[1]!.line, field: 'opm', message: `this NDM holds ${found.length} OPMs; only the first was read.` });
  }
  if (opm === undefined) throw new ParseError('PARSE_ERROR', `root element <${top.name}> is not <opm> or an <ndm> holding one.`, { line: top.line, field: top.name });
  const version = opm.attrs['version'];
  if (version === undefined) throw new ParseError('FIELD_MISSING', 'the <opm> element needs version="2.0" (and id="CCSDS_OPM_VERS").', { line: opm.line, field: 'CCSDS_OPM_VERS' });
  const items: OpmItem[] = [{ kind: 'field', keyword: 'CCSDS_OPM_VERS', value: version, line: opm.line }];
  const leaf = (el: XmlElement): void => {
    if (el.children.length > 0) throw new ParseError('PARSE_ERROR', `<${el.name}> holds elements (<${el.children[0]!.name}>) but should hold a value.`, { line: el.line, field: el.name });
    if (el.name === 'COMMENT') {
      items.push({ kind: 'comment', text: el.text.trim(), line: el.line });
      return;
    }
    const keyword = el.name === 'USER_DEFINED' ? `USER_DEFINED_${el.attrs['parameter'] ?? ''}` : el.name;
    const unit = el.attrs['units'];
    items.push({ kind: 'field', keyword, value: el.text.trim(), ...(unit !== undefined ? { unit } : {}), line: el.line });
  };
  const child = (parent: XmlElement, name: string): XmlElement => {
    const found = parent.children.find((c) => c.name === name);
    if (found === undefined) throw new ParseError('FIELD_MISSING', `<${parent.name}> needs a <${name}>.`, { line: parent.line, field: name });
    return found;
  };
  for (const c of child(opm, 'header').children) leaf(c);
  const segment = child(child(opm, 'body'), 'segment');
  for (const c of child(segment, 'metadata').children) leaf(c);
  for (const c of child(segment, 'data').children) {
    if (c.name === 'COMMENT') leaf(c);
    else if (DATA_BLOCKS.includes(c.name)) for (const g of c.children) leaf(g);
    else throw new ParseError('PARSE_ERROR', `<${c.name}> is not allowed in an OPM's <data>.`, { line: c.line, field: c.name });
  }
  return buildOpm(items, options, warnings);
}

/** Writes an OPM in NDM/XML: version 2.0, valid against the qualified 2.0.0 schemas, or 3.0 when the content needs it (planOpm). */
export function writeOpmXml(opm: Opm, ts: TimeScales): string {
  const plan = planOpm(opm, ts);
  const ns = `xmlns="${NDM_XML_NAMESPACE}"`;
  // The 3.0 schemas are not bundled; 3.0 output keeps 2.0's element order with the 3.0 header keywords.
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<opm id="CCSDS_OPM_VERS" version="${plan.version}">`];
  const block = (indent: string, b: PlannedOpmBlock, attrs = ''): void => {
    out.push(`${indent}<${b.element}${attrs}>`);
    for (const c of b.comments) out.push(`${indent}  <COMMENT>${escapeXml(c)}</COMMENT>`);
    for (const f of b.fields) {
      if (f.keyword.startsWith('USER_DEFINED_')) out.push(`${indent}  <USER_DEFINED parameter="${escapeXml(f.keyword.slice('USER_DEFINED_'.length))}">${escapeXml(f.value)}</USER_DEFINED>`);
      else out.push(`${indent}  <${f.keyword}${f.unit !== undefined ? ` units="${escapeXml(f.unit)}"` : ''}>${escapeXml(f.value)}</${f.keyword}>`);
    }
    out.push(`${indent}</${b.element}>`);
  };
  block('  ', plan.header, ` ${ns}`);
  out.push(`  <body ${ns}>`, '    <segment>');
  block('      ', plan.metadata);
  out.push('      <data>');
  for (const b of plan.data) block('        ', b);
  out.push('      </data>', '    </segment>', '  </body>', '</opm>');
  return out.join('\n') + '\n';
}
