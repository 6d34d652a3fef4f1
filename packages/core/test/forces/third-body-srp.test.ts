/**
 * Sun/Moon third bodies and cannonball SRP: closed forms (body on the axis, Battin vs the naive difference, Sun and
 * umbra/annular/half-penumbra geometry against the circle-overlap formula), the TT time argument, and the measured
 * error of the interpolating position cache against direct astronomy-engine evaluation.
 */
import { describe, expect, it } from 'vitest';
import {
  addThirdBodyAcceleration,
  ASTRONOMICAL_UNIT_KM,
  BodyPositionCache,
  bodyPositionKm,
  conicalShadowFraction,
  createTimeScales,
  DE440_GM_KM3_PER_S2,
  SolarRadiationPressure,
  SUN_RADIUS_KM,
  SHADOW_EARTH_RADIUS_KM,
  ThirdBodyGravity,
  ttSecondsSinceJ2000,
  type Instant,
} from '@skylane/core';
import type { ForceEvaluation, SpacecraftProperties } from '../../src/propagation/numerical/forceModel.ts';

const ts = createTimeScales();
const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');

function evaluation(instant: Instant, position: readonly number[], spacecraft?: Partial<SpacecraftProperties>): ForceEvaluation {
  return {
    tSeconds: 0,
    instant,
    timeScales: ts,
    position: Float64Array.from(position),
    velocity: new Float64Array(3),
    spacecraft: { massKg: 1000, dragAreaM2: 10, dragCoefficient: 2.2, srpAreaM2: 20, reflectivityCoefficient: 1.3, ...spacecraft },
    gcrfToItrf: () => Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
  };
}

describe('third body: closed forms', () => {
  it('body on the x axis: a = μ [1/(D − x)² − 1/D²] = μ x (2D − x)/(D² (D − x)²), to 1e-15 relative', () => {
    const mu = DE440_GM_KM3_PER_S2.moon;
    let worst = 0;
    for (const [x, D] of [[7000, 384400], [-6678, 384400], [42164, 405000], [1e-3, 1.496e8], [6678, -1.496e8]] as const) {
      const out = new Float64Array(3);
      addThirdBodyAcceleration(mu, x, 0, 0, D, 0, 0, out);
      const expected = (Math.sign(D - x) * mu * x * (2 * D - x)) / (D * D * (D - x) * (D - x));
      worst = Math.max(worst, Math.abs(out[0]! - expected) / Math.abs(expected));
      expect(out[1]).toBe(0);
      expect(out[2]).toBe(0);
    }
    console.info(`third body on axis: worst relative ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-15);
  });

  it('off axis: agrees with the direct − indirect difference (which loses ~|rb|/|r| ulps) within 1e-12 relative', () => {
    const mu = DE440_GM_KM3_PER_S2.sun;
    const out = new Float64Array(3);
    const r = [5000, -3000, 4000];
    const b = [1.2e8, -8e7, 3e7];
    addThirdBodyAcceleration(mu, r[0]!, r[1]!, r[2]!, b[0]!, b[1]!, b[2]!, out);
    const d = [b[0]! - r[0]!, b[1]! - r[1]!, b[2]! - r[2]!];
    const nd = Math.hypot(...d);
    const nb = Math.hypot(...b);
    const naive = [0, 1, 2].map((i) => mu * (d[i]! / nd ** 3 - b[i]! / nb ** 3));
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i]! - naive[i]!) / Math.hypot(...naive)).toBeLessThan(1e-12);
    const zero = new Float64Array(3);
    addThirdBodyAcceleration(mu, 0, 0, 0, b[0]!, b[1]!, b[2]!, zero);
    expect([...zero]).toEqual([0, 0, 0]);
  });

  it('time argument: J2000.0 is 2000-01-01T12:00:00 TT = 11:58:55.816 UTC', () => {
    expect(ttSecondsSinceJ2000(ts.parseUtcIso('2000-01-01T11:58:55.816Z'))).toBeCloseTo(0, 9);
  });
});

describe('Sun and Moon positions and the interpolating cache', () => {
  it('distances are physical (Sun 0.983–1.017 AU, Moon 356,000–407,000 km)', () => {
    const v = new Float64Array(3);
    for (let d = 0; d < 365; d += 7) {
      const t = ttSecondsSinceJ2000(epoch) + d * 86400;
      bodyPositionKm('sun', t, v);
      const au = Math.hypot(v[0]!, v[1]!, v[2]!) / ASTRONOMICAL_UNIT_KM;
      expect(au).toBeGreaterThan(0.983);
      expect(au).toBeLessThan(1.0168);
      bodyPositionKm('moon', t, v);
      const km = Math.hypot(v[0]!, v[1]!, v[2]!);
      expect(km).toBeGreaterThan(356000);
      expect(km).toBeLessThan(407000);
    }
  });

  // Direct evaluation has its own floor: astronomy-engine's time is a float of days since J2000 (ulp 1.8e-12 d =
  // 0.16 µs) found by iteration to 1e-12 d, and the Sun moves 30 km/s relative to the Earth, so two direct calls
  // 1e-7 s apart differ by ~9 mm. The Sun bound is that floor; the Moon (1 km/s) shows the interpolation itself.
  it('1 h / 8-node Lagrange cache: worst error vs direct evaluation over 3 days below 1 mm (Moon) and 3 cm (Sun, direct-evaluation floor)', () => {
    for (const body of ['moon', 'sun'] as const) {
      const cache = new BodyPositionCache(body);
      const a = new Float64Array(3);
      const b = new Float64Array(3);
      let worst = 0;
      const t0 = ttSecondsSinceJ2000(epoch);
      for (let i = 0; i < 300; i++) {
        const t = t0 + i * 863.7 + 0.123;
        cache.positionAt(t, a);
        bodyPositionKm(body, t, b);
        worst = Math.max(worst, Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!));
      }
      console.info(`${body} cache (1 h, 8 nodes): worst interpolation error ${(worst * 1e6).toFixed(3)} mm`);
      expect(worst).toBeLessThan(body === 'moon' ? 1e-6 : 3e-5);
    }
  });

  it('ThirdBodyGravity adds the Battin acceleration at the cached position', () => {
    const moon = new ThirdBodyGravity('moon');
    const e = evaluation(epoch, [7000, 100, -300]);
    const out = new Float64Array(3);
    moon.addAcceleration(e, out);
    const b = new Float64Array(3);
    bodyPositionKm('moon', ttSecondsSinceJ2000(epoch), b);
    const ref = new Float64Array(3);
    addThirdBodyAcceleration(DE440_GM_KM3_PER_S2.moon, 7000, 100, -300, b[0]!, b[1]!, b[2]!, ref);
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-9 * Math.hypot(...ref));
    expect(Math.hypot(...out)).toBeGreaterThan(5e-10); // LEO lunar tidal acceleration ~1e-9 km/s²
  });
});

/** Overlap area of two discs of radii r1, r2 with centres d apart (Heron form; independent of the model's x/y form). */
function overlap(r1: number, r2: number, d: number): number {
  const k = Math.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
  return r1 * r1 * Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1)) + r2 * r2 * Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2)) - 0.5 * k;
}

describe('conical shadow (Montenbruck & Gill §3.4.2)', () => {
  const S = [ASTRONOMICAL_UNIT_KM, 0, 0]; // Sun on +x
  const nu = (r: readonly number[]): number => conicalShadowFraction(r[0]!, r[1]!, r[2]!, S[0]!, S[1]!, S[2]!);

  it('full sun on the day side and beside the Earth, full umbra behind it', () => {
    expect(nu([7000, 0, 0])).toBe(1);
    expect(nu([0, 7000, 0])).toBe(1);
    expect(nu([-7000, 0, 0])).toBe(0);
    expect(nu([-7000, 6000, 0])).toBe(0);
  });

  it('annular (far beyond the umbra cone, ~1.4e6 km): ν = 1 − b²/a²', () => {
    const r = 2.0e6;
    const a = Math.asin(SUN_RADIUS_KM / (ASTRONOMICAL_UNIT_KM + r));
    const b = Math.asin(SHADOW_EARTH_RADIUS_KM / r);
    expect(nu([-r, 0, 0])).toBeCloseTo(1 - (b * b) / (a * a), 14);
  });

  it('Sun centre on the Earth limb (c = b): the visible part equals the disc-overlap formula and is ≈ one half', () => {
    const r = 7000;
    const b = Math.asin(SHADOW_EARTH_RADIUS_KM / r);
    // Satellite at angle θ from −x in the x-y plane so that the angle between −r̂ and (S − r) equals b.
    let lo = 0;
    let hi = Math.PI / 2;
    let pos = [0, 0, 0];
    let a = 0;
    for (let i = 0; i < 200; i++) {
      const th = (lo + hi) / 2;
      pos = [-r * Math.cos(th), r * Math.sin(th), 0];
      const d = [S[0]! - pos[0]!, -pos[1]!, 0];
      const nd = Math.hypot(...d);
      const c = Math.acos(-(pos[0]! * d[0]! + pos[1]! * d[1]!) / (r * nd));
      a = Math.asin(SUN_RADIUS_KM / nd);
      if (c < b) lo = th;
      else hi = th;
    }
    const expected = 1 - overlap(a, b, b) / (Math.PI * a * a);
    const got = nu(pos);
    console.info(`half-penumbra: ν = ${got.toFixed(6)} (disc-overlap formula ${expected.toFixed(6)})`);
    expect(Math.abs(got - expected)).toBeLessThan(1e-9);
    expect(Math.abs(got - 0.5)).toBeLessThan(0.01);
  });

  it('ν rises monotonically from 0 to 1 across the penumbra', () => {
    let prev = -1;
    for (let y = 6300; y <= 6500; y += 0.5) {
      const v = nu([-4000, y, 0]);
      expect(v).toBeGreaterThanOrEqual(prev - 1e-15);
      prev = v;
    }
    expect(nu([-4000, 6300, 0])).toBe(0);
    expect(nu([-4000, 6500, 0])).toBe(1);
  });
});

describe('cannonball SRP', () => {
  it('full sun: |a| = P☉ C_R A/m (AU/d)² × 1e-3 km/s², pointing away from the Sun; umbra: zero', () => {
    const srp = new SolarRadiationPressure();
    const sun = new BodyPositionCache('sun').positionAtInstant(epoch, new Float64Array(3));
    const n = Math.hypot(sun[0]!, sun[1]!, sun[2]!);
    const u = [sun[0]! / n, sun[1]! / n, sun[2]! / n];
    const lit = u.map((x) => 7000 * x);
    const out = new Float64Array(3);
    srp.addAcceleration(evaluation(epoch, lit), out);
    const d = n - 7000;
    const expected = ((4.56e-6 * 1.3 * 20) / 1000) * (ASTRONOMICAL_UNIT_KM / d) ** 2 * 1e-3;
    expect(Math.abs(Math.hypot(...out) - expected) / expected).toBeLessThan(1e-9);
    expect((out[0]! * u[0]! + out[1]! * u[1]! + out[2]! * u[2]!) / Math.hypot(...out)).toBeCloseTo(-1, 9);
    const dark = new Float64Array(3);
    srp.addAcceleration(evaluation(epoch, u.map((x) => -7000 * x)), dark);
    expect([...dark]).toEqual([0, 0, 0]);
    expect(() => srp.addAcceleration(evaluation(epoch, lit, { massKg: 0 }), out)).toThrow(/mass/);
  });
});
