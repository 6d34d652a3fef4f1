/**
 * Content-addressed snapshots: a canonical serialisation (object keys sorted recursively, arrays and typed arrays
 * kept in order, numbers bit-exact through the v8 structured-clone format, so −0, NaN and ±∞ survive) and its SHA-256.
 * A run's catalog (the plan's SGP4 inputs and ephemerides) is stored once under its hash and every shard refers to it.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

/** The value with the keys of every plain object sorted (a new tree; typed arrays and primitives as they are). */
export function canonicalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(canonicalize);
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src).sort()) out[k] = canonicalize(src[k]);
  return out;
}

/** The canonical bytes of a value. */
export function canonicalBytes(value: unknown): Buffer {
  return serialize(canonicalize(value));
}

export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Decodes bytes written by `canonicalBytes` or `serialize`. */
export function decode<T>(bytes: Uint8Array): T {
  return deserialize(bytes) as T;
}
