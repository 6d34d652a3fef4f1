/**
 * A queued screening run written straight to its output file as its shards come in (docs/design/distributed-execution.md
 * "Streamed merge"): `runScreeningPlanDistributedStreamed` hands each shard, in shard order, to core's
 * `StreamingShardMerge` and writes the final rows as NDJSON lines or SKYCONJ1 chunks of exactly the in-memory
 * writer's size, so the file equals the local run's byte for byte while the submitter holds one shard (plus the
 * rows at a shard border and a partial chunk). The SKYCONJ1 header carries the run's skipped objects and statistics,
 * known only at the end: the chunks go to `<out>.part-<pid>` first and the file is header + those bytes + end mark.
 * Objects found failing after their rows were written (`lateFailures`) are removed in that final pass (a filter of
 * the part file), as the in-memory merge removes them. Node I/O (synchronous write(2) calls: no unbounded buffer).
 */
import { closeSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendRows,
  COLUMNAR_CHUNK_ROWS,
  ColumnarDecoder,
  createConjunctionColumns,
  dropObjects,
  encodeColumnarChunk,
  encodeColumnarEnd,
  encodeColumnarHeader,
  ndjsonRows,
  StreamingShardMerge,
  type ConjunctionColumns,
  type ScreeningPlan,
  type ScreeningShard,
  type ScreeningStats,
  type ShardResult,
  type SkippedObject,
} from '@skylane/core';
import { runShardsDistributed, screeningRunIdentity, type DistributedRunOptions } from './screeningRun.ts';

export interface StreamedOutput {
  readonly format: 'ndjson' | 'columnar';
  /** Output file; undefined: bytes go to `write` (standard output) once the run is complete. */
  readonly path?: string;
  /** Where the bytes go when there is no path. */
  readonly write?: (bytes: Uint8Array | string) => void;
  /** The TCA text of the NDJSON lines (`tcaIsoFrom`). */
  readonly tcaIso: (tcaOffsetS: number) => string;
  /** The SKYCONJ1 header bytes, built from the finished run (`encodeColumnarHeader`). */
  readonly header?: (end: { skipped: SkippedObject[]; stats: ScreeningStats }) => Uint8Array;
}

export interface StreamedRunResult {
  /** Events written. */
  readonly events: number;
  readonly skipped: SkippedObject[];
  readonly stats: ScreeningStats;
  /** Objects whose rows were removed from the written output after a later shard reported them failing. */
  readonly lateFailures: readonly number[];
  /** Largest number of rows the merge returned at once (one shard's final rows): the submitter's event memory. */
  readonly largestPush: number;
  /** Wall time of the merge steps (`StreamingShardMerge.push`), ms; the shards' fetch and decode not included. */
  readonly mergeMs: number;
  /** Wall time of writing the merged rows to the part file (NDJSON lines or SKYCONJ1 chunks), ms; the final assembly not included. */
  readonly writeMs: number;
}

const NDJSON_ROWS = 4096;
const COPY_BYTES = 4 * 1024 * 1024;

/** Runs a plan's shards on the queue's workers and writes the merged events to `out` as they come in (shard order). */
export async function runScreeningPlanDistributedStreamed(plan: ScreeningPlan, o: DistributedRunOptions, out: StreamedOutput): Promise<StreamedRunResult> {
  const writer = new StreamedScreeningWriter(plan, screeningRunIdentity(plan, o.sharding).shards, out);
  try {
    await runShardsDistributed(plan, o, (_shard, result) => writer.push(result));
    return writer.finish();
  } catch (err) {
    writer.abandon();
    throw err;
  }
}

/**
 * The streamed merge and its output, without the queue: `push` each shard's block results in shard order, then
 * `finish`. Holds one shard's rows at a time (plus the border carry and a partial chunk).
 */
export class StreamedScreeningWriter {
  private readonly merge: StreamingShardMerge;
  private readonly part: PartWriter;
  private largestPush = 0;
  private mergeMs = 0;
  private writeMs = 0;

  constructor(plan: ScreeningPlan, shards: readonly ScreeningShard[], private readonly out: StreamedOutput) {
    if (out.format === 'columnar' && out.header === undefined) throw new TypeError('A SKYCONJ1 output needs its header function.');
    if (out.path === undefined && out.write === undefined) throw new TypeError('Give the output a path or a write function.');
    this.merge = new StreamingShardMerge(plan, shards);
    const partPath = out.path !== undefined ? `${out.path}.part-${process.pid}` : join(tmpdir(), `skylane-stream-${process.pid}-${Date.now()}.part`);
    this.part = new PartWriter(partPath, out);
  }

  /** The next shard's result (shard order; sorted form or block list); returns the events written so far. */
  push(result: ShardResult): number {
    const t0 = performance.now();
    const rows = this.merge.push(result);
    const t1 = performance.now();
    this.largestPush = Math.max(this.largestPush, rows.length);
    this.part.rows(rows);
    this.mergeMs += t1 - t0;
    this.writeMs += performance.now() - t1;
    return this.merge.rowsEmitted;
  }

  /** Time spent so far in the merge steps and in writing their rows (ms). */
  get timings(): { mergeMs: number; writeMs: number } {
    return { mergeMs: this.mergeMs, writeMs: this.writeMs };
  }

  /** After the last shard: writes the rest and assembles the output. */
  finish(): StreamedRunResult {
    const end = this.merge.finish();
    const t0 = performance.now();
    this.part.rows(end.rows);
    this.writeMs += performance.now() - t0;
    const removed = this.part.finish(new Set(end.lateFailures), (events) => this.out.header?.({ skipped: end.skipped, stats: { ...end.stats, events } }) ?? new Uint8Array(0));
    const stats = { ...end.stats, events: end.stats.events - removed };
    return { events: stats.events, skipped: end.skipped, stats, lateFailures: end.lateFailures, largestPush: this.largestPush, mergeMs: this.mergeMs, writeMs: this.writeMs };
  }

  /** Removes the partial output after a failure. */
  abandon(): void {
    this.part.abandon();
  }
}

/** Writes rows to the part file (NDJSON lines, or SKYCONJ1 chunks of COLUMNAR_CHUNK_ROWS), then assembles the output. */
class PartWriter {
  private fd: number;
  private pending: ConjunctionColumns = createConjunctionColumns(COLUMNAR_CHUNK_ROWS);
  private written = 0;

  constructor(
    private readonly partPath: string,
    private readonly out: StreamedOutput,
  ) {
    this.fd = openSync(partPath, 'w');
  }

  rows(rows: ConjunctionColumns): void {
    if (this.out.format === 'ndjson') {
      for (let from = 0; from < rows.length; from += NDJSON_ROWS) writeAll(this.fd, ndjsonRows(rows, this.out.tcaIso, from, Math.min(rows.length, from + NDJSON_ROWS)));
    } else {
      // Chunks of exactly COLUMNAR_CHUNK_ROWS across shards, as the in-memory writer cuts the whole result; a full
      // chunk with nothing pending is encoded straight from the rows (no copy into the pending chunk).
      let from = 0;
      while (from < rows.length) {
        if (this.pending.length === 0 && rows.length - from >= COLUMNAR_CHUNK_ROWS) {
          writeAll(this.fd, encodeColumnarChunk(rows, from, from + COLUMNAR_CHUNK_ROWS));
          from += COLUMNAR_CHUNK_ROWS;
          continue;
        }
        const take = Math.min(rows.length - from, COLUMNAR_CHUNK_ROWS - this.pending.length);
        appendRows(this.pending, rows, from, from + take);
        from += take;
        if (this.pending.length === COLUMNAR_CHUNK_ROWS) this.flushChunk();
      }
    }
    this.written += rows.length;
  }

  /** Assembles the output (header, rows without `drop`'s objects, end mark); returns the rows removed. */
  finish(drop: ReadonlySet<number>, header: (events: number) => Uint8Array): number {
    if (this.pending.length > 0) this.flushChunk();
    closeSync(this.fd);
    this.fd = -1;
    let removed = 0;
    if (this.out.format === 'ndjson') {
      if (drop.size > 0) removed = this.filterNdjson(drop);
      if (this.out.path !== undefined) renameSync(this.partPath, this.out.path);
      else this.copyTo(this.out.write!, this.partPath);
    } else {
      if (drop.size > 0) {
        removed = this.filterColumnar(drop);
      }
      const events = this.written - removed;
      const target = this.out.path !== undefined ? openSync(this.out.path, 'w') : -1;
      const emit = (b: Uint8Array | string): void => (target >= 0 ? writeAll(target, b) : this.out.write!(b));
      try {
        emit(header(events));
        this.copyTo(emit, this.partPath);
        emit(encodeColumnarEnd(events));
      } finally {
        if (target >= 0) closeSync(target);
      }
    }
    this.abandon();
    return removed;
  }

  /** Removes the part file (after a failure, or once copied). */
  abandon(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    try {
      unlinkSync(this.partPath);
    } catch {
      // already renamed or removed
    }
  }

  private flushChunk(): void {
    writeAll(this.fd, encodeColumnarChunk(this.pending, 0, this.pending.length));
    this.pending.length = 0;
  }

  private copyTo(emit: (b: Uint8Array) => void, path: string): void {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(COPY_BYTES);
      for (;;) {
        const n = readSync(fd, buf, 0, COPY_BYTES, null);
        if (n === 0) break;
        emit(Buffer.from(buf.subarray(0, n)));
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Rewrites the NDJSON part file without the lines naming `drop`'s objects; returns the lines removed. */
  private filterNdjson(drop: ReadonlySet<number>): number {
    const tmp = `${this.partPath}.f`;
    const fd = openSync(tmp, 'w');
    let removed = 0;
    let rest = '';
    const pick = /^\{"object1":(-?\d+),"object2":(-?\d+),/;
    try {
      this.copyTo((b) => {
        const text = rest + Buffer.from(b).toString('utf8');
        const lines = text.split('\n');
        rest = lines.pop()!;
        let keep = '';
        for (const line of lines) {
          const m = pick.exec(line);
          if (m !== null && (drop.has(Number(m[1])) || drop.has(Number(m[2])))) removed++;
          else keep += line + '\n';
        }
        if (keep.length > 0) writeAll(fd, keep);
      }, this.partPath);
      if (rest.length > 0) writeAll(fd, rest);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.partPath);
    return removed;
  }

  /** Rewrites the SKYCONJ1 part file (chunks only) without the rows naming `drop`'s objects, re-cut into full chunks. */
  private filterColumnar(drop: ReadonlySet<number>): number {
    const tmp = `${this.partPath}.f`;
    this.fd = openSync(tmp, 'w');
    const source = this.partPath;
    const written = this.written;
    this.written = 0;
    let removed = 0;
    const decoder = new ColumnarDecoder();
    decoder.push(encodeColumnarHeader());
    this.copyTo((b) => {
      for (const chunk of decoder.push(b)) {
        const kept = dropObjects(chunk, drop);
        removed += kept.removed;
        this.rows(kept.rows);
      }
    }, source);
    if (this.pending.length > 0) this.flushChunk();
    closeSync(this.fd);
    this.fd = -1;
    renameSync(tmp, source);
    this.written = written;
    return removed;
  }
}

/** write(2) until every byte is out (a large buffer may be written in parts). */
function writeAll(fd: number, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}
