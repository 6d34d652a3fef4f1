/**
 * Generic CCSDS KVN (keyword = value notation) lexer, as used by every NDM message in KVN form
 * (CCSDS 502.0-B-3 ODM §7 for OPM/OMM/OEM/OCM, CCSDS 508.0-B-1 §7 for the CDM).
 *
 * The lexer knows no message type. It turns text into tokens, each with its 1-based line number:
 * - `keyValue`: `KEYWORD = value [unit]`. The keyword is upper-case letters, digits and `_`; the value is
 *   trimmed; a trailing unit in square brackets (`[km]`, `[m**2]`, `[rev/day**2]`) is split off into `unit`
 *   and never part of the value; `rawValue` keeps the whole trimmed text after `=`, for free-text keywords
 *   such as OBJECT_NAME whose values may themselves end in brackets ("IRIDIUM 33 [-]").
 *   An empty value (`ORIGINATOR =`) gives `value: ''`.
 * - `comment`: `COMMENT free text` (the text after the keyword, trimmed).
 * - `blockStart` / `blockEnd`: structural lines `META_START`, `DATA_STOP`, `COVARIANCE_START`, ... (any
 *   single upper-case word ending in `_START` or `_STOP`). `block` holds the word without the suffix.
 * - `raw`: any other non-blank line (OEM ephemeris rows, covariance rows, or garbage): the caller decides.
 * Blank lines produce no token. A leading byte-order mark is skipped; CR, CRLF and LF line ends are accepted.
 * The lexer never throws: deciding what is wrong belongs to the message reader, which has the context.
 */

/** One lexical token of a KVN file. Every token carries its 1-based line number. */
export type KvnToken =
  | {
      readonly kind: 'keyValue';
      readonly line: number;
      readonly keyword: string;
      readonly value: string;
      readonly unit?: string;
      readonly rawValue: string;
    }
  | { readonly kind: 'comment'; readonly line: number; readonly text: string }
  | { readonly kind: 'blockStart'; readonly line: number; readonly block: string }
  | { readonly kind: 'blockEnd'; readonly line: number; readonly block: string }
  | { readonly kind: 'raw'; readonly line: number; readonly text: string };

const KEY_VALUE_RE = /^\s*([A-Z][A-Z0-9_]*)\s*=(.*)$/;
const UNIT_RE = /^(.*?)\s*\[([^\][]*)\]\s*$/;
const COMMENT_RE = /^\s*COMMENT(?:\s(.*))?$/;
const BLOCK_RE = /^\s*([A-Z][A-Z0-9_]*)_(START|STOP)\s*$/;

/** Splits text into lines on CRLF, CR or LF, after removing a leading byte-order mark. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

/** Lexes one line (1-based `line`), or returns undefined for a blank line. */
export function lexKvnLine(text: string, line: number): KvnToken | undefined {
  if (text.trim() === '') return undefined;
  const comment = COMMENT_RE.exec(text);
  if (comment) return { kind: 'comment', line, text: (comment[1] ?? '').trim() };
  const block = BLOCK_RE.exec(text);
  if (block) {
    const name = block[1]!;
    return block[2] === 'START' ? { kind: 'blockStart', line, block: name } : { kind: 'blockEnd', line, block: name };
  }
  const kv = KEY_VALUE_RE.exec(text);
  if (kv) {
    const rest = kv[2]!.trim();
    const unit = UNIT_RE.exec(rest);
    if (unit) return { kind: 'keyValue', line, keyword: kv[1]!, value: unit[1]!.trim(), unit: unit[2]!.trim(), rawValue: rest };
    return { kind: 'keyValue', line, keyword: kv[1]!, value: rest, rawValue: rest };
  }
  return { kind: 'raw', line, text: text.trim() };
}

/** Lexes a whole KVN text. Never throws. */
export function lexKvn(text: string): KvnToken[] {
  const out: KvnToken[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const tok = lexKvnLine(lines[i]!, i + 1);
    if (tok) out.push(tok);
  }
  return out;
}

/**
 * Formats one `KEYWORD = value [unit]` line with the keyword padded to `keywordWidth` columns, as the
 * CCSDS examples align them. The caller validates the value; line breaks in it are replaced by spaces so
 * that one field stays on one line.
 */
export function formatKvnLine(keyword: string, value: string, unit?: string, keywordWidth = 20): string {
  const v = value.replace(/[\r\n]+/g, ' ');
  return `${keyword.padEnd(keywordWidth)} = ${v}${unit !== undefined ? ` [${unit}]` : ''}`.trimEnd();
}
