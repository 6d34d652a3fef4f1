/**
 * SATCAT routes: upload a CelesTrak SATCAT CSV (types, owners, status, launch and decay dates, RCS of the public
 * catalog; catalog-publisher tenants only) and read what is stored. The ADR ranking, the GP answers and the dashboard
 * take object types and owners from it.
 */
import { Type } from 'typebox';
import { readSatcatCsv } from '@skylane/core';
import { loadSatcat, satcatSummary, storeSatcat } from '../../storage/satcat.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem, notFound } from '../problem.ts';

/** Rejected rows named in an answer (the count covers all of them). */
const ERROR_LIMIT = 50;

export function registerSatcatRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.uploadLimitBytes }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/satcat',
    {
      config: { role: 'operator' },
      bodyLimit: ctx.uploadLimitBytes,
      schema: {
        tags: ['catalog'],
        summary: 'Upload a CelesTrak SATCAT CSV (satcat.csv): object types, owners, status, dates and RCS of the public catalog',
        description:
          'The body is the CSV itself (header row first; columns found by name, NORAD_CAT_ID and OBJECT_TYPE required). Catalog-publisher tenants only (SATCAT describes the shared public catalog). Each row replaces the stored row of its catalog number. Good rows are stored even when others are rejected: the answer is then 422 with the first rejected rows (line, field, code, reason).',
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!p.catalogPublisher) throw new HttpProblem(403, 'forbidden', 'Forbidden', 'only a catalog-publisher tenant may load the SATCAT of the shared public catalog.');
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.trim() === '') throw new HttpProblem(400, 'empty-upload', 'Empty upload', "the request body is empty: send CelesTrak's satcat.csv as the body.");
      const read = readSatcatCsv(text);
      const stored = read.records.length > 0 ? await storeSatcat(db, read.records, ctx.service.now()) : 0;
      const answer = { accepted: stored, rejected: read.failures.length, errors: read.failures.slice(0, ERROR_LIMIT), errorsTruncated: read.failures.length > ERROR_LIMIT };
      if (read.failures.length > 0) {
        throw new HttpProblem(422, 'rejected-records', 'SATCAT rows rejected', `${read.failures.length} row(s) could not be read; ${stored} stored.`, answer);
      }
      return reply.code(201).send(answer);
    },
  );

  app.get('/api/v1/satcat', { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: 'How many SATCAT rows are stored and when the newest arrived' } }, async () => satcatSummary(db));

  app.get(
    '/api/v1/satcat/:catalogNumber',
    { config: { role: 'viewer' }, schema: { tags: ['catalog'], summary: 'The SATCAT row of one object', params: Type.Object({ catalogNumber: Type.Integer({ minimum: 1, maximum: 999_999_999 }) }) } },
    async (request) => {
      const rec = (await loadSatcat(db, [request.params.catalogNumber])).get(request.params.catalogNumber);
      if (rec === undefined) throw notFound(`The SATCAT row of object ${request.params.catalogNumber}`);
      return rec;
    },
  );
}
