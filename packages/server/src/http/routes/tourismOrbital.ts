/**
 * Orbital-tourism routes: POST /api/v1/tourism/rendezvous-plan, a stateless computation (the JSON of
 * `skylane tourism rendezvous --json` without the catalog screening). The plan runs in the request: it takes 0.1–1 s
 * (fast and 4-orbit ~0.2 s, 2-day ~0.7 s on the 2-core CI machine), below the 1 s above which routes use a worker.
 */
import { Type, type Static } from 'typebox';
import { planRendezvous, rendezvousPlanJson, SkylaneError, type RendezvousProfile } from '@skylane/core';
import type { App, RouteContext } from '../app.ts';
import { badRequest } from '../problem.ts';

const Iso = Type.String({ maxLength: 40, description: 'ISO-8601 UTC, e.g. 2026-12-10T06:00:00Z' });
const Vec = (unit: string, lim: number) => Type.Array(Type.Number({ minimum: -lim, maximum: lim }), { minItems: 3, maxItems: 3, description: `GCRF ${unit}` });
const State = Type.Object({ epoch: Iso, positionKm: Vec('km', 100000), velocityKmS: Vec('km/s', 20) }, { additionalProperties: false });
const Body = Type.Object(
  {
    station: State,
    insertion: State,
    profile: Type.Union([Type.Literal('fast'), Type.Literal('4-orbit'), Type.Literal('2-day')]),
    terminalAngleDeg: Type.Optional(Type.Number({ minimum: 20, maximum: 170, default: 150 })),
  },
  { additionalProperties: false },
);

export function registerTourismOrbitalRoutes(app: App, ctx: RouteContext): void {
  app.post(
    '/api/v1/tourism/rendezvous-plan',
    {
      config: { role: 'viewer' },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['tourism'],
        summary: 'Rendezvous plan of a crewed vehicle with a station: phasing burns, terminal transfer and docking, verified on the numerical propagator',
        description:
          'From the vehicle just after insertion to docking with the station (both GCRF states), for the fast (2-orbit), 4-orbit or 2-day profile (docs/design/space-tourism-orbital.md). Answers burns[{label, epoch, dvRtnMps, dvMps}], totalDeltaVMps, dockingEpoch, finalMissKm and finalRelSpeedMps (the burns re-executed from insertion with J2), and the phasing solution. A phase the profile cannot close is a 400 naming the alternatives.',
        body: Body,
      },
    },
    async (request) => {
      const b = request.body as Static<typeof Body>;
      const ts = ctx.timeScales;
      const state = (s: Static<typeof State>, field: string) => {
        let epoch;
        try {
          epoch = ts.parseUtcIso(s.epoch);
        } catch {
          throw badRequest(`${field}.epoch "${s.epoch}" is not an ISO-8601 UTC time such as 2026-12-10T06:00:00Z.`);
        }
        return { epoch, stateGcrf: [...s.positionKm, ...s.velocityKmS] };
      };
      try {
        const plan = planRendezvous({ station: state(b.station, 'station'), insertion: state(b.insertion, 'insertion'), profile: b.profile as RendezvousProfile, terminalAngleDeg: b.terminalAngleDeg ?? 150 }, ts);
        return rendezvousPlanJson(plan, ts);
      } catch (e) {
        if (e instanceof SkylaneError) throw badRequest(`${e.code}: ${e.message}`);
        throw e;
      }
    },
  );
}
