/**
 * Oracle: SGP4 itself. An OEM made by sampling an object's SGP4 trajectory every 60 s (written to KVN text and read
 * back) must reproduce, when it replaces the object's element set, the events of the SGP4 screening: the same pairs,
 * TCA within 1 ms, miss distance within 1 mm (Lagrange) or 0.5 m (Hermite). Why these tolerances: the table's
 * interpolation error at 60 s is r·(ωΔt)^p·C ≈ 1e-9 km (Lagrange 7) to 1e-7 km (Hermite 5) for LEO
 * (ω ≈ 1.1e-3 rad/s) and the KVN text keeps 14 digits (≈ 1e-9 km). But Hermite also fits the tabulated velocities,
 * and SGP4's velocity is not the exact derivative of its position: |dr/dt − v| reaches 2.1e-5 km/s for these two
 * objects (central differences, measured), which bends the Hermite position by up to ≈ 0.3·Δt·δv ≈ 0.4 m. TCA errors
 * (≈ δr / v_rel, and the TCA condition is insensitive to a constant offset) stay far below 1 ms. The frame
 * chain is checked by the same table in TEME, EME2000 and ITRF. Interpolation is checked on polynomials it must
 * reproduce exactly, and coverage and refused metadata on hand-made segments.
 */
import { describe, expect, it } from 'vitest';
import {
  createTrajectory,
  ephemerisInputFromOem,
  interpolateState,
  InterpolationScratch,
  readOemKvn,
  sgp4InputFrom,
  Sgp4Satellite,
  temeToEme2000,
  temeToItrf,
  writeOemKvn,
  type ElementSet,
  type EphemerisInput,
  type Instant,
  type OemFrame,
  type TrajectoryInput,
} from '../src/index.ts';
import { planScreeningInputs, runScreeningPlan, type ScreeningOptions, type ScreeningResult } from '../src/screening/index.ts';
import { denseLeoSubset, loadCatalog, timeScales as ts } from './screening-helpers.ts';

const all = loadCatalog();
const FLEET = [25544, 44725];
const PARTNERS = [52757, 52754, 66812, 59348, 58480, 62602];
const byId = new Map(all.map((s) => [s.catalogNumber, s]));
// Objects that share a fleet member's element set (the modules docked to the ISS carry its elements) are left out:
// against SGP4 their relative motion is exactly zero, against an ephemeris it is interpolation noise (1e-10 km),
// whose sign changes would be reported as a train of sub-millimetre "encounters".
const sameOrbit = (s: ElementSet): boolean => !FLEET.includes(s.catalogNumber) && FLEET.some((id) => byId.get(id)!.meanMotionRevPerDay === s.meanMotionRevPerDay && byId.get(id)!.meanAnomalyDeg === s.meanAnomalyDeg);
const sets: ElementSet[] = [...new Map([...denseLeoSubset(all, 300), ...[...FLEET, ...PARTNERS].map((id) => byId.get(id)!)].map((s) => [s.catalogNumber, s])).values()].filter((s) => !sameOrbit(s));
const start = ts.parseUtcIso('2026-03-10T12:00:00Z');
const durationS = 6 * 3600;
const options: ScreeningOptions = { start, durationS, volume: { kind: 'sphere', radiusKm: 10 }, primaries: FLEET, timeScales: ts };
const oneMillimetreKm = 1e-6;
const oneMillisecond = 1e-3;

/** SGP4 states of `set` every `stepS` from `from` for `count` nodes, as an OEM (KVN text) in `frame`. */
function sampledOem(set: ElementSet, frame: OemFrame, from: Instant, stepS: number, count: number, interpolation?: { interpolation: 'LAGRANGE' | 'HERMITE'; interpolationDegree: number }): string {
  const sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
  const states = Array.from({ length: count }, (_, k) => {
    const epoch = ts.plusUtcClockSeconds(from, k * stepS);
    const teme = sat.propagateAt(ts.toUtcDaySeconds(epoch));
    const sv = frame === 'EME2000' ? temeToEme2000(teme, epoch, ts) : frame === 'ITRF' ? temeToItrf(teme, epoch, ts) : teme;
    return { epoch, state: [...sv.r, ...sv.v] as [number, number, number, number, number, number] };
  });
  return writeOemKvn({ creationDate: from, originator: 'TEST' }, [{ objectName: set.objectName ?? 'X', objectId: String(set.catalogNumber), frame, states, ...interpolation }], ts);
}

function ephemerisOf(text: string, catalogNumber: number): EphemerisInput {
  const read = readOemKvn(text, { timeScales: ts });
  return ephemerisInputFromOem(read.segments[0]!, { catalogNumber, timeScales: ts, originator: 'TEST', creationDate: read.header.creationDate });
}

function screenWith(replacements: ReadonlyMap<number, TrajectoryInput>): ScreeningResult {
  const inputs = sets.map((s) => replacements.get(s.catalogNumber) ?? sgp4InputFrom(s, ts));
  return runScreeningPlan(planScreeningInputs(inputs, options), ts);
}

/** Largest |ΔTCA| and |Δmiss| between two results that must hold the same events. */
function compare(a: ScreeningResult, b: ScreeningResult): { tcaS: number; missKm: number } {
  expect(b.events.map((e) => `${e.object1}-${e.object2}`)).toEqual(a.events.map((e) => `${e.object1}-${e.object2}`));
  let tcaS = 0;
  let missKm = 0;
  a.events.forEach((e, i) => {
    const f = b.events[i]!;
    tcaS = Math.max(tcaS, Math.abs(e.tcaOffsetS - f.tcaOffsetS));
    missKm = Math.max(missKm, Math.abs(e.missDistanceKm - f.missDistanceKm));
  });
  return { tcaS, missKm };
}

describe('screening with operator ephemerides', () => {
  const sgp4 = screenWith(new Map());
  // 60 s nodes from 10 min before the window to 40 min after it (the last knot may pass the window end).
  const from = ts.plusUtcClockSeconds(start, -600);
  const count = (durationS + 3000) / 60 + 1;

  it('the SGP4 screening of the fleet finds events to compare against', () => {
    expect(sgp4.events.length).toBeGreaterThanOrEqual(5);
    expect(sgp4.skipped).toEqual([]);
  });

  it.each([
    ['LAGRANGE', 7, oneMillimetreKm],
    ['HERMITE', 5, 0.5e-3],
  ] as const)('an OEM sampled from SGP4 at 60 s (%s %i, EME2000) reproduces the SGP4 events: TCA ≤ 1 ms, miss within %f km', (method, degree, missTolKm) => {
    const eph = new Map(FLEET.map((id) => [id, ephemerisOf(sampledOem(byId.get(id)!, 'EME2000', from, 60, count, { interpolation: method, interpolationDegree: degree }), id)]));
    const r = screenWith(eph);
    expect(r.skipped).toEqual([]);
    const worst = compare(sgp4, r);
    console.info(`ephemeris ${method} ${degree} vs SGP4: ${r.events.length} events, worst |ΔTCA| ${worst.tcaS.toExponential(2)} s, worst |Δmiss| ${(worst.missKm * 1e6).toExponential(2)} mm`);
    expect(worst.tcaS).toBeLessThanOrEqual(oneMillisecond);
    expect(worst.missKm).toBeLessThanOrEqual(missTolKm);
    // Age of an ephemeris object: days from its first state (10 min before the window start).
    for (const e of r.events) {
      const age = (e.tcaOffsetS + 600) / 86400;
      if (FLEET.includes(e.object1)) expect(e.tcaAgeDays1).toBeCloseTo(age, 9);
      if (FLEET.includes(e.object2)) expect(e.tcaAgeDays2).toBeCloseTo(age, 9);
    }
  }, 300_000);

  it('the same table in TEME, EME2000 and ITRF gives the same states and the same events', () => {
    const iss = byId.get(25544)!;
    const frames = (['TEME', 'EME2000', 'ITRF'] as const).map((f) => ephemerisOf(sampledOem(iss, f, from, 60, count), 25544));
    const trajectories = frames.map((e) => createTrajectory(e));
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let worstR = 0;
    let worstV = 0;
    for (let k = 0; k < 200; k++) {
      const minutes = 10 + (k * (durationS / 60)) / 200 + 0.37;
      expect(trajectories[0]!.propagateInto(minutes, a, 0)).toBe(0);
      for (const t of trajectories.slice(1)) {
        expect(t.propagateInto(minutes, b, 0)).toBe(0);
        worstR = Math.max(worstR, Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!));
        worstV = Math.max(worstV, Math.hypot(a[3]! - b[3]!, a[4]! - b[4]!, a[5]! - b[5]!));
      }
    }
    console.info(`frames TEME/EME2000/ITRF → TEME: worst position ${(worstR * 1e6).toExponential(2)} mm, velocity ${(worstV * 1e9).toExponential(2)} mm/s`);
    expect(worstR).toBeLessThanOrEqual(oneMillimetreKm);
    expect(worstV).toBeLessThanOrEqual(1e-9);
    const eme = screenWith(new Map([[25544, frames[1]!]]));
    const itrf = screenWith(new Map([[25544, frames[2]!]]));
    const worst = compare(eme, itrf);
    expect(worst.tcaS).toBeLessThanOrEqual(oneMillisecond);
    expect(worst.missKm).toBeLessThanOrEqual(oneMillimetreKm);
  }, 300_000);

  it('an ephemeris that does not cover the window skips its object with EPHEMERIS_COVERAGE; one that just covers it is screened', () => {
    const iss = byId.get(25544)!;
    // Ends one hour before the window does.
    const short = ephemerisOf(sampledOem(iss, 'EME2000', from, 60, (durationS - 3600 + 600) / 60 + 1), 25544);
    const r = screenWith(new Map([[25544, short]]));
    const skip = r.skipped.find((s) => s.catalogNumber === 25544)!;
    expect(skip.code).toBe('EPHEMERIS_COVERAGE');
    expect(skip.atOffsetS).toBeCloseTo(durationS - 3600, 6);
    expect(skip.reason).toMatch(/never extrapolated/);
    expect(r.events.some((e) => e.object1 === 25544 || e.object2 === 25544)).toBe(false);
    // The other primary's events are those of the SGP4 run.
    const other = (x: ScreeningResult) => x.events.filter((e) => e.object1 === 44725 || e.object2 === 44725).map((e) => `${e.object1}-${e.object2}-${e.tcaOffsetS}`);
    expect(other(r)).toEqual(other(sgp4));
    // Starts after the window start: skipped from offset 0.
    const late = ephemerisOf(sampledOem(iss, 'EME2000', ts.plusUtcClockSeconds(start, 60), 60, count), 25544);
    expect(screenWith(new Map([[25544, late]])).skipped.find((s) => s.catalogNumber === 25544)).toMatchObject({ code: 'EPHEMERIS_COVERAGE', atOffsetS: 0 });
    // Exactly the window: the knot step is shortened so that the last knot falls inside, and the events match.
    const exact = ephemerisOf(sampledOem(iss, 'EME2000', start, 60, durationS / 60 + 1), 25544);
    const e = screenWith(new Map([[25544, exact]]));
    expect(e.skipped).toEqual([]);
    const worst = compare(sgp4, e);
    expect(worst.tcaS).toBeLessThanOrEqual(oneMillisecond);
  }, 300_000);

  it('refuses other centres and unknown frames or interpolations with a teaching error', () => {
    const text = sampledOem(byId.get(25544)!, 'EME2000', from, 60, 20);
    expect(() => ephemerisOf(text.replace('CENTER_NAME = EARTH', 'CENTER_NAME = MOON'), 25544)).toThrow(/CENTER_NAME MOON is not supported.*EARTH/);
    expect(() => ephemerisOf(text.replace('REF_FRAME = EME2000', 'REF_FRAME = RTN'), 25544)).toThrow(/REF_FRAME RTN is not supported/);
    expect(() => ephemerisOf(text.replace('META_STOP', 'INTERPOLATION = SPLINE\nMETA_STOP'), 25544)).toThrow(/INTERPOLATION SPLINE is not supported/);
    // Too few nodes for the degree: the degree is reduced to what the nodes allow.
    const two = ephemerisOf(sampledOem(byId.get(25544)!, 'TEME', from, 60, 2), 25544);
    expect(two.interpolation).toBe('LAGRANGE');
    expect(two.interpolationDegree).toBe(1);
  });

  it('Lagrange of degree d and Hermite on n nodes reproduce polynomials of degree d and 2n − 1 exactly', () => {
    const times = Float64Array.from([0, 50, 110, 160, 230, 300, 350, 420]);
    const poly = (t: number, c: number): number => c + 0.3 * t - 2e-3 * t * t + 1e-7 * t ** 5 * (c + 1) - 3e-15 * t ** 7;
    const dpoly = (t: number, c: number): number => 0.3 - 4e-3 * t + 5e-7 * t ** 4 * (c + 1) - 21e-15 * t ** 6;
    const states = new Float64Array(6 * times.length);
    times.forEach((t, k) => {
      for (let c = 0; c < 3; c++) {
        states[6 * k + c] = poly(t, c);
        states[6 * k + 3 + c] = dpoly(t, c);
      }
    });
    const out = new Float64Array(6);
    const scratch = new InterpolationScratch(8);
    for (const t of [3, 77.7, 199, 333.3, 419]) {
      interpolateState('LAGRANGE', times, states, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 8, t, out, 0, scratch);
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(out[c]! - poly(t, c))).toBeLessThan(1e-9 * Math.abs(poly(t, c)) + 1e-9);
        expect(Math.abs(out[3 + c]! - dpoly(t, c))).toBeLessThan(1e-9);
      }
      interpolateState('HERMITE', times, states, Int32Array.from([1, 3, 5, 7]), 4, t, out, 0, scratch);
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(out[c]! - poly(t, c))).toBeLessThan(1e-9 * Math.abs(poly(t, c)) + 1e-9);
        expect(Math.abs(out[3 + c]! - dpoly(t, c))).toBeLessThan(1e-9);
      }
    }
  });
});
