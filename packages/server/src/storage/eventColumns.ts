/**
 * A screening run's close approaches stored as columns (migration 013): written once, in the transaction that marks
 * the run succeeded, as SKYCONJ1 chunks of up to 65,536 events; read back as a stream of the binary format (header,
 * the stored chunk bytes verbatim, end mark), NDJSON or CSV, no per-event object: on SQLite one chunk in memory at a
 * time, on PostgreSQL byte ranges of 256 KiB (binary) or 288 KiB (a 4,096-row text piece) a round trip
 * (`streamEventColumns`).
 */
import {
  COLUMNAR_CHUNK_ROWS,
  columnarChunkLayout,
  ColumnarDecoder,
  createConjunctionColumns,
  csvHeaderLine,
  csvRows,
  encodeColumnarChunk,
  encodeColumnarEnd,
  encodeColumnarHeader,
  ndjsonRows,
  tcaIsoFrom,
  type ConjunctionColumns,
  type TimeScales,
} from '@skylane/core';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { nowIso } from './catalog.ts';

/** Streaming formats of stored columns. */
export const EVENT_COLUMN_FORMATS = ['ndjson', 'csv', 'columnar'] as const;
export type EventColumnFormat = (typeof EVENT_COLUMN_FORMATS)[number];

/** Media types of the formats. */
export const EVENT_COLUMN_MEDIA_TYPES: Readonly<Record<EventColumnFormat, string>> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  columnar: 'application/vnd.skylane.skyconj1',
};

export interface StoreEventColumnsInput {
  readonly tenantId: number;
  readonly jobId: number;
  /** The window start `tcaOffsetS` counts from (UTC MJD and seconds of the day, as `ScreeningPlan.startUtc`). */
  readonly startUtc: { readonly mjd: number; readonly seconds: number };
  readonly columns: ConjunctionColumns;
  /** Free metadata written into the binary header (JSON). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Events per stored chunk (default 65,536, the file format's). */
  readonly chunkRows?: number;
}

/** Writes a run's columns (call it inside the transaction that records the run). Returns the chunks written. */
export async function storeEventColumns(db: Kysely<Database>, ts: TimeScales, o: StoreEventColumnsInput): Promise<number> {
  const rows = Math.max(1, o.chunkRows ?? COLUMNAR_CHUNK_ROWS);
  const n = o.columns.length;
  const chunks = Math.ceil(n / rows);
  await db
    .insertInto('screening_event_columns')
    .values({
      tenant_id: o.tenantId,
      job_id: o.jobId,
      format: 'SKYCONJ1',
      event_count: n,
      chunk_count: chunks,
      window_start_utc: tcaIsoFrom(ts, o.startUtc)(0),
      window_start_mjd: o.startUtc.mjd,
      window_start_s: o.startUtc.seconds,
      metadata_json: JSON.stringify(o.metadata ?? {}),
      created_at: nowIso(),
    })
    .execute();
  for (let k = 0; k < chunks; k++) {
    const from = k * rows;
    const to = Math.min(n, from + rows);
    await db.insertInto('screening_event_chunks').values({ job_id: o.jobId, chunk_index: k, row_count: to - from, data: encodeColumnarChunk(o.columns, from, to) }).execute();
  }
  return chunks;
}

/** What is stored for a run of this tenant (undefined: another tenant's run, or none stored). */
export async function eventColumnsOf(db: Kysely<Database>, tenantId: number, jobId: number): Promise<{ eventCount: number; chunkCount: number; windowStartUtc: string; startUtc: { mjd: number; seconds: number }; metadata: Record<string, unknown> } | undefined> {
  const r = await db.selectFrom('screening_event_columns').selectAll().where('tenant_id', '=', tenantId).where('job_id', '=', jobId).executeTakeFirst();
  if (r === undefined) return undefined;
  return { eventCount: r.event_count, chunkCount: r.chunk_count, windowStartUtc: r.window_start_utc, startUtc: { mjd: r.window_start_mjd, seconds: r.window_start_s }, metadata: JSON.parse(r.metadata_json) as Record<string, unknown> };
}

/** Text rows per yielded string (NDJSON, CSV): ~1 MB each. */
const TEXT_ROWS = 4096;

/**
 * Most bytes of a stored chunk one ranged read fetches for the binary format (256 KiB, a 4.7-MB chunk in 19 round
 * trips): on PostgreSQL the round trip carries them as bytea hex text (512 KiB) in result rows of `RANGED_ROW_BYTES`,
 * each parsed into a string and then a Buffer; node-postgres holds the whole result until the query ends.
 */
export const RANGED_READ_BYTES = 262_144;

/** Most bytes of one result row of a ranged read (16 KiB: 32 KiB of hex text, half a 64-KiB socket read). */
export const RANGED_ROW_BYTES = 16_384;

/** How `streamEventColumns` reads the stored chunks (defaults suit both databases; tests set smaller pieces). */
export interface StreamEventColumnsOptions {
  /**
   * Ranged reads: each round trip fetches a bounded byte range of a chunk (SQL `substr` on the stored bytes) instead
   * of the whole chunk, and the next one is issued only when the consumer asks for the next piece. Default: on for
   * PostgreSQL, off for SQLite (in-process: better-sqlite3 returns a chunk as one exact-size Buffer, and `substr`
   * would copy the whole 4.7-MB blob on every call).
   */
  readonly rangedReads?: boolean;
  /** Bytes per ranged read of the binary format (default `RANGED_READ_BYTES`). */
  readonly readBytes?: number;
  /** Rows per NDJSON/CSV piece, and per ranged read of the text formats (default 4,096: 288 KiB of column bytes). */
  readonly textRows?: number;
}

/**
 * Whether `db` talks to PostgreSQL (its dialect's adapter), for the default of `rangedReads`. Kysely marks
 * `getExecutor` internal; it is the one place a `Kysely` (or a transaction) tells its dialect, and kysely is pinned.
 */
function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A stored chunk failed a check (missing, wrong row count, wrong size): the database no longer holds what the run wrote (re-run the screening job to store its columns again). */
export class StoredChunkError extends Error {
  readonly code = 'STORED_CHUNK_INVALID';
  constructor(
    message: string,
    readonly value: { jobId: number; chunkIndex: number },
  ) {
    super(message);
    this.name = 'StoredChunkError';
  }
}

/**
 * The stored columns of a run as a stream of byte or text pieces in `format`; undefined when the tenant has no such
 * run. Both read paths give the same bytes (the binary format: header, the stored chunk bytes, end mark; the text
 * formats: `ndjsonRows`/`csvRows` of the stored columns, `textRows` rows a piece).
 *
 * - Whole-chunk reads (SQLite's default): one query per chunk; the binary format passes its bytes through after
 *   checking its row count, the text formats decode it into columns (`ColumnarDecoder`) and write its rows.
 * - Ranged reads (PostgreSQL's default): node-postgres returns a bytea value at once, as hex text twice its size
 *   reassembled from 64-KiB socket reads in a buffer grown by doubling, so a whole 4.7-MB chunk allocated ~32 MiB of
 *   parser buffers (the last 16 MiB kept until the next query), a 9.4-MB string and the Buffer. Instead, one small
 *   query per chunk checks its row count, head and size; then the binary format fetches the chunk `readBytes` at a
 *   time and yields each part as it comes; the text formats fetch, for each piece of `textRows` rows, the ten column
 *   ranges of those rows in one query (`columnarChunkLayout`), decode them into reused columns of `textRows` rows
 *   and write them. Each query returns its ranges as rows of at most `RANGED_ROW_BYTES` (`readRanges`). The
 *   generator issues a query only when its consumer pulls the next piece, so at most one round trip's result
 *   (≤ max(readBytes, 72 · textRows) bytes of data, twice that as hex, in rows of ≤ 16 KiB) is in flight, whatever
 *   the consumer's speed: the bound comes from the reads' size, not from the timing.
 */
export async function streamEventColumns(
  db: Kysely<Database>,
  ts: TimeScales,
  tenantId: number,
  jobId: number,
  format: EventColumnFormat,
  options: StreamEventColumnsOptions = {},
): Promise<{ eventCount: number; pieces: AsyncGenerator<Uint8Array | string> } | undefined> {
  const info = await eventColumnsOf(db, tenantId, jobId);
  if (info === undefined) return undefined;
  const header = encodeColumnarHeader({ windowStartUtc: info.windowStartUtc, metadata: info.metadata });
  const tcaIso = tcaIsoFrom(ts, info.startUtc);
  const textRows = Math.max(1, Math.floor(options.textRows ?? TEXT_ROWS));
  const readBytes = Math.max(8, Math.floor(options.readBytes ?? RANGED_READ_BYTES));
  const ranged = options.rangedReads ?? isPostgres(db);
  const missing = (k: number): StoredChunkError => new StoredChunkError(`screening job ${jobId}: stored chunk ${k} of ${info.chunkCount} is missing.`, { jobId, chunkIndex: k });
  const checkHead = (k: number, head: Uint8Array, rows: number, byteLength: number, expected: number): void => {
    const view = new DataView(head.buffer, head.byteOffset, head.length);
    if (head.length < 8 || view.getUint32(0, true) !== rows || byteLength !== expected) {
      throw new StoredChunkError(`screening job ${jobId}: stored chunk ${k} (${byteLength} bytes) does not hold its ${rows} rows (${expected} bytes).`, { jobId, chunkIndex: k });
    }
  };
  const chunkRow = (k: number) => db.selectFrom('screening_event_chunks').where('job_id', '=', jobId).where('chunk_index', '=', k);

  async function* whole(): AsyncGenerator<Uint8Array | string, number> {
    const decoder = new ColumnarDecoder();
    decoder.push(header);
    let total = 0;
    for (let k = 0; k < info!.chunkCount; k++) {
      const chunk = await chunkRow(k).select(['row_count', 'data']).executeTakeFirst();
      if (chunk === undefined) throw missing(k);
      const bytes = chunk.data instanceof Uint8Array ? chunk.data : new Uint8Array(chunk.data as ArrayBuffer);
      checkHead(k, bytes, chunk.row_count, bytes.length, chunk.row_count > 0 ? columnarChunkLayout(chunk.row_count).byteLength : -1);
      total += chunk.row_count;
      if (format === 'columnar') {
        yield bytes;
        continue;
      }
      for (const cols of decoder.push(bytes)) {
        for (let from = 0; from < cols.length; from += textRows) {
          const to = Math.min(cols.length, from + textRows);
          yield format === 'csv' ? csvRows(cols, tcaIso, from, to) : ndjsonRows(cols, tcaIso, from, to);
        }
      }
    }
    return total;
  }

  /**
   * Byte ranges of chunk k in one round trip: each range split into parts of at most `RANGED_ROW_BYTES`, one result
   * row a part (SQL `substr`, which counts from 1, in bytes for bytea and BLOB alike), in order. Parts, not one value
   * a range: node-postgres parses each row from its socket reads, and a row that fits in about one read (16 KiB as
   * 32 KiB of hex text, reads being 64 KiB) needs no reassembly buffer of its own size.
   */
  async function readRanges(k: number, wanted: readonly { readonly at: number; readonly length: number }[]): Promise<{ at: number; bytes: Uint8Array }[]> {
    const parts: { at: number; length: number }[] = [];
    for (const w of wanted) for (let at = w.at; at < w.at + w.length; at += RANGED_ROW_BYTES) parts.push({ at, length: Math.min(RANGED_ROW_BYTES, w.at + w.length - at) });
    // VALUES columns are column1, column2… on both databases; the casts type PostgreSQL's parameters for substr.
    const list = sql.join(parts.map((q, i) => sql`(cast(${i} as integer), cast(${q.at + 1} as integer), cast(${q.length} as integer))`));
    const got = await sql<{ i: number; part: Uint8Array }>`select v.column1 as i, substr(c.data, v.column2, v.column3) as part from screening_event_chunks c cross join (values ${list}) as v where c.job_id = ${jobId} and c.chunk_index = ${k} order by v.column1`.execute(db);
    if (got.rows.length === 0) throw missing(k);
    return parts.map((q, i) => {
      const r = got.rows[i];
      const bytes = r?.part;
      if (r === undefined || Number(r.i) !== i || !(bytes instanceof Uint8Array) || bytes.length !== q.length) {
        throw new StoredChunkError(`screening job ${jobId}: stored chunk ${k} gave ${bytes instanceof Uint8Array ? bytes.length : 'no'} bytes at ${q.at}, not ${q.length}.`, { jobId, chunkIndex: k });
      }
      return { at: q.at, bytes };
    });
  }

  async function* ranges(): AsyncGenerator<Uint8Array | string, number> {
    const cols = format === 'columnar' ? undefined : createConjunctionColumns(textRows);
    let total = 0;
    for (let k = 0; k < info!.chunkCount; k++) {
      const head = await chunkRow(k)
        .select((eb) => ['row_count', eb.fn<number>('length', ['data']).as('byte_length'), sql<Uint8Array>`substr(data, 1, 8)`.as('head')])
        .executeTakeFirst();
      if (head === undefined) throw missing(k);
      const rows = head.row_count;
      const layout = rows > 0 ? columnarChunkLayout(rows) : undefined;
      checkHead(k, head.head, rows, Number(head.byte_length), layout?.byteLength ?? -1);
      total += rows;
      if (cols === undefined) {
        for (let at = 0; at < layout!.byteLength; at += readBytes) {
          for (const part of await readRanges(k, [{ at, length: Math.min(readBytes, layout!.byteLength - at) }])) yield part.bytes;
        }
        continue;
      }
      const places = layout!.columns;
      for (let from = 0; from < rows; from += textRows) {
        const n = Math.min(rows, from + textRows) - from;
        const parts = await readRanges(k, places.map((c) => ({ at: c.offset + c.bytesPerRow * from, length: c.bytesPerRow * n })));
        // Each part lies inside one column's range and starts on a row (parts are multiples of 8 bytes long).
        let c = 0;
        for (const { at, bytes } of parts) {
          while (at >= places[c]!.offset + places[c]!.bytesPerRow * (from + n)) c++;
          const place = places[c]!;
          const row0 = (at - place.offset) / place.bytesPerRow - from;
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
          const out = cols[place.name];
          if (place.type === 'int32') for (let i = 0; 4 * i < bytes.length; i++) out[row0 + i] = view.getInt32(4 * i, true);
          else for (let i = 0; 8 * i < bytes.length; i++) out[row0 + i] = view.getFloat64(8 * i, true);
        }
        cols.length = n;
        yield format === 'csv' ? csvRows(cols, tcaIso, 0, n) : ndjsonRows(cols, tcaIso, 0, n);
      }
    }
    return total;
  }

  async function* pieces(): AsyncGenerator<Uint8Array | string> {
    if (format === 'columnar') yield header;
    else if (format === 'csv') yield csvHeaderLine();
    // Each read path yields the chunks' pieces and returns the events they held.
    const total = yield* ranged ? ranges() : whole();
    if (total !== info!.eventCount) throw new StoredChunkError(`screening job ${jobId}: stored chunks hold ${total} events, the run says ${info!.eventCount}.`, { jobId, chunkIndex: info!.chunkCount });
    if (format === 'columnar') yield encodeColumnarEnd(info!.eventCount);
  }
  return { eventCount: info.eventCount, pieces: pieces() };
}
