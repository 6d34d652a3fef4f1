/**
 * ILRS Consolidated Prediction Format (CPF v1) position records: `10 direction MJD seconds-of-day leap-flag x y z`,
 * geocentric Earth-fixed (ITRF) positions in metres, UTC. Returned in km with their instants.
 */
import { ParseError } from '../../errors/index.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';

export interface CpfPosition {
  readonly epoch: Instant;
  /** ITRF position, km. */
  readonly itrfKm: readonly [number, number, number];
}

/** Reads the position records (type 10) of a CPF file; a bad record is a ParseError with its line. */
export function readCpfPositions(text: string, _source: string, ts: TimeScales): CpfPosition[] {
  const out: CpfPosition[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const f = raw.trim().split(/\s+/);
    if (f[0] !== '10') return;
    const v = f.slice(2, 8).map(Number);
    if (v.length < 6 || !v.every(Number.isFinite)) throw new ParseError('FIELD_INVALID', 'a CPF position record needs MJD, seconds of day, leap flag and x, y, z (m).', { line: i + 1, field: '10' }, raw);
    out.push({ epoch: ts.fromUtcDaySeconds(v[0]!, v[1]!), itrfKm: [v[3]! / 1000, v[4]! / 1000, v[5]! / 1000] });
  });
  return out;
}
