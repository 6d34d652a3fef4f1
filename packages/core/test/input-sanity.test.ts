// Input sanity (issue 11 item 7) and bounded failure lists (item 1): the readers refuse physically impossible records
// with the field and reason, as ordinary per-record failures, keep real data (CelesTrak's ISS set, the Orekit CDM
// example, Blue Book OEMs) and count millions of bad lines in bounded memory.
import { describe, expect, it } from 'vitest';
import {
  PHYSICAL_LIMITS,
  ParseError,
  readCdmKvn,
  readElementSets,
  readOemKvn,
  recordList,
  screeningWindowViolation,
  tallyOf,
  writeElementSets,
  type RecordFailure,
} from '../src/index.ts';
import { readText, ts, validation } from './catalog-helpers.ts';

/** CelesTrak's ISS OMM JSON record (2026-03-09), the base every bad record is made from. */
const ISS = {
  OBJECT_NAME: 'ISS (ZARYA)',
  OBJECT_ID: '1998-067A',
  EPOCH: '2026-03-09T16:57:59.385984',
  MEAN_MOTION: 15.48547200,
  ECCENTRICITY: 0.000802,
  INCLINATION: 51.6323,
  RA_OF_ASC_NODE: 72.271,
  ARG_OF_PERICENTER: 174.6781,
  MEAN_ANOMALY: 185.4294,
  EPHEMERIS_TYPE: 0,
  CLASSIFICATION_TYPE: 'U',
  NORAD_CAT_ID: 25544,
  ELEMENT_SET_NO: 999,
  REV_AT_EPOCH: 55633,
  BSTAR: 0.0001551,
  MEAN_MOTION_DOT: 0.00007976,
  MEAN_MOTION_DDOT: 0,
};

/** One record per line: `[`, then the records, then `]`. */
function readJson(records: object[]) {
  return readElementSets(`[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`, { format: 'omm-json', timeScales: ts });
}

/** TLE checksum (sum of digits, '-' counts 1, mod 10): the format's own rule, to build test lines. */
function withChecksum(line68: string): string {
  let sum = 0;
  for (const ch of line68) sum += ch >= '0' && ch <= '9' ? Number(ch) : ch === '-' ? 1 : 0;
  return line68 + String(sum % 10);
}

describe('GP element sets: physical sanity at the reader (OMM JSON, TLE)', () => {
  it('keeps the real ISS set and refuses each impossible field with its name, code and record line', () => {
    const bad = [
      { ...ISS, EPOCH: '1950-01-01T00:00:00' },
      { ...ISS, EPOCH: '2150-06-01T00:00:00' },
      { ...ISS, MEAN_MOTION: 17.5 },
      { ...ISS, BSTAR: 1e3 },
      { ...ISS, BSTAR: -42 },
    ];
    const r = readJson([ISS, ...bad]);
    expect(r.elementSets.map((s) => s.catalogNumber)).toEqual([25544]);
    expect(r.failures.map((f) => [f.field, f.code])).toEqual([
      ['EPOCH', 'TIME_OUT_OF_RANGE'],
      ['EPOCH', 'TIME_OUT_OF_RANGE'],
      ['MEAN_MOTION', 'ELEMENTS_INVALID'],
      ['BSTAR', 'ELEMENTS_INVALID'],
      ['BSTAR', 'ELEMENTS_INVALID'],
    ]);
    // Each failure names the line of its own record (one record per line here).
    expect(r.failures.map((f) => f.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.failures[2]!.reason).toMatch(/17\.5 rev\/day is above 17 rev\/day/);
  });

  it('accepts the edges: 1957-10-04 epoch, 17 rev/day, the worst published B* (−1.4618, 66916 on 2026-03-10)', () => {
    const r = readJson([
      { ...ISS, EPOCH: '1957-10-04T19:28:34' },
      { ...ISS, MEAN_MOTION: PHYSICAL_LIMITS.maxMeanMotionRevPerDay },
      { ...ISS, BSTAR: -1.4618149 },
      { ...ISS, EPOCH: '2100-12-31T23:59:59' },
    ]);
    expect(r.failures).toEqual([]);
    expect(r.elementSets.length).toBe(4);
  });

  it('TLE: mean motion 17.2 rev/day on line 2 is refused at line 2, column 53', () => {
    const l1 = '1 25544U 98067A   26068.70691881  .00007976  00000+0  15510-3 0  9995';
    const l2 = withChecksum('2 25544  51.6323  72.2710 0008020 174.6781 185.4294 17.2054720055633');
    const r = readElementSets(`ISS\n${l1}\n${l2}\n`, { format: 'tle', timeScales: ts });
    expect(r.elementSets).toEqual([]);
    expect(r.failures.length).toBe(1);
    expect(r.failures[0]).toMatchObject({ line: 3, field: 'MEAN_MOTION', code: 'ELEMENTS_INVALID' });
  });
});

describe('CDM and OEM: physical sanity at the reader', () => {
  const cdm = readText(validation('orekit-cdm', 'CDMExample1.txt'));

  it('the Orekit CDM example reads; a negative MISS_DISTANCE is refused naming the field', () => {
    expect(readCdmKvn(cdm, { timeScales: ts }).cdms.length).toBe(1);
    const neg = cdm.replace(/^MISS_DISTANCE(\s*)= 715/m, 'MISS_DISTANCE$1= -715');
    expect(neg).not.toBe(cdm);
    expect(() => readCdmKvn(neg, { timeScales: ts })).toThrowError(ParseError);
    try {
      readCdmKvn(neg, { timeScales: ts });
    } catch (e) {
      expect(e).toMatchObject({ field: 'MISS_DISTANCE', code: 'FIELD_INVALID' });
    }
  });

  it('an HBR of 2 km (CARA comment) is refused; 20 m is kept', () => {
    const withHbr = (m: number) => cdm.replace(/^(TCA\s*=.*)$/m, `COMMENT HBR = ${m} [m]\n$1`);
    expect(readCdmKvn(withHbr(20), { timeScales: ts }).cdms.length).toBe(1);
    expect(() => readCdmKvn(withHbr(2000), { timeScales: ts })).toThrowError(/HBR 2000 m is outside 0–1000 m/);
  });

  it('an Earth-centred OEM state inside the Earth fails its segment at that row; a Mars-centred one is not judged by Earth', () => {
    const oem = (center: string, x: number) =>
      [
        'CCSDS_OEM_VERS = 2.0',
        'CREATION_DATE = 2026-03-10T00:00:00',
        'ORIGINATOR = TEST',
        'META_START',
        'OBJECT_NAME = SAT',
        'OBJECT_ID = 25544',
        `CENTER_NAME = ${center}`,
        'REF_FRAME = EME2000',
        'TIME_SYSTEM = UTC',
        'START_TIME = 2026-03-10T00:00:00',
        'STOP_TIME = 2026-03-10T00:02:00',
        'META_STOP',
        '2026-03-10T00:00:00 6778.0 0.0 0.0 0.0 7.67 0.0',
        `2026-03-10T00:01:00 ${x} 460.0 0.0 -0.5 7.65 0.0`,
        '2026-03-10T00:02:00 6740.0 920.0 0.0 -1.0 7.6 0.0',
        '',
      ].join('\n');
    expect(readOemKvn(oem('EARTH', 6760), { timeScales: ts }).failures).toEqual([]);
    const inside = readOemKvn(oem('EARTH', 100), { timeScales: ts });
    expect(inside.segments).toEqual([]);
    expect(inside.failures).toHaveLength(1);
    expect(inside.failures[0]).toMatchObject({ line: 14, field: 'X', code: 'FIELD_INVALID' });
    expect(inside.failures[0]!.reason).toMatch(/inside the Earth/);
    expect(readOemKvn(oem('MARS', 100), { timeScales: ts }).failures).toEqual([]);
  });
});

describe('screening window against the elements epoch', () => {
  const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
  it('a window 30 days on is fine, 40 years on is refused, 2150 is out of range', () => {
    const at = (iso: string) => ts.parseUtcIso(iso);
    expect(screeningWindowViolation(at('2026-04-09T00:00:00Z'), at('2026-04-16T00:00:00Z'), epoch, ts)).toBeUndefined();
    expect(screeningWindowViolation(at('2066-03-10T00:00:00Z'), at('2066-03-17T00:00:00Z'), epoch, ts)?.reason).toMatch(/40\.0 years from the newest element-set epoch/);
    expect(screeningWindowViolation(at('2150-01-01T00:00:00Z'), at('2150-01-08T00:00:00Z'), epoch, ts)?.code).toBe('TIME_OUT_OF_RANGE');
  });
});

describe('bounded failure lists', () => {
  it('recordList keeps the first N and counts every push by code', () => {
    const l = recordList<RecordFailure>(3);
    for (let i = 1; i <= 10; i++) l.push({ line: i, code: i % 2 === 0 ? 'PARSE_ERROR' : 'FIELD_MISSING', reason: 'x' });
    expect(l.map((f) => f.line)).toEqual([1, 2, 3]);
    expect(tallyOf(l)).toEqual({ total: 10, byCode: { FIELD_MISSING: 5, PARSE_ERROR: 5 } });
  });

  it('250,000 garbage "1 x" lines: 100 failures kept, every one counted, the same counts as without a cap', () => {
    const text = '1 x\n'.repeat(250_000);
    const capped = readElementSets(text, { timeScales: ts, maxFailures: 100, maxWarnings: 100 });
    expect(capped.format).toBe('tle');
    expect(capped.failures.length).toBe(100);
    expect(capped.failures[99]!.line).toBe(100);
    expect(capped.failureTally).toEqual({ total: 250_000, byCode: { FIELD_MISSING: 250_000 } });
    const small = readElementSets('1 x\n'.repeat(1000), { timeScales: ts });
    expect(small.failures.length).toBe(1000);
    expect(small.failureTally.total).toBe(1000);
  });
});

describe('CSV export neutralises spreadsheet formulas (OWASP CSV injection)', () => {
  it('text cells starting with = + - @ get an apostrophe; negative numbers keep their sign', () => {
    const [iss] = readJson([{ ...ISS, BSTAR: -0.0001551 }]).elementSets;
    const names = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB'];
    const sets = names.map((n, i) => ({ ...iss!, catalogNumber: 90000 + i, objectName: n }));
    const csv = writeElementSets(sets, 'csv', { timeScales: ts, creationDate: ts.parseUtcIso('2026-03-10T00:00:00Z'), originator: 'TEST' });
    const rows = csv.trim().split('\n').slice(1);
    const cells = rows.map((r) => r.match(/^("(?:[^"]|"")*"|[^,]*)/)![0]);
    expect(cells).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTAB"]);
    for (const r of rows) expect(r).toMatch(/,-[.\d]/);
    const back = readElementSets(csv, { format: 'csv', timeScales: ts });
    expect(back.failures).toEqual([]);
    expect(back.elementSets[0]!.bstarPerEarthRadii).toBeCloseTo(-0.0001551, 12);
  });
});
