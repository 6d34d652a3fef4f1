/**
 * The open server-sent-events streams of this process, by API key: caps the concurrent streams of one key (each
 * holds a socket, a bus listener and a heartbeat timer), closes every stream of a key when it is revoked, and closes
 * all of them when the server shuts down.
 */
import type { ServerResponse } from 'node:http';
import { HttpProblem } from './problem.ts';

/** Default cap on concurrent alert streams per API key. */
export const DEFAULT_MAX_STREAMS_PER_KEY = 8;

export class StreamRegistry {
  private readonly byKey = new Map<number, Set<ServerResponse>>();
  readonly maxPerKey: number;

  constructor(maxPerKey: number = DEFAULT_MAX_STREAMS_PER_KEY) {
    if (!Number.isSafeInteger(maxPerKey) || maxPerKey < 1) throw new RangeError(`maxStreamsPerKey must be a positive integer, got ${maxPerKey}`);
    this.maxPerKey = maxPerKey;
  }

  /**
   * Checks that key `apiKeyId` may open one more stream; throws a 429 problem when it already holds the maximum.
   * Call before hijacking the reply, so that the refusal is an ordinary problem+json answer.
   */
  assertCanOpen(apiKeyId: number): void {
    const open = this.byKey.get(apiKeyId)?.size ?? 0;
    if (open >= this.maxPerKey) {
      throw new HttpProblem(
        429,
        'too-many-streams',
        'Too many streams',
        `this API key already holds ${open} open alert streams (the limit is ${this.maxPerKey}): close one (or reuse one stream per client) before opening another.`,
        { openStreams: open, maxStreamsPerKey: this.maxPerKey },
        { 'retry-after': '5' },
      );
    }
  }

  /** Registers an open stream of key `apiKeyId`; it is forgotten when the response closes. */
  add(apiKeyId: number, res: ServerResponse): void {
    let set = this.byKey.get(apiKeyId);
    if (set === undefined) {
      set = new Set();
      this.byKey.set(apiKeyId, set);
    }
    set.add(res);
    res.once('close', () => this.remove(apiKeyId, res));
  }

  remove(apiKeyId: number, res: ServerResponse): void {
    const set = this.byKey.get(apiKeyId);
    if (set === undefined) return;
    set.delete(res);
    if (set.size === 0) this.byKey.delete(apiKeyId);
  }

  /** Open streams of one key, or of all keys. */
  count(apiKeyId?: number): number {
    if (apiKeyId !== undefined) return this.byKey.get(apiKeyId)?.size ?? 0;
    let n = 0;
    for (const s of this.byKey.values()) n += s.size;
    return n;
  }

  /** Ends every stream of key `apiKeyId` (the key was revoked), after a last comment line saying why. */
  closeKey(apiKeyId: number, reason = 'key revoked'): number {
    const set = this.byKey.get(apiKeyId);
    if (set === undefined) return 0;
    const list = [...set];
    for (const res of list) {
      if (!res.writableEnded) res.end(`: ${reason}\n\n`);
      // Ending the response is not enough for a client that keeps the connection: drop the socket too.
      res.socket?.destroySoon();
    }
    this.byKey.delete(apiKeyId);
    return list.length;
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const set of this.byKey.values()) for (const res of set) if (!res.writableEnded) res.end();
    this.byKey.clear();
  }
}
