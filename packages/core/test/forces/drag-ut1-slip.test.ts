/**
 * The guide's time-scale trap for drag: a one-second slip in UT1 turns the Earth by ω⊕·1 s = 7.29e-5 rad, so the
 * Earth-fixed point under the satellite moves west by |ω⊕ × r|·1 s (the co-rotating wind speed times one second:
 * 0.465 km at the equator on the ground, 0.50 km at 500 km altitude), while the co-rotating wind itself (ω⊕ × r in
 * GCRF) does not depend on UT1. Checked on `DragForce` with a recording atmosphere whose density varies with
 * longitude by a known gradient, so the expected change of the drag acceleration is known in closed form.
 */
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  DragForce,
  EARTH_ROTATION_RAD_S,
  IERS_LEAP_SECONDS,
  mul3,
  pefToItrfMatrix,
  temeToGcrfMatrix,
  temeToPefMatrix,
  transpose3,
  type AtmosphereModel,
  type ForceEvaluation,
  type TimeScales,
} from '../../src/index.ts';

const scales = (dut1S: number): TimeScales =>
  createTimeScales(IERS_LEAP_SECONDS, () => ({ xpArcsec: 0, ypArcsec: 0, dut1S, lodS: 0, dPsiArcsec: 0, dEpsArcsec: 0 }));

/** ρ = ρ0 (1 + k·λ) about λ = 0 (k per radian of east longitude), recording the ITRF point it is asked about. */
class LongitudeGradientAtmosphere implements AtmosphereModel {
  readonly name = 'test-longitude-gradient';
  last: number[] = [];
  constructor(readonly rho0: number, readonly k: number) {}
  densityKgPerM3(_i: unknown, _t: unknown, r: ArrayLike<number>): number {
    this.last = [r[0]!, r[1]!, r[2]!];
    return this.rho0 * (1 + this.k * Math.atan2(r[1]!, r[0]!));
  }
}

const spacecraft = { massKg: 100, dragAreaM2: 1, dragCoefficient: 2.2, srpAreaM2: 1, reflectivityCoefficient: 1 };

function evaluate(ts: TimeScales, atm: LongitudeGradientAtmosphere, position: Float64Array, velocity: Float64Array): { a: Float64Array; itrf: number[] } {
  const instant = ts.parseUtcIso('2026-03-20T06:00:00Z');
  const m = Float64Array.from(mul3(mul3(pefToItrfMatrix(instant, ts), temeToPefMatrix(instant, ts)), transpose3(temeToGcrfMatrix(instant, ts))));
  const e: ForceEvaluation = { tSeconds: 0, instant, timeScales: ts, position, velocity, spacecraft, gcrfToItrf: () => m };
  const a = new Float64Array(3);
  new DragForce({ atmosphere: atm, useLengthOfDay: false }).addAcceleration(e, a);
  return { a, itrf: atm.last };
}

describe('drag and a one-second UT1 slip (GUIDE.md time-scale trap)', () => {
  it('the Earth-fixed point moves by |ω⊕ × r|·1 s westwards and the drag changes by the atmosphere’s longitude gradient', () => {
    // Equatorial orbit at 500 km: put the satellite over λ = 0 in the UT1 = UTC frame.
    const ts0 = scales(0);
    const ts1 = scales(1);
    const instant = ts0.parseUtcIso('2026-03-20T06:00:00Z');
    const itrfToGcrf = transpose3(mul3(mul3(pefToItrfMatrix(instant, ts0), temeToPefMatrix(instant, ts0)), transpose3(temeToGcrfMatrix(instant, ts0))));
    const rKm = 6878.137;
    const pos = Float64Array.from([itrfToGcrf[0]! * rKm, itrfToGcrf[3]! * rKm, itrfToGcrf[6]! * rKm]);
    const vCirc = Math.sqrt(398600.4415 / rKm);
    const vel = Float64Array.from([itrfToGcrf[1]! * vCirc, itrfToGcrf[4]! * vCirc, itrfToGcrf[7]! * vCirc]);
    const k = 0.1; // 10 % density per radian of longitude
    const atm = new LongitudeGradientAtmosphere(5e-13, k);
    const e0 = evaluate(ts0, atm, pos, vel);
    const e1 = evaluate(ts1, atm, pos, vel);

    const windKmS = EARTH_ROTATION_RAD_S * rKm; // |ω⊕ × r| at the satellite, km/s
    const shift = Math.hypot(e1.itrf[0]! - e0.itrf[0]!, e1.itrf[1]! - e0.itrf[1]!, e1.itrf[2]! - e0.itrf[2]!);
    const dLon = Math.atan2(e1.itrf[1]!, e1.itrf[0]!) - Math.atan2(e0.itrf[1]!, e0.itrf[0]!);
    const msg = `UT1 + 1 s: Earth-fixed shift ${shift.toFixed(4)} km (wind ${windKmS.toFixed(4)} km/s × 1 s; 0.465 km at the surface), Δλ ${dLon.toExponential(4)} rad`;
    console.info(msg);
    expect(shift / windKmS, msg).toBeCloseTo(1, 6);
    expect(dLon / -EARTH_ROTATION_RAD_S, msg).toBeCloseTo(1, 6);
    expect(EARTH_ROTATION_RAD_S * 6378.137).toBeCloseTo(0.465, 3);

    // The wind (ω × r) does not move with UT1; the drag changes only through ρ: Δa/a = k·Δλ = −7.29e-6.
    const a0 = Math.hypot(e0.a[0]!, e0.a[1]!, e0.a[2]!);
    const ratio = Math.hypot(e1.a[0]!, e1.a[1]!, e1.a[2]!) / a0 - 1;
    const dir = (e0.a[0]! * e1.a[0]! + e0.a[1]! * e1.a[1]! + e0.a[2]! * e1.a[2]!) / (a0 * Math.hypot(e1.a[0]!, e1.a[1]!, e1.a[2]!));
    console.info(`UT1 + 1 s: drag |a| ${a0.toExponential(4)} km/s² changes by ${ratio.toExponential(4)} (expected ${(k * -EARTH_ROTATION_RAD_S).toExponential(4)}); direction unchanged to ${(1 - dir).toExponential(2)}`);
    expect(ratio / (k * -EARTH_ROTATION_RAD_S)).toBeCloseTo(1, 4);
    expect(1 - dir).toBeLessThan(1e-14);
  });
});
