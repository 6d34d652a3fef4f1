// Open Space Toolkit cross-validation, two-body scenarios 001-a/b/c (GMAT and Orekit one-day references, every
// 120 s), STK two-body 2 h, and two-body conservation of energy and angular momentum over 10 days (DP853).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GM_EGM96_KM3_S2, GM_JGM3_KM3_S2, NumericalPropagator, PointMassGravity } from '@skylane/core';
import { compareScenario, OSTK_DIR as dir, readReference, readScenario, ts } from './harness.ts';

function compare(name: string, mu: number, tool: 'gmat' | 'orekit'): { dr: number; dv: number } {
  const c = compareScenario(name, tool, [new PointMassGravity(mu)]);
  return { dr: c.drM, dv: c.dvMps };
}

describe('OSTk 001 two-body scenarios against GMAT and Orekit (1 day, every 120 s)', () => {
  for (const name of ['001-force-model-spherical-a', '001-force-model-spherical-b', '001-force-model-spherical-c']) {
    for (const tool of ['gmat', 'orekit'] as const) {
      it(`${name} vs ${tool.toUpperCase()}: within 2 m (GM = 398600.4415 km³/s²)`, () => {
        const jgm3 = compare(name, GM_JGM3_KM3_S2, tool);
        const egm96 = compare(name, GM_EGM96_KM3_S2, tool);
        const msg = `${name} vs ${tool}: max |dr| ${jgm3.dr.toFixed(4)} m, |dv| ${jgm3.dv.toExponential(2)} m/s with GM 398600.4415; ${egm96.dr.toFixed(2)} m with 398600.4418`;
        console.info(msg);
        expect(jgm3.dr, msg).toBeLessThan(2);
        expect(jgm3.dv, msg).toBeLessThan(2e-3);
        // The reference tools used JGM-3's GM: EGM96's value is off by kilometres-scale along-track drift in a day.
        expect(egm96.dr, msg).toBeGreaterThan(10 * jgm3.dr);
      });
    }
  }
});

describe('OSTk 001-a with the other integrator and backwards', () => {
  it('DP54 at rtol 1e-12 (OSTk’s own setting) is also within 2 m of GMAT and Orekit', () => {
    const sc = readScenario('001-force-model-spherical-a');
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(GM_JGM3_KM3_S2)], integrator: 'dp54', rtol: 1e-12, atol: 1e-12 });
    for (const tool of ['gmat', 'orekit'] as const) {
      const ref = readReference(`${dir}${tool}/001-force-model-spherical-a.csv`, tool === 'orekit');
      const res = prop.propagate({ epoch: ts.parseUtcIso(sc.epochIso), state: sc.stateKm, stop: ref.t[ref.t.length - 1]!, outputTimesS: ref.t });
      let dr = 0;
      for (let i = 0; i < ref.t.length; i++) {
        const o = res.outputStates;
        const r = ref.s[i]!;
        dr = Math.max(dr, Math.hypot(o[6 * i]! - r[0]!, o[6 * i + 1]! - r[1]!, o[6 * i + 2]! - r[2]!));
      }
      console.info(`001-a DP54 vs ${tool}: max |dr| ${(dr * 1e3).toFixed(4)} m (${res.acceptedSteps} steps)`);
      expect(dr * 1e3).toBeLessThan(2);
    }
  });

  it('backwards from Orekit’s state after one day to the scenario’s initial state, per-component tolerances (< 2 m)', () => {
    const sc = readScenario('001-force-model-spherical-a');
    const ref = readReference(`${dir}orekit/001-force-model-spherical-a.csv`, true);
    const last = ref.s[ref.s.length - 1]!;
    const t1 = ref.t[ref.t.length - 1]!;
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(GM_JGM3_KM3_S2)], rtol: 1e-13, atol: [1e-9, 1e-9, 1e-9, 1e-12, 1e-12, 1e-12] });
    const epoch1 = ts.parseUtcIso(sc.epochIso).plusSeconds(t1);
    const res = prop.propagate({ epoch: epoch1, state: last, stop: -t1, outputTimesS: [-t1 / 2, -t1] });
    const mid = ref.s[(ref.s.length - 1) / 2]!;
    const dMid = Math.hypot(res.outputStates[0]! - mid[0]!, res.outputStates[1]! - mid[1]!, res.outputStates[2]! - mid[2]!);
    const d0 = Math.hypot(res.finalState[0]! - sc.stateKm[0]!, res.finalState[1]! - sc.stateKm[1]!, res.finalState[2]! - sc.stateKm[2]!);
    console.info(`001-a backwards: ${(dMid * 1e3).toFixed(4)} m at 12 h, ${(d0 * 1e3).toFixed(4)} m at the initial epoch`);
    expect(dMid * 1e3).toBeLessThan(2);
    expect(d0 * 1e3).toBeLessThan(2);
  });
});

describe('STK two-body 2 h (GCRF, every 60 s)', () => {
  it('within 1 mm and 1 µm/s of STK', () => {
    const lines = readFileSync(`${dir}stk-2hr/STK_TwoBody_2hr_run.csv`, 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((l) => l.split(',').map((x) => x.replace(/"/g, '')));
    const gm = Number(rows[0]![14]) / 1e9;
    expect(gm).toBe(GM_JGM3_KM3_S2);
    const epoch = ts.parseUtcIso(`${rows[0]![0]!}Z`);
    const state = (r: string[]): number[] => r.slice(1, 7).map((x) => Number(x) / 1000);
    const times = rows.map((r) => ts.parseUtcIso(`${r[0]!}Z`).secondsSince(epoch));
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(gm)], integrator: 'dp853', rtol: 1e-14, atol: 1e-14 });
    const res = prop.propagate({ epoch, state: state(rows[0]!), stop: times[times.length - 1]!, outputTimesS: times });
    let dr = 0;
    let dv = 0;
    for (let i = 0; i < rows.length; i++) {
      const s = state(rows[i]!);
      const o = res.outputStates;
      dr = Math.max(dr, Math.hypot(o[6 * i]! - s[0]!, o[6 * i + 1]! - s[1]!, o[6 * i + 2]! - s[2]!));
      dv = Math.max(dv, Math.hypot(o[6 * i + 3]! - s[3]!, o[6 * i + 4]! - s[4]!, o[6 * i + 5]! - s[5]!));
    }
    const msg = `STK two-body 2 h: max |dr| ${(dr * 1e6).toFixed(4)} mm, |dv| ${(dv * 1e9).toFixed(4)} µm/s over ${rows.length} rows`;
    console.info(msg);
    expect(dr, msg).toBeLessThan(1e-6);
    expect(dv, msg).toBeLessThan(1e-9);
  });
});

describe('two-body conservation over 10 days (DP853, rtol 1e-14)', () => {
  it('specific energy and angular momentum conserved to 1e-11 relative', () => {
    const sc = readScenario('001-force-model-spherical-a');
    const mu = GM_JGM3_KM3_S2;
    const prop = new NumericalPropagator({ timeScales: ts, forces: [new PointMassGravity(mu)], integrator: 'dp853', rtol: 1e-14, atol: 1e-15 });
    const days = 10;
    const grid = Array.from({ length: days * 24 + 1 }, (_, i) => i * 3600);
    const res = prop.propagate({ epoch: ts.parseUtcIso(sc.epochIso), state: sc.stateKm, stop: days * 86400, outputTimesS: grid });
    const inv = (o: Float64Array, k: number): { e: number; h: number[] } => {
      const [x, y, z, vx, vy, vz] = Array.from(o.subarray(6 * k, 6 * k + 6));
      const r = Math.hypot(x!, y!, z!);
      return { e: (vx! ** 2 + vy! ** 2 + vz! ** 2) / 2 - mu / r, h: [y! * vz! - z! * vy!, z! * vx! - x! * vz!, x! * vy! - y! * vx!] };
    };
    const i0 = inv(res.outputStates, 0);
    const h0 = Math.hypot(...i0.h);
    let de = 0;
    let dh = 0;
    for (let k = 1; k < grid.length; k++) {
      const ik = inv(res.outputStates, k);
      de = Math.max(de, Math.abs((ik.e - i0.e) / i0.e));
      dh = Math.max(dh, Math.hypot(ik.h[0]! - i0.h[0]!, ik.h[1]! - i0.h[1]!, ik.h[2]! - i0.h[2]!) / h0);
    }
    const msg = `10-day two-body: max relative energy drift ${de.toExponential(2)}, angular momentum ${dh.toExponential(2)} (${res.acceptedSteps} steps)`;
    console.info(msg);
    expect(de, msg).toBeLessThan(1e-11);
    expect(dh, msg).toBeLessThan(1e-11);
  });
});
