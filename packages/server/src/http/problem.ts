/**
 * RFC 9457 problem details (`application/problem+json`). Every error the API returns is one of these; batch
 * rejections carry an `errors` array naming each rejected record (line, field, code, reason).
 */
import type { FastifyReply } from 'fastify';
import { redactUrl } from './security.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A problem to send: thrown from handlers and turned into a response by the app's error handler. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export function problemType(slug: string): string {
  return `urn:skylane:problem:${slug}`;
}

export function sendProblem(reply: FastifyReply, status: number, slug: string, title: string, detail: string, instance: string, extensions: Record<string, unknown> = {}): FastifyReply {
  // `instance` is the request URL with API keys and key-like query parameters redacted: keys are never echoed.
  const body: ProblemBody = { type: problemType(slug), title, status, detail, instance: redactUrl(instance), ...extensions };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export const notFound = (what: string): HttpProblem => new HttpProblem(404, 'not-found', 'Not found', `${what} does not exist or is not visible to this tenant.`);
export const badRequest = (detail: string, extensions: Record<string, unknown> = {}): HttpProblem =>
  new HttpProblem(400, 'bad-request', 'Bad request', detail, extensions);

/**
 * Fastify's `frameworkErrors` hook: errors raised while routing, before any handler (a malformed percent-encoding
 * such as `/api/v1/objects/%E0%A4%A`, a failed async constraint), answered as problem+json instead of Fastify's
 * own JSON.
 */
export function frameworkProblem(error: { code?: string; message?: string; statusCode?: number }, request: { url: string }, reply: FastifyReply): void {
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 400;
  const detail = badUrl ? 'the URL is not valid percent-encoding (RFC 3986): encode each byte as %XX with two hex digits, and only complete UTF-8 sequences.' : 'the request could not be routed.';
  // The URL itself is not echoed back raw: it may be what broke the decoder.
  void sendProblem(reply, status, badUrl ? 'bad-url' : 'bad-request', 'Bad request', detail, encodeURI(safeDecode(request.url.split('?')[0] ?? '')));
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s.replace(/%/g, '%25');
  }
}
