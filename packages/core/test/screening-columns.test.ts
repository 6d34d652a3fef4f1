/**
 * Columnar screening results (issue #18 item 3). Oracles: the object-array result of `runScreeningPlan` and an
 * independent object-based merge written here (the merge before columns: concatenate block events in block order,
 * drop skipped objects, stable sort by TCA, object1, object2); round trips columns ↔ events and through the NDJSON,
 * CSV and binary encodings; a 1,000,000-event synthetic column set streamed through the binary format under a
 * memory bound.
 */
import { mkdtempSync, openSync, closeSync, writeSync, createReadStream, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rowMismatch, syntheticEventColumns, syntheticEventRow } from './helpers/syntheticEventRows.ts';
import {
  appendConjunction,
  ColumnarDecoder,
  columnarChunkLayout,
  columnsFromEvents,
  columnsToEvents,
  createConjunctionColumns,
  createScreeningContext,
  csvHeaderLine,
  csvRows,
  decodeColumnar,
  encodeColumnarChunk,
  encodeColumnarEnd,
  encodeColumnarHeader,
  FLOAT_COLUMNS,
  INT_COLUMNS,
  mergeScreeningShardsColumnar,
  ndjsonRows,
  planScreeningShards,
  runScreeningPlan,
  runScreeningPlanColumnar,
  screenShard,
  TEXT_COLUMNS,
  type BlockResult,
  type ConjunctionColumns,
  type ScreeningEventData,
} from '@skylane/core';
import { shardTestPlan } from './helpers/shardTestPlan.ts';

const { ts, plan } = shardTestPlan();
const reference = runScreeningPlan(plan, ts);
const plain = (e: ScreeningEventData): ScreeningEventData => ({
  object1: e.object1,
  object2: e.object2,
  tcaOffsetS: e.tcaOffsetS,
  missDistanceKm: e.missDistanceKm,
  relativeSpeedKmPerS: e.relativeSpeedKmPerS,
  missRtnKm: [e.missRtnKm[0], e.missRtnKm[1], e.missRtnKm[2]],
  tcaAgeDays1: e.tcaAgeDays1,
  tcaAgeDays2: e.tcaAgeDays2,
});
const referenceEvents = reference.events.map(plain);
const tcaIso = (offsetS: number): string => ts.formatUtcIso(ts.fromUtcDaySeconds(plan.startUtc.mjd, plan.startUtc.seconds + offsetS), 6);

/** The merge before columns, written independently: objects, block order, skipped objects dropped, stable sort. */
function objectMerge(blocks: readonly BlockResult[], skippedIds: ReadonlySet<number>): ScreeningEventData[] {
  const data: ScreeningEventData[] = [];
  for (const r of [...blocks].sort((a, b) => a.blockIndex - b.blockIndex)) {
    for (const e of columnsToEvents(r.events)) if (!skippedIds.has(e.object1) && !skippedIds.has(e.object2)) data.push(e);
  }
  return data.sort((a, b) => a.tcaOffsetS - b.tcaOffsetS || a.object1 - b.object1 || a.object2 - b.object2);
}

describe('screening event columns', () => {
  it('round trip columns ↔ events (runScreeningPlan events, growth by doubling from capacity 1)', () => {
    expect(referenceEvents.length, 'the case must produce events').toBeGreaterThan(10);
    const cols = createConjunctionColumns(1);
    for (const e of referenceEvents) appendConjunction(cols, e.object1, e.object2, e.tcaOffsetS, e.missDistanceKm, e.relativeSpeedKmPerS, ...e.missRtnKm, e.tcaAgeDays1, e.tcaAgeDays2);
    expect(cols.length).toBe(referenceEvents.length);
    expect(cols.object1.length).toBeGreaterThanOrEqual(cols.length);
    expect(columnsToEvents(cols)).toEqual(referenceEvents);
    expect(columnsToEvents(columnsFromEvents(referenceEvents))).toEqual(referenceEvents);
  });

  it('merge of shard columns (reversed, one shard twice) equals runScreeningPlan and the object-based merge', () => {
    for (const per of [1, 3, 7]) {
      const ctx = createScreeningContext(plan);
      const results: BlockResult[][] = planScreeningShards(plan, { blocksPerShard: per }).map((s) => screenShard(plan, s, ctx));
      const reordered = [...results].reverse();
      reordered.push(results[0]!);
      const merged = mergeScreeningShardsColumnar(plan, reordered);
      expect(merged.columns.length).toBe(merged.columns.object1.length);
      expect(columnsToEvents(merged.columns), `blocksPerShard=${per}`).toEqual(referenceEvents);
      expect(merged.skipped).toEqual(reference.skipped);
      expect(merged.stats).toEqual(reference.stats);
      const skippedIds = new Set(reference.skipped.map((s) => s.catalogNumber));
      expect(objectMerge(results.flat(), skippedIds), 'independent object merge').toEqual(referenceEvents);
    }
    expect(columnsToEvents(runScreeningPlanColumnar(plan).columns)).toEqual(referenceEvents);
  });

  it('NDJSON and CSV rows parse back to the same values (shortest round-trip numbers)', () => {
    const cols = columnsFromEvents(referenceEvents);
    const lines = ndjsonRows(cols, tcaIso).trimEnd().split('\n');
    expect(lines.length).toBe(cols.length);
    lines.forEach((line, i) => {
      const o = JSON.parse(line) as Record<string, number | string>;
      const e = referenceEvents[i]!;
      expect(Object.keys(o)).toEqual([...TEXT_COLUMNS]);
      expect([o.object1, o.object2, o.tcaOffsetS, o.missDistanceKm, o.relativeSpeedKmPerS, o.missRadialKm, o.missTransverseKm, o.missNormalKm, o.tcaAgeDays1, o.tcaAgeDays2]).toEqual([
        e.object1,
        e.object2,
        e.tcaOffsetS,
        e.missDistanceKm,
        e.relativeSpeedKmPerS,
        ...e.missRtnKm,
        e.tcaAgeDays1,
        e.tcaAgeDays2,
      ]);
      expect(o.tca).toBe(ts.formatUtcIso(reference.events[i]!.tca, 6));
    });
    const csv = (csvHeaderLine() + csvRows(cols, tcaIso)).trimEnd().split('\n');
    expect(csv[0]).toBe(TEXT_COLUMNS.join(','));
    csv.slice(1).forEach((row, i) => {
      const f = row.split(',');
      const e = referenceEvents[i]!;
      expect(f[2]).toBe(ts.formatUtcIso(reference.events[i]!.tca, 6));
      expect([f[0], f[1], ...f.slice(3)].map(Number)).toEqual([e.object1, e.object2, e.tcaOffsetS, e.missDistanceKm, e.relativeSpeedKmPerS, ...e.missRtnKm, e.tcaAgeDays1, e.tcaAgeDays2]);
    });
  });

  it('binary format: a chunk is the row count then each column little-endian, Int32 columns padded to 8 bytes (DataView oracle)', () => {
    const cols = columnsFromEvents(reference.events);
    expect(cols.length).toBeGreaterThan(7);
    // Odd and even row counts (padding of the Int32 columns), from row 0 and from inside the columns.
    for (const [from, to] of [[0, cols.length], [3, 8], [1, cols.length - 1], [2, 3]] as const) {
      const rows = to - from;
      const intBytes = Math.ceil((rows * 4) / 8) * 8;
      const want = new DataView(new ArrayBuffer(8 + 2 * intBytes + 8 * rows * 8));
      want.setUint32(0, rows, true);
      let at = 8;
      for (const name of ['object1', 'object2'] as const) {
        for (let i = 0; i < rows; i++) want.setInt32(at + 4 * i, cols[name][from + i]!, true);
        at += intBytes;
      }
      for (const name of ['tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const) {
        for (let i = 0; i < rows; i++) want.setFloat64(at + 8 * i, cols[name][from + i]!, true);
        at += 8 * rows;
      }
      expect(Buffer.from(encodeColumnarChunk(cols, from, to)).equals(Buffer.from(want.buffer)), `rows [${from}, ${to})`).toBe(true);
    }
  });

  it('binary format: round trip split at every odd byte boundary, truncated and foreign files refused', () => {
    const cols = columnsFromEvents(referenceEvents);
    const parts = [encodeColumnarHeader({ windowStartUtc: '2026-03-10T00:00:00Z', metadata: { days: 0.25 } }), encodeColumnarChunk(cols, 0, 5), encodeColumnarChunk(cols, 5), encodeColumnarEnd(cols.length)];
    const file = Buffer.concat(parts);
    const whole = decodeColumnar(file);
    expect(whole.header.windowStartUtc).toBe('2026-03-10T00:00:00Z');
    expect(whole.header.columns.map((c) => c.name)).toEqual(['object1', 'object2', 'tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2']);
    expect(columnsToEvents(whole.columns)).toEqual(referenceEvents);
    const d = new ColumnarDecoder();
    const got: ScreeningEventData[] = [];
    for (let at = 0; at < file.length; at += 37) for (const c of d.push(file.subarray(at, at + 37))) got.push(...columnsToEvents(c));
    d.finish();
    expect(got).toEqual(referenceEvents);
    expect(() => decodeColumnar(file.subarray(0, file.length - 16))).toThrow(/cut short/);
    expect(() => decodeColumnar(Buffer.from('PAR1 not ours at all'))).toThrow(/SKYCONJ1/);
  });

  it('columnarChunkLayout places every column where encodeColumnarChunk wrote it (odd and even row counts)', () => {
    for (const [from, to] of [[0, 1], [3, 8], [10, 17], [100, 65_636]] as const) {
      const cols = syntheticEventColumns(from, to);
      const rows = to - from;
      const bytes = encodeColumnarChunk(cols);
      const layout = columnarChunkLayout(rows);
      expect(layout.byteLength, `${rows} rows`).toBe(bytes.length);
      expect(layout.columns.map((c) => c.name)).toEqual([...INT_COLUMNS, ...FLOAT_COLUMNS]);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
      let bad = 0;
      for (const c of layout.columns) {
        for (let i = 0; i < rows; i++) {
          const at = c.offset + c.bytesPerRow * i;
          const v = c.type === 'int32' ? view.getInt32(at, true) : view.getFloat64(at, true);
          if (!Object.is(v, cols[c.name][i])) bad++;
        }
      }
      expect(bad, `${rows} rows`).toBe(0);
    }
    expect(() => columnarChunkLayout(0)).toThrow(/above 0/);
  });
});

describe('1,000,000 synthetic events through the binary columnar format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skylane-columns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const TOTAL = 1_000_000;
  const CHUNK = 65_536;
  const row = syntheticEventRow;
  const chunkAt = (from: number): ConjunctionColumns => syntheticEventColumns(from, Math.min(TOTAL, from + CHUNK));
  const memory = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const path = join(dir, 'events.skyconj');
  // Bound: the whole set would be 72 MB as columns (and ~300 MB as event objects); streaming holds a few chunks
  // (4.7 MB each as columns, as bytes, in the read stream) plus garbage not yet collected.
  const BOUND_MB = 64;

  it(`is written and read back chunk by chunk, exactly, with the memory delta under ${BOUND_MB} MB`, async () => {
    const base = memory();
    let peak = 0;
    const fd = openSync(path, 'w');
    writeSync(fd, encodeColumnarHeader({ windowStartUtc: '2026-03-10T00:00:00Z' }));
    for (let from = 0; from < TOTAL; from += CHUNK) {
      writeSync(fd, encodeColumnarChunk(chunkAt(from)));
      peak = Math.max(peak, memory() - base);
    }
    writeSync(fd, encodeColumnarEnd(TOTAL));
    closeSync(fd);
    const d = new ColumnarDecoder();
    let next = 0;
    let mismatches = 0;
    for await (const bytes of createReadStream(path, { highWaterMark: 1 << 20 })) {
      for (const c of d.push(bytes as Buffer)) {
        for (let k = 0; k < c.length; k++, next++) {
          if (rowMismatch(c, k, row(next))) mismatches++;
        }
      }
      peak = Math.max(peak, memory() - base);
    }
    d.finish();
    expect(next).toBe(TOTAL);
    expect(mismatches).toBe(0);
    const peakMb = peak / 2 ** 20;
    console.info(`1,000,000 events streamed through SKYCONJ1: file ${(readFileSize(path) / 2 ** 20).toFixed(1)} MiB, peak memory delta ${peakMb.toFixed(1)} MB (bound ${BOUND_MB} MB)`);
    expect(peakMb, `peak heap + array-buffer delta ${peakMb.toFixed(1)} MB`).toBeLessThan(BOUND_MB);
  }, 120_000);

  it('a whole 1,000,000-event file decodes into 72 MB of columns (not objects)', () => {
    const bytes = readFileSync(path);
    const { columns } = decodeColumnar(bytes);
    expect(columns.length).toBe(TOTAL);
    expect(columns.object1.byteLength + columns.object2.byteLength + 8 * columns.tcaOffsetS.byteLength).toBe(72 * TOTAL);
    for (const i of [0, 1, 65_535, 65_536, 500_000, TOTAL - 1]) {
      const r = row(i);
      expect([columns.object1[i], columns.object2[i], columns.tcaOffsetS[i], columns.missDistanceKm[i], columns.relativeSpeedKmPerS[i], columns.missRadialKm[i], columns.missTransverseKm[i], columns.missNormalKm[i], columns.tcaAgeDays1[i], columns.tcaAgeDays2[i]]).toEqual(r);
    }
  }, 60_000);
});

function readFileSize(p: string): number {
  return statSync(p).size;
}
