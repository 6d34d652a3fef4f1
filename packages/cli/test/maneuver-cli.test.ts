/**
 * `skylane maneuver plan` in-process: the JSON contract of issue 20, the CCSDS outputs read back by the core's readers
 * (OPM with its MAN block, OEM with covariance, post-maneuver CDM whose Pc recomputed by core/risk meets the target),
 * the SVG trade space, and bad input answered with exit status 2 and one line (no covariance, blackout over the whole
 * window, a target above the current Pc). The conjunction is synthetic: two circular 700-km orbits crossing with a
 * 200-m radial miss.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustToTrueTca, cdmFromScreening, conjunctionFromCdm, createTimeScales, pcFoster1992, readCdmKvn, readOemKvn, readOpmKvn, vec3, writeCdmKvn } from '@skylane/core';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const ts = createTimeScales();
const dir = mkdtempSync(join(tmpdir(), 'skylane-maneuver-'));
const MU = 398600.4415;

function circular(a: number, inc: number, raan: number, u: number): number[] {
  const v = Math.sqrt(MU / a);
  const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(inc), si = Math.sin(inc), cO = Math.cos(raan), sO = Math.sin(raan);
  return [a * (cO * cu - sO * su * ci), a * (sO * cu + cO * su * ci), a * su * si, v * (-cO * su - sO * cu * ci), v * (-sO * su + cO * cu * ci), v * cu * si];
}
const diag = (s: number[]): number[] => {
  const m = new Array<number>(36).fill(0);
  s.forEach((x, i) => (m[i * 7] = x * x));
  return m;
};

/** A CDM of the synthetic conjunction (TCA 2026-03-11T12:00Z, created 3 days before, HBR 20 m). */
function syntheticCdm(): string {
  const a = 6378.137 + 700;
  const p = circular(a, (98 * Math.PI) / 180, 0, (40 * Math.PI) / 180);
  const s = circular(a + 0.2, (98 * Math.PI) / 180, 0.9, (40 * Math.PI) / 180);
  // Put the secondary through the primary's point, 200 m above it, on its own velocity direction.
  const rHat = p.slice(0, 3).map((x) => x / a);
  const vS = s.slice(3);
  const tca = ts.fromUtc(2026, 3, 11, 12);
  const obj = (id: number, r: number[], v: number[], cov: number[]) => ({ catalogNumber: id, name: `SYNTH-${id}`, r: vec3<'EME2000'>(r[0]!, r[1]!, r[2]!), v: vec3<'EME2000'>(v[0]!, v[1]!, v[2]!), elementAgeDays: 0, covarianceRtn: cov });
  const cdm = cdmFromScreening({
    tca,
    creationDate: tca.plusSeconds(-3 * 86400),
    originator: 'TEST',
    messageId: 'SYNTH-1',
    object1: obj(90001, p.slice(0, 3), p.slice(3), diag([0.03, 0.2, 0.03, 1e-6, 1e-6, 1e-6])),
    object2: obj(90002, rHat.map((x) => x * (a + 0.2)), vS, diag([0.05, 0.3, 0.05, 1e-6, 1e-6, 1e-6])),
    hbrM: 20,
  });
  return writeCdmKvn(cdm, ts);
}

const cdmPath = join(dir, 'conj.cdm');
writeFileSync(cdmPath, syntheticCdm());

describe('skylane maneuver plan', () => {
  it('prints the plan JSON and writes OPM, OEM, post-maneuver CDM and SVG that read back', async () => {
    const opm = join(dir, 'man.opm'), oem = join(dir, 'man.oem'), post = join(dir, 'post.cdm'), svg = join(dir, 'trade.svg');
    const code = await runCli(['maneuver', 'plan', '--cdm', cdmPath, '--mass-kg', '500', '--isp-s', '220', '--times', '10', '--dv-values', '20', '--rescreen-days', '1', '--json', '--out-opm', opm, '--out-oem', oem, '--post-cdm', post, '--plot', svg]);
    expect(code, io.stderr).toBe(0);
    const plan = JSON.parse(io.stdout) as {
      maneuver: { epoch: string; dvRtnMps: number[]; dvMps: number };
      prePc: number; postPc: number; postMissKm: number; leadTimeS: number; propellantKg: number;
      tradeSpace: { pc: number[][]; dvMps: number[]; epochs: string[] };
      rescreening: { performed: boolean }; warnings: string[];
    };
    expect(plan.maneuver.dvRtnMps).toHaveLength(3);
    expect(Math.hypot(...plan.maneuver.dvRtnMps)).toBeCloseTo(plan.maneuver.dvMps, 9);
    expect(plan.prePc).toBeGreaterThan(1e-5);
    expect(plan.postPc).toBeLessThanOrEqual(1e-6);
    expect(plan.postMissKm).toBeGreaterThan(0.2);
    expect(plan.leadTimeS).toBeGreaterThan(3600);
    // Rocket equation: m (1 − exp(−Δv / (Isp g0))).
    expect(plan.propellantKg).toBeCloseTo(500 * (1 - Math.exp(-plan.maneuver.dvMps / (220 * 9.80665))), 12);
    expect(plan.tradeSpace.pc).toHaveLength(10);
    expect(plan.tradeSpace.pc[0]).toHaveLength(20);
    expect(plan.rescreening.performed).toBe(false);
    const o = readOpmKvn(readFileSync(opm, 'utf8'), { timeScales: ts }).opm;
    expect(o.maneuvers).toHaveLength(1);
    expect(o.maneuvers[0]!.refFrame).toBe('RTN');
    expect(o.maneuvers[0]!.deltaVKmPerS[1] * 1000).toBeCloseTo(plan.maneuver.dvRtnMps[1]!, 9);
    expect(ts.formatUtcIso(o.maneuvers[0]!.epochIgnition, 3)).toBe(plan.maneuver.epoch);
    const e = readOemKvn(readFileSync(oem, 'utf8'), { timeScales: ts });
    expect(e.segments[0]!.states.length).toBeGreaterThan(100);
    expect(e.segments[0]!.covariances.length).toBeGreaterThan(1);
    const pc = readCdmKvn(readFileSync(post, 'utf8'), { timeScales: ts }).cdms[0]!;
    const recomputed = pcFoster1992(adjustToTrueTca(conjunctionFromCdm(pc)).conjunction, 0.02).pc;
    expect(Math.abs(recomputed - plan.postPc) / plan.postPc).toBeLessThan(1e-3);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  }, 60_000);

  it('--catalog re-screens the maneuvered trajectory', async () => {
    const tle = join(dir, 'catalog.tle');
    writeFileSync(tle, ['ISS (ZARYA)', '1 25544U 98067A   26068.70691881  .00007976  00000+0  15510-3 0  9995', '2 25544  51.6323  72.2710 0008020 174.6781 185.4294 15.48547200556336', ''].join('\n'));
    const code = await runCli(['maneuver', 'plan', '--cdm', cdmPath, '--times', '4', '--directions', 't', '--rescreen-days', '4', '--catalog', tle, '--json']);
    expect(code, io.stderr).toBe(0);
    const plan = JSON.parse(io.stdout) as { rescreening: { performed: boolean; windowDays: number; objectsScreened: number; rejected: boolean } };
    expect(plan.rescreening.performed).toBe(true);
    expect(plan.rescreening.windowDays).toBeCloseTo(4, 6);
    expect(plan.rescreening.objectsScreened).toBeGreaterThanOrEqual(1);
    expect(plan.rescreening.rejected).toBe(false);
  }, 60_000);

  it('a CDM without covariance: exit 2, one line naming NO_COVARIANCE', async () => {
    const bare = join(dir, 'nocov.cdm');
    writeFileSync(bare, syntheticCdm().split('\n').filter((l) => !/^C[RTN](DOT)?_/.test(l)).join('\n'));
    expect(await runCli(['maneuver', 'plan', '--cdm', bare, '--json'])).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('NO_COVARIANCE');
  });

  it('a blackout covering the whole window: exit 2, BLACKOUT_COVERS_WINDOW', async () => {
    expect(await runCli(['maneuver', 'plan', '--cdm', cdmPath, '--blackout', '2026-03-08T00:00:00Z/2026-03-11T12:00:00Z', '--json'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('BLACKOUT_COVERS_WINDOW');
  });

  it('a target Pc above the current Pc: exit 2, TARGET_ALREADY_MET', async () => {
    expect(await runCli(['maneuver', 'plan', '--cdm', cdmPath, '--target-pc', '0.5', '--json'])).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('TARGET_ALREADY_MET');
  });

  it('refuses --target-pc with --target-miss-km', async () => {
    expect(await runCli(['maneuver', 'plan', '--cdm', cdmPath, '--target-pc', '1e-6', '--target-miss-km', '2'])).toBe(2);
    expect(io.stderr).toContain('exclude each other');
  });
});
