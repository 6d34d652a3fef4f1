/**
 * The operator token (SKYLANE_OPERATOR_TOKEN): the credential of the people who run a Skylane deployment, for the
 * admin API (tenants) and /metrics. It is not a tenant API key and no tenant key opens those routes. Compared in
 * constant time (as SHA-256 digests, so that the lengths do not leak either).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Shortest operator token accepted (characters): guessing must be hopeless. */
export const MIN_OPERATOR_TOKEN_LENGTH = 32;

/** Checks a configured operator token; returns it, or undefined when unset/empty. Throws when it is too short. */
export function checkOperatorToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (token.length < MIN_OPERATOR_TOKEN_LENGTH) {
    throw new Error(`SKYLANE_OPERATOR_TOKEN is ${token.length} characters long; use at least ${MIN_OPERATOR_TOKEN_LENGTH} random characters (e.g. \`openssl rand -base64 32\`).`);
  }
  return token;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Whether the request presents `token` as `Authorization: Bearer <token>`. */
export function operatorTokenMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return false;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (m === null) return false;
  return timingSafeEqual(digest(m[1]!.trim()), digest(token));
}
