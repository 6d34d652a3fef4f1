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
