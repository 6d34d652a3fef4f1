/**
 * GMAT 003 exponential 500 km / 600 km and the same scenarios in Orekit (Open Space Toolkit cross-validation set,
 * Apache-2.0, read from ../shared/data/propagation/ostk-propagation-crossvalidation): point-mass gravity plus drag
 * with Vallado's exponential atmosphere, 100 kg, 1 m², C_D 2.1, one day. This checks the drag force and the
 * exponential table end to end with a plain fixed-step RK4 harness (10 s steps; its own truncation error is about
 * 0.5 m over the day, measured by halving the step to 5 s: 0.10 m vs GMAT, 0.06 m vs Orekit). The production
 * integrators are tested elsewhere. μ = 398600.4415 km³/s² (EGM96, the scenarios' field).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DragForce } from '../../packages/core/src/forces/index.ts';
import { ExponentialAtmosphere } from '../../packages/core/src/atmosphere/index.ts';
import { createTimeScales, mul3, pefToItrfMatrix, temeToGcrfMatrix, temeToPefMatrix, transpose3 } from '../../packages/core/src/index.ts';

const DIR = join(__dirname, '../../../shared/data/propagation/ostk-propagation-crossvalidation');
const have = existsSync(DIR);
const MU = 398600.4415;
const ts = createTimeScales();
const epoch = ts.fromUtc(2023, 1, 1, 0, 0, 0);
const spacecraft = { massKg: 100, dragAreaM2: 1, dragCoefficient: 2.1, srpAreaM2: 0, reflectivityCoefficient: 1 };

function readCsv(path: string, scale: number): number[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((x, i) => (i === 0 ? Number(x) : Number(x) * scale)));
}

function gcrfToItrf(tSeconds: number): Float64Array {
  const t = epoch.plusSeconds(tSeconds);
  return Float64Array.from(mul3(mul3(pefToItrfMatrix(t, ts), temeToPefMatrix(t, ts)), transpose3(temeToGcrfMatrix(t, ts))));
}

function propagate(y0: number[], stepS: number, outputEveryS: number, spanS: number): number[][] {
  const drag = new DragForce({ atmosphere: new ExponentialAtmosphere() });
  const cache = new Map<number, Float64Array>();
  const rhs = (t: number, y: Float64Array): Float64Array => {
    const rn = Math.hypot(y[0]!, y[1]!, y[2]!);
    const k = -MU / (rn * rn * rn);
    const a = new Float64Array([k * y[0]!, k * y[1]!, k * y[2]!]);
    let m = cache.get(t);
    if (m === undefined) {
      m = gcrfToItrf(t);
      cache.set(t, m);
      if (cache.size > 4) cache.delete(cache.keys().next().value!);
    }
    const mm = m;
    drag.addAcceleration(
      { tSeconds: t, instant: epoch.plusSeconds(t), timeScales: ts, position: y.slice(0, 3), velocity: y.slice(3, 6), spacecraft, gcrfToItrf: () => mm },
      a,
    );
    return new Float64Array([y[3]!, y[4]!, y[5]!, a[0]!, a[1]!, a[2]!]);
  };
  let y = Float64Array.from(y0);
  const out: number[][] = [[0, ...y]];
  const n = Math.round(spanS / stepS);
  const every = Math.round(outputEveryS / stepS);
  for (let i = 0; i < n; i++) {
    const t = i * stepS;
    const k1 = rhs(t, y);
    const k2 = rhs(t + stepS / 2, y.map((v, j) => v + (stepS / 2) * k1[j]!));
    const k3 = rhs(t + stepS / 2, y.map((v, j) => v + (stepS / 2) * k2[j]!));
    const k4 = rhs(t + stepS, y.map((v, j) => v + stepS * k3[j]!));
    y = y.map((v, j) => v + (stepS / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    if ((i + 1) % every === 0) out.push([(i + 1) * stepS, ...y]);
  }
  return out;
}

describe.skipIf(!have)('OSTk exponential-drag scenarios (GMAT and Orekit)', () => {
  for (const name of ['003-force-model-exponential-500', '003-force-model-exponential-600']) {
    it(`${name}: within 2 m of GMAT and of Orekit at every 120 s point over one day`, () => {
      const gmat = readCsv(join(DIR, 'gmat', `${name}.csv`), 1);
      const orekit = readCsv(join(DIR, 'orekit', `${name}.csv`), 1e-3);
      const ours = propagate(orekit[0]!.slice(1), 10, 120, 86400);
      let worstGmat = 0;
      let worstOrekit = 0;
      for (let i = 0; i < ours.length; i++) {
        const o = ours[i]!;
        const g = gmat[i]!;
        const k = orekit[i]!;
        expect(Math.abs(g[0]! - o[0]!)).toBeLessThan(1e-3);
        worstGmat = Math.max(worstGmat, Math.hypot(o[1]! - g[1]!, o[2]! - g[2]!, o[3]! - g[3]!) * 1000);
        worstOrekit = Math.max(worstOrekit, Math.hypot(o[1]! - k[1]!, o[2]! - k[2]!, o[3]! - k[3]!) * 1000);
      }
      console.info(`${name}: worst position difference ${worstGmat.toFixed(3)} m vs GMAT, ${worstOrekit.toFixed(3)} m vs Orekit (${ours.length} points)`);
      expect(ours.length).toBe(721);
      expect(worstGmat).toBeLessThan(2);
      expect(worstOrekit).toBeLessThan(2);
    });
  }
});
