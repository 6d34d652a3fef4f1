/**
 * Oracles: (1) construction: an object planted on the phasing orbit (crossing the chaser's path 1 km above it, at
 * right angles) must be reported by the crewed screening inside the 4 × 50 × 50 km box, in the `phasing-2` phase, at
 * the planted time (≤ 2 s), and one planted 80 km away must not; (2) the return, on an orbit built (by this test) to pass
 * over the Dongfeng landing site, lands (ballistic entry with drag) within 30 km of it, measured by this test's own
 * haversine (the deorbit timing closes the along-track miss; what is left is the cross-track drift of the slow final
 * descent over the turning Earth, ~17 km); deorbit Δv and entry flight-path angle in the published
 * Soyuz/Shenzhou range (Δv 90–160 m/s, γ at 120 km between −0.5° and −3°).
 */
import { describe, expect, it } from 'vitest';
import { EarthOrientation, NumericalPropagator, ZonalGravity, createEphemerisInput, geodeticToItrf, keplerUniversal } from '../../../src/index.ts';
import { findLandingSite, planRendezvous, planReturn, screenCrewedMission } from '../../../src/tourism/orbital/index.ts';
import { D, MU, epoch, insertion, station, ts } from './fixtures.ts';

describe('Crewed screening catches an object planted on the phasing orbit', () => {
  it('reports the planted object in the pizza box, not the far one', () => {
    const plan = planRendezvous({ station, insertion: insertion(20), profile: 'fast' }, ts);
    const p2 = plan.burns.find((b) => b.label === 'phasing-2')!.tS;
    const ti = plan.burns.find((b) => b.label === 'terminal-initiation')!.tS;
    const q = plan.trajectory.find((x) => x.tS > (p2 + ti) / 2)!;
    const plant = (id: number, upKm: number) => {
      const r = q.state.slice(0, 3), v = q.state.slice(3);
      const rn = Math.hypot(...r);
      const up = r.map((x) => x / rn);
      const r0 = r.map((x, k) => x + upKm * up[k]!) as [number, number, number];
      // Velocity: circular speed, horizontal, at right angles to the chaser's velocity.
      const c = [up[1]! * v[2]! - up[2]! * v[1]!, up[2]! * v[0]! - up[0]! * v[2]!, up[0]! * v[1]! - up[1]! * v[0]!];
      const cn = Math.hypot(c[0]!, c[1]!, c[2]!);
      const vc = Math.sqrt(MU / Math.hypot(...r0));
      const v0 = c.map((x) => (x / cn) * vc) as [number, number, number];
      const epochs = [], states: [number, number, number, number, number, number][] = [];
      for (let t = -q.tS - 600; t <= plan.durationS - q.tS + 600; t += 20) {
        const k = keplerUniversal(r0, v0, t, MU);
        epochs.push(plan.insertionEpoch.plusSeconds(q.tS + t));
        states.push([...k.r, ...k.v]);
      }
      return createEphemerisInput({ catalogNumber: id, frame: 'GCRF', epochs, states, source: 'planted' }, ts);
    };
    const res = screenCrewedMission(plan.insertionEpoch, [
      { label: 'phasing-1', samples: plan.trajectory.filter((x) => x.tS <= p2) },
      { label: 'phasing-2', samples: plan.trajectory.filter((x) => x.tS >= p2) },
    ], [], ts, { extra: [plant(900001, 1), plant(900002, 80)] });
    const hit = res.conjunctions.find((c) => c.objectId === 900001);
    console.info(`crewed screening: ${res.conjunctions.map((c) => `${c.objectId} ${c.phase} ${c.missDistanceKm.toFixed(3)} km`).join('; ')}; TCA error ${hit ? Math.abs(hit.tca.secondsSince(plan.insertionEpoch) - q.tS).toFixed(2) : '-'} s`);
    expect(hit).toBeDefined();
    expect(hit!.phase).toBe('phasing-2');
    expect(Math.abs(hit!.missDistanceKm - 1)).toBeLessThan(0.05);
    expect(Math.abs(hit!.tca.secondsSince(plan.insertionEpoch) - q.tS)).toBeLessThan(2);
    expect(res.conjunctions.some((c) => c.objectId === 900002)).toBe(false);
  });
});

/**
 * A free-flight start state (at `epoch`) whose orbit (420 km circular, 51.64°, ascending) passes over (latDeg, lonDeg)
 * `afterS` seconds later: built over the site at that time (ITRF → GCRF by the Earth orientation), then propagated
 * back with J2.
 */
function overSite(latDeg: number, lonDeg: number, afterS: number): { epoch: typeof epoch; stateGcrf: number[] } {
  const orient = new EarthOrientation(epoch, ts, 0);
  const m = new Float64Array(9);
  orient.gcrfToItrfInto(afterS, m);
  const toGcrf = (x: readonly number[]): number[] => [0, 1, 2].map((i) => m[i]! * x[0]! + m[3 + i]! * x[1]! + m[6 + i]! * x[2]!);
  const r = toGcrf(geodeticToItrf({ latRad: latDeg * D, lonRad: lonDeg * D, heightKm: 420 }));
  const rn = Math.hypot(...r);
  const up = r.map((x) => x / rn);
  const east = (() => { const e = [-up[1]!, up[0]!, 0]; const n = Math.hypot(...e); return e.map((x) => x / n); })();
  const north = [up[1]! * east[2]! - up[2]! * east[1]!, up[2]! * east[0]! - up[0]! * east[2]!, up[0]! * east[1]! - up[1]! * east[0]!];
  const phi = Math.asin(up[2]!);
  const az = Math.asin(Math.cos(51.64 * D) / Math.cos(phi));
  const vc = Math.sqrt(MU / rn);
  const v = [0, 1, 2].map((k) => vc * (Math.sin(az) * east[k]! + Math.cos(az) * north[k]!));
  const back = new NumericalPropagator({ timeScales: ts, forces: [new ZonalGravity({ maxDegree: 2 })] }).propagate({ epoch: epoch.plusSeconds(afterS), state: [...r, ...v], stop: -afterS });
  return { epoch, stateGcrf: Array.from(back.finalState) };
}

describe('Return from a free-flying stay lands within 30 km of the Dongfeng landing site', () => {
  it('finds landing windows, deorbits, crosses 120 km and lands near the site', () => {
    const site = findLandingSite('dongfeng');
    const t0 = performance.now();
    const plan = planReturn({ start: overSite(site.latDeg, site.lonDeg, 1.4 * 86400), stayDays: 1, searchDays: 1, site, maxCrossRangeKm: 50, maxOpportunities: 2 }, ts);
    const ms = performance.now() - t0;
    expect(plan.opportunities.length).toBeGreaterThan(0);
    const hav = (la1: number, lo1: number, la2: number, lo2: number): number => 2 * 6371.0088 * Math.asin(Math.sqrt(Math.sin(((la2 - la1) * D) / 2) ** 2 + Math.cos(la1 * D) * Math.cos(la2 * D) * Math.sin(((lo2 - lo1) * D) / 2) ** 2));
    let worst = 0;
    for (const o of plan.opportunities) {
      const d = hav(o.landing.latDeg, o.landing.lonDeg, site.latDeg, site.lonDeg);
      worst = Math.max(worst, d);
      console.info(`return: deorbit ${ts.formatUtcIso(o.deorbitEpoch, 0)} Δv ${o.deorbitDeltaVMps.toFixed(1)} m/s, EI ${ts.formatUtcIso(o.entryInterface.epoch, 0)} γ ${o.entryInterface.flightPathDeg.toFixed(2)}°, landing ${o.landing.latDeg.toFixed(2)}, ${o.landing.lonDeg.toFixed(2)} at ${d.toFixed(1)} km (cross-range ${o.crossRangeKm.toFixed(1)} km)`);
      expect(d).toBeLessThan(30);
      expect(o.deorbitDeltaVMps).toBeGreaterThan(90);
      expect(o.deorbitDeltaVMps).toBeLessThan(160);
      expect(o.entryInterface.flightPathDeg).toBeLessThan(-0.5);
      expect(o.entryInterface.flightPathDeg).toBeGreaterThan(-3);
      expect(o.entryInterface.epoch.secondsSince(o.deorbitEpoch)).toBeGreaterThan(0);
      expect(o.landing.epoch.secondsSince(o.entryInterface.epoch)).toBeGreaterThan(0);
      expect(o.deorbitEpoch.secondsSince(plan.stay.endEpoch)).toBeGreaterThanOrEqual(0);
    }
    console.info(`return: worst landing distance ${worst.toFixed(1)} km; ${ms.toFixed(0)} ms`);
  });
});
