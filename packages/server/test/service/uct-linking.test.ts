/**
 * UCT linking across uploads in the service (issue 13), simulate-then-recover: two unknown LEO objects (SGP4 truth)
 * observed by three radars (core sensor simulator, seeded noise) and posted as three TDMs hours apart. Oracle: the
 * simulation's truth. Upload 2 links each object's tracks into its own provisional object (no track of one object in
 * the other's), upload 3's track of A attaches to A's provisional object, whose orbit matches the truth; tenant B
 * sees nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationsToTdm, readElementSets, Sgp4Satellite, sgp4InputFrom, simulateTracking, writeTdmKvn, type ElementSet, type Observation, type RadarSensor } from '@skylane/core';
import { auth, BACKENDS, makeFixture, SAMPLE_TLE, ts, type Fixture } from './helpers.ts';

const radars: RadarSensor[] = [
  { name: 'FYLINGDALES', latDeg: 54.36, lonDeg: -0.67, altitudeM: 340, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'KWAJALEIN', latDeg: 9.4, lonDeg: 167.48, altitudeM: 10, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
  { name: 'CANBERRA', latDeg: -35.4, lonDeg: 148.98, altitudeM: 600, type: 'radar', maxRangeKm: 4000, sigmaRangeKm: 0.01, sigmaAngleDeg: 0.01 },
];
const stations = radars.map(({ name, latDeg, lonDeg, altitudeM }) => ({ name, latDeg, lonDeg, altitudeM }));

interface Arc {
  readonly station: string;
  readonly t0: number;
  readonly observations: Observation[];
}

function arcsOf(obs: readonly Observation[], catalogNumber: number, start: ElementSet['epoch']): Arc[] {
  const out: (Arc & { last: number })[] = [];
  for (const o of obs.filter((x) => x.objectId === catalogNumber)) {
    const t = o.epoch.secondsSince(start);
    const arc = out.find((a) => a.station === o.station && t - a.last <= 600);
    if (arc !== undefined) {
      arc.observations.push(o);
      arc.last = t;
    } else out.push({ station: o.station, t0: t, observations: [o], last: t });
  }
  return out.filter((a) => a.observations.length >= 9).sort((a, b) => a.t0 - b.t0);
}

/** A TDM of arcs, each arc's object named by a number that only this upload uses (the objects are unknown). */
function tdmOf(arcs: readonly Arc[], upload: number): string {
  const obs = arcs.flatMap((a, i) => a.observations.map((o) => ({ ...o, objectId: 90000 + upload * 10 + i })));
  return writeTdmKvn(observationsToTdm(obs, ts));
}

describe.each(BACKENDS)('UCT linking across uploads ($name)', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('three uploads hours apart → one provisional object per unknown object (no false link), orbit of A within 100 m of the truth', async () => {
    const iss = readElementSets(SAMPLE_TLE, { timeScales: ts }).elementSets[0]!;
    const objA: ElementSet = { ...iss, catalogNumber: 1, raanDeg: (iss.raanDeg + 40) % 360 };
    const objB: ElementSet = { ...iss, catalogNumber: 2, inclinationDeg: 98, meanMotionRevPerDay: 14.6, raanDeg: (iss.raanDeg + 120) % 360 };
    const start = iss.epoch;
    const sim = simulateTracking([{ elementSet: objA }, { elementSet: objB }], radars, { timeScales: ts, start, durationS: 12 * 3600, stepS: 20, seed: 3 });
    const arcsA = arcsOf(sim.observations, 1, start);
    const arcsB = arcsOf(sim.observations, 2, start);
    const a1 = arcsA[0]!;
    const a2 = arcsA.find((a) => a.station !== a1.station && a.t0 - a1.t0 >= 3600)!;
    const a3 = arcsA.find((a) => a.t0 - a2.t0 >= 3600)!;
    const b1 = arcsB[0]!;
    const b2 = arcsB.find((b) => b.t0 - b1.t0 >= 3600 && b.t0 >= a1.t0)!;
    expect(a1 && a2 && a3 && b1 && b2, 'the simulation gives the arcs the scenario needs').toBeTruthy();

    type Linked = { analystNumber: number; created: boolean; trackIds: string[]; newTrackIds: string[]; epoch: string; positionKm: number[]; velocityKmPerS: number[]; weightedRms: number };
    type Sum = { uploadId: number; tracks: { trackId: string; station: string; status: string }[]; linkedObjects: Linked[] };
    const post = async (arcs: Arc[], n: number): Promise<Sum> => {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: JSON.stringify({ tdm: tdmOf(arcs, n), stations }) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Sum>();
    };
    /** `<uploadId>/<trackId>` of the upload's track from `station`. */
    const idOf = (s: Sum, station: string): string => `${s.uploadId}/${s.tracks.find((t) => t.station === station && t.status === 'uct')!.trackId}`;

    const u1 = await post([a1, b1].sort((x, y) => x.t0 - y.t0), 1);
    expect(u1.tracks.every((t) => t.status === 'uct')).toBe(true);
    expect(u1.linkedObjects).toEqual([]);
    const u2 = await post([a2, b2].sort((x, y) => x.t0 - y.t0), 2);
    expect(u2.linkedObjects).toHaveLength(2);
    const linkA = u2.linkedObjects.find((o) => o.trackIds.includes(idOf(u2, a2.station)))!;
    expect(new Set(linkA.trackIds), 'A linked to A only').toEqual(new Set([idOf(u1, a1.station), idOf(u2, a2.station)]));
    const linkB = u2.linkedObjects.find((o) => o.analystNumber !== linkA.analystNumber)!;
    expect(linkB.trackIds).toHaveLength(2);
    expect(linkB.trackIds).not.toContain(idOf(u1, a1.station));
    expect(linkA.analystNumber).toBeGreaterThanOrEqual(800000);

    const u3 = await post([a3], 3);
    expect(u3.linkedObjects).toHaveLength(1);
    const later = u3.linkedObjects[0]!;
    expect(later).toMatchObject({ analystNumber: linkA.analystNumber, created: false, newTrackIds: [idOf(u3, a3.station)] });
    expect(later.trackIds).toHaveLength(3);
    const sv = Sgp4Satellite.create(sgp4InputFrom(objA, ts)).propagateMinutes(ts.utcClockSecondsBetween(objA.epoch, ts.parseUtcIso(later.epoch)) / 60);
    const dr = Math.hypot(...[0, 1, 2].map((i) => later.positionKm[i]! - sv.r[i]!));
    const dv = Math.hypot(...[0, 1, 2].map((i) => later.velocityKmPerS[i]! - sv.v[i]!));
    console.info(`service UCT linking: A from 3 uploads, |Δr| ${(dr * 1000).toFixed(1)} m, |Δv| ${(dv * 1000).toFixed(3)} m/s, weighted RMS ${later.weightedRms.toFixed(2)}`);
    expect(dr).toBeLessThan(0.1);
    expect(dv).toBeLessThan(1e-4);

    const listA = (await f.app.inject({ url: '/api/v1/provisional-objects', headers: auth(f.keys.viewerA) })).json<{ items: { analystNumber: number; method: string; trackIds: string[] }[] }>().items;
    expect(listA.map((p) => p.analystNumber).sort()).toEqual([linkA.analystNumber, linkB.analystNumber].sort());
    expect(listA.find((p) => p.analystNumber === linkA.analystNumber)).toMatchObject({ method: 'sgp4-fit', trackIds: later.trackIds });
    expect((await f.app.inject({ url: '/api/v1/provisional-objects', headers: auth(f.keys.viewerB) })).json<{ items: unknown[] }>().items).toEqual([]);
  }, 60_000);
});
