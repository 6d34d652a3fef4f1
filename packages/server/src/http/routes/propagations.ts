/**
 * `POST /api/v1/propagations`: numerical (Cowell) propagation of one CCSDS OPM (KVN or XML) with force options that
 * mirror `skylane propagate --state`; answered synchronously as CSV, CCSDS OEM (with COVARIANCE blocks) or JSON. The
 * work runs in a worker thread (propagation/parallelNumerical.ts); spans are bounded (31 days, 100,000 outputs).
 * Input errors are 400 problem+json naming the body field, line and keyword (`body.opm: line 17, field MASS: …`).
 */
import { Type } from 'typebox';
import { DRAG_MODELS, SRP_MODELS } from '@skylane/core';
import type { App, RouteContext } from '../app.ts';
import { badRequest, HttpProblem } from '../problem.ts';
import { closeNumericalPool, runNumericalJob } from '../../propagation/parallelNumerical.ts';

const MAX_OUTPUTS = 100_000;
const TEXT_LIMIT = 8 * 1024 * 1024;

const Body = Type.Object(
  {
    opm: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'CCSDS OPM, KVN or XML (REF_FRAME GCRF/ICRF/EME2000/TEME/ITRF, CENTER_NAME EARTH)' }),
    stop: Type.String({ maxLength: 40, description: 'last instant, ISO-8601 UTC; before the OPM epoch propagates backwards (at most 31 days from it)' }),
    stepS: Type.Number({ exclusiveMinimum: 0, maximum: 86_400, description: 'output step, seconds (at most 100,000 outputs)' }),
    frame: Type.Optional(Type.Union([Type.Literal('GCRF'), Type.Literal('EME2000'), Type.Literal('TEME'), Type.Literal('ITRF')], { default: 'GCRF' })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('oem'), Type.Literal('json')], { default: 'json' })),
    gravityField: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('egm2008')], { default: 'none', description: 'none: point mass (GM 398600.4415 km³/s²); egm2008: the bundled field to 120×120' })),
    degree: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: 'default: 0 without a field, 70 with egm2008' })),
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: 'default: the degree' })),
    thirdBodies: Type.Optional(Type.Array(Type.Union([Type.Literal('sun'), Type.Literal('moon')]), { maxItems: 2 })),
    drag: Type.Optional(Type.Union(DRAG_MODELS.map((d) => Type.Literal(d)), { default: 'none' })),
    srp: Type.Optional(Type.Union(SRP_MODELS.map((d) => Type.Literal(d)), { default: 'none' })),
    spaceWeather: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'CelesTrak SW file text: required by drag nrlmsise00' })),
    solfsmy: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'SET SOLFSMY.TXT text: required by drag jb2008' })),
    dtc: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'SET DTCFILE.TXT text: required by drag jb2008' })),
    eop: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'IERS finals2000A text (default: UT1 = UTC, no polar motion)' })),
    integrator: Type.Optional(Type.Union([Type.Literal('dp54'), Type.Literal('dp853')], { default: 'dp853' })),
    rtol: Type.Optional(Type.Number({ minimum: 1e-14, maximum: 1e-3, default: 1e-11 })),
    atol: Type.Optional(Type.Number({ minimum: 1e-14, maximum: 1, default: 1e-9, description: 'km and km/s' })),
    covariance: Type.Optional(Type.Boolean({ default: false, description: 'propagate the OPM covariance (needs one in the OPM)' })),
  },
  { additionalProperties: false },
);

export function registerPropagationRoutes(app: App, _ctx: RouteContext): void {
  app.addHook('onClose', async () => closeNumericalPool());
  app.post(
    '/api/v1/propagations',
    {
      config: { role: 'viewer' },
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags: ['propagation'],
        summary: 'Propagate an OPM state numerically (force models as in `skylane propagate --state`)',
        description:
          'Central gravity is always on; every other force is off unless asked for (the OPM spacecraft parameters do not switch forces on; MASS, DRAG_AREA, DRAG_COEFF, SOLAR_RAD_AREA, SOLAR_RAD_COEFF set the spacecraft). Answers text/csv (columns id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s), CCSDS OEM KVN, or JSON. Bad input is a 400 problem+json naming the body field, line and keyword.',
        body: Body,
      },
    },
    async (request, reply) => {
      const b = request.body;
      const degree = b.degree ?? (b.gravityField === 'egm2008' ? 70 : 0);
      if ((b.gravityField ?? 'none') === 'none' && degree !== 0) throw badRequest('body.degree above 0 needs body.gravityField "egm2008".');
      const order = b.order ?? degree;
      if (order > degree) throw badRequest(`body.order ${order} is above body.degree ${degree}.`);
      const r = await runNumericalJob({
        opm: b.opm,
        stop: b.stop,
        stepS: b.stepS,
        frame: b.frame ?? 'GCRF',
        format: b.format ?? 'json',
        gravityField: b.gravityField ?? 'none',
        degree,
        order,
        thirdBodies: b.thirdBodies ?? [],
        drag: b.drag ?? 'none',
        srp: b.srp ?? 'none',
        ...(b.spaceWeather !== undefined ? { spaceWeather: b.spaceWeather } : {}),
        ...(b.solfsmy !== undefined ? { solfsmy: b.solfsmy } : {}),
        ...(b.dtc !== undefined ? { dtc: b.dtc } : {}),
        ...(b.eop !== undefined ? { eop: b.eop } : {}),
        integrator: b.integrator ?? 'dp853',
        rtol: b.rtol ?? 1e-11,
        atol: b.atol ?? 1e-9,
        covariance: b.covariance ?? false,
        maxOutputs: MAX_OUTPUTS,
        nowMs: Date.now(),
      });
      if (!r.ok) {
        if (r.code === 'PROPAGATION_FAILED') throw new HttpProblem(422, 'propagation-failed', 'Propagation failed', r.message, { code: r.code });
        throw badRequest(r.message, { code: r.code });
      }
      reply.header('x-skylane-outputs', String(r.outputs));
      return reply.type(r.contentType).send(r.body);
    },
  );
}
