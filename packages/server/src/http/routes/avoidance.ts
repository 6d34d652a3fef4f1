/**
 * `POST /api/v1/events/{eventId}/avoidance-plan` (issue 20): a Pc-targeted avoidance maneuver for one of the
 * tenant's own conjunction events, planned on the event's latest CDM in a worker thread, re-screened against the
 * catalog visible to the tenant. The maneuvering object is the event's object in one of the tenant's fleets (object 1
 * when both or neither are). The default earliest execution time is the service clock. Another tenant's event is 404
 * (as every isolation case); bad input (no covariance, a blackout or clock leaving no execution time, a target
 * already met) is 422 problem+json with the planner's `reason`.
 */
import { Type } from 'typebox';
import { readCdmKvn, assessCdm } from '@skylane/core';
import { closeAvoidancePool, runAvoidanceJob } from '../../avoidance/parallelAvoidance.ts';
import { currentElementSets } from '../../storage/catalog.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem, notFound } from '../problem.ts';

const Direction = Type.Union([Type.Literal('t'), Type.Literal('r'), Type.Literal('n'), Type.Literal('opt')]);
const Body = Type.Object(
  {
    targetPc: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'target Pc (default 1e-6)' })),
    targetMissKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'target miss distance instead of a target Pc' })),
    massKg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })),
    ispS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e5 })),
    thrustN: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e5, description: 'low-thrust variant: continuous tangential thrust (needs massKg)' })),
    earliest: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 UTC; default the service clock' })),
    latest: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 UTC; default and cap TCA − 1 h' })),
    directions: Type.Optional(Type.Array(Direction, { minItems: 1, maxItems: 4 })),
    hbrM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
    executionTimes: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    rescreenDays: Type.Optional(Type.Number({ minimum: 0, maximum: 7, default: 7 })),
  },
  { additionalProperties: false },
);

const unprocessable = (reason: string, detail: string): HttpProblem => new HttpProblem(422, 'avoidance-input', 'Avoidance plan not possible', detail, { reason });

export function registerAvoidanceRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  app.addHook('onClose', async () => closeAvoidancePool());
  app.post(
    '/api/v1/events/:eventId/avoidance-plan',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['events'],
        summary: 'Plan a collision-avoidance maneuver for one of your events (minimum Δv to a target Pc; trade space; 7-day re-screening)',
        description:
          'Answers the plan JSON of `skylane maneuver plan --json`: maneuver {epoch, dvRtnMps [r,t,n], dvMps}, prePc, postPc, postMissKm, leadTimeS, propellantKg, tradeSpace, rescreening, warnings. 422 problem+json with `reason` for input the planner cannot use.',
        params: Type.Object({ eventId: Type.Integer({ minimum: 1 }) }),
        body: Body,
      },
    },
    async (request) => {
      const p = principalOf(request);
      const b = request.body;
      const e = await db.selectFrom('events').select(['id', 'object1', 'object2', 'latest_update_id']).where('id', '=', request.params.eventId).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (e === undefined) throw notFound(`event ${request.params.eventId}`);
      if (b.targetPc !== undefined && b.targetMissKm !== undefined) throw unprocessable('OPTION_INVALID', 'targetPc and targetMissKm exclude each other: give one.');
      if (b.thrustN !== undefined && b.massKg === undefined) throw unprocessable('OPTION_INVALID', 'thrustN needs massKg (the acceleration is thrust / mass).');
      const u = e.latest_update_id === null ? undefined : await db.selectFrom('event_updates').select(['cdm_kvn', 'hbr_m']).where('id', '=', e.latest_update_id).where('tenant_id', '=', p.tenantId).executeTakeFirst();
      if (u === undefined) throw notFound(`the latest update of event ${e.id}`);
      const members = await db
        .selectFrom('fleet_members')
        .innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id')
        .select('fleet_members.catalog_number')
        .where('fleets.tenant_id', '=', p.tenantId)
        .where('fleet_members.catalog_number', 'in', [e.object1, e.object2])
        .execute();
      const own = new Set(members.map((m) => m.catalog_number));
      const cdm = readCdmKvn(u.cdm_kvn, { timeScales: ctx.timeScales }).cdms[0];
      if (cdm === undefined) throw unprocessable('STATES_UNUSABLE', `the CDM of event ${e.id} could not be read.`);
      const cdmObject1 = Number(cdm.object1.metadata.objectDesignator);
      const mine = own.has(cdmObject1) ? cdmObject1 : [...own][0];
      const maneuverObject: 1 | 2 = mine !== undefined && mine !== cdmObject1 ? 2 : 1;
      const hbrM = b.hbrM ?? u.hbr_m ?? assessCdm(cdm).hbrM;
      const rows = (b.rescreenDays ?? 7) > 0 ? await currentElementSets(db, p.tenantId, {}) : [];
      const r = await runAvoidanceJob({
        cdmKvn: u.cdm_kvn,
        hbrM,
        maneuverObject,
        knownAt: ctx.service.now().toISOString(),
        ...(b.targetPc !== undefined ? { targetPc: b.targetPc } : {}),
        ...(b.targetMissKm !== undefined ? { targetMissKm: b.targetMissKm } : {}),
        ...(b.massKg !== undefined ? { massKg: b.massKg } : {}),
        ...(b.ispS !== undefined ? { ispS: b.ispS } : {}),
        ...(b.thrustN !== undefined ? { thrustN: b.thrustN } : {}),
        ...(b.earliest !== undefined ? { earliest: b.earliest } : {}),
        ...(b.latest !== undefined ? { latest: b.latest } : {}),
        ...(b.directions !== undefined ? { directions: b.directions } : {}),
        ...(b.executionTimes !== undefined ? { executionTimes: b.executionTimes } : {}),
        ...(b.rescreenDays !== undefined ? { rescreenDays: b.rescreenDays } : {}),
        catalogRows: rows,
      });
      if (!r.ok) throw unprocessable(r.reason, r.message);
      return r.plan;
    },
  );
}
