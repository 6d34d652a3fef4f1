/**
 * Tourism tab flight-summary helpers (no browser): the chart series and landing-ellipse drawing built from a
 * manifest profile computed by the core (manifestProfileJson, as cached on a flight), checked against its own figures.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, findLaunchSite, findSuborbitalVehicle, manifestProfileJson, planManifestProfile } from '@skylane/core';
import { landingEllipsePath, summarySeries, type FlightSummaryView } from '../src/tourism/tourismView.ts';

describe('tourism flight summary view', () => {
  const ts = createTimeScales();
  const p = manifestProfileJson(planManifestProfile(findSuborbitalVehicle('capsule'), findLaunchSite('jiuquan'), ts.parseUtcIso('2026-12-07T03:00:00Z'), 10), ts) as Record<string, unknown> & { apogeeKm: number; peakG: number };
  const summary = JSON.parse(JSON.stringify({ flightId: 1, flight: 'SUB-1', profileAvailable: true, profileSource: 'computed', keyNumbers: {}, timeline: [], landing: p['landing'], plot: p['series'] })) as FlightSummaryView;
  it('altitude and g series: the altitude peak is the apogee within the 5 s sampling; g never above the peak g', () => {
    const s = summarySeries(summary);
    expect(s.altitude.length).toBeGreaterThan(50);
    const peak = Math.max(...s.altitude.map((x) => x[1]));
    expect(p.apogeeKm - peak).toBeGreaterThanOrEqual(0);
    expect(p.apogeeKm - peak).toBeLessThan(0.5);
    expect(Math.max(...s.g.map((x) => x[1]))).toBeLessThanOrEqual(p.peakG + 1e-3);
  });
  it('landing ellipse path: closed, inside the box, major axis spans 80 % of it', () => {
    const e = landingEllipsePath(summary, 200)!;
    expect(e.d.endsWith('Z')).toBe(true);
    const xy = [...e.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(xy.every(([x, y]) => x >= 0 && x <= 200 && y >= 0 && y <= 200)).toBe(true);
    const span = Math.max(...xy.map(([x, y]) => Math.hypot(x - 100, y - 100)));
    expect(Math.abs(span - 80) / 80).toBeLessThan(0.05);
    expect(landingEllipsePath({ ...summary, landing: null }, 200)).toBeNull();
  });
});
