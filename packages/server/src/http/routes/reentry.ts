/**
 * `POST /api/v1/reentry/predictions`: reentry prediction of one object from its element-set history (TLE or OMM
 * text in the body), as `skylane reentry predict --json` answers it, optionally with a CCSDS RDM. Runs in a worker
 * thread (reentry/parallelReentry.ts). Bad histories (two objects mixed, epochs out of order, a set already below
 * the interface, too few sets) are 422 problem+json with `code` and `reason`; unreadable input is 400.
 */
import { Type } from 'typebox';
import type { App, RouteContext } from '../app.ts';
import { HttpProblem } from '../problem.ts';
import { closeReentryPool, runReentryJob } from '../../reentry/parallelReentry.ts';

const TEXT_LIMIT = 8 * 1024 * 1024;

const Body = Type.Object(
  {
    history: Type.String({ minLength: 1, maxLength: TEXT_LIMIT, description: "the object's element sets (TLE, OMM KVN/XML/JSON, CSV), oldest first" }),
    id: Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'NORAD catalog number' }),
    asOf: Type.Optional(Type.String({ maxLength: 40, description: 'prediction time, ISO-8601 UTC: only element sets and space weather known then' })),
    atmosphere: Type.Optional(Type.Union([Type.Literal('nrlmsise00'), Type.Literal('jb2008')], { default: 'nrlmsise00' })),
    spaceWeather: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'CelesTrak SW file text (NRLMSISE-00); without it F10.7 150 sfu, Ap 15' })),
    solfsmy: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'SET SOLFSMY.TXT text (jb2008)' })),
    dtc: Type.Optional(Type.String({ maxLength: TEXT_LIMIT, description: 'SET DTCFILE.TXT text (jb2008)' })),
    samples: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
    interfaceAltitudeKm: Type.Optional(Type.Number({ minimum: 0, maximum: 200, default: 80 })),
    confidence: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.9 })),
    rdm: Type.Optional(Type.Union([Type.Literal('kvn'), Type.Literal('xml')], { description: 'also answer a CCSDS RDM in this encoding (field `rdm`)' })),
  },
  { additionalProperties: false },
);

export function registerReentryRoutes(app: App, _ctx: RouteContext): void {
  app.addHook('onClose', async () => closeReentryPool());
  app.post(
    '/api/v1/reentry/predictions',
    {
      config: { role: 'viewer' },
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags: ['reentry'],
        summary: 'Predict the reentry of one object from its element-set history',
        description:
          'Fits the ballistic coefficient to the decay after the last detected manoeuvre, propagates an orbit-averaged NRLMSISE-00/JB2008 decay to the interface, and samples a window (Monte Carlo over B, density and F10.7). Answers the prediction JSON (object, predictedEpoch, windowStart, windowEnd, confidence, lastElementEpoch, ballisticCoefficient, maneuversDetected, groundTrack GeoJSON, …).',
        body: Body,
      },
    },
    async (request) => {
      const b = request.body;
      if ((b.atmosphere ?? 'nrlmsise00') === 'jb2008' && (b.solfsmy === undefined || b.dtc === undefined)) {
        throw new HttpProblem(400, 'bad-request', 'Bad request', 'body.atmosphere "jb2008" needs body.solfsmy and body.dtc.');
      }
      const r = await runReentryJob({
        history: b.history,
        id: b.id,
        atmosphere: b.atmosphere ?? 'nrlmsise00',
        samples: b.samples ?? 200,
        seed: b.seed ?? 1,
        interfaceAltitudeKm: b.interfaceAltitudeKm ?? 80,
        confidence: b.confidence ?? 0.9,
        nowIso: new Date().toISOString(),
        ...(b.asOf !== undefined ? { asOf: b.asOf } : {}),
        ...(b.spaceWeather !== undefined ? { spaceWeather: b.spaceWeather } : {}),
        ...(b.solfsmy !== undefined ? { solfsmy: b.solfsmy } : {}),
        ...(b.dtc !== undefined ? { dtc: b.dtc } : {}),
        ...(b.rdm !== undefined ? { rdm: b.rdm } : {}),
      });
      if (!r.ok) {
        const type = r.status === 422 ? 'unprocessable-history' : r.status === 404 ? 'not-found' : 'bad-request';
        const title = r.status === 422 ? 'History cannot be predicted' : r.status === 404 ? 'Not found' : 'Bad request';
        throw new HttpProblem(r.status, type, title, r.message, { code: r.code, ...(r.reason !== undefined ? { reason: r.reason } : {}) });
      }
      return { ...r.prediction, rejectedRecords: r.rejectedRecords, ...(r.rdm !== undefined ? { rdm: r.rdm } : {}) };
    },
  );
}
