/**
 * Oracle: launch_sites.csv (validation/launch-sites; Joey0609/notams column A, MIT, and wohaco/despace column B).
 * Site-level accuracy: 1 km of column A for the four classic centres, 5 km for the single-source Hainan commercial site
 * (the PROVENANCE's tolerances); the Hainan commercial site and Wenchang stay distinct. Unknown ids are clear errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distanceKm, findLaunchSite, findSite, launchSites, SITE_NETWORK } from '../../src/launch/index.ts';

const D = Math.PI / 180;
const here = path.dirname(fileURLToPath(import.meta.url));
const rows = readFileSync(path.resolve(here, '../../../../validation/launch-sites/launch_sites.csv'), 'utf8').trim().split('\n').slice(1);
const csv = new Map(rows.map((l) => {
  const name = l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(',')[0]!;
  const rest = l.slice(l.startsWith('"') ? l.indexOf('"', 1) + 2 : name.length + 1).split(',');
  return [name, { lat: Number(rest[1]), lon: Number(rest[2]) }] as const;
}));

describe('launch-site network vs launch_sites.csv (column A)', () => {
  const cases: [string, string, number][] = [
    ['jiuquan', 'Jiuquan Satellite Launch Center', 1],
    ['taiyuan', 'Taiyuan Satellite Launch Center', 1],
    ['wenchang', 'Wenchang Space Launch Site', 1],
    ['xichang', 'Xichang Satellite Launch Center', 1],
    ['hainan-commercial', 'Hainan Commercial Spacecraft Launch Site', 5],
  ];
  for (const [id, name, tolKm] of cases) {
    it(`${id} within ${tolKm} km of column A`, () => {
      const s = findLaunchSite(id);
      const ref = csv.get(name)!;
      const d = distanceKm({ latRad: s.latDeg * D, lonRad: s.lonDeg * D }, { latRad: ref.lat * D, lonRad: ref.lon * D });
      expect(d).toBeLessThan(tolKm);
    });
  }
  it('Hainan commercial and Wenchang are distinct sites ~2.8 km apart; the commercial site has two pads', () => {
    const a = findLaunchSite('hainan-commercial');
    const b = findLaunchSite('wenchang');
    const d = distanceKm({ latRad: a.latDeg * D, lonRad: a.lonDeg * D }, { latRad: b.latDeg * D, lonRad: b.lonDeg * D });
    expect(d).toBeGreaterThan(2.5);
    expect(d).toBeLessThan(3.1);
    expect(a.pads.length).toBe(2);
  });
  it('six launch sites (Haiyang as a sea-launch point), land landing zones and maritime recovery areas', () => {
    expect(launchSites().map((s) => s.id).sort()).toEqual(['hainan-commercial', 'haiyang-sea', 'jiuquan', 'taiyuan', 'wenchang', 'xichang']);
    expect(SITE_NETWORK.filter((s) => s.kind === 'landing-zone-land').length).toBe(2);
    expect(SITE_NETWORK.filter((s) => s.kind === 'recovery-area-sea').length).toBeGreaterThanOrEqual(2);
    for (const s of launchSites()) expect(s.azimuthSectors.length).toBeGreaterThan(0);
  });
  it('unknown site and non-launch place are clear errors', () => {
    expect(() => findSite('kourou')).toThrow(/Unknown site "kourou". Known sites: jiuquan/);
    expect(() => findLaunchSite('minqin-cz12a')).toThrow(/not a launch site/);
  });
});
