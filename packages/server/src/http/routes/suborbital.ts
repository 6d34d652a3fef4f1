/**
 * Suborbital tourism routes (stateless, no tenant data): the bundled suborbital vehicles and a flight profile
 * (apogee, time above 100 km and in microgravity, peak g, human-tolerance violations, ascent aborts, landing
 * dispersion ellipse and hazard areas) computed by @skylane/core's tourism module.
 */
import { Type } from 'typebox';
import { findLaunchSite, findSuborbitalVehicle, parseSuborbitalVehicle, planSuborbitalFlight, SkylaneError, SUBORBITAL_VEHICLES, suborbitalPlanJson } from '@skylane/core';
import type { App, RouteContext } from '../app.ts';
import { badRequest } from '../problem.ts';

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SkylaneError) throw badRequest(`${err.code}: ${err.message}`);
    throw err;
  }
}

export function registerSuborbitalRoutes(app: App, ctx: RouteContext): void {
  const ts = ctx.timeScales;
  app.post(
    '/api/v1/suborbital/profile',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['tourism'],
        summary: 'A suborbital flight profile: apogee, time above 100 km and in microgravity, peak g, g-limit violations, ascent aborts, landing ellipse and hazard areas',
        body: Type.Object({
          vehicle: Type.Union([Type.String({ maxLength: 60 }), Type.Record(Type.String(), Type.Unknown())], { description: `a bundled vehicle id (${SUBORBITAL_VEHICLES.map((v) => v.id).join(', ')}) or a vehicle object of the same shape` }),
          site: Type.String({ maxLength: 40 }),
          launch: Type.String({ maxLength: 40 }),
          samples: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
          seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
          abortStepS: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
          abortSamples: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
          microgravityG: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.5 })),
          windEastMps: Type.Optional(Type.Number({ minimum: -100, maximum: 100 })),
          windNorthMps: Type.Optional(Type.Number({ minimum: -100, maximum: 100 })),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      return guard(() => {
        const vehicle = typeof b.vehicle === 'string' ? findSuborbitalVehicle(b.vehicle) : parseSuborbitalVehicle(b.vehicle);
        const plan = planSuborbitalFlight({
          vehicle,
          site: findLaunchSite(b.site),
          launch: ts.parseUtcIso(b.launch),
          samples: b.samples ?? 200,
          ...(b.seed !== undefined ? { seed: b.seed } : {}),
          ...(b.abortStepS !== undefined ? { abortStepS: b.abortStepS } : {}),
          ...(b.abortSamples !== undefined ? { abortSamples: b.abortSamples } : {}),
          options: { ...(b.microgravityG !== undefined ? { microgravityThresholdG: b.microgravityG } : {}), windEastMps: b.windEastMps ?? 0, windNorthMps: b.windNorthMps ?? 0 },
        });
        return suborbitalPlanJson(plan, ts);
      });
    },
  );
}
