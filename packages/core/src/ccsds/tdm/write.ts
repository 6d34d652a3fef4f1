/**
 * Strict TDM writers: KVN (CCSDS 503.0-B-2 §3) and NDM/XML (ndmxml-2.0.0-tdm-2.0.xsd), always version 2.0,
 * metadata in the standard's order. What is written is read back with the same checks as the reader; any
 * error-severity problem makes the writer throw (a writer never emits a message its own reader rejects).
 */
import { escapeXml } from '../../catalog/ommXml.ts';
import { ParseError } from '../../errors/index.ts';
import { NDM_XML_NAMESPACE } from '../cdm/xml.ts';
import { formatKvnLine } from '../kvn/index.ts';
import { TDM_METADATA_KEYWORDS, TDM_REFERENCE_FRAMES, TDM_XML_TIME_SYSTEMS, type Tdm, type TdmField, type TdmProblem } from './model.ts';
import { readTdmKvn, readTdmXml } from './read.ts';

function orderedMetadata(fields: readonly TdmField[]): TdmField[] {
  const last = new Map<string, TdmField>();
  for (const f of fields) {
    if (f.keyword === 'REFERENCE_FRAME' && !TDM_REFERENCE_FRAMES.includes(f.value.toUpperCase())) {
      throw new ParseError('FIELD_INVALID', `REFERENCE_FRAME "${f.value}" is not one of the TDM frames (${TDM_REFERENCE_FRAMES.join(', ')}); the writer refuses it.`, { line: f.line, field: f.keyword });
    }
    last.set(f.keyword, f);
  }
  return [...last.values()].sort((a, b) => TDM_METADATA_KEYWORDS.indexOf(a.keyword) - TDM_METADATA_KEYWORDS.indexOf(b.keyword));
}

/** Normalises a number for output: Fortran `D` exponents become `E` (xsd:double has no `D`). */
function numberText(v: string): string {
  return v.replace(/[dD]/, 'E');
}

function epochText(v: string): string {
  return v.replace(/Z$/, '');
}

function throwFirst(problems: readonly TdmProblem[], form: string): void {
  const e = problems.find((p) => p.severity === 'error');
  if (e) throw new ParseError(e.code, `the TDM cannot be written as ${form}: ${e.message}`, { line: e.line, field: e.field });
}

/** Writes a TDM in KVN form (version 2.0). Throws ParseError (code, field) when the content is not a valid TDM. */
export function writeTdmKvn(tdm: Tdm): string {
  const out: string[] = [formatKvnLine('CCSDS_TDM_VERS', '2.0')];
  for (const c of tdm.header.comments) out.push(`COMMENT ${c.replace(/[\r\n]+/g, ' ')}`);
  out.push(formatKvnLine('CREATION_DATE', epochText(tdm.header.creationDate)), formatKvnLine('ORIGINATOR', tdm.header.originator));
  if (tdm.header.messageId !== undefined) out.push(formatKvnLine('MESSAGE_ID', tdm.header.messageId));
  for (const s of tdm.segments) {
    out.push('', 'META_START');
    for (const c of s.metadataComments) out.push(`COMMENT ${c.replace(/[\r\n]+/g, ' ')}`);
    for (const f of orderedMetadata(s.metadata)) out.push(formatKvnLine(f.keyword, /_TIME$/.test(f.keyword) ? epochText(f.value) : f.value, undefined, 24));
    out.push('META_STOP', '', 'DATA_START');
    for (const c of s.dataComments) out.push(`COMMENT ${c.replace(/[\r\n]+/g, ' ')}`);
    for (const d of s.data) out.push(formatKvnLine(d.keyword, `${epochText(d.epoch)} ${numberText(d.value)}`, undefined, 24));
    out.push('DATA_STOP');
  }
  const text = out.join('\n') + '\n';
  throwFirst(readTdmKvn(text).problems, 'KVN');
  return text;
}

/**
 * Writes a TDM in NDM/XML 2.0 (a bare `<tdm>` root). In the qualified 2.0.0 schemas the root is unqualified and
 * everything below it is in `urn:ccsds:schema:ndmxml`, so the namespace is declared on `<header>` and `<body>`.
 */
export function writeTdmXml(tdm: Tdm): string {
  const ns = ` xmlns="${NDM_XML_NAMESPACE}"`;
  const leaf = (indent: string, k: string, v: string): string => `${indent}<${k}>${escapeXml(v)}</${k}>`;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<tdm id="CCSDS_TDM_VERS" version="2.0">', `  <header${ns}>`];
  for (const c of tdm.header.comments) out.push(leaf('    ', 'COMMENT', c));
  out.push(leaf('    ', 'CREATION_DATE', epochText(tdm.header.creationDate)), leaf('    ', 'ORIGINATOR', tdm.header.originator));
  if (tdm.header.messageId !== undefined) out.push(leaf('    ', 'MESSAGE_ID', tdm.header.messageId));
  out.push('  </header>', `  <body${ns}>`);
  for (const s of tdm.segments) {
    const system = s.metadata.find((f) => f.keyword === 'TIME_SYSTEM');
    if (system && !TDM_XML_TIME_SYSTEMS.includes(system.value.toUpperCase())) {
      throw new ParseError('UNSUPPORTED', `TIME_SYSTEM "${system.value}" has no place in NDM/XML 2.0 (${TDM_XML_TIME_SYSTEMS.join(', ')}); write this TDM as KVN.`, { line: system.line, field: 'TIME_SYSTEM' });
    }
    out.push('    <segment>', '      <metadata>');
    for (const c of s.metadataComments) out.push(leaf('        ', 'COMMENT', c));
    for (const f of orderedMetadata(s.metadata)) out.push(leaf('        ', f.keyword, /_TIME$/.test(f.keyword) ? epochText(f.value) : f.value));
    out.push('      </metadata>', '      <data>');
    for (const c of s.dataComments) out.push(leaf('        ', 'COMMENT', c));
    for (const d of s.data) {
      out.push('        <observation>', leaf('          ', 'EPOCH', epochText(d.epoch)), leaf('          ', d.keyword, numberText(d.value)), '        </observation>');
    }
    out.push('      </data>', '    </segment>');
  }
  out.push('  </body>', '</tdm>');
  const text = out.join('\n') + '\n';
  throwFirst(readTdmXml(text).problems, 'XML');
  return text;
}
