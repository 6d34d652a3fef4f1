/**
 * Reentry watch, orbital lifetime and disposal compliance routes (issue #14 items 2 and 3): the objects predicted to
 * reenter within 30 days with their latest prediction, one object's prediction history and alerts, and the lifetime
 * and compliance of the objects this tenant sees (public catalog and its own uploads; at most 2,000 per request).
 */
import { Type } from 'typebox';
import { catalogCompliance, catalogLifetimes, summarizeCompliance, type ComplianceEntry, type LifetimeEntry } from '@skylane/core';
import { currentElementSets, elementSetFromRow } from '../../storage/catalog.ts';
import { predictionView, reentryAlertView, reentryWatchFor, REENTRY_WATCH_DAYS } from '../../reentry/watch.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem } from '../problem.ts';

const MAX_OBJECTS = 2000;

function parseIds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => Number(s.trim()));
  if (ids.some((n) => !Number.isInteger(n) || n < 1 || n > 999_999_999)) throw new HttpProblem(400, 'bad-request', 'Bad request', `ids "${text}" must be comma-separated catalog numbers (integers 1..999999999).`);
  if (ids.length > MAX_OBJECTS) throw new HttpProblem(400, 'bad-request', 'Bad request', `at most ${MAX_OBJECTS} catalog numbers per request; use the CLI (skylane lifetime / compliance) for the whole catalog.`);
  return ids;
}

function lifetimeView(e: LifetimeEntry): Record<string, unknown> {
  return {
    object: e.catalogNumber,
    name: e.name ?? null,
    type: e.objectType,
    perigeeAltKm: e.perigeeAltKm,
    apogeeAltKm: e.apogeeAltKm,
    lifetimeYears: e.lifetimeYears,
    beyondHorizon: e.beyondHorizon,
    ballisticCoefficientM2PerKg: e.ballisticCoefficientM2PerKg,
    ballisticSource: e.ballisticSource,
  };
}

function complianceView(e: ComplianceEntry): Record<string, unknown> {
  return { ...lifetimeView(e), rule25: e.rule25, rule5: e.rule5, disposal: e.disposal, reason: e.reason };
}

export function registerReentryWatchRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  app.get(
    '/api/v1/reentries',
    { config: { role: 'viewer' }, schema: { tags: ['reentry'], summary: `Objects predicted to reenter within ${REENTRY_WATCH_DAYS} days of their newest element set (latest prediction each)` } },
    async (request) => {
      const p = principalOf(request);
      const rows = await db
        .selectFrom('reentry_predictions')
        .selectAll()
        .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', p.tenantId)]))
        .orderBy('id', 'desc')
        .limit(20_000)
        .execute();
      const latest = new Map<number, (typeof rows)[number]>();
      for (const r of rows) if (!latest.has(r.catalog_number)) latest.set(r.catalog_number, r);
      const items = [...latest.values()]
        .filter((r) => (Date.parse(r.predicted_epoch_utc) - Date.parse(r.last_element_epoch_utc)) / 86_400_000 <= REENTRY_WATCH_DAYS)
        .sort((a, b) => (a.predicted_epoch_utc < b.predicted_epoch_utc ? -1 : 1))
        .map(predictionView);
      return { watchDays: REENTRY_WATCH_DAYS, items };
    },
  );

  app.get(
    '/api/v1/reentries/stream',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['reentry'],
        summary: 'Server-sent events: reentry-watch alerts (entered-watch, prediction-moved) visible to this tenant as they are raised',
        description: 'text/event-stream; each message is `id: <alert id>`, `event: reentry-alert`, `data: <alert JSON>`. Shares the per-key stream cap of /api/v1/alerts/stream.',
      },
    },
    (request, reply) => {
      const p = principalOf(request);
      ctx.streams.assertCanOpen(p.apiKeyId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 5000\n: connected\n\n');
      ctx.streams.add(p.apiKeyId, res);
      const unsubscribe = reentryWatchFor(db, ctx.timeScales, { spaceWeather: ctx.service.options.reentrySpaceWeather }).bus.subscribe(p.tenantId, (a) => {
        res.write(`id: ${Number(a.id)}\nevent: reentry-alert\ndata: ${JSON.stringify(reentryAlertView(a))}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      heartbeat.unref();
      const cleanup = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        ctx.streams.remove(p.apiKeyId, res);
      };
      request.raw.on('close', cleanup);
      res.on('close', cleanup);
    },
  );

  app.get(
    '/api/v1/reentries/:catalogNumber',
    {
      config: { role: 'viewer' },
      schema: { tags: ['reentry'], summary: "One object's reentry prediction history (newest first) and alerts", params: Type.Object({ catalogNumber: Type.Integer({ minimum: 1, maximum: 999_999_999 }) }) },
    },
    async (request) => {
      const p = principalOf(request);
      const id = request.params.catalogNumber;
      const predictions = await db
        .selectFrom('reentry_predictions')
        .selectAll()
        .where('catalog_number', '=', id)
        .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', p.tenantId)]))
        .orderBy('id', 'desc')
        .limit(1000)
        .execute();
      if (predictions.length === 0) throw new HttpProblem(404, 'not-found', 'Not found', `object ${id} has no reentry prediction: it is not (and was never) predicted to reenter within ${REENTRY_WATCH_DAYS} days.`);
      const alerts = await db
        .selectFrom('reentry_alerts')
        .selectAll()
        .where('catalog_number', '=', id)
        .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', p.tenantId)]))
        .orderBy('id', 'desc')
        .limit(1000)
        .execute();
      return { object: id, predictions: predictions.map(predictionView), alerts: alerts.map(reentryAlertView) };
    },
  );

  app.get(
    '/api/v1/reentries/:catalogNumber/ground-track',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['reentry'],
        summary: "Ground track over the reentry window of an object's newest precise prediction (GeoJSON, the dashboard's map layer)",
        description:
          'RFC 7946 FeatureCollection: a MultiLineString of [lon, lat] degrees over the window (split at the antimeridian; properties windowStart, windowEnd, confidence) and a Point at the nominal reentry (property epoch). Only predictions of the precise predictor have one; 404 when the object has none visible to this tenant.',
        params: Type.Object({ catalogNumber: Type.Integer({ minimum: 1, maximum: 999_999_999 }) }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const id = request.params.catalogNumber;
      const row = await db
        .selectFrom('reentry_predictions')
        .select(['id', 'ground_track_json', 'predicted_epoch_utc'])
        .where('catalog_number', '=', id)
        .where('ground_track_json', 'is not', null)
        .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', p.tenantId)]))
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row?.ground_track_json == null) throw new HttpProblem(404, 'not-found', 'Not found', `object ${id} has no reentry ground track: it has no prediction by the precise predictor (only those carry one).`);
      reply.header('content-type', 'application/geo+json; charset=utf-8');
      return reply.send(row.ground_track_json);
    },
  );

  app.get(
    '/api/v1/lifetime',
    {
      config: { role: 'viewer' },
      schema: { tags: ['reentry'], summary: 'Orbital lifetime of catalog objects (orbit-averaged drag, mean solar cycle; docs/design/lifetime-and-compliance.md)', querystring: Type.Object({ ids: Type.String({ maxLength: 20_000 }) }) },
    },
    async (request) => {
      const p = principalOf(request);
      const ids = parseIds(request.query.ids)!;
      const rows = await currentElementSets(db, p.tenantId, { catalogNumbers: ids });
      const masses = ctx.service.options.hbrTable;
      const r = catalogLifetimes({ elementSets: rows.map(elementSetFromRow), ...(masses !== undefined ? { masses } : {}) });
      const found = new Set(rows.map((x) => x.catalog_number));
      return { items: r.entries.map(lifetimeView), failures: r.failures, notFound: ids.filter((i) => !found.has(i)) };
    },
  );

  app.get(
    '/api/v1/compliance',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['reentry'],
        summary: 'Disposal compliance (25-year and 5-year rules, Δv) of a fleet of this tenant or of listed objects',
        querystring: Type.Object({ ids: Type.Optional(Type.String({ maxLength: 20_000 })), fleetId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      let ids = parseIds(request.query.ids);
      if (request.query.fleetId !== undefined) {
        const fleet = await db.selectFrom('fleets').select(['id']).where('id', '=', request.query.fleetId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
        if (!fleet) throw new HttpProblem(404, 'not-found', 'Not found', `fleet ${request.query.fleetId} does not exist for this tenant.`);
        const members = await db.selectFrom('fleet_members').select(['catalog_number']).where('fleet_id', '=', request.query.fleetId).execute();
        ids = [...(ids ?? []), ...members.map((m) => m.catalog_number)];
      }
      if (ids === undefined || ids.length === 0) throw new HttpProblem(400, 'bad-request', 'Bad request', 'give ids=… (catalog numbers) or fleetId=… (one of your fleets).');
      if (ids.length > MAX_OBJECTS) throw new HttpProblem(400, 'bad-request', 'Bad request', `at most ${MAX_OBJECTS} objects per request.`);
      const rows = await currentElementSets(db, p.tenantId, { catalogNumbers: ids });
      const masses = ctx.service.options.hbrTable;
      const r = catalogCompliance({ elementSets: rows.map(elementSetFromRow), ...(masses !== undefined ? { masses } : {}) });
      return { summary: summarizeCompliance(r.entries, () => 'all')[0] ?? null, items: r.entries.map(complianceView), failures: r.failures };
    },
  );
}
