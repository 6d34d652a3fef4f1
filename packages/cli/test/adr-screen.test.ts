/**
 * `skylane adr screen` (issue #15 item 3) in-process: a removal plan made from Skylane's own ranking (two rocket bodies
 * of the bundled catalog, one servicer) is screened against the same catalog over a short window; the JSON contract
 * (conflicts per phase, window in plan days and UTC) and the usage errors. The planted-object oracle of the screening
 * itself is in packages/core/test/debris/servicer-screening.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const catalog = join(root, 'data/catalog/socrates-catalog-gp-2026-03-10.json.gz');
const io = captureCliOutput();

describe('skylane adr screen (servicer trajectory vs the bundled catalog)', () => {
  it('screens the first transfer of a catalog plan and reports conflicts per phase', async () => {
    const sol = join(mkdtempSync(join(tmpdir(), 'skylane-adr-screen-')), 'rb.txt');
    expect(await runCli(['adr', 'plan', '--catalog', catalog, '--type', 'ROCKET BODY', '--min-alt-km', '780', '--max-alt-km', '860', '--top', '3', '--spacecraft', '1', '--time-limit-s', '1', '--candidates', '2', '--out', sol, '--json'])).toBe(0);
    io.stdout = '';
    expect(await runCli(['adr', 'screen', '--solution', sol, '--catalog', catalog, '--days', '0.25', '--stand-off-km', '20', '--json'])).toBe(0);
    const r = JSON.parse(io.stdout) as { mission: number; fromMjd2000: number; toMjd2000: number; fromUtc: string; objectsScreened: number; conflicts: { objectId: number; tcaMjd2000: number; missDistanceKm: number; phase: string }[] };
    expect(r.mission).toBe(1);
    expect(r.toMjd2000 - r.fromMjd2000).toBeCloseTo(0.25, 9);
    expect(r.fromUtc).toMatch(/^2026-/);
    expect(r.objectsScreened).toBeGreaterThan(10000);
    for (const c of r.conflicts) {
      expect(['transfer', 'proximity']).toContain(c.phase);
      expect(c.missDistanceKm).toBeLessThanOrEqual(20);
      expect(c.tcaMjd2000).toBeGreaterThanOrEqual(r.fromMjd2000);
      expect(c.tcaMjd2000).toBeLessThanOrEqual(r.toMjd2000);
    }
    console.info(`adr screen: ${r.conflicts.length} conflicts within 20 km in 6 h against ${r.objectsScreened} objects`);
    expect(await runCli(['adr', 'screen', '--solution', sol, '--catalog', catalog, '--days', '20'])).toBe(2);
    expect(await runCli(['adr', 'screen', '--solution', sol, '--catalog', catalog, '--mission', '9'])).toBe(2);
  }, 120_000);
});
