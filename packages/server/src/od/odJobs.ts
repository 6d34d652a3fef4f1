/**
 * OD job runner: one worker thread per running job (`odWorker.mjs` → `odTask.ts`), at most `maxConcurrent` at a
 * time, the rest queued in order. Each iteration's progress is written to the job row; the result and residuals when
 * done. Cancellation terminates the worker (cheap: the batch LS holds no state worth keeping). On close, running and
 * queued jobs are marked failed ("server stopped") so that no row stays `running` forever.
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { OdTaskInput, OdTaskMessage } from './odTask.ts';

interface Pending {
  readonly jobId: number;
  readonly input: OdTaskInput;
}

export class OdJobRunner {
  private readonly queue: Pending[] = [];
  private readonly running = new Map<number, Worker>();
  private closed = false;
  /** Settles when the job's row reached a final state (tests). */
  private readonly waiters = new Map<number, (() => void)[]>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxConcurrent = 1,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** Queues a job whose row exists with status `queued`. */
  submit(jobId: number, input: OdTaskInput): void {
    this.queue.push({ jobId, input });
    this.pump();
  }

  /** Cancels a queued or running job; false when it is not (or no longer) in this runner. */
  async cancel(jobId: number): Promise<boolean> {
    const qi = this.queue.findIndex((p) => p.jobId === jobId);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      await this.finish(jobId, { status: 'cancelled' });
      return true;
    }
    const w = this.running.get(jobId);
    if (w === undefined) return false;
    this.running.delete(jobId);
    await w.terminate();
    await this.finish(jobId, { status: 'cancelled' });
    this.pump();
    return true;
  }

  /** Resolves once the job has finished (or at once when it is unknown to this runner). */
  whenDone(jobId: number): Promise<void> {
    if (!this.running.has(jobId) && !this.queue.some((p) => p.jobId === jobId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
  }

  async close(): Promise<void> {
    this.closed = true;
    const ids = [...this.queue.map((p) => p.jobId), ...this.running.keys()];
    this.queue.length = 0;
    const workers = [...this.running.values()];
    this.running.clear();
    await Promise.all(workers.map((w) => w.terminate()));
    for (const id of ids) await this.finish(id, { status: 'failed', error: 'server stopped before the job finished; submit it again' });
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.maxConcurrent && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.start(next);
    }
  }

  private start(p: Pending): void {
    const worker = new Worker(new URL('./odWorker.mjs', import.meta.url), { workerData: { odTask: p.input } });
    this.running.set(p.jobId, worker);
    let writes = this.db.updateTable('od_jobs').set({ status: 'running', updated_at: this.now() }).where('id', '=', p.jobId).execute().then(() => undefined);
    const chain = (f: () => Promise<unknown>): void => {
      writes = writes.then(f).then(() => undefined, () => undefined);
    };
    let settled = false;
    const settle = (final: () => Promise<void>): void => {
      if (settled) return;
      settled = true;
      if (this.running.get(p.jobId) !== worker) return; // cancelled or closed: already recorded
      this.running.delete(p.jobId);
      chain(final);
      void writes.then(() => {
        void worker.terminate();
        this.pump();
      });
    };
    worker.on('message', (m: OdTaskMessage) => {
      if (m.kind === 'progress') {
        chain(() => this.db.updateTable('od_jobs').set({ iterations: m.iteration, weighted_rms: m.weightedRms, updated_at: this.now() }).where('id', '=', p.jobId).where('status', '=', 'running').execute());
      } else if (m.kind === 'done') {
        const r = m.result as { iterations?: number; weightedRms?: number };
        settle(() => this.finish(p.jobId, { status: 'succeeded', result_json: JSON.stringify({ ...m.result, measurements: m.measurements }), residuals_json: JSON.stringify(m.residuals), iterations: r.iterations ?? 0, weighted_rms: r.weightedRms ?? null }));
      } else {
        settle(() => this.finish(p.jobId, { status: 'failed', error: `${m.code}: ${m.message}` }));
      }
    });
    worker.on('error', (err) => settle(() => this.finish(p.jobId, { status: 'failed', error: `INTERNAL: ${err.message}` })));
    worker.on('exit', (code) => settle(() => this.finish(p.jobId, { status: 'failed', error: `INTERNAL: the OD worker exited (code ${code}) without a result` })));
  }

  private async finish(jobId: number, set: { status: 'succeeded' | 'failed' | 'cancelled'; error?: string; result_json?: string; residuals_json?: string; iterations?: number; weighted_rms?: number | null }): Promise<void> {
    try {
      await this.db.updateTable('od_jobs').set({ ...set, updated_at: this.now() }).where('id', '=', jobId).where('status', 'in', ['queued', 'running']).execute();
    } finally {
      const ws = this.waiters.get(jobId) ?? [];
      this.waiters.delete(jobId);
      for (const w of ws) w();
    }
  }
}
