/**
 * Landing dispersion and ascent aborts (issue 19). Oracles: simulate-then-check. An abort's 3σ landing ellipse is
 * predicted from 100 seeded Monte Carlo aborts; 20 further aborts at the same time with perturbations drawn from a
 * different seed (independent samples of the same model) must land inside it (3σ: 98.9 % expected). Reproducibility:
 * the same seed gives identical landings and ellipses; another seed gives different ones.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/index.ts';
import { findLaunchSite, seededNormal } from '../../src/launch/index.ts';
import { analyseAbort, DEFAULT_SUBORBITAL_DISPERSION, drawSuborbitalPerturbation, findSuborbitalVehicle, flySuborbital, insideEllipse, parseSuborbitalVehicle, planSuborbitalFlight, SUBORBITAL_VEHICLES, suborbitalPlanJson } from '../../src/tourism/index.ts';
import { ArgumentError } from '../../src/errors/index.ts';

const ts = createTimeScales();
const site = findLaunchSite('jiuquan');
const vehicle = findSuborbitalVehicle('capsule');

describe('ascent abort: lands inside its predicted area', () => {
  it('abort at T+60 s (powered ascent): 20 independent aborts inside the 3σ ellipse of 100 seeded ones', () => {
    const a = analyseAbort({ site, vehicle, abortAtS: 60, samples: 100, seed: 11 });
    expect(a.mode).toBe('ascent-escape');
    expect(a.available).toBe(true);
    const nrm = seededNormal(977);
    let inside = 0;
    let worst = 0;
    for (let k = 0; k < 20; k++) {
      const f = flySuborbital({ site, vehicle, abortAtS: 60, perturbation: drawSuborbitalPerturbation(nrm, DEFAULT_SUBORBITAL_DISPERSION), record: false });
      if (insideEllipse(a.ellipse, f.landing)) inside++;
      worst = Math.max(worst, Math.hypot(f.landing.latRad - a.ellipse.center.latRad, (f.landing.lonRad - a.ellipse.center.lonRad) * Math.cos(f.landing.latRad)) * 6371);
    }
    console.info(`abort T+60 s: ellipse ${a.ellipse.semiMajorKm.toFixed(2)} × ${a.ellipse.semiMinorKm.toFixed(2)} km, range ${a.rangeKm.toFixed(2)} km, apogee ${a.apogeeKm.toFixed(2)} km, max ${a.maxG.toFixed(2)} g; ${inside}/20 inside, farthest ${worst.toFixed(2)} km from the centre`);
    expect(inside).toBeGreaterThanOrEqual(19);
    expect(insideEllipse(a.ellipse, a.landing)).toBe(true);
  });

  it('pad abort is available and lands near the pad; the escape motor lifts the capsule above its main-parachute deployment', () => {
    const a = analyseAbort({ site, vehicle, abortAtS: 0, samples: 0, seed: 1 });
    expect(a.mode).toBe('pad-escape');
    expect(a.available).toBe(true);
    expect(a.rangeKm).toBeLessThan(2);
    expect(a.apogeeKm).toBeGreaterThan(0.2);
  });
});

describe('landing dispersion: reproducible with a seed', () => {
  const launch = ts.parseUtcIso('2026-12-07T03:00:00Z');
  const run = (seed: number) => planSuborbitalFlight({ site, vehicle, launch, samples: 40, seed, abortStepS: 0 });
  it('same seed → identical landings and ellipses; another seed → different; ≥ 95 % of samples inside the 3σ ellipse', () => {
    const a = run(5);
    const b = run(5);
    const c = run(6);
    expect(b.capsuleLandings).toEqual(a.capsuleLandings);
    expect(b.boosterLandings).toEqual(a.boosterLandings);
    expect(b.capsuleEllipse).toEqual(a.capsuleEllipse);
    expect(c.capsuleLandings).not.toEqual(a.capsuleLandings);
    const inside = a.capsuleLandings.filter((p) => insideEllipse(a.capsuleEllipse!, p)).length;
    expect(inside / a.capsuleLandings.length).toBeGreaterThanOrEqual(0.95);
    expect(a.hazardAreas.map((h) => h.id)).toEqual(['capsule-landing', 'booster-landing']);
    // Hazard areas are active from liftoff (capsule) / before separation (booster) to after the last landing.
    const cap = a.hazardAreas[0]!;
    expect(cap.activeTo.secondsSince(launch)).toBeGreaterThan(Math.max(...a.capsuleLandings.map((l) => l.tS)));
    const j = suborbitalPlanJson(a, ts) as { landing: { lat: number; lon: number; ellipse: { semiMajorKm: number } }; apogeeKm: number };
    expect(j.landing.lat).toBeCloseTo(40.97, 1);
    expect(j.landing.ellipse.semiMajorKm).toBeGreaterThan(0.5);
    expect(j.apogeeKm).toBeGreaterThan(100);
  });
});

describe('vehicle JSON', () => {
  it('the bundled capsule round-trips through JSON; a bad field is refused with ARGUMENT_INVALID naming it', () => {
    expect(parseSuborbitalVehicle(JSON.parse(JSON.stringify(SUBORBITAL_VEHICLES[0])))).toEqual(SUBORBITAL_VEHICLES[0]);
    const bad = JSON.parse(JSON.stringify(vehicle)) as { booster: { ispVacS: unknown } };
    bad.booster.ispVacS = 'high';
    expect(() => parseSuborbitalVehicle(bad)).toThrow(/vehicle\.booster\.ispVacS/);
    expect(() => parseSuborbitalVehicle(bad)).toThrow(ArgumentError);
    expect(() => findSuborbitalVehicle('rocketplane')).toThrow(/Bundled: capsule/);
  });
});
