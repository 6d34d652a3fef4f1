/** The HTTP API (Fastify + TypeBox, OpenAPI 3, RFC 9457 errors). */
export { buildApp, type App, type AppOptions } from './app.ts';
export { HttpProblem, PROBLEM_CONTENT_TYPE } from './problem.ts';
export { RateLimiter, type RateLimitOptions } from './rateLimit.ts';
