/**
 * The bytes of a screening shard's result in the results hash (docs/design/distributed-execution.md "On the wire").
 * A sorted shard (`SortedShardResult`) travels as a compact buffer whose event columns the submitter reads in place,
 * without the v8 decode's copy of every row (≈ 1 s a 2.8 M-event shard measured, "The serial part"):
 *
 *   0   "SKYSHRD1"                   8 bytes, magic
 *   8   meta length L                u32 little-endian
 *   12  rows                         u32 little-endian
 *   16  meta                         v8 serialisation of { form, firstBlock, endBlock, blocks } (the blocks' events empty)
 *   16 + L, padded to 8: columns     object1, object2 (Int32, each padded to 8 bytes), then the 8 Float64 columns of
 *                                    FLOAT_COLUMNS, little-endian: the body of a SKYCONJ1 chunk (columnsFormat.ts)
 *
 * On a little-endian host the columns are typed-array views on the bytes when their offset is a multiple of 8 (a
 * buffer read from Redis in several pieces is a fresh allocation: offset 0); otherwise the bytes are copied once to a
 * fresh buffer and viewed there. Anything else
 * (a block list from an older worker, a sorted result a test stored through v8) is decoded with v8, so both wire
 * forms are read.
 */
import { deserialize, serialize } from 'node:v8';
import {
  columnarChunkLayout,
  createConjunctionColumns,
  encodeColumnarChunk,
  HOST_LITTLE_ENDIAN,
  shardRowsInBlockOrder,
  sortedRowOrder,
  sortShardResult,
  SORTED_SHARD_FORM,
  type BlockResult,
  type ColumnarColumnPlace,
  type FloatColumnName,
  type IntColumnName,
  type ScreeningShard,
  type ShardResult,
  type SortedShardResult,
} from '@skylane/core';

const MAGIC = 'SKYSHRD1';
const HEAD = 16;
/** A SKYCONJ1 chunk's row-count prefix: the compact form holds the chunk's body without it. */
const CHUNK_PREFIX = 8;

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/** The columns of `rows` events as laid out in a SKYCONJ1 chunk body (core `columnarChunkLayout`), and their bytes. */
function bodyLayout(rows: number): { byteLength: number; columns: readonly ColumnarColumnPlace[] } {
  if (rows === 0) return { byteLength: 0, columns: [] };
  const layout = columnarChunkLayout(rows);
  return { byteLength: layout.byteLength - CHUNK_PREFIX, columns: layout.columns };
}

/** A compact buffer for `rows` rows with its head (magic, metadata length, rows) and metadata written; at0: the first column. */
function compactBuffer(meta: Buffer, rows: number): { out: Buffer; at0: number } {
  const at0 = pad8(HEAD + meta.length);
  const out = Buffer.alloc(at0 + bodyLayout(rows).byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(meta.length, 8);
  out.writeUInt32LE(rows, 12);
  meta.copy(out, HEAD);
  return { out, at0 };
}

/** The bytes of a shard result: the compact buffer for a sorted shard, v8 for a block list. */
export function encodeShardResult(result: ShardResult): Buffer {
  if (Array.isArray(result)) return serialize(result);
  const r = result as SortedShardResult;
  const rows = r.events.length;
  const { out, at0 } = compactBuffer(serialize({ form: r.form, firstBlock: r.firstBlock, endBlock: r.endBlock, blocks: r.blocks }), rows);
  if (rows > 0) out.set(encodeColumnarChunk(r.events, 0, rows).subarray(CHUNK_PREFIX), at0);
  return out;
}

/**
 * `encodeShardResult(sortShardResult(shard, blocks))` without the sorted copy: the rows are gathered in merge order
 * straight into the compact buffer's columns (a worker then holds the block's columns and the buffer, not a third
 * shard-sized copy). The same bytes.
 */
export function encodeSortedShard(shard: ScreeningShard, blocks: readonly BlockResult[]): Buffer {
  if (!HOST_LITTLE_ENDIAN) return encodeShardResult(sortShardResult(shard, blocks));
  const { ordered, all } = shardRowsInBlockOrder(shard, blocks);
  const order = sortedRowOrder(all);
  const rows = order.length;
  const empty = ordered.map((r) => ({ ...r, events: createConjunctionColumns(1) }));
  const { out, at0 } = compactBuffer(serialize({ form: SORTED_SHARD_FORM, firstBlock: shard.firstBlock, endBlock: shard.endBlock, blocks: empty }), rows);
  for (const place of bodyLayout(rows).columns) {
    const src = all[place.name];
    const at = out.byteOffset + at0 + place.offset - CHUNK_PREFIX;
    const dst = place.type === 'int32' ? new Int32Array(out.buffer, at, rows) : new Float64Array(out.buffer, at, rows);
    for (let k = 0; k < rows; k++) dst[k] = src[order[k]!]!;
  }
  return out;
}

/** Thrown for bytes that start like a compact shard result but do not hold one. */
export class ShardResultFormatError extends Error {
  readonly code = 'SHARD_RESULT_FORMAT';
}

/** Reads bytes written by `encodeShardResult` (either form), or a v8 serialisation of either form. */
export function decodeShardResult(bytes: Uint8Array): ShardResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEAD || buf.toString('latin1', 0, 8) !== MAGIC) return deserialize(buf) as ShardResult;
  const metaLength = buf.readUInt32LE(8);
  const rows = buf.readUInt32LE(12);
  const at0 = pad8(HEAD + metaLength);
  const body = bodyLayout(rows);
  if (buf.length !== at0 + body.byteLength) throw new ShardResultFormatError(`A compact shard result of ${rows} rows and ${metaLength} bytes of metadata should be ${at0 + body.byteLength} bytes; got ${buf.length}.`);
  const meta = deserialize(buf.subarray(HEAD, HEAD + metaLength)) as Omit<SortedShardResult, 'events'>;
  if (meta.form !== SORTED_SHARD_FORM) throw new ShardResultFormatError(`A compact shard result of form ${String(meta.form)}; this reader knows ${SORTED_SHARD_FORM}.`);
  // Misaligned on a little-endian host (a single piece from Redis may sit anywhere in the reply's buffer): one copy
  // into a fresh buffer (offset 0), then views. A big-endian host reads value by value.
  if (HOST_LITTLE_ENDIAN && (buf.byteOffset + at0) % 8 !== 0) {
    const fresh = Buffer.alloc(buf.length); // never from the pool: offset 0
    buf.copy(fresh);
    return decodeShardResult(fresh);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const events = createConjunctionColumns(1);
  for (const place of body.columns) {
    const at = at0 + place.offset - CHUNK_PREFIX;
    if (place.type === 'int32') {
      events[place.name as IntColumnName] = HOST_LITTLE_ENDIAN ? new Int32Array(buf.buffer, buf.byteOffset + at, rows) : Int32Array.from({ length: rows }, (_, i) => view.getInt32(at + 4 * i, true));
    } else {
      events[place.name as FloatColumnName] = HOST_LITTLE_ENDIAN ? new Float64Array(buf.buffer, buf.byteOffset + at, rows) : Float64Array.from({ length: rows }, (_, i) => view.getFloat64(at + 8 * i, true));
    }
  }
  events.length = rows;
  return { form: SORTED_SHARD_FORM, firstBlock: meta.firstBlock, endBlock: meta.endBlock, blocks: meta.blocks, events };
}
