/**
 * Drag force (Vallado 2013 eq. 8-32) with a co-rotating atmosphere, and the Vallado Table 8-4 exponential atmosphere.
 * Closed-form oracles: an object at rest in the Earth-fixed frame feels no drag; a known density and relative
 * velocity give −½ C_D A/m ρ v² computed in SI units independently of the km-based code path.
 */
import { describe, expect, it } from 'vitest';
import { DragConfigurationError, DragForce, assertDragSpacecraft } from '../../src/forces/index.ts';
import {
  ExponentialAtmosphere,
  Nrlmsise00Atmosphere,
  VALLADO_EXPONENTIAL_TABLE,
  exponentialDensityKgPerM3,
  nrlmsise00,
} from '../../src/atmosphere/index.ts';
import type { AtmosphereModel, ForceEvaluation, SpacecraftProperties } from '../../src/propagation/numerical/forceModel.ts';
import { createTimeScales, geodeticToItrf, EARTH_ROTATION_RAD_S, WGS84, type Instant } from '../../src/index.ts';

const ts = createTimeScales();
const epoch = ts.fromUtc(2026, 3, 10, 6, 0, 0);
const sc: SpacecraftProperties = { massKg: 500, dragAreaM2: 10, dragCoefficient: 2.2, srpAreaM2: 10, reflectivityCoefficient: 1.3 };

/** Row-major rotation about Z by θ (passive, r_ITRF = M r_GCRF) composed with a small tilt about X by φ. */
function rotation(theta: number, phi: number): Float64Array {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const cp = Math.cos(phi);
  const sp = Math.sin(phi);
  // Rx(φ) · Rz(θ)
  const rz = [c, s, 0, -s, c, 0, 0, 0, 1];
  const rx = [1, 0, 0, 0, cp, sp, 0, -sp, cp];
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) m[3 * i + j] = m[3 * i + j]! + rx[3 * i + k]! * rz[3 * k + j]!;
  return m;
}

function evaluation(r: number[], v: number[], m: Float64Array, spacecraft: SpacecraftProperties = sc, instant: Instant = epoch): ForceEvaluation {
  return {
    tSeconds: 0,
    instant,
    timeScales: ts,
    position: Float64Array.from(r),
    velocity: Float64Array.from(v),
    spacecraft,
    gcrfToItrf: () => m,
  };
}

const constantAtmosphere = (rho: number): AtmosphereModel => ({ name: 'constant', densityKgPerM3: () => rho });

describe('drag force', () => {
  it('an object at rest in the co-rotating frame feels no drag (any frame orientation)', () => {
    const m = rotation(1.234, 2e-6);
    const r = [4000, 5000, 3000];
    // ω_GCRF = Mᵀ(0,0,ω): third row of M.
    const w = [m[6]! * EARTH_ROTATION_RAD_S, m[7]! * EARTH_ROTATION_RAD_S, m[8]! * EARTH_ROTATION_RAD_S];
    const v = [w[1]! * r[2]! - w[2]! * r[1]!, w[2]! * r[0]! - w[0]! * r[2]!, w[0]! * r[1]! - w[1]! * r[0]!];
    const out = new Float64Array(3);
    new DragForce({ atmosphere: constantAtmosphere(1e-9) }).addAcceleration(evaluation(r, v, m), out);
    expect(Math.hypot(out[0]!, out[1]!, out[2]!)).toBeLessThan(1e-22);
  });

  it('known density: −½ C_D A/m ρ v_rel² to 1e-12 relative (SI oracle)', () => {
    const rho = 3.725e-12;
    const r = [6778.137, 0, 0];
    const v = [0, 7.6686, 0];
    const out = new Float64Array([1e-3, 0, 0]);
    new DragForce({ atmosphere: constantAtmosphere(rho) }).addAcceleration(evaluation(r, v, rotation(0, 0)), out);
    const vRelMps = (7.6686 - EARTH_ROTATION_RAD_S * 6778.137) * 1000;
    const aMps2 = 0.5 * 2.2 * (10 / 500) * rho * vRelMps * vRelMps;
    const expectedKmps2 = -aMps2 / 1000;
    expect(Math.abs(out[1]! - expectedKmps2) / Math.abs(expectedKmps2)).toBeLessThan(1e-12);
    expect(out[0]).toBe(1e-3); // adds, never overwrites
    expect(out[2]).toBe(0);
  });

  it('the GCRF acceleration equals the Earth-fixed drag rotated back (wind through the ITRF rotation)', () => {
    const m = rotation(-2.1, 3e-6);
    const r = [-3000, 5500, 2500];
    const v = [-5.1, -3.2, 4.4];
    const out = new Float64Array(3);
    const rho = 1e-11;
    new DragForce({ atmosphere: constantAtmosphere(rho) }).addAcceleration(evaluation(r, v, m), out);
    // In the Earth-fixed frame: r_f = M r, v_f = M v − (0,0,ω) × r_f; a_f = −k |v_f| v_f; a = Mᵀ a_f.
    const mul = (a: number[]): number[] => [0, 1, 2].map((i) => m[3 * i]! * a[0]! + m[3 * i + 1]! * a[1]! + m[3 * i + 2]! * a[2]!);
    const mulT = (a: number[]): number[] => [0, 1, 2].map((i) => m[i]! * a[0]! + m[3 + i]! * a[1]! + m[6 + i]! * a[2]!);
    const rf = mul(r);
    const vf0 = mul(v);
    const vf = [vf0[0]! + EARTH_ROTATION_RAD_S * rf[1]!, vf0[1]! - EARTH_ROTATION_RAD_S * rf[0]!, vf0[2]!];
    const speed = Math.hypot(vf[0]!, vf[1]!, vf[2]!);
    const k = 0.5 * 2.2 * (10 / 500) * rho * 1000;
    const expected = mulT(vf.map((x) => -k * speed * x));
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i]! - expected[i]!)).toBeLessThan(1e-12 * Math.hypot(...expected));
  });

  it('OPM without mass for drag: a typed error, before anything is computed', () => {
    const noMass = { ...sc, massKg: Number.NaN };
    expect(() => assertDragSpacecraft(noMass)).toThrow(DragConfigurationError);
    expect(() => assertDragSpacecraft(noMass)).toThrow(/OPM without mass for drag/);
    const out = new Float64Array(3);
    let err: unknown;
    try {
      new DragForce({ atmosphere: constantAtmosphere(1e-12) }).addAcceleration(evaluation([7000, 0, 0], [0, 7.5, 0], rotation(0, 0), noMass), out);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DragConfigurationError);
    expect((err as DragConfigurationError).field).toBe('MASS');
    expect((err as DragConfigurationError).code).toBe('FIELD_MISSING');
    expect(() => assertDragSpacecraft({ ...sc, dragAreaM2: 0 })).toThrow(/DRAG_AREA/);
    expect(() => assertDragSpacecraft({ ...sc, dragCoefficient: -1 })).toThrow(/DRAG_COEFF/);
  });
});

describe('Vallado Table 8-4 exponential atmosphere', () => {
  it('reproduces the table at every base height and decays with the band scale height', () => {
    for (const b of VALLADO_EXPONENTIAL_TABLE) {
      expect(exponentialDensityKgPerM3(b.baseHeightKm)).toBe(b.baseDensityKgPerM3);
    }
    const rho550 = 6.967e-13 * Math.exp(-50 / 63.822);
    expect(Math.abs(exponentialDensityKgPerM3(550) - rho550) / rho550).toBeLessThan(1e-14);
    expect(VALLADO_EXPONENTIAL_TABLE).toHaveLength(28);
  });
  it('GMAT 003 exponential 500 km: geodetic height above WGS-84 from the ITRF position (pole and equator)', () => {
    const atm = new ExponentialAtmosphere();
    const eq = [WGS84.aKm + 500, 0, 0];
    const pole = [0, 0, WGS84.aKm * (1 - WGS84.f) + 500];
    for (const r of [eq, pole]) {
      expect(Math.abs(atm.densityKgPerM3(epoch, ts, r) - 6.967e-13) / 6.967e-13).toBeLessThan(1e-9);
    }
  });
});

describe('NRLMSISE-00 AtmosphereModel adapter', () => {
  it('feeds geodetic coordinates, day of year, UT and lst = UT/3600 + lon/15 to the model', () => {
    const weather = { f107Daily: 150, f107Average: 150, apDaily: 4, apHistory: [4, 4, 4, 4, 4, 4, 4] };
    const atm = new Nrlmsise00Atmosphere({ spaceWeather: { name: 'constant', nrlmsiseInputs: () => weather }, apMode: 'daily' });
    const instant = ts.fromUtc(2026, 6, 21, 8, 3, 20); // day of year 172, UT 29000 s
    const r = geodeticToItrf({ latRad: (60 * Math.PI) / 180, lonRad: (-70 * Math.PI) / 180, heightKm: 400 });
    const direct = nrlmsise00(
      {
        dayOfYear: 172,
        utSeconds: 29000,
        altitudeKm: 400,
        latitudeDeg: 60,
        longitudeDeg: -70,
        localSolarTimeHours: 29000 / 3600 - 70 / 15,
        f107Average: 150,
        f107Daily: 150,
        apDaily: 4,
      },
      { includeAnomalousOxygen: true },
    );
    const rho = atm.densityKgPerM3(instant, ts, r);
    expect(Math.abs(rho - direct.totalMassDensityKgPerM3) / rho).toBeLessThan(1e-9);
    expect(rho).toBeGreaterThan(1e-13);
    expect(rho).toBeLessThan(1e-10);
  });
});
