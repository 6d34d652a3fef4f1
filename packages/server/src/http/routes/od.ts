/**
 * Orbit-determination route (stateless, no tenant data stored): `POST /api/v1/od` runs a weighted batch least squares
 * (or the EKF) of @skylane/core on a CCSDS TDM given in the body, with the stations and the initial GCRF state, and
 * answers the same JSON as `skylane od --json`. Bounded for a synchronous request: TDM ≤ 4 MB, ≤ 20,000
 * measurements, bundled EGM2008 to degree 20 at most. Bad input is a 400 problem naming the line and field.
 */
import { Type } from 'typebox';
import { batchLeastSquares, buildForceModels, extendedKalmanFilter, odResultJson, readTdm, SkylaneError, tdmToObservations, selectObservationsForObject, DEFAULT_SPACECRAFT, type OdSummary } from '@skylane/core';
import type { App, RouteContext } from '../app.ts';
import { badRequest } from '../problem.ts';
import { readBundledGravityField } from '../../gravityData.ts';

const MAX_MEASUREMENTS = 20_000;

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SkylaneError) throw badRequest(`${err.code}: ${err.message}`);
    throw err;
  }
}

const Vec3 = Type.Array(Type.Number(), { minItems: 3, maxItems: 3 });

export function registerOdRoutes(app: App, ctx: RouteContext): void {
  const ts = ctx.timeScales;
  app.post(
    '/api/v1/od',
    {
      config: { role: 'viewer' },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['orbit-determination'],
        summary: 'Orbit determination from a CCSDS TDM: weighted batch least squares (or EKF) with numerical dynamics',
        body: Type.Object({
          tdm: Type.String({ maxLength: 4 * 1024 * 1024 }),
          stations: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), latDeg: Type.Number({ minimum: -90, maximum: 90 }), lonDeg: Type.Number({ minimum: -360, maximum: 360 }), altitudeM: Type.Number({ minimum: -10000, maximum: 100000 }) }), { minItems: 1, maxItems: 200 }),
          initial: Type.Object({ epoch: Type.String({ maxLength: 40 }), positionKm: Vec3, velocityKmPerS: Vec3 }),
          objectId: Type.Optional(Type.Integer({ minimum: 1, maximum: 999999999 })),
          estimator: Type.Optional(Type.Union([Type.Literal('batch'), Type.Literal('ekf')])),
          estimate: Type.Optional(Type.Array(Type.Union([Type.Literal('state'), Type.Literal('cd'), Type.Literal('cr'), Type.Literal('biases')]), { maxItems: 4 })),
          gravityDegree: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
          thirdBodies: Type.Optional(Type.Array(Type.Union([Type.Literal('sun'), Type.Literal('moon')]), { maxItems: 2 })),
          drag: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('exponential')])),
          sigmaRangeM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })),
          sigmaRangeRateMps: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e4 })),
          sigmaAngleDeg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 90 })),
          maxIterations: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      return guard(() => {
        const read = readTdm(b.tdm);
        const conv = tdmToObservations(read.tdm, {
          stations: b.stations,
          timeScales: ts,
          ...(b.sigmaRangeM !== undefined ? { sigmaRangeKm: b.sigmaRangeM / 1000 } : {}),
          ...(b.sigmaRangeRateMps !== undefined ? { sigmaRangeRateKmPerS: b.sigmaRangeRateMps / 1000 } : {}),
          ...(b.sigmaAngleDeg !== undefined ? { sigmaAngleRad: (b.sigmaAngleDeg * Math.PI) / 180 } : {}),
          ...(b.objectId !== undefined ? { objectId: b.objectId } : {}),
        });
        const observations = b.objectId !== undefined ? selectObservationsForObject(conv.observations, b.objectId) : conv.observations;
        const problems = [...read.problems, ...conv.problems].map((p) => ({ line: p.line, field: p.field, code: p.code, message: p.message }));
        if (observations.length === 0) throw badRequest(`No usable measurement in the TDM${problems.length > 0 ? `: ${problems.slice(0, 3).map((p) => `line ${p.line}, field ${p.field}: ${p.message}`).join('; ')}` : ''}.`);
        if (observations.length > MAX_MEASUREMENTS) throw badRequest(`${observations.length} measurements: this synchronous route takes at most ${MAX_MEASUREMENTS}; split the arc or use the CLI.`);
        const epoch = ts.parseUtcIso(b.initial.epoch);
        const degree = b.gravityDegree ?? 0;
        const est = b.estimate ?? ['state'];
        const forces = buildForceModels(
          { ...(degree > 0 ? { gravityField: readBundledGravityField('egm2008', Math.max(degree, 2)) } : {}), degree, order: degree, thirdBodies: b.thirdBodies ?? [], drag: b.drag ?? 'none', srp: 'none' },
          epoch,
          ts,
          DEFAULT_SPACECRAFT,
          { source: 'request', keywordLines: {} },
        );
        const initialState = [...b.initial.positionKm, ...b.initial.velocityKmPerS];
        const estimate = { dragCoefficient: est.includes('cd'), reflectivityCoefficient: est.includes('cr'), biases: est.includes('biases') };
        let summary: OdSummary;
        if (b.estimator === 'ekf') {
          const f = extendedKalmanFilter({ timeScales: ts, forces, epoch, initialState, initialSigmaKm: 1, initialSigmaKmPerS: 1e-3, observations, stations: b.stations, estimate });
          let chi2 = 0;
          let used = 0;
          for (const r of f.residuals) if (!r.edited) {
            chi2 += (r.residual / r.observation.sigma) ** 2;
            used++;
          }
          summary = { epoch: f.epoch, state: f.state, covariance: f.covariance, iterations: 1, converged: true, weightedRms: Math.sqrt(chi2 / Math.max(used, 1)), parameters: f.parameters.map((p) => ({ ...p, unit: '' })), residuals: f.residuals, statistics: f.statistics, edited: f.edited };
        } else {
          summary = batchLeastSquares({ timeScales: ts, forces, epoch, initialState, observations, stations: b.stations, estimate, maxIterations: b.maxIterations ?? 20 });
        }
        return { ...odResultJson(summary, ts), estimator: b.estimator ?? 'batch', problems };
      });
    },
  );
}
