// CCSDS OPM reader and writer against the CCSDS Blue Book examples (ODM 502.0-B-3 Annex G), Orekit's OPM fixtures
// (values asserted in Orekit's OpmParserTest) and the KVN/XML pairs of egemenimre/ccsds-ndm (same message in both forms);
// writer output validated against the NDM/XML 2.0.0 XSD; OEM covariance blocks written and read back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalUnit,
  createTimeScales,
  ParseError,
  readOemKvn,
  readOpmKvn,
  readOpmXml,
  validateNdmXml,
  writeOemKvn,
  writeOpmKvn,
  writeOpmXml,
  type Opm,
} from '../src/index.ts';
import { loadSchemas } from './cdm-helpers.ts';
import { validation } from './catalog-helpers.ts';

const ts = createTimeScales();
const fixture = (f: string): string => readFileSync(validation('ccsds-opm', f), 'utf8');
const read = (f: string): Opm => (f.endsWith('.xml') ? readOpmXml(fixture(f), { timeScales: ts }) : readOpmKvn(fixture(f), { timeScales: ts })).opm;
const iso = (t: Parameters<typeof ts.formatUtcIso>[0]): string => ts.formatUtcIso(t, 4);

/** The message content without comments (KVN and XML place some comments differently). */
const content = (o: Opm): unknown => JSON.parse(JSON.stringify(o, (k, v: unknown) => (k === 'comments' ? undefined : v && typeof v === 'object' && 'taiDay' in v ? iso(v as never) : v)));

describe('OPM reader: CCSDS Blue Book Annex G and Orekit fixtures', () => {
  it('Blue Book G-2 (opm_g2.kvn): state, Keplerian elements, spacecraft and two maneuvers, units in brackets', () => {
    const o = read('opm_g2.kvn');
    expect(o.version).toBe('3.0');
    expect(o.header.originator).toBe('GSOC');
    expect(o.metadata).toMatchObject({ objectName: 'EUTELSAT W4', objectId: '2021-028A', centerName: 'EARTH', refFrame: 'TOD', timeSystem: 'UTC' });
    expect(iso(o.stateVector.epoch)).toBe('2021-06-03T00:00:00.0000Z');
    expect(o.stateVector.positionKm).toEqual([6655.9942, -40218.5751, -82.9177]);
    expect(o.stateVector.velocityKmPerS).toEqual([3.11548208, 0.47042605, -0.00101495]);
    expect(o.keplerian).toMatchObject({ semiMajorAxisKm: 41399.5123, eccentricity: 0.020842611, inclinationDeg: 0.117746, anomaly: { kind: 'true', deg: 41.922339 }, gmKm3PerS2: 398600.4415 });
    expect(o.spacecraft).toMatchObject({ massKg: 1913, solarRadAreaM2: 10, solarRadCoeff: 1.3, dragAreaM2: 10, dragCoeff: 2.3 });
    expect(o.maneuvers).toHaveLength(2);
    expect(o.maneuvers[0]).toMatchObject({ durationS: 132.6, deltaMassKg: -18.418, refFrame: 'EME2000', deltaVKmPerS: [-0.023257, 0.0168316, -0.00893444] });
    expect(iso(o.maneuvers[0]!.epochIgnition)).toBe('2021-06-03T09:00:34.1000Z');
    expect(o.maneuvers[1]).toMatchObject({ durationS: 0, deltaMassKg: -1.469, refFrame: 'RTN', deltaVKmPerS: [0.001015, -0.001873, 0] });
    expect(o.maneuvers[1]!.comments).toEqual(['Second maneuver: first station acquisition maneuver', 'impulsive, thrust direction fixed in RTN frame']);
  });

  it('Blue Book G-4 (opm_g4.kvn): covariance in RTN, user-defined parameter', () => {
    const o = read('opm_g4.kvn');
    expect(o.covariance?.refFrame).toBe('RTN');
    expect(o.covariance?.lowerTriangle[0]).toBe(3.331349476038534e-4);
    expect(o.covariance?.lowerTriangle[20]).toBe(6.2244443386355e-10);
    expect(o.userDefined).toEqual([['EARTH_MODEL', 'WGS-84']]);
  });

  it('Blue Book G-3 (KVN) and G-5 (XML) hold the same state and spacecraft (the XML example has its own covariance numbers)', () => {
    const k = read('opm_g3.kvn');
    const x = read('opm_g5.xml');
    expect(x.stateVector.positionKm).toEqual(k.stateVector.positionKm);
    expect(x.stateVector.velocityKmPerS).toEqual(k.stateVector.velocityKmPerS);
    expect(x.spacecraft).toEqual(k.spacecraft);
    expect(x.covariance?.refFrame).toBe('ITRF1997');
    expect(x.covariance?.lowerTriangle[20]).toBe(0.991);
    expect(x.header.messageId).toBe('OPM 201113719185');
  });

  it('Orekit OPMExample5: TIME_SYSTEM GPS reads as GPS (GPS − UTC = 14 s in 2006, from TAI − UTC = 33 s)', () => {
    const o = read('OPMExample5.txt');
    expect(o.metadata.timeSystem).toBe('GPS');
    expect(iso(o.stateVector.epoch)).toBe('2006-06-02T23:59:46.0000Z');
    expect(o.maneuvers).toHaveLength(3);
  });

  it('Orekit OPMExamplePartialManeuver: OPM 3.0 maneuver without duration and mass change is impulsive with no mass change', () => {
    const o = read('OPMExamplePartialManeuver.txt');
    expect(o.maneuvers).toEqual([expect.objectContaining({ durationS: 0, deltaMassKg: 0, refFrame: 'J2000', deltaVKmPerS: [0.001015, -0.001873, 0] })]);
  });

  it('Orekit OPM-non-standard-units: SI and Unicode unit spellings convert to the standard units', () => {
    // The file's TIME_SYSTEM is GMST, which Skylane refuses (below); the unit handling is checked with it set to UTC.
    const o = readOpmKvn(fixture('OPM-non-standard-units.txt').replace('TIME_SYSTEM              = GMST', 'TIME_SYSTEM = UTC'), { timeScales: ts }).opm;
    expect(o.stateVector.positionKm[0]).toBeCloseTo(6503.514, 9);
    expect(o.stateVector.velocityKmPerS[1]).toBeCloseTo(8.74042, 12);
    expect(o.spacecraft?.solarRadAreaM2).toBe(18.77);
    expect(o.covariance?.refFrame).toBe('TEME');
    expect(o.covariance?.lowerTriangle[9]).toBe(4.29602280558729e-10);
    expect(canonicalUnit('km².s⁻²')).toBe('km^2/s^2');
    expect(canonicalUnit('m×s⁻¹')).toBe('m/s');
  });

  it.each([
    ['OPM-incompatible-units.txt', 'FIELD_INVALID', 20, 'SOLAR_RAD_AREA'],
    ['OPM-non-standard-units.txt', 'UNSUPPORTED', 12, 'TIME_SYSTEM'],
    ['OPM-number-format-error.txt', 'UNSUPPORTED', 8, 'TIME_SYSTEM'],
    ['OPMExample6.txt', 'UNSUPPORTED', 13, 'TIME_SYSTEM'],
  ])('Orekit %s is refused with code %s at line %i, field %s', (f, code, line, field) => {
    let err: unknown;
    try {
      read(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ code, line, field });
  });

  it('Orekit OPM-number-format-error (time system set to UTC): SEMI_MAJOR_AXIS "this-is-not-a-number" is named with its line', () => {
    const text = fixture('OPM-number-format-error.txt').replace('TIME_SYSTEM = MET', 'TIME_SYSTEM = UTC').replace('0000-023T02:28:01', '2000-023T02:28:01');
    expect(() => readOpmKvn(text, { timeScales: ts })).toThrow(/line 17, field SEMI_MAJOR_AXIS: "this-is-not-a-number" is not a finite number/);
  });

  it('Orekit OPM-wrong-keyword: an unknown keyword is a structured warning with its line, the rest is read', () => {
    const r = readOpmKvn(fixture('OPM-wrong-keyword.txt'), { timeScales: ts });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'KEYWORD_UNKNOWN', line: 11, field: 'WRONG_KEYWORD' })]);
    expect(r.opm.metadata.timeSystem).toBe('TAI');
    // 1998-12-18T14:28:15.1172 TAI is 31 s later than the same reading in UTC (TAI − UTC = 31 s in 1998).
    expect(iso(r.opm.stateVector.epoch)).toBe('1998-12-18T14:27:44.1172Z');
  });

  it('a missing mandatory keyword and a partial covariance are refused with the keyword', () => {
    expect(() => readOpmKvn(fixture('OPMExample1.txt').replace(/^Z_DOT.*$/m, ''), { timeScales: ts })).toThrow(/field Z_DOT: the OPM has no Z_DOT/);
    expect(() => readOpmKvn(fixture('OPMExample3.txt').replace(/^CZ_DOT_Z_DOT.*$/m, ''), { timeScales: ts })).toThrow(/field CZ_DOT_Z_DOT: the covariance has 20 of its 21 terms/);
  });

  it.each(['502x0b2c1e2_fig3_2_opm', '502x0b2c1e2_fig3_4_opm'])('egemenimre %s: the KVN and XML forms read to the same message', (name) => {
    // The pair differs only in its version label (the XML says 2.0, the KVN 1.0 or 2.0).
    expect({ ...(content(read(`${name}.xml`)) as object), version: '' }).toEqual({ ...(content(read(`${name}.kvn`)) as object), version: '' });
  });
});

describe('OPM writer: round trips and the NDM/XML 2.0.0 schema', () => {
  const schemas = loadSchemas();
  const samples = ['opm_g2.kvn', 'opm_g4.kvn', 'OPMExample3.txt', 'OPMExample5.txt', '502x0b2c1e2_fig3_2_opm.xml'];

  it.each(samples)('%s: KVN → write KVN → read, and → write XML → read, give the same message (comments included)', (f) => {
    const o = read(f);
    const viaKvn = readOpmKvn(writeOpmKvn(o, ts), { timeScales: ts }).opm;
    const viaXml = readOpmXml(writeOpmXml(o, ts), { timeScales: ts }).opm;
    const strip = (x: Opm): unknown => ({ ...(content(x) as object), version: undefined });
    expect(strip(viaKvn)).toEqual(strip(o));
    expect(strip(viaXml)).toEqual(strip(o));
    expect(viaKvn.maneuvers.map((m) => m.comments)).toEqual(o.maneuvers.map((m) => m.comments));
    expect(viaXml.stateVector.comments).toEqual(o.stateVector.comments);
  });

  it.each(samples)('%s: the XML written is valid against ndmxml-2.0.0-opm-2.0.xsd (3.0 header keywords left out)', async (f) => {
    const o = read(f);
    const { messageId: _m, classification: _c, ...header2 } = o.header;
    const r = await validateNdmXml(writeOpmXml({ ...o, header: header2 }, ts), schemas);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('the writer refuses non-finite numbers, naming the field', () => {
    const o = read('opm_g2.kvn');
    expect(() => writeOpmKvn({ ...o, stateVector: { ...o.stateVector, positionKm: [Number.NaN, 0, 0] } }, ts)).toThrow(/OPM X must be a finite number/);
  });

  it('content that only OPM 3.0 can say (MESSAGE_ID, a partial spacecraft block) is written as 3.0 and kept; otherwise 2.0', () => {
    const o = read('opm_g2.kvn');
    expect(writeOpmKvn(o, ts)).toMatch(/^CCSDS_OPM_VERS\s+= 2\.0$/m);
    const partial = { ...o, header: { ...o.header, messageId: 'M-1' }, spacecraft: { comments: [], massKg: 100 } };
    const back = readOpmXml(writeOpmXml(partial, ts), { timeScales: ts }).opm;
    expect(back.version).toBe('3.0');
    expect(back.header.messageId).toBe('M-1');
    expect(back.spacecraft).toEqual({ comments: [], massKg: 100 });
  });
});

describe('OEM writer with covariance blocks (CCSDS 502.0-B-3 §5.2.5)', () => {
  it('Blue Book G-13: covariances read from the example, written and read back bit for bit', () => {
    const text = readFileSync(validation('ccsds-bluebook-oem', 'oem_g13.kvn'), 'utf8');
    const r = readOemKvn(text, { timeScales: ts });
    const seg = r.segments[0]!;
    expect(seg.covariances.length).toBe(2);
    const out = writeOemKvn({ creationDate: r.header.creationDate, originator: r.header.originator }, [
      {
        objectName: seg.metadata.objectName,
        objectId: seg.metadata.objectId,
        frame: 'EME2000',
        // G-13 is centred on Mars; Skylane's writer writes Earth-centred OEMs, so the states are moved out of the Earth (the covariances are what this checks).
        states: seg.states.map((s) => ({ epoch: s.epoch, state: [s.state[0] + 10000, s.state[1], s.state[2], s.state[3], s.state[4], s.state[5]] as const })),
        covariances: seg.covariances.map((c) => ({ epoch: c.epoch, ...(c.refFrame !== undefined ? { refFrame: c.refFrame } : {}), lowerTriangle: c.lowerTriangle })),
      },
    ], ts);
    const back = readOemKvn(out, { timeScales: ts }).segments[0]!;
    expect(back.covariances.map((c) => c.lowerTriangle)).toEqual(seg.covariances.map((c) => c.lowerTriangle));
    expect(back.covariances.map((c) => c.refFrame)).toEqual(seg.covariances.map((c) => c.refFrame));
    expect(back.covariances.map((c) => iso(c.epoch))).toEqual(seg.covariances.map((c) => iso(c.epoch)));
  });

  it('refuses a covariance with a negative variance or the wrong size', () => {
    const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const seg = (lowerTriangle: number[]) => [{ objectName: 'X', objectId: '1', frame: 'GCRF' as const, states: [{ epoch, state: [7000, 0, 0, 0, 7.5, 0] as const }], covariances: [{ epoch, lowerTriangle }] }];
    const good = Array.from({ length: 21 }, (_, n) => ([0, 2, 5, 9, 14, 20].includes(n) ? 1 : 0));
    expect(() => writeOemKvn({ creationDate: epoch, originator: 'T' }, seg(good.slice(0, 20)), ts)).toThrow(/21 lower-triangle values; got 20/);
    expect(() => writeOemKvn({ creationDate: epoch, originator: 'T' }, seg(good.map((v, n) => (n === 14 ? -1 : v))), ts)).toThrow(/negative or non-finite variance/);
  });
});
