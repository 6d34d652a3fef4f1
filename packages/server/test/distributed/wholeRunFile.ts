/** Test helper: the oracle files of the streamed-output tests, i.e. what `skylane screen` writes from a whole-run (in-memory) merge. */
import { COLUMNAR_CHUNK_ROWS, encodeColumnarChunk, encodeColumnarEnd, encodeColumnarHeader, ndjsonRows, type ScreeningColumnsResult, type ScreeningStats, type SkippedObject } from '@skylane/core';

/** The SKYCONJ1 header the streamed-output tests give both the streamed writer and the oracle. */
export const testColumnarHeader = (end: { skipped: SkippedObject[]; stats: ScreeningStats }): Uint8Array =>
  encodeColumnarHeader({ windowStartUtc: '2026-03-10T00:00:00.000000Z', metadata: { skipped: end.skipped, stats: end.stats } });

/** The whole-run writers on a merged result: SKYCONJ1 (header, chunks of COLUMNAR_CHUNK_ROWS, end) or NDJSON. */
export function wholeFile(r: ScreeningColumnsResult, format: 'ndjson' | 'columnar', tcaIso: (s: number) => string): Buffer {
  const parts: (Uint8Array | string)[] = [];
  const c = r.columns;
  if (format === 'columnar') {
    parts.push(testColumnarHeader(r));
    for (let from = 0; from < c.length; from += COLUMNAR_CHUNK_ROWS) parts.push(encodeColumnarChunk(c, from, Math.min(c.length, from + COLUMNAR_CHUNK_ROWS)));
    parts.push(encodeColumnarEnd(c.length));
  } else for (let from = 0; from < c.length; from += 4096) parts.push(ndjsonRows(c, tcaIso, from, Math.min(c.length, from + 4096)));
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}
