/**
 * Tracking-data routes (issue 13 item 7), all tenant-scoped: `POST /api/v1/observations` stores a CCSDS TDM (KVN or
 * XML, sent as text/plain, application/xml or JSON `{ "tdm": "…" }`) with counts per participant and type and every
 * rejected record (line, field, reason); `GET /api/v1/observations` lists them; `GET /api/v1/ucts` the uncorrelated
 * tracks; `POST /api/v1/od/jobs` runs a batch least squares on the stored measurements of one object in a worker
 * thread, followed with `GET /api/v1/od/jobs/{jobId}` (progress, result, residuals) and cancelled with DELETE.
 */
import { Type } from 'typebox';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';
import { ingestTdm } from '../../od/ingest.ts';
import { OdJobRunner } from '../../od/odJobs.ts';
import type { OdTaskInput } from '../../od/odTask.ts';
import type { OdJobsTable } from '../../storage/schema.ts';

const TDM_LIMIT_BYTES = 16 * 1024 * 1024;
const MAX_JOB_MEASUREMENTS = 50_000;
const MAX_JOB_TEXT_BYTES = 64 * 1024 * 1024;
const Catnr = Type.Integer({ minimum: 1, maximum: 999_999_999 });
const Vec3 = Type.Array(Type.Number(), { minItems: 3, maxItems: 3 });
const Iso = Type.String({ minLength: 10, maxLength: 40, description: 'ISO-8601 UTC' });

const JobBody = Type.Object(
  {
    catalogNumber: Catnr,
    start: Iso,
    stop: Iso,
    stations: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), latDeg: Type.Number({ minimum: -90, maximum: 90 }), lonDeg: Type.Number({ minimum: -360, maximum: 360 }), altitudeM: Type.Number({ minimum: -10000, maximum: 100000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
    initial: Type.Object({ epoch: Iso, positionKm: Vec3, velocityKmPerS: Vec3 }, { additionalProperties: false, description: 'a priori GCRF state' }),
    dynamics: Type.Optional(Type.Literal('numerical', { description: 'numerical Cowell propagation (sgp4 element fitting: `skylane od --dynamics sgp4`)' })),
    estimate: Type.Optional(Type.Array(Type.Union([Type.Literal('state'), Type.Literal('cd'), Type.Literal('cr'), Type.Literal('biases')]), { maxItems: 4 })),
    gravityDegree: Type.Optional(Type.Integer({ minimum: 0, maximum: 70, description: 'bundled EGM2008 degree and order (0: point mass)' })),
    thirdBodies: Type.Optional(Type.Array(Type.Union([Type.Literal('sun'), Type.Literal('moon')]), { maxItems: 2 })),
    drag: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('exponential')])),
    maxIterations: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

function jobView(j: Omit<OdJobsTable, 'id' | 'request_json' | 'residuals_json'> & { id: number }): Record<string, unknown> {
  return {
    id: j.id,
    catalogNumber: j.catalog_number,
    start: j.start_utc,
    stop: j.stop_utc,
    status: j.status,
    progress: { iterations: j.iterations, weightedRms: j.weighted_rms },
    result: j.result_json !== null ? (JSON.parse(j.result_json) as unknown) : null,
    error: j.error,
    createdAt: j.created_at,
    updatedAt: j.updated_at,
  };
}

export function registerObservationRoutes(app: App, ctx: RouteContext): OdJobRunner {
  const db = ctx.store.db;
  const ts = ctx.timeScales;
  const runner = new OdJobRunner(db);
  app.addHook('onClose', async () => runner.close());
  const asText = (_req: unknown, body: string, done: (err: Error | null, body?: unknown) => void): void => done(null, body);
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/ccsds-tdm'], { parseAs: 'string', bodyLimit: TDM_LIMIT_BYTES }, asText);
  const utc = (text: string, field: string): string => {
    try {
      return ts.formatUtcIso(ts.parseUtcIso(text.endsWith('Z') || /[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`), 6);
    } catch {
      throw badRequest(`${field} "${text}" is not an ISO-8601 UTC time (e.g. 2026-03-10T00:00:00Z).`);
    }
  };

  app.post(
    '/api/v1/observations',
    {
      config: { role: 'operator' },
      bodyLimit: TDM_LIMIT_BYTES,
      schema: {
        tags: ['tracking'],
        summary: 'Store a CCSDS TDM (KVN or XML) of this tenant: counts per participant and type, every rejected record with line and reason',
        description: 'Send the TDM as text/plain or application/xml, or JSON `{"tdm": "..."}`. Records that cannot be stored (unknown TIME_SYSTEM, no PATH/participants, bad epoch or value, reader errors) are listed in `problems`; the rest is stored. With `stations` (JSON form), each track is gated against the catalog on predicted position and covariance (`catalog` with the assigned object, `ambiguous`, or `uct`; reported in `tracks`) and linked UCTs become provisional objects (analyst numbers 800000-899999, in `provisionalObjects`); without, a track whose object participant is a catalog number the service knows is `catalog`, the others are UCTs.',
        body: Type.Union([
          Type.String({ minLength: 1 }),
          Type.Object({
            tdm: Type.String({ minLength: 1 }),
            stations: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), latDeg: Type.Number({ minimum: -90, maximum: 90 }), lonDeg: Type.Number({ minimum: -360, maximum: 360 }), altitudeM: Type.Number({ minimum: -10000, maximum: 100000 }) }, { additionalProperties: false }), { maxItems: 200, description: 'WGS-84 coordinates of the station participants: with them, tracks are gated against the catalog and linked UCTs become provisional objects' })),
          }),
        ]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const text = typeof request.body === 'string' ? request.body : request.body.tdm;
      const stations = typeof request.body === 'string' ? undefined : request.body.stations;
      const sum = await ingestTdm(db, ts, p.tenantId, text, new Date().toISOString(), stations);
      if (sum.accepted === 0) throw new HttpProblem(422, 'no-measurement', 'No measurement stored', `No tracking data line of the TDM could be stored: ${sum.problems.slice(0, 3).map((x) => `line ${x.line}, field ${x.field}: ${x.message}`).join('; ')}`, { problems: sum.problems });
      for (const o of sum.provisionalObjects) ctx.service.bus.publishTracking(p.tenantId, { kind: 'provisional-object', analystNumber: o.analystNumber, epoch: o.epoch, uploadId: sum.uploadId, trackCount: o.trackIds.length });
      const announced = new Set(sum.provisionalObjects.map((o) => o.analystNumber));
      for (const o of sum.linkedObjects) if (!announced.has(o.analystNumber)) ctx.service.bus.publishTracking(p.tenantId, { kind: 'provisional-object', analystNumber: o.analystNumber, epoch: o.epoch, uploadId: sum.uploadId, trackCount: o.trackIds.length });
      reply.header('location', `/api/v1/observations?uploadId=${sum.uploadId}`);
      return reply.code(201).send(sum);
    },
  );

  app.get(
    '/api/v1/observations',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['tracking'],
        summary: "This tenant's stored tracking measurements, newest first (filter by object, station, upload, time, correlation)",
        querystring: Type.Object({ ...PAGE_QUERY_FIELDS, catalogNumber: Type.Optional(Catnr), station: Type.Optional(Type.String({ maxLength: 64 })), uploadId: Type.Optional(Type.Integer({ minimum: 1 })), start: Type.Optional(Iso), stop: Type.Optional(Iso), correlation: Type.Optional(Type.Union([Type.Literal('catalog'), Type.Literal('ambiguous'), Type.Literal('uct')])) }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const start = q.start !== undefined ? utc(q.start, 'start') : undefined;
      const stop = q.stop !== undefined ? utc(q.stop, 'stop') : undefined;
      const rows = await db
        .selectFrom('observations')
        .select(['id', 'upload_id', 'station', 'object_participant', 'catalog_number', 'type', 'epoch_utc', 'value', 'line', 'correlation', 'assigned_catalog_number'])
        .where('tenant_id', '=', p.tenantId)
        .$if(q.catalogNumber !== undefined, (x) => x.where('catalog_number', '=', q.catalogNumber ?? 0))
        .$if(q.station !== undefined, (x) => x.where('station', '=', q.station ?? ''))
        .$if(q.uploadId !== undefined, (x) => x.where('upload_id', '=', q.uploadId ?? 0))
        .$if(q.correlation !== undefined, (x) => x.where('correlation', '=', q.correlation ?? ''))
        .$if(start !== undefined, (x) => x.where('epoch_utc', '>=', start ?? ''))
        .$if(stop !== undefined, (x) => x.where('epoch_utc', '<=', stop ?? ''))
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => Number(r.id), (r) => ({ id: Number(r.id), uploadId: Number(r.upload_id), station: r.station, object: r.object_participant, catalogNumber: r.catalog_number, type: r.type, epoch: r.epoch_utc, value: r.value, line: r.line, correlation: r.correlation, assignedCatalogNumber: r.assigned_catalog_number }));
    },
  );

  app.get(
    '/api/v1/ucts',
    {
      config: { role: 'viewer' },
      schema: { tags: ['tracking'], summary: "This tenant's uncorrelated tracks (one per TDM segment whose object is not in the catalog), newest first", querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }) },
    },
    async (request) => {
      const p = principalOf(request);
      const rows = await db
        .selectFrom('observations')
        .select(['upload_id', 'segment', 'station', 'object_participant'])
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('epoch_utc').as('first'), eb.fn.max('epoch_utc').as('last')])
        .where('tenant_id', '=', p.tenantId)
        .where('correlation', '=', 'uct')
        .groupBy(['upload_id', 'segment', 'station', 'object_participant'])
        .orderBy('upload_id', 'desc')
        .orderBy('segment', 'asc')
        .limit(request.query.limit ?? 100)
        .execute();
      return { items: rows.map((r) => ({ uploadId: Number(r.upload_id), segment: r.segment, station: r.station, object: r.object_participant, count: Number(r.count), first: r.first, last: r.last })) };
    },
  );

  app.get(
    '/api/v1/provisional-objects',
    {
      config: { role: 'viewer' },
      schema: { tags: ['tracking'], summary: "This tenant's provisional objects (linked UCTs, analyst numbers 800000-899999): TEME state and 6×6 covariance (km, km/s), newest first", querystring: Type.Object(PAGE_QUERY_FIELDS) },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('provisional_objects')
        .selectAll()
        .where('tenant_id', '=', p.tenantId)
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => Number(r.id), (r) => {
        const st = JSON.parse(r.state_teme_json) as number[];
        const cov = JSON.parse(r.covariance_json) as number[];
        return { id: Number(r.id), analystNumber: r.analyst_number, uploadId: Number(r.upload_id), epoch: r.epoch_utc, frame: 'TEME', positionKm: st.slice(0, 3), velocityKmPerS: st.slice(3), covariance: [0, 1, 2, 3, 4, 5].map((i) => cov.slice(i * 6, i * 6 + 6)), trackIds: JSON.parse(r.track_ids_json) as unknown, method: r.method, createdAt: r.created_at };
      });
    },
  );

  app.post(
    '/api/v1/od/jobs',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['tracking'],
        summary: "Orbit determination (weighted batch least squares) of one object from this tenant's stored measurements, run as a job",
        description: 'Measurements are those stored for `catalogNumber` between `start` and `stop` from the given stations (matched to TDM participants by name). Answers 202 with the job; follow it with GET /api/v1/od/jobs/{jobId}.',
        body: JobBody,
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      const start = utc(b.start, 'body.start');
      const stop = utc(b.stop, 'body.stop');
      if (stop <= start) throw badRequest(`body.stop ${b.stop} must be after body.start ${b.start}.`);
      utc(b.initial.epoch, 'body.initial.epoch');
      const uploads = await db.selectFrom('observations').select('upload_id').distinct().where('tenant_id', '=', p.tenantId).where('catalog_number', '=', b.catalogNumber).where('epoch_utc', '>=', start).where('epoch_utc', '<=', stop).execute();
      if (uploads.length === 0) throw new HttpProblem(422, 'no-measurement', 'No measurement', `No stored measurement of object ${b.catalogNumber} between ${start} and ${stop}: POST /api/v1/observations first.`);
      const texts = await db.selectFrom('observation_uploads').select('tdm_text').where('tenant_id', '=', p.tenantId).where('id', 'in', uploads.map((u) => u.upload_id)).orderBy('id').execute();
      const bytes = texts.reduce((s, t) => s + t.tdm_text.length, 0);
      if (bytes > MAX_JOB_TEXT_BYTES) throw badRequest(`The span holds ${texts.length} TDMs (${bytes} characters); a job reads at most ${MAX_JOB_TEXT_BYTES}: shorten the span.`);
      const input: OdTaskInput = {
        tdmTexts: texts.map((t) => t.tdm_text),
        stations: b.stations,
        catalogNumber: b.catalogNumber,
        startUtc: start,
        stopUtc: stop,
        initial: b.initial,
        estimate: b.estimate ?? ['state'],
        gravityDegree: b.gravityDegree ?? 0,
        thirdBodies: b.thirdBodies ?? [],
        drag: b.drag ?? 'none',
        maxIterations: b.maxIterations ?? 20,
        maxMeasurements: MAX_JOB_MEASUREMENTS,
      };
      const now = new Date().toISOString();
      const row = await db
        .insertInto('od_jobs')
        .values({ tenant_id: p.tenantId, catalog_number: b.catalogNumber, start_utc: start, stop_utc: stop, status: 'queued', request_json: JSON.stringify({ ...b, tdmUploads: uploads.length }), iterations: 0, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      runner.submit(Number(row.id), input);
      reply.header('location', `/api/v1/od/jobs/${row.id}`);
      return reply.code(202).send(jobView({ ...row, id: Number(row.id) }));
    },
  );

  app.get(
    '/api/v1/od/jobs',
    { config: { role: 'viewer' }, schema: { tags: ['tracking'], summary: "This tenant's OD jobs, newest first", querystring: Type.Object({ ...PAGE_QUERY_FIELDS, catalogNumber: Type.Optional(Catnr) }) } },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await db
        .selectFrom('od_jobs')
        .select(['id', 'tenant_id', 'catalog_number', 'start_utc', 'stop_utc', 'status', 'iterations', 'weighted_rms', 'result_json', 'error', 'created_at', 'updated_at'])
        .where('tenant_id', '=', p.tenantId)
        .$if(q.catalogNumber !== undefined, (x) => x.where('catalog_number', '=', q.catalogNumber ?? 0))
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => Number(r.id), (r) => jobView({ ...r, id: Number(r.id) }));
    },
  );

  app.get(
    '/api/v1/od/jobs/:jobId',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['tracking'],
        summary: 'One OD job: status, progress (iterations, weighted RMS), result (GCRF state, 6×6 covariance in km and km/s, residual statistics) and the residuals [time UTC, station, type, residual, sigma, edited] in m, m/s or deg',
        params: Type.Object({ jobId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const j = await db.selectFrom('od_jobs').selectAll().where('id', '=', request.params.jobId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (j === undefined) throw notFound(`OD job ${request.params.jobId}`);
      return { ...jobView({ ...j, id: Number(j.id) }), residuals: j.residuals_json !== null ? (JSON.parse(j.residuals_json) as unknown) : [] };
    },
  );

  app.delete(
    '/api/v1/od/jobs/:jobId',
    { config: { role: 'operator' }, schema: { tags: ['tracking'], summary: 'Cancel a queued or running OD job', params: Type.Object({ jobId: Type.Integer({ minimum: 1 }) }) } },
    async (request) => {
      const p = principalOf(request);
      const j = await db.selectFrom('od_jobs').select(['id', 'status']).where('id', '=', request.params.jobId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (j === undefined) throw notFound(`OD job ${request.params.jobId}`);
      if (j.status !== 'queued' && j.status !== 'running') throw new HttpProblem(409, 'job-finished', 'Job already finished', `OD job ${j.id} is ${j.status}: nothing to cancel.`);
      await runner.cancel(Number(j.id));
      const after = await db.selectFrom('od_jobs').select(['id', 'tenant_id', 'catalog_number', 'start_utc', 'stop_utc', 'status', 'iterations', 'weighted_rms', 'result_json', 'error', 'created_at', 'updated_at']).where('id', '=', j.id).executeTakeFirstOrThrow();
      return jobView({ ...after, id: Number(after.id) });
    },
  );
  return runner;
}
