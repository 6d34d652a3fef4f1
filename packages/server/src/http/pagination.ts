/**
 * Cursor pagination: a page is `{ items, nextCursor }`; `nextCursor` (also in a `Link: <…>; rel="next"` header) is an
 * opaque token holding the sort key of the last item, stable under concurrent inserts (no offsets).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from './problem.ts';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** Query fields of every paged list: `limit` (1..MAX_PAGE, default DEFAULT_PAGE) and the opaque `cursor`. */
export const PAGE_QUERY_FIELDS = {
  limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/** The query schema of a paged list without further filters. */
export const PageQuery = Type.Object(PAGE_QUERY_FIELDS);

export function encodeCursor(key: number): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

/** The sort key of a cursor, or undefined for none; a malformed cursor is a 400. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof v.k === 'number' && Number.isSafeInteger(v.k)) return v.k;
  } catch {
    // fall through
  }
  throw badRequest(`cursor "${cursor.slice(0, 40)}" is not one this API issued: pass back the nextCursor of the previous page unchanged.`);
}

/** Sends a page; `keyOf` gives the cursor key of an item. Fetch `limit + 1` items to know whether there is a next page. */
export function sendPage<T>(request: FastifyRequest, reply: FastifyReply, fetched: readonly T[], limit: number, keyOf: (item: T) => number, map?: (item: T) => unknown): unknown {
  const items = fetched.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = fetched.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  if (nextCursor !== null) {
    const url = new URL(request.url, 'http://localhost');
    url.searchParams.set('cursor', nextCursor);
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return { items: map ? items.map(map) : items, nextCursor };
}
