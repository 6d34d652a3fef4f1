/**
 * Worker-thread task of `POST /api/v1/reentry/predictions`: reads the element-set history text (any catalog format),
 * checks the object, and runs `predictReentry`. Typed input errors come back as data (code, reason, message) so that
 * the route answers problem+json; nothing else crosses the thread boundary.
 */
import {
  createTimeScales,
  IERS_LEAP_SECONDS,
  parseCelestrakSpaceWeather,
  predictReentry,
  rdmFromPrediction,
  readDtcFile,
  readElementSets,
  readSolfsmy,
  ReentryInputError,
  SkylaneError,
  writeRdmKvn,
  writeRdmXml,
  type ReentryPrediction,
} from '@skylane/core';

export interface ReentryJob {
  readonly history: string;
  readonly id: number;
  readonly asOf?: string;
  readonly atmosphere: 'nrlmsise00' | 'jb2008';
  readonly spaceWeather?: string;
  readonly solfsmy?: string;
  readonly dtc?: string;
  readonly samples: number;
  readonly seed: number;
  readonly interfaceAltitudeKm: number;
  readonly confidence: number;
  readonly rdm?: 'kvn' | 'xml';
  /** Creation time of the RDM (the server's clock, read on the request thread), ISO UTC. */
  readonly nowIso: string;
}

export type ReentryJobResult =
  | { readonly ok: true; readonly prediction: ReentryPrediction; readonly rdm?: string; readonly rejectedRecords: number }
  | { readonly ok: false; readonly status: 400 | 404 | 422; readonly code: string; readonly reason?: string; readonly message: string };

export default function reentryTask(job: ReentryJob): ReentryJobResult {
  try {
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    const read = readElementSets(job.history, { timeScales: ts, sourceName: 'body.history' });
    const sets = read.elementSets;
    if (sets.length === 0) return { ok: false, status: 400, code: 'PARSE_ERROR', message: `body.history holds no readable element set (${read.failures.length} record(s) rejected${read.failures[0] !== undefined ? `; first: line ${read.failures[0].line}: ${read.failures[0].reason}` : ''}).` };
    const ids = [...new Set(sets.map((s) => s.catalogNumber))];
    if (ids.length === 1 && ids[0] !== job.id) return { ok: false, status: 404, code: 'NOT_FOUND', message: `body.history is the history of ${ids[0]!}, not of body.id ${job.id}.` };
    const prediction = predictReentry(sets, {
      timeScales: ts,
      atmosphere: job.atmosphere,
      samples: job.samples,
      seed: job.seed,
      interfaceAltitudeKm: job.interfaceAltitudeKm,
      confidence: job.confidence,
      ...(job.asOf !== undefined ? { asOf: ts.parseUtcIso(job.asOf) } : {}),
      ...(job.spaceWeather !== undefined ? { spaceWeather: parseCelestrakSpaceWeather(job.spaceWeather, 'body.spaceWeather') } : {}),
      ...(job.solfsmy !== undefined && job.dtc !== undefined ? { jb2008Indices: { solfsmy: readSolfsmy(job.solfsmy, 'body.solfsmy'), dtc: readDtcFile(job.dtc, 'body.dtc') } } : {}),
    });
    let rdm: string | undefined;
    if (job.rdm !== undefined) {
      const msg = rdmFromPrediction(prediction, { creationDate: job.nowIso, originator: 'SKYLANE', messageId: `RDM-${job.id}-${prediction.asOf.replace(/[^0-9]/g, '').slice(0, 14)}`, timeScales: ts });
      rdm = job.rdm === 'xml' ? writeRdmXml(msg) : writeRdmKvn(msg);
    }
    return { ok: true, prediction, ...(rdm !== undefined ? { rdm } : {}), rejectedRecords: read.failures.length };
  } catch (err) {
    if (err instanceof ReentryInputError) return { ok: false, status: 422, code: err.code, reason: err.reason, message: err.message };
    if (err instanceof SkylaneError) return { ok: false, status: 400, code: err.code, message: err.message };
    throw err;
  }
}
