/**
 * Breakup detection route (stateless for the request's element sets): `POST /api/v1/breakup/detect` clusters the new
 * element sets given in the body (any element-set format), finds the fragmentation epoch by minimum dispersion and the
 * parent among the current element sets visible to the tenant (public catalog + its own private rows), and answers the
 * same JSON as `skylane breakup detect --json`. Bounded for a synchronous request: ≤ 4 MB of text, ≤ 2,000 new sets.
 */
import { Type } from 'typebox';
import { detectBreakup, readElementSets, SkylaneError, writeElementSets } from '@skylane/core';
import { currentElementSets, elementSetFromRow } from '../../storage/catalog.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { decodeCursor, PAGE_QUERY_FIELDS, sendPage } from '../pagination.ts';
import { badRequest, notFound } from '../problem.ts';
import { breakupAlertView, fragmentCloud, recordBreakupAlert } from '../../od/breakupAlerts.ts';

const MAX_NEW_SETS = 2000;

export function registerBreakupRoutes(app: App, ctx: RouteContext): void {
  const ts = ctx.timeScales;
  app.post(
    '/api/v1/breakup/detect',
    {
      config: { role: 'viewer' },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['orbit-determination'],
        summary: 'Detect a breakup in new element sets: parent (from the catalog visible to the tenant), epoch, fragments, Gabbard data',
        body: Type.Object({
          elements: Type.String({ maxLength: 4 * 1024 * 1024, description: 'new element sets (TLE, OMM KVN/XML/JSON, CSV)' }),
          minFragments: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
          searchBackHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 720 })),
          planeToleranceDeg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 30 })),
          raiseAlert: Type.Optional(Type.Boolean({ description: 'default true: a detected breakup becomes a breakup alert of this tenant (stream event `breakup-alert`, webhook event `breakup.detected`, GET /api/v1/breakup/alerts)' })),
        }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const b = request.body;
      const read = readElementSets(b.elements, { format: 'auto', timeScales: ts });
      const problems = read.failures.slice(0, 20).map((f) => ({ line: f.line, field: f.field ?? '', code: f.code, message: f.reason }));
      if (read.elementSets.length === 0) throw badRequest(`No usable element set in "elements"${problems.length > 0 ? `: line ${problems[0]!.line}: ${problems[0]!.message}` : ''}.`);
      if (read.elementSets.length > MAX_NEW_SETS) throw badRequest(`${read.elementSets.length} element sets: this synchronous route takes at most ${MAX_NEW_SETS}; use the CLI.`);
      const catalog = (await currentElementSets(ctx.store.db, p.tenantId, {})).map(elementSetFromRow);
      try {
        const det = detectBreakup(read.elementSets, catalog, {
          timeScales: ts,
          ...(b.minFragments !== undefined ? { minFragments: b.minFragments } : {}),
          ...(b.searchBackHours !== undefined ? { searchBackS: b.searchBackHours * 3600 } : {}),
          ...(b.planeToleranceDeg !== undefined ? { planeToleranceDeg: b.planeToleranceDeg } : {}),
        });
        const epochIso = det.epoch ? ts.formatUtcIso(det.epoch, 3) : null;
        let alert: ReturnType<typeof breakupAlertView> | null = null;
        if (det.detected && epochIso !== null && b.raiseAlert !== false) {
          const fragmentSet = new Set(det.fragments);
          const rec = await recordBreakupAlert(ctx.store.db, p.tenantId, { parentCatalogNumber: det.parent?.catalogNumber ?? null, parentName: det.parent?.objectName ?? null, epochUtc: epochIso, fragmentCount: det.fragments.length, detection: { parent: det.parent ?? null, epoch: epochIso, epochUncertaintyS: det.epochUncertaintyS ?? null, dispersionKm: det.dispersionKm ?? null, fragments: det.fragments, gabbard: det.gabbard, fragmentElements: writeElementSets(read.elementSets.filter((x) => fragmentSet.has(x.catalogNumber)), 'omm-json', { timeScales: ts }) } }, new Date().toISOString());
          alert = breakupAlertView(rec.alert);
          if (rec.created) {
            ctx.service.bus.publishTracking(p.tenantId, { kind: 'breakup-alert', alertId: alert.id, parentCatalogNumber: alert.parentCatalogNumber, epoch: alert.epoch, fragmentCount: alert.fragmentCount });
            // A new breakup alert goes to the tenant's webhooks as `breakup.detected` (warning/webhooks.ts `enqueueBreakup`).
            await ctx.service.webhooks.enqueueBreakup([rec.alert]);
          }
        }
        return {
          detected: det.detected,
          alert,
          ...(det.reason !== undefined ? { reason: det.reason } : {}),
          parent: det.parent ?? null,
          epoch: epochIso,
          epochUncertaintyS: det.epochUncertaintyS ?? null,
          dispersionKm: det.dispersionKm ?? null,
          fragmentCount: det.fragments.length,
          fragments: det.fragments,
          unclustered: det.unclustered,
          failed: det.failed,
          gabbard: det.gabbard,
          problems,
        };
      } catch (err) {
        if (err instanceof SkylaneError) throw badRequest(`${err.code}: ${err.message}`);
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/breakup/alerts',
    {
      config: { role: 'viewer' },
      schema: { tags: ['orbit-determination'], summary: "This tenant's breakup alerts (parent, epoch, fragment count), newest first", querystring: Type.Object(PAGE_QUERY_FIELDS) },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const q = request.query;
      const before = decodeCursor(q.cursor);
      const rows = await ctx.store.db
        .selectFrom('breakup_alerts')
        .selectAll()
        .where('tenant_id', '=', p.tenantId)
        .$if(before !== undefined, (x) => x.where('id', '<', before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      return sendPage(request, reply, rows, q.limit, (r) => Number(r.id), breakupAlertView);
    },
  );

  app.get(
    '/api/v1/breakup/alerts/:alertId',
    {
      config: { role: 'viewer' },
      schema: { tags: ['orbit-determination'], summary: 'One breakup alert of this tenant with its detection (fragments, Gabbard data): the dashboard draws the fragment cloud from it', params: Type.Object({ alertId: Type.Integer({ minimum: 1 }) }) },
    },
    async (request) => {
      const p = principalOf(request);
      const r = await ctx.store.db.selectFrom('breakup_alerts').selectAll().where('id', '=', request.params.alertId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (r === undefined) throw notFound(`breakup alert ${request.params.alertId}`);
      const { fragmentElements: _sets, ...detection } = JSON.parse(r.detection_json) as { fragmentElements?: string };
      return { ...breakupAlertView(r), detection };
    },
  );

  app.get(
    '/api/v1/breakup/alerts/:alertId/cloud',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['orbit-determination'],
        summary: "A breakup alert's fragment cloud at one instant: fragment positions (ITRF km) with Δv from the parent (m/s) and age (h), the parent's orbit",
        params: Type.Object({ alertId: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ time: Type.Optional(Type.String({ format: 'date-time', description: 'UTC instant (default: the breakup epoch)' })) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const r = await ctx.store.db.selectFrom('breakup_alerts').selectAll().where('id', '=', request.params.alertId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (r === undefined) throw notFound(`breakup alert ${request.params.alertId}`);
      const detection = JSON.parse(r.detection_json) as { epoch: string; fragmentElements?: string };
      let time;
      try {
        time = ts.parseUtcIso(request.query.time ?? detection.epoch);
      } catch (err) {
        throw badRequest(`query.time: ${err instanceof Error ? err.message : String(err)}`);
      }
      const parent = r.parent_catalog_number !== null ? (await currentElementSets(ctx.store.db, p.tenantId, { catalogNumbers: [r.parent_catalog_number] })).map(elementSetFromRow)[0] : undefined;
      return fragmentCloud(detection, parent, time, ts);
    },
  );
}
