/** `skylane screen --cdm-dir`: one CCSDS CDM (KVN) per screening event, with default covariances, CARA HBRs and Pc. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessScreeningEvent, parseCaraHbrTable, writeCdmKvn, type ElementSet, type Instant, type ScreeningResult, type TimeScales } from '@skylane/core';
import { readTextFile } from './io.ts';

/** NASA CARA HBR rows for the objects of the bundled catalog (data/catalog/PROVENANCE.md). */
export const BUNDLED_HBR_TABLE = fileURLToPath(new URL('../../../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url));

export interface WrittenCdm {
  readonly file: string;
  readonly object1: number;
  readonly object2: number;
  readonly pc: number;
  readonly pcMax: number;
}

/** Writes `<object1>_<object2>_<TCA>.cdm` for every event; returns what was written. */
export function writeScreeningCdms(
  dir: string,
  result: ScreeningResult,
  sets: readonly ElementSet[],
  ctx: { ts: TimeScales; now: Instant; hbrTablePath: string; screenPeriod: readonly [Instant, Instant] },
): WrittenCdm[] {
  mkdirSync(dir, { recursive: true });
  const hbrTable = parseCaraHbrTable(readTextFile(ctx.hbrTablePath));
  const byId = new Map(sets.map((s) => [s.catalogNumber, s]));
  const written: WrittenCdm[] = [];
  for (const e of result.events) {
    const a = assessScreeningEvent(e, byId.get(e.object1)!, byId.get(e.object2)!, {
      timeScales: ctx.ts,
      creationDate: ctx.now,
      originator: 'SKYLANE',
      hbrTable,
      screenPeriod: ctx.screenPeriod,
    });
    const file = join(dir, `${e.object1}_${e.object2}_${ctx.ts.formatUtcIso(e.tca, 3).replace(/[-:]/g, '')}.cdm`);
    writeFileSync(file, writeCdmKvn(a.cdm, ctx.ts));
    written.push({ file, object1: e.object1, object2: e.object2, pc: a.pc, pcMax: a.pcMax });
  }
  return written;
}
