/**
 * CCSDS OCM in NDM/XML (ODM 502.0-B-3 §8, the `ndmxml-3.0.0` OCM layout: `<header>`, `<body><segment><metadata>`
 * and `<data>` holding `<traj>` (rows in `<trajLine>`), `<phys>`, `<cov>` (`<covLine>`), `<man>` (`<manLine>`),
 * `<pert>`, `<od>`, `<user>`): reader into the same blocks as the KVN reader, and a writer. The 3.0 schemas are not
 * bundled (docs: data README), so the written XML is checked by reading it back, not by an XSD.
 */
import { ParseError } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { escapeXml } from '../../catalog/ommXml.ts';
import { parseXmlTree, type XmlElement } from '../xml/index.ts';
import { buildOcm, planOcm, type OcmReadResult, type RawOcmBlock, type ReadOcmOptions } from './kvn.ts';
import type { Ocm } from './model.ts';

const DATA_ELEMENT: Readonly<Record<string, string>> = { traj: 'TRAJ', phys: 'PHYS', cov: 'COV', man: 'MAN', pert: 'PERT', od: 'OD', user: 'USER' };
const ROW_ELEMENT: Readonly<Record<string, string>> = { TRAJ: 'trajLine', COV: 'covLine', MAN: 'manLine' };

/** Reads an OCM in XML; throws ParseError with element and line. */
export function readOcmXml(text: string, options: ReadOcmOptions): OcmReadResult {
  const doc = parseXmlTree(text);
  const top = doc.children[0];
  const ocm = top?.name === 'ocm' ? top : top?.name === 'ndm' ? top.children.find((c) => c.name === 'ocm') : undefined;
  if (ocm === undefined) throw new ParseError('PARSE_ERROR', `root element <${top?.name ?? ''}> is not <ocm> or an <ndm> holding one.`, { line: top?.line ?? 1, field: 'ocm' });
  const child = (parent: XmlElement, name: string): XmlElement => {
    const found = parent.children.find((c) => c.name === name);
    if (found === undefined) throw new ParseError('FIELD_MISSING', `<${parent.name}> needs a <${name}>.`, { line: parent.line, field: name });
    return found;
  };
  const toBlock = (el: XmlElement, name: string): RawOcmBlock => {
    const block: RawOcmBlock = { name, line: el.line, comments: [], keywords: [], rows: [] };
    for (const c of el.children) {
      if (c.children.length > 0) throw new ParseError('PARSE_ERROR', `<${c.name}> holds elements but should hold a value.`, { line: c.line, field: c.name });
      const value = c.text.replace(/\s+/g, ' ').trim();
      if (c.name === 'COMMENT') block.comments.push(value);
      else if (c.name === ROW_ELEMENT[name]) block.rows.push({ text: value, line: c.line });
      else {
        const keyword = c.name === 'USER_DEFINED' ? `USER_DEFINED_${c.attrs['parameter'] ?? ''}` : c.name;
        const unit = c.attrs['units'];
        block.keywords.push({ keyword, value, ...(unit !== undefined ? { unit } : {}), line: c.line });
      }
    }
    return block;
  };
  const header = toBlock(child(ocm, 'header'), 'HEADER');
  header.keywords.unshift({ keyword: 'CCSDS_OCM_VERS', value: ocm.attrs['version'] ?? '', line: ocm.line });
  const segment = child(child(ocm, 'body'), 'segment');
  const blocks: RawOcmBlock[] = [toBlock(child(segment, 'metadata'), 'META')];
  for (const el of child(segment, 'data').children) {
    const name = DATA_ELEMENT[el.name];
    if (name === undefined) throw new ParseError('PARSE_ERROR', `<${el.name}> is not an OCM data block (traj, phys, cov, man, pert, od, user).`, { line: el.line, field: el.name });
    blocks.push(toBlock(el, name));
  }
  return buildOcm(header, blocks, options);
}

/** Writes an OCM 3.0 in NDM/XML (see planOcm for what is written). */
export function writeOcmXml(ocm: Ocm, ts: TimeScales): string {
  const plan = planOcm(ocm, ts);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<ocm id="CCSDS_OCM_VERS" version="3.0">'];
  const leaf = (indent: string, keyword: string, value: string, unit?: string): string =>
    keyword.startsWith('USER_DEFINED_')
      ? `${indent}<USER_DEFINED parameter="${escapeXml(keyword.slice('USER_DEFINED_'.length))}">${escapeXml(value)}</USER_DEFINED>`
      : `${indent}<${keyword}${unit !== undefined ? ` units="${escapeXml(unit)}"` : ''}>${escapeXml(value)}</${keyword}>`;
  out.push('  <header>');
  for (const c of plan.header.comments) out.push(`    <COMMENT>${escapeXml(c)}</COMMENT>`);
  for (const k of plan.header.keywords) out.push(leaf('    ', k.keyword, k.value, k.unit));
  out.push('  </header>', '  <body>', '    <segment>');
  const element = Object.fromEntries(Object.entries(DATA_ELEMENT).map(([k, v]) => [v, k]));
  for (const b of plan.blocks) {
    const tag = b.name === 'META' ? 'metadata' : element[b.name]!;
    if (b.name !== 'META' && plan.blocks.indexOf(b) === 1) out.push('      <data>');
    const indent = b.name === 'META' ? '      ' : '        ';
    out.push(`${indent}<${tag}>`);
    for (const c of b.comments) out.push(`${indent}  <COMMENT>${escapeXml(c)}</COMMENT>`);
    for (const k of b.keywords) out.push(leaf(`${indent}  `, k.keyword, k.value, k.unit));
    for (const r of b.rows) out.push(`${indent}  <${ROW_ELEMENT[b.name]!}>${escapeXml(r)}</${ROW_ELEMENT[b.name]!}>`);
    out.push(`${indent}</${tag}>`);
  }
  if (plan.blocks.length > 1) out.push('      </data>');
  out.push('    </segment>', '  </body>', '</ocm>');
  return out.join('\n') + '\n';
}
