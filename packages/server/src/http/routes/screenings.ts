/** Screening-job routes: submit a fleet-vs-catalog screening (202 + job URL, 429 over the tenant's job limit), follow its progress and result, stream its close approaches (columns), cancel it. */
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { EVENT_COLUMN_MEDIA_TYPES, streamEventColumns, type EventColumnFormat } from '../../storage/eventColumns.ts';
import { jobView, JobRunnerClosedError } from '../../warning/jobs.ts';
import { DEFAULT_JOB_LIMITS, JobFinishedError, JobLimitError } from '../../warning/scheduler.ts';
import { DEFAULT_THRESHOLD_KM, DEFAULT_WINDOW_S } from '../../warning/service.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PageQuery, sendPage } from '../pagination.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';
import { checkScreeningWindow } from '../inputSanity.ts';

const JobParams = Type.Object({ jobId: Type.Integer({ minimum: 1 }) });

export function registerScreeningRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  app.post(
    '/api/v1/screenings',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['screening'],
        summary: 'Screen a fleet against the catalog (asynchronous: 202 with the job URL)',
        description: `A tenant may have ${DEFAULT_JOB_LIMITS.maxActivePerTenant} jobs queued or running (server setting); one more is refused with 429 (\`job-limit\`, with \`limit\` and \`active\`). Small jobs (estimated work = primaries × days × max(1, thresholdKm / 5)² up to ${DEFAULT_JOB_LIMITS.expressMaxWork}) run in an express lane and never wait behind large ones; tenants are served in turn, smallest job first. Primaries: the fleet's members; secondaries: every current element set visible to the tenant (public catalog and its private sets). Window: \`start\` (default now) for \`windowDays\` (default ${DEFAULT_WINDOW_S / 86_400}); close approaches within \`thresholdKm\` (sphere, default ${DEFAULT_THRESHOLD_KM} km) become events with a CDM and Pc. A window outside 1957–2100 or more than 10 years from the newest element-set epoch of the fleet's objects is a 400 naming \`start\`.`,
        body: Type.Object(
          {
            fleetId: Type.Integer({ minimum: 1 }),
            start: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 UTC, e.g. 2026-03-10T12:00:00Z' })),
            windowDays: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 30 })),
            thresholdKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      const fleet = await db.selectFrom('fleets').select('id').where('id', '=', b.fleetId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (fleet === undefined) throw notFound(`fleet ${b.fleetId}`);
      let start = ctx.service.now();
      if (b.start !== undefined) {
        const ms = Date.parse(b.start);
        if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(b.start) || Number.isNaN(ms)) throw badRequest(`start "${b.start}" is not an ISO-8601 UTC time such as 2026-03-10T12:00:00Z.`);
        start = new Date(ms);
      }
      await checkScreeningWindow(db, ctx.timeScales, p.tenantId, b.fleetId, start, Math.round((b.windowDays ?? DEFAULT_WINDOW_S / 86_400) * 86_400));
      const job = await ctx.service.jobs
        .submit({
          tenantId: p.tenantId,
          fleetId: b.fleetId,
          trigger: 'api',
          windowStart: start,
          durationS: Math.round((b.windowDays ?? DEFAULT_WINDOW_S / 86_400) * 86_400),
          thresholdKm: b.thresholdKm ?? DEFAULT_THRESHOLD_KM,
        })
        .catch((e: unknown) => {
          throw jobProblem(e);
        });
      const url = `/api/v1/screenings/${job.id}`;
      reply.header('location', url);
      return reply.code(202).send({ ...jobView(job), url });
    },
  );

  app.get(
    '/api/v1/screenings',
    { config: { role: 'viewer' }, schema: { tags: ['screening'], summary: "This tenant's screening jobs, newest first", querystring: PageQuery } },
    async (request, reply) => {
      const p = principalOf(request);
      const before = decodeCursor(request.query.cursor);
      const rows = await db
        .selectFrom('screening_jobs')
        .selectAll()
        .where('tenant_id', '=', p.tenantId)
        .$if(before !== undefined, (q) => q.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(request.query.limit + 1)
        .execute();
      return sendPage(request, reply, rows, request.query.limit, (r) => r.id, jobView);
    },
  );

  app.get('/api/v1/screenings/:jobId', { config: { role: 'viewer' }, schema: { tags: ['screening'], summary: 'One screening job: status, progress (blocks done of total) and result summary', params: JobParams } }, async (request) => {
    const p = principalOf(request);
    const job = await db.selectFrom('screening_jobs').selectAll().where('id', '=', request.params.jobId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
    if (job === undefined) throw notFound(`screening job ${request.params.jobId}`);
    return { ...jobView(job), url: `/api/v1/screenings/${job.id}` };
  });

  app.get(
    '/api/v1/screenings/:jobId/events',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['screening'],
        summary: "A succeeded screening run's close approaches, streamed from its stored columns (NDJSON, CSV or SKYCONJ1 binary)",
        description:
          'Every close approach the run found (before co-located pairs are set aside and approaches merged into one event per pair), in TCA order, streamed chunk by chunk from the columns stored with the run (docs/design/columnar-results.md): `ndjson` (default; one object a line: object1, object2, tca (ISO-8601 UTC, µs), tcaOffsetS, missDistanceKm, relativeSpeedKmPerS, missRadialKm, missTransverseKm, missNormalKm, tcaAgeDays1, tcaAgeDays2), `csv` (the same columns) or `columnar` (the SKYCONJ1 binary file: header, 65,536-event column chunks, end mark). Numbers in their shortest round-trip form. `x-skylane-event-count` gives the count. 404 for a job of another tenant, or one that has not succeeded (or ran before columns were stored).',
        params: JobParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('ndjson'), Type.Literal('csv'), Type.Literal('columnar')], { default: 'ndjson' })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const format: EventColumnFormat = request.query.format ?? 'ndjson';
      const stream = await streamEventColumns(db, ctx.timeScales, p.tenantId, request.params.jobId, format);
      if (stream === undefined) throw notFound(`close approaches of screening job ${request.params.jobId} (a succeeded job of this tenant)`);
      const ext = format === 'columnar' ? 'skyconj' : format;
      return reply
        .type(EVENT_COLUMN_MEDIA_TYPES[format])
        .header('x-skylane-event-count', String(stream.eventCount))
        .header('content-disposition', `attachment; filename="screening-${request.params.jobId}-events.${ext}"`)
        .send(Readable.from(stream.pieces, { objectMode: false }));
    },
  );

  app.delete(
    '/api/v1/screenings/:jobId',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['screening'],
        summary: 'Cancel a screening job: a queued one at once, a running one within seconds',
        description:
          "Answers the job in its final state (`cancelled`). A running job stops before its next chunk of results: the event updates it had already written stay (each whole; the result says how many). 404 for a job of another tenant, 409 (`job-finished`) for a job that has already finished.",
        params: JobParams,
      },
    },
    async (request) => {
      const p = principalOf(request);
      const job = await ctx.service.jobs.cancel(p.tenantId, request.params.jobId).catch((e: unknown) => {
        throw jobProblem(e);
      });
      if (job === undefined) throw notFound(`screening job ${request.params.jobId}`);
      return { ...jobView(job), url: `/api/v1/screenings/${job.id}` };
    },
  );
}

/** The problem of a job-runner refusal (limit, finished job, shutdown); other errors pass through. */
function jobProblem(e: unknown): unknown {
  if (e instanceof JobLimitError) return new HttpProblem(429, 'job-limit', 'Too many screening jobs', e.message, { limit: e.limit, active: e.active }, { 'retry-after': '60' });
  if (e instanceof JobFinishedError) return new HttpProblem(409, 'job-finished', 'Job already finished', e.message, { jobStatus: e.status });
  if (e instanceof JobRunnerClosedError) return new HttpProblem(503, 'shutting-down', 'Service shutting down', e.message, {}, { 'retry-after': '30' });
  return e;
}
