/**
 * Response security headers, secret redaction and the structured logger of the HTTP API.
 *
 * Every answer (routes, errors, 404s, static dashboard files, the hijacked alert stream) carries:
 * - `Content-Security-Policy`: same-origin everything; `frame-ancestors 'none'`; workers from 'self' and `blob:`
 *   (Cesium's combined build starts its workers from blob: URLs); `'wasm-unsafe-eval'` for Cesium's WebAssembly;
 *   `'unsafe-eval'` because Cesium's combined `Cesium.js` bundles Knockout, which evaluates strings when it loads
 *   (without it the dashboard has no globe); the dashboard's one inline script is allowed by its SHA-256 hash, never
 *   by `'unsafe-inline'`; inline styles are allowed (Cesium's widgets and the charts set `style` attributes).
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY` (older browsers),
 *   `Cross-Origin-Opener-Policy: same-origin`.
 *
 * Logging (pino through Fastify): one JSON object per line, a request id on every line of a request (`reqId`; a
 * well-formed `X-Request-Id` from the client is kept, else a random one, and the answer echoes it), and no secrets:
 * API keys (`sk_…`) anywhere in a URL and the values of key-like query parameters are replaced by `[redacted]`,
 * and the `authorization`, `x-api-key` and cookie headers, webhook secrets and key fields are censored by path.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets wherever they appear. */
const SECRET_PARAMS = /^(key|api[-_]?key|apikey|token|access[-_]?token|secret|password|signature|sig)$/i;
/** An API key anywhere in a string (`sk_<id>_<secret>`, or any `sk_` token). */
const API_KEY_ANYWHERE = /sk_[A-Za-z0-9_-]+/g;
export const REDACTED = '[redacted]';

/**
 * The URL (path and query, as received) with secrets replaced: API keys anywhere, and the values of key-like query
 * parameters (`key`, `apiKey`, `token`, …). Used for problem `instance` fields and logs.
 */
export function redactUrl(url: string): string {
  let out = url.replace(API_KEY_ANYWHERE, REDACTED);
  const q = out.indexOf('?');
  if (q >= 0) {
    const query = out
      .slice(q + 1)
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        const rawName = eq >= 0 ? part.slice(0, eq) : part;
        let name = rawName;
        try {
          name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        } catch {
          // a malformed escape: match on the raw name
        }
        return eq >= 0 && SECRET_PARAMS.test(name) ? `${rawName}=${REDACTED}` : part;
      })
      .join('&');
    out = `${out.slice(0, q)}?${query}`;
  }
  return out;
}

/** Paths of log objects that pino censors (headers as Fastify logs them, webhook and key fields anywhere). */
export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'secret',
  'apiKey',
  '*.secret',
  '*.apiKey',
  '*.authorization',
  '*["x-api-key"]',
  'body.secret',
  'body.apiKey',
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A request id: the client's `X-Request-Id` when it is short and plain (no log injection), else a random UUID. */
export function genRequestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface LoggerSettings {
  /** pino level (default 'info'). */
  readonly level?: string;
  /** Where the JSON lines go (default stdout). */
  readonly stream?: { write(line: string): unknown };
}

/** Fastify's `logger` option: pino, JSON lines, request ids, secrets redacted. */
export function loggerOptions(settings: LoggerSettings = {}): Record<string, unknown> {
  return {
    level: settings.level ?? 'info',
    ...(settings.stream !== undefined ? { stream: settings.stream } : {}),
    redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED },
    serializers: {
      req(req: { method?: string; url?: string; ip?: string; socket?: { remotePort?: number }; headers?: Record<string, unknown> }) {
        return {
          method: req.method,
          url: redactUrl(req.url ?? ''),
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
          userAgent: req.headers?.['user-agent'],
        };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
      err(err: Error & { code?: unknown; statusCode?: unknown }) {
        return { type: err.name, message: redactUrl(err.message), code: err.code, statusCode: err.statusCode, stack: err.stack !== undefined ? redactUrl(err.stack) : undefined };
      },
    },
  };
}

/** Fastify options for logging and request ids (spread into `Fastify({...})`). */
export function loggingFastifyOptions(logger: boolean | LoggerSettings | undefined): Record<string, unknown> {
  const base = { genReqId: genRequestId };
  if (logger === undefined || logger === false) return { ...base, logger: false };
  return { ...base, logger: loggerOptions(logger === true ? {} : logger) };
}

/** SHA-256 CSP sources ('sha256-…') of the inline `<script>` elements of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    out.push(`'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return out;
}

/** The Content-Security-Policy of every answer, allowing the dashboard's inline scripts of `inlineScripts` hashes. */
export function contentSecurityPolicy(inlineScripts: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' blob: ${inlineScripts.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The security headers of every answer. */
export function securityHeaders(inlineScripts: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(inlineScripts),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

interface HookHost {
  addHook(name: 'onRequest', hook: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): unknown;
  addHook(name: 'onSend', hook: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>): unknown;
  readonly server: Server;
}

/**
 * Sets the security headers and the `x-request-id` echo on every answer. They are set on the raw response at the
 * start of each request (from the HTTP server's own request listener, which runs before Fastify), so that they also
 * reach answers written without `reply.send` (the hijacked SSE stream) or before any hook (a bad URL encoding).
 */
export function registerSecurityHeaders(app: HookHost, inlineScripts: readonly string[] = []): void {
  const headers = Object.entries(securityHeaders(inlineScripts));
  // Every answer of the listening server, including those Fastify writes itself before any hook (a bad URL encoding).
  app.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of headers) res.setHeader(k, v);
  });
  app.addHook('onRequest', async (request, reply) => {
    for (const [k, v] of headers) reply.raw.setHeader(k, v);
    reply.raw.setHeader('x-request-id', request.id);
  });
  // Injected requests (no server) that skip the onRequest hooks still pass through onSend.
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of headers) if (!reply.hasHeader(k) && !reply.raw.hasHeader(k)) reply.header(k, v);
    return payload;
  });
}
