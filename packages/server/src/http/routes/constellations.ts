/**
 * Constellation routes (stateless computations, role viewer): design a constellation (Walker/custom planes) as OMM
 * JSON with its shell checks, coverage statistics of a design or element sets, and a deployment-campaign plan.
 * Coverage and planning run on worker threads (constellation/parallelConstellation.ts), off the request thread.
 */
import { availableParallelism } from 'node:os';
import { Type, type Static } from 'typebox';
import {
  checkDesign,
  designConstellation,
  designElementSets,
  readElementSets,
  readLaunchSites,
  readLaunchVehicles,
  SkylaneError,
  sgp4InputFrom,
  writeElementSets,
  type ElementSet,
  type Instant,
  type ShellSpec,
} from '@skylane/core';
import { computeCoverageParallel, planDeploymentInWorker } from '../../constellation/index.ts';
import type { App, RouteContext } from '../app.ts';
import { badRequest, HttpProblem } from '../problem.ts';

const Shell = Type.Union([
  Type.Object(
    {
      kind: Type.Union([Type.Literal('walker-delta'), Type.Literal('walker-star')]),
      name: Type.Optional(Type.String({ maxLength: 40 })),
      totalSatellites: Type.Integer({ minimum: 1, maximum: 50_000 }),
      planes: Type.Integer({ minimum: 1, maximum: 1000 }),
      phasing: Type.Integer({ minimum: 0 }),
      altitudeKm: Type.Number({ minimum: 150, maximum: 40_000 }),
      inclinationDeg: Type.Number({ minimum: 0, maximum: 180 }),
      raanOffsetDeg: Type.Optional(Type.Number()),
      argLatOffsetDeg: Type.Optional(Type.Number()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('planes'),
      name: Type.Optional(Type.String({ maxLength: 40 })),
      altitudeKm: Type.Number({ minimum: 150, maximum: 40_000 }),
      inclinationDeg: Type.Number({ minimum: 0, maximum: 180 }),
      slotsPerPlane: Type.Integer({ minimum: 1, maximum: 1000 }),
      planes: Type.Array(
        Type.Object(
          { raanDeg: Type.Number(), phaseOffsetDeg: Type.Optional(Type.Number()), occupiedSlots: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 1000 })) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  ),
]);

const Iso = Type.String({ maxLength: 40, description: 'ISO-8601 UTC, e.g. 2026-09-22T12:00:00Z' });

/** A constellation given either as shells (designed at `epoch`) or as OMM JSON element sets. */
const Source = {
  shells: Type.Optional(Type.Array(Shell, { minItems: 1, maxItems: 20, description: 'design shells (alternative to elements)' })),
  epoch: Type.Optional(Iso),
  firstCatalogNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
  elements: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 20_000, description: 'OMM JSON element sets (CelesTrak field names), alternative to shells' })),
};

const DesignBody = Type.Object({ shells: Type.Array(Shell, { minItems: 1, maxItems: 20 }), epoch: Iso, firstCatalogNumber: Source.firstCatalogNumber, closeApproachThresholdKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })) }, { additionalProperties: false });
const CoverageBody = Type.Object(
  {
    ...Source,
    start: Iso,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 48 }),
    minElevationDeg: Type.Number({ minimum: 0, maximum: 89 }),
    stepS: Type.Optional(Type.Number({ minimum: 10, maximum: 3600 })),
    gridDeg: Type.Optional(Type.Number({ minimum: 0.5, maximum: 30 })),
    cells: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PlanBody = Type.Object(
  {
    ...Source,
    start: Iso,
    satellite: Type.Optional(Type.Object({ massKg: Type.Number({ exclusiveMinimum: 0 }), thrustN: Type.Number({ exclusiveMinimum: 0 }), ispS: Type.Number({ exclusiveMinimum: 0 }), propellantKg: Type.Optional(Type.Number({ minimum: 0 })) }, { additionalProperties: false })),
    insertionAltitudeKm: Type.Optional(Type.Number({ minimum: 150, maximum: 40_000 })),
    satellitesPerLaunch: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    strategy: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('launch-timing'), Type.Literal('j2-drift')])),
    maxDriftDays: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3650 })),
    vehicles: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 50, description: 'vehicle library (default: the bundled one)' })),
    sites: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 50, description: 'launch sites with azimuthRangesDeg (default: the bundled network)' })),
    screen: Type.Optional(Type.Boolean({ description: 'screen each batch against the constellation itself and move launches with an alert' })),
    alertDistanceKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

function unprocessable(e: unknown): never {
  if (e instanceof SkylaneError) {
    const constraint = (e as { constraint?: string }).constraint;
    throw new HttpProblem(422, 'constraint', 'Request cannot be met', e.message, { code: e.code, ...(constraint !== undefined ? { constraint } : {}) });
  }
  throw e;
}

function elementSetsOf(body: { shells?: ShellSpec[] | undefined; epoch?: string | undefined; firstCatalogNumber?: number | undefined; elements?: Record<string, unknown>[] | undefined }, ctx: RouteContext): ElementSet[] {
  if ((body.shells === undefined) === (body.elements === undefined)) throw badRequest('give exactly one of "shells" (with "epoch") or "elements" (OMM JSON).');
  if (body.shells !== undefined) {
    if (body.epoch === undefined) throw badRequest('"shells" needs an "epoch".');
    try {
      const design = designConstellation({ shells: body.shells, ...(body.firstCatalogNumber !== undefined ? { firstCatalogNumber: body.firstCatalogNumber } : {}) });
      return designElementSets(design, ctx.timeScales.parseUtcIso(body.epoch));
    } catch (e) {
      return unprocessable(e);
    }
  }
  const read = readElementSets(JSON.stringify(body.elements), { format: 'omm-json', timeScales: ctx.timeScales });
  if (read.failures.length > 0) throw new HttpProblem(422, 'rejected-records', 'Element sets rejected', `${read.failures.length} element set(s) could not be read.`, { errors: read.failures });
  return read.elementSets;
}

/** The instant of an ISO-8601 UTC field, or a 400 naming the field. */
function parseIso(text: string, field: string, ctx: RouteContext): Instant {
  try {
    return ctx.timeScales.parseUtcIso(text);
  } catch {
    throw badRequest(`${field} "${text}" is not an ISO-8601 UTC time such as 2026-09-22T12:00:00Z.`);
  }
}

export function registerConstellationRoutes(app: App, ctx: RouteContext): void {
  app.post(
    '/api/v1/constellations/design',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['constellations'],
        summary: 'Design a constellation (Walker Delta/Star, custom planes): OMM JSON element sets and shell checks',
        description: 'Elements are the nominal mean elements as designed (circular, inclination and RAAN as given, WGS-72 mean motion of the altitude). `checks` gives per shell the closest approach between satellites of different planes (exact for circular orbits) and the plane pairs under `closeApproachThresholdKm` (default 10).',
        body: DesignBody,
      },
    },
    async (request) => {
      const b = request.body as Static<typeof DesignBody>;
      const epoch = parseIso(b.epoch, 'epoch', ctx);
      try {
        const design = designConstellation({ shells: b.shells as ShellSpec[], ...(b.firstCatalogNumber !== undefined ? { firstCatalogNumber: b.firstCatalogNumber } : {}) });
        const sets = designElementSets(design, epoch);
        const checks = checkDesign(design, b.closeApproachThresholdKm ?? 10).map((c) => ({ ...c, minDistanceKm: Number.isFinite(c.minDistanceKm) ? c.minDistanceKm : null, planePairs: c.planePairs.length <= 500 ? c.planePairs : undefined }));
        return { satellites: sets.length, elements: JSON.parse(writeElementSets(sets, 'omm-json', { timeScales: ctx.timeScales })) as unknown, checks };
      } catch (e) {
        return unprocessable(e);
      }
    },
  );

  app.post(
    '/api/v1/constellations/coverage',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['constellations'],
        summary: 'Coverage fraction, satellites in view and revisit gaps over a global grid (worker threads)',
        description: 'Cells weighted by cos(latitude); geometric elevation above the WGS-84 ellipsoid; a revisit gap is a run of samples with no satellite in view. At most 5 million satellite-samples per request.',
        body: CoverageBody,
      },
    },
    async (request) => {
      const b = request.body as Static<typeof CoverageBody>;
      parseIso(b.start, 'start', ctx);
      const sets = elementSetsOf(b as Parameters<typeof elementSetsOf>[0], ctx);
      const stepS = b.stepS ?? 60;
      const grid = b.gridDeg ?? 1;
      if (Math.abs(Math.round(180 / grid) * grid - 180) > 1e-9) throw badRequest(`gridDeg ${grid} must divide 180 (e.g. 0.5, 1, 2, 5).`);
      if (sets.length * (b.hours * 3600 / stepS + 1) > 5_000_000) throw badRequest(`${sets.length} satellites × ${Math.round(b.hours * 3600 / stepS) + 1} samples exceeds 5 million satellite-samples: shorten the span or lengthen the step.`);
      try {
        return await computeCoverageParallel(
          { inputs: sets.map((s) => sgp4InputFrom(s, ctx.timeScales)), startIso: b.start, durationS: b.hours * 3600, stepS, minElevationDeg: b.minElevationDeg, latStepDeg: grid, lonStepDeg: grid, cells: b.cells ?? false },
          { threads: Math.max(1, Math.min(2, availableParallelism())) },
        );
      } catch (e) {
        return unprocessable(e);
      }
    },
  );

  app.post(
    '/api/v1/constellations/deployment-plan',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['constellations'],
        summary: 'Deployment-campaign plan: launches (site, vehicle, RAAN-matched epoch), phasing or J2 drift, raising, service dates (worker thread)',
        description: 'Same model and JSON as `skylane deploy plan --json`. A constraint the fleet or sites cannot meet is a 422 naming it (`constraint`: SITE_AZIMUTH, SITE_LATITUDE, VEHICLE_ALTITUDE, VEHICLE_CAPACITY, SATELLITE_PROPULSION, NO_LAUNCH_OPTION).',
        body: PlanBody,
      },
    },
    async (request) => {
      const b = request.body as Static<typeof PlanBody>;
      parseIso(b.start, 'start', ctx);
      const sets = elementSetsOf(b as Parameters<typeof elementSetsOf>[0], ctx);
      try {
        return await planDeploymentInWorker({
          designText: writeElementSets(sets, 'omm-json', { timeScales: ctx.timeScales }),
          startIso: b.start,
          ...(b.epoch !== undefined ? { designEpochIso: b.epoch } : {}),
          ...(b.satellite !== undefined ? { satellite: b.satellite } : {}),
          ...(b.insertionAltitudeKm !== undefined ? { insertionAltitudeKm: b.insertionAltitudeKm } : {}),
          ...(b.satellitesPerLaunch !== undefined ? { satellitesPerLaunch: b.satellitesPerLaunch } : {}),
          ...(b.strategy !== undefined ? { strategy: b.strategy } : {}),
          ...(b.maxDriftDays !== undefined ? { maxDriftDays: b.maxDriftDays } : {}),
          ...(b.vehicles !== undefined ? { vehicles: readLaunchVehicles(b.vehicles) } : {}),
          ...(b.sites !== undefined ? { sites: readLaunchSites(b.sites) } : {}),
          ...(b.screen === true ? { safety: { ...(b.alertDistanceKm !== undefined ? { alertDistanceKm: b.alertDistanceKm } : {}) } } : {}),
        });
      } catch (e) {
        return unprocessable(e);
      }
    },
  );
}
