/**
 * Launch operations routes beside launch.ts: launch COLA (a plan's ascent and parking orbit against the catalog this
 * tenant sees, over a launch window, in a worker thread: launch/parallelLcola.ts; the JSON of `skylane lcola --json`)
 * and NOTAM parsing (PRC NOTAMs / navigational warnings as text or the NOTAM database JSON into hazard-area GeoJSON,
 * as `skylane notam parse --geojson`).
 */
import { Type, type Static } from 'typebox';
import { findLaunchSite, findVehicle, hazardAreasToGeoJson, parseNotams, SkylaneError, writeElementSets } from '@skylane/core';
import { screenLaunchWindowInWorker } from '../../launch/index.ts';
import { currentElementSets, elementSetFromRow } from '../../storage/catalog.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { badRequest, HttpProblem } from '../problem.ts';

/** Longest window one request may screen (s), and most candidate launch times. */
const MAX_WINDOW_S = 86_400;
const MAX_CANDIDATES = 1441;

const Iso = Type.String({ maxLength: 40, description: 'ISO-8601 UTC, e.g. 2026-03-10T06:00:00Z' });
const LcolaBody = Type.Object(
  {
    plan: Type.Object({
      site: Type.String({ maxLength: 40 }),
      vehicle: Type.String({ maxLength: 40 }),
      inclinationDeg: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 180 }),
      altitudeKm: Type.Number({ minimum: 150, maximum: 2000 }),
      launch: Iso,
      payloadKg: Type.Optional(Type.Number({ minimum: 0, maximum: 200000 })),
      branch: Type.Optional(Type.Union([Type.Literal('ascending'), Type.Literal('descending'), Type.Literal('auto')])),
      corridor: Type.Optional(Type.String({ maxLength: 40 })),
    }, { description: 'the plan (the fields of POST /api/v1/launch/plans, or its answer: site, vehicle, inclinationDeg, altitudeKm, launch, payloadKg, branch, corridor)' }),
    windowStart: Iso,
    windowEnd: Iso,
    launchStepS: Type.Optional(Type.Number({ minimum: 1, maximum: 3600, default: 60 })),
    parkingMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1440, default: 180 })),
    standOffKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 25 })),
    crewedStandOffKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 200 })),
    crewedIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 999_999_999 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

const NotamBody = Type.Object(
  {
    content: Type.String({ minLength: 1, maxLength: 4_000_000, description: 'NOTAM / navigational-warning text, or the NOTAM database JSON (docs/design/launch-and-recovery.md)' }),
    source: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export function registerLaunchOpsRoutes(app: App, ctx: RouteContext): void {
  app.post(
    '/api/v1/launch/notams',
    {
      config: { role: 'viewer' },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['launch'],
        summary: 'Parse PRC NOTAMs / navigational warnings into hazard-area GeoJSON (polygons with activation windows); the rest reported with the reason',
        body: NotamBody,
      },
    },
    async (request) => {
      const b = request.body as Static<typeof NotamBody>;
      const ts = ctx.timeScales;
      const r = parseNotams(b.content, b.source ?? 'request', ts);
      return {
        total: r.total,
        geojson: hazardAreasToGeoJson(r.records.map((x) => ({ ...x, properties: { code: x.code, ...(x.qCode !== undefined ? { qCode: x.qCode } : {}), ...(x.fir !== undefined ? { fir: x.fir } : {}) } })), ts),
        failures: r.failures,
        excluded: r.excluded.length,
      };
    },
  );

  app.post(
    '/api/v1/launch/lcola',
    {
      config: { role: 'viewer' },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['launch'],
        summary: 'Launch COLA: blackout intervals of a launch window against the catalog this tenant sees (worker thread)',
        description:
          'Each candidate launch time (every launchStepS from windowStart to windowEnd) flies the plan\'s nominal ascent and parkingMin minutes of its parking orbit; a candidate with an object inside the stand-off (standOffKm, crewedStandOffKm for crewed objects recognised by name or listed in crewedIds) is blacked out (docs/design/launch-operations.md). Same JSON as `skylane lcola --json`. At most 24 h and 1,441 candidates per request.',
        body: LcolaBody,
      },
    },
    async (request) => {
      const p = principalOf(request);
      const b = request.body as Static<typeof LcolaBody>;
      const ts = ctx.timeScales;
      const parse = (text: string, field: string) => {
        try {
          return ts.parseUtcIso(text);
        } catch {
          throw badRequest(`${field} "${text}" is not an ISO-8601 UTC time such as 2026-03-10T06:00:00Z.`);
        }
      };
      parse(b.plan.launch, 'plan.launch');
      const start = parse(b.windowStart, 'windowStart');
      const end = parse(b.windowEnd, 'windowEnd');
      const spanS = end.secondsSince(start);
      const step = b.launchStepS ?? 60;
      if (!(spanS >= 0)) throw badRequest(`windowEnd ${b.windowEnd} is before windowStart ${b.windowStart}.`);
      if (spanS > MAX_WINDOW_S) throw badRequest(`the window spans ${Math.round(spanS)} s; at most ${MAX_WINDOW_S} s (24 h) per request.`);
      if (Math.floor(spanS / step) + 1 > MAX_CANDIDATES) throw badRequest(`${Math.floor(spanS / step) + 1} candidate launch times; at most ${MAX_CANDIDATES}: lengthen launchStepS.`);
      try {
        findLaunchSite(b.plan.site);
        findVehicle(b.plan.vehicle);
      } catch (e) {
        if (e instanceof SkylaneError) throw badRequest(`${e.code}: ${e.message}`);
        throw e;
      }
      const rows = await currentElementSets(ctx.store.db, p.tenantId, {});
      if (rows.length === 0) throw new HttpProblem(409, 'empty-catalog', 'No catalog', 'this tenant sees no element sets: upload a catalog (POST /api/v1/uploads) before screening a launch window.');
      const catalogText = writeElementSets(rows.map(elementSetFromRow), 'omm-json', { timeScales: ts });
      try {
        return await screenLaunchWindowInWorker({
          plan: { site: b.plan.site, vehicle: b.plan.vehicle, inclinationDeg: b.plan.inclinationDeg, altitudeKm: b.plan.altitudeKm, launch: b.plan.launch, ...(b.plan.payloadKg !== undefined ? { payloadKg: b.plan.payloadKg } : {}), ...(b.plan.branch !== undefined ? { branch: b.plan.branch } : {}), ...(b.plan.corridor !== undefined ? { corridor: b.plan.corridor } : {}) },
          windowStart: b.windowStart,
          windowEnd: b.windowEnd,
          launchStepS: step,
          parkingDurationS: (b.parkingMin ?? 180) * 60,
          standOffKm: b.standOffKm ?? 25,
          crewedStandOffKm: b.crewedStandOffKm ?? 200,
          crewedIds: b.crewedIds ?? [],
          catalogText,
        });
      } catch (e) {
        if (e instanceof SkylaneError) throw badRequest(`${e.code}: ${e.message}`);
        throw e;
      }
    },
  );
}
