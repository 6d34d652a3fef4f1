/**
 * Non-finite numbers are a 400 (issue 11 item 7). JSON cannot carry Infinity or NaN, but the query string and path
 * can: the validator coerces `limit=Infinity` or `1e400` to Infinity, which passes an integer schema without a
 * maximum and reached the database as a 500. This hook, run after validation, refuses any non-finite number in the
 * parsed params, query or JSON body, naming where it is.
 */
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.ts';

function findNonFinite(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const hit = findNonFinite(v, `${path}/${k}`, depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** preHandler hook: 400 problem+json for a non-finite number anywhere in the validated request. */
export async function rejectNonFiniteNumbers(request: FastifyRequest): Promise<void> {
  const where = findNonFinite(request.params, 'params') ?? findNonFinite(request.query, 'querystring') ?? findNonFinite(request.body, 'body');
  if (where !== undefined) {
    const errors = [{ location: where, reason: 'must be a finite number (Infinity, NaN and overflowing values such as 1e400 are not numbers here)' }];
    throw new HttpProblem(400, 'validation', 'Invalid request', `${where}: ${errors[0]!.reason}`, { errors });
  }
}
