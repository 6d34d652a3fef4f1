/** Worker task: one row band of a coverage request, or a whole deployment plan (plain structured-clone data in and out). */
import {
  computeCoveragePart,
  createTimeScales,
  designFromElementSets,
  planDeployment,
  readElementSets,
  SkylaneError,
  type CoveragePart,
  type CoverageRequest,
  type DeploymentPlan,
  type LaunchSite,
  type LaunchVehicle,
  type SafetyOptions,
  type SatellitePropulsion,
} from '@skylane/core';

/** A deployment plan request as plain data: the design and catalog as element-set text (any GP format). */
export interface DeploymentTaskRequest {
  readonly designText: string;
  readonly startIso: string;
  readonly designEpochIso?: string;
  readonly vehicles?: readonly LaunchVehicle[];
  readonly sites?: readonly LaunchSite[];
  readonly satellite?: SatellitePropulsion;
  readonly insertionAltitudeKm?: number;
  readonly satellitesPerLaunch?: number;
  readonly strategy?: 'auto' | 'launch-timing' | 'j2-drift';
  readonly maxDriftDays?: number;
  /** Safety screening; `catalogText` adds catalog objects to screen against. */
  readonly safety?: Omit<SafetyOptions, 'catalog'> & { readonly catalogText?: string };
}

export type ConstellationTask = { readonly kind: 'coverage'; readonly request: CoverageRequest } | { readonly kind: 'deployment'; readonly request: DeploymentTaskRequest };

/** Runs a deployment request in the calling thread (what the worker does). */
export function runDeploymentRequest(req: DeploymentTaskRequest): DeploymentPlan {
  const ts = createTimeScales();
  const sets = readElementSets(req.designText, { timeScales: ts }).elementSets;
  const design = designFromElementSets(sets);
  const start = ts.parseUtcIso(req.startIso);
  const designEpoch = req.designEpochIso !== undefined ? ts.parseUtcIso(req.designEpochIso) : sets[0]?.epoch ?? start;
  const catalog = req.safety?.catalogText !== undefined ? readElementSets(req.safety.catalogText, { timeScales: ts }).elementSets : [];
  return planDeployment(design, {
    start,
    timeScales: ts,
    designEpoch,
    ...(req.vehicles !== undefined ? { vehicles: req.vehicles } : {}),
    ...(req.sites !== undefined ? { sites: req.sites } : {}),
    ...(req.satellite !== undefined ? { satellite: req.satellite } : {}),
    ...(req.insertionAltitudeKm !== undefined ? { insertionAltitudeKm: req.insertionAltitudeKm } : {}),
    ...(req.satellitesPerLaunch !== undefined ? { satellitesPerLaunch: req.satellitesPerLaunch } : {}),
    ...(req.strategy !== undefined ? { strategy: req.strategy } : {}),
    ...(req.maxDriftDays !== undefined ? { maxDriftDays: req.maxDriftDays } : {}),
    ...(req.safety !== undefined ? { safety: { ...req.safety, catalog } } : {}),
  });
}

/** A typed error carried back from a worker as data (classes do not survive structured cloning). */
export interface TaskError {
  readonly taskError: { readonly code: string; readonly message: string; readonly constraint?: string; readonly value?: unknown };
}

export default function constellationTask(task: ConstellationTask): CoveragePart | DeploymentPlan | TaskError {
  try {
    if (task.kind === 'coverage') return computeCoveragePart(task.request, createTimeScales());
    return runDeploymentRequest(task.request);
  } catch (e) {
    if (e instanceof SkylaneError) {
      const constraint = (e as { constraint?: string }).constraint;
      return { taskError: { code: e.code, message: e.message, ...(constraint !== undefined ? { constraint } : {}) } };
    }
    throw e;
  }
}
