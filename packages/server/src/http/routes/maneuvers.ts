/**
 * Maneuver coordination routes (issue 20 item 5): publish a planned maneuver (OPM with MAN blocks and/or the OEM of
 * the maneuvered trajectory) for one of the tenant's events, list the plans visible through an event (the tenant's
 * own, and those the other party published for the same pair and encounter, with the re-screening of this tenant's
 * fleet against the published trajectory), and record a side's status with a note (audit trail). An event of
 * another tenant is a 404, as everywhere.
 */
import { Type } from 'typebox';
import { nowIso } from '../../storage/catalog.ts';
import { CoordinationError, listPlans, publishPlan, recordPlanStatus } from '../../warning/coordination.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { HttpProblem } from '../problem.ts';

const EventParams = Type.Object({ eventId: Type.Integer({ minimum: 1 }) });
const Status = Type.Union([Type.Literal('proposed'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('executed'), Type.Literal('withdrawn')]);

function problemOf(e: unknown): unknown {
  if (!(e instanceof CoordinationError)) return e;
  const slug = e.status === 404 ? 'not-found' : e.status === 409 ? 'conflict' : 'bad-request';
  const title = e.status === 404 ? 'Not found' : e.status === 409 ? 'Conflict' : 'Bad request';
  return new HttpProblem(e.status, slug, title, e.message);
}

export function registerManeuverRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;

  app.post(
    '/api/v1/events/:eventId/maneuvers',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['events'],
        summary: 'Publish a planned maneuver for this event (OPM with MAN blocks and/or OEM of the maneuvered trajectory)',
        description:
          'The other party (every tenant whose fleets hold the other object) sees the plan through its own event of the pair and encounter; when an OEM is given its fleet is re-screened against it (5 km, the OEM span up to 7 days). Status starts as proposed.',
        params: EventParams,
        body: Type.Object(
          {
            opm: Type.Optional(Type.String({ minLength: 1, maxLength: 200_000 })),
            oem: Type.Optional(Type.String({ minLength: 1, maxLength: 900_000 })),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            maneuveredObject: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      try {
        const id = await publishPlan(db, ctx.timeScales, p.tenantId, p.apiKeyId, request.params.eventId, { opmKvn: b.opm, oemKvn: b.oem, note: b.note, maneuveredObject: b.maneuveredObject }, nowIso());
        const plan = (await listPlans(db, p.tenantId, request.params.eventId)).find((x) => x.id === id);
        return reply.code(201).header('location', `/api/v1/events/${request.params.eventId}/maneuvers`).send(plan);
      } catch (e) {
        throw problemOf(e);
      }
    },
  );

  app.get(
    '/api/v1/events/:eventId/maneuvers',
    { config: { role: 'viewer' }, schema: { tags: ['events'], summary: 'Maneuver plans of this event: published by this tenant, or by the other party for the same encounter, with their audit trail', params: EventParams } },
    async (request) => {
      const p = principalOf(request);
      try {
        return { items: await listPlans(db, p.tenantId, request.params.eventId) };
      } catch (e) {
        throw problemOf(e);
      }
    },
  );

  app.post(
    '/api/v1/events/:eventId/maneuvers/:planId/status',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['events'],
        summary: "Record this side's status of a plan (publisher: proposed, executed, withdrawn; other party: accepted, declined) with a note",
        params: Type.Object({ eventId: Type.Integer({ minimum: 1 }), planId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ status: Status, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      try {
        await recordPlanStatus(db, p.tenantId, p.apiKeyId, request.params.eventId, request.params.planId, request.body.status, request.body.note, nowIso());
        return (await listPlans(db, p.tenantId, request.params.eventId)).find((x) => x.id === request.params.planId);
      } catch (e) {
        throw problemOf(e);
      }
    },
  );
}
