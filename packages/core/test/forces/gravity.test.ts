/**
 * Gravity field readers and the spherical-harmonic model: closed forms (point mass, J2), an independent
 * spherical-coordinate synthesis differentiated numerically, published tide-system values (NGA EGM2008 README),
 * EIGEN-6S time-variable terms against the ICGEM 2.0 formula with the file's numbers, and corrupt-line errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  coefficientIndex,
  convertTideSystem,
  fieldAtEpoch,
  GravityFileError,
  readEgmGravityField,
  readGravityField,
  readIcgemGravityField,
  SphericalHarmonicGravity,
  triangleSize,
  truncateField,
  type GravityField,
} from '@skylane/core';

const repo = (p: string): string => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));
const shared = (p: string): string => repo(`../shared/data/propagation/${p}`);
/** Orekit's gravity-field test files (Apache-2.0) are read from ../shared/data; their tests skip when it is absent. */
const OREKIT_FIELDS = existsSync(shared('orekit-gravity-fields'));
const OREKIT_SKIP_NOTE = OREKIT_FIELDS ? '' : ' (SKIPPED: ../shared/data/propagation/orekit-gravity-fields is absent)';
const MU = 398600.4415;
const R = 6378.1363;

function zonalField(c20: number, withCentral: boolean): GravityField {
  const c = new Float64Array(triangleSize(2));
  c[0] = withCentral ? 1 : 0;
  c[coefficientIndex(2, 0)] = c20;
  return { name: 'J2', gmKm3PerS2: MU, radiusKm: R, maxDegree: 2, tideSystem: 'tide-free', c, s: new Float64Array(c.length), timeVariable: [] };
}

function acc(model: SphericalHarmonicGravity, r: readonly number[]): Float64Array {
  const a = new Float64Array(3);
  model.accelerationItrf(r[0]!, r[1]!, r[2]!, a);
  return a;
}

describe('closed forms', () => {
  it('degree 0 is the point mass −μ r/|r|³', () => {
    const model = new SphericalHarmonicGravity(zonalField(-4.8e-4, true), { degree: 0 });
    expect(model.name).toBe('gravity-point-mass');
    let worst = 0;
    for (const r of [[7000, 0, 0], [1200, -3400, 6100], [0, 0, -7100], [-4000.5, 5000.25, 1e-3]]) {
      const a = acc(model, r);
      const n = Math.hypot(...r);
      for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(a[i]! + (MU * r[i]!) / n ** 3) / (MU / n ** 2));
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('degree-2 zonal equals the analytic J2 acceleration (Vallado eq. 8-30) to 1e-15 relative, poles included', () => {
    const J2 = 1.0826266835531513e-3;
    const model = new SphericalHarmonicGravity(zonalField(-J2 / Math.sqrt(5), false));
    let worst = 0;
    const points = [[7000, 0, 0], [1200, -3400, 6100], [0, 0, 7100], [0, 0, -6500], [3000, 4000, -5000], [-6878, 1, 2], [1e-9, 0, 6800]];
    for (const r of points) {
      const [x, y, z] = r as [number, number, number];
      const n = Math.hypot(x, y, z);
      const k = (-1.5 * J2 * MU * R * R) / n ** 5;
      const zz = (5 * z * z) / (n * n);
      const expected = [k * x * (1 - zz), k * y * (1 - zz), k * z * (3 - zz)];
      const a = acc(model, r);
      const scale = Math.hypot(...expected);
      for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(a[i]! - expected[i]!) / scale);
    }
    console.info(`J2 closed form: worst relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-15 * 4);
  });
});

/** Independent synthesis in spherical coordinates: P̄nm(sin φ) by the textbook recursion, cos/sin mλ by Math. */
function naivePotential(f: GravityField, N: number, x: number, y: number, z: number): number {
  const r = Math.hypot(x, y, z);
  const sphi = z / r;
  const cphi = Math.hypot(x, y) / r;
  const lam = Math.atan2(y, x);
  const P: number[][] = [];
  for (let n = 0; n <= N; n++) P.push(new Array<number>(n + 1).fill(0));
  P[0]![0] = 1;
  for (let m = 1; m <= N; m++) P[m]![m] = cphi * Math.sqrt((2 * m + 1) / (m === 1 ? 1 : 2 * m) * (m === 1 ? 1 : 1)) * P[m - 1]![m - 1]! * (m === 1 ? 1 : 1);
  // P̄11 = √3 cos φ; P̄mm = sqrt((2m+1)/(2m)) cos φ P̄m−1,m−1 (m ≥ 2)
  P[1]![1] = Math.sqrt(3) * cphi;
  for (let m = 2; m <= N; m++) P[m]![m] = Math.sqrt((2 * m + 1) / (2 * m)) * cphi * P[m - 1]![m - 1]!;
  for (let m = 0; m <= N; m++) {
    for (let n = m + 1; n <= N; n++) {
      const a = Math.sqrt(((2 * n - 1) * (2 * n + 1)) / ((n - m) * (n + m)));
      const b = n - 2 >= m ? Math.sqrt(((2 * n + 1) * (n + m - 1) * (n - m - 1)) / ((n - m) * (n + m) * (2 * n - 3))) : 0;
      P[n]![m] = a * sphi * P[n - 1]![m]! - (n - 2 >= m ? b * P[n - 2]![m]! : 0);
    }
  }
  let sum = 0;
  for (let n = 0; n <= N; n++) {
    let inner = 0;
    for (let m = 0; m <= n; m++) inner += P[n]![m]! * (f.c[coefficientIndex(n, m)]! * Math.cos(m * lam) + f.s[coefficientIndex(n, m)]! * Math.sin(m * lam));
    sum += (f.radiusKm / r) ** n * inner;
  }
  return (f.gmKm3PerS2 / r) * sum;
}

describe('EGM2008 (bundled, data/gravity)', () => {
  const text = gunzipSync(readFileSync(repo('data/gravity/EGM2008_to120_tidefree.gfc.gz'))).toString('utf8');
  const egm = readIcgemGravityField(text, 'EGM2008_to120_tidefree.gfc');

  it('loads degree 120, tide-free, with the NGA C̄20 and units converted', () => {
    expect(egm.maxDegree).toBe(120);
    expect(egm.tideSystem).toBe('tide-free');
    expect(egm.gmKm3PerS2).toBe(398600.4415);
    expect(egm.radiusKm).toBeCloseTo(6378.1363, 10);
    expect(egm.c[coefficientIndex(2, 0)]).toBe(-0.484165143790815e-3);
    expect(egm.c[0]).toBe(1);
    expect(egm.c[coefficientIndex(120, 120)]).not.toBe(0);
  });

  it('tide-free → zero-tide C̄20 matches the NGA EGM2008 README (−0.484169317366974e-3) with k20 = 0.3; IERS k20 within 3e-11', () => {
    const zt = convertTideSystem(egm, 'zero-tide', 0.3);
    expect(Math.abs(zt.c[coefficientIndex(2, 0)]! - -0.484169317366974e-3)).toBeLessThan(1e-12);
    const iers = convertTideSystem(egm, 'zero-tide');
    expect(Math.abs(iers.c[coefficientIndex(2, 0)]! - -0.484169317366974e-3)).toBeLessThan(3e-11);
    expect(convertTideSystem(iers, 'tide-free').c[coefficientIndex(2, 0)]).toBeCloseTo(egm.c[coefficientIndex(2, 0)]!, 18);
  });

  it('20×20: acceleration equals the numerical gradient of an independent spherical-coordinate synthesis', () => {
    const f20 = truncateField(egm, 20);
    const model = new SphericalHarmonicGravity(f20);
    const h = 0.02; // km: central-difference truncation ~1e-13 relative, rounding ~3e-11
    let worst = 0;
    for (const r of [[6800, 100, 200], [-2000, 4500, 4700], [500, -6900, -1500], [3000, 3000, -5600]]) {
      const a = acc(model, r);
      const grad = [0, 1, 2].map((i) => {
        const p = [...r];
        const q = [...r];
        p[i]! += h;
        q[i]! -= h;
        return (naivePotential(f20, 20, p[0]!, p[1]!, p[2]!) - naivePotential(f20, 20, q[0]!, q[1]!, q[2]!)) / (2 * h);
      });
      const scale = Math.hypot(...grad);
      for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(a[i]! - grad[i]!) / scale);
    }
    console.info(`EGM2008 20x20 vs numerical gradient of spherical synthesis: worst relative ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('120×120 is finite at both poles and continuous into them', () => {
    const model = new SphericalHarmonicGravity(egm);
    for (const z of [6378.1363, -6356.75]) {
      const at = acc(model, [0, 0, z]);
      const near = acc(model, [1e-9, 2e-9, z]);
      expect(at.every(Number.isFinite)).toBe(true);
      const d = Math.hypot(at[0]! - near[0]!, at[1]! - near[1]!, at[2]! - near[2]!);
      expect(d).toBeLessThan(1e-14); // km/s²; the true horizontal gradient over 2e-9 km is ~3e-15
    }
  });

  it('order below degree equals the field with those orders zeroed (the derivative column beyond the order)', () => {
    const a = acc(new SphericalHarmonicGravity(egm, { degree: 30, order: 7 }), [4000, -3000, 4500]);
    const b = acc(new SphericalHarmonicGravity(truncateField(egm, 30, 7)), [4000, -3000, 4500]);
    for (let i = 0; i < 3; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-20);
  });

  it('as a ForceModel: rotates GCRF → ITRF and back with gcrfToItrf()', () => {
    const model = new SphericalHarmonicGravity(egm, { degree: 8 });
    const th = 0.7;
    const M = Float64Array.from([Math.cos(th), Math.sin(th), 0, -Math.sin(th), Math.cos(th), 0, 0, 0, 1]);
    const pos = Float64Array.from([5000, 4000, 2000]);
    const out = Float64Array.from([1, 2, 3]);
    const e = { position: pos, gcrfToItrf: () => M } as unknown as Parameters<SphericalHarmonicGravity['addAcceleration']>[0];
    model.addAcceleration(e, out);
    const rI = [M[0]! * 5000 + M[1]! * 4000, M[3]! * 5000 + M[4]! * 4000, 2000];
    const aI = acc(model, rI);
    const aG = [M[0]! * aI[0]! + M[3]! * aI[1]!, M[1]! * aI[0]! + M[4]! * aI[1]!, aI[2]!];
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i]! - (i + 1) - aG[i]!)).toBeLessThan(1e-15); // km/s²; out starts at 1, 2, 3 whose ulp is 4.4e-16
  });
});

describe.skipIf(!OREKIT_FIELDS)(`Orekit EGM-format and ICGEM 2.0 files${OREKIT_SKIP_NOTE}`, () => {
  it('EGM96 21×21 and egm96_to5.ascii.gz (which lacks 5,3: refused unless holes are allowed) load and agree to degree 5', () => {
    const a = readEgmGravityField(readFileSync(shared('orekit-gravity-fields/EGM96-truncated-21x21'), 'utf8'), 'EGM96-truncated-21x21');
    const to5 = gunzipSync(readFileSync(shared('orekit-gravity-fields/egm96_to5.ascii.gz'))).toString('utf8');
    expect(() => readEgmGravityField(to5, 'egm96_to5.ascii')).toThrow(/egm96_to5\.ascii: .*degree 5 order 3/);
    const b = readEgmGravityField(to5, 'egm96_to5.ascii', { allowMissingCoefficients: true });
    expect(b.c[coefficientIndex(5, 3)]).toBe(0);
    b.c[coefficientIndex(5, 3)] = a.c[coefficientIndex(5, 3)]!;
    b.s[coefficientIndex(5, 3)] = a.s[coefficientIndex(5, 3)]!;
    expect(a.maxDegree).toBe(21);
    expect(b.maxDegree).toBe(5);
    expect(a.c[coefficientIndex(2, 0)]).toBe(-0.484165371736e-3);
    expect(b.gmKm3PerS2).toBe(398600.4415);
    for (let k = 0; k < triangleSize(5); k++) {
      expect(b.c[k]).toBe(a.c[k]);
      expect(b.s[k]).toBe(a.s[k]);
    }
    expect(new SphericalHarmonicGravity(a).name).toBe('gravity-egm96-truncated-21x21-21x21');
  });

  it('EIGEN-6S: time-variable C̄20 at 2006-04-02 (Δt = 1.25 yr of 365.25 d from 2005-01-01) equals the ICGEM 2.0 formula', () => {
    const f = readIcgemGravityField(readFileSync(shared('orekit-gravity-fields/eigen-6s-truncated'), 'utf8'), 'eigen-6s-truncated');
    expect(f.tideSystem).toBe('tide-free');
    expect(f.radiusKm).toBeCloseTo(6378.13646, 10);
    expect(() => new SphericalHarmonicGravity(f)).toThrow(/time-variable/);
    const mjd0 = 53371; // 2005-01-01
    const dt = 1.25;
    const frozen = fieldAtEpoch(f, mjd0 + dt * 365.25);
    // Numbers transcribed from the file's C20 records (also quoted in the data PROVENANCE).
    const w = 2 * Math.PI;
    const expected =
      -4.8416529982e-4 + -1.26059939709e-11 * dt + 4.10019292536e-11 * Math.cos(w * dt) + 5.32367408468e-11 * Math.sin(w * dt) +
      3.33920225943e-11 * Math.cos(2 * w * dt) + -2.44369818145e-11 * Math.sin(2 * w * dt);
    expect(Math.abs(frozen.c[coefficientIndex(2, 0)]! - expected)).toBeLessThan(1e-20);
    expect(new SphericalHarmonicGravity(frozen).degree).toBe(20);
  });
});

describe('corrupt input gives a typed error naming file, line and field', () => {
  const jgm3 = readFileSync(repo('validation/icgem-jgm3/JGM3.gfc'), 'utf8');
  const lines = jgm3.split('\n');
  const at = lines.findIndex((l) => l.startsWith('gfc    3    1'));

  it('a non-number C', () => {
    const bad = [...lines];
    bad[at] = bad[at]!.replace('0.203013', '0.2O3013');
    let err: unknown;
    try {
      readIcgemGravityField(bad.join('\n'), 'JGM3.gfc');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GravityFileError);
    const g = err as GravityFileError;
    expect(g.code).toBe('FIELD_INVALID');
    expect(g.source).toBe('JGM3.gfc');
    expect(g.line).toBe(at + 1);
    expect(g.field).toBe('C');
    expect(g.message).toMatch(/^JGM3\.gfc: line \d+, field C:/);
  });

  it('an order above the degree, a truncated record, a missing header constant', () => {
    const bad1 = [...lines];
    bad1[at] = bad1[at]!.replace('gfc    3    1', 'gfc    3    4');
    expect(() => readIcgemGravityField(bad1.join('\n'), 'x.gfc')).toThrow(expect.objectContaining({ field: 'M', line: at + 1 }));
    const bad2 = [...lines];
    bad2[at] = 'gfc    3    1  0.2';
    expect(() => readIcgemGravityField(bad2.join('\n'), 'x.gfc')).toThrow(expect.objectContaining({ field: 'S', line: at + 1 }));
    const bad3 = jgm3.replace(/^radius.*$/m, '');
    expect(() => readIcgemGravityField(bad3, 'x.gfc')).toThrow(expect.objectContaining({ code: 'FIELD_MISSING', field: 'radius' }));
    expect(() => readEgmGravityField(' 2 0 -0.48e-3 zz\n', 'egm.txt')).toThrow(expect.objectContaining({ field: 'S', line: 1 }));
  });
});

describe('potential and format detection', () => {
  const jgm3Text = readFileSync(repo('validation/icgem-jgm3/JGM3.gfc'), 'utf8');
  const jgm3 = readGravityField(jgm3Text, 'JGM3.gfc', { tideSystem: 'zero-tide' });

  it('readGravityField recognises an ICGEM file', () => {
    expect(jgm3.name).toBe('JGM3');
    expect(jgm3.tideSystem).toBe('zero-tide');
  });

  it.skipIf(!OREKIT_FIELDS)(`readGravityField recognises an EGM file${OREKIT_SKIP_NOTE}`, () => {
    const egm = readGravityField(readFileSync(shared('orekit-gravity-fields/EGM96-truncated-21x21'), 'utf8'), 'EGM96-truncated-21x21', { maxDegree: 10 });
    expect(egm.maxDegree).toBe(10);
  });

  it('potentialItrf equals the independent spherical synthesis (20×20) and its gradient is the acceleration', () => {
    const f = truncateField(jgm3, 20);
    const model = new SphericalHarmonicGravity(f);
    let worst = 0;
    for (const r of [[6800, 100, 200], [-2000, 4500, 4700], [0, 0, 6900]]) {
      const u = model.potentialItrf(r[0]!, r[1]!, r[2]!);
      worst = Math.max(worst, Math.abs(u - naivePotential(f, 20, r[0]!, r[1]!, r[2]! + 0)) / u);
      const h = 0.02;
      const a = acc(model, r);
      const gz = (model.potentialItrf(r[0]!, r[1]!, r[2]! + h) - model.potentialItrf(r[0]!, r[1]!, r[2]! - h)) / (2 * h);
      expect(Math.abs(gz - a[2]!) / Math.hypot(...a)).toBeLessThan(1e-9);
    }
    expect(worst).toBeLessThan(1e-14);
  });
});
