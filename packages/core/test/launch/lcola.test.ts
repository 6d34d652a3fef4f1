/**
 * Oracle: construction. An object is planted on the ascent path of one candidate launch time (an ephemeris crossing
 * the vehicle's track 2 km away at ~180 km height, on a circular orbit at right angles to it); LCOLA with the existing
 * screening engine must black out that candidate, name the object and place its TCA at the planted time (within 1 s),
 * and leave launch times 10 min away clear of it. A second object planted 100 km away conflicts only when it is
 * declared crewed (200 km stand-off) and not as an uncrewed object (25 km).
 */
import { describe, expect, it } from 'vitest';
import { createEphemerisInput, createTimeScales, type EphemerisInput, type Instant } from '../../src/index.ts';
import { coast, inertialToEarthFixed, planLaunch, screenLaunchWindow, type AscentResult } from '../../src/launch/index.ts';
import { loadCatalog } from '../screening-helpers.ts';

const ts = createTimeScales();
const D = Math.PI / 180;
const start = ts.parseUtcIso('2026-03-10T06:00:00Z');
const end = ts.parseUtcIso('2026-03-10T06:20:00Z');
const plan = planLaunch({ siteId: 'taiyuan', vehicleId: 'cz-6a', inclinationRad: 89 * D, altitudeKm: 800, launch: start, samples: 0 }, ts);
const ascent: AscentResult = plan.ascent;
const catalog = loadCatalog()
  .filter((e) => e.meanMotionRevPerDay > 11)
  .slice(0, 400);

/** An object crossing the ascent `offsetKm` from the vehicle at height ~180 km, for a launch at `launch`. */
function planted(id: number, launch: Instant, offsetKm: number): { input: EphemerisInput; tca: Instant } {
  const p = ascent.track.filter((q) => q.tS < ascent.cutoff.tS).reduce((a, q) => (Math.abs(q.altKm - 180) < Math.abs(a.altKm - 180) ? q : a));
  const rn = Math.hypot(...p.r);
  const up = p.r.map((x) => x / rn);
  const r0 = p.r.map((x, k) => x + offsetKm * up[k]!);
  // Velocity: circular speed, horizontal, at right angles to the vehicle's horizontal velocity.
  const vh = p.v.map((x, k) => x - (p.v[0]! * up[0]! + p.v[1]! * up[1]! + p.v[2]! * up[2]!) * up[k]!);
  const c = [up[1]! * vh[2]! - up[2]! * vh[1]!, up[2]! * vh[0]! - up[0]! * vh[2]!, up[0]! * vh[1]! - up[1]! * vh[0]!];
  const cn = Math.hypot(c[0]!, c[1]!, c[2]!);
  const vc = Math.sqrt(398600.4418 / Math.hypot(...r0));
  const v0 = c.map((x) => (x / cn) * vc);
  const span = ts.utcClockSecondsBetween(start, end) + ascent.cutoff.tS + 10800 + 600;
  const back = coast(r0, v0, p.tS, -(ts.utcClockSecondsBetween(start, launch) + p.tS + 60), 20).reverse();
  const fwd = coast(r0, v0, p.tS, span, 20).slice(1);
  const nodes = [...back, ...fwd];
  const epochs = nodes.map((q) => ts.plusUtcClockSeconds(launch, q.tS));
  const states = nodes.map((q) => {
    const e = inertialToEarthFixed(q.r, q.v, q.tS);
    return [...e.r, ...e.v] as [number, number, number, number, number, number];
  });
  return { input: createEphemerisInput({ catalogNumber: id, frame: 'ITRF', epochs, states, source: 'planted' }, ts), tca: ts.plusUtcClockSeconds(launch, p.tS) };
}

describe('LCOLA: a planted catalog object on the ascent path produces a blackout', () => {
  const launchStar = ts.parseUtcIso('2026-03-10T06:10:00Z');
  it('blacks out the planted candidate and only around it', () => {
    const obj = planted(900001, launchStar, 2);
    const t0 = performance.now();
    const res = screenLaunchWindow(ascent, catalog, { windowStart: start, windowEnd: end, launchStepS: 60, parkingDurationS: 3600 }, ts, [obj.input]);
    console.info(`LCOLA: ${res.candidates.length} candidates × ${res.objectsScreened} objects in ${((performance.now() - t0) / 1000).toFixed(1)} s; blackouts ${res.blackouts.map((b) => `${ts.formatUtcIso(b.from, 0)}–${ts.formatUtcIso(b.to, 0)} [${b.conflicts.map((c) => `${c.objectId}@${c.missDistanceKm.toFixed(1)}km/${c.phase}`).join(',')}]`).join('; ')}`);
    const hit = res.candidates.find((c) => c.launch.equals(launchStar))!;
    const conflict = hit.conflicts.find((c) => c.objectId === 900001);
    expect(conflict).toBeDefined();
    expect(conflict!.phase).toBe('ascent');
    expect(conflict!.missDistanceKm).toBeLessThan(25);
    expect(Math.abs(conflict!.tca.secondsSince(obj.tca))).toBeLessThan(1);
    const b = res.blackouts.find((x) => !launchStar.isBefore(x.from) && !x.to.isBefore(launchStar));
    expect(b).toBeDefined();
    for (const c of res.candidates) {
      if (Math.abs(c.launch.secondsSince(launchStar)) >= 600) expect(c.conflicts.some((x) => x.objectId === 900001)).toBe(false);
    }
  }, 120000);

  it('a crewed object 100 km from the ascent is a conflict only under the 200 km crewed stand-off', () => {
    const obj = planted(900002, launchStar, 100);
    const w = { windowStart: ts.parseUtcIso('2026-03-10T06:09:00Z'), windowEnd: ts.parseUtcIso('2026-03-10T06:11:00Z'), launchStepS: 60, parkingDurationS: 1200 };
    const asUncrewed = screenLaunchWindow(ascent, [], w, ts, [obj.input]);
    expect(asUncrewed.blackouts.length).toBe(0);
    const asCrewed = screenLaunchWindow(ascent, [], { ...w, crewedIds: [900002] }, ts, [obj.input]);
    const c = asCrewed.candidates.find((x) => x.launch.equals(launchStar))!.conflicts.find((x) => x.objectId === 900002);
    expect(c?.crewed).toBe(true);
    expect(c!.missDistanceKm).toBeGreaterThan(90);
    expect(c!.missDistanceKm).toBeLessThan(110);
  }, 120000);
});
