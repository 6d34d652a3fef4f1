/**
 * Content addressing of snapshots. The content hash is the SHA-256 of a canonical text of a value, streamed into the
 * hash: object keys sorted, arrays and typed arrays in order (a typed array tagged with its type), every number in
 * JavaScript's shortest round-trip form (exact for every double; −0, NaN and ±∞ spelled out), strings as JSON. The
 * stored bytes are the v8 structured-clone serialisation (exact, fast, typed arrays as raw bytes); they are not used
 * for the hash because v8 writes a number differently depending on its in-memory representation (small integer or
 * double), so equal values could give different bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

const FLUSH_CHARS = 1 << 16;

class HashWriter {
  private buf = '';
  constructor(private readonly h: Hash) {}
  put(s: string): void {
    this.buf += s;
    if (this.buf.length >= FLUSH_CHARS) this.flush();
  }
  flush(): void {
    if (this.buf.length > 0) this.h.update(this.buf, 'utf8');
    this.buf = '';
  }
}

const num = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

function writeCanonical(w: HashWriter, value: unknown): void {
  switch (typeof value) {
    case 'number':
      w.put(num(value));
      return;
    case 'string':
      w.put(JSON.stringify(value));
      return;
    case 'boolean':
      w.put(value ? 'true' : 'false');
      return;
    case 'undefined':
      w.put('undefined');
      return;
    case 'bigint':
      w.put(`${value}n`);
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`cannot hash a ${typeof value}`);
  }
  if (value === null) {
    w.put('null');
    return;
  }
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number | bigint> & { constructor: { name: string } };
    w.put(`${arr.constructor.name}[`);
    for (let i = 0; i < arr.length; i++) w.put((typeof arr[i] === 'bigint' ? `${arr[i]}n` : num(arr[i] as number)) + ',');
    w.put(']');
    return;
  }
  if (Array.isArray(value)) {
    w.put('[');
    for (const v of value) {
      writeCanonical(w, v);
      w.put(',');
    }
    w.put(']');
    return;
  }
  const src = value as Record<string, unknown>;
  w.put('{');
  for (const k of Object.keys(src).sort()) {
    w.put(JSON.stringify(k) + ':');
    writeCanonical(w, src[k]);
    w.put(',');
  }
  w.put('}');
}

/** SHA-256 (hex) of the canonical text of a value (plain objects, arrays, typed arrays, primitives). */
export function contentHash(value: unknown): string {
  const h = createHash('sha256');
  const w = new HashWriter(h);
  writeCanonical(w, value);
  w.flush();
  return h.digest('hex');
}

export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The stored bytes of a value (v8 structured clone: exact). */
export function encode(value: unknown): Buffer {
  return serialize(value);
}

/** Decodes bytes written by `encode`. */
export function decode<T>(bytes: Uint8Array): T {
  return deserialize(bytes) as T;
}
