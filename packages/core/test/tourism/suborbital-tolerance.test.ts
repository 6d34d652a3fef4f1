/**
 * Human-tolerance check (issue 19): a profile that exceeds a sustained-acceleration limit is reported with its time,
 * axis, value and limit. Oracles: (1) a hand-built series whose crossing times are computed by hand from its linear
 * segments; (2) a capsule with an escape motor ten times too strong, whose +Gx during the burn is F/m ≫ 14 g for 2 s
 * (the 1 s limit of the bundled NASA-STD-3001 reading): the violation must start at the abort time.
 */
import { describe, expect, it } from 'vitest';
import { findLaunchSite } from '../../src/launch/index.ts';
import { checkEnvelope, checkTolerance, findSuborbitalVehicle, flySuborbital, NASA_STD_3001_SUSTAINED, toleranceLimitG, type SuborbitalVehicle } from '../../src/tourism/index.ts';
import { ArgumentError } from '../../src/errors/index.ts';
import { STANDARD_GRAVITY_MPS2 } from '../../src/units/index.ts';

describe('sustained-acceleration envelope (NASA-STD-3001 Vol. 2 reading)', () => {
  it('hand-built series: 12 g +Gx for ~15 s breaks the 10 g / 10 s point once, at the hand-computed time', () => {
    const tS: number[] = [];
    const gx: number[] = [];
    for (let t = 0; t <= 200; t++) {
      tS.push(t);
      gx.push(t >= 100 && t <= 115 ? 12 : 1);
    }
    const zeros = tS.map(() => 0);
    const v = checkTolerance({ tS, gx, gy: zeros, gz: zeros });
    // Up-crossing of 10 g between t = 99 (1 g) and 100 (12 g): 99 + 9/11; down-crossing 115 + 2/11.
    const start = 99 + 9 / 11;
    const end = 115 + 2 / 11;
    expect(v).toHaveLength(1);
    expect(v[0]!.axis).toBe('+Gx');
    expect(v[0]!.limitG).toBe(10);
    expect(v[0]!.allowedDurationS).toBe(10);
    expect(v[0]!.startS).toBeCloseTo(start, 9);
    expect(v[0]!.tS).toBeCloseTo(start + 10, 9);
    expect(v[0]!.durationS).toBeCloseTo(end - start, 9);
    expect(v[0]!.peakG).toBe(12);
  });

  it('signs and axes: −Gz of 2.2 g for 200 s breaks the 2 g / 100 s point; −4.5 g Gy for 50 s breaks 4 g / 10 s (both signs count)', () => {
    const tS = Array.from({ length: 401 }, (_, i) => i);
    const gz = tS.map((t) => (t >= 50 && t <= 250 ? -2.2 : 0));
    const gy = tS.map((t) => (t >= 300 && t <= 350 ? -4.5 : 0));
    const zeros = tS.map(() => 0);
    const v = checkTolerance({ tS, gx: zeros, gy, gz });
    expect(v.map((x) => [x.axis, x.limitG])).toEqual([
      ['-Gz', 2],
      ['Gy', 4],
    ]);
    expect(v[1]!.peakG).toBeCloseTo(4.5, 12);
    // Up-crossing of 2 g between t = 49 (0) and 50 (2.2 g): 49 + 2/2.2; reported 100 s later.
    expect(v[0]!.tS).toBeCloseTo(49 + 2 / 2.2 + 100, 9);
  });

  it('the envelope is well formed; limits interpolate log-linearly in duration', () => {
    expect(() => checkEnvelope(NASA_STD_3001_SUSTAINED)).not.toThrow();
    expect(toleranceLimitG(NASA_STD_3001_SUSTAINED, '+Gx', 10)).toBe(10);
    expect(toleranceLimitG(NASA_STD_3001_SUSTAINED, '+Gx', Math.sqrt(10 * 100))).toBeCloseTo(8, 12);
    expect(() => checkEnvelope({ ...NASA_STD_3001_SUSTAINED, axes: { ...NASA_STD_3001_SUSTAINED.axes, Gy: [{ durationS: 10, limitG: 2 }, { durationS: 100, limitG: 3 }] } })).toThrow(ArgumentError);
  });

  it('a capsule with an escape motor ten times too strong: +Gx violation reported at the abort with its value', () => {
    const base = findSuborbitalVehicle('capsule');
    const vehicle: SuborbitalVehicle = { ...base, capsule: { ...base.capsule, escapeMotor: { ...base.capsule.escapeMotor, thrustKn: 3000 } } };
    const abortAtS = 30;
    const f = flySuborbital({ site: findLaunchSite('jiuquan'), vehicle, abortAtS });
    const v = checkTolerance(f.series);
    const gx = v.filter((x) => x.axis === '+Gx');
    const expectedG = (3000e3 / vehicle.capsule.massKg) / STANDARD_GRAVITY_MPS2; // at ignition, before drag and mass loss
    console.info(`over-powered escape: ${v.length} violation(s); first ${gx[0]?.axis} ${gx[0]?.peakG.toFixed(1)} g > ${gx[0]?.limitG} g from T+${gx[0]?.startS.toFixed(2)} s, reported at T+${gx[0]?.tS.toFixed(2)} s (F/m = ${expectedG.toFixed(1)} g)`);
    expect(gx.length).toBeGreaterThan(0);
    expect(gx[0]!.limitG).toBe(14);
    expect(gx[0]!.startS).toBeGreaterThanOrEqual(abortAtS - 0.5);
    expect(gx[0]!.startS).toBeLessThan(abortAtS + 0.5);
    expect(gx[0]!.tS).toBeCloseTo(gx[0]!.startS + 1, 9);
    expect(gx[0]!.peakG).toBeGreaterThan(expectedG * 0.9);
    expect(gx[0]!.peakG).toBeLessThan(expectedG * 1.2);
    // The nominal capsule stays inside the envelope.
    expect(checkTolerance(flySuborbital({ site: findLaunchSite('jiuquan'), vehicle: base }).series)).toEqual([]);
  });
});
