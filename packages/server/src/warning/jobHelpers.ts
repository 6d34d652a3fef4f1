/**
 * The job helpers' worker threads (piscina over jobTask.ts), shared by the jobs of one runner: loading a tenant's
 * element sets from an SQLite file and assessing chunks of events, off the event-loop thread. With 0 threads the
 * same task code runs in the calling thread (tests, debugging). A task's AbortSignal ends it at once (piscina
 * terminates the worker that runs it and starts a fresh one).
 */
import { Piscina } from 'piscina';
import type { TimeScales } from '@skylane/core';
import type { ElementSetRow } from '../storage/catalog.ts';
import { assessChunk, type AssessedRecord, type AssessTask, type JobTask } from './jobTask.ts';

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
    this.pool ??= new Piscina({ filename: new URL('./jobWorker.mjs', import.meta.url).href, minThreads: 0, maxThreads: this.threads, idleTimeout: 5_000 });
    return this.pool;
  }

  /** The tenant's current element-set rows, read on a worker thread from its own read-only SQLite connection. */
  async loadSets(sqlitePath: string, tenantId: number, signal: AbortSignal): Promise<ElementSetRow[]> {
    const task: JobTask = { kind: 'load-sets', sqlitePath, tenantId };
    return (await this.workers.run(task, { signal })) as ElementSetRow[];
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
