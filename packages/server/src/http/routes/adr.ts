/** Active-debris-removal routes: the criticality ranking of the objects this tenant sees (public catalog and its own uploads), and the conjunction screening of a planned servicer trajectory against that catalog. */
import { Type, type Static } from 'typebox';
import { filterCriticality, missionFromSolution, objectTypeFromText, rankCriticality, readGtoc9Solution, screenServicer, SkylaneError, targetFromElementSet, type CriticalityFilter } from '@skylane/core';
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

  const ScreenBody = Type.Object({
    solution: Type.String({ maxLength: 2_000_000, description: 'solution file text as written by skylane adr plan --catalog (targets are catalog numbers this tenant sees)' }),
    mission: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    fromMjd2000: Type.Optional(Type.Number({ description: 'window start, MJD2000 days (UTC); default the mission\'s first departure' })),
    days: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.5, description: 'window length, days (at most 1 per request)' })),
    standOffKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 10 })),
  });
  app.post(
    '/api/v1/adr/screen',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['adr'],
        summary: "Conjunction screening of a removal servicer's planned trajectory (a catalog plan's mission: J2 transfers and proximity stays) against the objects this tenant sees; conflicts per phase, the servicer's own target excluded (docs/design/active-debris-removal.md). Same JSON as `skylane adr screen --json`.",
        body: ScreenBody,
      },
    },
    async (request) => {
      const p = principalOf(request);
      const b = request.body as Static<typeof ScreenBody>;
      const ts = ctx.timeScales;
      const bad = (detail: string): HttpProblem => new HttpProblem(400, 'bad-request', 'Bad request', detail);
      const sol = readGtoc9Solution(b.solution);
      if (sol.failures.length > 0) throw bad(`solution line ${sol.failures[0]!.line}: ${sol.failures[0]!.code}: ${sol.failures[0]!.reason}`);
      const k = b.mission ?? 1;
      if (k > sol.missions.length) throw bad(`mission ${k} is not in the solution (1..${sol.missions.length}).`);
      const mission = missionFromSolution(sol.missions[k - 1]!);
      const rows = await currentElementSets(ctx.store.db, p.tenantId, {});
      const sets = rows.map(elementSetFromRow);
      const byNum = new Map(sets.map((e) => [e.catalogNumber, e]));
      const utcDay = (t: Parameters<typeof ts.toUtcDaySeconds>[0]): number => {
        const u = ts.toUtcDaySeconds(t);
        return u.mjd - 51544 + u.seconds / 86400;
      };
      const targets = mission.debris.map((id) => {
        const e = byNum.get(id);
        if (!e) throw new HttpProblem(404, 'not-found', 'Not found', `target ${id} of mission ${k} is not an object this tenant sees.`);
        return targetFromElementSet(e, utcDay(e.epoch));
      });
      const epochOf = (d: number) => {
        const day = Math.floor(d);
        return ts.fromUtcDaySeconds(51544 + day, (d - day) * 86400);
      };
      const from = b.fromMjd2000 ?? mission.legs[0]?.departMjd2000 ?? mission.startMjd2000;
      const standOffKm = b.standOffKm ?? 10;
      let r;
      try {
        r = screenServicer(mission, new Map(targets.map((d) => [d.id, d])), sets, { epochOf, fromMjd2000: from, toMjd2000: from + (b.days ?? 0.5), frame: 'TEME', standOffKm }, ts);
      } catch (e) {
        if (e instanceof SkylaneError) throw bad(`${e.code}: ${e.message}`);
        throw e;
      }
      return {
        mission: k,
        fromMjd2000: r.fromMjd2000,
        toMjd2000: r.toMjd2000,
        fromUtc: ts.formatUtcIso(epochOf(r.fromMjd2000), 3),
        toUtc: ts.formatUtcIso(epochOf(r.toMjd2000), 3),
        standOffKm,
        objectsScreened: r.objectsScreened,
        excludedOwnTarget: r.excludedOwnTarget,
        skipped: r.skipped.length,
        conflicts: r.conflicts.map((c) => ({ objectId: c.objectId, ...(c.objectName !== undefined ? { objectName: c.objectName } : {}), tcaUtc: ts.formatUtcIso(c.tca, 3), tcaMjd2000: c.tcaMjd2000, missDistanceKm: c.missDistanceKm, relativeSpeedKmPerS: c.relativeSpeedKms, phase: c.phase, fromTarget: c.fromTarget, ...(c.toTarget !== undefined ? { toTarget: c.toTarget } : {}) })),
      };
    },
  );
}
