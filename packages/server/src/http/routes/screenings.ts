/** Screening-job routes: submit a fleet-vs-catalog screening (202 + job URL), follow its progress and result. */
import { Type } from 'typebox';
import { jobView } from '../../warning/jobs.ts';
import { DEFAULT_THRESHOLD_KM, DEFAULT_WINDOW_S } from '../../warning/service.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PageQuery, sendPage } from '../pagination.ts';
import { badRequest, notFound } from '../problem.ts';
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
        description: `Primaries: the fleet's members; secondaries: every current element set visible to the tenant (public catalog and its private sets). Window: \`start\` (default now) for \`windowDays\` (default ${DEFAULT_WINDOW_S / 86_400}); close approaches within \`thresholdKm\` (sphere, default ${DEFAULT_THRESHOLD_KM} km) become events with a CDM and Pc. A window outside 1957–2100 or more than 10 years from the newest element-set epoch of the fleet's objects is a 400 naming \`start\`.`,
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
      const job = await ctx.service.jobs.submit({
        tenantId: p.tenantId,
        fleetId: b.fleetId,
        trigger: 'api',
        windowStart: start,
        durationS: Math.round((b.windowDays ?? DEFAULT_WINDOW_S / 86_400) * 86_400),
        thresholdKm: b.thresholdKm ?? DEFAULT_THRESHOLD_KM,
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
}
