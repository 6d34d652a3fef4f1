/**
 * Screening events as typed-array columns (`ConjunctionColumns`): one Int32Array or Float64Array per field, grown by
 * doubling, 72 bytes an event instead of a JavaScript object (~300 bytes with its RTN array). The engine's blocks
 * write their events here (block.ts), the shard merge sorts and filters columns (screen.ts, shards.ts), and the
 * streaming writers (columnsFormat.ts) read them. A plain object of typed arrays: structured-clone and v8-serialize
 * safe (worker threads, queue workers). `columnsToEvents` gives the object-array view of the older API.
 *
 * Units as in `ScreeningEventData`: catalog numbers (integers up to 9 digits fit an Int32), seconds of UTC clock from
 * the window start, km, km/s, days; the miss vector r2 − r1 in object1's RTN frame, one column per component.
 */
import type { ScreeningEventData } from './types.ts';

/** The Float64 columns, in the order of the binary format (columnsFormat.ts) after the two Int32 columns. */
export const FLOAT_COLUMNS = ['tcaOffsetS', 'missDistanceKm', 'relativeSpeedKmPerS', 'missRadialKm', 'missTransverseKm', 'missNormalKm', 'tcaAgeDays1', 'tcaAgeDays2'] as const;
/** The Int32 columns. */
export const INT_COLUMNS = ['object1', 'object2'] as const;

export type FloatColumnName = (typeof FLOAT_COLUMNS)[number];
export type IntColumnName = (typeof INT_COLUMNS)[number];

/** Events as columns: rows 0..length−1 of each array are valid (arrays may be longer: capacity). */
export interface ConjunctionColumns {
  length: number;
  object1: Int32Array;
  object2: Int32Array;
  tcaOffsetS: Float64Array;
  missDistanceKm: Float64Array;
  relativeSpeedKmPerS: Float64Array;
  missRadialKm: Float64Array;
  missTransverseKm: Float64Array;
  missNormalKm: Float64Array;
  tcaAgeDays1: Float64Array;
  tcaAgeDays2: Float64Array;
}

/** Bytes per event in columns (two Int32 and eight Float64). */
export const BYTES_PER_EVENT = 2 * 4 + FLOAT_COLUMNS.length * 8;

/** Empty columns with room for `capacity` events. */
export function createConjunctionColumns(capacity = 16): ConjunctionColumns {
  const c = Math.max(1, Math.ceil(capacity));
  return {
    length: 0,
    object1: new Int32Array(c),
    object2: new Int32Array(c),
    tcaOffsetS: new Float64Array(c),
    missDistanceKm: new Float64Array(c),
    relativeSpeedKmPerS: new Float64Array(c),
    missRadialKm: new Float64Array(c),
    missTransverseKm: new Float64Array(c),
    missNormalKm: new Float64Array(c),
    tcaAgeDays1: new Float64Array(c),
    tcaAgeDays2: new Float64Array(c),
  };
}

/** Makes room for `extra` more events (capacity doubled until it fits; contents kept). */
export function reserveColumns(cols: ConjunctionColumns, extra: number): void {
  const need = cols.length + extra;
  let cap = cols.object1.length;
  if (need <= cap) return;
  while (cap < need) cap *= 2;
  const n = cols.length;
  const growI = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a.subarray(0, n));
    return b;
  };
  const growF = (a: Float64Array): Float64Array => {
    const b = new Float64Array(cap);
    b.set(a.subarray(0, n));
    return b;
  };
  cols.object1 = growI(cols.object1);
  cols.object2 = growI(cols.object2);
  for (const name of FLOAT_COLUMNS) cols[name] = growF(cols[name]);
}

/** Appends one event given field by field (the engine's hot path: no object is created). */
export function appendConjunction(
  cols: ConjunctionColumns,
  object1: number,
  object2: number,
  tcaOffsetS: number,
  missDistanceKm: number,
  relativeSpeedKmPerS: number,
  missRadialKm: number,
  missTransverseKm: number,
  missNormalKm: number,
  tcaAgeDays1: number,
  tcaAgeDays2: number,
): void {
  if (cols.length === cols.object1.length) reserveColumns(cols, 1);
  const i = cols.length++;
  cols.object1[i] = object1;
  cols.object2[i] = object2;
  cols.tcaOffsetS[i] = tcaOffsetS;
  cols.missDistanceKm[i] = missDistanceKm;
  cols.relativeSpeedKmPerS[i] = relativeSpeedKmPerS;
  cols.missRadialKm[i] = missRadialKm;
  cols.missTransverseKm[i] = missTransverseKm;
  cols.missNormalKm[i] = missNormalKm;
  cols.tcaAgeDays1[i] = tcaAgeDays1;
  cols.tcaAgeDays2[i] = tcaAgeDays2;
}

/** Appends an event object. */
export function appendEvent(cols: ConjunctionColumns, e: ScreeningEventData): void {
  appendConjunction(cols, e.object1, e.object2, e.tcaOffsetS, e.missDistanceKm, e.relativeSpeedKmPerS, e.missRtnKm[0], e.missRtnKm[1], e.missRtnKm[2], e.tcaAgeDays1, e.tcaAgeDays2);
}

/** Appends rows [from, to) of `src` to `dst`. */
export function appendRows(dst: ConjunctionColumns, src: ConjunctionColumns, from = 0, to = src.length): void {
  const m = to - from;
  if (m <= 0) return;
  reserveColumns(dst, m);
  const at = dst.length;
  dst.object1.set(src.object1.subarray(from, to), at);
  dst.object2.set(src.object2.subarray(from, to), at);
  for (const name of FLOAT_COLUMNS) dst[name].set(src[name].subarray(from, to), at);
  dst.length += m;
}

/** Columns holding `events` (in order). */
export function columnsFromEvents(events: readonly ScreeningEventData[]): ConjunctionColumns {
  const cols = createConjunctionColumns(events.length);
  for (const e of events) appendEvent(cols, e);
  return cols;
}

/** The event object of row i (a fresh object). */
export function eventAt(cols: ConjunctionColumns, i: number): ScreeningEventData {
  if (!(i >= 0 && i < cols.length)) throw new RangeError(`Row ${i} is outside the ${cols.length} events.`);
  return {
    object1: cols.object1[i]!,
    object2: cols.object2[i]!,
    tcaOffsetS: cols.tcaOffsetS[i]!,
    missDistanceKm: cols.missDistanceKm[i]!,
    relativeSpeedKmPerS: cols.relativeSpeedKmPerS[i]!,
    missRtnKm: [cols.missRadialKm[i]!, cols.missTransverseKm[i]!, cols.missNormalKm[i]!],
    tcaAgeDays1: cols.tcaAgeDays1[i]!,
    tcaAgeDays2: cols.tcaAgeDays2[i]!,
  };
}

/** The object-array view of the columns (the API before columns): one object per event, in row order. */
export function columnsToEvents(cols: ConjunctionColumns): ScreeningEventData[] {
  const out: ScreeningEventData[] = new Array<ScreeningEventData>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = eventAt(cols, i);
  return out;
}

/** Columns of exactly `length` rows (copies; for sending or keeping a result without spare capacity). */
export function trimColumns(cols: ConjunctionColumns): ConjunctionColumns {
  const out = createConjunctionColumns(cols.length);
  appendRows(out, cols);
  return out;
}

/** New columns holding the rows `rows` of `src`, in that order. */
export function gatherRows(src: ConjunctionColumns, rows: ArrayLike<number>, count = rows.length): ConjunctionColumns {
  const out = createConjunctionColumns(count);
  const o1 = out.object1;
  const o2 = out.object2;
  for (let k = 0; k < count; k++) {
    const r = rows[k]!;
    o1[k] = src.object1[r]!;
    o2[k] = src.object2[r]!;
  }
  for (const name of FLOAT_COLUMNS) {
    const a = src[name];
    const b = out[name];
    for (let k = 0; k < count; k++) b[k] = a[rows[k]!]!;
  }
  out.length = count;
  return out;
}

/**
 * Rows of `cols` in the result order of a screening run: by TCA, then object1, then object2 (the order of
 * `mergeScreeningBlocks`; ties keep row order, as Array.prototype.sort is stable).
 */
export function sortedRowOrder(cols: ConjunctionColumns, rows?: Uint32Array): Uint32Array {
  const order = rows ?? Uint32Array.from({ length: cols.length }, (_, i) => i);
  const t = cols.tcaOffsetS;
  const a = cols.object1;
  const b = cols.object2;
  // A typed-array sort with a comparator is not guaranteed stable: break the last tie by row.
  return order.sort((i, j) => t[i]! - t[j]! || a[i]! - a[j]! || b[i]! - b[j]! || i - j);
}
