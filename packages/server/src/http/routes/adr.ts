/** Active-debris-removal routes: the criticality ranking of the objects this tenant sees (public catalog and its own uploads). */
import { Type } from 'typebox';
import { filterCriticality, objectTypeFromText, rankCriticality, type CriticalityFilter } from '@skylane/core';
import { currentElementSets, elementSetFromRow } from '../../storage/catalog.ts';
import { loadSatcat } from '../../storage/satcat.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem } from '../problem.ts';

export function registerAdrRoutes(app: App, ctx: RouteContext): void {
  app.get(
    '/api/v1/adr/ranking',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['adr'],
        summary: 'ADR criticality ranking of the objects visible to this tenant, every factor per object (docs/design/active-debris-removal.md)',
        querystring: Type.Object({
          top: Type.Integer({ minimum: 1, maximum: 100_000, default: 50 }),
          type: Type.Optional(Type.String({ maxLength: 20 })),
          owner: Type.Optional(Type.String({ maxLength: 20, description: 'SATCAT owner code (e.g. PRC, US, CIS); needs a SATCAT loaded (POST /api/v1/satcat)' })),
          minAltKm: Type.Optional(Type.Number()),
          maxAltKm: Type.Optional(Type.Number()),
          minIncDeg: Type.Optional(Type.Number()),
          maxIncDeg: Type.Optional(Type.Number()),
        }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      const rows = await currentElementSets(ctx.store.db, p.tenantId, {});
      const hbr = ctx.service.options.hbrTable;
      const satcat = await loadSatcat(ctx.store.db);
      const result = rankCriticality({ elementSets: rows.map(elementSetFromRow), ...(hbr !== undefined ? { masses: hbr } : {}), ...(satcat.size > 0 ? { satcat } : {}) });
      let type;
      if (q.type !== undefined) {
        type = objectTypeFromText(q.type);
        if (type === undefined) throw new HttpProblem(400, 'bad-request', 'Bad request', `type "${q.type}" is not one of PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN.`);
      }
      const filter: CriticalityFilter = {
        ...(type !== undefined ? { type } : {}),
        ...(q.owner !== undefined ? { owner: q.owner } : {}),
        ...(q.minAltKm !== undefined ? { minAltKm: q.minAltKm } : {}),
        ...(q.maxAltKm !== undefined ? { maxAltKm: q.maxAltKm } : {}),
        ...(q.minIncDeg !== undefined ? { minInclinationDeg: q.minIncDeg } : {}),
        ...(q.maxIncDeg !== undefined ? { maxInclinationDeg: q.maxIncDeg } : {}),
      };
      const entries = filterCriticality(result.entries, filter).slice(0, q.top);
      return {
        objectsRanked: result.entries.length,
        satcatObjects: satcat.size,
        items: entries.map((e) => ({ rank: e.rank, object: e.object, name: e.name, type: e.type, owner: e.owner ?? null, massKg: e.massKg, score: e.score, factors: { ...e.factors, typeSource: e.typeSource } })),
      };
    },
  );
}
