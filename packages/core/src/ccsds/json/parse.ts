/** JSON text → value, with the 1-based line of a syntax error (JSON.parse reports only a character position). */

export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly line: number; readonly message: string };

/** Parses JSON text (a leading byte-order mark is ignored); never throws. */
export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
    return { ok: false, line, message };
  }
}
