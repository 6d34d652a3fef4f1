/**
 * Deterministic synthetic screening events for the columnar tests (core's SKYCONJ1 format, the service's stored
 * column chunks): row i has every column a distinct function of i, exactly representable or not.
 */
import { appendConjunction, createConjunctionColumns, type ConjunctionColumns } from '../../src/index.ts';

export type SyntheticEventRow = [number, number, number, number, number, number, number, number, number, number];

/** Row i in `appendConjunction`'s argument order. */
export const syntheticEventRow = (i: number): SyntheticEventRow => [
  (i % 400_000) + 1,
  (i % 400_000) + 100_000_001,
  i * 0.604_8 + 1e-7 * (i % 13),
  (i % 5000) / 1000 + Math.sqrt(i) * 1e-9,
  7 + Math.sin(i),
  Math.cos(i),
  -Math.sin(i * 0.5) * 4,
  (i % 997) / 331,
  -3 + i / 7e5,
  2.5 - i / 3e5,
];

/** Rows from..to − 1 as columns. */
export function syntheticEventColumns(from: number, to: number): ConjunctionColumns {
  const c = createConjunctionColumns(to - from);
  for (let i = from; i < to; i++) appendConjunction(c, ...syntheticEventRow(i));
  return c;
}

/** Whether row k of c differs in any column from r. */
export function rowMismatch(c: ConjunctionColumns, k: number, r: SyntheticEventRow): boolean {
  return (
    c.object1[k] !== r[0] || c.object2[k] !== r[1] || c.tcaOffsetS[k] !== r[2] || c.missDistanceKm[k] !== r[3] || c.relativeSpeedKmPerS[k] !== r[4] ||
    c.missRadialKm[k] !== r[5] || c.missTransverseKm[k] !== r[6] || c.missNormalKm[k] !== r[7] || c.tcaAgeDays1[k] !== r[8] || c.tcaAgeDays2[k] !== r[9]
  );
}
