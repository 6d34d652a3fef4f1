/** Worker task: launch COLA of one plan over a window against a catalog given as element-set text (plain data in and out). */
import { createTimeScales, latestElementSets, planLaunch, readElementSets, screenLaunchWindow, SkylaneError, type Instant } from '@skylane/core';

const D = Math.PI / 180;

/** An LCOLA request as plain data: the plan's inputs (as `POST /api/v1/launch/plans` takes them), the window, the catalog text. */
export interface LcolaTaskRequest {
  readonly plan: {
    readonly site: string;
    readonly vehicle: string;
    readonly inclinationDeg: number;
    readonly altitudeKm: number;
    readonly launch: string;
    readonly payloadKg?: number;
    readonly branch?: 'ascending' | 'descending' | 'auto';
    readonly corridor?: string;
  };
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly launchStepS: number;
  readonly parkingDurationS: number;
  readonly standOffKm: number;
  readonly crewedStandOffKm: number;
  readonly crewedIds: readonly number[];
  /** The catalog (any GP format the core reads; the route sends OMM JSON). */
  readonly catalogText: string;
}

/** The answer: the JSON of `skylane lcola --json` (same field names and units). */
export interface LcolaTaskResult {
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly launchStepS: number;
  readonly standOffKm: number;
  readonly crewedStandOffKm: number;
  readonly candidates: number;
  readonly clearCandidates: number;
  readonly objectsScreened: number;
  readonly skippedObjects: number;
  readonly blackouts: { from: string; to: string; conflicts: { objectId: number; objectName?: string; crewed: boolean; tca: string; missDistanceKm: number; phase: 'ascent' | 'parking' }[] }[];
}

export interface LcolaTaskError {
  readonly taskError: { readonly code: string; readonly message: string };
}

/** Runs an LCOLA request in the calling thread (what the worker does). */
export function runLcolaRequest(req: LcolaTaskRequest): LcolaTaskResult {
  const ts = createTimeScales();
  const p = req.plan;
  const corridor = p.corridor === 'direct' ? 'none' : p.corridor;
  const plan = planLaunch(
    {
      siteId: p.site,
      vehicleId: p.vehicle,
      inclinationRad: p.inclinationDeg * D,
      altitudeKm: p.altitudeKm,
      launch: ts.parseUtcIso(p.launch),
      samples: 0,
      ...(p.payloadKg !== undefined ? { payloadKg: p.payloadKg } : {}),
      ...(p.branch !== undefined ? { branch: p.branch } : {}),
      ...(corridor !== undefined ? { corridorId: corridor } : {}),
    },
    ts,
  );
  const sets = latestElementSets(readElementSets(req.catalogText, { timeScales: ts }).elementSets);
  const res = screenLaunchWindow(
    plan.ascent,
    sets,
    {
      windowStart: ts.parseUtcIso(req.windowStart),
      windowEnd: ts.parseUtcIso(req.windowEnd),
      launchStepS: req.launchStepS,
      parkingDurationS: req.parkingDurationS,
      standOffKm: req.standOffKm,
      crewedStandOffKm: req.crewedStandOffKm,
      crewedIds: req.crewedIds,
    },
    ts,
  );
  const iso = (t: Instant): string => ts.formatUtcIso(t, 0);
  return {
    windowStart: req.windowStart,
    windowEnd: req.windowEnd,
    launchStepS: req.launchStepS,
    standOffKm: req.standOffKm,
    crewedStandOffKm: req.crewedStandOffKm,
    candidates: res.candidates.length,
    clearCandidates: res.candidates.filter((c) => c.conflicts.length === 0).length,
    objectsScreened: res.objectsScreened,
    skippedObjects: res.skipped.length,
    blackouts: res.blackouts.map((b) => ({
      from: iso(b.from),
      to: iso(b.to),
      conflicts: b.conflicts.map((c) => ({ objectId: c.objectId, ...(c.objectName !== undefined ? { objectName: c.objectName } : {}), crewed: c.crewed, tca: ts.formatUtcIso(c.tca, 3), missDistanceKm: Math.round(c.missDistanceKm * 1000) / 1000, phase: c.phase })),
    })),
  };
}

export default function lcolaTask(req: LcolaTaskRequest): LcolaTaskResult | LcolaTaskError {
  try {
    return runLcolaRequest(req);
  } catch (e) {
    if (e instanceof SkylaneError) return { taskError: { code: e.code, message: e.message } };
    throw e;
  }
}
