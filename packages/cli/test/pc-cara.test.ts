/**
 * NASA CARA PcMethod test conjunctions: `skylane pc --method foster` on the real CDMs reproduces CARA's Pc2D within
 * 1e-3 relative (Pc above 1e-12). The CDMs and the results table are NASA Open Source Agreement files; they are read
 * from the shared reference data beside the repository, not copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/main.ts';

const dir = fileURLToPath(new URL('../../../../shared/data/collision-probability/cara/PcTestCaseCDMs/', import.meta.url));
const table = join(dir, 'CARA_PcMethod_Test_Conjunctions.csv');
const present = existsSync(table);

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

/** Rows of NASA's results table as column-name lookups (the comment column holds no commas in this file). */
function readTable(): ((column: string) => string)[] {
  const [header, ...rows] = readFileSync(table, 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  return rows.map((r) => {
    const f = r.split(',');
    return (column: string) => f[cols.indexOf(column)] ?? '';
  });
}

describe.skipIf(!present)('CARA_PcMethod_Test_Conjunctions.csv through `skylane pc`', () => {
  it('Pc2D within 1e-3 relative for every conjunction with Pc above 1e-12', async () => {
    let worst = 0;
    let checked = 0;
    for (const row of readTable()) {
      const id = row('Conjunction_ID');
      const expected = Number(row('Pc2D'));
      const hbrM = row('HBR_m');
      stdout = '';
      const code = await runCli(['pc', '--cdm', join(dir, `${id}.cdm`), '--method', 'foster', '--hbr-m', hbrM, '--json']);
      expect(code, id).toBe(0);
      const out = JSON.parse(stdout) as { pc: number; method: string; hbrM: number };
      expect(out.hbrM).toBeCloseTo(Number(hbrM), 9);
      if (expected > 1e-12) {
        const rel = Math.abs(out.pc - expected) / expected;
        worst = Math.max(worst, rel);
        expect(rel, `${id}: ${out.pc} vs ${expected}`).toBeLessThan(1e-3);
        checked++;
      } else {
        expect(out.pc, id).toBeLessThan(1e-11);
      }
    }
    console.info(`CARA Pc2D: ${checked} conjunctions above 1e-12, worst relative error ${worst.toExponential(2)}`);
    expect(checked).toBeGreaterThan(20);
  });

  it('Nc3D (--method pc3d, Hall) within 1e-2 relative for every conjunction with Nc above 1e-12', async () => {
    let worst = 0;
    let checked = 0;
    for (const row of readTable()) {
      const id = row('Conjunction_ID');
      const expected = Number(row('Nc3D'));
      if (!(expected > 1e-12)) continue;
      stdout = '';
      const code = await runCli(['pc', '--cdm', join(dir, `${id}.cdm`), '--method', 'pc3d', '--hbr-m', row('HBR_m'), '--json']);
      expect(code, id).toBe(0);
      const out = JSON.parse(stdout) as { nc: number; method: string };
      expect(out.method).toBe('hall2021');
      const rel = Math.abs(out.nc - expected) / expected;
      worst = Math.max(worst, rel);
      expect(rel, `${id}: ${out.nc} vs ${expected}`).toBeLessThan(1e-2);
      checked++;
    }
    console.info(`CARA Nc3D: ${checked} conjunctions above 1e-12, worst relative error ${worst.toExponential(2)}`);
    expect(checked).toBeGreaterThan(20);
  });
});
