/**
 * Reentry inputs and outputs that need no outside data: typed answers to bad histories (two objects mixed, epochs out
 * of order, a set already below the 80 km interface), and the CCSDS RDM (508.1-B-1) writers: the XML validates
 * against the NDM/XML 2.0.0 schema (validation/ccsds-schemas, `ndmxml-2.0.0-rdm-1.0.xsd`) and KVN → XML → KVN round
 * trips keep every field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  predictReentry,
  rdmFromPrediction,
  readRdmKvn,
  readRdmXml,
  ReentryInputError,
  validateNdmXml,
  splitAtAntimeridian,
  writeRdmKvn,
  writeRdmXml,
  type ElementSet,
  type RdmMessage,
  type SchemaFile,
} from '../../src/index.ts';
import { decayHistorySet } from './decayHistorySet.ts';

const ts = createTimeScales();
const epoch0 = ts.fromUtc(2026, 5, 1, 0, 0, 0);
const set = (catalogNumber: number, day: number, heightKm: number): ElementSet => decayHistorySet(ts, catalogNumber, day, heightKm);

function reason(f: () => unknown): { reason: string; code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof ReentryInputError) return { reason: e.reason, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('no error thrown');
}

describe('reentry: bad histories give typed, specific answers', () => {
  it('a history mixing two objects → MIXED_OBJECTS naming both', () => {
    const r = reason(() => predictReentry([set(1001, 0, 300), set(1001, 1, 299), set(2002, 2, 298)], { timeScales: ts, samples: 1 }));
    expect(r.reason).toBe('MIXED_OBJECTS');
    expect(r.code).toBe('ARGUMENT_INVALID');
    expect(r.message).toContain('1001, 2002');
  });
  it('epochs out of order → EPOCHS_OUT_OF_ORDER naming the set', () => {
    const r = reason(() => predictReentry([set(1001, 0, 300), set(1001, 2, 299), set(1001, 1, 298)], { timeScales: ts, samples: 1 }));
    expect(r.reason).toBe('EPOCHS_OUT_OF_ORDER');
    expect(r.message).toMatch(/Element set 3/);
  });
  it('an element set already below 80 km → ALREADY_BELOW_INTERFACE (OBJECT_DECAYED)', () => {
    const r = reason(() => predictReentry([set(1001, 0, 200), set(1001, 1, 150), set(1001, 2, 70)], { timeScales: ts, samples: 1 }));
    expect(r.reason).toBe('ALREADY_BELOW_INTERFACE');
    expect(r.code).toBe('OBJECT_DECAYED');
  });
  it('no set at or before the as-of time → TOO_FEW_ELEMENT_SETS', () => {
    const r = reason(() => predictReentry([set(1001, 1, 300), set(1001, 2, 299)], { timeScales: ts, asOf: epoch0, samples: 1 }));
    expect(r.reason).toBe('TOO_FEW_ELEMENT_SETS');
  });
});

const schemaDir = new URL('../../../../validation/ccsds-schemas/', import.meta.url);
const schemas: SchemaFile[] = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.xsd'))
  .map((f) => ({ fileName: f, contents: readFileSync(new URL(f, schemaDir), 'utf8') }));

const message: RdmMessage = {
  header: { creationDate: '2020-10-06T03:00:00.000Z', originator: 'SKYLANE', messageId: 'RDM-41868-1', comments: ['test message'] },
  metadata: {
    objectName: 'SZ-11 MODULE',
    internationalDesignator: '2016-061G',
    catalogName: 'SATCAT',
    objectDesignator: '41868',
    controlledReentry: 'NO',
    centerName: 'EARTH',
    timeSystem: 'UTC',
    epochTzero: '2020-10-06T02:18:19.040Z',
    atmosphericModel: 'NRLMSISE-00',
    solarFluxPrediction: 'observed to 2020-10-05, persistence after',
    dragParametersSource: 'fitted to 18 element sets',
    reentryUncertaintyMethod: 'STOCHASTIC',
  },
  data: {
    comments: ['window from 200 Monte Carlo samples'],
    orbitLifetimeDays: 0.4564,
    reentryAltitudeKm: 80,
    orbitLifetimeWindowStartDays: 0.35,
    orbitLifetimeWindowEndDays: 0.55,
    nominalReentryEpoch: '2020-10-06T13:15:00Z',
    reentryWindowStart: '2020-10-06T10:45:00Z',
    reentryWindowEnd: '2020-10-06T15:30:00Z',
    orbitLifetimeConfidencePercent: 90,
    nominalImpactLonDeg: -120.2,
    nominalImpactLatDeg: -34.9,
    ballisticCoeffKgPerM2: 139.2,
  },
};

describe('reentry: CCSDS RDM 508.1-B-1', () => {
  it('RDM XML validates against ndmxml-2.0.0-rdm-1.0.xsd (through the master schema)', async () => {
    const xml = writeRdmXml(message);
    const r = await validateNdmXml(xml, schemas);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });
  it('a schema violation is caught (CONTROLLED_REENTRY = MAYBE)', async () => {
    const bad = writeRdmXml(message).replace('<CONTROLLED_REENTRY>NO<', '<CONTROLLED_REENTRY>MAYBE<');
    expect((await validateNdmXml(bad, schemas)).valid).toBe(false);
  });
  it('KVN → message → XML → message → KVN round trip keeps every field', () => {
    const kvn = writeRdmKvn(message);
    expect(kvn.split('\n')[0]).toMatch(/^CCSDS_RDM_VERS\s+= 1\.0$/);
    expect(kvn).toMatch(/ORBIT_LIFETIME\s+= 0\.4564 \[d\]/);
    const fromKvn = readRdmKvn(kvn);
    expect(fromKvn).toEqual(message);
    const fromXml = readRdmXml(writeRdmXml(fromKvn));
    expect(fromXml).toEqual(message);
    expect(writeRdmKvn(fromXml)).toBe(kvn);
  });
  it('a KVN without a required keyword is refused with the keyword named', () => {
    const kvn = writeRdmKvn(message).replace(/^EPOCH_TZERO.*\n/m, '');
    expect(() => readRdmKvn(kvn)).toThrow(/EPOCH_TZERO/);
  });
});

describe('reentry: a prediction as RDM and GeoJSON', () => {
  it('synthetic 1 km/day decay from 200 km (constant space weather): RDM of the prediction validates, ground track is RFC 7946', async () => {
    const sets = Array.from({ length: 8 }, (_, k) => set(3003, k * 0.5, 200 - 1.2 * k * 0.5 - 0.05 * k * k));
    const p = predictReentry(sets, { timeScales: ts, samples: 8 });
    expect(p.atmosphere).toBe('constant');
    expect(p.predictedEpoch).not.toBeNull();
    const rdm = rdmFromPrediction(p, { creationDate: '2026-05-05T00:00:00Z', originator: 'SKYLANE TEST', messageId: 'T-1', timeScales: ts });
    const r = await validateNdmXml(writeRdmXml(rdm), schemas);
    expect(r.errors).toEqual([]);
    expect(readRdmXml(writeRdmXml(rdm))).toEqual(rdm);
    const track = p.groundTrack.features.find((f) => f.geometry.type === 'MultiLineString');
    expect(track).toBeDefined();
    for (const line of track!.geometry.coordinates as number[][][]) {
      expect(line.length).toBeGreaterThanOrEqual(2);
      for (const [lon, lat] of line) {
        expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat!)).toBeLessThanOrEqual(51.6 + 0.3);
      }
    }
  }, 60_000);
  it('antimeridian split: 170°E → 170°W becomes two lines meeting at ±180° with the interpolated latitude', () => {
    const lines = splitAtAntimeridian([
      { lonDeg: 170, latDeg: 10 },
      { lonDeg: -170, latDeg: 12 },
    ]);
    expect(lines).toEqual([
      [
        [170, 10],
        [180, 11],
      ],
      [
        [-180, 11],
        [-170, 12],
      ],
    ]);
  });
});
