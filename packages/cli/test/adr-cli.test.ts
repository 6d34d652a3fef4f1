/**
 * `skylane adr rank|plan|check` run as subprocesses (the real command line): JSON contracts of issue #15, one-line
 * typed errors and exit codes. The GTOC9 debris file is read from ../shared/data/gtoc9 (skipped with a message when absent).
 */
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/skylane.mjs');
const catalog = join(root, 'data/catalog/socrates-catalog-gp-2026-03-10.json.gz');
const gtoc9 = resolve(root, '../shared/data/gtoc9/gtoc9_debris.csv');
const hasGtoc9 = existsSync(gtoc9);
const activeList = resolve(root, '../shared/data/catalog/celestrak-active-gp-2026-03-10.csv');
const hasActive = existsSync(activeList);

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('skylane adr rank (subprocess)', () => {
  // A 300-object excerpt of the bundled catalog keeps the error-path runs short.
  const small = join(mkdtempSync(join(tmpdir(), 'skylane-adr-small-')), 'small.json');
  writeFileSync(small, JSON.stringify((JSON.parse(gunzipSync(readFileSync(catalog)).toString('utf8')) as unknown[]).slice(0, 300)));
  it(`--top 5 --json: an array of {rank, object, name, type, massKg, score, factors}${hasActive ? ', SL-16 rocket body first with --active' : ' (SL-16 check SKIPPED: no active list in ../shared/data/catalog)'}`, () => {
    const r = run(['adr', 'rank', '--catalog', catalog, '--top', '5', '--json', ...(hasActive ? ['--active', activeList] : [])]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { rank: number; object: number; name: string; type: string; massKg: number; score: number; factors: Record<string, unknown> }[];
    expect(out).toHaveLength(5);
    expect(Object.keys(out[0]!).sort()).toEqual(['factors', 'massKg', 'name', 'object', 'rank', 'score', 'type']);
    expect(out.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
    if (hasActive) {
      expect(out[0]!.name).toMatch(/SL-16/);
      expect(out[0]!.type).toBe('ROCKET BODY');
    }
    for (const k of ['spatialDensityPerKm3', 'meanRelativeSpeedKmS', 'collisionRatePerYear', 'lifetimeYears', 'massSource', 'fragmentsIfCollision']) expect(out[0]!.factors).toHaveProperty(k);
    const scores = out.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
  it('unknown object: exit 1 with one typed error line (NOT_FOUND); missing flag: exit 2', () => {
    const r = run(['adr', 'rank', '--catalog', small, '--object', '999999', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/NOT_FOUND: object 999999/);
    expect(run(['adr', 'rank', '--json']).code).toBe(2);
    expect(run(['adr', 'rank', '--catalog', small, '--type', 'SPACESHIP']).code).toBe(2);
  });
  it('plan --catalog: the top 3 rocket bodies of the 780-860 km band with one servicer, checker-valid; --gtoc9 with --catalog exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylane-adr-cat-'));
    const out = join(dir, 'rb.txt');
    const r = run(['adr', 'plan', '--catalog', catalog, '--type', 'ROCKET BODY', '--min-alt-km', '780', '--max-alt-km', '860', '--top', '3', '--spacecraft', '1', '--time-limit-s', '1', '--candidates', '2', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { missions: number; debrisRemoved: number; valid: boolean; targets: number[]; missionTargets: number[][] };
    expect(res.valid).toBe(true);
    expect(res.targets).toHaveLength(3);
    expect(res.missions).toBe(1);
    expect(res.debrisRemoved).toBeGreaterThanOrEqual(1);
    for (const id of res.missionTargets.flat()) expect(res.targets).toContain(id);
    expect(run(['adr', 'plan', '--catalog', catalog, '--gtoc9', 'x.csv', '--out', out]).code).toBe(2);
  });
  it('--help shows examples', () => {
    const r = run(['adr', 'rank', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
  });
});

describe.skipIf(!hasGtoc9)(`skylane adr plan / check (subprocess)${hasGtoc9 ? '' : ' (SKIPPED: ../shared/data/gtoc9/gtoc9_debris.csv is absent)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'skylane-adr-'));
  const sol = join(dir, 'solution.txt');
  it('plan on a 3-debris subset: {missions, debrisRemoved, costMEUR, valid}, the solution written to --out', () => {
    const r = run(['adr', 'plan', '--gtoc9', gtoc9, '--debris', '0,115,19', '--max-missions', '2', '--time-limit-s', '1', '--candidates', '2', '--out', sol, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { missions: number; debrisRemoved: number; costMEUR: number; valid: boolean };
    expect(out.valid).toBe(true);
    expect(out.debrisRemoved).toBe(3);
    expect(out.missions).toBeGreaterThanOrEqual(1);
    expect(out.costMEUR).toBeGreaterThan(45);
    expect(r.stderr).toMatch(/best so far/);
    expect(readFileSync(sol, 'utf8')).toMatch(/^# mission 1$/m);
  });
  it('check accepts it (exit 0) and rejects a malformed line and a tampered mass (exit 1, typed violations)', () => {
    const ok = run(['adr', 'check', '--gtoc9', gtoc9, '--solution', sol, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const good = JSON.parse(ok.stdout) as { valid: boolean; violations: unknown[] };
    expect(good).toMatchObject({ valid: true, violations: [] });
    const lines = readFileSync(sol, 'utf8').split('\n');
    const k = lines.findIndex((l) => /^\d/.test(l));
    const f = lines[k + 1]!.split(' ');
    f[7] = String(Number(f[7]) + 1); // mass of the first departure + 1 kg
    const bad = [...lines.slice(0, k + 1), f.join(' '), 'this is not an event', ...lines.slice(k + 2)];
    const badPath = join(dir, 'bad.txt');
    writeFileSync(badPath, bad.join('\n'));
    const r = run(['adr', 'check', '--gtoc9', gtoc9, '--solution', badPath, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; violations: { kind: string; mission: number; leg: number; line: number }[] };
    expect(out.valid).toBe(false);
    expect(out.violations).toContainEqual(expect.objectContaining({ kind: 'malformed', line: k + 3 }));
    expect(out.violations).toContainEqual(expect.objectContaining({ kind: 'mass', mission: 1, leg: 1 }));
  });
  it('timeline: per target of the planned mission, the seven phases in order ending with the de-orbit burn', () => {
    const r = run(['adr', 'timeline', '--gtoc9', gtoc9, '--solution', sol, '--mission', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { mission: number; target: number; phases: { phase: string; startDay: number; endDay: number }[] }[];
    expect(out.length).toBeGreaterThanOrEqual(2);
    const second = out[1]!;
    expect(second.phases.map((p) => p.phase)).toEqual(['phasing', 'far-approach', 'close-approach', 'inspection', 'capture', 'deorbit-kit', 'deorbit-burn']);
    for (let k = 1; k < second.phases.length; k++) expect(second.phases[k]!.startDay).toBeGreaterThanOrEqual(second.phases[k - 1]!.startDay);
    expect(run(['adr', 'timeline', '--gtoc9', gtoc9, '--solution', sol, '--mission', '9']).code).toBe(2);
  });
});
