/** CCSDS OPM in KVN form (ODM 502.0-B-3 §7): reader over the shared KVN lexer and a strict writer. */
import { ParseError, type ReadWarning } from '../../errors/index.ts';
import type { TimeScales } from '../../time/index.ts';
import { formatKvnLine, lexKvn } from '../kvn/index.ts';
import { buildOpm, type OpmItem, type OpmReadResult, type ReadOpmOptions } from './build.ts';
import type { Opm } from './model.ts';
import { planOpm, type PlannedOpmBlock } from './plan.ts';

/** Whether a text looks like an OPM in KVN form (its first keyword is CCSDS_OPM_VERS). */
export function isOpmKvn(text: string): boolean {
  return /^\s*(?:\uFEFF)?\s*CCSDS_OPM_VERS\s*=/.test(text);
}

/** Reads an OPM in KVN form; throws ParseError (line, keyword, reason) when it cannot be used. */
export function readOpmKvn(text: string, options: ReadOpmOptions): OpmReadResult {
  const tokens = lexKvn(text);
  const first = tokens[0];
  if (first === undefined || first.kind !== 'keyValue' || first.keyword !== 'CCSDS_OPM_VERS') {
    throw new ParseError('FORMAT_UNKNOWN', 'this is not an OPM in KVN form: its first keyword must be CCSDS_OPM_VERS.', { line: first?.line ?? 1, field: 'CCSDS_OPM_VERS' });
  }
  const warnings: ReadWarning[] = [];
  const items: OpmItem[] = [];
  for (const t of tokens) {
    if (t.kind === 'comment') items.push({ kind: 'comment', text: t.text, line: t.line });
    else if (t.kind === 'keyValue') {
      // Free-text values keep a bracketed tail; only numbers carry units.
      const free = ['OBJECT_NAME', 'OBJECT_ID', 'ORIGINATOR', 'MESSAGE_ID', 'CLASSIFICATION'].includes(t.keyword) || t.keyword.startsWith('USER_DEFINED_');
      items.push({ kind: 'field', keyword: t.keyword, value: free ? t.rawValue : t.value, ...(!free && t.unit !== undefined ? { unit: t.unit } : {}), line: t.line });
    } else if (t.kind === 'raw') throw new ParseError('PARSE_ERROR', `"${t.text.slice(0, 40)}" is not a KVN line (KEYWORD = value [unit] or COMMENT text).`, { line: t.line });
    else throw new ParseError('PARSE_ERROR', `${t.block}_${t.kind === 'blockStart' ? 'START' : 'STOP'} has no place in an OPM.`, { line: t.line, field: t.block });
  }
  return buildOpm(items, options, warnings);
}

/** Writes an OPM in KVN form with units in brackets (version 2.0, or 3.0 when the content needs it: see planOpm). */
export function writeOpmKvn(opm: Opm, ts: TimeScales): string {
  const plan = planOpm(opm, ts);
  const out: string[] = [formatKvnLine('CCSDS_OPM_VERS', plan.version)];
  const block = (b: PlannedOpmBlock): void => {
    for (const c of b.comments) out.push(`COMMENT ${c.replace(/[\r\n]+/g, ' ')}`);
    for (const f of b.fields) out.push(formatKvnLine(f.keyword, f.value, f.unit));
  };
  block(plan.header);
  out.push('');
  block(plan.metadata);
  for (const b of plan.data) {
    out.push('');
    block(b);
  }
  return out.join('\n') + '\n';
}
