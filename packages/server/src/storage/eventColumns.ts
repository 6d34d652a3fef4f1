/**
 * A screening run's close approaches stored as columns (migration 013): written once, in the transaction that marks
 * the run succeeded, as SKYCONJ1 chunks of up to 65,536 events; read back as a stream of the binary format (header,
 * the stored chunk bytes verbatim, end mark), NDJSON or CSV, one chunk in memory at a time and no per-event object.
 */
import {
  COLUMNAR_CHUNK_ROWS,
  ColumnarDecoder,
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
import type { Kysely } from 'kysely';
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
 * The stored columns of a run as a stream of byte or text pieces in `format`; undefined when the tenant has no such
 * run. The binary format passes the stored chunk bytes through (after checking their row count); the text formats
 * decode one chunk into columns at a time and write its rows. Each chunk is read by its own query.
 */
export async function streamEventColumns(db: Kysely<Database>, ts: TimeScales, tenantId: number, jobId: number, format: EventColumnFormat): Promise<{ eventCount: number; pieces: AsyncGenerator<Uint8Array | string> } | undefined> {
  const info = await eventColumnsOf(db, tenantId, jobId);
  if (info === undefined) return undefined;
  const header = encodeColumnarHeader({ windowStartUtc: info.windowStartUtc, metadata: info.metadata });
  const tcaIso = tcaIsoFrom(ts, info.startUtc);
  async function* pieces(): AsyncGenerator<Uint8Array | string> {
    const decoder = new ColumnarDecoder();
    decoder.push(header);
    if (format === 'columnar') yield header;
    else if (format === 'csv') yield csvHeaderLine();
    let total = 0;
    for (let k = 0; k < info!.chunkCount; k++) {
      const chunk = await db.selectFrom('screening_event_chunks').select(['row_count', 'data']).where('job_id', '=', jobId).where('chunk_index', '=', k).executeTakeFirst();
      if (chunk === undefined) throw new Error(`screening job ${jobId}: stored chunk ${k} of ${info!.chunkCount} is missing.`);
      const bytes = chunk.data instanceof Uint8Array ? chunk.data : new Uint8Array(chunk.data as ArrayBuffer);
      if (bytes.length < 8 || new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(0, true) !== chunk.row_count) throw new Error(`screening job ${jobId}: stored chunk ${k} does not hold its ${chunk.row_count} rows.`);
      total += chunk.row_count;
      if (format === 'columnar') {
        yield bytes;
        continue;
      }
      for (const cols of decoder.push(bytes)) {
        for (let from = 0; from < cols.length; from += TEXT_ROWS) {
          const to = Math.min(cols.length, from + TEXT_ROWS);
          yield format === 'csv' ? csvRows(cols, tcaIso, from, to) : ndjsonRows(cols, tcaIso, from, to);
        }
      }
    }
    if (total !== info!.eventCount) throw new Error(`screening job ${jobId}: stored chunks hold ${total} events, the run says ${info!.eventCount}.`);
    if (format === 'columnar') yield encodeColumnarEnd(total);
  }
  return { eventCount: info.eventCount, pieces: pieces() };
}
