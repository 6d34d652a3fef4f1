/**
 * Launch routes (stateless, no tenant data): the launch-site network, launch windows to an orbit plane, and launch
 * plans (ascent, drop zones with activation times, landing, recovery) computed by @skylane/core's launch module.
 */
import { Type } from 'typebox';
import { launchOpportunities, launchPlanJson, planLaunch, findLaunchSite, SITE_NETWORK, SkylaneError } from '@skylane/core';
import type { App, RouteContext } from '../app.ts';
import { badRequest } from '../problem.ts';

const D = Math.PI / 180;

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SkylaneError) throw badRequest(`${err.code}: ${err.message}`);
    throw err;
  }
}

export function registerLaunchRoutes(app: App, ctx: RouteContext): void {
  const ts = ctx.timeScales;
  app.get('/api/v1/launch/sites', { config: { role: 'viewer' }, schema: { tags: ['launch'], summary: 'The launch-site network: launch sites, landing zones, recovery areas, ports, helicopter bases' } }, async () => ({
    items: SITE_NETWORK.map((s) => ({ id: s.id, name: s.name, kind: s.kind, latDeg: s.latDeg, lonDeg: s.lonDeg, radiusKm: s.radiusKm, azimuthSectors: s.azimuthSectors, corridors: s.corridors, pads: s.pads, overflight: s.overflight, assumed: s.assumed, source: s.source })),
  }));

  app.post(
    '/api/v1/launch/windows',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['launch'],
        summary: 'Instantaneous launch times in a UTC day from a site to an orbit plane',
        body: Type.Object({
          site: Type.String({ maxLength: 40 }),
          raanDeg: Type.Number({ minimum: -360, maximum: 360 }),
          inclinationDeg: Type.Number({ minimum: 0, maximum: 180 }),
          date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          altitudeKm: Type.Optional(Type.Number({ minimum: 100, maximum: 50000 })),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      return guard(() => {
        const start = ts.parseUtcIso(`${b.date}T00:00:00Z`);
        const ops = launchOpportunities(findLaunchSite(b.site), { raanRad: b.raanDeg * D, inclinationRad: b.inclinationDeg * D }, { start, altitudeKm: b.altitudeKm ?? 500 }, ts);
        return {
          site: b.site,
          opportunities: ops.map((o) => ({ time: ts.formatUtcIso(o.time, 3), branch: o.branch, azimuthDeg: o.azimuthRad / D, inertialAzimuthDeg: o.inertialAzimuthRad / D, inSector: o.inSector, planeChangeDeg: o.planeChangeRad / D, planeChangeDeltaVMps: o.planeChangeDeltaVKmS * 1000 })),
        };
      });
    },
  );

  app.post(
    '/api/v1/launch/plans',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['launch'],
        summary: 'A launch plan: ascent, drop zones (3σ hazard polygons with activation times), landing and recovery',
        body: Type.Object({
          site: Type.String({ maxLength: 40 }),
          vehicle: Type.String({ maxLength: 40 }),
          inclinationDeg: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 180 }),
          altitudeKm: Type.Number({ minimum: 150, maximum: 2000 }),
          launch: Type.String({ maxLength: 40 }),
          payloadKg: Type.Optional(Type.Number({ minimum: 0, maximum: 200000 })),
          samples: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      return guard(() => {
        const plan = planLaunch(
          { siteId: b.site, vehicleId: b.vehicle, inclinationRad: b.inclinationDeg * D, altitudeKm: b.altitudeKm, launch: ts.parseUtcIso(b.launch), samples: b.samples ?? 100, ...(b.payloadKg !== undefined ? { payloadKg: b.payloadKg } : {}) },
          ts,
        );
        return { inclinationDeg: b.inclinationDeg, altitudeKm: b.altitudeKm, ...launchPlanJson(plan, ts) };
      });
    },
  );
}
