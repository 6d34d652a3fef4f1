/**
 * Multi-threaded coverage: the grid is split into row bands (one per thread by default), each band runs
 * `computeCoveragePart` of @skylane/core in a piscina worker thread, and the bands are merged in row order by
 * `mergeCoverageParts`, so the result is identical (same numbers, same bits) whatever the thread count.
 * Deployment plans run whole in one worker thread, off the caller's (e.g. an HTTP request's) thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { computeCoveragePart, createTimeScales, mergeCoverageParts, splitCoverageRequest, type CoverageRequest, type CoverageResult, type DeploymentPlan } from '@skylane/core';
import { DeploymentConstraintError, SkylaneError, type DeploymentConstraint, type SkylaneErrorCode } from '@skylane/core';
import { runDeploymentRequest, type ConstellationTask, type DeploymentTaskRequest, type TaskError } from './constellationTask.ts';

/** Re-throws a worker's typed error as the same class on this side. */
function unwrap<T>(r: T | TaskError): T {
  if (typeof r === 'object' && r !== null && 'taskError' in r) {
    const e = (r as TaskError).taskError;
    if (e.constraint !== undefined) {
      const prefix = `${e.constraint}: `;
      throw new DeploymentConstraintError(e.constraint as DeploymentConstraint, e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message);
    }
    throw new SkylaneError(e.code as SkylaneErrorCode, e.message);
  }
  return r as T;
}

export type { DeploymentTaskRequest } from './constellationTask.ts';
export { runDeploymentRequest } from './constellationTask.ts';

export interface ParallelConstellationOptions {
  /** Worker threads (default: available parallelism). 0 runs in the calling thread. */
  readonly threads?: number;
  /** Row bands (default: one per thread: each band propagates every satellite, so more bands cost more SGP4). */
  readonly bands?: number;
}

function pool(threads: number): Piscina {
  return new Piscina({ filename: new URL('./worker.mjs', import.meta.url).href, minThreads: threads, maxThreads: threads });
}

/** Coverage of a request on worker threads. */
export async function computeCoverageParallel(req: CoverageRequest, options: ParallelConstellationOptions = {}): Promise<CoverageResult> {
  const threads = options.threads ?? availableParallelism();
  const bands = splitCoverageRequest(req, options.bands ?? Math.max(1, threads));
  if (threads <= 0) {
    const ts = createTimeScales();
    return mergeCoverageParts(req, bands.map((b) => computeCoveragePart(b, ts)));
  }
  const p = pool(threads);
  try {
    const parts = (await Promise.all(bands.map((b) => p.run({ kind: 'coverage', request: b } satisfies ConstellationTask) as Promise<ReturnType<typeof computeCoveragePart> | TaskError>))).map((x) => unwrap(x));
    return mergeCoverageParts(req, parts);
  } finally {
    await p.destroy();
  }
}

/** A deployment plan computed in a worker thread (or in the calling thread with threads: 0). */
export async function planDeploymentInWorker(req: DeploymentTaskRequest, options: { readonly threads?: number } = {}): Promise<DeploymentPlan> {
  if (options.threads === 0) return runDeploymentRequest(req);
  const p = pool(1);
  try {
    return unwrap((await p.run({ kind: 'deployment', request: req } satisfies ConstellationTask)) as DeploymentPlan | TaskError);
  } finally {
    await p.destroy();
  }
}
