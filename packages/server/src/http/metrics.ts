/**
 * `GET /metrics`: Prometheus text exposition (format 0.0.4) for the operators who run Skylane.
 *
 * - `skylane_http_request_duration_seconds` (histogram) by method, route pattern (`/api/v1/fleets/:fleetId`, never
 *   the raw URL: no ids, no keys, bounded cardinality) and status code; unmatched URLs count as route "unmatched".
 * - `skylane_screening_jobs{status}` (gauge): jobs by status from the database (`queued` is the queue depth,
 *   `running` the running jobs); `skylane_webhook_deliveries{status}` (gauge): deliveries by outcome
 *   (`pending` = awaiting a retry, `delivered`, `dead`). Read at scrape time, so they are right on every process
 *   sharing a PostgreSQL database. No per-tenant labels: metrics never name a tenant.
 * - `skylane_sse_streams_open`, `skylane_event_loop_delay_seconds` (p99 and max since the last scrape),
 *   `process_resident_memory_bytes`, `nodejs_heap_used_bytes`, `process_uptime_seconds`.
 *
 * Access: with SKYLANE_OPERATOR_TOKEN set, a scrape needs `Authorization: Bearer <operator token>`; without it,
 * /metrics answers only to loopback clients (127.0.0.0/8, ::1), so that a bare `npm start` can be scraped by a
 * local agent and nothing else. Tenant API keys never open it.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../storage/schema.ts';
import type { StreamRegistry } from './sseStreams.ts';
import { HttpProblem } from './problem.ts';
import { operatorTokenMatches } from './operatorAuth.ts';

/** Latency buckets, seconds. */
export const LATENCY_BUCKETS_S: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Series {
  readonly labels: string;
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Escapes a label value for the text format. */
function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** A Prometheus histogram with fixed label names. */
export class Histogram {
  private readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Record<string, string>, value: number): void {
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${labelValue(v)}"`)
      .join(',');
    let s = this.series.get(key);
    if (s === undefined) {
      s = { labels: key, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of [...this.series.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1))) {
      const sep = s.labels === '' ? '' : ',';
      for (let i = 0; i < this.buckets.length; i++) lines.push(`${this.name}_bucket{${s.labels}${sep}le="${this.buckets[i]}"} ${s.counts[i]}`);
      lines.push(`${this.name}_bucket{${s.labels}${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum{${s.labels}} ${s.sum}`);
      lines.push(`${this.name}_count{${s.labels}} ${s.count}`);
    }
    return lines.join('\n');
  }
}

function gauge(name: string, help: string, rows: readonly { labels?: Record<string, string>; value: number }[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const r of rows) {
    const l = r.labels === undefined ? '' : `{${Object.entries(r.labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}`;
    lines.push(`${name}${l} ${r.value}`);
  }
  return lines.join('\n');
}

/** Whether a socket address is loopback (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.toLowerCase();
  return a === '::1' || /^127\./.test(a) || /^::ffff:127\./.test(a);
}

export interface MetricsOptions {
  readonly db: Kysely<Database>;
  readonly streams: StreamRegistry;
  /** The operator token (SKYLANE_OPERATOR_TOKEN); undefined: loopback clients only. */
  readonly operatorToken: string | undefined;
}

interface MetricsHost {
  addHook(name: 'onResponse', hook: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): unknown;
  addHook(name: 'onClose', hook: () => Promise<void>): unknown;
  get(path: string, opts: Record<string, unknown>, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>): unknown;
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Records request latencies and serves `GET /metrics`. */
export function registerMetrics(app: MetricsHost, options: MetricsOptions): Histogram {
  const latency = new Histogram('skylane_http_request_duration_seconds', 'HTTP request latency by route pattern and status code.', LATENCY_BUCKETS_S);
  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  app.addHook('onClose', async () => {
    loop.disable();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['meta'],
        summary: 'Prometheus metrics (operator token, or loopback clients when no token is set)',
        description:
          'Prometheus text format 0.0.4: request latency histogram by route and status, screening jobs by status (queue depth, running), webhook deliveries by outcome, open alert streams, event-loop delay, memory. With SKYLANE_OPERATOR_TOKEN set, send `Authorization: Bearer <operator token>`; without it, only loopback clients are answered. Tenant API keys are not accepted.',
        security: [{ operatorToken: [] }],
      },
    },
    async (request, reply) => {
      if (options.operatorToken !== undefined) {
        if (!operatorTokenMatches(request, options.operatorToken)) {
          reply.header('www-authenticate', 'Bearer realm="skylane-operator"');
          throw new HttpProblem(401, 'unauthorized', 'Unauthorized', '/metrics needs the operator token (SKYLANE_OPERATOR_TOKEN) as Authorization: Bearer <token>; tenant API keys are not accepted.');
        }
      } else if (!isLoopback(request.socket.remoteAddress)) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', '/metrics answers only loopback clients while SKYLANE_OPERATOR_TOKEN is unset: set it to scrape from elsewhere.');
      }
      const jobs = await options.db.selectFrom('screening_jobs').select(['status', options.db.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const deliveries = await options.db.selectFrom('webhook_deliveries').select(['status', options.db.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const jobCounts = new Map<string, number>([
        ['queued', 0],
        ['running', 0],
      ]);
      for (const j of jobs) jobCounts.set(String(j.status), Number(j.n));
      const deliveryCounts = new Map<string, number>([
        ['pending', 0],
        ['delivered', 0],
        ['dead', 0],
      ]);
      for (const d of deliveries) deliveryCounts.set(String(d.status), Number(d.n));
      const mem = process.memoryUsage();
      const body = [
        latency.render(),
        gauge('skylane_screening_jobs', 'Screening jobs by status (queued: the queue depth; running: jobs in progress).', [...jobCounts].map(([status, value]) => ({ labels: { status }, value }))),
        gauge('skylane_webhook_deliveries', 'Webhook deliveries by outcome (pending: awaiting an attempt or a retry; delivered; dead: gave up).', [...deliveryCounts].map(([status, value]) => ({ labels: { status }, value }))),
        gauge('skylane_sse_streams_open', 'Open alert streams (server-sent events) of this process.', [{ value: options.streams.count() }]),
        gauge('skylane_event_loop_delay_seconds', 'Event-loop delay since the previous scrape (p99 and max).', [
          { labels: { quantile: '0.99' }, value: loop.percentile(99) / 1e9 },
          { labels: { quantile: '1' }, value: loop.max / 1e9 },
        ]),
        gauge('process_resident_memory_bytes', 'Resident set size.', [{ value: mem.rss }]),
        gauge('nodejs_heap_used_bytes', 'V8 heap in use.', [{ value: mem.heapUsed }]),
        gauge('process_uptime_seconds', 'Seconds since the API started.', [{ value: (performance.now() - started) / 1000 }]),
      ].join('\n');
      loop.reset();
      return reply.type(METRICS_CONTENT_TYPE).send(`${body}\n`);
    },
  );
  return latency;
}
