/**
 * UCT linking across uploads, simulate-then-recover: two unknown LEO objects observed by three radars (sensor
 * simulator, seeded noise) in separate uploads hours apart. The oracle is the simulation's truth (the SGP4 element
 * sets the simulator observed): the linked object's orbit must match it, and no arc of one object may be linked to
 * the other.
 */
import { describe, expect, it } from 'vitest';
import { linkUctArcs, sgp4InputFrom, Sgp4Satellite, simulateTracking, type ElementSet, type Observation, type RadarSensor, type UctArc } from '../../src/index.ts';
import { loadCatalog, timeScales as ts } from '../screening-helpers.ts';

const catalog = loadCatalog();
const radars: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000 },
];
const start = ts.parseUtcIso('2026-03-10T00:00:00Z');

/** Arcs (station passes, split at gaps > 600 s) of one simulated object, objectId removed (the objects are unknown). */
function arcsOf(obs: readonly Observation[], catalogNumber: number): (UctArc & { t0: number })[] {
  const out: (UctArc & { t0: number; last: number })[] = [];
  for (const o of obs.filter((x) => x.objectId === catalogNumber)) {
    const t = o.epoch.secondsSince(start);
    const { objectId: _drop, ...bare } = o;
    const arc = out.find((a) => a.station.name === o.station && t - a.last <= 600);
    if (arc !== undefined) {
      (arc.observations as Observation[]).push(bare);
      arc.last = t;
    } else out.push({ id: `${catalogNumber}/${o.station}/${out.length}`, station: radars.find((r) => r.name === o.station)!, observations: [bare], t0: t, last: t });
  }
  return out.filter((a) => a.observations.length >= 9).sort((a, b) => a.t0 - b.t0);
}

function truthTeme(set: ElementSet, epoch: ElementSet['epoch']): number[] {
  const s = Sgp4Satellite.create(sgp4InputFrom(set, ts)).propagateMinutes(ts.utcClockSecondsBetween(set.epoch, epoch) / 60);
  return [...s.r, ...s.v];
}

describe('UCT linking across uploads (sensor simulator truth)', () => {
  const objA = catalog.find((s) => s.catalogNumber === 815)!;
  const objB = catalog.find((s) => s.catalogNumber === 25544)!;
  const sim = simulateTracking([{ elementSet: objA }, { elementSet: objB }], radars, { timeScales: ts, start, durationS: 12 * 3600, stepS: 20, seed: 7 });
  const arcsA = arcsOf(sim.observations, 815);
  const arcsB = arcsOf(sim.observations, 25544);

  it('three uploads hours apart from different stations → one provisional object per unknown object, orbit within 100 m and 3σ / 0.1 m/s of the truth; no false link', () => {
    // Upload 1: the first arc of each object; upload 2: the next arc of each from another station, hours later;
    // upload 3: a later arc of A.
    const a1 = arcsA[0]!;
    const a2 = arcsA.find((a) => a.station.name !== a1.station.name && a.t0 - a1.t0 >= 3600)!;
    const a3 = arcsA.find((a) => a.t0 - a2.t0 >= 3600 && a.id !== a2.id)!;
    const b1 = arcsB[0]!;
    const b2 = arcsB.find((b) => b.t0 - b1.t0 >= 3600)!;
    expect(a1 && a2 && a3 && b1 && b2, 'the simulation gives the arcs the scenario needs').toBeTruthy();
    const spanH = (a3.t0 - a1.t0) / 3600;

    const u1 = linkUctArcs([a1, b1], [], [], { timeScales: ts });
    expect(u1.objects).toHaveLength(0);
    expect(new Set(u1.pendingArcIds)).toEqual(new Set([a1.id, b1.id]));

    const u2 = linkUctArcs([a2, b2], [], [a1, b1], { timeScales: ts });
    expect(u2.objects).toHaveLength(2);
    const objOfA = u2.objects.find((o) => o.arcIds.includes(a2.id))!;
    const objOfB = u2.objects.find((o) => o.arcIds.includes(b2.id))!;
    expect(new Set(objOfA.arcIds), 'A is linked to A only').toEqual(new Set([a1.id, a2.id]));
    expect(new Set(objOfB.arcIds), 'B is linked to B only').toEqual(new Set([b1.id, b2.id]));

    const u3 = linkUctArcs([a3], [{ key: '800000', elementSet: objOfA.elementSet, arcs: [a1, a2] }, { key: '800001', elementSet: objOfB.elementSet, arcs: [b1, b2] }], [], { timeScales: ts });
    expect(u3.objects).toHaveLength(1);
    const fitted = u3.objects[0]!;
    expect(fitted.key, 'the later arc correlates to the provisional object of A').toBe('800000');
    expect(fitted.arcIds).toEqual([a1.id, a2.id, a3.id]);
    expect(fitted.weightedRms).toBeLessThan(2);

    // Truth at the fitted set's epoch (TEME).
    const truth = truthTeme(objA, fitted.elementSet.epoch);
    const dr = Math.hypot(...[0, 1, 2].map((i) => fitted.stateTeme[i]! - truth[i]!));
    const dv = Math.hypot(...[3, 4, 5].map((i) => fitted.stateTeme[i]! - truth[i]!));
    const sigmaR = Math.sqrt(fitted.covarianceTeme[0]! + fitted.covarianceTeme[7]! + fitted.covarianceTeme[14]!);
    console.info(`UCT linking A (${fitted.observationCount} obs, 3 stations, ${spanH.toFixed(1)} h): |Δr| ${(dr * 1000).toFixed(1)} m (σ ${(sigmaR * 1000).toFixed(1)} m), |Δv| ${(dv * 1000).toFixed(3)} m/s, weighted RMS ${fitted.weightedRms.toFixed(2)}`);
    expect(dr).toBeLessThan(0.1);
    expect(dr).toBeLessThan(3 * sigmaR);
    expect(dv).toBeLessThan(1e-4);
  });

  it('arcs of two different objects alone are not linked (and B’s later arc does not attach to A)', () => {
    const a1 = arcsA[0]!;
    const b2 = arcsB.find((b) => b.t0 - a1.t0 >= 3600)!;
    const r = linkUctArcs([b2], [], [a1], { timeScales: ts });
    expect(r.objects).toHaveLength(0);
    expect(new Set(r.pendingArcIds)).toEqual(new Set([a1.id, b2.id]));
  });

  it('a same-plane neighbour 1° ahead in mean anomaly (≈ 125 km) is not linked to A: the fit cannot explain both arcs', () => {
    const twin: ElementSet = { ...objA, catalogNumber: 99815, meanAnomalyDeg: (objA.meanAnomalyDeg + 1) % 360 };
    const simTwin = simulateTracking([{ elementSet: twin }], radars, { timeScales: ts, start, durationS: 12 * 3600, stepS: 20, seed: 11 });
    const a1 = arcsA[0]!;
    const t2 = arcsOf(simTwin.observations, 99815).find((t) => t.station.name !== a1.station.name && t.t0 - a1.t0 >= 3600)!;
    expect(t2, 'the twin has an arc from another station an hour or more later').toBeDefined();
    const r = linkUctArcs([t2], [], [a1], { timeScales: ts });
    expect(r.objects).toHaveLength(0);
  });
});
