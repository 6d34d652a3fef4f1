/**
 * Oracle: the published hazard areas of two later CZ-6A Qianfan launches from Taiyuan (validation/notam-drop-zones, MIT):
 * - Qianfan polar group 2, 2024-10-15 11:06 UTC (SpaceNews, 2024-10-15, as quoted at instapundit.com/677924), NOTAMs
 *   A3345/24, A3347/24, A3349/24 (window 10:58–11:25 UTC; a second set A3245–A3248/24 for 11:14–11:43 has the same boxes);
 * - Qianfan polar group 4 (flat-panel "Polar group 6" satellites), 2025-01-23 05:11 UTC (spacefrontpage.com, "China
 *   launches fourth batch of Thousand Sails satellites"), NOTAMs A0203/25, A0204/25, A0205/25.
 * Both are in orbits inclined by 89° (spacefrontpage.com) with the 800 km insertion of group 1 (launch_events.csv).
 * These pairings were added for VALIDATION AFTER the CZ-6A model was set (vehicles.ts, unchanged by them; nothing was
 * tuned to them). The boosters' 15 % criterion is the KNOWN GAP asserted in cz6a-qianfan-dropzones.test.ts; here the
 * fairing and first stage are held to the issue's tolerances (15 % downrange, 50 km cross-track), the boosters to the
 * loose bound of that test, and the activation windows to the NOTAM windows for the cited launch times.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/index.ts';
import { compareHazardAreas, distanceKm, findLaunchSite, parseNotamDatabase, planLaunch, polygonCentroid, type NotamRecord } from '../../src/launch/index.ts';

const ts = createTimeScales();
const D = Math.PI / 180;
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../../validation/notam-drop-zones');
const bundle = JSON.parse(gunzipSync(readFileSync(path.join(dir, 'notam_db.json.gz'))).toString('utf8')) as Record<string, string>;
const records = (file: string, codes: readonly string[]): NotamRecord[] => parseNotamDatabase(JSON.parse(bundle[file]!), file, ts).records.filter((r) => codes.includes(r.code));

const FLIGHTS = [
  { name: 'Qianfan polar group 2, 2024-10-15 11:06 UTC', launch: '2024-10-15T11:06:00Z', file: '2024-10.json', codes: ['A3345/24', 'A3347/24', 'A3349/24'] },
  { name: 'Qianfan polar group 4, 2025-01-23 05:11 UTC', launch: '2025-01-23T05:11:00Z', file: '2025-01.json', codes: ['A0203/25', 'A0204/25', 'A0205/25'] },
] as const;

/** The booster area of the 2024-08-06 acceptance case (A2241/24), to show that the booster box recurs (a vehicle property). */
const a2241 = records('2024-08.json', ['A2241/24'])[0]!;

describe('CZ-6A later Qianfan flights from Taiyuan: predicted drop zones vs their NOTAMs (validation after the model was set)', () => {
  for (const f of FLIGHTS) {
    it(`${f.name}: fairing and first stage within 15 % / 50 km, boosters within the loose bound, windows overlap`, () => {
      const published = records(f.file, f.codes);
      expect(published.length).toBe(3);
      const site = findLaunchSite('taiyuan');
      // The booster area is the same box as on 2024-08-06 (centroids within 5 km): the 331–333 km fall is a property of the vehicle.
      const boosterArea = published.map((a) => ({ a, d: distanceKm({ latRad: site.latDeg * D, lonRad: site.lonDeg * D }, polygonCentroid(a.polygon)) })).sort((x, y) => x.d - y.d)[0]!.a;
      expect(distanceKm(polygonCentroid(boosterArea.polygon), polygonCentroid(a2241.polygon))).toBeLessThan(5);

      const plan = planLaunch({ siteId: 'taiyuan', vehicleId: 'cz-6a', inclinationRad: 89 * D, altitudeKm: 800, launch: ts.parseUtcIso(f.launch), samples: 40, seed: 11 }, ts);
      expect(plan.dropZones.length).toBe(3);
      const cmp = compareHazardAreas(site, plan.dropZones, published);
      for (const c of cmp) console.info(`${f.name}: ${c.published} ↔ ${c.element}: published ${c.publishedDownrangeKm.toFixed(0)} km, predicted ${c.predictedDownrangeKm.toFixed(0)} km (${(100 * c.downrangeRelativeError).toFixed(1)} %), cross-track ${c.crossTrackKm.toFixed(1)} km`);
      expect(cmp.map((c) => c.element)).toEqual(['boosters', 'fairing', 'first-stage']);
      for (const c of cmp) {
        if (c.element === 'boosters') {
          // KNOWN GAP (cz6a-qianfan-dropzones.test.ts): loose bound only.
          expect(Math.abs(c.downrangeRelativeError), `${c.published} boosters downrange`).toBeLessThan(1);
          expect(Math.abs(c.crossTrackKm), `${c.published} boosters cross-track`).toBeLessThan(250);
        } else {
          expect(Math.abs(c.downrangeRelativeError), `${c.published} ${c.element} downrange`).toBeLessThan(0.15);
          expect(Math.abs(c.crossTrackKm), `${c.published} ${c.element} cross-track`).toBeLessThan(50);
        }
        const z = plan.dropZones.find((x) => x.element === c.element)!;
        const a = published.find((x) => x.code === c.published)!;
        expect(z.activeFrom.isBefore(a.activeTo) && a.activeFrom.isBefore(z.activeTo), `${c.published} window overlaps ${c.element} activation`).toBe(true);
      }
    });
  }
});
