/**
 * `skylane propagate --state FILE.opm` end to end through `runCli` (the function bin/skylane.mjs runs): the OSTk
 * 003-force-model-exponential-500 scenario written as an OPM (KVN and XML) against GMAT's one-day output (every
 * 120 s, limit 2 m), backwards from GMAT's final state, OEM with COVARIANCE blocks, and the bad inputs of issue #12
 * (OPM without mass for drag, a corrupt gravity line, a gap in the space-weather record, an epoch outside the EOP
 * file): one error line naming the file, line and field, exit 2, and no output file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/main.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GMAT_500 = join(ROOT, 'validation/ostk-propagation/gmat/003-force-model-exponential-500.csv');
const SW = join(ROOT, 'validation/celestrak-space-weather/SW-window-2026.txt');
const EOP = join(ROOT, 'validation/iers-eop/finals2000A.2026-01-01_2026-09-30.txt');
const JGM3 = join(ROOT, 'validation/icgem-jgm3/JGM3.gfc');

const dir = mkdtempSync(join(tmpdir(), 'skylane-state-'));

function opmKvn(o: { epoch: string; state: readonly number[]; frame?: string; spacecraft?: boolean; covariance?: boolean }): string {
  const [x, y, z, vx, vy, vz] = o.state;
  const lines = [
    'CCSDS_OPM_VERS = 2.0',
    'CREATION_DATE = 2026-12-07T00:00:00',
    'ORIGINATOR = SKYLANE-TEST',
    'OBJECT_NAME = OSTK-003-500',
    'OBJECT_ID = 2023-001A',
    'CENTER_NAME = EARTH',
    `REF_FRAME = ${o.frame ?? 'GCRF'}`,
    'TIME_SYSTEM = UTC',
    `EPOCH = ${o.epoch}`,
    `X = ${x} [km]`, `Y = ${y} [km]`, `Z = ${z} [km]`,
    `X_DOT = ${vx} [km/s]`, `Y_DOT = ${vy} [km/s]`, `Z_DOT = ${vz} [km/s]`,
  ];
  if (o.spacecraft !== false) lines.push('MASS = 100.0 [kg]', 'SOLAR_RAD_AREA = 1.0 [m**2]', 'SOLAR_RAD_COEFF = 1.2', 'DRAG_AREA = 1.0 [m**2]', 'DRAG_COEFF = 2.1');
  if (o.covariance === true) {
    // Diagonal: 100 m and 0.1 m/s (1σ).
    const d = [1e-2, 1e-2, 1e-2, 1e-8, 1e-8, 1e-8];
    const axes = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) lines.push(`C${axes[i]}_${axes[j]} = ${i === j ? d[i] : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

function opmXml(epoch: string, s: readonly number[]): string {
  const f = (tag: string, v: number, unit: string): string => `<${tag} units="${unit}">${v}</${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<opm id="CCSDS_OPM_VERS" version="2.0">
<header><CREATION_DATE>2026-12-07T00:00:00</CREATION_DATE><ORIGINATOR>SKYLANE-TEST</ORIGINATOR></header>
<body><segment>
<metadata><OBJECT_NAME>OSTK-003-500</OBJECT_NAME><OBJECT_ID>2023-001A</OBJECT_ID><CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>GCRF</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM></metadata>
<data>
<stateVector><EPOCH>${epoch}</EPOCH>${f('X', s[0]!, 'km')}${f('Y', s[1]!, 'km')}${f('Z', s[2]!, 'km')}${f('X_DOT', s[3]!, 'km/s')}${f('Y_DOT', s[4]!, 'km/s')}${f('Z_DOT', s[5]!, 'km/s')}</stateVector>
<spacecraftParameters><MASS units="kg">100</MASS><SOLAR_RAD_AREA units="m**2">1</SOLAR_RAD_AREA><SOLAR_RAD_COEFF>1.2</SOLAR_RAD_COEFF><DRAG_AREA units="m**2">1</DRAG_AREA><DRAG_COEFF>2.1</DRAG_COEFF></spacecraftParameters>
</data></segment></body></opm>
`;
}

const gmat = readFileSync(GMAT_500, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
const INITIAL = [6878.137, 0, 0, 0, 7.61260817036, 0];

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

interface Run { code: number; stdout: string; stderr: string }
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});
async function cli(args: string[]): Promise<Run> {
  out = '';
  err = '';
  const code = await runCli(args);
  return { code, stdout: out, stderr: err };
}

function csvStates(text: string): { time: string; s: number[] }[] {
  return text.trim().split('\n').slice(1).map((l) => {
    const v = l.split(',');
    return { time: v[1]!, s: v.slice(2).map(Number) };
  });
}

/** One error line, exit 2, no stack trace, matching `re`. */
function expectInputError(r: Run, re: RegExp, what: string): void {
  expect(r.code, `${what}: exit status (stderr: ${r.stderr})`).toBe(2);
  expect(r.stderr.split('\n').filter((l) => /^error /.test(l)), `${what}: one error line`).toHaveLength(1);
  expect(r.stderr, what).not.toMatch(/^\s+at\s/m);
  expect(r.stderr, what).toMatch(re);
}

describe('skylane propagate --state (numerical) against GMAT 003 exponential 500 km', () => {
  it('KVN OPM, exponential drag, CSV in GCRF: within 2 m of GMAT at every 120 s point over one day', async () => {
    const opm = write('leo.opm', opmKvn({ epoch: '2023-01-01T00:00:00', state: INITIAL }));
    const r = await cli(['propagate', '--state', opm, '--stop', '2023-01-02T00:00:00Z', '--step-s', '120', '--frame', 'GCRF', '--format', 'csv', '--drag', 'exponential']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s');
    const rows = csvStates(r.stdout);
    expect(rows).toHaveLength(721);
    expect(rows[0]!.time).toBe('2023-01-01T00:00:00.000000Z');
    let worst = 0;
    rows.forEach((row, i) => {
      const g = gmat[i]!;
      worst = Math.max(worst, Math.hypot(row.s[0]! - g[1]!, row.s[1]! - g[2]!, row.s[2]! - g[3]!) * 1e3);
    });
    console.info(`CLI --state 003-500 vs GMAT: worst |dr| ${worst.toFixed(3)} m over 721 rows`);
    expect(worst).toBeLessThan(2);
    // Without --drag the OPM's spacecraft parameters switch nothing on: the orbit misses GMAT by kilometres.
    const plain = await cli(['propagate', '--state', opm, '--stop', '2023-01-02T00:00:00Z', '--step-s', '86400']);
    const last = csvStates(plain.stdout)[1]!.s;
    const g = gmat[720]!;
    expect(Math.hypot(last[0]! - g[1]!, last[1]! - g[2]!, last[2]! - g[3]!)).toBeGreaterThan(1);
  });

  it('XML OPM gives the same CSV as KVN; backwards from GMAT’s final state returns within 2 m of the initial state', async () => {
    const kvn = write('a.opm', opmKvn({ epoch: '2023-01-01T00:00:00', state: INITIAL }));
    const xml = write('a.xml', opmXml('2023-01-01T00:00:00', INITIAL));
    const args = ['--stop', '2023-01-01T06:00:00Z', '--step-s', '600', '--drag', 'exponential'];
    const a = await cli(['propagate', '--state', kvn, ...args]);
    const b = await cli(['propagate', '--state', xml, ...args]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);

    const g = gmat[720]!;
    const back = write('back.opm', opmKvn({ epoch: '2023-01-02T00:00:00', state: g.slice(1) }));
    const r = await cli(['propagate', '--state', back, '--stop', '2023-01-01T00:00:00Z', '--step-s', '120', '--drag', 'exponential']);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvStates(r.stdout);
    expect(rows[0]!.time).toBe('2023-01-02T00:00:00.000000Z');
    const end = rows[rows.length - 1]!;
    expect(end.time).toBe('2023-01-01T00:00:00.000000Z');
    // GMAT's last row is at 86399.99999 s, not exactly one day: 7e-9 s × 7.6 km/s ≈ 0.05 mm.
    const d = Math.hypot(end.s[0]! - INITIAL[0]!, end.s[1]! - INITIAL[1]!, end.s[2]! - INITIAL[2]!) * 1e3;
    console.info(`CLI --state backwards one day from GMAT's final state: ${d.toFixed(3)} m from the initial state`);
    expect(d).toBeLessThan(2);
  });

  it('--format oem --covariance writes COVARIANCE blocks from the OPM covariance; the variances grow; --covariance without one is refused', async () => {
    const opm = write('cov.opm', opmKvn({ epoch: '2023-01-01T00:00:00', state: INITIAL, covariance: true }));
    const outFile = join(dir, 'cov.oem');
    const r = await cli(['propagate', '--state', opm, '--stop', '2023-01-01T01:00:00Z', '--step-s', '1800', '--format', 'oem', '--covariance', '--out', outFile]);
    expect(r.code, r.stderr).toBe(0);
    const oem = readFileSync(outFile, 'utf8');
    expect(oem).toMatch(/COVARIANCE_START/);
    const block = oem.slice(oem.indexOf('COVARIANCE_START'));
    expect(block.match(/^EPOCH = /gm)).toHaveLength(3);
    // The first row of each lower triangle (one number after COV_REF_FRAME) is CX_X, km².
    const cxx = [...block.matchAll(/^COV_REF_FRAME = GCRF\n(\S+)$/gm)].map((m) => Number(m[1]));
    expect(cxx).toHaveLength(3);
    expect(cxx[0]).toBeCloseTo(1e-2, 12);
    expect(Math.max(...cxx.slice(1))).toBeGreaterThan(1e-2);
    const noCov = write('nocov.opm', opmKvn({ epoch: '2023-01-01T00:00:00', state: INITIAL }));
    expectInputError(await cli(['propagate', '--state', noCov, '--stop', '2023-01-01T01:00:00Z', '--format', 'oem', '--covariance']), /--covariance: nocov\.opm has no covariance/, 'no covariance');
  });
});

describe('skylane propagate --state: bad input names the file, line and field, exits 2, writes nothing', () => {
  const stop = ['--stop', '2026-06-02T00:00:00Z', '--step-s', '600'];
  const epoch = '2026-06-01T00:00:00';

  it('an OPM without mass for drag', async () => {
    const opm = write('nomass.opm', opmKvn({ epoch, state: INITIAL, spacecraft: false }));
    const outFile = join(dir, 'nomass.csv');
    expectInputError(await cli(['propagate', '--state', opm, ...stop, '--drag', 'exponential', '--out', outFile]), /nomass\.opm: line \d+, field MASS: .*no MASS/, 'no MASS');
    expect(existsSync(outFile)).toBe(false);
  });

  it('a gravity file with a corrupt line', async () => {
    const lines = readFileSync(JGM3, 'utf8').split('\n');
    const at = lines.findIndex((l) => /^gfc\s+5\s+3\s/.test(l));
    lines[at] = lines[at]!.replace(/\s\S+e-0\d/, ' 0.12x4e-06');
    const gfc = write('corrupt.gfc', lines.join('\n'));
    const opm = write('ok.opm', opmKvn({ epoch, state: INITIAL }));
    const outFile = join(dir, 'corrupt.csv');
    expectInputError(await cli(['propagate', '--state', opm, ...stop, '--gravity-field', gfc, '--degree', '8', '--order', '8', '--out', outFile]), new RegExp(`corrupt\\.gfc: line ${at + 1}, field \\S+`), 'corrupt gravity line');
    expect(existsSync(outFile)).toBe(false);
  });

  it('a gap inside the space-weather record', async () => {
    const lines = readFileSync(SW, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('2026 05 15'));
    lines.splice(at, 1);
    const sw = write('gap-sw.txt', lines.join('\n'));
    const opm = write('ok.opm', opmKvn({ epoch, state: INITIAL }));
    expectInputError(await cli(['propagate', '--state', opm, ...stop, '--drag', 'nrlmsise00', '--space-weather', sw]), /line \d+, field date: gap-sw\.txt: gap in the observed record/, 'space-weather gap');
    expectInputError(await cli(['propagate', '--state', opm, ...stop, '--drag', 'nrlmsise00']), /--drag nrlmsise00 needs --space-weather/, 'no --space-weather');
  });

  it('an epoch outside the EOP file', async () => {
    const opm = write('late.opm', opmKvn({ epoch: '2026-12-01T00:00:00', state: INITIAL }));
    const outFile = join(dir, 'late.csv');
    expectInputError(await cli(['propagate', '--state', opm, '--stop', '2026-12-02T00:00:00Z', '--eop', EOP, '--out', outFile]), /finals2000A\.2026-01-01_2026-09-30\.txt/, 'epoch outside EOP');
    expect(existsSync(outFile)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toHaveLength(0);
  });

  it('exactly one of --catalog and --state; SGP4-only and numerical-only flags stay in their mode', async () => {
    const opm = write('ok.opm', opmKvn({ epoch, state: INITIAL }));
    expectInputError(await cli(['propagate', '--stop', '2026-06-02T00:00:00Z']), /exactly one of --catalog .* or --state/, 'neither');
    expectInputError(await cli(['propagate', '--state', opm, '--catalog', opm, '--stop', '2026-06-02T00:00:00Z']), /exactly one of/, 'both');
    expectInputError(await cli(['propagate', '--state', opm, '--start', '2026-06-01T00:00:00Z', '--stop', '2026-06-02T00:00:00Z']), /--ids and --start belong to --catalog/, '--start with --state');
  });
});
