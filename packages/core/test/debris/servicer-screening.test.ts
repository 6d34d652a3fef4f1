/**
 * Servicer conjunction screening (issue #15 item 3), planted-object oracle: an object is planted so that it crosses
 * the servicer's planned transfer 2.0 km away at a chosen epoch; the screening of the servicer's ephemeris (exact J2
 * leg between GTOC9 debris 0 and 115) must find it at that epoch, in the transfer phase, with that miss distance, while
 * the arrival target itself (flown with during the stay) is excluded as the servicer's own target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEphemerisInput, createTimeScales, exactLeg, propagateJ2, debrisState, readGtoc9Debris, screenServicer, initialMassKg, type PlannedMission, type State } from '../../src/index.ts';
import { sharedData } from '../catalog-helpers.ts';

const path = sharedData('gtoc9', 'gtoc9_debris.csv');
const present = existsSync(path);
const ts = createTimeScales();
// GTOC9 plan days mapped to real UTC days: plan day 23467 (the campaign start) ↦ 2026-03-12 (MJD2000 9567).
const SHIFT_DAYS = 23467 - 9567;
const epochOf = (d: number) => {
  const u = d - SHIFT_DAYS;
  const day = Math.floor(u);
  return ts.fromUtcDaySeconds(51544 + day, (u - day) * 86400);
};

describe.skipIf(!present)(`servicer screening, planted object on a GTOC9 leg${present ? '' : ' (SKIPPED: ../shared/data/gtoc9/gtoc9_debris.csv is absent)'}`, () => {
  it('finds the planted object at the planted epoch and excludes the own target', () => {
    const all = readGtoc9Debris(readFileSync(path, 'utf8'));
    const byId = new Map(all.map((d) => [d.id, d]));
    const a = byId.get(0)!, b = byId.get(115)!;
    const depart = 23480.25;
    const leg = exactLeg(a, b, depart)!;
    expect(leg).toBeDefined();
    const mission: PlannedMission = {
      debris: [0, 115], legs: [leg], startMjd2000: depart - 5, endMjd2000: leg.arriveMjd2000 + 5,
      m0Kg: initialMassKg([leg]), deltaVKms: leg.dvKms, costMeur: 0,
    };
    // Planted crossing: 40% into the transfer, 2.0 km above it (radial offset, normal to both velocities), velocity turned 90° about r.
    const tau = leg.departMjd2000 + 0.4 * (leg.arriveMjd2000 - leg.departMjd2000);
    const s = propagateJ2({ r: leg.depart.r, v: leg.v1 }, (tau - leg.departMjd2000) * 86400);
    const [x, y, z] = s.r, [vx, vy, vz] = s.v;
    const rn = Math.hypot(x, y, z);
    const rHat = [x / rn, y / rn, z / rn];
    // v' = v rotated 90° about r̂: (r̂ × v) (v ⟂ r̂ near circular orbits).
    const vRot = [rHat[1]! * vz - rHat[2]! * vy, rHat[2]! * vx - rHat[0]! * vz, rHat[0]! * vy - rHat[1]! * vx];
    const planted0: State = { r: [x + 2 * rHat[0]!, y + 2 * rHat[1]!, z + 2 * rHat[2]!], v: [vRot[0]!, vRot[1]!, vRot[2]!] };
    const from = leg.departMjd2000 - 0.5, to = leg.arriveMjd2000 + 1;
    // Secondary ephemerides must cover the whole window: the planted object is propagated (J2) backwards and forwards from τ.
    const days: number[] = [], states: [number, number, number, number, number, number][] = [];
    for (const dir of [-1, 1]) {
      let p = planted0;
      for (let k = dir === -1 ? 0 : 1; ; k++) {
        const d = tau + (dir * k * 60) / 86400;
        if (k > 0) p = propagateJ2(p, dir * 60);
        days.push(d);
        states.push([...p.r, ...p.v]);
        if ((dir === -1 && d < from - 0.01) || (dir === 1 && d > to + 0.01)) break;
      }
    }
    const order = days.map((_, k) => k).sort((i, j) => days[i]! - days[j]!);
    const sortedDays = order.map((k) => days[k]!), sortedStates = order.map((k) => states[k]!);
    const planted = createEphemerisInput({ catalogNumber: 90001, frame: 'EME2000', epochs: sortedDays.map(epochOf), states: sortedStates, interpolation: 'HERMITE', interpolationDegree: 3, source: 'planted' }, ts);
    // The arrival target as a catalog object (its own ephemeris), to check the own-target exclusion.
    const tDays: number[] = [], tStates: [number, number, number, number, number, number][] = [];
    for (let d = from - 0.02; d <= to + 0.02; d += 60 / 86400) {
      const q = debrisState(b, d);
      tDays.push(d);
      tStates.push([...q.r, ...q.v]);
    }
    const target = createEphemerisInput({ catalogNumber: 115, frame: 'EME2000', epochs: tDays.map(epochOf), states: tStates, interpolation: 'HERMITE', interpolationDegree: 3, source: 'target 115' }, ts);
    const r = screenServicer(mission, byId, [], { epochOf, fromMjd2000: from, toMjd2000: to, frame: 'EME2000', standOffKm: 10 }, ts, [planted, target]);
    expect(r.skipped).toEqual([]);
    // Two near-circular orbits crossing at 90° meet again near the opposite node after half a revolution while their
    // phases stay close: the encounter of interest is the one at τ, and there is exactly one within 10 minutes of it.
    const hits = r.conflicts.filter((c) => c.objectId === 90001).sort((p, q) => Math.abs(p.tcaMjd2000 - tau) - Math.abs(q.tcaMjd2000 - tau));
    expect(hits.filter((c) => Math.abs(c.tcaMjd2000 - tau) < 600 / 86400).length).toBe(1);
    const hit = hits[0]!;
    const dtS = Math.abs(hit.tcaMjd2000 - tau) * 86400;
    console.info(`planted crossing (${hits.length} encounters in the window): TCA off by ${dtS.toFixed(3)} s, miss ${hit.missDistanceKm.toFixed(4)} km (planted 2.0000), ${r.ephemerisSamples} servicer samples, ${r.excludedOwnTarget} own-target encounters excluded`);
    expect(dtS).toBeLessThan(1);
    expect(Math.abs(hit.missDistanceKm - 2)).toBeLessThan(0.05);
    expect(hit.phase).toBe('transfer');
    expect(hit.fromTarget).toBe(0);
    expect(hit.toTarget).toBe(115);
    expect(Math.abs(hit.tca.secondsSince(epochOf(tau)))).toBeLessThan(1);
    expect(r.conflicts.filter((c) => c.objectId === 115)).toEqual([]);
    expect(r.excludedOwnTarget).toBeGreaterThan(0);
  });
});
