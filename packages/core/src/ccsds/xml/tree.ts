/**
 * A small XML tree reader shared by the NDM/XML message readers (CDM, OPM, OCM): well-formedness is checked with
 * fast-xml-parser's validator (which reports the line); the document is then walked by a tokenizer that keeps the
 * 1-based line of every element, so that each error can name element and line. Namespace prefixes are dropped.
 */
import { XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../../errors/index.ts';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  readonly line: number;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const localName = (n: string): string => n.slice(n.indexOf(':') + 1);

/** Parses well-formed XML into elements with line numbers (namespace prefixes dropped). */
function parseWellFormedTree(text: string): XmlElement {
  const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
  const stack: XmlElement[] = [root];
  let line = 1;
  let last = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      if (stack.length > 1) stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[4] ?? ''); a !== null; a = ATTR.exec(m[4] ?? '')) attrs[localName(a[1]!)] = decodeEntities(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: localName(m[3]), attrs, children: [], text: '', line };
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    } else if (m[6] !== undefined) top.text += decodeEntities(m[6]);
  }
  return root;
}

/** Parses an XML text (a leading byte-order mark is skipped) into its element tree; throws ParseError when it is not well-formed. */
export function parseXmlTree(text: string): XmlElement {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new ParseError('PARSE_ERROR', `not well-formed XML: ${valid.err.msg}`, { line: valid.err.line, field: 'xml' });
  return parseWellFormedTree(body);
}
