/** Launch COLA in a worker thread (piscina), off the caller's (an HTTP request's) thread; typed errors come back as the same class. */
import { Piscina } from 'piscina';
import { SkylaneError, type SkylaneErrorCode } from '@skylane/core';
import { runLcolaRequest, type LcolaTaskError, type LcolaTaskRequest, type LcolaTaskResult } from './lcolaTask.ts';

export type { LcolaTaskRequest, LcolaTaskResult } from './lcolaTask.ts';
export { runLcolaRequest } from './lcolaTask.ts';

/** Screens a launch window in a worker thread (or in the calling thread with threads: 0). */
export async function screenLaunchWindowInWorker(req: LcolaTaskRequest, options: { readonly threads?: number } = {}): Promise<LcolaTaskResult> {
  if (options.threads === 0) return runLcolaRequest(req);
  const pool = new Piscina({ filename: new URL('./worker.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1 });
  try {
    const r = (await pool.run(req)) as LcolaTaskResult | LcolaTaskError;
    if ('taskError' in r) throw new SkylaneError(r.taskError.code as SkylaneErrorCode, r.taskError.message);
    return r;
  } finally {
    await pool.destroy();
  }
}
