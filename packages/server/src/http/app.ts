/**
 * The Skylane HTTP API (Fastify + TypeBox): OpenAPI 3 at /api/v1/openapi.json, docs UI at /docs (assets served
 * from the package, offline), RFC 9457 errors, API-key authentication with roles, per-key rate limits and request
 * size limits. Every tenant-owned resource is read and written through queries scoped by the caller's tenant.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TimeScales } from '@skylane/core';
import type { Store } from '../storage/database.ts';
import { authenticate, roleAtLeast, type Principal } from '../storage/tenants.ts';
import type { Role } from '../storage/schema.ts';
import { frameworkProblem, HttpProblem, sendProblem } from './problem.ts';
import { RateLimiter, type RateLimitOptions } from './rateLimit.ts';
import { rejectNonFiniteNumbers } from './finiteNumbers.ts';
import { registerCatalogRoutes } from './routes/catalog.ts';
import { registerTenantRoutes } from './routes/tenant.ts';
import { registerFleetRoutes } from './routes/fleets.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerScreeningRoutes } from './routes/screenings.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerOperatorDataRoutes } from './routes/operatorData.ts';
import { EarlyWarningService, type EarlyWarningOptions } from '../warning/service.ts';
import { dashboardInlineScriptHashes, registerDashboard } from './dashboard.ts';
import { loggingFastifyOptions, redactUrl, registerSecurityHeaders, type LoggerSettings } from './security.ts';
import { StreamRegistry } from './sseStreams.ts';
import { registerMetrics } from './metrics.ts';
import { checkOperatorToken } from './operatorAuth.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerPropagationRoutes } from './routes/propagations.ts';
import { registerAdrRoutes } from './routes/adr.ts';
import { registerLaunchRoutes } from './routes/launch.ts';
import { registerManeuverRoutes } from './routes/maneuvers.ts';
import { registerOdRoutes } from './routes/od.ts';
import { registerReentryRoutes } from './routes/reentry.ts';
import { registerReentryWatchRoutes } from './routes/reentryWatch.ts';
import { registerAvoidanceRoutes } from './routes/avoidance.ts';
import { registerObservationRoutes } from './routes/observations.ts';
import { registerBreakupRoutes } from './routes/breakup.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** The early-warning service behind the API (jobs, webhooks, alert stream). */
    earlyWarning: EarlyWarningService;
  }
  interface FastifyContextConfig {
    /** Least role the route needs; routes without one need no key. */
    role?: Role;
  }
}

export interface AppOptions {
  readonly store: Store;
  readonly timeScales: TimeScales;
  /** Largest request body of ordinary routes, bytes (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Largest upload body, bytes (default 64 MiB). */
  readonly uploadLimitBytes?: number;
  /** Rate limit per API key (default 50/s sustained, bursts of 200). */
  readonly rateLimit?: RateLimitOptions;
  /** Structured JSON logger (pino; secrets redacted, request ids): true for stdout at info, or its settings (default off). */
  readonly logger?: boolean | LoggerSettings;
  /** Operator token (SKYLANE_OPERATOR_TOKEN) of the admin API and /metrics; unset: admin API off, /metrics loopback only. */
  readonly operatorToken?: string;
  /** Concurrent alert streams per API key (default 8). */
  readonly maxStreamsPerKey?: number;
  /** Called after each batch of an upload is written inside its transaction. */
  readonly onIngestProgress?: (written: number, total: number) => void | Promise<void>;
  /** Screening jobs, re-screen triggers, webhook retries (default: no automatic triggers, all threads). */
  readonly earlyWarning?: EarlyWarningOptions;
}

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Context shared by the route modules. */
export interface RouteContext {
  readonly store: Store;
  readonly timeScales: TimeScales;
  readonly uploadLimitBytes: number;
  readonly onIngestProgress: ((written: number, total: number) => void | Promise<void>) | undefined;
  readonly service: EarlyWarningService;
  /** Open alert streams by key (cap per key, closed on revocation). */
  readonly streams: StreamRegistry;
}

/** The authenticated principal of a request on a route that declares a role. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'this route needs an API key.');
  return request.principal;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const operatorToken = checkOperatorToken(options.operatorToken);
  const app = Fastify({
    ...loggingFastifyOptions(options.logger),
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    // Errors of Fastify's router (bad URL encoding, …) are problem+json too (issue 11 item 1).
    frameworkErrors: frameworkProblem,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const limiter = new RateLimiter(options.rateLimit ?? { perSecond: 50, burst: 200 });
  app.decorateRequest('principal', null);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Skylane early-warning API',
        version: '1.0.0',
        description:
          'Catalog store, CelesTrak-compatible GP query, uploads (TLE, OMM, OEM, CDM), fleets, screening jobs, conjunction events with their CDMs, alerts (list, acknowledge, server-sent-events stream) and signed webhooks. Authenticate with `Authorization: Bearer <API key>`. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'sk_… API key' },
          operatorToken: { type: 'http', scheme: 'bearer', description: 'operator token (SKYLANE_OPERATOR_TOKEN): admin API and /metrics' },
        },
      },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } as Record<string, unknown> });

  registerSecurityHeaders(app, dashboardInlineScriptHashes());
  app.addHook('onRequest', async (request, reply) => {
    const needed = request.routeOptions.config.role;
    const header = request.headers.authorization;
    const presented = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : request.headers['x-api-key'];
    let principal: Principal | undefined;
    if (typeof presented === 'string' && presented !== '') principal = await authenticate(options.store.db, presented);
    const bucket = principal !== undefined ? `key:${principal.apiKeyId}` : `ip:${request.ip}`;
    const { retryAfterS, remaining } = limiter.take(bucket);
    reply.header('ratelimit-limit', String(limiter.options.burst));
    reply.header('ratelimit-remaining', String(remaining));
    if (retryAfterS > 0) {
      reply.header('retry-after', String(retryAfterS));
      throw new HttpProblem(429, 'rate-limited', 'Too many requests', `rate limit of ${limiter.options.perSecond} requests/s (bursts of ${limiter.options.burst}) exceeded: retry after ${retryAfterS} s.`);
    }
    if (needed === undefined) return;
    if (principal === undefined) {
      reply.header('www-authenticate', 'Bearer');
      throw new HttpProblem(401, 'unauthorized', 'Unauthorized', typeof presented === 'string' ? 'the API key is unknown, revoked or malformed.' : 'send an API key: Authorization: Bearer sk_….');
    }
    if (!roleAtLeast(principal.role, needed)) {
      throw new HttpProblem(403, 'forbidden', 'Forbidden', `this route needs the ${needed} role; the key has ${principal.role}.`);
    }
    request.principal = principal;
  });

  app.addHook('preHandler', rejectNonFiniteNumbers);

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof HttpProblem) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return sendProblem(reply, error.status, error.slug, error.title, error.message, request.url, error.extensions);
    }
    const e = error as { validation?: { instancePath?: string; message?: string; params?: unknown }[]; validationContext?: string; statusCode?: number; code?: string; message?: string };
    if (e.validation !== undefined) {
      const errors = e.validation.map((v) => ({ location: `${e.validationContext ?? 'request'}${v.instancePath ?? ''}`, reason: v.message ?? 'invalid' }));
      return sendProblem(reply, 400, 'validation', 'Invalid request', errors.map((x) => `${x.location}: ${x.reason}`).join('; '), request.url, { errors });
    }
    if (e.statusCode === 413) return sendProblem(reply, 413, 'too-large', 'Request body too large', e.message ?? 'request body too large', request.url);
    if (e.statusCode === 415) return sendProblem(reply, 415, 'unsupported-media-type', 'Unsupported media type', e.message ?? 'unsupported content type', request.url);
    if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
      return sendProblem(reply, e.statusCode, 'bad-request', 'Bad request', e.message ?? 'bad request', request.url);
    }
    request.log.error(error);
    return sendProblem(reply, 500, 'internal', 'Internal server error', 'the server failed to handle this request; it has been logged.', request.url);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, 'not-found', 'Not found', `no route ${request.method} ${redactUrl(request.url.split('?')[0] ?? '')}.`, request.url));

  // An SQLite file store lets screening jobs read element sets on a worker thread (docs/design/early-warning.md).
  const sqlitePath = options.store.dialect === 'sqlite' && options.store.location !== ':memory:' ? { sqlitePath: options.store.location } : {};
  const service = new EarlyWarningService(options.store.db, options.timeScales, { ...sqlitePath, ...options.earlyWarning });
  await service.start();
  app.decorate('earlyWarning', service);
  app.addHook('onClose', async () => service.close());
  const ctx: RouteContext = {
    service,
    store: options.store,
    timeScales: options.timeScales,
    uploadLimitBytes: options.uploadLimitBytes ?? 64 * 1024 * 1024,
    onIngestProgress: options.onIngestProgress,
    streams: new StreamRegistry(options.maxStreamsPerKey),
  };
  registerMetrics(app, { db: options.store.db, streams: ctx.streams, operatorToken });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/api/v1/health', { schema: { tags: ['meta'], summary: 'Liveness and database check', security: [] } }, async () => {
    await options.store.db.selectFrom('tenants').select('id').limit(1).execute();
    return { status: 'ok', database: options.store.dialect, now: service.now().toISOString() };
  });
  await app.register(async (scope) => registerCatalogRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerTenantRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerFleetRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerWebhookRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerScreeningRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerEventRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerAlertRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerOperatorDataRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerLaunchRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerOdRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerBreakupRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerAdminRoutes(scope as unknown as App, ctx, operatorToken));
  await app.register(async (scope) => registerPropagationRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerAdrRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerReentryRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerAvoidanceRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerReentryWatchRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/constellations.ts')).registerConstellationRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerManeuverRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/satcat.ts')).registerSatcatRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/launchOps.ts')).registerLaunchOpsRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => void registerObservationRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/tourism.ts')).registerTourismRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/tourismOrbital.ts')).registerTourismOrbitalRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => (await import('./routes/suborbital.ts')).registerSuborbitalRoutes(scope as unknown as App, ctx));
  await app.register(async (scope) => registerDashboard(scope as unknown as App));
  return app;
}
