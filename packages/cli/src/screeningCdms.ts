/** `skylane screen --cdm-dir`: one CCSDS CDM (KVN) per screening event, with default covariances, CARA HBRs and Pc. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEventAssessor, parseCaraHbrTable, writeCdmKvn, type ElementSet, type Instant, type ScreeningResult, type TimeScales } from '@skylane/core';
import { readTextFile } from './io.ts';

/** NASA CARA HBR rows for the objects of the bundled catalog (data/catalog/PROVENANCE.md). */
export const BUNDLED_HBR_TABLE = fileURLToPath(new URL('../../../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url));

export interface WrittenCdm {
  readonly file: string;
  readonly object1: number;
  readonly object2: number;
  readonly pc: number;
  readonly maxPc: number;
}

/** Writes `<object1>_<object2>_<TCA>.cdm` for every event; returns what was written. */
export function writeScreeningCdms(
  dir: string,
  result: ScreeningResult,
  sets: readonly ElementSet[],
  ctx: { ts: TimeScales; now: Instant; hbrTablePath: string; screenPeriod: readonly [Instant, Instant] },
): WrittenCdm[] {
  mkdirSync(dir, { recursive: true });
  const assess = createEventAssessor({
    timeScales: ctx.ts,
    elementSets: sets,
    creationDate: ctx.now,
    originator: 'SKYLANE',
    hbrTable: parseCaraHbrTable(readTextFile(ctx.hbrTablePath)),
    screenPeriod: ctx.screenPeriod,
  });
  const written: WrittenCdm[] = [];
  for (const e of result.events) {
    const a = assess(e);
    const file = join(dir, `${e.object1}_${e.object2}_${ctx.ts.formatUtcIso(e.tca, 3).replace(/[-:]/g, '')}.cdm`);
    writeFileSync(file, writeCdmKvn(a.cdm, ctx.ts));
    written.push({ file, object1: e.object1, object2: e.object2, pc: a.pc, maxPc: a.maxPc });
  }
  return written;
}
