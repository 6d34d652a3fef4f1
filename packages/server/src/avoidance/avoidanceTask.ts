/**
 * Worker-thread task of `POST /api/v1/events/{id}/avoidance-plan`: the core planner (`planAvoidance`) on the event's
 * latest CDM, re-screening against the tenant's visible catalog (rows as stored, rebuilt here). Typed input errors
 * come back as data (reason and message) so that the route answers 422 problem+json.
 */
import {
  AvoidanceError,
  avoidanceInputFromCdm,
  createTimeScales,
  IERS_LEAP_SECONDS,
  planAvoidance,
  readCdmKvn,
  SkylaneError,
  type AvoidanceDirection,
  type AvoidancePlan,
} from '@skylane/core';
import { elementSetFromRow, type ElementSetRow } from '../storage/catalog.ts';

export interface AvoidanceJob {
  readonly cdmKvn: string;
  readonly hbrM: number;
  readonly maneuverObject: 1 | 2;
  /** Default earliest execution time: the service clock (ISO UTC). */
  readonly knownAt: string;
  readonly targetPc?: number;
  readonly targetMissKm?: number;
  readonly massKg?: number;
  readonly ispS?: number;
  readonly thrustN?: number;
  readonly earliest?: string;
  readonly latest?: string;
  readonly directions?: readonly AvoidanceDirection[];
  readonly executionTimes?: number;
  readonly rescreenDays?: number;
  readonly catalogRows: readonly ElementSetRow[];
}

export type AvoidanceJobResult = { readonly ok: true; readonly plan: AvoidancePlan } | { readonly ok: false; readonly reason: string; readonly message: string };

const ts = createTimeScales(IERS_LEAP_SECONDS);

export default function avoidanceTask(job: AvoidanceJob): AvoidanceJobResult {
  try {
    const cdm = readCdmKvn(job.cdmKvn, { timeScales: ts }).cdms[0];
    if (cdm === undefined) return { ok: false, reason: 'STATES_UNUSABLE', message: 'the event has no readable CDM.' };
    const input = { ...avoidanceInputFromCdm(cdm, { hbrM: job.hbrM, maneuverObject: job.maneuverObject }), knownAt: ts.parseUtcIso(job.knownAt) };
    const time = (text: string, name: string) => {
      try {
        return ts.parseUtcIso(text);
      } catch {
        throw new AvoidanceError('OPTION_INVALID', `${name} "${text}" is not an ISO-8601 UTC time such as 2026-03-10T12:00:00Z.`, text);
      }
    };
    const plan = planAvoidance(input, {
      timeScales: ts,
      ...(job.targetPc !== undefined ? { targetPc: job.targetPc } : {}),
      ...(job.targetMissKm !== undefined ? { targetMissKm: job.targetMissKm } : {}),
      ...(job.massKg !== undefined ? { massKg: job.massKg } : {}),
      ...(job.ispS !== undefined ? { ispS: job.ispS } : {}),
      ...(job.thrustN !== undefined ? { finiteBurn: { thrustN: job.thrustN } } : {}),
      ...(job.earliest !== undefined ? { earliest: time(job.earliest, 'earliest') } : {}),
      ...(job.latest !== undefined ? { latest: time(job.latest, 'latest') } : {}),
      ...(job.directions !== undefined ? { directions: job.directions } : {}),
      ...(job.executionTimes !== undefined ? { executionTimes: job.executionTimes } : {}),
      ...(job.rescreenDays !== undefined ? { rescreenDays: job.rescreenDays } : {}),
      catalog: job.catalogRows.map(elementSetFromRow),
      creationDate: input.knownAt,
    });
    return { ok: true, plan };
  } catch (e) {
    if (e instanceof AvoidanceError) return { ok: false, reason: e.reason, message: e.message };
    if (e instanceof SkylaneError) return { ok: false, reason: e.code, message: e.message };
    throw e;
  }
}
