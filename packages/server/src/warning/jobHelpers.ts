/**
 * The job helpers' worker threads (piscina over jobTask.ts), shared by the jobs of one runner: loading a tenant's
 * element sets from an SQLite file and planning the screening, and assessing chunks of events, off the event-loop
 * thread. With 0 threads the
 * same task code runs in the calling thread (tests, debugging). A task's AbortSignal ends it at once (piscina
 * terminates the worker that runs it and starts a fresh one).
 */
import { Piscina } from 'piscina';
import type { TimeScales } from '@skylane/core';
import { assessChunk, prepare, type AssessedRecord, type AssessTask, type JobTask, type Prepared, type PrepareTask } from './jobTask.ts';

export class JobHelpers {
  private readonly threads: number;
  private pool: Piscina | undefined;

  constructor(threads: number) {
    this.threads = threads;
  }

  get inThread(): boolean {
    return this.threads <= 0;
  }

  private get workers(): Piscina {
    this.pool ??= new Piscina({ filename: new URL('./jobWorker.mjs', import.meta.url).href, minThreads: 0, maxThreads: this.threads, idleTimeout: 60_000 });
    return this.pool;
  }

  /** Loads the element sets (from `sqlitePath` on the worker's own read-only connection, else the given rows) and plans the job. */
  async prepare(task: Omit<PrepareTask, 'kind'>, ts: TimeScales, signal: AbortSignal): Promise<Prepared> {
    signal.throwIfAborted();
    if (this.inThread) return prepare(task, ts);
    const t: JobTask = { kind: 'prepare', ...task };
    return (await this.workers.run(t, { signal })) as Prepared;
  }

  /** Assesses one chunk of events (on a worker thread, or in this thread with 0 threads). */
  async assess(task: Omit<AssessTask, 'kind'>, ts: TimeScales, signal: AbortSignal): Promise<AssessedRecord[]> {
    signal.throwIfAborted();
    if (this.inThread) return assessChunk(task, ts);
    const t: JobTask = { kind: 'assess', ...task };
    return (await this.workers.run(t, { signal })) as AssessedRecord[];
  }

  async destroy(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await p?.destroy();
  }
}
