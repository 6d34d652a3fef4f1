/**
 * Where uploads are read: bodies above `inlineMaxBytes` (default 256 KiB) in a worker thread (piscina, one thread
 * by default, started on first use and kept while uploads come), smaller ones inline (a few milliseconds at most).
 * A worker that dies (out of its heap limit on a hostile body) fails that upload alone with a 413; the process
 * and the other requests carry on.
 */
import { Piscina } from 'piscina';
import type { CaraHbrRow, TimeScales } from '@skylane/core';
import { HttpProblem } from '../http/problem.ts';
import { parseUpload, type ParsedUpload, type ParseUploadTask } from './parseTask.ts';

export interface UploadParserOptions {
  readonly timeScales: TimeScales;
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  /** Worker threads (default 1); 0 reads every upload inline. */
  readonly threads?: number;
  /** Bodies up to this size are read inline (default 256 KiB). */
  readonly inlineMaxBytes?: number;
  /** Heap limit of a parse worker, MiB (default 1536). */
  readonly workerHeapMb?: number;
}

export class UploadParser {
  readonly #o: UploadParserOptions;
  #pool: Piscina | undefined;

  constructor(options: UploadParserOptions) {
    this.#o = options;
  }

  async parse(task: ParseUploadTask): Promise<ParsedUpload> {
    const threads = this.#o.threads ?? 1;
    if (threads <= 0 || task.bytes.byteLength <= (this.#o.inlineMaxBytes ?? 256 * 1024)) return parseUpload(task, this.#o.timeScales, this.#o.hbrTable);
    this.#pool ??= new Piscina({
      filename: new URL('./worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      workerData: { hbrTable: this.#o.hbrTable },
      resourceLimits: { maxOldGenerationSizeMb: this.#o.workerHeapMb ?? 1536 },
    });
    try {
      return (await this.#pool.run(task)) as ParsedUpload;
    } catch (e) {
      const oom = e instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(e as { code?: string }).code ?? ''} ${e.message}`);
      if (oom) {
        throw new HttpProblem(413, 'too-large', 'Upload too large to read', `reading this ${(task.bytes.byteLength / 1048576).toFixed(1)} MiB upload needed more than the upload reader's memory limit: split it into smaller files.`);
      }
      throw e;
    }
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }
}
