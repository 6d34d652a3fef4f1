/**
 * Oracle: CelesTrak SOCRATES Plus, run of 2026-03-09 (validation/celestrak-socrates-2026-03-09). Each of the ten
 * published pairs is screened with the element sets SOCRATES used over the SOCRATES window; the close approach
 * nearest the printed TCA must agree within 10 ms (TCA), 1 m (minimum range, printed to 1 m) and 1 m/s
 * (relative speed, printed to 1 m/s). The brute-force reference is run on the same pairs as a cross-check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, readElementSets, sgp4InputFrom } from '../src/index.ts';
import { screenConjunctions } from '../src/screening/index.ts';
import { referenceScreen } from '../src/screening/reference/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../validation/celestrak-socrates-2026-03-09');
const ts = createTimeScales();

interface SocratesRow {
  obj1_norad: number;
  obj2_norad: number;
  tca: string;
  min_range_km: number;
  rel_speed_kms: number;
  gp_file: string;
}
const run = JSON.parse(readFileSync(path.join(dir, 'socrates_top10_maxprob_2026-03-09.json'), 'utf8')) as {
  computation_interval: { start: string; stop: string };
  conjunctions: SocratesRow[];
};
const start = ts.parseUtcIso(run.computation_interval.start);
const durationS = ts.parseUtcIso(run.computation_interval.stop).secondsSince(start);

describe('SOCRATES 2026-03-09 top-10 pairs (CelesTrak)', () => {
  it('reproduces TCA within 10 ms, range within 1 m and relative speed within 1 m/s', () => {
    expect(run.conjunctions).toHaveLength(10);
    let worstT = 0;
    let worstR = 0;
    let worstV = 0;
    for (const row of run.conjunctions) {
      const file = path.join(dir, 'gp-pairs', row.gp_file.replace(/\.txt$/, '.json'));
      const read = readElementSets(readFileSync(file, 'utf8'), { format: 'auto', timeScales: ts });
      expect(read.failures).toEqual([]);
      expect(read.elementSets).toHaveLength(2);
      const result = screenConjunctions(read.elementSets, { start, durationS, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts });
      expect(result.skipped).toEqual([]);
      const tca = ts.parseUtcIso(row.tca);
      const lo = Math.min(row.obj1_norad, row.obj2_norad);
      const hi = Math.max(row.obj1_norad, row.obj2_norad);
      const nearest = [...result.events].sort((a, b) => Math.abs(a.tca.secondsSince(tca)) - Math.abs(b.tca.secondsSince(tca)))[0];
      expect(nearest, `pair ${lo}/${hi}`).toBeDefined();
      const ev = nearest!;
      expect([ev.object1, ev.object2]).toEqual([lo, hi]);
      const dt = Math.abs(ev.tca.secondsSince(tca));
      const dr = Math.abs(ev.missDistanceKm - row.min_range_km);
      const dv = Math.abs(ev.relativeSpeedKmPerS - row.rel_speed_kms);
      worstT = Math.max(worstT, dt);
      worstR = Math.max(worstR, dr);
      worstV = Math.max(worstV, dv);
      expect(dt, `TCA ${lo}/${hi}`).toBeLessThanOrEqual(0.010);
      expect(dr, `range ${lo}/${hi}`).toBeLessThanOrEqual(0.001);
      expect(dv, `speed ${lo}/${hi}`).toBeLessThanOrEqual(0.001);
      expect(ts.formatUtcIso(ev.tca, 3)).toMatch(/Z$/);

      // Cross-check with the brute-force reference on the same pair and window.
      const ref = referenceScreen(
        read.elementSets.map((s) => sgp4InputFrom(s, ts)),
        { startUtc: ts.toUtcDaySeconds(start), durationS, thresholdKm: 5, levels: 15 },
      );
      const match = ref.events.find((e) => Math.abs(e.tcaOffsetS - ev.tcaOffsetS) < 1e-3);
      expect(match, `reference ${lo}/${hi}`).toBeDefined();
      expect(Math.abs(match!.missDistanceKm - ev.missDistanceKm)).toBeLessThan(1e-3);
      expect(ref.events.length).toBe(result.events.length);
    }
    console.log(`SOCRATES 10 pairs: worst |ΔTCA| ${(worstT * 1e3).toFixed(3)} ms, worst |Δrange| ${(worstR * 1e3).toFixed(3)} m, worst |Δspeed| ${(worstV * 1e3).toFixed(3)} m/s`);
  });
});
