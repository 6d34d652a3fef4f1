/**
 * Streaming encodings of screening event columns (columns.ts): NDJSON lines, CSV rows, and a compact binary
 * columnar format ("SKYCONJ1", documented in docs/design/columnar-results.md). Pure: the functions return strings and
 * byte arrays chunk by chunk, and the caller writes them (the CLI to `--out`), so a run of millions of events is
 * written without building one object or one string per event for the whole run.
 *
 * Binary layout (all numbers little-endian):
 *   magic "SKYCONJ1" (8 bytes) · uint32 header length L · L bytes of UTF-8 JSON header · zero padding to a multiple of 8
 *   then chunks: uint32 rows R (> 0) · uint32 0 · the int32 columns (R × 4 bytes each, each padded to 8) · the float64
 *   columns (R × 8 bytes each), in the header's column order
 *   then the end mark: uint32 0 · uint32 0 · float64 total rows.
 * The header lists the columns with their type and unit, so a reader in any language can use the file without this
 * code; a file without its end mark was cut short and is refused.
 */
import { ArgumentError } from '../errors/index.ts';
import type { TimeScales } from '../time/index.ts';
import { createConjunctionColumns, FLOAT_COLUMNS, INT_COLUMNS, type ConjunctionColumns, type FloatColumnName, type IntColumnName } from './columns.ts';

/** Magic bytes at the start of a binary columnar file. */
export const COLUMNAR_MAGIC = 'SKYCONJ1';
/** Rows per chunk the writers use by default (≈ 4.7 MB a chunk). */
export const COLUMNAR_CHUNK_ROWS = 65536;

const UNITS: Readonly<Record<string, string>> = {
  object1: 'NORAD catalog number',
  object2: 'NORAD catalog number',
  tcaOffsetS: 's of UTC clock from windowStartUtc',
  missDistanceKm: 'km',
  relativeSpeedKmPerS: 'km/s',
  missRadialKm: 'km (r2 - r1, object1 RTN)',
  missTransverseKm: 'km (r2 - r1, object1 RTN)',
  missNormalKm: 'km (r2 - r1, object1 RTN)',
  tcaAgeDays1: 'days',
  tcaAgeDays2: 'days',
};

/** The JSON header of a binary columnar file. */
export interface ColumnarHeader {
  readonly format: 'skylane-conjunction-columns';
  readonly version: 1;
  readonly byteOrder: 'little-endian';
  readonly columns: readonly { readonly name: string; readonly type: 'int32' | 'float64'; readonly unit: string }[];
  /** Window start (ISO-8601 UTC with Z) that `tcaOffsetS` counts from, when known. */
  readonly windowStartUtc?: string;
  /** Free metadata of the run (volume, days, catalog…). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** The header bytes (magic, length, JSON, padding) of a binary columnar file. */
export function encodeColumnarHeader(extra: { windowStartUtc?: string; metadata?: Readonly<Record<string, unknown>> } = {}): Uint8Array {
  const header: ColumnarHeader = {
    format: 'skylane-conjunction-columns',
    version: 1,
    byteOrder: 'little-endian',
    columns: [...INT_COLUMNS.map((name) => ({ name, type: 'int32' as const, unit: UNITS[name]! })), ...FLOAT_COLUMNS.map((name) => ({ name, type: 'float64' as const, unit: UNITS[name]! }))],
    ...(extra.windowStartUtc !== undefined ? { windowStartUtc: extra.windowStartUtc } : {}),
    ...(extra.metadata !== undefined ? { metadata: extra.metadata } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = pad8(12 + json.length);
  const out = new Uint8Array(size);
  for (let i = 0; i < 8; i++) out[i] = COLUMNAR_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  return out;
}

/**
 * Whether this host stores numbers little-endian (the format's byte order): chunks are then memcpy of the columns,
 * and typed-array views on a chunk's bytes read its columns as they are.
 */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * One chunk holding rows [from, to) of `cols` (to − from > 0). On a little-endian host each column is one typed-array
 * copy (every column starts at a multiple of 8 bytes: the Int32 columns are padded to 8); elsewhere value by value
 * through a DataView. The bytes are the same.
 */
export function encodeColumnarChunk(cols: ConjunctionColumns, from = 0, to = cols.length): Uint8Array {
  const rows = to - from;
  if (!(rows > 0 && from >= 0 && to <= cols.length)) throw new ArgumentError(`A chunk needs rows inside the columns; got [${from}, ${to}) of ${cols.length}.`, { from, to });
  const intBytes = pad8(rows * 4);
  const out = new Uint8Array(8 + INT_COLUMNS.length * intBytes + FLOAT_COLUMNS.length * rows * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, rows, true);
  let at = 8;
  if (HOST_LITTLE_ENDIAN) {
    for (const name of INT_COLUMNS) {
      new Int32Array(out.buffer, at, rows).set(cols[name].subarray(from, to));
      at += intBytes;
    }
    for (const name of FLOAT_COLUMNS) {
      new Float64Array(out.buffer, at, rows).set(cols[name].subarray(from, to));
      at += rows * 8;
    }
    return out;
  }
  for (const name of INT_COLUMNS) {
    const a = cols[name];
    for (let i = 0; i < rows; i++) view.setInt32(at + 4 * i, a[from + i]!, true);
    at += intBytes;
  }
  for (const name of FLOAT_COLUMNS) {
    const a = cols[name];
    for (let i = 0; i < rows; i++) view.setFloat64(at + 8 * i, a[from + i]!, true);
    at += rows * 8;
  }
  return out;
}

/** Where one column lies inside a chunk: its byte offset from the chunk's start and its bytes per row. */
export interface ColumnarColumnPlace {
  readonly name: IntColumnName | FloatColumnName;
  readonly type: 'int32' | 'float64';
  /** Byte offset of the column's row 0 from the start of the chunk (its 8-byte row-count prefix included). */
  readonly offset: number;
  readonly bytesPerRow: 4 | 8;
}

/**
 * The byte layout of one chunk of `rows` rows (rows > 0), as `encodeColumnarChunk` writes it: total size
 * 8 + 2 · pad8(4 · rows) + 8 · 8 · rows bytes; Int32 column j (j = 0, 1) at 8 + j · pad8(4 · rows); Float64 column j at
 * 8 + 2 · pad8(4 · rows) + 8 · rows · j. Row i of a column is at offset + bytesPerRow · i, so rows [from, to) of every
 * column are ten byte ranges: a reader can fetch part of a stored chunk (a database `substr`) without the rest.
 */
export function columnarChunkLayout(rows: number): { readonly byteLength: number; readonly columns: readonly ColumnarColumnPlace[] } {
  if (!(Number.isInteger(rows) && rows > 0)) throw new ArgumentError(`A chunk holds a whole number of rows above 0; got ${rows}.`, rows);
  const intBytes = pad8(rows * 4);
  const columns: ColumnarColumnPlace[] = [];
  let at = 8;
  for (const name of INT_COLUMNS) {
    columns.push({ name, type: 'int32', offset: at, bytesPerRow: 4 });
    at += intBytes;
  }
  for (const name of FLOAT_COLUMNS) {
    columns.push({ name, type: 'float64', offset: at, bytesPerRow: 8 });
    at += rows * 8;
  }
  return { byteLength: at, columns };
}

/** The end mark carrying the total row count. */
export function encodeColumnarEnd(totalRows: number): Uint8Array {
  const out = new Uint8Array(16);
  new DataView(out.buffer).setFloat64(8, totalRows, true);
  return out;
}

/**
 * Incremental reader of the binary format: `push` bytes as they arrive (any split), get back the decoded chunks;
 * `finish` checks that the end mark and the total were seen. Holds at most one chunk's bytes beyond what it returns.
 */
export class ColumnarDecoder {
  header: ColumnarHeader | null = null;
  rowsRead = 0;
  private ended = false;
  private buf = new Uint8Array(0);
  private used = 0;

  /** Adds bytes; returns the chunks completed by them (columns of exactly their rows). */
  push(bytes: Uint8Array): ConjunctionColumns[] {
    this.append(bytes);
    const out: ConjunctionColumns[] = [];
    let at = 0;
    for (;;) {
      const avail = this.used - at;
      const view = new DataView(this.buf.buffer, this.buf.byteOffset + at, avail);
      if (this.header === null) {
        if (avail < 12) break;
        for (let i = 0; i < 8; i++) {
          if (this.buf[at + i] !== COLUMNAR_MAGIC.charCodeAt(i)) throw new ArgumentError('Not a Skylane columnar file: the first 8 bytes are not "SKYCONJ1".', null);
        }
        const len = view.getUint32(8, true);
        const size = pad8(12 + len);
        if (avail < size) break;
        const header = JSON.parse(new TextDecoder().decode(this.buf.subarray(at + 12, at + 12 + len))) as ColumnarHeader;
        const names = header.columns.map((c) => c.name).join(',');
        if (header.version !== 1 || names !== [...INT_COLUMNS, ...FLOAT_COLUMNS].join(',')) {
          throw new ArgumentError(`Unsupported columnar file: version ${header.version}, columns ${names}.`, header);
        }
        this.header = header;
        at += size;
        continue;
      }
      if (this.ended) {
        if (avail > 0) throw new ArgumentError('Bytes after the end mark of a columnar file.', avail);
        break;
      }
      if (avail < 8) break;
      const rows = view.getUint32(0, true);
      if (rows === 0) {
        if (avail < 16) break;
        const total = view.getFloat64(8, true);
        if (total !== this.rowsRead) throw new ArgumentError(`Columnar file end mark says ${total} rows; ${this.rowsRead} were read.`, total);
        this.ended = true;
        at += 16;
        continue;
      }
      const intBytes = pad8(rows * 4);
      const size = 8 + INT_COLUMNS.length * intBytes + FLOAT_COLUMNS.length * rows * 8;
      if (avail < size) break;
      const cols = createConjunctionColumns(rows);
      let p = 8;
      for (const name of INT_COLUMNS) {
        const a = cols[name];
        for (let i = 0; i < rows; i++) a[i] = view.getInt32(p + 4 * i, true);
        p += intBytes;
      }
      for (const name of FLOAT_COLUMNS) {
        const a = cols[name];
        for (let i = 0; i < rows; i++) a[i] = view.getFloat64(p + 8 * i, true);
        p += rows * 8;
      }
      cols.length = rows;
      this.rowsRead += rows;
      out.push(cols);
      at += size;
    }
    // Keep only the unread tail.
    this.buf.copyWithin(0, at, this.used);
    this.used -= at;
    return out;
  }

  /** Throws when the input ended before the end mark (a truncated file). */
  finish(): void {
    if (!this.ended || this.used > 0) throw new ArgumentError(`Columnar file cut short: ${this.rowsRead} rows read and no end mark.`, this.rowsRead);
  }

  private append(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.used + bytes.length, 2 * this.buf.length, 1024));
      next.set(this.buf.subarray(0, this.used));
      this.buf = next;
    }
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
  }
}

/** Decodes a whole binary columnar file held in memory. */
export function decodeColumnar(bytes: Uint8Array): { header: ColumnarHeader; columns: ConjunctionColumns } {
  const d = new ColumnarDecoder();
  const chunks = d.push(bytes);
  d.finish();
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const columns = createConjunctionColumns(total);
  for (const c of chunks) {
    const at = columns.length;
    for (const name of INT_COLUMNS) columns[name].set(c[name].subarray(0, c.length), at);
    for (const name of FLOAT_COLUMNS) columns[name].set(c[name].subarray(0, c.length), at);
    columns.length += c.length;
  }
  return { header: d.header!, columns };
}

/** Names of the NDJSON fields and CSV columns, in order (units in the names). */
export const TEXT_COLUMNS = ['object1', 'object2', 'tca', 'tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const;

/**
 * The `tcaIso` of the text writers for a run whose `tcaOffsetS` counts from `startUtc` (UTC MJD and seconds of the day,
 * as `ScreeningPlan.startUtc`): ISO-8601 UTC with microseconds.
 */
export function tcaIsoFrom(ts: TimeScales, startUtc: { readonly mjd: number; readonly seconds: number }): (tcaOffsetS: number) => string {
  return (offsetS) => ts.formatUtcIso(ts.fromUtcDaySeconds(startUtc.mjd, startUtc.seconds + offsetS), 6);
}

/** The CSV header line (with its newline). */
export function csvHeaderLine(): string {
  return TEXT_COLUMNS.join(',') + '\n';
}

/**
 * CSV rows (one line each) of rows [from, to); `tcaIso(offsetS)` gives the TCA column (ISO-8601 UTC). Numbers in
 * JavaScript's shortest round-trip form, so a reader gets the doubles back exactly.
 */
export function csvRows(cols: ConjunctionColumns, tcaIso: (tcaOffsetS: number) => string, from = 0, to = cols.length): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const t = cols.tcaOffsetS[i]!;
    s += `${cols.object1[i]},${cols.object2[i]},${tcaIso(t)},${t},${cols.missDistanceKm[i]},${cols.relativeSpeedKmPerS[i]},${cols.missRadialKm[i]},${cols.missTransverseKm[i]},${cols.missNormalKm[i]},${cols.tcaAgeDays1[i]},${cols.tcaAgeDays2[i]}\n`;
  }
  return s;
}

/** NDJSON lines (one JSON object an event, fields as TEXT_COLUMNS) of rows [from, to). */
export function ndjsonRows(cols: ConjunctionColumns, tcaIso: (tcaOffsetS: number) => string, from = 0, to = cols.length): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const t = cols.tcaOffsetS[i]!;
    s +=
      `{"object1":${cols.object1[i]},"object2":${cols.object2[i]},"tca":${JSON.stringify(tcaIso(t))},"tcaOffsetS":${num(t)},"missDistanceKm":${num(cols.missDistanceKm[i]!)},` +
      `"relativeSpeedKmPerS":${num(cols.relativeSpeedKmPerS[i]!)},"missRadialKm":${num(cols.missRadialKm[i]!)},"missTransverseKm":${num(cols.missTransverseKm[i]!)},` +
      `"missNormalKm":${num(cols.missNormalKm[i]!)},"tcaAgeDays1":${num(cols.tcaAgeDays1[i]!)},"tcaAgeDays2":${num(cols.tcaAgeDays2[i]!)}}\n`;
  }
  return s;
}

/** A JSON number (non-finite values as null, as JSON.stringify writes them). */
function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}
