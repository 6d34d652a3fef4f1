/**
 * Event assessment (screening event → CDM → Pc), checked for consistency against independent paths: the CDM's
 * relative geometry against the screening engine's own TCA output, its Pc against a fresh Foster evaluation of the
 * CDM read back from KVN (the path `skylane pc` takes), and the CCSDS writer/reader round trip.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  adjustToTrueTca,
  assessScreeningEvent,
  conjunctionFromCdm,
  createTimeScales,
  pcFoster1992,
  readCdmKvn,
  readElementSets,
  screenConjunctions,
  writeCdmKvn,
} from '../src/index.ts';

const ts = createTimeScales();
const pair = fileURLToPath(new URL('../../../validation/celestrak-socrates-2026-03-09/gp-pairs/gp_47935,49179.json', import.meta.url));

describe('assessScreeningEvent on the SOCRATES pair GRUS-1E / STARLINK-3043 (TCA 2026-03-12T04:44:40.733Z)', () => {
  const sets = readElementSets(readFileSync(pair, 'utf8'), { format: 'omm-json', timeScales: ts }).elementSets;
  const start = ts.parseUtcIso('2026-03-12T04:00:00Z');
  const result = screenConjunctions(sets, { start, durationS: 3600, volume: { kind: 'sphere', radiusKm: 5 }, timeScales: ts });
  const event = result.events[0]!;
  const byId = new Map(sets.map((s) => [s.catalogNumber, s]));
  const a = assessScreeningEvent(event, byId.get(event.object1)!, byId.get(event.object2)!, {
    timeScales: ts,
    creationDate: ts.parseUtcIso('2026-03-11T00:00:00Z'),
    originator: 'SKYLANE-TEST',
    screenPeriod: [start, start.plusSeconds(3600)],
  });

  it('the CDM carries the engine’s miss distance (1 m), relative speed (1 mm/s) and RTN miss vector (1 m)', () => {
    expect(result.events).toHaveLength(1);
    expect(Math.abs(a.cdm.relative.missDistanceKm - event.missDistanceKm)).toBeLessThan(1e-3);
    expect(Math.abs(a.cdm.relative.relativeSpeedKmPerS! - event.relativeSpeedKmPerS)).toBeLessThan(1e-6);
    const rtn = a.cdm.relative.relativePositionRtnKm!;
    for (let k = 0; k < 3; k++) expect(Math.abs(rtn[k]! - event.missRtnKm[k]!)).toBeLessThan(1e-3);
  });

  it('Pc is a probability, bounded by the maximum Pc, and equal to Foster on the CDM read back from KVN', () => {
    expect(a.pc).toBeGreaterThan(0);
    expect(a.pc).toBeLessThanOrEqual(a.maxPc * (1 + 1e-9));
    const back = readCdmKvn(writeCdmKvn(a.cdm, ts), { timeScales: ts }).cdms[0]!;
    const again = pcFoster1992(adjustToTrueTca(conjunctionFromCdm(back)).conjunction, a.hbrM / 1000).pc;
    expect(Math.abs(again - a.pc) / a.pc).toBeLessThan(1e-6);
    expect(back.relative.collisionProbability).toBeCloseTo(a.pc, 12);
    expect(back.object1.metadata.covarianceMethod).toBe('DEFAULT');
  });

  it('falls back by object type for hard-body radii without a table, and says so', () => {
    expect(a.hbrSources[0]).toMatch(/fallback/);
    expect(a.hbrM).toBeGreaterThan(0);
  });
});
