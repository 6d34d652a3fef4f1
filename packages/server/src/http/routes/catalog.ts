/**
 * Catalog routes: element-set uploads (TLE / OMM KVN, XML, JSON / CelesTrak CSV), upload history, objects with
 * their element-set history, and the CelesTrak-compatible GP query.
 */
import { Type } from 'typebox';
import { celestrakRecord, SkylaneError, tallyOf, writeElementSets, MAX_TLE_CATALOG_NUMBER, type ElementSet, type ElementSetFormat, type WriteElementSetOptions } from '@skylane/core';
import type { FastifyReply } from 'fastify';
import { reentryWatchFor } from '../../reentry/watch.ts';
import { currentElementSets, elementSetFromRow, elementSetHistory, listObjects, storeElementSets, type ElementSetRow } from '../../storage/catalog.ts';
import { satcatTypes } from '../../storage/satcat.ts';
import { CDM_CHUNK, ingestOem, storeCdms } from '../../storage/operatorData.ts';
import { errorReport, readStoredErrors, UPLOAD_ERROR_LIMIT, type ErrorReport } from '../../uploads/limits.ts';
import { UploadParser } from '../../uploads/parser.ts';
import { UPLOAD_FORMATS } from '../../uploads/parseTask.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PageQuery, sendPage } from '../pagination.ts';
import { HttpProblem, notFound } from '../problem.ts';


const GP_FORMATS = ['tle', '3le', '2le', 'json', 'json-pretty', 'xml', 'kvn', 'csv'] as const;
type GpFormat = (typeof GP_FORMATS)[number];

const CONTENT_TYPES: Record<GpFormat, string> = {
  tle: 'text/plain; charset=utf-8',
  '3le': 'text/plain; charset=utf-8',
  '2le': 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  'json-pretty': 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  kvn: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

function writeOptions(ctx: RouteContext): WriteElementSetOptions {
  const ms = Date.now();
  const creationDate = ctx.timeScales.fromUtcDaySeconds(Math.floor(ms / 86_400_000) + 40587, (ms % 86_400_000) / 1000);
  return { timeScales: ctx.timeScales, creationDate, originator: 'SKYLANE' };
}

function uploadView(u: { id: number; kind: string; format: string; name: string | null; visibility: string; accepted_count: number; rejected_count: number; received_at: string; content_sha256: string }) {
  return {
    id: u.id,
    kind: u.kind,
    format: u.format,
    name: u.name,
    visibility: u.visibility,
    acceptedCount: u.accepted_count,
    rejectedCount: u.rejected_count,
    contentSha256: u.content_sha256,
    receivedAt: u.received_at,
  };
}

export function registerCatalogRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  // Uploads take the raw bytes whatever their content type; they are decoded and read off the request thread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.uploadLimitBytes }, (_req, body, done) => done(null, body));
  const parser = new UploadParser({ timeScales: ctx.timeScales, ...(ctx.service.options.hbrTable !== undefined ? { hbrTable: ctx.service.options.hbrTable } : {}) });
  app.addHook('onClose', async () => parser.close());

  /** The answer of an upload: 201 with the summary, or 422 with the bounded error report when records were rejected. */
  const answer = (reply: FastifyReply, uploadId: number | undefined, summary: Record<string, unknown>, report: ErrorReport, accepted: number): FastifyReply => {
    if (uploadId !== undefined) reply.header('location', `/api/v1/uploads/${uploadId}`);
    const sum = { uploadId: uploadId ?? null, ...summary, accepted, rejected: report.rejected };
    if (report.rejected > 0) {
      const stored = accepted > 0 ? `${accepted} good record(s) were stored as upload ${uploadId ?? ''}` : 'nothing was stored';
      const listed = report.errorsTruncated ? ` errors[] lists the first ${report.errors.length}; errorCounts counts all by code.` : ' See errors[] for each record.';
      throw new HttpProblem(422, 'records-rejected', 'Some records were rejected', `${report.rejected} record(s) rejected; ${stored}.${listed}`, { ...sum, errors: report.errors, errorCounts: report.errorCounts, errorsTruncated: report.errorsTruncated });
    }
    return reply.code(201).send(sum);
  };

  app.post(
    '/api/v1/uploads',
    {
      config: { role: 'operator' },
      bodyLimit: ctx.uploadLimitBytes,
      schema: {
        tags: ['catalog'],
        summary: 'Upload element sets (TLE, OMM KVN/XML/JSON, CelesTrak CSV), ephemerides (CCSDS OEM KVN) or CDMs',
        description:
          `The body is the file itself (at most ${Math.round(ctx.uploadLimitBytes / 1048576)} MiB; larger bodies are a 413); \`format=auto\` recognises OEM and CDM (KVN/XML) by their first keyword or root element. Large bodies are read in a worker thread, so that the API keeps answering meanwhile. Element sets are stored in one transaction; CDMs in transactions of ${CDM_CHUNK} messages (each message with its event update). Good records are stored even when others are rejected: then the answer is 422 with \`errors\` naming the first ${UPLOAD_ERROR_LIMIT} rejected records (line, field, code, reason), \`errorCounts\` counting every rejected record by code, \`errorsTruncated\` and the stored upload id; the upload keeps the same bounded report. Physically impossible records are rejected with their field (GP: EPOCH outside 1957–2100, MEAN_MOTION above 17 rev/day, |BSTAR| above 10; CDM: negative MISS_DISTANCE, HBR above 1 km; OEM: a state inside the Earth). Public visibility needs a catalog-publisher tenant (element sets only). OEM segments are stored per object of the tenant's fleets (OBJECT_ID = catalog number or COSPAR designator; CENTER_NAME EARTH; REF_FRAME EME2000, GCRF, ICRF, TEME or ITRF) and listed at /api/v1/ephemerides; the newest one of an object replaces its element set in this tenant's screenings when it covers the window. CDMs (format=cdm-json for Space-Track JSON) are stored (/api/v1/cdms); each becomes an update of the tenant's open event of the same pair and TCA (or opens an event when an object is in the tenant's fleets), and \`cdms[]\` in the answer says what became of each.`,
        querystring: Type.Object({
          format: Type.Union(UPLOAD_FORMATS.map((f) => Type.Literal(f)), { default: 'auto' }),
          visibility: Type.Union([Type.Literal('private'), Type.Literal('public')], { default: 'private' }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      if (q.visibility === 'public' && !p.catalogPublisher) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', 'only a catalog-publisher tenant may add to the shared public catalog; upload with visibility=private.');
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (q.visibility === 'public' && (q.format === 'oem' || q.format === 'cdm' || q.format === 'cdm-json')) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', 'ephemerides and CDMs are private to the uploading tenant: upload with visibility=private.');
      }
      const parsed = await parser.parse({ bytes: body, format: q.format, ...(q.name !== undefined ? { name: q.name } : {}) });
      if (parsed.kind === 'empty') throw new HttpProblem(400, 'empty-upload', 'Empty upload', 'the request body is empty: send the element-set file as the body.');
      if (parsed.kind === 'oem-xml') throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'OEM in XML form is not read yet: send the OEM in KVN form (CCSDS_OEM_VERS = …).');
      if (parsed.kind !== 'gp' && q.visibility === 'public') throw new HttpProblem(403, 'forbidden', 'Forbidden', 'ephemerides and CDMs are private to the uploading tenant: upload with visibility=private.');
      if (parsed.kind === 'cdm') {
        const stored = await storeCdms(db, ctx.timeScales, p.tenantId, parsed, q.name, {
          now: ctx.service.now(),
          // Alerts of CDM-driven event updates are committed with each chunk: deliver them like a screening's.
          onChunk: (alerts) => ctx.service.raise([...alerts]),
        });
        return answer(reply, stored.uploadId, { kind: 'cdm', format: 'cdm', warnings: parsed.warningCount, cdms: stored.cdms }, parsed.report, stored.accepted);
      }
      if (parsed.kind === 'oem') {
        const r = await ingestOem(db, ctx.timeScales, p.tenantId, parsed.text, q.name);
        const report = errorReport(r.failures, tallyOf(r.failures));
        return answer(reply, r.uploadId, { kind: 'oem', format: 'oem-kvn', warnings: r.warnings.length }, report, r.accepted);
      }
      const result = await storeElementSets(db, parsed, {
        tenantId: p.tenantId,
        visibility: q.visibility,
        ...(q.name !== undefined ? { name: q.name } : {}),
        ...(ctx.onIngestProgress !== undefined ? { onProgress: ctx.onIngestProgress } : {}),
      });
      // Re-screen the fleets concerned (when the service is configured to): runs in the background.
      if (result.uploadId !== undefined) await ctx.service.onElementSets(p.tenantId, q.visibility);
      // Reentry watch: re-predict the objects of this upload that are low enough to come down within 30 days.
      if (result.uploadId !== undefined) {
        const raised = await reentryWatchFor(db, ctx.timeScales, { spaceWeather: ctx.service.options.reentrySpaceWeather }).onUpload(db, p.tenantId, q.visibility, result.uploadId);
        // Reentry alerts go to webhooks as `reentry.predicted` / `reentry.updated` (warning/webhooks.ts: who receives them).
        await ctx.service.webhooks.enqueueReentry(raised);
      }
      return answer(reply, result.uploadId, { format: result.format, warnings: parsed.warningCount }, result.report, result.accepted);
    },
  );

  app.get('/api/v1/uploads', { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: "This tenant's uploads, newest first", querystring: PageQuery } }, async (request, reply) => {
    const p = principalOf(request);
    const before = decodeCursor(request.query.cursor);
    const rows = await db
      .selectFrom('uploads')
      .selectAll()
      .where('tenant_id', '=', p.tenantId)
      .$if(before !== undefined, (q) => q.where('id', '<', before ?? 0))
      .orderBy('id', 'desc')
      .limit(request.query.limit + 1)
      .execute();
    return sendPage(request, reply, rows, request.query.limit, (r) => r.id, uploadView);
  });

  app.get(
    '/api/v1/uploads/:uploadId',
    { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: `One upload with its rejected records (the first ${UPLOAD_ERROR_LIMIT}, and errorCounts by code)`, params: Type.Object({ uploadId: Type.Integer({ minimum: 1 }) }) } },
    async (request) => {
      const p = principalOf(request);
      const u = await db.selectFrom('uploads').selectAll().where('id', '=', request.params.uploadId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (u === undefined) throw notFound(`upload ${request.params.uploadId}`);
      const report = readStoredErrors(u.failures_json);
      return { ...uploadView(u), errors: report.errors, errorCounts: report.errorCounts, errorsTruncated: report.errorsTruncated };
    },
  );

  app.get(
    '/api/v1/objects',
    { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: 'Objects visible to this tenant by catalog number', querystring: PageQuery } },
    async (request, reply) => {
      const p = principalOf(request);
      const after = decodeCursor(request.query.cursor) ?? 0;
      const rows = await listObjects(db, p.tenantId, after, request.query.limit + 1);
      return sendPage(request, reply, rows, request.query.limit, (r) => r.catalogNumber);
    },
  );

  const CatnrParams = Type.Object({ catalogNumber: Type.Integer({ minimum: 1, maximum: 999_999_999 }) });

  app.get(
    '/api/v1/objects/:catalogNumber',
    { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: 'One object and its current element set', params: CatnrParams } },
    async (request) => {
      const p = principalOf(request);
      const [row] = await currentElementSets(db, p.tenantId, { catalogNumbers: [request.params.catalogNumber] });
      if (row === undefined) throw notFound(`object ${request.params.catalogNumber}`);
      return {
        catalogNumber: row.catalog_number,
        objectName: row.object_name,
        objectId: row.object_id,
        objectType: row.object_type,
        current: elementView(row, ctx),
      };
    },
  );

  app.get(
    '/api/v1/objects/:catalogNumber/elements',
    { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: "An object's element-set history (every set received), newest receipt first", params: CatnrParams, querystring: PageQuery } },
    async (request, reply) => {
      const p = principalOf(request);
      const rows = await elementSetHistory(db, p.tenantId, request.params.catalogNumber, decodeCursor(request.query.cursor), request.query.limit + 1);
      if (rows.length === 0 && request.query.cursor === undefined) throw notFound(`object ${request.params.catalogNumber}`);
      return sendPage(request, reply, rows, request.query.limit, (r) => r.id, (r) => elementView(r, ctx));
    },
  );

  app.get(
    '/api/v1/gp',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['catalog'],
        summary: 'CelesTrak-compatible GP query (current element sets)',
        description: 'Like CelesTrak gp.php: CATNR (one or a comma list), INTDES (e.g. 1998-067 or 1998-067A), NAME (a plain case-insensitive substring: % and _ match themselves) or GROUP=all (every object visible to the tenant, at most 100,000; the dashboard loads its globe with it), and FORMAT tle|3le|2le|json|json-pretty|xml|kvn|csv (default tle). An answer cut at its limit (GROUP=all: 100,000; others: 20,000) carries the header X-Skylane-Truncated. Sets the format cannot hold (TLE: catalog numbers above 339999, epochs after 2056) are left out and counted in X-Skylane-Omitted, with X-Skylane-Omitted-Reason; when none can be written the answer is 422. CSV text cells that a spreadsheet would run as formulas (leading = + - @ tab CR) are prefixed with an apostrophe.',
        querystring: Type.Object({
          CATNR: Type.Optional(Type.String({ pattern: '^\\s*\\d{1,9}(\\s*,\\s*\\d{1,9})*\\s*$' })),
          INTDES: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{3}[A-Z]{0,3}$' })),
          NAME: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          GROUP: Type.Optional(Type.Literal('all')),
          FORMAT: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const format = (q.FORMAT ?? 'tle').toLowerCase() as GpFormat;
      if (!GP_FORMATS.includes(format)) throw new HttpProblem(400, 'bad-request', 'Bad request', `FORMAT "${q.FORMAT ?? ''}" is not one of ${GP_FORMATS.join(', ')}.`);
      const given = [q.CATNR, q.INTDES, q.NAME, q.GROUP].filter((v) => v !== undefined).length;
      if (given !== 1) throw new HttpProblem(400, 'bad-request', 'Bad request', 'give exactly one of CATNR, INTDES, NAME or GROUP.');
      const limit = q.GROUP === 'all' ? GP_LIMITS.groupAll : GP_LIMITS.query;
      const catalogNumbers = q.CATNR?.split(',').map((s) => Number(s.trim()));
      if (catalogNumbers !== undefined && catalogNumbers.length > 1000) throw new HttpProblem(400, 'bad-request', 'Bad request', 'at most 1000 catalog numbers per query.');
      const rows = await currentElementSets(db, p.tenantId, {
        ...(catalogNumbers !== undefined ? { catalogNumbers } : {}),
        ...(q.INTDES !== undefined ? { intdes: q.INTDES } : {}),
        ...(q.NAME !== undefined ? { name: q.NAME } : {}),
      }, limit + 1);
      if (rows.length === 0) throw notFound('No GP data found: the requested object');
      if (rows.length > limit) {
        // Say so when the answer is cut: a header (all formats) naming the limit.
        rows.length = limit;
        reply.header('x-skylane-truncated', `${limit}; the answer holds the first ${limit} objects by catalog number: query by CATNR, INTDES or NAME for the rest`);
      }
      const coreFormat: Record<GpFormat, ElementSetFormat> = { tle: 'tle', '3le': 'tle', '2le': 'tle', json: 'omm-json', 'json-pretty': 'omm-json', xml: 'omm-xml', kvn: 'omm-kvn', csv: 'csv' };
      const wopts = { ...writeOptions(ctx), tleTitleLines: format !== '2le' };
      // Sets the format cannot hold (TLE: catalog numbers above 339999, epochs after 2056) are left out and counted,
      // instead of failing the whole answer.
      // Object types the element sets lack (none or UNKNOWN) come from the stored SATCAT (POST /api/v1/satcat), when one is loaded.
      const types = await satcatTypes(db, rows);
      const { body: written, omitted } = writeRepresentable(rows.map((r) => elementSetFromRow(types.has(r.catalog_number) ? { ...r, object_type: types.get(r.catalog_number) ?? null } : r)), coreFormat[format], wopts);
      if (omitted.count > 0) {
        reply.header('x-skylane-omitted', String(omitted.count));
        reply.header('x-skylane-omitted-reason', Object.entries(omitted.byCode).map(([code, n]) => `${n} ${code}: ${omitted.example[code] ?? ''}`).join('; ').replace(/[^\x20-\x7e]/g, '?').slice(0, 1000));
      }
      if (written === undefined) {
        const tleLike = format === 'tle' || format === '3le' || format === '2le';
        throw new HttpProblem(422, 'not-representable', tleLike ? 'Not representable as TLE' : 'Not representable', `none of the ${omitted.count} matching element set(s) can be written as ${format.toUpperCase()} (${Object.keys(omitted.byCode).join(', ')}; catalog numbers above ${MAX_TLE_CATALOG_NUMBER} and epochs after 2056 have no TLE form): use FORMAT=json, xml, kvn or csv.`, { omitted: omitted.count, omittedByCode: omitted.byCode });
      }
      let body = written;
      if (format === '3le') body = prefixTitleLines(body);
      if (format === 'json-pretty') body = JSON.stringify(JSON.parse(body), null, 2);
      return reply.type(CONTENT_TYPES[format]).send(body);
    },
  );
}

/** Most objects one GP answer holds (GROUP=all, other queries); an answer cut there says so (X-Skylane-Truncated). */
export const GP_LIMITS = { groupAll: 100_000, query: 20_000 };

/**
 * Writes the sets a format can hold; the others are left out and counted by error code (with one reason each).
 * `body` is undefined when none can be written. Writing all at once is tried first (the common case costs nothing
 * more); only when that fails is each set tried on its own.
 */
function writeRepresentable(sets: readonly ElementSet[], format: ElementSetFormat, options: WriteElementSetOptions): { body: string | undefined; omitted: { count: number; byCode: Record<string, number>; example: Record<string, string> } } {
  const omitted = { count: 0, byCode: {} as Record<string, number>, example: {} as Record<string, string> };
  let ok: ElementSet[] = [...sets];
  if (format === 'tle') ok = ok.filter((s) => s.catalogNumber <= MAX_TLE_CATALOG_NUMBER || !note(omitted, 'ID_OUT_OF_RANGE', `catalog numbers above ${MAX_TLE_CATALOG_NUMBER} have no TLE form`));
  try {
    return { body: ok.length > 0 ? writeElementSets(ok, format, options) : undefined, omitted };
  } catch {
    ok = ok.filter((s) => {
      try {
        writeElementSets([s], format, options);
        return true;
      } catch (e) {
        return !note(omitted, e instanceof SkylaneError ? e.code : 'ARGUMENT_INVALID', e instanceof Error ? e.message : String(e));
      }
    });
    return { body: ok.length > 0 ? writeElementSets(ok, format, options) : undefined, omitted };
  }
}

function note(o: { count: number; byCode: Record<string, number>; example: Record<string, string> }, code: string, reason: string): true {
  o.count++;
  o.byCode[code] = (o.byCode[code] ?? 0) + 1;
  o.example[code] ??= reason;
  return true;
}

/** CelesTrak's 3LE form: the title line prefixed by "0 ". */
function prefixTitleLines(tle: string): string {
  return tle
    .split('\n')
    .map((l) => (l === '' || /^[12] /.test(l) ? l : `0 ${l}`))
    .join('\n');
}

function elementView(r: ElementSetRow, ctx: RouteContext) {
  return {
    id: r.id,
    uploadId: r.upload_id,
    visibility: r.tenant_id === null ? 'public' : 'private',
    receivedAt: r.received_at,
    source: { format: r.source_format, name: r.source_name, line: r.source_line },
    omm: celestrakRecord(elementSetFromRow(r), { timeScales: ctx.timeScales }),
  };
}
