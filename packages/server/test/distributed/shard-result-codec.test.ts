/**
 * The wire bytes of a shard result (shardResultCodec.ts). Oracles: the `SortedShardResult` and block list that were
 * encoded (every column value, every block field), the SKYCONJ1 chunk body of the same rows (`encodeColumnarChunk`,
 * itself checked against a DataView encoding in core's columns test) for the column layout, and v8 for the older form.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { appendConjunction, appendRows, createConjunctionColumns, createTimeScales, encodeColumnarChunk, planScreening, screenShard, sortShardResult, syntheticCatalog, type BlockResult, type ConjunctionColumns, type SortedShardResult } from '@skylane/core';
import { decodeShardResult, encodeShardResult, encodeSortedShard, ShardResultFormatError } from '../../src/distributed/index.ts';

const ts = createTimeScales();
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
const plan = planScreening(syntheticCatalog(120, start, 9), { start, durationS: 2 * 3600, volume: { kind: 'sphere', radiusKm: 20 }, timeScales: ts, tuning: { blockLengthS: 1800 } });
const shard = { shardIndex: 1, firstBlock: 1, endBlock: 3 };
const real = screenShard(plan, shard);

/** The blocks with `extra` more events in the first one (odd totals: Int32 padding), a failure in the second. */
function withEvents(extra: number): BlockResult[] {
  return real.map((r, k) => {
    if (k !== 0) return { ...r, failures: [{ index: 3, catalogNumber: plan.objects[3]!.catalogNumber, code: 'SGP4_DECAYED', reason: 'decayed (injected)', atOffsetS: 4000 }] };
    const cols = createConjunctionColumns(r.events.length + extra);
    appendRows(cols, r.events);
    const t0 = plan.blocks[1]!.firstInterval * plan.sampleStepS;
    for (let i = 0; i < extra; i++) appendConjunction(cols, plan.objects[i % 50]!.catalogNumber, plan.objects[60 + (i % 50)]!.catalogNumber, t0 + ((i * 37) % 1800) + i / 7, i * 0.01, 7.5, -0.1 * i, 0.2, 1e-300 * i, 0.5, -2.25);
    return { ...r, events: cols };
  });
}

const COLS = ['object1', 'object2', 'tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const;
const valuesOf = (c: ConjunctionColumns): number[][] => COLS.map((k) => Array.from(c[k].subarray(0, c.length)));

function expectSameSorted(got: unknown, want: SortedShardResult): void {
  const g = got as SortedShardResult;
  expect(g.form).toBe(want.form);
  expect([g.firstBlock, g.endBlock]).toEqual([want.firstBlock, want.endBlock]);
  expect(g.events.length).toBe(want.events.length);
  expect(valuesOf(g.events)).toEqual(valuesOf(want.events));
  expect(g.blocks).toEqual(want.blocks);
}

describe('shard result bytes (compact sorted form, v8 block lists)', () => {
  it('a sorted shard round-trips exactly for 0, odd and even row counts; its columns are the SKYCONJ1 chunk body of its rows', () => {
    for (const extra of [0, 1, 2, 1001]) {
      const sorted = sortShardResult(shard, withEvents(extra));
      const bytes = encodeShardResult(sorted);
      expect(bytes.toString('latin1', 0, 8)).toBe('SKYSHRD1');
      const back = decodeShardResult(bytes);
      expectSameSorted(back, sorted);
      const rows = sorted.events.length;
      if (rows > 0) {
        // The columns sit at the end of the buffer, laid out as a SKYCONJ1 chunk after its 8-byte row count.
        const body = Buffer.from(encodeColumnarChunk(sorted.events)).subarray(8);
        expect(bytes.subarray(bytes.length - body.length).equals(body), `${rows} rows`).toBe(true);
      }
    }
  });

  it("encodeSortedShard (the worker's path: rows gathered straight into the buffer) gives the bytes of encodeShardResult(sortShardResult(…)), one block or several", () => {
    for (const extra of [0, 7, 1000]) {
      const blocks = withEvents(extra);
      expect(encodeSortedShard(shard, blocks).equals(encodeShardResult(sortShardResult(shard, blocks))), `${extra} extra rows, 2 blocks`).toBe(true);
      const one = { shardIndex: 1, firstBlock: 1, endBlock: 2 };
      expect(encodeSortedShard(one, blocks).equals(encodeShardResult(sortShardResult(one, blocks))), `${extra} extra rows, 1 block`).toBe(true);
    }
  });

  it('read in place when aligned, copied when not (a buffer at an odd offset), the same values either way', () => {
    const sorted = sortShardResult(shard, withEvents(333));
    const bytes = encodeShardResult(sorted);
    const aligned = decodeShardResult(bytes) as SortedShardResult;
    expect(aligned.events.tcaOffsetS.buffer).toBe(bytes.buffer);
    const host = new Uint8Array(bytes.length + 4);
    host.set(bytes, 4);
    const shifted = decodeShardResult(host.subarray(4)) as SortedShardResult;
    expect(shifted.events.tcaOffsetS.buffer).not.toBe(host.buffer);
    expectSameSorted(shifted, sorted);
  });

  it('block lists (older workers) and sorted results a caller stored through v8 decode as v8', () => {
    const list = withEvents(5);
    const back = decodeShardResult(encodeShardResult(list)) as BlockResult[];
    expect(Array.isArray(back)).toBe(true);
    expect(back.map((b) => valuesOf(b.events))).toEqual(list.map((b) => valuesOf(b.events)));
    expect(back.map((b) => ({ ...b, events: null }))).toEqual(list.map((b) => ({ ...b, events: null })));
    const sorted = sortShardResult(shard, list);
    expectSameSorted(decodeShardResult(serialize(sorted)), sorted);
  });

  it('refuses a compact buffer cut short or of an unknown form', () => {
    const bytes = encodeShardResult(sortShardResult(shard, withEvents(10)));
    expect(() => decodeShardResult(bytes.subarray(0, bytes.length - 8))).toThrow(ShardResultFormatError);
    const meta = serialize({ form: 'sorted-shard-v9', firstBlock: 1, endBlock: 3, blocks: [] });
    const foreign = Buffer.alloc(Math.ceil((16 + meta.length) / 8) * 8);
    foreign.write('SKYSHRD1', 0, 'latin1');
    foreign.writeUInt32LE(meta.length, 8);
    meta.copy(foreign, 16);
    expect(() => decodeShardResult(foreign)).toThrow(/form sorted-shard-v9/);
  });
});
