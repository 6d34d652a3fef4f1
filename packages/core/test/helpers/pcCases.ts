/** Test helpers: load the Pc reference fixtures (validation/) and build conjunctions in km units. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { covariance3, covariance6, covariance6RtnToInertial, vec3, type ConjunctionAtTca } from '../../src/index.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const pcCases: any = JSON.parse(readFileSync(`${root}validation/collision-probability/pc-test-cases.json`, 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const caraCdmCases: any[] = JSON.parse(readFileSync(`${root}validation/nasa-cara/cara-pc-test-conjunctions.json`, 'utf8')).cases;

/** Alfano 2009 case (1-based) at TCA, converted from m to km. */
export function alfanoConjunction(n: number): { conj: ConjunctionAtTca<'EME2000'>; hbrKm: number; windowS: [number, number]; expected: Record<string, number | null> } {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = pcCases.alfano2009_test_cases.cases[n - 1] as any;
  const obj = (o: { r_m: number[]; v_mps: number[]; cov6x6: number[][] }) => ({
    r: vec3<'EME2000'>(o.r_m[0]! / 1e3, o.r_m[1]! / 1e3, o.r_m[2]! / 1e3),
    v: vec3<'EME2000'>(o.v_mps[0]! / 1e3, o.v_mps[1]! / 1e3, o.v_mps[2]! / 1e3),
    cov: covariance6<'EME2000'>(o.cov6x6.map((row) => row.map((x) => x / 1e6))),
  });
  const w = c.encounter_window_half_width_s_used_by_CARA_Pc3D_unit_test as number;
  return { conj: { primary: obj(c.at_tca.primary), secondary: obj(c.at_tca.secondary) }, hbrKm: c.hbr_m / 1e3, windowS: [-w, w], expected: c.expected };
}

/** A conjunction from 3x3 position covariances, scaled by `k` (1 for km inputs, 1e-3 for metres). */
export function conj3(r1: number[], v1: number[], c1: number[][], r2: number[], v2: number[], c2: number[][], k: number): ConjunctionAtTca<'EME2000'> {
  const v = (a: number[]) => vec3<'EME2000'>(a[0]! * k, a[1]! * k, a[2]! * k);
  const c = (m: number[][]) => covariance3<'EME2000'>(m.map((row) => row.map((x) => x * k * k)));
  return { primary: { r: v(r1), v: v(v1), cov: c(c1) }, secondary: { r: v(r2), v: v(v2), cov: c(c2) } };
}

/** A NASA CARA CDM case: EME2000 states and RTN covariances rotated to EME2000 (rotation-only convention), km. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function caraConjunction(c: any): ConjunctionAtTca<'EME2000'> {
  const obj = (o: { stateKmKmS: number[]; covRtnLowerM: number[] }) => {
    const s = o.stateKmKmS;
    const r = vec3<'EME2000'>(s[0]!, s[1]!, s[2]!), v = vec3<'EME2000'>(s[3]!, s[4]!, s[5]!);
    const m = new Float64Array(36);
    let k = 0;
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) { m[i * 6 + j] = o.covRtnLowerM[k]! * 1e-6; m[j * 6 + i] = o.covRtnLowerM[k++]! * 1e-6; }
    return { r, v, cov: covariance6RtnToInertial({ m }, { r, v }) };
  };
  return { primary: obj(c.primary), secondary: obj(c.secondary) };
}

export const relErr = (x: number, ref: number): number => Math.abs(x - ref) / Math.abs(ref);
