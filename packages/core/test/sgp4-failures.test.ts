/**
 * SGP4 failure handling: decayed objects and invalid elements give typed per-object errors, never positions.
 * Oracle for the silent-garbage case: satellite.js itself, which returns a position for these elements.
 */
import { describe, expect, it } from 'vitest';
import { json2satrec, sgp4 } from 'satellite.js';
import { evenlySpacedTimes, PropagationError, propagateBatch, Sgp4Satellite } from '../src/index.ts';
import { decayingSgp4Input } from './helpers/decayingSgp4.ts';

const decaying = decayingSgp4Input;

describe('SGP4 failures are typed errors', () => {
  it('a long-decayed object for which satellite.js silently returns a position gives OBJECT_DECAYED', () => {
    const tsince = 106 * 1440;
    const rec = json2satrec({
      OBJECT_NAME: 'X', OBJECT_ID: 'X', EPOCH: '2026-03-10T00:00:00', MEAN_MOTION: 16, ECCENTRICITY: 0.0001, INCLINATION: 51.6,
      RA_OF_ASC_NODE: 10, ARG_OF_PERICENTER: 20, MEAN_ANOMALY: 30, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 99901,
      ELEMENT_SET_NO: 999, REV_AT_EPOCH: 0, BSTAR: 0.001, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0,
    });
    const garbage = sgp4(rec, tsince);
    expect(garbage).not.toBeNull(); // the silent failure this wrapper exists to catch
    const sat = Sgp4Satellite.create(decaying);
    expect(() => sat.propagateMinutes(tsince)).toThrow(PropagationError);
    try {
      sat.propagateMinutes(tsince);
    } catch (err) {
      expect((err as PropagationError).code).toBe('OBJECT_DECAYED');
      expect((err as PropagationError).objectId).toBe(99901);
    }
  });

  it('invalid elements (e ≥ 1, mean motion ≤ 0, NaN) are refused at initialisation with ELEMENTS_INVALID', () => {
    for (const bad of [{ eccentricity: 1.2 }, { meanMotionRevPerDay: -1 }, { inclinationDeg: Number.NaN }]) {
      expect(() => Sgp4Satellite.create({ ...decaying, ...bad })).toThrow(expect.objectContaining({ code: 'ELEMENTS_INVALID' }));
    }
  });

  it('a batch with decayed and invalid objects completes: NaN slots, status codes and one failure per bad object', () => {
    const good = { ...decaying, catalogNumber: 25544, meanMotionRevPerDay: 15.5, bstarPerEarthRadii: 0.0002 };
    const inputs = [good, decaying, { ...decaying, catalogNumber: 99902, eccentricity: 1.5 }];
    const times = evenlySpacedTimes({ mjd: 61109 + 100, seconds: 0 }, 3600, 24);
    const r = propagateBatch(inputs, times);
    expect(r.failures.map((f) => [f.catalogNumber, f.code])).toEqual([
      [99901, 'OBJECT_DECAYED'],
      [99902, 'ELEMENTS_INVALID'],
    ]);
    expect(r.failures[1]!.timeIndex).toBe(-1);
    for (let j = 0; j < 24; j++) expect(Number.isFinite(r.states[j * 6]!)).toBe(true);
    const decayedSlot = (24 + r.failures[0]!.timeIndex) * 6;
    expect(Number.isNaN(r.states[decayedSlot]!)).toBe(true);
    expect(r.status[24 + r.failures[0]!.timeIndex]).toBeGreaterThan(0);
  });
});
