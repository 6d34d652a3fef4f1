/**
 * Large values in pieces: a shard's result bytes are written into the run's results hash as fields of at most
 * `RESULT_CHUNK_BYTES` each, because Redis refuses a bulk string over 512 MB (`proto-max-bulk-len`) and one 15-min
 * shard of 1,000,000 objects is already ≈ 470 MB of events (docs/benchmarks.md, 1 M shards). Field `<shard>` holds
 * the first piece; when there are more, `<shard>:n` holds their count and `<shard>:1` … `<shard>:<n-1>` the rest. All
 * fields of a shard are written in the MULTI that records its event count, so a shard reported done is complete.
 * A run's input snapshot (344 MB at 1 M objects, over the limit from ≈ 1.5 M) is stored the same way: its key is a
 * hash whose field `v` (and `v:n`, `v:1` …) hold the pieces, replaced in one MULTI (`setChunked`/`getChunked`).
 */
import type { ChainableCommander, Redis } from 'ioredis';

/** Largest piece of a result stored in one Redis field (64 MiB: far below the 512 MB limit, modest replies). */
export const RESULT_CHUNK_BYTES = 64 * 1024 * 1024;

/** Queues the HSETs of a shard's result pieces on a MULTI/pipeline; returns the number of pieces. */
export function hsetResultChunks(multi: ChainableCommander, key: string, field: string, bytes: Uint8Array, chunkBytes: number = RESULT_CHUNK_BYTES): number {
  if (!(Number.isInteger(chunkBytes) && chunkBytes >= 1)) throw new RangeError(`chunkBytes must be a positive integer; got ${chunkBytes}.`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.max(1, Math.ceil(buf.length / chunkBytes));
  multi.hset(key, field, buf.subarray(0, chunkBytes));
  if (n > 1) {
    multi.hset(key, `${field}:n`, String(n));
    for (let k = 1; k < n; k++) multi.hset(key, `${field}:${k}`, buf.subarray(k * chunkBytes, (k + 1) * chunkBytes));
  } else multi.hdel(key, `${field}:n`);
  return n;
}

/** Reads a shard's result written by `hsetResultChunks`; null when it (or one of its pieces) is missing. */
export async function hgetResultChunks(redis: Redis, key: string, field: string): Promise<Buffer | null> {
  const [first, count] = await redis.hmgetBuffer(key, field, `${field}:n`);
  if (first === null || first === undefined) return null;
  if (count === null || count === undefined) return first;
  const n = Number(count.toString());
  if (!(Number.isInteger(n) && n >= 2)) return null;
  const parts: Buffer[] = [first];
  // A few pieces per round trip keeps each reply modest.
  for (let k = 1; k < n; k += 4) {
    const fields = Array.from({ length: Math.min(4, n - k) }, (_, i) => `${field}:${k + i}`);
    for (const p of await redis.hmgetBuffer(key, ...fields)) {
      if (p === null || p === undefined) return null;
      parts.push(p);
    }
  }
  return Buffer.concat(parts);
}

/** Stores a large value (an input snapshot) under its own key as a hash of pieces, replacing what was there, with a TTL (one MULTI). */
export async function setChunked(redis: Redis, key: string, bytes: Uint8Array, ttlS: number, chunkBytes: number = RESULT_CHUNK_BYTES): Promise<void> {
  const multi = redis.multi().del(key);
  hsetResultChunks(multi, key, 'v', bytes, chunkBytes);
  await multi.expire(key, ttlS).exec();
}

/** Reads a value stored by `setChunked`; null when the key (or one of its pieces) is missing. */
export function getChunked(redis: Redis, key: string): Promise<Buffer | null> {
  return hgetResultChunks(redis, key, 'v');
}

/** Deletes a shard's result written by `hsetResultChunks` (every piece), once the submitter has written it out. */
export async function hdelResultChunks(redis: Redis, key: string, field: string): Promise<void> {
  const count = await redis.hget(key, `${field}:n`);
  const n = count === null ? 1 : Number(count);
  const fields = [field, `${field}:n`];
  for (let k = 1; k < n; k++) fields.push(`${field}:${k}`);
  await redis.hdel(key, ...fields);
}
