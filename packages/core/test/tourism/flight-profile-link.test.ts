/**
 * Issue 19 integration: the manifest flight profile is the suborbital model's (same apogee and microgravity time as
 * planSuborbitalFlight for the same inputs), its tolerance result feeds go/no-go (a vehicle over a g limit is NO-GO
 * naming axis, value, limit and time), and the bundled `capsule` takes its go/no-go limits from one class record.
 */
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  evaluateGoNoGo,
  findLaunchSite,
  findSuborbitalVehicle,
  IERS_LEAP_SECONDS,
  manifestProfileJson,
  planManifestProfile,
  planSuborbitalFlight,
  suborbitalProfileCheck,
  suborbitalVehicleForClass,
  TOURISM_VEHICLE_CLASSES,
  vehicleClassOfSuborbital,
  type SuborbitalVehicle,
} from '@skylane/core';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const launch = ts.parseUtcIso('2026-12-07T03:00:00Z');
const site = findLaunchSite('jiuquan');
const capsule = findSuborbitalVehicle('capsule');
/** The capsule on an over-powered booster with upright seats: the ascent pushes +Gz past the 6 g / 1 s limit. */
const HOT: SuborbitalVehicle = { ...capsule, id: 'hot-upright', booster: { ...capsule.booster, thrustSlKn: 1200, thrustVacKn: 1300 }, capsule: { ...capsule.capsule, seating: 'upright' } };

describe('tourism: manifest profile and go/no-go from the suborbital model', () => {
  it('bundled capsule ↔ go/no-go class capsule: one record of limits, seats from the vehicle', () => {
    expect(capsule.vehicleClass).toBe('capsule');
    expect(vehicleClassOfSuborbital(capsule)).toBe(TOURISM_VEHICLE_CLASSES['capsule']);
    expect(suborbitalVehicleForClass('capsule')?.id).toBe('capsule');
    expect(suborbitalVehicleForClass('capsule-sea')).toBeUndefined();
    expect(TOURISM_VEHICLE_CLASSES['capsule']!.seats).toBe(capsule.capsule.seats);
  });

  it('manifest profile equals planSuborbitalFlight (capsule, jiuquan): apogee, microgravity, time above 100 km', () => {
    const plan = planManifestProfile(capsule, site, launch, 20);
    const ref = planSuborbitalFlight({ vehicle: capsule, site, launch, samples: 0, abortStepS: 0 });
    const j = manifestProfileJson(plan, ts);
    expect(Math.abs((j['apogeeKm'] as number) - ref.nominal.apogeeKm)).toBeLessThan(1e-3);
    expect(Math.abs((j['microgravityS'] as number) - ref.nominal.microgravityS)).toBeLessThan(0.01);
    expect(Math.abs((j['timeAboveKarmanS'] as number) - ref.nominal.timeAboveKarmanS)).toBeLessThan(0.01);
    const series = j['series'] as { tS: number; altKm: number; g: number }[];
    expect(series.length).toBeGreaterThan(50);
    expect(series.length).toBeLessThan(400);
    expect(Math.max(...series.map((p) => p.altKm))).toBeGreaterThan(ref.nominal.apogeeKm - 0.5);
    expect(j['profileCheck']).toEqual({ passed: true, violations: [] });
    expect((j['landing'] as { ellipse: unknown }).ellipse).not.toBeNull();
  });

  it('a profile over a g limit makes go/no-go NO-GO naming axis, value, limit and time', () => {
    const check = suborbitalProfileCheck(HOT, site, launch);
    expect(check.passed).toBe(false);
    expect(check.violations[0]).toMatch(/^\+Gz \d+\.\d\d g > limit 6 g for more than 1 s at T\+\d+\.\d s/);
    const report = evaluateGoNoGo({ launch, profileCheck: check }, ts);
    const item = report.failing.find((i) => i.item === 'profile-check');
    expect(item?.reason).toBe('limit-exceeded');
    expect(item?.detail).toContain('+Gz');
    expect(suborbitalProfileCheck(capsule, site, launch)).toEqual({ passed: true, violations: [] });
  });
});
