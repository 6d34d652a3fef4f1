/**
 * Oracles: (1) the textbook spherical-trigonometry launch azimuth with Earth-rotation correction (Vallado 2013 §6.4,
 * Curtis §4): sin β_I = cos i / cos φ, tan β_R = (V sin β_I − ω⊕ R cos φ)/(V cos β_I), written here independently of
 * the vector method of windows.ts; tolerance 0.1°. (2) A brute-force scan, written separately in this file: the site's
 * ITRF position is rotated to TEME with the frames module every 5 s over the day and dotted with the plane normal;
 * each sign change is bisected to 1 ms. Launch times must agree within 1 s.
 */
import { describe, expect, it } from 'vitest';
import { createTimeScales, geodeticToItrf, itrfToTeme, vec3 } from '../../src/index.ts';
import { findLaunchSite, launchAzimuth, launchOpportunities, siteGeocentric, SITE_NETWORK, type TargetPlane } from '../../src/launch/index.ts';
import { EARTH_MU_KM3S2, EARTH_ROTATION_RAD_S, WGS84 } from '../../src/units/index.ts';
import type { Instant } from '../../src/time/index.ts';

const ts = createTimeScales();
const D = Math.PI / 180;

function textbookAzimuthDeg(latRad: number, radiusKm: number, incRad: number, altKm: number, branch: 'ascending' | 'descending'): number {
  const bI0 = Math.asin(Math.cos(incRad) / Math.cos(latRad));
  const bI = branch === 'ascending' ? bI0 : Math.PI - bI0;
  const v = Math.sqrt(EARTH_MU_KM3S2 / (WGS84.aKm + altKm));
  const vRot = EARTH_ROTATION_RAD_S * radiusKm * Math.cos(latRad);
  const a = Math.atan2(v * Math.sin(bI) - vRot, v * Math.cos(bI)) / D;
  return (a + 360) % 360;
}

describe('launch azimuth vs the spherical-trigonometry formula with Earth rotation (Vallado §6.4)', () => {
  it('all launch sites, inclinations from |lat| to 180 − |lat|, both branches, within 0.1°', () => {
    let worst = 0;
    let cases = 0;
    for (const site of SITE_NETWORK.filter((s) => s.kind === 'launch-site' || s.kind === 'sea-launch')) {
      const g = siteGeocentric(site);
      for (let incDeg = Math.ceil(Math.abs(g.latRad) / D) + 0.5; incDeg < 180 - Math.abs(g.latRad) / D; incDeg += 3.7) {
        for (const branch of ['ascending', 'descending'] as const) {
          for (const alt of [300, 800, 1068.5]) {
            const got = launchAzimuth(g.latRad, g.radiusKm, incDeg * D, alt, branch).azimuthRad / D;
            const want = textbookAzimuthDeg(g.latRad, g.radiusKm, incDeg * D, alt, branch);
            const err = Math.abs(((got - want + 540) % 360) - 180);
            worst = Math.max(worst, err);
            cases++;
          }
        }
      }
    }
    console.info(`launch azimuth: ${cases} cases, worst |Δ| = ${worst.toExponential(2)}°`);
    expect(worst).toBeLessThan(0.1);
  });

  it('Taiyuan to 89° descending heads about 181° (the direct ascent of the issue)', () => {
    const g = siteGeocentric(findLaunchSite('taiyuan'));
    const az = launchAzimuth(g.latRad, g.radiusKm, 89 * D, 800, 'descending').azimuthRad / D;
    expect(az).toBeGreaterThan(180.5);
    expect(az).toBeLessThan(182.5);
  });

  it('an unreachable inclination is a clear ArgumentError', () => {
    const g = siteGeocentric(findLaunchSite('taiyuan'));
    expect(() => launchAzimuth(g.latRad, g.radiusKm, 20 * D, 500, 'ascending')).toThrow(/not reachable directly/);
  });
});

/** Brute force: times in the day when the site's TEME position vector crosses the plane. */
function bruteForceCrossings(siteId: string, plane: TargetPlane, start: Instant): { t: number; ascending: boolean }[] {
  const site = findLaunchSite(siteId);
  const rItrf = geodeticToItrf({ latRad: site.latDeg * D, lonRad: site.lonDeg * D, heightKm: site.heightKm });
  const zero = vec3<'ITRF'>(0, 0, 0);
  const f = (s: number): { d: number; asc: boolean } => {
    const t = start.plusSeconds(s);
    const r = itrfToTeme({ r: rItrf, v: zero }, t, ts).r;
    const raan = plane.raanRad + (plane.raanRateRadS ?? 0) * s;
    const h = [Math.sin(plane.inclinationRad) * Math.sin(raan), -Math.sin(plane.inclinationRad) * Math.cos(raan), Math.cos(plane.inclinationRad)];
    return { d: r[0] * h[0]! + r[1] * h[1]! + r[2] * h[2]!, asc: r[0] * Math.cos(raan) + r[1] * Math.sin(raan) > 0 };
  };
  const out: { t: number; ascending: boolean }[] = [];
  let prev = f(0).d;
  for (let s = 5; s <= 86400; s += 5) {
    const cur = f(s).d;
    if (Math.sign(cur) !== Math.sign(prev)) {
      let lo = s - 5;
      let hi = s;
      while (hi - lo > 1e-3) {
        const mid = (lo + hi) / 2;
        if (Math.sign(f(mid).d) === Math.sign(f(lo).d)) lo = mid;
        else hi = mid;
      }
      out.push({ t: (lo + hi) / 2, ascending: f((lo + hi) / 2).asc });
    }
    prev = cur;
  }
  return out;
}

describe('launch times vs a brute-force scan of the site crossing the plane', () => {
  const cases: { site: string; plane: TargetPlane; day: string }[] = [
    { site: 'taiyuan', plane: { raanRad: 269.92 * D, inclinationRad: 89 * D }, day: '2024-08-06' },
    { site: 'wenchang', plane: { raanRad: 123.4 * D, inclinationRad: 41.47 * D, raanRateRadS: -5.0 * D / 86400 }, day: '2026-03-10' },
    { site: 'jiuquan', plane: { raanRad: 10 * D, inclinationRad: 97.6 * D, raanRateRadS: 0.9856 * D / 86400 }, day: '2026-12-31' },
    { site: 'xichang', plane: { raanRad: 300 * D, inclinationRad: 55 * D }, day: '2025-06-01' },
  ];
  for (const c of cases) {
    it(`${c.site} to i=${(c.plane.inclinationRad / D).toFixed(2)}° RAAN ${(c.plane.raanRad / D).toFixed(2)}° on ${c.day}: within 1 s`, () => {
      const start = ts.parseUtcIso(`${c.day}T00:00:00Z`);
      const got = launchOpportunities(findLaunchSite(c.site), c.plane, { start, altitudeKm: 800 }, ts);
      const want = bruteForceCrossings(c.site, c.plane, start);
      expect(got.length).toBe(want.length);
      expect(got.length).toBeGreaterThanOrEqual(2);
      let worst = 0;
      for (let k = 0; k < want.length; k++) {
        const g = got[k]!;
        expect(g.branch).toBe(want[k]!.ascending ? 'ascending' : 'descending');
        worst = Math.max(worst, Math.abs(g.time.secondsSince(start) - want[k]!.t));
      }
      console.info(`${c.site}: ${got.length} opportunities, worst |Δt| = ${worst.toFixed(4)} s`);
      expect(worst).toBeLessThan(1);
    });
  }

  it('a plane below the site latitude gets a dog-leg opportunity with its plane-change cost', () => {
    const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const ops = launchOpportunities(findLaunchSite('jiuquan'), { raanRad: 0, inclinationRad: 35 * D }, { start, altitudeKm: 400 }, ts);
    expect(ops.length).toBeGreaterThanOrEqual(1);
    const g = siteGeocentric(findLaunchSite('jiuquan'));
    const dI = Math.abs(g.latRad) - 35 * D;
    const v = Math.sqrt(EARTH_MU_KM3S2 / (WGS84.aKm + 400));
    expect(ops[0]!.branch).toBe('dogleg-ascending');
    expect(ops[0]!.planeChangeRad).toBeCloseTo(dI, 9);
    expect(ops[0]!.planeChangeDeltaVKmS).toBeCloseTo(2 * v * Math.sin(dI / 2), 9);
  });
});
