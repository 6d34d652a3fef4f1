/**
 * OSTk cross-validation scenarios 004-force-model-moon and 004-force-model-sun (open-space-toolkit-astrodynamics,
 * commit 230ffdf7, Apache-2.0): LEO state at 2021-03-20T00:00 UTC (GCRF), point-mass Earth (EGM96 degree 0,
 * μ = 398600.4415 km³/s²) plus the Moon or the Sun, one day. The reference is NASA GMAT's output in that repository
 * (gmat/004-force-model-*.csv); every 60th row (2 h) is transcribed below. The orbit is integrated here with a plain
 * fixed-step RK4 (5 s: its own error is a few cm/day for this orbit; 0.34 m at 10 s), so the test checks the third-body models
 * end to end: astronomy-engine positions, the TT time argument, the GCRF/EQJ frame, the GM and Battin's form.
 * Without the third body the orbit misses GMAT by 75 m (Moon) and 42 m (Sun); with it, by 6 cm (the bound is
 * 2 m; asserted here: 0.2 m).
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, ThirdBodyGravity, type ThirdBody } from '@skylane/core';
import type { ForceEvaluation } from '../../src/propagation/numerical/forceModel.ts';

const ts = createTimeScales();
const epoch = ts.parseUtcIso('2021-03-20T00:00:00Z');
const MU = 398600.4415;
const INITIAL = [-1514.66894081025, -192.0841214914, 6831.71145843687, -6.348079187605, 3.867582492698, -1.297176104429];

// GMAT (EarthICRF, km): elapsed s, x, y, z.
const GMAT: Record<ThirdBody, number[][]> = {
  moon: [
    [7199.999998952262, -6004.787833777037, 3555.373016889154, -566.9014007562773],
    [14399.99999979045, 402.8773762473099, 850.3366807482058, -6936.484278881779],
    [21599.99999937136, 6077.076303343232, -3397.424543444737, -712.1441997255923],
    [28799.99999926658, 713.0725783618695, -1474.181166371645, 6805.477435846417],
    [35999.99999538995, -5947.649862004268, 3126.878919075313, 1966.438905665003],
    [43200.0, -1814.207195340313, 2053.19087638412, -6442.073812541305],
    [50400.00000209548, 5610.841185154798, -2746.812694385894, -3155.316117267117],
    [57600.0000063912, 2844.638994929554, -2557.472090227223, 5861.475125873928],
    [64800.00000660075, -5088.970670904033, 2276.982996628356, 4234.766608676669],
    [72000.00000869622, -3786.722525128434, 2979.256712236912, -5079.18257489094],
    [79200.00000481959, 4387.632102387401, -1725.613480652866, -5172.801196455146],
    [86400.00000628643, 4592.499039585061, -3295.797699292273, 4126.854396543117],
  ],
  sun: [
    [7200.00000083819, -6004.790319131552, 3555.371226724256, -566.8936960443821],
    [14399.99999884749, 402.8582206496391, 850.3431647823835, -6936.486483887846],
    [21599.99999717111, 6077.077838435862, -3397.416385350994, -712.17478902421],
    [28799.99999769498, 713.1108119354551, -1474.191012671325, 6805.471051419907],
    [35999.99999727588, -5947.643698540355, 3126.864226358207, 1966.482451631817],
    [43199.99999905704, -1814.262829559543, 2053.202037229091, -6442.056728171408],
    [50399.9999980093, 5610.819414072311, -2746.788583888472, -3155.377712223661],
    [57600.00000230502, 2844.708298254097, -2557.480709979141, 5861.437012379618],
    [64800.00000502914, -5088.930144396227, 2276.95257973456, 4234.83195356321],
    [72000.00000366708, -3786.800019239266, 2979.260624740929, -5079.125190062336],
    [79200.00000607688, 4387.56485443153, -1725.574333596584, -5172.873254508758],
    [86400.00000597211, 4592.578339908986, -3295.793239487465, 4126.768231477757],
  ],
};

/** Positions every 7200 s over one day, fixed-step RK4. */
function propagate(body: ThirdBody | null): Float64Array[] {
  const force = body === null ? null : new ThirdBodyGravity(body);
  const pos = new Float64Array(3);
  const e = { instant: epoch, position: pos } as { instant: ForceEvaluation['instant']; position: Float64Array };
  const rhs = (t: number, y: Float64Array, out: Float64Array): void => {
    const r = Math.hypot(y[0]!, y[1]!, y[2]!);
    const k = -MU / (r * r * r);
    const a = Float64Array.of(k * y[0]!, k * y[1]!, k * y[2]!);
    if (force !== null) {
      pos.set(y.subarray(0, 3));
      e.instant = epoch.plusSeconds(t);
      force.addAcceleration(e as unknown as ForceEvaluation, a);
    }
    out.set([y[3]!, y[4]!, y[5]!, a[0]!, a[1]!, a[2]!]);
  };
  const h = 5;
  const y = Float64Array.from(INITIAL);
  const k1 = new Float64Array(6);
  const k2 = new Float64Array(6);
  const k3 = new Float64Array(6);
  const k4 = new Float64Array(6);
  const tmp = new Float64Array(6);
  const out: Float64Array[] = [];
  for (let i = 0; i < 86400 / h; i++) {
    const t = i * h;
    rhs(t, y, k1);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + 0.5 * h * k1[j]!;
    rhs(t + h / 2, tmp, k2);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + 0.5 * h * k2[j]!;
    rhs(t + h / 2, tmp, k3);
    for (let j = 0; j < 6; j++) tmp[j] = y[j]! + h * k3[j]!;
    rhs(t + h, tmp, k4);
    for (let j = 0; j < 6; j++) y[j] = y[j]! + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
    if (((i + 1) * h) % 7200 === 0) out.push(y.slice(0, 3));
  }
  return out;
}

function worstVsGmat(body: ThirdBody, rows: Float64Array[]): number {
  let worst = 0;
  GMAT[body].forEach((g, i) => {
    const r = rows[i]!;
    worst = Math.max(worst, Math.hypot(r[0]! - g[1]!, r[1]! - g[2]!, r[2]! - g[3]!));
  });
  return worst;
}

describe('OSTk 004 third-body scenarios vs GMAT (1 day, LEO)', () => {
  for (const body of ['moon', 'sun'] as const) {
    it(`004-force-model-${body}: within 0.2 m of GMAT at every 2 h point (and the ${body} matters: > 30 m without it)`, () => {
      const withBody = worstVsGmat(body, propagate(body));
      const without = worstVsGmat(body, propagate(null));
      console.info(`OSTk 004 ${body}: worst vs GMAT ${(withBody * 1000).toFixed(3)} m (two-body only: ${(without * 1000).toFixed(1)} m)`);
      expect(withBody).toBeLessThan(0.2e-3);
      expect(without).toBeGreaterThan(30e-3);
    });
  }
});
