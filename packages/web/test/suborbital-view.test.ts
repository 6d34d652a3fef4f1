/**
 * Suborbital panel helpers (no browser): the chart series and violation lines built from a profile computed by the
 * core (the JSON of POST /api/v1/suborbital/profile), checked against the profile's own figures.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, findLaunchSite, findSuborbitalVehicle, planSuborbitalFlight, suborbitalPlanJson } from '@skylane/core';
import { ellipseRing, profileSeries, violationText, type SuborbitalProfileView } from '../src/tourism/suborbitalView.ts';

describe('suborbital panel view', () => {
  const ts = createTimeScales();
  const plan = planSuborbitalFlight({ site: findLaunchSite('jiuquan'), vehicle: findSuborbitalVehicle('capsule'), launch: ts.parseUtcIso('2026-12-07T03:00:00Z'), samples: 10, abortStepS: 0 });
  const view = JSON.parse(JSON.stringify(suborbitalPlanJson(plan, ts))) as SuborbitalProfileView;
  it('altitude and g series span the flight; the altitude peak is the apogee within the 2 s sampling', () => {
    const s = profileSeries(view);
    expect(s.altitude.length).toBe(view.series.length);
    expect(s.altitude[0]![0]).toBe(0);
    // The last sample is the last integration step before the interpolated touchdown (steps ≤ 1 s near the ground).
    expect(view.flightDurationS - s.altitude.at(-1)![0]).toBeGreaterThanOrEqual(0);
    expect(view.flightDurationS - s.altitude.at(-1)![0]).toBeLessThan(1.01);
    const peak = Math.max(...s.altitude.map((p) => p[1]));
    expect(view.apogeeKm - peak).toBeGreaterThanOrEqual(0);
    expect(view.apogeeKm - peak).toBeLessThan(0.05);
    expect(Math.max(...s.g.map((p) => p[1]))).toBeLessThanOrEqual(Math.max(view.maxAscentG, view.maxReentryG, view.maxParachuteG) + 1e-3);
  });
  it('violation line and ellipse ring', () => {
    expect(violationText({ axis: '+Gx', tS: 109.82, startS: 99.82, durationS: 15.36, valueG: 12, limitG: 10, allowedDurationS: 10 })).toBe('T+109.8 s +Gx 12.0 g > 10 g (allowed 10 s, lasted 15.4 s)');
    const ring = ellipseRing(view.landing.ellipse!);
    expect(ring.length).toBe(2 * view.landing.ellipse!.polygonLonLatDeg.length);
    expect(Math.abs(ring[1]! - view.landing.lat)).toBeLessThan(0.2);
  });
});
