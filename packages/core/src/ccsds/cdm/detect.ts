/** Format detection and a single entry point reading a CDM text in KVN, XML or Space-Track JSON. */
import type { ReadCdmOptions } from './build.ts';
import { readCdmJson, type CdmPublicSummary } from './json.ts';
import { readCdmKvn, type CdmReadResult } from './kvn.ts';
import { readCdmXml } from './xml.ts';

export type CdmFormat = 'kvn' | 'xml' | 'json';

/** Guesses the format from the first non-blank character: `<` XML, `{`/`[` JSON, anything else KVN. */
export function detectCdmFormat(text: string): CdmFormat {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const c = body.trimStart()[0];
  if (c === '<') return 'xml';
  if (c === '{' || c === '[') return 'json';
  return 'kvn';
}

export interface AnyCdmReadResult extends CdmReadResult {
  readonly format: CdmFormat;
  /** Space-Track `cdm_public` rows (JSON only). */
  readonly summaries: CdmPublicSummary[];
}

/** Reads CDMs in any supported format (detected, or forced with `format`). Throws ParseError with keyword and line. */
export function readCdm(text: string, options: ReadCdmOptions & { readonly format?: CdmFormat }): AnyCdmReadResult {
  const format = options.format ?? detectCdmFormat(text);
  if (format === 'json') return { ...readCdmJson(text, options), format };
  const r = format === 'xml' ? readCdmXml(text, options) : readCdmKvn(text, options);
  return { ...r, format, summaries: [] };
}
