/**
 * CDM in KVN (CCSDS 508.0-B-1 §7): reader for a text holding one or more CDMs (each starting with
 * CCSDS_CDM_VERS), built on the generic KVN lexer, and a strict writer.
 */
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { formatKvnLine, lexKvn, type KvnToken } from '../kvn/index.ts';
import { buildCdm, classifyCdmKeyword, type RawCdmItem, type ReadCdmOptions } from './build.ts';
import type { Cdm } from './model.ts';
import { flatItems, planCdm } from './plan.ts';

/** What a CDM reader returns: the messages and the structured warnings of the lenient reading. */
export interface CdmReadResult {
  readonly cdms: Cdm[];
  readonly warnings: ReadWarning[];
}

/** Reads every CDM of a KVN text; throws ParseError (keyword and line) on the first message that is broken. */
export function readCdmKvn(text: string, options: ReadCdmOptions): CdmReadResult {
  const tokens = lexKvn(text);
  const warnings: ReadWarning[] = [];
  const messages: { version: string; line: number; tokens: KvnToken[] }[] = [];
  for (const t of tokens) {
    if (t.kind === 'keyValue' && t.keyword === 'CCSDS_CDM_VERS') {
      if (!/^\d+\.\d+$/.test(t.value)) throw new ParseError('FIELD_INVALID', `CCSDS_CDM_VERS = "${t.value}" is not a version such as 1.0.`, { line: t.line, field: 'CCSDS_CDM_VERS' }, t.value);
      if (t.value !== '1.0') warnings.push({ code: 'CDM_VERSION', line: t.line, field: 'CCSDS_CDM_VERS', message: `CDM version ${t.value}: read with the 1.0 model; draft keywords are kept verbatim.` });
      messages.push({ version: t.value, line: t.line, tokens: [] });
      continue;
    }
    const current = messages[messages.length - 1];
    if (!current) {
      if (t.kind === 'comment') continue;
      throw new ParseError('FIELD_MISSING', 'a CDM must start with CCSDS_CDM_VERS = 1.0.', { line: t.line, field: 'CCSDS_CDM_VERS' });
    }
    current.tokens.push(t);
  }
  if (messages.length === 0) throw new ParseError('FIELD_MISSING', 'no CCSDS_CDM_VERS line: this is not a CDM in KVN.', { line: 1, field: 'CCSDS_CDM_VERS' });
  const cdms = messages.map((m) => {
    const items: RawCdmItem[] = [];
    for (const t of m.tokens) {
      switch (t.kind) {
        case 'comment':
          items.push({ kind: 'comment', text: t.text, line: t.line });
          break;
        case 'keyValue': {
          const where = classifyCdmKeyword(t.keyword);
          // Free-text fields keep everything after '=' (a trailing "[..]" is part of the text there).
          const freeText = where !== undefined && 'spec' in where && where.spec.kind === 'text';
          const broken = freeText ? null : /^(.*?)\s*\[[^\]]*$/.exec(t.value);
          if (broken) {
            warnings.push({ code: 'UNIT_MALFORMED', line: t.line, field: t.keyword, message: `${t.keyword}: the unit bracket is not closed; the unit was ignored.` });
            items.push({ kind: 'field', keyword: t.keyword, value: broken[1]!, line: t.line });
            break;
          }
          items.push(
            freeText
              ? { kind: 'field', keyword: t.keyword, value: t.rawValue, line: t.line }
              : { kind: 'field', keyword: t.keyword, value: t.value, ...(t.unit !== undefined ? { unit: t.unit } : {}), line: t.line },
          );
          break;
        }
        case 'blockStart':
        case 'blockEnd':
          throw new ParseError('PARSE_ERROR', `${t.block}_${t.kind === 'blockStart' ? 'START' : 'STOP'}: a CDM has no blocks.`, { line: t.line, field: `${t.block}_${t.kind === 'blockStart' ? 'START' : 'STOP'}` });
        case 'raw': {
          const word = /^[^\s=]+/.exec(t.text)?.[0] ?? t.text;
          throw new ParseError('PARSE_ERROR', `"${t.text.slice(0, 60)}" is not a KEYWORD = value line.`, { line: t.line, field: word });
        }
      }
    }
    return buildCdm({ version: m.version, line: m.line, items }, options, warnings);
  });
  return { cdms, warnings };
}

/** Writes one CDM in KVN, keywords in the standard's order, values in CDM units. Throws ArgumentError if not writable. */
export function writeCdmKvn(cdm: Cdm, timeScales: TimeScales): string {
  const plan = planCdm(cdm, timeScales);
  const width = 36;
  const lines: string[] = [formatKvnLine('CCSDS_CDM_VERS', plan.version, undefined, width)];
  const comment = (c: string): void => {
    lines.push(`COMMENT ${c.replace(/[\r\n]+/g, ' ')}`.trimEnd());
  };
  const block = (comments: readonly string[], items: Parameters<typeof flatItems>[0]): void => {
    comments.forEach(comment);
    for (const f of flatItems(items)) lines.push(formatKvnLine(f.keyword, f.value, f.unit, width));
  };
  block(plan.header.comments, plan.header.items);
  block(plan.relative.comments, plan.relative.items);
  for (const o of plan.objects) {
    block(o.metadata.comments, o.metadata.items);
    o.dataComments.forEach(comment);
    for (const b of o.data) block(b.comments, b.items);
  }
  return lines.join('\n') + '\n';
}
